"""`pledgebot eval`: run a regression file of questions through the real engine.

Each case names the entry that must answer it, several entries that may, or
`decline`. Outcomes: right; wrong (another entry answered); missed (no answer
where one was expected); and a wrongly answered decline, the worst kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.language.chinese import has_chinese
from bot.answering.engine import Engine
from bot.knowledge.problems import KnowledgeError, Problem
from bot.knowledge.yamlfile import LineList, LineMap, read_yaml

DECLINE = "decline"
RIGHT, WRONG, MISSED, FALSE_ANSWER = "right", "wrong", "missed", "answered a decline"
SWEEP_THRESHOLDS = tuple(round(0.40 + 0.05 * n, 2) for n in range(12))  # 0.40 .. 0.95


@dataclass(frozen=True)
class EvalCase:
    question: str
    expected: tuple[str, ...]  # entry ids, or () for a question the bot must decline
    line: int

    @property
    def declines(self) -> bool:
        return not self.expected


@dataclass(frozen=True)
class CaseResult:
    case: EvalCase
    status: str
    entry: str | None
    score: float
    outcome: str


@dataclass(frozen=True)
class Totals:
    right: int
    wrong: int
    missed: int
    false_answers: int

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.missed + self.false_answers


def load_cases(path: Path) -> list[EvalCase]:
    """Read a regression file; raise KnowledgeError listing every malformed case."""
    name = path.name
    document = read_yaml(path)
    if document.error:
        raise KnowledgeError([Problem(name, document.error.line, None, f"this file {document.error.message}",
                                      "compare it with the format at the top of knowledge/eval.yaml.")])
    data = document.data
    items = data.get("cases") if isinstance(data, LineMap) else None
    if not isinstance(items, LineList):
        raise KnowledgeError([Problem(name, 1, None, "the file has no 'cases:' list.",
                                      "start it with 'cases:' and one '- {q: ..., expect: ...}' per line.")])
    cases, problems = [], []
    for item, line in zip(items, items.item_lines):
        question = item.get("q") if isinstance(item, LineMap) else None
        expect = item.get("expect") if isinstance(item, LineMap) else None
        if isinstance(expect, str):
            expect = [expect]
        if not isinstance(question, str) or not isinstance(expect, list) or not expect \
                or not all(isinstance(e, str) for e in expect):
            problems.append(Problem(name, line, None, "a case needs 'q' (the question, as text) and 'expect' "
                                    "(an entry id, a list of ids, or decline).",
                                    'write it like - {q: "how big is the fund", expect: fund}.'))
            continue
        expected = () if expect == [DECLINE] else tuple(expect)
        cases.append(EvalCase(question, expected, line))
    if problems:
        raise KnowledgeError(problems)
    return cases


def unknown_entries(engine: Engine, cases: list[EvalCase], file: str) -> list[Problem]:
    """Cases expecting entries the knowledge does not have (a typo, or a removed entry)."""
    ids = {e.id for e in engine.knowledge.entries + engine.knowledge.smalltalk}
    return [Problem(file, case.line, None, f"the case '{case.question}' expects '{entry}', which is no entry.",
                    "use an id from the knowledge, or decline.")
            for case in cases for entry in case.expected if entry not in ids]


def run_case(engine: Engine, case: EvalCase) -> CaseResult:
    reply = engine.answer(case.question)
    answered = reply.status == "answered"
    if case.declines:
        outcome = FALSE_ANSWER if answered else RIGHT
    elif not answered:
        outcome = MISSED
    elif reply.entry not in case.expected:
        outcome = WRONG
    else:
        # A Chinese question must get a Chinese answer (an entry without one falls back to English).
        entry = engine.knowledge.entry(reply.entry)
        said = entry.answer_in(reply.lang) if entry else ""
        outcome = WRONG if has_chinese(case.question) and not has_chinese(said) else RIGHT
    return CaseResult(case, reply.status, reply.entry, reply.score, outcome)


def run_cases(engine: Engine, cases: list[EvalCase]) -> list[CaseResult]:
    return [run_case(engine, case) for case in cases]


def totals(results: list[CaseResult]) -> Totals:
    count = {outcome: 0 for outcome in (RIGHT, WRONG, MISSED, FALSE_ANSWER)}
    for result in results:
        count[result.outcome] += 1
    return Totals(count[RIGHT], count[WRONG], count[MISSED], count[FALSE_ANSWER])


def format_results(results: list[CaseResult], only_failures: bool = False) -> str:
    lines = [f"{'':2} {'expected':<28} {'got':<28} {'score':>5}  question"]
    for r in results:
        if only_failures and r.outcome == RIGHT:
            continue
        expected = DECLINE if r.case.declines else " | ".join(r.case.expected)
        got = r.entry if r.status == "answered" else f"({r.status})"
        mark = "ok" if r.outcome == RIGHT else "XX"
        lines.append(f"{mark:2} {_cut(expected, 28):<28} {_cut(got, 28):<28} {r.score:5.2f}  {r.case.question}")
    t = totals(results)
    lines.append("")
    lines.append(f"{t.total} cases: {t.right} right, {t.wrong} wrong, {t.missed} missed, "
                 f"{t.false_answers} wrongly answered declines.")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def sweep(engine: Engine, cases: list[EvalCase], thresholds=SWEEP_THRESHOLDS) -> list[tuple[float, Totals, float, float]]:
    """(threshold, totals, precision, coverage) for each answer threshold.

    precision: of the answers given, the share that were right (declines answered count as wrong);
    coverage: of the questions that have an answer, the share answered right."""
    answerable = sum(1 for c in cases if not c.declines)
    rows = []
    for threshold in thresholds:
        # The "clearly best" floor moves with the threshold: it may answer below answer_at, never above it.
        policy = engine.policy._replace(answer_at=threshold, clarify_at=min(engine.policy.clarify_at, threshold),
                                        clear_at=min(engine.policy.clear_at, threshold))
        t = totals(run_cases(engine.with_policy(policy), cases))
        right_answers = t.right - sum(1 for c in cases if c.declines) + t.false_answers  # right on answerable cases
        given = right_answers + t.wrong + t.false_answers
        precision = right_answers / given if given else 1.0
        coverage = right_answers / answerable if answerable else 1.0
        rows.append((threshold, t, precision, coverage))
    return rows


def format_sweep(rows, current: float) -> str:
    lines = ["threshold  precision  coverage  right  wrong  missed  answered-declines"]
    for threshold, t, precision, coverage in rows:
        mark = "  <- now" if abs(threshold - current) < 1e-9 else ""
        lines.append(f"{threshold:9.2f}  {precision:9.1%}  {coverage:8.1%}  {t.right:5d}  {t.wrong:5d}  "
                     f"{t.missed:6d}  {t.false_answers:17d}{mark}")
    return "\n".join(lines)
