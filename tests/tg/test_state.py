"""The bot's state is context.bot_data itself, typed, and what every handler reads."""

from bot.answering.engine import Engine
from bot.knowledge.loader import load_knowledge
from bot.tg.state import BotState
from bot.tg.testing import inline_update, message_update


def test_bot_data_is_the_typed_state(harness, engine):
    h = harness(questions_per_minute=7)
    state = h.app.bot_data
    assert isinstance(state, BotState)
    assert h.app.context_types.bot_data is BotState
    assert state.engine is engine and state.limiter.per_minute == 7 and state.store is not None


def test_handlers_read_the_engine_the_state_holds(harness, tiny_knowledge):
    h = harness()
    folder = tiny_knowledge()
    facts = folder / "facts.yaml"
    facts.write_text(facts.read_text().replace("100 billion yuan", "123 billion yuan", 1))
    h.app.bot_data.engine = Engine(load_knowledge(folder))  # what a reload does
    h.feed(message_update(h.bot, "how much is invested"))
    assert "123 billion yuan" in h.request.sent()[0]["text"]
    h.request.clear()
    h.feed(inline_update(h.bot, "how much is invested"))
    [(_, params)] = h.request.calls
    assert "123 billion yuan" in params["results"][0]["description"]


def test_answered_questions_are_remembered_for_feedback_and_bounded(monkeypatch):
    from bot.tg import state as state_module
    from bot.tg.testing import bot_message
    from telegram import Message

    monkeypatch.setattr(state_module, "MAX_REMEMBERED_QUESTIONS", 2)
    state = BotState()
    for n in range(3):
        state.remember_question(Message.de_json(bot_message(message_id=n + 1), None), f"question {n}")
    assert list(state.answered_questions.values()) == ["question 1", "question 2"]
