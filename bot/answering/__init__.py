"""Answering: rank entries for a question and decide what to reply. No Telegram, no I/O per question."""
