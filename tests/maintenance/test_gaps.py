from datetime import timedelta

import pytest

from bot.maintenance.gaps import Gap, format_gaps, group_unanswered, parse_duration
from bot.maintenance.store import UnansweredRow


def rows(*questions):
    return [UnansweredRow("2026-11-23T00:00:00+00:00", "unknown", q, None, 0.0) for q in questions]


def test_similar_questions_are_grouped_biggest_first(engine):
    gaps = group_unanswered(rows("who is the cfo of alibaba", "Who is Alibaba's CFO?", "alibaba cfo",
                                 "alibaba cfo", "is jack ma involved", "Is Jack Ma involved?"), engine)
    assert [g.count for g in gaps] == [4, 2]
    assert gaps[0].example == "alibaba cfo"  # the most frequent wording
    assert set(gaps[0].variants) == {"who is the cfo of alibaba", "Who is Alibaba's CFO?"}


def test_each_group_names_its_nearest_entry(engine):
    [gap] = group_unanswered(rows("when was the foundation created exactly, in which month"), engine)
    assert gap.nearest_entry == "foundation-about"
    assert gap.suggestion() == "add as a phrasing of foundation-about?"
    assert Gap(1, "q", (), None).suggestion() == "a new entry?"


def test_format_lists_groups_with_variants():
    text = format_gaps([Gap(3, "alibaba cfo", ("who is the cfo",), "zhang-yong")])
    assert text.splitlines() == ["   3  alibaba cfo  ->  add as a phrasing of zhang-yong?",
                                 "        also: who is the cfo"]
    assert format_gaps([]) == "No unanswered questions in that period."


@pytest.mark.parametrize("text, expected", [("7d", timedelta(days=7)), ("24h", timedelta(hours=24)),
                                            ("30m", timedelta(minutes=30)), ("2w", timedelta(weeks=2))])
def test_durations(text, expected):
    assert parse_duration(text) == expected


def test_bad_duration():
    with pytest.raises(ValueError):
        parse_duration("a week")
