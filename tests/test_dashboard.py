"""The dashboard page (issue 9): figures, escaping, safe writing, and a real browser's view."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import Cli, hoinhap
from hoinhap_cli.files.paths import locate
from hoinhap_cli.ledger.ledger import Ledger, load
from hoinhap_cli.rules import reporting
from hoinhap_cli.rules.selection import short_name
from hoinhap_cli.views.dashboard import dashboard, overdue, page, progress

AS_OF = date(2009, 6, 30)


@pytest.fixture
def ledger(shipped_progress: Path) -> Ledger:
    return load(locate(str(shipped_progress)), date(2026, 11, 27))[0]


def test_overdue_lists_late_milestones_only(ledger: Ledger) -> None:
    rows = overdue(ledger, AS_OF)
    keys = {(r["task"], r["milestone"]) for r in rows}
    assert ("2.10", 2) in keys  # in progress, but due 2008-12-31
    assert ("1.1", 1) in keys  # never reported, due 2008-09-30
    assert ("2.10", 1) not in keys  # done
    assert ("1.1", 2) not in keys  # dropped (and not yet due)
    assert ("2.5", 1) not in keys  # due on the as-of day itself
    assert [r["due_date"] for r in rows] == sorted(r["due_date"] for r in rows)
    first = next(r for r in rows if (r["task"], r["milestone"]) == ("1.1", 1))
    assert first["days_late"] == (AS_OF - date(2008, 10, 24)).days  # owed from the day the decision took effect
    assert first["source"]  # the document's words travel with the row


def test_progress_counts_per_programme(ledger: Ledger) -> None:
    by_id = {p.program: p.counts for p in progress(ledger, AS_OF)}
    late = overdue(ledger, AS_OF)
    two = by_id["2"]
    assert two.done == 1  # 2.10 milestone 1
    assert two.late == len([r for r in late if r["task"].startswith("2.")])
    assert two.ongoing >= 6  # ongoing tasks 2.2, 2.3, 2.6, 2.8, 2.9, 2.11: not in the bar
    assert 0 < two.share_done < 100
    # programme 8 is the reporting regime: reports are their own ledger (reporting), not in the bars
    assert by_id["8"].total == by_id["8"].late == 0 and not [r for r in late if r["task"] == "8"]
    assert sum(c.late for c in by_id.values()) == len(late)  # bars and the list never disagree


def test_unreported_units_come_from_the_reports_ledger(shipped_progress: Path) -> None:
    env = {"HOINHAP_TODAY": "2009-07-05", "HOINHAP_NO_CACHE": "1"}
    for unit, day in (("phong-kinh-te", "2009-04-03"), ("phong-y-te", "2009-04-14")):  # Y tế's 9 days late
        assert hoinhap("submit", unit, "--period", "2009-Q1", "--date", day, data=shipped_progress,
                       env=env).exit_code == 0
    ledger = load(locate(str(shipped_progress)), date(2009, 7, 5))[0]
    assert ledger is not None
    board = dashboard(ledger, AS_OF)
    front = board.front
    assert front.quarter is not None and front.quarter.label == "2009-Q1"  # Q2's reports are due on 5 July
    owing = reporting.reporting_units(ledger)
    q1 = [r for r in reporting.report_ledger(ledger, AS_OF).rows
          if r.duty.id == "don-vi-bao-cao-quy" and r.period.label == "2009-Q1"]
    assert front.owing == len(owing) == len(q1)
    assert front.unreported == [short_name(ledger.units[r.unit]) for r in q1 if r.sent is None]
    assert len(front.unreported) == front.owing - 2 and "Phòng Y tế" not in front.unreported
    # the headline counts task milestones only: programme 8's reports are not among them
    assert front.counts.total == sum(p.counts.total for p in board.progress) and board.progress[-1].counts.total == 0
    html = board.html(date(2026, 11, 27))
    missing = sum(r.state is reporting.State.MISSING for r in board.reports.rows)
    units = len({r.unit for r in board.reports.rows if r.state is reporting.State.MISSING})
    assert f"Báo cáo định kỳ chưa gửi ({missing} báo cáo, {units} đơn vị)" in html
    assert "Báo cáo quý I/2009" in html and f"{len(front.unreported)}/{front.owing}" in html


def test_page_is_self_contained_and_printable(ledger: Ledger) -> None:
    html = page(ledger, AS_OF, date(2026, 11, 27))
    assert html.startswith("<!DOCTYPE html>")
    assert "<html lang='vi'>" in html
    for needle in ("@page { size: A4", "@media print", "Mốc trễ hạn", "Tiến độ theo chương trình",
                   "Biểu đồ thời gian"):
        assert needle in html
    for forbidden in ("<script", "<link", "src=", "http://", "https://", "@import", "url("):
        assert forbidden not in html


def test_every_text_is_escaped(mini: Path) -> None:
    plan = mini / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "title: Tuyên truyền về WTO", "title: \"Tuyên truyền <b>WTO</b> & 'hội nhập'\""), encoding="utf-8")
    html = page(load(locate(str(mini)), date(2026, 11, 27))[0], date(2009, 6, 30), date(2026, 11, 27))
    assert "&lt;b&gt;WTO&lt;/b&gt; &amp; &#x27;hội nhập&#x27;" in html
    assert "<b>WTO</b>" not in html


# ------------------------------------------------------------------ the command


def test_writes_once_and_refuses_to_overwrite(shipped_progress: Path, tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "bao-cao.html"
    first = cli("dashboard", "--data", str(shipped_progress), "--out", str(out), "--as-of", "2009-06-30")
    assert first.exit_code == 0, first.output
    assert "đã ghi" in first.stderr
    written = out.read_text(encoding="utf-8")
    assert "Số liệu tính đến hết ngày 30/6/2009" in written
    again = cli("dashboard", "--data", str(shipped_progress), "--out", str(out), "--as-of", "2010-06-30")
    assert again.exit_code == 2
    assert "--force" in again.stderr
    assert out.read_text(encoding="utf-8") == written  # untouched
    forced = cli("dashboard", "--data", str(shipped_progress), "--out", str(out), "--as-of", "2010-06-30", "--force")
    assert forced.exit_code == 0
    assert "Số liệu tính đến hết ngày 30/6/2010" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.html", "progress"]  # no temp files left
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)  # a page to share, not a private temp file


def test_missing_folder_is_a_usage_error(mini: Path, tmp_path: Path, cli: Cli) -> None:
    result = cli("dashboard", "--data", str(mini), "--out", str(tmp_path / "no" / "such.html"))
    assert result.exit_code == 2
    assert not (tmp_path / "no").exists()


# ------------------------------------------------------------------ in a real browser


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        if path := shutil.which(name):
            return path
    return None


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WINDOW = (1240, 1754)  # A4 at 150 dpi


@pytest.mark.skipif(find_chromium() is None,
                    reason="no Chromium found (chromium, chromium-browser, google-chrome): "
                           "install Debian's chromium package, as .ci/run does, to render the dashboard")
def test_dashboard_renders_in_headless_chromium(shipped_progress: Path, tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "dashboard.html"
    result = cli("dashboard", "--data", str(shipped_progress), "--out", str(out), "--as-of", "2009-06-30")
    assert result.exit_code == 0, result.output
    browser = [find_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    env = {**os.environ, "HOME": str(tmp_path)}

    dom = subprocess.run([*browser, "--dump-dom", out.as_uri()], capture_output=True, text=True,
                         timeout=120, env=env)
    assert dom.returncode == 0, dom.stderr[-2000:]
    for heading in ("Mốc trễ hạn", "Tiến độ theo chương trình", "Biểu đồ thời gian"):
        assert heading in dom.stdout
    for task_id in ("2.10", "3.1.1", "4.1"):  # late as of 2009-06-30
        assert f"<td class=\"id\">{task_id}<small>" in dom.stdout

    png = tmp_path / "dashboard.png"
    shot = subprocess.run([*browser, f"--screenshot={png}", f"--window-size={WINDOW[0]},{WINDOW[1]}",
                           out.as_uri()], capture_output=True, text=True, timeout=120, env=env)
    assert shot.returncode == 0, shot.stderr[-2000:]
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == WINDOW
    assert png.stat().st_size > 50_000  # a drawn page, not a blank one
