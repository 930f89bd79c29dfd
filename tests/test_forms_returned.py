"""Returned forms as offices (and attackers) really send them back: another unit's form, several
mistakes at once, a deleted or added row, a damaged or hostile workbook, plan text that looks like
a formula. Each refusal is checked whole: one line per problem, naming the cell, nothing written."""
# ruff: noqa: F811  (the fixtures `data` and `sent`, imported from test_forms, are the tests' parameters)

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from conftest import Cli, run_untouched, snapshot
from test_forms import (  # noqa: F401  (_today, data and sent are fixtures shared with test_forms)
    CAT_LAI,
    KT,
    Q2,
    _rewrite,
    _today,
    cat_lai_filled,
    data,
    fill,
    kt_filled,
    report,
    row_of,
    sent,
)

AN_KHANH, BINH_AN = "ubnd-phuong-an-khanh", "ubnd-phuong-binh-an"
SHEET = "xl/worksheets/sheet1.xml"


def refusal(data: Path, *forms: Path, lang: str = "vi") -> list[str]:
    """What `collect` says of refused forms (exit 2), every line; nothing may change on disk."""
    result = run_untouched(["collect", *map(str, forms), "--data", str(data), "--lang", lang], data, 2)
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    return result.stderr.strip().splitlines()


def ward_forms(tmp_path: Path, data: Path, cli: Cli, *units: str) -> Path:
    out = tmp_path / "wards"
    argv = [x for u in units for x in ("--unit", u)]
    assert cli("forms", "--period", Q2, "--out", str(out), *argv, data=data).exit_code == 0
    return out


# ------------------------------------------------------------------ one unit per form


def test_a_form_saved_under_another_wards_name_is_refused(tmp_path: Path, data: Path, cli: Cli) -> None:
    """An Khánh's form, filled by Bình An's clerk and saved under Bình An's file name."""
    out = ward_forms(tmp_path, data, cli, AN_KHANH)
    form = fill(out / f"{AN_KHANH}-{Q2}.xlsx", tmp_path / f"{BINH_AN}-{Q2}.xlsx",
                {("1.2", None): {"H": "hoàn thành", "I": "30/06/2009"}}, {"C7": "có", "C8": "05/07/2009"})
    assert refusal(data, form) == [
        f"{form}: biểu mẫu nêu hai đơn vị: {AN_KHANH} (ô C3) và {BINH_AN} (tên tệp {BINH_AN}-{Q2}.xlsx); "
        "không ghi gì: kiểm tra biểu mẫu này của đơn vị nào, dùng biểu mẫu gửi cho đơn vị đó"]
    assert refusal(data, form, lang="en") == [
        f"{form}: the form names two units: {AN_KHANH} (cell C3) and {BINH_AN} (the file name {BINH_AN}-{Q2}.xlsx); "
        "nothing written: check whose form this is and use the form sent to that unit"]


def test_a_retyped_unit_id_is_refused(tmp_path: Path, data: Path, sent: Path) -> None:
    """Cát Lái's form with only C3 retyped to An Phú: C4 and the file name still say Cát Lái."""
    form = fill(sent / f"{CAT_LAI}-{Q2}.xlsx", tmp_path / f"{CAT_LAI}-{Q2}.xlsx",
                {("1.2", None): {"H": "hoàn thành", "I": "30/06/2009"}}, {"C3": "ubnd-phuong-an-phu"})
    assert refusal(data, form) == [
        f"{form}: biểu mẫu nêu hai đơn vị: ubnd-phuong-an-phu (ô C3) và {CAT_LAI} (tên tệp {CAT_LAI}-{Q2}.xlsx); "
        "không ghi gì: kiểm tra biểu mẫu này của đơn vị nào, dùng biểu mẫu gửi cho đơn vị đó",
        f"{form}!C4: biểu mẫu nêu hai đơn vị: ubnd-phuong-an-phu (ô C3) và {CAT_LAI} (ô C4); "
        "không ghi gì: kiểm tra biểu mẫu này của đơn vị nào, dùng biểu mẫu gửi cho đơn vị đó"]


def test_a_reheaded_form_is_known_by_its_rows(tmp_path: Path, data: Path, sent: Path) -> None:
    """Phòng Kinh tế's form with C3 and C4 both retyped to Phòng Tư pháp: the rows are Kinh tế's."""
    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "bao-cao.xlsx", {("1.2", None): {"H": "hoàn thành", "I": 39994}},
                {"C3": "phong-tu-phap", "C4": "Phòng Tư pháp"})
    assert refusal(data, form) == [
        f"{form}!C3: biểu mẫu nêu hai đơn vị: phong-tu-phap (ô C3) và {KT} (các dòng nhiệm vụ là của biểu mẫu gửi "
        "cho đơn vị này); không ghi gì: kiểm tra biểu mẫu này của đơn vị nào, dùng biểu mẫu gửi cho đơn vị đó"]


def test_a_file_name_naming_no_unit_is_not_a_conflict(tmp_path: Path, data: Path, sent: Path, cli: Cli) -> None:
    form = cat_lai_filled(sent, tmp_path / "Bao cao quy 2 (ban sua).xlsx")
    assert cli("collect", str(form), data=data).exit_code == 0
    renamed = cat_lai_filled(sent, tmp_path / "Ủy ban nhân dân phường Cát Lái.xlsx")  # its name, not its id
    assert cli("collect", str(renamed), data=data).exit_code == 0


# ------------------------------------------------------------------ every problem in one pass


def test_every_problem_of_a_form_in_one_pass(tmp_path: Path, data: Path, sent: Path) -> None:
    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx", {
        ("1.1", "1"): {"H": "xong", "I": "=DATE(2009,6,1)"},
        ("1.2", None): {"H": "xong", "I": "15/03/2009"},
        ("1.3", "1"): {"G": "hoàn thành"},
    }, {"C7": "có", "C8": "=TODAY()"})
    assert refusal(data, form) == [
        f"{form}!C8: ô chứa công thức (=TODAY()); gõ giá trị thay cho công thức",
        f"{form}!H11: không có tình trạng 'xong': chọn một trong chưa thực hiện, đang thực hiện, hoàn thành, "
        "vướng mắc, hủy bỏ",
        f"{form}!I11: ô chứa công thức (=DATE(2009,6,1)); gõ giá trị thay cho công thức",
        f"{form}!H14: không có tình trạng 'xong': chọn một trong chưa thực hiện, đang thực hiện, hoàn thành, "
        "vướng mắc, hủy bỏ",
        f"{form}!I14: ngày 15/03/2009 nằm ngoài quý 2009-Q2 (01/04/2009 – 30/06/2009)",
        f"{form}!G15: cột «Tình trạng hiện tại» chỉ để đọc đã bị sửa: ô ghi 'hoàn thành', biểu mẫu gửi đi ghi "
        "'chưa thực hiện'; chọn tình trạng mới ở cột «Tình trạng (chọn)»",
    ]


def test_an_edited_current_status_is_named_without_the_record(tmp_path: Path, data: Path, sent: Path) -> None:
    """A form whose record of column G was lost (keywords cleared, or spaced out by an office program)."""
    def clear(book: Any) -> None:
        book.properties.keywords = None

    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx", {("1.2", None): {"G": "xong"}}, change=clear)
    assert refusal(data, form) == [
        f"{form}!G14: cột «Tình trạng hiện tại» chỉ để đọc đã bị sửa: ô ghi 'xong'; chọn tình trạng mới ở cột "
        "«Tình trạng (chọn)»"]

    def spaced(book: Any) -> None:
        book.properties.keywords = book.properties.keywords.replace(",", ", ")

    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt2.xlsx", {("1.2", None): {"G": "hoàn thành"}}, change=spaced)
    assert refusal(data, form)[0].startswith(f"{form}!G14: cột «Tình trạng hiện tại» chỉ để đọc đã bị sửa: ô ghi "
                                             "'hoàn thành', biểu mẫu gửi đi ghi 'chưa thực hiện'")


def test_a_deleted_row_is_named(tmp_path: Path, data: Path, sent: Path) -> None:
    def delete(book: Any) -> None:
        book["Báo cáo"].delete_rows(14)  # 1.2's row

    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx", {("1.1", "1"): {"H": "hoàn thành", "I": 39979}},
                change=delete)
    assert refusal(data, form) == [
        f"{form}: dòng của nhiệm vụ 1.2 («Tiếp tục tổ chức các lớp phổ biến cập …») đã bị xóa khỏi "
        "biểu mẫu (trước dòng 14); dùng lại biểu mẫu gốc, không xóa dòng"]


def test_an_added_row_is_quoted_without_cutting_a_word(tmp_path: Path, data: Path, sent: Path) -> None:
    text = "Tổ chức hội nghị chuyên đề về thương mại điện tử cho các doanh nghiệp vừa và nhỏ trên địa bàn quận"

    def insert(book: Any) -> None:
        sheet = book["Báo cáo"]
        sheet.insert_rows(14)
        sheet["A14"], sheet["C14"] = "1.2b", text

    form = fill(sent / f"{KT}-{Q2}.xlsx", tmp_path / "kt.xlsx", {}, change=insert)
    [line] = refusal(data, form)
    quoted = re.fullmatch(rf"{re.escape(str(form))}!A14: dòng thêm vào biểu mẫu \('1\.2b \| (.*) …'\); "
                          "xóa dòng này, không thêm dòng", line)
    assert quoted is not None, line
    assert text.startswith(quoted.group(1) + " ") and len(quoted.group(1)) < len(text)  # cut between two words


# ------------------------------------------------------------------ hostile and damaged workbooks


def test_an_entity_bomb_is_refused_before_it_is_expanded(tmp_path: Path, data: Path, sent: Path) -> None:
    """A DOCTYPE declaring an entity, referenced in a cell (small here: the refusal is what is tested)."""
    form = kt_filled(sent, tmp_path / "kt.xlsx")
    bomb = b'<!DOCTYPE worksheet [<!ENTITY a "' + b"ha" * 512 + b'">]>'

    def arm(xml: bytes) -> bytes:
        head, _, rest = xml.partition(b"?>")
        return head + b"?>" + bomb + rest.replace(b"<t>1.1</t>", b"<t>&a;&a;&a;&a;&a;&a;&a;&a;</t>", 1)

    _rewrite(form, SHEET, arm)
    assert refusal(data, form) == [
        f"{form}: phần {SHEET} của tệp khai báo DOCTYPE hay thực thể XML, điều biểu mẫu không bao giờ có "
        "(có thể là bom thực thể); không mở"]
    wide = kt_filled(sent, tmp_path / "kt16.xlsx")  # the same in UTF-16: still seen
    _rewrite(wide, SHEET, lambda xml: arm(xml).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
             .encode("utf-16"))
    assert len(refusal(data, wide)) == 1


def test_openpyxl_parses_with_defusedxml() -> None:
    """The dependency that turns entity expansion off in openpyxl is declared and installed."""
    from openpyxl.xml import DEFUSEDXML

    pyproject = (Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert DEFUSEDXML and re.search(r'^\s*"defusedxml>=', pyproject, re.MULTILINE)


def _damage_cell(cell: str, replacement: str) -> Any:
    def change(xml: bytes) -> bytes:
        text, n = re.subn(rf'<c r="{cell}"[^>]*?(/>|>.*?</c>)', replacement, xml.decode(), count=1, flags=re.DOTALL)
        assert n == 1, cell
        return text.encode()
    return change


DAMAGE = {
    "cut short": (lambda xml: xml[: len(xml) // 2], f"phần {SHEET} của tệp bị hỏng ở dòng 1, cột "),
    "undefined entity": (_damage_cell("C8", '<c r="C8" t="inlineStr"><is><t>&khong;</t></is></c>'),
                         f"phần {SHEET} của tệp bị hỏng ở dòng 1, cột "),
    "text in a number": (_damage_cell("I11", '<c r="I11" s="14" t="n"><v>mười lăm</v></c>'),
                         "!I11: ô hỏng: kiểu số nhưng ghi 'mười lăm'; gõ lại ô này"),
    "bad boolean": (_damage_cell("C7", '<c r="C7" t="b"><v>2</v></c>'),
                    "!C7: ô hỏng: kiểu đúng/sai nhưng ghi '2'; gõ lại ô này"),
    "bad date": (_damage_cell("C8", '<c r="C8" t="d"><v>2009-13-45</v></c>'),
                 "!C8: ô hỏng: kiểu ngày nhưng ghi '2009-13-45'; gõ lại ô này"),
    "absolute reference": (_damage_cell("H16", '<c r="H$16" t="inlineStr"><is><t>x</t></is></c>'),
                           ": trang có ô mang địa chỉ hỏng 'H$16': mở bằng Excel hay LibreOffice, lưu lại rồi gửi lại"),
    "shared string out of range": (_damage_cell("J11", '<c r="J11" t="s"><v>99999</v></c>'),
                                   "!J11: ô hỏng: trỏ tới chuỗi dùng chung số 99999 mà tệp không có; gõ lại ô này"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_sheet_is_that_forms_refusal(kind: str, tmp_path: Path, data: Path, sent: Path, cli: Cli) -> None:
    damage, said = DAMAGE[kind]
    bad = kt_filled(sent, tmp_path / "kt.xlsx")
    _rewrite(bad, SHEET, damage)
    good = cat_lai_filled(sent, tmp_path / "cl.xlsx")
    result = cli("collect", str(bad), str(good), data=data)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith(str(bad)) and said in lines[0], lines
    assert not lines[1].startswith(str(bad)) and "internal error" not in result.stderr
    assert not (data / "reports" / Q2 / f"{KT}.yaml").exists()
    assert report(data, CAT_LAI)["entries"][0]["status"] == "done"  # the good form after it is read


def test_cells_out_of_order_are_read(tmp_path: Path, data: Path, sent: Path, cli: Cli) -> None:
    """Cells of a row written last-to-first, and rows written in reverse: read as LibreOffice shows them."""
    form = kt_filled(sent, tmp_path / "kt.xlsx")
    expected = cli("collect", "--dry-run", str(form), data=data).stdout

    def shuffle(xml: bytes) -> bytes:
        text = xml.decode()
        start, end = text.index("<sheetData>") + len("<sheetData>"), text.index("</sheetData>")
        rows = re.findall(r"<row .*?</row>", text[start:end], re.DOTALL)
        flipped = []
        for row in reversed(rows):
            head, body = re.match(r"(<row [^>]*>)(.*)</row>", row, re.DOTALL).groups()  # type: ignore[union-attr]
            cells = re.findall(r'<c r="[^"]*"[^>]*?(?:/>|>.*?</c>)', body, re.DOTALL)
            flipped.append(head + "".join(reversed(cells)) + "</row>")
        return (text[:start] + "".join(flipped) + text[end:]).encode()

    _rewrite(form, SHEET, shuffle)
    result = cli("collect", "--dry-run", str(form), data=data)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected and len(expected.splitlines()) == 3


def test_rows_sorted_in_the_sheet_are_read(tmp_path: Path, data: Path, sent: Path, cli: Cli) -> None:
    """A clerk sorts the rows (1.3 #1 moved above 1.1 #1): each row is still known by its read-only cells."""
    form = kt_filled(sent, tmp_path / "kt.xlsx")
    expected = cli("collect", "--dry-run", str(form), data=data).stdout

    def swap(book: Any) -> None:
        sheet = book["Báo cáo"]
        a, b = row_of(sheet, "1.1", "1"), row_of(sheet, "1.3", "1")
        for letter in "ABCDEFGHIJKL":
            sheet[f"{letter}{a}"].value, sheet[f"{letter}{b}"].value = sheet[f"{letter}{b}"].value, \
                sheet[f"{letter}{a}"].value

    moved = fill(form, tmp_path / "kt-sorted.xlsx", {}, change=swap)
    result = cli("collect", "--dry-run", str(moved), data=data)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected and len(expected.splitlines()) == 3


def test_an_ods_is_refused_in_the_users_language(tmp_path: Path, data: Path) -> None:
    form = tmp_path / "bao-cao.ods"
    with zipfile.ZipFile(form, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert refusal(data, form) == [
        f"{form}: tệp bảng tính OpenDocument (.ods), không phải .xlsx: trong LibreOffice chọn Lưu thành «Excel "
        "2007-365 (.xlsx)» rồi gửi lại"]
    assert refusal(data, form, lang="en") == [
        f"{form}: an OpenDocument spreadsheet (.ods), not .xlsx: in LibreOffice choose Save As «Excel 2007-365 "
        "(.xlsx)» and send it again"]
    old = tmp_path / "bao-cao.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert refusal(data, old) == [
        f"{old}: tệp Excel 97-2003 (.xls), không phải .xlsx: trong Excel chọn Lưu thành «Excel Workbook (.xlsx)» "
        "rồi gửi lại"]


# ------------------------------------------------------------------ plan text that looks like a formula


def test_plan_text_starting_with_equals_is_text_in_the_form(tmp_path: Path, data: Path, cli: Cli) -> None:
    plan = data / "plan.yaml"
    product = "Các lớp phổ biến kiến thức theo đối tượng"
    evil = '=HYPERLINK("http://example.org/x","Các lớp")'
    source = plan.read_text(encoding="utf-8")
    assert source.index(product) > source.index('id: "1.2"')  # 1.2's product comes first
    plan.write_text(source.replace(product, "'" + evil.replace("'", "''") + "'", 1), encoding="utf-8")
    out = tmp_path / "forms"
    assert cli("forms", "--period", Q2, "--out", str(out), "--unit", KT, data=data).exit_code == 0
    sent_form = out / f"{KT}-{Q2}.xlsx"
    with zipfile.ZipFile(sent_form) as archive:
        assert b"<f>" not in archive.read(SHEET) and b"HYPERLINK" in archive.read(SHEET)
    sheet = load_workbook(sent_form)["Báo cáo"]
    r = row_of(sheet, "1.2")
    assert (sheet[f"D{r}"].value, sheet[f"D{r}"].data_type) == (evil, "s")
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    filled = fill(sent_form, tmp_path / "kt.xlsx", {("1.2", None): {"H": "đang thực hiện", "I": "30/06/2009"}})
    before = snapshot(data)
    result = cli("collect", str(filled), data=data)
    assert result.exit_code == 0, result.output
    assert snapshot(data) != before and report(data, KT)["entries"][0]["task"] == "1.2"


def test_the_round_trip_still_holds_after_a_copy(tmp_path: Path, data: Path, sent: Path, cli: Cli) -> None:
    """A copy of a sent form under its own name (what an office mails back) is read: its name agrees."""
    form = tmp_path / f"{KT}-{Q2}.xlsx"
    shutil.copy(kt_filled(sent, tmp_path / "kt.xlsx"), form)
    assert cli("collect", str(form), data=data).exit_code == 0
    assert [e["task"] for e in report(data, KT)["entries"]] == ["1.1", "1.2", "1.3"]
