"""What the handlers share: the bot's state, typed, as `context.bot_data`.

python-telegram-bot makes `bot_data` from `CONTEXT_TYPES` with no arguments while it
builds the application; `build_application` then fills in what comes from the settings
and the knowledge. Handlers annotate their context as `BotContext`.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from telegram import Message
from telegram.ext import CallbackContext, ContextTypes, ExtBot, filters

from bot.answering.engine import Engine
from bot.maintenance.store import QuestionStore
from bot.tg.limits import QuestionLimiter

MAX_REMEMBERED_QUESTIONS = 10_000


def message_key(chat_id: int, message_id: int) -> str:
    """How the database knows an answer message: a hash, so no chat id is written anywhere."""
    return hashlib.sha256(f"{chat_id}:{message_id}".encode()).hexdigest()[:32]


@dataclass(eq=False)
class BotState:
    engine: Engine = field(init=False)  # replaced whole when the knowledge changes
    limiter: QuestionLimiter = field(init=False)
    store: QuestionStore | None = None
    # The admins: the filter gates their commands, and its ids are who hears about reloads.
    admins: filters.User = field(default_factory=filters.User)
    started_at: float = field(default_factory=time.time)
    loaded_at: float = field(default_factory=time.time)
    # Live reload (bot.tg.reload): prints of the folder as loaded and as last rejected,
    # that rejection's problems (told to the admins once), and one load at a time.
    loaded_print: tuple | None = None
    rejected_print: tuple | None = None
    knowledge_problems: list[str] = field(default_factory=list)
    reload_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    reload_time_limit: float = 30.0
    # Without a database: the question each recent answer was for, by (chat, message), so a
    # 👍/👎 on that message can be stored with its question. With one, the database keeps it.
    answered_questions: OrderedDict = field(default_factory=OrderedDict)
    rated: set = field(default_factory=set)

    def remember_question(self, message: Message | None, question: str) -> None:
        if message is None:
            return
        self.answered_questions[(message.chat_id, message.message_id)] = question
        while len(self.answered_questions) > MAX_REMEMBERED_QUESTIONS:
            self.answered_questions.popitem(last=False)


CONTEXT_TYPES = ContextTypes(bot_data=BotState)
BotContext = CallbackContext[ExtBot, dict, dict, BotState]
