"""The one output sink: data to stdout in the format asked for, messages to stderr.

Commands build plain data (lists of dicts) and hand it here; no command formats by itself.
rich is imported only when a table is drawn.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TextIO, Union

from hoinhap_cli.render import tables
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.problems import Problem
from hoinhap_cli.words.text import csv_cell, shown, shown_all, u_escaped


@dataclass
class Output:
    lang: str = "vi"
    color: bool | None = None  # None: decide from the terminal and NO_COLOR
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    full: bool = False  # tables: every column, no text clipped
    excluded: list[str] = field(default_factory=list)  # report files left out of the figures (see excluded_note)
    said: set[str] = field(default_factory=set)  # the machine formats written: "json", "csv"
    show_all: str = ""  # how the user asks for every column (the CLI's words), said when some are dropped

    # ------------------------------------------------------------ messages
    # Everything printed is escaped at this edge (text.shown: control and bidirectional characters
    # as <U+XXXX>): a message and a problem are one line each; text, cells and headings keep their
    # tabs and line breaks. JSON and YAML escape control characters their own way.
    def message(self, text: str) -> None:
        print(shown(text, one_line=True), file=self.err)

    def problems(self, problems: Iterable[Problem], stream: TextIO | None = None) -> None:
        for p in problems:
            print(shown(str(p), one_line=True), file=stream or self.err)  # a value echoed with ESC or U+202E

    # ------------------------------------------------------------ data
    def json(self, data: Any) -> None:
        if self.excluded:  # a degraded answer says so in its data too (a list is wrapped: rows)
            data = {**(data if isinstance(data, dict) else {"rows": data}), "excluded_files": self.excluded}
        self.said.add("json")
        self.out.write(u_escaped(json_text(data)))
        self.out.write("\n")

    def excluded_note(self, line: str) -> None:
        """After the answer: `line` says which files the figures exclude — a '#' comment after
        CSV, nothing after JSON (its `excluded_files` says it), else a line of text."""
        if "json" in self.said:
            return
        self.text(("# " if "csv" in self.said else "") + line)

    def yaml(self, data: Any) -> None:
        from hoinhap_cli.files.yamldump import printed  # PyYAML: only for `--format yaml`, never on a warm run

        self.out.write(printed(data))

    def text(self, line: str = "") -> None:
        print(shown(line), file=self.out)

    def data(self, fmt: str, data: Any) -> None:
        """A value for scripts: "json" or "yaml"."""
        self.json(data) if fmt == "json" else self.yaml(data)

    def verdict(self, fmt: str, record: Any, problems: Iterable[Problem], line: str) -> None:
        """A check's answer: `record` as JSON, or each problem on stdout and `line` on stderr."""
        if fmt == "json":
            self.json(record)
            return
        self.problems(problems, stream=self.out)
        self.message(line)

    def counted(self, fmt: str, columns: Sequence[Column], rows: Sequence[dict[str, Any]], records: Sequence[Any],
                title: str, none: str, note: str = "", bom: bool = False) -> None:
        """A listing that speaks to people in a table: `title` over it, `none` (a message) when it is
        empty, else `note` under it; the other formats carry the rows alone."""
        if fmt != "table":
            self.rows(fmt, columns, rows, records=records, bom=bom)
            return
        self.rows(fmt, columns, rows, records=records, title=title, bom=bom)
        if not rows:
            self.message(none)
        elif note:
            self.text(self._fit(note))

    def _fit(self, text: str) -> str:
        """A line of a table's report, wrapped at spaces to the terminal's width (tables.fit)."""
        return tables.fit(text, tables.console_width())

    def listing(self, fmt: str, columns: Sequence[Column], rows: Rows, record: Any,
                title: str | None = None, empty: str = "") -> None:
        """A listing whose JSON is one object (`record`), not the rows; `empty` stands for no rows."""
        if fmt == "json":
            self.json(record)
        elif not rows and empty:
            self.text(empty)
        else:
            self.rows(fmt, columns, rows, title=title)

    def use_color(self) -> bool:
        if self.color is not None:
            return self.color
        if os.environ.get("NO_COLOR"):
            return False
        return hasattr(self.out, "isatty") and self.out.isatty()

    def width(self, default: int = 100) -> int:
        """The terminal's width ($COLUMNS first), or `default` when not a terminal."""
        return shutil.get_terminal_size((default, 24)).columns

    def styled(self, lines: Sequence[Sequence[tuple[str, str | None]]], styles: dict[str, str]) -> None:
        """Lines of (text, style key) segments: coloured on a terminal, plain text otherwise."""
        if not self.use_color():
            for line in lines:
                self.text("".join(text for text, _ in line).rstrip())
            return
        from rich.text import Text  # rich: only when colour is drawn (only render imports it, only then)

        console = self.console()
        for line in lines:
            console.print(Text.assemble(*((shown(text), styles.get(key or "") or "") for text, key in line)),
                          soft_wrap=True)

    def rows(self, fmt: str, columns: Sequence[Column], rows: Rows,
             records: Sequence[Any] | None = None, title: str | None = None, bom: bool = False) -> None:
        """One listing in any format.

        `rows` are flat dicts keyed by column key (cells: str, number, list of str or None), used
        by table, csv and md — or the same cells given as one list per column key, which a table
        draws without a dict per row. `records` are the JSON objects (default: `rows`), so JSON
        can carry the documented contract's nested objects while tables stay flat.
        """
        if fmt == "json":
            self.json(list(records if records is not None else row_dicts(rows)))
        elif fmt == "csv":
            self.csv(columns, row_dicts(rows), bom)
        elif fmt == "md":
            self.markdown(columns, row_dicts(rows), title)
        else:
            self.table(columns, rows, title)

    def report(self, fmt: str, report: Report) -> None:
        """A report in any format: its record as JSON, else its parts in order — lines of text
        and listings (see Report)."""
        if fmt == "json":
            self.json(report.record())
            return
        for part in report.parts(fmt, self.lang):
            if isinstance(part, str):
                self.text(self._fit(part) if fmt == "table" else part)
            elif isinstance(part, Note):
                self.message(part.text)
            elif fmt == "md" and part.inline:
                self._inline_markdown(part)
            else:
                self.rows(fmt, part.columns, part.rows, title=part.title, bom=part.bom)

    def _inline_markdown(self, listing: Listing) -> None:
        """A document's table: each cell on one line, lists joined with "; " (or its `empty` text)."""
        rows = row_dicts(listing.rows)
        if not rows:
            self.text(listing.empty)
            return
        self.text("| " + " | ".join(c.heading(self.lang) for c in listing.columns) + " |")
        self.text("|" + "|".join(" --- " for _ in listing.columns) + "|")
        for row in rows:
            cells = [_cell(row.get(c.key), sep="; ").replace("|", "\\|").replace("\n", " ") for c in listing.columns]
            self.text("| " + " | ".join(cells) + " |")

    def document(self, fmt: str, title: str, blocks: Sequence[Block], record: Any) -> None:
        """One object in detail: `record` as JSON, or headed blocks as text (table) or Markdown."""
        if fmt == "json":
            self.json(record)
        elif fmt == "md":
            self._document_md(title, blocks)
        else:
            self._document_text(title, blocks)

    def _document_md(self, title: str, blocks: Sequence[Block]) -> None:
        self.text(f"## {title}")
        for b in blocks:
            self.text()
            if b.heading:
                self.text(f"### {b.heading}\n")
            if b.fields:
                for label, value in b.fields:
                    self.text(f"- **{label}**: " + _cell(value, sep="; ").replace("\n", " "))
            elif b.items:
                for item in b.items:
                    self.text("- " + item.replace("\n", " "))
            elif b.rows:
                self.markdown(b.columns, b.rows)
            else:
                self.text(f"_{b.empty}_")

    def _document_text(self, title: str, blocks: Sequence[Block]) -> None:
        """One object as text: headed blocks of fields, bullets or tables, wrapped at spaces."""
        self._heading(title, "bold")
        for b in blocks:
            self.text()
            if b.heading:
                self._heading(b.heading, "bold underline")
            if b.fields:
                self._grid([label for label, _ in b.fields], [_cell(value) for _, value in b.fields])
            elif b.items:
                self._grid(["•"] * len(b.items), list(b.items))
            elif b.rows:
                self.table(b.columns, b.rows)
            else:
                self.text(b.empty)

    def _heading(self, text: str, style: str) -> None:
        if not self.use_color():
            self.text(text)
            return
        from rich.text import Text  # rich: only when colour is drawn

        self.console().print(Text(shown(text), style=style), soft_wrap=True)

    def _grid(self, labels: list[str], values: list[str]) -> None:
        """Label and value side by side, the value wrapped at spaces (no heading row)."""
        specs = [tables.Spec("", no_wrap=True), tables.Spec("")]
        cells = [shown_all(labels), shown_all(values)]
        distinct = tables.distinct_texts(specs, cells, None)
        if distinct is None:  # characters measured only by rich: one line each
            for label, value in zip(*cells):
                self.text(f"{label}  {value}".rstrip())
            return
        plan = tables.layout(specs, distinct, tables.console_width(), drop=False)
        self.out.writelines(tables.lines(specs, cells, distinct, None, plan, heading=False))

    def csv(self, columns: Sequence[Column], rows: Sequence[dict[str, Any]], bom: bool = False) -> None:
        self.said.add("csv")
        if bom:
            self.out.write("\ufeff")
        writer = csv.writer(self.out, lineterminator="\n")
        writer.writerow([c.heading(self.lang) for c in columns])
        for row in rows:
            writer.writerow([csv_cell(shown(_cell(row.get(c.key), sep="; "))) for c in columns])  # no formulas

    def markdown(self, columns: Sequence[Column], rows: Sequence[dict[str, Any]], title: str | None = None) -> None:
        if title:
            self.text(f"### {title}\n")
        self.text("| " + " | ".join(c.heading(self.lang) for c in columns) + " |")
        self.text("|" + "|".join(" --- " for _ in columns) + "|")
        for row in rows:
            cells = [_cell(row.get(c.key), sep="<br>").replace("|", "\\|").replace("\n", "<br>") for c in columns]
            self.text("| " + " | ".join(cells) + " |")

    def console(self) -> Any:
        from rich.console import Console  # rich: only when something is drawn with it

        color = self.use_color()
        return Console(file=self.out, no_color=not color, force_terminal=color, highlight=False,
                       emoji=False, markup=False)

    def table(self, columns: Sequence[Column], rows: Rows, title: str | None = None) -> None:
        """A table that fits the terminal (tables.py): wrapped at spaces, free text shortened with
        "…", the least important columns dropped last and named on stderr — all of it with `full`
        except the wrapping."""
        title = None if title is None else shown(title)
        visible = [c for c in columns if c.table or self.full]
        specs = [c.spec(self.lang, k, len(visible), shorten=not self.full) for k, c in enumerate(visible)]
        cells = [self._column(c, rows) for c in visible]
        distinct = tables.distinct_texts(specs, cells, title)
        if distinct is None:
            from rich import box  # rich: only for a table of characters tables.py does not measure

            self._rich_table(self.console(), columns, row_dicts(rows), title, box.SIMPLE_HEAD)
            return
        plan = tables.layout(specs, distinct, tables.console_width(), drop=not self.full)
        self._write(tables.lines(specs, cells, distinct, title, plan), 2 if title else 1)
        if plan.dropped:
            names = ", ".join(specs[i].header.replace("\n", " ") for i in plan.dropped)
            self.message(t("table.dropped", self.lang, columns=names)
                         + (t("table.dropped.more", self.lang, option=self.show_all) if self.show_all else ""))

    def _write(self, chunks: Iterable[str], heads: int) -> None:
        """The table's text; in colour its first `heads` chunks (title, heading) in bold."""
        if not self.use_color():
            self.out.writelines(chunks)
            return
        from rich.text import Text  # rich: only when colour is drawn

        console = self.console()
        for k, chunk in enumerate(chunks):
            if k < heads:
                console.print(Text(chunk.rstrip("\n"), style="bold"), soft_wrap=True)
            else:
                self.out.write(chunk)

    def _cells(self, visible: Sequence[Column], row: dict[str, Any]) -> list[str]:
        cells = []
        for c in visible:
            text = shown(_cell(row.get(c.key)))
            cells.append(clip(text, c.clip) if c.clip and not self.full else text)
        return cells

    def _column(self, c: Column, rows: Rows) -> list[str]:
        """One column's cells, as `_cells` makes them: plain strings pass as they are, and each
        distinct text is clipped once."""
        key = c.key
        if isinstance(rows, Mapping):
            values = rows.get(key) or [None] * len(next(iter(rows.values()), ()))
        else:
            values = [row.get(key) for row in rows]
        made: dict[int, str] = {}  # a list shared by many rows (a task's products) is joined once

        def text(v: Any) -> str:
            if v.__class__ is not list:
                return _cell(v)
            found = made.get(id(v))
            if found is None:
                found = made[id(v)] = _cell(v)
            return found

        texts = shown_all([v if v.__class__ is str else text(v) for v in values])
        if key in _STATUS:  # a status wraps as one word: "chưa thực hiện" is never broken over two lines
            glued = {text: tables.glue(text) for text in set(texts)}
            texts = list(map(glued.__getitem__, texts))
        if c.clip and not self.full:
            limit = c.clip
            clipped = {text: clip(text, limit) for text in set(texts)}
            texts = list(map(clipped.__getitem__, texts))
        return texts

    def _rich_table(self, console: Any, columns: Sequence[Column], rows: Sequence[dict[str, Any]],
                    title: str | None, box: Any) -> None:
        """A table as wide as the terminal allows; rich wraps Vietnamese at spaces, never inside a word.

        Columns marked `table=False` appear only in CSV/Markdown/JSON (or with --full), and
        `clip` shortens long texts at a word boundary — the listing stays a listing at 80 columns.
        """
        from rich.table import Table  # rich: only when it draws the table

        visible = [c for c in columns if c.table or self.full]
        table = Table(title=title, box=box, expand=False, title_justify="left", show_edge=False, pad_edge=False)
        for c in visible:
            table.add_column(c.heading(self.lang), overflow="fold", no_wrap=c.no_wrap,
                             min_width=c.min_width, max_width=c.max_width, justify=c.justify,
                             ratio=c.ratio)
        for row in rows:
            table.add_row(*self._cells(visible, row))
        console.print(table)


Justify = Literal["default", "left", "center", "right", "full"]


@dataclass(frozen=True)
class Column:
    key: str
    vi: str
    en: str
    no_wrap: bool = False
    min_width: int | None = None
    max_width: int | None = None
    justify: Justify = "left"
    table: bool = True  # shown in tables (always in CSV, Markdown and JSON)
    clip: int | None = None  # tables: at most this many characters, cut at a word (not with --full)
    ratio: int | None = None  # tables: share of the spare width

    def heading(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi

    def spec(self, lang: str, index: int, count: int, shorten: bool = True) -> tables.Spec:
        """How a table lays this column out: ids, dates and statuses are never cut (nor dropped,
        but for a no-wrap date beside the due one), free text may be shortened with "…", and the
        least important columns go first when the table cannot fit (_DROP: listed keys first,
        then the rightmost)."""
        keep = None if self.key in _NEVER_DROP else (
            _DROP.index(self.key) if self.key in _DROP else len(_DROP) + count - index)
        return tables.Spec(self.heading(lang), self.justify, self.no_wrap, self.min_width, self.max_width,
                           shorten=shorten and (self.clip is not None or self.key in _SHORTEN), keep=keep)


_NEVER_DROP = frozenset({"id", "label", "task", "date", "due", "status", "name", "what", "item", "unit_id", "state",
                         "progress"})
_DROP = ("forced", "file", "matched", "number", "evidence", "source", "short", "support", "via_group_count",
         "open_via", "support_count", "due_dates", "submitted", "due_date", "next_due", "kind", "milestone",
         "updated", "last_entry", "reason", "note", "role", "days_left", "days_late", "lead", "unit", "product",
         "title", "detail", "duty", "period")
_SHORTEN = frozenset({"product", "title", "note", "reason", "evidence", "detail", "source"})
_STATUS = frozenset({"status", "state"})  # columns of status words (see tables.glue)


@dataclass(frozen=True)
class Block:
    """A part of a detailed view: label/value fields, a bulleted list, or a table."""

    heading: str | None = None
    fields: Sequence[tuple[str, Any]] | None = None
    items: Sequence[str] | None = None
    columns: Sequence[Column] = ()
    rows: Sequence[dict[str, Any]] | None = None
    empty: str = ""  # what an empty block says ("chưa có")


Rows = Union[Sequence[dict[str, Any]], Mapping[str, Sequence[Any]]]
"""A listing's cells: one dict per row, or one list per column key (see Output.rows)."""


@dataclass(frozen=True)
class Listing:
    """One table of a report, drawn as Output.rows draws it (title and all); an `inline` one is a
    document's table in Markdown: one line per cell, lists joined with "; ", `empty` said instead
    of a table without rows."""

    columns: Sequence[Column]
    rows: Rows
    title: str | None = None
    inline: bool = False
    empty: str = ""
    bom: bool = False  # CSV: begin with a byte-order mark (Excel then reads UTF-8)


@dataclass(frozen=True)
class Note:
    """A line of a report that goes to stderr (a count, "nothing due"), not to the data."""

    text: str


class Report(Protocol):
    """What Output.report draws: a query's value with its drawing, a view's `Drawn` (the value is plain
    data and draws nothing): its JSON record (the value's own: docs/json-contract.md), and the parts a
    format shows — lines of text, listings and notes (to stderr), in order (a terminal table may merge cells
    a CSV keeps apart, so the parts are asked for one format; nothing is built for a format not drawn)."""

    def record(self) -> Any: ...

    def parts(self, fmt: str, lang: str) -> Sequence[str | Listing | Note]: ...


def row_dicts(rows: Rows) -> Sequence[dict[str, Any]]:
    """The cells as one dict per row, however they were given."""
    if isinstance(rows, Mapping):
        return [dict(zip(rows, values)) for values in zip(*rows.values())]
    return rows


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut after a whole word, with an ellipsis."""
    if len(text) <= limit:  # squeezing spaces only shortens it
        return text
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return text
    cut = flat[:limit].rsplit(" ", 1)[0].rstrip(",;:.-– ")
    return cut + " …"


def json_text(data: Any) -> str:
    """Readable and fast JSON: one record per line inside the top-level lists.

    `json.dumps(indent=2)` runs the pure-Python encoder (far slower than the C one on a
    large ledger); compact records on their own lines keep the C encoder and stay diffable.
    """
    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def block(value: Any, pad: str) -> str:
        if isinstance(value, list) and value:
            return "[\n" + ",\n".join(pad + "  " + one(v) for v in value) + "\n" + pad + "]"
        return one(value)

    if isinstance(data, dict) and data:
        return "{\n" + ",\n".join(f"  {one(k)}: {block(v, '  ')}" for k, v in data.items()) + "\n}"
    return block(data, "")


def _cell(value: Any, sep: str = "\n") -> str:
    cls = value.__class__
    if cls is str:
        return value  # type: ignore[no-any-return]  # a str (just checked), without a call per cell
    if cls is int:
        return str(value)
    if cls is list or cls is tuple:  # most lists hold plain strings: join them as they are
        for v in value:
            if v.__class__ is not str:
                break
        else:
            return sep.join(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, (list, tuple)):
        return sep.join(_cell(v, sep) for v in value)
    return str(value)
