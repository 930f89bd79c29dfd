"""Every broken report in the catalogue through `check` and a loading command; every hostile
command line through the writers.

Report files: `check` exits 1 and `tasks`/`overdue` (alternately, by case) answer without the
file, exit 3/4 (issue 16); each prints exactly one line about the report, `file:line:col: …` at the case's place, with the case's
words; no traceback; no file under data/ changed. Command lines: exit 2, one `hoinhap: …` line
with the case's words, and nothing written anywhere under tmp_path — not in data/, not beside
it, no folder created.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import Cli, run_untouched
from plan_cases import CASES as PLAN_CASES
from plan_cases import SHIPPED
from report_cases import CASES, CLI_CASES, OUTSIDE, TODAY, CliCase, ReportCase


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    (folder / "reports").mkdir(parents=True)
    (folder / "plan.yaml").write_text(SHIPPED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOINHAP_TODAY", TODAY)
    return folder


def test_the_catalogue_is_large_and_its_names_unique() -> None:
    names = [c.name for c in CASES] + [c.name for c in CLI_CASES]
    assert len(names) == len(set(names))
    assert len(CASES) + len(CLI_CASES) >= 25
    assert len(CASES) + len(CLI_CASES) + len(PLAN_CASES) >= 100


def _loader(case: ReportCase) -> list[str]:
    return ["tasks"] if CASES.index(case) % 2 == 0 else ["overdue"]


@pytest.mark.parametrize("command", ["check", "load"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_broken_report(case: ReportCase, command: str, data: Path, tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOINHAP_LANG", "en")  # the catalogue's fragments are the English wording
    path = data / "reports" / case.file
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = case.build()
    path.write_bytes(raw)
    argv, code = (["check"], 1) if command == "check" else (_loader(case), 3 if _loader(case) == ["tasks"] else 4)
    result = run_untouched([*argv, "--data", "data"], tmp_path, code)
    output = result.stdout + result.stderr
    if command == "load":  # the answer without the file, saying so (issue 16)
        assert result.stdout.rstrip("\n").endswith(f"data/reports/{case.file}"), "the answer does not say what it left out"
        output = result.stderr

    name = f"data/reports/{case.file}"
    about = [line for line in output.splitlines() if line.startswith(name)]
    assert len(about) == 1, f"expected one line about {name}, got:\n{output}"
    where = case.position(raw)
    if where is None:
        assert about[0].startswith(f"{name}: "), about[0]
    else:
        line, col = where
        assert re.match(rf"^{re.escape(name)}:\d+:\d+: ", about[0]), about[0]
        assert about[0].startswith(f"{name}:{line}:{col}: "), f"expected {name}:{line}:{col}, got:\n{output}"
    assert case.fragment in about[0], f"expected {case.fragment!r}, got:\n{output}"


def test_the_python_tag_in_a_report_runs_nothing(data: Path, tmp_path: Path, cli: Cli) -> None:
    case = next(c for c in CASES if c.name == "yaml-tag-python")
    (data / "reports" / "2009-Q1").mkdir()
    (data / "reports" / case.file).write_bytes(case.build())
    assert cli("check", "--data", "data").exit_code == 1
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


@pytest.mark.parametrize("case", CLI_CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("existing", [False, True], ids=["no-report-yet", "report-exists"])
def test_hostile_command_line_writes_nothing(case: CliCase, existing: bool, data: Path, tmp_path: Path,
                                             cli: Cli) -> None:
    if existing:  # a valid report in the quarter the command would write to
        assert cli("record", "2.10", "-s", "in-progress", "--data", "data").exit_code == 0
    (tmp_path / "outside").mkdir()
    argv = [a.replace(OUTSIDE, str(tmp_path / "outside" / "2009-Q1")) for a in case.argv]
    result = run_untouched([*argv, "--data", "data"], tmp_path, 2)
    errors = [line for line in result.stderr.splitlines() if line.startswith("hoinhap: ")]
    assert len(errors) == 1, result.stderr
    assert case.fragment in errors[0], result.stderr
    assert result.stdout == ""
