"""Plain (uncoloured) tables drawn the way rich draws them, without rich's per-cell machinery.

rich renders a table cell by cell through its generic pipeline (Padding, Text, Segment
lines): ~1.3 ms a row, 15 s for the 11,000 rows of `overdue` on 10,000 tasks. When the output
has no colour (a pipe, a file, NO_COLOR, --no-color) nothing of that machinery is needed, so
this module lays out the same table — `box.SIMPLE_HEAD`, no edge, no edge padding, a title
justified left — with rich's own rules, ported: column measurement (longest word, longest
line), `Table._collapse_widths` then `ratio_reduce` when too wide, word wrapping at spaces
(`rich._wrap.divide_line`), folding of longer words, left/right justification. The output is
the same text, character for character; tests/test_tables.py compares the two.

It works column by column: each column's distinct texts (a status word, a unit name, a date
repeated on thousands of rows) are checked, measured and wrapped once, and the rows' lines
are joined with map/zip in chunks, so 11,000 rows take ~0.07 s (benchmarks/render_bench.py).

Only text whose every character rich counts as one cell wide is drawn here (Latin, Vietnamese,
common punctuation, box drawing); anything else (CJK, emoji, combining marks, tabs, odd line
breaks) returns None and the caller uses rich.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import accumulate, compress, repeat
from operator import itemgetter
from typing import Any

_SIMPLE = re.compile("[^\n\x20-\x7e\u00a0-\u024f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u2190-\u21ff"
                     "\u2500-\u25fc\u25ff\u2713]")
_WORD = re.compile(r"\s*\S+\s*")


def console_width(environ: dict[str, str] | None = None) -> int:
    """What rich's Console takes as its width: $COLUMNS, else the first terminal among
    stdin/stdout/stderr, else 80."""
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
    __slots__ = ("header", "justify", "no_wrap", "min_width", "max_width")

    def __init__(self, header: str, justify: str = "left", no_wrap: bool = False,
                 min_width: int | None = None, max_width: int | None = None):
        self.header, self.justify, self.no_wrap = header, justify, no_wrap
        self.min_width, self.max_width = min_width, max_width


def draw(specs: Sequence[Spec], rows: Sequence[Sequence[str]], title: str | None,
         width: int) -> Iterator[str] | None:
    """The table's text, in chunks of whole lines, or None when rich must draw it."""
    return draw_columns(specs, [[row[i] for row in rows] for i in range(len(specs))], title, width)


def draw_columns(specs: Sequence[Spec], columns: Sequence[Sequence[str]], title: str | None,
                 width: int) -> Iterator[str] | None:
    """`draw` for cells given column by column (one list of texts per spec, without the heading):
    the shape a caller builds fastest, and the one measured here. Everything but the final
    layout works on each column's distinct texts: a status word or a unit name repeated on
    10,000 rows is checked, measured and wrapped once."""
    n = len(specs)
    if n == 0 or width < n * 3 or any(s.justify not in ("left", "right") for s in specs):
        return None
    distinct = [{s.header, *col} for s, col in zip(specs, columns)]
    if _SIMPLE.search(title or "") or any(_SIMPLE.search("".join(texts)) for texts in distinct):
        return None
    pads = [(0 if i == 0 else 1, 0 if i == n - 1 else 1) for i in range(n)]
    spans = [sorted({_span(text) for text in texts}) for texts in distinct]
    avail = width - (n - 1)  # the dividers

    def measure(i: int, max_width: int) -> tuple[int, int]:
        if max_width < 1:
            return 0, 0
        extra = pads[i][0] + pads[i][1]
        lo = hi = None
        for mn, mx in spans[i]:
            a, b = _cell_measure(mn, mx, max_width, extra)
            lo = a if lo is None or a > lo else lo
            hi = b if hi is None or b > hi else hi
        lo = 1 if lo is None else lo
        hi = max_width if hi is None else hi
        lo, hi = min(lo, max_width), min(hi, max_width)
        s = specs[i]
        if s.min_width is not None:
            w = max(0, s.min_width + extra)
            lo, hi = max(lo, w), max(hi, w)
        if s.max_width is not None:
            w = s.max_width + extra
            lo, hi = min(lo, w), min(hi, w)
        return lo, hi

    widths = [measure(i, avail)[1] or 1 for i in range(n)]
    if sum(widths) > avail:
        widths = _collapse(widths, [not s.no_wrap for s in specs], avail)
        if sum(widths) > avail:
            widths = _ratio_reduce(sum(widths) - avail, [1] * n, widths, widths)
        widths = [measure(i, w)[1] or 0 for i, w in enumerate(widths)]
    return _lines(specs, columns, distinct, title, widths, pads, width)


CHUNK = 2048  # body rows laid out and written at a time


def _lines(specs: Sequence[Spec], columns: Sequence[Sequence[str]], distinct: list[set[str]],
           title: str | None, widths: list[int], pads: list[tuple[int, int]], width: int) -> Iterator[str]:
    """The table's text in chunks of whole lines (CHUNK rows each), drawn as they are written:
    11,000 rows of text never sit in memory at once.

    Each distinct text of a column is wrapped once into its lines, each exactly as wide as the
    column. When the table is wider than the console (rich then crops every line) the cells are
    cut once instead: the columns past the edge drop out, the one across it is shortened. A
    chunk's lines are then joined and put in place with map/zip/compress, one line index at a
    time: no Python step per cell or per line."""
    n = len(specs)
    table_width = sum(widths) + n - 1
    crop = width if table_width > width else None  # minimum widths won over the console's: rich crops
    if title:
        yield "".join(line[:crop] + "\n" for line in _wrap(title, table_width, "left", False))
    blanks = [" " * w for w in widths]
    drawn, heights = _draw_cells(specs, distinct, widths, pads, blanks)

    # the heading row: headings sit at the bottom of their row
    heads = [drawn[i][s.header] for i, s in enumerate(specs)]
    height = max(map(len, heads))
    yield ("".join(" ".join(parts)[:crop] + "\n"
                   for parts in zip(*[(blanks[i],) * (height - len(c)) + c for i, c in enumerate(heads)]))
           + ("─" * table_width)[:crop] + "\n")

    view, edge = _crop(widths, blanks, drawn, crop)
    tall = [i for i in range(n) if max(heights[i].values()) > 1]  # hidden ones too: they make rows taller
    tallest = max(max(h.values()) for h in heights)
    for i in tall:
        if i in view:  # blank lines below a cell's own, as many as any row may need
            drawn[i] = {text: lines + (blanks[i],) * (tallest - len(lines)) for text, lines in drawn[i].items()}
    firsts = [{text: lines[0] for text, lines in drawn[i].items()} for i in view]

    join = " ".join
    for a in range(0, len(columns[0]), CHUNK):
        part = [col[a:a + CHUNK] for col in columns]
        lines = map(join, zip(*[map(first.__getitem__, part[i]) for first, i in zip(firsts, view)], *edge))
        if not tall:
            yield "\n".join(lines) + "\n"
            continue
        # every line of the chunk goes to its place in `flat`, one line index k at a time
        each = [list(map(heights[i].__getitem__, part[i])) for i in tall]
        hs: list[int] = each[0] if len(each) == 1 else list(map(max, *each))
        starts = list(accumulate(hs, initial=0))  # each row's first line in `flat`, then the end
        flat: list[str] = [""] * starts[-1]
        _consume(map(flat.__setitem__, starts, lines))
        rows_lines = {i: list(map(drawn[i].__getitem__, part[i])) for i in tall if i in view}  # each row's lines
        for k in range(1, max(hs)):
            mask = list(map(k.__lt__, hs))  # the rows with a k-th line
            nth = itemgetter(k)
            lines = map(join, zip(*[map(nth, compress(rows_lines[i], mask)) if i in rows_lines else repeat(blanks[i])
                                    for i in view], *edge))
            _consume(map(flat.__setitem__, map(k.__add__, compress(starts, mask)), lines))  # stops with the rows
        yield "\n".join(flat) + "\n"


def _draw_cells(specs: Sequence[Spec], distinct: list[set[str]], widths: list[int], pads: list[tuple[int, int]],
                blanks: list[str]) -> tuple[list[dict[str, tuple[str, ...]]], list[dict[str, int]]]:
    """Per column, each distinct text wrapped once into its lines (exactly as wide as the column),
    and how many lines each has."""
    drawn: list[dict[str, tuple[str, ...]]] = []  # per column: text -> its lines
    heights: list[dict[str, int]] = []  # per column: text -> how many lines it has
    for i, s in enumerate(specs):
        inner = widths[i] - pads[i][0] - pads[i][1]
        cells: dict[str, tuple[str, ...]]
        if inner < 1:
            cells = {text: (blanks[i],) for text in distinct[i]}
        else:
            left, right = " " * pads[i][0], " " * pads[i][1]
            fit = str.rjust if s.justify == "right" else str.ljust  # _wrap's answer for a line that fits
            cells = {text: (left + fit(text.rstrip() if fit is str.rjust else text, inner) + right,)
                     if len(text) <= inner and "\n" not in text
                     else tuple([left + line + right for line in _wrap(text, inner, s.justify, s.no_wrap)])
                     for text in distinct[i]}
        heights.append({text: len(lines) for text, lines in cells.items()})
        drawn.append(cells)
    return drawn, heights


def _crop(widths: list[int], blanks: list[str], drawn: list[dict[str, tuple[str, ...]]],
          crop: int | None) -> tuple[list[int], list[Iterator[str]]]:
    """The columns seen within `crop` characters (the one across the edge cut in `blanks` and
    `drawn`, in place), and the divider just inside the crop, if it falls there."""
    n = len(widths)
    view = list(range(n))  # the columns seen
    edge: list[Iterator[str]] = []  # a column's divider just inside the crop: one more " " per line
    if crop is not None:
        view, start = [], 0
        for i in range(n):
            if start >= crop:
                edge = [repeat("")] if start == crop else []
                break
            keep = crop - start
            if keep < widths[i]:
                blanks[i] = blanks[i][:keep]
                drawn[i] = {text: tuple([line[:keep] for line in lines]) for text, lines in drawn[i].items()}
            view.append(i)
            start += widths[i] + 1
    return view, edge


_consume: Callable[[Iterable[Any]], None] = deque(maxlen=0).extend  # run an iterator for its effects


def _span(text: str) -> tuple[int, int]:
    """(longest word, longest line) of a cell's text, in cells (one per character here)."""
    if "\n" not in text:  # one line (_SIMPLE lets no other line break through)
        words = text.split()
        return (max(map(len, words)) if words else len(text)), len(text)
    lines = text.splitlines()
    mx = max(map(len, lines)) if lines else 0
    words = text.split()
    return (max(map(len, words)) if words else mx), mx


def _cell_measure(mn: int, mx: int, max_width: int, extra: int) -> tuple[int, int]:
    """rich's Measurement.get of Padding(Text) with this text's (min, max), ported."""
    if max_width - extra < 1:
        lo, hi = max_width, max_width
    else:
        inner = max_width - extra
        lo = min(max(0, mn), mx)
        hi = max(lo, mx)
        lo, hi = min(lo, inner), min(hi, inner)
        if hi < 1:
            lo, hi = 0, 0
        else:
            lo = min(max(0, lo), hi)
        lo, hi = min(lo + extra, max_width), min(hi + extra, max_width)
    lo = min(max(0, lo), hi)
    hi = max(lo, hi)
    lo, hi = min(lo, max_width), min(hi, max_width)
    if hi < 1:
        return 0, 0
    return min(max(0, lo), hi), hi


def _collapse(widths: list[int], wrapable: list[bool], max_width: int) -> list[int]:
    """rich's Table._collapse_widths: shrink the widest wrappable columns first."""
    total = sum(widths)
    excess = total - max_width
    if any(wrapable):
        while total and excess > 0:
            top = max(w for w, ok in zip(widths, wrapable) if ok)
            second = max(w if ok and w != top else 0 for w, ok in zip(widths, wrapable))
            diff = top - second
            ratios = [1 if (w == top and ok) else 0 for w, ok in zip(widths, wrapable)]
            if not any(ratios) or not diff:
                break
            widths = _ratio_reduce(excess, ratios, [min(excess, diff)] * len(widths), widths)
            total = sum(widths)
            excess = total - max_width
    return widths


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """rich._ratio.ratio_reduce."""
    ratios = [r if m else 0 for r, m in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    out = []
    for r, m, v in zip(ratios, maximums, values):
        if r and total_ratio > 0:
            d = min(m, round(r * remaining / total_ratio))
            out.append(v - d)
            remaining -= d
            total_ratio -= r
        else:
            out.append(v)
    return out


def _wrap(text: str, width: int, justify: str, no_wrap: bool) -> list[str]:
    """rich's Text.wrap for one-cell-per-character text: lines exactly `width` wide.

    rich first trims the whitespace that runs past the width (rstrip_end); cutting at the width
    (left) or stripping the end (right) removes it anyway, so that step is left out here."""
    lines = text.split("\n")
    if no_wrap:
        pieces = lines
    else:
        pieces = []
        for line in lines:
            breaks = _divide(line, width) if len(line) > width else None  # a line that fits has none
            if breaks:
                bounds = [0, *breaks, len(line)]
                pieces += [line[a:b] for a, b in zip(bounds, bounds[1:])]
            else:
                pieces.append(line)
    if justify == "right":
        return [p.rstrip()[:width].rjust(width) for p in pieces]
    return [p[:width].ljust(width) for p in pieces]


def _divide(text: str, width: int) -> list[int]:
    """rich._wrap.divide_line with fold, for one-cell-per-character text.

    Text whose words are parted by single spaces (most cells) is broken a line at a time with
    str.rfind; other spacing goes word by word (_divide_words), as rich does. A word fits when
    its last letter is within `width` of the line's start; its trailing space may overflow."""
    if width < 1 or text != " ".join(text.split()):
        return _divide_words(text, width)
    breaks: list[int] = []
    end = len(text)
    line = 0  # where the current line starts: 0, a break, or the last piece of a cut word
    while line + width < end:
        limit = line + width  # the first position past the line
        start = limit + 1 if text[limit] == " " else text.rfind(" ", line, limit) + 1
        if start > line:  # the word at `start` does not fit: it starts the next line
            breaks.append(start)
            line = start
            continue
        # the word at `line` is longer than a line: cut it (with its space) in `width` pieces
        stop = text.find(" ", line)
        stop = end if stop < 0 else stop + 1
        for piece in range(line + width, stop, width):
            breaks.append(piece)
            line = piece
    return breaks


def _divide_words(text: str, width: int) -> list[int]:
    """rich._wrap.divide_line with fold, for one-cell-per-character text, word by word."""
    breaks: list[int] = []
    offset = 0
    pos = 0
    match = _WORD.match(text, pos)
    while match is not None:
        start, end = match.span()
        word = match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            chunks = [word[i:i + width] for i in range(0, len(word), width)]
            for k, chunk in enumerate(chunks):
                if start:
                    breaks.append(start)
                if k == len(chunks) - 1:
                    offset = len(chunk)
                else:
                    start += len(chunk)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
        match = _WORD.match(text, end)
    return breaks
