"""The day a view is written: a past day (`HOINHAP_TODAY`, `--as-of`) hides what came after it,
entry by entry and submission by submission, never a whole file; a review is as of `--as-of`,
else today, and counts the reports and submissions to that day."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SHIPPED, hoinhap


def _run(data: Path, today: str, *argv: str) -> None:
    r = hoinhap(*argv, data=data, env={"HOINHAP_TODAY": today})
    assert r.exit_code == 0, (argv, r.output)


@pytest.fixture
def tu_phap_2009(tmp_path: Path) -> Path:
    """The README's look back: Phòng Tư pháp recorded 1.3 done on 2009-11-20 and sent its year
    report (with its quarter IV report) on 2010-01-04, both in reports/2009-Q4/phong-tu-phap.yaml."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(SHIPPED / "plan.yaml", data / "plan.yaml")
    _run(data, "2010-01-10", "record", "1.3", "--milestone", "1", "--status", "done", "--date", "2009-11-20",
         "--unit", "phong-tu-phap")
    _run(data, "2010-01-10", "submit", "phong-tu-phap", "--period", "2009-Q4", "--date", "2010-01-04",
         "--also-year")
    return data


def test_a_submission_after_today_hides_itself_not_its_file(tu_phap_2009: Path) -> None:
    r = hoinhap("show", "1.3", "--format", "json", data=tu_phap_2009, env={"HOINHAP_TODAY": "2009-12-31"})
    assert r.exit_code == 0, r.output  # was 3: the whole file left out for its submission of 2010-01-04
    assert "phong-tu-phap.yaml" not in r.stderr
    shown = json.loads(r.stdout)
    assert [(e["unit"], e["date"], e["status"]) for e in shown["history"]] == [("phong-tu-phap", "2009-11-20", "done")]


@pytest.mark.parametrize(("today", "sent"), [("2009-12-31", None), ("2010-01-04", "2010-01-04")])
def test_the_year_report_counts_from_the_day_it_was_sent(tu_phap_2009: Path, today: str, sent: str | None) -> None:
    r = hoinhap("reports", "--unit", "phong-tu-phap", "--format", "json", data=tu_phap_2009,
                env={"HOINHAP_TODAY": today})
    assert r.exit_code in (0, 1), r.output
    rows = {(row["duty"], row["period"]): row for row in json.loads(r.stdout)["rows"]}
    assert rows[("don-vi-bao-cao-nam", "2009")]["submitted"] == sent
    assert rows[("don-vi-bao-cao-quy", "2009-Q4")]["submitted"] == sent


# ------------------------------------------------------------ the reviews of the scripted 2009


@pytest.fixture(scope="module")
def year2009(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from scripted2009 import build  # reason: the scripted year takes a few seconds; only these tests need it

    return build(tmp_path_factory.mktemp("asof") / "data")


def _review(data: Path, period: str, today: str, *args: str) -> dict:
    r = hoinhap("summary", "--period", period, "--format", "json", *args, data=data, env={"HOINHAP_TODAY": today})
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def _rows(review: dict, duty: str, period: str) -> list[dict]:
    return [r for r in review["reports"]["rows"] if r["duty"] == duty and r["period"] == period]


def _states(rows: list[dict]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[r["state"]] = out.get(r["state"], 0) + 1
    return out


def test_the_h1_review_written_on_6_july_counts_the_q2_reports_to_that_day(year2009: Path) -> None:
    s = _review(year2009, "2009-H1", "2009-07-06")
    assert (s["as_of"], s["judged_on"]) == ("2009-07-06", "2009-06-30")
    # Q2's reports were due 05/7: five units sent theirs on 02/7 (scripted2009), the other 24 had not
    q2 = _rows(s, "don-vi-bao-cao-quy", "2009-Q2")
    assert _states(q2) == {"submitted": 5, "missing": 24}
    assert all(r["days_late"] == 1 for r in q2 if r["state"] == "missing")


def test_the_year_review_written_on_8_january_counts_the_q4_reports_sent(year2009: Path) -> None:
    s = _review(year2009, "2009", "2010-01-08")
    assert s["as_of"] == "2010-01-08"
    # three units sent Q4 and the year on 04/01/2010 (scripted2009); due 05/01
    for duty, period in (("don-vi-bao-cao-quy", "2009-Q4"), ("don-vi-bao-cao-nam", "2009")):
        assert _states(_rows(s, duty, period)) == {"submitted": 3, "missing": 26}


def test_a_review_has_the_report_duties_due_in_it(year2009: Path) -> None:
    # the 29 units' detailed plans for 2009 (due 05/02/2009), Phòng Kinh tế's budget and implementation plans
    for period, has in (("2009-Q1", True), ("2009-H1", True), ("2009-Q2", False), ("2009", True)):
        s = _review(year2009, period, "2009-07-31")
        plans = _rows(s, "don-vi-ke-hoach-nam", "2009")
        assert len(plans) == (29 if has else 0), period
        assert all(r["due_date"] == "2009-02-05" and r["state"] == "missing" for r in plans)
        assert len(_rows(s, "ktt-kinh-phi-nam", "2009")) == (1 if has else 0)
        assert len(_rows(s, "ktt-ke-hoach-nam", "2009")) == (1 if has else 0)
        assert not _rows(s, "don-vi-bao-cao-quy", "2008-Q4")  # due in 2009-Q1 but a period of its own review


def test_a_report_sent_before_its_due_day_is_not_counted_due(year2009: Path) -> None:
    s = _review(year2009, "2009", "2010-01-04")
    c = s["counts"]["reports"]
    # 183 rows: Q1..Q4 and the year report for 29 units (145), their 2009 plans (29), and Phòng
    # Kinh tế's H1, H2, year review, 4 compilations, budget and implementation plans (9). Not yet due
    # on 04/01/2010: Q4 and the year (due 05/01) for 29 units, H2, the year review, the Q4
    # compilation: 61. Sent early, on 04/01: three units' Q4 and year reports, 6.
    assert (c["total"], c["due"], c["not_due"], c["early"]) == (183, 122, 61, 6)
    assert c["due"] == c["submitted"] + c["submitted_late"] + c["missing"]
    assert sum(r["early"] for r in s["reports"]["rows"]) == 6
    table = hoinhap("reports", "--period", "2009", data=year2009, env={"HOINHAP_TODAY": "2010-01-04"}, columns=200)
    assert "122 đến hạn, 14 nộp đúng hạn, 2 nộp trễ, 106 chưa nộp; 61 chưa đến hạn (trong đó 6 đã nộp trước hạn)" \
        in " ".join((table.stdout + table.stderr).split())


def test_the_h1_docx_written_on_6_july_has_one_data_date_and_no_q2_not_due(year2009: Path) -> None:
    from docx import Document  # reason: only this test reads a Word file

    out = year2009.parent / "so-ket-2009-H1.docx"
    r = hoinhap("summary", "--period", "2009-H1", "--format", "docx", "--out", str(out), "--number", "15",
                data=year2009, env={"HOINHAP_TODAY": "2009-07-06"})
    assert r.exit_code == 0, r.output
    doc = Document(str(out))
    body = "\n".join(p.text for p in doc.paragraphs)
    head = "\n".join(c.text for c in doc.tables[0].rows[-1].cells)
    assert "ngày 06 tháng 7 năm 2009" in head  # dated the day it is written
    assert "số liệu tính đến ngày 06/7/2009" in body
    assert "tình hình đến" not in body and "01/7/2009" not in body  # one data date
    q2 = [row.cells[3].text for row in doc.tables[_caption_table(doc, "Biểu 1.")].rows[1:]]
    assert len(q2) == 29 and "Chưa đến hạn" not in q2
    assert sum(cell == "ngày 02/7/2009" for cell in q2) == 5


def _caption_table(doc, caption: str) -> int:  # type: ignore[no-untyped-def]
    """The index in doc.tables of the table after the paragraph starting with `caption`."""
    seen, n = False, 0
    for el in doc.element.body.iterchildren():
        if el.tag.endswith("}p") and "".join(el.itertext()).startswith(caption):
            seen = True
        elif el.tag.endswith("}tbl"):
            if seen:
                return n
            n += 1
    raise AssertionError(caption)


def test_a_look_back_hides_events_and_submissions_after_it_item_by_item(tu_phap_2009: Path) -> None:
    # the city approved the markets plan on 2010-01-05 (2.4 waits for it: due six months later)
    _run(tu_phap_2009, "2010-01-10", "event", "tp-duyet-quy-hoach-cho", "--date", "2010-01-05")
    on = {"HOINHAP_TODAY": "2009-12-31"}
    log = hoinhap("log", "--format", "json", data=tu_phap_2009, env=on)
    assert log.exit_code == 0, log.output
    assert [(r["kind"], r["date"]) for r in json.loads(log.stdout)] == [("entry", "2009-11-20")]
    show = json.loads(hoinhap("show", "2.4", "--format", "json", data=tu_phap_2009, env=on).stdout)
    assert show["milestones"][0]["due_date"] is None  # the event had not come
    now = {"HOINHAP_TODAY": "2010-01-10"}
    later = json.loads(hoinhap("log", "--format", "json", data=tu_phap_2009, env=now).stdout)
    assert [(r["kind"], r["date"]) for r in later] == [("entry", "2009-11-20"), ("submission", "2010-01-04"),
                                                        ("event", "2010-01-05")]
