"""The per-user limit on questions, checked before every other handler (group -1)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.tg import render, texts
from bot.tg.limits import Verdict
from bot.tg.questions import addressed_to_bot, in_group
from bot.tg.state import BotContext


def _is_question(update: Update) -> bool:
    message = update.message
    return bool(update.callback_query or (message and message.text))


async def guard(update: Update, context: BotContext) -> None:
    """Inline queries come keystroke by keystroke: not counted."""
    user = update.effective_user
    if user is None or not _is_question(update):
        return
    verdict = context.bot_data.limiter.check(user.id)
    if verdict is Verdict.ALLOW:
        return
    notice = texts.text(texts.language_for(update, context), "rate_notice")
    if update.callback_query:
        await update.callback_query.answer(notice if verdict is Verdict.NOTIFY else None)
    elif verdict is Verdict.NOTIFY and update.message and (not in_group(update) or addressed_to_bot(update, context)):
        await update.message.reply_text(render.escape(notice), do_quote=in_group(update))
    raise ApplicationHandlerStop  # over the limit: no other handler sees this update
