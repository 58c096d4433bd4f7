"""Questions: private messages, mentions and replies in groups, /ask, and what answers
offer back (the 'did you mean' choice and 👍/👎)."""

from __future__ import annotations

import asyncio
import logging
import re

from telegram import InlineKeyboardMarkup, MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import BadRequest

from bot.answering.engine import Engine
from bot.answering.reply import Reply
from bot.tg import render, texts
from bot.tg.callbacks import answer_stale, button_language, message_of
from bot.tg.sending import edit_rendered, send_rendered
from bot.tg.state import MAX_REMEMBERED_QUESTIONS, BotContext, BotState, message_key

log = logging.getLogger(__name__)

TEXT_ONLY = texts.text("en", "text_only")


def in_group(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)


def addressed_to_bot(update: Update, context: BotContext) -> bool:
    """A mention of the bot or a reply to one of its messages."""
    message = update.effective_message
    bot = context.bot
    replied_to = message.reply_to_message
    if replied_to and replied_to.from_user and replied_to.from_user.id == bot.id:
        return True
    username = (bot.username or "").lower()
    for entity, text in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        if entity.type == MessageEntity.MENTION and text[1:].lower() == username:
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot.id:
            return True
    return False


async def answer_question(update: Update, context: BotContext, question: str) -> None:
    state = context.bot_data
    engine = state.engine  # one version for the whole question, even if a reload swaps it meanwhile
    reply = engine.answer(question, texts.language_for(update, context, question))
    rateable = reply.status == "answered" and not reply.smalltalk  # a knowledge answer, not small talk
    sent = await send_rendered(update.effective_message, render.render_reply(reply, engine, rateable),
                               quote=in_group(update))
    if rateable and sent is not None:
        await remember_answered(state, sent, question)
    if reply.status != "answered" and reply.question.strip():
        await record_unanswered(state, engine, reply)


async def record_unanswered(state: BotState, engine: Engine, reply: Reply) -> None:
    """Keep the question for the maintainers' report; a database problem never stops an answer."""
    if state.store is None:
        return
    try:  # the decision already names the nearest entry: no second ranking. Recording only queues
        # the row for the store's writer thread, so it is done here, not in a thread of its own.
        state.store.record_unanswered(reply.question, reply.status, reply.nearest, reply.score)
    except Exception:  # noqa: BLE001
        log.exception("Could not record an unanswered question in %s", state.store.path)


async def remember_answered(state: BotState, sent, question: str) -> None:
    """The question an answer was for, so a 👍/👎 on it can be stored with it: in the database
    (it survives a restart), keyed by a hash of chat and message, or in memory without one."""
    if state.store is None:
        state.remember_question(sent, question)
        return
    try:
        state.store.record_answered(message_key(sent.chat_id, sent.message_id), question)  # queued: instant
    except Exception:  # noqa: BLE001
        log.exception("Could not record an answered question in %s", state.store.path)


async def rated_question(state: BotState, key: tuple) -> str | None:
    if state.store is None or key[0] == "inline":
        return state.answered_questions.pop(key, None)
    try:
        return await asyncio.to_thread(state.store.answered_question, message_key(*key))
    except Exception:  # noqa: BLE001
        log.exception("Could not read the rated question from %s", state.store.path)
        return None


async def on_private_text(update: Update, context: BotContext) -> None:
    await answer_question(update, context, update.effective_message.text)


async def on_group_text(update: Update, context: BotContext) -> None:
    """In groups the bot speaks only when spoken to: a mention or a reply to it."""
    if not addressed_to_bot(update, context):
        return
    text = update.effective_message.text
    username = re.escape(context.bot.username or "")
    question = re.sub(rf"@{username}\b", " ", text, flags=re.IGNORECASE) if username else text
    await answer_question(update, context, question)


async def on_ask(update: Update, context: BotContext) -> None:
    question = " ".join(context.args or [])
    if not question.strip():
        await update.effective_message.reply_text(
            texts.text(texts.language_for(update, context), "ask_usage"), do_quote=in_group(update))
        return
    await answer_question(update, context, question)


async def on_private_non_text(update: Update, context: BotContext) -> None:
    await update.effective_message.reply_text(
        render.escape(texts.text(texts.language_for(update, context), "text_only")))


# -- what an answer offers back ---------------------------------------------------------

async def on_choice_button(update: Update, context: BotContext) -> None:
    """A 'did you mean' choice: the message that asked becomes the answer."""
    engine = context.bot_data.engine
    reply = engine.entry_reply(context.match["entry"], lang=button_language(update, context))
    message = message_of(update)
    if reply is None:
        await answer_stale(update, context)
        return
    await update.callback_query.answer()
    if message is not None:
        await edit_rendered(message, render.render_answer(reply, engine))


async def on_feedback_button(update: Update, context: BotContext) -> None:
    """👍/👎: store entry, question and time (never who), then drop the buttons."""
    state = context.bot_data
    query = update.callback_query
    vote, entry = context.match["vote"], context.match["entry"]
    if state.engine.knowledge.entry(entry) is None:
        await answer_stale(update, context)
        return
    lang = button_language(update, context)
    message = message_of(update)
    key = (message.chat_id, message.message_id) if message is not None else ("inline", query.id)
    if key in state.rated:
        await query.answer(texts.text(lang, "rated"))
        return
    state.rated.add(key)
    if len(state.rated) > MAX_REMEMBERED_QUESTIONS:
        state.rated.clear()
    question = await rated_question(state, key)  # None if it cannot be found: the entry still counts
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
