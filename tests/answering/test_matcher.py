import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answering.engine import Engine
from bot.answering.matcher import MatchIndex
from bot.language.normalize import Analysis

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.synthetic import phrasing_count, synthetic_knowledge  # noqa: E402

DEV = [c["q"] for c in yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "dev.yaml").read_text())["cases"]]


def decision(reply) -> tuple:
    return reply.status, reply.entry, reply.suggestions if reply.status == "clarify" else ()


def canonical(engine, text: str) -> str:
    [token] = engine.normalizer.analyse(text, correct_typos=False).content
    return token


def test_words_the_knowledge_never_uses_weigh_most(engine):
    index = engine.index
    assert index.weight("qwertyuiop") == index.foreign_weight
    assert index.weight(canonical(engine, "alibaba")) < index.weight(canonical(engine, "intime")) < index.foreign_weight


def test_only_entries_sharing_a_word_are_ranked(engine):
    intime = canonical(engine, "intime")
    holders = [e.id for i, e in enumerate(engine.index.entries) if intime in engine.index.tables.vocabularies[i]]
    assert holders  # else an empty ranking would pass
    assert [c.entry.id for c in engine.ranked("intime", limit=50)] == holders


def test_an_answer_only_word_covers_less_than_a_phrasing_word(engine):
    index = engine.index
    holders = {}
    for i, vocabulary in enumerate(index.tables.vocabularies):
        for token in vocabulary:
            holders.setdefault(token, []).append(i)
    token = next(t for t, entries in sorted(holders.items()) if all(t in index.tables.answer_only[i] for i in entries))
    alone = Analysis(tokens=(token,), content=(token,), foreign=(), names=(), asks=None, corrections=())
    assert {round(c.coverage, 6) for c in index.rank(alone, limit=50)} == {0.6}
    [best] = index.rank(engine.normalizer.analyse("haier weibo"), limit=1)
    assert best.entry.id == "zhang-yong-directorships" and best.coverage == 1.0


WORDS = sorted({w for q in DEV for w in q.lower().replace("?", "").split()} | {"baidu", "cfo", "2030", "#3"})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
def test_the_index_decides_as_an_exhaustive_scan(engine, words):
    exhaustive = Engine(engine.knowledge, exhaustive=True, units=engine.units)
    question = " ".join(words)
    assert decision(engine.answer(question)) == decision(exhaustive.answer(question))


@pytest.mark.slow
def test_the_index_decides_as_an_exhaustive_scan_over_100000_phrasings(shipped_knowledge):
    knowledge = synthetic_knowledge(shipped_knowledge, 100_000)
    assert phrasing_count(knowledge) >= 100_000
    indexed = Engine(knowledge)
    exhaustive = Engine(knowledge, exhaustive=True, units=indexed.units)
    for question in DEV:
        assert decision(indexed.answer(question)) == decision(exhaustive.answer(question)), question


def test_building_twice_gives_the_same_ranking(shipped_knowledge, engine):
    again = MatchIndex(shipped_knowledge)
    analysis = engine.normalizer.analyse("what does the foundation do for poor counties")
    ranking = [c.entry.id for c in engine.index.rank(analysis)]
    assert len(ranking) == 5  # a full ranking to compare, not two empty ones
    assert [c.entry.id for c in again.rank(analysis)] == ranking
