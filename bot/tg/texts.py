"""Telegram's side of language: command menus, and which language a user gets.

The words themselves live in `bot.render.strings`, one table for every renderer.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.language.chinese import has_chinese
from bot.render.strings import COMMAND_DESCRIPTIONS  # noqa: F401 - tg.app builds the command menu from it
from bot.render.strings import text  # noqa: F401 - handlers word their messages through texts.text


def chosen_language(context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The language the user fixed with /lang, if any (kept in memory only)."""
    data = context.user_data if context.user_data is not None else {}
    return data.get("lang")


def client_language(update: Update) -> str:
    user = update.effective_user
    return "zh" if user is not None and (user.language_code or "").lower().startswith("zh") else "en"


def language_for(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str | None = None) -> str:
    """/lang if the user set it; else the question's language; else the Telegram client's."""
    chosen = chosen_language(context)
    if chosen:
        return chosen
    if question is not None:
        return "zh" if has_chinese(question) else "en"
    return client_language(update)
