"""Build the python-telegram-bot Application and run it (long polling or webhook)."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import logging
import secrets
from pathlib import Path

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.answering.engine import Engine
from bot.maintenance.store import QuestionStore, default_db_path
from bot.tg import admin, browsing, callbacks, errors, inline, questions, review_buttons, startup, webhook
from bot.tg.guard import guard
from bot.tg.folder_print import folder_print
from bot.tg.jobs import schedule_jobs
from bot.tg.limits import QuestionLimiter
from bot.tg.sending import OutageTolerantRateLimiter
from bot.tg.settings import Settings
from bot.tg.state import CONTEXT_TYPES
from bot.tg.texts import COMMAND_DESCRIPTIONS

log = logging.getLogger(__name__)

MENU = ("start", "help", "actions", "topics", "sources", "ask", "lang", "about")


def commands_in(lang: str) -> tuple[BotCommand, ...]:
    return tuple(BotCommand(name, COMMAND_DESCRIPTIONS[lang][name]) for name in MENU)


COMMANDS = commands_in("en")


async def _post_init(application: Application) -> None:
    # A menu that fails to register is not worth refusing to start over.
    try:
        await application.bot.set_my_commands(COMMANDS)
        await application.bot.set_my_commands(commands_in("zh"), language_code="zh")
    except TelegramError as exc:
        log.warning("Could not register the command menu: %s", exc)
    log.info("PledgeBot @%s is up", application.bot.username)


async def _post_shutdown(application: Application) -> None:
    """Write the questions still queued for the store before the process ends."""
    store = application.bot_data.store
    if store is not None:
        await asyncio.to_thread(store.close)


def build_application(settings: Settings, engine: Engine, request: BaseRequest | None = None,
                      updates_request: BaseRequest | None = None, flood_limit: bool = True) -> Application:
    """The bot. `flood_limit=False` drops the outgoing rate limiter (and with it the retries):
    only for measuring how fast updates are processed, which that limiter caps at Telegram's
    30 a second."""
    builder = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(True)  # a reply waiting out an outage must not hold up the others
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if flood_limit:
        builder = builder.rate_limiter(OutageTolerantRateLimiter(outage_seconds=settings.send_retry_seconds))
    if request is not None:
        builder = builder.request(request).get_updates_request(updates_request or request)
    application = builder.build()
    state = application.bot_data
    state.engine = engine
    state.limiter = QuestionLimiter(settings.questions_per_minute)
    state.store = QuestionStore(Path(settings.db_path) if settings.db_path else default_db_path())
    state.admins = filters.User(user_id=settings.admin_ids)
    state.loaded_print = folder_print(engine.knowledge.directory)
    state.reload_time_limit = settings.reload_time_limit
    register_handlers(application)
    schedule_jobs(application, settings.reload_seconds, settings.retention_days)
    return application


COMMAND_HANDLERS = {
    "start": browsing.on_start, "help": browsing.on_help, "actions": browsing.on_actions,
    "topics": browsing.on_topics, "sources": browsing.on_sources, "about": browsing.on_about,
    "lang": browsing.on_lang, "ask": questions.on_ask,
}
# One handler per kind of button, by its callback data; anything else is stale or forged.
BUTTONS = (
    (callbacks.ANSWER_DATA, browsing.on_answer_button),
    (callbacks.TOPIC_DATA, browsing.on_topic_button),
    (callbacks.LANGUAGE_DATA, browsing.on_language_button),
    (callbacks.CHOOSE_DATA, questions.on_choice_button),
    (callbacks.FEEDBACK_DATA, questions.on_feedback_button),
    (review_buttons.REVIEW_DATA, review_buttons.on_review_button),
)


def register_handlers(application: Application) -> None:
    application.add_handler(TypeHandler(Update, guard), group=-1)
    for name, callback in COMMAND_HANDLERS.items():
        application.add_handler(CommandHandler(name, callback))
    admins = application.bot_data.admins
    for name, callback in admin.ADMIN_COMMANDS.items():
        application.add_handler(CommandHandler(name, callback, filters=admins))
    application.add_handler(CommandHandler(list(admin.ADMIN_COMMANDS), admin.on_not_admin))  # everyone else

    new_text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(new_text & filters.ChatType.PRIVATE, questions.on_private_text))
    application.add_handler(MessageHandler(new_text & filters.ChatType.GROUPS, questions.on_group_text))
    application.add_handler(MessageHandler(
        filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & ~filters.TEXT, questions.on_private_non_text))

    application.add_handler(CallbackQueryHandler(callbacks.on_stale_button, pattern=callbacks.NO_DATA))
    for pattern, callback in BUTTONS:
        application.add_handler(CallbackQueryHandler(callback, pattern=pattern))
    application.add_handler(CallbackQueryHandler(callbacks.on_stale_button))
    application.add_handler(InlineQueryHandler(inline.on_inline))
    application.add_error_handler(errors.on_error)


def with_webhook_secret(settings: Settings) -> Settings:
    """The settings with a webhook secret: the one set, else a random one for this run
    (chosen before logging is set up, so the log can redact it too)."""
    if settings.webhook_url is None or settings.webhook_secret:
        return settings
    return dataclasses.replace(settings, webhook_secret=secrets.token_urlsafe(32))


def run(settings: Settings, engine: Engine) -> None:
    """Serve until SIGINT/SIGTERM. Raises telegram.error.InvalidToken if Telegram rejects the
    token, startup.StartTimedOut if it does not answer within the start-up time limit and
    startup.StartStopped if told to stop meanwhile."""
    engine.prepare()  # every language built before the first question
    application = build_application(settings, engine)
    startup.start(application, settings.start_timeout)  # getMe answered: the rest of the start-up follows
    # The knowledge and its index live as long as the process: keep the garbage collector
    # from walking them again on every collection (a reload's new index joins them later).
    gc.freeze()
    # Telegram has just answered; python-telegram-bot retries the remaining set-up calls
    # (deleteWebhook or setWebhook) itself until they succeed.
    if settings.webhook_url:
        log.info("Starting in webhook mode on %s:%s", settings.webhook_listen, settings.webhook_port)
        webhook.reject_malformed_bodies()
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url,
            secret_token=with_webhook_secret(settings).webhook_secret,
            allowed_updates=Update.ALL_TYPES,
            bootstrap_retries=-1,
        )
    else:
        log.info("Starting with long polling")
        application.run_polling(allowed_updates=Update.ALL_TYPES, timeout=settings.poll_timeout,
                                bootstrap_retries=-1)
