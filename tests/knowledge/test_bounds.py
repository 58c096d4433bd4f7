"""Counts and lengths: an entry, or the knowledge, over a limit is an error at the line that passes it."""

from bot.knowledge.limits import (MAX_ANSWER_CHARS, MAX_ENTRIES, MAX_EXAMPLES, MAX_QUESTION_CHARS, MAX_QUESTIONS,
                                  MAX_QUESTIONS_PER_ENTRY)
from bot.knowledge.loader import read_knowledge


def messages(folder):
    return [str(p) for p in read_knowledge(folder).problems]


def entries_file(count: int, questions: int = 1) -> str:
    """An entries file of `count` entries with `questions` distinct questions each; each entry is 4 + questions
    lines, the first starting on line 3."""
    lines = ["topic: Many", "entries:"]
    for n in range(count):
        lines += [f"  - id: e{n}", "    questions:"]
        lines += [f"      - question {n} {q}" for q in range(questions)]
        lines += ["    answer: An answer.", "    sources: [doc]"]
    return "\n".join(lines) + "\n"


def test_more_entries_than_the_limit(tiny_knowledge):
    # the tiny knowledge has 2 entries and 1 small-talk reply: the file's entry number n is the (n+2)th
    folder = tiny_knowledge(entries__zz_yaml=entries_file(MAX_ENTRIES))
    over = MAX_ENTRIES - 2  # index in zz.yaml of entry number MAX_ENTRIES + 1
    assert messages(folder) == [
        f"entries/zz.yaml:{3 + 5 * over}: this is entry number {MAX_ENTRIES + 1:,}; the knowledge may hold at most "
        f"{MAX_ENTRIES:,} entries and small-talk replies. Fix: remove entries, or merge those that answer the same "
        "question; the entries after this one are not read.",
    ]


def test_too_many_questions_in_one_entry(tiny_knowledge):
    folder = tiny_knowledge(entries__zz_yaml=entries_file(1, MAX_QUESTIONS_PER_ENTRY + 1))
    result = read_knowledge(folder)
    assert [str(p) for p in result.problems] == [
        f"entries/zz.yaml:4: [e0] 'questions' has {MAX_QUESTIONS_PER_ENTRY + 1} questions; an entry may have at "
        f"most {MAX_QUESTIONS_PER_ENTRY} in each language. Fix: keep the {MAX_QUESTIONS_PER_ENTRY} most different "
        "ways people ask.",
    ]
    assert result.knowledge.entry("e0") is None


def test_more_questions_in_all_than_the_limit(tiny_knowledge):
    # 16 questions in the tiny entries (8 in each language), then entries of 50 each
    per_entry = MAX_QUESTIONS_PER_ENTRY
    count = (MAX_QUESTIONS - 16) // per_entry + 1
    folder = tiny_knowledge(entries__zz_yaml=entries_file(count, per_entry))
    last = count - 1
    assert messages(folder) == [
        f"entries/zz.yaml:{3 + (per_entry + 4) * last}: [e{last}] with this entry the questions add up to "
        f"{16 + per_entry * count:,}; the knowledge may hold at most {MAX_QUESTIONS:,} in all. Fix: remove questions "
        "that say the same thing (`pledgebot check` asks the bot each one); the entries after this one are not read.",
    ]


def test_a_question_longer_than_the_bot_reads(tiny_knowledge):
    long = "how much " * (MAX_QUESTION_CHARS // 9 + 1)
    folder = tiny_knowledge(entries__zz_yaml=f"""
        topic: Long
        entries:
          - id: long
            questions:
              - {long.strip()}
            answer: An answer.
            sources: [doc]
    """)
    assert messages(folder) == [
        f"entries/zz.yaml:5: [long] the question is {len(long.strip())} characters long; the bot reads at most "
        f"{MAX_QUESTION_CHARS} characters of a question. Fix: shorten it to the words people type.",
    ]


def test_an_answer_longer_than_a_few_telegram_messages_is_an_error(tiny_knowledge):
    folder = tiny_knowledge(entries__zz_yaml=f"""
        topic: Long
        entries:
          - id: long
            questions: [a long one]
            answer: {"word " * 4_001}
            sources: [doc]
    """)
    result = read_knowledge(folder)
    assert [str(p) for p in result.errors] == [
        f"entries/zz.yaml:5: [long] the answer is 20,004 characters long; an answer may be at most "
        f"{MAX_ANSWER_CHARS:,} characters (about five Telegram messages). Fix: cut it to a short paragraph, or split "
        "it into several entries.",
    ]


def test_too_many_examples(tiny_knowledge):
    folder = tiny_knowledge(examples_yaml="".join(f"- example {n}\n" for n in range(MAX_EXAMPLES + 1)))
    result = read_knowledge(folder)
    assert [str(p) for p in result.problems] == [
        f"examples.yaml:{MAX_EXAMPLES + 1}: there are {MAX_EXAMPLES + 1} examples; the bot keeps at most "
        f"{MAX_EXAMPLES}. Fix: keep the examples that show best what the bot answers.",
    ]
    assert len(result.knowledge.examples) == MAX_EXAMPLES


def test_related_entries_past_the_limit_are_not_reported_missing(tiny_knowledge):
    # aa.yaml is read first and fills the knowledge; main.yaml's entries are not read, so 'amount' naming
    # 'deadline' is not a missing entry, and only the limit is reported
    folder = tiny_knowledge(entries__aa_yaml=entries_file(MAX_ENTRIES).replace(
        "    sources: [doc]\n", "    sources: [doc]\n    related: [amount]\n", 1))
    problems = messages(folder)
    assert len(problems) == 1 and "the knowledge may hold at most" in problems[0]
