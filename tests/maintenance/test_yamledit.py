"""Round-trip edits keep the maintainers' files as written: only the added lines differ."""

import pytest

from bot.maintenance import yamledit
from bot.paths import shipped_knowledge_dir

SHIPPED = sorted(shipped_knowledge_dir().rglob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_file_loads_and_saves_byte_identical(path):
    text = path.read_text(encoding="utf-8")
    assert yamledit.round_trip(text, path.name) == text


ENTRY_FILE = """\
# A comment at the top.
topic: T
entries:
  - id: one
    questions:
      - first question  # why it is here
      - "second: quoted"
    answer: >-
      Folded text that
      runs over lines.
    questions_zh: [第一个]
    answer_zh: "答案"
    sources: [s]

  # between the entries
  - id: two
    questions: [a, b]
    answer: Plain.
    not_stated:
      - id: launch-date
        questions: [on which day]
        reply: No date.

  - id: three
    questions: [c]
    answer: Last.
"""


def test_a_phrasing_goes_to_the_end_of_the_list_in_its_language():
    after = yamledit.add_phrasing(ENTRY_FILE, "one", "third question", chinese=False)
    assert after == ENTRY_FILE.replace('      - "second: quoted"\n', '      - "second: quoted"\n      - third question\n')
    after = yamledit.add_phrasing(ENTRY_FILE, "one", "第二个", chinese=True)
    assert after == ENTRY_FILE.replace("questions_zh: [第一个]", "questions_zh: [第一个, 第二个]")


def test_a_case_is_one_flow_line_at_the_end():
    text = "# cases\ncases:\n  # --- a section ---\n  - {q: \"one\", expect: a}\n"
    after = yamledit.add_case(text, "what is tencent doing", "decline")
    assert after == text + '  - {q: "what is tencent doing", expect: decline}\n'


def test_a_question_joins_an_existing_gap_and_the_blank_line_stays_after_the_entry():
    after = yamledit.add_gap_question(ENTRY_FILE, "two", "launch-date", "哪一天", chinese=True)
    assert after == ENTRY_FILE.replace("        reply: No date.\n",
                                       "        reply: No date.\n        questions_zh:\n          - 哪一天\n")


def test_a_new_gap_is_added_at_the_end_of_the_entry():
    after = yamledit.add_gap(ENTRY_FILE, "one", "launch-date", "on which day was it", False, "No date given.")
    assert after == ENTRY_FILE.replace("    sources: [s]\n", "    sources: [s]\n    not_stated:\n"
                                       "      - id: launch-date\n        questions: [on which day was it]\n"
                                       "        reply: No date given.\n")


def test_a_file_that_would_change_layout_is_not_edited():
    with pytest.raises(yamledit.EditError, match="layout"):
        yamledit.add_case("cases:\n    -   {q: x,   expect: y}\n", "q", "decline")


def test_gap_ids_are_made_from_the_question_and_unique():
    assert yamledit.new_gap_id("On which day were the ten actions announced?", []) == "actions-announced"
    assert yamledit.new_gap_id("on which day were the ten actions announced", ["actions-announced"]) \
        == "actions-announced-2"
