"""Help that works (issue 16): every `Example:` line of every command's help runs against the
shipped plan — in a copy, with a scripted ledger where it needs entries or git history — and
gives its documented exit code (`# exit N` after the example, else 0) and a non-empty answer."""

from __future__ import annotations

import importlib
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, SHIPPED, hoinhap
from hoinhap_cli.cli.commands import COMMANDS

EXAMPLE = re.compile(r"^\s*Example:\s*(?P<line>.+?)\s*(?:#\s*exit\s+(?P<code>\d+).*)?$", re.M)
WRITERS = ("record", "event", "submit")  # run first: the others then read their entries


def examples() -> list[tuple[str, str, int]]:
    """(command, example line, documented exit code), writers first, in the table's order."""
    found = []
    for name, (target, _) in COMMANDS.items():
        module, function = target.split(":")
        doc = getattr(importlib.import_module(module), function).__doc__ or ""
        found += [(name, m["line"], int(m["code"] or 0)) for m in EXAMPLE.finditer(doc)]
    return sorted(found, key=lambda e: e[0] not in WRITERS)


def test_every_command_has_an_example() -> None:
    assert {name for name, _, _ in examples()} == set(COMMANDS)


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.vn", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan in a git repository with one amendment (a deadline moved), so `diff
    HEAD~1 HEAD` has something to say."""
    root = tmp_path_factory.mktemp("examples")
    shutil.copytree(SHIPPED, root / "data")
    shutil.copytree(ROOT / "schema", root / "schema")
    shutil.copy(ROOT / "tests" / "data" / "decision-02-2008.txt", root / "ke-hoach.txt")  # for `import`
    git("init", "-q", cwd=root)
    git("add", ".", cwd=root)
    git("commit", "-qm", "plan", cwd=root)
    plan = root / "data" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("due: 2008-Q3", "due: 2008-Q4", 1), encoding="utf-8")
    git("commit", "-qam", "amendment", cwd=root)
    return root


def run_line(line: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """A shell line of `hoinhap …`, `cd` and `git` commands joined by &&, with `> FILE`: the last
    command's exit code and its answer (stdout, the file it was sent to or wrote, else stderr)."""
    code, answer = 0, ""
    for part in line.split("&&"):
        words = shlex.split(part)
        target = None
        if ">" in words:
            at = words.index(">")
            words, target = words[:at], words[at + 1]
        monkeypatch.chdir(cwd)
        if words[0] == "cd":
            cwd = cwd / words[1]
            continue
        if words[0] == "git":
            git(*words[1:], cwd=cwd)
            continue
        assert words[0] == "hoinhap", line
        result = hoinhap(*words[1:], columns=80)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        code, answer = result.exit_code, result.stdout
        if target:
            (cwd / target).write_text(result.stdout, encoding="utf-8")
        written = [cwd / w for w in words if w.endswith((".md", ".html")) and (cwd / w).is_file()]
        if not answer.strip() and written:
            answer = written[0].read_text(encoding="utf-8")
        if not answer.strip() and code == 0:
            answer = result.stderr  # a writer's confirmation
        if code != 0:
            return code, answer + result.stderr
    return code, answer


@pytest.mark.parametrize(("command", "line", "code"), examples(), ids=[e[1][:60] for e in examples()])
def test_example_runs(command: str, line: str, code: int, ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    got, answer = run_line(line, ledger, monkeypatch)
    assert got == code, f"{line}\n{answer}"
    assert answer.strip(), f"{line}: no answer"
    if command == "log":
        assert "3.2.2" in answer or "2.10" in answer, answer  # the entries the record examples wrote


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_examples_are_in_the_help(lang: str) -> None:
    """The lines run above are the ones `--help` prints (in either language)."""
    for name, line, _ in examples():
        shown = " ".join(hoinhap(name, "--help", env={"HOINHAP_LANG": lang}, columns=200).stdout.split())
        assert " ".join(line.split()) in shown, (name, line)
