"""The benchmark must keep running: its --quick mode is part of the suite (figures are not checked)."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_quick_benchmark_prints_the_whole_table():
    result = subprocess.run([sys.executable, "bench/run.py", "--quick"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "| measure | PledgeBot | baseline | ratio (baseline / PledgeBot) |"
    text = result.stdout
    for row in ("answer() p50, shipped knowledge", "answer() p99, shipped knowledge", "load + index",
                "same decisions as an exhaustive scan: 40/40", "cold start:",
                "bot: answer updates", "bot: clarify updates", "bot: inline updates"):
        assert row in text, row
    assert re.search(r"\| 1,0\d\d phrasings \(", text)  # the synthetic size, about 1,000
