"""Telegram handlers: read the update, call the engine, render and send. No scoring here."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from telegram import (
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import __version__
from bot.answering.engine import Engine
from bot.render.labels import label
from bot.maintenance.store import QuestionStore
from bot.tg import render, texts
from bot.tg.limits import QuestionLimiter, Verdict

log = logging.getLogger(__name__)

MAX_INLINE_RESULTS = 5
MAX_REMEMBERED_QUESTIONS = 10_000

INLINE_CACHE_SECONDS = 60
STALE_BUTTON = texts.text("en", "stale")
RATE_NOTICE = texts.text("en", "rate_notice")
TEXT_ONLY = texts.text("en", "text_only")
ERROR_REPLY = texts.text("en", "error")


@dataclass
class BotState:
    """What handlers share. `engine` is replaced whole when the knowledge changes."""

    engine: Engine
    limiter: QuestionLimiter
    send_retry_seconds: float
    store: QuestionStore | None = None
    admin_ids: frozenset[int] = frozenset()
    retention_days: int = 90
    started_at: float = field(default_factory=time.time)
    loaded_at: float = field(default_factory=time.time)
    fingerprint: tuple = ()  # of the knowledge folder as loaded
    rejected_fingerprint: tuple = ()  # of the last edit that failed to load
    # The question each recent answer was for, by (chat, message), so a 👍/👎 on that message
    # can be stored with its question. Memory only: chat ids are never written anywhere.
    answered_questions: OrderedDict = field(default_factory=OrderedDict)
    rated: set = field(default_factory=set)

    def remember_question(self, message: Message | None, question: str) -> None:
        if message is None:
            return
        self.answered_questions[(message.chat_id, message.message_id)] = question
        while len(self.answered_questions) > MAX_REMEMBERED_QUESTIONS:
            self.answered_questions.popitem(last=False)


def state_of(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.application.bot_data["state"]


# -- sending -------------------------------------------------------------------

async def send_retrying(state: BotState, make_call):
    """Run a Bot API call, retrying while Telegram is unreachable or asks to wait,
    so a question Telegram delivered is not lost to an outage."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + state.send_retry_seconds
    delay = 1.0
    while True:
        try:
            return await make_call()
        except BadRequest:  # the request itself is wrong: retrying cannot help
            raise
        except RetryAfter as exc:
            wait = exc.retry_after if isinstance(exc.retry_after, (int, float)) else exc.retry_after.total_seconds()
        except (TimedOut, NetworkError) as exc:
            wait, delay = delay, min(delay * 2, 30.0)
            log.warning("Telegram unreachable (%s); retrying in %.0fs", exc, wait)
        if loop.time() + wait > deadline:
            raise
        await asyncio.sleep(wait)


async def send_rendered(state: BotState, message: Message, rendered: render.Rendered, quote: bool) -> Message | None:
    """Send every chunk; return the last message sent (the one with the buttons)."""
    last = len(rendered.chunks) - 1
    sent = None
    for number, chunk in enumerate(rendered.chunks):
        markup = rendered.keyboard if number == last else None
        sent = await send_retrying(state, lambda chunk=chunk, markup=markup, first=(number == 0): message.reply_text(
            chunk, reply_markup=markup, do_quote=quote and first))
    return sent


def in_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    state = state_of(context)
    engine = state.engine  # one version for the whole question, even if a reload swaps it meanwhile
    reply = engine.answer(question, texts.language_for(update, context, question))
    rateable = reply.status == "answered" and not reply.smalltalk  # a knowledge answer, not small talk
    sent = await send_rendered(state, update.effective_message, render.render_reply(reply, engine, rateable),
                               quote=in_group(update))
    if rateable:
        state.remember_question(sent, question)
    if reply.status != "answered" and reply.question.strip():
        await record_unanswered(state, engine, reply)


async def record_unanswered(state: BotState, engine: Engine, reply) -> None:
    """Keep the question for the maintainers' report; a database problem never stops an answer."""
    if state.store is None:
        return
    try:
        await asyncio.to_thread(state.store.record_unanswered, reply.question, reply.status, reply.nearest,
                                reply.score)
    except Exception:  # noqa: BLE001
        log.exception("Could not record an unanswered question in %s", state.store.path)


# -- the rate guard (runs before every other handler) ---------------------------

def _is_question(update: Update) -> bool:
    message = update.message
    return bool(update.callback_query or (message and message.text))


async def guard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Per-user limit on questions. Inline queries come keystroke by keystroke: not counted."""
    user = update.effective_user
    if user is None or not _is_question(update):
        return
    verdict = state_of(context).limiter.check(user.id)
    if verdict is Verdict.ALLOW:
        return
    notice = texts.text(texts.language_for(update, context), "rate_notice")
    if update.callback_query:
        await update.callback_query.answer(notice if verdict is Verdict.NOTIFY else None)
    elif verdict is Verdict.NOTIFY and update.message and (not in_group(update) or _addressed_to_bot(update, context)):
        await update.message.reply_text(render.escape(notice), do_quote=in_group(update))
    raise ApplicationHandlerStop


# -- commands --------------------------------------------------------------------

async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    state = state_of(context)
    lang = texts.language_for(update, context)  # /lang if set, else the Telegram client's language
    buttons = [render.button(e.text, render.ANSWER, e.entry) for e in state.engine.examples_in(lang)]
    await update.effective_message.reply_text(texts.text(lang, "welcome"), reply_markup=render.keyboard(buttons))


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = texts.language_for(update, context)
    bot = render.escape(context.bot.username or "PledgeBot")
    await update.effective_message.reply_text(texts.text(lang, "help", bot=bot))


async def on_actions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    rendered = render.render_actions(state_of(context).engine, texts.language_for(update, context))
    await update.effective_message.reply_text(rendered.chunks[0], reply_markup=rendered.keyboard)


async def on_topics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    rendered = render.render_topics(state_of(context).engine, texts.language_for(update, context))
    await update.effective_message.reply_text(rendered.chunks[0], reply_markup=rendered.keyboard)


async def on_sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    rendered = render.render_sources(state_of(context).engine, texts.language_for(update, context))
    await update.effective_message.reply_text(rendered.chunks[0])


async def on_about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    knowledge = state_of(context).engine.knowledge
    lang = texts.language_for(update, context)
    await update.effective_message.reply_text(texts.text(
        lang, "about", version=render.escape(__version__), entries=len(knowledge.entries),
        knowledge=render.escape(knowledge.version)))


async def on_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/lang en, /lang zh, /lang auto; or /lang alone for buttons."""
    choice = (context.args or [""])[0].lower()
    if choice in {"en", "zh", "auto"}:
        await update.effective_message.reply_text(render.escape(set_language(update, context, choice)))
        return
    lang = texts.language_for(update, context)
    buttons = [render.button("English", render.LANGUAGE, "en"), render.button("中文", render.LANGUAGE, "zh"),
               render.button("Auto / 自动", render.LANGUAGE, "auto")]
    await update.effective_message.reply_text(texts.text(lang, "lang_pick"), reply_markup=render.keyboard(buttons))


def set_language(update: Update, context: ContextTypes.DEFAULT_TYPE, choice: str) -> str:
    """Remember the user's language (memory only); the confirmation, in that language."""
    if context.user_data is not None:
        if choice == "auto":
            context.user_data.pop("lang", None)
        else:
            context.user_data["lang"] = choice
    if choice == "auto":
        return texts.text(texts.client_language(update), "lang_auto")
    return texts.text(choice, "lang_set")


async def on_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    question = " ".join(context.args or [])
    if not question.strip():
        await update.effective_message.reply_text(
            texts.text(texts.language_for(update, context), "ask_usage"), do_quote=in_group(update))
        return
    await answer_question(update, context, question)


# -- plain messages ----------------------------------------------------------------

async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer_question(update, context, update.effective_message.text)


def _addressed_to_bot(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    message = update.effective_message
    bot = context.bot
    if message.reply_to_message and message.reply_to_message.from_user \
            and message.reply_to_message.from_user.id == bot.id:
        return True
    username = (bot.username or "").lower()
    for entity, text in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        if entity.type == MessageEntity.MENTION and text[1:].lower() == username:
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot.id:
            return True
    return False


async def on_group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups the bot speaks only when spoken to: a mention or a reply to it."""
    if not _addressed_to_bot(update, context):
        return
    username = re.escape(context.bot.username or "")
    question = re.sub(rf"@{username}\b", " ", update.effective_message.text, flags=re.IGNORECASE) if username \
        else update.effective_message.text
    await answer_question(update, context, question)


async def on_private_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text(render.escape(texts.text(texts.language_for(update, context),
                                                                        "text_only")))


# -- buttons ---------------------------------------------------------------------------

async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    state = state_of(context)
    engine = state.engine
    parsed = render.parse_callback(query.data)
    message = query.message if isinstance(query.message, Message) else None
    # A button answers in the language of the message it is under (unless /lang says otherwise).
    lang = texts.language_for(update, context, message.text if message is not None and message.text else None)
    stale = texts.text(lang, "stale")
    if parsed is None:
        await query.answer(stale)
        return
    kind, value = parsed

    if kind == render.LANGUAGE:
        if value not in {"en", "zh", "auto"}:
            await query.answer(stale)
            return
        await query.answer()
        if message is not None:
            await _edit(state, message, render.Rendered((render.escape(set_language(update, context, value)),), None))
        return

    if kind == render.FEEDBACK:
        await on_feedback(query, state, value, message, lang)
        return

    if kind == render.TOPIC:
        rendered = render.render_topics(engine, lang) if value == "" else (
            render.render_topic(engine, int(value), lang) if value.isdigit() else None)
        if rendered is None or message is None:
            await query.answer(stale)
            return
        await query.answer()
        await _edit(state, message, rendered)
        return

    reply = engine.entry_reply(value, lang=lang)
    if reply is None:
        await query.answer(stale)
        return
    await query.answer()
    rendered = render.render_answer(reply, engine)
    if kind == render.CHOOSE and message is not None:
        await _edit(state, message, rendered)
    elif message is not None:
        await send_rendered(state, message, rendered, quote=False)


async def on_feedback(query, state: BotState, value: str, message: Message | None, lang: str) -> None:
    """👍/👎: store entry, question and time (never who), then drop the buttons."""
    parts = value.split(":")
    if len(parts) != 2 or parts[0] not in {"+", "-"} or state.engine.knowledge.entry(parts[1]) is None:
        await query.answer(texts.text(lang, "stale"))
        return
    vote, entry = parts
    key = (message.chat_id, message.message_id) if message is not None else ("inline", query.id)
    if key in state.rated:
        await query.answer(texts.text(lang, "rated"))
        return
    state.rated.add(key)
    if len(state.rated) > MAX_REMEMBERED_QUESTIONS:
        state.rated.clear()
    question = state.answered_questions.pop(key, None)  # None after a restart: the entry still counts
    if state.store is not None:
        try:
            await asyncio.to_thread(state.store.record_feedback, entry, question, 1 if vote == "+" else -1)
        except Exception:  # noqa: BLE001
            log.exception("Could not record feedback in %s", state.store.path)
    await query.answer(texts.text(lang, "thanks"))
    if message is not None and message.reply_markup is not None:
        kept = [row for row in message.reply_markup.inline_keyboard
                if not any((b.callback_data or "").startswith(f"{render.FEEDBACK}:") for b in row)]
        try:
            await message.edit_reply_markup(InlineKeyboardMarkup(kept) if kept else None)
        except BadRequest as exc:
            log.info("Could not remove the feedback buttons: %s", exc)


async def _edit(state: BotState, message: Message, rendered: render.Rendered) -> None:
    try:
        await send_retrying(state, lambda: message.edit_text(rendered.chunks[0], reply_markup=rendered.keyboard))
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():  # pressing the same button twice is fine
            raise
    for chunk in rendered.chunks[1:]:
        await send_retrying(state, lambda chunk=chunk: message.reply_text(chunk))


# -- inline mode ------------------------------------------------------------------------

async def on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    engine = state_of(context).engine
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


# -- errors ------------------------------------------------------------------------------

async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log with the traceback; tell the user briefly. Never raises."""
    if update is None and isinstance(context.error, (NetworkError, TimedOut)):
        # Fetching updates failed; the Updater retries by itself with a backoff.
        log.warning("Telegram unreachable while fetching updates (%s); retrying", context.error)
        return
    log.error("Error while handling an update", exc_info=context.error)
    if not isinstance(update, Update):
        return
    try:
        reply = texts.text(texts.language_for(update, context, getattr(update.effective_message, "text", None)),
                           "error")
        if update.callback_query:
            await update.callback_query.answer(reply)
        elif update.effective_message and (update.effective_chat.type == ChatType.PRIVATE
                                           or update.effective_message.text):
            await update.effective_message.reply_text(render.escape(reply))
    except Exception:  # noqa: BLE001 - the error handler must not fail in turn
        log.warning("Could not tell the user about the error", exc_info=True)
