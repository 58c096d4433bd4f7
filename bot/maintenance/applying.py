"""Apply one review decision to a knowledge folder, all or nothing.

The YAML is edited round-trip (see yamledit), the question becomes a case in eval.yaml
with its expected outcome, and then `check` runs on the result and the new case runs
through the engine. If either fails, every file touched is written back byte for byte
and the outcome says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.answering.engine import Engine
from bot.knowledge.entries import ENTRY_KEYS
from bot.knowledge.loader import read_knowledge
from bot.language.chinese import has_chinese
from bot.maintenance import yamledit
from bot.maintenance.check import check_loaded
from bot.maintenance.decisions import DECLINE, GAP, PHRASING, SKIP, Decision
from bot.maintenance.evaluation import RIGHT, load_cases, run_cases

EVAL_FILE = "eval.yaml"
GAPS_NOT_SUPPORTED = ("known gaps need the `not_stated:` list in entries, which this version of the bot "
                      "does not read yet; the question was left as it is")
MAX_REASONS = 3


def gaps_supported() -> bool:
    return "not_stated" in ENTRY_KEYS


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    message: str  # what was done, or why not
    snapshot: dict[Path, bytes] = field(default_factory=dict)  # the files before, to undo


class KnowledgeEditor:
    """Edits one knowledge folder; `engine()` answers from its current state."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._engine: Engine | None = None

    def engine(self) -> Engine:
        if self._engine is None:
            result = read_knowledge(self.directory)
            if result.knowledge is None or result.errors:
                raise ValueError(f"the knowledge in {self.directory} has errors; run `pledgebot check`")
            self._engine = Engine(result.knowledge)
        return self._engine

    def entry_file(self, entry_id: str) -> Path | None:
        entry = self.engine().knowledge.entry(entry_id)
        if entry is None or entry.id in {e.id for e in self.engine().knowledge.smalltalk}:
            return None
        path = self.directory / entry.location.file
        return path if path.is_file() else next(iter(sorted(self.directory.glob(f"**/{entry.location.file}"))), None)

    def gaps_of(self, entry_id: str) -> list[str]:
        path = self.entry_file(entry_id)
        return yamledit.gaps_of(path.read_text(encoding="utf-8"), entry_id, path.name) if path else []

    def has_case(self, question: str) -> bool:
        return _key(question) in {_key(q) for q in self.case_questions()}

    def case_questions(self) -> list[str]:
        _, data = yamledit.load((self.directory / EVAL_FILE).read_text(encoding="utf-8"), EVAL_FILE)
        return [case.get("q") for case in data.get("cases") or [] if hasattr(case, "get") and case.get("q")]

    def apply(self, decision: Decision) -> Outcome:
        if decision.action == SKIP:
            return Outcome(False, "skipped")
        if decision.action == GAP and not gaps_supported():
            return Outcome(False, GAPS_NOT_SUPPORTED)
        try:
            if self.has_case(decision.question):
                return Outcome(False, f"'{decision.question}' is already a case in {EVAL_FILE}")
            edits, done = self._edits(decision)
        except (yamledit.EditError, ValueError) as exc:
            return Outcome(False, str(exc))
        snapshot = {path: path.read_bytes() for path in edits}
        for path, text in edits.items():
            path.write_text(text, encoding="utf-8")
        self._engine = None
        failure = self._verify(decision)
        if failure:
            self.restore(snapshot)
            return Outcome(False, failure)
        return Outcome(True, done, snapshot)

    def restore(self, snapshot: dict[Path, bytes]) -> None:
        for path, data in snapshot.items():
            path.write_bytes(data)
        self._engine = None

    # -- the edits ------------------------------------------------------------------
    def _edits(self, decision: Decision) -> tuple[dict[Path, str], str]:
        question, chinese = decision.question, has_chinese(decision.question)
        eval_path = self.directory / EVAL_FILE
        edits: dict[Path, str] = {}
        if decision.action == DECLINE:
            done = f"'{question}' must be declined: added to {EVAL_FILE}"
        else:
            path = self.entry_file(decision.entry or "")
            if path is None:
                raise ValueError(f"there is no entry '{decision.entry}'")
            text = path.read_text(encoding="utf-8")
            if decision.action == PHRASING:
                if _key(question) in {_key(p.text) for e in [self.engine().knowledge.entry(decision.entry)]
                                      for p in e.questions + e.questions_zh}:
                    raise ValueError(f"'{question}' is already a phrasing of {decision.entry}")
                edits[path] = yamledit.add_phrasing(text, decision.entry, question, chinese, path.name)
                lang = "questions_zh" if chinese else "questions"
                done = f"added to {decision.entry}'s {lang} ({path.name}) and to {EVAL_FILE}"
            elif decision.gap:
                edits[path] = yamledit.add_gap_question(text, decision.entry, decision.gap, question, chinese, path.name)
                done = f"added to {decision.entry}'s known gap '{decision.gap}' ({path.name}) and to {EVAL_FILE}"
            else:
                gap_id = yamledit.new_gap_id(question, self.gaps_of(decision.entry))
                edits[path] = yamledit.add_gap(text, decision.entry, gap_id, question, chinese,
                                               (decision.reply or "").strip(), path.name)
                done = f"new known gap '{gap_id}' of {decision.entry} ({path.name}), and added to {EVAL_FILE}"
        expect = decision.entry if decision.action == PHRASING else DECLINE
        edits[eval_path] = yamledit.add_case(eval_path.read_text(encoding="utf-8"), question, expect)
        return edits, done

    def _verify(self, decision: Decision) -> str | None:
        result = read_knowledge(self.directory)
        errors = [p for p in check_loaded(result) if p.severity == "error"]
        if errors:
            more = f" (and {len(errors) - MAX_REASONS} more)" if len(errors) > MAX_REASONS else ""
            return "check would fail:\n  " + "\n  ".join(str(p) for p in errors[:MAX_REASONS]) + more
        self._engine = Engine(result.knowledge)
        failed = [r for r in run_cases(self._engine, load_cases(self.directory / EVAL_FILE)) if r.outcome != RIGHT]
        if failed:
            lines = [f"'{r.case.question}' expects {' | '.join(r.case.expected) or DECLINE}, the bot gives "
                     + (r.entry if r.status == "answered" else f"({r.status})") for r in failed[:MAX_REASONS]]
            more = f" (and {len(failed) - MAX_REASONS} more)" if len(failed) > MAX_REASONS else ""
            return "eval would fail:\n  " + "\n  ".join(lines) + more
        return None


def _key(text: str) -> str:
    return " ".join(text.lower().split())
