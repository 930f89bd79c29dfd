"""Word files (.docx) read with python-docx: paragraphs and tables in the order of the body.

A cell's paragraphs are its lines. A cell that continues a merged cell (the same cell as the
one above, or beside) is marked as merged. Positions are table, row and column (from 1);
paragraphs are counted in the order of the body.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from hoinhap_cli.importing.document import Cell, Document, Pos, Row, Table, Unreadable, clean
from hoinhap_cli.words.problems import words


def read_docx(path: Path, raw: bytes) -> Document:
    try:
        word = docx.Document(io.BytesIO(raw))
    except Exception as err:  # a zip that is no Word file: python-docx and zipfile raise many kinds
        raise Unreadable(words("import.err.docx", error=type(err).__name__)) from None
    paragraphs: list[tuple[int, str]] = []
    tables: list[Table] = []
    order = 0
    body: Any = word.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            order += 1
            text = clean(Paragraph(child, word).text)
            for line in text.split("\n"):
                if line.strip():
                    paragraphs.append((order, line))
        elif tag == "tbl":
            order += 1
            tables.append(_table(DocxTable(child, word), order, len(tables) + 1))
    return Document(path, "docx", paragraphs, tables)


_NUMPR = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}numPr"


def _numbered(paragraph: Any) -> bool:
    """Numbered by Word's list numbering, in the paragraph itself or through its style."""
    if paragraph._p.find(f".//{_NUMPR}") is not None:
        return True
    style = paragraph.style
    return style is not None and style.element.find(f".//{_NUMPR}") is not None


def _table(table: Any, order: int, number: int) -> Table:
    """The table's rows; a cell numbered by Word's own list numbering (its text holds no number)
    gets the number Word shows, counted down its column."""
    rows: list[Row] = []
    above: list[Any] = []
    counters: dict[int, int] = {}
    for r, row in enumerate(table.rows, start=1):
        cells: list[Cell] = []
        seen: list[Any] = []
        for c, cell in enumerate(row.cells, start=1):
            tc = cell._tc
            merged = (c - 1 < len(above) and above[c - 1] is tc) or (bool(seen) and seen[-1] is tc)
            text = clean("\n".join(p.text for p in cell.paragraphs))
            if not merged and cell.paragraphs and _numbered(cell.paragraphs[0]):
                counters[c] = counters.get(c, 0) + 1
                text = clean(f"{counters[c]}\n{text}") if c == 1 and not text else text
            cells.append(Cell(text, Pos(line=order, table=number, row=r, col=c), merged=merged))
            seen.append(tc)
        above = seen
        rows.append(Row(cells))
    return Table(rows, Pos(line=order, table=number))
