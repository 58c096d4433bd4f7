"""The maintainers' commands: /reload, /status and /gaps.

Each is registered twice: gated by a `filters.User` of the admin ids (`state.admins`),
then ungated to `on_not_admin`, which tells anyone else politely that they are not for them.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime, timedelta, timezone

from telegram import Update

from bot.maintenance.gaps import group_unanswered
from bot.tg import render
from bot.tg.reload import reload_knowledge
from bot.tg.review_buttons import gap_keyboard
from bot.tg.state import BotContext

log = logging.getLogger(__name__)

NOT_ADMIN = "Sorry, that command is only for the bot's maintainers."
RECENT = timedelta(days=7)
NEAREST_BUTTONS = 3


async def on_not_admin(update: Update, context: BotContext) -> None:
    await update.effective_message.reply_text(render.escape(NOT_ADMIN))


async def on_reload(update: Update, context: BotContext) -> None:
    message = await reload_knowledge(context.application, asked=True)
    if update.effective_chat.id not in context.bot_data.admins.user_ids:  # admins' private chats were told
        await update.effective_message.reply_text(message)


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    return f"{days}d {hours}h {minutes}m" if days else f"{hours}h {minutes}m"


async def on_status(update: Update, context: BotContext) -> None:
    state = context.bot_data
    knowledge = state.engine.knowledge
    loaded = datetime.fromtimestamp(state.loaded_at, timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    lines = [
        "<b>Status</b>",
        f"Knowledge version {knowledge.version}, {len(knowledge.entries)} entries",
        f"Loaded {loaded}",
        f"Up {_duration(time.time() - state.started_at)}",
    ]
    if state.store is not None:
        try:
            recent = await asyncio.to_thread(state.store.count_unanswered, RECENT)
            lines.append(f"Unanswered: {recent} in the last 7 days")
        except Exception:  # noqa: BLE001
            log.exception("Could not read %s", state.store.path)
            lines.append("Unanswered: the database could not be read")
    if state.store is not None and (problem := state.store.health()):
        lines.append(f"⚠️ {render.escape(problem)}")
    if state.knowledge_problems:
        first, more = state.knowledge_problems[0], len(state.knowledge_problems) - 1
        lines.append(f"⚠️ The latest knowledge edit was rejected: {render.escape(first)}"
                     + (f" (and {more} more; /reload lists them)" if more else ""))
    await update.effective_message.reply_text("\n".join(lines))


async def on_gaps(update: Update, context: BotContext) -> None:
    state = context.bot_data
    if state.store is None:
        await update.effective_message.reply_text("No database is configured.")
        return
    rows = await asyncio.to_thread(state.store.unanswered, RECENT)
    gaps = await asyncio.to_thread(group_unanswered, rows, state.engine, 5)  # off the loop: 100,000 rows take seconds
    if not gaps:
        await update.effective_message.reply_text("No unanswered questions in the last 7 days.")
        return
    await update.effective_message.reply_text(
        "<b>Most asked, not answered (7 days)</b>\nA button stores your decision; `pledgebot review` applies it.")
    for gap in gaps:
        try:
            review_id = await asyncio.to_thread(state.store.stage_review, gap.example)
        except Exception:  # noqa: BLE001
            log.exception("Could not stage %r for review in %s", gap.example, state.store.path)
            review_id = None
        nearest = [(c.entry.id, c.score) for c in state.engine.ranked(gap.example, limit=NEAREST_BUTTONS)]
        text = f"{gap.count}× <i>{render.escape(gap.example)}</i>"
        if gap.variants:
            text += "\n" + "\n".join(f"   also: {render.escape(v)}" for v in gap.variants[:3])
        keyboard = gap_keyboard(review_id, nearest) if review_id is not None else None
        await update.effective_message.reply_text(text, reply_markup=keyboard)


ADMIN_COMMANDS = {"reload": on_reload, "status": on_status, "gaps": on_gaps}
