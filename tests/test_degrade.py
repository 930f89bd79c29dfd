"""Reads that degrade instead of going dark (issue 16): a report file with an error is left out
of every read, said once on stderr with its file:line:col, under the answer (every format) and
in the exit code; only an unusable plan stops a read. Entries after today are outside the view."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SHIPPED, Cli

BROKEN = "data/reports/2009-Q2/ubnd-phuong-an-phu.yaml"  # as displayed, run from the tmp folder


@pytest.fixture
def ledger(tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped plan with two report files: Phòng Kinh tế's (valid: 2.10 done) and a ward's
    with an unquoted task id (`task: 2.10`, read as a number)."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOINHAP_CACHE_DIR", str(tmp_path / "cache"))
    done = cli("record", "2.10", "--status", "done", "--date", "2009-05-04", "--unit", "phong-kinh-te",
               data=data, env={"HOINHAP_TODAY": "2009-06-30"})
    assert done.exit_code == 0, done.output
    ward = data / "reports" / "2009-Q2" / "ubnd-phuong-an-phu.yaml"
    ward.write_text("unit: ubnd-phuong-an-phu\nperiod: 2009-Q2\nentries:\n"
                    "- task: 2.10\n  status: in-progress\n  date: 2009-05-02\n", encoding="utf-8")
    return data


READS = [
    ["overdue", "--as-of", "2009-06-30"], ["summary", "--period", "2009-Q2"], ["show", "2.10"],
    ["upcoming", "--as-of", "2009-06-30"], ["tasks", "--program", "2"], ["log"], ["programs"],
    ["units"], ["timeline"], ["export", "--format", "json"], ["dashboard", "--out", "-"],
    ["reports", "--period", "2009-Q2"], ["summary", "--period", "2009-H1"], ["reports"],
]
LATE = [["overdue", "--as-of", "2009-06-30"], ["reports"]]  # something is late: 4, not 3


@pytest.mark.parametrize("argv", READS, ids=[" ".join(a) for a in READS])
def test_every_read_answers_without_the_broken_file(ledger: Path, cli: Cli, argv: list[str]) -> None:
    for run in ("cold", "warm"):  # the snapshot carries the files left out too
        result = cli(*argv, data=ledger, env={"HOINHAP_TODAY": "2009-06-30"})
        late = argv in LATE
        assert result.exit_code == (4 if late else 3), (run, result.output)
        assert result.stderr.count(f"{BROKEN}:4:9: 2.10 bị đọc thành số") == 1, result.stderr  # one language
        assert result.stderr.count("bỏ qua 1 tệp báo cáo có lỗi") == 1
        assert BROKEN in result.stdout, (run, result.stdout[-300:])  # said in the answer itself


def test_the_other_files_still_count(ledger: Path, cli: Cli) -> None:
    shown = cli("show", "2.10", "--format", "json", data=ledger, env={"HOINHAP_TODAY": "2009-06-30"})
    record = json.loads(shown.stdout)
    assert record["excluded_files"] == [BROKEN]
    assert [h["status"] for h in record["history"]] == ["done"]  # Phòng Kinh tế's entry, not the ward's


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "table"])
def test_every_format_says_what_it_excludes(ledger: Path, cli: Cli, fmt: str) -> None:
    result = cli("overdue", "--as-of", "2009-06-30", "--format", fmt, data=ledger,
                 env={"HOINHAP_TODAY": "2009-06-30"})
    assert result.exit_code == 4
    if fmt == "json":
        assert json.loads(result.stdout)["excluded_files"] == [BROKEN]
    elif fmt == "csv":
        assert result.stdout.rstrip("\n").splitlines()[-1] == f"# Số liệu không tính tệp có lỗi: {BROKEN}"
    else:
        assert result.stdout.rstrip("\n").splitlines()[-1] == f"Số liệu không tính tệp có lỗi: {BROKEN}"


def test_a_list_answer_is_wrapped_when_degraded(ledger: Path, cli: Cli) -> None:
    result = cli("log", "--format", "json", "--lang", "en", data=ledger, env={"HOINHAP_TODAY": "2009-06-30"})
    record = json.loads(result.stdout)
    assert record["excluded_files"] == [BROKEN] and len(record["rows"]) == 1
    assert "the figures exclude them" in result.stderr


def test_nothing_late_but_degraded_is_3(ledger: Path, cli: Cli) -> None:
    result = cli("overdue", "--as-of", "2008-09-30", data=ledger, env={"HOINHAP_TODAY": "2009-06-30"})
    assert result.exit_code == 3, result.output


def test_check_still_reports_and_fails(ledger: Path, cli: Cli) -> None:
    result = cli("check", data=ledger, env={"HOINHAP_TODAY": "2009-06-30"})
    assert result.exit_code == 1
    assert f"{BROKEN}:4:9:" in result.stdout


def test_an_unusable_plan_still_stops_a_read(ledger: Path, cli: Cli) -> None:
    (ledger / "plan.yaml").write_text("decision: [\n", encoding="utf-8")
    result = cli("overdue", data=ledger)
    assert result.exit_code == 2 and "data/plan.yaml:" in result.stderr


def test_entries_after_the_day_are_outside_the_view(ledger: Path, cli: Cli) -> None:
    (ledger / "reports" / "2009-Q2" / "ubnd-phuong-an-phu.yaml").unlink()
    cli("record", "1.3", "--status", "in-progress", "--date", "2009-06-10", data=ledger,
        env={"HOINHAP_TODAY": "2009-06-30"})
    past = cli("show", "1.3", "--format", "json", data=ledger, env={"HOINHAP_TODAY": "2009-05-31"})
    assert past.exit_code == 0, past.output
    assert json.loads(past.stdout)["history"] == []
    now = cli("show", "1.3", "--format", "json", data=ledger, env={"HOINHAP_TODAY": "2009-06-30"})
    assert [h["date"] for h in json.loads(now.stdout)["history"]] == ["2009-06-10"]
    later = cli("show", "2.10", "--format", "json", data=ledger, env={"HOINHAP_TODAY": "2009-05-01"})
    assert later.exit_code == 0 and json.loads(later.stdout)["history"] == []


def test_writing_after_today_is_still_refused(ledger: Path, cli: Cli) -> None:
    result = cli("record", "1.3", "--status", "done", "--date", "2009-07-02", data=ledger,
                 env={"HOINHAP_TODAY": "2009-06-30"})
    assert result.exit_code == 2 and "2009-07-02" in result.stderr


def test_a_written_summary_says_what_it_excludes(ledger: Path, cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.md"
    result = cli("summary", "--period", "2009-Q2", "--format", "md", "--out", str(target), data=ledger,
                 env={"HOINHAP_TODAY": "2009-06-30"})
    assert result.exit_code == 3
    assert target.read_text(encoding="utf-8").rstrip("\n").endswith(f"Số liệu không tính tệp có lỗi: {BROKEN}")
