"""The review session: clusters of what people asked and the bot did not answer well,
one decision each, undoable. No terminal here: the CLI asks, this decides and says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.answering.engine import Engine
from bot.maintenance.applying import KnowledgeEditor, Outcome
from bot.maintenance.decisions import DECLINE, GAP, PHRASING, SKIP, Cluster, Decision
from bot.maintenance.gaps import group_unanswered
from bot.maintenance.store import UnansweredRow
from bot.render.labels import display_question

NEAREST_SHOWN = 3
DOWNVOTED = "👎"


def build_clusters(rows: list[UnansweredRow], downvoted: list[str], engine: Engine, limit: int) -> list[Cluster]:
    """Unanswered questions and questions whose answer got a 👎, grouped, most asked first."""
    voted_down = {" ".join(q.lower().split()) for q in downvoted}
    everything = list(rows) + [UnansweredRow("", DOWNVOTED, q, None, 0.0) for q in downvoted]
    clusters = []
    for gap in group_unanswered(everything, engine, limit):
        questions = (gap.example, *gap.variants)
        down = any(" ".join(q.lower().split()) in voted_down for q in questions)
        clusters.append(Cluster(gap.count, questions, DOWNVOTED if down else "unanswered"))
    return clusters


def nearest(engine: Engine, question: str) -> list[tuple[str, float, str]]:
    """(entry id, score, its first phrasing) of the closest entries."""
    return [(c.entry.id, c.score, display_question(c.entry)) for c in engine.ranked(question, NEAREST_SHOWN)]


def replied(engine: Engine, question: str) -> str:
    reply = engine.answer(question)
    if reply.status == "answered":
        return f"answers with {', '.join(reply.entries)} (score {reply.score:.2f})"
    if reply.status == "clarify":
        return f"asks 'did you mean': {', '.join(reply.suggestions)}"
    if reply.reason == "not_stated" and reply.nearest:
        return f"declines: {reply.nearest} does not give {reply.missing or 'that'}"
    return f"declines ({reply.reason or 'unknown'})"


def describe(cluster: Cluster, engine: Engine, position: int, total: int) -> str:
    lines = [f"[{position}/{total}] asked {cluster.count}×" + (" · answer voted 👎" if cluster.status == DOWNVOTED
                                                              else "")]
    lines.append(f"  “{cluster.question}”")
    for other in cluster.questions[1:4]:
        lines.append(f"     also: {other}")
    if len(cluster.questions) > 4:
        lines.append(f"     and {len(cluster.questions) - 4} more")
    lines.append(f"  The bot now {replied(engine, cluster.question)}.")
    close = nearest(engine, cluster.question)
    lines.append("  Nearest entries:" if close else "  Nearest entries: none (no entry shares its words)")
    for n, (entry, score, phrasing) in enumerate(close, 1):
        lines.append(f"    {n}  {entry:<24} {score:4.2f}  {phrasing}")
    return "\n".join(lines)


@dataclass
class Step:
    position: int
    decision: Decision
    outcome: Outcome


@dataclass
class ReviewSession:
    clusters: list[Cluster]
    editor: KnowledgeEditor
    position: int = 0
    history: list[Step] = field(default_factory=list)
    refused: int = 0
    skipped: int = 0
    undone: int = 0

    @property
    def current(self) -> Cluster | None:
        return self.clusters[self.position] if self.position < len(self.clusters) else None

    def entry_choice(self, number: int) -> str | None:
        """The id of nearest entry `number` (1-based) for the current cluster."""
        shown = nearest(self.editor.engine(), self.current.question) if self.current else []
        return shown[number - 1][0] if 1 <= number <= len(shown) else None

    def decide(self, decision: Decision) -> Outcome:
        """Apply it; on success the session moves on, on refusal it stays on this cluster."""
        if decision.action == SKIP:
            self.skipped += 1
            self.position += 1
            return Outcome(False, "skipped")
        outcome = self.editor.apply(decision)
        if outcome.accepted:
            self.history.append(Step(self.position, decision, outcome))
            self.position += 1
        else:
            self.refused += 1
        return outcome

    def undo(self) -> str:
        if not self.history:
            return "nothing to undo"
        step = self.history.pop()
        self.editor.restore(step.outcome.snapshot)
        self.position = step.position
        self.undone += 1
        return f"undone: {_said(step.decision)}; the files are as they were before it"

    def summary(self) -> str:
        done = [step.decision for step in self.history]
        counts = {action: sum(1 for d in done if d.action == action) for action in (PHRASING, DECLINE, GAP)}
        left = max(len(self.clusters) - self.position, 0)
        return (f"{counts[PHRASING]} phrasing(s) added, {counts[DECLINE]} decline(s), {counts[GAP]} known gap(s); "
                f"{self.skipped} skipped, {self.refused} refused, {self.undone} undone, {left} not reviewed.")


def _said(decision: Decision) -> str:
    if decision.action == PHRASING:
        return f"'{decision.question}' as a phrasing of {decision.entry}"
    if decision.action == GAP:
        return f"'{decision.question}' as a known gap of {decision.entry}"
    return f"'{decision.question}' must be declined"
