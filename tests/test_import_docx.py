"""The same documents as Word files made by a real office program import to the same drafts:
each text copy is rendered as HTML, LibreOffice writes the .docx (its own tables), and the
draft read back equals the text copy's; a page with merged cells becomes a Word file with Word's
own merged cells. Skipped when LibreOffice (soffice) is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from import_docs import KH310, NQ03, SEED, draft, html_of, run_import, shared_plan

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def convert(pages: list[Path], folder: Path) -> None:
    """HTML pages turned into .docx by LibreOffice, in one run, beside them."""
    assert SOFFICE is not None
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(folder), *map(str, pages)],
                   check=True, capture_output=True, timeout=300)


def to_docx(sources: dict[str, Path], folder: Path) -> dict[str, Path]:
    """Each source rendered as HTML, then turned into .docx by LibreOffice."""
    pages = []
    for name, source in sources.items():
        page = folder / f"{name}.html"
        page.write_text(html_of(source), encoding="utf-8")
        pages.append(page)
    convert(pages, folder)
    return {name: folder / f"{name}.docx" for name in sources}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("docx")
    sources = {"seed": SEED}
    for name, file in (("nq03", NQ03), ("kh310", KH310)):
        try:
            sources[name] = shared_plan(file)
        except pytest.skip.Exception:
            continue
    made = to_docx(sources, folder)
    return {name: (sources[name], made[name]) for name in sources}


@pytest.mark.parametrize("name", ["seed", "nq03", "kh310"])
def test_the_word_file_imports_to_the_same_draft(name: str, documents: dict[str, tuple[Path, Path]],
                                                 tmp_path: Path) -> None:
    if name not in documents:
        pytest.skip(f"../shared/plans/ has no document for {name}")
    text, word = documents[name]
    assert word.read_bytes()[:2] == b"PK"
    code_text, _, _ = run_import(text, tmp_path / "from-text")
    code_word, _, err = run_import(word, tmp_path / "from-word")
    assert code_word == code_text, err
    assert "Word (.docx)" in err
    assert draft(tmp_path / "from-word") == draft(tmp_path / "from-text")


MERGED = """<html><head><meta charset="utf-8"></head><body>
<p>ỦY BAN NHÂN DÂN XÃ AN PHÚ</p><p>Số: 12/KH-UBND</p><p>An Phú, ngày 05 tháng 3 năm 2025</p><p>KẾ HOẠCH</p>
<p>Chuyển đổi số năm 2025</p>
<table border="1">
<tr><th>TT</th><th>Nội dung</th><th>Cơ quan chủ trì</th><th>Cơ quan phối hợp</th><th>Sản phẩm</th>
<th>Thời gian</th></tr>
<tr><td>I</td><td colspan="5">NHIỆM VỤ CHUNG</td></tr>
<tr><td>1</td><td>Xây dựng kế hoạch</td><td rowspan="2">Phòng Kinh tế</td>
<td>Các phòng - ban và phường có liên quan</td><td rowspan="2">Kế hoạch được duyệt</td>
<td rowspan="2">Quý II/2025</td></tr>
<tr><td></td><td>Triển khai kế hoạch ở các khu phố</td><td>UBND các phường liên quan</td></tr>
<tr><td>2</td><td>Tổng kết</td><td>Văn phòng UBND</td><td>Phòng Kinh tế</td><td>Báo cáo</td><td>12/2025</td></tr>
</table>
<p>TM. ỦY BAN NHÂN DÂN</p><p>CHỦ TỊCH</p><p>Nguyễn Văn A</p>
</body></html>
"""


def test_cells_merged_in_a_word_file_are_inherited_as_in_the_page(tmp_path: Path) -> None:
    """LibreOffice writes the page's rowspan and colspan as Word's own merged cells (w:vMerge,
    w:gridSpan): the unnumbered row inherits the lead, product and time of the row above."""
    page = tmp_path / "merged.html"
    page.write_text(MERGED, encoding="utf-8")
    convert([page], tmp_path)
    code_page, _, _ = run_import(page, tmp_path / "from-page")
    code_word, _, err = run_import(tmp_path / "merged.docx", tmp_path / "from-word")
    assert code_word == code_page == 1, err
    plan = draft(tmp_path / "from-word")
    assert plan == draft(tmp_path / "from-page")
    tasks = {t["id"]: t for t in plan["tasks"]}
    assert list(tasks) == ["1", "1a", "2"] and [g["title"] for g in plan["programs"]] == ["NHIỆM VỤ CHUNG"]
    assert tasks["1a"]["inherits"] == {"from": "1", "fields": ["due", "products", "lead"]}
    assert tasks["1a"]["support"] == [tasks["1"]["support"][1]]  # the wards' group, named twice, one unit
    assert len(tasks["1"]["support"]) == 2
