"""A scripted 2009: the shipped plan played out by commands, as a coordinator would.

Built only through the command line (`record`, `event`, `submit` via conftest's `hoinhap`),
never by writing YAML, so whatever the writers store is what the reviews read. Reuse it:

    from scripted2009 import ENTRIES, build
    data = build(tmp_path / "data")

Today is 2010-01-31 for every command (HOINHAP_TODAY). Each entry names its milestone, so the
script means the same whatever `record` does without --milestone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SHIPPED, hoinhap

TODAY = "2010-01-31"

# (task, milestone, status, date, unit or None (first lead), reason, evidence)
ENTRIES: list[tuple[str, int, str, str, str | None, str | None, str | None]] = [
    ("1.1", 1, "done", "2009-02-10", None, None, "Báo cáo 12/BC-VHTT"),  # 2008-Q3's, done late
    ("1.1", 2, "in-progress", "2009-02-10", None, None, None),
    ("1.2", 1, "in-progress", "2009-03-15", None, None, "Kế hoạch 20/KH-KT"),  # meets 2009's duty
    ("3.1.3", 1, "blocked", "2009-03-01", None, "Chờ Thành phố duyệt vốn", None),
    ("2.2", 1, "in-progress", "2009-04-10", None, None, None),
    ("1.3", 1, "done", "2009-05-20", "phong-noi-vu", None, "Quyết định 30/QĐ-NV"),
    ("1.3", 1, "in-progress", "2009-05-25", "phong-tu-phap", None, None),
    ("3.2.4a", 1, "blocked", "2009-06-01", None, "Chưa giải phóng mặt bằng", None),
    ("2.5", 1, "done", "2009-06-20", None, None, "Báo cáo 40/BC-VHTT"),
    ("5.2", 1, "in-progress", "2009-08-01", None, None, None),
    ("6.3", 1, "dropped", "2009-09-15", None, "Không còn phù hợp", None),
    ("2.10", 3, "done", "2009-09-25", None, None, None),
    ("3.1.3", 1, "in-progress", "2009-10-01", None, None, "Công văn 88/UBND"),  # unblocked
    ("5.4", 1, "done", "2009-12-20", None, None, "Báo cáo 101/BC-CCT"),
]
EVENT = ("tp-duyet-quy-hoach-cho", "2009-05-20")

# Quarterly reports sent by the units: (unit, quarter, day); Q4 ones with --also-year.
ON_TIME_Q1 = ["phong-kinh-te", "phong-tu-phap", "phong-noi-vu", "phong-qldt", "phong-tnmt", "phong-vhtt",
              "ubnd-phuong-an-phu", "ubnd-phuong-cat-lai"]
SUBMISSIONS: list[tuple[str, str, str, tuple[str, ...]]] = [
    *[(u, "2009-Q1", "2009-04-03", ()) for u in ON_TIME_Q1],
    ("phong-y-te", "2009-Q1", "2009-04-14", ("--number", "05/BC-YT")),  # 9 days late
    *[(u, "2009-Q2", "2009-07-02", ()) for u in ON_TIME_Q1[:5]],
    *[(u, "2009-Q4", "2010-01-04", ("--also-year",)) for u in ON_TIME_Q1[:3]],
    # Phòng Kinh tế's own duties as the standing agency
    ("phong-kinh-te", "2009-Q1", "2009-04-10", ("--duty", "ktt-tong-hop-quy")),
    ("phong-kinh-te", "2009-H1", "2009-07-03", ("--duty", "ktt-bao-cao-6-thang", "--number", "45/BC-KT")),
    ("phong-kinh-te", "2009-H2", "2010-01-08", ("--duty", "ktt-bao-cao-6-thang", "--also-year")),
]


def run(data: Path, *argv: str) -> None:
    r = hoinhap(*argv, data=data, env={"HOINHAP_TODAY": TODAY})
    assert r.exit_code == 0, (argv, r.output)


def build(data: Path) -> Path:
    """A data folder holding the shipped plan and the scripted 2009; returns the folder."""
    data.mkdir(parents=True)
    shutil.copyfile(SHIPPED / "plan.yaml", data / "plan.yaml")
    (data / "reports").mkdir()
    for task, milestone, status, day, unit, reason, evidence in ENTRIES:
        args = ["record", task, "--milestone", str(milestone), "--status", status, "--date", day]
        args += ["--unit", unit] if unit else []
        args += ["--reason", reason] if reason else []
        args += ["--evidence", evidence] if evidence else []
        run(data, *args)
    run(data, "event", EVENT[0], "--date", EVENT[1])
    for unit, period, day, extra in SUBMISSIONS:
        run(data, "submit", unit, "--period", period, "--date", day, *extra)
    return data
