"""`hoinhap log`: the progress entries themselves, filtered, in any format."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Optional

import typer

from hoinhap_cli.cli.common import (
    DATE,
    LISTING,
    DataOpt,
    Format,
    FullOpt,
    LangOpt,
    format_option,
    load_ledger,
    output,
)
from hoinhap_cli.cli.complete import complete_task, complete_unit
from hoinhap_cli.queries.lookup import log_records, log_rows
from hoinhap_cli.render.render import Column
from hoinhap_cli.rules.progress import resolve_unit
from hoinhap_cli.rules.selection import find_task
from hoinhap_cli.words.i18n import t


def log(
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", autocompletion=complete_unit,
                                                help="Only this unit (id, name or alias).")] = None,
    task: Annotated[Optional[str], typer.Option("--task", "-t", autocompletion=complete_task,
                                                help="Only this task.")] = None,
    since: Annotated[Optional[date], typer.Option("--since", metavar="DATE", click_type=DATE,
                                                  help="From this day (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[date], typer.Option("--until", metavar="DATE", click_type=DATE,
                                                  help="To this day, inclusive.")] = None,
    format: Annotated[Format, format_option("table, json, csv or md.", *LISTING)] = Format.table,
    data: DataOpt = None,
    lang: LangOpt = None,
    full: FullOpt = False,
) -> int:
    """List recorded progress entries, oldest first (by date, then order in the files).

    With each entry its evidence (Căn cứ); recorded events show as ⚑ EVENT and submitted
    quarterly reports as ✉ QUARTER (not with --task).

    \b
    Example: hoinhap log --unit phong-kinh-te --since 2009-01-01 --format csv
    Example: hoinhap log --unit "Phòng QLĐT" --task 3.2.2
    """
    out = output(lang, full=full)
    ledger = load_ledger(data, out)
    who = resolve_unit(ledger.plan, unit).id if unit is not None else None
    what = find_task(ledger.tasks, task).id if task is not None else None
    records = log_records(ledger, who, what, since, until)
    rows = records if format is Format.json else log_rows(records, out.lang)
    columns = [
        Column("date", "Ngày", "Date", min_width=10),
        Column("task", "Nhiệm vụ", "Task"),
        Column("milestone", "Mốc", "Milestone", justify="right"),
        Column("unit", "Đơn vị", "Unit"),
        Column("status", "Tình trạng", "Status", min_width=10),
        Column("note", "Ghi chú", "Note"),
        Column("reason", "Lý do", "Reason"),
        Column("evidence", "Căn cứ", "Evidence"),
        Column("forced", "Ngoài phân công", "Forced"),
    ]
    if format is Format.table:  # a terminal is narrow: leave out columns with nothing in them
        columns = [c for c in columns if c.key in ("date", "task", "unit", "status")
                   or any(r.get(c.key) not in (None, "", False) for r in rows)]
    out.rows(format.value, columns, rows, records=records)
    if not rows and format is Format.table:
        out.message(t("log.none", out.lang))
    return 0

