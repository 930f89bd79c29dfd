"""The shipped plan, no reports: what is overdue on 2009-01-01 is exactly what the document dates in 2008."""

from __future__ import annotations

import json
from datetime import date

from conftest import SEED, SHIPPED, hoinhap
from hoinhap_cli.files.paths import DataDir, locate
from hoinhap_cli.ledger.ledger import load
from hoinhap_cli.rules import deadlines
from hoinhap_cli.words.text import natural_key

# Worked out from the appendix (tests/data/decision-02-2008.txt), row by row: every
# "Thời gian hoàn thành" cell that ends in 2008, with the words the document uses.
MILESTONES_2008 = [
    # (task, due, the document's words, due date)
    ("1.1", "2008-Q3", "Quý III -2008", "2008-09-30"),
    ("2.10", "2008-Q3", "Quý III/2008.", "2008-09-30"),
    # 1.2 ("Tiếp tục triển khai hàng năm") owes nothing for 2008: "Đã triển khai bước 1." (issue 15)
    ("2.1", "2008-Q4", "Quý IV - 2008", "2008-12-31"),
    ("2.7", "2008-Q4", "Quý IV -2008.", "2008-12-31"),
    ("2.10", "2008-Q4", "Quý IV/2008", "2008-12-31"),
    ("3.1.1", "2008", "Năm 2008", "2008-12-31"),
    ("3.1.2", "2008", "Năm 2008", "2008-12-31"),
    ("3.2.2", "2008", "2008", "2008-12-31"),
    ("3.2.3", "2008", "2008", "2008-12-31"),
    ("3.2.4", "2008", "2008", "2008-12-31"),
    ("3.3.2", "2008", "2008", "2008-12-31"),
    ("3.3.3", "2008", "2008", "2008-12-31"),
    ("3.3.4", "2008-Q4", "Trong quý IV năm 2008", "2008-12-31"),
    ("3.4.1", "2008", "2008", "2008-12-31"),
    ("3.4.2", "2008", "2008", "2008-12-31"),
    ("3.4.3", "2008", "2008", "2008-12-31"),
    ("4.1", "2008", "2008", "2008-12-31"),
    ("4.2", "2008", "2008", "2008-12-31"),
    ("6.1", "2008", "Thực hiện thường xuyên hành năm", "2008-12-31"),  # every year ("hành năm"): 2008's
    ("6.4", "2008", "2008", "2008-12-31"),
    ("6.5", "2008", "2008", "2008-12-31"),
]

# Row 8 ("Cuối mỗi quý và cuối các năm (2008, 2009, 2010)"), lead "Các phòng ban, đơn vị trực
# thuộc quận, UBND 11 phường": the district's phòng, ban, trung tâm and văn phòng, and the 11
# wards (plan.yaml reporting.units_from: "8") owe the quarterly and yearly reports and, by
# section III, a detailed plan for each year 2008, 2009, 2010. They are reports, not task rows.
REPORTING_UNITS = [
    "phong-kinh-te", "phong-tu-phap", "phong-noi-vu", "phong-qldt", "phong-tnmt", "phong-vhtt",
    "phong-y-te", "phong-giao-duc", "phong-tckh", "phong-ldtbxh", "van-phong-ubnd",
    "trung-tam-van-hoa", "trung-tam-kthn-dn", "trung-tam-day-nghe", "trung-tam-bdct",
    "ban-qlda-kv2", "ban-bt-gpmb", "ban-chi-dao-iso",
    "ubnd-phuong-an-phu", "ubnd-phuong-an-khanh", "ubnd-phuong-an-loi-dong", "ubnd-phuong-binh-an",
    "ubnd-phuong-binh-khanh", "ubnd-phuong-binh-trung-dong", "ubnd-phuong-binh-trung-tay",
    "ubnd-phuong-cat-lai", "ubnd-phuong-thanh-my-loi", "ubnd-phuong-thao-dien", "ubnd-phuong-thu-thiem",
]


def _overdue(as_of: str, *args: str) -> tuple[int, dict]:
    r = hoinhap("overdue", "--as-of", as_of, "--format", "json", *args, data=SHIPPED)
    return r.exit_code, json.loads(r.stdout)


def test_overdue_on_2009_01_01_is_what_the_document_dates_in_2008() -> None:
    code, out = _overdue("2009-01-01")
    assert code == 1
    milestones = [(o["task"], o["period"] or o["due"], o["due_date"]) for o in out["overdue"]]
    assert milestones == [(t, due, day) for t, due, _, day in MILESTONES_2008]
    assert len(out["overdue"]) == len(MILESTONES_2008) == 21  # task milestones only: no row 8
    # Quý III-2008 was past when the decision was signed: owed from the day it took effect, and said so
    before = [o for o in out["overdue"] if o["due_date"] == "2008-09-30"]
    assert [o["task"] for o in before] == ["1.1", "2.10"]
    assert {(o["owed_from"], o["days_late"]) for o in before} == {("2008-10-24", 69)}
    assert {o["owed_from"] for o in out["overdue"]} - {"2008-10-24"} == {None}
    # Their own section: the 2008 reports (Q4, year, 6-monthly, compilation) are due 2009-01-05,
    # not yet late; the 2008 detailed plans, the 2008 budget plan and the 2008 implementation plan
    # (Article 3) (due, as assumed: the 5th of the month after signing, 2008-11-05) are.
    late = [(r["duty"], r["period"], r["missing"], r["due_date"]) for r in out["late_reports"]]
    assert late == [("don-vi-ke-hoach-nam", "2008", REPORTING_UNITS, "2008-11-05"),
                    ("ktt-kinh-phi-nam", "2008", ["phong-kinh-te"], "2008-11-05"),
                    ("ktt-ke-hoach-nam", "2008", ["phong-kinh-te"], "2008-11-05")]


def test_the_late_reporting_periods_are_one_line_each_after_the_tasks() -> None:
    # Lines of text fit the terminal (issue 16): at 120 columns each period is one line; at 80
    # a long one wraps, its continuation indented under it.
    r = hoinhap("overdue", "--as-of", "2009-01-06", data=SHIPPED, columns=120)
    assert r.exit_code == 1
    tasks_end, reports_start = r.stdout.index("7.1"), r.stdout.index("Kỳ báo cáo trễ hạn")
    assert tasks_end < reports_start
    lines = r.stdout[reports_start:].splitlines()[1:]
    # the decision gives no due day: each is the plan's assumption
    assert "  Báo cáo quý IV/2008: 29/29 đơn vị chưa nộp, hạn 2009-01-05 (giả định)" in lines
    assert "  Sơ kết năm 2008: Phòng Kinh tế chưa nộp, trễ 1 ngày, hạn 2009-01-05 (giả định)" in lines
    assert len(lines) == 8  # plans, budget, implementation plan; Q4, year, 6-monthly, yearly review, compilation
    narrow = hoinhap("overdue", "--as-of", "2009-01-06", data=SHIPPED, columns=80).stdout
    wrapped = narrow[narrow.index("Kỳ báo cáo trễ hạn"):].splitlines()[1:]
    assert all(len(line) <= 80 for line in wrapped) and len(wrapped) > 8
    assert all(line.startswith("  ") for line in wrapped)
    assert sum(not line.startswith("    ") for line in wrapped) == 8  # eight items; the rest are continuations
    full = hoinhap("overdue", "--as-of", "2009-01-06", "--reports", "--format", "csv", data=SHIPPED)
    report_rows = [line for line in full.stdout.splitlines() if line.startswith("Kỳ báo cáo trễ hạn")]
    assert len(report_rows) == 3 * 29 + 5  # a row per unit: plans, Q4, year; and Phòng Kinh tế's five
    hidden = hoinhap("overdue", "--as-of", "2009-01-06", "--no-reports", data=SHIPPED)
    assert "Kỳ báo cáo trễ hạn" not in hidden.stdout and hidden.exit_code == 1


def test_late_reports_alone_make_the_exit_code_1() -> None:
    r = hoinhap("overdue", "--as-of", "2008-09-30", "--format", "json", data=SHIPPED)
    assert r.exit_code == 0 and json.loads(r.stdout)["late_reports"] == []


def test_the_2008_list_matches_the_documents_words() -> None:
    document = " ".join(SEED.read_text(encoding="utf-8").split())
    ledger = load(locate(str(SHIPPED)), date(2026, 1, 1))[0]
    listed = set()
    for task_id, due, words, _ in MILESTONES_2008:
        sources = {" ".join((m.source or "").split()) for m in ledger.tasks[task_id].milestones}
        assert words in sources and words in document, (task_id, words)
        listed.add(task_id)
    # and no other row's deadline ends in 2008 (spans into 2009 and "Từ nay đến năm 2010" do not)
    for task in ledger.tasks.values():
        for m in task.milestones:
            if m.due.due is not None and m.due.due.year == 2008:
                assert task.id in listed, task.id


def test_nothing_is_late_before_the_decision_took_effect() -> None:
    # 1.1 and 2.10 are due 2008-Q3, before the decision (signed 2008-10-17, in force 7 days later):
    # owed from 2008-10-24, late from the day after
    for day in ("2008-09-30", "2008-10-01", "2008-10-24"):
        code, out = _overdue(day)
        assert (code, out["overdue"], out["stale"]) == (0, [], []), day
    code, out = _overdue("2008-10-25")
    assert code == 1 and [(o["task"], o["days_late"]) for o in out["overdue"]] == [("1.1", 1), ("2.10", 1)]


def test_group_by_unit_on_the_shipped_plan_puts_2_10_under_both_leads() -> None:
    code, out = _overdue("2008-10-25", "--group-by", "unit")
    groups = {g["id"]: [o["task"] for o in g["overdue"]] for g in out["groups"]}
    assert groups == {"phong-kinh-te": ["2.10"], "cong-ty-cp-thu-thiem": ["2.10"],
                      "phong-vhtt": ["1.1"], "trung-tam-van-hoa": ["1.1"]}


def test_overdue_order_is_due_date_then_task_in_plan_order_milestone_and_unit() -> None:
    """The list is sorted by a key each obligation carries (`order`); checked here against the
    rule spelt out: due date, task id in plan order (2.9 before 2.10), milestone, unit id. On
    2010-12-31 with no reports, many rows share each due date (a yearly duty's years, the
    "Năm 2009" rows), so every tie-breaker is exercised."""
    ledger = load(DataDir(SHIPPED, SHIPPED / "plan.yaml", "option"), date(2011, 1, 1))[0]
    day = date(2010, 12, 31)
    obs = deadlines.obligations(ledger, day)
    late = deadlines.overdue(reversed(obs), day)  # the input's order must not matter
    expected = sorted((o for o in obs if o.late(day)),
                      key=lambda o: (o.due_date, natural_key(o.task.id), o.index, o.unit or ""))
    assert [(o.task.id, o.index, o.unit, o.due_date) for o in late] == \
           [(o.task.id, o.index, o.unit, o.due_date) for o in expected]
    # 45: issue 15's fidelity points made 1.2 "every year 2009..2010" (no 2008 row) and gave 6.1
    # its "every year" milestone (rows for 2008 and 2009)
    assert len(late) == 45 and len({o.due_date for o in late}) < len(late) / 3  # ties everywhere
    ids = [o.task.id for o in late if o.due_date == date(2008, 12, 31)]
    assert ids.index("2.7") < ids.index("2.10")  # plan order, not string order


def test_the_2008_review_has_task_and_report_figures_apart() -> None:
    r = hoinhap("summary", "--period", "2008", "--as-of", "2009-01-01", "--format", "json", data=SHIPPED)
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert set(s["counts"]) == {"tasks", "milestones", "reports"}
    tasks, reports = s["counts"]["tasks"], s["counts"]["reports"]
    # the review's late milestones are overdue's 21 (the task rows of 2008), none of them a report
    assert tasks["late_milestones"] == len(s["late"]) == len(MILESTONES_2008) == 21
    assert [(o["task"], o["due_date"]) for o in s["late"]] == [(t, day) for t, _, _, day in MILESTONES_2008]
    assert tasks["active"] == len(s["tasks"]) and "8" not in {t["task"] for t in s["tasks"]}
    # reports: the 2008 plans (29 units), budget and implementation plans late; Q4, year, H2, review,
    # compilation not yet due
    assert reports == {"total": 92, "due": 31, "submitted": 0, "submitted_late": 0, "missing": 31, "not_due": 61,
                       "early": 0}
    assert reports["total"] == len(s["reports"]["rows"]) == 3 * 29 + 5
