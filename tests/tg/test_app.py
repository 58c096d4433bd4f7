"""End to end: the real `pledgebot run` process against a fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.tg.fake_api import FakeBotApi

TOKEN = "42:e2e-fake-token"
USER = {"id": 7, "is_bot": False, "first_name": "Ann"}
PRIVATE = {"id": 7, "type": "private", "first_name": "Ann"}
GROUP = {"id": -100123, "type": "supergroup", "title": "Readers"}


def start_bot(api: FakeBotApi, log_path: Path, token: str = TOKEN, **env) -> subprocess.Popen:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "PLEDGEBOT_"))}
    environment.update({
        "TELEGRAM_BOT_TOKEN": token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "PLEDGEBOT_POLL_TIMEOUT": "1",
        "PLEDGEBOT_SEND_RETRY_SECONDS": "120",
        "PLEDGEBOT_DB": str(log_path.parent / "bot.sqlite3"),
        **env,
    })
    log = open(log_path, "w")  # noqa: SIM115 - closed with the process
    return subprocess.Popen([sys.executable, "-m", "bot", "run"], env=environment, stdout=log,
                            stderr=subprocess.STDOUT)


def message(api: FakeBotApi, text: str, chat: dict = PRIVATE, **extra) -> dict:
    payload = {"message_id": api.new_message_id(), "date": int(time.time()), "chat": chat, "from": USER,
               "text": text, **extra}
    return payload


def replies_to(api: FakeBotApi, chat_id: int) -> list[dict]:
    return [m for m in api.sent() if m["chat_id"] == chat_id]


@pytest.fixture
def api():
    server = FakeBotApi(TOKEN).start()
    yield server
    server.stop()


@pytest.fixture
def bot(api, tmp_path):
    process = start_bot(api, tmp_path / "bot.log")
    yield process, tmp_path / "bot.log"
    if process.poll() is None:
        process.kill()
        process.wait(10)


@pytest.mark.slow
def test_conversations_buttons_inline_and_recovery_from_outages(api, bot):
    process, log_path = bot
    api.wait_until(lambda: api.sent("setMyCommands"), what="the command menu")
    menus = api.wait_until(lambda: api.sent("setMyCommands") if len(api.sent("setMyCommands")) == 2 else None,
                         what="both command menus")
    assert [c["command"] for c in menus[0]["commands"]] == ["start", "help", "actions", "topics", "sources", "ask",
                                                             "lang", "about"]
    assert menus[1]["language_code"] == "zh" and menus[1]["commands"][0]["description"] == "欢迎和示例问题"

    # A private question.
    api.push("message", message(api, "how much is alibaba investing?"))
    answer = api.wait_until(lambda: replies_to(api, PRIVATE["id"]), what="the private answer")[0]
    assert "100 billion yuan" in answer["text"] and answer["parse_mode"] == "HTML"

    # A group message that does not mention the bot: taken, and left unanswered.
    silent = api.push("message", message(api, "how much is alibaba investing?", chat=GROUP))
    api.wait_until(lambda: api.confirmed(silent), what="the group message to be taken")
    assert replies_to(api, GROUP["id"]) == []

    # A mention in the group.
    text = "@PledgeTestBot who leads the team?"
    api.push("message", message(api, text, chat=GROUP,
                                entities=[{"type": "mention", "offset": 0, "length": len("@PledgeTestBot")}]))
    group_answer = api.wait_until(lambda: replies_to(api, GROUP["id"]), what="the group answer")[0]
    assert "Zhang Yong" in group_answer["text"] and group_answer["reply_parameters"]["message_id"]

    # A question with two close topics, and a press on one of its buttons.
    api.push("message", message(api, "what does the foundation do for poor counties"))
    clarify = api.wait_until(lambda: [m for m in replies_to(api, PRIVATE["id"]) if "reply_markup" in m
                                    and "Tap the one you want" in m["text"]], what="the clarify buttons")[0]
    choice = clarify["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    shown = {"message_id": 555, "date": int(time.time()), "chat": PRIVATE, "from": api_bot(), "text": clarify["text"]}
    api.push("callback_query", {"id": "cb1", "from": USER, "chat_instance": "x", "data": choice, "message": shown})
    edited = api.wait_until(lambda: api.sent("editMessageText"), what="the chosen answer")[0]
    assert edited["message_id"] == 555 and "Source" in edited["text"]
    assert api.wait_until(lambda: api.sent("answerCallbackQuery"), what="the button press answer")

    # Inline mode.
    api.push("inline_query", {"id": "iq1", "from": USER, "query": "seventh action", "offset": ""})
    inline = api.wait_until(lambda: api.sent("answerInlineQuery"), what="the inline answer")[0]
    assert inline["results"][0]["id"] == "action-7"

    # Telegram misbehaves: 500s, a 429 with retry_after, a stalled and a dropped connection.
    # Injected while the bot waits in a long poll, so they hit its replies as well as its polling.
    polls = len(api.sent("getUpdates"))
    api.wait_until(lambda: len(api.sent("getUpdates")) > polls, what="the bot to be long-polling again")
    before = len(replies_to(api, PRIVATE["id"]))
    api.faults.extend(["500", "500", "500", ("429", 1), "stall", "drop", "500"])
    first = api.push("message", message(api, "what is the third action"))
    second = api.push("message", message(api, "when was the alibaba foundation set up"))
    api.wait_until(lambda: not api.faults, timeout=60, what="every fault to be served")
    answers = api.wait_until(lambda: [m["text"] for m in replies_to(api, PRIVATE["id"])[before:]]
                           if len(replies_to(api, PRIVATE["id"])) >= before + 2 else None,
                           timeout=90, what="both questions answered after the outage")
    assert sum("Action 3" in a for a in answers) == 1 and sum("2011" in a for a in answers) == 1
    api.wait_until(lambda: api.confirmed(first) and api.confirmed(second), timeout=30,
                 what="both updates confirmed (taken once, not redelivered)")
    assert process.poll() is None, "the bot died during the outage"

    # And it answers normally afterwards.
    api.push("message", message(api, "who is zhang yong"))
    api.wait_until(lambda: any("chief executive" in m["text"] for m in replies_to(api, PRIVATE["id"])[before + 2:]),
                 what="an answer after recovery")

    # SIGTERM: a clean stop.
    process.send_signal(signal.SIGTERM)
    assert process.wait(30) == 0
    log = log_path.read_text()
    assert TOKEN not in log and "e2e-fake-token" not in log
    assert "500" in log or "Internal Server Error" in log  # the outage was logged


def test_rejected_token_is_one_clear_line_and_exit_code_2(api, tmp_path):
    log_path = tmp_path / "bot.log"
    process = start_bot(api, log_path, token="42:wrong-token")
    assert process.wait(60) == 2
    assert log_path.read_text().splitlines() == [
        "pledgebot run: Telegram rejected the token in TELEGRAM_BOT_TOKEN; check it with @BotFather."]


def attempt_lines(log_path: Path) -> list[str]:
    return [line for line in log_path.read_text().splitlines() if "Telegram is not answering" in line]


@pytest.mark.slow
def test_bot_api_down_at_start_then_up_the_bot_starts_and_answers_the_waiting_question(tmp_path):
    api = FakeBotApi(TOKEN)  # not listening yet: connections are refused
    log_path = tmp_path / "bot.log"
    process = start_bot(api, log_path)
    try:
        api.wait_until(lambda: attempt_lines(log_path), what="a line saying the first attempt failed")
        api.faults.extend(["500", "500"])  # then it answers, but with errors at first
        api.start()
        api.push("message", message(api, "how much is alibaba investing?"))
        answer = api.wait_until(lambda: replies_to(api, PRIVATE["id"]), timeout=60, what="the waiting question")
        assert "100 billion yuan" in answer[0]["text"]
        assert [fault for fault, _ in api.faults_served] == ["500", "500"]
        lines = attempt_lines(log_path)
        assert len(lines) >= 3 and "attempt 1 failed" in lines[0] and "(Internal Server Error)" in lines[-1]
        assert "Traceback" not in log_path.read_text()
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        api.stop()


@pytest.mark.slow
def test_bot_api_down_past_the_start_limit_is_one_line_and_exit_code_1(tmp_path):
    api = FakeBotApi(TOKEN)  # never started: every connection is refused
    log_path = tmp_path / "bot.log"
    process = start_bot(api, log_path, PLEDGEBOT_START_TIMEOUT="2")
    assert process.wait(60) == 1
    lines = log_path.read_text().splitlines()
    assert lines[-1].startswith("pledgebot run: Telegram did not answer within 2 s")
    assert lines[:-1] == attempt_lines(log_path) and lines[:-1]  # a line per failed attempt, nothing else


def listening(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def api_bot() -> dict:
    from tests.tg.fake_api import BOT_USER

    return BOT_USER


def test_webhook_mode_checks_the_secret_token(api, tmp_path):
    import json
    import urllib.error
    import urllib.request

    from tests.tg.fake_api import free_port

    port = free_port()
    process = start_bot(api, tmp_path / "bot.log", PLEDGEBOT_WEBHOOK_URL="https://bot.example.org/telegram",
                        PLEDGEBOT_WEBHOOK_LISTEN="127.0.0.1", PLEDGEBOT_WEBHOOK_PORT=str(port),
                        PLEDGEBOT_WEBHOOK_SECRET="e2e-secret", PLEDGEBOT_LOG_LEVEL="DEBUG")
    try:
        registered = api.wait_until(lambda: api.sent("setWebhook"), what="setWebhook")[0]
        assert registered["url"] == "https://bot.example.org/telegram"
        assert registered["secret_token"] == "e2e-secret"

        def post(update: dict | bytes, secret: str) -> int:
            body = update if isinstance(update, bytes) else json.dumps(update).encode()
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/telegram", data=body, method="POST",
                headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return response.status
            except urllib.error.HTTPError as exc:
                return exc.code

        api.wait_until(lambda: listening(port), what="the webhook server to listen")
        forged = {"update_id": 900, "message": message(api, "what is action 2")}
        assert post(forged, "wrong-secret") == 403
        genuine = {"update_id": 901, "message": message(api, "what is action 5")}
        assert api.wait_until(lambda: post(genuine, "e2e-secret") == 200 or None, what="the webhook to listen")
        answer = api.wait_until(lambda: replies_to(api, PRIVATE["id"]), what="the webhook answer")
        assert len(answer) == 1 and "Action 5" in answer[0]["text"]
        for malformed in (b"{not json", b"[1, 2]", b"\xff\xfe"):  # the right secret, a body that is no update
            assert post(malformed, "e2e-secret") == 400
        process.send_signal(signal.SIGTERM)
        assert process.wait(30) == 0
        log = (tmp_path / "bot.log").read_text()
        assert "setWebhook" in log  # DEBUG logging was on, calls included
        assert "e2e-secret" not in log and "Traceback" not in log
    finally:
        if process.poll() is None:
            process.kill()
