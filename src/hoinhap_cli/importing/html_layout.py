"""HTML pages (as saved from a legal portal or a PDF converter), read with the stdlib parser.

Block elements outside tables are paragraphs; each table is rows of cells, a cell under a
`rowspan` or beside a `colspan` filled with the merged cell's text and marked as merged. A
table that holds another table is the page's layout, not data (a portal page set in one big
table): its cells are read as blocks of text, and the tables inside it as tables. Lines are
the source's lines.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from hoinhap_cli.importing.document import Cell, Document, Pos, Row, Table, clean

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section", "article", "blockquote",
           "pre", "title", "dd", "dt"}
_SKIP = {"script", "style", "head", "noscript", "template"}


class _Nesting(HTMLParser):
    """First pass: which tables (by their order in the page) hold another table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.count = 0
        self.open: list[int] = []
        self.layout: set[int] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.layout.update(self.open)
            self.open.append(self.count)
            self.count += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.open:
            self.open.pop()


class _Parser(HTMLParser):
    def __init__(self, layout: set[int]) -> None:
        super().__init__(convert_charrefs=True)
        self._layout = layout
        self._ordinal = 0
        self._open: list[bool] = []  # the open tables, innermost last: is it a layout table?
        self.paragraphs: list[tuple[int, str]] = []
        self.tables: list[Table] = []
        self._text: list[str] = []
        self._text_line = 0
        self._skip = 0
        self._depth = 0  # table nesting
        self._rows: list[list[tuple[str, int, int, int]]] = []  # (text, line, rowspan, colspan)
        self._cell: list[str] | None = None
        self._cell_line = 0
        self._span = (1, 1)
        self._table_line = 0

    # -------------------------------------------------------------- text outside and inside tables
    def _flush(self) -> None:
        text = clean("".join(self._text))
        if text:
            for line in text.split("\n"):
                if line.strip():
                    self.paragraphs.append((self._text_line, line))
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
            return
        line = self.getpos()[0]
        if tag == "table":
            layout = self._ordinal in self._layout and self._depth == 0
            self._ordinal += 1
            self._open.append(layout)
            if layout:
                self._flush()
                self._text_line = line
                return
            self._depth += 1
            if self._depth == 1:
                self._flush()
                self._rows, self._table_line = [], line
            elif self._cell is not None:
                self._cell.append("\n")
            return
        if self._depth == 1 and tag == "tr":
            self._rows.append([])
            return
        if self._depth == 1 and tag in ("td", "th"):
            a = dict(attrs)
            self._cell, self._cell_line = [], line
            self._span = (_int(a.get("rowspan")), _int(a.get("colspan")))
            return
        if self._depth >= 1:
            if self._cell is not None and tag in _BLOCKS | {"td", "th"}:
                self._cell.append("\n" if tag != "td" else " ")
            return
        if tag in _BLOCKS or tag in ("td", "th"):
            self._flush()
            self._text_line = line
        elif not self._text:
            self._text_line = line

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag == "table" and self._open and self._open.pop():
            self._flush()
            return
        if tag == "table" and self._depth:
            self._depth -= 1
            if self._depth == 0:
                self._end_cell()
                self.tables.append(_layout(self._rows, self._table_line, len(self.tables) + 1))
                self._rows = []
            return
        if self._depth == 1 and tag in ("td", "th"):
            self._end_cell()
            return
        if self._depth == 0 and (tag in _BLOCKS or tag in ("td", "th")):
            self._flush()
        elif self._depth >= 1 and self._cell is not None and tag in _BLOCKS:
            self._cell.append("\n")

    def _end_cell(self) -> None:
        if self._cell is not None:
            if not self._rows:
                self._rows.append([])
            self._rows[-1].append(("".join(self._cell), self._cell_line, *self._span))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._depth >= 1:
            if self._cell is not None:
                self._cell.append(" ".join(data.split("\n")) if data.strip() else " ")
            return
        if data.strip() and not self._text:
            self._text_line = self.getpos()[0]
        self._text.append(data.replace("\n", " "))

    def close(self) -> None:
        super().close()
        self._flush()


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), 1000))
    except ValueError:
        return 1


def _layout(rows: list[list[tuple[str, int, int, int]]], line: int, number: int) -> Table:
    """Rows of cells with spans resolved: a cell covered by a span is the spanning cell's text, merged."""
    grid: dict[tuple[int, int], Cell] = {}
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for text, at, rowspan, colspan in row:
            while (r, c) in grid:
                c += 1
            value = clean(text)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = Cell(value, Pos(line=at), merged=bool(dr or dc))
            c += colspan
            width = max(width, c)
    out: list[Row] = []
    for r in range(len(rows)):
        cells = [grid.get((r, c), Cell("", Pos(line=rows[r][0][1] if rows[r] else line))) for c in range(width)]
        out.append(Row(cells))
    return Table(out, Pos(line=line, table=number))


def read_html(path: Path, text: str) -> Document:
    nesting = _Nesting()
    nesting.feed(text)
    nesting.close()
    parser = _Parser(nesting.layout)
    parser.feed(text)
    parser.close()
    return Document(path, "html", parser.paragraphs, parser.tables)
