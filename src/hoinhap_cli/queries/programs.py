"""The programmes and sections with their size and progress, as a report for render.Output.

The figures are lookup.program_rows' (deadlines.count per programme and section); this adds
the bar a terminal or a Markdown page draws, and the legend under it. No I/O here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.queries.lookup import Row, program_rows
from hoinhap_cli.render import bars
from hoinhap_cli.render.render import Column, Listing, Note
from hoinhap_cli.rules import reporting
from hoinhap_cli.rules.deadlines import Counts, count, obligations
from hoinhap_cli.rules.reporting import ReportCounts
from hoinhap_cli.words.i18n import MESSAGES, t


def _column(key: str, words: str | None = None, **options: Any) -> Column:
    return Column(key, *MESSAGES[f"col.{words or key}"], **options)


@dataclass(frozen=True)
class ProgramList:
    as_of: date
    rows: list[tuple[Row, Row]]  # (the flat row, the JSON record) per programme or section
    bom: bool = False  # CSV: begin with a byte-order mark
    reports: tuple[str, ReportCounts] | None = None  # the reporting row's programme and its report figures
    total: Counts = Counts()  # the whole plan's milestones as of the date: the late count and the completion rate

    def record(self) -> list[Row]:
        return [record for _, record in self.rows]

    def parts(self, fmt: str, lang: str) -> Sequence[str | Listing | Note]:
        drawn = fmt in ("table", "md")  # with a progress bar, and its legend below
        rows = [{**row, "progress": bars.text(row["done"], row["late"], row["total"])} if drawn else row
                for row, _ in self.rows]
        columns = [
            _column("id", no_wrap=True),
            *([_column("label", no_wrap=True)] if any("label" in row for row, _ in self.rows) else []),
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
        listing = Listing(columns, rows, title, bom=self.bom)
        if not drawn:
            return [listing]
        c = self.total
        out: list[str | Listing | Note] = [listing, ("\n" if fmt == "md" else "") + t("bar.as_of", lang,
                                                                                     as_of=self.as_of.isoformat()),
                                           bars.figures(self.as_of.isoformat(), c.late, c.done, c.total, lang)]
        if self.reports is not None:  # its tasks' bar is empty: the reports are counted here, apart
            program, r = self.reports
            out.append(t("programs.reports", lang, program=program, due=r.due, missing=r.missing))
        return [*out, bars.legend(lang)]


def program_list(ledger: Ledger, as_of: date, bom: bool = False) -> ProgramList:
    """Each programme, then its sections, with their progress as of the date; the reporting row's
    programme with its report figures (reporting), which its bar does not count."""
    rows = reporting.report_tasks(ledger)
    program = ledger.tasks[next(iter(rows))].program if rows else None
    counts = reporting.report_ledger(ledger, as_of).counts if program is not None else None
    judged = obligations(ledger, as_of)
    return ProgramList(as_of, program_rows(ledger, as_of, judged), bom,
                       (program, counts) if program is not None and counts is not None else None,
                       count(judged, as_of))
