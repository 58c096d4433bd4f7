"""A per-user limit on questions per minute. Kept in memory only: no user id is stored."""

from __future__ import annotations

import time
from collections import deque
from enum import Enum


class Verdict(Enum):
    ALLOW = "allow"
    NOTIFY = "notify"  # the first question over the limit: say so once
    SILENT = "silent"  # over the limit, already told


class QuestionLimiter:
    def __init__(self, per_minute: int, window: float = 60.0, clock=time.monotonic):
        self.per_minute = per_minute
        self.window = window
        self._clock = clock
        self._asked: dict[int, deque[float]] = {}
        self._told: set[int] = set()

    def check(self, user_id: int) -> Verdict:
        now = self._clock()
        asked = self._asked.setdefault(user_id, deque())
        while asked and now - asked[0] >= self.window:
            asked.popleft()
        if len(asked) < self.per_minute:
            asked.append(now)
            self._told.discard(user_id)
            return Verdict.ALLOW
        if user_id in self._told:
            return Verdict.SILENT
        self._told.add(user_id)
        return Verdict.NOTIFY

    def users_tracked(self) -> int:
        return len(self._asked)

    def forget_idle(self) -> None:
        """Drop users with no question in the window, so memory stays small."""
        now = self._clock()
        for user_id in [u for u, q in self._asked.items() if not q or now - q[-1] >= self.window]:
            del self._asked[user_id]
            self._told.discard(user_id)
