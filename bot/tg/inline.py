"""Inline mode: `@bot question` in any chat lists answers to share."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent, Update
from telegram.constants import ParseMode

from bot.render.labels import label
from bot.tg import render, texts
from bot.tg.state import BotContext

MAX_INLINE_RESULTS = 5
INLINE_CACHE_SECONDS = 60


async def on_inline(update: Update, context: BotContext) -> None:
    """The best answers to the query, or the example questions while it is empty."""
    query = update.inline_query
    engine = context.bot_data.engine
    asked = query.query.strip()
    lang = texts.language_for(update, context, asked or None)
    if asked:
        replies = engine.candidates(asked, limit=MAX_INLINE_RESULTS, lang=lang)
    else:
        replies = [r for r in (engine.entry_reply(e.entry, e.text, lang) for e in engine.examples_in(lang)) if r]
    results = []
    for reply in replies[:MAX_INLINE_RESULTS]:
        entry = engine.knowledge.entry(reply.entry)
        rendered = render.render_answer(reply, engine, with_buttons=False)
        results.append(InlineQueryResultArticle(
            id=reply.entry,
            title=render.short(label(entry, lang), 100),
            description=render.short(entry.answer_in(lang), 120),
            input_message_content=InputTextMessageContent(rendered.chunks[0], parse_mode=ParseMode.HTML),
        ))
    button = None if results else InlineQueryResultsButton(
        text=texts.text(lang, "inline_none"), start_parameter="inline")
    await query.answer(results, cache_time=INLINE_CACHE_SECONDS, button=button)
