"""How an entry is named to a reader: a button label, or its first phrasing as a question."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.knowledge.model import Entry
from bot.language.stopwords import STOPWORDS

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")

_QUESTION_WORDS = frozenset({"what", "who", "when", "where", "why", "how", "which", "is", "are", "does", "do", "can"})


def label(entry: Entry, lang: str = "en") -> str:
    """A short name for a button: the entry's title, or its first question."""
    title = entry.title_zh if lang == "zh" and entry.title_zh else entry.title
    return title or display_question(entry, lang)


def display_question(entry: Entry, lang: str = "en") -> str:
    """The entry's first phrasing, written as a question a person would tap."""
    if lang == "zh" and entry.questions_zh:
        text = entry.questions_zh[0].text.strip()
        return text if text.endswith(("？", "?")) else text + "？"
    text = _capitalised(entry.questions[0].text.strip(), entry.answer)
    text = text[0].upper() + text[1:]
    asks = text.split()[0].lower() in _QUESTION_WORDS
    return text + "?" if asks and not text.endswith("?") else text


@lru_cache(maxsize=2048)
def _capitalised(phrasing: str, answer: str) -> str:
    """Names as the answer writes them: a word the answer only ever capitalises ("Alibaba",
    "Zhang") is capitalised in the phrasing too; maintainers type phrasings in lower case."""
    written: dict[str, set[str]] = {}
    for match in _WORD.finditer(answer):
        word = match.group(0)
        if word.lower() in STOPWORDS and re.search(r"(^|[.!?:]\s*)[\"“]?$", answer[:match.start()]):
            continue  # "The" is capitalised only because a sentence starts there
        written.setdefault(word.lower(), set()).add(word)
    names = {low: next(iter(forms)) for low, forms in written.items()
             if len(forms) == 1 and not next(iter(forms)).islower()}
    return _WORD.sub(lambda m: names.get(m.group(0), m.group(0)) if m.group(0).islower() else m.group(0), phrasing)
