"""/gaps buttons: an admin's press is stored, `review --from` applies it; anything else is refused."""

import io
import json
import re
import sqlite3
import sys

from bot.cli import main
from bot.tg.review_buttons import NOT_ADMIN
from bot.tg.testing import USER, bot_message, buttons, callback_update, message_update
from tests.maintenance.review_support import ASKED, added_lines, checkout

ADMIN = USER["id"]
STRANGER = {"id": 99, "is_bot": False, "first_name": "Bo"}
STALE = "This button is out of date"


def gaps_shown(h) -> dict[str, dict]:
    store = h.app.bot_data.store
    for question, count in ASKED.items():
        for _ in range(count):
            store.record_unanswered(question, "unknown", None, 0.0)
    h.request.clear()
    h.feed(message_update(h.bot, "/gaps"))
    sent = h.request.sent()
    assert sent[0]["text"].startswith("<b>Most asked, not answered (7 days)</b>")
    shown = {}
    for params, message_id in zip(sent[1:], h.request.sent_ids()[1:]):
        question = re.search(r"<i>(.*?)</i>", params["text"]).group(1)
        shown[question] = bot_message(params["text"], reply_markup=params["reply_markup"], message_id=message_id)
    return shown


def press(h, message, label_start, user=USER):
    data = next(d for label, d in buttons(message) if label.startswith(label_start))
    h.request.clear()
    h.feed(callback_update(h.bot, data, message=message, user=user))
    return data, dict(h.request.calls)


def test_gaps_buttons_store_decisions_that_review_from_applies(harness, tmp_path, capsys, monkeypatch):
    db = tmp_path / "bot.sqlite3"
    h = harness(admin_ids=frozenset({ADMIN}), db_path=db)
    shown = gaps_shown(h)
    assert list(shown) == list(ASKED)  # most asked first
    labels = [label for label, _ in buttons(shown["alibaba prosperity cash pile"])]
    assert labels[0].startswith("➕ phrasing of pledge-amount (0.") and labels[-1] == "🚫 must decline"
    assert all(len(data.encode()) <= 64 for _, data in buttons(shown["alibaba prosperity cash pile"]))

    data, calls = press(h, shown["alibaba prosperity cash pile"], "➕ phrasing of pledge-amount")
    assert re.fullmatch(r"r:\d+:pledge-amount", data)
    assert calls["answerCallbackQuery"]["text"] == "Noted."
    assert "✅ Decided: add as a phrasing of pledge-amount" in calls["editMessageText"]["text"]
    _, calls = press(h, shown["what does jack ma think"], "🚫 must decline")
    assert "✅ Decided: must decline" in calls["editMessageText"]["text"]

    export = tmp_path / "clusters.yaml"
    assert main(["unanswered", "--export", str(export), "--db", str(db)]) == 0
    exported = export.read_text(encoding="utf-8")
    assert "- alibaba prosperity cash pile\n  decision:\n    action: phrasing\n    entry: pledge-amount\n" in exported
    folder = checkout(tmp_path)
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # no terminal: the decisions only
    assert main(["--knowledge", str(folder), "review", "--from", str(export)]) == 0
    out = capsys.readouterr().out
    assert "Applying 2 decision(s) taken in Telegram first:" in out
    assert "1 cluster(s) left to review: needs a terminal" in out
    assert added_lines(folder) == {
        "entries/pledge.yaml": ["      - alibaba prosperity cash pile"],
        "eval.yaml": ['  - {q: "alibaba prosperity cash pile", expect: pledge-amount}',
                      '  - {q: "what does jack ma think", expect: decline}']}


def test_only_admins_decide(harness, tmp_path):
    h = harness(admin_ids=frozenset({ADMIN}))
    shown = gaps_shown(h)
    _, calls = press(h, shown["what does jack ma think"], "🚫", user=STRANGER)
    assert calls["answerCallbackQuery"]["text"] == NOT_ADMIN and "editMessageText" not in calls
    assert h.app.bot_data.store.review_decisions() == {}


def test_stale_or_forged_data_gets_a_polite_answer_and_stores_nothing(harness):
    h = harness(admin_ids=frozenset({ADMIN}))
    gaps_shown(h)
    for data in ("r:999:pledge-amount", "r:1:no-such-entry", "r:0:fund", "r:x:fund", "r:1:", "r:1:a:b",
                 "r:１:fund"):
        h.request.clear()
        h.feed(callback_update(h.bot, data))
        assert dict(h.request.calls)["answerCallbackQuery"]["text"].startswith(STALE), data
    assert h.app.bot_data.store.review_decisions() == {}


def test_a_thumbs_down_keeps_its_question_across_a_restart_and_comes_to_review(harness, tmp_path, capsys):
    db = tmp_path / "bot.sqlite3"
    before = harness(db_path=db)
    before.feed(message_update(before.bot, "what is action 3"))
    [sent] = before.request.sent()
    [message_id] = before.request.sent_ids()
    assert before.app.bot_data.store.flush(timeout=10)
    after = harness(db_path=db)  # a new process: nothing in memory
    message = bot_message(sent["text"], reply_markup=sent["reply_markup"], message_id=message_id)
    press(after, message, "👎")
    assert after.app.bot_data.store.flush(timeout=10)  # the vote is queued; wait until it is written
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT entry, question, vote FROM feedback").fetchall() == [
            ("action-3", "what is action 3", -1)]
        [(key,)] = connection.execute("SELECT message_key FROM answered").fetchall()
        assert re.fullmatch(r"[0-9a-f]{32}", key)  # a hash: no chat id is written
    capsys.readouterr()
    assert main(["unanswered", "--json", "--db", str(db)]) == 0
    [cluster] = json.loads(capsys.readouterr().out)["clusters"]
    assert cluster["questions"] == ["what is action 3"] and cluster["status"] == "👎"
