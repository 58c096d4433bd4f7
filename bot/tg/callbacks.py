"""Which button press goes to which handler: one pattern per kind of callback data.

The kinds are render's constants; the patterns accept only what the bot itself writes,
so forged or stale data (and data from a removed kind) falls through to
`on_stale_button`. Digits are ASCII only: "t:²" is not a topic number.
"""

from __future__ import annotations

import re

from telegram import Message, Update

from bot.tg import render, texts
from bot.tg.state import BotContext

STALE_BUTTON = texts.text("en", "stale")
ENTRY = r"(?P<entry>[^:]{1,64})"  # whether the entry exists is the knowledge's to say

ANSWER_DATA = re.compile(rf"^{render.ANSWER}:{ENTRY}$")
CHOOSE_DATA = re.compile(rf"^{render.CHOOSE}:{ENTRY}$")
TOPIC_DATA = re.compile(rf"^{render.TOPIC}:(?P<topic>\d{{1,4}})?$", re.ASCII)  # "t:" lists all topics
LANGUAGE_DATA = re.compile(rf"^{render.LANGUAGE}:(?P<lang>en|zh|auto)$")
FEEDBACK_DATA = re.compile(rf"^{render.FEEDBACK}:(?P<vote>[+-]):{ENTRY}$")
# python-telegram-bot hands a press with no data to every handler that has a pattern, as
# if it matched. A handler with this pattern, registered first, takes those presses: it
# matches no data at all, so every press that has data passes it by.
NO_DATA = re.compile(r"(?!)")


def message_of(update: Update) -> Message | None:
    """The message a button is under; None when it is too old for Telegram to say."""
    message = update.callback_query.message
    return message if isinstance(message, Message) else None


def button_language(update: Update, context: BotContext) -> str:
    """A button answers in the language of the message it is under (unless /lang says otherwise)."""
    message = message_of(update)
    return texts.language_for(update, context, message.text if message is not None and message.text else None)


async def answer_stale(update: Update, context: BotContext) -> None:
    await update.callback_query.answer(texts.text(button_language(update, context), "stale"))


async def on_stale_button(update: Update, context: BotContext) -> None:
    """Registered last: data no pattern took, from an old version of the bot or forged."""
    await answer_stale(update, context)
