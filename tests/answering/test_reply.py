from bot.answering.reply import Reply


def test_a_reply_is_a_decision_about_entries_with_no_wording(engine):
    reply = engine.answer("how much is alibaba investing")
    assert reply.status == "answered" and reply.entry == reply.entries[0]
    # Everything but the question is an id, a number, a flag or a short code: no prose to translate.
    for field, value in reply._asdict().items():
        if field == "question":
            continue
        values = value if isinstance(value, tuple) else (value,)
        assert all(v is None or isinstance(v, (bool, float, int)) or (isinstance(v, str) and " " not in v)
                   for v in values), (field, value)


def test_entry_is_none_without_entries():
    assert Reply("q", "unknown").entry is None
