"""File-system trouble in a knowledge folder is a problem with its path, never a traceback."""

import errno
import os

import pytest

from bot.knowledge import files
from bot.knowledge.limits import MAX_FILE_BYTES, MAX_TOTAL_BYTES
from bot.knowledge.loader import read_knowledge


def messages(folder):
    return [str(p) for p in read_knowledge(folder).problems]


def test_a_folder_named_like_a_yaml_file(tiny_knowledge):
    folder = tiny_knowledge()
    (folder / "entries" / "x.yaml").mkdir()
    assert messages(folder) == [
        "entries/x.yaml: this file is a folder, not a file. Fix: rename the folder so its name does not end in "
        ".yaml, or move it out of the knowledge.",
    ]


def test_a_link_in_a_loop(tiny_knowledge):
    folder = tiny_knowledge()
    (folder / "entries" / "loop.yaml").symlink_to("loop.yaml")
    assert messages(folder) == [
        "entries/loop.yaml: this file is a link that leads back to itself (a loop of links). Fix: point the link "
        "at the real file, or remove it.",
    ]


def test_a_link_that_leads_nowhere(tiny_knowledge):
    folder = tiny_knowledge()
    (folder / "entries" / "gone.yaml").symlink_to("nowhere.yaml")
    assert messages(folder) == [
        "entries/gone.yaml: this file is a link to 'nowhere.yaml', which does not exist. Fix: point the link at "
        "an existing file, or remove it.",
    ]


def test_a_required_file_that_is_a_dangling_link_says_so_rather_than_missing(tiny_knowledge):
    folder = tiny_knowledge(examples_yaml=None)
    (folder / "examples.yaml").symlink_to("old-examples.yaml")
    assert messages(folder) == [
        "examples.yaml: this file is a link to 'old-examples.yaml', which does not exist. Fix: point the link at "
        "an existing file, or remove it.",
    ]


def test_a_pipe_is_not_read(tiny_knowledge):
    folder = tiny_knowledge()
    os.mkfifo(folder / "entries" / "pipe.yaml")  # reading it would wait for ever
    assert messages(folder) == [
        "entries/pipe.yaml: this file is not a regular file (it is a device, a pipe or a socket). Fix: replace "
        "it with a text file, or remove it.",
    ]


def test_a_file_the_bot_may_not_read(tiny_knowledge, monkeypatch):
    folder = tiny_knowledge()
    real_open = open

    def refuse(path, *args, **kwargs):
        if str(path).endswith("main.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(files, "open", refuse, raising=False)  # chmod does not stop root
    assert messages(folder) == [
        "entries/main.yaml: this file cannot be read: permission denied. Fix: let the bot's user read it (for "
        "example: chmod a+rX on it).",
    ]


def test_an_entries_folder_the_bot_may_not_list(tiny_knowledge, monkeypatch):
    folder = tiny_knowledge()
    real_scandir = os.scandir

    def refuse(path):
        if str(path).endswith("entries"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(files.os, "scandir", refuse)
    assert messages(folder) == [
        "entries: this folder cannot be read: permission denied. Fix: let the bot's user read it (for example: "
        "chmod a+rX on it).",
        "entries: there are no entry files. Fix: add at least one .yaml file of entries to entries/.",
    ]


def test_hidden_files_such_as_editor_locks_are_not_read(tiny_knowledge):
    folder = tiny_knowledge()
    (folder / "entries" / ".#main.yaml").symlink_to("someone@host.1234")  # Emacs' lock while editing
    assert messages(folder) == []


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tiny_knowledge):
    folder = tiny_knowledge()
    (folder / "entries" / "big.yaml").write_text("topic: Big\nentries: []\n#" + "x" * MAX_FILE_BYTES + "\n")
    assert messages(folder) == [
        f"entries/big.yaml: this file is {MAX_FILE_BYTES + 25:,} bytes (2.0 MB); a knowledge file may be at most "
        f"{MAX_FILE_BYTES:,} bytes (2 MB). Fix: split it into smaller files (entries can go in several files in "
        "entries/) and keep only knowledge in it.",
    ]


def test_a_51_mb_answer_is_an_error_before_anything_is_parsed(tiny_knowledge):
    folder = tiny_knowledge()
    with open(folder / "entries" / "huge.yaml", "w", encoding="utf-8") as out:
        out.write("topic: Huge\nentries:\n  - id: huge\n    questions: [q]\n    sources: [doc]\n    answer: ")
        for _ in range(51):
            out.write("word " * 200_000)
    total = sum(p.stat().st_size for p in folder.rglob("*.yaml"))
    result = read_knowledge(folder)
    (folder / "entries" / "huge.yaml").unlink()  # leave no 51 MB behind in the kept temporary folders
    assert result.knowledge is None
    assert [str(p) for p in result.problems] == [
        f"{folder}: the knowledge files add up to {total:,} bytes (51.0 MB); the bot reads at most "
        f"{MAX_TOTAL_BYTES:,} bytes (5 MB). Fix: remove what is not knowledge (the shipped knowledge is about "
        "0.1 MB in all).",
    ]
    assert result.errors  # an error, not a warning


def test_files_that_are_not_read_do_not_count_toward_the_total(tiny_knowledge):
    folder = tiny_knowledge()
    (folder / "notes.txt").write_bytes(b"x" * (MAX_TOTAL_BYTES + 1))
    assert messages(folder) == []


@pytest.mark.parametrize("make", ["file", "loop"])
def test_the_version_survives_what_it_cannot_read(tiny_knowledge, make):
    folder = tiny_knowledge()
    if make == "file":
        (folder / "eval.yaml").mkdir()
    else:
        (folder / "eval.yaml").symlink_to("eval.yaml")
    assert read_knowledge(folder).knowledge.version


def test_a_knowledge_folder_the_bot_may_not_list(tiny_knowledge, monkeypatch):
    folder = tiny_knowledge()
    real_scandir = os.scandir

    def refuse(path):
        if str(path) == str(folder):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(files.os, "scandir", refuse)
    result = read_knowledge(folder)
    assert result.knowledge is None
    assert [str(p) for p in result.problems] == [
        f"{folder}: the knowledge folder cannot be read: permission denied. Fix: let the bot's user read it (for "
        "example: chmod a+rX on it).",
    ]
