"""Review decisions and review clusters as files: what `review --apply` reads and
`unanswered --export` / `review --from` exchange.

A decisions file:

    decisions:
      - {q: "how big is the fund really", action: phrasing, entry: fund}
      - {q: "what is tencent doing", action: decline}
      - {q: "on which day", action: gap, entry: ten-actions, gap: launch-date}
      - {q: "what day was it", action: gap, entry: ten-actions, reply: "The article gives no date."}

An export holds clusters (questions and counts only: no user data), each with the
decision taken in Telegram, if any.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

PHRASING, DECLINE, GAP, SKIP = "phrasing", "decline", "gap", "skip"
ACTIONS = (PHRASING, DECLINE, GAP, SKIP)


class DecisionsError(Exception):
    """A decisions or export file that cannot be used; the message says why."""


@dataclass(frozen=True)
class Decision:
    question: str
    action: str
    entry: str | None = None
    gap: str | None = None  # an existing gap of the entry; None: a new gap with `reply`
    reply: str | None = None

    def as_dict(self) -> dict:
        data = {"q": self.question, "action": self.action}
        for key in ("entry", "gap", "reply"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


@dataclass
class Cluster:
    count: int
    questions: tuple[str, ...]  # the most asked wording first
    status: str = "unknown"  # what the bot did: unknown, clarify, or 👎 (an answer voted down)
    decision: Decision | None = field(default=None)

    @property
    def question(self) -> str:
        return self.questions[0]


def decision_from(item, where: str) -> Decision:
    if not isinstance(item, dict) or not isinstance(item.get("q"), str) or not item["q"].strip():
        raise DecisionsError(f"{where}: a decision needs 'q' (the question) and 'action'")
    action = item.get("action")
    if action not in ACTIONS:
        raise DecisionsError(f"{where}: action must be one of {', '.join(ACTIONS)}, not {action!r}")
    entry = item.get("entry")
    if action in (PHRASING, GAP) and not isinstance(entry, str):
        raise DecisionsError(f"{where}: '{action}' needs 'entry' (the entry's id)")
    if action == GAP and not item.get("gap") and not isinstance(item.get("reply"), str):
        raise DecisionsError(f"{where}: 'gap' needs 'gap' (an existing gap's id) or 'reply' (for a new one)")
    return Decision(item["q"].strip(), action, entry, item.get("gap"), item.get("reply"))


def _read(path: Path):
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DecisionsError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise DecisionsError(f"{path} is not valid YAML: {str(exc).splitlines()[0]}") from exc


def load_decisions(path: Path) -> list[Decision]:
    data = _read(path)
    items = data.get("decisions") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DecisionsError(f"{path} has no 'decisions:' list")
    return [decision_from(item, f"{Path(path).name}, decision {n}") for n, item in enumerate(items, 1)]


def dump_clusters(clusters: list[Cluster]) -> str:
    items = []
    for cluster in clusters:
        item = {"count": cluster.count, "status": cluster.status, "questions": list(cluster.questions)}
        if cluster.decision is not None:
            item["decision"] = {k: v for k, v in cluster.decision.as_dict().items() if k != "q"}
        items.append(item)
    header = ("# Questions people asked that the bot did not answer well, grouped; from `pledgebot unanswered\n"
              "# --export`. Review them in a checkout with `pledgebot review --from THIS_FILE`.\n")
    return header + yaml.safe_dump({"clusters": items}, allow_unicode=True, sort_keys=False, width=1000)


def load_clusters(path: Path) -> list[Cluster]:
    data = _read(path)
    items = data.get("clusters") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DecisionsError(f"{path} has no 'clusters:' list (write it with `pledgebot unanswered --export`)")
    clusters = []
    for n, item in enumerate(items, 1):
        questions = item.get("questions") if isinstance(item, dict) else None
        if not isinstance(questions, list) or not questions or not all(isinstance(q, str) for q in questions):
            raise DecisionsError(f"{Path(path).name}, cluster {n}: 'questions' must be a list of questions")
        decision = item.get("decision")
        if decision is not None:
            decision = decision_from({**decision, "q": questions[0]}, f"{Path(path).name}, cluster {n}")
        clusters.append(Cluster(int(item.get("count") or len(questions)), tuple(questions),
                                str(item.get("status") or "unknown"), decision))
    return clusters
