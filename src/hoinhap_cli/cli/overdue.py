"""`hoinhap overdue`: what is late, and which ongoing tasks had no update (an OverdueReport, drawn by overdueview)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from hoinhap_cli.cli.common import (
    AsOfOpt,
    DataOpt,
    Format,
    FormatOpt,
    FullOpt,
    LangOpt,
    NoColorOpt,
    ProgramOpt,
    RoleChoice,
    RoleOpt,
    UnitOpt,
    load_ledger,
    output,
    task_filter,
    today,
)
from hoinhap_cli.queries.overdue import overdue_report
from hoinhap_cli.views import overdueview


class GroupBy(str, Enum):
    none = "none"
    unit = "unit"
    program = "program"


def overdue(
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    role: RoleOpt = RoleChoice.any,
    program: ProgramOpt = None,
    group_by: Annotated[GroupBy, typer.Option("--group-by", help="One list per unit or programme, or none.")]
    = GroupBy.none,
    no_stale: Annotated[bool, typer.Option("--no-stale", help="Hide the ongoing tasks with no recent update.")]
    = False,
    reports: Annotated[Optional[bool], typer.Option(
        "--reports/--no-reports", help="Late reports: one row per unit, or hidden (default: one line per period).")]
    = None,
    format: FormatOpt = Format.table,
    data: DataOpt = None,
    lang: LangOpt = None,
    full: FullOpt = False,
    no_color: NoColorOpt = False,
) -> int:
    """List what is late: task milestones, then the reporting periods with reports not sent.

    Late reports follow the tasks, one line per period ("Báo cáo quý I/2009: 12/29 đơn vị chưa
    nộp"); --reports lists them one row per unit, --no-reports hides them; with --program they
    are left out (reports belong to no programme). Exit 0 when nothing is late, 1 when a task or
    a report is (hidden or not), 2 for usage errors or unreadable data.
    Rules per deadline kind: README, "Trễ hạn / overdue"; JSON: docs/json-contract.md.

    \b
    Example: hoinhap overdue --as-of 2009-03-31 --group-by unit  # exit 1: something is late
    Example: hoinhap overdue --unit "Phòng Quản lý đô thị" --as-of 2009-06-30 --format json  # exit 1
    """
    out = output(lang, no_color, full)
    ledger = load_ledger(data, out)
    report = overdue_report(ledger, as_of or today(), task_filter(ledger, out.lang, unit, role, program),
                            group_by.value, with_stale=not no_stale)
    shown = "lines" if reports is None else "full" if reports else "hidden"
    out.report(format.value, overdueview.Drawn(report, shown))
    return 1 if report.anything_late else 0
