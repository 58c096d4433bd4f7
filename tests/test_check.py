from textwrap import dedent

from tests.conftest import TINY

from bot.check import check_knowledge
from bot.paths import shipped_knowledge_dir

ENTRIES = """
    topic: Money
    entries:
      - id: amount
        questions:
          - how much is invested
          - total investment
          - investment deadline
          - what is it
        answer: The total is {total}.
        sources: [doc]
        related: [amount]
      - id: deadline
        questions:
          - by when is it invested
          - deadline for the investment
        answer: It is invested by {year}.
        sources: [other]
"""
SOURCES = """
    doc:
      title: A document
    other:
      title: Other
    unused:
      title: Nobody cites me
"""
FACTS = dedent(TINY["facts.yaml"]).lstrip("\n") + dedent("""\
    spare:
      value: three
      kind: count
      source: doc
""")


def test_every_problem_is_listed_with_line_entry_and_fix(tiny_knowledge):
    folder = tiny_knowledge(entries__main_yaml=ENTRIES, sources_yaml=SOURCES, facts_yaml=FACTS,
                            examples_yaml="- what is the weather\n")
    assert [str(p) for p in check_knowledge(folder)] == [
        "entries/main.yaml:3: [amount] the entry lists itself as related. Fix: remove its own id from 'related'.",
        "entries/main.yaml:7: [amount] the question 'investment deadline' gets a 'did you mean' between "
        "amount, deadline. Fix: add the words that make it this entry's, or remove it.",
        "entries/main.yaml:8: [amount] the question 'what is it' has only common words ('what', 'tell', "
        "'about', ...) to match on. Fix: add the words that say what it is about, like 'pledge', 'fund' "
        "or 'foundation'.",
        "entries/main.yaml:12: [deadline] the answer states {year} from 'doc', which is not in the entry's "
        "sources. Fix: add doc to its sources.",
        "entries/main.yaml:12: [deadline] (warning) the entry has 2 question(s); people ask in more ways "
        "than that. Fix: add phrasings until it has at least 4: a keyword query, a full question, a casual one.",
        "entries/main.yaml:15: [deadline] the question 'deadline for the investment' gets a 'did you mean' "
        "between amount, deadline. Fix: add the words that make it this entry's, or remove it.",
        "entries/main.yaml:15: [deadline] the question 'deadline for the investment' means the same to the "
        "bot as 'investment deadline' of 'amount'. Fix: keep it in one entry only, or add the words that "
        "tell them apart.",
        "examples.yaml:1: the example 'what is the weather' is not answered (unknown). Fix: use a question "
        "the bot answers, or add it as a phrasing of the entry it belongs to.",
        "facts.yaml:9: [spare] (warning) no answer uses this fact. Fix: state it in an answer as {spare}, "
        "or remove it.",
        "sources.yaml:5: [unused] (warning) no fact or entry cites this source. Fix: cite it from a fact or "
        "an entry, or remove it.",
    ]


def test_a_phrasing_answered_by_another_entry_is_reported(tiny_knowledge):
    folder = tiny_knowledge(entries__main_yaml="""
        topic: Money
        entries:
          - id: amount
            questions: [how much is invested, total investment, investment amount, size of the investment,
                        what year is the investment deadline]
            answer: The total is {total}.
            sources: [doc]
          - id: deadline
            questions: [by when is it invested, investment deadline, target year for the investment,
                        what year is the deadline]
            answer: It is invested by {year}.
            sources: [doc]
    """)
    problems = [str(p) for p in check_knowledge(folder)]
    assert problems == [
        "entries/main.yaml:5: [amount] the question 'what year is the investment deadline' is answered by "
        "'deadline' instead. Fix: make it more specific, or move it to 'deadline' if it belongs there.",
    ]


def test_clean_tiny_knowledge_has_no_problems(tiny_knowledge):
    assert check_knowledge(tiny_knowledge()) == []


def test_shipped_knowledge_passes_every_check():
    assert [str(p) for p in check_knowledge(shipped_knowledge_dir())] == []
