"""`hoinhap forms` and `hoinhap collect`: the quarter's forms out to the units and back into the ledger.

The forms are filled here through openpyxl as an office would fill them (Vietnamese typed
decomposed, a date typed as a number), and what `collect` records is compared with what the
same entries give through `record` and `submit`."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from conftest import SHIPPED, Cli, run_untouched, snapshot
from hoinhap_cli.files import yamlio

TODAY = "2009-07-05"
Q2 = "2009-Q2"
KT = "phong-kinh-te"
CAT_LAI = "ubnd-phuong-cat-lai"
STATUS_LIST = "chưa thực hiện, đang thực hiện, hoàn thành, vướng mắc, hủy bỏ"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOINHAP_TODAY", TODAY)


def shipped(folder: Path) -> Path:
    data = folder / "data"
    (data / "reports").mkdir(parents=True)
    shutil.copy(SHIPPED / "plan.yaml", data / "plan.yaml")
    return data


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return shipped(tmp_path / "collected")


@pytest.fixture
def sent(tmp_path: Path, data: Path, cli: Cli) -> Path:
    """The forms of Phòng Kinh tế and phường Cát Lái for 2009-Q2, as sent."""
    out = tmp_path / "forms"
    result = cli("forms", "--period", Q2, "--out", str(out), "--unit", KT, "--unit", "Cát Lái", data=data)
    assert result.exit_code == 0, result.output
    return out


def row_of(sheet: Any, task: str, milestone: str | None = None) -> int:
    for r in range(11, sheet.max_row + 1):
        if sheet[f"A{r}"].value == task and sheet[f"B{r}"].value == milestone:
            return r
    raise AssertionError(f"no row for {task} {milestone}")


def fill(form: Path, target: Path, rows: dict[tuple[str, str | None], dict[str, Any]],
         cells: dict[str, Any] | None = None, change: Any = None) -> Path:
    """Fill a form as an office does in a spreadsheet program: by row (task, milestone) and column."""
    book = load_workbook(form)
    sheet = book["Báo cáo"]
    for (task, milestone), values in rows.items():
        r = row_of(sheet, task, milestone)
        for letter, value in values.items():
            sheet[f"{letter}{r}"] = value
    for cell, value in (cells or {}).items():
        sheet[cell] = value
    if change is not None:
        change(book)
    book.save(target)
    return target


def kt_filled(sent: Path, target: Path) -> Path:
    return fill(sent / f"{KT}-{Q2}.xlsx", target, {
        ("1.1", "1"): {"H": nfd("Hoàn thành"), "I": 39979, "J": nfd("Đã phát 3 chương trình chuyên đề")},
        ("1.2", None): {"H": "đang thực hiện", "I": "30/06/2009", "L": nfd("Kế hoạch số 12/KH-PKT")},
        ("1.3", "1"): {"H": nfd("vướng mắc"), "I": "2009-05-20", "K": nfd("Chưa có kinh phí")},
    }, {"C7": "có", "C8": "05/07/2009"})


def cat_lai_filled(sent: Path, target: Path) -> Path:
    return fill(sent / f"{CAT_LAI}-{Q2}.xlsx", target, {
        ("1.2", None): {"H": "hoàn thành", "I": 39994, "J": "Mở 2 lớp\ncho hộ kinh doanh"},
    })


def report(data: Path, unit: str) -> Any:
    doc, problems = yamlio.read(data / "reports" / Q2 / f"{unit}.yaml")
    assert doc is not None, problems
    return doc.data


# ------------------------------------------------------------------ forms out


def test_forms_for_every_reporting_unit(tmp_path: Path, data: Path, cli: Cli) -> None:
    result = cli("forms", "--period", Q2, "--out", str(tmp_path / "all"), data=data)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "all").iterdir())
    # programme 8: the offices (phòng, ban, trung tâm, văn phòng) and the 11 wards (29); and the 11 other
    # units that lead or support a row of the appendix: Chi cục Thuế leads 5.4, Công an quận 6.5 and 7.1,
    # Công ty CP Thủ Thiêm co-leads 2.10 (its four milestones), Công ty QLPT Nhà leads 2.10a
    assert len(names) == 40 and f"{KT}-{Q2}.xlsx" in names and f"{CAT_LAI}-{Q2}.xlsx" in names
    for unit in ("chi-cuc-thue", "cong-an-quan", "cong-ty-cp-thu-thiem", "cong-ty-qlpt-nha", "so-khdt", "vien-kinh-te",
                 "hoi-doanh-nghiep", "ub-mttq-quan", "ban-chqs-quan"):
        assert f"{unit}-{Q2}.xlsx" in names, unit
    assert "ubnd-11-phuong-2009-Q2.xlsx" not in names  # the group reports through its wards
    assert "đã ghi 40 biểu mẫu quý 2009-Q2" in result.stderr
    tax = load_workbook(tmp_path / "all" / f"chi-cuc-thue-{Q2}.xlsx")["Báo cáo"]
    assert (tax["C4"].value, tax["A11"].value, tax["F11"].value, tax["A12"].value) == \
        ("Chi cục Thuế quận 2", "5.4", "chủ trì", None)
    company = load_workbook(tmp_path / "all" / f"cong-ty-cp-thu-thiem-{Q2}.xlsx")["Báo cáo"]
    assert [(company[f"A{r}"].value, company[f"B{r}"].value, company[f"F{r}"].value) for r in range(11, 15)] == \
        [("2.10", str(m), "chủ trì") for m in range(1, 5)]
    qldt = load_workbook(tmp_path / "all" / f"phong-qldt-{Q2}.xlsx")["Báo cáo"]  # 3.1.2's wards: on their forms
    assert qldt[f"F{row_of(qldt, '3.1.2')}"].value == "chủ trì"
    ward = load_workbook(tmp_path / "all" / f"{CAT_LAI}-{Q2}.xlsx")["Báo cáo"]
    assert ward[f"F{row_of(ward, '3.1.2')}"].value == "chủ trì (qua UBND các phường liên quan)"
    again = cli("forms", "--period", Q2, "--out", str(tmp_path / "all"), data=data)
    assert again.exit_code == 2 and "từ chối ghi đè" in again.stderr


def test_a_co_lead_no_form_goes_to_is_named_on_the_leads_form(tmp_path: Path, data: Path, cli: Cli) -> None:
    """3.1.2 co-led by «Các phòng - ban liên quan» (a unit naming no office): Phòng QLĐT's row says so."""
    plan = data / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("lead: [phong-qldt, ubnd-cac-phuong-lien-quan]",
                                                             "lead: [phong-qldt, cac-phong-ban-lien-quan]"),
                    encoding="utf-8")
    out = tmp_path / "forms"
    assert cli("forms", "--period", Q2, "--out", str(out), data=data).exit_code == 0
    assert not (out / f"cac-phong-ban-lien-quan-{Q2}.xlsx").exists()
    qldt = load_workbook(out / f"phong-qldt-{Q2}.xlsx")["Báo cáo"]
    assert qldt[f"F{row_of(qldt, '3.1.2')}"].value == \
        "chủ trì; cùng Các phòng - ban liên quan (không có biểu mẫu riêng)"


def test_form_layout(sent: Path) -> None:
    book = load_workbook(sent / f"{KT}-{Q2}.xlsx")
    assert book.sheetnames == ["Báo cáo", "Hướng dẫn"]
    sheet = book["Báo cáo"]
    assert (sheet["C3"].value, sheet["C4"].value, sheet["C5"].value) == (KT, "Phòng Kinh tế", Q2)
    assert sheet["C6"].value.date().isoformat() == "2009-07-05"  # the regime: the 5th of the month after
    r = row_of(sheet, "1.2")  # the document: 1.2 is led by Phòng Kinh tế, due every year
    assert sheet[f"F{r}"].value == "chủ trì" and sheet[f"E{r}"].value == "Tiếp tục triển khai hàng năm"
    assert sheet[f"D{r}"].value == "Các lớp phổ biến kiến thức theo đối tượng"
    assert sheet[f"F{row_of(sheet, '1.1', '1')}"].value == "phối hợp"
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet[f"A{r}"].protection.locked and not sheet[f"H{r}"].protection.locked
    assert sheet[f"H{r}"].fill.fgColor.rgb.endswith("FFF2CC") and sheet[f"I{r}"].number_format == "DD/MM/YYYY"
    assert not sheet["C7"].protection.locked and sheet["C7"].value is None
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert lists[f"H11:H{sheet.max_row}"] == '"' + STATUS_LIST.replace(", ", ",") + '"'
    assert lists["C7"] == '"có,không"'
    dates = [v for v in sheet.data_validations.dataValidation if v.type == "date"]
    assert (dates[0].formula1, dates[0].formula2) == ("39904", "39994")  # 01/04/2009 .. 30/06/2009
    assert "Lý do" in "".join(str(c.value) for c in book["Hướng dẫn"]["A"])
    ward = load_workbook(sent / f"{CAT_LAI}-{Q2}.xlsx")["Báo cáo"]
    assert ward[f"F{row_of(ward, '1.2')}"].value == "phối hợp (qua UBND 11 phường)"


def test_forms_refuse_a_half_year(tmp_path: Path, data: Path, cli: Cli) -> None:
    result = run_untouched(["forms", "--period", "2009-H1", "--out", str(tmp_path / "x"), "--data", str(data)],
                           tmp_path, 2)
    assert "'2009-H1' không phải là quý" in result.stderr


# ------------------------------------------------------------------ round trip


def test_round_trip_equals_record(tmp_path: Path, data: Path, sent: Path, cli: Cli) -> None:
    forms = [kt_filled(sent, tmp_path / "kt.xlsx"), cat_lai_filled(sent, tmp_path / "cl.xlsx")]
    result = cli("collect", "--period", Q2, *map(str, forms), data=data)
    assert result.exit_code == 0, result.output
    assert "kt.xlsx: đã ghi 3 mục" in result.stderr and "đã nộp ngày 2009-07-05" in result.stderr

    by_hand = shipped(tmp_path / "by-hand")
    for argv in (
        ["record", "1.1", "-m", "1", "-s", "hoàn thành", "--date", "2009-06-15", "--unit", KT,
         "--note", "Đã phát 3 chương trình chuyên đề"],
        ["record", "1.2", "-s", "đang thực hiện", "--date", "2009-06-30", "--unit", KT,
         "--evidence", "Kế hoạch số 12/KH-PKT"],
        ["record", "1.3", "-m", "1", "-s", "vướng mắc", "--date", "2009-05-20", "--unit", KT,
         "--reason", "Chưa có kinh phí"],
        ["submit", KT, "--period", Q2, "--date", "2009-07-05"],
        ["record", "1.2", "-s", "hoàn thành", "--date", "2009-06-30", "--unit", CAT_LAI,
         "--note", "Mở 2 lớp\ncho hộ kinh doanh"],
    ):
        assert cli(*argv, data=by_hand).exit_code == 0
    for unit in (KT, CAT_LAI):
        assert report(data, unit) == report(by_hand, unit)
    assert (data / "reports" / Q2 / f"{KT}.yaml").read_bytes() == (by_hand / "reports" / Q2 / f"{KT}.yaml").read_bytes()
    assert cli("check", data=data).exit_code == 0


def test_collecting_twice_records_nothing_new(tmp_path: Path, data: Path, sent: Path, cli: Cli) -> None:
    form = kt_filled(sent, tmp_path / "kt.xlsx")
    assert cli("collect", str(form), data=data).exit_code == 0
    before = snapshot(data)
    again = cli("collect", str(form), data=data)
    assert again.exit_code == 0
    assert again.stderr.strip() == (f"{form}: không có gì mới, biểu mẫu đã được thu trước đó (3 mục đã có); "
                                    "không ghi gì")
    assert snapshot(data) == before


def test_dry_run_writes_nothing(tmp_path: Path, data: Path, sent: Path, cli: Cli) -> None:
    form = kt_filled(sent, tmp_path / "kt.xlsx")
    before = snapshot(data)
    result = cli("collect", "--dry-run", str(form), data=data)
    assert result.exit_code == 0, result.output
    assert snapshot(data) == before
    assert result.stdout.splitlines() == [
        f"1.1 #1\thoàn thành\t2009-06-15\t{KT}\tĐã phát 3 chương trình chuyên đề",
        f"1.2\tđang thực hiện\t2009-06-30\t{KT}\tKế hoạch số 12/KH-PKT",
        f"1.3 #1\tvướng mắc\t2009-05-20\t{KT}\tChưa có kinh phí",
    ]
    assert "sẽ ghi 3 mục vào báo cáo quý 2009-Q2 của phong-kinh-te, đánh dấu đã nộp ngày 2009-07-05" in result.stderr


def test_an_empty_form_records_nothing(data: Path, sent: Path, cli: Cli) -> None:
    form = sent / f"{KT}-{Q2}.xlsx"
    result = run_untouched(["collect", str(form), "--data", str(data)], data, 0)
    assert result.stderr.strip() == f"{form}: biểu mẫu chưa điền gì; không ghi gì"


# ------------------------------------------------------------------ refusals, one line each, exit 2


def refused(tmp_path: Path, data: Path, form: Path, *options: str) -> str:
    result = run_untouched(["collect", *options, str(form), "--data", str(data)], data, 2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_refuses_a_form_for_another_period(tmp_path: Path, data: Path, sent: Path) -> None:
    form = kt_filled(sent, tmp_path / "kt.xlsx")
    assert refused(tmp_path, data, form, "--period", "2009-Q3") == \
        f"{form}!C5: biểu mẫu của kỳ 2009-Q2, không phải 2009-Q3"


def test_refuses_a_form_of_another_unit(tmp_path: Path, data: Path, sent: Path) -> None:
    form = kt_filled(sent, tmp_path / "kt.xlsx")
    assert refused(tmp_path, data, form, "--unit", "phong-tu-phap") == \
        f"{form}!C3: biểu mẫu của đơn vị phong-kinh-te, không phải phong-tu-phap"
    assert refused(tmp_path, data, form, "--unit", "phong-tu-phap", "--lang", "en") == \
        f"{form}!C3: the form is phong-kinh-te's, not phong-tu-phap's"


def test_refuses_a_changed_read_only_column(tmp_path: Path, data: Path, sent: Path) -> None:
    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx", {("1.1", "1"): {"F": "chủ trì", "H": "hoàn thành",
                                                                               "I": "01/06/2009"}})
    assert refused(tmp_path, data, form) == \
        f"{form}!F11: cột «Vai trò» chỉ để đọc đã bị sửa: ô ghi 'chủ trì', kế hoạch ghi 'phối hợp'"


def test_refuses_an_unknown_status(tmp_path: Path, data: Path, sent: Path) -> None:
    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx", {("1.1", "1"): {"H": "xong rồi", "I": "01/06/2009"}})
    assert refused(tmp_path, data, form) == f"{form}!H11: không có tình trạng 'xong rồi': chọn một trong {STATUS_LIST}"


def test_refuses_a_date_outside_the_period(tmp_path: Path, data: Path, sent: Path) -> None:
    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx", {("1.1", "1"): {"H": "hoàn thành", "I": "15/03/2009"}})
    assert refused(tmp_path, data, form) == \
        f"{form}!I11: ngày 15/03/2009 nằm ngoài quý 2009-Q2 (01/04/2009 – 30/06/2009)"
    typed = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt2.xlsx", {("1.1", "1"): {"H": "hoàn thành", "I": 20090615}})
    assert refused(tmp_path, data, typed) == \
        f"{typed}!I11: '20090615' không phải là ngày: viết dd/mm/yyyy, ví dụ 30/06/2009"
    def general(book: Any) -> None:  # the cell's date format replaced by General: Excel shows the number
        book["Báo cáo"]["I11"].number_format = "General"

    year = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt3.xlsx", {("1.1", "1"): {"H": "hoàn thành", "I": 2009}},
                change=general)
    assert refused(tmp_path, data, year) == (
        f"{year}!I11: ngày 01/07/1905 nằm ngoài quý 2009-Q2 (01/04/2009 – 30/06/2009); ô ghi số 2009, được đọc là "
        "ngày theo cách đếm của Excel: gõ ngày dạng dd/mm/yyyy")


def test_a_date_cell_is_the_date_excel_shows(tmp_path: Path, data: Path, sent: Path) -> None:
    """A number in a date-formatted cell is the date Excel shows: quoted as that date, never as its day count."""
    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx", {("1.1", "1"): {"H": "hoàn thành", "I": 39902}})
    assert refused(tmp_path, data, form) == \
        f"{form}!I11: ngày 30/03/2009 nằm ngoài quý 2009-Q2 (01/04/2009 – 30/06/2009)"


def test_refuses_a_missing_reason(tmp_path: Path, data: Path, sent: Path) -> None:
    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx", {("1.1", "1"): {"H": "hủy bỏ", "I": "01/06/2009"}})
    assert refused(tmp_path, data, form) == f"{form}!K11: tình trạng «hủy bỏ» cần lý do: ghi vào cột «Lý do»"
    assert refused(tmp_path, data, form, "--lang", "en") == \
        f"{form}!K11: the status «hủy bỏ» needs a reason: fill in the «Lý do» (reason) column"


def test_one_bad_form_never_silences_the_rest(tmp_path: Path, data: Path, sent: Path, cli: Cli) -> None:
    bad = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "bad.xlsx",
               {("1.1", "1"): {"H": "hoàn thành", "I": "01/01/2010"}, ("1.2", None): {"H": "vướng mắc", "I": 39990}})
    good = cat_lai_filled(sent, tmp_path / "cl.xlsx")
    result = cli("collect", str(bad), str(good), data=data)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == [
        f"{bad}!I11: ngày 01/01/2010 nằm ngoài quý 2009-Q2 (01/04/2009 – 30/06/2009)",
        f"{bad}!K14: tình trạng «vướng mắc» cần lý do: ghi vào cột «Lý do»"]
    assert "1 trên 2 biểu mẫu bị từ chối" in result.stderr
    assert not (data / "reports" / Q2 / f"{KT}.yaml").exists()
    assert report(data, CAT_LAI)["entries"][0]["status"] == "done"


# ------------------------------------------------------------------ hostile workbooks


def test_not_a_zip(tmp_path: Path, data: Path) -> None:
    form = tmp_path / "bao-cao.xlsx"
    form.write_text("Kính gửi Phòng Kinh tế", encoding="utf-8")
    assert refused(tmp_path, data, form) == \
        f"{form}: không phải tệp Excel .xlsx (không mở được như tệp zip); lưu biểu mẫu dạng .xlsx rồi gửi lại"


def test_a_zip_bomb(tmp_path: Path, data: Path) -> None:
    form = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(form, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/worksheets/sheet1.xml", "w") as f:
        chunk = b"\0" * 2**20
        for _ in range(20):  # 20 MiB of zeros: ~20 KiB on disk
            f.write(chunk)
    assert form.stat().st_size < 2**20
    assert refused(tmp_path, data, form) == \
        f"{form}: giải nén ra 20.0 MiB, quá giới hạn 16.0 MiB: đây không phải biểu mẫu (zip bomb?); không mở"


def test_a_formula_cell(tmp_path: Path, data: Path, sent: Path) -> None:
    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx",
                {("1.1", "1"): {"H": "hoàn thành", "I": "=DATE(2009,6,1)"}})
    assert refused(tmp_path, data, form) == \
        f"{form}!I11: ô chứa công thức (=DATE(2009,6,1)); gõ giá trị thay cho công thức"


def test_a_hundred_thousand_rows(tmp_path: Path, data: Path, sent: Path) -> None:
    form = kt_filled(sent, tmp_path / "kt.xlsx")
    rows = "".join(f'<row r="{n}"><c r="J{n}" t="inlineStr"><is><t>x</t></is></c></row>' for n in range(100, 100_100))
    _rewrite(form, "xl/worksheets/sheet1.xml",
             lambda xml: xml.replace(b"</sheetData>", rows.encode() + b"</sheetData>"))
    assert refused(tmp_path, data, form) == f"{form}: trang có hơn 3000 dòng: đây không phải biểu mẫu đã gửi đi"


def test_a_renamed_sheet(tmp_path: Path, data: Path, sent: Path) -> None:
    def rename(book: Any) -> None:
        book["Báo cáo"].title = "Sheet1"

    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx", {("1.1", "1"): {"H": "hoàn thành"}}, change=rename)
    assert refused(tmp_path, data, form) == \
        f"{form}: không có trang «Báo cáo» (các trang: Sheet1, Hướng dẫn); đừng đổi tên trang của biểu mẫu"


def _rewrite(path: Path, member: str, change: Any) -> None:
    """Replace one member of a zip (how a hostile workbook is made without a spreadsheet program)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info.filename, change(data) if info.filename == member else data)
    path.write_bytes(buffer.getvalue())


# ------------------------------------------------------------------ LibreOffice


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed: "
                    "apt-get install -y libreoffice-calc")
def test_libreoffice_opens_and_saves_the_form(tmp_path: Path, data: Path, sent: Path, cli: Cli) -> None:
    """The form converts to PDF without complaint, and a form filled then saved by LibreOffice
    is still read back to the same entries (LibreOffice rewrites the whole file)."""
    filled = kt_filled(sent, tmp_path / "kt.xlsx")
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    for target, folder in (("pdf", tmp_path / "pdf"), ("xlsx", tmp_path / "lo")):
        done = subprocess.run(["soffice", profile, "--headless", "--convert-to", target, "--outdir", str(folder),
                               str(filled)], capture_output=True, text=True, timeout=180)
        complaints = [line for line in (done.stdout + done.stderr).splitlines()
                      if line.strip() and "javaldx" not in line and not line.startswith("convert ")]
        assert done.returncode == 0 and not complaints, done.stdout + done.stderr
    assert (tmp_path / "pdf" / "kt.pdf").read_bytes().startswith(b"%PDF")
    result = cli("collect", str(tmp_path / "lo" / "kt.xlsx"), data=data)
    assert result.exit_code == 0, result.output
    assert [e["task"] for e in report(data, KT)["entries"]] == ["1.1", "1.2", "1.3"]
    assert report(data, KT)["submitted"] == "2009-07-05"


# ------------------------------------------------------------------ more of what an office sends back


def test_the_same_form_twice_in_one_run(tmp_path: Path, data: Path, sent: Path, cli: Cli) -> None:
    form = kt_filled(sent, tmp_path / "kt.xlsx")
    copy = tmp_path / "kt-gui-lai.xlsx"
    shutil.copy(form, copy)
    result = cli("collect", str(form), str(copy), data=data)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == (f"{copy}: không có gì mới, biểu mẫu đã được thu trước đó "
                                              "(3 mục đã có); không ghi gì")
    assert len(report(data, KT)["entries"]) == 3


def test_refuses_a_submission_on_another_day(tmp_path: Path, data: Path, sent: Path, cli: Cli) -> None:
    assert cli("submit", KT, "--period", Q2, "--date", "2009-07-01", data=data).exit_code == 0
    form = kt_filled(sent, tmp_path / "kt.xlsx")
    assert refused(tmp_path, data, form) == \
        f"{form}!C8: báo cáo quý 2009-Q2 của phong-kinh-te đã được đánh dấu nộp ngày 2009-07-01; không ghi gì"


def test_refuses_a_note_without_a_status_and_a_missing_file(tmp_path: Path, data: Path, sent: Path) -> None:
    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx", {("1.2", None): {"J": "Đã họp"}})
    assert refused(tmp_path, data, form) == f"{form}!H14: dòng có ngày hoặc ghi chú nhưng chưa chọn tình trạng"
    missing = tmp_path / "khong-co.xlsx"
    assert refused(tmp_path, data, missing, "--lang", "en") == f"{missing}: no such file"


def test_refuses_a_row_added_below_the_form(tmp_path: Path, data: Path, sent: Path) -> None:
    def add_row(book: Any) -> None:
        sheet = book["Báo cáo"]
        sheet.cell(row=sheet.max_row + 1, column=1, value="9.9")

    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx", {}, change=add_row)
    assert refused(tmp_path, data, form) == f"{form}!A26: dòng thêm vào biểu mẫu ('9.9'); xóa dòng này, không thêm dòng"


def test_current_status_is_the_units_own(tmp_path: Path, data: Path, cli: Cli) -> None:
    """Column G: the unit's own latest entry for the milestone; without one, the milestone's status."""
    assert cli("record", "1.2", "-s", "hoàn thành", "--date", "2009-05-01", "--unit", CAT_LAI, data=data).exit_code == 0
    assert cli("record", "1.2", "-s", "đang thực hiện", "--date", "2009-06-01", "--unit", KT, data=data).exit_code == 0
    out = tmp_path / "forms"
    units = ("--unit", KT, "--unit", CAT_LAI, "--unit", "ubnd-phuong-an-phu")
    assert cli("forms", "--period", Q2, "--out", str(out), *units, data=data).exit_code == 0
    for unit, status in ((KT, "đang thực hiện"), (CAT_LAI, "hoàn thành"), ("ubnd-phuong-an-phu", "đang thực hiện")):
        sheet = load_workbook(out / f"{unit}-{Q2}.xlsx")["Báo cáo"]
        assert sheet[f"G{row_of(sheet, '1.2')}"].value == status, unit


def test_a_zip_of_many_parts(tmp_path: Path, data: Path) -> None:
    form = tmp_path / "nhieu.xlsx"
    with zipfile.ZipFile(form, "w") as archive:
        for n in range(501):
            archive.writestr(f"xl/part{n}.xml", "")
    assert refused(tmp_path, data, form) == f"{form}: tệp gồm 501 phần, quá 500: đây không phải biểu mẫu; không mở"


def test_an_assumed_due_day_is_marked_on_the_form(tmp_path: Path, data: Path, sent: Path, cli: Cli) -> None:
    """The decision sets no due day for the quarterly report (plan.yaml marks the regime's grace day
    `assumed`): the form's due date says it is the standing agency's, not the decision's. A plan that
    states the due day has no such words."""
    sheet = load_workbook(sent / f"{KT}-{Q2}.xlsx")["Báo cáo"]
    assert sheet["C6"].value is not None and sheet["D6"].value.startswith("(giả định: Quyết định không ghi hạn")
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    stated = "".join(line for line in text.splitlines(keepends=True) if line.strip() != "assumed: [grace_day]")
    assert stated != text, "the shipped regime no longer marks its grace day assumed"
    plan.write_text(stated, encoding="utf-8")
    out = tmp_path / "stated"
    assert cli("forms", "--period", Q2, "--out", str(out), "--unit", KT, data=data).exit_code == 0
    assert load_workbook(out / f"{KT}-{Q2}.xlsx")["Báo cáo"]["D6"].value is None
