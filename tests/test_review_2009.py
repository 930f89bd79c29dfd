"""The reviews of a scripted 2009 (tests/scripted2009.py, built by commands) cover the plan:
every active task, the changes, the blocked and dropped ones, and headline figures that are
the rows of the tables below them; reports apart, with figures of their own."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SHIPPED, hoinhap
from scripted2009 import ENTRIES, SUBMISSIONS, TODAY, build

ONGOING = {"2.2", "2.3", "2.6", "2.8", "2.9", "2.11", "3.1.5", "3.2.1", "3.2.5", "3.3.1", "5.2", "5.3", "5.5",
           "6.1", "6.2", "7.1"}  # every "ongoing" row of the plan (checked below against the plan)


@pytest.fixture(scope="module")
def year2009(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("scripted") / "data")


def review(data: Path, period: str, *args: str, env: dict[str, str] | None = None) -> dict:
    r = hoinhap("summary", "--period", period, "--format", "json", *args, data=data,
                env=env or {"HOINHAP_TODAY": TODAY})
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_the_ongoing_rows_are_the_plans() -> None:
    plan = json.loads(hoinhap("export", "--format", "json", data=SHIPPED).stdout)
    assert {t["id"] for t in plan["tasks"] if any(m["due"] == "ongoing" for m in t["milestones"])} == ONGOING


def test_h1_covers_every_active_task_and_its_figures_are_its_rows(year2009: Path) -> None:
    s = review(year2009, "2009-H1")
    ids = [t["task"] for t in s["tasks"]]
    # every task but the reporting row (8): none was closed before 2009, and 2.4's event came in May
    plan = json.loads(hoinhap("export", "--format", "json", data=SHIPPED).stdout)
    assert set(ids) == {t["id"] for t in plan["tasks"]} - {"8"}
    assert ONGOING <= set(ids) and "1.2" in ids and "3.1.3" in ids  # ongoing, recurring, "Năm 2009"
    c = s["counts"]["tasks"]
    assert c["active"] == len(s["tasks"]) == 47
    assert c["done"] + c["in_progress"] + c["blocked"] + c["not_started"] + c["dropped"] == c["active"]
    assert c["blocked"] == len(s["blocked"]) == 2
    assert {(b["task"], b["reason"]) for b in s["blocked"]} == {("3.1.3", "Chờ Thành phố duyệt vốn"),
                                                                 ("3.2.4a", "Chưa giải phóng mặt bằng")}
    assert c["dropped"] == len(s["dropped"]) == 0
    in_h1 = [e for e in ENTRIES if e[3] <= "2009-06-30"]
    assert c["changes"] == len(s["changes"]) == len(in_h1) == 9
    assert [ch["evidence"] for ch in s["changes"]][:1] == ["Báo cáo 12/BC-VHTT"]
    assert c["late_milestones"] == len(s["late"]) and c["late"] == sum(t["late"] for t in s["tasks"])
    assert c["due_ahead"] == len(s["due_ahead"]) and all("2009-07-01" <= o["due_date"] <= "2009-12-31"
                                                        for o in s["due_ahead"])
    # the 2.5 span (2008-Q4..2009-Q2) done in June; 1.1's late 2008-Q3 milestone done in February,
    # its "2009" still in progress: the task is in progress
    status = {t["task"]: t["status"] for t in s["tasks"]}
    assert status["2.5"] == "done" and status["1.1"] == "in-progress"


def test_the_year_lists_the_dropped_task_and_the_unblocked_one(year2009: Path) -> None:
    s = review(year2009, "2009")
    c = s["counts"]["tasks"]
    assert c["active"] == len(s["tasks"]) == 47
    assert c["dropped"] == len(s["dropped"]) == 1 and s["dropped"][0]["task"] == "6.3"
    assert s["dropped"][0]["reason"] == "Không còn phù hợp"
    assert c["blocked"] == len(s["blocked"]) == 1 and s["blocked"][0]["task"] == "3.2.4a"  # 3.1.3 resumed
    assert c["changes"] == len(s["changes"]) == len(ENTRIES)
    assert c["due_ahead"] == len(s["due_ahead"]) == 0  # the year's end is the period's end


def test_reports_have_their_own_figures(year2009: Path) -> None:
    assert review(year2009, "2009-H1")["reports"]["as_of"] == TODAY  # the day it is written
    s = review(year2009, "2009-H1", "--as-of", "2009-07-31")  # the H1 reports (due 07-05) are judged later
    assert set(s["counts"]) == {"tasks", "milestones", "reports"}
    r = s["counts"]["reports"]
    # H1: Q1 and Q2 for 29 units, Phòng Kinh tế's H1 report and two compilations; due in H1 (05/02):
    # the 29 units' 2009 plans and Phòng Kinh tế's budget and implementation plans
    assert r["total"] == len(s["reports"]["rows"]) == 2 * 29 + 3 + 29 + 2
    q1 = {x["unit"]: x for x in s["reports"]["rows"] if x["duty"] == "don-vi-bao-cao-quy" and x["period"] == "2009-Q1"}
    assert sum(x["state"] == "submitted" for x in q1.values()) == 8
    assert q1["phong-y-te"]["state"] == "submitted_late" and q1["phong-y-te"]["days_late"] == 9
    assert q1["phong-y-te"]["number"] == "05/BC-YT"
    half = [x for x in s["reports"]["rows"] if x["duty"] == "ktt-bao-cao-6-thang"]
    assert [(x["period"], x["state"], x["number"]) for x in half] == [("2009-H1", "submitted", "45/BC-KT")]
    sent = sum(1 for sub in SUBMISSIONS if sub[1] in ("2009-Q1", "2009-Q2", "2009-H1"))
    assert r["submitted"] + r["submitted_late"] == sent


def test_one_submit_answers_q4_and_the_year(year2009: Path) -> None:
    r = hoinhap("reports", "--period", "2009", "--format", "json", "--as-of", "2010-01-31", data=year2009,
                env={"HOINHAP_TODAY": TODAY})
    rows = json.loads(r.stdout)["rows"]
    year = {x["unit"]: x["state"] for x in rows if x["duty"] == "don-vi-bao-cao-nam"}
    assert [u for u, state in year.items() if state == "submitted"] == ["phong-kinh-te", "phong-tu-phap",
                                                                         "phong-noi-vu"]
    review_2009 = [x for x in rows if x["duty"] == "ktt-so-ket-nam"]
    assert [(x["period"], x["submitted"]) for x in review_2009] == [("2009", "2010-01-08")]
    assert r.exit_code == 1  # most units' reports are missing


def test_the_markdown_headline_says_the_rows_of_its_tables(year2009: Path) -> None:
    r = hoinhap("summary", "--period", "2009-H1", "--format", "md", data=year2009, env={"HOINHAP_TODAY": TODAY})
    md = r.stdout
    head = re.search(r"Trong kỳ có (\d+) nhiệm vụ triển khai .*?: (\d+) hoàn thành, (\d+) đang thực hiện, "
                     r"(\d+) vướng mắc, (\d+) chưa thực hiện, (\d+) hủy bỏ", md)
    assert head is not None
    active, _, _, blocked, _, dropped = (int(x) for x in head.groups())

    def rows_under(heading: str) -> int:
        part = md.split(f"## {heading}")[1].split("\n## ")[0]
        return sum(1 for line in part.splitlines()
                   if line.startswith("| ") and not line.startswith(("| Nhiệm vụ", "| ---")))

    assert rows_under("Nhiệm vụ triển khai trong kỳ") == active == 47
    assert rows_under("Nhiệm vụ vướng mắc") == blocked == 2
    assert rows_under("Nhiệm vụ hủy bỏ") == dropped == 0


def _git(root: Path, *args: str, day: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T10:00:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00"} if day else None
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
                    *args], cwd=root, check=True, capture_output=True, env=env)


def test_a_past_review_uses_the_plan_as_it_stood_and_lists_the_amendments(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    shutil.copyfile(SHIPPED / "plan.yaml", data / "plan.yaml")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "kế hoạch ban đầu", day="2009-01-02")
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    at = text.index('  - id: "5.4"')
    plan.write_text(text[:at] + text[at:].replace('due: "2009-12-31"', 'due: "2010-06-30"', 1), encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "Điều chỉnh hạn 5.4", day="2009-05-04")
    env = {"HOINHAP_TODAY": "2010-01-10"}
    q1 = review(data, "2009-Q1", env=env)  # judged with the plan of 2009-01-02: 5.4 due 2009-12-31
    assert [o["due_date"] for o in q1["due_ahead"] if o["task"] == "5.4"] == ["2009-12-31"]
    assert q1["amendments"] == [] and q1["warnings"] == []  # the plan's first version is no amendment
    h1 = review(data, "2009-H1", env=env)  # amended in the half: listed, and the plan then is today's
    assert [a["subject"] for a in h1["amendments"]] == ["Điều chỉnh hạn 5.4"]
    assert [(c["kind"], c["id"], c["days"]) for c in h1["amendments"][0]["changes"]] == [("deadline", "5.4", 181)]
    assert not [o for o in h1["due_ahead"] if o["task"] == "5.4"]  # now due 2010-06-30
    outside = review(build_plain(tmp_path.parent / f"{tmp_path.name}-plain"), "2009-H1", env=env)  # not in git
    assert outside["amendments"] == [] and "plan.yaml" in outside["warnings"][0]


def build_plain(folder: Path) -> Path:
    (folder / "reports").mkdir(parents=True)
    shutil.copyfile(SHIPPED / "plan.yaml", folder / "plan.yaml")
    return folder
