"""The built engine kept on disk, so a one-off `pledgebot ask` skips reading YAML and indexing.

The key is a hash of everything the engine is made from: the knowledge folder's bytes, the
code's files (path, size, modification time), Python's and the package's version. Any change
makes a new key, and a cache that cannot be read or written is simply not used: the engine is
built as usual. Only this user's own cache folder is read.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

from bot import __version__
from bot.answering.engine import Engine

log = logging.getLogger(__name__)
_CODE = Path(__file__).resolve().parents[1]
_PREFIX = "engine-"


def cache_key(directory: Path) -> str:
    digest = hashlib.sha256(f"{__version__}|{sys.version}".encode())
    for path in sorted(_CODE.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(_CODE)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(directory)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def _build(directory: Path) -> Engine:
    from bot.knowledge.loader import load_knowledge  # YAML is imported only when there is YAML to read

    return Engine(load_knowledge(directory))


def cached_engine(directory: Path, cache_dir: Path | None) -> Engine:
    """The engine over `directory`, from `cache_dir` when it holds one built from the same
    knowledge and code; built (and stored there) otherwise. `cache_dir` None: no cache."""
    if cache_dir is None:
        return _build(directory)
    try:
        path = cache_dir / f"{_PREFIX}{cache_key(directory)}.pickle"
    except OSError:  # the folder cannot be read whole: the loader says why
        return _build(directory)
    try:
        with path.open("rb") as file:
            engine = pickle.load(file)
        if isinstance(engine, Engine):
            return engine
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a damaged or foreign file is rebuilt, never trusted
        log.info("Ignoring an unreadable engine cache %s", path)
    engine = _build(directory)
    _store(engine, path)
    return engine


def _store(engine: Engine, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as file:
            pickle.dump(engine, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(file.name, path)  # whole or not at all, even with two commands at once
        for old in path.parent.glob(f"{_PREFIX}*.pickle"):  # one engine per folder is enough
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as error:
        log.info("Could not keep the engine in %s: %s", path.parent, error)
