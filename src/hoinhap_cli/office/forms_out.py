"""The quarterly form a unit fills: one .xlsx per unit that reports or has a row, written with openpyxl.

A unit that will never run a command gets a workbook: a header (unit, quarter, the report's
due date), one row per milestone of every task it leads or supports (read-only: id, milestone,
task, product, due, role, current status), cells to fill (status from a drop-down of the
Vietnamese words, a date checked to fall in the quarter, note, reason, evidence), a cell that
makes the form the unit's submission for the quarter, and a sheet of instructions. The sheet is
protected without a password, so read-only cells are not typed over by mistake; `forms_in`
reads the form back and checks what was locked against the plan (and the current statuses
against the record the workbook keeps of them, `stamp`) anyway. Every text written is a text
cell, never a formula, whatever the plan's text starts with.

The layout (sheet names, cells, columns) is shared with `forms_in`: change it in one place, here.
The workbook's words are Vietnamese only: it goes to the district's offices and wards.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from hoinhap_cli.files.files import write_atomic
from hoinhap_cli.judgement import responsibility
from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.model.records import Task
from hoinhap_cli.model.shapes import MilestoneShape, TaskShape, UnitShape
from hoinhap_cli.render.reportview import document_name
from hoinhap_cli.rules import reporting
from hoinhap_cli.rules.selection import involvement, short_name
from hoinhap_cli.words.i18n import MESSAGES, t
from hoinhap_cli.words.periods import Period
from hoinhap_cli.words.text import natural_key
from hoinhap_cli.words.vocab import Status, UnitKind

SHEET = "Báo cáo"
GUIDE = "Hướng dẫn"
UNIT_CELL, NAME_CELL, PERIOD_CELL, DUE_CELL = "C3", "C4", "C5", "C6"  # labels in A:B, notes in D:L
SUBMIT_CELL, SUBMIT_DATE_CELL = "C7", "C8"
HEAD_ROW = 10
FIRST_ROW = HEAD_ROW + 1
# (column letter, heading, width); A–G are read-only, H–L are filled by the unit
COLUMNS = (
    ("A", "Mã nhiệm vụ", 11), ("B", "Mốc", 6), ("C", "Nhiệm vụ", 48), ("D", "Sản phẩm", 30),
    ("E", "Thời hạn", 14), ("F", "Vai trò", 16), ("G", "Tình trạng hiện tại", 15),
    ("H", "Tình trạng (chọn)", 17), ("I", "Ngày (dd/mm/yyyy)", 13), ("J", "Ghi chú", 30),
    ("K", "Lý do (bắt buộc khi vướng mắc, hủy bỏ)", 26), ("L", "Minh chứng (số văn bản …)", 24),
)
READ_ONLY = "ABCDEF"  # checked against the plan on return (G against what the form was sent with: `stamp`)
CURRENT = "G"
STATUS, DATE, NOTE, REASON, EVIDENCE = "H", "I", "J", "K", "L"
LAST_COLUMN = "L"
YES, NO = "có", "không"
DATE_FORMAT = "DD/MM/YYYY"
STATUS_WORDS = tuple(MESSAGES[f"status.{s.value}"][0] for s in Status)
_STAMP = "hoinhap-G:"  # the workbook's keywords: column G as sent, one status value per row


class _Milestone(MilestoneShape, Protocol):
    @property
    def source(self) -> str | None: ...
    @property
    def product(self) -> int | None: ...


class _Task(TaskShape, Protocol):
    """A task of either kind (model or record), with what the form shows of its milestones."""

    @property
    def milestones(self) -> Sequence[_Milestone]: ...


@dataclass(frozen=True)
class FormRow:
    """One row of the form: what the read-only columns A–F say."""

    task: str
    milestone: int | None  # None: the task has one milestone; its entry names the whole task
    title: str
    product: str
    due: str
    role: str

    def cells(self) -> tuple[str, str, str, str, str, str]:
        return (self.task, "" if self.milestone is None else str(self.milestone), self.title, self.product,
                self.due, self.role)


def form_rows(tasks: Iterable[_Task], units: Mapping[str, UnitShape], unit_id: str,
              skip: Collection[str] = ()) -> list[FormRow]:
    """Every milestone of every task the unit leads or supports (itself or via a group), in id order.

    `skip`: the row that stands for the reporting regime (`reporting_row`): the report itself has
    no row, the form's submitted cell answers for it."""
    out = []
    for task in sorted(tasks, key=lambda t: natural_key(t.id)):
        roles = involvement(units, task, unit_id)
        if not roles or task.id in skip:
            continue
        first = min(roles, key=lambda r: r.role != "lead")  # lead before support, itself before a group
        role = "chủ trì" if first.role == "lead" else "phối hợp"
        if first.via is not None:
            role += f" (qua {short_name(units[first.via])})"
        unsent = [short_name(units[u]) for u in task.lead or () if _names_no_one(units[u])]
        if first.role == "lead" and unsent:  # a co-lead no form goes to: this form answers for it
            role += f"; cùng {', '.join(unsent)} (không có biểu mẫu riêng)"
        several = len(task.milestones) > 1
        for n, m in enumerate(task.milestones, start=1):
            product = (task.products[m.product - 1] if m.product and m.product <= len(task.products)
                       else "\n".join(task.products))
            due = m.source or str(m.due)
            out.append(FormRow(task.id, n if several else None, task.title, product, due, role))
    return out


def _names_no_one(unit: UnitShape) -> bool:
    """A unit no form can be sent to: "các phòng ban liên quan", "các sở ngành liên quan"."""
    return not unit.members and getattr(unit, "kind", None) == UnitKind.KHONG_CU_THE


def reporting_row(reporting_section: object) -> frozenset[str]:
    """The task row that stands for the reporting regime (plan.yaml `reporting.units_from`), from a
    plan's `reporting:` section of either kind (model or record): forms have no row for it."""
    row = getattr(reporting_section, "units_from", None)
    return frozenset((row,)) if row else frozenset()


def current_status(ledger: Ledger, task: Task, index: int, unit: str) -> Status:
    """What the "current status" column says: the unit's own part of the milestone (its
    `UnitStatus`: a lead's, a ward's of a lead group, a supporting unit's that reported);
    a unit with no part of its own sees the milestone's status."""
    view = responsibility.milestone_status(ledger, task.id, index)
    own = next((u for u in view.by_unit if u.unit == unit), None)
    return own.status if own is not None else view.status


def report_due(ledger: Ledger, quarter: Period) -> date:
    """When the quarter's report is due: the regime's due day for the reporting units' quarterly
    duty (the grace day of the month after the quarter); the quarter's end without a regime."""
    duty = reporting.regime(ledger).header_duty
    return duty.due_date(quarter, ledger.signed_on) if duty is not None else quarter.end


def units_to_report(ledger: Ledger) -> list[str]:
    """Who gets a form, in plan order: the regime's reporting units (`reporting.reporting_units`)
    and every other unit that leads or supports a task (a tax office, a company), itself or through
    a group. A group gets none: its members' forms carry its rows, each saying "qua" the group.
    A unit that names no one (`không cụ thể` without members) gets none: no office can be sent its
    form; the form of each co-lead says so on the row (`form_rows`)."""
    skip = reporting_row(ledger.plan.reporting)
    reporters = set(reporting.reporting_units(ledger))
    involved = {uid for uid, u in ledger.units.items()
                if not u.members and not _names_no_one(u) and form_rows(ledger.tasks.values(), ledger.units, uid, skip)}
    return [uid for uid in ledger.units if uid in reporters or uid in involved]


def file_name(unit: str, quarter: Period) -> str:
    return f"{unit}-{quarter.label}.xlsx"


def write_form(ledger: Ledger, unit: str, quarter: Period, folder: Path, overwrite: bool = False) -> tuple[Path, int]:
    """Write the unit's form for the quarter into `folder` (atomically; FileExistsError if the file
    is there and not `overwrite`); its path and number of rows."""
    rows = form_rows(ledger.tasks.values(), ledger.units, unit, reporting_row(ledger.plan.reporting))
    status = {(r.task, r.milestone): current_status(ledger, ledger.tasks[r.task], (r.milestone or 1) - 1, unit)
              for r in rows}
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = SHEET
    _header(sheet, ledger, unit, quarter)
    _rows(sheet, rows, [MESSAGES[f"status.{status[r.task, r.milestone].value}"][0] for r in rows])
    _validations(sheet, quarter, len(rows))
    _guide(book.create_sheet(GUIDE), quarter, ledger.units[ledger.plan.decision.standing_agency].name)
    book.properties.title = f"Báo cáo {quarter.label} — {ledger.units[unit].name}"
    book.properties.creator = "hoinhap"
    book.properties.keywords = stamp([status[r.task, r.milestone] for r in rows])
    _texts_as_text(book)
    buffer = io.BytesIO()
    book.save(buffer)
    path = folder / file_name(unit, quarter)
    write_atomic(path, buffer.getvalue(), overwrite=overwrite)
    return path, len(rows)


def stamp(statuses: Sequence[Status]) -> str:
    """Column G as sent, kept in the workbook's keywords so that an edit of it is seen on return."""
    return _STAMP + ",".join(s.value for s in statuses)


def read_stamp(keywords: str | None) -> tuple[str, ...] | None:
    """Column G's words as the form was sent (`stamp`); None for a form that does not say."""
    if not keywords or not keywords.startswith(_STAMP):
        return None
    try:
        values = re.split(r"[,;\s]+", keywords[len(_STAMP):])  # an office program may add spaces or ";"
        return tuple(MESSAGES[f"status.{Status(v).value}"][0] for v in values if v)
    except ValueError:
        return None


def _texts_as_text(book: Workbook) -> None:
    """Every text written is a text cell: plan text starting with `=` is shown, never run as a formula."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.data_type != "s":
                    cell.data_type = "s"


_BOLD = Font(bold=True)
_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill: pale yellow, also distinct in greyscale
_OPEN = Protection(locked=False)
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _header(sheet: Worksheet, ledger: Ledger, unit: str, quarter: Period) -> None:
    decision = ledger.plan.decision
    sheet["A1"] = "BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = f"{decision.title} ({document_name(decision, 'vi')})"
    sheet.merge_cells("A2:L2")
    labels = (("A3", "Mã đơn vị", unit), ("A4", "Đơn vị", ledger.units[unit].name),
              ("A5", "Kỳ báo cáo", quarter.label), ("A6", "Hạn nộp báo cáo", report_due(ledger, quarter)),
              ("A7", "Gửi chính thức", None), ("A8", "Ngày gửi", None))
    for cell, label, value in labels:
        sheet[cell] = label
        sheet[cell].font = _BOLD
        at = sheet[cell].row
        sheet.merge_cells(f"A{at}:B{at}")
        sheet.merge_cells(f"D{at}:L{at}")
        target = sheet.cell(row=at, column=3, value=value)
        if isinstance(value, date):
            target.number_format = DATE_FORMAT
            target.alignment = Alignment(horizontal="left")
    sheet["D5"] = f"từ {quarter.start:%d/%m/%Y} đến {quarter.end:%d/%m/%Y}"
    duty = reporting.regime(ledger).header_duty
    if duty is not None and duty.due_assumed:  # the decision gives no due day: say whose it is
        sheet["D6"] = t("forms.due_assumed", "vi")
    sheet["D7"] = f"chọn «{YES}» khi đơn vị gửi biểu mẫu này làm báo cáo quý {quarter.label}"
    sheet["D8"] = "ngày đơn vị gửi báo cáo (dd/mm/yyyy)"
    for cell in (SUBMIT_CELL, SUBMIT_DATE_CELL):
        sheet[cell].fill, sheet[cell].protection, sheet[cell].border = _FILL, _OPEN, _BOX
    sheet[SUBMIT_DATE_CELL].number_format = DATE_FORMAT
    sheet[SUBMIT_DATE_CELL].alignment = Alignment(horizontal="left")


def _rows(sheet: Worksheet, rows: Sequence[FormRow], statuses: Sequence[str]) -> None:
    for letter, heading, width in COLUMNS:
        head = sheet[f"{letter}{HEAD_ROW}"]
        head.value, head.font, head.border, head.alignment = heading, _BOLD, _BOX, _WRAP
        sheet.column_dimensions[letter].width = width
    for n, (row, status) in enumerate(zip(rows, statuses)):
        at = FIRST_ROW + n
        for letter, value in zip(READ_ONLY + "G", (*row.cells(), status)):
            cell = sheet[f"{letter}{at}"]
            cell.value, cell.alignment, cell.border = value or None, _WRAP, _BOX
        for letter in (STATUS, DATE, NOTE, REASON, EVIDENCE):
            cell = sheet[f"{letter}{at}"]
            cell.fill, cell.protection, cell.border, cell.alignment = _FILL, _OPEN, _BOX, _WRAP
        sheet[f"{DATE}{at}"].number_format = DATE_FORMAT
        sheet.row_dimensions[at].height = 14.5 * _lines(row)
    sheet.row_dimensions[HEAD_ROW].height = 45
    sheet.freeze_panes = f"C{FIRST_ROW}"
    sheet.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW}"
    sheet.page_setup.orientation, sheet.page_setup.paperSize = "landscape", sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]  # present on a new sheet
    sheet.protection.sheet = True  # no password: it guards against slips; forms_in checks the rest
    sheet.protection.formatColumns = False  # widths and heights may still be changed
    sheet.protection.formatRows = False


def _lines(row: FormRow) -> int:
    """Lines a row needs: LibreOffice does not grow a wrapped row by itself in a file from openpyxl."""
    widths = {letter: width for letter, _, width in COLUMNS}

    def lines(letter: str, text: str) -> int:  # a column of width w holds ~1.1 w characters of body text
        return sum(len(part) * 10 // (widths[letter] * 11) + 1 for part in text.split("\n"))

    return min(max(lines("C", row.title), lines("D", row.product), lines("E", row.due), lines("F", row.role)), 15)


def _validations(sheet: Worksheet, quarter: Period, n: int) -> None:
    last = FIRST_ROW + max(n, 1) - 1
    status = DataValidation(type="list", formula1='"' + ",".join(STATUS_WORDS) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="Tình trạng",
                            error="Chọn một tình trạng trong danh sách.")
    status.add(f"{STATUS}{FIRST_ROW}:{STATUS}{last}")
    start, end = int(to_excel(quarter.start)), int(to_excel(quarter.end))
    day = DataValidation(type="date", operator="between", formula1=str(start), formula2=str(end),
                         allow_blank=True, showErrorMessage=True, errorTitle="Ngày",
                         error=f"Ngày phải trong quý {quarter.label}: từ {quarter.start:%d/%m/%Y} "
                               f"đến {quarter.end:%d/%m/%Y}.")
    day.add(f"{DATE}{FIRST_ROW}:{DATE}{last}")
    submit = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True, showErrorMessage=True,
                            errorTitle="Gửi chính thức", error=f"Chọn «{YES}» hoặc «{NO}».")
    submit.add(SUBMIT_CELL)
    sent = DataValidation(type="date", operator="greaterThanOrEqual", formula1=str(start), allow_blank=True,
                          showErrorMessage=True, errorTitle="Ngày gửi",
                          error=f"Ngày gửi không trước ngày {quarter.start:%d/%m/%Y}.")
    sent.add(SUBMIT_DATE_CELL)
    for v in (status, day, submit, sent):
        sheet.add_data_validation(v)


def _guide(sheet: Worksheet, quarter: Period, agency: str) -> None:
    lines = (
        "HƯỚNG DẪN ĐIỀN BIỂU MẪU",
        "",
        f"1. Biểu mẫu này dùng để đơn vị báo cáo tiến độ quý {quarter.label} "
        f"(từ {quarter.start:%d/%m/%Y} đến {quarter.end:%d/%m/%Y}).",
        "2. Mỗi dòng là một mốc thời gian của một nhiệm vụ đơn vị chủ trì hoặc phối hợp. Các cột từ "
        "«Mã nhiệm vụ» đến «Tình trạng hiện tại» là thông tin của kế hoạch: không sửa, không thêm hay xóa dòng.",
        "3. Chỉ điền vào các ô nền vàng. Dòng nào không có gì mới thì để trống.",
        "4. «Tình trạng»: chọn trong danh sách — " + ", ".join(STATUS_WORDS) + ".",
        f"5. «Ngày»: ngày của tình trạng đó, trong quý {quarter.label}, viết dd/mm/yyyy (ví dụ "
        f"{quarter.end:%d/%m/%Y}).",
        "6. «Lý do»: bắt buộc khi tình trạng là «vướng mắc» hoặc «hủy bỏ» (nêu rõ nguyên nhân).",
        "7. «Minh chứng»: số, ký hiệu văn bản (ví dụ: theo Quyết định số …), nếu có.",
        f"8. Khi gửi biểu mẫu làm báo cáo quý, chọn «{YES}» ở ô «Gửi chính thức» và ghi «Ngày gửi».",
        "9. Không nhập công thức; không đổi tên các trang; giữ nguyên tên tệp nếu có thể.",
        f"10. Gửi lại tệp .xlsx cho cơ quan thường trực ({agency}).",
    )
    for n, text in enumerate(lines, start=1):
        sheet.cell(row=n, column=1, value=text or None).alignment = Alignment(wrap_text=True, vertical="top")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 110
    sheet.protection.sheet = True
