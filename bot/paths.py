"""Where the knowledge folder is: --knowledge, then $PLEDGEBOT_KNOWLEDGE, then the shipped one."""

from __future__ import annotations

import os
from pathlib import Path

ENV_KNOWLEDGE = "PLEDGEBOT_KNOWLEDGE"
ENV_DB = "PLEDGEBOT_DB"  # here, not in bot.maintenance.store, so naming it does not import sqlite3
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
