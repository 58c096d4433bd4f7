from bot.render.labels import display_question, label


def test_phrasings_read_as_questions_with_names_capitalised_as_the_answer_writes_them(shipped_knowledge):
    assert display_question(shipped_knowledge.entry("pledge-amount")) == "How much is Alibaba investing?"
    # "The" starts a sentence of the answer: that is no name.
    assert display_question(shipped_knowledge.entry("pledge-deadline")).startswith("By when will the money")


def test_label_prefers_the_title(shipped_knowledge):
    entry = shipped_knowledge.entry("zhang-yong-directorships")
    assert label(entry) == (entry.title or display_question(entry))
    assert display_question(shipped_knowledge.entry("team"), "zh").endswith("？")
