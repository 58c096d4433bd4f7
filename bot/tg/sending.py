"""How replies reach Telegram: through a rate limiter that also waits out outages.

python-telegram-bot's `AIORateLimiter` keeps within Telegram's flood limits and, with
`max_retries`, waits as long as a 429 (`RetryAfter`) says. It does not retry when
Telegram is unreachable or answers 5xx, so `OutageTolerantRateLimiter` adds that for
the calls that carry an answer: a question Telegram delivered is not lost to an outage.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Message
from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

from bot.tg import render

log = logging.getLogger(__name__)

RETRY_AFTER_RETRIES = 3
# Calls that deliver an answer. Others (answering a button or an inline query) expire on
# Telegram's side within seconds, so waiting out an outage for them helps no one.
ANSWERING_CALLS = frozenset({"sendMessage", "editMessageText"})


class OutageTolerantRateLimiter(AIORateLimiter):
    first_pause = 1.0  # seconds; doubled after each failure, up to longest_pause
    longest_pause = 30.0

    def __init__(self, outage_seconds: float, **kwargs: Any):
        super().__init__(max_retries=RETRY_AFTER_RETRIES, **kwargs)
        self.outage_seconds = outage_seconds

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        if endpoint not in ANSWERING_CALLS:
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.outage_seconds
        pause = self.first_pause
        while True:
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:  # the request itself is wrong: retrying cannot help
                raise
            except NetworkError as exc:  # TimedOut included
                if loop.time() + pause > deadline:
                    raise
                log.warning("Telegram unreachable (%s); retrying in %.0fs", exc, pause)
                await asyncio.sleep(pause)
                pause = min(pause * 2, self.longest_pause)


async def send_rendered(message: Message, rendered: render.Rendered, quote: bool) -> Message | None:
    """Send every chunk as a reply; return the last message sent (the one with the buttons)."""
    last = len(rendered.chunks) - 1
    sent = None
    for number, chunk in enumerate(rendered.chunks):
        sent = await message.reply_text(chunk, reply_markup=rendered.keyboard if number == last else None,
                                        do_quote=quote and number == 0)
    return sent


async def edit_rendered(message: Message, rendered: render.Rendered) -> None:
    """Turn a message into the first chunk (buttons included); send any others after it."""
    try:
        await message.edit_text(rendered.chunks[0], reply_markup=rendered.keyboard)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():  # pressing the same button twice is fine
            raise
    for chunk in rendered.chunks[1:]:
        await message.reply_text(chunk)
