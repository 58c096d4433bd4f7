"""Bot settings, read once from the environment at start-up into a frozen object.

Each setting is declared once, in `SETTINGS`: its variable, type, default, parser and
meaning. The `Settings` class, `load_settings` and the README's settings table (checked
by a test) all follow from that table. A bad value fails at start with a message that
names the variable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, make_dataclass
from typing import Any, Callable, Mapping

from bot.paths import ENV_KNOWLEDGE

DEFAULT_BASE_URL = "https://api.telegram.org/bot"
REQUIRED = object()  # the default of a setting that has none
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names it and says what is expected."""


# -- parsers: the stripped, non-blank text of a variable to its value -------------------
# Each raises ValueError with what the value should be; the variable's name is added to it.

def as_is(raw: str) -> str:
    return raw


def whole_number(low: int, high: int, kind: type = int) -> Callable[[str], Any]:
    def parse(raw: str):
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise ValueError(f"must be a whole number from {low} to {high}, not {raw!r}.")
        return kind(value)
    return parse


def url(*schemes: str, why: str = "") -> Callable[[str], str]:
    def parse(raw: str) -> str:
        if not raw.startswith(schemes):
            raise ValueError(why or f"must start with {' or '.join(schemes)}, not {raw!r}.")
        return raw
    return parse


def bot_token(raw: str) -> str:
    if any(c.isspace() for c in raw) or ":" not in raw:  # never echoed: it is a secret
        raise ValueError("does not look like a bot token (digits, a colon, then letters).")
    return raw


def webhook_secret(raw: str) -> str:
    # Telegram's rule for secret_token; never echoed back.
    if not (1 <= len(raw) <= 256 and all(c.isascii() and (c.isalnum() or c in "_-") for c in raw)):
        raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -.")
    return raw


def log_level(raw: str) -> str:
    level = raw.upper()
    if level not in LOG_LEVELS:
        raise ValueError(f"must be {', '.join(LOG_LEVELS[:-1])} or {LOG_LEVELS[-1]}, not {level!r}.")
    return level


def user_ids(raw: str) -> frozenset[int]:
    ids = set()
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise ValueError(f"must be Telegram user ids separated by commas, not {part!r}.")
        ids.add(int(part))
    return frozenset(ids)


# -- the table ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Setting:
    name: str  # the attribute of Settings
    variable: str  # the environment variable
    type: Any
    default: Any  # when the variable is unset or blank; REQUIRED if there is none
    parse: Callable[[str], Any]
    meaning: str  # for the README
    shown_default: str | None = None  # the README's default, when the value itself says little
    secret: bool = False  # kept out of repr (and so out of tracebacks and logs)

    @property
    def documented_default(self) -> str:
        if self.shown_default is not None:
            return self.shown_default
        return "(required)" if self.default is REQUIRED else str(self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting("token", "TELEGRAM_BOT_TOKEN", str, REQUIRED, bot_token,
            "the bot's token from @BotFather", secret=True),
    Setting("base_url", "TELEGRAM_API_BASE_URL", str, DEFAULT_BASE_URL, url("http://", "https://"),
            "Bot API base URL, e.g. http://127.0.0.1:8081/bot for a self-hosted Bot API server"),
    Setting("webhook_url", "PLEDGEBOT_WEBHOOK_URL", "str | None", None,
            url("https://", why="must be an https:// URL (Telegram only calls HTTPS webhooks)."),
            "public HTTPS URL Telegram posts updates to; setting it switches to webhook mode",
            shown_default="(unset: long polling)"),
    Setting("webhook_secret", "PLEDGEBOT_WEBHOOK_SECRET", "str | None", None, webhook_secret,
            "secret token Telegram sends with each webhook call (1-256 of A-Z a-z 0-9 _ -)",
            shown_default="(random per start)", secret=True),
    Setting("webhook_listen", "PLEDGEBOT_WEBHOOK_LISTEN", str, "0.0.0.0", as_is,
            "address the webhook server listens on"),
    Setting("webhook_port", "PLEDGEBOT_WEBHOOK_PORT", int, 8443, whole_number(1, 65535),
            "port the webhook server listens on"),
    Setting("questions_per_minute", "PLEDGEBOT_QUESTIONS_PER_MINUTE", int, 20, whole_number(1, 1000),
            "questions one user may ask per minute before the bot pauses for them"),
    Setting("poll_timeout", "PLEDGEBOT_POLL_TIMEOUT", int, 30, whole_number(0, 50),
            "seconds one getUpdates long poll may wait"),
    Setting("send_retry_seconds", "PLEDGEBOT_SEND_RETRY_SECONDS", float, 300.0, whole_number(0, 86400, float),
            "how long to keep retrying a reply while Telegram is unreachable", shown_default="300"),
    Setting("start_timeout", "PLEDGEBOT_START_TIMEOUT", float, 300.0, whole_number(1, 86400, float),
            "how long to keep trying to reach Telegram at start (pauses of 1, 2, 4 ... 30 s) before exiting 1",
            shown_default="300"),
    Setting("log_level", "PLEDGEBOT_LOG_LEVEL", str, "INFO", log_level, "DEBUG, INFO, WARNING or ERROR"),
    Setting("admin_ids", "PLEDGEBOT_ADMIN_IDS", frozenset[int], frozenset(), user_ids,
            "comma-separated Telegram user ids allowed /reload, /status and /gaps, and told about reloads",
            shown_default="(none)"),
    Setting("reload_seconds", "PLEDGEBOT_RELOAD_SECONDS", int, 5, whole_number(0, 3600),
            "how often to look for edits to the knowledge folder; 0 turns live reload off"),
    Setting("reload_time_limit", "PLEDGEBOT_RELOAD_TIME_LIMIT", float, 30.0, whole_number(1, 3600, float),
            "seconds a reload may take before it is abandoned and the last good knowledge kept",
            shown_default="30"),
    Setting("db_path", "PLEDGEBOT_DB", "str | None", None, as_is,  # None: the store's default location
            "SQLite file for unanswered questions and feedback",
            shown_default="~/.local/share/pledgebot/pledgebot.sqlite3"),
    Setting("retention_days", "PLEDGEBOT_RETENTION_DAYS", int, 90, whole_number(1, 3650),
            "days to keep unanswered questions and feedback"),
)

Settings = make_dataclass(
    "Settings",
    [(s.name, s.type, field(repr=not s.secret)) if s.default is REQUIRED
     else (s.name, s.type, field(default=s.default, repr=not s.secret)) for s in SETTINGS],
    frozen=True,
)
Settings.__module__ = __name__
Settings.__doc__ = "The bot's settings; see SETTINGS for what each one is."

# Every variable the bot reads, as (default, meaning): the README's settings table.
# The knowledge folder is read by bot.paths for every command, not only the bot.
ENVIRONMENT = {s.variable: (s.documented_default, s.meaning) for s in SETTINGS}
ENVIRONMENT[ENV_KNOWLEDGE] = ("(the shipped knowledge)", "knowledge folder to serve")


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    values = {}
    for setting in SETTINGS:
        raw = env.get(setting.variable, "").strip()
        if not raw:
            if setting.default is REQUIRED:
                raise SettingsError(f"{setting.variable} is not set: export {setting.meaning}.")
            continue
        try:
            values[setting.name] = setting.parse(raw)
        except ValueError as problem:
            raise SettingsError(f"{setting.variable} {problem}") from None
    return Settings(**values)
