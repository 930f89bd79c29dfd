"""One neutral shape for every layout a plan document arrives in.

A `Document` is the paragraphs outside tables (each with its source line) and the tables, each
a list of rows of cells; a cell knows its text, where it stands in the source and whether its
text was filled from a merged cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hoinhap_cli.words.problems import Words, words
from hoinhap_cli.words.text import INVISIBLE, nfc


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


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def clean(text: str) -> str:
    """A cell's or paragraph's text: NFC, no-break spaces as spaces, lines stripped at their ends,
    blank lines at the ends dropped; the words themselves untouched."""
    text = _CONTROL.sub("", nfc(text))  # controls and bidi overrides: no word of the document, unsafe in YAML
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
