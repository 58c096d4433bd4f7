from bot.answering.weights import question_weights


def _weights(engine, question):
    unit = engine.unit_for(question)
    analysis = unit.normalizer.analyse(question)
    return question_weights(analysis, frozenset(analysis.content), unit.index.tables.idf, unit.index.weight)


def test_a_word_known_only_from_a_synonym_weighs_less_than_a_word_no_one_knows(engine):
    # "outside" is known from the synonym "outside china", yet no entry uses the word itself
    weights = _weights(engine, "which outside companies does zhang yong chair")
    assert weights["outsid"] < engine.index.tables.foreign_weight
    # a word the knowledge uses keeps its weight
    unit = engine.unit_for("zhang yong")
    assert weights["zhang"] == unit.index.weight("zhang")


def test_a_chinese_word_known_only_from_a_synonym_weighs_like_an_everyday_word(engine):
    weights = _weights(engine, "那个共富工作小组归谁管")
    assert weights["工作"] < engine.unit_for("工作").index.tables.foreign_weight
