"""Reading knowledge files from disk: bounded, and every file-system error said in words.

A folder named x.yaml, a link that leads nowhere or in a circle, a file the bot may not
read, one that is too big: each comes back as a `FileProblem`, never as an exception.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import NamedTuple

from bot.knowledge.limits import size


class FileProblem(NamedTuple):
    """Why a file cannot be read, worded to follow "this file ..."."""

    message: str
    fix: str


def read_bytes(path: Path, max_bytes: int) -> bytes | FileProblem:
    """The file's bytes, or why they cannot be read; never reads more than `max_bytes` + 1."""
    try:
        status = os.stat(path)
    except OSError as exc:
        return os_problem(path, exc)
    if stat.S_ISDIR(status.st_mode):
        return FileProblem("is a folder, not a file.",
                           "rename the folder so its name does not end in .yaml, or move it out of the knowledge.")
    if not stat.S_ISREG(status.st_mode):
        return FileProblem("is not a regular file (it is a device, a pipe or a socket).",
                           "replace it with a text file, or remove it.")
    if status.st_size > max_bytes:
        return too_big(status.st_size, max_bytes)
    try:
        with open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        return os_problem(path, exc)
    if len(data) > max_bytes:  # it grew since stat
        return too_big(len(data), max_bytes)
    return data


def too_big(found: int, max_bytes: int) -> FileProblem:
    return FileProblem(f"is {size(found)}; a knowledge file may be at most {size(max_bytes)}.",
                       "split it into smaller files (entries can go in several files in entries/) "
                       "and keep only knowledge in it.")


def os_problem(path: Path, exc: OSError) -> FileProblem:
    """An operating-system error, said for a maintainer."""
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return FileProblem(f"is a link to {link_target(path)}, which does not exist.",
                           "point the link at an existing file, or remove it.")
    if exc.errno == errno.ENOENT:
        return FileProblem("disappeared while it was being read.", "run the check again.")
    if exc.errno == errno.ELOOP:
        return FileProblem("is a link that leads back to itself (a loop of links).",
                           "point the link at the real file, or remove it.")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return FileProblem("cannot be read: permission denied.",
                           "let the bot's user read it (for example: chmod a+rX on it).")
    return FileProblem(f"cannot be read: {exc.strerror or exc}.", "check the file and the disk, then try again.")


def link_target(path: Path) -> str:
    try:
        return f"'{os.readlink(path)}'"
    except OSError:
        return "a file"


def file_size(path: Path) -> int:
    """The size of a regular file, or 0 for anything that cannot be read (reported when read)."""
    try:
        status = os.stat(path)
    except OSError:
        return 0
    return status.st_size if stat.S_ISREG(status.st_mode) else 0


def is_regular_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def yaml_files(folder: Path) -> list[str] | FileProblem:
    """The names of the folder's .yaml files, sorted; hidden ones (.name, such as editors' lock
    files) are left out. A folder that does not exist has none."""
    try:
        with os.scandir(folder) as found:
            names = [e.name for e in found if e.name.endswith(".yaml") and not e.name.startswith(".")]
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        return os_problem(folder, exc)
    return sorted(names)
