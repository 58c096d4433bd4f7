"""Rows waiting to be written: a bounded queue in memory that drops its oldest, counting them."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass

# About 5 MB of questions at most (500 characters each): days of unanswered questions.
MAX_PENDING_ROWS = 10_000


@dataclass(frozen=True)
class PendingRow:
    sql: str
    params: tuple


class PendingRows:
    """Thread-safe. A batch taken out counts against the bound until it is done or put back."""

    def __init__(self, max_rows: int = MAX_PENDING_ROWS):
        self.max_rows = max(1, max_rows)
        self.dropped = 0
        self._rows: deque[PendingRow] = deque()
        self._taken = 0
        self._changed = threading.Condition()

    def __len__(self) -> int:
        with self._changed:
            return len(self._rows) + self._taken

    def put(self, row: PendingRow) -> bool:
        """Queue `row`; False if that dropped an older one to stay within the bound."""
        with self._changed:
            self._rows.append(row)
            dropped = self._trim()
            self._changed.notify_all()
            return not dropped

    def take(self, most: int, wait: float) -> list[PendingRow]:
        """Up to `most` of the oldest rows, waiting up to `wait` seconds for one to come."""
        with self._changed:
            if not self._rows:
                self._changed.wait(wait)
            batch = [self._rows.popleft() for _ in range(min(most, len(self._rows)))]
            self._taken += len(batch)
            return batch

    def done(self, batch: list[PendingRow]) -> None:
        with self._changed:
            self._taken -= len(batch)
            self._changed.notify_all()

    def put_back(self, batch: list[PendingRow]) -> None:
        """A batch that could not be written goes back in front, oldest first."""
        with self._changed:
            self._taken -= len(batch)
            self._rows.extendleft(reversed(batch))
            self._trim()
            self._changed.notify_all()

    def wait_until_empty(self, timeout: float | None) -> bool:
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._changed:
            while self._rows or self._taken:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._changed.wait(left)
            return True

    def wake(self) -> None:
        with self._changed:
            self._changed.notify_all()

    def _trim(self) -> int:
        # Rows being written stay; the oldest waiting ones go first.
        dropped = 0
        while self._rows and len(self._rows) + self._taken > self.max_rows:
            self._rows.popleft()
            dropped += 1
        self.dropped += dropped
        return dropped
