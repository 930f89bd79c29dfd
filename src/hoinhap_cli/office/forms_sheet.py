"""A returned workbook opened defensively, and its form sheet read cell by cell.

The workbook comes from outside (an office's e-mail), so it is opened defensively before
openpyxl sees it: a regular file (a FIFO is never waited on, a device never read), read once,
its size (MAX_FILE_BYTES, or the run's HOINHAP_MAX_MB when that is smaller: the smaller wins),
that it is a zip (not an .ods or an old .xls), the total size of its members once unpacked (a
zip bomb is refused before anything is inflated), and that no XML part declares a DOCTYPE or an
entity (an entity bomb fits inside every zip limit); the XML is then parsed by defusedxml,
entity expansion off. openpyxl reads the workbook's parts (sheets, shared strings, styles); the
form sheet's cells are read here, one by one in the order the file has them (a cell written
after a later one is still read), values as typed: a formula is refused, never evaluated; a
number in a date-formatted cell is the date Excel shows. A damaged cell or part is the form's
refusal, naming the cell (or the part, line and column); reading stops after MAX_ROWS rows.
Every text is NFC (office software on some systems types Vietnamese decomposed).
"""

from __future__ import annotations

import io
import os
import re
import stat
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
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

from hoinhap_cli.files.plainfiles import kind
from hoinhap_cli.files.yamlio import MAX_MB_ENV
from hoinhap_cli.office import forms_out as F
from hoinhap_cli.words.problems import Words, words
from hoinhap_cli.words.text import nfc, shown

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


def refuse(cell: str | None, key: str, **values: object) -> Refused:
    return Refused([Refusal(cell, words(key, **values))])


def open_sheet(path: Path, max_bytes: int) -> Sheet:
    """The form sheet of the workbook at `path`, or Refused for a file that is not a sound form
    workbook. `max_bytes`: the run's file-size limit (HOINHAP_MAX_MB); the smaller of it and
    MAX_FILE_BYTES wins, and the zip limits hold whatever it is."""
    raw = io.BytesIO(_read(path, max_bytes))
    _check_zip(raw)
    try:
        with warnings.catch_warnings():  # openpyxl warns (on stderr) about what it does not read: styles, …
            warnings.simplefilter("ignore")
            book = load_workbook(raw, read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds on a broken file (zip, XML, keys): each is one line
        raise refuse(None, "forms.unreadable") from None
    try:
        names = [nfc(n) for n in book.sheetnames]
        if F.SHEET not in names:
            raise refuse(None, "forms.no_sheet", sheet=F.SHEET, sheets=", ".join(quote(n) for n in names))
        sheet = book[book.sheetnames[names.index(F.SHEET)]]
        epoch = 1904 if book.epoch.year == 1904 else 1900
        cells = _cells(book, sheet, epoch)
        return Sheet(cells, epoch, F.read_stamp(book.properties.keywords))
    finally:
        book.close()


def _read(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, read once: only a regular file (a FIFO opens at once and is refused, never
    waited on; a device is never read), and no more than the limit and one byte."""
    limit = min(MAX_FILE_BYTES, max_bytes)
    try:
        with open(path, "rb", opener=_nonblocking) as f:
            mode, size = (st := os.fstat(f.fileno())).st_mode, st.st_size
            if not stat.S_ISREG(mode):
                raise refuse(None, "forms.not_regular", kind=kind(mode))
            raw = f.read(limit + 1) if size <= limit else b""
    except Refused:
        raise
    except FileNotFoundError:
        raise refuse(None, "forms.no_file") from None
    except IsADirectoryError:
        raise refuse(None, "forms.not_regular", kind=kind(stat.S_IFDIR)) from None
    except OSError as err:
        raise refuse(None, "forms.cannot_open", error=err.strerror or str(err)) from None
    if size > limit or len(raw) > limit:
        shown_size = _mib(max(size, len(raw)))
        if limit < MAX_FILE_BYTES:  # HOINHAP_MAX_MB is the smaller: it is what refuses the form
            raise refuse(None, "forms.too_big_env", size=shown_size, limit=f"{limit / 2**20:g}", env=MAX_MB_ENV)
        raise refuse(None, "forms.too_big", size=shown_size, limit=_mib(MAX_FILE_BYTES))
    return raw


def _nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def _check_zip(raw: io.BytesIO) -> None:
    """Refuse what is not a zip, a zip bomb and any part that declares a DOCTYPE, before openpyxl."""
    try:
        if not zipfile.is_zipfile(raw):
            raise refuse(None, "forms.xls" if raw.getvalue()[:len(_OLE)] == _OLE else "forms.not_zip")
        with zipfile.ZipFile(raw) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise refuse(None, "forms.members", n=len(members), limit=MAX_MEMBERS)
            unpacked = sum(m.file_size for m in members)  # zipfile never inflates past a member's stated size
            if unpacked > MAX_UNPACKED:
                raise refuse(None, "forms.bomb", size=f"{_mib(unpacked)} MiB", limit=f"{_mib(MAX_UNPACKED)} MiB")
            if any(m.filename == "mimetype" for m in members) and \
                    archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
                raise refuse(None, "forms.ods")
            for member in members:
                _no_doctype(member.filename, archive.read(member))
    except Refused:
        raise
    except Exception:  # a bad CRC, an encrypted or truncated member, an unknown compression
        raise refuse(None, "forms.unreadable") from None


def _no_doctype(name: str, data: bytes) -> None:
    """Refuse a part that declares a DOCTYPE or an entity (in any encoding: NULs of UTF-16/32 dropped).
    No part of a workbook has one; an entity expanded a few hundred times fills the memory."""
    flat = data.replace(b"\0", b"").lower()
    if b"<!doctype" in flat or b"<!entity" in flat:
        raise refuse(None, "forms.doctype", part=quote(name))


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
                            raise refuse(None, "forms.too_many_rows", limit=MAX_ROWS)
                        r = el.get("r")
                        row_at = int(r) if r is not None and r.isdigit() else row_at + 1
                        column_at = 0
                    else:
                        el.clear()
                elif el.tag == _MAIN + "c" and event == "end":
                    where, value = _cell(el, row_at, column_at, strings, dates, epoch)
                    column_at = column_index_from_string(split_cell(where)[0])
                    last = where
                    if value is None or value == "":
                        continue
                    if where in out:
                        raise refuse(where, "forms.duplicate_cell")
                    out[where] = value
    except Refused:
        raise
    except DefusedXmlException:
        raise refuse(None, "forms.doctype", part=quote(part)) from None
    except ParseError as err:
        line, column = err.position
        raise refuse(None, "forms.damaged_xml", part=quote(part), line=line, column=column + 1) from None
    except Exception:
        raise refuse(None, "forms.damaged", part=quote(part),
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
            raise refuse(None, "forms.bad_ref", ref=quote(ref))
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
            raise refuse(where, "forms.bad_shared", index=quote(raw))
        return where, nfc(str(strings[index]))
    if kind in ("str", "e"):
        return where, nfc(raw)
    if kind == "b":
        if raw.strip() not in ("0", "1"):
            raise refuse(where, "forms.bad_bool", text=quote(raw))
        return where, raw.strip() == "1"
    if kind == "d":
        try:
            return where, datetime.fromisoformat(raw.strip())
        except ValueError:
            raise refuse(where, "forms.bad_date_cell", text=quote(raw)) from None
    if kind != "n":
        raise refuse(where, "forms.bad_type", kind=quote(kind))
    try:
        number: float = int(raw) if raw.strip().lstrip("-").isdigit() else float(raw)
    except ValueError:
        raise refuse(where, "forms.bad_number", text=quote(raw)) from None
    if not isfinite(number):
        raise refuse(where, "forms.bad_number", text=quote(raw))
    style = el.get("s", "0")
    if style.isdigit() and int(style) in dates:  # what Excel shows: the date (a serial out of range stays a number)
        found = from_serial(number, epoch)
        if found is not None:
            return where, found
    return where, number


def from_serial(value: float, epoch: int) -> date | None:
    try:
        found = from_excel(value, epoch=datetime(1904, 1, 1) if epoch == 1904 else datetime(1899, 12, 30))
    except (OverflowError, ValueError, TypeError):
        return None
    return found.date() if isinstance(found, datetime) and 1900 <= found.year <= 2999 else None


def quote(text: object, limit: int = QUOTE) -> str:
    """A value as it is quoted in a one-line message: spaces and line ends as one space, control and
    bidi characters as <U+…>, and a long text cut between words (never inside one), marked " …"."""
    flat = " ".join(str(text).split())
    flat = "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) == "Cc" else c for c in flat)
    flat = shown(flat)
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit + 1)
    if cut <= 0:  # one long word: quoted whole up to its end
        cut = flat.find(" ", limit)
        if cut < 0:
            return flat
    return flat[:cut].rstrip() + " …"


def split_cell(cell: str) -> tuple[str, int]:
    letters = cell.rstrip("0123456789")
    return letters, int(cell[len(letters):])


def cell_text(value: Any) -> str:
    """A cell as text: NFC, line ends \\n, trimmed; a whole number without its .0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return norm_text(str(value))


def norm_text(text: str) -> str:
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n")).strip()
