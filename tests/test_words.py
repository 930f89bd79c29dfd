"""Words on the signed page: a Vietnamese run says everything in Vietnamese — PyYAML's and
pydantic's problems, the status words a file may use, click's usage line, the deadlines, the
report duties — and the review words the plan's amendments exactly as `hoinhap diff` does."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHIPPED, hoinhap
from hoinhap_cli.words.periods import deadline_words, parse_deadline
from scripted2009 import build
from test_language import english_words

TODAY = {"HOINHAP_TODAY": "2010-01-31", "HOINHAP_NO_CACHE": "1"}
# what PyYAML and pydantic say in English; none of it may reach a Vietnamese run
THEIR_ENGLISH = re.compile(r"did not find|expected|mapping values|while (parsing|scanning)|found (character|unexp)"
                           r"|could not|not allowed| or '|Input should|valid", re.IGNORECASE)


def _plan(tmp_path: Path, old: str, new: str) -> Path:
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    text = (SHIPPED / "plan.yaml").read_text(encoding="utf-8")
    assert old in text
    (data / "plan.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


@pytest.mark.parametrize(("old", "new"), [
    ('  - id: "3.1.3"\n', '  - id: "3.1.3": x\n'),  # mapping values where none may be
    ('  - id: "3.1.3"\n', '  - id: "3.1.3"\n   oops: 1\n'),  # a key indented wrongly
    ('  - id: "3.1.3"\n', '  - id: "3.1.3"\n    lead: [phong-qldt, \n'),  # a list left open
    ('  - id: "3.1.3"\n', '  - id: "3.1.3"\n    note: @sai\n'),  # a character that starts nothing
    ("  title: >-\n", "  title: >- x: y\n"),  # text after a block indicator
])
def test_a_yaml_syntax_error_is_worded_in_vietnamese(tmp_path: Path, old: str, new: str) -> None:
    data = _plan(tmp_path, old, new)
    result = hoinhap("check", data=data, env=TODAY)
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "plan.yaml:" in x)
    assert re.search(r"plan\.yaml:\d+:\d+: lỗi cú pháp YAML: ", line), line
    assert not THEIR_ENGLISH.search(line) and english_words(line) == [], line
    english = hoinhap("check", "--lang", "en", data=data, env=TODAY).output
    assert "YAML syntax error: " in english  # and English stays English


def test_a_pydantic_refusal_is_worded_in_vietnamese(tmp_path: Path) -> None:
    data = _plan(tmp_path, "every: quarter", "every: fortnight")  # a Literal of the reporting regime
    result = hoinhap("check", data=data, env=TODAY)
    line = next(x for x in result.output.splitlines() if "'fortnight'" in x)
    assert re.search(r"'quarter', .*'half'.* hoặc '[\w-]+'$", line) and not THEIR_ENGLISH.search(line), line


def test_check_lists_the_status_words_a_file_may_use(tmp_path: Path) -> None:
    data = _plan(tmp_path, "x", "x")
    assert hoinhap("record", "1.2", "-m", "1", "--status", "đang thực hiện", "--date", "2009-03-25", data=data,
                   env=TODAY).exit_code == 0
    report = data / "reports" / "2009-Q1" / "phong-kinh-te.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("status: in-progress", "status: xong lam"),
                      encoding="utf-8")
    line = next(x for x in hoinhap("check", data=data, env=TODAY).output.splitlines() if "xong lam" in x)
    assert ("'not-started' (chưa thực hiện), 'in-progress' (đang thực hiện), 'done' (hoàn thành), "
            "'blocked' (vướng mắc) hoặc 'dropped' (hủy bỏ)") in line, line
    assert " or " not in line
    report.write_text(report.read_text(encoding="utf-8").replace("status: xong lam", "status: hoàn thành"),
                      encoding="utf-8")  # the words it lists are accepted
    assert hoinhap("check", data=data, env=TODAY).exit_code == 0


def test_the_usage_line_is_worded() -> None:
    assert hoinhap("--help").stdout.splitlines()[0] == "Cách dùng: hoinhap [TÙY CHỌN] LỆNH [THAM SỐ]..."
    assert hoinhap("show", "--help").stdout.startswith("Cách dùng: hoinhap show [TÙY CHỌN] ")
    missing = hoinhap("show")
    assert missing.exit_code == 2 and "[OPTIONS]" not in missing.output and "[TÙY CHỌN]" in missing.output
    english = hoinhap("--help", env={"HOINHAP_LANG": "en"}).stdout
    assert english.splitlines()[0] == "Usage: hoinhap [OPTIONS] COMMAND [ARGS]..."


@pytest.mark.parametrize(("notation", "vi", "en"), [
    ("ongoing", "thường xuyên", "ongoing"),
    ("every year 2009..2010", "hằng năm (2009–2010)", "every year (2009–2010)"),
    ("every quarter", "hằng quý", "every quarter"),
    ("by 2010", "đến năm 2010", "by 2010"),
    ("2009-Q3", "quý III/2009", "Q3 2009"),
    ("2009-06-30", "ngày 30/6/2009", "30 June 2009"),
    ("none", "không nêu", "not given"),
])
def test_deadlines_in_a_report_s_words(notation: str, vi: str, en: str) -> None:
    d = parse_deadline(notation)
    assert deadline_words(d, "vi", formal=True) == vi
    assert deadline_words(d, "en", formal=True) == en
    assert english_words(deadline_words(d, "vi")) == []


def test_an_awaited_event_is_named() -> None:
    d = parse_deadline("after tp-duyet-quy-hoach-cho")
    assert deadline_words(d, "vi", "Thành phố duyệt quy hoạch chợ") == "sau khi: Thành phố duyệt quy hoạch chợ"


@pytest.fixture(scope="module")
def scripted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("words") / "data")


def test_no_deadline_notation_in_the_review(scripted: Path, tmp_path: Path) -> None:
    out = tmp_path / "nam-2009.docx"
    assert hoinhap("summary", "--period", "2009", "--format", "docx", "--out", str(out), data=scripted,
                   env={**TODAY, "HOINHAP_TODAY": "2010-01-08"}).exit_code == 0
    text = "\n".join(docx_text(out))
    for english in ("every year", "every quarter", "ongoing", "by 20", "after tp-"):
        assert english not in text, english
    md = hoinhap("summary", "--period", "2009", "--format", "md", data=scripted, env=TODAY).stdout
    assert "every year" not in md and "hằng năm (2009–2010)" in md


def test_late_reports_name_the_duty_not_its_id(scripted: Path) -> None:
    out = hoinhap("overdue", "--as-of", "2009-12-31", "--reports", data=scripted, env=TODAY, columns=200).stdout
    assert "Báo cáo kết quả thực hiện hàng quý" in out
    assert "don-vi-bao-cao-quy" not in out and "ktt-tong-hop-quy" not in out


def docx_text(path: Path) -> list[str]:
    """Every paragraph and table cell of a Word file, in order."""
    from docx import Document

    doc = Document(str(path))
    out = [p.text for p in doc.paragraphs]
    out += [c.text for table in doc.tables for row in table.rows for c in row.cells]
    return out


def _git(root: Path, *args: str, day: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T10:00:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00"}
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
                    *args], cwd=root, check=True, capture_output=True, env=env)


def test_the_review_words_amendments_as_diff_does(scripted: Path, tmp_path: Path) -> None:
    """2.10a dropped and 3.1.3 moved from 2009 to 2010 in May 2009: the H1 review lists that one
    amendment — not the commit that created the plan — in diff's words, in Vietnamese."""
    data = tmp_path / "data"
    shutil.copytree(scripted, data)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "kế hoạch ban đầu", day="2009-01-02")
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    start, end = text.index('  - id: "2.10a"\n'), text.index('  - id: "2.11"\n')
    text = text[:start] + text[end:]
    at = text.index('  - id: "3.1.3"\n')
    text = text[:at] + text[at:].replace('- due: "2009"', '- due: "2010"', 1)
    plan.write_text(text, encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "Điều chỉnh kế hoạch", day="2009-05-04")

    diff = hoinhap("diff", "HEAD~1", "HEAD", "--format", "md", data=data, env=TODAY).stdout
    assert "| bỏ | nhiệm vụ 2.10a |" in diff and "| dời thời hạn | nhiệm vụ 3.1.3 | 2009 → 2010 (+365 ngày) |" in diff
    out = tmp_path / "h1.docx"
    assert hoinhap("summary", "--period", "2009-H1", "--format", "docx", "--out", str(out), data=data,
                   env=TODAY).exit_code == 0
    paragraphs = docx_text(out)
    assert "+ dời thời hạn nhiệm vụ 3.1.3: 2009 → 2010 (+365 ngày)" in paragraphs
    assert any(p.startswith("+ bỏ nhiệm vụ 2.10a: ") for p in paragraphs)
    assert not [p for p in paragraphs if "kế hoạch ban đầu" in p]  # the plan's creation is no amendment
    assert not [p for p in paragraphs if re.search(r"\btask\b|removed|deadline|\[-|\{\+", p)]
    md = hoinhap("summary", "--period", "2009-H1", "--format", "md", data=data, env=TODAY).stdout
    assert "  - dời thời hạn nhiệm vụ 3.1.3: 2009 → 2010 (+365 ngày)" in md


# ------------------------------------------------------------------ the signed document (summary --format docx)

H1 = ("--period", "2009-H1", "--as-of", "2009-07-05", "--dated", "2009-07-06")
YEAR = ("--period", "2009", "--as-of", "2010-01-08", "--dated", "2010-01-08")


@pytest.fixture(scope="module")
def reviews(scripted: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The H1 and the year báo cáo of the scripted 2009 (the README's lines)."""
    folder = tmp_path_factory.mktemp("reviews")
    out = {}
    for name, argv in (("h1", H1), ("year", YEAR)):
        out[name] = folder / f"{name}.docx"
        result = hoinhap("summary", *argv, "--format", "docx", "--out", str(out[name]), data=scripted, env=TODAY)
        assert result.exit_code == 0, result.output
    return out


def _plan_text() -> str:
    return " ".join((SHIPPED / "plan.yaml").read_text(encoding="utf-8").split())


@pytest.mark.parametrize("name", ["h1", "year"])
def test_no_text_is_cut(reviews: dict[str, Path], name: str) -> None:
    """Every "…" in the document is the plan's own (a task title that says "…"), never a cut."""
    plan = _plan_text()
    for text in docx_text(reviews[name]):
        flat = " ".join(text.split())
        for at in [m.start() for m in re.finditer("…", flat)]:
            before = flat[max(0, at - 25):at + 1]
            assert before in plan, (name, flat[max(0, at - 80):at + 1])


@pytest.mark.parametrize("name", ["h1", "year"])
def test_phrasing_a_civil_servant_would_sign(reviews: dict[str, Path], name: str) -> None:
    from docx import Document

    doc = Document(str(reviews[name]))
    texts = [p.text for p in doc.paragraphs]
    joined = "\n".join(texts)
    assert not re.search(r"Chương trình \d+: Chương trình", joined)
    assert not re.search(r"\b(từng|hàng|hằng) (năm|quý) (năm|quý) ", joined)
    assert joined.count("số liệu tính đến") == 1 and "tình hình đến" not in joined  # one data date
    for p in texts:
        if p.startswith("- "):
            assert p[2:3] == p[2:3].upper(), p  # a bullet starts with a capital
    for table in doc.tables[1:-1]:  # the letterhead and the signature are no data tables
        heads = [c.text for c in table.rows[0].cells]
        assert all(h[:1] == h[:1].upper() for h in heads), heads


@pytest.mark.parametrize("name", ["h1", "year"])
def test_the_tables_are_in_a_phu_luc_after_the_signature(reviews: dict[str, Path], name: str) -> None:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(reviews[name]))
    order = [("p", Paragraph(el, doc).text) if el.tag.endswith("}p") else
             ("tbl", " ".join(c.text for r in Table(el, doc).rows for c in r.cells)) if el.tag.endswith("}tbl") else
             ("", "") for el in doc.element.body.iterchildren()]
    annex = next(k for k, (tag, text) in enumerate(order) if tag == "p" and text == "PHỤ LỤC")
    tables = [k for k, (tag, _) in enumerate(order) if tag == "tbl"]
    signature = tables[1]  # the letterhead first, then the Nơi nhận and the signature
    assert "Nơi nhận:" in order[signature][1] and signature < annex
    assert len(tables) > 6 and all(k > annex for k in tables[2:])  # every data table in the annex
    assert "Kèm theo Báo cáo số" in order[annex + 2][1]
    captions = [text for tag, text in order[annex:] if tag == "p" and text.startswith("Biểu ")]
    refs = " ".join(text for tag, text in order[:annex] if tag == "p" and text.startswith("Chi tiết tại Phụ lục"))
    assert captions and all(c.split(".")[0] in refs for c in captions)  # the body points at each


def test_columns_are_never_narrower_than_their_words() -> None:
    """Measured with Liberation Serif (Times New Roman's metrics), and DejaVu Serif for the glyphs
    it lacks, as LibreOffice prints here: a column holds its widest word, date and number."""
    from docx.shared import Pt
    from PIL import ImageFont

    from hoinhap_cli.office.docx_review import TEXT_WIDTH, fit

    fonts = Path("/usr/share/fonts/truetype")
    serif, bold = fonts / "liberation/LiberationSerif-Regular.ttf", fonts / "liberation/LiberationSerif-Bold.ttf"
    if not serif.is_file():
        pytest.skip("Liberation Serif is not installed")
    heads = ["STT", "Vướng mắc", "Nhiệm vụ", "Thời hạn", "Trễ (ngày)", "Tình trạng", "Tỷ lệ hoàn thành"]
    rows = [[str(n), "Chưa giải phóng mặt bằng", "3.2.4a (mốc 2). Đối với các dự án giao thông", "ngày 31/12/2009",
             "186", "đang thực hiện", "33,3%"] for n in range(1, 30)]
    widths = fit(heads, rows, (0.3, 1.0, 6.0, 1.0, 0.4, 0.6, 0.4), 12, 11)
    assert abs(sum(widths) - TEXT_WIDTH) < Pt(1)

    def width(word: str, size: int, path: Path) -> float:
        font = ImageFont.truetype(str(path), size * 20)
        return font.getlength(word) / 20 * Pt(1)

    pad = Pt(0.19 / 2.54 * 72 * 2)
    for k, head in enumerate(heads):
        words = [(w, 11, bold) for w in head.split()] + [(w, 12, serif) for row in rows for w in row[k].split()]
        widest = max(width(w, size, path) for w, size, path in words)
        assert widths[k] >= widest + pad, (head, widths[k] / Pt(1), widest / Pt(1))


# ------------------------------------------------------------------ the PDF LibreOffice makes of it


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("name", ["h1", "year"])
def test_no_word_or_number_cut_in_the_pdf(reviews: dict[str, Path], name: str, tmp_path: Path) -> None:
    """Each line LibreOffice prints is a run of whole words of one paragraph or cell: a word cut
    over two lines ("Vướn|g mắc", "31/12/200|9", "1|0") is a line no text of the document holds.
    Glyphs the PDF's main font lacks come in a fallback font: both sides count them as spaces."""
    from docx import Document
    from pypdf import PdfReader

    subprocess.run([str(_soffice()), f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(reviews[name])],
                   check=True, capture_output=True, timeout=300)
    reader = PdfReader(str(tmp_path / f"{name}.pdf"))
    chunks: list[tuple[str, str]] = []
    for page in reader.pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: chunks.append(
            (text, str((font or {}).get("/BaseFont", "")))) if text.strip() else None)
    fonts = {f for _, f in chunks}
    main = max(fonts, key=lambda f: sum(len(x) for x, g in chunks if g == f)).split("+")[-1].split("-")[0]
    fallback = {ch for text, f in chunks if main not in f for ch in text if not ch.isspace()}

    def spaced(text: str) -> str:
        return " " + " ".join("".join(" " if ch in fallback else ch for ch in text).split()) + " "

    doc = Document(str(reviews[name]))
    texts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    sources = [spaced(x) for x in texts] + [f" {n} " for n in range(2, len(reader.pages) + 1)]  # page numbers
    cut = [text for text, f in chunks if main in f and spaced(text).strip()
           and not any(spaced(text) in s for s in sources)]
    assert cut == [], cut[:10]
    numbers = {c.text for t in doc.tables[2:] for r in t.rows[1:] for c in r.cells[:1] if c.text.isdigit()}
    printed = {text.strip() for text, _ in chunks}
    assert {n for n in numbers if len(n) > 1} <= printed  # "10" … "29" whole, on one line
    assert "STT" in printed


def test_click_s_refusals_are_worded_by_their_kind() -> None:
    for argv, said in ((["show"], "Lỗi: thiếu đối số 'ID'"),
                       (["show", "1.1", "--bogus"], "không có tùy chọn --bogus"),
                       (["show", "1.1", "2.2"], "Lỗi: thừa đối số (2.2)"), (["summary"], "thiếu tùy chọn '--period'"),
                       (["overdue", "--format", "xml"],
                        "giá trị không hợp lệ cho '--format' / '-f': 'xml' không thuộc")):
        result = hoinhap(*argv)
        assert result.exit_code == 2 and said in result.output, (argv, result.output)
        assert english_words(result.output.splitlines()[-1]) == [], result.output


def test_the_framework_s_private_package_is_imported_in_one_place() -> None:
    from conftest import ROOT

    found = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "src").rglob("*.py")
                   if "typer._click" in p.read_text(encoding="utf-8"))
    assert found == ["src/hoinhap_cli/cli/framework.py"]


def test_any_other_pydantic_error_is_said_in_the_run_s_language() -> None:
    """An error kind no branch names (pydantic has ~110) is not shown in pydantic's English."""
    from hoinhap_cli.model.model import ReportFile
    from hoinhap_cli.model.schemaerrors import _message

    error = {"type": "url_parsing", "loc": ("entries", 0, "evidence"), "msg": "Input should be a valid URL",
             "input": "htp:/x"}
    said, _ = _message(error, ("entries", 0, "evidence"), None, ReportFile)  # type: ignore[arg-type]
    assert not isinstance(said, str)
    assert said.text("vi") == "giá trị không hợp lệ ở đây: 'htp:/x'" and "Input should" not in said.text("en")
    own = {**error, "type": "hostile_unknown_more", "msg": "còn 3 khóa lạ khác"}  # worded where it was found
    assert _message(own, ("entries", 0), None, ReportFile)[0] == "còn 3 khóa lạ khác"  # type: ignore[arg-type]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab đư- \t\n\u00a0…")), max_size=60), st.integers(min_value=3, max_value=40))
def test_shorten_is_textwraps(text: str, width: int) -> None:
    """The fast path (a text that fits once its spaces are collapsed) answers as textwrap does."""
    import textwrap

    from hoinhap_cli.words.text import shorten

    assert shorten(text, width) == textwrap.shorten(text, width, placeholder=" …")
