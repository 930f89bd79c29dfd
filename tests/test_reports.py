"""The reporting regime (plan.yaml `reporting:`), `hoinhap reports` and `submit` for any duty."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import SEED, SHIPPED, hoinhap, snapshot
from hoinhap_cli.files.paths import locate
from hoinhap_cli.ledger.ledger import load
from hoinhap_cli.model import records

DUTIES = {  # id: (owners, every, due) as the decision sets them (Article 4, section III, row 8)
    "don-vi-bao-cao-quy": (None, "quarter", "after"),
    "don-vi-bao-cao-nam": (None, "year", "after"),
    "don-vi-ke-hoach-nam": (None, "year", "start"),
    "ktt-bao-cao-6-thang": (["phong-kinh-te"], "half", "after"),
    "ktt-so-ket-nam": (["phong-kinh-te"], "year", "after"),
    "ktt-tong-hop-quy": (["phong-kinh-te"], "quarter", "after"),
    "ktt-kinh-phi-nam": (["phong-kinh-te"], "year", "start"),
    "ktt-ke-hoach-nam": (["phong-kinh-te"], "year", "start"),  # Article 3: the yearly implementation plan
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    (folder / "reports").mkdir(parents=True)
    shutil.copyfile(SHIPPED / "plan.yaml", folder / "plan.yaml")
    return folder


def test_the_shipped_regime_quotes_the_decision() -> None:
    ledger = load(locate(str(SHIPPED)), date(2026, 1, 1))[0]
    assert ledger is not None
    regime = records.dump(ledger.plan.reporting)
    assert regime["units_from"] == "8" and regime["grace_day"] == 5
    assert {d["id"]: (d["owners"], d["every"], d["due"]) for d in regime["duties"]} == DUTIES
    document = " ".join(SEED.read_text(encoding="utf-8").split())
    for d in regime["duties"]:
        assert " ".join(d["source"].split()) in document, d["id"]  # verbatim


def test_reports_matrix_on_the_shipped_plan_without_files() -> None:
    r = hoinhap("reports", "--period", "2009-Q1", "--as-of", "2009-04-06", "--format", "json", data=SHIPPED)
    assert r.exit_code == 1  # every Q1 report is missing the day after its due day
    out = json.loads(r.stdout)
    # 29 units' Q1 reports and Phòng Kinh tế's compilation for the city; and, due in Q1 (05/02/2009),
    # the 29 units' 2009 plans and Phòng Kinh tế's 2009 budget and implementation plans
    assert out["counts"] == {"total": 61, "due": 61, "submitted": 0, "submitted_late": 0, "missing": 61,
                             "not_due": 0, "early": 0}
    lines = [(p["name"], p["period"], p["due_date"], len(p["missing"]), p["owed"]) for p in out["late_periods"]]
    assert lines == [("Kế hoạch chi tiết", "2009", "2009-02-05", 29, 29),
                     ("Kế hoạch kinh phí Ban Chỉ đạo", "2009", "2009-02-05", 1, 1),
                     ("Kế hoạch tổ chức thực hiện", "2009", "2009-02-05", 1, 1),
                     ("Báo cáo", "2009-Q1", "2009-04-05", 29, 29),
                     ("Báo cáo tổng hợp gửi thành phố", "2009-Q1", "2009-04-05", 1, 1)]
    table = hoinhap("reports", "--period", "2009-Q1", "--as-of", "2009-04-06", data=SHIPPED)
    assert "Báo cáo quý I/2009: 29/29 đơn vị chưa nộp, hạn 2009-04-05 (giả định)" in table.stdout
    on_time = hoinhap("reports", "--period", "2009-Q1", "--as-of", "2009-04-05", data=SHIPPED)
    assert on_time.exit_code == 1 and "chưa đến hạn" in on_time.stdout  # the plans are late, not Q1's


def test_submit_with_number_then_the_matrix_says_when(data: Path) -> None:
    env = {"HOINHAP_TODAY": "2009-05-01"}
    r = hoinhap("submit", "phong-y-te", "--period", "2009-Q1", "--date", "2009-04-14", "--number", "05/BC-YT",
                data=data, env=env)
    assert r.exit_code == 0, r.output
    text = (data / "reports" / "2009-Q1" / "phong-y-te.yaml").read_text(encoding="utf-8")
    assert "submitted: '2009-04-14'\nnumber: 05/BC-YT\n" in text
    r = hoinhap("reports", "--unit", "Phòng Y tế", "--period", "2009-Q1", "--format", "csv", data=data, env=env)
    assert ",nộp trễ 9 ngày,2009-04-14,05/BC-YT,9" in r.stdout
    assert hoinhap("check", data=data, env=env).exit_code == 0


@pytest.mark.parametrize("argv", [
    ["submit", "phong-tu-phap", "--period", "2009-H1"],  # owes no half-yearly report
    ["submit", "phong-kinh-te", "--period", "2009", "--duty", "ktt-bao-cao-6-thang"],  # a half's duty
    ["submit", "phong-kinh-te", "--period", "2009-Q3", "--also-year"],  # Q3 ends no year
    ["submit", "phong-tu-phap", "--period", "2009-H1", "--duty", "ktt-bao-cao-6-thang"],  # not its duty
    ["submit", "phong-kinh-te", "--period", "2009", "--duty", "khong-co"],
])
def test_submit_refusals_write_nothing(data: Path, argv: list[str]) -> None:
    before = snapshot(data)
    r = hoinhap(*argv, "--date", "2009-10-02", data=data, env={"HOINHAP_TODAY": "2010-01-31"})
    assert r.exit_code == 2 and ("không ghi gì" in r.stderr or "nothing was written" in r.stderr), r.output
    assert snapshot(data) == before


def test_check_names_a_bad_duty_owner_by_line(data: Path) -> None:
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8").replace("owners: [phong-kinh-te]\n      with_year: ktt-so-ket-nam",
                                                    "owners: [phong-kinh-tee]\n      with_year: ktt-so-ket-nam")
    plan.write_text(text, encoding="utf-8")
    r = hoinhap("check", "--lang", "en", data=data)
    line = text[:text.index("phong-kinh-tee")].count("\n") + 1
    assert r.exit_code == 1 and f"plan.yaml:{line}:" in r.stdout + r.stderr
    assert "did you mean 'phong-kinh-te'" in r.stdout + r.stderr
    vi = hoinhap("check", data=data)
    assert f"plan.yaml:{line}:" in vi.stdout and "có phải 'phong-kinh-te'?" in vi.stdout
