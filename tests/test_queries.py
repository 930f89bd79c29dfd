"""Pure functions of selection and lookup, on the shipped plan and on small plans in tmp_path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import MINI_PLAN, SHIPPED
from hoinhap_cli.files.paths import locate
from hoinhap_cli.ledger.ledger import load
from hoinhap_cli.queries import lookup
from hoinhap_cli.rules import selection
from hoinhap_cli.words.periods import parse_period
from hoinhap_cli.words.problems import UsageError

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def plan():
    return load(locate(str(SHIPPED)), TODAY)[0]


def ids(ledger, f: selection.TaskFilter) -> list[str]:
    return [t.id for t in selection.select(ledger, f)]


def window(text: str, **rules) -> selection.DueRules:
    return selection.DueRules(window=selection.due_window(None, None, parse_period(text)), **rules)


def test_short_names_use_the_documents_abbreviations(plan):
    assert selection.short_name(plan.units["phong-qldt"]) == "Phòng QLĐT"
    assert selection.short_name(plan.units["ubnd-phuong-cat-lai"]) == "UBND phường Cát Lái"
    assert selection.short_name(plan.units["ubnd-11-phuong"]) == "UBND 11 phường"
    assert selection.short_name(plan.units["phong-kinh-te"]) == "Phòng Kinh tế"  # never abbreviated


def test_search_is_folded_and_covers_products_and_notes(plan):
    assert ids(plan, selection.TaskFilter(search="cum cong nghiep")) == ["2.10"]
    # "chơ" is the document's typo in 2.4's product, found without its tone mark
    assert ids(plan, selection.TaskFilter(search="mang luoi cho, sieu thi")) == ["2.4"]
    # a note only: 2.10's note about «UBND phường TML»
    assert "2.10" in ids(plan, selection.TaskFilter(search="ubnd phuong tml"))


def test_due_windows_combine_as_an_intersection():
    w = selection.due_window(date(2009, 6, 30), date(2009, 3, 1), parse_period("2009"))
    assert (w.start, w.end) == (date(2009, 3, 1), date(2009, 6, 30))
    with pytest.raises(UsageError):
        selection.due_window(date(2008, 1, 1), None, parse_period("2009"))  # empty


def test_recurring_duties_match_through_their_occurrences(plan):
    in_q4_2008 = ids(plan, selection.TaskFilter(due=window("2008-Q4")))
    assert "8" in in_q4_2008  # every quarter: the first report ends 2008-12-31
    assert "8" not in ids(plan, selection.TaskFilter(due=window("2008-Q4", recurring=False)))
    # the obligations start with the quarter the decision was signed in: nothing in 2008-Q3
    assert "8" not in ids(plan, selection.TaskFilter(due=window("2008-Q3")))


def test_ongoing_pending_and_undated_tasks_under_due_filters(plan):
    plain = ids(plan, selection.TaskFilter(due=window("2009")))
    assert not {"2.2", "2.4", "6.3"} & set(plain)  # ongoing, awaiting an event, no time
    widened = ids(plan, selection.TaskFilter(due=window("2009", ongoing=True, pending=True)))
    assert {"2.2", "2.4"} <= set(widened)
    assert "6.3" not in widened  # "none" never matches a window


def _plan_with_event(tmp_path: Path, recorded: bool) -> Path:
    data = tmp_path / "data"
    (data / "reports" / "2009-Q1").mkdir(parents=True)
    plan = MINI_PLAN + """\
  - id: "1.2"
    program: "1"
    title: Lập chương trình sau khi Thành phố duyệt
    lead: [phong-kinh-te]
    milestones:
      - due: after tp-duyet
        source: Sau khi được Thành phố phê duyệt
"""
    (data / "plan.yaml").write_text(plan, encoding="utf-8")
    if recorded:
        (data / "reports" / "2009-Q1" / "phong-kinh-te.yaml").write_text(
            "unit: phong-kinh-te\nperiod: 2009-Q1\nentries:\n"
            "  - task: \"1.1\"\n    status: done\n    date: 2009-02-10\n    note: Đã phát sóng\n"
            "events:\n  - event: tp-duyet\n    date: 2009-02-15\n",
            encoding="utf-8")
    return data


def test_an_event_bound_task_falls_due_once_its_event_is_recorded(tmp_path: Path):
    waiting = load(locate(str(_plan_with_event(tmp_path / "a", recorded=False))), TODAY)[0]
    assert ids(waiting, selection.TaskFilter(due=window("2009"))) == ["3.2.4"]
    assert ids(waiting, selection.TaskFilter(due=window("2009", pending=True))) == ["1.2", "3.2.4"]

    recorded = load(locate(str(_plan_with_event(tmp_path / "b", recorded=True))), TODAY)[0]
    # event 2009-02-15 (Q1) → due at the end of the next quarter, 2009-06-30
    assert ids(recorded, selection.TaskFilter(due=window("2009-Q2"))) == ["1.2"]
    assert lookup.deadline_text(recorded, recorded.tasks["1.2"], 0, "vi", short=True) == "sau sự kiện → 2009-06-30"


def test_history_and_next_due_follow_the_reports(tmp_path: Path):
    ledger = load(locate(str(_plan_with_event(tmp_path, recorded=True))), TODAY)[0]
    detail = lookup.task_detail(ledger, ledger.tasks["1.1"], "en")
    assert detail.record["status"] == "done"
    assert [(h["date"], h["status"], h["unit"]) for h in detail.record["history"]] == \
        [("2009-02-10", "done", "phong-kinh-te")]
    assert detail.history[0]["status"] == "done" and detail.history[0]["unit"] == "Phòng Kinh tế"
    # 1.1's only milestone is done: nothing is next; 3.2.4 (2009) is
    assert selection.next_due(ledger, ledger.tasks["1.1"], selection.DueRules(), TODAY) is None
    assert selection.next_due(ledger, ledger.tasks["3.2.4"], selection.DueRules(), TODAY) == date(2009, 12, 31)


def test_unit_counts_separate_direct_and_group_involvement(plan):
    rows = {r["id"]: r for r, _ in lookup.unit_rows(plan)}
    assert (rows["phong-kinh-te"]["lead_count"], rows["phong-kinh-te"]["support_count"]) == (6, 3)
    cat_lai = rows["ubnd-phuong-cat-lai"]
    assert (cat_lai["lead_count"], cat_lai["support_count"]) == (0, 0)
    groups = ("ubnd-11-phuong", "ubnd-cac-phuong-lien-quan")  # all the wards; the related wards
    assert cat_lai["via_group_count"] == sum(rows[g]["lead_count"] + rows[g]["support_count"] for g in groups)
    assert rows["ubnd-cac-phuong-lien-quan"]["lead_count"] == 1  # 3.1.2


def test_programme_counts_add_up(plan):
    rows = {r["id"]: r for r, _ in lookup.program_rows(plan)}
    assert rows["3.2"]["task_count"] == 6
    assert rows["3"]["task_count"] == sum(rows[s]["task_count"] for s in ("3.1", "3.2", "3.3", "3.4"))
    assert sum(r["task_count"] for r in rows.values() if r["kind"] == "program") == len(plan.tasks)
    assert sum(r["milestone_count"] for r in rows.values() if r["kind"] == "program") == \
        sum(len(t.milestones) for t in plan.tasks.values())
