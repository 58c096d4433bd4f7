"""`pledgebot check`, the part that asks the engine: how the bot answers the knowledge's own
questions, examples and known gaps. One check per function, every problem collected."""

from __future__ import annotations

from bot.answering.engine import Engine
from bot.answering.index_build import ASK_GROUPS
from bot.knowledge.model import Knowledge
from bot.knowledge.problems import Problem
from bot.language.chinese import has_chinese


def check_answers(knowledge: Knowledge, engine: Engine) -> list[Problem]:
    return (check_synonyms_have_content(knowledge, engine) + check_phrasings_have_content(knowledge, engine)
            + check_duplicate_phrasings(knowledge, engine) + check_phrasings_answer_their_entry(knowledge, engine)
            + check_examples_answered(knowledge, engine) + check_gaps_in_both_languages(knowledge)
            + check_gap_questions_reach_their_gap(knowledge, engine))


def _is_empty(engine: Engine, text: str) -> bool:
    return not engine.normalizer.analyse(text, correct_typos=False).content


def check_synonyms_have_content(knowledge: Knowledge, engine: Engine) -> list[Problem]:
    """A synonym made only of common words would turn those words into a topic everywhere
    ('多少钱' reads as 'how much': as a synonym of invest, every 'how much' became invest)."""
    problems = []
    for group in knowledge.synonyms:
        for word in group.words[1:]:
            tokens = engine.normalizer.plain_tokens(word)
            # A phrase of common words ("come from") only matches whole, so it is meant; a single
            # common word, or Chinese rewritten into common words (多少钱), is a trap.
            risky = len(tokens) == 1 or has_chinese(word)
            if tokens and risky and all(t in engine.normalizer.stop_stems for t in tokens):
                problems.append(Problem(
                    group.location.file, group.location.line, None,
                    f"'{word}' reads as only common words ('how', 'much', 'what', ...), so it would make "
                    f"every such word mean '{group.words[0]}'.",
                    "remove it from the group; the common words already say what is asked."))
    return problems


def check_phrasings_have_content(knowledge: Knowledge, engine: Engine) -> list[Problem]:
    return [
        Problem(p.location.file, p.location.line, e.id,
                f"the question '{p.text}' has only common words ('what', 'tell', 'about', ...) to match on.",
                "add the words that say what it is about, like 'pledge', 'fund' or 'foundation'.")
        for e in knowledge.entries for p in e.questions + e.questions_zh if _is_empty(engine, p.text)
    ]


def check_duplicate_phrasings(knowledge: Knowledge, engine: Engine) -> list[Problem]:
    """Two entries with phrasings that mean the same to the bot cannot both be answered."""
    seen: dict[tuple, tuple[str, str]] = {}
    problems = []
    for entry in knowledge.entries:
        for phrasing in entry.questions + entry.questions_zh:
            if _is_empty(engine, phrasing.text):
                continue
            analysis = engine.normalizer.analyse(phrasing.text, correct_typos=False)
            key = (ASK_GROUPS.get(analysis.asks, analysis.asks), tuple(sorted(analysis.content)))
            if key in seen and seen[key][0] != entry.id:
                other_id, other_text = seen[key]
                problems.append(Problem(
                    phrasing.location.file, phrasing.location.line, entry.id,
                    f"the question '{phrasing.text}' means the same to the bot as '{other_text}' of '{other_id}'.",
                    "keep it in one entry only, or add the words that tell them apart.",
                ))
            seen.setdefault(key, (entry.id, phrasing.text))
    return problems


def check_phrasings_answer_their_entry(knowledge: Knowledge, engine: Engine) -> list[Problem]:
    """Confusable pairs: a phrasing the engine sends elsewhere, with the score of each side."""
    problems = []
    for entry in knowledge.entries:
        for phrasing in entry.questions + entry.questions_zh:
            if _is_empty(engine, phrasing.text):
                continue
            reply = engine.answer(phrasing.text)
            if reply.status == "answered" and reply.entry == entry.id:
                continue
            scores = {c.entry.id: c.score for c in engine.ranked(phrasing.text, limit=len(knowledge.entries))}
            own = f"its own entry scores {scores.get(entry.id, 0.0):.2f}"
            if reply.status == "answered":
                what = f"is answered by '{reply.entry}' (score {reply.score:.2f}); {own}"
                fix = f"make it more specific, or move it to '{reply.entry}' if it belongs there."
            elif reply.status == "clarify":
                others = ", ".join(f"{e} ({scores.get(e, 0.0):.2f})" for e in reply.suggestions)
                what = f"gets a 'did you mean' between {others}"
                fix = "add the words that make it this entry's, or remove it."
            else:
                what = f"is not answered at all; {own}"
                fix = "use words the answer or other phrasings use, or add a synonym to synonyms.yaml."
            problems.append(Problem(
                phrasing.location.file, phrasing.location.line, entry.id,
                f"the question '{phrasing.text}' {what}.", fix,
            ))
    return problems


def check_examples_answered(knowledge: Knowledge, engine: Engine) -> list[Problem]:
    problems = []
    for example in knowledge.examples:
        reply = engine.answer(example.text)
        if reply.status != "answered":
            problems.append(Problem(
                example.location.file, example.location.line, None,
                f"the example '{example.text}' is not answered ({reply.status}).",
                "use a question the bot answers, or add it as a phrasing of the entry it belongs to.",
            ))
    return problems


def check_gaps_in_both_languages(knowledge: Knowledge) -> list[Problem]:
    return [Problem(gap.location.file, gap.location.line, entry.id,
                    f"the known gap '{gap.id}' has no Chinese version "
                    f"({', '.join(n for n, v in (('questions_zh', gap.questions_zh), ('reply_zh', gap.reply_zh)) if not v)}"
                    " missing), so Chinese questions about it get the general decline.",
                    "add questions_zh (how people ask it in Chinese) and reply_zh.", "warning")
            for entry in knowledge.entries for gap in entry.not_stated if not (gap.questions_zh and gap.reply_zh)]


def check_gap_questions_reach_their_gap(knowledge: Knowledge, engine: Engine) -> list[Problem]:
    """Each question of a known gap gets that gap's reply: otherwise the bot would answer (or
    decline) it some other way, and the maintainers' line would never be said."""
    problems = []
    for entry in knowledge.entries:
        for gap in entry.not_stated:
            for phrasing in gap.questions + gap.questions_zh:
                reply = engine.answer(phrasing.text)
                if reply.reason == "not_stated" and reply.missing == gap.id and reply.nearest == entry.id:
                    continue
                got = (f"is answered by '{reply.entry}'" if reply.status == "answered"
                       else "gets a 'did you mean'" if reply.status == "clarify" else "is declined without this gap's reply")
                problems.append(Problem(
                    phrasing.location.file, phrasing.location.line, entry.id,
                    f"the question '{phrasing.text}' of the known gap '{gap.id}' {got}.",
                    "name what the documents lack in it ('which', 'names', 'exactly', 'so far'), with words the "
                    "entry's own questions do not use."))
    return problems
