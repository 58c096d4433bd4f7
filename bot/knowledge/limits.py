"""How much knowledge the loader accepts. Every limit is far above what the shipped knowledge
needs, and each is checked before the work it bounds, so no edit can make loading slow,
huge or crash: a file over a limit is a problem with its path, never a traceback.

Measured on this machine: a folder just under the limits (4.9 MB, 930 entries with 4,000-character
answers) loads in 0.5 s and 40 MB; a 4.9 MB single-spaced file of 9,000 small entries parses in
1.2 s and 80 MB before the entry limit refuses it; anything over 5 MB (50 MB: 0.2 s, 20 MB) is
refused before parsing. Loading stays under 2 s and 150 MB whatever the folder holds. (`check`
on the 930-entry folder takes about 12 s and 210 MB, most of it building the engine's index.)
"""

from __future__ import annotations

# Sizes, checked on the file system before anything is read. The shipped knowledge is
# about 0.1 MB in all, its largest file 12 kB.
MAX_FILE_BYTES = 2_000_000
MAX_TOTAL_BYTES = 5_000_000

# The YAML itself, checked on the parser's event stream before any object is built.
MAX_DEPTH = 20  # lists and sets of keys inside each other; an entries file needs 4
MAX_NUMBER_CHARS = 100  # a bare number longer than this is a mistake (Python refuses 4,300 digits)
# No anchors (&name), aliases (*name) or tags (!!type): a 550-byte file of nested aliases
# expands to billions of values, and nothing in the knowledge needs them.

# Counts and lengths, checked as the entries are read. The shipped knowledge has 42 entries
# and small-talk replies, at most 11 questions per entry, 400 questions and 10 examples.
MAX_ENTRIES = 1_000  # entries and small-talk replies together
MAX_QUESTIONS_PER_ENTRY = 50  # in each language
MAX_QUESTIONS = 10_000  # all entries, both languages: `check` asks the bot each one
MAX_EXAMPLES = 200
MAX_QUESTION_CHARS = 600  # the engine reads no more of a question than this
MAX_ANSWER_CHARS = 20_000  # about five Telegram messages (4,096 characters each; the bot splits longer ones)


def size(count: int) -> str:
    """A byte count the way the problems say it: 2,000,000 bytes (2 MB)."""
    if count % 1_000_000 == 0:
        return f"{count:,} bytes ({count // 1_000_000} MB)"
    if count >= 1_000_000:
        return f"{count:,} bytes ({count / 1_000_000:.1f} MB)"
    return f"{count:,} bytes"
