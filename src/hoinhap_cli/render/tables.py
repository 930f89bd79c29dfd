"""Plain tables that fit the width: cells wrapped at spaces, never cut inside a word.

A table is laid out once, from each column's distinct texts (a status word, a unit name, a date
repeated on thousands of rows is measured and wrapped once), then written in chunks of rows
joined with map/zip (its speed: benchmarks/render_bench.py).

The layout, when the table is wider than the terminal:
1. every column may narrow to its longest word (a no-wrap column — an id, a date — to its
   longest line): text wraps at spaces only, so no word, status, date or id is ever cut; a
   status's words are glued (`glue`: no-break spaces) so a status never breaks over two lines;
2. a column of free text (`Spec.shorten`: a product, a title, a note) may narrow further: a word
   that no longer fits ends the cell with "…" (whole words before it, nothing after);
3. only when even that does not fit are the least important columns dropped (`Spec.keep`: the
   lowest first; None never), and the caller says which (`Layout.dropped`).
Columns are parted by two spaces, headings are underlined with "─", no line ends in a space.

Only text whose every character is one cell wide is drawn here (Latin, Vietnamese, common
punctuation, box drawing); anything else (CJK, emoji, combining marks, tabs, odd line breaks)
gives None and the caller uses rich.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import itemgetter
from typing import Any

_SIMPLE = re.compile("[^\n\x20-\x7e\u00a0-\u024f\u0370-\u03ff\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u2190-\u21ff"
                     "\u2500-\u25fc\u25ff\u2691\u2709\u2713]")
GAP = 2  # spaces between two columns
SHORT_FLOOR = 10  # a free-text column never narrows below this (or its heading's longest word)
ELLIPSIS = "…"
MAX_LINES = 4  # a shortened cell of free text: at most this many lines
GLUE = "\u00a0"  # a no-break space: the words it joins (a status: "chưa thực hiện") wrap as one, drawn as " "


def console_width(environ: dict[str, str] | None = None) -> int:
    """The width to fit: $COLUMNS, else the first terminal among stdin/stdout/stderr, else 80
    (a pipe or a file)."""
    env = os.environ if environ is None else environ
    width = None
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = env.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    return width or 80


class Spec:
    """One column: its heading, how it is justified, whether it may wrap at all, the widest it
    grows, whether its text may be shortened with "…" and how much it matters (`keep`: the lowest
    is dropped first when the table cannot fit; None: never dropped)."""

    __slots__ = ("header", "justify", "no_wrap", "min_width", "max_width", "shorten", "keep")

    def __init__(self, header: str, justify: str = "left", no_wrap: bool = False,
                 min_width: int | None = None, max_width: int | None = None, shorten: bool = False,
                 keep: int | None = None):
        self.header, self.justify, self.no_wrap = header, justify, no_wrap
        self.min_width, self.max_width = min_width, max_width
        self.shorten, self.keep = shorten, keep


@dataclass(frozen=True)
class Layout:
    widths: list[int]  # per spec; 0 for a dropped column
    dropped: list[int]  # the indices of the specs dropped, in their order

    @property
    def shown(self) -> list[int]:
        return [i for i, w in enumerate(self.widths) if w]


def draw(specs: Sequence[Spec], rows: Sequence[Sequence[str]], title: str | None,
         width: int) -> Iterator[str] | None:
    """The table's text, in chunks of whole lines, or None when rich must draw it."""
    return draw_columns(specs, [[row[i] for row in rows] for i in range(len(specs))], title, width)


def draw_columns(specs: Sequence[Spec], columns: Sequence[Sequence[str]], title: str | None,
                 width: int) -> Iterator[str] | None:
    """`draw` for cells given column by column (one list of texts per spec, without the heading)."""
    distinct = distinct_texts(specs, columns, title)
    if distinct is None:
        return None
    return lines(specs, columns, distinct, title, layout(specs, distinct, width))


def distinct_texts(specs: Sequence[Spec], columns: Sequence[Sequence[str]],
                   title: str | None) -> list[set[str]] | None:
    """Each column's distinct texts (its heading included), or None when one holds a character
    this module does not measure (rich draws the table then)."""
    if not specs:
        return None
    distinct = [{s.header, *col} for s, col in zip(specs, columns)]
    if _SIMPLE.search(title or "") or any(_SIMPLE.search("".join(texts)) for texts in distinct):
        return None
    return distinct


def layout(specs: Sequence[Spec], distinct: Sequence[set[str]], width: int, drop: bool = True) -> Layout:
    """Each column's width within `width` (see the module's note); `drop=False` keeps every
    column, wider than `width` if it must be."""
    n = len(specs)
    lo, mid, hi = [], [], []  # narrowest, cells unwrapped (heading wrapped), widest
    for s, texts in zip(specs, distinct):
        head = _longest_word(s.header)
        cells = texts - {s.header} if len(texts) > 1 else texts
        line = max((_longest_line(t) for t in cells), default=0)
        word = line if s.no_wrap else max((_longest_word(t) for t in cells), default=0)
        if s.shorten:
            word = min(word, SHORT_FLOOR)
        least = max(head, word, 1)
        most = max(line, _longest_line(s.header), least)
        if s.max_width is not None:
            most = max(least, min(most, s.max_width))
        lo.append(least)
        mid.append(min(most, max(line, least)))
        hi.append(most)
    shown = list(range(n))
    dropped: list[int] = []
    while drop and sum(lo[i] for i in shown) + GAP * (len(shown) - 1) > width:
        candidates = [i for i in shown if specs[i].keep is not None]
        if not candidates or len(shown) == 1:
            break
        gone = min(candidates, key=lambda i: (specs[i].keep, -i))
        shown.remove(gone)
        dropped.append(gone)
    widths = [hi[i] if i in shown else 0 for i in range(n)]
    excess = sum(widths) + GAP * (len(shown) - 1) - width
    for floor in (mid, lo):  # wrap headings first, then cells: the widest column first, a cell at a time
        while excess > 0:
            movable = [i for i in shown if widths[i] > floor[i]]
            if not movable:
                break
            widest = max(movable, key=lambda i: (widths[i], i))
            widths[widest] -= 1
            excess -= 1
    return Layout(widths, dropped)


def wrap(text: str, width: int, shorten: bool = False) -> list[str]:
    """`text`'s lines at most `width` wide, broken at spaces (each of its own lines apart). A word
    longer than `width` stays whole on its line — unless `shorten`, when the text ends before it
    with "…", as it does after MAX_LINES lines."""
    out: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in _words(para):
            if shorten and len(word) > width:
                return _shortened(out + [line] if line else out, width)
            if not line:
                line = word
            elif len(line) + 1 + len(word) <= width:
                line += " " + word
            else:
                out.append(line)
                line = word
        out.append(line)
    if shorten and len(out) > MAX_LINES:
        return _shortened(out[:MAX_LINES], width)
    return out


def fit(text: str, width: int) -> str:
    """A line of text (a report's line under its tables) wrapped at spaces to `width`; an indented
    line (an item) continues two spaces further in, a bullet's "- " under its text."""
    if all(len(line) <= width for line in text.split("\n")):
        return text
    out = []
    for line in text.split("\n"):
        body = line.lstrip(" ")
        indent = line[:len(line) - len(body)]
        pad = " " * (len(indent) + (2 if indent or body.startswith("- ") else 0))
        out += [(indent if k == 0 else pad) + part for k, part in enumerate(wrap(body, max(width - len(pad), 20)))]
    return "\n".join(out)


def glue(text: str) -> str:
    """A status cell: its status ("chưa thực hiện") and each bracket after it ("(1/2 đơn vị xong)")
    glued with no-break spaces (GLUE) into one word of the wrap, so a column is never narrower than
    its longest status and a status never breaks; only the space before a bracket may take a line
    break. Only the first line is a status: a reason under it is free text and wraps as usual."""
    if " " not in text:
        return text
    first, nl, rest = text.partition("\n")
    return " (".join(part.replace(" ", GLUE) for part in first.split(" (")) + nl + rest


def _shortened(lines: list[str], width: int) -> list[str]:
    """`lines` ending with "…": on the last line when it has room (words dropped to make it)."""
    if not lines:
        return [ELLIPSIS]
    if len(lines) < MAX_LINES and len(lines[-1]) + 2 > width:
        return [*lines, ELLIPSIS]
    words = lines[-1].split()
    while words and len(" ".join(words)) + 2 > width:
        words.pop()
    return [*lines[:-1], " ".join([*words, ELLIPSIS])]


CHUNK = 2048  # body rows laid out and written at a time


def lines(specs: Sequence[Spec], columns: Sequence[Sequence[str]], distinct: list[set[str]],
          title: str | None, plan: Layout, heading: bool = True) -> Iterator[str]:
    """The table's text in chunks of whole lines (CHUNK rows each), drawn as they are written:
    11,000 rows of text never sit in memory at once. Each distinct text of a column is wrapped
    once into its lines, each exactly as wide as the column; a chunk's lines are joined and put
    in place with map/zip/compress, one line index at a time: no Python step per cell."""
    view = plan.shown
    widths = plan.widths
    table_width = sum(widths) + GAP * (len(view) - 1)
    if title:
        yield "".join(line + "\n" for line in wrap(title, max(table_width, 20)))
    blanks = [" " * w for w in widths]
    drawn, heights = _draw_cells(specs, distinct, widths, view)
    sep = " " * GAP
    join = sep.join
    strip = str.rstrip

    heads = {i: drawn[i][specs[i].header] for i in view}  # headings sit at the bottom of their row
    height = max(len(c) for c in heads.values())
    if heading:
        yield ("".join(strip(join(parts)) + "\n"
                        for parts in zip(*[(blanks[i],) * (height - len(heads[i])) + heads[i] for i in view]))
               + "─" * table_width + "\n")

    tall = [i for i in view if max(heights[i].values()) > 1]
    tallest = max([max(heights[i].values()) for i in view] or [1])
    for i in tall:  # blank lines below a cell's own, as many as any row may need
        drawn[i] = {text: cell + (blanks[i],) * (tallest - len(cell)) for text, cell in drawn[i].items()}
    firsts = [{text: cell[0] for text, cell in drawn[i].items()} for i in view]

    for a in range(0, len(columns[0]) if columns else 0, CHUNK):
        part = [col[a:a + CHUNK] for col in columns]
        rows = map(join, zip(*[map(first.__getitem__, part[i]) for first, i in zip(firsts, view)]))
        if not tall:
            yield "\n".join(map(strip, rows)) + "\n"
            continue
        # every line of the chunk goes to its place in `flat`, one line index k at a time
        each = [list(map(heights[i].__getitem__, part[i])) for i in tall]
        hs: list[int] = each[0] if len(each) == 1 else list(map(max, *each))
        starts = list(accumulate(hs, initial=0))  # each row's first line in `flat`, then the end
        flat: list[str] = [""] * starts[-1]
        _consume(map(flat.__setitem__, starts, rows))
        rows_lines = {i: list(map(drawn[i].__getitem__, part[i])) for i in tall}  # each row's lines
        for k in range(1, max(hs)):
            mask = list(map(k.__lt__, hs))  # the rows with a k-th line
            nth = itemgetter(k)
            more = map(join, zip(*[map(nth, compress(rows_lines[i], mask)) if i in rows_lines
                                   else repeat(blanks[i]) for i in view]))
            _consume(map(flat.__setitem__, map(k.__add__, compress(starts, mask)), more))
        yield "\n".join(map(strip, flat)) + "\n"


def _draw_cells(specs: Sequence[Spec], distinct: list[set[str]], widths: list[int],
                view: list[int]) -> tuple[dict[int, dict[str, tuple[str, ...]]], dict[int, dict[str, int]]]:
    """Per shown column, each distinct text wrapped once into its lines (exactly as wide as the
    column), and how many lines each has."""
    drawn: dict[int, dict[str, tuple[str, ...]]] = {}
    heights: dict[int, dict[str, int]] = {}
    for i in view:
        s, w = specs[i], widths[i]
        fit = str.rjust if s.justify == "right" else str.ljust
        cells = {text: (fit(text, w),) if len(text) <= w and "\n" not in text and "  " not in text
                 and text == text.strip()
                 else tuple(fit(line, w) for line in wrap(text, w, s.shorten))
                 for text in distinct[i]}
        if any(GLUE in text for text in cells):
            cells = {text: tuple(line.replace(GLUE, " ") for line in cell) for text, cell in cells.items()}
        heights[i] = {text: len(cell) for text, cell in cells.items()}
        drawn[i] = cells
    return drawn, heights


_consume: Callable[[Iterable[Any]], None] = deque(maxlen=0).extend  # run an iterator for its effects


def _words(text: str) -> list[str]:
    """The words of a line, parted by spaces only: a no-break space (GLUE) keeps its words as one."""
    return [w for w in text.replace("\t", " ").split(" ") if w] if GLUE in text else text.split()


def _longest_word(text: str) -> int:
    if GLUE not in text:
        return max(map(len, text.split()), default=0)
    return max((len(w) for line in text.split("\n") for w in _words(line)), default=0)


def _longest_line(text: str) -> int:
    if "\n" not in text:
        return len(" ".join(text.split()))
    return max((len(" ".join(line.split())) for line in text.split("\n")), default=0)
