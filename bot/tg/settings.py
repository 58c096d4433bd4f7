"""Bot settings, read once from the environment at start-up into a frozen object.

A bad value fails at start with a message that names the variable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

DEFAULT_BASE_URL = "https://api.telegram.org/bot"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names it and says what is expected."""


@dataclass(frozen=True)
class Settings:
    token: str = field(repr=False)  # never shown, even in a repr or a traceback
    base_url: str = DEFAULT_BASE_URL
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    questions_per_minute: int = 20
    poll_timeout: int = 30
    send_retry_seconds: float = 300.0
    log_level: str = "INFO"
    admin_ids: frozenset[int] = frozenset()
    reload_seconds: int = 5
    db_path: str | None = None  # None: the store's default location
    retention_days: int = 90


# name: (default, description) — the README's settings table is written from this.
ENVIRONMENT = {
    "TELEGRAM_BOT_TOKEN": ("(required)", "the bot's token from @BotFather"),
    "TELEGRAM_API_BASE_URL": (DEFAULT_BASE_URL, "Bot API base URL, e.g. http://127.0.0.1:8081/bot for a self-hosted Bot API server"),
    "PLEDGEBOT_WEBHOOK_URL": ("(unset: long polling)", "public HTTPS URL Telegram posts updates to; setting it switches to webhook mode"),
    "PLEDGEBOT_WEBHOOK_SECRET": ("(random per start)", "secret token Telegram sends with each webhook call (1-256 of A-Z a-z 0-9 _ -)"),
    "PLEDGEBOT_WEBHOOK_LISTEN": ("0.0.0.0", "address the webhook server listens on"),
    "PLEDGEBOT_WEBHOOK_PORT": ("8443", "port the webhook server listens on"),
    "PLEDGEBOT_QUESTIONS_PER_MINUTE": ("20", "questions one user may ask per minute before the bot pauses for them"),
    "PLEDGEBOT_POLL_TIMEOUT": ("30", "seconds one getUpdates long poll may wait"),
    "PLEDGEBOT_SEND_RETRY_SECONDS": ("300", "how long to keep retrying a reply while Telegram is unreachable"),
    "PLEDGEBOT_LOG_LEVEL": ("INFO", "DEBUG, INFO, WARNING or ERROR"),
    "PLEDGEBOT_ADMIN_IDS": ("(none)", "comma-separated Telegram user ids allowed /reload, /status and /gaps, and told about reloads"),
    "PLEDGEBOT_RELOAD_SECONDS": ("5", "how often to look for edits to the knowledge folder; 0 turns live reload off"),
    "PLEDGEBOT_DB": ("~/.local/share/pledgebot/pledgebot.sqlite3", "SQLite file for unanswered questions and feedback"),
    "PLEDGEBOT_RETENTION_DAYS": ("90", "days to keep unanswered questions and feedback"),
    "PLEDGEBOT_KNOWLEDGE": ("(the shipped knowledge)", "knowledge folder to serve"),
}


def _integer(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number from {low} to {high}, not {raw!r}.") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} must be a whole number from {low} to {high}, not {raw!r}.")
    return value


def _secret_is_valid(secret: str) -> bool:
    return 1 <= len(secret) <= 256 and all(c.isascii() and (c.isalnum() or c in "_-") for c in secret)


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        raise SettingsError("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and export it.")
    if any(c.isspace() for c in token) or ":" not in token:
        raise SettingsError("TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters).")

    base_url = env.get("TELEGRAM_API_BASE_URL", "").strip() or DEFAULT_BASE_URL
    if not base_url.startswith(("http://", "https://")):
        raise SettingsError(f"TELEGRAM_API_BASE_URL must start with http:// or https://, not {base_url!r}.")

    webhook_url = env.get("PLEDGEBOT_WEBHOOK_URL", "").strip() or None
    if webhook_url and not webhook_url.startswith("https://"):
        raise SettingsError("PLEDGEBOT_WEBHOOK_URL must be an https:// URL (Telegram only calls HTTPS webhooks).")
    secret = env.get("PLEDGEBOT_WEBHOOK_SECRET", "").strip() or None
    if secret is not None and not _secret_is_valid(secret):
        raise SettingsError("PLEDGEBOT_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -.")

    level = (env.get("PLEDGEBOT_LOG_LEVEL", "").strip() or "INFO").upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise SettingsError(f"PLEDGEBOT_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not {level!r}.")

    admin_ids = set()
    for part in env.get("PLEDGEBOT_ADMIN_IDS", "").replace(" ", "").split(","):
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise SettingsError(f"PLEDGEBOT_ADMIN_IDS must be Telegram user ids separated by commas, not {part!r}.")
        admin_ids.add(int(part))

    return Settings(
        token=token,
        base_url=base_url,
        webhook_url=webhook_url,
        webhook_secret=secret,
        webhook_listen=env.get("PLEDGEBOT_WEBHOOK_LISTEN", "").strip() or "0.0.0.0",
        webhook_port=_integer(env, "PLEDGEBOT_WEBHOOK_PORT", 8443, 1, 65535),
        questions_per_minute=_integer(env, "PLEDGEBOT_QUESTIONS_PER_MINUTE", 20, 1, 1000),
        poll_timeout=_integer(env, "PLEDGEBOT_POLL_TIMEOUT", 30, 0, 50),
        send_retry_seconds=float(_integer(env, "PLEDGEBOT_SEND_RETRY_SECONDS", 300, 0, 86400)),
        log_level=level,
        admin_ids=frozenset(admin_ids),
        reload_seconds=_integer(env, "PLEDGEBOT_RELOAD_SECONDS", 5, 0, 3600),
        db_path=env.get("PLEDGEBOT_DB", "").strip() or None,
        retention_days=_integer(env, "PLEDGEBOT_RETENTION_DAYS", 90, 1, 3650),
    )
