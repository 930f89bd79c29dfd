"""`hoinhap record`, `event`, `submit`, `log` end to end, and their refusals (nothing written)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Cli, snapshot
from hoinhap_cli import yamlio
from hoinhap_cli.paths import bundled_plan

TODAY = "2009-05-20"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOINHAP_TODAY", TODAY)



def report(data: Path, period: str, unit: str) -> dict:
    doc, problems = yamlio.read(data / "reports" / period / f"{unit}.yaml")
    assert doc is not None, problems
    return doc.data


def test_record_appends_an_entry_with_defaults(mini: Path, cli: Cli) -> None:
    result = cli("record", "1,1", "--status", "dang thuc hien", "--note", "Đã phát 2 chương trình", data=mini)
    assert result.exit_code == 0, result.output
    assert "phong-kinh-te" in result.stderr and "đơn vị chủ trì đầu tiên" in result.stderr
    assert "đang thực hiện" in result.stderr
    data = report(mini, "2009-Q2", "phong-kinh-te")
    assert data == {"unit": "phong-kinh-te", "period": "2009-Q2", "entries": [
        {"task": "1.1", "status": "in-progress", "date": TODAY, "note": "Đã phát 2 chương trình"}]}
    assert cli("check", data=mini).exit_code == 0


@pytest.mark.parametrize("word, status", [
    ("hoàn thành", "done"), ("hoan thanh", "done"), ("HOÀN THÀNH", "done"), ("done", "done"),
    ("chưa thực hiện", "not-started"), ("not_started", "not-started"), ("in progress", "in-progress"),
])
def test_status_words(mini: Path, word: str, status: str, cli: Cli) -> None:
    assert cli("record", "1.1", "-s", word, data=mini).exit_code == 0
    assert report(mini, "2009-Q2", "phong-kinh-te")["entries"][0]["status"] == status


def test_confirmation_in_english(mini: Path, cli: Cli) -> None:
    result = cli("record", "1.1", "-s", "hoàn thành", "--lang", "en", "--unit", "Kinh tế", data=mini)
    assert result.exit_code == 0
    assert "recorded: task 1.1 — done" in result.stderr
    assert "default unit" not in result.stderr


def test_blocked_with_reason_milestone_member_unit_and_date(mini: Path, cli: Cli) -> None:
    result = cli("record", "1.1", "-s", "vướng mắc", "--reason", "Thiếu kinh phí", "-m", "1",
                 "--unit", "ubnd-phuong-cat-lai", "--date", "2009-01-15", "--evidence", "CV 12/UBND", data=mini)
    assert result.exit_code == 0, result.output
    entry = report(mini, "2009-Q1", "ubnd-phuong-cat-lai")["entries"][0]
    assert entry == {"task": "1.1", "milestone": 1, "status": "blocked", "date": "2009-01-15",
                     "reason": "Thiếu kinh phí", "evidence": "CV 12/UBND"}


def test_force_is_recorded(mini: Path, cli: Cli) -> None:
    result = cli("record", "3.2.4", "-s", "done", "--unit", "phong-kinh-te", "--force", data=mini)
    assert result.exit_code == 0, result.output
    assert report(mini, "2009-Q2", "phong-kinh-te")["entries"][0]["forced"] is True
    assert cli("check", data=mini).exit_code == 0


def test_units_from_task_takes_its_lead(mini: Path, cli: Cli) -> None:
    assert cli("record", "3.2.4A", "-s", "done", data=mini).exit_code == 0
    assert report(mini, "2009-Q2", "phong-qldt")["entries"][0]["task"] == "3.2.4a"


REFUSALS = [
    (["record", "9.9", "-s", "done"], "không có nhiệm vụ số '9.9'"),
    (["record", "1.2", "-s", "done"], "gợi ý: có phải: 1.1"),
    (["record", "1.1", "-s", "finished"], "không có tình trạng 'finished'"),
    (["record", "1.1", "-s", "done", "-m", "2"], "--milestone 2 nằm ngoài khoảng (1..1)"),
    (["record", "1.1", "-s", "done", "-m", "0"], "nằm ngoài khoảng"),
    (["record", "1.1", "-s", "blocked"], "tình trạng blocked cần --reason"),
    (["record", "1.1", "-s", "hủy bỏ", "--reason", "  "], "tình trạng dropped cần --reason"),
    (["record", "1.1", "-s", "done", "--unit", "phong-qldt"], "đơn vị 'phong-qldt' không chủ trì cũng không phối hợp nhiệm vụ 1.1"),
    (["record", "1.1", "-s", "done", "--unit", "phong-khong-co"], "không có đơn vị nào tên 'phong-khong-co'"),
    (["record", "1.1", "-s", "done", "--date", "2009-05-21"], "--date 2009-05-21 ở tương lai (hôm nay là 2009-05-20)"),
    (["record", "1.1", "-s", "done", "--date", "2008-10-16"], "trước ngày ký quyết định (2008-10-17)"),
    (["record", "1.1", "-s", "done", "--date", "2009-02-30"], "'2009-02-30' không phải là ngày có thật"),
    (["record", "1.1"], "thiếu --status"),
    (["record", "1.1", "-s", "done", "--event", "tp-duyet"], "--event ghi nhận một sự kiện, không phải tiến độ"),
    (["record", "--event", "tp-duyet"], "cần --date"),
    (["record", "--event", "tp-duyt", "--date", "2009-01-01"], "không có sự kiện 'tp-duyt'; có phải 'tp-duyet'?"),
    (["event", "tp-duyet", "--date", "2008-01-01"], "trước ngày ký quyết định"),
    (["submit", "phong-kinh-te", "--period", "2009-Q3"], "trước ngày bắt đầu quý 2009-Q3"),
    (["submit", "phong-kinh-te", "--period", "2009"], "không phải là một quý"),
    (["submit", "nobody", "--period", "2009-Q1"], "không có đơn vị nào tên 'nobody'"),
]


@pytest.mark.parametrize("args, message", REFUSALS, ids=[" ".join(a) for a, _ in REFUSALS])
def test_refusals_write_nothing(mini: Path, args: list[str], message: str, cli: Cli) -> None:
    assert cli("record", "1.1", "-s", "in-progress", data=mini).exit_code == 0  # a file that must not change
    before = snapshot(mini)
    result = cli(*args, data=mini)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert snapshot(mini) == before


def test_bundled_plan_is_never_written(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cli: Cli) -> None:
    monkeypatch.chdir(tmp_path)
    before = snapshot(bundled_plan().parent)
    result = cli("record", "1.1", "-s", "done")
    assert result.exit_code == 2
    assert "--data" in result.stderr and "hoinhap init" in result.stderr
    assert snapshot(bundled_plan().parent) == before
    assert not (bundled_plan().parent / "reports").exists()


def test_event_goes_to_the_standing_agency(mini: Path, cli: Cli) -> None:
    result = cli("record", "--event", "tp-duyet", "--date", "2009-03-02", "--evidence", "QĐ 5/QĐ-UBND", data=mini)
    assert result.exit_code == 0, result.output
    assert report(mini, "2009-Q1", "phong-kinh-te")["events"] == [
        {"event": "tp-duyet", "date": "2009-03-02", "evidence": "QĐ 5/QĐ-UBND"}]
    again = cli("event", "tp-duyet", "--date", "2009-04-02", data=mini)
    assert again.exit_code == 0 and "2009-03-02" in again.stderr  # says the earliest date counts
    assert cli("check", data=mini).exit_code == 0


def test_submit_sets_the_date_once(mini: Path, cli: Cli) -> None:
    assert cli("record", "1.1", "-s", "done", "--date", "2009-03-01", data=mini).exit_code == 0
    path = mini / "reports" / "2009-Q1" / "phong-kinh-te.yaml"
    old = path.read_text(encoding="utf-8")
    result = cli("submit", "Phòng Kinh tế", "--period", "2009-Q1", "--date", "2009-04-03", data=mini)
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == old.replace("period: 2009-Q1\n", "period: 2009-Q1\nsubmitted: '2009-04-03'\n")
    assert cli("submit", "phong-kinh-te", "-p", "2009-Q1", "--date", "2009-04-03",
               data=mini).exit_code == 0  # same: fine
    before = snapshot(mini)
    refused = cli("submit", "phong-kinh-te", "-p", "2009-Q1", "--date", "2009-04-04", data=mini)
    assert refused.exit_code == 2 and "đã được đánh dấu nộp ngày 2009-04-03" in refused.stderr
    assert snapshot(mini) == before
    # a quarter with no entries yet gets a file of its own
    assert cli("submit", "qldt", "-p", "2008-Q4", "--date", "2009-01-05", data=mini).exit_code == 0
    assert report(mini, "2008-Q4", "phong-qldt") == {"unit": "phong-qldt", "period": "2008-Q4",
                                                     "submitted": "2009-01-05"}
    assert cli("check", data=mini).exit_code == 0


def test_log_formats_and_filters(mini: Path, cli: Cli) -> None:
    empty = cli("log", "--format", "json", data=mini)
    assert empty.exit_code == 0 and json.loads(empty.stdout) == []
    cli("record", "1.1", "-s", "in-progress", "--date", "2009-01-10", "--note", "a, b", data=mini)
    cli("record", "3.2.4", "-s", "done", "--date", "2009-02-10", data=mini)
    cli("record", "1.1", "-s", "done", "--date", "2009-05-01", data=mini)
    rows = json.loads(cli("log", "-f", "json", data=mini).stdout)
    assert [(r["date"], r["task"], r["status"]) for r in rows] == [
        ("2009-01-10", "1.1", "in-progress"), ("2009-02-10", "3.2.4", "done"), ("2009-05-01", "1.1", "done")]
    assert rows[1]["unit"] == "phong-qldt"
    only = json.loads(cli("log", "-f", "json", "--task", "1,1", "--since", "2009-02-01", data=mini).stdout)
    assert [r["date"] for r in only] == ["2009-05-01"]
    assert [r["task"] for r in json.loads(cli("log", "-f", "json", "-u", "QLĐT", data=mini).stdout)] == ["3.2.4"]
    assert [r["date"] for r in json.loads(cli("log", "-f", "json", "--until", "2009-01-31",
                                              data=mini).stdout)] == ["2009-01-10"]
    csv = cli("log", "-f", "csv", data=mini).stdout.splitlines()
    assert csv[0].startswith("Ngày,Nhiệm vụ") and csv[1].endswith('"a, b",,,') and "đang thực hiện" in csv[1]
    md = cli("log", "-f", "md", "--lang", "en", data=mini).stdout
    assert "| Date | Task |" in md and "| done |" in md
    table = cli("log", data=mini)
    assert table.exit_code == 0 and "hoàn thành" in table.stdout
    assert cli("log", "--task", "7.7", data=mini).exit_code == 2
