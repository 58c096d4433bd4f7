"""Loading the knowledge again while the bot serves, in a way that cannot wedge it.

The folder is loaded and validated in a worker thread with a time limit; a valid one is
swapped in with one assignment (handlers read `state.engine` once per update, so questions
in flight finish on the version they started with). Anything else (problems in the files,
a missing folder, an exception, a load that takes too long) is a rejection: the last good
engine keeps serving, and the problem is logged and told to the admins once, however often
the watcher looks again, until the folder changes to something else.
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

from telegram.error import TelegramError
from telegram.ext import Application

from bot.answering.engine import Engine
from bot.knowledge.loader import read_knowledge
from bot.tg import render
from bot.tg.folder_print import folder_print
from bot.tg.worker import TookTooLong, run_with_time_limit

log = logging.getLogger(__name__)

MAX_PROBLEMS_SHOWN = 10


def _load(directory: Path) -> tuple[Engine | None, list[str]]:
    """The prepared engine, or the problems that keep the folder from being used."""
    result = read_knowledge(directory)
    if result.errors or result.knowledge is None:
        return None, [str(p) for p in result.errors]
    return Engine(result.knowledge).prepare(), []


async def _load_in_time(directory: Path, seconds: float) -> tuple[Engine | None, list[str]]:
    try:
        return await run_with_time_limit(lambda: _load(directory), seconds, "knowledge-load")
    except TookTooLong:
        log.error("Loading %s took longer than %g s; abandoned, the last good version still serves",
                  directory, seconds)
        return None, [f"{directory}: loading took longer than {seconds:g} s and was abandoned."]
    except Exception as exc:  # noqa: BLE001 - whatever the edit did, the bot keeps serving
        log.error("Loading %s failed", directory, exc_info=exc)
        return None, [f"{directory}: loading failed: {type(exc).__name__}: {exc}"]


async def _print_in_time(directory: Path, seconds: float) -> tuple | None:
    """The folder's print; None if the file system hangs (the next look tries again)."""
    try:
        return await run_with_time_limit(lambda: folder_print(directory), seconds, "knowledge-print")
    except TookTooLong as exc:
        log.warning("Could not look at %s: %s", directory, exc)
        return None


def _rejection(problems: list[str], serving: str) -> str:
    shown = "\n".join(f"• {render.escape(p)}" for p in problems[:MAX_PROBLEMS_SHOWN])
    more = len(problems) - MAX_PROBLEMS_SHOWN
    return (f"⚠️ The knowledge edit has {len(problems)} problem(s). Still serving version {serving}.\n"
            f"{shown}" + (f"\n…and {more} more." if more > 0 else ""))


async def reload_knowledge(application: Application, asked: bool = False) -> str:
    """Load the folder again; swap it in if valid, else keep serving the last good one.

    The admins are told the outcome, except a rejection they were told already, unless
    one of them `asked` (/reload)."""
    state = application.bot_data
    async with state.reload_lock:  # the watcher and /reload never load at the same time
        directory = state.engine.knowledge.directory
        seen = await _print_in_time(directory, state.reload_time_limit)
        engine, problems = await _load_in_time(directory, state.reload_time_limit)
        if engine is None:
            message = _rejection(problems, state.engine.knowledge.version)
            already_told = problems == state.knowledge_problems
            state.rejected_print, state.knowledge_problems = seen, problems
            if not already_told:
                for problem in problems:
                    log.error("Knowledge edit rejected: %s", problem)
            if already_told and not asked:
                return message
        else:
            state.engine = engine  # the swap: one assignment
            state.loaded_print, state.rejected_print, state.knowledge_problems = seen, None, []
            state.loaded_at = time.time()
            log.info("Knowledge reloaded: version %s, %d entries", engine.knowledge.version,
                     len(engine.knowledge.entries))
            message = f"✅ Knowledge reloaded: version {engine.knowledge.version}, {len(engine.knowledge.entries)} entries."
    await tell_admins(application, message)
    return message


async def tell_admins(application: Application, html_text: str) -> None:
    for admin in sorted(application.bot_data.admins.user_ids):
        try:
            await application.bot.send_message(admin, html_text[:4000])
        except TelegramError as exc:  # an admin who never started the bot, say
            log.warning("Could not tell admin %s: %s", admin, exc)


async def watch_knowledge(application: Application) -> None:
    """Reload when the folder changed since the last load and the last rejected edit."""
    state = application.bot_data
    if state.reload_lock.locked():  # a /reload is loading it now
        return
    directory = state.engine.knowledge.directory
    seen = await _print_in_time(directory, state.reload_time_limit)
    if seen is None or seen == state.rejected_print:
        return
    if seen != state.loaded_print:
        await reload_knowledge(application)
    elif state.knowledge_problems:  # the rejected edit was undone: what is served is what is there
        state.rejected_print, state.knowledge_problems = None, []
        log.info("The knowledge folder is back to version %s, the one being served", state.engine.knowledge.version)
        await tell_admins(application, f"✅ The knowledge folder is back to version {state.engine.knowledge.version}, "
                                       "the one being served.")
