from textwrap import dedent

from tests.conftest import TINY

from bot.maintenance.check import check_knowledge
from bot.paths import shipped_knowledge_dir

ENTRIES = """
    topic: Money
    entries:
      - id: amount
        questions:
          - how much is invested
          - total investment
          - investment cutoff
          - what is it
        answer: The total is {total}.
        sources: [doc]
        related: [amount]
      - id: deadline
        questions:
          - by when is it invested
          - cutoff for the investment
        answer: It is invested by {year}.
        sources: [other]
"""
SOURCES = """
    doc:
      title: A document
    other:
      title: Other
    unused:
      title: Nobody cites me
"""
FACTS = dedent(TINY["facts.yaml"]).lstrip("\n") + dedent("""\
    spare:
      value: three
      kind: count
      source: doc
""")


def test_every_problem_is_listed_with_line_entry_and_fix(tiny_knowledge):
    folder = tiny_knowledge(entries__main_yaml=ENTRIES, sources_yaml=SOURCES, facts_yaml=FACTS,
                            examples_yaml="- what is the weather\n")
    assert [str(p) for p in check_knowledge(folder)] == [
        "entries/main.yaml:3: [amount] the entry has no Chinese version (questions_zh, answer_zh missing). "
        "Fix: add questions_zh (how people ask in Chinese) and answer_zh.",
        "entries/main.yaml:3: [amount] the entry lists itself as related. Fix: remove its own id from 'related'.",
        "entries/main.yaml:7: [amount] the question 'investment cutoff' gets a 'did you mean' between "
        "amount (1.00), deadline (1.00). Fix: add the words that make it this entry's, or remove it.",
        "entries/main.yaml:8: [amount] the question 'what is it' has only common words ('what', 'tell', "
        "'about', ...) to match on. Fix: add the words that say what it is about, like 'pledge', 'fund' "
        "or 'foundation'.",
        "entries/main.yaml:12: [deadline] the answer states {year} from 'doc', which is not in the entry's "
        "sources. Fix: add doc to its sources.",
        "entries/main.yaml:12: [deadline] (warning) the entry has 2 question(s); people ask in more ways "
        "than that. Fix: add phrasings until it has at least 4: a keyword query, a full question, a casual one.",
        "entries/main.yaml:12: [deadline] the entry has no Chinese version (questions_zh, answer_zh missing). "
        "Fix: add questions_zh (how people ask in Chinese) and answer_zh.",
        "entries/main.yaml:15: [deadline] the question 'cutoff for the investment' gets a 'did you mean' "
        "between amount (1.00), deadline (1.00). Fix: add the words that make it this entry's, or remove it.",
        "entries/main.yaml:15: [deadline] the question 'cutoff for the investment' means the same to the "
        "bot as 'investment cutoff' of 'amount'. Fix: keep it in one entry only, or add the words that "
        "tell them apart.",
        "examples.yaml:1: the example 'what is the weather' is not answered (unknown). Fix: use a question "
        "the bot answers, or add it as a phrasing of the entry it belongs to.",
        "facts.yaml:9: [spare] (warning) no answer uses this fact. Fix: state it in an answer as {spare}, "
        "or remove it.",
        "sources.yaml:5: [unused] (warning) no fact or entry cites this source. Fix: cite it from a fact or "
        "an entry, or remove it.",
    ]


def test_a_phrasing_answered_by_another_entry_is_reported(tiny_knowledge):
    folder = tiny_knowledge(entries__main_yaml="""
        topic: Money
        entries:
          - id: amount
            questions: [how much is invested, total investment, investment amount, size of the investment,
                        what year is the investment cutoff]
            questions_zh: [投资多少, 投资总额, 投资规模, 投资金额]
            answer: The total is {total}.
            answer_zh: 总额是{total}。
            sources: [doc]
          - id: deadline
            questions: [by when is it invested, investment cutoff, target year for the investment,
                        what year is the cutoff]
            questions_zh: [什么时候投完, 投资期限, 哪一年是期限, 投资的目标年份]
            answer: It is invested by {year}.
            answer_zh: 在{year}前投完。
            sources: [doc]
    """)
    problems = [str(p) for p in check_knowledge(folder)]
    assert problems == [
        "entries/main.yaml:5: [amount] the question 'what year is the investment cutoff' is answered by "
        "'deadline' (score 0.91); its own entry scores 0.70. Fix: make it more specific, or move it to "
        "'deadline' if it belongs there.",
    ]


def test_clean_tiny_knowledge_has_no_problems(tiny_knowledge):
    assert check_knowledge(tiny_knowledge()) == []


def test_shipped_knowledge_passes_every_check():
    assert [str(p) for p in check_knowledge(shipped_knowledge_dir())] == []


# -- breaking a copy of the real knowledge, one way at a time, through the CLI ----------

import shutil  # noqa: E402

import pytest  # noqa: E402

from bot.cli import main  # noqa: E402


@pytest.fixture
def knowledge_copy(tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(shipped_knowledge_dir(), folder)
    return folder


def edit(folder, file: str, old: str, new: str) -> int:
    """Replace the first `old` with `new` in a knowledge file; return the line `new` starts on."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:at].count("\n") + 1


def line_of(folder, file: str, text: str) -> int:
    """The line a text starts on in a knowledge file."""
    content = (folder / file).read_text(encoding="utf-8")
    assert text in content, text
    return content[:content.index(text)].count("\n") + 1


def check(capsys, folder, *flags) -> tuple[int, list[str]]:
    code = main(["--knowledge", str(folder), "check", *flags])
    return code, capsys.readouterr().out.splitlines()


def test_an_answer_stating_a_fact_s_figure_itself(capsys, knowledge_copy):
    line = edit(knowledge_copy, "entries/pledge.yaml", "development fund of {fund_size}.",
                "development fund of 20 billion yuan.")
    code, out = check(capsys, knowledge_copy)
    entry_line = line_of(knowledge_copy, "entries/pledge.yaml", "  - id: fund\n")
    assert code == 1 and line > entry_line
    assert out[0] == (f"entries/pledge.yaml:{entry_line}: [fund] the answer states '20 billion yuan' itself instead "
                      "of using the fact {fund_size}. Fix: write {fund_size} so the answer changes with the fact.")


def test_an_answer_contradicting_the_facts(capsys, knowledge_copy):
    edit(knowledge_copy, "entries/pledge.yaml", "development fund of {fund_size}.", "development fund of 30 billion yuan.")
    entry_line = line_of(knowledge_copy, "entries/pledge.yaml", "  - id: fund\n")
    code, out = check(capsys, knowledge_copy)
    assert code == 1
    assert out[0] == (f"entries/pledge.yaml:{entry_line}: [fund] the answer states '30 billion yuan', which is not "
                      "one of the facts and may contradict them. Fix: use a fact from facts.yaml (did you mean "
                      "{pledge_total}: 100 billion yuan?), or add this figure there with its source.")


@pytest.mark.parametrize("old, new, message", [
    ("  value: Zhejiang\n", "  value: yes\n",
     "[demonstration_zone_province] 'value' must be text, but it is true (YAML reads yes/no/on/off/true/false as "
     "a yes-or-no value). Fix: put the value in quotes, like value: \"...\"."),
    ('  value: "2025"\n', "  value: 2025\n",
     "[pledge_deadline] 'value' must be text, but it is the number 2025. Fix: put the value in quotes, like "
     "value: \"2025\"."),
])
def test_yaml_reading_text_as_yes_no_or_a_number(capsys, knowledge_copy, old, new, message):
    line = edit(knowledge_copy, "facts.yaml", old, new)
    code, out = check(capsys, knowledge_copy)
    assert code == 1
    assert out[0] == f"facts.yaml:{line}: {message}"
    assert out[1].startswith("The deeper checks")


def test_a_tab_for_indentation(capsys, knowledge_copy):
    line = edit(knowledge_copy, "facts.yaml", "  kind: amount\n", "\tkind: amount\n")
    code, out = check(capsys, knowledge_copy)
    assert code == 1
    assert out[:2] == [
        f"facts.yaml:{line}: contains a tab character. Fix: replace it with spaces; YAML does not allow tabs for "
        "indentation.",
        f"facts.yaml:{line}: this file is not valid YAML: found a tab character that violates indentation. Fix: "
        "compare the line with the examples in knowledge/README.md (indentation, a ':' after each key, quotes "
        "around text with ':' or '#').",
    ]


def test_a_duplicate_key_is_caught_though_yaml_would_keep_the_last(capsys, knowledge_copy):
    line = edit(knowledge_copy, "entries/actions.yaml", "    sources: [ten-actions-article]\n",
                "    sources: [ten-actions-article]\n    sources: [foundation-article]\n")
    code, out = check(capsys, knowledge_copy)
    assert code == 1
    assert (f"entries/actions.yaml:{line + 1}: [ten-actions] key 'sources' appears twice (lines {line} and "
            f"{line + 1}); only the last one would be used. Fix: keep one of them, or merge their contents.") in out


def test_an_unknown_key_gets_a_did_you_mean(capsys, knowledge_copy):
    line = edit(knowledge_copy, "entries/foundation.yaml", "    related: [foundation-upgrade, foundation-funding]\n",
                "    relatd: [foundation-upgrade, foundation-funding]\n")
    code, out = check(capsys, knowledge_copy)
    assert code == 1
    assert out[0] == (f"entries/foundation.yaml:{line}: [foundation-about] unknown key 'relatd' in an entry. Fix: use "
                      "only id, title, title_zh, questions, questions_zh, answer, answer_zh, sources, related, not_stated, note (did you mean 'related'?).")


@pytest.mark.parametrize("file, old, new, message", [
    ("facts.yaml", "action_count:\n", "spare_figure:\n  value: seven\n  kind: count\n  source: ten-actions-article\n\n"
     "action_count:\n", "[spare_figure] (warning) no answer uses this fact. Fix: state it in an answer as "
     "{spare_figure}, or remove it."),
    ("sources.yaml", "foundation-article:\n", "spare-source:\n  title: Nobody cites me\n\nfoundation-article:\n",
     "[spare-source] (warning) no fact or entry cites this source. Fix: cite it from a fact or an entry, or "
     "remove it."),
])
def test_unused_facts_and_sources_warn(capsys, knowledge_copy, file, old, new, message):
    line = edit(knowledge_copy, file, old, new)
    code, out = check(capsys, knowledge_copy)
    assert code == 0
    assert out[0] == f"{file}:{line}: {message}"
    assert check(capsys, knowledge_copy, "--fail-on-warnings")[0] == 1


def test_short_entries_and_long_answers_warn(capsys, knowledge_copy):
    edit(knowledge_copy, "entries/foundation.yaml",
         "      - cloud jobs for special groups\n      - online work for people with special needs\n", "")
    edit(knowledge_copy, "entries/foundation.yaml", "      - who is cloud employment for\n"
         "      - who is the foundation's cloud employment meant to help\n", "")
    entry_line = line_of(knowledge_copy, "entries/foundation.yaml", "  - id: foundation-cloud-employment\n")
    sources_line = line_of(knowledge_copy, "entries/pledge.yaml", "  - id: sources\n")
    edit(knowledge_copy, "entries/pledge.yaml", "Everything I say comes from two documents:",
         "Everything I say comes from two documents:" + " and more" * 90)
    code, out = check(capsys, knowledge_copy)
    assert code == 0
    assert out[:2] == [
        f"entries/foundation.yaml:{entry_line}: [foundation-cloud-employment] (warning) the entry has 2 "
        "question(s); people ask in more ways than that. Fix: add phrasings until it has at least 4: a keyword "
        "query, a full question, a casual one.",
        f"entries/pledge.yaml:{sources_line}: [sources] (warning) the answer is 1016 characters long; a chat answer "
        "should be short. Fix: cut it to at most 700 characters, or split it into two entries.",
    ]


def test_a_chinese_answer_stating_a_figure_that_differs(capsys, knowledge_copy):
    line = edit(knowledge_copy, "entries/pledge.yaml", "{fund_size}的共同富裕发展基金", "300亿元的共同富裕发展基金")
    entry_line = line_of(knowledge_copy, "entries/pledge.yaml", "  - id: fund\n")
    assert line > entry_line
    code, out = check(capsys, knowledge_copy)
    assert code == 1
    assert out[0] == (f"entries/pledge.yaml:{entry_line}: [fund] the Chinese answer states '300亿元', which differs "
                      "from the facts. Fix: use the fact in {braces}, or add the figure to facts.yaml with its source.")


def test_a_name_without_its_chinese_value(capsys, knowledge_copy):
    edit(knowledge_copy, "facts.yaml", "  zh: 浙江\n", "")
    code, out = check(capsys, knowledge_copy)
    assert code == 1
    fund_line = line_of(knowledge_copy, "entries/pledge.yaml", "    answer_zh: \"在{pledge_total}中")
    assert (f"entries/pledge.yaml:{fund_line}: [fund] the Chinese answer uses {{demonstration_zone_province}}, which "
            "has no Chinese value. Fix: add zh: to demonstration_zone_province in facts.yaml.") in out


def test_an_entry_without_chinese(capsys, knowledge_copy):
    entry_line = line_of(knowledge_copy, "entries/actions.yaml", "  - id: action-5\n")
    start = (knowledge_copy / "entries/actions.yaml").read_text().index("  - id: action-5\n")
    text = (knowledge_copy / "entries/actions.yaml").read_text()
    block = text[start:text.index("  - id: action-6")]
    kept = "\n".join(l for l in block.split("\n") if "_zh" not in l and not (l.startswith("      - ") and
                                                                          any("\u4e00" <= c <= "\u9fff" for c in l)))
    (knowledge_copy / "entries/actions.yaml").write_text(text.replace(block, kept))
    code, out = check(capsys, knowledge_copy)
    assert code == 1
    assert out[0] == (f"entries/actions.yaml:{entry_line}: [action-5] the entry has no Chinese version (questions_zh, "
                      "answer_zh missing). Fix: add questions_zh (how people ask in Chinese) and answer_zh.")


def test_a_synonym_of_only_common_words_is_a_trap(capsys, knowledge_copy):
    line = edit(knowledge_copy, "synonyms.yaml", ", 投资, 投入, 资金", ", 投资, 投入, 资金, 多少钱")
    code, out = check(capsys, knowledge_copy)
    assert code == 1
    assert (f"synonyms.yaml:{line}: '多少钱' reads as only common words ('how', 'much', 'what', ...), so it "
            "would make every such word mean 'invest'. Fix: remove it from the group; the common words "
            "already say what is asked.") in out
    # Chinese synonyms are learnt by the Chinese reader only: English 'how much' questions keep their way
    # (they used to lose it once the first Chinese question had taught the shared reader).
    assert not any("'how much" in line for line in out)


# -- knowledge that must not hang, blow up or crash `check`: a clear message and exit 1 ----------

from bot.knowledge.limits import MAX_DEPTH, MAX_TOTAL_BYTES  # noqa: E402
from bot.maintenance.check import DEFERRED_NOTE  # noqa: E402

ALIAS_BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join(['*' + before] * 9)}]\n" for before, name in zip("abcdefgh", "bcdefghi"))


def test_check_refuses_the_alias_bomb_without_expanding_it(capsys, knowledge_copy):
    (knowledge_copy / "entries" / "bomb.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    assert check(capsys, knowledge_copy) == (1, [
        "entries/bomb.yaml:1: this file uses the YAML anchor '&a'; knowledge files do not allow anchors or "
        "aliases. Fix: write the text out in full each place it is needed; text that starts with '&' or '*' must "
        "be in quotes.",
        DEFERRED_NOTE,
        f"{knowledge_copy}: 1 error(s), 0 warning(s).",
    ])


def test_check_refuses_deep_nesting(capsys, knowledge_copy):
    (knowledge_copy / "entries" / "deep.yaml").write_text("[" * 30_000 + "]" * 30_000, encoding="utf-8")
    assert check(capsys, knowledge_copy) == (1, [
        f"entries/deep.yaml:1: this file nests lists and sets of keys more than {MAX_DEPTH} levels deep. Fix: an "
        "entries file needs 4 levels (entries, an entry, its questions); check the brackets and the indentation "
        "on this line.",
        DEFERRED_NOTE,
        f"{knowledge_copy}: 1 error(s), 0 warning(s).",
    ])


def test_check_refuses_a_folder_too_large_before_parsing_it(capsys, knowledge_copy):
    entry = ("  - id: bulk-{n}\n    questions: [how much is bulk {n}, bulk {n} amount]\n"
             "    answer: Bulk {n} is {{pledge_total}}.\n    sources: [ten-actions-article]\n")
    for part in range(3):  # each under the per-file limit, together over the total
        with open(knowledge_copy / "entries" / f"bulk{part}.yaml", "w", encoding="utf-8") as out:
            out.write("topic: Bulk\nentries:\n")
            out.writelines(entry.format(n=f"{part}-{n}") for n in range(13_000))
    total = sum(p.stat().st_size for p in knowledge_copy.rglob("*.yaml") if p.name != "eval.yaml")
    assert total > MAX_TOTAL_BYTES
    code, out = check(capsys, knowledge_copy)
    assert code == 1
    assert out == [
        f"{knowledge_copy}: the knowledge files add up to {total:,} bytes ({total / 1_000_000:.1f} MB); the bot "
        f"reads at most {MAX_TOTAL_BYTES:,} bytes (5 MB). Fix: remove what is not knowledge (the shipped knowledge "
        "is about 0.1 MB in all).",
        DEFERRED_NOTE,
        f"{knowledge_copy}: 1 error(s), 0 warning(s).",
    ]


def test_a_value_of_only_a_tab_is_two_problems_on_one_line(capsys, knowledge_copy):
    # the tab (no entry) and the empty value (an entry) on one line once made sorting the problems raise
    line = edit(knowledge_copy, "facts.yaml", "  value: Zhejiang\n", "  value: \t\n")
    code, out = check(capsys, knowledge_copy)
    assert code == 1
    assert out[:2] == [
        f"facts.yaml:{line}: (warning) contains a tab character. Fix: replace it with spaces; YAML does not allow "
        "tabs for indentation.",
        f"facts.yaml:{line}: [demonstration_zone_province] 'value' must be text, but it is nothing. Fix: put the "
        "value in quotes, like value: \"...\".",
    ]
