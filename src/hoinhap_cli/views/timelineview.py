"""The timeline drawn for a terminal: a `timeline.Grid` turned into lines of (text, style)
segments that fit a width (`layout`), and those lines as plain text (`plain`).

Pure, no I/O and no rich: `render.Output.styled` colours the segments by `STYLES`, or prints
them bare. The HTML dashboard (views/dashboard.py) draws the same Grid as a table.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache

from hoinhap_cli.queries.timeline import MARKS, SPAN, Cell, Grid, Row, State
from hoinhap_cli.render import bars
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.text import shorten

AS_OF = "┊"
AS_OF_HEAD = "▼"
BEFORE, AFTER = "‹", "›"

# which mark shows when a cell has more than fits: the one that needs attention first
_PRIORITY = [State.LATE, State.IN_PROGRESS, State.UPCOMING, State.EVENT, State.NONE, State.DONE,
             State.DROPPED, State.RECURRING, State.ONGOING]

Segment = tuple[str, str | None]  # text and a style key (see STYLES), None for plain
Line = list[Segment]

STYLES: dict[str, str] = {  # rich styles, used only when colour is on
    State.DONE.value: "green",
    State.IN_PROGRESS.value: "bold cyan",
    State.LATE.value: "bold red",
    State.UPCOMING.value: "",
    State.DROPPED.value: "dim",
    State.ONGOING.value: "blue",
    State.RECURRING.value: "magenta",
    State.EVENT.value: "yellow",
    State.NONE.value: "yellow",
    "span": "dim",
    "as-of": "bold magenta",
    "head": "bold",
    "program": "bold",
    "id": "bold",
}

ROMAN = ["I", "II", "III", "IV"]
ID_WIDTH_MAX = 7
MAX_TITLE_LINES = 2


@dataclass(frozen=True)
class Widths:
    id: int
    title: int
    cell: int

    def total(self, n: int) -> int:
        return self.id + self.title + n * self.cell + 8


def widths(grid: Grid, width: int) -> Widths:
    """Cells as wide as fit (4 down to 2 characters), the task text takes what is left."""
    n = len(grid.quarters)
    id_w = min(ID_WIDTH_MAX, max([len(r.task.id) for r in grid.rows] + [2]))
    for cell in (4, 3, 2):
        title = width - id_w - n * cell - 8
        if title >= 16 or cell == 2:
            return Widths(id_w, max(8, min(60, title)), cell)
    raise AssertionError("unreachable")


def fits(grid: Grid, width: int) -> bool:
    """Readable at this width: at most 20 characters wider than it, not merely tight."""
    return widths(grid, width).total(len(grid.quarters)) <= width + 20


def _slot(cell_w: int) -> int:
    return (cell_w - 1) // 2


def _cell_segments(cell: Cell, cell_w: int, as_of_here: bool) -> tuple[Segment, ...]:
    return _segments(cell.body, cell.body_ends, tuple(cell.marks), cell_w, as_of_here)


@lru_cache(maxsize=1024)  # 10,000 tasks × 12 quarters are 120,000 cells of a few dozen kinds
def _segments(body: str, body_ends: bool, cell_marks: tuple[State, ...], cell_w: int,
              as_of_here: bool) -> tuple[Segment, ...]:
    m = _slot(cell_w)
    chars: list[Segment] = []
    body_style = "span" if body == SPAN else State.ONGOING.value
    for pos in range(cell_w):
        if body and (not body_ends or pos < m):
            chars.append((body, body_style))
        elif as_of_here and pos == m and not cell_marks:
            chars.append((AS_OF, "as-of"))
        else:
            chars.append((" ", None))
    room = cell_w - m
    marks = sorted(set(cell_marks), key=_PRIORITY.index)
    if len(marks) > room:
        marks = marks[: room - 1] + [None]  # type: ignore[list-item]
    for k, state in enumerate(marks):
        chars[m + k] = ("+", None) if state is None else (MARKS[state], state.value)
    return tuple(chars)


def _gutter(states: list[State], arrow: str) -> Segment:
    if not states:
        return (" ", None)
    worst = min(states, key=_PRIORITY.index)
    return (arrow, worst.value)


def _merge(line: Line) -> Line:
    """Join neighbouring segments of one style (smaller output, same text)."""
    out: Line = []
    for text, style in line:
        if out and out[-1][1] == style:
            out[-1] = (out[-1][0] + text, style)
        else:
            out.append((text, style))
    return out


def _pad(text: str, width: int) -> str:
    return text[:width].ljust(width)


def header(grid: Grid, w: Widths, lang: str) -> list[Line]:
    n = len(grid.quarters)
    lead = " " * (w.id + 1 + w.title + 1)
    # years, centred over their quarters
    years: Line = [(_pad(t("timeline.task", lang), w.id + 1 + w.title + 1), "head"), ("│ ", None)]
    i = 0
    while i < n:
        y = grid.quarters[i].start.year
        j = i
        while j < n and grid.quarters[j].start.year == y:
            j += 1
        span = (j - i) * w.cell
        label = str(y) if span >= 5 else str(y)[-2:]
        years.append((label.center(span)[:span], "head"))
        i = j
    years.append((" │", None))
    # quarters
    qs: Line = [(lead, None), ("│ ", None)]
    for q in grid.quarters:
        number = (q.start.month - 1) // 3
        label = (ROMAN[number] if w.cell >= 4 else str(number + 1)) if lang != "en" else (
            f"Q{number + 1}" if w.cell >= 3 else str(number + 1))
        qs.append((label.center(w.cell)[: w.cell], "head"))
    qs.append((" │", None))
    # the as-of marker
    col = grid.as_of_column
    note = t("timeline.as_of", lang, date=grid.as_of.isoformat())
    marker: Line = [(_pad(note, w.id + 1 + w.title + 1), "as-of"), ("│", None)]
    if col is None:
        before = grid.as_of < grid.quarters[0].start
        marker += [((BEFORE if before else " "), "as-of"), (" " * (n * w.cell), None),
                   ((" " if before else AFTER), "as-of")]
    else:
        m = _slot(w.cell)
        marker += [(" " * (1 + col * w.cell + m), None), (AS_OF_HEAD, "as-of"),
                   (" " * (w.cell - m - 1 + (n - col - 1) * w.cell + 1), None)]
    marker.append(("│", None))
    rule: Line = [("─" * (w.id + 1 + w.title + 1) + "┼" + "─" * (n * w.cell + 2) + "┼" + "─" * 2, None)]
    return [years, qs, marker, rule]


def task_lines(row: Row, w: Widths, col: int | None, lang: str) -> list[Line]:
    title = row.task.title.lstrip("-–• ")  # the appendix's bullet dash says nothing in a column
    text = textwrap.wrap(title, w.title, max_lines=MAX_TITLE_LINES, placeholder=" …") or [""]
    first: Line = [(_pad(row.task.id, w.id), "id"), (" ", None), (_pad(text[0], w.title), None), (" │", None),
                   _gutter(row.before, BEFORE)]
    for k, cell in enumerate(row.cells):
        first += _cell_segments(cell, w.cell, k == col)
    first += [_gutter(row.after, AFTER), ("│", None)]
    undated = sorted(set(row.undated), key=_PRIORITY.index)[:2]
    first += [(" ", None)] + [(MARKS[s], s.value) for s in undated]
    lines = [first]
    for more in text[1:]:
        line: Line = [(" " * (w.id + 1), None), (_pad(more, w.title), None), (" │ ", None)]
        for k, _ in enumerate(row.cells):
            m = _slot(w.cell)
            line.append((" " * m + (AS_OF if k == col else " ") + " " * (w.cell - m - 1),
                         "as-of" if k == col else None))
        line.append((" │", None))
        lines.append(line)
    return lines


def legend(lang: str, width: int) -> list[Line]:
    items: list[tuple[str, str | None, str]] = [(MARKS[s], s.value, t(f"timeline.state.{s.value}", lang))
                                               for s in State]
    items += [(SPAN, "span", t("timeline.legend.span", lang)),
              (AS_OF, "as-of", t("timeline.legend.as_of", lang)),
              (f"{BEFORE} {AFTER}", None, t("timeline.legend.outside", lang)),
              ("+", None, t("timeline.legend.more", lang))]
    lines: list[Line] = []
    line: Line = [(t("timeline.legend", lang) + ":", "head")]
    used = len(line[0][0])
    for mark, style, label in items:
        piece = len(mark) + 1 + len(label) + 3
        if used + piece > width and used > 0:
            lines.append(line)
            line, used = [(" ", None)], 1
        line += [("  ", None), (mark, style), (" " + label, None)]
        used += piece
    lines.append(line)
    return lines


def layout(grid: Grid, width: int, lang: str) -> list[Line]:
    """The whole chart as lines of styled segments, at most `width` characters each when it fits."""
    w = widths(grid, width)
    col = grid.as_of_column
    lines = header(grid, w, lang)
    program = None
    full = w.total(len(grid.quarters))
    for row in grid.rows:
        if row.task.program != program:
            program = row.task.program
            title = f"{t('timeline.program', lang)} {program}. {grid.program_titles.get(program, '')}"
            lines.append([(shorten(title, full), "program")])
        lines += task_lines(row, w, col, lang)
    lines.append([])
    lines += legend(lang, full)
    c = grid.counts
    said = bars.figures(grid.as_of.isoformat(), c.late, c.done, c.total, lang)
    lines += [[(text, None)] for text in textwrap.wrap(said, max(full, 20), break_long_words=False)]
    return [_merge(line) for line in lines]


def plain(lines: list[Line]) -> str:
    """The chart as text without colour, trailing spaces removed."""
    return "\n".join("".join(text for text, _ in line).rstrip() for line in lines) + "\n"
