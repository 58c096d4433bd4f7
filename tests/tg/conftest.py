import asyncio
import shutil

import pytest

from bot.answering.engine import Engine
from bot.knowledge.loader import load_knowledge
from bot.paths import shipped_knowledge_dir
from bot.tg.app import build_application
from bot.tg.settings import Settings
from bot.tg.testing import USER, RecordingRequest

ADMIN = USER["id"]


class Harness:
    """An Application wired to a RecordingRequest, fed updates one by one in its own loop."""

    def __init__(self, engine, db_path, **settings):
        self.request = RecordingRequest()
        options = {"token": "42:offline-test-token", "send_retry_seconds": 0.0, "db_path": str(db_path),
                   "reload_seconds": 0, **settings}
        self.app = build_application(Settings(**options), engine, request=self.request)
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.app.initialize())
        self.request.clear()

    @property
    def bot(self):
        return self.app.bot

    def feed(self, update) -> None:
        self.loop.run_until_complete(self.app.process_update(update))

    def start(self) -> None:
        """Run the application's job queue too, as `pledgebot run` does."""
        self.loop.run_until_complete(self.app.start())

    def wait_until(self, predicate, timeout: float = 10.0, what: str = "the condition"):
        """Run the bot's loop (its jobs too) until `predicate()` returns something true, and
        return that; fail after `timeout` seconds. Fast when the bot is, never flaky when slow."""
        async def until():
            deadline = self.loop.time() + timeout
            while not (result := predicate()):
                if self.loop.time() > deadline:
                    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
                await asyncio.sleep(0.01)  # lets the bot's tasks and jobs run
            return result

        return self.loop.run_until_complete(until())

    def close(self) -> None:
        if self.app.running:
            self.loop.run_until_complete(self.app.stop())
        self.loop.run_until_complete(self.app.shutdown())
        self.loop.close()


@pytest.fixture
def harness(engine, tmp_path):
    made = []

    def make(engine_to_use=None, db_path=None, **settings) -> Harness:
        made.append(Harness(engine_to_use or engine, db_path or tmp_path / f"bot{len(made)}.sqlite3", **settings))
        return made[-1]

    yield make
    for h in made:
        h.close()


@pytest.fixture
def live(harness, tmp_path):
    """A running application over a copy of the knowledge that the test may edit."""
    folder = tmp_path / "knowledge"
    shutil.copytree(shipped_knowledge_dir(), folder)
    h = harness(Engine(load_knowledge(folder)), admin_ids=frozenset({ADMIN}), reload_seconds=1)
    h.start()
    return h, folder
