"""overdue, upcoming and summary on a fixture ledger whose answers are worked out by hand.

The fixture (decision signed 2008-10-17, so recurring duties run 2008-Q4 … 2010-Q4):

  1.1  2008-Q1            lead Kinh tế            no entry        (leap-day case)
  1.2  every year         lead Kinh tế            in progress 2008-11-10 → 2008 met, 2009 not
  2.1  2009-Q1            lead Kinh tế + QLĐT     no entry        (two leads)
  2.2  2009-H1            lead QLĐT               done 2009-08-05 (done late)
  2.3  2009               lead QLĐT               dropped 2009-05-01
  2.4  by 2009            lead Kinh tế            blocked 2009-06-10, reason "Chưa có kinh phí"
  2.5  2009-05-15         lead Kinh tế            no entry        (a date)
  2.6  2008-Q4..2009-Q2   lead QLĐT               no entry        (a span)
  3.1  ongoing            lead QLĐT               in progress 2009-02-01 (stale after 2009-Q2)
  3.2  after tp-duyet     lead Kinh tế            event recorded 2009-05-20 → due 2009-09-30
  3.3  none               lead Kinh tế
  8    every quarter, every year; lead: the vague "các đơn vị" (→ the two phòng) and the
       group "UBND 11 phường" (→ Cát Lái, An Phú). It stands for the reporting regime
       (reporting.units_from), so it is no task obligation: a quarter's report is due on the
       5th of the next month, a year's on 5 January. Reports:
         Kinh tế  2008-Q4 submitted 2009-01-10, 2009-Q1 submitted 2009-03-30
         QLĐT     2009-Q1 file, submitted 2009-04-02 (in progress on 2009-04-01)
         Cát Lái  2008-Q4 submitted 2009-01-05
         An Phú   2008-Q4 file, not submitted
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import DECISION_HEADER, Cli, hoinhap
from hoinhap_cli.files.paths import locate
from hoinhap_cli.ledger.ledger import load
from hoinhap_cli.rules import deadlines, reporting

PLAN = DECISION_HEADER + """\
programs:
  - {id: "1", title: Tuyên truyền}
  - {id: "2", title: Kinh tế}
  - {id: "3", title: Đô thị}
  - {id: "8", title: Triển khai thực hiện kế hoạch do đơn vị đề ra}
units:
  - {id: phong-kinh-te, name: Phòng Kinh tế, kind: phòng}
  - {id: phong-qldt, name: Phòng Quản lý đô thị, kind: phòng, aliases: [QLĐT]}
  - {id: ubnd-phuong-cat-lai, name: Ủy ban nhân dân phường Cát Lái, kind: ubnd phường}
  - {id: ubnd-phuong-an-phu, name: Ủy ban nhân dân phường An Phú, kind: ubnd phường}
  - id: ubnd-11-phuong
    name: Ủy ban nhân dân 11 phường
    kind: nhóm
    members: [ubnd-phuong-cat-lai, ubnd-phuong-an-phu]
  - {id: cac-don-vi, name: "Các phòng ban, đơn vị trực thuộc quận", kind: không cụ thể}
events:
  - {id: tp-duyet, name: Thành phố phê duyệt}
reporting:
  grace_day: 5
  units_from: "8"
  duties:
    - {id: quy, name: Báo cáo, what: Báo cáo quý, to: Phòng Kinh tế, every: quarter, with_year: nam,
       source: Cuối mỗi quý}
    - {id: nam, name: Báo cáo, what: Báo cáo năm, to: Phòng Kinh tế, every: year, source: cuối các năm}
tasks:
  - {id: "1.1", program: "1", title: Phát thanh, lead: [phong-kinh-te], products: [Chương trình phát thanh],
     milestones: [{due: 2008-Q1}]}
  - {id: "1.2", program: "1", title: Lớp phổ biến, lead: [phong-kinh-te], products: [Các lớp],
     milestones: [{due: every year}]}
  - {id: "2.1", program: "2", title: Kế hoạch, lead: [phong-kinh-te, phong-qldt], products: [Kế hoạch],
     milestones: [{due: 2009-Q1}]}
  - {id: "2.2", program: "2", title: Nửa năm, lead: [phong-qldt], milestones: [{due: 2009-H1}]}
  - {id: "2.3", program: "2", title: Cả năm, lead: [phong-qldt], milestones: [{due: "2009"}]}
  - {id: "2.4", program: "2", title: Hạn chót, lead: [phong-kinh-te], milestones: [{due: by 2009}]}
  - {id: "2.5", program: "2", title: Một ngày, lead: [phong-kinh-te], milestones: [{due: 2009-05-15}]}
  - {id: "2.6", program: "2", title: Khoảng, lead: [phong-qldt], milestones: [{due: 2008-Q4..2009-Q2}]}
  - {id: "3.1", program: "3", title: Thường xuyên, lead: [phong-qldt], milestones: [{due: ongoing}]}
  - {id: "3.2", program: "3", title: Chờ duyệt, lead: [phong-kinh-te], milestones: [{due: after tp-duyet}]}
  - {id: "3.3", program: "3", title: Không hạn, lead: [phong-kinh-te], milestones: [{due: none}]}
  - id: "8"
    program: "8"
    title: Triển khai thực hiện kế hoạch do đơn vị đề ra
    lead: [cac-don-vi, ubnd-11-phuong]
    products: [Báo cáo kết quả]
    milestones: [{due: every quarter}, {due: every year}]
"""

REPORTS = {
    "2008-Q4/phong-kinh-te.yaml": """\
unit: phong-kinh-te
period: 2008-Q4
submitted: 2009-01-10
entries:
  - {task: "1.2", status: in-progress, date: 2008-11-10, note: Mở lớp đầu tiên}
""",
    "2009-Q1/phong-kinh-te.yaml": "unit: phong-kinh-te\nperiod: 2009-Q1\nsubmitted: 2009-03-30\n",
    "2009-Q2/phong-kinh-te.yaml": """\
unit: phong-kinh-te
period: 2009-Q2
entries:
  - {task: "2.4", status: blocked, date: 2009-06-10, reason: Chưa có kinh phí}
events:
  - {event: tp-duyet, date: 2009-05-20}
""",
    "2009-Q1/phong-qldt.yaml": """\
unit: phong-qldt
period: 2009-Q1
submitted: 2009-04-02
entries:
  - {task: "3.1", status: in-progress, date: 2009-02-01, note: Kiểm tra định kỳ}
""",
    "2009-Q2/phong-qldt.yaml": """\
unit: phong-qldt
period: 2009-Q2
entries:
  - {task: "2.3", status: dropped, date: 2009-05-01, reason: Không còn phù hợp}
""",
    "2009-Q3/phong-qldt.yaml": """\
unit: phong-qldt
period: 2009-Q3
entries:
  - {task: "2.2", status: done, date: 2009-08-05}
""",
    "2008-Q4/ubnd-phuong-cat-lai.yaml": "unit: ubnd-phuong-cat-lai\nperiod: 2008-Q4\nsubmitted: 2009-01-05\n",
    "2008-Q4/ubnd-phuong-an-phu.yaml": "unit: ubnd-phuong-an-phu\nperiod: 2008-Q4\nsubmitted: null\n",
}

@pytest.fixture
def ledger_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "plan.yaml").write_text(PLAN, encoding="utf-8")
    for name, text in REPORTS.items():
        path = data / "reports" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return data


def late(data: Path, as_of: str) -> list[tuple[str, str, str | None, int]]:
    """(task, what is due, reporting unit, days late) as the pure functions see it."""
    ledger = load(locate(str(data)), date(2026, 1, 1))[0]
    day = date.fromisoformat(as_of)
    found = deadlines.overdue(deadlines.obligations(ledger, day), day)
    built_late = deadlines.overdue(deadlines.obligations(ledger, day, late_only=True), day)  # what `overdue` runs
    assert [(o.task.id, o.index, o.unit, o.due_date, o.status, o.entry) for o in built_late] == \
           [(o.task.id, o.index, o.unit, o.due_date, o.status, o.entry) for o in found]
    return [(o.task.id, o.due_label, o.unit, o.days_late(day)) for o in found]


def overdue_json(data: Path, *args: str) -> tuple[int, dict]:
    r = hoinhap("overdue", "--data", str(data), "--format", "json", *args)
    assert r.exit_code in (0, 1), r.output
    return r.exit_code, json.loads(r.stdout)


# ------------------------------------------------------------ the rules, by hand


def test_a_deadline_before_the_decision_is_owed_from_the_day_it_took_effect(ledger_dir: Path) -> None:
    # 1.1 is due 2008-Q1, before the decision was signed (2008-10-17, in force 7 days later)
    assert late(ledger_dir, "2008-04-01") == []
    assert late(ledger_dir, "2008-10-24") == []
    assert late(ledger_dir, "2008-10-25") == [("1.1", "2008-Q1", None, 1)]


def test_last_day_of_a_quarter_is_not_late_the_day_after_is(ledger_dir: Path) -> None:
    # 2009-03-31: 1.1 is late from the day the decision took effect (2008-10-24: 158 days); 1.2's
    # 2008 only in progress (90 days); row 8 is reports, never a task row.
    assert late(ledger_dir, "2009-03-31") == [("1.1", "2008-Q1", None, 158), ("1.2", "2008", None, 90)]
    assert late(ledger_dir, "2009-04-01") == [("1.1", "2008-Q1", None, 159), ("1.2", "2008", None, 91),
                                              ("2.1", "2009-Q1", None, 1)]


def reports(data: Path, as_of: str) -> dict[tuple[str, str, str], tuple[str, int]]:
    """(duty, unit, period) -> (state, days late) as the reports ledger sees it."""
    ledger = load(locate(str(data)), date(2026, 1, 1))[0]
    rl = reporting.report_ledger(ledger, date.fromisoformat(as_of))
    return {(r.duty.id, r.unit, r.period.label): (r.state.value, r.days_late) for r in rl.rows}


def test_a_report_is_due_on_the_grace_day_and_counts_from_the_day_it_was_sent(ledger_dir: Path) -> None:
    # 2008-Q4 reports are due 2009-01-05 (the 5th of the month after the quarter).
    on_the_day = reports(ledger_dir, "2009-01-05")
    assert on_the_day[("quy", "ubnd-phuong-cat-lai", "2008-Q4")] == ("submitted", 0)  # sent 2009-01-05
    assert on_the_day[("quy", "phong-qldt", "2008-Q4")] == ("not_due", 0)
    day_after = reports(ledger_dir, "2009-01-06")
    assert day_after[("quy", "phong-qldt", "2008-Q4")] == ("missing", 1)  # no file
    assert day_after[("quy", "ubnd-phuong-an-phu", "2008-Q4")] == ("missing", 1)  # a file never submitted
    assert day_after[("quy", "phong-kinh-te", "2008-Q4")] == ("missing", 1)  # sent 2009-01-10, not yet
    assert reports(ledger_dir, "2009-01-10")[("quy", "phong-kinh-te", "2008-Q4")] == ("submitted_late", 5)
    # the year's report is its own duty: the Q4 file's submitted: does not answer it
    assert day_after[("nam", "ubnd-phuong-cat-lai", "2008")] == ("missing", 1)
    # QLĐT sent Q1 on 2009-04-02, before its due day 2009-04-05
    assert reports(ledger_dir, "2009-04-06")[("quy", "phong-qldt", "2009-Q1")] == ("submitted", 0)


def test_late_reporting_periods_count_the_units_missing(ledger_dir: Path) -> None:
    ledger = load(locate(str(ledger_dir)), date(2026, 1, 1))[0]
    rl = reporting.report_ledger(ledger, date(2009, 1, 6))
    assert [(lp.duty.id, lp.period.label, lp.missing, lp.owed) for lp in rl.late_periods] == [
        ("quy", "2008-Q4", ("phong-kinh-te", "phong-qldt", "ubnd-phuong-an-phu"), 4),
        ("nam", "2008", ("phong-kinh-te", "phong-qldt", "ubnd-phuong-cat-lai", "ubnd-phuong-an-phu"), 4)]
    assert rl.counts.as_dict() == {"total": 16, "due": 8, "submitted": 1, "submitted_late": 0, "missing": 7,
                                   "not_due": 8, "early": 0}  # 2009-Q1 and the year 2009 (begun): not yet due
    assert rl.counts.total == len(rl.rows)


def test_recurring_task_duty_is_not_met_by_work_in_progress(ledger_dir: Path) -> None:
    rows = [r for r in late(ledger_dir, "2010-01-01") if r[0] == "1.2"]
    # 2008's entry of 2008-11-10 says "in progress": the year's duty is open, never met by it
    assert rows == [("1.2", "2008", None, 366), ("1.2", "2009", None, 1)]


def test_each_dated_kind_at_its_edge(ledger_dir: Path) -> None:
    def tasks(as_of: str) -> set[str]:
        return {t for t, *_ in late(ledger_dir, as_of)}

    assert "2.5" not in tasks("2009-05-15") and "2.5" in tasks("2009-05-16")  # date
    assert "2.6" not in tasks("2009-06-30") and "2.6" in tasks("2009-07-01")  # span: its end
    assert "2.2" not in tasks("2009-06-30") and "2.2" in tasks("2009-07-01")  # half
    assert "2.4" not in tasks("2009-12-31") and "2.4" in tasks("2010-01-01")  # by
    assert "3.3" not in tasks("2010-12-31")  # none: never late


def test_done_late_and_dropped_are_not_listed(ledger_dir: Path) -> None:
    assert ("2.2", "2009-H1", None, 35) in late(ledger_dir, "2009-08-04")
    assert "2.2" not in {t for t, *_ in late(ledger_dir, "2009-08-05")}  # done that day, late
    assert "2.3" not in {t for t, *_ in late(ledger_dir, "2010-01-01")}  # dropped before due


def test_blocked_is_late_and_carries_its_reason(ledger_dir: Path) -> None:
    code, out = overdue_json(ledger_dir, "--as-of", "2010-01-01", "--program", "2.4")
    assert code == 1
    [row] = out["overdue"]
    assert (row["status"], row["reason"], row["days_late"], row["status_date"]) == (
        "blocked", "Chưa có kinh phí", 1, "2009-06-10")


def test_event_bound_counts_only_once_the_event_is_recorded(ledger_dir: Path) -> None:
    ledger = load(locate(str(ledger_dir)), date(2026, 1, 1))[0]
    before = {o.task.id: o for o in deadlines.obligations(ledger, date(2009, 5, 19))}
    after = {o.task.id: o for o in deadlines.obligations(ledger, date(2009, 5, 20))}
    assert before["3.2"].due_date is None
    assert after["3.2"].due_date == date(2009, 9, 30)  # end of the quarter after 2009-Q2
    assert "3.2" not in {t for t, *_ in late(ledger_dir, "2009-09-30")}
    assert ("3.2", "after tp-duyet", None, 1) in late(ledger_dir, "2009-10-01")


def test_stale_ongoing_task(ledger_dir: Path) -> None:
    ledger = load(locate(str(ledger_dir)), date(2026, 1, 1))[0]

    def stale(as_of: str) -> list[tuple[str, str]]:
        return [(s.task.id, s.quarter.label) for s in deadlines.stale(ledger, date.fromisoformat(as_of))]

    assert stale("2008-12-31") == []  # no quarter of the obligation period has ended
    assert stale("2009-01-01") == [("3.1", "2008-Q4")]
    assert stale("2009-04-15") == []  # an entry on 2009-02-01, in 2009-Q1
    assert stale("2009-07-01") == [("3.1", "2009-Q2")]
    code, out = overdue_json(ledger_dir, "--as-of", "2009-07-01", "--program", "3")
    assert (code, [s["task"] for s in out["stale"]], out["stale_quarter"]) == (0, ["3.1"], "2009-Q2")
    assert out["stale"][0]["last_entry_date"] == "2009-02-01"
    code, out = overdue_json(ledger_dir, "--as-of", "2009-07-01", "--program", "3", "--no-stale")
    assert out["stale"] == [] and code == 0  # stale is not late: exit 0 either way


def test_reporting_units_expand_groups_and_the_vague_lead(ledger_dir: Path) -> None:
    ledger = load(locate(str(ledger_dir)), date(2026, 1, 1))[0]
    assert reporting.reporting_units(ledger) == [
        "phong-kinh-te", "phong-qldt", "ubnd-phuong-cat-lai", "ubnd-phuong-an-phu"]
    quarters = {p.label for p in reporting.duty_periods(ledger, "quarter")}
    assert quarters == {f"{y}-Q{q}" for y in (2009, 2010) for q in (1, 2, 3, 4)} | {"2008-Q4"}
    assert not [o for o in deadlines.obligations(ledger, date(2011, 1, 1)) if o.task.id == "8"]


def test_upcoming(ledger_dir: Path, cli: Cli) -> None:
    def soon(*args: str) -> list[tuple[str, str | None, int]]:
        r = cli("upcoming", "--data", str(ledger_dir), "--format", "json", *args)
        assert r.exit_code == 0, r.output
        return [(x["task"], x["unit"], x["days_left"]) for x in json.loads(r.stdout)["upcoming"]]

    assert soon("--as-of", "2009-05-01", "--within", "30d") == [("2.5", None, 14)]
    assert soon("--as-of", "2009-05-01", "--within", "1q") == [
        ("2.5", None, 14), ("2.2", None, 60), ("2.6", None, 60)]  # no report rows: tasks only
    # the event-bound task appears once its event is recorded
    assert ("3.2", None, 133) in soon("--as-of", "2009-05-20", "--within", "1y", "--program", "3")
    assert soon("--as-of", "2009-05-19", "--within", "1y", "--program", "3") == []


# ------------------------------------------------------------ the command


def test_exit_codes_and_hoinhap_today(ledger_dir: Path, cli: Cli) -> None:
    assert cli("overdue", "--data", str(ledger_dir), "--as-of", "2008-02-29").exit_code == 0
    assert cli("overdue", "--data", str(ledger_dir), "--as-of", "2008-10-25").exit_code == 1
    assert cli("overdue", "--data", str(ledger_dir), "--as-of", "2008-02-30").exit_code == 2
    assert cli("overdue", "--data", str(ledger_dir), "--unit", "no such unit").exit_code == 2
    assert cli("overdue", "--data", str(ledger_dir), "--program", "9").exit_code == 2
    assert cli("overdue", "--data", str(ledger_dir / "missing")).exit_code == 2
    (ledger_dir / "reports" / "2009-Q1" / "phong-qldt.yaml").write_text("unit: [", encoding="utf-8")
    assert cli("overdue", "--data", str(ledger_dir), "--as-of", "2008-02-29").exit_code == 3  # left out (issue 16)
    assert cli("overdue", "--data", str(ledger_dir), "--as-of", "2008-10-25").exit_code == 4
    (ledger_dir / "plan.yaml").write_text("decision: [", encoding="utf-8")
    assert cli("overdue", "--data", str(ledger_dir), "--as-of", "2008-02-29").exit_code == 2


def test_hoinhap_today_sets_the_default_as_of(ledger_dir: Path, cli: Cli) -> None:
    # HOINHAP_TODAY is "today" for everything, so it must be after the last entry (2009-08-05)
    r = cli("overdue", "--data", str(ledger_dir), "--format", "json", "--program", "2",
            env={"HOINHAP_TODAY": "2010-01-01"})
    assert r.exit_code == 1
    out = json.loads(r.stdout)
    assert out["as_of"] == "2010-01-01"
    assert [(o["task"], o["days_late"]) for o in out["overdue"]] == [
        ("2.1", 276), ("2.5", 231), ("2.6", 185), ("2.4", 1)]
    r = cli("overdue", "--data", str(ledger_dir), "--program", "3.3", env={"HOINHAP_TODAY": "2010-01-01"})
    assert r.exit_code == 0 and "không có nhiệm vụ trễ hạn tính đến 2010-01-01" in r.stderr
    r = cli("overdue", "--data", str(ledger_dir), env={"HOINHAP_TODAY": "2010-02-30"})
    assert r.exit_code == 2 and "HOINHAP_TODAY" in r.stderr


def test_group_by_unit_lists_a_two_lead_task_under_both(ledger_dir: Path, cli: Cli) -> None:
    code, out = overdue_json(ledger_dir, "--as-of", "2009-04-01", "--program", "2", "--group-by", "unit")
    assert code == 1
    assert [(g["id"], [o["task"] for o in g["overdue"]]) for g in out["groups"]] == [
        ("phong-kinh-te", ["2.1"]), ("phong-qldt", ["2.1"])]
    r = cli("overdue", "--data", str(ledger_dir), "--as-of", "2009-04-01", "--program", "2",
            "--group-by", "unit", "--format", "md")
    assert r.stdout.count("| 2.1 |") == 2
    assert "## Phòng Kinh tế" in r.stdout and "## Phòng Quản lý đô thị" in r.stdout


def test_unit_filter_selects_its_reports_and_its_tasks(ledger_dir: Path) -> None:
    code, out = overdue_json(ledger_dir, "--as-of", "2009-04-01", "--unit", "QLĐT", "--no-stale")
    assert [(o["task"], o["period"] or o["due"], o["unit"]) for o in out["overdue"]] == [("2.1", "2009-Q1", None)]
    assert [(r["duty"], r["period"], r["missing"]) for r in out["late_reports"]] == [
        ("quy", "2008-Q4", ["phong-qldt"]), ("nam", "2008", ["phong-qldt"])]  # 2009-Q1: due 2009-04-05
    code, out = overdue_json(ledger_dir, "--as-of", "2009-04-01", "--unit", "Cát Lái")
    assert out["overdue"] == [] and code == 1  # its 2008 year report is late: the exit code says so
    assert [(r["duty"], r["missing"]) for r in out["late_reports"]] == [("nam", ["ubnd-phuong-cat-lai"])]
    code, out = overdue_json(ledger_dir, "--as-of", "2009-04-01", "--unit", "QLĐT", "--role", "support")
    assert out["overdue"] == [] and out["late_reports"] == [] and code == 0


def test_csv_has_one_row_per_obligation_and_stale_task(ledger_dir: Path, cli: Cli) -> None:
    r = cli("overdue", "--data", str(ledger_dir), "--as-of", "2009-01-01", "--format", "csv", "--program", "3")
    lines = r.stdout.strip().splitlines()
    assert r.exit_code == 0 and lines[0].startswith("Danh sách,Nhiệm vụ")
    assert lines[1].startswith("chậm cập nhật,3.1,") and len(lines) == 2


# ------------------------------------------------------------ summary


def test_summary_json_figures(ledger_dir: Path, cli: Cli) -> None:
    r = cli("summary", "--data", str(ledger_dir), "--period", "2009-Q1", "--format", "json", "--as-of", "2009-04-01")
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert s["as_of"] == "2009-04-01" and s["judged_on"] == "2009-03-31"  # the day written; the period's end
    # Active in 2009-Q1: 1.1 (2008-Q1, still open), 1.2 (every year), 2.1 (2009-Q1), 2.2 (2009-H1),
    # 2.3 (2009), 2.4 (by 2009), 2.5 (a date in 2009), 2.6 (a span over it), 3.1 (ongoing), 3.3 (no
    # deadline); not 3.2 (its event came in May), not 8 (reports).
    assert [t["task"] for t in s["tasks"]] == ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.3"]
    assert s["counts"]["tasks"] == {"active": 10, "done": 0, "in_progress": 2, "blocked": 0, "not_started": 8,
                                    "dropped": 0, "late": 3, "late_milestones": 3, "changes": 1, "due_ahead": 6,
                                    "dropped_milestones": 0}
    # late: due by the period's end, open at its end, and due before the as-of date (04-01); 1.2's
    # 2008 occurrence was only in progress
    assert [(o["task"], o["days_late"]) for o in s["late"]] == [("1.1", 159), ("1.2", 91), ("2.1", 1)]
    by_program = {p["id"]: (p["active"], p["done"], p["late"]) for p in s["programs"]}
    assert by_program == {"1": (2, 0, 2), "2": (6, 0, 1), "3": (2, 0, 0)}  # no programme 8: reports
    assert [(e["task"], e["unit"], e["status"]) for e in s["changes"]] == [("3.1", "phong-qldt", "in-progress")]
    # the Q1 reports, due 04-05: none due yet on 04-01; Kinh tế's, sent 03-30, early
    assert s["counts"]["reports"] == {"total": 4, "due": 0, "submitted": 0, "submitted_late": 0, "missing": 0,
                                      "not_due": 4, "early": 1}


def test_summary_markdown_document(ledger_dir: Path, cli: Cli) -> None:
    r = cli("summary", "--data", str(ledger_dir), "--period", "2009-H1", "--format", "md",
            "--as-of", "2009-07-01")
    assert r.exit_code == 0, r.output
    md = r.stdout
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Theo chương trình", "## Theo đơn vị chủ trì", "## Nhiệm vụ triển khai trong kỳ (tình trạng đến 2009-06-30)",
        "## Mốc trễ hạn", "## Nhiệm vụ vướng mắc", "## Nhiệm vụ hủy bỏ", "## Các cập nhật trong kỳ",
        "## Mốc đến hạn từ sau kỳ đến hết năm 2009", "## Báo cáo của cơ quan thường trực (Phòng Kinh tế)",
        "## Báo cáo của các đơn vị", "## Điều chỉnh kế hoạch trong kỳ"]
    # 11 active (3.2 joins once its event is recorded); 2.3 dropped in May, 2.4 blocked in June;
    # late as of 07-01: 1.1, 1.2 (2008: only in progress), 2.1 (Q1), 2.5 (05-15), 2.2 (H1: done only in
    # August) and 2.6 (span to Q2); the completion rate is the plan's, in milestones
    assert "Trong kỳ có 11 nhiệm vụ triển khai (tình trạng đến 2009-06-30): 0 hoàn thành, 2 đang thực hiện, " \
           "1 vướng mắc, 7 chưa thực hiện, 1 hủy bỏ; 6 nhiệm vụ có mốc trễ hạn (6 mốc). " \
           "Tỷ lệ hoàn thành: 0% số mốc (0/11 mốc)." in md
    assert "| 2. Kinh tế | 6 | 0 | 0 | 1 | 4 | 1 | 4 | 0% |" in md
    assert "| 2.4 | Phòng Kinh tế | 2009-06-10 | Chưa có kinh phí |" in md  # blocked, with its reason
    assert "| 2.3 | 2009 | Phòng Quản lý đô thị | 2009-05-01 | Không còn phù hợp |" in md  # dropped: its milestone
    entries = md.split("## Các cập nhật trong kỳ")[1].split("\n## ")[0]
    assert entries.count("\n| 2009-") == 3 and "Không còn phù hợp" in entries
    # the units' reports: Q1 sent by Kinh tế (03-30) and QLĐT (04-02); the wards' missing
    assert "- Báo cáo quý I/2009: 2/4 đơn vị chưa nộp, hạn 2009-04-05" in md


def test_summary_out_writes_once_and_needs_force_to_replace(ledger_dir: Path, tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "bao-cao.md"
    args = ["summary", "--data", str(ledger_dir), "--period", "2009", "--format", "md", "--out", str(target)]
    r = cli(*args)
    assert r.exit_code == 0 and r.stdout == "" and target.read_text(encoding="utf-8").startswith("# Báo cáo")
    target.write_text("do not lose me", encoding="utf-8")
    assert cli(*args).exit_code == 2 and target.read_text(encoding="utf-8") == "do not lose me"
    assert cli(*args, "--force").exit_code == 0 and target.read_text(encoding="utf-8").startswith("# Báo cáo")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left
    assert cli("summary", "--data", str(ledger_dir), "--period", "2009-Q5").exit_code == 2
