"""Jobs on the application's job queue: live reload of the knowledge and the clean-ups.

The folder is polled (a fingerprint of file names, sizes and times); a changed folder
is loaded and validated in a worker thread and, if it is valid, swapped in with one
assignment. Handlers read `state.engine` once per update, so questions in flight finish
on the version they started with.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta
from pathlib import Path

from telegram.error import TelegramError
from telegram.ext import Application

from bot.answering.engine import Engine
from bot.knowledge.loader import read_knowledge
from bot.knowledge.problems import Problem
from bot.tg import render
from bot.tg.state import BotContext

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 10


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
    state = application.bot_data
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
    for admin in sorted(application.bot_data.admins.user_ids):
        try:
            await application.bot.send_message(admin, html_text[:4000])
        except TelegramError as exc:  # an admin who never started the bot, say
            log.warning("Could not tell admin %s: %s", admin, exc)


async def watch_knowledge(context: BotContext) -> None:
    """Reload when the folder changed since the last load (or the last rejected edit)."""
    state = context.bot_data
    seen = fingerprint(state.engine.knowledge.directory)
    if seen != state.fingerprint and seen != state.rejected_fingerprint:
        await reload_knowledge(context.application)


async def purge_old_rows(context: BotContext) -> None:
    """Delete stored questions and feedback older than the job's data (a timedelta)."""
    store, retention = context.bot_data.store, context.job.data
    if store is None:
        return
    try:
        removed = await asyncio.to_thread(store.purge, retention)
    except Exception:  # noqa: BLE001 - a broken database must not stop the bot
        log.exception("Could not purge old rows from %s", store.path)
        return
    if removed:
        log.info("Purged %d rows older than %d days", removed, retention.days)


async def forget_idle_askers(context: BotContext) -> None:
    """The per-user question limiter keeps only users who asked within its window."""
    context.bot_data.limiter.forget_idle()


def schedule_jobs(application: Application, reload_seconds: float, retention_days: int) -> None:
    jobs = application.job_queue
    if reload_seconds:
        jobs.run_repeating(watch_knowledge, interval=reload_seconds, first=reload_seconds, name="watch-knowledge")
    jobs.run_repeating(purge_old_rows, interval=timedelta(days=1), first=1, name="purge",
                       data=timedelta(days=retention_days))
    jobs.run_repeating(forget_idle_askers, interval=timedelta(minutes=10), first=timedelta(minutes=10),
                       name="forget-idle-askers")
