"""`pledgebot review` and the machine-readable forms of `pledgebot unanswered`: the thin
terminal layer over bot.maintenance.review (the session) and applying (the edits)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import bot
from bot.paths import ENV_DB, knowledge_dir

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
NEEDS_TERMINAL = ("pledgebot review: needs a terminal to ask you; for scripts, write a decisions file "
                  "and run `pledgebot review --apply DECISIONS.yaml` (clusters: `pledgebot unanswered --json`).")
LAST_KEYS = "\nAll reviewed. u undo the last action · Enter to finish > "
# A wheel's own copy of the knowledge: edits there would be lost at the next install.
INSTALLED_KNOWLEDGE = Path(bot.__file__).resolve().parent / "_knowledge"
KEYS = "1/2/3 add as phrasing · d must decline · g known gap · s skip · u undo · q quit > "


def add_parser(commands) -> None:
    review = commands.add_parser("review", help="review what people asked and the bot did not answer well, "
                                                "and fix the knowledge one key at a time")
    review.add_argument("--apply", metavar="DECISIONS", help="apply a decisions file instead of asking (no terminal needed)")
    review.add_argument("--from", dest="from_file", metavar="FILE",
                        help="review the clusters of `pledgebot unanswered --export` instead of the database")
    review.add_argument("--since", default="7d", help="how far back: 30m, 24h, 7d, 2w (default 7d)")
    review.add_argument("--limit", type=int, default=20, help="how many groups to review (default 20)")
    review.add_argument("--db", help=f"the database (default: ${ENV_DB}, else ~/.local/share/pledgebot)")


def clusters_from_store(store, engine, since, limit):
    """The clusters in the database, each with the decision an admin took with /gaps, if any."""
    from bot.maintenance.decisions import Decision
    from bot.maintenance.review import build_clusters

    clusters = build_clusters(store.unanswered(since=since), store.downvoted(since=since), engine, limit)
    decided = store.review_decisions()
    for cluster in clusters:
        for question in cluster.questions:
            if question in decided:
                action, entry = decided[question]
                cluster.decision = Decision(cluster.question, action, entry)
                break
    return clusters


def clusters_json(clusters, engine) -> dict:
    from bot.maintenance.review import nearest, replied

    return {"clusters": [{
        "count": c.count, "status": c.status, "questions": list(c.questions),
        "nearest": [{"entry": e, "score": round(s, 3), "question": q} for e, s, q in nearest(engine, c.question)],
        "replied": replied(engine, c.question),
        "decision": c.decision.as_dict() if c.decision else None,
    } for c in clusters]}


def print_unanswered(args, clusters, engine) -> int:
    from bot.maintenance.decisions import dump_clusters

    if args.export:
        try:
            Path(args.export).write_text(dump_clusters(clusters), encoding="utf-8")
        except OSError as exc:
            print(f"pledgebot unanswered: cannot write {args.export}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"{len(clusters)} cluster(s) written to {args.export}; review them in a checkout with "
              f"`pledgebot review --from {args.export}`.")
    if args.json:
        print(json.dumps(clusters_json(clusters, engine), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_review(args, engine_for, store_for) -> int:
    from bot.maintenance.applying import KnowledgeEditor
    from bot.maintenance.decisions import DecisionsError, load_clusters, load_decisions
    from bot.maintenance.gaps import parse_duration
    from bot.maintenance.review import ReviewSession

    directory = knowledge_dir(args.knowledge)
    if directory.resolve() == INSTALLED_KNOWLEDGE:
        print(f"pledgebot review: {directory} is the installed package's copy of the knowledge; run it in a "
              "checkout of the repository, or pass --knowledge DIR.", file=sys.stderr)
        return EXIT_USAGE
    editor = KnowledgeEditor(directory)
    try:
        if args.apply:
            return _apply_all(editor, load_decisions(Path(args.apply)))
        if not args.from_file and not sys.stdin.isatty():
            print(NEEDS_TERMINAL, file=sys.stderr)
            return EXIT_USAGE
        if args.from_file:
            clusters = load_clusters(Path(args.from_file))
        else:
            store = store_for(args, "review")
            if store is None:
                return EXIT_PROBLEMS
            clusters = clusters_from_store(store, editor.engine(), parse_duration(args.since), args.limit)
    except (DecisionsError, ValueError) as exc:
        print(f"pledgebot review: {exc}", file=sys.stderr)
        return EXIT_USAGE
    clusters = [c for c in clusters if not editor.has_case(c.question)]  # reviewed before: a regression case
    decided = [c.decision for c in clusters if c.decision is not None]
    if decided:
        print(f"Applying {len(decided)} decision(s) taken in Telegram first:")
        _apply_all(editor, decided)
    # what was applied is now a case; a refused decision comes back to be decided here
    session = ReviewSession([c for c in clusters if c.decision is None or not editor.has_case(c.question)], editor)
    if session.current is not None and not sys.stdin.isatty():
        print(f"{len(session.clusters)} cluster(s) left to review: " + NEEDS_TERMINAL.split(": ", 1)[1])
        return EXIT_OK
    _interactive(session)
    print(session.summary())
    _diff_stat(directory)
    return EXIT_OK


def _apply_all(editor, decisions) -> int:
    refused = skipped = 0
    for decision in decisions:
        if decision.action == "skip":
            print(f"- skipped '{decision.question}'")
            skipped += 1
            continue
        outcome = editor.apply(decision)
        if outcome.accepted:
            print(f"✓ {outcome.message}")
        else:
            refused += 1
            print(f"✗ refused '{decision.question}': {outcome.message}")
    applied = len(decisions) - refused - skipped
    print(f"{applied} decision(s) applied, {skipped} skipped, {refused} refused"
          + ("; check and eval are clean." if not refused else "; the refused ones left the files untouched."))
    return EXIT_PROBLEMS if refused else EXIT_OK


def _ask(prompt: str) -> str | None:
    try:
        return input(prompt).strip()
    except (EOFError, KeyboardInterrupt):
        print()
        return None


def _interactive(session) -> None:
    from bot.maintenance.decisions import Decision
    from bot.maintenance.review import describe

    while True:
        cluster = session.current
        if cluster is None:  # all reviewed: a last chance to take the last action back
            if not session.history or (_ask(LAST_KEYS) or "").lower() != "u":
                return
            print(session.undo())
            continue
        print()
        print(describe(cluster, session.editor.engine(), session.position + 1, len(session.clusters)))
        key = _ask(KEYS)
        if key is None or key.lower() == "q":
            return
        key = key.lower()
        if key == "u":
            print(session.undo())
            continue
        if key in ("1", "2", "3"):
            entry = session.entry_choice(int(key))
            decision = Decision(cluster.question, "phrasing", entry) if entry else None
        elif key == "d":
            decision = Decision(cluster.question, "decline")
        elif key == "s":
            decision = Decision(cluster.question, "skip")
        elif key == "g":
            decision = _gap_decision(session, cluster.question)
        else:
            print(f"'{key}' is not a key here.")
            continue
        if decision is None:
            continue
        outcome = session.decide(decision)
        if decision.action == "skip":
            print("skipped")
        elif outcome.accepted:
            print(f"✓ {outcome.message}; check and eval are clean.")
        else:
            print(f"✗ refused: {outcome.message}\n  The files are untouched.")


def _gap_decision(session, question: str):
    from bot.maintenance.applying import GAPS_NOT_SUPPORTED, gaps_supported
    from bot.maintenance.decisions import Decision

    if not gaps_supported():
        print(f"✗ {GAPS_NOT_SUPPORTED}.")
        return None
    answer = _ask("known gap of which entry? 1/2/3 > ")
    entry = session.entry_choice(int(answer)) if answer and answer.isdigit() else None
    if entry is None:
        print("no such entry; nothing done.")
        return None
    gaps = session.editor.gaps_of(entry)
    if gaps:
        for n, gap in enumerate(gaps, 1):
            print(f"    {n}  {gap}")
        answer = _ask(f"add it to which gap? 1-{len(gaps)}, or n for a new one > ")
        if answer and answer.isdigit() and 1 <= int(answer) <= len(gaps):
            return Decision(question, "gap", entry, gaps[int(answer) - 1])
        if answer != "n":
            print("nothing done.")
            return None
    reply = _ask("the bot's one-line reply (what the documents do not say) > ")
    return Decision(question, "gap", entry, None, reply) if reply else None


def _diff_stat(directory: Path) -> None:
    try:
        inside = subprocess.run(["git", "-C", str(directory), "rev-parse", "--is-inside-work-tree"],
                                capture_output=True, text=True, timeout=30)
        if inside.returncode != 0:
            return
        stat = subprocess.run(["git", "-C", str(directory), "diff", "--stat", "--", "."],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return
    if stat.stdout.strip():
        print(stat.stdout.rstrip())
