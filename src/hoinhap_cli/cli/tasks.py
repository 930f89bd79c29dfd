"""`hoinhap tasks`: the tasks a unit, a programme, a deadline window or some words select."""

from __future__ import annotations

from hoinhap_cli.cli.common import (
    BomOpt,
    DataOpt,
    DueAfterOpt,
    DueBeforeOpt,
    DueInOpt,
    Format,
    FormatOpt,
    FullOpt,
    IncludeOngoingOpt,
    IncludePendingOpt,
    LangOpt,
    NoColorOpt,
    NoRecurringOpt,
    ProgramOpt,
    RoleChoice,
    RoleOpt,
    SearchOpt,
    SortChoice,
    SortOpt,
    StatusOpt,
    UnitOpt,
    column,
    load_ledger,
    output,
    task_filter,
    today,
)
from hoinhap_cli.queries.lookup import task_rows
from hoinhap_cli.render.render import Column
from hoinhap_cli.rules.selection import TaskFilter
from hoinhap_cli.words.i18n import t


def tasks(
    unit: UnitOpt = None,
    role: RoleOpt = RoleChoice.any,
    program: ProgramOpt = None,
    due_before: DueBeforeOpt = None,
    due_after: DueAfterOpt = None,
    due_in: DueInOpt = None,
    include_ongoing: IncludeOngoingOpt = False,
    include_pending: IncludePendingOpt = False,
    no_recurring: NoRecurringOpt = False,
    search: SearchOpt = None,
    status: StatusOpt = None,
    sort: SortOpt = SortChoice.id,
    format: FormatOpt = Format.table,
    bom: BomOpt = False,
    full: FullOpt = False,
    data: DataOpt = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
) -> int:
    """List tasks by unit, role, programme, deadline and words (filters combine).

    Due filters: a task matches when one of its milestones falls due in the window. Recurring
    duties match when one occurrence ends in it (--no-recurring leaves them out); event-bound
    tasks once their event is recorded (--include-pending: before that too); ongoing tasks only
    with --include-ongoing; tasks without a time never.

    Status: from each milestone's entries (`hoinhap record`): done when every lead unit has said
    done; "1/2 đơn vị xong" while some have not; none means chưa thực hiện. Updated: the last entry's date.

    \b
    Example: hoinhap tasks --unit "phong kinh te" --role lead --due-in 2009
    Example: hoinhap tasks --unit "Phòng QLĐT" --due-in 2009
    """
    out = output(lang, no_color, full)
    ledger = load_ledger(data, out)
    f = task_filter(ledger, out.lang, unit, role, program, search, due_before, due_after, due_in,
                    include_ongoing, include_pending, no_recurring, status)
    pairs = task_rows(ledger, f, out.lang, today(), sort.value, with_records=format is Format.json)
    columns = _columns(f, sort, labelled=any(task.label is not None for task in ledger.tasks.values()))
    out.counted(format.value, columns, [r for r, _ in pairs], [rec for _, rec in pairs],
                t("rows.count.tasks", out.lang, n=len(pairs)), t("rows.none", out.lang), bom=bom)
    return 0


def _columns(f: TaskFilter, sort: SortChoice, labelled: bool = False) -> list[Column]:
    """The listing's columns: the document's own row label when the plan gives any, the role with
    --unit, where the words were found with --search."""
    return [
        column("id", no_wrap=True),
        *([column("label", no_wrap=True)] if labelled else []),
        column("program", table=False),
        column("section", table=False),
        column("title", "task", clip=120),
        column("lead", max_width=20, table=not f.units),  # with --unit the role says more; --full shows both
        column("support", table=False),
        *([column("role", max_width=22)] if f.units else []),
        column("due", no_wrap=True),
        column("due_dates", table=False),
        column("next_due", no_wrap=True, table=sort is SortChoice.due),
        column("status", max_width=24),
        column("updated", no_wrap=True),
        *([column("matched", max_width=16)] if f.search else []),
    ]
