"""Text and Markdown copies of a plan: the layouts are told apart line by line, by content.

- Markdown pipe tables: one row per line, `| a | b |`, a `|---|` line under the header.
- A legal portal's page as Markdown: each cell on its own lines between lines holding only
  `|`; two such lines in a row start a new row once the row has the header's width (before
  that, they hold an empty cell); a `|` line followed by a blank line ends the table. Lines
  inside a cell are hard wraps (joined with a space) unless a list item starts.
- The seed's layout: one cell per line that starts with a tab; a line without the tab
  continues the cell above; the header row's cell count is the row width.
Everything outside a table is paragraphs: hard-wrapped lines joined, list items kept apart.
"""

from __future__ import annotations

import re
from pathlib import Path

from hoinhap_cli.importing.document import Cell, Document, Pos, Row, Table, clean

_TAB_CELL = re.compile(r"^[ \u00a0]*\t")
_MD_ROW = re.compile(r"^\s*\|.*\|\s*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LIST_START = re.compile(r"^\s*([-+•*–]\s|[a-zđ0-9]{1,3}[.)]\s|#)")
_NUMBER = re.compile(r"^\s*\d+(\.\d+)*\.?\s*$")
_HEADER_WORDS = ("nhiệm vụ", "nội dung", "số tt", "stt")


def unmark(text: str) -> str:
    """Markdown emphasis taken off (`**bold**`, `*italic*`, heading marks): formatting, not words."""
    text = text.replace("**", "")
    text = re.sub(r"^#+\s*", "", text)
    text = re.sub(r"(^|\s)\*(\S[^*]*?)\*(?=\s|$|[.,;:])", r"\1\2", text)
    return text.replace("<br>", "\n").replace("<br/>", "\n").replace("<br />", "\n")


def joined_lines(lines: list[str]) -> str:
    """Hard-wrapped lines as the text they wrap: joined with a space, a list item on its own line."""
    out: list[str] = []
    for line in lines:
        bare = line.strip()
        if not bare:
            if out and out[-1]:
                out.append("")
            continue
        if out and out[-1] and not _LIST_START.match(bare):
            out[-1] = out[-1] + " " + bare
        else:
            out.append(bare)
    return clean(unmark("\n".join(out)))


def read_text(path: Path, text: str) -> Document:
    lines = text.splitlines()
    claimed = [False] * len(lines)
    tables: list[Table] = []
    layout = "text"
    for finder, name in ((_tabbed, "tabbed"), (_portal, "portal"), (_markdown, "markdown")):
        found = finder(lines, claimed)
        if found:
            tables.extend(found)
            if layout == "text":
                layout = name
    tables.sort(key=lambda tb: tb.pos.line or 0)
    return Document(path, layout, _paragraphs(lines, claimed, wrapped=layout == "portal"), tables)


def _paragraphs(lines: list[str], claimed: list[bool], wrapped: bool) -> list[tuple[int, str]]:
    """Paragraphs outside the tables: hard-wrapped lines joined (`wrapped`), else one per line."""
    out: list[tuple[int, str]] = []
    block: list[str] = []
    start = 0
    for number, line in enumerate([*lines, ""], start=1):
        taken = number <= len(lines) and claimed[number - 1]
        bare = line.replace("\u00a0", " ").strip()
        if taken or not bare or bare.startswith("#") or (block and (_LIST_START.match(bare) or not wrapped)):
            if block:
                text = joined_lines(block)
                if text:
                    out.append((start, text))
                block = []
            if taken or not bare:
                continue
        if not block:
            start = number
        block.append(bare)
        if bare.startswith("#"):
            out.append((start, joined_lines(block)))
            block = []
    return out


# ------------------------------------------------------------------ Markdown pipe tables


def _split_md(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    cells = re.split(r"(?<!\\)\|", body)
    return [c.replace("\\|", "|") for c in cells]


def _wrapped_row(lines: list[str], i: int) -> int:
    """How many lines the Markdown row starting at `i` runs over: a row hard-wrapped by a copy
    ("| 5 | Xây dựng …" then "… tiếp | Bộ X |") ends on the first line that ends with `|`."""
    line = lines[i].strip()
    if not line.startswith("|") or line == "|" or line.endswith("|"):
        return 1
    for k in range(i + 1, min(i + 6, len(lines))):
        nxt = lines[k].strip()
        if not nxt or nxt.startswith("|"):
            return 1
        if nxt.endswith("|"):
            return k - i + 1
    return 1


def _markdown(lines: list[str], claimed: list[bool]) -> list[Table]:
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        span = _wrapped_row(lines, i) if not claimed[i] else 1
        if claimed[i] or (span == 1 and not _MD_ROW.match(lines[i])) or lines[i].strip() == "|":
            i += 1
            continue
        start = i
        rows: list[Row] = []
        while i < len(lines) and not claimed[i] and lines[i].strip() != "|":
            span = _wrapped_row(lines, i)
            text = " ".join(line.strip() for line in lines[i:i + span])
            if not _MD_ROW.match(text):
                break
            for k in range(i, i + span):
                claimed[k] = True
            if not _MD_RULE.match(text):
                cells = [Cell(clean(unmark(c)), Pos(line=i + 1)) for c in _split_md(text)]
                rows.append(Row(cells))
            i += span
        if len(rows) >= 1 and (len(rows) > 1 or len(rows[0].cells) > 2):
            tables.append(Table(rows, Pos(line=start + 1)))
        else:
            for k in range(start, i):
                claimed[k] = False
    return tables


# ------------------------------------------------------------------ the legal portal's cells between `|` lines


def _portal(lines: list[str], claimed: list[bool]) -> list[Table]:
    bars = [k for k, line in enumerate(lines) if line.strip() == "|"]
    if len(bars) < 4:
        return []
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != "|" or claimed[i]:
            i += 1
            continue
        start = i
        rows: list[Row] = []
        cells: list[Cell] = []
        chunk: list[str] = []
        chunk_line = 0
        previous_bar = False
        width = 0  # the header row's cell count, once it has ended
        while i < len(lines):
            line = lines[i]
            if line.strip() == "|":
                claimed[i] = True
                if chunk:
                    cells.append(Cell(joined_lines(chunk), Pos(line=chunk_line or i + 1)))
                    chunk = []
                elif previous_bar and width and len(cells) < width:  # two bars inside a row: an empty cell
                    cells.append(Cell("", Pos(line=i + 1)))
                elif previous_bar and cells:  # two bars after a full row: the row ends
                    rows.append(Row(cells))
                    width = width or len(cells)
                    cells = []
                previous_bar = True
                if i + 1 >= len(lines) or not lines[i + 1].strip():
                    i += 1
                    break
            else:
                claimed[i] = True
                if not chunk:
                    chunk_line = i + 1
                chunk.append(line)
                previous_bar = False
            i += 1
        if chunk:
            cells.append(Cell(joined_lines(chunk), Pos(line=chunk_line)))
        if cells:
            rows.append(Row(cells))
        tables.append(Table(rows, Pos(line=start + 1)))
    return tables


# ------------------------------------------------------------------ the seed's tab-indented cells


def _tabbed(lines: list[str], claimed: list[bool]) -> list[Table]:
    starts = [k for k, line in enumerate(lines) if _TAB_CELL.match(line)]
    if len(starts) < 10:
        return []
    first = next((k for k in starts if lines[k].strip().lower().replace("\u00a0", " ") in _HEADER_WORDS
                  or lines[k].strip().lower().startswith(_HEADER_WORDS)), None)
    if first is None:
        return []
    cells: list[Cell] = []
    chunk: list[str] = []
    chunk_line = 0
    for k in range(first, len(lines)):
        line = lines[k]
        claimed[k] = True
        if _TAB_CELL.match(line):
            if chunk_line:
                cells.append(Cell(clean("\n".join(chunk)), Pos(line=chunk_line)))
            chunk, chunk_line = [line.split("\t", 1)[1]], k + 1
        else:
            chunk.append(line)
    if chunk_line:
        cells.append(Cell(clean("\n".join(chunk)), Pos(line=chunk_line)))
    width = next((n for n, c in enumerate(cells) if _NUMBER.match(c.text)), 0)
    if width < 2:
        return []
    rows = [Row(cells[n:n + width]) for n in range(0, len(cells), width)]
    return [Table(rows, Pos(line=first + 1))]
