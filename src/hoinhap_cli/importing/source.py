"""One neutral shape for every layout a plan document arrives in, and the dispatch by content.

A `Document` is the paragraphs outside tables (each with its source line) and the tables, each
a list of rows of cells; a cell knows its text, where it stands in the source and whether its
text was filled from a merged cell. The layout is recognised from the bytes, not the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hoinhap_cli.problems import Words, words
from hoinhap_cli.text import INVISIBLE, nfc


@dataclass(frozen=True)
class Pos:
    """Where something stands in the source: a line (text, HTML) or a table cell (Word)."""

    line: int | None = None  # a source line; in a Word file, the order of the paragraph or table
    table: int | None = None
    row: int | None = None
    col: int | None = None
    para: bool = False  # `line` counts a Word file's paragraphs

    def words(self) -> Words:
        if self.table is not None and self.row is not None:
            return words("import.pos.cell", table=self.table, row=self.row, col=self.col)
        if self.para:
            return words("import.pos.para", line=self.line or 0)
        return words("import.pos.line", line=self.line or 0)


@dataclass(frozen=True)
class Cell:
    text: str
    pos: Pos
    merged: bool = False  # filled from a merged cell above (or beside)


@dataclass
class Row:
    cells: list[Cell]
    joined: Pos | None = None  # continued from the previous table (a page break): where

    @property
    def pos(self) -> Pos:
        return self.cells[0].pos if self.cells else Pos()


@dataclass
class Table:
    rows: list[Row]
    pos: Pos


@dataclass
class Document:
    path: Path
    layout: str  # docx | html | markdown | portal | tabbed | text
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (line or paragraph number, text)
    tables: list[Table] = field(default_factory=list)


class Unreadable(Exception):
    """The document cannot be read: the reason in domain words."""

    def __init__(self, reason: Words):
        self.reason = reason
        super().__init__(reason.text("en"))


def clean(text: str) -> str:
    """A cell's or paragraph's text: NFC, no-break spaces as spaces, lines stripped at their ends,
    blank lines at the ends dropped; the words themselves untouched."""
    text = nfc(text)
    for ch in INVISIBLE:
        if ch in text:
            text = text.replace(ch, " " if ch in "\u00a0\u2007\u202f" else "")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out)


def _decoded(raw: bytes) -> str:
    """UTF-8 (a BOM allowed), UTF-16 with its BOM, or an HTML page in the charset it declares
    (older Vietnamese pages: windows-1258); anything else is refused, not guessed."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", raw[:4096], re.IGNORECASE)
        if declared:
            try:
                return raw.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise Unreadable(words("import.err.encoding", offset=err.start)) from None


def read(path: Path, max_bytes: int = 50_000_000) -> Document:
    """The document at `path`, its layout recognised from its content."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise Unreadable(words("import.err.not_file"))
        if size > max_bytes:
            raise Unreadable(words("import.err.too_big", mb=max_bytes // 1_000_000))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise Unreadable(words("import.err.missing")) from None
    except IsADirectoryError:
        raise Unreadable(words("import.err.not_file")) from None
    except OSError as err:
        raise Unreadable(words("import.err.os", error=err.strerror or str(err))) from None
    if raw.startswith(b"PK\x03\x04"):
        from hoinhap_cli.importing.docx_layout import read_docx

        return read_docx(path, raw)
    text = _decoded(raw)
    if not text.strip():
        raise Unreadable(words("import.err.empty"))
    head = text.lstrip()[:2000].lower()
    if head.startswith("<") and ("<html" in head or "<table" in text.lower() or "<body" in head or "<p" in head):
        from hoinhap_cli.importing.html_layout import read_html

        return read_html(path, text)
    from hoinhap_cli.importing.text_layouts import read_text

    return read_text(path, text)
