import pytest

from bot.knowledge.loader import load_knowledge, read_knowledge
from bot.knowledge.model import Location, Source
from bot.knowledge.problems import KnowledgeError
from tests.conftest import TINY


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


def _replace_last(text: str, old: str, new: str) -> str:
    at = text.rindex(old)
    return text[:at] + new + text[at + len(old):]


def test_every_fact_and_entry_cites_a_document_that_exists(tiny_knowledge):
    # A loaded Knowledge never holds a citation of a missing document: the loader refuses it.
    # (Checking the shipped knowledge instead could not fail: loading it would raise first.)
    folder = tiny_knowledge(
        facts_yaml=_replace_last(TINY["facts.yaml"], "source: doc", "source: dco"),
        entries__main_yaml=_replace_last(TINY["entries/main.yaml"], "sources: [doc]", "sources: [doc, report]"),
    )
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    assert [str(p) for p in caught.value.problems] == [
        "entries/main.yaml:23: [deadline] source 'report' does not exist. Fix: use an id from sources.yaml.",
        "facts.yaml:8: [year] source 'dco' does not exist. Fix: use an id from sources.yaml (did you mean 'doc'?).",
    ]


def test_every_shipped_entry_names_its_sources(shipped_knowledge):
    # Unlike a missing document, an empty list loads (see the next test), so this can fail.
    assert [e.id for e in shipped_knowledge.entries if not e.sources] == []


@pytest.mark.parametrize("sources", ["sources: []", "sources:"])
def test_an_entry_without_sources_is_refused(tiny_knowledge, sources):
    folder = tiny_knowledge(entries__main_yaml=_replace_last(TINY["entries/main.yaml"], "sources: [doc]", sources))
    problems = [str(p) for p in read_knowledge(folder).problems]
    assert [p for p in problems if "[deadline]" in p] == [
        "entries/main.yaml:23: [deadline] the entry names no source. Fix: list the id of each document "
        "(sources.yaml) its answer comes from under 'sources:'."]
