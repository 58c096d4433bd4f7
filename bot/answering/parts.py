"""Two or three questions in one message ("the fund and the team", "how much? and who leads
it"): each part decided alone, and answered together if they answer from different entries."""

from __future__ import annotations

import re
from typing import Callable

from bot.answering.reply import Reply
from bot.answering.units import LanguageUnit
from bot.answering.unstated import gap_of
from bot.knowledge.model import Knowledge
from bot.language.asking import opens_a_question
from bot.language.everyday import is_short_word
from bot.language.frequency import zipf
from bot.language.normalize import Analysis
from bot.language.words import stem, surface_tokens

# Where one question or sentence ends and another begins: "?", ".", ";", "and", 以及, 还有...
PART_SEPARATORS = re.compile(r"[?？;；!！。:：，]|(?<!\be\.g)(?<!\bi\.e)\.(?=\s)|\b(?:and|also|plus|as well as)\b|以及|还有|另外|同时|并且",
                             re.IGNORECASE)
WHOLE_IS_ENOUGH = 0.9
RARE_SHARE = 0.9  # an unknown word keeping this much of its weight is rare: a name, a term
# Words pointing back at someone named before ("how much did they pledge", 他们投了多少), or at
# whoever the story describes ("anything for people like me": what the story says is the topic).
POINTING = re.compile(r"\b(?:they|them|their|theirs|it|its|he|him|his|she|her|hers)\b|他们|她们|它们|他|她|其"
                      r"|\b(?:people|folks|someone|somebody|anyone|those|ones)\s+like\s+(?:me|us|him|her|them|my\s+\w+)\b"
                      r"|(?:像我这样|我们这种|我们这些)的?人", re.IGNORECASE)
# ... but "is it true", "it's true that" point at nothing
EMPTY_IT = re.compile(r"\b(?:is|was|isn't|isnt)\s+it\s+(?:true|right|correct|accurate|the case)\b|\bit'?s\s+true\b",
                      re.IGNORECASE)
# Of those, the ones pointing at an organisation or group a story may have named.
THEY = re.compile(r"\b(?:they|them|their|theirs)\b|他们|她们|它们", re.IGNORECASE)

# A story comparing another party with the one asked about ("Tencent pledged too").
COMPARING = re.compile(r"\b(?:too|also|as well|similar|likewise|either)\b|也|同样|类似", re.IGNORECASE)

# When a story happened: a sentence saying it asks no date.
STORY_TIME = re.compile(r"\b(?:last|this|every|each|a|one|two|three|few|several|\d+)\s+(?:years?|months?|weeks?)\b",
                        re.IGNORECASE)

# The engine's decision for one text: (question, lang, unit, analysis) -> Reply.
Decide = Callable[[str, str, LanguageUnit, Analysis], Reply]


def in_parts(question: str, lang: str, unit: LanguageUnit, whole: Reply, *, decide: Decide,
             knowledge: Knowledge, max_choices: int, max_chars: int) -> Reply | None:
    """Each part of `question` decided alone with `decide`; if they answer from different
    entries, a reply that gives each. None when the `whole` decision stands."""
    if whole.status == "answered" and whole.score >= WHOLE_IS_ENOUGH:
        return None  # "zhang yong and alibaba sports" is one topic, well answered whole
    pieces = _pieces(question[:max_chars])
    if len(pieces) < 2:
        return None
    entries: list[str] = []
    answered: list[Reply] = []
    answered_content: list[frozenset[str]] = []
    blocked = False  # a question of its own that names something else, or asks what no source gives
    story_names = False  # a name or rare word in a sentence that asks nothing ("I live in Ningbo.")
    pointing = False  # the answered sentence points back ("they", 他们): maybe at the story's name
    about_now = whole.about_now
    before: Analysis | None = None  # the last sentence answered, with a topic of its own
    for piece, asked in pieces:
        analysis = unit.normalizer.analyse(piece)
        # A sentence that asks something is a question of its own, not a story around another
        # ("my kid was ill last year" asks no date).
        asking = bool(analysis.asks and not (analysis.asks == "date" and not asked and STORY_TIME.search(piece))
                      or analysis.attribute or asked)
        # Rare: a name, or a word the knowledge never uses that is no everyday word either.
        rare = bool(analysis.names) or _has_rare_word(analysis, story=not asking)
        # One word is a question of its own only if it names a topic ("how big is the fund?", "how
        # many actions are there?"), not a follow-up leaning on the sentence before ("exactly how much?").
        if len(analysis.content) < 2 and not (analysis.asks and analysis.content
                                              and set(analysis.content) <= unit.index.tables.topic_words):
            blocked = blocked or (rare and asking)
            story_names = story_names or rare
            follow_up = _asked_of(before, analysis)
            part = decide(piece, lang, unit, follow_up) if follow_up is not None else None
            if part is not None and part.status == "answered" and part.entry not in entries:
                entries.append(part.entry)  # "how much is it, and by when?": the same topic, asked again
                answered.append(part._replace(question=question))
                answered_content.append(frozenset(follow_up.content))
            continue
        part = decide(piece, lang, unit, analysis)
        before = analysis if part.status == "answered" and not part.smalltalk else None
        if part.status == "answered" and not part.smalltalk and part.entry not in entries:
            entries.append(part.entry)
            answered.append(part._replace(question=question))
            answered_content.append(frozenset(analysis.content))
            pointing = pointing or bool(POINTING.search(EMPTY_IT.sub(" ", piece)))
            about_now = about_now or part.about_now
        else:
            # A sentence asking something the documents do not give (or naming something else)
            # speaks for the message too; one that only found nothing may just rephrase.
            # (so does one asking how to apply: the documents hold no instructions)
            # (and one asking how far things have got since: "进展怎么样", "how far have they got")
            declined_for_a_reason = part.status == "clarify" or part.reason in ("not_stated", "unknown_term") \
                or analysis.asks == "howto" or analysis.attribute == "status"
            # (and a story naming another party that did the same: "Tencent pledged 50 billion too")
            blocked = blocked or (asking and (rare or declined_for_a_reason)) \
                or bool(analysis.names) and COMPARING.search(piece) is not None
            story_names = story_names or rare
    if len(entries) == 1 and whole.status == "unknown" and whole.reason in ("off_topic", "unknown_term") \
            and not blocked and (not story_names or not pointing
                                 and _names_its_subject(unit, answered[0].entry, answered_content[0])):
        # A story around one clear question ("I'm a reporter in Ningbo... how many dollars did
        # Alibaba commit?"): the question answers. A name in the story stops it unless the
        # question names its own subject: "...what did they pledge?" may be about the story's.
        return answered[0]
    if len(entries) < 2 or (whole.status == "answered" and whole.entry not in entries):
        return None
    entries = entries[:max_choices]
    follow_ups = tuple(r for e in entries for r in knowledge.entry(e).related if r not in entries)
    return Reply(question, "answered", lang, entries=tuple(entries), score=whole.score, nearest=entries[0],
                 suggestions=tuple(dict.fromkeys(follow_ups)), asked=whole.asked, about_now=about_now)


def _asked_of(before: Analysis | None, follow_up: Analysis) -> Analysis | None:
    """"..., and by when?", "and who leads it?": the sentence before, asking another kind of fact
    (None if the follow-up asks no new kind, or nothing came before)."""
    if before is None or not follow_up.asks or follow_up.asks == before.asks or follow_up.names:
        return None
    content = tuple(dict.fromkeys(before.content + follow_up.content))
    return before._replace(content=content, asks=follow_up.asks, attribute=follow_up.attribute or before.attribute,
                           named=follow_up.named, light=before.light + follow_up.light)


def _has_rare_word(analysis: Analysis, story: bool) -> bool:
    """A word the knowledge never uses that is no everyday word either (a term, a name). A word
    read as a knowledge word's synonym ("poorly": underdeveloped) is none, though not the knowledge's
    own; nor, in a sentence of a story, a lone letter ("study group q1:") or a common three-letter
    word ("my son", "I grow tea"), which a question weighs like an abbreviation ("tea?" may ask
    what the sources lack)."""
    light = dict(analysis.light)
    return any(stem(w) in analysis.content and light.get(stem(w), 1.0) >= RARE_SHARE
               and not (story and (is_short_word(w) or len(w) == 1)) for w in analysis.foreign)


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The sentences and clauses of a message, each with whether a question mark ended it."""
    pieces, start = [], 0
    for match in PART_SEPARATORS.finditer(text):
        pieces.append((text[start:match.start()], match.group() in "?？"))
        start = match.end()
    pieces.append((text[start:], False))
    return [(piece, asked) for piece, asked in pieces if piece.strip()]


DISTINCT_POSTINGS = 2  # a word at most this many entries use is one of theirs ("deadline"), not everyone's


def _names_its_subject(unit: LanguageUnit, entry_id: str, content: frozenset[str]) -> bool:
    """Whether a question says what it is about in the knowledge's own terms: a subject word
    (a fact's value, an entry's core word) of the entry that answers it."""
    tables = unit.index.tables
    position = tables.position.get(entry_id)
    if position is None:
        return False
    # (or a word of its questions that hardly any other entry uses: "deadline"; not a pair of
    # Chinese characters that only glues two words, 里每 of 阿里每年)
    own = tables.vocabularies[position] - tables.answer_only[position]
    return bool(content & (tables.cores[position] | tables.subjects)) \
        or any(t in own and len(tables.postings.get(t, ())) <= DISTINCT_POSTINGS
               and (t.isascii() or zipf(t, "zh") > 0) for t in content)


# The share of its weight a word keeps when only the story around the question uses it and the
# knowledge does not ("I drive for a ride-hailing app", "my grandma keeps getting scammed").
STORY_SHARE = 0.2
MAX_STORY_PIECES = 8  # a few sentences around a question; a longer message is no such story


def story_told(question: str, unit: LanguageUnit, analysis: Analysis) -> Analysis | None:
    """The whole message read with its story's unknown words lighter: the sentences that ask
    nothing say who asks and why, the question says what about. None if there is no story."""
    pieces = _pieces(question)
    if not 2 <= len(pieces) <= MAX_STORY_PIECES:
        return None
    asked_words: set[str] = set()
    story = story_rare = points_back = False
    for piece, asked in pieces:
        read = unit.normalizer.analyse(piece)
        if asked or read.asks or read.attribute or opens_a_question(surface_tokens(piece)):
            asked_words.update(read.content)
            points_back = points_back or bool(THEY.search(piece))
        else:
            story = True
            story_rare = story_rare or bool(read.names) or _has_rare_word(read, story=True)
    if not story or not asked_words or (story_rare and points_back):
        return None  # ("Tencent pledged too. How much did they pledge?": they may be Tencent)
    idf = unit.index.tables.idf
    light = dict(analysis.light)
    told = {t: min(light.get(t, 1.0), STORY_SHARE) for t in analysis.content if t not in asked_words
            and (t not in idf or t in light)}
    if not told:
        return None
    return analysis._replace(light=tuple({**light, **told}.items()))


# A question answered alone, or with its story lightened, is not answered when the whole message
# (story and all) is this much nearer another entry.
STORY_POINTS_AT = 0.3
STORY_POINTS_MARGIN = 0.1


def points_elsewhere(unit: LanguageUnit, analysis: Analysis, entry_id: str) -> bool:
    """Whether the whole message, story and all, is clearly nearer another entry than the one its
    question alone gets: "our village has no doctor. what are the foundation's
    plans?" does not ask for its plans in general."""
    ranked = [c for c in unit.index.rank(analysis, limit=6, min_coverage=0.0, floor=STORY_POINTS_AT,
                                         margin=STORY_POINTS_MARGIN) if not gap_of(c.entry.id)]
    if not ranked or ranked[0].entry.id == entry_id:
        return False
    own = next((c.score for c in ranked if c.entry.id == entry_id), 0.0)
    return ranked[0].score - own > STORY_POINTS_MARGIN
