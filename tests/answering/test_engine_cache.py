"""The engine kept on disk for one-off commands: used when nothing changed, rebuilt otherwise."""

import os
import pickle

import pytest

import bot.knowledge.loader
from bot.answering import engine_cache
from bot.answering.engine_cache import cached_engine


def _no_loading(monkeypatch):
    def forbidden(directory):
        raise AssertionError("the knowledge was read again")
    monkeypatch.setattr(bot.knowledge.loader, "load_knowledge", forbidden)


def test_a_second_command_uses_the_kept_engine_and_decides_the_same(tiny_knowledge, tmp_path, monkeypatch):
    folder, cache = tiny_knowledge(), tmp_path / "cache"
    first = cached_engine(folder, cache)
    assert len(list(cache.glob("engine-*.pickle"))) == 1
    _no_loading(monkeypatch)
    again = cached_engine(folder, cache)
    for question in ("how much is invested", "by when is it invested", "what is the weather", "投资多少"):
        assert again.answer(question) == first.answer(question)


def test_an_edit_of_the_same_size_and_time_is_seen(tiny_knowledge, tmp_path):
    folder, cache = tiny_knowledge(), tmp_path / "cache"
    assert "100 billion yuan" in cached_engine(folder, cache).knowledge.facts["total"].value
    facts = folder / "facts.yaml"
    stat = facts.stat()
    facts.write_text(facts.read_text().replace("100 billion yuan", "900 billion yuan"))
    os.utime(facts, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same modification time
    assert "900 billion yuan" in cached_engine(folder, cache).knowledge.facts["total"].value
    assert len(list(cache.glob("engine-*.pickle"))) == 1  # the old one is gone


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps({"an": "engine?"})])
def test_a_damaged_cache_is_rebuilt_not_trusted(tiny_knowledge, tmp_path, damage):
    folder, cache = tiny_knowledge(), tmp_path / "cache"
    cache.mkdir()
    (cache / f"engine-{engine_cache.cache_key(folder)}.pickle").write_bytes(damage)
    assert cached_engine(folder, cache).answer("how much is invested").entry == "amount"


def test_an_unwritable_cache_or_none_still_answers(tiny_knowledge, tmp_path):
    folder = tiny_knowledge()
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    assert cached_engine(folder, blocked / "cache").answer("how much is invested").entry == "amount"
    assert cached_engine(folder, None).answer("how much is invested").entry == "amount"
