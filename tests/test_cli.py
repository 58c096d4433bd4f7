import io
import json
import re
import subprocess
import sys

import pytest

from bot.maintenance.check import DEFERRED_NOTE
from bot.cli import main
from tests.conftest import TINY

CONTRACT = {"question", "status", "answer", "entry", "score", "sources", "suggestions", "reply", "lang"}


def run(capsys, *argv, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_prints_the_answer_then_its_source(capsys):
    code, out, _ = run(capsys, "ask", "how", "much", "is", "alibaba", "investing?")
    assert code == 0
    answer, source = out.strip().split("\n\n")
    assert "100 billion yuan" in answer
    assert source.startswith("Source: ")


def test_ask_json_follows_the_contract(capsys):
    code, out, _ = run(capsys, "ask", "--json", "who leads the team")
    assert code == 0
    reply = json.loads(out)
    assert CONTRACT <= set(reply)  # fields may be added, never removed
    assert reply["status"] == "answered" and reply["entry"] == "team"
    assert isinstance(reply["score"], float)
    assert reply["sources"] == [{"id": "ten-actions-article",
                                 "title": "Alibaba to Launch a Team to Promote China's 'Common Prosperity'"}]
    assert all(set(s) == {"entry", "question"} for s in reply["suggestions"])
    assert reply["reply"].startswith(reply["answer"])


def test_ask_json_is_one_line_per_object_for_a_reader_splitting_the_python_way(capsys, monkeypatch):
    # U+2028, U+2029 and U+0085 end a line to str.splitlines(); json.dumps leaves them raw.
    lines = ["what is\u2028action 3", "who\u2029leads", "tell\x85me", "é\u2028\u2029\x85\x0b\x1c"]
    code, out, _ = run(capsys, "ask", "--json", stdin="\n".join(lines) + "\n", monkeypatch=monkeypatch)
    assert code == 0
    replies = [json.loads(line) for line in out.splitlines()]
    assert [r["question"] for r in replies] == lines
    assert "\\u2028" in out and "é" in out  # escaped only where needed: the rest stays readable


def test_ask_json_reads_every_stdin_line_in_order(capsys, monkeypatch):
    lines = ["what is action 3", "", "Who is the CEO of Baidu?", "🤑" * 10, "x" * 5000]
    code, out, _ = run(capsys, "ask", "--json", stdin="\n".join(lines) + "\n", monkeypatch=monkeypatch)
    assert code == 0
    replies = [json.loads(line) for line in out.splitlines()]
    assert [r["question"] for r in replies] == lines
    assert [r["status"] for r in replies] == ["answered", "unknown", "unknown", "unknown", "unknown"]
    assert replies[0]["entry"] == "action-3"
    assert replies[2]["answer"] is None and replies[2]["suggestions"]


def test_ask_without_a_question_explains_itself(capsys):
    code, _, err = run(capsys, "ask")
    assert code == 2
    assert "give a question" in err


def test_check_passes_on_shipped_knowledge_and_fails_on_broken(capsys, tiny_knowledge):
    code, out, _ = run(capsys, "check")
    assert code == 0
    assert out.strip().endswith("0 error(s), 0 warning(s).")

    folder = tiny_knowledge(facts_yaml="total:\n  value: yes\n  kind: amount\n  source: doc\n")
    code, out, _ = run(capsys, "--knowledge", str(folder), "check")
    assert code == 1
    assert any(line.startswith("facts.yaml:2: [total] 'value' must be text") for line in out.splitlines())
    assert "3 error(s), 0 warning(s)." in out  # the bad value, and both answers needing {year}
    assert DEFERRED_NOTE in out


def test_the_deferred_checks_note_only_when_loading_failed(capsys, tiny_knowledge):
    folder = tiny_knowledge(entries__main_yaml=TINY["entries/main.yaml"].replace("related: [deadline]",
                                                                                 "related: [amount]"))
    code, out, _ = run(capsys, "--knowledge", str(folder), "check")
    assert code == 1
    assert "[amount] the entry lists itself as related." in out
    assert DEFERRED_NOTE not in out


def test_warnings_fail_only_when_asked(capsys, tiny_knowledge):
    folder = tiny_knowledge(facts_yaml="""total:\n  value: 100 billion yuan\n  kind: amount\n  source: doc
year:\n  value: "2025"\n  kind: year\n  source: doc\nspare:\n  value: three\n  kind: count\n  source: doc\n""")
    assert run(capsys, "--knowledge", str(folder), "check")[0] == 0
    assert run(capsys, "--knowledge", str(folder), "check", "--fail-on-warnings")[0] == 1


def test_knowledge_folder_from_the_environment(capsys, monkeypatch, tiny_knowledge):
    monkeypatch.setenv("PLEDGEBOT_KNOWLEDGE", str(tiny_knowledge()))
    code, out, _ = run(capsys, "ask", "--json", "how much is invested")
    assert code == 0
    assert json.loads(out)["answer"] == "The total is 100 billion yuan."


def test_broken_knowledge_is_a_clear_message_not_a_traceback(capsys, tiny_knowledge):
    folder = tiny_knowledge(sources_yaml="doc: [unclosed\n")
    code, out, err = run(capsys, "--knowledge", str(folder), "ask", "anything")
    assert code == 2
    assert out == ""
    assert "cannot be used" in err and "sources.yaml:" in err and "Traceback" not in err


def test_export_renders_every_entry(capsys):
    code, out, _ = run(capsys, "export", "--json")
    assert code == 0
    entries = json.loads(out)["entries"]
    assert len(entries) >= 30
    amount = next(e for e in entries if e["id"] == "pledge-amount")
    assert "{" not in amount["answer"] and "100 billion yuan" in amount["answer"]
    assert set(amount) == {"id", "questions", "answer", "sources"}
    assert len(amount["questions"]) >= 4


def test_chat_answers_each_line_until_end_of_input(capsys, monkeypatch):
    code, out, _ = run(capsys, "chat", stdin="hi\nwhat is the 7th action\n", monkeypatch=monkeypatch)
    assert code == 0
    assert "Hello!" in out and "Action 7" in out


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    # The command names as listed, one a line: a substring test would find "ask" in "most asked".
    listed = re.findall(r"^    ([a-z]+)  ", out, re.MULTILINE)
    assert listed == ["ask", "chat", "check", "export", "eval", "unanswered", "feedback", "review", "run"]
    assert "--knowledge DIR" in out


def test_ask_does_not_import_telegram():
    probe = ("import sys; from bot.cli import main; main(['ask', 'who leads the team']); "
             "print('TELEGRAM_LOADED' if 'telegram' in sys.modules else 'TELEGRAM_ABSENT')")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("TELEGRAM_ABSENT")


def test_ask_lang_and_the_json_language(capsys):
    assert main(["ask", "--json", "--lang", "zh", "what is action 3"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["lang"] == "zh" and reply["answer"] == "行动三：推进农业产业化建设。"
    assert main(["ask", "--json", "第三项行动是什么"]) == 0
    assert json.loads(capsys.readouterr().out)["lang"] == "zh"
