"""Run blocking work in a thread of its own, and stop waiting for it after a time limit.

`asyncio.to_thread` cannot be given up on: its executor is joined at shutdown, so one
stuck call would hold the process. Here each call gets a daemon thread; past the limit
the caller gets `TookTooLong` and the thread is left to finish, its result ignored, and
it never keeps the process alive.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Callable, TypeVar

T = TypeVar("T")


class TookTooLong(Exception):
    """The work did not finish within its time limit; it may still be running."""


async def run_with_time_limit(work: Callable[[], T], seconds: float, name: str) -> T:
    loop = asyncio.get_running_loop()
    outcome: asyncio.Future = loop.create_future()

    def settle(result=None, error: BaseException | None = None) -> None:
        if outcome.done():  # given up on already
            return
        if error is not None:
            outcome.set_exception(error)
        else:
            outcome.set_result(result)

    def run() -> None:
        try:
            result, error = work(), None
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting coroutine
            result, error = None, exc
        try:
            loop.call_soon_threadsafe(settle, result, error)
        except RuntimeError:  # the loop has closed: nobody is waiting any more
            pass

    threading.Thread(target=run, name=name, daemon=True).start()
    try:
        return await asyncio.wait_for(asyncio.shield(outcome), seconds)
    except asyncio.TimeoutError:
        raise TookTooLong(f"{name} took longer than {seconds:g} s") from None
