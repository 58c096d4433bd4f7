import pytest

from bot.knowledge.loader import load_knowledge, read_knowledge
from bot.knowledge.problems import KnowledgeError


def messages(folder):
    return [str(p) for p in read_knowledge(folder).problems]


def test_tiny_knowledge_loads_into_frozen_objects(tiny_knowledge):
    knowledge = load_knowledge(tiny_knowledge())
    amount = knowledge.entry("amount")
    assert amount.answer == "The total is 100 billion yuan."
    assert amount.facts == ("total",)
    assert amount.fact_kinds == {"amount"}
    assert amount.questions[0].location.file == "entries/main.yaml"
    assert knowledge.sources["doc"].citation() == "A document (Someone, 1 May 2021)"
    with pytest.raises(AttributeError):
        amount.answer = "changed"  # frozen


def test_a_changed_fact_changes_every_answer_that_states_it(tiny_knowledge):
    folder = tiny_knowledge()
    facts = folder / "facts.yaml"
    facts.write_text(facts.read_text().replace("100 billion yuan", "120 billion yuan"))
    knowledge = load_knowledge(folder)
    assert knowledge.entry("amount").answer == "The total is 120 billion yuan."


def test_unknown_key_suggests_the_right_one(tiny_knowledge):
    folder = tiny_knowledge(entries__main_yaml="""
        topic: Money
        entries:
          - id: amount
            questions: [how much is invested, total investment, size of it, amount]
            answr: The total is {total}.
            sources: [doc]
    """)
    assert messages(folder) == [
        "entries/main.yaml:5: [amount] unknown key 'answr' in an entry. "
        "Fix: use only id, title, title_zh, questions, questions_zh, answer, answer_zh, sources, related, not_stated, note (did you mean 'answer'?).",
        "entries/main.yaml:3: [amount] an entry has no 'answer'. Fix: add 'answer:' to it.",
    ]


def test_yes_and_bare_numbers_are_caught_where_text_is_needed(tiny_knowledge):
    folder = tiny_knowledge(facts_yaml="""
        total:
          value: yes
          kind: amount
          source: doc
        year:
          value: 2025
          kind: year
          source: doc
    """)
    assert messages(folder) == [
        "facts.yaml:2: [total] 'value' must be text, but it is true (YAML reads yes/no/on/off/true/false "
        'as a yes-or-no value). Fix: put the value in quotes, like value: "...".',
        "facts.yaml:6: [year] 'value' must be text, but it is the number 2025. "
        'Fix: put the value in quotes, like value: "2025".',
    ]


def test_duplicate_ids_name_the_first_place(tiny_knowledge):
    folder = tiny_knowledge(entries__main_yaml="""
        topic: Money
        entries:
          - id: amount
            questions: [a b c]
            answer: x {total} {year}
            sources: [doc]
          - id: amount
            questions: [d e f]
            answer: y
            sources: [doc]
    """)
    assert messages(folder) == [
        "entries/main.yaml:7: [amount] id 'amount' is already used at entries/main.yaml:3. "
        "Fix: give this one a different id.",
    ]


def test_references_to_missing_facts_sources_and_entries(tiny_knowledge):
    folder = tiny_knowledge(entries__main_yaml="""
        topic: Money
        entries:
          - id: amount
            questions: [how much]
            answer: The total is {totl}.
            sources: [dok]
            related: [nothing]
    """)
    assert messages(folder) == [
        "entries/main.yaml:6: [amount] source 'dok' does not exist. "
        "Fix: use an id from sources.yaml (did you mean 'doc'?).",
        "entries/main.yaml:5: [amount] the answer uses {totl}, which is not a fact. "
        "Fix: use an id from facts.yaml (did you mean 'total'?), or add the fact there.",
        "entries/main.yaml:7: [amount] related entry 'nothing' does not exist. "
        "Fix: use the id of another entry.",
    ]


def test_broken_yaml_gives_file_and_line(tiny_knowledge):
    folder = tiny_knowledge(sources_yaml="doc:\n  title: [oops\n  publisher: x\n")
    assert messages(folder)[0] == (
        "sources.yaml:3: this file is not valid YAML: did not find expected ',' or ']'. "
        "Fix: compare the line with the examples in knowledge/README.md "
        "(indentation, a ':' after each key, quotes around text with ':' or '#')."
    )


def test_duplicate_keys_are_reported(tiny_knowledge):
    folder = tiny_knowledge(sources_yaml="doc:\n  title: A\n  title: B\n")
    assert messages(folder) == [
        "sources.yaml:3: key 'title' appears twice (lines 2 and 3); only the last one would be used. "
        "Fix: keep one of them, or merge their contents.",
    ]


def test_unknown_fact_kind(tiny_knowledge):
    folder = tiny_knowledge(facts_yaml="""
        total:
          value: 100 billion yuan
          kind: amout
          source: doc
        year:
          value: "2025"
          kind: year
          source: doc
    """)
    assert messages(folder) == [
        "facts.yaml:3: [total] unknown kind 'amout'. "
        "Fix: use one of amount, date, year, count, duration, share, person, name, place (did you mean 'amount'?).",
    ]


def test_missing_file_and_missing_folder(tiny_knowledge, tmp_path):
    assert messages(tiny_knowledge(synonyms_yaml=None)) == [
        "synonyms.yaml: this file is missing. Fix: create synonyms.yaml; knowledge/README.md shows its format.",
    ]
    with pytest.raises(KnowledgeError, match="the knowledge folder does not exist"):
        load_knowledge(tmp_path / "nowhere")


def test_load_knowledge_raises_with_every_error(tiny_knowledge):
    folder = tiny_knowledge(facts_yaml="total:\n  value: yes\n  kind: amount\n  source: doc\n")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    assert len(caught.value.problems) == 3  # the bad value, and both answers that need {year}


def test_version_changes_with_any_edit(tiny_knowledge):
    folder = tiny_knowledge()
    before = load_knowledge(folder).version
    (folder / "synonyms.yaml").write_text("- [invest, investment, spend, outlay]\n")
    assert load_knowledge(folder).version != before


def test_shipped_knowledge_has_no_structural_problems(shipped_knowledge):
    assert read_knowledge(shipped_knowledge.directory).problems == []
    assert len(shipped_knowledge.entries) >= 30


@pytest.mark.parametrize("value", ["nan", "9" * 400 + " villages"])
def test_a_count_no_chinese_rule_can_write_is_loaded_without_a_chinese_value(tiny_knowledge, value):
    folder = tiny_knowledge(facts_yaml=f"""
        total:
          value: 100 billion yuan
          kind: amount
          source: doc
        year:
          value: "{value}"
          kind: count
          source: doc
    """)
    result = read_knowledge(folder)
    assert result.knowledge.facts["year"].value_zh is None
    assert [str(p) for p in result.problems] == [
        "entries/main.yaml:22: [deadline] the Chinese answer uses {year}, which has no Chinese value. "
        "Fix: add zh: to year in facts.yaml.",
    ]
