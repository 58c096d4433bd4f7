"""Telegram's side of language: command menus, and which language a user gets.

The words themselves live in `bot.render.strings`, one table for every renderer.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.language.chinese import has_chinese
from bot.render.strings import text  # noqa: F401 - handlers word their messages through texts.text

COMMAND_DESCRIPTIONS = {
    "en": {"start": "Welcome and example questions", "help": "How to ask", "actions": "The ten actions",
           "topics": "Browse everything I know", "sources": "The documents my answers come from",
           "ask": "Ask a question (works in groups too)", "lang": "Answer in English or Chinese",
           "about": "About this bot"},
    "zh": {"start": "欢迎和示例问题", "help": "如何提问", "actions": "十大行动", "topics": "按主题浏览",
           "sources": "回答的资料来源", "ask": "提问（群组里也可用）", "lang": "用英文或中文回答", "about": "关于本机器人"},
}


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
