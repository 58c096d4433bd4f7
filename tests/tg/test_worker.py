"""Blocking work with a time limit: its result or error, or given up on without holding
the process when it ends."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap

import pytest

from bot.tg.worker import run_with_time_limit


def test_the_result_or_the_error_of_the_work_comes_back():
    assert asyncio.run(run_with_time_limit(lambda: 6 * 7, 5, "sum")) == 42

    def fails():
        raise RecursionError("too deep")

    with pytest.raises(RecursionError, match="too deep"):
        asyncio.run(run_with_time_limit(fails, 5, "fails"))


def test_work_past_its_limit_is_given_up_on_and_does_not_keep_the_process_alive(tmp_path):
    # A process whose event loop gave up on a stuck load must still end at once when asked.
    script = textwrap.dedent("""
        import asyncio, threading
        from bot.tg.worker import TookTooLong, run_with_time_limit

        async def main():
            try:
                await run_with_time_limit(threading.Event().wait, 0.1, "stuck")
            except TookTooLong as exc:
                print(exc)

        asyncio.run(main())
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "stuck took longer than 0.1 s"
    assert done.stderr == ""
