"""The dashboard printed for a committee meeting (issue 17), in headless Chromium: the front
sheet is exactly one A4 page, every page is numbered, the bars keep "done" and "late" apart in
greyscale, and no task id runs into its text. Skipped, with the reason, where Chromium is absent."""

from __future__ import annotations

import os
import statistics
import subprocess
from datetime import date
from pathlib import Path

import pytest

from conftest import SHIPPED, hoinhap
from hoinhap_cli.files.paths import locate
from hoinhap_cli.ledger.ledger import load
from hoinhap_cli.render import bars
from hoinhap_cli.views.dashboard import page
from hoinhap_cli.views.dashboard_style import CSS, css_string
from test_dashboard import CHROMIUM_FLAGS, find_chromium

pytestmark = pytest.mark.skipif(find_chromium() is None,
                                reason="no Chromium found (chromium, chromium-browser, google-chrome): install "
                                       "Debian's chromium package, as .ci/run does, to print the dashboard")

TODAY = {"HOINHAP_TODAY": "2009-07-05", "HOINHAP_NO_CACHE": "1"}
BLOCKED = ["1.2", "1.3", "2.1", "2.4", "2.7", "3.1.1", "3.1.2", "3.2.2", "3.2.3", "3.2.4", "4.1", "4.2"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped plan, with more blocked tasks (long reasons) than the front sheet names, and two
    quarters of reports from two units: the worst case for a one-page front sheet."""
    data = tmp_path_factory.mktemp("print") / "data"
    (data / "reports").mkdir(parents=True)
    (data / "plan.yaml").write_bytes((SHIPPED / "plan.yaml").read_bytes())
    reason = "Chờ Thành phố phê duyệt vốn và điều chỉnh quy hoạch; đơn vị đã có văn bản đề nghị nhưng chưa có trả lời"
    for k, task in enumerate(BLOCKED):
        result = hoinhap("record", task, "--status", "blocked", "--date", f"2009-05-{k + 10}", "--reason",
                         f"{reason} ({k})", data=data, env=TODAY)
        assert result.exit_code == 0, result.output
    for unit, quarter, day in (("phong-kinh-te", "2009-Q1", "2009-04-05"), ("phong-tu-phap", "2009-Q1", "2009-04-08")):
        assert hoinhap("submit", unit, "--period", quarter, "--date", day, data=data, env=TODAY).exit_code == 0
    return data


def browser(tmp: Path) -> tuple[list[str], dict[str, str]]:
    return ([str(find_chromium()), *CHROMIUM_FLAGS, f"--user-data-dir={tmp / 'profile'}"],
            {**os.environ, "HOME": str(tmp)})


def print_pdf(html: Path, tmp: Path) -> Path:
    """Chromium's print to PDF; its own header and footer off: the page numbers must be the page's."""
    pdf = html.with_suffix(".pdf")
    argv, env = browser(tmp)
    done = subprocess.run([*argv, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
                          capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0 and pdf.is_file(), done.stderr[-2000:]
    return pdf


def pages(pdf: Path) -> list[str]:
    from pypdf import PdfReader  # reason: a test dependency, read only when Chromium printed something

    reader = PdfReader(str(pdf))
    for p in reader.pages:
        assert abs(float(p.mediabox.width) - 595) <= 1 and abs(float(p.mediabox.height) - 842) <= 1  # A4
    return [p.extract_text() for p in reader.pages]


@pytest.fixture(scope="module")
def printed(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("printed")
    html = tmp / "dashboard.html"
    result = hoinhap("dashboard", "--out", str(html), "--as-of", "2009-06-30", data=folder, env=TODAY)
    assert result.exit_code == 0, result.output
    return html, print_pdf(html, tmp)


def test_front_sheet_alone_is_one_a4_page(printed: tuple[Path, Path], tmp_path: Path) -> None:
    html, _ = printed
    front = tmp_path / "front.html"
    text = html.read_text(encoding="utf-8")
    assert text.count("<section class='detail'>") == 1
    front.write_text(text.replace("</head>", "<style>.detail { display: none; }</style></head>"), encoding="utf-8")
    assert len(pages(print_pdf(front, tmp_path))) == 1


def test_detail_starts_on_page_two(printed: tuple[Path, Path]) -> None:
    text = pages(printed[1])
    assert len(text) > 2
    assert "Chi tiết" not in text[0]
    assert "\nChi tiết\nNhiệm vụ vướng mắc (12)" in text[1]  # the detail opens page 2 (after the margin boxes)
    assert "… và 4 nhiệm vụ khác" in text[0]  # 12 blocked: 8 named, the rest counted
    assert "Nhiệm vụ vướng mắc (12)" in text[0]
    assert "Phòng Nội vụ" in text[0]  # has not reported for quý I/2009
    assert "ngày 05 tháng 7 năm 2009" in text[0]  # the date as in the Word document


def test_every_page_is_numbered(printed: tuple[Path, Path]) -> None:
    text = pages(printed[1])
    n = len(text)
    for k, page_text in enumerate(text, 1):
        assert f"Trang {k}/{n}" in page_text
        assert "số liệu tính đến hết ngày 30/6/2009" in page_text and "lập ngày 05/7/2009" in page_text


def test_bars_keep_done_and_late_apart_in_greyscale(tmp_path: Path) -> None:
    from PIL import Image  # reason: a test dependency, needed only where Chromium draws the page

    html = tmp_path / "bars.html"
    html.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{CSS} body {{ padding: 0; margin: 0; }} "
        ".at { position: absolute; left: 0; width: 400px; } .at .bar { height: 40px; }</style></head><body>"
        f"<div class='at' style='top:0'>{bars.html(10, 0, 10, 'vi')}</div>"
        f"<div class='at' style='top:100px'>{bars.html(0, 10, 10, 'vi')}</div>"
        f"<div class='at' style='top:200px'>{bars.html(0, 0, 10, 'vi')}</div></body></html>", encoding="utf-8")
    png = tmp_path / "bars.png"
    argv, env = browser(tmp_path)
    shot = subprocess.run([*argv, f"--screenshot={png}", "--window-size=600,400", html.as_uri()],
                          capture_output=True, text=True, timeout=120, env=env)
    assert shot.returncode == 0, shot.stderr[-2000:]
    grey = Image.open(png).convert("L")

    def region(top: int) -> list[int]:
        return list(grey.crop((10, top + 8, 390, top + 32)).tobytes())  # inside the border: one byte a pixel

    done, late, rest = region(0), region(100), region(200)
    assert statistics.mean(late) - statistics.mean(done) > 60  # solid dark against a light hatch
    assert statistics.pstdev(late) > 25 and statistics.pstdev(done) < 5  # the hatch is seen as a pattern
    assert statistics.mean(rest) - statistics.mean(late) > 30 and statistics.pstdev(rest) < 5


def test_no_task_id_runs_into_its_text(folder: Path, tmp_path: Path) -> None:
    """3.2.4a used to overlap its title: every id cell of the timeline holds its id (measured by
    a script added to a copy of the page; the page itself has none)."""
    ledger = load(locate(str(folder)), date(2009, 7, 5))[0]
    assert ledger is not None
    html = page(ledger, date(2009, 6, 30), date(2009, 7, 5))
    probe = ("<script>document.title = JSON.stringify([...document.querySelectorAll('table.timeline td.id')]"
             ".filter(td => td.scrollWidth > td.clientWidth).map(td => td.textContent));</script>")
    copy = tmp_path / "probe.html"
    copy.write_text(html.replace("</body>", probe + "</body>"), encoding="utf-8")
    argv, env = browser(tmp_path)
    dom = subprocess.run([*argv, "--window-size=720,1000", "--dump-dom", copy.as_uri()], capture_output=True,
                         text=True, timeout=120, env=env)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "3.2.4a" in html and "<title>[]</title>" in dom.stdout, dom.stdout[:300]


def test_css_strings_cannot_close_the_style() -> None:
    assert css_string('a"b\\c</style>') == '"a\\22 b\\5c c\\3c /style\\3e "'


def _drawn_and_clipped(pdf: Path) -> list[tuple[float, float, list[tuple[float, float]]]]:
    """Per page: the horizontal clip of the page's content (left, right, in pt) and every filled or
    stroked rectangle's span (borders, tiles, rules), from the PDF's drawing operators."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(str(pdf))
    out = []
    for sheet in reader.pages:
        ctm, stack, last = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], [], None
        clips: list[tuple[float, float]] = []
        drawn: list[tuple[float, float]] = []
        for args, op in ContentStream(sheet.get_contents(), reader).operations:
            if op == b"q":
                stack.append(ctm[:])
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                a, b, c, d, e, f = (float(x) for x in args)
                A, B, C, D, E, F = ctm
                ctm = [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                       e * A + f * C + E, e * B + f * D + F]
            elif op == b"re":
                x, _, w, _ = (float(v) for v in args)
                last = (ctm[0] * x + ctm[4], ctm[0] * (x + w) + ctm[4])
            elif op in (b"W", b"W*") and last:
                clips.append(last)
            elif op in (b"f", b"f*", b"B", b"S") and last:
                drawn.append(last)
        left, right = max(clips, key=lambda c: c[1] - c[0])  # the page's own clip: the widest
        out.append((left, right, drawn))
    return out


def test_no_tile_or_border_runs_past_the_printed_page(printed: tuple[Path, Path]) -> None:
    """Chromium clips a printed page a fraction of a pixel inside the width it lays it out in: the
    sixth tile lost its right border. Nothing drawn may reach past the clip."""
    pages = _drawn_and_clipped(printed[1])
    for k, (left, right, drawn) in enumerate(pages, 1):
        past = [(round(a, 2), round(b, 2)) for a, b in drawn if b > right + 0.01 or a < left - 0.01]
        assert past == [], (k, right, past[:5])
    assert len(pages[0][2]) > 6  # the front sheet's tiles and rules were seen


def test_the_readme_prints_without_the_browser_s_header(folder: Path, tmp_path: Path) -> None:
    """The README's print command, run as written (plus the sandbox flags a test needs): no
    header or footer of Chromium's — the machine's clock, the file's name and path — on any page."""
    import re
    import shlex

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(x for x in readme.splitlines() if x.startswith("chromium ") and "--print-to-pdf=" in x)
    assert "--no-pdf-header-footer" in line
    argv = shlex.split(line)
    html = next(a for a in argv if a.endswith(".html"))
    result = hoinhap("dashboard", "--out", str(tmp_path / html), "--as-of", "2009-06-30", data=folder, env=TODAY)
    assert result.exit_code == 0, result.output
    browser_argv, env = browser(tmp_path)
    done = subprocess.run([*browser_argv, *argv[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=180,
                          env=env)
    pdf = tmp_path / next(a.split("=", 1)[1] for a in argv if a.startswith("--print-to-pdf="))
    assert done.returncode == 0 and pdf.is_file(), done.stderr[-2000:]
    for text in pages(pdf):
        assert not re.search(r"\d{1,2}/\d{1,2}/\d{2,4},? \d{1,2}:\d{2}", text), text[:200]  # the clock
        assert "file://" not in text and html not in text
