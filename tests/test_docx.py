"""`summary --format docx` (issue 17): the review as an official document, checked by opening it
with python-docx, on the shipped plan with a ledger made by the command line (record, submit,
event); the formatters of periods, dates and decimals; and the page size in a PDF made by
LibreOffice where it is installed."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Mm, Pt

from conftest import SHIPPED, Cli, hoinhap, run_untouched
from hoinhap_cli.files.paths import locate
from hoinhap_cli.ledger.ledger import Ledger, load
from hoinhap_cli.rules import reporting
from hoinhap_cli.words.periods import date_line, day_words, half, parse_period, period_words, quarter, year
from hoinhap_cli.words.text import decimal, percent
from scripted2009 import build

TODAY = {"HOINHAP_TODAY": "2010-01-31", "HOINHAP_NO_CACHE": "1"}
SIGNER = "Nguyễn Văn Thử"

# ------------------------------------------------------------------ formatters (periods, text)


def test_periods_as_people_write_them() -> None:
    assert period_words(quarter(2009, 3)) == "quý III/2009"
    assert period_words(quarter(2008, 4)) == "quý IV/2008"
    assert period_words(half(2009, 1)) == "6 tháng đầu năm 2009"
    assert period_words(half(2009, 2)) == "6 tháng cuối năm 2009"
    assert period_words(year(2009)) == "năm 2009"
    assert period_words(parse_period("2009-04-01..2009-05-15")) == "từ ngày 01/4/2009 đến ngày 15/5/2009"
    assert period_words(half(2009, 1), "en") == "the first half of 2009"
    assert period_words(quarter(2009, 3), "en") == "Q3 2009"


def test_dates_as_people_write_them() -> None:
    # Nghị định 30/2020: days below 10 and months below 3 with a leading zero
    assert day_words(date(2009, 7, 5)) == "ngày 05/7/2009"
    assert day_words(date(2009, 2, 15)) == "ngày 15/02/2009"
    assert day_words(date(2009, 12, 31)) == "ngày 31/12/2009"
    assert date_line(date(2009, 7, 5)) == "ngày 05 tháng 7 năm 2009"
    assert date_line(date(2009, 1, 20)) == "ngày 20 tháng 01 năm 2009"
    assert day_words(date(2009, 7, 5), "en") == "5 July 2009"


def test_decimals_with_a_comma() -> None:
    assert decimal(12.5) == "12,5"
    assert decimal(1234.56, 2) == "1.234,56"
    assert decimal(50.0) == "50"
    assert decimal(12.5, lang="en") == "12.5"
    assert percent(62.5) == "62,5%"
    assert percent(None) == "—"


# ------------------------------------------------------------------ the scripted 2009, made by the command line


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scripted 2009 (tests/scripted2009.py) with a signer in the plan and two entries carrying a
    note (the script's entries carry evidence only)."""
    data = build(tmp_path_factory.mktemp("docx") / "data")
    plan = (data / "plan.yaml").read_text(encoding="utf-8")
    assert plan.count("  signer_title: Trưởng phòng\n") == 1
    plan = plan.replace("  signer_title: Trưởng phòng\n", f"  signer_title: Trưởng phòng\n  signer: {SIGNER}\n")
    (data / "plan.yaml").write_text(plan, encoding="utf-8")
    for argv in (
        ["record", "2.10", "-m", "2", "--status", "done", "--date", "2009-03-10", "--note", "Xong khảo sát chợ",
         "--evidence", "Quyết định số 45/QĐ-UBND ngày 18/6/2009"],
        ["record", "1.2", "-m", "1", "--status", "in-progress", "--date", "2009-04-15", "--note", "Đã mở 2 lớp"],
    ):
        result = hoinhap(*argv, data=data, env=TODAY)
        assert result.exit_code == 0, result.output
    return data


@pytest.fixture(scope="module")
def ledger(folder: Path) -> Ledger:
    found = load(locate(str(folder)), date(2010, 1, 31))[0]
    assert found is not None
    return found


@pytest.fixture(scope="module")
def made(folder: Path) -> Path:
    out = folder.parent / "bao-cao-2009-H1.docx"
    result = hoinhap("summary", "--period", "2009-H1", "--as-of", "2009-07-05", "--format", "docx", "--out", str(out),
                     "--number", "15", "--dated", "2009-07-05", data=folder, env=TODAY)
    assert result.exit_code == 0, result.output
    assert str(out) in result.stderr
    return out


@pytest.fixture(scope="module")
def doc(made: Path):  # type: ignore[no-untyped-def]
    return Document(str(made))


@pytest.fixture(scope="module")
def review(folder: Path) -> dict:
    import json  # reason: only these tests read the JSON review

    return json.loads(hoinhap("summary", "--period", "2009-H1", "--as-of", "2009-07-05", "--format", "json",
                              data=folder, env=TODAY).stdout)


@pytest.fixture(scope="module")
def yearly(folder: Path):  # type: ignore[no-untyped-def]
    out = folder.parent / "bao-cao-2009.docx"
    assert hoinhap("summary", "--period", "2009", "--as-of", "2010-01-31", "--format", "docx", "--out", str(out),
                   data=folder, env={**TODAY, "HOINHAP_TODAY": "2010-01-31"}).exit_code == 0
    return Document(str(out))


def texts(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in doc.paragraphs]


def runs(cell_or_doc, text: str):  # type: ignore[no-untyped-def]
    """The first run whose paragraph reads `text`."""
    for p in cell_or_doc.paragraphs:
        if p.text == text:
            return p.runs[0]
    raise AssertionError(f"no paragraph {text!r} in {[p.text for p in cell_or_doc.paragraphs]}")


def test_page_is_a4_with_the_decree_margins_and_font(doc) -> None:  # type: ignore[no-untyped-def]
    s = doc.sections[0]
    mm = {k: round(getattr(s, k) / Mm(1), 1) for k in ("page_width", "page_height", "top_margin", "bottom_margin",
                                                         "left_margin", "right_margin")}  # stored in twips
    assert (mm["page_width"], mm["page_height"]) == (210, 297)
    assert 20 <= mm["top_margin"] <= 25 and 20 <= mm["bottom_margin"] <= 25
    assert 30 <= mm["left_margin"] <= 35 and 15 <= mm["right_margin"] <= 20
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and Pt(13) <= normal.size <= Pt(14)
    assert "PAGE" in s.header._element.xml and s.different_first_page_header_footer  # numbers from page 2


def test_header_blocks(doc) -> None:  # type: ignore[no-untyped-def]
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text.strip("―")] == ["UBND QUẬN 2", "PHÒNG KINH TẾ", "Số: 15/BC-PKT"]
    assert not runs(left, "UBND QUẬN 2").bold and runs(left, "PHÒNG KINH TẾ").bold
    national = runs(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert national.bold and Pt(12) <= national.font.size <= Pt(13)
    motto = runs(right, "Độc lập - Tự do - Hạnh phúc")
    assert motto.bold and motto.underline and Pt(13) <= motto.font.size <= Pt(14)
    assert runs(right, "Quận 2, ngày 05 tháng 7 năm 2009").italic
    assert doc.tables[0].style.name != "Table Grid"  # the header table has no borders
    body = texts(doc)
    at = body.index("BÁO CÁO")
    assert body[at + 1] == ("Sơ kết 6 tháng đầu năm 2009 thực hiện Kế hoạch triển khai Chương trình hành động "
                            "hội nhập kinh tế quốc tế tại quận 2 giai đoạn 2008 - 2010")
    assert "Kính gửi: Ủy ban nhân dân quận 2." in body


def test_number_left_blank_to_fill_by_hand(folder: Path) -> None:
    out = folder.parent / "khong-so.docx"
    assert hoinhap("summary", "--period", "2009-Q2", "--format", "docx", "--out", str(out),
                   data=folder, env=TODAY).exit_code == 0
    made = Document(str(out))
    number = [p.text for p in made.tables[0].rows[0].cells[0].paragraphs if p.text.startswith("Số:")]
    assert number == ["Số: " + "\u00a0" * 8 + "/BC-PKT"]
    assert "Kết quả quý II/2009 thực hiện Kế hoạch" in texts(made)[texts(made).index("BÁO CÁO") + 1]


def headings(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in doc.paragraphs if p.runs and p.runs[0].bold and p.text[:1] in "IV123456789"]


def test_section_headings_follow_article_4(doc) -> None:  # type: ignore[no-untyped-def]
    top = [h for h in headings(doc) if h.split(".")[0] in ("I", "II", "III", "IV", "V")]
    assert top == ["I. TÌNH HÌNH TRIỂN KHAI VÀ CHẾ ĐỘ BÁO CÁO", "II. KẾT QUẢ THỰC HIỆN", "III. KHÓ KHĂN, VƯỚNG MẮC",
                   "IV. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2009", "V. ĐỀ XUẤT, KIẾN NGHỊ"]
    programmes = [h for h in headings(doc) if h[0].isdigit()]
    assert programmes[0].startswith("1. Công tác thông tin, tuyên truyền")  # numbered by the programme's id
    assert programmes[1].startswith("2. Chương trình hỗ trợ chuyển đổi")  # "Chương trình" once
    assert not any(h.startswith("8. ") for h in programmes)  # the reports are section I's


def test_warning_shown(doc) -> None:  # type: ignore[no-untyped-def]
    # the data folder is no git repository: the review says it judged with today's plan
    assert any(p.startswith("Lưu ý: ") and "plan.yaml" in p for p in texts(doc))


def test_results_carry_tasks_notes_evidence_and_each_leads_part(doc) -> None:  # type: ignore[no-untyped-def]
    body = texts(doc)
    line = next(p for p in body if p.startswith("- 2.5 — "))
    assert "hoàn thành (ngày 20/6/2009)" in line and line.endswith("(theo Báo cáo 40/BC-VHTT)")
    line = next(p for p in body if p.startswith("- 2.10 (mốc 2) — "))
    assert "Xong khảo sát chợ" in line and line.endswith("(theo Quyết định số 45/QĐ-UBND ngày 18/6/2009)")
    assert any(p.startswith("- 1.2 — Phòng Kinh tế: đang thực hiện (ngày 15/4/2009); Đã mở 2 lớp")
               for p in body)
    task13 = next(p for p in body if p.startswith("- 1.3. "))
    assert task13.endswith(": đang thực hiện (1/2 đơn vị xong)")  # Nội vụ done, Tư pháp not yet
    assert next(p for p in body if p.startswith("- 3.2.4a. ")).endswith("Chưa giải phóng mặt bằng)")


def test_every_active_task_is_a_line_of_its_programme(doc, review: dict) -> None:  # type: ignore[no-untyped-def]
    lines = [p for p in texts(doc) if p.startswith("- ") and ". " in p and " — " not in p.split(":")[0]]
    listed = [p[2:].split(". ")[0] for p in lines if p[2:].split(". ")[0] in {r["task"] for r in review["tasks"]}]
    assert listed == [r["task"] for r in review["tasks"]]


def table(doc, caption: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The rows of the table after the caption starting with `caption` (header row first); [] when
    the caption is followed by "Không có." instead."""
    body = doc.element.body
    seen = False
    for el in body.iterchildren():
        if el.tag.endswith("}p") and "".join(el.itertext()).startswith(caption):
            seen = True
        elif seen and el.tag.endswith("}p") and "".join(el.itertext()).startswith("Không có."):
            return []
        elif seen and el.tag.endswith("}tbl"):
            found = next(t for t in doc.tables if t._tbl is el)
            return [[c.text for c in r.cells] for r in found.rows]
    raise AssertionError(f"no table after {caption!r}")


def test_reporting_discipline_from_the_reports_ledger(doc, ledger: Ledger) -> None:  # type: ignore[no-untyped-def]
    rows = table(doc, "Biểu 1.")
    assert rows[0] == ["STT", "Đơn vị", "Quý I/2009", "Quý II/2009"]
    owing = reporting.reporting_units(ledger)
    # a ward the decision never names (An Khánh, …: the plan marks its name assumed) is marked so
    assert [r[1] for r in rows[1:]] == [ledger.units[u].name + (" (giả định)" if "name" in ledger.units[u].assumed
                                                                else "") for u in owing]
    assert "Ủy ban nhân dân phường An Khánh (giả định)" in [r[1] for r in rows[1:]]
    by_name = {r[1]: r[2:] for r in rows[1:]}
    assert by_name["Phòng Kinh tế"] == ["ngày 03/4/2009", "ngày 02/7/2009"]
    assert by_name["Phòng Y tế"] == ["ngày 14/4/2009 (trễ 9 ngày)", "Chưa đến hạn"]  # Q2's due on 05/7
    assert by_name["Phòng Giáo dục"][0].startswith("Chưa báo cáo (trễ 91 ngày)")
    body = " ".join(texts(doc))
    # the decision gives no due day: the plan's is marked as its assumption
    assert f"- Quý I/2009, hạn ngày 05/4/2009 (giả định): 9/{len(owing)} đơn vị đã gửi báo cáo (" in body
    assert "Trong đó 1 đơn vị gửi trễ hạn (Phòng Y tế)." in body


def test_agency_duties_and_report_counts(doc, review: dict) -> None:  # type: ignore[no-untyped-def]
    agency = table(doc, "Biểu 2.")
    rows = {(r[1], r[2]): r[4] for r in agency[1:]}
    # Q1 and Q2 compilations, the H1 report, and the 2009 budget and implementation plans (due
    # 05/02/2009, inside H1); every due day marked as the plan's assumption
    assert len(agency) - 1 == sum(r["duty"].startswith("ktt-") for r in review["reports"]["rows"]) == 5
    assert rows[("Kế hoạch kinh phí hoạt động của Ban Chỉ đạo hàng năm", "năm 2009")].startswith("Chưa báo cáo")
    assert {r[3] for r in agency[1:]} == {"ngày 05/02/2009 (giả định)", "ngày 05/4/2009 (giả định)",
                                          "ngày 05/7/2009 (giả định)"}
    assert rows[("Tổng hợp báo cáo quý của các đơn vị báo cáo về thành phố", "quý I/2009")] == \
        "ngày 10/4/2009 (trễ 5 ngày)"
    assert rows[("Báo cáo định kỳ 6 tháng về kết quả thực hiện và những khó khăn, vướng mắc cần giải quyết",
                 "6 tháng đầu năm 2009")] == "ngày 03/7/2009"
    counts = table(doc, "Biểu 3.")
    total = review["counts"]["reports"]
    assert counts[-1] == ["Tổng cộng", *(str(total[k]) for k in ("total", "due", "submitted", "submitted_late",
                                                                  "missing", "not_due"))]
    assert sum(int(r[1]) for r in counts[1:-1]) == total["total"] == len(review["reports"]["rows"])


def test_figures_tables_equal_the_review(doc, review: dict) -> None:  # type: ignore[no-untyped-def]
    rows = table(doc, "Biểu 4.")
    assert len(rows) == 1 + len(review["programs"]) + 1  # header, programmes, total
    for row, p in zip(rows[1:], review["programs"]):
        assert row[0].startswith(f"{p['id']}. ")
        assert row[1:8] == [str(p[k]) for k in ("active", "done", "in_progress", "blocked", "not_started",
                                                "dropped", "late")]
    c = review["counts"]["tasks"]
    assert rows[-1][:8] == ["Tổng cộng", *(str(c[k]) for k in ("active", "done", "in_progress", "blocked",
                                                                "not_started", "dropped", "late"))]
    assert c["active"] == len(review["tasks"]) and not any(p["id"] == "8" for p in review["programs"])
    units = table(doc, "Biểu 5.")
    assert [r[0] for r in units[1:]] == [u["name"] for u in review["units"]]
    headline = next(p for p in texts(doc) if p.startswith("Trong 6 tháng đầu năm 2009 có "))
    assert f"có {c['active']} nhiệm vụ triển khai: {c['done']} hoàn thành" in headline
    assert f"{c['blocked']} vướng mắc" in headline and f"({c['late_milestones']} mốc)" in headline


def test_blocked_late_and_next_period_agree_with_the_counts(doc, review: dict,  # type: ignore[no-untyped-def]
                                                            ledger: Ledger) -> None:
    c = review["counts"]["tasks"]
    blocked = table(doc, "Biểu 6.")
    assert blocked[0] == ["Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Lý do"]
    assert [r[0].split(". ")[0] for r in blocked[1:]] == ["3.1.3", "3.2.4a"] and len(blocked) - 1 == c["blocked"]
    assert blocked[2][3] == "Chưa giải phóng mặt bằng"
    assert blocked[1][1] == ", ".join(ledger.units[u].name for u in ledger.tasks["3.1.3"].lead or [])
    late = table(doc, "Biểu 7.")
    assert len(late) - 1 == c["late_milestones"] == len(review["late"])
    assert not any(r[0].startswith("8") for r in late[1:])  # the reports are section I's
    coming = table(doc, "Biểu 8.")
    assert len(coming) - 1 == c["due_ahead"] and all("2009" in r[2] for r in coming[1:])
    assert table(doc, "Biểu 9.") == [] and c["dropped"] == 0
    assert "Trong kỳ, kế hoạch không được điều chỉnh." in texts(doc)


def test_yearly_review_lists_the_dropped_and_the_next_year(yearly) -> None:  # type: ignore[no-untyped-def]
    dropped = table(yearly, "Biểu 9.")
    assert [r[0].split(". ")[0] for r in dropped[1:]] == ["6.3"]
    assert dropped[1][2:] == ["ngày 15/9/2009", "Không còn phù hợp"]
    assert "IV. NHIỆM VỤ TRỌNG TÂM NĂM 2010" in headings(yearly)
    assert all("2010" in r[2] for r in table(yearly, "Biểu 8.")[1:])
    assert table(yearly, "Biểu 1.")[0][2:] == ["Quý I/2009", "Quý II/2009", "Quý III/2009", "Quý IV/2009"]


def test_judgement_left_as_visible_placeholders(doc) -> None:  # type: ignore[no-untyped-def]
    marked = [p.text for p in doc.paragraphs if p.runs and p.runs[0].font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert any(p.startswith("[Đánh giá chung về kết quả thực hiện") for p in marked)
    assert len(marked) == 5  # one per section


def test_signature_block(doc) -> None:  # type: ignore[no-untyped-def]
    left, right = next(x for x in doc.tables if x.rows[0].cells[0].text.startswith("Nơi nhận:")).rows[0].cells
    label = runs(left, "Nơi nhận:")
    assert label.bold and label.italic and label.font.size == Pt(12)
    assert [p.text for p in left.paragraphs[1:]] == ["- Như trên;", "- Phó Chủ tịch UBND quận phụ trách kinh tế;",
                                                     "- Ban Chỉ đạo Hội nhập kinh tế quốc tế quận;", "- Lưu: VT, PKT."]
    assert all(p.runs[0].font.size == Pt(11) for p in left.paragraphs[1:])
    signed = [p.text for p in right.paragraphs if p.text]
    assert signed == ["TRƯỞNG PHÒNG", SIGNER]
    assert runs(right, SIGNER).bold


def test_english_headings(folder: Path) -> None:
    out = folder.parent / "review-en.docx"
    assert hoinhap("summary", "--period", "2009-H1", "--format", "docx", "--out", str(out), "--lang", "en",
                   data=folder, env=TODAY).exit_code == 0
    body = texts(Document(str(out)))
    assert "REPORT" in body and "II. RESULTS" in body


# ------------------------------------------------------------------ refusals


def test_docx_refused_to_a_terminal(folder: Path) -> None:
    result = run_untouched(["summary", "--period", "2009-H1", "--format", "docx", "--data", str(folder)], folder, 2)
    assert "docx là tệp nhị phân, không in ra màn hình: thêm --out TỆP.docx" in result.stderr


def test_plan_without_a_letterhead_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    plan = (SHIPPED / "plan.yaml").read_text(encoding="utf-8")
    start, end = plan.index("\ndocument:\n"), plan.index("\nunits:\n")
    (data / "plan.yaml").write_text(plan[:start] + plan[end:], encoding="utf-8")
    out = tmp_path / "x.docx"
    result = run_untouched(["summary", "--period", "2009-H1", "--format", "docx", "--out", str(out),
                            "--data", str(data)], tmp_path, 2)
    assert "kế hoạch chưa có khối `document:`" in result.stderr and "plan.yaml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_existing_file_kept(folder: Path, made: Path, cli: Cli) -> None:
    result = run_untouched(["summary", "--period", "2009-H1", "--format", "docx", "--out", str(made),
                            "--data", str(folder)], folder.parent, 2)
    assert "exists" in result.stderr or "đã có" in result.stderr


# ------------------------------------------------------------------ the page in LibreOffice


def test_pdf_page_is_a4(made: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
    from pypdf import PdfReader  # reason: a test dependency, needed only when LibreOffice is present

    profile = tmp_path / "profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(made)], check=True, capture_output=True, timeout=240)
    reader = PdfReader(str(tmp_path / (made.stem + ".pdf")))
    assert len(reader.pages) > 1
    for page in reader.pages:
        box = page.mediabox
        assert abs(float(box.width) - 595) <= 1 and abs(float(box.height) - 842) <= 1
    first, second = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    assert "BC-PKT" in first and "15/" in first  # (pypdf splits Vietnamese combining marks: ASCII only)
    assert not first.lstrip().startswith("1")  # no number on the first page …
    assert second.lstrip().startswith("2")  # … and from page 2 the number at the top
