"""A returned form read back: refused as a whole, or turned into the entries it records.

The workbook comes from outside (an office's e-mail), so it is opened defensively before
openpyxl sees it: its size, that it is a zip (not an .ods or an old .xls), the total size of its
members once unpacked (a zip bomb is refused before anything is inflated), and that no XML part
declares a DOCTYPE or an entity (an entity bomb fits inside every zip limit); the XML is then
parsed by defusedxml, entity expansion off. openpyxl reads the workbook's parts (sheets, shared
strings, styles); the form sheet's cells are read here, one by one in the order the file has
them (a cell written after a later one is still read), values as typed: a formula is refused,
never evaluated; a number in a date-formatted cell is the date Excel shows. A damaged cell or
part is the form's refusal, naming the cell (or the part, line and column); reading stops after
MAX_ROWS rows.

What an entry may say is `progress.build_entry`'s: the form adds only what a form must hold —
one unit named by its header, its file name and its rows; a quarter; the read-only columns as
the plan says now (`forms_out.form_rows`, rows found where they are, a deleted or added row
named); a date in the quarter. Every problem of a form is reported in one pass, each naming its
cell (`H12`). Every text is NFC (office software on some systems types Vietnamese decomposed).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from math import isfinite
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import iterparse  # type: ignore[import-untyped]
from openpyxl import load_workbook
from openpyxl.cell.text import Text
from openpyxl.utils.cell import column_index_from_string, get_column_letter
from openpyxl.utils.datetime import from_excel

from hoinhap_cli import forms_out as F
from hoinhap_cli.guard import escape_bidi
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
QUOTE = 60  # characters of a cell quoted in a message, cut between words
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the first bytes of an Excel 97-2003 .xls
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")


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


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula (its text): refused, never evaluated."""

    text: str


@dataclass(frozen=True)
class Sheet:
    """The form sheet as read: its non-empty cells by coordinate (values as typed), the workbook's
    date epoch, and the current statuses the form was sent with (`forms_out.stamp`), if it says."""

    cells: dict[str, Any]
    epoch: int = 1900
    sent: tuple[str, ...] | None = None


def _refuse(cell: str | None, key: str, **values: object) -> Refused:
    return Refused([Refusal(cell, words(key, **values))])


# ------------------------------------------------------------------ opening


def open_sheet(path: Path) -> Sheet:
    """The form sheet of the workbook at `path`, or Refused for a file that is not a sound form workbook."""
    _check_zip(path)
    try:
        with warnings.catch_warnings():  # openpyxl warns (on stderr) about what it does not read: styles, …
            warnings.simplefilter("ignore")
            book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds on a broken file (zip, XML, keys): each is one line
        raise _refuse(None, "forms.unreadable") from None
    try:
        names = [nfc(n) for n in book.sheetnames]
        if F.SHEET not in names:
            raise _refuse(None, "forms.no_sheet", sheet=F.SHEET, sheets=", ".join(_quote(n) for n in names))
        sheet = book[book.sheetnames[names.index(F.SHEET)]]
        epoch = 1904 if book.epoch.year == 1904 else 1900
        cells = _cells(book, sheet, epoch)
        return Sheet(cells, epoch, F.read_stamp(book.properties.keywords))
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
            with path.open("rb") as f:
                raise _refuse(None, "forms.xls" if f.read(len(_OLE)) == _OLE else "forms.not_zip")
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise _refuse(None, "forms.members", n=len(members), limit=MAX_MEMBERS)
            unpacked = sum(m.file_size for m in members)  # zipfile never inflates past a member's stated size
            if unpacked > MAX_UNPACKED:
                raise _refuse(None, "forms.bomb", size=f"{_mib(unpacked)} MiB", limit=f"{_mib(MAX_UNPACKED)} MiB")
            if any(m.filename == "mimetype" for m in members) and \
                    archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
                raise _refuse(None, "forms.ods")
            for member in members:
                _no_doctype(member.filename, archive.read(member))
    except Refused:
        raise
    except Exception:  # a bad CRC, an encrypted or truncated member, an unknown compression
        raise _refuse(None, "forms.unreadable") from None


def _no_doctype(name: str, data: bytes) -> None:
    """Refuse a part that declares a DOCTYPE or an entity (in any encoding: NULs of UTF-16/32 dropped).
    No part of a workbook has one; an entity expanded a few hundred times fills the memory."""
    flat = data.replace(b"\0", b"").lower()
    if b"<!doctype" in flat or b"<!entity" in flat:
        raise _refuse(None, "forms.doctype", part=_quote(name))


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f}"


def _cells(book: Any, sheet: Any, epoch: int) -> dict[str, Any]:
    """Every non-empty cell of the sheet, in whatever order the file has them (at most MAX_ROWS
    rows); a formula kept as Formula; a damaged cell or part refused."""
    part = sheet._worksheet_path  # openpyxl private: the sheet's part in the zip
    strings = sheet._shared_strings
    dates = book._date_formats  # style ids of date formats
    out: dict[str, Any] = {}
    rows = row_at = column_at = 0
    last = None
    try:
        with book._archive.open(part) as src:
            for event, el in iterparse(src, events=("start", "end"), forbid_dtd=True):
                if el.tag == _MAIN + "row":
                    if event == "start":
                        rows += 1
                        if rows > MAX_ROWS:
                            raise _refuse(None, "forms.too_many_rows", limit=MAX_ROWS)
                        r = el.get("r")
                        row_at = int(r) if r is not None and r.isdigit() else row_at + 1
                        column_at = 0
                    else:
                        el.clear()
                elif el.tag == _MAIN + "c" and event == "end":
                    where, value = _cell(el, row_at, column_at, strings, dates, epoch)
                    column_at = column_index_from_string(_split(where)[0])
                    last = where
                    if value is None or value == "":
                        continue
                    if where in out:
                        raise _refuse(where, "forms.duplicate_cell")
                    out[where] = value
    except Refused:
        raise
    except DefusedXmlException:
        raise _refuse(None, "forms.doctype", part=_quote(part)) from None
    except ParseError as err:
        line, column = err.position
        raise _refuse(None, "forms.damaged_xml", part=_quote(part), line=line, column=column + 1) from None
    except Exception:
        raise _refuse(None, "forms.damaged", part=_quote(part),
                      after=words("forms.after_cell", cell=last) if last else "") from None
    return out


def _cell(el: Any, row_at: int, column_at: int, strings: Any, dates: Any, epoch: int) -> tuple[str, Any]:
    """A cell element's coordinate and value (a text NFC, a number, a date, a bool, a Formula)."""
    ref = el.get("r")
    if ref is None:
        where = f"{get_column_letter(column_at + 1)}{row_at}"
    else:
        match = _REF.fullmatch(ref)
        if match is None or column_index_from_string(match.group(1)) > 16384:  # XFD, Excel's last column
            raise _refuse(None, "forms.bad_ref", ref=_quote(ref))
        where = ref
    kind = el.get("t", "n")
    formula = el.find(_MAIN + "f")
    if formula is not None:
        return where, Formula(formula.text or "")
    if kind == "inlineStr":
        inline = el.find(_MAIN + "is")
        text = Text.from_tree(inline) if inline is not None else None
        return where, nfc(text.content or "") if text is not None else None
    raw = el.findtext(_MAIN + "v")
    if raw is None:
        return where, None
    if kind == "s":
        index = int(raw) if raw.strip().isdigit() else -1
        if not 0 <= index < len(strings):
            raise _refuse(where, "forms.bad_shared", index=_quote(raw))
        return where, nfc(str(strings[index]))
    if kind in ("str", "e"):
        return where, nfc(raw)
    if kind == "b":
        if raw.strip() not in ("0", "1"):
            raise _refuse(where, "forms.bad_bool", text=_quote(raw))
        return where, raw.strip() == "1"
    if kind == "d":
        try:
            return where, datetime.fromisoformat(raw.strip())
        except ValueError:
            raise _refuse(where, "forms.bad_date_cell", text=_quote(raw)) from None
    if kind != "n":
        raise _refuse(where, "forms.bad_type", kind=_quote(kind))
    try:
        number: float = int(raw) if raw.strip().lstrip("-").isdigit() else float(raw)
    except ValueError:
        raise _refuse(where, "forms.bad_number", text=_quote(raw)) from None
    if not isfinite(number):
        raise _refuse(where, "forms.bad_number", text=_quote(raw))
    style = el.get("s", "0")
    if style.isdigit() and int(style) in dates:  # what Excel shows: the date (a serial out of range stays a number)
        found = _from_serial(number, epoch)
        if found is not None:
            return where, found
    return where, number


def _from_serial(value: float, epoch: int) -> date | None:
    try:
        found = from_excel(value, epoch=datetime(1904, 1, 1) if epoch == 1904 else datetime(1899, 12, 30))
    except (OverflowError, ValueError, TypeError):
        return None
    return found.date() if isinstance(found, datetime) and 1900 <= found.year <= 2999 else None


def _quote(text: object, limit: int = QUOTE) -> str:
    """A value as it is quoted in a one-line message: spaces and line ends as one space, control and
    bidi characters as <U+…>, and a long text cut between words (never inside one), marked " …"."""
    flat = " ".join(str(text).split())
    flat = "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) == "Cc" else c for c in flat)
    flat = escape_bidi(flat)
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit + 1)
    if cut <= 0:  # one long word: quoted whole up to its end
        cut = flat.find(" ", limit)
        if cut < 0:
            return flat
    return flat[:cut].rstrip() + " …"


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
            letters, line = _split(cell)
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
            found.add(cell, "forms.formula", formula=_quote("=" + value.text.lstrip("="), 40))
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
    unit_id, label = _text(cells.get(F.UNIT_CELL)), _text(cells.get(F.PERIOD_CELL))
    try:
        quarter: Period | None = parse_period(label)
    except DeadlineError:
        quarter = None
    if quarter is None or not is_quarter(quarter.label):
        found.add(F.PERIOD_CELL, "forms.period_invalid", text=_quote(label))
        quarter = None
    elif period is not None and quarter.label != period.label:
        found.add(F.PERIOD_CELL, "forms.other_period", period=quarter.label, expected=period.label)
    if unit_id not in units:
        found.add(F.UNIT_CELL, "forms.unit_unknown", text=_quote(unit_id))
        return None
    if unit is not None and unit_id != unit:
        found.add(F.UNIT_CELL, "forms.other_unit", unit=unit_id, expected=unit)
    shown = _text(cells.get(F.NAME_CELL))
    if shown != _norm(units[unit_id].name):
        other = unit_named(plan, shown)
        if other is not None:
            found.add(F.NAME_CELL, "forms.unit_conflict", unit=unit_id, other=other,
                      where=words("forms.where_cell", cell=F.NAME_CELL))
        else:
            found.add(F.NAME_CELL, "forms.changed", column="Đơn vị", found=_quote(shown),
                      expected=_quote(units[unit_id].name))
    other = unit_of_file(plan, name) if name else None
    if other is not None and other != unit_id:
        found.add(None, "forms.unit_conflict", unit=unit_id, other=other,
                  where=words("forms.where_file", name=_quote(name)))
    return Returned(unit_id, quarter) if quarter is not None else None


def unit_named(plan: Plan, text: str) -> str | None:
    """The unit whose id or name `text` is (case aside), if any."""
    key = nfc(text).strip().casefold()
    return next((u.id for u in plan.units if key in (u.id.casefold(), nfc(u.name).casefold())), None)


def unit_of_file(plan: Plan, name: str) -> str | None:
    """The unit a file's name names: its name (without .xlsx) is a unit's id or name, or starts with
    one followed by `-`, `_`, a space or a dot (`ubnd-phuong-binh-an-2009-Q2`); the longest wins."""
    stem = nfc(Path(name).name).casefold()
    if stem.endswith(".xlsx"):
        stem = stem[: -len(".xlsx")]
    best: tuple[int, str] | None = None
    for u in plan.units:
        for key in (u.id.casefold(), nfc(u.name).casefold()):
            if (stem == key or (stem.startswith(key) and stem[len(key)] in "-_ .")) and \
                    (best is None or len(key) > best[0]):
                best = (len(key), u.id)
    return best[1] if best else None


def _placed(cells: dict[str, Any], rows: list[F.FormRow], plan: Plan, unit: str,
            found: _Found) -> list[tuple[int, int]]:
    """Where each of the plan's rows is on the sheet, as (row index, sheet line): a line whose
    read-only columns are a plan row is that row wherever it is (rows sorted or moved are read);
    the other lines are aligned with the plan's other rows, so a deleted or added row is named as
    such and a changed cell by itself; cells outside the form are named."""
    last_column = column_index_from_string(F.LAST_COLUMN)
    lines: dict[int, dict[str, Any]] = {}
    for cell, value in cells.items():
        letters, line = _split(cell)
        if line >= F.FIRST_ROW:
            lines.setdefault(line, {})[letters] = value
        if column_index_from_string(letters) > last_column:
            found.add(cell, "forms.outside", value=_quote(_text(value), 40))
    at = sorted(lines)
    expected = [tuple(_norm(v) for v in row.cells()) for row in rows]
    seen = [tuple(_text(lines[line].get(letter)) for letter in F.READ_ONLY) for line in at]
    if seen != expected:
        other = _rows_of_another(plan, unit, seen)
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
                    found.add(f"{letter}{at[j]}", "forms.changed", column=headings[letter], found=_quote(have),
                              expected=_quote(want))
        for i in range(i1 + pairs, i2):  # the plan's rows the sheet lacks
            n = missing[i]
            after = max((line for m, line in placed if m < n), default=0)  # the line of the row before it
            following = [line for line in at if line > after]
            before = following[0] if following else (at[-1] + 1 if at else F.FIRST_ROW)
            found.add(None, "forms.row_deleted", task=_row_name(rows[n]), title=_quote(rows[n].title, 40),
                      line=before)
        for j in left[j1 + pairs:j2]:  # lines the plan has no row for
            line = at[j]
            if any(seen[j]):
                found.add(f"A{line}", "forms.row_added", text=_quote(" | ".join(x for x in seen[j] if x)))
            else:
                for letter, value in sorted(lines[line].items()):
                    found.add(f"{letter}{line}", "forms.outside", value=_quote(_text(value), 40))
    return sorted(placed)


def _row_name(row: F.FormRow) -> str:
    return row.task + (f" #{row.milestone}" if row.milestone is not None else "")


def _rows_of_another(plan: Plan, unit: str, seen: list[tuple[str, ...]]) -> str | None:
    """Another unit whose form has exactly these read-only rows (a form sent to it, re-headed)."""
    units = {u.id: u for u in plan.units}
    skip = F.reporting_row(plan.reporting)
    for other in units:
        if other != unit and not units[other].members:
            rows = F.form_rows(plan.tasks, units, other, skip)
            if rows and [tuple(_norm(v) for v in r.cells()) for r in rows] == seen:
                return other
    return None


def _current(cells: dict[str, Any], at: int, sent: str | None, found: _Found) -> None:
    """The read-only current status (G): as the form was sent, or at least one of the status words."""
    cell = f"{F.CURRENT}{at}"
    have = _text(cells.get(cell))
    if sent is not None and have != sent:
        found.add(cell, "forms.changed_status", found=_quote(have), expected=sent)
    elif sent is None and have not in F.STATUS_WORDS:
        found.add(cell, "forms.changed_status_word", found=_quote(have))


def _split(cell: str) -> tuple[str, int]:
    letters = cell.rstrip("0123456789")
    return letters, int(cell[len(letters):])


def _entry(cells: dict[str, Any], at: int, row: F.FormRow, plan: Plan, form: Returned, epoch: int,
           today: date) -> Recorded | None:
    """The entry a row records (None: the row is left empty), or Refused with each of its problems."""
    def get(letter: str) -> Any:
        return cells.get(f"{letter}{at}")

    status_cell, date_cell, reason_cell = f"{F.STATUS}{at}", f"{F.DATE}{at}", f"{F.REASON}{at}"
    note, reason, evidence = (_text(get(c)) or None for c in (F.NOTE, F.REASON, F.EVIDENCE))
    status = _text(get(F.STATUS))
    problems: list[Refusal] = []
    state = None
    if not status:
        if get(F.DATE) is not None or note or reason or evidence:
            problems.append(Refusal(status_cell, words("forms.needs_status")))
    else:
        try:
            state = parse_status(status)
        except UnknownStatus:
            problems.append(Refusal(status_cell, words("forms.status_unknown", text=_quote(status),
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
    found = _from_serial(value, epoch)
    if found is None:
        raise _refuse(cell, "forms.not_date", text=_text(value))
    return found


def _day_text(text: str, cell: str) -> date:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise _refuse(cell, "forms.not_date", text=_quote(text, 40))


def _submitted(cells: dict[str, Any], quarter: Period, plan: Plan, epoch: int, today: date) -> date | None:
    answer = _text(cells.get(F.SUBMIT_CELL)).casefold()
    if answer in ("", F.NO, "khong"):
        return None
    if answer not in (F.YES, "co", "x", "yes"):
        raise _refuse(F.SUBMIT_CELL, "forms.submit_word", text=_quote(answer), yes=F.YES, no=F.NO)
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
