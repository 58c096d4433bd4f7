"""Counts and lengths the knowledge must stay within (the numbers are in `limits`).

Each check reports into the reader and says whether the thing checked is within bounds;
the entry readers drop what is not, so the knowledge built stays bounded too.
"""

from __future__ import annotations

from bot.knowledge.limits import (MAX_ANSWER_CHARS, MAX_ENTRIES, MAX_EXAMPLES, MAX_QUESTION_CHARS, MAX_QUESTIONS,
                                  MAX_QUESTIONS_PER_ENTRY)
from bot.knowledge.reader import Reader


class Budget:
    """What the whole knowledge may hold: entries, and questions over every entry. Each total
    is reported once, where it is first passed; everything after that is not read."""

    def __init__(self, reader: Reader):
        self.reader = reader
        self.entries = 0
        self.questions = 0

    @property
    def complete(self) -> bool:
        """Whether every entry was read (no total was passed)."""
        return self.entries <= MAX_ENTRIES and self.questions <= MAX_QUESTIONS

    def take_entry(self, file: str, line: int) -> bool:
        self.entries += 1
        if self.entries == MAX_ENTRIES + 1:
            self.reader.problem(file, line, None,
                                f"this is entry number {MAX_ENTRIES + 1:,}; the knowledge may hold at most "
                                f"{MAX_ENTRIES:,} entries and small-talk replies.",
                                "remove entries, or merge those that answer the same question; "
                                "the entries after this one are not read.")
        return self.entries <= MAX_ENTRIES

    def take_questions(self, file: str, line: int, entry: str | None, count: int) -> bool:
        if self.questions > MAX_QUESTIONS:
            return False
        self.questions += count
        if self.questions <= MAX_QUESTIONS:
            return True
        self.reader.problem(file, line, entry,
                            f"with this entry the questions add up to {self.questions:,}; the knowledge may hold "
                            f"at most {MAX_QUESTIONS:,} in all.",
                            "remove questions that say the same thing (`pledgebot check` asks the bot each one); "
                            "the entries after this one are not read.")
        return False


def check_question_count(reader: Reader, file: str, line: int, entry: str | None, key: str, count: int) -> bool:
    if count <= MAX_QUESTIONS_PER_ENTRY:
        return True
    reader.problem(file, line, entry, f"'{key}' has {count:,} questions; an entry may have at most "
                   f"{MAX_QUESTIONS_PER_ENTRY} in each language.",
                   f"keep the {MAX_QUESTIONS_PER_ENTRY} most different ways people ask.")
    return False


def check_question_lengths(reader: Reader, file: str, entry: str | None, questions: list[tuple[str, int]]) -> bool:
    ok = True
    for question, line in questions:
        if len(question) > MAX_QUESTION_CHARS:
            reader.problem(file, line, entry, f"the question is {len(question):,} characters long; the bot reads "
                           f"at most {MAX_QUESTION_CHARS} characters of a question.",
                           "shorten it to the words people type.")
            ok = False
    return ok


def check_answer_length(reader: Reader, file: str, line: int, entry: str | None, answer: str | None) -> bool:
    if answer is None or len(answer) <= MAX_ANSWER_CHARS:
        return True
    reader.problem(file, line, entry, f"the answer is {len(answer):,} characters long; an answer may be at most "
                   f"{MAX_ANSWER_CHARS:,} characters (about five Telegram messages).",
                   "cut it to a short paragraph, or split it into several entries.")
    return False


def check_example_count(reader: Reader, file: str, lines: list[int]) -> bool:
    if len(lines) <= MAX_EXAMPLES:
        return True
    reader.problem(file, lines[MAX_EXAMPLES], None, f"there are {len(lines):,} examples; the bot keeps at most "
                   f"{MAX_EXAMPLES}.", "keep the examples that show best what the bot answers.")
    return False
