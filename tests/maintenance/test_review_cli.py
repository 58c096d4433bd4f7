"""`pledgebot review`: in a real terminal, from a decisions file, and refusing what would break."""

import os
import subprocess
import sys

import pexpect
import pytest

from bot.cli import main
from tests.maintenance.review_support import added_lines, checkout, database, diff

PHRASING = "      - alibaba prosperity cash pile"
CASES = ['  - {q: "alibaba prosperity cash pile", expect: pledge-amount}',
         '  - {q: "what does jack ma think", expect: decline}']


def assert_knowledge_grew_by_exactly_the_two_cases(folder, capsys):
    assert added_lines(folder) == {"entries/pledge.yaml": [PHRASING], "eval.yaml": CASES}
    capsys.readouterr()
    assert main(["--knowledge", str(folder), "check"]) == 0
    assert "0 error(s), 0 warning(s)" in capsys.readouterr().out
    assert main(["--knowledge", str(folder), "eval"]) == 0
    results = capsys.readouterr().out
    for question, expected in (("alibaba prosperity cash pile", "pledge-amount"),
                               ("what does jack ma think", "decline")):
        line = next(line for line in results.splitlines() if line.endswith(question))
        assert line.startswith("ok") and expected in line


@pytest.mark.slow  # three edits, each checked and evaluated: about 5 s
def test_an_interactive_review_in_a_terminal(tmp_path, capsys):
    folder = checkout(tmp_path)
    db = database(tmp_path / "bot.sqlite3")
    child = pexpect.spawn(sys.executable, ["-m", "bot.cli", "--knowledge", str(folder), "review", "--db", str(db)],
                          env=dict(os.environ, PYTHONIOENCODING="utf-8"), encoding="utf-8", timeout=60)
    child.expect_exact("[1/3] asked 3×")
    child.expect_exact("“alibaba prosperity cash pile”")
    child.expect(r"1  pledge-amount\s+\d\.\d\d")
    child.expect_exact("q quit > ")
    child.sendline("1")
    child.expect_exact("✓ added to pledge-amount's questions (pledge.yaml) and to eval.yaml; check and eval are clean.")
    child.expect_exact("[2/3] asked 2×")
    child.expect_exact("The bot now declines")
    child.expect_exact("q quit > ")
    child.sendline("d")
    child.expect_exact("✓ 'what does jack ma think' must be declined")
    child.expect_exact("[3/3] asked 1×")
    child.expect_exact("q quit > ")
    child.sendline("d")
    child.expect_exact("✓ 'how is the money split between actions' must be declined")
    child.expect_exact("All reviewed. u undo the last action · Enter to finish > ")
    child.sendline("u")
    child.expect_exact("undone: 'how is the money split between actions' must be declined")
    child.expect_exact("[3/3] asked 1×")  # back on the cluster it undid
    child.expect_exact("q quit > ")
    child.sendline("q")
    child.expect_exact("1 phrasing(s) added, 1 decline(s), 0 known gap(s); 0 skipped, 0 refused, 1 undone, "
                       "1 not reviewed.")
    child.expect(r"2 files changed, 3 insertions\(\+\)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert_knowledge_grew_by_exactly_the_two_cases(folder, capsys)


def test_without_a_terminal_it_refuses_in_one_line(tmp_path):
    db = database(tmp_path / "bot.sqlite3")
    done = subprocess.run([sys.executable, "-m", "bot.cli", "review", "--db", str(db)], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "--apply DECISIONS.yaml" in done.stderr


DECISIONS = """\
decisions:
  - {q: "alibaba prosperity cash pile", action: phrasing, entry: pledge-amount}
  - {q: "what does jack ma think", action: decline}
  - {q: "how r u", action: skip}
"""


def test_a_decisions_file_applies_the_same(tmp_path, capsys):
    folder = checkout(tmp_path)
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(DECISIONS, encoding="utf-8")
    assert main(["--knowledge", str(folder), "review", "--apply", str(decisions)]) == 0
    out = capsys.readouterr().out
    assert "2 decision(s) applied, 1 skipped, 0 refused; check and eval are clean." in out
    assert_knowledge_grew_by_exactly_the_two_cases(folder, capsys)


def test_a_phrasing_that_makes_two_entries_confusable_is_refused_and_touches_nothing(tmp_path, capsys):
    folder = checkout(tmp_path)
    before = {p: p.read_bytes() for p in folder.rglob("*.yaml")}
    decisions = tmp_path / "decisions.yaml"
    # fund's own question, given to pledge-amount: the bot could no longer tell them apart
    decisions.write_text('decisions:\n  - {q: "what is the 20 billion yuan fund for", action: phrasing, '
                         'entry: pledge-amount}\n', encoding="utf-8")
    assert main(["--knowledge", str(folder), "review", "--apply", str(decisions)]) == 1
    out = capsys.readouterr().out
    assert "✗ refused 'what is the 20 billion yuan fund for': check would fail:" in out
    assert "gets a 'did you mean' between fund (1.00), pledge-amount (1.00)" in out
    assert "the refused ones left the files untouched" in out
    assert {p: p.read_bytes() for p in folder.rglob("*.yaml")} == before
    assert diff(folder) == ""


def test_unanswered_json_lists_clusters_with_their_nearest_entries(tmp_path, capsys):
    import json

    db = database(tmp_path / "bot.sqlite3")
    assert main(["unanswered", "--json", "--db", str(db)]) == 0
    clusters = json.loads(capsys.readouterr().out)["clusters"]
    assert [(c["count"], c["questions"][0]) for c in clusters] == [
        (3, "alibaba prosperity cash pile"), (2, "what does jack ma think"),
        (1, "how is the money split between actions")]
    assert clusters[0]["nearest"][0]["entry"] == "pledge-amount" and clusters[0]["decision"] is None
    assert clusters[1]["replied"].startswith("declines")


GAP_REPLY = "The article does not say who designed a logo."


def test_known_gaps_from_a_decisions_file(tmp_path, capsys):
    folder = checkout(tmp_path)
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(
        "decisions:\n"
        '  - {q: "what day were the ten actions unveiled", action: gap, entry: ten-actions, gap: launch-date}\n'
        f'  - {{q: "who designed the ten actions logo", action: gap, entry: ten-actions, reply: "{GAP_REPLY}"}}\n',
        encoding="utf-8")
    assert main(["--knowledge", str(folder), "review", "--apply", str(decisions)]) == 0
    assert "new known gap 'designed-actions-logo' of ten-actions" in capsys.readouterr().out
    assert added_lines(folder) == {
        "entries/actions.yaml": ["          - what day were the ten actions unveiled",
                                 "      - id: designed-actions-logo",
                                 "        questions: [who designed the ten actions logo]",
                                 f"        reply: {GAP_REPLY}"],
        "eval.yaml": ['  - {q: "what day were the ten actions unveiled", expect: decline}',
                      '  - {q: "who designed the ten actions logo", expect: decline}']}
    assert main(["--knowledge", str(folder), "check"]) == 0
    assert main(["--knowledge", str(folder), "ask", "who designed the ten actions logo"]) == 0
    assert GAP_REPLY in capsys.readouterr().out  # the bot now declines in the maintainer's words


@pytest.mark.slow  # two edits, each checked and evaluated
def test_the_known_gap_key_in_a_terminal(tmp_path, capsys):
    folder = checkout(tmp_path)
    db = database(tmp_path / "bot.sqlite3", {"what day were the ten actions unveiled": 2,
                                             "who designed the ten actions logo": 1})
    child = pexpect.spawn(sys.executable, ["-m", "bot.cli", "--knowledge", str(folder), "review", "--db", str(db)],
                          env=dict(os.environ, PYTHONIOENCODING="utf-8"), encoding="utf-8", timeout=60)
    child.expect_exact("q quit > ")
    child.sendline("g")
    child.expect_exact("known gap of which entry? 1/2/3 > ")
    child.sendline("1")
    child.expect_exact("1  launch-date")
    child.expect_exact("or n for a new one > ")
    child.sendline("1")
    child.expect_exact("✓ added to ten-actions's known gap 'launch-date' (actions.yaml) and to eval.yaml")
    child.expect_exact("q quit > ")
    child.sendline("g")
    child.expect_exact("1/2/3 > ")
    child.sendline("1")
    child.expect_exact("or n for a new one > ")
    child.sendline("n")
    child.expect_exact("one-line reply (what the documents do not say) > ")
    child.sendline(GAP_REPLY)
    child.expect_exact("✓ new known gap 'designed-actions-logo' of ten-actions (actions.yaml)")
    child.expect_exact("Enter to finish > ")
    child.sendline("")
    child.expect_exact("0 phrasing(s) added, 0 decline(s), 2 known gap(s)")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert len(added_lines(folder)["entries/actions.yaml"]) == 4


def test_it_never_edits_the_installed_package_copy(tmp_path, capsys, monkeypatch):
    import bot.cli_review

    folder = checkout(tmp_path)
    monkeypatch.setattr(bot.cli_review, "INSTALLED_KNOWLEDGE", folder.resolve())
    decisions = tmp_path / "decisions.yaml"
    decisions.write_text(DECISIONS, encoding="utf-8")
    assert main(["--knowledge", str(folder), "review", "--apply", str(decisions)]) == 2
    assert "installed package's copy" in capsys.readouterr().err and diff(folder) == ""
