"""Issue 19, the process around a command: Ctrl-C while it starts, and git refusing a
repository that belongs to another user. One line, the documented exit code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hoinhap_cli.queries import revisions
from hostile_data import make_data, run

# ------------------------------------------------------------ 11. Ctrl-C in the first tenth of a second

# SIGINT sent while typer is being imported: deterministic, no timing involved.
_EARLY_CTRL_C = r"""
import builtins, os, signal, sys
sys.argv = ["hoinhap", "--help"]
real = builtins.__import__
def spy(name, *args, **kwargs):
    if name == "typer":
        builtins.__import__ = real
        os.kill(os.getpid(), signal.SIGINT)
    return real(name, *args, **kwargs)
builtins.__import__ = spy
from hoinhap_cli.startup import main
main()
"""


@pytest.mark.parametrize(("lang", "word"), [("vi", "đã dừng"), ("en", "interrupted")])
def test_ctrl_c_while_starting_is_one_line(lang: str, word: str) -> None:
    env = {**os.environ, "HOINHAP_LANG": lang}
    done = subprocess.run([sys.executable, "-c", _EARLY_CTRL_C], capture_output=True, text=True, env=env,
                          timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip() == word
    assert done.returncode == 130


def test_the_console_script_and_python_m_install_the_handler() -> None:
    root = Path(__file__).resolve().parents[2]
    assert 'hoinhap = "hoinhap_cli.startup:main"' in (root / "pyproject.toml").read_text(encoding="utf-8")
    assert "hoinhap_cli.startup import main" in (root / "src" / "hoinhap_cli" / "__main__.py").read_text("utf-8")


# ------------------------------------------------------------ 13. diff and git


def test_diff_passes_on_gits_dubious_ownership_advice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_data(tmp_path, report=None)
    advice = (f"fatal: detected dubious ownership in repository at '{tmp_path}'\n"
              f"To add an exception for this directory, call:\n\n"
              f"\tgit config --global --add safe.directory {tmp_path}\n")

    def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.CompletedProcess(["git", *args], 128, b"", advice.encode())

    monkeypatch.setattr(revisions, "_git", git)
    result = run(["diff", "--data", str(data)], tmp_path, 2)
    assert "dubious ownership" in result.stderr
    assert f"git config --global --add safe.directory {tmp_path}" in result.stderr
    assert "is not in a git repository" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(shutil.which("git") is None or os.geteuid() != 0, reason="needs git, and root to chown")
def test_diff_in_a_repository_of_another_user(tmp_path: Path) -> None:
    data = make_data(tmp_path, report=None)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for path in [tmp_path, *tmp_path.rglob("*")]:
        os.lchown(path, 4242, 4242)
    env = {"HOME": str(tmp_path / "home"), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null"}
    result = run(["diff", "--data", str(data)], tmp_path, 2, env)
    assert "dubious ownership" in result.stderr and "safe.directory" in result.stderr


@pytest.mark.parametrize("argv", [["diff", ""], ["diff", "HEAD", ""], ["diff", " "]])
def test_diff_refuses_an_empty_revision(tmp_path: Path, argv: list[str]) -> None:
    data = make_data(tmp_path, report=None)
    result = run([*argv, "--data", str(data), "--lang", "en"], tmp_path, 2)
    assert "an empty revision ('') names no commit" in result.stderr
