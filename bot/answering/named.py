"""'Which counties exactly?': an entry names places (companies, people) of the class asked only
with a fact that names them. "The mountainous counties of Zhejiang" describes counties; it
names none, so it is no answer to which ones."""

from __future__ import annotations

from bot.knowledge.model import Entry, Knowledge
from bot.language.asking import class_word
from bot.language.normalize import Normalizer
from bot.language.words import stem, surface_tokens


def names_the_class(knowledge: Knowledge, normalizer: Normalizer, entry: Entry, kind: str, question: str) -> bool:
    """Whether one of the entry's facts of `kind` names things rather than describing the class
    asked (an entry with no such fact is taken at its questions' word, as `gives` does)."""
    word = class_word(surface_tokens(question))
    if word is None:
        return True
    facts = [knowledge.facts[f] for f in entry.facts if f in knowledge.facts and knowledge.facts[f].kind == kind]
    if not facts:
        return True  # nothing to tell names from a description by: the entry's own questions decide
    if word.isascii():
        asked = set(normalizer.analyse(word).content) | {stem(word)}
        return any(asked.isdisjoint(normalizer.analyse(f.value).content) for f in facts)
    return any(word not in (f.value_zh or "") for f in facts)
