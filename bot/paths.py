"""Where the knowledge folder is: --knowledge, then $PLEDGEBOT_KNOWLEDGE, then the shipped one."""

from __future__ import annotations

import os
from pathlib import Path

ENV_KNOWLEDGE = "PLEDGEBOT_KNOWLEDGE"
ENV_DB = "PLEDGEBOT_DB"  # here, not in bot.maintenance.store, so naming it does not import sqlite3
ENV_CACHE = "PLEDGEBOT_CACHE"  # a folder for the built engine, or "off"
_PACKAGE = Path(__file__).resolve().parent


def shipped_knowledge_dir() -> Path:
    # A wheel carries the knowledge inside the package; a source checkout
    # (including `pip install -e .`) has it beside the package.
    for candidate in (_PACKAGE / "_knowledge", _PACKAGE.parent / "knowledge"):
        if (candidate / "facts.yaml").is_file():
            return candidate
    return _PACKAGE.parent / "knowledge"


def knowledge_dir(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(ENV_KNOWLEDGE, "").strip()
    return Path(from_env) if from_env else shipped_knowledge_dir()


def cache_dir() -> Path | None:
    """Where `pledgebot` keeps the built engine: $PLEDGEBOT_CACHE ("off": nowhere), else the
    user's cache folder ($XDG_CACHE_HOME or ~/.cache) under pledgebot/."""
    from_env = os.environ.get(ENV_CACHE, "").strip()
    if from_env.lower() == "off":
        return None
    if from_env:
        return Path(from_env)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "pledgebot"
