import pytest

from bot.answering.reply import Reply
from bot.tg import render


def test_callback_data_over_telegram_s_64_bytes_makes_no_button():
    assert render.callback(render.ANSWER, "action-3") == "e:action-3"
    assert render.callback(render.ANSWER, "x" * 70) is None


@pytest.mark.parametrize("blocks", [
    ["short"],
    ["a" * 3000, "b" * 3000],
    ["word " * 2000],
    ["&amp;" * 1000],
])
def test_split_blocks_fits_telegram_and_keeps_everything(blocks):
    chunks = render.split_blocks(blocks, limit=4096)
    assert all(0 < len(c) <= 4096 for c in chunks)
    assert "".join(chunks).replace("\n", "").replace(" ", "") == "".join(blocks).replace(" ", "")
    assert not any(c.endswith("&amp") or c.startswith("amp;") for c in chunks)


def test_escape_leaves_quotes_alone():
    assert render.escape("<a href='x'> & \"y\"") == "&lt;a href='x'&gt; &amp; \"y\""


def test_unknown_for_an_empty_message_asks_for_a_question(engine):
    reply = Reply("", "unknown", reason="empty", suggestions=tuple(e.entry for e in engine.examples_in("en")))
    rendered = render.render_reply(reply, engine)
    assert rendered.chunks[0].startswith("Please type a question")


def test_labels_are_shortened_for_buttons():
    assert render.short("x" * 100) == "x" * 59 + "…"
    assert render.short("fine") == "fine"
