"""Adopt phrasings from a labelled blind corpus into the knowledge, one at a time, keeping each
only if nothing measured gets worse.

    python bench/adopt.py bench/probes/train-T2-labels.yaml [more] [--lang en|zh]

A labels file lists {n, lang, entry, phrasing} (see bench/probes/README.md). A phrasing is tried
only if the bot does not already answer it with its entry, it names nothing the knowledge does
not know (a name, a rare word), and it is not a long story. It is kept only if the team's eval,
the known gaps' questions, every blind probe batch but the held-out C1/C2, and every training
corpus's labelled questions lose nothing (no answer lost, no new wrong answer):
adding words to an entry changes every word's weight, so a phrasing that helps one question can
cost another. The knowledge files are edited in place (round-trip YAML, comments kept).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from probe import grade  # noqa: E402

from bot.answering.engine import Engine  # noqa: E402
from bot.knowledge.loader import load_knowledge  # noqa: E402
from bot.knowledge.problems import KnowledgeError  # noqa: E402
from bot.language.chinese import has_chinese  # noqa: E402
from bot.language.everyday import REAL_WORD_ZIPF  # noqa: E402
from bot.language.frequency import zipf  # noqa: E402
from bot.maintenance import yamledit  # noqa: E402
from bot.maintenance.check import check_knowledge  # noqa: E402
from bot.maintenance.evaluation import load_cases, run_cases  # noqa: E402
from bot.paths import shipped_knowledge_dir  # noqa: E402

KNOWLEDGE = shipped_knowledge_dir()
# Phrasings taken out by hand after adoption (they broke a test of the team), never tried again.
REFUSED = ROOT / "bench" / "probes" / "adopt-refused.txt"
MAX_ENGLISH_WORDS = 7  # content words; a longer phrasing is a story, and brings its noise along
DETAIL_WORDS = re.compile(r"\b(?:exactly|specifically|specific|precisely)\b\s*|具体|具體", re.IGNORECASE)


def failures(engine: Engine, eval_cases, probes, labelled) -> tuple[frozenset, ...]:
    """What goes wrong now: eval cases, known-gap questions, probe cases and labelled corpus
    questions (by question). A wrong answer is worse than a miss: each is its own set, so a
    question going from missed to wrong counts as a loss."""
    evals = frozenset(r.case.question for r in run_cases(engine, eval_cases) if r.outcome != "right")
    gaps = frozenset(q.text for entry in engine.knowledge.entries for gap in entry.not_stated
                     for q in (*gap.questions, *gap.questions_zh) if engine.answer(q.text).reason != "not_stated")
    graded = [(case["q"], grade(engine, case)[0]) for case in probes]
    probe = frozenset(q for q, outcome in graded if outcome != "right")
    probe_wrong = frozenset(q for q, outcome in graded if outcome == "wrong")
    # A near-miss is declined, never offered as "did you mean" (still right to the grader).
    offered = frozenset(case["q"] for case in probes if case.get("decline") and engine.answer(case["q"]).status == "clarify")
    replies = [(question, entries, engine.answer(question)) for question, entries in labelled]
    corpus = frozenset(q for q, entries, reply in replies if not entries & set(reply.entries))
    corpus_wrong = frozenset(q for q, entries, reply in replies
                             if reply.status == "answered" and not entries & set(reply.entries))
    # What `pledgebot check` reports, without line numbers (an added line moves the rest).
    checked = frozenset(str(p).split(": ", 1)[-1] for p in check_knowledge(KNOWLEDGE))
    return evals, gaps, probe, probe_wrong, offered, corpus, corpus_wrong, checked


def labelled_questions() -> list[tuple[str, frozenset[str]]]:
    """Every training corpus's answerable questions with the entries that answer them."""
    found = []
    for path in sorted((ROOT / "bench" / "probes").glob("train-T*[0-9].yaml")):
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        entries: dict[int, set[str]] = {}
        for label in yaml.safe_load(path.with_name(f"{path.stem}-labels.yaml").read_text(encoding="utf-8")):
            if label.get("entry") and "gap" not in label:
                entries.setdefault(label["n"], set()).add(label["entry"])
        found += [(case["q"], frozenset(entries[n])) for n, case in enumerate(cases)
                  if case["cat"] == "answer" and n in entries]
    return found


def worth_trying(engine: Engine, entry: str, phrasing: str) -> bool:
    if phrasing in _refused():
        return False
    if engine.answer(phrasing).entries == (entry,):
        return False  # already answered: a maintainer adds what the bot misses
    if any(phrasing.casefold() == p.text.casefold() for e in engine.knowledge.entries if e.id == entry
           for p in (*e.questions, *e.questions_zh)):
        return False  # already one of its questions
    read = engine.unit_for(phrasing).normalizer.analyse(phrasing)
    rare = [w for w in read.foreign if w.isascii() and (len(w) <= 3 or zipf(w) < REAL_WORD_ZIPF)]
    return not read.names and not rare and (has_chinese(phrasing) or len(read.content) <= MAX_ENGLISH_WORDS)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="+", type=Path)
    parser.add_argument("--lang", choices=("en", "zh"), help="only phrasings in this language")
    parser.add_argument("--prune", metavar="REV", help="instead, try removing each phrasing added since the git "
                        "revision REV; a removal is kept when it loses nothing and fixes something")
    args = parser.parse_args()
    eval_cases = load_cases(KNOWLEDGE / "eval.yaml")
    probes = [case for path in sorted((ROOT / "bench" / "probes").glob("batch-*.yaml"))
              if path.stem not in ("batch-C1", "batch-C2")
              for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
    probes += yaml.safe_load((ROOT / "tests" / "data" / "dev.yaml").read_text(encoding="utf-8"))["cases"]
    # The training corpora's near-misses must stay declined too.
    probes += [{"q": case["q"], "decline": True} for path in sorted((ROOT / "bench" / "probes").glob("train-T*[0-9].yaml"))
               for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"] if case["cat"] == "notstated"]
    labelled = labelled_questions()
    engine = Engine(load_knowledge(KNOWLEDGE))
    base = failures(engine, eval_cases, probes, labelled)
    files = _entry_files()
    if args.prune:
        return prune(args.prune, base, eval_cases, probes, labelled)
    tried = kept = 0
    for path in args.labels:
        for label in yaml.safe_load(path.read_text(encoding="utf-8")):
            entry, phrasing = label.get("entry"), " ".join(DETAIL_WORDS.sub("", label.get("phrasing") or "").split())
            if not entry or not phrasing or "gap" in label or entry not in files:
                continue
            chinese = has_chinese(phrasing)
            if args.lang and (args.lang == "zh") != chinese or not worth_trying(engine, entry, phrasing):
                continue
            before = files[entry].read_text(encoding="utf-8")
            files[entry].write_text(yamledit.add_phrasing(before, entry, phrasing, chinese, files[entry].name),
                                    encoding="utf-8")
            tried += 1
            trial = Engine(load_knowledge(KNOWLEDGE))
            now = failures(trial, eval_cases, probes, labelled)
            if all(new <= old for new, old in zip(now, base)):
                engine, base, kept = trial, now, kept + 1
                print(f"kept   {entry}: {phrasing}")
            else:
                files[entry].write_text(before, encoding="utf-8")
    print(f"{kept} of {tried} tried kept")
    return 0


def prune(rev: str, base, eval_cases, probes, labelled) -> int:
    """Remove phrasings added since `rev` whose removal loses nothing and fixes something."""
    import subprocess

    diff = subprocess.run(["git", "diff", "-U0", rev, "--", "knowledge/entries"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout
    added, path = [], None
    for line in diff.splitlines():
        if line.startswith("+++ b/"):
            path = ROOT / line[6:]
        elif line.startswith("+      - ") and not line.startswith("+      - id:") and path is not None:
            added.append((path, line[1:] + "\n"))
    removed = 0
    for path, line in added:
        text = path.read_text(encoding="utf-8")
        if text.count(line) != 1:
            continue
        path.write_text(text.replace(line, ""), encoding="utf-8")
        try:
            now = failures(Engine(load_knowledge(KNOWLEDGE)), eval_cases, probes, labelled)
        except KnowledgeError:
            now = None  # the line was not a phrasing after all
        if now is not None and all(new <= old for new, old in zip(now, base)) and now != base:
            base, removed = now, removed + 1
            print(f"removed {path.name}: {line.strip()}")
        else:
            path.write_text(text, encoding="utf-8")
    print(f"{removed} of {len(added)} removed")
    return 0


def _refused() -> frozenset[str]:
    lines = REFUSED.read_text(encoding="utf-8").splitlines() if REFUSED.is_file() else []
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _entry_files() -> dict[str, Path]:
    found = {}
    for path in sorted((KNOWLEDGE / "entries").glob("*.yaml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("entries") or []:
            found[item["id"]] = path
    return found


if __name__ == "__main__":
    raise SystemExit(main())
