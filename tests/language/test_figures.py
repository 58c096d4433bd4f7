import pytest

from bot.language.figures import chinese_numeral, chinese_value


@pytest.mark.parametrize("value, kind, chinese", [
    ("100 billion yuan", "amount", "1000亿元"), ("20 billion yuan", "amount", "200亿元"),
    ("$15.49 billion", "amount", "154.9亿美元"), ("2025", "year", "2025年"), ("May 2015", "date", "2015年5月"),
    ("10 September 2019", "date", "2019年9月10日"), ("3,000 villages", "count", "3000个村庄"),
    ("three-thousandths (0.3%)", "share", "千分之三"), ("ten consecutive years", "duration", "连续十年"),
    ("ten", "count", "十"), ("three", "count", "三"),
    # worked-out figures: a share given as a percent keeps it; a count of years
    ("20% (a fifth)", "share", "20%"), ("one fifth", "share", "五分之一"), ("four years", "duration", "四年"), ("just over four years", "duration", "四年多"),
])
def test_figures_are_written_the_chinese_way(value, kind, chinese):
    assert chinese_value(value, kind) == chinese


@pytest.mark.parametrize("value, kind", [("Zhang Yong", "person"), ("Zhejiang", "place"), ("lots", "amount")])
def test_no_rule_for_names_places_or_nonsense(value, kind):
    assert chinese_value(value, kind) is None


def test_numerals():
    assert [chinese_numeral(n) for n in (0, 3, 10, 12, 25, 100)] == ["零", "三", "十", "十二", "二十五", "100"]


def test_a_figure_changed_once_changes_both_languages(tiny_knowledge):
    from bot.knowledge.loader import load_knowledge

    folder = tiny_knowledge(entries__main_yaml="""
        topic: Money
        entries:
          - id: amount
            questions: [how much is invested, total investment, size of the investment, investment amount]
            questions_zh: [投资多少, 投资总额, 投资规模, 投资金额]
            answer: The total is {total}.
            answer_zh: 总额是{total}。
            sources: [doc]
    """)
    assert load_knowledge(folder).entry("amount").answer_zh == "总额是1000亿元。"
    facts = folder / "facts.yaml"
    facts.write_text(facts.read_text().replace("100 billion yuan", "120 billion yuan"))
    entry = load_knowledge(folder).entry("amount")
    assert (entry.answer, entry.answer_zh) == ("The total is 120 billion yuan.", "总额是1200亿元。")
