"""A returned form read back: refused as a whole, or turned into the entries it records.

The workbook comes from outside (an office's e-mail), so it is opened defensively before
openpyxl sees it: its size, that it is a zip, the total size of its members once unpacked
(a zip bomb is refused before anything is inflated); openpyxl then reads it in read-only mode,
cell values as typed (a formula is refused, never evaluated), the sheet's rows streamed and the
reading stopped after MAX_ROWS (a sheet of 100,000 rows is refused after 3,000). Every text is
NFC (office software on some systems types Vietnamese decomposed).

What an entry may say is `progress.build_entry`'s: the form adds only what a form must hold —
its header names a known unit and a quarter, the read-only columns say what the plan says now
(`forms_out.form_rows`), a date lies in the quarter. Every refusal names its cell (`H12`).
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import from_excel

from hoinhap_cli import forms_out as F
from hoinhap_cli.i18n import MESSAGES
from hoinhap_cli.ledger import EntryView, Ledger
from hoinhap_cli.model import Plan, ReportFile
from hoinhap_cli.paths import DataDir
from hoinhap_cli.periods import DeadlineError, Period, is_quarter, parse_period
from hoinhap_cli.problems import DayOutOfRange, NeedsReason, RefusedCharacter, UnknownStatus, UsageError, Words, words
from hoinhap_cli.progress import Recorded, build_entry, parse_day, parse_status
from hoinhap_cli.store import Written, mark_submitted, update
from hoinhap_cli.text import nfc

MAX_FILE_BYTES = 8 * 2**20  # a ward's form of 48 rows is ~15 KiB
MAX_UNPACKED = 16 * 2**20  # what its members may add up to once inflated (that form: ~75 KiB)
MAX_MEMBERS = 500
MAX_ROWS = 3000  # rows read before a sheet is refused as too long (the shipped plan's longest form: ~50)


@dataclass(frozen=True)
class Refusal:
    cell: str | None  # "H12", or None: the file as a whole
    words: str | Words

    def text(self, lang: str) -> str:
        return self.words if isinstance(self.words, str) else self.words.text(lang)


class Refused(Exception):
    def __init__(self, refusals: list[Refusal]):
        self.refusals = refusals
        super().__init__(refusals)


@dataclass
class Returned:
    """A form that passed every check: its unit, quarter, entries (with their row) and submission."""

    unit: str
    quarter: Period
    entries: list[tuple[int, Recorded]] = field(default_factory=list)
    submitted: date | None = None


def _refuse(cell: str | None, key: str, **values: object) -> Refused:
    return Refused([Refusal(cell, words(key, **values))])


# ------------------------------------------------------------------ opening


def open_cells(path: Path) -> tuple[dict[str, Any], int]:
    """The form sheet's cells by coordinate (values as typed) and the workbook's date epoch,
    or Refused for a file that is not a sound, formula-free form workbook."""
    _check_zip(path)
    try:
        with warnings.catch_warnings():  # openpyxl warns (on stderr) about what it does not read: styles, …
            warnings.simplefilter("ignore")
            book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception as err:  # openpyxl raises many kinds on a broken file (zip, XML, keys): each is one line
        raise _refuse(None, "forms.unreadable", error=f"{type(err).__name__}: {err}") from None
    try:
        names = [nfc(n) for n in book.sheetnames]
        if F.SHEET not in names:
            raise _refuse(None, "forms.no_sheet", sheet=F.SHEET, sheets=", ".join(names))
        sheet = book[book.sheetnames[names.index(F.SHEET)]]
        epoch = 1904 if book.epoch.year == 1904 else 1900
        # Numbers in date-formatted cells stay numbers: openpyxl would turn a serial out of its range
        # (20090615 typed for 15/06/2009) into #VALUE!, and the message could not quote what was typed.
        book._date_formats = set()  # type: ignore[attr-defined]  # openpyxl private, read by its sheet parser
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _cells(sheet), epoch
    finally:
        book.close()


def _check_zip(path: Path) -> None:
    try:
        if not path.is_file():
            raise _refuse(None, "forms.no_file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _refuse(None, "forms.too_big", size=_mib(size), limit=_mib(MAX_FILE_BYTES))
        if not zipfile.is_zipfile(path):
            raise _refuse(None, "forms.not_zip")
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (OSError, zipfile.BadZipFile) as err:
        raise _refuse(None, "forms.unreadable", error=str(err)) from None
    if len(members) > MAX_MEMBERS:
        raise _refuse(None, "forms.members", n=len(members), limit=MAX_MEMBERS)
    unpacked = sum(m.file_size for m in members)  # zipfile never inflates past a member's stated size
    if unpacked > MAX_UNPACKED:
        raise _refuse(None, "forms.bomb", size=f"{_mib(unpacked)} MiB", limit=f"{_mib(MAX_UNPACKED)} MiB")


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f}"


def _cells(sheet: Any) -> dict[str, Any]:
    """Every non-empty cell of the sheet (at most MAX_ROWS rows read); a formula refused."""
    sheet.reset_dimensions()  # the stated dimension may lie: read the rows the file has
    out: dict[str, Any] = {}
    for n, row in enumerate(sheet.iter_rows(), start=1):
        if n > MAX_ROWS:
            raise _refuse(None, "forms.too_many_rows", limit=MAX_ROWS)
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None or value == "":
                continue
            where = f"{get_column_letter(cell.column)}{cell.row}"
            if cell.data_type == "f":  # read with data_only=False: the formula itself, never a cached result
                raise _refuse(where, "forms.formula", formula=str(value)[:40])
            out[where] = nfc(value) if isinstance(value, str) else value
    return out


# ------------------------------------------------------------------ checking


def check_form(cells: dict[str, Any], epoch: int, plan: Plan, today: date, period: Period | None = None,
               unit: str | None = None) -> Returned:
    """The entries a form records, or Refused with every problem found (each naming its cell)."""
    form = _header(cells, plan, period, unit)
    units = {u.id: u for u in plan.units}
    rows = F.form_rows(plan.tasks, units, form.unit, F.reporting_row(plan.reporting))
    _same_plan(cells, rows)
    refusals: list[Refusal] = []
    for n, row in enumerate(rows):
        at = F.FIRST_ROW + n
        try:
            built = _entry(cells, at, row, plan, form, epoch, today)
        except Refused as err:
            refusals += err.refusals
            continue
        if built is not None:
            form.entries.append((at, built))
    try:
        form.submitted = _submitted(cells, form.quarter, plan, epoch, today)
    except Refused as err:
        refusals += err.refusals
    if refusals:
        raise Refused(refusals)
    return form


def _header(cells: dict[str, Any], plan: Plan, period: Period | None, unit: str | None) -> Returned:
    unit_id, label = _text(cells.get(F.UNIT_CELL)), _text(cells.get(F.PERIOD_CELL))
    if unit_id not in {u.id for u in plan.units}:
        raise _refuse(F.UNIT_CELL, "forms.unit_unknown", text=unit_id)
    if unit is not None and unit_id != unit:
        raise _refuse(F.UNIT_CELL, "forms.other_unit", unit=unit_id, expected=unit)
    try:
        quarter = parse_period(label)
    except DeadlineError:
        quarter = None
    if quarter is None or not is_quarter(quarter.label):
        raise _refuse(F.PERIOD_CELL, "forms.period_invalid", text=label)
    if period is not None and quarter.label != period.label:
        raise _refuse(F.PERIOD_CELL, "forms.other_period", period=quarter.label, expected=period.label)
    return Returned(unit_id, quarter)


def _same_plan(cells: dict[str, Any], rows: list[F.FormRow]) -> None:
    """The read-only columns say what the plan says; no cell outside the form holds anything."""
    expected: dict[str, str] = {}
    for n, row in enumerate(rows):
        for letter, value in zip(F.READ_ONLY, row.cells()):
            expected[f"{letter}{F.FIRST_ROW + n}"] = value
    changed = [(c, _text(cells.get(c)), v) for c, v in expected.items() if _text(cells.get(c)) != _norm(v)]
    headings = dict((letter, heading) for letter, heading, _ in F.COLUMNS)
    if changed:
        cell, found, value = changed[0]
        more = len(changed) - 1
        raise _refuse(cell, "forms.changed" if not more else "forms.changed_more", column=headings[cell[0]],
                      found=found[:60], expected=_norm(value)[:60], more=more)
    last = F.FIRST_ROW + len(rows) - 1
    for cell, value in cells.items():
        letter, line = _split(cell)
        if line > last or letter > F.LAST_COLUMN or len(letter) > 1:
            raise _refuse(cell, "forms.outside", value=_text(value)[:40])


def _split(cell: str) -> tuple[str, int]:
    letters = cell.rstrip("0123456789")
    return letters, int(cell[len(letters):])


def _entry(cells: dict[str, Any], at: int, row: F.FormRow, plan: Plan, form: Returned, epoch: int,
           today: date) -> Recorded | None:
    def get(letter: str) -> Any:
        return cells.get(f"{letter}{at}")

    status_cell, date_cell, reason_cell = f"{F.STATUS}{at}", f"{F.DATE}{at}", f"{F.REASON}{at}"
    note, reason, evidence = (_text(get(c)) or None for c in (F.NOTE, F.REASON, F.EVIDENCE))
    status = _text(get(F.STATUS))
    if not status:
        if get(F.DATE) is not None or note or reason or evidence:
            raise _refuse(status_cell, "forms.needs_status")
        return None
    try:
        state = parse_status(status)
    except UnknownStatus:
        raise _refuse(status_cell, "forms.status_unknown", text=status, accepted=", ".join(F.STATUS_WORDS)) from None
    day = _day(get(F.DATE), date_cell, epoch, form.quarter)
    if day is None:
        raise _refuse(date_cell, "forms.needs_date", status=MESSAGES[f"status.{state.value}"][0])
    try:
        return build_entry(plan, task=row.task, status=status, today=today, milestone=row.milestone, day=day,
                           unit=form.unit, note=note, reason=reason, evidence=evidence)
    except NeedsReason:
        raise _refuse(reason_cell, "forms.needs_reason", status=MESSAGES[f"status.{state.value}"][0]) from None
    except DayOutOfRange as err:
        raise _refuse(date_cell, f"forms.day_{err.why}", day=_shown(day), limit=err.limit) from None
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
        day = _day_text(_text(value), cell)
    if quarter is not None and day not in quarter:
        key = "forms.date_outside_number" if number is not None else "forms.date_outside"
        raise _refuse(cell, key, day=_shown(day), period=quarter.label, start=_shown(quarter.start),
                      end=_shown(quarter.end), number=_text(number))
    return day


def _serial(value: float, epoch: int, cell: str) -> date:
    try:
        found = from_excel(value, epoch=datetime(1904, 1, 1) if epoch == 1904 else datetime(1899, 12, 30))
    except (OverflowError, ValueError):
        found = None
    if not isinstance(found, datetime) or not 1900 <= found.year <= 2999:
        raise _refuse(cell, "forms.not_date", text=_text(value))
    return found.date()


def _day_text(text: str, cell: str) -> date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise _refuse(cell, "forms.not_date", text=text[:40])


def _submitted(cells: dict[str, Any], quarter: Period, plan: Plan, epoch: int, today: date) -> date | None:
    answer = _text(cells.get(F.SUBMIT_CELL)).casefold()
    if answer in ("", F.NO, "khong"):
        return None
    if answer not in (F.YES, "co", "x", "yes"):
        raise _refuse(F.SUBMIT_CELL, "forms.submit_word", text=answer, yes=F.YES, no=F.NO)
    day = _day(cells.get(F.SUBMIT_DATE_CELL), F.SUBMIT_DATE_CELL, epoch, None)
    if day is None:
        raise _refuse(F.SUBMIT_DATE_CELL, "forms.submit_needs_date")
    if day < quarter.start:
        raise _refuse(F.SUBMIT_DATE_CELL, "forms.submit_before", day=_shown(day), period=quarter.label,
                      start=_shown(quarter.start))
    try:
        return parse_day(plan, day, today)
    except DayOutOfRange as err:
        raise _refuse(F.SUBMIT_DATE_CELL, f"forms.day_{err.why}", day=_shown(day), limit=err.limit) from None


def _text(value: Any) -> str:
    """A cell as text: NFC, line ends \\n, trimmed; a whole number without its .0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return _norm(str(value))


def _norm(text: str) -> str:
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n")).strip()


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
        raise _refuse(F.SUBMIT_DATE_CELL, "store.submitted", unit=form.unit, period=form.quarter.label,
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
