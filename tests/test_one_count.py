"""One status rule, one count: the scripted 2009 and 2010 (tests/scripted2009.py, `build_2010`),
judged by every command on the days a coordinator writes a review.

The rule: a status is never promoted ("in progress" is not "done"); a recurring year is met
when its leads say done for it; a supporting unit never closes a milestone; a task is done
when every milestone is. The count: `overdue`, `programs`, `timeline`, the dashboard, `summary`
and the Word review's values give the same late milestones and the same completion rate — in
milestones ("mốc"), named wherever it is printed.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import hoinhap
from hoinhap_cli.files.paths import locate
from hoinhap_cli.ledger.ledger import Ledger, load
from hoinhap_cli.queries import review_doc
from hoinhap_cli.queries.summary import summarise
from hoinhap_cli.render import bars
from hoinhap_cli.views import dashboard
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.periods import parse_period
from scripted2009 import TODAY_2011, build_2010

# The review days, each with the period it closes, the late milestones and the milestones done,
# counted by hand from the script:
# - 2009-03-31: the 20 late milestones the Q1 review listed before, and 6.1's 2008 year (its leads
#   said nothing for it); nothing done: 1.1's 2008-Q3 milestone was done by one lead of two.
# - 2009-06-30: the same 21; done: 2.5 (June).
# - 2009-12-31: 22 (1.1's 2008-Q3 closed by its second lead on 12-12); done: 2.5, 5.4 (December),
#   1.1's 2008-Q3 and "2009" (both leads), 1.3's "2009" (Nội vụ in May, Tư pháp in December),
#   1.2's 2009 year (the lead's "done" of 12-20). Dropped: 6.3 and 3.4.2's "2010", so 65
#   milestones can be finished.
# - 2010-12-31: 39; the same six done: 1.1's "2010" has one lead's word of two, 1.2's 2010
#   year only "in progress".
DAYS = [("2009-03-31", "2009-Q1", 21, 0, 67), ("2009-06-30", "2009-H1", 21, 1, 67),
        ("2009-12-31", "2009", 22, 6, 65), ("2010-12-31", "2010", 39, 6, 65)]


@pytest.fixture(scope="module")
def year2010(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_2010(tmp_path_factory.mktemp("scripted2010") / "data")


def run(data: Path, *argv: str, today: str = TODAY_2011, lang: str = "vi") -> str:
    r = hoinhap(*argv, "--lang", lang, data=data, env={"HOINHAP_TODAY": today})
    assert r.exit_code in (0, 1), (argv, r.output)
    return r.stdout


def js(data: Path, *argv: str, today: str = TODAY_2011) -> dict | list:
    return json.loads(run(data, *argv, "--format", "json", today=today))


def ledger_of(data: Path) -> Ledger:
    found = load(locate(str(data)), date.fromisoformat(TODAY_2011))[0]
    assert found is not None
    return found


def review(data: Path, period: str, as_of: str) -> dict:
    found = js(data, "summary", "--period", period, "--as-of", as_of)
    assert isinstance(found, dict)
    return found


# ------------------------------------------------------------ 1. in progress never closes a year


def test_in_progress_never_meets_a_recurring_year(year2010: Path) -> None:
    # 1.2 "every year 2009..2010", one lead (Phòng Kinh tế): in progress on 2009-03-15
    s = review(year2010, "2009-Q1", "2009-03-31")
    assert {r["task"]: r["status"] for r in s["tasks"]}["1.2"] == "in-progress"
    assert s["counts"]["tasks"]["done"] == 0
    row = [line for line in run(year2010, "timeline", "--as-of", "2009-03-31").splitlines()
           if line.startswith("1.2 ")]
    assert row and "✔" not in row[0]
    # done for 2009 on 12-20; on 2010-01-08 2010's year is still to do: the duty is in progress
    shown = js(year2010, "show", "1.2", today="2010-01-08")
    listed = js(year2010, "tasks", today="2010-01-08")
    assert isinstance(shown, dict) and isinstance(listed, list)
    assert shown["status"] == "in-progress" == next(x["status"] for x in listed if x["id"] == "1.2")
    # 2010: only begun (05-04), so late the day after the plan's last; 2009's met
    late = js(year2010, "overdue", "--as-of", "2011-01-01")
    assert isinstance(late, dict)
    assert [o["period"] for o in late["overdue"] if o["task"] == "1.2"] == ["2010"]


# ------------------------------------------------------------ 2. a supporting unit never closes


def test_a_supporting_ward_never_closes_the_leads_year(year2010: Path) -> None:
    # An Phú (of the 11 wards, which support 6.1) said "in progress", then "done", for 2009
    late = js(year2010, "overdue", "--as-of", "2010-01-05")
    assert isinstance(late, dict)
    assert [o["period"] for o in late["overdue"] if o["task"] == "6.1"] == ["2008", "2009"]
    programs = js(year2010, "programs", "--as-of", "2010-01-05")
    assert isinstance(programs, list)
    six = next(p for p in programs if p["id"] == "6")
    assert six["progress"]["done"] == 0  # 6.1's years, 6.2, 6.3 (dropped): nothing done
    shown = js(year2010, "show", "6.1")
    assert isinstance(shown, dict)
    units = shown["milestone_status"][1]["units"]
    assert ("ubnd-phuong-an-phu", "support", "done") in {(u["unit"], u["role"], u["status"]) for u in units}


# ------------------------------------------------------------ 3. a task is done when every milestone is


def test_the_year_review_closes_a_task_only_when_every_milestone_is(year2010: Path) -> None:
    s = review(year2010, "2009", "2009-12-31")
    status = {r["task"]: r["status"] for r in s["tasks"]}
    assert status["1.1"] == status["1.3"] == "in-progress"  # 2008-Q3 and "2009" done, "2010" open
    assert status["2.5"] == status["5.4"] == "done" and s["counts"]["tasks"]["done"] == 2
    # every dropped milestone, with its reason: 6.3 (the whole task), 3.4.2's "2010" (Phòng Y tế)
    dropped = {(r["task"], tuple(r["due"]), r["reason"]) for r in s["dropped"]}
    assert dropped == {("6.3", ("none",), "Không còn phù hợp"), ("3.4.2", ("2010",), "Không còn kinh phí")}
    assert s["counts"]["tasks"]["dropped"] == 1 and s["counts"]["tasks"]["dropped_milestones"] == 2
    ledger = ledger_of(year2010)
    doc = summarise(ledger, parse_period("2009"), date(2009, 12, 31))
    section_v = review_doc.sections(doc, ledger)[-1]
    table = next(b for b in section_v.blocks if isinstance(b, review_doc.Table))
    assert [row[0].split(" ")[0] for row in table.rows] == ["3.4.2.", "6.3."]
    assert any(row[3] == "Không còn kinh phí" for row in table.rows)


# ------------------------------------------------------------ 4, 5. one count, one rate


def test_summary_lists_the_late_milestones_overdue_lists(year2010: Path) -> None:
    for day, period, n_late, _, _ in DAYS:
        listed = js(year2010, "overdue", "--as-of", day)
        s = review(year2010, period, day)
        assert isinstance(listed, dict)

        def key(o: dict) -> tuple:
            return o["task"], o["milestone"], o["period"], o["days_late"]

        assert sorted(map(key, s["late"])) == sorted(map(key, listed["overdue"])), day
        assert len(s["late"]) == s["counts"]["tasks"]["late_milestones"] == n_late, day
    q1 = review(year2010, "2009-Q1", "2009-03-31")
    assert ("6.1", "2008") in {(o["task"], o["period"]) for o in q1["late"]}


@pytest.mark.parametrize(("day", "period", "n_late", "done", "total"), DAYS)
def test_every_command_gives_the_same_late_count_and_completion_rate(
        year2010: Path, day: str, period: str, n_late: int, done: int, total: int) -> None:
    share = round(100 * done / total, 1)
    expected = {"late": n_late, "done": done, "total": total, "share_done": share, "share_of": "milestone"}

    def figures(counts: dict) -> dict:
        return {k: counts[k] for k in expected}

    listed = js(year2010, "overdue", "--as-of", day)
    assert isinstance(listed, dict)
    assert len(listed["overdue"]) == n_late and figures(listed["milestones"]) == expected
    s = review(year2010, period, day)
    assert figures(s["counts"]["milestones"]) == expected
    assert "share_done" not in s["counts"]["tasks"]  # one rate: the milestones'
    programs = js(year2010, "programs", "--as-of", day)
    assert isinstance(programs, list)
    whole = [p["progress"] for p in programs if p["kind"] == "program"]
    assert (sum(p["late"] for p in whole), sum(p["done"] for p in whole), sum(p["total"] for p in whole)) == \
           (n_late, done, total)
    line = bars.figures(day, n_late, done, total, "vi")
    assert f"({done}/{total} mốc)" in line and "số mốc" in line
    assert line in run(year2010, "timeline", "--as-of", day).replace("\n", " ")
    assert line in run(year2010, "programs", "--as-of", day).replace("\n", " ")
    r = hoinhap("overdue", "--as-of", day, data=year2010, env={"HOINHAP_TODAY": TODAY_2011})
    assert line in r.stderr.replace("\n", " ")
    ledger = ledger_of(year2010)
    board = dashboard.dashboard(ledger, date.fromisoformat(day))
    c = board.front.counts
    assert (c.late, c.done, c.total, c.share_done, len(board.late)) == (n_late, done, total, share, n_late)
    assert t("dash.col.share", "vi") == "Tỷ lệ mốc xong"  # the tile names its unit
    # the Word review: built from the same Summary; its headline says the rate and its unit
    doc = summarise(ledger, parse_period(period), date.fromisoformat(day))
    assert (doc.milestones.late, doc.milestones.done, doc.milestones.total, len(doc.late)) == \
           (n_late, done, total, n_late)
    texts = [b.text for sec in review_doc.sections(doc, ledger) for b in sec.blocks if isinstance(b, review_doc.Para)]
    rate = bars.completion(done, total, "vi")
    assert any(rate in x and f"({n_late} mốc)" in x for x in texts), rate
    late_table = next(b for sec in review_doc.sections(doc, ledger) for b in sec.blocks
                      if isinstance(b, review_doc.Table) and b.caption == t("doc.table.late", "vi"))
    assert len(late_table.rows) == n_late


# ------------------------------------------------------------ 6. worked on in the period


def test_a_review_covers_every_task_worked_on_in_it(year2010: Path) -> None:
    # 3.1.3's deadline moved to "2010"; it was blocked in March 2009 and resumed in October
    for period in ("2009-Q1", "2009-H1", "2009"):
        s = review(year2010, period, parse_period(period).end.isoformat())
        assert "3.1.3" in {r["task"] for r in s["tasks"]}, period
    s = review(year2010, "2009-H1", "2009-06-30")
    assert {(r["task"], r["reason"]) for r in s["blocked"]} >= {("3.1.3", "Chờ Thành phố duyệt vốn")}


# ------------------------------------------------------------ 19. due before the decision


def test_a_deadline_before_the_decision_is_owed_from_the_day_it_took_effect(year2010: Path) -> None:
    # 1.1 and 2.10 "Quý III-2008" (2008-09-30); signed 2008-10-17, in force 7 days later
    late = js(year2010, "overdue", "--as-of", "2009-03-31")
    assert isinstance(late, dict)
    q3 = [(o["task"], o["owed_from"], o["days_late"]) for o in late["overdue"] if o["due"] == "2008-Q3"]
    assert q3 == [("1.1", "2008-10-24", 158), ("2.10", "2008-10-24", 158)]
    assert {o["owed_from"] for o in late["overdue"] if o["due"] != "2008-Q3"} == {None}
    for lang, words in (("vi", "2008-Q3 (hạn trước ngày ký; tính trễ từ ngày hiệu lực 2008-10-24)"),
                        ("en", "2008-Q3 (due before signing; late from the day in force, 2008-10-24)")):
        r = hoinhap("overdue", "--as-of", "2009-03-31", "--lang", lang, data=year2010,
                    env={"HOINHAP_TODAY": TODAY_2011}, columns=250)
        assert r.stdout.count(words) == 2, lang


def test_the_rate_names_its_unit_in_both_languages() -> None:
    assert bars.completion(6, 65, "vi") == "9,2% số mốc (6/65 mốc)"
    assert bars.completion(6, 65, "en") == "9.2% of milestones (6/65)"
    assert "%" not in bars.completion(0, 0, "vi") and "mốc" in bars.completion(0, 0, "vi")  # ongoing duties only
    assert bars.figures("2009-12-31", 22, 6, 65, "vi") == \
           "Tính đến 2009-12-31: 22 mốc trễ hạn; đã hoàn thành 9,2% số mốc (6/65 mốc)."
