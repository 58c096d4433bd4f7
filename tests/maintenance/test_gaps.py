from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from rapidfuzz import fuzz

from bench.gaps import synthetic_rows
from bench.synthetic import word_list
from bot.maintenance.gaps import SIMILAR_AT, Gap, format_gaps, group_unanswered, parse_duration
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


# -- the same clusters as the quadratic version it replaced -----------------------

def quadratic_groups(rows, engine):
    """The grouping before the word index: every key against every leader."""
    by_words = {}
    for row in rows:
        words = " ".join(sorted(engine.normalizer.analyse(row.question, correct_typos=True).content))
        by_words.setdefault(words or row.question.strip().lower(), []).append(row.question.strip())
    groups = []
    for words, questions in sorted(by_words.items(), key=lambda kv: -len(kv[1])):
        for key, members in groups:
            if fuzz.token_set_ratio(words, key, processor=None, score_cutoff=SIMILAR_AT):
                members.extend(questions)
                break
        else:
            groups.append((words, list(questions)))
    return sorted(sorted(members) for _, members in groups)


def grouped(gaps):
    return sorted(sorted([gap.example, *gap.variants]) for gap in gaps)


def test_same_clusters_as_the_quadratic_grouping(engine, shipped_knowledge):
    # Real phrasings (they share "alibaba", "fund", "pledge"...), typos and the bench's rewordings.
    questions = [q.text for entry in shipped_knowledge.entries for q in entry.questions]
    questions += [q.replace("a", "", 1) for q in questions[::3]] + [q.upper() for q in questions[::5]]
    questions += [row.question for row in synthetic_rows(800)]
    unique = rows(*dict.fromkeys(questions))  # one row per wording: variants list every member
    assert len(unique) > 1000
    gaps = group_unanswered(unique, engine, limit=len(unique))
    assert grouped(gaps) == quadratic_groups(unique, engine)
    assert gaps.group_count == len(gaps)


def test_a_report_is_capped_but_counts_every_group(engine):
    many = rows(*(f"question number {n} about {word}" for n, word in enumerate(word_list(60))))
    gaps = group_unanswered(many, engine, limit=5)
    assert len(gaps) == 5 and gaps.group_count > 5
    assert format_gaps(gaps, limit=5).splitlines()[-1] == f"({gaps.group_count - 5} more groups)"


def test_grouping_runs_in_worker_threads_at_once(engine):
    questions = rows(*(row.question for row in synthetic_rows(300)))
    expected = grouped(group_unanswered(questions, engine, limit=1000))
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: grouped(group_unanswered(questions, engine, limit=1000)), range(4)))
    assert results == [expected] * 4
