import re
from pathlib import Path

from bot.render.strings import STRINGS, text

BOT = Path(__file__).resolve().parents[2] / "bot"


def test_every_language_has_every_string():
    assert set(STRINGS["zh"]) == set(STRINGS["en"])


def test_every_key_the_code_asks_for_exists():
    used = set()
    for path in BOT.rglob("*.py"):
        used |= set(re.findall(r"\btext\([^,()]+,\s*\"([a-z_]+)\"", path.read_text(encoding="utf-8")))
    assert used and used <= set(STRINGS["en"]), used - set(STRINGS["en"])


def test_unknown_language_falls_back_to_english():
    assert text("fr", "sorry") == STRINGS["en"]["sorry"]
