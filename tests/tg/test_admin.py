"""The maintainers' commands, for admins only."""

from bot.tg import admin
from bot.tg.testing import GROUP, PRIVATE, message_update

STRANGER = {"id": 99, "is_bot": False, "first_name": "Bo"}


def test_reload_and_status_are_for_admins_only(live):
    h, _ = live
    h.request.clear()
    h.feed(message_update(h.bot, "/status", user=STRANGER, chat={**PRIVATE, "id": 99}))
    assert h.request.sent()[0]["text"] == admin.NOT_ADMIN
    h.request.clear()
    h.feed(message_update(h.bot, "/status"))
    status = h.request.sent()[0]["text"]
    version = h.app.bot_data.engine.knowledge.version
    assert f"Knowledge version {version}" in status and "entries" in status
    assert "Loaded 20" in status and "Up 0h 0m" in status and "Unanswered: 0 in the last 7 days" in status
    h.request.clear()
    h.feed(message_update(h.bot, "/reload", chat=GROUP))
    texts = [s["text"] for s in h.request.sent()]
    assert any(t.startswith("✅ Knowledge reloaded") for t in texts)
