"""Starting like a service: wait for the Bot API to answer, with backoff, for a while.

`Application.initialize()` asks Telegram who the bot is (getMe). python-telegram-bot's own
`bootstrap_retries` retries that, but logs each failure at DEBUG only, a traceback when it
gives up or the token is rejected, and counts tries rather than time. Here the same call is
tried until it succeeds or `PLEDGEBOT_START_TIMEOUT` passes, with one warning line per failed
attempt and pauses of 1, 2, 4 ... up to 30 seconds; a rejected token ends it at once.
"""

from __future__ import annotations

import asyncio
import logging
import signal

from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application

log = logging.getLogger(__name__)

FIRST_PAUSE = 1.0
LONGEST_PAUSE = 30.0


class StartTimedOut(Exception):
    """Telegram did not answer within the start-up time limit."""


class StartStopped(Exception):
    """The bot was told to stop (SIGINT, SIGTERM) while it waited for Telegram."""


async def initialize_when_telegram_answers(application: Application, give_up_after: float) -> None:
    """Initialize the application; raises InvalidToken, or StartTimedOut after `give_up_after` s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + give_up_after
    pause, attempt = FIRST_PAUSE, 1
    while True:
        try:
            await application.initialize()
            if attempt > 1:
                log.info("Telegram answered at attempt %d", attempt)
            return
        except InvalidToken:
            raise
        except TelegramError as exc:  # unreachable, timed out, 5xx (a 429 the rate limiter waited out)
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise StartTimedOut(f"Telegram did not answer within {give_up_after:g} s ({exc})") from None
            wait = min(pause, remaining)
            log.warning("Telegram is not answering (%s); attempt %d failed, trying again in %.0f s "
                        "(giving up after %g s)", exc, attempt, wait, give_up_after)
            await asyncio.sleep(wait)
            pause, attempt = min(pause * 2, LONGEST_PAUSE), attempt + 1


def start(application: Application, give_up_after: float) -> asyncio.AbstractEventLoop:
    """Initialize on a new event loop, made current for `run_polling`/`run_webhook` to use.

    SIGINT and SIGTERM end the wait (StartStopped) rather than killing the process midway."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    waiting = loop.create_task(initialize_when_telegram_answers(application, give_up_after))
    stop_signals = (signal.SIGINT, signal.SIGTERM)
    for stop_signal in stop_signals:
        loop.add_signal_handler(stop_signal, waiting.cancel)
    try:
        loop.run_until_complete(waiting)
    except asyncio.CancelledError:
        raise StartStopped from None
    finally:
        for stop_signal in stop_signals:
            loop.remove_signal_handler(stop_signal)
    return loop
