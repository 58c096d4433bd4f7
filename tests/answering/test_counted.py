import pytest

from bot.answering.counted import count_units, counts_what_is_asked


def test_a_count_s_units_come_from_its_value_and_what_it_counts(engine):
    units = count_units(engine.knowledge, engine.normalizer)
    assert "action" in units["ten-actions"]  # counts: actions
    assert "villag" in units["foundation-companion-homes"]  # "3,000 villages"
    assert "zhang-yong" not in units  # no count: never held back


@pytest.mark.parametrize("question, entry, counts", [
    ("how many SMEs will be helped", "ten-actions", False),
    ("how many steps are in the plan", "ten-actions", True),  # a reader's word for the actions
    ("how many things are in the plan", "ten-actions", True),  # an everyday word counts anything
    ("how many yuan in total", "ten-actions", True),  # an amount, not things counted
    ("how many villages get homes", "foundation-companion-homes", True),
    ("十大行动能帮多少个中小企业", "ten-actions", True),  # Chinese is not checked (see the note)
])
def test_a_count_answers_only_a_question_counting_what_it_counts(engine, question, entry, counts):
    units = count_units(engine.knowledge, engine.normalizer)
    assert counts_what_is_asked(units, entry, question, engine.normalizer) is counts
