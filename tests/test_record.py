"""`hoinhap record`, `event`, `submit`, `log` end to end, and their refusals (nothing written)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import Cli, snapshot
from hoinhap_cli.files import yamlio
from hoinhap_cli.files.paths import bundled_plan

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


# ------------------------------------------------------------------ status per responsible unit (issue 15)


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder holding the shipped plan and no reports; today is 2010-01-15."""
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    (data / "plan.yaml").write_bytes(bundled_plan().read_bytes())
    monkeypatch.setenv("HOINHAP_TODAY", "2010-01-15")
    return data


def shown(data: Path, cli: Cli, task: str) -> dict:
    result = cli("show", task, "--format", "json", data=data)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def late(data: Path, cli: Cli, as_of: str) -> list[tuple[str, int, str | None, str]]:
    out = json.loads(cli("overdue", "--as-of", as_of, "--format", "json", data=data).stdout)
    return [(o["task"], o["milestone"], o["period"], o["status"]) for o in out["overdue"] if o["task"] != "8"]


def test_a_task_with_two_leads_is_done_only_when_both_report_done(shipped: Path, cli: Cli) -> None:
    # 1.3: Phòng Nội vụ (khối quận) and Phòng Tư pháp (khối phường)
    first = cli("record", "1.3", "--status", "done", "--unit", "phong-noi-vu", "--date", "2009-11-01",
                "--evidence", "BC 45/NV", data=shipped)
    assert first.exit_code == 0, first.output
    assert "mốc 1 (2009)" in first.stderr  # no --milestone: the earliest open one, and it says so
    ms = shown(shipped, cli, "1.3")["milestone_status"]
    assert (ms[0]["status"], ms[0]["done"], ms[0]["of"]) == ("in-progress", 1, 2)
    assert [(u["unit"], u["role"], u["status"], u["evidence"]) for u in ms[0]["units"]] == [
        ("phong-noi-vu", "lead", "done", "BC 45/NV"), ("phong-tu-phap", "lead", "not-started", None)]
    assert ("1.3", 1, None, "in-progress") in late(shipped, cli, "2010-01-01")
    table = cli("tasks", "--program", "1", "--format", "csv", data=shipped).stdout
    assert "đang thực hiện (1/2 đơn vị xong),2009-11-01" in table

    # a supporting unit's "done" is shown, never closes
    assert cli("record", "1.3", "-s", "done", "-u", "phong-kinh-te", "-m", "1", "--date", "2009-12-01",
               data=shipped).exit_code == 0
    ms = shown(shipped, cli, "1.3")["milestone_status"]
    assert ms[0]["status"] == "in-progress" and ms[0]["units"][-1]["role"] == "support"

    assert cli("record", "1.3", "-s", "done", "-u", "phong-tu-phap", "--date", "2009-12-20",
               data=shipped).exit_code == 0
    task = shown(shipped, cli, "1.3")
    assert [m["status"] for m in task["milestone_status"]] == ["done", "not-started"]  # 2010 stays open
    assert (task["status"], task["current_milestone"], task["status_date"]) == ("in-progress", 2, "2009-12-20")
    assert not any(t == "1.3" for t, *_ in late(shipped, cli, "2010-01-01"))


def test_one_lead_dropping_with_a_reason_drops_the_milestone(shipped: Path, cli: Cli) -> None:
    assert cli("record", "1.3", "-s", "dropped", "--reason", "gộp lớp", "-u", "phong-noi-vu", "-m", "2",
               "--date", "2009-12-01", data=shipped).exit_code == 0
    ms = shown(shipped, cli, "1.3")["milestone_status"]
    assert [m["status"] for m in ms] == ["not-started", "dropped"]


def test_one_wards_entry_on_4_2_counts_for_that_ward_only(shipped: Path, cli: Cli) -> None:
    # 4.2: Phòng QLĐT, Phòng TNMT and UBND 11 phường lead
    assert cli("record", "4.2", "-s", "done", "-u", "Cát Lái", "-m", "1", "--date", "2009-03-01",
               data=shipped).exit_code == 0
    m = shown(shipped, cli, "4.2")["milestone_status"][0]
    assert (m["status"], m["done"], m["of"]) == ("in-progress", 1, 13)
    cat_lai = next(u for u in m["units"] if u["unit"] == "ubnd-phuong-cat-lai")
    assert (cat_lai["role"], cat_lai["status"], cat_lai["via"]) == ("lead", "done", "ubnd-11-phuong")
    assert "0/2 đơn vị, 1/11 phường xong" in cli("show", "4.2", data=shipped, columns=200).stdout
    # the group's own entry speaks for every ward; with both phòng done, the milestone is done
    for unit in ("UBND 11 phường", "phong-qldt", "phong-tnmt"):
        assert cli("record", "4.2", "-s", "done", "-u", unit, "-m", "1", "--date", "2009-04-01",
                   data=shipped).exit_code == 0
    m = shown(shipped, cli, "4.2")["milestone_status"][0]
    assert (m["status"], m["done"], m["of"]) == ("done", 13, 13)


def test_record_done_on_1_1_leaves_the_2010_milestone_open(shipped: Path, cli: Cli) -> None:
    result = cli("record", "1.1", "--status", "done", "--date", "2009-03-01", data=shipped)
    assert result.exit_code == 0, result.output
    assert "mốc 1 (2008-Q3)" in result.stderr and "các mốc sau vẫn mở" in result.stderr
    # dated after milestone 1's quarter: accepted for it, and the message says how
    assert "ghi sau hạn 152 ngày" in result.stderr and "hoàn thành muộn" in result.stderr
    assert report(shipped, "2009-Q1", "phong-vhtt")["entries"][0]["milestone"] == 1
    second = cli("record", "1.1", "--status", "done", "--date", "2009-12-30", data=shipped)
    assert "mốc 2 (2009)" in second.stderr  # milestone 1 is done for Phòng VH-TT, though not for the other lead
    ms = shown(shipped, cli, "1.1")["milestone_status"]
    assert [(m["status"], m["done"], m["of"]) for m in ms] == [
        ("in-progress", 1, 2), ("in-progress", 1, 2), ("not-started", 0, 2)]

    assert cli("record", "1.1", "-s", "done", "--date", "2010-01-02", data=shipped).exit_code == 0  # milestone 3
    before = snapshot(shipped)
    refused = cli("record", "1.1", "-s", "done", "--date", "2010-01-03", data=shipped)
    assert refused.exit_code == 2 and "1: 2008-Q3, 2: 2009, 3: 2010" in refused.stderr
    assert snapshot(shipped) == before


def test_a_yearly_period_recorded_done_late_leaves_overdue_that_day(shipped: Path, cli: Cli) -> None:
    from hoinhap_cli.files.paths import locate
    from hoinhap_cli.ledger.ledger import load
    from hoinhap_cli.rules import deadlines

    assert ("6.1", 2, "2008", "not-started") in late(shipped, cli, "2009-12-14")
    assert cli("record", "6.1", "-s", "done", "-m", "2", "--date", "2009-12-15", data=shipped).exit_code == 0
    assert ("6.1", 2, "2008", "in-progress") in late(shipped, cli, "2009-12-31")  # one lead of two: still open
    assert cli("record", "6.1", "-s", "done", "-m", "2", "--date", "2009-12-15", "--unit", "ub-mttq-quan",
               data=shipped).exit_code == 0
    assert ("6.1", 2, "2008", "not-started") in late(shipped, cli, "2009-12-14")  # as it stood that day
    assert not any(t == "6.1" for t, *_ in late(shipped, cli, "2009-12-31"))
    ledger = load(locate(str(shipped)), date(2010, 1, 15))[0]
    assert ledger is not None
    ob = next(o for o in deadlines.milestone_obligations(ledger, ledger.tasks["6.1"], 1, date(2009, 12, 31))
              if o.period and o.period.label == "2008")
    assert (ob.status.value, ob.done_late) == ("done", date(2009, 12, 15))


def test_log_shows_evidence_events_and_submissions(mini: Path, cli: Cli) -> None:
    assert cli("record", "1.1", "-s", "done", "--evidence", "QĐ 45/QĐ-UBND", "--date", "2009-04-01",
               data=mini).exit_code == 0
    assert cli("event", "tp-duyet", "--date", "2009-04-02", "--evidence", "QĐ 123", data=mini).exit_code == 0
    assert cli("submit", "phong-kinh-te", "--period", "2009-Q1", "--date", "2009-04-05", data=mini).exit_code == 0
    rows = json.loads(cli("log", "-f", "json", data=mini).stdout)
    assert [(r["kind"], r["date"], r["task"], r["event"], r["period"], r["evidence"]) for r in rows] == [
        ("entry", "2009-04-01", "1.1", None, None, "QĐ 45/QĐ-UBND"),
        ("event", "2009-04-02", None, "tp-duyet", None, "QĐ 123"),
        ("submission", "2009-04-05", None, None, "2009-Q1", None)]
    table = cli("log", data=mini, columns=160).stdout
    assert "QĐ 45/QĐ-UBND" in table and "⚑ tp-duyet" in table and "✉ 2009-Q1" in table
    assert [r["kind"] for r in json.loads(cli("log", "-f", "json", "--task", "1.1", data=mini).stdout)] == ["entry"]
