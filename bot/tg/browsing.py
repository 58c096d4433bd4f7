"""Browsing what the bot knows: /start, /help, /actions, /topics, /sources, /about, /lang,
and the buttons they show (an entry's answer, a topic, a language)."""

from __future__ import annotations

from telegram import Update

from bot import __version__
from bot.tg import render, texts
from bot.tg.callbacks import answer_stale, button_language, message_of
from bot.tg.sending import edit_rendered, send_rendered
from bot.tg.state import BotContext

LANGUAGES = ("en", "zh", "auto")


async def on_start(update: Update, context: BotContext) -> None:
    lang = texts.language_for(update, context)  # /lang if set, else the Telegram client's language
    examples = context.bot_data.engine.examples_in(lang)
    buttons = [render.button(e.text, render.ANSWER, e.entry) for e in examples]
    await update.effective_message.reply_text(texts.text(lang, "welcome"), reply_markup=render.keyboard(buttons))


async def on_help(update: Update, context: BotContext) -> None:
    lang = texts.language_for(update, context)
    bot = render.escape(context.bot.username or "PledgeBot")
    await update.effective_message.reply_text(texts.text(lang, "help", bot=bot))


async def on_actions(update: Update, context: BotContext) -> None:
    rendered = render.render_actions(context.bot_data.engine, texts.language_for(update, context))
    await update.effective_message.reply_text(rendered.chunks[0], reply_markup=rendered.keyboard)


async def on_topics(update: Update, context: BotContext) -> None:
    rendered = render.render_topics(context.bot_data.engine, texts.language_for(update, context))
    await update.effective_message.reply_text(rendered.chunks[0], reply_markup=rendered.keyboard)


async def on_sources(update: Update, context: BotContext) -> None:
    rendered = render.render_sources(context.bot_data.engine, texts.language_for(update, context))
    await update.effective_message.reply_text(rendered.chunks[0])


async def on_about(update: Update, context: BotContext) -> None:
    knowledge = context.bot_data.engine.knowledge
    lang = texts.language_for(update, context)
    await update.effective_message.reply_text(texts.text(
        lang, "about", version=render.escape(__version__), entries=len(knowledge.entries),
        knowledge=render.escape(knowledge.version)))


async def on_lang(update: Update, context: BotContext) -> None:
    """/lang en, /lang zh, /lang auto; or /lang alone for buttons."""
    choice = (context.args or [""])[0].lower()
    if choice in LANGUAGES:
        await update.effective_message.reply_text(render.escape(set_language(update, context, choice)))
        return
    lang = texts.language_for(update, context)
    buttons = [render.button("English", render.LANGUAGE, "en"), render.button("中文", render.LANGUAGE, "zh"),
               render.button("Auto / 自动", render.LANGUAGE, "auto")]
    await update.effective_message.reply_text(texts.text(lang, "lang_pick"), reply_markup=render.keyboard(buttons))


def set_language(update: Update, context: BotContext, choice: str) -> str:
    """Remember the user's language (memory only); the confirmation, in that language."""
    if context.user_data is not None:
        if choice == "auto":
            context.user_data.pop("lang", None)
        else:
            context.user_data["lang"] = choice
    if choice == "auto":
        return texts.text(texts.client_language(update), "lang_auto")
    return texts.text(choice, "lang_set")


# -- buttons -------------------------------------------------------------------------------

async def on_answer_button(update: Update, context: BotContext) -> None:
    """An entry's button: its answer, as a new message under the one with the button."""
    engine = context.bot_data.engine
    reply = engine.entry_reply(context.match["entry"], lang=button_language(update, context))
    if reply is None:
        await answer_stale(update, context)
        return
    await update.callback_query.answer()
    message = message_of(update)
    if message is not None:
        await send_rendered(message, render.render_answer(reply, engine), quote=False)


async def on_topic_button(update: Update, context: BotContext) -> None:
    """"t:" lists the topics, "t:N" topic N's entries, in place of the message."""
    engine = context.bot_data.engine
    lang = button_language(update, context)
    number = context.match["topic"]
    rendered = render.render_topics(engine, lang) if number is None else render.render_topic(engine, int(number), lang)
    message = message_of(update)
    if rendered is None or message is None:
        await answer_stale(update, context)
        return
    await update.callback_query.answer()
    await edit_rendered(message, rendered)


async def on_language_button(update: Update, context: BotContext) -> None:
    await update.callback_query.answer()
    message = message_of(update)
    if message is not None:
        confirmation = set_language(update, context, context.match["lang"])
        await edit_rendered(message, render.Rendered((render.escape(confirmation),), None))
