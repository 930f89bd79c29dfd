"""The shipped plan (data/plan.yaml) against the document it encodes (tests/data/decision-02-2008.txt).

Expected values below were written by hand from reading the appendix, not computed from plan.yaml.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from conftest import SEED, SHIPPED, Cli
from hoinhap_cli.files import yamlio
from hoinhap_cli.files.paths import bundled_plan, locate
from hoinhap_cli.ledger.ledger import Ledger, load
from hoinhap_cli.queries.queries import task_record
from hoinhap_cli.words.text import natural_key


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return load(locate(str(SHIPPED)), date(2026, 11, 27))[0]


@pytest.fixture(scope="module")
def raw_tasks() -> list[dict]:
    doc, problems = yamlio.read(SHIPPED / "plan.yaml")
    assert doc is not None, problems
    return doc.data["tasks"]


# ------------------------------------------------------------------ the plan validates


def test_shipped_plan_checks_with_only_the_three_known_warnings(cli: Cli, tmp_path: Path) -> None:
    """Acknowledged in plan.yaml (issue 16), they are not printed; without the acknowledgements,
    they are the only three."""
    shipped = cli("check", "--data", str(SHIPPED), "--format", "json", "--lang", "en")
    assert shipped.exit_code == 0 and json.loads(shipped.stdout)["problems"] == []
    text = (SHIPPED / "plan.yaml").read_text(encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(text[:text.index("# The plan's known warnings")] + text[text.index("tasks:\n"):],
                                        encoding="utf-8")
    result = cli("check", "--data", str(tmp_path), "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.output

    report = json.loads(result.stdout)
    assert report["valid"] is True
    assert report["errors"] == 0
    warnings = sorted((p["path"], p["message"]) for p in report["problems"])
    assert [p["severity"] for p in report["problems"]] == ["warning"] * 3
    assert len(warnings) == 3
    by_task = {msg.split(":")[0].removeprefix("task ").split(" ")[0]: msg for _, msg in warnings}
    assert set(by_task) == {"1.1", "2.10", "6.3"}
    assert "2008-09-30" in by_task["1.1"] and "before the decision was signed" in by_task["1.1"]
    assert "2008-09-30" in by_task["2.10"] and "before the decision was signed" in by_task["2.10"]
    assert "no deadline" in by_task["6.3"]


def test_shipped_plan_check_text_exit_0_and_strict_exit_0(cli: Cli, ledger: Ledger) -> None:
    assert cli("check", "--data", str(SHIPPED)).exit_code == 0
    assert cli("check", "--data", str(SHIPPED), "--strict").exit_code == 0  # its warnings acknowledged
    assert [(a.warning.value, a.task) for a in ledger.plan.acknowledged] == [
        ("due-before-signing", "1.1"), ("due-before-signing", "2.10"), ("no-deadline", "6.3")]
    assert all(a.reason for a in ledger.plan.acknowledged)


def test_bundled_plan_is_the_shipped_plan() -> None:
    assert bundled_plan().read_bytes() == (SHIPPED / "plan.yaml").read_bytes()


def test_exactly_48_tasks_in_natural_order(ledger: Ledger) -> None:
    ids = list(ledger.tasks)
    assert len(ids) == 48
    assert ids[:4] == ["1.1", "1.2", "1.3", "2.1"]
    assert ids.index("2.7") + 1 == ids.index("2.7a") and ids.index("2.7a") + 1 == ids.index("2.8")
    assert ids.index("2.9") < ids.index("2.10") < ids.index("2.10a") < ids.index("2.11") < ids.index("3.1.1")
    assert ids.index("3.2.4") + 1 == ids.index("3.2.4a")
    assert ids[-2:] == ["7.1", "8"]
    assert ids == sorted(ids, key=natural_key)


def test_ids_are_quoted_strings_in_the_file(raw_tasks: list[dict]) -> None:
    assert all(isinstance(t["id"], str) for t in raw_tasks)


def test_assigned_ids_are_marked(ledger: Ledger) -> None:
    assigned = sorted((t.id for t in ledger.tasks.values() if t.id_assigned), key=natural_key)
    assert assigned == ["2.7a", "2.10a", "3.2.4a", "7.1"]


# ------------------------------------------------------------------ real rows, checked by hand

ROWS = [
    # id, lead, support, [(due_date or None, product or None), ...]
    ("1.1", ["phong-vhtt", "trung-tam-van-hoa"], ["phong-kinh-te", "phong-tu-phap", "hoi-doanh-nghiep"],
     [("2008-09-30", None), ("2009-12-31", None), ("2010-12-31", None)]),
    ("1.2", ["phong-kinh-te"], ["vien-kinh-te", "cac-so-nganh-lien-quan", "hoi-doanh-nghiep", "ubnd-11-phuong"],
     [(None, None)]),  # "Tiếp tục triển khai hàng năm"; "Đã triển khai bước 1" is progress, not a deadline
    ("1.3", ["phong-noi-vu", "phong-tu-phap"],
     ["vien-kinh-te", "cac-so-nganh-lien-quan", "phong-kinh-te", "ubnd-11-phuong"],
     [("2009-12-31", None), ("2010-12-31", None)]),
    ("2.1", ["to-cong-tac-qhdt"], ["cac-phong-ban-lien-quan"],
     [("2008-12-31", None), ("2009-12-31", None), ("2010-12-31", None)]),
    ("2.4", ["phong-kinh-te"], ["phong-qldt", "phong-tnmt"], [(None, None)]),  # after the city approves
    ("2.5", ["phong-vhtt"], ["phong-qldt", "phong-tnmt", "phong-kinh-te"], [("2009-06-30", None)]),
    ("2.7", ["phong-giao-duc"], ["phong-qldt", "phong-tnmt", "ban-qlda-kv2"],
     [("2008-12-31", None), ("2009-12-31", None)]),
    ("2.7a", ["phong-giao-duc"], ["phong-qldt", "phong-tnmt", "ban-qlda-kv2"], [("2010-12-31", None)]),
    ("2.10", ["phong-kinh-te", "cong-ty-cp-thu-thiem"],
     ["phong-qldt", "phong-tnmt", "ban-bt-gpmb", "ubnd-phuong-thanh-my-loi"],
     [("2008-09-30", "UBND TP duyệt đề án cụm TTCN"),
      ("2008-12-31", "Hoàn thành công tác bồi thường."),
      ("2009-09-30", "Xây dựng cơ sở hạ tầng kỹ thuật."),
      ("2009-12-31", "Xây dựng nhà xưởng")]),
    ("2.10a", ["cong-ty-qlpt-nha"], ["ban-bt-gpmb"], [("2009-12-31", None)]),
    ("3.1.4", ["phong-qldt", "ban-qlda-kv2"], ["so-khdt", "don-vi-tu-van"], [("2010-12-31", None)]),
    ("3.1.5", ["phong-qldt", "phong-tnmt"], ["cac-phong-ban-lien-quan", "ubnd-11-phuong"], [(None, None)]),
    # «Các phòng - ban và phường có liên quan»: the offices and the wards, each unnamed
    ("3.2.4", ["ban-qlda-kv2"], ["cac-phong-ban-lien-quan", "ubnd-cac-phuong-lien-quan"], [("2008-12-31", None)]),
    ("3.2.4a", ["ban-qlda-kv2"], ["cac-phong-ban-lien-quan", "ubnd-cac-phuong-lien-quan"],
     [("2009-12-31", None), ("2010-12-31", None)]),
    ("3.2.5", ["phong-qldt", "phong-tnmt"], ["ubnd-11-phuong"], [(None, None)]),  # "UBND 11 phuờng"
    ("3.3.4", ["phong-qldt", "ban-qlda-kv2", "ban-bt-gpmb"], ["cac-phong-ban-lien-quan", "ubnd-11-phuong"],
     [("2008-12-31", "Đối với các khu dân cư đã được phê duyệt quy hoạch chi tiết tỷ lệ 1/2000, lập đồ án "
                     "quy hoạch giao thông tỷ lệ 1/500."),
      ("2010-12-31", "Hoàn thành việc nâng cấp, mở rộng đường Liên tỉnh lộ 25B, Nguyễn Thị Định, Nguyễn Duy "
                     "Trinh, Lương Định Của và giải phóng mặt bằng Xa lộ Hà Nội giai đoạn 2.")]),
    ("4.1", ["phong-qldt", "phong-tnmt", "ubnd-11-phuong"], [],  # "UNND 11 phường" in the lead cell
     [("2008-12-31", None), ("2009-12-31", None), ("2010-12-31", None)]),
    ("5.4", ["chi-cuc-thue"], ["cac-don-vi-lien-quan", "ubnd-11-phuong"], [("2009-12-31", None)]),
    ("6.3", ["phong-vhtt", "phong-tckh"], ["cac-phong-ban-lien-quan", "ubnd-11-phuong"], [(None, None)]),
    ("7.1", ["cong-an-quan", "ban-chqs-quan"], ["cac-phong-ban-lien-quan", "ubnd-11-phuong"], [(None, None)]),
    ("8", ["cac-don-vi-truc-thuoc", "ubnd-11-phuong"], [], [(None, None), (None, None)]),
]

KINDS = {
    "1.1": ["quarter", "year", "year"],
    "1.2": ["recurring"],
    "2.4": ["event"],
    "2.5": ["span"],
    "2.7a": ["by"],
    "2.10": ["quarter"] * 4,
    "3.1.4": ["by"],
    "3.1.5": ["ongoing"],
    "3.3.4": ["quarter", "by"],
    "5.4": ["date"],
    "6.3": ["none"],
    "7.1": ["ongoing"],
    "8": ["recurring", "recurring"],
}


@pytest.mark.parametrize(("task_id", "lead", "support", "milestones"), ROWS, ids=[r[0] for r in ROWS])
def test_row_matches_the_document(ledger: Ledger, task_id: str, lead: list[str], support: list[str],
                                  milestones: list[tuple[str | None, str | None]]) -> None:
    record = task_record(ledger, ledger.tasks[task_id])
    assert record["id"] == task_id
    assert [u["id"] for u in record["lead"]] == lead
    assert [u["id"] for u in record["support"]] == support
    assert [(m["due_date"], m["product"]) for m in record["milestones"]] == milestones
    if task_id in KINDS:
        assert [m["kind"] for m in record["milestones"]] == KINDS[task_id]


def test_span_2_5_starts_in_q4_2008(ledger: Ledger) -> None:
    m = task_record(ledger, ledger.tasks["2.5"])["milestones"][0]
    assert (m["due"], m["start_date"], m["source"]) == (
        "2008-Q4..2009-Q2", "2008-10-01", "Từ quý IV - 2008 đến quý II - 2009")


def test_2_4_waits_for_the_city(ledger: Ledger) -> None:
    m = ledger.tasks["2.4"].milestones[0]
    assert m.due.event == "tp-duyet-quy-hoach-cho"
    assert m.source == "Sau khi được Thành phố phê duyệt"


def test_1_2_progress_is_not_a_deadline(ledger: Ledger) -> None:
    sources = [m.source for m in ledger.tasks["1.2"].milestones]
    assert not any("bước 1" in (s or "") for s in sources)


def test_merged_rows_take_units_from_the_row_above(ledger: Ledger, raw_tasks: list[dict]) -> None:
    raw = {t["id"]: t for t in raw_tasks}
    for continued, source in (("2.7a", "2.7"), ("3.2.4a", "3.2.4")):
        assert raw[continued]["units_from"] == source
        assert "lead" not in raw[continued] and "support" not in raw[continued]
        assert ledger.tasks[continued].units_from == source
    assert "units_from" not in raw["2.10a"]  # its unit cells are filled in


def test_row_8_reports_every_quarter_and_every_year_within_the_plan(ledger: Ledger) -> None:
    task = ledger.tasks["8"]
    quarters = [p.label for p in ledger.recurrences(task, 0)]
    years = [p.label for p in ledger.recurrences(task, 1)]
    # from the quarter the decision was signed in (Q4 2008) to the end of 2010
    assert quarters == ["2008-Q4", "2009-Q1", "2009-Q2", "2009-Q3", "2009-Q4",
                        "2010-Q1", "2010-Q2", "2010-Q3", "2010-Q4"]
    assert years == ["2008", "2009", "2010"]  # "cuối các năm (2008, 2009, 2010)"


# ------------------------------------------------------------------ the appendix, parsed from the document

# Rows of the appendix that are headings (programmes, sections), not tasks.
HEADINGS = {"1", "2", "3", "3.1", "3.2", "3.3", "3.4", "4", "5", "6", "7"}
# Unnumbered rows: the numbered row they follow → the id the plan assigns.
ASSIGNED = {"2.7": "2.7a", "2.10": "2.10a", "3.2.4": "3.2.4a", "7": "7.1"}


def appendix_rows(text: str) -> list[list[str]]:
    """The table after 'PHỤ LỤC': each cell starts on a line beginning with a tab (or ' \\t');
    lines without a tab continue the cell above; six cells make a row. The header row is dropped."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("PHỤ LỤC"))
    cells: list[str] = []
    for line in lines[start + 1:]:
        if line.startswith(("\t", " \t")):
            cells.append(line.split("\t", 1)[1])
        elif cells:
            cells[-1] += "\n" + line
    assert len(cells) % 6 == 0, f"{len(cells)} cells do not make rows of six"
    rows = [cells[i:i + 6] for i in range(0, len(cells), 6)]
    assert rows[0][0].strip() == "Số TT" and rows[0][5].strip() == "Thời gian hoàn thành"
    return rows[1:]


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def document_rows() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    previous = ""
    for row in appendix_rows(SEED.read_text(encoding="utf-8")):
        number = row[0].strip().rstrip(".")
        if number:
            previous = number
        else:
            number = ASSIGNED[previous]
        if number not in HEADINGS:
            assert number not in out, f"row {number} twice"
            out[number] = row
    return out


def test_document_has_the_same_48_rows(document_rows: dict[str, list[str]], ledger: Ledger) -> None:
    assert len(document_rows) == 48
    assert set(document_rows) == set(ledger.tasks)


def test_every_title_is_the_documents_cell_verbatim(document_rows: dict[str, list[str]],
                                                    raw_tasks: list[dict]) -> None:
    wrong = [t["id"] for t in raw_tasks if norm(t["title"]) != norm(document_rows[t["id"]][1])]
    assert wrong == []


def test_every_source_and_product_occurs_in_its_row(document_rows: dict[str, list[str]],
                                                    raw_tasks: list[dict]) -> None:
    missing = []
    for task in raw_tasks:
        cells = list(document_rows[task["id"]])
        if "units_from" in task:  # a row continuing a merged cell shares that cell's products and times
            cells += document_rows[task["units_from"]]
        text = norm(" ".join(cells))
        for product in task.get("products", []):
            if norm(product) not in text:
                missing.append((task["id"], product))
        for milestone in task["milestones"]:
            if milestone.get("source") is not None and norm(milestone["source"]) not in text:
                missing.append((task["id"], milestone["source"]))
    assert missing == []


def test_every_task_without_source_is_6_3_with_a_blank_cell(document_rows: dict[str, list[str]],
                                                            raw_tasks: list[dict]) -> None:
    without = [t["id"] for t in raw_tasks if any(m.get("source") is None for m in t["milestones"])]
    assert without == ["6.3"]
    assert document_rows["6.3"][5].strip() == ""


def test_parser_reads_known_cells(document_rows: dict[str, list[str]]) -> None:
    assert norm(document_rows["5.4"][5]) == "- Đến cuối năm 2009"  # the next row starts with ' \t'
    assert norm(document_rows["8"][2]) == "Các phòng ban, đơn vị trực thuộc quận, UBND 11 phường"
    assert document_rows["2.7a"][2].strip() == "" and document_rows["3.2.4a"][3].strip() == ""


# ------------------------------------------------------------------ units


WARDS = {
    "ubnd-phuong-an-phu": "An Phú",
    "ubnd-phuong-an-khanh": "An Khánh",
    "ubnd-phuong-an-loi-dong": "An Lợi Đông",
    "ubnd-phuong-binh-an": "Bình An",
    "ubnd-phuong-binh-khanh": "Bình Khánh",
    "ubnd-phuong-binh-trung-dong": "Bình Trưng Đông",
    "ubnd-phuong-binh-trung-tay": "Bình Trưng Tây",
    "ubnd-phuong-cat-lai": "Cát Lái",
    "ubnd-phuong-thanh-my-loi": "Thạnh Mỹ Lợi",
    "ubnd-phuong-thao-dien": "Thảo Điền",
    "ubnd-phuong-thu-thiem": "Thủ Thiêm",
}


def test_the_eleven_wards_and_their_group(ledger: Ledger) -> None:
    wards = {u.id: u for u in ledger.units.values() if u.kind.value == "ubnd phường"}
    assert set(wards) == set(WARDS)
    for uid, name in WARDS.items():
        assert wards[uid].name == f"Ủy ban nhân dân phường {name}"
    group = ledger.units["ubnd-11-phuong"]
    assert group.kind.value == "nhóm"
    assert sorted(group.members) == sorted(WARDS)
    assert len(group.members) == 11


@pytest.mark.parametrize(("spelling", "unit"), [
    ("UNND 11 phường", "ubnd-11-phuong"),
    ("UBND 11 phường", "ubnd-11-phuong"),
    ("UBND 11 phuờng", "ubnd-11-phuong"),
    ("Phòng TN-MT", "phong-tnmt"),
    ("Phòng TNMT", "phong-tnmt"),
    ("Phòng VH-TT-TT", "phong-vhtt"),
    ("Phòng VH-TT", "phong-vhtt"),
    ("Phòng Văn hóa - Thông tin", "phong-vhtt"),
    ("Phòng QLĐT", "phong-qldt"),
    ("UBND phường TML", "ubnd-phuong-thanh-my-loi"),
])
def test_document_spellings_are_aliases(ledger: Ledger, spelling: str, unit: str) -> None:
    assert spelling in ledger.units[unit].aliases


def test_vague_references_stay_vague(ledger: Ledger) -> None:
    for uid in ("cac-phong-ban-lien-quan", "cac-don-vi-lien-quan"):
        assert ledger.units[uid].kind.value == "không cụ thể"
        assert ledger.units[uid].members == []


# ------------------------------------------------------------------ fidelity points (issue 15, item 8)

DOC = SEED.read_text(encoding="utf-8")


def test_2_6_names_its_own_urban_planning_group_not_2_1s(ledger: Ledger) -> None:
    assert "Phòng QLĐT, TNMT, Tổ công tác Quy hoạch đô thị, Ban Bồi thường, giải phóng mặt bằng." in DOC
    assert "\tTổ công tác Quy hoạch, đầu tư quận" in DOC  # 2.1's lead cell: another name
    support = ledger.tasks["2.6"].support or []
    assert "to-cong-tac-qh-do-thi" in support and "to-cong-tac-qhdt" not in support
    own = ledger.units["to-cong-tac-qh-do-thi"]
    assert own.name == "Tổ công tác Quy hoạch đô thị" and own.kind.value == "tổ công tác"
    assert "Tổ công tác Quy hoạch đô thị" not in ledger.units["to-cong-tac-qhdt"].aliases
    assert ledger.tasks["2.1"].lead == ["to-cong-tac-qhdt"]
    assert any("Tổ công tác Quy hoạch đô thị" in n for n in own.notes)


@pytest.mark.parametrize(("task_id", "cell", "role"), [
    ("3.1.2", "Phòng QLĐT, UBND các phường liên quan", "lead"),
    ("3.2.4", "Các phòng - ban và phường có liên quan", "support"),
    ("3.2.4a", "Các phòng - ban và phường có liên quan", "support"),  # units_from 3.2.4
])
def test_related_wards_reach_every_ward(ledger: Ledger, cli: Cli, task_id: str, cell: str, role: str) -> None:
    assert cell in DOC
    result = cli("tasks", "--unit", "Cát Lái", "--format", "json", "--data", str(SHIPPED))
    found = {t["id"]: t["involvement"] for t in json.loads(result.stdout)}
    assert task_id in found, sorted(found)
    assert found[task_id][0]["role"] == role and found[task_id][0]["via"] is not None
    vague = ledger.units[found[task_id][0]["via"]]
    assert vague.kind.value == "không cụ thể" and sorted(vague.members) == sorted(WARDS)


def test_6_1_keeps_thuong_xuyen_and_its_yearly_part(ledger: Ledger) -> None:
    assert "Thực hiện thường xuyên hành năm" in DOC
    ms = ledger.tasks["6.1"].milestones
    assert [m.due.kind.value for m in ms] == ["ongoing", "recurring"]
    assert ms[1].due.every == "year" and all(m.source == "Thực hiện thường xuyên hành năm" for m in ms)
    assert [p.label for p in ledger.recurrences(ledger.tasks["6.1"], 1)] == ["2008", "2009", "2010"]
    assert str(ledger.tasks["1.2"].milestones[0].due).startswith("every year")  # 1.2's "hàng năm", alike


def test_1_2_step_one_done_before_signing_leaves_2008_met(ledger: Ledger, cli: Cli) -> None:
    assert "- Đã triển khai bước 1.\n\n- Tiếp tục triển khai hàng năm" in DOC
    m = ledger.tasks["1.2"].milestones[0]
    assert [p.label for p in ledger.recurrences(ledger.tasks["1.2"], 0)] == ["2009", "2010"]
    assert "Đã triển khai bước 1." in (m.note or "")
    result = cli("overdue", "--as-of", "2009-01-01", "--format", "json", "--data", str(SHIPPED))
    late = [(o["task"], o["due"]) for o in json.loads(result.stdout)["overdue"] if o["task"] != "8"]
    assert ("1.2", "every year 2009..2010") not in late and not any(task == "1.2" for task, _ in late)
    assert ("6.1", "every year") in late  # the yearly part of 6.1 was owed for 2008 as 1.2's once was


def test_3_1_1_notes_the_narrative_puts_both_plans_in_2008(ledger: Ledger) -> None:
    said = ("- Năm 2008: \n+ Phối hợp với Sở, ngành và đơn vị tư vấn thực hiện hoàn thành 04 đồ án quy hoạch "
            "chi tiết tỷ lệ 1/2000 và đồ án điều chỉnh quy hoạch tổng thể quận 2 tỷ lệ 1/5000.")
    assert said in DOC
    assert [m.source for m in ledger.tasks["3.1.1"].milestones] == ["Năm 2008", "Năm 2009"]  # the appendix
    assert any("Năm 2008" in n and "tổng thể quận 2 tỷ lệ 1/5000" in n for n in ledger.tasks["3.1.1"].notes)


def test_7_1_notes_an_ninh_truyen_thong_verbatim(ledger: Ledger) -> None:
    assert "xuyên biên giới và an ninh truyền thống." in DOC and "phi truyền thống" not in DOC
    task = ledger.tasks["7.1"]
    assert task.title.endswith("xuyên biên giới và an ninh truyền thống.")
    assert any("an ninh truyền thống" in n and "phi truyền thống" in n for n in task.notes)


def test_plan_file_is_utf8_nfc_without_escapes() -> None:
    text = (SHIPPED / "plan.yaml").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert "\\u" not in text
