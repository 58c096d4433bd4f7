"""The `pledgebot` command. Domain errors become messages and exit codes here, at the edge.

Only `run` imports python-telegram-bot, so `ask`, `chat`, `check` and `export`
start fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot import __version__, cli_review
from bot.paths import ENV_DB, ENV_KNOWLEDGE, knowledge_dir
from bot.knowledge.problems import KnowledgeError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pledgebot",
        description="Answers questions about Alibaba's 2021 common prosperity pledges from a cited knowledge base.",
    )
    parser.add_argument("--version", action="version", version=f"pledgebot {__version__}")
    parser.add_argument(
        "--knowledge", metavar="DIR",
        help=f"knowledge folder to use (default: ${ENV_KNOWLEDGE}, else the one shipped with the package)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = commands.add_parser("ask", help="answer one question (or, with --json and no question, every line of stdin)")
    ask.add_argument("question", nargs="*", help="the question; several words are joined with spaces")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question (the tooling contract)")
    ask.add_argument("--lang", choices=("en", "zh"), help="reply in this language (default: the question's)")

    commands.add_parser("chat", help="chat with the bot in the terminal (quit with Ctrl-D)")

    check = commands.add_parser("check", help="load and validate the knowledge; exit 1 on any error")
    check.add_argument("--fail-on-warnings", action="store_true", help="exit 1 on warnings too")

    export = commands.add_parser("export", help="print the loaded knowledge with answers rendered")
    export.add_argument("--json", action="store_true", required=True, help="as JSON (the only format)")

    evaluate = commands.add_parser("eval", help="run a regression file of questions through the engine; exit 1 on a failure")
    evaluate.add_argument("file", nargs="?", help="the cases (default: eval.yaml in the knowledge folder)")
    evaluate.add_argument("--sweep", action="store_true", help="also show precision and coverage at each threshold")
    evaluate.add_argument("--only-failures", action="store_true", help="list only the cases that failed")

    unanswered = commands.add_parser("unanswered", help="group the questions the bot could not answer, most asked first")
    unanswered.add_argument("--since", default="7d", help="how far back: 30m, 24h, 7d, 2w (default 7d)")
    unanswered.add_argument("--limit", type=int, default=20, help="how many groups to show (default 20)")
    unanswered.add_argument("--db", help=f"the database (default: ${ENV_DB}, else ~/.local/share/pledgebot)")
    unanswered.add_argument("--json", action="store_true", help="the clusters with their nearest entries, as JSON")
    unanswered.add_argument("--export", metavar="FILE",
                            help="write the clusters (questions only) for `pledgebot review --from FILE`")

    feedback = commands.add_parser("feedback", help="show the 👍/👎 people gave each entry")
    feedback.add_argument("--db", help=f"the database (default: ${ENV_DB}, else ~/.local/share/pledgebot)")

    cli_review.add_parser(commands)

    commands.add_parser(
        "run", help="run the Telegram bot (settings from the environment: TELEGRAM_BOT_TOKEN, ...; see README)")
    return parser


def _utf8_streams() -> None:
    # A question may hold any character; never die printing or reading it.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(encoding="utf-8", errors="replace")


def _engine(args):
    from bot.answering.engine_cache import cached_engine
    from bot.paths import cache_dir

    return cached_engine(knowledge_dir(args.knowledge), cache_dir())


def cmd_ask(args) -> int:
    engine = _engine(args)
    if args.question:
        questions = [" ".join(args.question)]
    elif args.json:
        questions = (line.rstrip("\r\n") for line in sys.stdin)
    else:
        print("pledgebot ask: give a question, e.g. pledgebot ask how much is alibaba investing", file=sys.stderr)
        return EXIT_USAGE
    from bot.render.plain import json_line, render_plain, reply_json

    for question in questions:
        reply = engine.answer(question, args.lang)
        if args.json:
            print(json_line(reply_json(reply, engine.knowledge)), flush=True)
        else:
            print(render_plain(reply, engine.knowledge))
    return EXIT_OK


def cmd_chat(args) -> int:
    from bot.render.plain import render_plain

    engine = _engine(args)
    interactive = sys.stdin.isatty()
    if interactive:
        print("PledgeBot: ask about Alibaba's common prosperity pledges. Ctrl-D to quit.")
    while True:
        try:
            question = input("you> " if interactive else "")
        except EOFError:
            break
        except KeyboardInterrupt:
            print()
            break
        print(render_plain(engine.answer(question), engine.knowledge))
        print()
    return EXIT_OK


def cmd_check(args) -> int:
    from bot.maintenance.check import DEFERRED_NOTE, check_loaded
    from bot.knowledge.loader import read_knowledge

    directory = knowledge_dir(args.knowledge)
    loaded = read_knowledge(directory)
    problems = check_loaded(loaded)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    for problem in problems:
        print(problem)
    if errors and loaded.errors:  # the deeper checks were skipped
        print(DEFERRED_NOTE)
    print(f"{directory}: {len(errors)} error(s), {len(warnings)} warning(s).")
    if errors or (warnings and args.fail_on_warnings):
        return EXIT_PROBLEMS
    return EXIT_OK


def cmd_export(args) -> int:
    engine = _engine(args)
    knowledge = engine.knowledge
    entries = []
    for entry in knowledge.entries:
        entries.append({
            "id": entry.id,
            "questions": [q.text for q in entry.questions],
            "answer": entry.answer,
            "sources": [{"id": s, "title": knowledge.sources[s].title} for s in entry.sources if s in knowledge.sources],
        })
    print(json.dumps({"entries": entries}, ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_eval(args) -> int:
    from bot.maintenance import evaluation

    engine = _engine(args)
    path = Path(args.file) if args.file else knowledge_dir(args.knowledge) / "eval.yaml"
    if not path.is_file():
        print(f"pledgebot eval: no such file: {path}", file=sys.stderr)
        return EXIT_USAGE
    cases = evaluation.load_cases(path)
    unknown = evaluation.unknown_entries(engine, cases, path.name)
    if unknown:
        raise KnowledgeError(unknown)
    results = evaluation.run_cases(engine, cases)
    print(evaluation.format_results(results, only_failures=args.only_failures))
    if args.sweep:
        print()
        print(evaluation.format_sweep(evaluation.sweep(engine, cases), engine.policy.answer_at))
    return EXIT_OK if all(r.outcome == evaluation.RIGHT for r in results) else EXIT_PROBLEMS


def _store(args, command: str):
    """The question store, checked; None, after one line on stderr, if it cannot be opened."""
    from bot.maintenance.store import QuestionStore, StoreUnavailable, default_db_path

    store = QuestionStore(Path(args.db) if args.db else default_db_path())
    try:
        set_aside = store.check()
    except StoreUnavailable as exc:
        print(f"pledgebot {command}: {exc}", file=sys.stderr)
        return None
    if set_aside is not None:
        print(f"pledgebot {command}: {set_aside}", file=sys.stderr)
    return store


def cmd_unanswered(args) -> int:
    from bot.maintenance.gaps import format_gaps, group_unanswered, parse_duration
    from bot.maintenance.store import StoreUnavailable

    try:
        since = parse_duration(args.since)
    except ValueError as exc:
        print(f"pledgebot unanswered: --since: {exc}", file=sys.stderr)
        return EXIT_USAGE
    engine = _engine(args)
    store = _store(args, "unanswered")
    if store is None:
        return EXIT_PROBLEMS
    try:
        rows = store.unanswered(since=since)
    except StoreUnavailable as exc:
        print(f"pledgebot unanswered: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.json or args.export:
        clusters = cli_review.clusters_from_store(store, engine, since, args.limit)
        return cli_review.print_unanswered(args, clusters, engine)
    print(f"{len(rows)} unanswered question(s) in the last {args.since}:")
    print(format_gaps(group_unanswered(rows, engine, limit=args.limit), limit=args.limit))
    return EXIT_OK


def cmd_feedback(args) -> int:
    from bot.maintenance.store import StoreUnavailable

    store = _store(args, "feedback")
    if store is None:
        return EXIT_PROBLEMS
    try:
        votes = store.feedback_by_entry()
    except StoreUnavailable as exc:
        print(f"pledgebot feedback: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    if not votes:
        print("No feedback yet.")
        return EXIT_OK
    print(f"{'entry':<32} {'👍':>5} {'👎':>5}")
    for entry, (up, down) in sorted(votes.items(), key=lambda kv: (-kv[1][1], -kv[1][0], kv[0])):
        print(f"{entry:<32} {up:>5} {down:>5}")
    return EXIT_OK


def cmd_run(args) -> int:
    # Telegram is imported here only, so the other commands start fast.
    from telegram.error import InvalidToken

    from bot.logs import setup_logging
    from bot.tg.app import run, with_webhook_secret
    from bot.tg.settings import SettingsError, load_settings
    from bot.tg.startup import StartStopped, StartTimedOut

    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"pledgebot run: {exc}", file=sys.stderr)
        return EXIT_USAGE
    settings = with_webhook_secret(settings)
    setup_logging(settings.log_level, secrets=[settings.token, settings.webhook_secret])
    engine = _engine(args)
    try:
        run(settings, engine)
    except InvalidToken:
        print("pledgebot run: Telegram rejected the token in TELEGRAM_BOT_TOKEN; check it with @BotFather.",
              file=sys.stderr)
        return EXIT_USAGE
    except StartTimedOut as exc:
        print(f"pledgebot run: {exc}; check the network and TELEGRAM_API_BASE_URL.", file=sys.stderr)
        return EXIT_PROBLEMS
    except StartStopped:
        return EXIT_OK
    return EXIT_OK


def cmd_review(args) -> int:
    return cli_review.cmd_review(args, _engine, _store)


COMMANDS = {"ask": cmd_ask, "chat": cmd_chat, "check": cmd_check, "export": cmd_export, "eval": cmd_eval,
            "unanswered": cmd_unanswered, "feedback": cmd_feedback, "review": cmd_review, "run": cmd_run}


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except KnowledgeError as exc:
        print(f"pledgebot: the knowledge or cases in {knowledge_dir(args.knowledge)} cannot be used.",
              file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        print("Run `pledgebot check` for the full list.", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
