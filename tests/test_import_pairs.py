"""`hoinhap import`: a task whose number and task cells are merged over several rows, each row
with its own lead and supporters, is one task with lead↔support `pairs:`; where the cells do not
say so (a text copy lost the merge), the review list asks."""

from __future__ import annotations

from pathlib import Path

from conftest import hoinhap
from import_docs import draft, run_import, tasks_of, unit_names

HEAD = "<p>ỦY BAN NHÂN DÂN XÃ AN PHÚ</p><p>Số: 12/KH-UBND</p><p>An Phú, ngày 05 tháng 3 năm 2025</p>" \
       "<p>KẾ HOẠCH</p><p>Chuyển đổi số năm 2025</p>"
COLS = "<tr><th>TT</th><th>Nội dung</th><th>Cơ quan chủ trì</th><th>Cơ quan phối hợp</th><th>Sản phẩm</th>" \
       "<th>Thời gian</th></tr>"
LAST = "<tr><td>2</td><td>Tổng kết</td><td>Văn phòng UBND</td><td>Phòng Kinh tế</td><td>Báo cáo</td>" \
       "<td>12/2025</td></tr>"


def imported(tmp_path: Path, rows: str) -> tuple[dict, str]:
    page = tmp_path / "kh.html"
    page.write_text(f"<html><body>{HEAD}<table>{COLS}{rows}{LAST}</table></body></html>", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run_import(page, out)
    assert code == 1, stderr
    result = hoinhap("check", "--data", str(out), "--lang", "en")
    assert result.exit_code == 0, result.stdout + result.stderr
    return draft(out), stdout + stderr


def test_two_leads_each_with_its_own_supporters_are_pairs(tmp_path: Path) -> None:
    plan, said = imported(tmp_path, (
        "<tr><td rowspan='2'>1</td><td rowspan='2'>Rà soát, sửa đổi quy định</td><td>Phòng Kinh tế</td>"
        "<td>Phòng Tài chính - Kế hoạch, Phòng Tư pháp</td><td rowspan='2'>Quyết định</td>"
        "<td rowspan='2'>6/2025</td></tr>"
        "<tr><td>Văn phòng UBND</td><td>Phòng Nội vụ</td></tr>"))
    tasks = tasks_of(plan)
    assert list(tasks) == ["1", "2"]  # one task, not a second row numbered 1
    task = tasks["1"]
    assert unit_names(plan, task["lead"]) == ["Phòng Kinh tế", "Văn phòng UBND"]
    assert unit_names(plan, task["support"]) == ["Phòng Tài chính - Kế hoạch", "Phòng Tư pháp", "Phòng Nội vụ"]
    assert [(unit_names(plan, p["lead"]), unit_names(plan, p["support"])) for p in task["pairs"]] == [
        (["Phòng Kinh tế"], ["Phòng Tài chính - Kế hoạch", "Phòng Tư pháp"]),
        (["Văn phòng UBND"], ["Phòng Nội vụ"])]
    assert task["milestones"] == [{"due": "2025-06", "source": "6/2025"}]
    assert "đánh số 2" in said and "(pairs)" in said  # the document numbers 2 rows; the pairing is listed


def test_leads_sharing_one_merged_support_cell_are_no_pairs(tmp_path: Path) -> None:
    plan, said = imported(tmp_path, (
        "<tr><td rowspan='2'>1</td><td rowspan='2'>Rà soát</td><td>Phòng Kinh tế</td>"
        "<td rowspan='2'>Phòng Tư pháp</td><td rowspan='2'>Quyết định</td><td rowspan='2'>6/2025</td></tr>"
        "<tr><td>Văn phòng UBND</td></tr>"))
    task = tasks_of(plan)["1"]
    assert unit_names(plan, task["lead"]) == ["Phòng Kinh tế", "Văn phòng UBND"]
    assert unit_names(plan, task["support"]) == ["Phòng Tư pháp"]
    assert "pairs" not in task  # every lead with every supporter: what lead and support already say
    assert "chung một ô phối hợp" in said


def test_a_row_with_a_deadline_of_its_own_stays_a_row(tmp_path: Path) -> None:
    plan, _ = imported(tmp_path, (
        "<tr><td rowspan='2'>1</td><td rowspan='2'>Rà soát</td><td>Phòng Kinh tế</td><td>Phòng Tư pháp</td>"
        "<td rowspan='2'>Quyết định</td><td>6/2025</td></tr>"
        "<tr><td>Văn phòng UBND</td><td>Phòng Nội vụ</td><td>12/2025</td></tr>"))
    tasks = plan["tasks"]
    assert len(tasks) == 3 and not any("pairs" in t for t in tasks)  # no pairing guessed, no row lost


def test_a_text_copy_that_lost_the_merge_asks_on_the_review_list(tmp_path: Path) -> None:
    text = ("KẾ HOẠCH\n\nSố: 3/KH-UBND\nHuế, ngày 02 tháng 01 năm 2025\n\n"
            "| TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n|---|---|---|---|---|\n"
            "| 1 | Rà soát, sửa đổi quy định | Phòng Kinh tế | Phòng Tư pháp | 6/2025 |\n"
            "|  |  | Văn phòng UBND | Phòng Nội vụ |  |\n")
    source = tmp_path / "kh.md"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, _ = run_import(source, out)
    assert code == 1
    assert not any("pairs" in t for t in draft(out)["tasks"])
    asks = [line for line in stdout.splitlines() if "pairs:" in line]
    assert len(asks) == 1 and "nhiệm vụ 1a" in asks[0] and "gộp vào 1" in asks[0]
    marked = (out / "plan.yaml").read_text(encoding="utf-8")
    assert "# ? đoán: dòng không số, ô nội dung trống nhưng có cơ quan chủ trì riêng" in marked
