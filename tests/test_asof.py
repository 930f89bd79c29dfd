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
