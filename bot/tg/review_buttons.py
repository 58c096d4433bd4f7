"""/gaps buttons: an admin decides what a cluster of unanswered questions becomes.

A button carries the small id the database gave the cluster's question (`r:12:fund`, or
`r:12:!` for "must decline"), never the question itself: callback data is at most 64
bytes. A press stores the decision; `pledgebot review --from` (or `review` on the server)
applies it to the knowledge, where `check` and the eval can refuse it.
"""

from __future__ import annotations

import asyncio
import logging
import re

from telegram import Update
from telegram.error import BadRequest

from bot.tg import render
from bot.tg.callbacks import answer_stale, message_of
from bot.tg.state import BotContext

log = logging.getLogger(__name__)

REVIEW = "r"
DECLINE_CHOICE = "!"
REVIEW_DATA = re.compile(rf"^{REVIEW}:(?P<id>[1-9]\d{{0,11}}):(?P<choice>!|[^:!]{{1,50}})$", re.ASCII)
NOT_ADMIN = "Sorry, only the bot's maintainers can decide this."
UNAVAILABLE = "The database cannot be written just now; nothing was stored. Try again later."


def gap_keyboard(review_id: int, nearest: list[tuple[str, float]]):
    buttons = [render.button(f"➕ phrasing of {entry} ({score:.2f})", REVIEW, f"{review_id}:{entry}")
               for entry, score in nearest]
    buttons.append(render.button("🚫 must decline", REVIEW, f"{review_id}:{DECLINE_CHOICE}"))
    return render.keyboard(buttons)


def decided_text(question: str, action: str, entry: str | None) -> str:
    what = f"add as a phrasing of {entry}" if action == "phrasing" else "must decline"
    return f"<i>{render.escape(question)}</i>\n✅ Decided: {render.escape(what)}. `pledgebot review` applies it."


async def on_review_button(update: Update, context: BotContext) -> None:
    state = context.bot_data
    query = update.callback_query
    if query.from_user is None or query.from_user.id not in state.admins.user_ids:
        await query.answer(NOT_ADMIN)
        return
    choice = context.match["choice"]
    entry = None if choice == DECLINE_CHOICE else choice
    if state.store is None or (entry is not None and state.engine.knowledge.entry(entry) is None):
        await answer_stale(update, context)
        return
    action = "decline" if entry is None else "phrasing"
    try:
        question = await asyncio.to_thread(state.store.decide_review, int(context.match["id"]), action, entry)
    except Exception:  # noqa: BLE001
        log.exception("Could not store a review decision in %s", state.store.path)
        await query.answer(UNAVAILABLE)
        return
    if question is None:  # an id this database never gave out: forged, or a database since replaced
        await answer_stale(update, context)
        return
    await query.answer("Noted.")
    message = message_of(update)
    if message is not None:
        try:
            await message.edit_text(decided_text(question, action, entry), reply_markup=None)
        except BadRequest as exc:
            log.info("Could not show the decision: %s", exc)
