import json

from bot.answering.reply import Reply, SourceRef, Suggestion, answered_text, clarify_text, source_line, unknown_text

SOURCE = SourceRef("doc", "A title", "A title (Pub, 1 May 2021)")


def test_json_contract_has_exactly_the_documented_keys():
    reply = Reply("q", "answered", "An answer.", "entry", 0.876543, (SOURCE,), (Suggestion("other", "Other?"),),
                  "An answer.\n\nSource: A title (Pub, 1 May 2021)")
    data = reply.to_json()
    assert data == {"question": "q", "status": "answered", "answer": "An answer.", "entry": "entry",
                    "score": 0.8765, "sources": [{"id": "doc", "title": "A title"}],
                    "suggestions": [{"entry": "other", "question": "Other?"}],
                    "reply": "An answer.\n\nSource: A title (Pub, 1 May 2021)", "lang": "en"}
    json.dumps(data)


def test_source_lines():
    assert source_line(()) == ""
    assert source_line((SOURCE,)) == "Source: A title (Pub, 1 May 2021)"
    assert source_line((SOURCE, SOURCE)).startswith("Sources: ")
    assert answered_text("Hi.", ()) == "Hi."


def test_clarify_and_unknown_texts_list_the_choices():
    one = (Suggestion("a", "What is A?"),)
    assert clarify_text(one) == "I'm not sure I understood. Did you mean: What is A?"
    two = one + (Suggestion("b", "What is B?"),)
    assert clarify_text(two).splitlines()[1:3] == ["1. What is A?", "2. What is B?"]
    text = unknown_text(two)
    assert text.startswith("Sorry, I don't know.") and "- What is B?" in text
    assert unknown_text((), empty=True).startswith("Please type a question.")
