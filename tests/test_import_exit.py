"""`hoinhap import` exits 0 when nothing needs a person: a document that names its number, date,
standing agency and reporting plainly. The letterhead of the report is `assumed:` (named by
`summary --format docx` before signing), not a review line; a standing agency or a reporting
duty the document leaves open still is."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import hoinhap
from import_docs import draft, run_import

CLEAN = """ỦY BAN NHÂN DÂN XÃ AN PHÚ

Số: 12/KH-UBND

An Phú, ngày 05 tháng 3 năm 2025

KẾ HOẠCH

Chuyển đổi số năm 2025

{reporting}

| TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Số hóa hồ sơ | Văn phòng UBND xã | Công an xã | Quý IV/2025 |
| 2 | Tổng kết | Văn phòng UBND xã | Công an xã | 12/2025 |
"""
QUARTERLY = "Các cơ quan chủ trì báo cáo kết quả thực hiện định kỳ hàng quý (qua Văn phòng UBND xã)."


def imported(tmp_path: Path, reporting: str) -> tuple[int, str, Path]:
    source = tmp_path / "kh.md"
    source.write_text(CLEAN.format(reporting=reporting), encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run_import(source, out)
    return code, stdout + stderr, out


def test_a_plain_document_needs_no_person_and_exits_0(tmp_path: Path) -> None:
    code, said, out = imported(tmp_path, QUARTERLY)
    assert code == 0, said
    assert "không có chỗ nào cần xem lại" in said
    text = (out / "plan.yaml").read_text(encoding="utf-8")
    assert not [line for line in text.splitlines() if line.strip().startswith("# ? đoán:")]
    plan = draft(out)
    # a short task table near the top is the appendix, not a letterhead: the header is the paragraphs'
    assert (plan["decision"]["number"], plan["decision"]["issuer"]) == ("12/KH-UBND", "ỦY BAN NHÂN DÂN XÃ AN PHÚ")
    assert plan["decision"]["standing_agency"] == "van-phong-ubnd-xa"
    assert plan["document"]["assumed"] == ["parent_body", "issuing_body", "symbol", "place", "subject",
                                           "addressees", "copies", "signer_title"]
    assert plan["reporting"]["assumed"] == ["units"]
    assert hoinhap("check", "--data", str(out)).exit_code == 0
    result = hoinhap("summary", "--period", "2025-Q4", "--format", "docx", "--out", str(tmp_path / "r.docx"),
                     "--data", str(out), env={"HOINHAP_TODAY": "2025-12-01"})
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "symbol «BC-VPUX»" in result.stderr  # the assumed letterhead is named where it is used


@pytest.mark.parametrize(("reporting", "line"), [
    ("", "cơ quan thường trực đoán là «Văn phòng UBND xã», đơn vị chủ trì nhiều nhiệm vụ nhất (2)"),
    ("Các cơ quan chủ trì báo cáo kết quả định kỳ hàng quý (qua Phòng Kinh tế xã).",
     "cơ quan thường trực đoán là «Phòng Kinh tế xã»"),  # named by the text only, by no row of the table
    ("Các cơ quan chủ trì báo cáo định kỳ 6 tháng và hằng năm (qua Văn phòng UBND xã).",
     "chế độ báo cáo đọc từ"),  # two frequencies in one sentence: which is whose, a person says
])
def test_what_the_document_leaves_open_is_still_a_review_line(tmp_path: Path, reporting: str, line: str) -> None:
    code, said, out = imported(tmp_path, reporting)
    assert code == 1
    assert line in said
    assert line in (out / "import-review.md").read_text(encoding="utf-8")
