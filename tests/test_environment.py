"""The developer's environment never reaches a test (the autouse fixture in conftest.py)."""

import json
import os

import pytest

from bot.cli import main
from bot.paths import knowledge_dir, shipped_knowledge_dir
from tests.conftest import SETTINGS_PREFIXES

EXPORTED = {
    "PLEDGEBOT_KNOWLEDGE": "/nonexistent/knowledge",
    "PLEDGEBOT_DB": "/nonexistent/bot.sqlite3",
    "PLEDGEBOT_LOG_LEVEL": "NOISY",
    "TELEGRAM_BOT_TOKEN": "1:a-developer-s-real-token",
}


@pytest.fixture(scope="module")
def exported_by_the_developer():
    """Variables set in this process's environment, as a developer's shell would export them.

    Module-scoped, so pytest sets them before any test's function-scoped fixture runs,
    the autouse one included; restored when the module is done."""
    saved = {name: os.environ.get(name) for name in EXPORTED}
    os.environ.update(EXPORTED)
    yield EXPORTED
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def test_a_developer_s_settings_never_reach_a_test(exported_by_the_developer, capsys):
    assert [name for name in os.environ if name.startswith(SETTINGS_PREFIXES)] == []
    assert knowledge_dir() == shipped_knowledge_dir()
    assert main(["ask", "--json", "what is the seventh action"]) == 0
    assert json.loads(capsys.readouterr().out)["entry"] == "action-7"


def test_a_test_can_still_set_one(exported_by_the_developer, monkeypatch, tmp_path):
    monkeypatch.setenv("PLEDGEBOT_KNOWLEDGE", str(tmp_path))
    assert knowledge_dir() == tmp_path
