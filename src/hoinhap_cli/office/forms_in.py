"""A returned form checked whole, and what collecting it writes.

The sheet comes from `forms_sheet.open_sheet` (opened defensively, read cell by cell). What an
entry may say is `progress.build_entry`'s: the form adds only what a form must hold — one unit
(`forms_unit`: named alike by its header, its file name and its rows); a quarter; the read-only
columns as the plan says now (`forms_out.form_rows`, rows found where they are, a deleted or
added row named); a date in the quarter. Every problem of a form is reported in one pass, each
naming its cell (`H12`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl.utils.cell import column_index_from_string

from hoinhap_cli.files.paths import DataDir
from hoinhap_cli.ledger.ledger import EntryView, Ledger
from hoinhap_cli.ledger.store import Written, mark_submitted, update
from hoinhap_cli.model.model import Plan, ReportFile
from hoinhap_cli.office import forms_out as F
from hoinhap_cli.office.forms_sheet import (
    Formula,
    Refusal,
    Refused,
    Sheet,
    cell_text,
    from_serial,
    norm_text,
    quote,
    refuse,
    split_cell,
)
from hoinhap_cli.office.forms_unit import disagreements, rows_of_another
from hoinhap_cli.rules.progress import Recorded, build_entry, parse_day, parse_status
from hoinhap_cli.words.i18n import MESSAGES
from hoinhap_cli.words.periods import DeadlineError, Period, is_quarter, parse_period
from hoinhap_cli.words.problems import DayOutOfRange, NeedsReason, RefusedCharacter, UnknownStatus, UsageError, words


@dataclass
class Returned:
    """A form that passed every check: its unit, quarter, entries (with their row) and submission."""

    unit: str
    quarter: Period
    entries: list[tuple[int, Recorded]] = field(default_factory=list)
    submitted: date | None = None


# ------------------------------------------------------------------ checking


class _Found:
    """The problems of one form, at most one per cell (the first found), in sheet order."""

    def __init__(self) -> None:
        self.by_cell: dict[str | None, list[Refusal]] = {}

    def add(self, cell: str | None, key: str, **values: object) -> None:
        self.extend([Refusal(cell, words(key, **values))])

    def extend(self, refusals: Iterable[Refusal]) -> None:
        for r in refusals:
            have = self.by_cell.setdefault(r.cell, [])
            if r.cell is None or not have:
                have.append(r)

    def refused(self) -> Refused | None:
        if not self.by_cell:
            return None

        def order(cell: str | None) -> tuple[int, int]:
            if cell is None:
                return (0, 0)
            letters, line = split_cell(cell)
            return (line, column_index_from_string(letters))

        return Refused([r for cell in sorted(self.by_cell, key=order) for r in self.by_cell[cell]])


def check_form(sheet: Sheet, plan: Plan, today: date, period: Period | None = None, unit: str | None = None,
               name: str | None = None) -> Returned:
    """The entries a form records, or Refused with every problem found (each naming its cell).
    `name`: the file's name, compared with the unit the form names."""
    found = _Found()
    values = {}
    for cell, value in sheet.cells.items():
        if isinstance(value, Formula):
            found.add(cell, "forms.formula", formula=quote("=" + value.text.lstrip("="), 40))
        else:
            values[cell] = value
    form = _header(values, plan, period, unit, name, found)
    if form is not None:
        units = {u.id: u for u in plan.units}
        rows = F.form_rows(plan.tasks, units, form.unit, F.reporting_row(plan.reporting))
        sent = sheet.sent if sheet.sent is not None and len(sheet.sent) == len(rows) else None
        for n, at in _placed(values, rows, plan, form.unit, found):
            _current(values, at, sent[n] if sent else None, found)
            try:  # a formula's cell reads as empty here: what that says of it comes after its own refusal
                built = _entry(values, at, rows[n], plan, form, sheet.epoch, today)
            except Refused as err:
                found.extend(err.refusals)
                continue
            if built is not None:
                form.entries.append((at, built))
        try:
            form.submitted = _submitted(values, form.quarter, plan, sheet.epoch, today)
        except Refused as err:
            found.extend(err.refusals)
    refused = found.refused()
    if refused is not None:
        raise refused
    assert form is not None  # a form without a unit or quarter has its refusal
    return form


def _header(cells: dict[str, Any], plan: Plan, period: Period | None, unit: str | None, name: str | None,
            found: _Found) -> Returned | None:
    """The form's unit and quarter; every disagreement about either found (None: one is unknown)."""
    units = {u.id: u for u in plan.units}
    unit_id, label = cell_text(cells.get(F.UNIT_CELL)), cell_text(cells.get(F.PERIOD_CELL))
    try:
        quarter: Period | None = parse_period(label)
    except DeadlineError:
        quarter = None
    if quarter is None or not is_quarter(quarter.label):
        found.add(F.PERIOD_CELL, "forms.period_invalid", text=quote(label))
        quarter = None
    elif period is not None and quarter.label != period.label:
        found.add(F.PERIOD_CELL, "forms.other_period", period=quarter.label, expected=period.label)
    if unit_id not in units:
        found.add(F.UNIT_CELL, "forms.unit_unknown", text=quote(unit_id))
        return None
    if unit is not None and unit_id != unit:
        found.add(F.UNIT_CELL, "forms.other_unit", unit=unit_id, expected=unit)
    found.extend(disagreements(cells, plan, unit_id, name))
    return Returned(unit_id, quarter) if quarter is not None else None


def _placed(cells: dict[str, Any], rows: list[F.FormRow], plan: Plan, unit: str,
            found: _Found) -> list[tuple[int, int]]:
    """Where each of the plan's rows is on the sheet, as (row index, sheet line): a line whose
    read-only columns are a plan row is that row wherever it is (rows sorted or moved are read);
    the other lines are aligned with the plan's other rows, so a deleted or added row is named as
    such and a changed cell by itself; cells outside the form are named."""
    last_column = column_index_from_string(F.LAST_COLUMN)
    lines: dict[int, dict[str, Any]] = {}
    for cell, value in cells.items():
        letters, line = split_cell(cell)
        if line >= F.FIRST_ROW:
            lines.setdefault(line, {})[letters] = value
        if column_index_from_string(letters) > last_column:
            found.add(cell, "forms.outside", value=quote(cell_text(value), 40))
    at = sorted(lines)
    expected = [tuple(norm_text(v) for v in row.cells()) for row in rows]
    seen = [tuple(cell_text(lines[line].get(letter)) for letter in F.READ_ONLY) for line in at]
    if seen != expected:
        other = rows_of_another(plan, unit, seen)
        if other is not None:
            found.add(F.UNIT_CELL, "forms.unit_conflict", unit=unit, other=other, where=words("forms.where_rows"))
            return []
    headings = {letter: heading for letter, heading, _ in F.COLUMNS}
    placed: list[tuple[int, int]] = []
    free: dict[tuple[str, ...], list[int]] = {}
    for n, row_cells in enumerate(expected):
        free.setdefault(row_cells, []).append(n)
    left: list[int] = []  # the sheet's lines that are no plan row as it stands (a row sorted elsewhere is one)
    for j, row_cells in enumerate(seen):
        if free.get(row_cells):
            placed.append((free[row_cells].pop(0), at[j]))
        else:
            left.append(j)
    missing = sorted(n for ns in free.values() for n in ns)
    matcher = difflib.SequenceMatcher(None, [expected[n] for n in missing], [seen[j] for j in left], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0  # "equal" cannot be: those were placed
        for k in range(pairs):
            n, j = missing[i1 + k], left[j1 + k]
            placed.append((n, at[j]))
            for letter, want, have in zip(F.READ_ONLY, expected[n], seen[j]):
                if want != have:
                    found.add(f"{letter}{at[j]}", "forms.changed", column=headings[letter], found=quote(have),
                              expected=quote(want))
        for i in range(i1 + pairs, i2):  # the plan's rows the sheet lacks
            n = missing[i]
            after = max((line for m, line in placed if m < n), default=0)  # the line of the row before it
            following = [line for line in at if line > after]
            before = following[0] if following else (at[-1] + 1 if at else F.FIRST_ROW)
            found.add(None, "forms.row_deleted", task=_row_name(rows[n]), title=quote(rows[n].title, 40),
                      line=before)
        for j in left[j1 + pairs:j2]:  # lines the plan has no row for
            line = at[j]
            if any(seen[j]):
                found.add(f"A{line}", "forms.row_added", text=quote(" | ".join(x for x in seen[j] if x)))
            else:
                for letter, value in sorted(lines[line].items()):
                    found.add(f"{letter}{line}", "forms.outside", value=quote(cell_text(value), 40))
    return sorted(placed)


def _row_name(row: F.FormRow) -> str:
    return row.task + (f" #{row.milestone}" if row.milestone is not None else "")


def _current(cells: dict[str, Any], at: int, sent: str | None, found: _Found) -> None:
    """The read-only current status (G): as the form was sent, or at least one of the status words."""
    cell = f"{F.CURRENT}{at}"
    have = cell_text(cells.get(cell))
    if sent is not None and have != sent:
        found.add(cell, "forms.changed_status", found=quote(have), expected=sent)
    elif sent is None and have not in F.STATUS_WORDS:
        found.add(cell, "forms.changed_status_word", found=quote(have))


def _entry(cells: dict[str, Any], at: int, row: F.FormRow, plan: Plan, form: Returned, epoch: int,
           today: date) -> Recorded | None:
    """The entry a row records (None: the row is left empty), or Refused with each of its problems."""
    def get(letter: str) -> Any:
        return cells.get(f"{letter}{at}")

    status_cell, date_cell, reason_cell = f"{F.STATUS}{at}", f"{F.DATE}{at}", f"{F.REASON}{at}"
    note, reason, evidence = (cell_text(get(c)) or None for c in (F.NOTE, F.REASON, F.EVIDENCE))
    status = cell_text(get(F.STATUS))
    problems: list[Refusal] = []
    state = None
    if not status:
        if get(F.DATE) is not None or note or reason or evidence:
            problems.append(Refusal(status_cell, words("forms.needs_status")))
    else:
        try:
            state = parse_status(status)
        except UnknownStatus:
            problems.append(Refusal(status_cell, words("forms.status_unknown", text=quote(status),
                                                       accepted=", ".join(F.STATUS_WORDS))))
    try:
        day = _day(get(F.DATE), date_cell, epoch, form.quarter)
    except Refused as err:
        problems += err.refusals
        day = None
    else:
        if day is None and state is not None:
            problems.append(Refusal(date_cell, words("forms.needs_date", status=MESSAGES[f"status.{state.value}"][0])))
    if problems:
        raise Refused(problems)
    if state is None or day is None:
        return None
    try:
        return build_entry(plan, task=row.task, status=status, today=today, milestone=row.milestone, day=day,
                           unit=form.unit, note=note, reason=reason, evidence=evidence)
    except NeedsReason:
        raise refuse(reason_cell, "forms.needs_reason", status=MESSAGES[f"status.{state.value}"][0]) from None
    except DayOutOfRange as err:
        raise refuse(date_cell, f"forms.day_{err.why}", day=_shown(day), limit=err.limit) from None
    except RefusedCharacter as err:
        letter = {"note": F.NOTE, "reason": F.REASON, "evidence": F.EVIDENCE}.get(err.field, F.NOTE)
        raise Refused([Refusal(f"{letter}{at}", err.words)]) from None
    except UsageError as err:
        raise Refused([Refusal(f"A{at}", err.words)]) from None


def _day(value: Any, cell: str, epoch: int, quarter: Period | None) -> date | None:
    """A date cell: a date, a number (Excel's day count), or text dd/mm/yyyy or yyyy-mm-dd;
    within the quarter when one is given."""
    if value is None or value == "":
        return None
    number = None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        number = value
        day = _serial(value, epoch, cell)
    else:
        day = _day_text(cell_text(value), cell)
    if quarter is not None and day not in quarter:
        key = "forms.date_outside_number" if number is not None else "forms.date_outside"
        raise refuse(cell, key, day=_shown(day), period=quarter.label, start=_shown(quarter.start),
                      end=_shown(quarter.end), number=cell_text(number))
    return day


def _serial(value: float, epoch: int, cell: str) -> date:
    found = from_serial(value, epoch)
    if found is None:
        raise refuse(cell, "forms.not_date", text=cell_text(value))
    return found


def _day_text(text: str, cell: str) -> date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise refuse(cell, "forms.not_date", text=quote(text, 40))


def _submitted(cells: dict[str, Any], quarter: Period, plan: Plan, epoch: int, today: date) -> date | None:
    answer = cell_text(cells.get(F.SUBMIT_CELL)).casefold()
    if answer in ("", F.NO, "khong"):
        return None
    if answer not in (F.YES, "co", "x", "yes"):
        raise refuse(F.SUBMIT_CELL, "forms.submit_word", text=quote(answer), yes=F.YES, no=F.NO)
    day = _day(cells.get(F.SUBMIT_DATE_CELL), F.SUBMIT_DATE_CELL, epoch, None)
    if day is None:
        raise refuse(F.SUBMIT_DATE_CELL, "forms.submit_needs_date")
    if day < quarter.start:
        raise refuse(F.SUBMIT_DATE_CELL, "forms.submit_before", day=_shown(day), period=quarter.label,
                      start=_shown(quarter.start))
    try:
        return parse_day(plan, day, today)
    except DayOutOfRange as err:
        raise refuse(F.SUBMIT_DATE_CELL, f"forms.day_{err.why}", day=_shown(day), limit=err.limit) from None


def _shown(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def entry_key(e: Any) -> tuple[object, ...]:
    """What makes two entries the same (a model Entry or a ledger EntryView): every field."""
    return (e.task, e.milestone, e.status, e.date, e.note, e.reason, e.evidence, e.forced)


def new_entries(form: Returned, existing: Iterable[Any]) -> list[tuple[int, Recorded]]:
    """The form's entries not already in the unit's report for the quarter (collecting twice adds nothing)."""
    have = {entry_key(e) for e in existing}
    return [(at, r) for at, r in form.entries if entry_key(r.entry) not in have]


# ------------------------------------------------------------------ what collecting a form does


@dataclass
class Collecting:
    """What collecting one checked form will do: the entries not yet recorded, the submission to mark."""

    form: Returned
    new: list[tuple[int, Recorded]]
    already: int  # entries of the form already in the report
    submit: date | None  # the submission to mark (None: none asked, or already marked that day)


def plan_collect(form: Returned, ledger: Ledger) -> Collecting:
    """Compare a checked form with the unit's report for its quarter; Refused when the report was
    marked submitted on another day (the writer would refuse it too: `store.mark_submitted`)."""
    entries: tuple[EntryView, ...] = ()
    submitted: date | None = None
    for report in ledger.reports:
        if report.content.unit == form.unit and report.content.period.label == form.quarter.label:
            entries, submitted = report.entries, report.content.submitted
    if form.submitted is not None and submitted is not None and submitted != form.submitted:
        raise refuse(F.SUBMIT_DATE_CELL, "store.submitted", unit=form.unit, period=form.quarter.label,
                      day=submitted.isoformat())
    new = new_entries(form, entries)
    return Collecting(form, new, len(form.entries) - len(new), form.submitted if form.submitted != submitted else None)


def record(data: DataDir, plan: Plan, todo: Collecting, today: date, timeout: float,
           max_bytes: int) -> tuple[Written, int, bool]:
    """Write what a form records through the one report writer, under its lock: the write, the
    number of entries added and whether the submission was marked (what another run recorded
    meanwhile, or the same form earlier in this run, is not recorded twice)."""
    added: list[int] = []
    marked: list[bool] = []

    def change(report: ReportFile) -> ReportFile:
        have = {entry_key(e) for e in report.entries}
        fresh = [r.entry for _, r in todo.new if entry_key(r.entry) not in have]
        added.append(len(fresh))
        report = report.model_copy(update={"entries": [*report.entries, *fresh]})
        day = todo.submit
        marked.append(day is not None and report.submitted != day)
        if day is not None and report.submitted != day:
            report = mark_submitted(day)(report)
        return report

    written = update(data, plan, todo.form.unit, todo.form.quarter.label, today, change, timeout=timeout,
                     max_bytes=max_bytes)
    return written, added[-1] if added else 0, bool(marked and marked[-1])
