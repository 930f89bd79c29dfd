"""`hoinhap show ID`: everything the plan says about one task, and its reported progress."""

from __future__ import annotations

from typing import Annotated

import typer

from hoinhap_cli.cli.common import (
    DataOpt,
    Format,
    FullOpt,
    LangOpt,
    NoColorOpt,
    column,
    format_option,
    load_ledger,
    output,
)
from hoinhap_cli.cli.complete import complete_task
from hoinhap_cli.queries.lookup import task_detail
from hoinhap_cli.render.render import Block
from hoinhap_cli.rules.selection import find_task
from hoinhap_cli.words.i18n import t


def show(
    task_id: Annotated[str, typer.Argument(metavar="ID", autocompletion=complete_task,
                                           help="The task's number, loosely: 2.10, 2,10, 3.2.4A.")],
    format: Annotated[Format, format_option("table (text), json or md.", Format.table, Format.json, Format.md)]
    = Format.table,
    data: DataOpt = None,
    lang: LangOpt = None,
    full: FullOpt = False,
    no_color: NoColorOpt = False,
) -> int:
    """Show everything about one task, and its reported progress.

    Status: a milestone is done when every lead unit has reported it done (a group's wards
    each count); each lead's latest status, and supporting units' entries, are listed.
    JSON is the task object of docs/json-contract.md with the status keys and "history" added.

    \b
    Example: hoinhap show 2,10
    Example: hoinhap show 3.2.4a --format md
    """
    out = output(lang, no_color, full)
    ledger = load_ledger(data, out)
    task = find_task(ledger.tasks, task_id)
    d = task_detail(ledger, task, out.lang)
    none = t("show.none", out.lang)
    blocks = [
        Block(fields=d.fields),
        Block(t("show.units", out.lang), columns=[column("role"), column("id", "unit_id", no_wrap=True),
                                                  column("name", "unit")], rows=d.units, empty=none),
        Block(t("show.milestones", out.lang),
              columns=[column("due", min_width=8), column("due_date", "due_dates", no_wrap=True),
                       column("source"), column("product"), column("note"), column("status")],
              rows=d.milestones, empty=none),
        Block(t("leads.by_unit", out.lang),
              columns=[column("milestone"), column("unit"), column("role"), column("status"),
                       column("date", no_wrap=True), column("evidence"), column("note"), column("reason")],
              rows=d.by_unit, empty=none),
        Block(t("show.products", out.lang), items=d.products, empty=none),
        Block(t("show.notes", out.lang), items=d.notes, empty=none),
        Block(t("show.history", out.lang),
              columns=[column("date", no_wrap=True), column("unit"), column("milestone"), column("status"),
                       column("note"), column("reason"), column("evidence"), column("file", table=False)],
              rows=d.history, empty=none),
    ]
    out.document(format.value, t("show.task", out.lang, id=task.id), blocks, d.record)
    return 0
