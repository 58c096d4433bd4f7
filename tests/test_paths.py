import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from bot.paths import ENV_KNOWLEDGE, knowledge_dir, shipped_knowledge_dir

ROOT = Path(__file__).resolve().parents[1]


def test_explicit_folder_beats_environment_beats_shipped(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_KNOWLEDGE, raising=False)
    assert knowledge_dir() == shipped_knowledge_dir()
    monkeypatch.setenv(ENV_KNOWLEDGE, str(tmp_path / "env"))
    assert knowledge_dir() == tmp_path / "env"
    assert knowledge_dir(tmp_path / "arg") == tmp_path / "arg"


def test_shipped_knowledge_is_found_from_a_source_checkout():
    assert (shipped_knowledge_dir() / "facts.yaml").is_file()


def test_a_plain_install_ships_the_knowledge_inside_the_package(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=240,
    )
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("pledgebot-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "bot/_knowledge/facts.yaml" in names
    assert any(n.startswith("bot/_knowledge/entries/") for n in names)
    assert "bot/language/data/chinese_common_words.txt" in names  # read to tell everyday Chinese from names

    # Run the unpacked wheel from elsewhere, as an installed copy would run.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {k: v for k, v in os.environ.items() if k != ENV_KNOWLEDGE}
    env["PYTHONPATH"] = str(site)
    # This environment also has the source checkout installed (editable): say which copy answered.
    probe = ("import sys; from bot.paths import shipped_knowledge_dir; from bot.cli import main; "
             "print(shipped_knowledge_dir()); sys.exit(main(['ask', '--json', 'what is the seventh action']))")
    asked = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=tmp_path,
                           env=env)
    assert asked.returncode == 0, asked.stderr
    knowledge, reply = asked.stdout.splitlines()
    assert Path(knowledge) == site / "bot" / "_knowledge"
    assert json.loads(reply)["entry"] == "action-7"
