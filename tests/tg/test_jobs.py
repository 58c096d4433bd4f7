"""Jobs: live reload of the knowledge and the clean-ups."""

from bot.tg.testing import USER, message_update

ADMIN = USER["id"]


def ask(h, question: str) -> str:
    h.request.clear()
    h.feed(message_update(h.bot, question))
    return h.request.sent()[0]["text"]


def wait_for_admin_message(h, text: str) -> str:
    def told() -> str | None:
        return next((s["text"] for s in h.request.sent() if s["chat_id"] == ADMIN and text in s["text"]), None)

    return h.wait_until(told, what=f"admins to be told {text!r}")


def test_edits_are_served_live_and_broken_edits_are_refused(live):
    h, folder = live
    assert "20 billion yuan" in ask(h, "how big is the fund")
    old_version = h.app.bot_data.engine.knowledge.version

    facts = folder / "facts.yaml"
    facts.write_text(facts.read_text().replace("value: 20 billion yuan", "value: 25 billion yuan"))
    h.request.clear()
    told = wait_for_admin_message(h, "Knowledge reloaded")
    assert "25 billion yuan" in ask(h, "how big is the fund")
    assert old_version not in told

    facts.write_text(facts.read_text().replace("value: 25 billion yuan", "value: yes"))
    h.request.clear()
    told = wait_for_admin_message(h, "The knowledge edit has 1 problem(s)")
    assert "facts.yaml:" in told and "must be text" in told
    assert "25 billion yuan" in ask(h, "how big is the fund")  # the last good version still serves
    h.request.clear()
    [watcher] = h.app.job_queue.get_jobs_by_name("watch-knowledge")
    for _ in range(2):  # the watcher looks again at the unchanged, rejected folder
        h.loop.run_until_complete(watcher.run(h.app))
    assert h.request.sent() == []  # told once, not at every look


def test_the_scheduled_clean_up_forgets_idle_askers(harness):
    h = harness()
    h.feed(message_update(h.bot, "who leads the programme"))
    limiter = h.app.bot_data.limiter
    assert limiter.users_tracked() == 1
    limiter.window = 0.0  # as if the minute had passed
    [job] = h.app.job_queue.get_jobs_by_name("forget-idle-askers")
    h.loop.run_until_complete(job.run(h.app))
    assert limiter.users_tracked() == 0
