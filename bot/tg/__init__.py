"""The Telegram bot: reads updates, calls the engine, renders replies. No scoring here."""
