"""A scripted 2009: the shipped plan played out by commands, as a coordinator would.

Built only through the command line (`record`, `event`, `submit` via conftest's `hoinhap`),
never by writing YAML, so whatever the writers store is what the reviews read. Reuse it:

    from scripted2009 import ENTRIES, build
    data = build(tmp_path / "data")

Today is 2010-01-31 for every command (HOINHAP_TODAY). Each entry names its milestone, so the
script means the same whatever `record` does without --milestone.

`build_2010` goes on to the plan's end (today 2011-01-31): what the coordinator recorded late
for 2009 (a supporting ward on 6.1, the leads' "done" of December, a milestone dropped with its
reason), then 2010; and 3.1.3's deadline moved to "2010", as the amendment did.
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
    ("1.2", 1, "in-progress", "2009-03-15", None, None, "Kế hoạch 20/KH-KT"),  # begun: 2009's year still open
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


TODAY_2011 = "2011-01-31"

# Recorded after the first build (same shape as ENTRIES), with today 2011-01-31.
ENTRIES_2010: list[tuple[str, int, str, str, str | None, str | None, str | None]] = [
    # a ward of the 11-ward group, which supports 6.1: shown beside the leads, never closing its year
    ("6.1", 2, "in-progress", "2009-06-30", "ubnd-phuong-an-phu", None, None),
    ("6.1", 2, "done", "2009-09-30", "ubnd-phuong-an-phu", None, "Báo cáo 7/BC-UBND"),
    # the leads close 1.1's and 1.3's 2009 milestones; their 2010 ones stay open
    ("1.1", 2, "done", "2009-12-10", "phong-vhtt", None, "Báo cáo 90/BC-VHTT"),
    ("1.1", 2, "done", "2009-12-12", "trung-tam-van-hoa", None, None),
    ("1.1", 1, "done", "2009-12-12", "trung-tam-van-hoa", None, None),  # 2008-Q3's, its second lead
    ("1.3", 1, "done", "2009-12-15", "phong-tu-phap", None, "Báo cáo 31/BC-TP"),
    ("3.4.2", 3, "dropped", "2009-10-10", "phong-y-te", "Không còn kinh phí", None),
    ("1.2", 1, "done", "2009-12-20", None, None, "Báo cáo 95/BC-KT"),  # 2009's year done, 2010's open
    ("1.2", 1, "in-progress", "2010-05-04", None, None, None),  # 2010's year only begun
    ("3.1.3", 1, "in-progress", "2010-04-02", None, None, None),
    ("1.1", 3, "done", "2010-11-30", "phong-vhtt", None, None),  # one lead of two: not done
    ("2.5", 1, "done", "2010-02-01", None, None, None),  # done already: a second word changes nothing
]


def run(data: Path, *argv: str, today: str = TODAY) -> None:
    r = hoinhap(*argv, data=data, env={"HOINHAP_TODAY": today})
    assert r.exit_code == 0, (argv, r.output)


def record(data: Path, rows: list[tuple[str, int, str, str, str | None, str | None, str | None]],
           today: str = TODAY) -> None:
    for task, milestone, status, day, unit, reason, evidence in rows:
        args = ["record", task, "--milestone", str(milestone), "--status", status, "--date", day]
        args += ["--unit", unit] if unit else []
        args += ["--reason", reason] if reason else []
        args += ["--evidence", evidence] if evidence else []
        run(data, *args, today=today)


def build(data: Path) -> Path:
    """A data folder holding the shipped plan and the scripted 2009; returns the folder."""
    data.mkdir(parents=True)
    shutil.copyfile(SHIPPED / "plan.yaml", data / "plan.yaml")
    (data / "reports").mkdir()
    record(data, ENTRIES)
    run(data, "event", EVENT[0], "--date", EVENT[1])
    for unit, period, day, extra in SUBMISSIONS:
        run(data, "submit", unit, "--period", period, "--date", day, *extra)
    return data


def build_2010(data: Path) -> Path:
    """The scripted 2009, then `ENTRIES_2010` (today 2011-01-31), and 3.1.3 due "2010"."""
    build(data)
    record(data, ENTRIES_2010, TODAY_2011)
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    head, tail = text.split('id: "3.1.3"', 1)
    assert '      - due: "2009"' in tail.split("  - id:", 1)[0]
    plan.write_text(head + 'id: "3.1.3"' + tail.replace('      - due: "2009"', '      - due: "2010"', 1),
                    encoding="utf-8")
    return data
