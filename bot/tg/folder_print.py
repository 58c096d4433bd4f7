"""What the knowledge folder holds, as a value that changes whenever its content does.

The files the loader reads (the top-level .yaml files and those in entries/) are hashed,
not only stat-ed: an edit that keeps a file's size and modification time still changes
the print. The knowledge is ~100 KB, so hashing it at every look is cheap; a file too big
to load is printed by its size and time only (the loader refuses it anyway).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from bot.knowledge.files import FileProblem, yaml_files
from bot.knowledge.limits import MAX_FILE_BYTES
from bot.knowledge.reader import ENTRIES_DIR

MISSING_FOLDER = ("(no knowledge folder)",)


def folder_print(directory: Path) -> tuple:
    """A tuple of (file, what it holds) for every file the loader would read."""
    if not directory.is_dir():
        return MISSING_FOLDER
    printed = []
    for folder, prefix in ((directory, ""), (directory / ENTRIES_DIR, f"{ENTRIES_DIR}/")):
        names = yaml_files(folder)
        if isinstance(names, FileProblem):
            printed.append((prefix or ".", names.message))
            continue
        printed.extend((prefix + name, file_print(folder / name)) for name in names)
    return tuple(printed)


def file_print(path: Path) -> str:
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
            return f"mode {status.st_mode:o}, {status.st_size} bytes, at {status.st_mtime_ns}"
        with open(path, "rb") as stream:
            return hashlib.sha256(stream.read(MAX_FILE_BYTES + 1)).hexdigest()
    except OSError as exc:  # removed while we looked, unreadable, a link in a circle
        return f"unreadable: {exc.strerror}"
