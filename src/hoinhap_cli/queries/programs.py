"""The programmes and sections with their size and progress, as plain data with its JSON record.

The figures are lookup.program_rows' (deadlines.count per programme and section), with the
whole plan's and the reporting row's report figures; `views/programview.py` draws them (the
bar, the figures line, the legend). No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.queries.lookup import Row, program_rows
from hoinhap_cli.rules import reporting
from hoinhap_cli.rules.deadlines import Counts, count, obligations
from hoinhap_cli.rules.reporting import ReportCounts


@dataclass(frozen=True)
class ProgramList:
    as_of: date
    rows: list[tuple[Row, Row]]  # (the flat row, the JSON record) per programme or section
    reports: tuple[str, ReportCounts] | None = None  # the reporting row's programme and its report figures
    total: Counts = Counts()  # the whole plan's milestones as of the date: the late count and the completion rate

    def record(self) -> list[Row]:
        return [record for _, record in self.rows]


def program_list(ledger: Ledger, as_of: date) -> ProgramList:
    """Each programme, then its sections, with their progress as of the date; the reporting row's
    programme with its report figures (reporting), which its bar does not count."""
    rows = reporting.report_tasks(ledger)
    program = ledger.tasks[next(iter(rows))].program if rows else None
    counts = reporting.report_ledger(ledger, as_of).counts if program is not None else None
    judged = obligations(ledger, as_of)
    return ProgramList(as_of, program_rows(ledger, as_of, judged),
                       (program, counts) if program is not None and counts is not None else None,
                       count(judged, as_of))
