"""What kind of fact a question asks for ("when", "how much", "who"), from its words."""

from __future__ import annotations

from bot.language.kinds import FACT_KINDS

# Question words that ask for a kind of fact (see knowledge.FACT_KINDS).
_ASKS = (
    # Instructions for the asker; the documents hold none.
    (("how", "do", "i"), "howto"),
    (("how", "can", "i"), "howto"),
    (("how", "should", "i"), "howto"),
    (("where", "can", "i"), "howto"),
    (("can", "i"), "howto"),
    (("how", "to", "apply"), "howto"),
    (("how", "do", "we"), "howto"),
    (("how", "can", "we"), "howto"),
    (("apply", "for"), "howto"),
    (("sign", "up"), "howto"),
    (("how", "many"), "count"),
    (("how", "much"), "amount"),
    (("how", "big"), "amount"),
    (("how", "large"), "amount"),
    (("what", "amount"), "amount"),
    (("what", "percentage"), "amount"),
    (("what", "percent"), "amount"),
    (("what", "proportion"), "amount"),
    (("what", "share"), "amount"),
    (("what", "year"), "date"),
    (("which", "year"), "date"),
    (("which", "day"), "date"),
    (("what", "day"), "date"),
    (("which", "month"), "date"),
    (("what", "date"), "date"),
    (("how", "long"), "date"),
    (("when",), "date"),
    (("since",), "date"),
    (("date",), "date"),
    (("year",), "date"),
    # "who is it for" asks who benefits, not for a person the knowledge names
    (("for", "who"), "beneficiary"),
    (("for", "whom"), "beneficiary"),
    (("who", "is", "it", "for"), "beneficiary"),
    (("who", "benefits"), "beneficiary"),
    (("who",), "person"),
    (("which",), "which"),  # "which counties", "what crops exactly": names, not the topic
    (("exactly",), "which"),
    (("specifically",), "which"),
    (("specific",), "which"),
    (("names",), "which"),
    (("whom",), "person"),
    (("whose",), "person"),
    (("why",), "reason"),
    (("where",), "place"),
)
# Words that only say what kind of fact is wanted; they are not the topic.
KIND_WORDS = frozenset({
    "date", "dates", "year", "years", "day", "month", "since", "long",
    "percent", "percentage", "proportion", "share", "fraction", "portion",
    "big", "large", "huge",  # "how big", "three big directions": size says what is asked, not the topic
})
ASKED_KINDS = {
    "count": frozenset({"count", "amount"}),
    "amount": frozenset({"amount", "share"}),  # "how much money": a count ("ten actions") is no amount
    "date": frozenset({"date", "year"}),
    "person": frozenset({"person"}),
    "place": frozenset({"place"}),
    "reason": frozenset(FACT_KINDS),  # any answer may give a reason
}

# First word -> (priority, the words) of each entry of _ASKS starting with it.
_ASKS_BY_FIRST: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
for _priority, (_words, _) in enumerate(_ASKS):
    _ASKS_BY_FIRST.setdefault(_words[0], []).append((_priority, _words))


_ASK_FIRST_WORDS = frozenset(_ASKS_BY_FIRST)


def asked_kind(tokens: list[str]) -> str | None:
    """The kind of the first entry of _ASKS (in its order) that appears anywhere in `tokens`."""
    if _ASK_FIRST_WORDS.isdisjoint(tokens):
        return None
    best = len(_ASKS)
    for i, token in enumerate(tokens):
        for priority, words in _ASKS_BY_FIRST.get(token, ()):
            if priority < best and tuple(tokens[i:i + len(words)]) == words:
                best = priority
    return _ASKS[best][1] if best < len(_ASKS) else None
