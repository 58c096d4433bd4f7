"""Live reload of the knowledge, the periodic clean-ups, and the admins' commands.

The folder is polled (a fingerprint of file names, sizes and times) by the job
queue; a changed folder is loaded and validated in a worker thread and, if it
is valid, swapped in with one assignment. Handlers read `state.engine` once
per update, so questions in flight finish on the version they started with.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.answering.engine import Engine
from bot.maintenance.gaps import group_unanswered
from bot.knowledge.loader import read_knowledge
from bot.knowledge.problems import Problem
from bot.tg import render
from bot.tg.handlers import BotState, state_of

log = logging.getLogger(__name__)

NOT_ADMIN = "Sorry, that command is only for the bot's maintainers."
MAX_PROBLEMS_SHOWN = 10
RECENT = timedelta(days=7)


def fingerprint(directory: Path) -> tuple:
    files = []
    for path in sorted(directory.rglob("*.yaml")):
        try:
            stat = path.stat()
        except OSError:  # removed while we looked
            continue
        files.append((path.relative_to(directory).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(files)


def _load(directory: Path) -> tuple[Engine | None, list[Problem]]:
    result = read_knowledge(directory)
    if result.errors or result.knowledge is None:
        return None, result.errors
    return Engine(result.knowledge).prepare(), []


async def reload_knowledge(application: Application) -> str:
    """Load the folder again; swap it in if valid, else keep serving the last good one."""
    state: BotState = application.bot_data["state"]
    directory = state.engine.knowledge.directory
    seen = fingerprint(directory)
    engine, problems = await asyncio.to_thread(_load, directory)
    if engine is None:
        state.rejected_fingerprint = seen
        for problem in problems:
            log.error("Knowledge edit rejected: %s", problem)
        shown = "\n".join(f"• {render.escape(str(p))}" for p in problems[:MAX_PROBLEMS_SHOWN])
        more = f"\n…and {len(problems) - MAX_PROBLEMS_SHOWN} more." if len(problems) > MAX_PROBLEMS_SHOWN else ""
        message = (f"⚠️ The knowledge edit has {len(problems)} problem(s). Still serving version "
                   f"{state.engine.knowledge.version}.\n{shown}{more}")
    else:
        state.engine = engine  # the swap: one assignment
        state.fingerprint = seen
        state.rejected_fingerprint = ()
        state.loaded_at = time.time()
        log.info("Knowledge reloaded: version %s, %d entries", engine.knowledge.version, len(engine.knowledge.entries))
        message = f"✅ Knowledge reloaded: version {engine.knowledge.version}, {len(engine.knowledge.entries)} entries."
    await tell_admins(application, message)
    return message


async def tell_admins(application: Application, html_text: str) -> None:
    state: BotState = application.bot_data["state"]
    for admin in sorted(state.admin_ids):
        try:
            await application.bot.send_message(admin, html_text[:4000])
        except TelegramError as exc:  # an admin who never started the bot, say
            log.warning("Could not tell admin %s: %s", admin, exc)


async def watch_knowledge(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job: reload when the folder changed since the last load (or the last rejected edit)."""
    state = state_of(context)
    seen = fingerprint(state.engine.knowledge.directory)
    if seen != state.fingerprint and seen != state.rejected_fingerprint:
        await reload_knowledge(context.application)


async def purge_old_rows(context: ContextTypes.DEFAULT_TYPE) -> None:
    state = state_of(context)
    if state.store is None:
        return
    try:
        removed = await asyncio.to_thread(state.store.purge, timedelta(days=state.retention_days))
    except Exception:  # noqa: BLE001 - a broken database must not stop the bot
        log.exception("Could not purge old rows from %s", state.store.path)
        return
    if removed:
        log.info("Purged %d rows older than %d days", removed, state.retention_days)


async def forget_idle_askers(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job: the per-user question limiter keeps only users who asked within its window."""
    state_of(context).limiter.forget_idle()


# -- admin commands ---------------------------------------------------------------

def _is_admin(update: Update, state: BotState) -> bool:
    return update.effective_user is not None and update.effective_user.id in state.admin_ids


async def on_reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    state = state_of(context)
    if not _is_admin(update, state):
        await update.effective_message.reply_text(render.escape(NOT_ADMIN))
        return
    message = await reload_knowledge(context.application)
    if update.effective_chat.id not in state.admin_ids:  # admins' private chats were told already
        await update.effective_message.reply_text(message)


def _duration(seconds: float) -> str:
    minutes = int(seconds // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    return f"{days}d {hours}h {minutes}m" if days else f"{hours}h {minutes}m"


async def on_status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    state = state_of(context)
    if not _is_admin(update, state):
        await update.effective_message.reply_text(render.escape(NOT_ADMIN))
        return
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
    if state.rejected_fingerprint:
        lines.append("⚠️ The latest edit was rejected; /reload shows why")
    await update.effective_message.reply_text("\n".join(lines))


async def on_gaps(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    state = state_of(context)
    if not _is_admin(update, state):
        await update.effective_message.reply_text(render.escape(NOT_ADMIN))
        return
    if state.store is None:
        await update.effective_message.reply_text("No database is configured.")
        return
    rows = await asyncio.to_thread(state.store.unanswered, RECENT)
    gaps = await asyncio.to_thread(group_unanswered, rows, state.engine, 5)  # off the loop: 100,000 rows take seconds
    if not gaps:
        await update.effective_message.reply_text("No unanswered questions in the last 7 days.")
        return
    lines = ["<b>Most asked, not answered (7 days)</b>"]
    for gap in gaps:
        lines.append(f"{gap.count}× <i>{render.escape(gap.example)}</i> → {render.escape(gap.suggestion())}")
    await update.effective_message.reply_text("\n".join(lines))
