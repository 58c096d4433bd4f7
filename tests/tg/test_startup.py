"""Start-up like a service: retry while Telegram does not answer, give up after the limit,
stop at once on a rejected token. (The real process against a fake Bot API: test_app.py.)"""

from __future__ import annotations

import asyncio
import logging

import pytest
from telegram.error import InvalidToken

from bot.tg import startup
from bot.tg.app import build_application, with_webhook_secret
from bot.tg.settings import Settings
from bot.tg.testing import RecordingRequest


@pytest.fixture
def starting(engine, tmp_path, monkeypatch):
    """An application whose Bot API calls fail as told, and pauses of 10 ms, not seconds."""
    monkeypatch.setattr(startup, "FIRST_PAUSE", 0.01)
    request = RecordingRequest()
    settings = Settings(token="42:offline-test-token", db_path=str(tmp_path / "bot.sqlite3"), reload_seconds=0)
    application = build_application(settings, engine, request=request)

    def start(give_up_after: float) -> None:
        async def attempt():
            try:
                await startup.initialize_when_telegram_answers(application, give_up_after)
            finally:
                await application.shutdown()
        asyncio.run(attempt())

    return request, start


def get_me_calls(request) -> int:
    return sum(name == "getMe" for name, _ in request.calls)


def test_start_retries_until_telegram_answers_with_a_line_per_failed_attempt(starting, caplog):
    request, start = starting
    for status in (500, 502, 500):
        request.fail("getMe", status)
    with caplog.at_level(logging.INFO, logger="bot.tg.startup"):
        start(give_up_after=60)
    assert get_me_calls(request) == 4
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert [w.split("attempt ")[1].split(" failed")[0] for w in warnings] == ["1", "2", "3"]
    assert all("Telegram is not answering" in w and "giving up after 60 s" in w for w in warnings)
    assert all(r.exc_info is None for r in caplog.records)  # no tracebacks
    assert "Telegram answered at attempt 4" in caplog.text


def test_start_gives_up_after_the_limit(starting):
    request, start = starting
    for _ in range(1000):
        request.fail("getMe", 500)
    with pytest.raises(startup.StartTimedOut, match="did not answer within 0.2 s"):
        start(give_up_after=0.2)
    assert get_me_calls(request) >= 2


def test_a_rejected_token_stops_the_start_at_once(starting):
    request, start = starting
    request.fail("getMe", 401)
    with pytest.raises(InvalidToken):
        start(give_up_after=60)
    assert get_me_calls(request) == 1


def test_a_webhook_without_a_secret_gets_a_random_one_before_logging_starts():
    polling = Settings(token="42:t")
    assert with_webhook_secret(polling) is polling
    webhook = with_webhook_secret(Settings(token="42:t", webhook_url="https://example.org/hook"))
    assert len(webhook.webhook_secret) >= 32
    chosen = Settings(token="42:t", webhook_url="https://example.org/hook", webhook_secret="mine")
    assert with_webhook_secret(chosen).webhook_secret == "mine"
