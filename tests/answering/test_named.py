import pytest

from bot.answering.named import names_the_class


@pytest.mark.parametrize("question, entry, kind, names", [
    ("which counties are the commissioners going to", "foundation-commissioners", "place", False),  # describes
    ("which province is the demonstration zone in", "fund", "place", True),  # Zhejiang names it
    ("which companies is he a director of", "zhang-yong-directorships", "name", True),
    ("where are the commissioners going", "foundation-commissioners", "place", True),  # no class asked
    ("哪些县会派特派员", "foundation-commissioners", "place", False),  # 浙江山区县 describes 县
])
def test_a_fact_describing_the_class_asked_names_none_of_it(engine, question, entry, kind, names):
    unit = engine.unit_for(question)
    assert names_the_class(engine.knowledge, unit.normalizer, engine.knowledge.entry(entry), kind, question) is names
