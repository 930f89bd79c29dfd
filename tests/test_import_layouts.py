"""`hoinhap import` on the layouts documents arrive in, built here: HTML tables split at page
breaks, merged cells, numbering that restarts in each section, repeated headers; and on what
cannot be read (exit 2, nothing written), deadline cells and unit cells one by one."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from conftest import hoinhap, run_untouched, snapshot
from hoinhap_cli.importing.deadlines import read_cell
from hoinhap_cli.importing.units import Registry, kind_of, split_cell
from import_docs import draft, run_import, tasks_of, unit_names

HEAD = "<p>ỦY BAN NHÂN DÂN XÃ AN PHÚ</p><p>Số: 12/KH-UBND</p><p>An Phú, ngày 05 tháng 3 năm 2025</p>" \
       "<p>KẾ HOẠCH</p><p>Chuyển đổi số năm 2025</p>"
COLS = "<tr><th>TT</th><th>Nội dung</th><th>Thời hạn</th><th>Đơn vị thực hiện</th><th>Ghi chú</th></tr>"


def cp1258(text: str) -> bytes:
    """Text as an old Vietnamese page stores it: windows-1258, the tone a combining mark."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            marks = unicodedata.normalize("NFD", ch)
            tone = next(m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323")
            out += unicodedata.normalize("NFC", marks.replace(tone, "")).encode("cp1258") + tone.encode("cp1258")
    return out


def imported(tmp_path: Path, name: str, text: str, folder: str = "out") -> Path:
    """The draft folder of a document written as `name` (what the import says is not looked at)."""
    out = tmp_path / folder
    run_import(write(tmp_path, name, text), out)
    return out


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_row_split_across_two_html_tables_is_joined_and_said(tmp_path: Path) -> None:
    page = (f"<html><body>{HEAD}<table>{COLS}"
            "<tr><td>1</td><td>Rà soát thủ tục hành chính;</td><td>6/2025</td><td>Văn phòng UBND xã</td><td></td></tr>"
            "</table><p>2</p><table>"
            "<tr><td></td><td>công khai trên cổng thông tin</td><td></td><td></td><td></td></tr>"
            "<tr><td>2</td><td>Số hóa hồ sơ</td><td>Quí IV-2025</td><td>Công an xã</td><td>Ưu tiên</td></tr>"
            "</table></body></html>")
    out = tmp_path / "out"
    code, stdout, _ = run_import(write(tmp_path, "kh.html", page), out)
    assert code == 1
    tasks = tasks_of(draft(out))
    assert list(tasks) == ["1", "2"]  # no row dropped, none invented
    assert tasks["1"]["title"] == "Rà soát thủ tục hành chính; công khai trên cổng thông tin"
    assert tasks["1"]["milestones"] == [{"due": "2025-06", "source": "6/2025"}]  # columns in another order
    assert tasks["2"]["milestones"] == [{"due": "2025-Q4", "source": "Quí IV-2025"}]
    assert tasks["2"]["remarks"] == "Ưu tiên"
    assert unit_names(draft(out), tasks["2"]["lead"]) == ["Công an xã"]
    assert "ngắt trang" in stdout  # the join is in the review list


def test_merged_cells_are_inherited_by_the_unnumbered_row_below(tmp_path: Path) -> None:
    page = (f"<html><body>{HEAD}<table><tr><th>STT</th><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th>"
            "<th>Sản phẩm</th><th>Thời gian</th><th>Nguồn kinh phí</th></tr>"
            "<tr><td>1</td><td>Lập đề án</td><td rowspan='2'>Phòng Văn hóa - Thông tin</td><td>Đề án</td>"
            "<td rowspan='2'>Năm 2025-2030</td><td rowspan='2'>Ngân sách xã</td></tr>"
            "<tr><td></td><td>- Triển khai đề án</td><td>Báo cáo</td></tr>"
            "</table></body></html>")
    out = imported(tmp_path, "kh.html", page)
    tasks = tasks_of(draft(out))
    assert tasks["1"]["milestones"] == [{"due": "2025..2030", "source": "Năm 2025-2030"}]
    assert tasks["1"]["funding"] == "Ngân sách xã"
    sub = tasks["1a"]
    assert sub["id_assigned"] is True and sub["products"] == ["Báo cáo"]
    assert sub["inherits"] == {"from": "1", "fields": ["due", "funding", "lead"]}
    assert "milestones" not in sub and "lead" not in sub


MD = """# KẾ HOẠCH
Số: 7/KH-UBND
Hà Nội, ngày 01 tháng 02 năm 2025

| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
|---|---|---|---|---|
| **A** | **NHIỆM VỤ TRỌNG TÂM** | | | |
| **I** | Thể chế | | | |
| 1 | Ban hành quy chế | Sở Nội vụ | Sở Sở Công thương | Khi có phát sinh |
| 2 | Sửa quy chế | Sở KH&CN | Sở Khoa học và Công nghệ Sở Công Thương | Định kỳ 06 tháng |
| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
| **IV** | Hạ tầng | | | |
| 1 | Lắp đặt trạm | Sở Khoa học và Công nghệ | | hàng tháng |
| **IV** | Nhân lực | | | |
| 1 | Đào tạo | Sở Nội vụ | | |
"""


def test_numbering_that_restarts_gets_unique_ids_and_the_documents_labels(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, _ = run_import(write(tmp_path, "kh.md", MD), out)
    assert code == 1
    plan = draft(out)
    tasks = tasks_of(plan)
    assert list(tasks) == ["1.1.1", "1.1.2", "1.2.1", "1.3.1"]  # the repeated header row is no task
    assert [tasks[t].get("label") for t in tasks] == ["I.1", "I.2", "IV.1", "IV.1"]
    groups = {g["id"]: g for g in plan["programs"]}
    assert groups["1.1"]["parent"] == "1" and groups["1.3"]["label"] == "IV"  # A → I, IV, IV
    assert "lặp lại" in stdout  # the repeated label "IV" is in the review list
    # a head word typed twice, an abbreviation, two units run together: one registry entry per body
    assert unit_names(plan, tasks["1.1.1"]["support"]) == ["Sở Công thương"]
    assert tasks["1.1.2"]["lead"] == tasks["1.2.1"]["lead"]
    assert unit_names(plan, tasks["1.1.2"]["support"]) == ["Sở KH&CN", "Sở Công thương"]  # first spellings
    assert [m["due"] for t in tasks.values() for m in t["milestones"]] == ["on-demand", "every half",
                                                                          "every month", "none"]


def test_a_document_that_cannot_be_read_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    # windows-1258 with no charset said: refused, not guessed
    (tmp_path / "latin1.txt").write_bytes(cp1258("KẾ HOẠCH\n\n| TT | Nhiệm vụ | Cơ quan chủ trì |\n"))
    write(tmp_path, "notable.txt", "KẾ HOẠCH\n\nKhông có bảng nào.\n")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04not really a zip")
    for name, why in (("missing.docx", "không có tệp"), ("latin1.txt", "UTF-8"), ("notable.txt", "bảng nhiệm vụ"),
                      ("broken.docx", "Word")):
        result = run_untouched(["import", str(tmp_path / name), "--out", str(tmp_path / "out")], tmp_path, 2)
        lines = (result.stdout + result.stderr).strip().splitlines()
        assert len(lines) == 1 and name in lines[0] and why in lines[0], lines


def test_an_out_folder_with_content_is_refused(tmp_path: Path) -> None:
    document = write(tmp_path, "kh.md", MD)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "ghi-chu.txt").write_text("giữ nguyên", encoding="utf-8")
    result = run_untouched(["import", str(document), "--out", str(tmp_path / "out"), "--lang", "en"], tmp_path, 2)
    assert "not empty" in result.stdout + result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, _ = run_import(document, empty)
    assert code == 1 and (empty / "plan.yaml").is_file()
    assert snapshot(empty)["plan.yaml"]


def test_english_output_and_the_guesses_even_a_clean_document_needs(tmp_path: Path) -> None:
    plain = ("KẾ HOẠCH\n\nSố: 3/KH-UBND\nHuế, ngày 02 tháng 01 năm 2025\n\n"
             "| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
             "| 1 | Ban hành quy chế | Sở Nội vụ | 2025 |\n")
    out = tmp_path / "out"
    code, stdout, stderr = run_import(write(tmp_path, "kh.md", plain), out, "--lang", "en")
    assert "1 task rows read (the document numbers 1)" in stderr
    assert code == 1 and "standing agency" in stdout  # the standing agency is a guess: said
    assert "đoán" in (out / "plan.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("cell", "expected"), [
    ("6/2025", ["2025-06"]), ("Tháng 10/2025", ["2025-10"]), ("Quí IV-2025", ["2025-Q4"]),
    ("Quý IV/2025- Quý II/2026", ["2025-Q4..2026-Q2"]), ("Năm 2025-2030", ["2025..2030"]),
    ("Khi có phát sinh", ["on-demand"]), ("2025 và những năm tiếp theo", ["2025.."]),
    ("Thường xuyên", ["ongoing"]), ("Hằng năm", ["every year"]), ("", ["none"]),
    ("- Quý III -2008\n\n- 2009, 2010", ["2008-Q3", "2009", "2010"]), ("Đến năm 2010", ["by 2010"]),
    ("Đến cuối năm 2009", ["2009-12-31"]), ("- Từ quý IV - 2008 đến quý II - 2009", ["2008-Q4..2009-Q2"]),
    ("Quý III Năm 2026", ["2026-Q3"]), ("Định kỳ 06 tháng", ["every half"]), ("hàng tháng", ["every month"]),
    ("Tháng 6 năm 2025", ["2025-06"]), ("Giai đoạn 2025-2030", ["2025..2030"]), ("Từ năm 2026", ["2026.."]),
    ("Trước 30/6/2025", ["2025-06-30"]), ("6 tháng đầu năm 2025", ["2025-H1"]),
])
def test_deadline_cells(cell: str, expected: list[str]) -> None:
    assert [r.due for r in read_cell(cell)] == expected


@pytest.mark.parametrize(("cell", "names"), [
    ("Sở Khoa học và Công nghệ Sở Công Thương; UBND các phường, xã",
     ["Sở Khoa học và Công nghệ", "Sở Công Thương", "UBND các phường, xã"]),
    ("Các bộ, ngành, địa phương", ["Các bộ, ngành, địa phương"]),
    ("Bộ Văn hóa, Thể thao và Du lịch", ["Bộ Văn hóa, Thể thao và Du lịch"]),
    ("Phòng VH-TT-TT và Trung tâm Văn hóa quận", ["Phòng VH-TT-TT", "Trung tâm Văn hóa quận"]),
    ("Phòng Quản lý đô thị, Tài nguyên và Môi trường", ["Phòng Quản lý đô thị", "Phòng Tài nguyên và Môi trường"]),
    ("Sở Sở Công thương", ["Sở Công thương"]),
    ("- Phòng QLĐT\n\n- Ban QLDA khu vực 2", ["Phòng QLĐT", "Ban QLDA khu vực 2"]),
    ("Bộ Tài chính, bộ, ngành liên quan", ["Bộ Tài chính", "bộ, ngành liên quan"]),
    ("Bộ Quốc phòng, Viện Hàn lâm Khoa học và Công nghệ và các bộ, ngành, địa phương",  # Nghị quyết 03, row 51
     ["Bộ Quốc phòng", "Viện Hàn lâm Khoa học và Công nghệ", "các bộ, ngành, địa phương"]),
    ("Ban Bồi thường, giải phóng mặt bằng", ["Ban Bồi thường, giải phóng mặt bằng"]),
])
def test_unit_cells(cell: str, names: list[str]) -> None:
    assert split_cell(cell)[0] == names


@pytest.mark.parametrize(("cell", "names", "qualifier"), [
    ("Các phòng - ban và phường có liên quan", ["Các phòng - ban có liên quan", "các phường có liên quan"],
     "có liên quan"),  # the seed's row 3.2.4: offices and wards
    ("Các sở, ngành và UBND các phường liên quan", ["Các sở, ngành liên quan", "UBND các phường liên quan"],
     "liên quan"),
    ("các sở, ngành và UBND các phường liên quan", ["các sở, ngành liên quan", "UBND các phường liên quan"],
     "liên quan"),
    ("Phòng Kinh tế; Các đơn vị và doanh nghiệp có liên quan",
     ["Phòng Kinh tế", "Các đơn vị có liên quan", "các doanh nghiệp có liên quan"], "có liên quan"),
    ("Các Sở - ngành và địa phương chức năng", ["Các Sở - ngành chức năng", "các địa phương chức năng"], "chức năng"),
])
def test_two_kinds_of_body_sharing_a_qualifier_are_two_groups_and_said(cell: str, names: list[str],
                                                                       qualifier: str) -> None:
    got, choices = split_cell(cell)
    assert got == names
    said = [c for c in choices if c.key == "import.choice.shared"]
    assert len(said) == 1 and said[0].values["qualifier"] == qualifier
    assert said[0].values["parts"] == " | ".join(names)


@pytest.mark.parametrize(("cell", "names"), [
    ("Sở Khoa học và Công nghệ", ["Sở Khoa học và Công nghệ"]),  # a proper name: never split
    ("Phòng Tài nguyên và Môi trường", ["Phòng Tài nguyên và Môi trường"]),
    ("Các doanh nghiệp vừa và nhỏ có liên quan", ["Các doanh nghiệp vừa và nhỏ có liên quan"]),  # "nhỏ": no body
    ("Các phòng - ban liên quan và UBND 11 phường", ["Các phòng - ban liên quan", "UBND 11 phường"]),  # not moved
    ("Bộ Khoa học và Công nghệ và các cơ quan liên quan", ["Bộ Khoa học và Công nghệ", "các cơ quan liên quan"]),
    ("Các phòng, ban và UBND 11 phường", ["Các phòng, ban", "UBND 11 phường"]),  # no qualifier to share
])
def test_a_proper_name_or_a_qualifier_of_one_side_is_not_shared(cell: str, names: list[str]) -> None:
    got, choices = split_cell(cell)
    assert got == names
    assert not any(c.key == "import.choice.shared" for c in choices)


def test_each_group_of_a_shared_split_is_the_group_already_known_by_its_spelling() -> None:
    registry = Registry()
    offices, _ = registry.add("Các phòng - ban liên quan")
    wards, _ = registry.add("UBND các phường liên quan")
    eleven, _ = registry.add("UBND 11 phường")
    names, _ = split_cell("Các phòng - ban và phường có liên quan")
    (first, said_first), (second, said_second) = (registry.add(n) for n in names)
    assert (first, second) == (offices, wards)
    assert said_first is not None and said_second is not None  # each match is on the review list
    assert registry.add("Các phường")[0] not in (wards, eleven)  # no qualifier: another group
    assert registry.add("Phòng Kinh tế có liên quan")[0] is not offices  # no group: no group match
    assert len(registry.units) == 5


def test_a_comma_for_and_in_a_name_is_the_same_body_and_said() -> None:
    registry = Registry()
    ministry, _ = registry.add("Bộ Khoa học và Công nghệ")
    again, said = registry.add("Bộ Khoa học, Công nghệ")  # Nghị quyết 03, row 46
    office, _ = registry.add("Sở Khoa học, Công nghệ")  # another head: another body
    assert again is ministry and said is not None and said.values["name"] == "Bộ Khoa học và Công nghệ"
    assert office is not ministry


def test_two_bodies_are_never_merged_silently() -> None:
    registry = Registry()
    first, _ = registry.add("Sở Khoa học và Công nghệ")
    again, said = registry.add("Sở KH&CN")
    other, _ = registry.add("Bộ Khoa học và Công nghệ")  # one letter apart, another body
    assert again is first and said is not None
    assert other is not first


def test_a_word_table_with_merged_cells_gives_inherited_cells(tmp_path: Path) -> None:
    import docx  # python-docx builds the Word file here: real w:vMerge cells, no fixture file

    word = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN HUYỆN CỦ CHI", "Số: 45/KH-UBND", "Củ Chi, ngày 10 tháng 4 năm 2025", "KẾ HOẠCH",
                 "Cải cách hành chính năm 2025"):
        word.add_paragraph(line)
    table = word.add_table(rows=3, cols=5)
    for col, text in enumerate(["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]):
        table.cell(0, col).text = text
    for col, text in enumerate(["1", "Rà soát quy trình", "Phòng Nội vụ", "Văn phòng HĐND và UBND", "Quý II/2025"]):
        table.cell(1, col).text = text
    table.cell(2, 1).text = "- Niêm yết công khai"
    table.cell(2, 3).text = "UBND các xã, thị trấn"
    table.cell(1, 2).merge(table.cell(2, 2))  # the lead cell spans both rows
    table.cell(1, 4).merge(table.cell(2, 4))  # and so does the time cell
    path = tmp_path / "ke-hoach.docx"
    word.save(str(path))
    out = tmp_path / "out"
    code, stdout, stderr = run_import(path, out)
    assert code == 1 and "Word (.docx)" in stderr
    plan = draft(out)
    tasks = tasks_of(plan)
    assert tasks["1"]["milestones"] == [{"due": "2025-Q2", "source": "Quý II/2025"}]
    assert unit_names(plan, tasks["1"]["lead"]) == ["Phòng Nội vụ"]
    assert tasks["1a"]["inherits"] == {"from": "1", "fields": ["due", "lead"]}
    assert unit_names(plan, tasks["1a"]["support"]) == ["UBND các xã, thị trấn"]
    assert "bảng 1, hàng 3" in stdout  # the merged cell's place, as a Word table cell


def test_a_two_row_header_splits_the_units_and_the_times(tmp_path: Path) -> None:
    page = (f"<html><body>{HEAD}<table>"
            "<tr><th rowspan='2'>TT</th><th rowspan='2'>Nội dung nhiệm vụ</th><th colspan='2'>Cơ quan thực hiện</th>"
            "<th colspan='2'>Thời gian thực hiện</th></tr>"
            "<tr><th>Chủ trì</th><th>Phối hợp</th><th>Bắt đầu</th><th>Hoàn thành</th></tr>"
            "<tr><td>1</td><td>Rà soát</td><td>Công an xã</td><td>Đoàn Thanh niên xã</td><td>2025</td>"
            "<td>Tháng 12/2026</td></tr>"
            "</table></body></html>")
    out = imported(tmp_path, "kh.html", page)
    plan = draft(out)
    tasks = tasks_of(plan)
    assert list(tasks) == ["1"]  # the second header row is no task
    assert unit_names(plan, tasks["1"]["lead"]) == ["Công an xã"]
    assert unit_names(plan, tasks["1"]["support"]) == ["Đoàn Thanh niên xã"]
    assert tasks["1"]["milestones"] == [{"due": "2026-12", "source": "Tháng 12/2026"}]


def test_rows_labelled_with_letters_or_without_a_number_column_get_valid_ids(tmp_path: Path) -> None:
    lettered = ("KẾ HOẠCH\n\n| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
                "| I | Thể chế | | |\n| a) | Ban hành quy chế | Sở Nội vụ | 2025 |\n"
                "| b) | Sửa quy chế | Sở Nội vụ | 2026 |\n| 3 | Ban hành | Sở Tư pháp | 2025 |\n"
                "| 3 | Ban hành lại | Sở Tư pháp | 2026 |\n")
    out = imported(tmp_path, "a.md", lettered, "lettered")
    tasks = tasks_of(draft(out))
    assert list(tasks) == ["1.1", "1.2", "1.3", "1.3b"]  # a number the document repeats is never lost
    assert [t.get("label") for t in tasks.values()] == ["I.a)", "I.b)", "I.3", "I.3"]
    plain = ("KẾ HOẠCH\n\n| Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|\n"
             "| Ban hành quy chế | Sở Nội vụ | 2025 |\n| Sửa quy chế | Sở Nội vụ | 2026 |\n")
    out = imported(tmp_path, "b.md", plain, "plain")
    assert list(tasks_of(draft(out))) == ["1", "2"]
    assert hoinhap("check", "--data", str(out)).exit_code == 0


def test_word_list_numbering_in_the_number_column_is_read(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph("KẾ HOẠCH")
    table = word.add_table(rows=4, cols=3)
    for col, text in enumerate(["TT", "Nhiệm vụ", "Cơ quan chủ trì"]):
        table.cell(0, col).text = text
    rows = [("Rà soát", "Sở Nội vụ"), ("Ban hành", "Sở Tư pháp"), ("Kiểm tra", "Thanh tra tỉnh")]
    for row, (task, unit) in enumerate(rows, start=1):
        table.cell(row, 0).paragraphs[0].style = word.styles["List Number"]  # Word numbers it: 1., 2., 3.
        table.cell(row, 1).text = task
        table.cell(row, 2).text = unit
    path = tmp_path / "so.docx"
    word.save(str(path))
    out = tmp_path / "out"
    run_import(path, out)
    tasks = tasks_of(draft(out))
    assert list(tasks) == ["1", "2", "3"] and not any(t.get("id_assigned") for t in tasks.values())


def test_an_html_page_in_windows_1258_with_section_labels_inside_the_title_cell(tmp_path: Path) -> None:
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body>'
            "<p>KẾ HOẠCH</p><table><tr><td>STT</td><td>Nội dung</td><td>Cơ quan chủ trì</td><td>Thời gian</td></tr>"
            "<tr><td></td><td>I. NHIỆM VỤ CHUNG</td><td></td><td></td></tr>"
            "<tr><td>1</td><td>Tuyên truyền</td><td>Phòng Văn hóa và Thông tin</td><td>Hằng năm</td></tr>"
            "</table></body></html>")
    path = tmp_path / "cu.htm"
    path.write_bytes(cp1258(page))  # tones as combining marks: read back as NFC
    out = tmp_path / "out"
    run_import(path, out)
    plan = draft(out)
    assert plan["programs"] == [{"id": "1", "label": "I", "title": "NHIỆM VỤ CHUNG"}]
    task = tasks_of(plan)["1"]
    assert task["title"] == "Tuyên truyền" and task["milestones"][0]["due"] == "every year"
    assert unit_names(plan, task["lead"]) == ["Phòng Văn hóa và Thông tin"]


def test_a_gap_in_the_documents_numbering_is_said(tmp_path: Path) -> None:
    text = ("KẾ HOẠCH\n\n| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
            "| 1 | Rà soát | Sở Nội vụ | 2025 |\n| 2 | Ban hành | Sở Nội vụ | 2025 |\n"
            "| 4 | Kiểm tra | Sở Nội vụ | 2026 |\n")
    out = tmp_path / "out"
    code, stdout, stderr = run_import(write(tmp_path, "kh.md", text), out, "--lang", "en")
    assert code == 1 and "numbers missing from the document's numbering: 3" in stdout
    assert "3 task rows read (the document numbers 3)" in stderr


def test_two_appendix_tables_keep_their_own_groups(tmp_path: Path) -> None:
    text = ("KẾ HOẠCH\n\nPHỤ LỤC I: NHIỆM VỤ TRỌNG TÂM\n\n"
            "| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
            "| I | Thể chế | | |\n| 1 | Ban hành quy chế | Sở Nội vụ | 2025 |\n"
            "| II | Hạ tầng | | |\n| 2 | Lắp đặt trạm | Sở Xây dựng | 2026 |\n\n"
            "PHỤ LỤC II: DANH MỤC ĐỀ ÁN\n\n"
            "| TT | Tên đề án | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
            "| 1 | Đề án chuyển đổi số | Sở Khoa học và Công nghệ | 2027 |\n")
    out = imported(tmp_path, "kh.md", text)
    plan = draft(out)
    tasks = tasks_of(plan)
    assert [(t, tasks[t]["program"]) for t in tasks] == [("1.1", "1"), ("2.2", "2"), ("3.1", "3")]
    assert plan["programs"][-1]["title"] == "PHỤ LỤC II: DANH MỤC ĐỀ ÁN"
    assert hoinhap("check", "--data", str(out)).exit_code == 0


def test_an_empty_cell_in_the_portal_layout_keeps_the_row_in_step(tmp_path: Path) -> None:
    rows = [["**TT**", "**Nội dung/nhiệm vụ**", "**Cơ quan chủ trì**", "**Cơ quan phối hợp**", "**Thời gian**"],
            ["1", "Khảo sát hạ tầng", "Sở Xây dựng", "", "Quý I/2026"],
            ["", "Công bố kết quả", "", "", ""],
            ["2", "Lắp đặt\ntrạm", "Sở Công Thương", "Sở Tài chính", "Hàng năm"]]
    body = "".join("|\n" + "".join(f"{cell}\n|\n" if cell else "|\n" for cell in row) for row in rows)
    out = imported(tmp_path, "kh.md", f"**KẾ HOẠCH**\n\n{body}")
    plan = draft(out)
    tasks = tasks_of(plan)
    assert list(tasks) == ["1", "1a", "2"]
    assert "support" not in tasks["1"] and tasks["1"]["milestones"][0]["due"] == "2026-Q1"
    assert tasks["1a"]["inherits"] == {"from": "1", "fields": ["due", "lead"]}
    assert tasks["2"]["title"] == "Lắp đặt trạm"  # a hard wrap inside the cell
    assert unit_names(plan, tasks["2"]["support"]) == ["Sở Tài chính"]


@pytest.mark.parametrize(("name", "kind"), [
    ("Bộ Công an", "công an"), ("Công an xã", "công an"), ("Bộ Quốc phòng", "quân đội"), ("Sở Nội vụ", "sở"),
    ("Bộ Tài chính", "bộ"), ("UBND phường An Phú", "ubnd phường"), ("UBND xã An Phú", "ubnd xã"),
    ("UBND các phường, xã", "không cụ thể"), ("UBND 11 phường", "không cụ thể"),
    ("Ủy ban nhân dân thành phố Hà Nội", "ubnd tỉnh"), ("Ngân hàng nhà nước Việt Nam", "cơ quan ngang bộ"),
    ("Các bộ, ngành, địa phương", "không cụ thể"), ("Báo Hà Nội mới", "đài báo"), ("VTV", "đài báo"),
    ("Bảo hiểm Xã hội Việt Nam", "cơ quan"), ("Các doanh nghiệp viễn thông", "không cụ thể"),
])
def test_unit_kinds(name: str, kind: str) -> None:
    assert kind_of(name) == kind


def test_a_portal_page_set_inside_a_layout_table(tmp_path: Path) -> None:
    page = ("<html><body><table width='100%'><tr><td>Thư viện văn bản</td><td>"
            "<table><tr><td>ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr>"
            "<tr><td>Số: 88/KH-UBND</td><td>Lạng Sơn, ngày 03 tháng 6 năm 2025</td></tr></table>"
            "<p>KẾ HOẠCH</p><p>Phát triển kinh tế số</p>"
            "<table><tr><td>TT</td><td>Nhiệm vụ</td><td>Cơ quan chủ trì</td><td>Thời gian</td></tr>"
            "<tr><td>1</td><td>Xây dựng sàn thương mại điện tử</td><td>Sở Công Thương</td><td>Quý IV/2025</td></tr>"
            "</table></td></tr></table></body></html>")
    out = imported(tmp_path, "trang.html", page)
    plan = draft(out)
    assert (plan["decision"]["number"], plan["decision"]["signed_on"]) == ("88/KH-UBND", "2025-06-03")
    assert plan["decision"]["issuer"] == "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"
    task = tasks_of(plan)["1"]
    assert task["title"] == "Xây dựng sàn thương mại điện tử"
    assert task["milestones"] == [{"due": "2025-Q4", "source": "Quý IV/2025"}]


def test_control_and_bidi_characters_never_reach_the_draft(tmp_path: Path) -> None:
    text = ("KẾ HOẠCH\n\n| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
            "| 1 | Rà soát\u202e quy trình\x07 | Sở Nội\u200b vụ | 2025 |\n")
    out = imported(tmp_path, "kh.md", text)
    plan = draft(out)
    assert tasks_of(plan)["1"]["title"] == "Rà soát quy trình"
    assert unit_names(plan, tasks_of(plan)["1"]["lead"]) == ["Sở Nội vụ"]
    assert hoinhap("check", "--data", str(out)).exit_code == 0


def test_a_markdown_row_wrapped_over_two_lines_is_one_row(tmp_path: Path) -> None:
    text = ("KẾ HOẠCH\n\n| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
            "| 1 | Rà soát quy trình | Sở Nội vụ | 2025 |\n"
            "| 2 | Xây dựng cơ sở dữ liệu\ncán bộ, công chức | Sở Nội vụ | 6/2026 |\n"
            "| 3 | Kiểm tra | Thanh tra tỉnh | 2027 |\n")
    out = tmp_path / "out"
    code, stdout, _ = run_import(write(tmp_path, "kh.md", text), out)
    tasks = tasks_of(draft(out))
    assert list(tasks) == ["1", "2", "3"]
    assert tasks["2"]["title"] == "Xây dựng cơ sở dữ liệu cán bộ, công chức"
    assert tasks["2"]["milestones"] == [{"due": "2026-06", "source": "6/2026"}]
    assert "thiếu" not in stdout  # no gap in the numbering: no row lost
