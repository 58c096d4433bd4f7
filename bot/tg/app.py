"""Build the python-telegram-bot Application and run it (long polling or webhook)."""

from __future__ import annotations

import gc
import logging
import secrets
from datetime import timedelta
from pathlib import Path

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
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
from bot.tg import handlers, maintenance
from bot.tg.limits import QuestionLimiter
from bot.tg.settings import Settings
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


def build_application(settings: Settings, engine: Engine, request: BaseRequest | None = None,
                      updates_request: BaseRequest | None = None, flood_limit: bool = True) -> Application:
    """The bot. `flood_limit=False` drops the outgoing rate limiter: only for measuring
    how fast updates are processed, which that limiter caps at Telegram's 30 a second."""
    builder = (
        Application.builder()
        .token(settings.token)
        .base_url(settings.base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .concurrent_updates(True)  # a reply waiting out an outage must not hold up the others
        .post_init(_post_init)
    )
    if flood_limit:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    if request is not None:
        builder = builder.request(request).get_updates_request(updates_request or request)
    application = builder.build()
    application.bot_data["state"] = handlers.BotState(
        engine=engine,
        limiter=QuestionLimiter(settings.questions_per_minute),
        send_retry_seconds=settings.send_retry_seconds,
        store=QuestionStore(Path(settings.db_path) if settings.db_path else default_db_path()),
        admin_ids=settings.admin_ids,
        retention_days=settings.retention_days,
        fingerprint=maintenance.fingerprint(engine.knowledge.directory),
    )
    register_handlers(application)
    schedule_jobs(application, settings)
    return application


def schedule_jobs(application: Application, settings: Settings) -> None:
    jobs = application.job_queue
    if settings.reload_seconds:
        jobs.run_repeating(maintenance.watch_knowledge, interval=settings.reload_seconds,
                           first=settings.reload_seconds, name="watch-knowledge")
    jobs.run_repeating(maintenance.purge_old_rows, interval=timedelta(days=1), first=1, name="purge")
    jobs.run_repeating(maintenance.forget_idle_askers, interval=timedelta(minutes=10),
                       first=timedelta(minutes=10), name="forget-idle-askers")


def register_handlers(application: Application) -> None:
    application.add_handler(TypeHandler(Update, handlers.guard), group=-1)
    commands = {
        "start": handlers.on_start, "help": handlers.on_help, "actions": handlers.on_actions,
        "topics": handlers.on_topics, "sources": handlers.on_sources, "about": handlers.on_about,
        "ask": handlers.on_ask, "lang": handlers.on_lang,
    }
    commands.update({"reload": maintenance.on_reload, "status": maintenance.on_status, "gaps": maintenance.on_gaps})
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback))
    new_text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(new_text & filters.ChatType.PRIVATE, handlers.on_private_text))
    application.add_handler(MessageHandler(new_text & filters.ChatType.GROUPS, handlers.on_group_text))
    application.add_handler(MessageHandler(
        filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & ~filters.TEXT, handlers.on_private_non_text))
    application.add_handler(CallbackQueryHandler(handlers.on_button))
    application.add_handler(InlineQueryHandler(handlers.on_inline))
    application.add_error_handler(handlers.on_error)


def run(settings: Settings, engine: Engine) -> None:
    """Serve until SIGINT/SIGTERM. Raises telegram.error.InvalidToken if Telegram rejects the token."""
    engine.prepare()  # every language built before the first question
    application = build_application(settings, engine)
    # The knowledge and its index live as long as the process: keep the garbage collector
    # from walking them again on every collection (a reload's new index joins them later).
    gc.freeze()
    if settings.webhook_url:
        log.info("Starting in webhook mode on %s:%s", settings.webhook_listen, settings.webhook_port)
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path="telegram",
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret or secrets.token_urlsafe(32),
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        log.info("Starting with long polling")
        application.run_polling(allowed_updates=Update.ALL_TYPES, timeout=settings.poll_timeout)
