"""Jobs on the application's job queue: the knowledge watcher and the clean-ups.

The watcher looks at the knowledge folder every few seconds; `bot.tg.reload` loads a
changed one without ever letting a bad edit stop the bot or the watcher.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from telegram.ext import Application

from bot.tg import reload
from bot.tg.state import BotContext

log = logging.getLogger(__name__)


async def watch_knowledge(context: BotContext) -> None:
    """Reload when the knowledge folder changed (bot.tg.reload says how, safely)."""
    await reload.watch_knowledge(context.application)


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
        # A second instance may start while a slow load runs; it returns at once (the load
        # holds the reload lock) rather than the scheduler warning at every tick it skips.
        jobs.run_repeating(watch_knowledge, interval=reload_seconds, first=reload_seconds, name="watch-knowledge",
                           job_kwargs={"max_instances": 2})
    jobs.run_repeating(purge_old_rows, interval=timedelta(days=1), first=1, name="purge",
                       data=timedelta(days=retention_days))
    jobs.run_repeating(forget_idle_askers, interval=timedelta(minutes=10), first=timedelta(minutes=10),
                       name="forget-idle-askers")
