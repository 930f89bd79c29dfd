"""The plan format for plans other than the shipped one (docs/plan-format.md): a Kế hoạch issued
directly, with month, on-demand, open-ended and blank deadlines, fixed-day and ad-hoc reports,
row labels, funding, remarks, lead↔support pairs, inherited cells and nested groups."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import SHIPPED, hoinhap
from hoinhap_cli.files.paths import locate
from hoinhap_cli.ledger.ledger import Ledger, load
from hoinhap_cli.rules.deadlines import obligations, overdue
from hoinhap_cli.rules.reporting import State, report_ledger
from hoinhap_cli.words.periods import Kind, parse_deadline

PLAN = """\
decision:
  kind: Kế hoạch
  title: Kế hoạch thử nghiệm 5G và IoT trong khu công nghiệp
  issuer: Ủy ban nhân dân thành phố Hà Nội
  standing_agency: so-khcn
  notes: ["Số và ngày để trống trong bản gốc (số: /KH-UBND ngày / /2025)."]
plan:
  title: Kế hoạch thử nghiệm 5G và IoT
  objective: Thử nghiệm.
programs:
  - id: "1"
    label: "A"
    title: NHIỆM VỤ TRỌNG TÂM
  - id: "1.1"
    parent: "1"
    label: "I"
    title: Hoàn thiện thể chế
  - id: "1.1.1"
    parent: "1.1"
    label: "5.1"
    title: Nhóm con
units:
  - {id: so-khcn, name: Sở Khoa học và Công nghệ, kind: sở}
  - {id: bo-tc, name: Bộ Tài chính, kind: bộ}
  - {id: nhnn, name: Ngân hàng Nhà nước Việt Nam, kind: cơ quan ngang bộ}
  - {id: ubnd-xa, name: "UBND các xã, phường", kind: không cụ thể}
  - {id: dn-vt, name: Các doanh nghiệp viễn thông, kind: doanh nghiệp}
  - {id: ca-tp, name: Công an thành phố, kind: công an}
  - {id: dai-ht, name: Đài Phát thanh và Truyền hình Hà Nội, kind: đài báo}
reporting:
  units: [so-khcn, dn-vt]
  duties:
    - id: bao-cao-nam
      name: Báo cáo
      what: Báo cáo kết quả thực hiện hằng năm
      to: UBND thành phố
      every: year
      "on": ["11-30"]
      source: trước ngày 30 tháng 11 hàng năm
    - id: bao-cao-6-thang
      name: Báo cáo
      what: Báo cáo 6 tháng
      to: UBND thành phố
      every: half
      "on": ["06-01", "11-15"]
      owners: [so-khcn]
      source: trước ngày 01/6 và 15/11 hằng năm
    - id: bao-cao-thang
      name: Báo cáo
      what: Báo cáo tháng
      to: Sở Khoa học và Công nghệ
      every: month
      owners: [dn-vt]
      source: hàng tháng
    - id: dot-xuat
      name: Báo cáo
      what: Báo cáo đột xuất
      to: UBND thành phố
      every: ad-hoc
      source: hoặc đột xuất khi có yêu cầu
tasks:
  - id: "1"
    label: "I.1"
    program: "1.1.1"
    title: Thử nghiệm mạng 5G
    lead: [so-khcn, bo-tc]
    support: [nhnn, ubnd-xa, ca-tp]
    pairs:
      - {lead: [so-khcn], support: [nhnn, ubnd-xa]}
      - {lead: [bo-tc], support: [ca-tp]}
    products: [Báo cáo thử nghiệm]
    funding: Ngân sách thành phố
    remarks: Phối hợp với doanh nghiệp
    milestones:
      - due: 2025-06
        source: 6/2025
  - id: "2"
    label: "1"
    program: "1.1"
    title: Xử lý khi có phát sinh
    lead: [dn-vt]
    milestones:
      - due: on-demand
        source: Khi có phát sinh
  - id: "3"
    label: "2"
    program: "1.1"
    title: Duy trì hằng năm
    lead: [dai-ht]
    milestones:
      - due: 2025..
        source: 2025 và những năm tiếp theo
  - id: "3a"
    id_assigned: true
    program: "1.1"
    title: Dòng con kế thừa ô gộp
    inherits: {from: "1", fields: [due, products, funding, lead, support]}
  - id: "4"
    program: "1"
    title: Ô thời gian để trống
    lead: [so-khcn]
    milestones:
      - due: none
        source: ""
  - id: "5"
    program: "1"
    title: Nhiều năm
    lead: [so-khcn]
    milestones:
      - due: 2025-Q4..2026-Q2
        source: Quý IV/2025- Quý II/2026
      - due: 2025..2027
        source: Năm 2025-2027
      - due: every half 2026
        source: Định kỳ 06 tháng
      - due: every month 2026
        source: hàng tháng
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    (folder / "reports").mkdir(parents=True)
    (folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
    return folder


def ledger_of(folder: Path, today: date = date(2027, 12, 31)) -> Ledger:
    found, problems = load(locate(str(folder)), today)
    assert found is not None, [p.text("en") for p in problems]
    return found


def edited(folder: Path, old: str, new: str) -> Path:
    text = (folder / "plan.yaml").read_text(encoding="utf-8")
    assert old in text
    (folder / "plan.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_a_plan_using_every_new_field_passes_check(data: Path) -> None:
    result = hoinhap("check", "--lang", "en", "--format", "json", data=data)
    record = json.loads(result.stdout)
    assert record["errors"] == 0, record["problems"]
    assert result.exit_code == 0
    # the blank time cell (due: none, source: "") is the one warning
    assert [p["message"] for p in record["problems"]] == ["task 4 has no deadline (the document gives none)"]


def test_the_period_is_derived_from_the_deadlines_and_check_says_so(data: Path) -> None:
    ledger = ledger_of(data)
    assert ledger.period_derived
    # 2025-06 is the earliest (its year from 2025-01-01), every month 2026 / 2025..2027 the latest
    assert (ledger.period.start, ledger.period.end) == (date(2025, 1, 1), date(2027, 12, 31))
    assert ledger.signed_on == date(2025, 1, 1)  # no signing date: obligations count from the start
    said = hoinhap("check", "--lang", "en", data=data).output
    assert "period derived from the deadlines: 2025-01-01..2027-12-31" in said


def test_a_month_deadline_is_late_the_day_after_its_last_day(data: Path) -> None:
    ledger = ledger_of(data)
    d = parse_deadline("2025-06")
    assert (d.kind, d.start, d.due) == (Kind.MONTH, date(2025, 6, 1), date(2025, 6, 30))
    late_on = {day: [(o.task.id, o.index) for o in overdue(obligations(ledger, day), day)]
               for day in (date(2025, 6, 30), date(2025, 7, 1))}
    assert ("1", 0) not in late_on[date(2025, 6, 30)]
    assert ("1", 0) in late_on[date(2025, 7, 1)]
    assert ("3a", 0) in late_on[date(2025, 7, 1)]  # its deadline comes from the merged cell of row 1


def test_on_demand_and_a_blank_cell_are_never_late(data: Path) -> None:
    ledger = ledger_of(data)
    late = {o.task.id for o in overdue(obligations(ledger, date(2027, 12, 31)), date(2027, 12, 31))}
    assert "2" not in late and "4" not in late
    assert parse_deadline("on-demand").kind is Kind.ON_DEMAND
    assert parse_deadline("on-demand").due is None


def test_an_open_ended_deadline_recurs_every_year_to_the_plan_end(data: Path) -> None:
    ledger = ledger_of(data)
    periods = [o.period.label for o in obligations(ledger, date(2027, 12, 31)) if o.task.id == "3" and o.period]
    assert periods == ["2025", "2026", "2027"]
    assert str(parse_deadline("2025..")) == "2025.."


def test_half_and_month_recurrence_and_year_and_quarter_ranges(data: Path) -> None:
    ledger = ledger_of(data)
    by_index: dict[int, list[str]] = {}
    for o in obligations(ledger, date(2027, 12, 31)):
        if o.task.id == "5":
            by_index.setdefault(o.index, []).append(o.period.label if o.period else str(o.due_date))
    assert by_index[0] == ["2026-06-30"]  # Quý IV/2025 – Quý II/2026
    assert by_index[1] == ["2027-12-31"]  # Năm 2025-2027
    assert by_index[2] == ["2026-H1", "2026-H2"]
    assert by_index[3] == [f"2026-{m:02d}" for m in range(1, 13)]


def test_fixed_day_reports_are_due_on_those_days_and_ad_hoc_is_never_late(data: Path) -> None:
    ledger = ledger_of(data)
    rows = report_ledger(ledger, date(2025, 12, 31)).rows
    due = {(r.duty.id, r.unit, r.period.label): r.due for r in rows}
    assert due[("bao-cao-nam", "so-khcn", "2025")] == date(2025, 11, 30)
    assert due[("bao-cao-6-thang", "so-khcn", "2025-H1")] == date(2025, 6, 1)
    assert due[("bao-cao-6-thang", "so-khcn", "2025-H2")] == date(2025, 11, 15)
    assert due[("bao-cao-thang", "dn-vt", "2025-06")] == date(2025, 7, 5)  # the grace day of the next month
    assert not any(r.duty.id == "dot-xuat" for r in rows)
    before, after = report_ledger(ledger, date(2025, 11, 30)).rows, report_ledger(ledger, date(2025, 12, 1)).rows
    state = {r.state for r in before if r.duty.id == "bao-cao-nam"}
    assert state == {State.NOT_DUE}
    assert {r.state for r in after if r.duty.id == "bao-cao-nam"} == {State.MISSING}


def test_inherited_cells_and_pairs_resolve(data: Path) -> None:
    ledger = ledger_of(data)
    row, sub = ledger.tasks["1"], ledger.tasks["3a"]
    assert (sub.lead, sub.support, sub.products, sub.funding) == (row.lead, row.support, row.products, row.funding)
    assert [str(m.due) for m in sub.milestones] == ["2025-06"]
    assert row.label == "I.1" and row.remarks == "Phối hợp với doanh nghiệp"
    assert [(list(p.lead), list(p.support)) for p in row.pairs] == [(["so-khcn"], ["nhnn", "ubnd-xa"]),
                                                                   (["bo-tc"], ["ca-tp"])]


def _one_error(folder: Path, lang: str = "en") -> str:
    result = hoinhap("check", "--lang", lang, data=folder)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if "plan.yaml:" in line and "warning" not in line
             and "cảnh báo" not in line]
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.mark.parametrize(("old", "new", "where", "says"), [
    ('    parent: "1.1"\n', '    parent: "9"\n', ":19:13", "unknown programme '9'"),
    ('    parent: "1"\n', '    parent: "1.1.1"\n', ":15:13", "group '1.1' is inside itself"),
    ('from: "1", fields', 'from: "7", fields', ":97:22", "unknown task '7'"),
    ("      - {lead: [bo-tc], support: [ca-tp]}", "      - {lead: [bo-tc], support: [dn-vt]}", ":70:35",
     "unit 'dn-vt' of the pair is not in task 1's support"),
    ('on": ["06-01", "11-15"]', 'on": ["06-01", "02-30"]', ":45:23", "'02-30' is not a day of the year"),
    ('on": ["06-01", "11-15"]', 'on": ["11-15", "06-01"]', ":45:23", "'06-01' is not after the day before it"),
    ('on": ["11-30"]', 'on": ["06-01", "11-30"]', ":38:13", "on: has 2 day(s), but every: year needs 1"),
    ("      every: ad-hoc\n", "      every: ad-hoc\n      grace_day: 3\n", ":60:7", "remove 'grace_day'"),
    ("    title: Dòng con kế thừa ô gộp\n", "    title: Dòng con kế thừa ô gộp\n    funding: X\n", ":97:5",
     "'funding' is taken from task 1 (inherits)"),
    ("      - due: 2025-06\n", "      - due: 2025-13\n", ":75:14", "month 13 does not exist"),
    ("kind: đài báo", "kind: đài", ":29:68", "is not one of"),
])
def test_a_bad_value_is_one_line_with_file_line_and_column(data: Path, old: str, new: str, where: str,
                                                           says: str) -> None:
    line = _one_error(edited(data, old, new))
    assert f"plan.yaml{where}" in line and says in line, line


def test_a_bad_value_is_worded_in_vietnamese_by_default(data: Path) -> None:
    line = _one_error(edited(data, 'on": ["06-01", "11-15"]', 'on": ["06-01", "02-30"]'), "vi")
    assert "'02-30' không phải là một ngày trong năm" in line


def test_the_document_needs_a_period_when_no_deadline_is_dated(data: Path) -> None:
    text = (data / "plan.yaml").read_text(encoding="utf-8")
    head = text.split("tasks:")[0].split("reporting:")[0]
    (data / "plan.yaml").write_text(head + 'tasks:\n  - id: "1"\n    program: "1"\n    title: T\n'
                                    "    lead: [so-khcn]\n    milestones:\n      - due: ongoing\n", encoding="utf-8")
    line = _one_error(data)
    assert "the plan states no period" in line


def _said(*argv: str, data: Path) -> list[str]:
    """The lines printed, each with its runs of spaces as one (the field column's width varies)."""
    return [" ".join(line.split()) for line in hoinhap(*argv, data=data, columns=200).stdout.splitlines()]


def test_show_gives_the_label_funding_remarks_pairs_and_the_derived_period(data: Path) -> None:
    said = _said("show", "1", "--lang", "en", data=data)
    for line in ("Programme A › I › 5.1. Nhóm con",
                 "Label in the document I.1",
                 "Lead–support pair 1 Sở Khoa học và Công nghệ leads; Ngân hàng Nhà nước Việt Nam, UBND các "
                 "xã, phường support",
                 "Lead–support pair 2 Bộ Tài chính leads; Công an thành phố support",
                 "Funding Ngân sách thành phố",
                 "Remarks in the document Phối hợp với doanh nghiệp",
                 "Plan period 2025-01-01..2027-12-31 (not stated; derived from the deadlines)"):
        assert line in said, said
    assert "Theo ô gộp của nhiệm vụ 1 (due, products, funding, lead, support)" in _said("show", "3a", data=data)


def test_tasks_has_a_label_column_when_the_plan_gives_labels(data: Path) -> None:
    lines = _said("tasks", "--lang", "en", data=data)
    assert lines[1].startswith("No. Label Task Lead Due")
    rows = {line.split()[0]: line for line in lines[3:] if line.split()[0] in ("1", "2", "3")}
    assert rows["1"].startswith("1 I.1 Thử nghiệm mạng 5G")
    assert "when it arises" in rows["2"] and "every year from 2025" in rows["3"]
    assert _said("tasks", "--lang", "en", data=SHIPPED)[1].startswith("No. Task")  # no label: no column


def test_export_carries_the_new_fields_only_where_given(data: Path) -> None:
    exported = json.loads(hoinhap("export", data=data).stdout)
    tasks = {t["id"]: t for t in exported["tasks"]}
    assert tasks["1"]["label"] == "I.1" and tasks["1"]["funding"] == "Ngân sách thành phố"
    assert tasks["1"]["remarks"] == "Phối hợp với doanh nghiệp"
    assert tasks["1"]["pairs"] == [{"lead": ["so-khcn"], "support": ["nhnn", "ubnd-xa"]},
                                   {"lead": ["bo-tc"], "support": ["ca-tp"]}]
    assert tasks["3a"]["inherits"] == {"from": "1", "fields": ["due", "products", "funding", "lead", "support"]}
    assert "label" not in tasks["4"] and "funding" not in tasks["4"]
    assert exported["decision"]["kind"] == "Kế hoạch"
    assert [p.get("parent") for p in exported["programs"]] == [None, "1", "1.1"]
    assert "period" not in exported["plan"]


def test_the_shipped_plan_exports_no_new_keys() -> None:
    exported = json.loads(hoinhap("export").stdout)
    assert not {"kind", "notes"} & set(exported["decision"])
    assert all("label" not in t and "pairs" not in t for t in exported["tasks"])
    assert all("parent" not in p for p in exported["programs"])


def test_diff_words_changes_to_the_new_fields(data: Path) -> None:
    from hoinhap_cli.ledger import reading
    from hoinhap_cli.queries import plandiff

    def parsed(text: str) -> Any:
        found, problems = reading.parse_plan(text, "plan.yaml")
        assert found is not None, [p.text("en") for p in problems]
        return found

    new = (PLAN.replace('    label: "I.1"\n', '    label: "I.2"\n')
           .replace("funding: Ngân sách thành phố", "funding: Ngân sách trung ương")
           .replace("      - {lead: [bo-tc], support: [ca-tp]}", "      - {lead: [bo-tc], support: [ca-tp, nhnn]}")
           .replace('    parent: "1.1"\n', '    parent: "1"\n'))
    found = {(c.scope, c.id, c.field): c for c in plandiff.diff(parsed(PLAN), parsed(new))}
    assert (found[("task", "1", "label")].old, found[("task", "1", "label")].new) == ("I.1", "I.2")
    assert found[("task", "1", "funding")].words == "Ngân sách [-thành phố-] {+trung ương+}"
    assert found[("task", "3a", "funding")].new == "Ngân sách trung ương"  # its merged cell changed with it
    pairs = found[("task", "1", "pairs")]
    assert (pairs.added, pairs.removed) == (["bo-tc ← ca-tp, nhnn"], ["bo-tc ← ca-tp"])
    assert (found[("program", "1.1.1", "parent")].old, found[("program", "1.1.1", "parent")].new) == ("1.1", "1")
    assert len(found) == 5
    # the command words each in the user's language (a git repository: HEAD against the working copy)
    root = data.parent
    for args in (["init", "-q"], ["config", "user.name", "T"], ["config", "user.email", "t@example.org"],
                 ["config", "commit.gpgsign", "false"], ["add", "-A"], ["commit", "-q", "-m", "plan"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    (data / "plan.yaml").write_text(new, encoding="utf-8")
    vi = hoinhap("diff", "--format", "md", data=data).stdout
    en = hoinhap("diff", "--format", "md", "--lang", "en", data=data).stdout
    assert "nhiệm vụ 1 · cặp chủ trì – phối hợp" in vi and "nhiệm vụ 1 · nguồn kinh phí" in vi
    assert "task 1 · label in the document" in en and "programme 1.1.1 · parent group" in en


def test_programs_counts_a_group_with_the_groups_nested_in_it(data: Path) -> None:
    rows = {r["id"]: r for r in json.loads(hoinhap("programs", "--format", "json", data=data).stdout)}
    assert [rows[i]["task_count"] for i in ("1", "1.1", "1.1.1")] == [6, 4, 1]  # A holds I, I holds 5.1
    assert (rows["1.1.1"]["parent"], rows["1.1.1"]["label"]) == ("1.1", "5.1")
    assert "parent" not in rows["1"]
    shipped = json.loads(hoinhap("programs", "--format", "json", data=SHIPPED).stdout)
    assert not any("parent" in r or "label" in r for r in shipped)


def test_reports_lists_the_ad_hoc_duty_and_names_months(data: Path) -> None:
    said = _said("reports", "--as-of", "2025-07-31", "--lang", "en", data=data)
    at = said.index("Báo cáo đột xuất (ad hoc, on request) — to UBND thành phố")
    assert said[at + 3:at + 5] == ["Sở Khoa học và Công nghệ on request; never late",
                                   "Các doanh nghiệp viễn thông on request; never late"]
    assert "Báo cáo month 6/2025: Các doanh nghiệp viễn thông has not sent it, 26 days late, due 2025-07-05" in said


def test_the_issuing_document_is_named_by_its_kind_and_number_or_its_title(data: Path) -> None:
    said = " ".join(_said("summary", "--period", "2025", data=data))
    assert "Theo Kế hoạch thử nghiệm 5G và IoT trong khu công nghiệp; kỳ báo cáo 2025" in said
    numbered = edited(data, "  kind: Kế hoạch\n", "  kind: Kế hoạch\n  number: 310/KH-UBND\n")
    assert "Under Plan 310/KH-UBND; period 2025" in " ".join(_said("summary", "--period", "2025", "--lang", "en",
                                                                     data=numbered))
    shipped = " ".join(_said("summary", "--period", "2009", data=SHIPPED))
    assert "Theo Quyết định số 02/2008/QĐ-UBND; kỳ báo cáo 2009" in shipped


def test_a_month_in_words() -> None:
    from hoinhap_cli.words.periods import parse_period, period_words

    assert period_words(parse_period("2025-06")) == "tháng 6/2025"
    assert period_words(parse_period("2025-10"), "en") == "October 2025"
    assert period_words(parse_period("2025-06-01..2025-06-29")) == "từ ngày 01/6/2025 đến ngày 29/6/2025"


def test_the_plan_is_valid_against_the_json_schema_read_as_an_editor_reads_it() -> None:
    import jsonschema
    from yaml import safe_load

    from hoinhap_cli.model.schemas import json_schema

    data = safe_load(PLAN)  # YAML 1.1, as older editors read it: `"on":` is quoted so it stays a key
    assert "on" in data["reporting"]["duties"][0]
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
              for e in jsonschema.Draft202012Validator(json_schema("plan")).iter_errors(data)]
    assert errors == []
