"""Known gaps (`not_stated:`): read with the entry, every problem reported with its line."""

from bot.knowledge.loader import read_knowledge
from tests.conftest import TINY

GAP = """
            not_stated:
              - id: launch-day
                questions: [on which exact day was it announced]
                questions_zh: [具体哪一天公布的]
                reply: The document gives no day.
                reply_zh: 文件没有给出日期。
"""


def _with(gap: str) -> str:
    return TINY["entries/main.yaml"].replace("            related: [deadline]\n", "            related: [deadline]\n" + gap)


def test_an_entry_reads_its_known_gaps(tiny_knowledge):
    knowledge = read_knowledge(tiny_knowledge(entries__main_yaml=_with(GAP))).knowledge
    [gap] = knowledge.entry("amount").not_stated
    assert (gap.id, [q.text for q in gap.questions], gap.reply_in("en"), gap.reply_in("zh")) == (
        "launch-day", ["on which exact day was it announced"], "The document gives no day.", "文件没有给出日期。")
    assert gap.location.file == "entries/main.yaml" and gap.location.line == 16


def test_a_gap_without_reply_or_with_a_bad_id_is_reported_at_its_line(tiny_knowledge):
    broken = GAP.replace("                reply: The document gives no day.\n", "").replace("launch-day", "Launch Day")
    problems = [str(p) for p in read_knowledge(tiny_knowledge(entries__main_yaml=_with(broken))).problems]
    assert problems == [
        "entries/main.yaml:16: [amount] a known gap has no 'reply'. Fix: add 'reply:' to it.",
        "entries/main.yaml:16: [amount] a known gap's id must be lower-case letters, digits and '-', but it is "
        "'Launch Day'. Fix: use a short name such as launch-date.",
    ]


def test_not_stated_must_be_a_list(tiny_knowledge):
    problems = [str(p) for p in read_knowledge(tiny_knowledge(
        entries__main_yaml=_with("            not_stated: the day\n"))).problems]
    assert problems == ["entries/main.yaml:14: [amount] 'not_stated' must be a list, but it is the text 'the day'. Fix: write one "
                        "'- id: ...' per thing the documents do not say, with its questions and reply."]
