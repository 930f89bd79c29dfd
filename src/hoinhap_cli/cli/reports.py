"""`hoinhap reports`: who sent which report, period by period (reporting.ReportLedger)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from hoinhap_cli.cli.common import (
    PERIOD,
    AsOfOpt,
    DataOpt,
    Format,
    FormatOpt,
    FullOpt,
    LangOpt,
    NoColorOpt,
    load_ledger,
    output,
    today,
)
from hoinhap_cli.cli.complete import complete_unit
from hoinhap_cli.render import reportview
from hoinhap_cli.rules import selection
from hoinhap_cli.rules.reporting import report_ledger
from hoinhap_cli.words.periods import Period


def reports(
    period: Annotated[Optional[Period], typer.Option(
        "--period", metavar="2009-Q1|2009-H1|2009", click_type=PERIOD,
        help="Only the reports of periods inside this one (default: every period begun by the as-of date).")] = None,
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", metavar="TEXT", autocompletion=complete_unit,
                                                help="Only this unit's reports (id, name or alias).")] = None,
    as_of: AsOfOpt = None,
    format: FormatOpt = Format.table,
    data: DataOpt = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
    full: FullOpt = False,
) -> int:
    """List who must report what to whom, and who did: units across periods, per reporting duty.

    The duties come from plan.yaml `reporting:` (docs/plan-format.md). A cell says "đã nộp 05/4",
    "nộp trễ 9 ngày", "chưa nộp" or "chưa đến hạn". Exit 0 when no report is missing, 1 when
    one is (due before the as-of date and not sent by then), 2 for usage errors or unreadable data.

    \b
    Example: hoinhap reports --period 2009 --as-of 2010-01-10  # exit 1: reports not sent
    Example: hoinhap reports --unit "Phòng Kinh tế" --format json  # exit 1
    """
    out = output(lang, no_color, full)
    ledger = load_ledger(data, out)
    uid = selection.resolve_unit(ledger.units.values(), unit).id if unit is not None else None
    value = report_ledger(ledger, as_of or today(), period, uid)
    out.report(format.value, reportview.Drawn(value))
    return 1 if value.counts.missing else 0
