"""The programmes and sections drawn: `programs.ProgramList`'s figures as a listing, with the bar
a terminal or a Markdown page draws, the figures line and the legend under it. No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hoinhap_cli.queries.lookup import Row
from hoinhap_cli.queries.programs import ProgramList
from hoinhap_cli.render import bars
from hoinhap_cli.render.render import Column, Listing, Note
from hoinhap_cli.words.i18n import MESSAGES, t


def _column(key: str, words: str | None = None, **options: Any) -> Column:
    return Column(key, *MESSAGES[f"col.{words or key}"], **options)


@dataclass(frozen=True)
class Drawn:
    """The programme list as `Output.report` draws it: its record, and its parts in a format."""

    value: ProgramList
    bom: bool = False  # CSV: begin with a byte-order mark

    def record(self) -> list[Row]:
        return self.value.record()

    def parts(self, fmt: str, lang: str) -> list[str | Listing | Note]:
        return parts(self.value, fmt, lang, self.bom)


def parts(p: ProgramList, fmt: str, lang: str, bom: bool = False) -> list[str | Listing | Note]:
    drawn = fmt in ("table", "md")  # with a progress bar, and its legend below
    rows = [{**row, "progress": bars.text(row["done"], row["late"], row["total"])} if drawn else row
            for row, _ in p.rows]
    columns = [
        _column("id", no_wrap=True),
        *([_column("label", no_wrap=True)] if any("label" in row for row, _ in p.rows) else []),
        _column("title", clip=80, ratio=1),
        _column("task_count", justify="right", no_wrap=True),
        _column("milestone_count", justify="right", no_wrap=True),
        *([_column("progress", no_wrap=True)] if drawn else []),
        _column("done", justify="right", no_wrap=True),
        _column("due", "due_now", justify="right", no_wrap=True),
        _column("late", justify="right", no_wrap=True),
        _column("total", justify="right", no_wrap=True, table=False),
        _column("share_done", "share", justify="right", no_wrap=True, table=False),
    ]
    title = t("rows.count.programs", lang, n=len(rows)) if fmt == "table" else None
    listing = Listing(columns, rows, title, bom=bom)
    if not drawn:
        return [listing]
    c = p.total
    out: list[str | Listing | Note] = [listing, ("\n" if fmt == "md" else "") + t("bar.as_of", lang,
                                                                                 as_of=p.as_of.isoformat()),
                                       bars.figures(p.as_of.isoformat(), c.late, c.done, c.total, lang)]
    if p.reports is not None:  # its tasks' bar is empty: the reports are counted here, apart
        program, r = p.reports
        out.append(t("programs.reports", lang, program=program, due=r.due, missing=r.missing))
    return [*out, bars.legend(lang)]
