"""The one error handler: log with the traceback, tell the user briefly, never raise."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.error import NetworkError

from bot.tg import render, texts
from bot.tg.state import BotContext

log = logging.getLogger(__name__)

ERROR_REPLY = texts.text("en", "error")


async def on_error(update: object, context: BotContext) -> None:
    if update is None and isinstance(context.error, NetworkError):  # TimedOut included
        # Fetching updates failed; the Updater retries by itself with a backoff.
        log.warning("Telegram unreachable while fetching updates (%s); retrying", context.error)
        return
    log.error("Error while handling an update", exc_info=context.error)
    if not isinstance(update, Update):
        return
    try:
        asked = getattr(update.effective_message, "text", None)
        reply = texts.text(texts.language_for(update, context, asked), "error")
        if update.callback_query:
            await update.callback_query.answer(reply)
        elif update.effective_message and (update.effective_chat.type == ChatType.PRIVATE
                                           or update.effective_message.text):
            await update.effective_message.reply_text(render.escape(reply))
    except Exception:  # noqa: BLE001 - the error handler must not fail in turn
        log.warning("Could not tell the user about the error", exc_info=True)
