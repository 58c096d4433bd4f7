"""Known gaps are ranked beside the entries but never change how a real entry is matched."""

import pytest

from bot.answering.engine import Engine
from bot.answering.unstated import gap_of
from bot.knowledge.loader import load_knowledge
from tests.knowledge.test_unstated import GAP, _with

# A gap whose questions use words no entry uses ("overseas", "markets"), as maintainers write them.
MARKETS_GAP = GAP.replace("launch-day", "markets").replace(
    "on which exact day was it announced", "which overseas markets exactly get the investment")


@pytest.mark.parametrize("question", ["how much is invested", "investment deadline", "total investment markets",
                                      "what year is the deadline for the overseas investment"])
def test_adding_a_gap_changes_no_real_entry_s_score(tiny_knowledge, tmp_path, question):
    plain = Engine(load_knowledge(tiny_knowledge()))
    gapped = Engine(load_knowledge(tiny_knowledge(entries__main_yaml=_with(MARKETS_GAP))))

    def real_scores(engine):
        unit = engine.unit_for(question)
        return {c.entry.id: round(c.score, 9) for c in unit.index.rank(unit.normalizer.analyse(question), limit=10)
                if not gap_of(c.entry.id)}

    assert real_scores(gapped) == real_scores(plain)


def test_gap_ids_name_their_entry():
    assert gap_of("fund#fund-manager") == ("fund", "fund-manager") and gap_of("fund") is None
