import pytest

from bot.knowledge.model import Location, Source


def test_knowledge_is_read_only_and_indexed_by_id(shipped_knowledge):
    with pytest.raises(AttributeError):
        shipped_knowledge.version = "edited"
    with pytest.raises(TypeError):
        shipped_knowledge.facts["pledge_total"] = None
    assert shipped_knowledge.entry("action-3").id == "action-3"
    assert shipped_knowledge.entry("hello").smalltalk  # small talk is found by id too
    assert shipped_knowledge.entry("no-such-entry") is None


def test_entries_by_topic_follow_the_files(shipped_knowledge):
    for topic in shipped_knowledge.topics:
        entries = shipped_knowledge.entries_in(topic)
        assert entries and len({e.location.file for e in entries}) == 1
    assert sum(len(shipped_knowledge.entries_in(t)) for t in shipped_knowledge.topics) == len(shipped_knowledge.entries)


def test_a_citation_names_only_what_the_document_says():
    here = Location("sources.yaml", 1)
    assert Source("a", "Title", None, None, None, here).citation() == "Title"
    assert Source("a", "Title", "Pub", None, None, here).citation() == "Title (Pub)"
    assert Source("a", "Title", "Pub", "1 May 2021", None, here).citation() == "Title (Pub, 1 May 2021)"


def test_every_fact_and_entry_cites_a_document_that_exists(shipped_knowledge):
    for fact in shipped_knowledge.facts.values():
        assert fact.source in shipped_knowledge.sources
    for entry in shipped_knowledge.entries:
        assert entry.sources and set(entry.sources) <= set(shipped_knowledge.sources)
