"""`hoinhap overdue`, `hoinhap upcoming`, `hoinhap summary`: what is late, what is next, the review."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from hoinhap_cli import guard
from hoinhap_cli.cli.common import (
    AsOfOpt,
    DataOpt,
    DetailFormat,
    FormatOpt,
    LangOpt,
    ListFormat,
    NoColorOpt,
    ProgramOpt,
    RoleChoice,
    RoleOpt,
    UnitOpt,
    as_of_date,
    load_ledger,
    output,
    task_filter,
    today,
)


class GroupBy(str, Enum):
    none = "none"
    unit = "unit"
    program = "program"


def _keep(ledger: Any, f: Any, o: Any) -> bool:
    """A reporting obligation belongs to its one unit; any other to the task's units."""
    from hoinhap_cli.selection import in_program

    if getattr(o, "unit", None) is None:
        return f.matches(ledger, o.task)
    if f.program is not None and not in_program(o.task, f.program):
        return False
    return not f.units or (o.unit in f.units and f.role != "support")


def _columns(keys: list[str]) -> list[Any]:
    from hoinhap_cli.i18n import MESSAGES
    from hoinhap_cli.render import Column

    widths = {"task": dict(no_wrap=True), "due": dict(min_width=10), "due_date": dict(no_wrap=True),
              "days_late": dict(justify="right"), "days_left": dict(justify="right"),
              "product": dict(min_width=20, clip=80), "lead": dict(min_width=14, clip=60),
              "status": dict(min_width=12), "reason": dict(min_width=12, clip=80)}
    return [Column(k, *MESSAGES[f"review.col.{k}"], **widths.get(k, {})) for k in keys]


def _listing(fmt: str, keys: list[str], cells: dict[str, list[Any]]) -> tuple[list[Any], dict[str, list[Any]]]:
    """Columns and their cells (review.obligation_columns); a terminal table puts the deadline with
    its date, and the status with its reason, in one cell each to stay readable at 80 columns
    (CSV, Markdown and JSON keep them apart)."""
    if fmt != "table" or "due_date" not in keys:
        return _columns(keys), cells
    cells = {**cells,  # as two lines of one cell (render gives a list of texts as lines)
             "due": [due if due == day else f"{due}\n{day or ''}" for due, day in zip(cells["due"], cells["due_date"])],
             "status": [f"{status}\n{reason}" if reason else status
                        for status, reason in zip(cells["status"], cells["reason"])]}
    return _columns([k for k in keys if k not in ("due_date", "reason")]), cells


OVERDUE_COLS = ["task", "product", "due", "due_date", "days_late", "lead", "status", "reason"]
STALE_COLS = ["task", "product", "quarter", "last_entry", "lead", "status", "reason"]


def _stale_row(ledger: Any, s: Any, lang: str) -> dict[str, Any]:
    from hoinhap_cli.review import status_word, unit_names

    return {"task": s.task.id, "product": list(s.task.products), "quarter": s.quarter.label,
            "last_entry": s.entry.date.isoformat() if s.entry else None,
            "lead": unit_names(ledger, s.leads), "status": status_word(s.status, lang),
            "reason": s.entry.reason if s.entry else None}


def _stale_record(ledger: Any, s: Any) -> dict[str, Any]:
    return {"task": s.task.id, "program": s.task.program, "milestone": s.index + 1, "quarter": s.quarter.label,
            "product": list(s.task.products), "lead": [{"id": u, "name": ledger.units[u].name} for u in s.leads],
            "status": s.status.value, "last_entry_date": s.entry.date.isoformat() if s.entry else None,
            "reason": s.entry.reason if s.entry else None}


def _groups(ledger: Any, f: Any, by: GroupBy, items: list[Any]) -> list[tuple[str, str, list[Any]]]:
    """(key, name, items) per programme in plan order, or per unit by name; one item may sit in several."""
    if by is GroupBy.program:
        named = [(p.id, f"{p.id}. {p.appendix_title or p.title}") for p in ledger.plan.programs]
        return [(k, n, [x for x in items if x.task.program == k]) for k, n in named
                if any(x.task.program == k for x in items)]
    wanted = set(f.units)

    def shown(uid: str) -> bool:  # with --unit: that unit, or a group it belongs to
        return not wanted or uid in wanted or bool(wanted & set(ledger.units[uid].members))

    from hoinhap_cli.text import collation_key

    out = []
    for uid, unit in ledger.units.items():
        mine = [x for x in items if uid in x.leads]
        if mine and shown(uid):
            out.append((uid, unit.name, mine))
    return sorted(out, key=lambda group: collation_key(group[1]))  # units by name, in Vietnamese order


def overdue(
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    role: RoleOpt = RoleChoice.any,
    program: ProgramOpt = None,
    group_by: Annotated[GroupBy, typer.Option("--group-by", help="One list per unit or programme, or none.")]
    = GroupBy.none,
    no_stale: Annotated[bool, typer.Option("--no-stale", help="Hide the ongoing tasks with no recent update.")]
    = False,
    format: FormatOpt = ListFormat.table,
    data: DataOpt = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """List what is late: milestones and reports due before the as-of date, not done or dropped.

    Exit 0 when nothing is late, 1 when something is, 2 for usage errors or unreadable data.
    Rules per deadline kind: README, "Trễ hạn / overdue"; JSON: docs/json-contract.md.

    \b
    Example: hoinhap overdue --as-of 2009-03-31 --group-by unit
    Example: hoinhap overdue --unit "Phòng Quản lý đô thị" --as-of 2009-06-30 --format json
    """
    from hoinhap_cli import deadlines
    from hoinhap_cli.i18n import t
    from hoinhap_cli.review import obligation_columns, obligation_record, obligation_row

    out = output(lang, no_color)
    ledger = load_ledger(data, out)
    day = as_of_date(as_of)
    f = task_filter(ledger, out.lang, unit, role, program)
    late = deadlines.overdue(deadlines.obligations(ledger, day, late_only=True), day)
    stale = [] if no_stale else deadlines.stale(ledger, day)
    if not f.everything:
        late = [o for o in late if _keep(ledger, f, o)]
        stale = [s for s in stale if f.matches(ledger, s.task)]
    quarter = deadlines.last_ended_quarter(ledger, day)
    if format is ListFormat.json:
        payload: dict[str, Any] = {
            "as_of": day.isoformat(),
            "stale_quarter": quarter.label if quarter and not no_stale else None,
            "overdue": [obligation_record(ledger, o, day) for o in late],
            "stale": [_stale_record(ledger, s) for s in stale],
        }
        if group_by is not GroupBy.none:
            payload["group_by"] = group_by.value
            payload["groups"] = [
                {"id": k, "name": n, "overdue": [obligation_record(ledger, o, day) for o in items
                                                 if isinstance(o, deadlines.Obligation)],
                 "stale": [_stale_record(ledger, s) for s in stale if s in items]}
                for k, n, items in _groups(ledger, f, group_by, [*late, *stale])
            ]
        out.json(payload)
        raise typer.Exit(1 if late else 0)
    sections = ([("", "", [*late, *stale])] if group_by is GroupBy.none
                else _groups(ledger, f, group_by, [*late, *stale]))
    late_ids = {id(o) for o in late}
    if format is ListFormat.csv:
        cols = _columns(["list", *OVERDUE_COLS[:-1], "quarter", "last_entry", "reason"])
        if group_by is not GroupBy.none:
            cols.insert(0, _columns(["unit" if group_by is GroupBy.unit else "program"])[0])
        rows = []
        for key, _, items in sections:
            for x in items:
                row = (obligation_row(ledger, x, day, out.lang) if id(x) in late_ids
                       else _stale_row(ledger, x, out.lang))
                row["list"] = t("review.list.overdue" if id(x) in late_ids else "review.list.stale", out.lang)
                row["unit"] = row["program"] = key
                rows.append(row)
        out.csv(cols, rows)
        raise typer.Exit(1 if late else 0)
    fmt = format.value
    for key, name, items in sections:
        if name:
            out.text(f"## {name}\n" if fmt == "md" else f"■ {name}")
        mine_late = [x for x in items if id(x) in late_ids]
        mine_stale = [x for x in items if id(x) not in late_ids]
        if mine_late:
            out.rows(fmt, *_listing(fmt, OVERDUE_COLS, obligation_columns(ledger, mine_late, day, out.lang)),
                     title=t("overdue.title", out.lang, as_of=day.isoformat()))
        if mine_stale and quarter is not None:
            if fmt == "md":
                out.text("")
            out.rows(fmt, _columns(STALE_COLS), [_stale_row(ledger, s, out.lang) for s in mine_stale],
                     title=t("overdue.stale_title", out.lang, quarter=quarter.label))
        if fmt == "md":
            out.text("")
    out.message(t("overdue.count", out.lang, count=len(late), as_of=day.isoformat()) if late
                else t("overdue.none", out.lang, as_of=day.isoformat()))
    raise typer.Exit(1 if late else 0)


def upcoming(
    within: Annotated[str, typer.Option("--within", "-w", metavar="30d|6w|1q",
                                        help="How far ahead: days, weeks, months (30 d), quarters (91 d), years.")]
    = "30d",
    as_of: AsOfOpt = None,
    unit: UnitOpt = None,
    role: RoleOpt = RoleChoice.any,
    program: ProgramOpt = None,
    format: FormatOpt = ListFormat.table,
    data: DataOpt = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """List what falls due soon: open milestones and reports due from the as-of date to as-of + within.

    \b
    Example: hoinhap upcoming --within 1q --as-of 2009-01-01 --unit "Phòng Kinh tế"
    """
    from hoinhap_cli import deadlines
    from hoinhap_cli.i18n import t
    from hoinhap_cli.periods import DeadlineError, parse_duration
    from hoinhap_cli.problems import UsageError
    from hoinhap_cli.review import obligation_columns, obligation_record

    out = output(lang, no_color)
    try:
        span = guard.within("--within", within, as_of_date(as_of), parse_duration)
    except DeadlineError as err:
        raise UsageError(f"--within: {err}") from None
    ledger = load_ledger(data, out)
    day = as_of_date(as_of)
    f = task_filter(ledger, out.lang, unit, role, program)
    soon = [o for o in deadlines.upcoming(deadlines.obligations(ledger, day), day, span) if _keep(ledger, f, o)]
    until = (day + span).isoformat()
    if format is ListFormat.json:
        out.json({"as_of": day.isoformat(), "until": until,
                  "upcoming": [{**obligation_record(ledger, o, day), "days_left": (o.due_date - day).days}
                               for o in soon]})
        return
    cols = ["task", "product", "due", "due_date", "days_left", "lead", "status", "reason"]
    out.rows(format.value, *_listing(format.value, cols, obligation_columns(ledger, soon, day, out.lang)),
             title=t("upcoming.title", out.lang, as_of=day.isoformat(), until=until))
    if not soon:
        out.message(t("upcoming.none", out.lang, as_of=day.isoformat(), until=until))


def summary(
    period: Annotated[str, typer.Option("--period", metavar="2009-Q1|2009-H1|2009",
                                        help="The review period: a quarter, a half, a year (or FROM..TO).")],
    as_of: Annotated[Optional[str], typer.Option(
        "--as-of", metavar="DATE",
        help="Judge as of this date (default: the day after the period, or today if sooner).")] = None,
    format: Annotated[DetailFormat, typer.Option("--format", "-f", help="table, md or json.")]
    = DetailFormat.table,
    out_file: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE",
                                                     help="Write to FILE (atomically) instead of stdout.")] = None,
    force: Annotated[bool, typer.Option("--force", help="With --out: replace FILE if it exists.")] = False,
    data: DataOpt = None,
    lang: LangOpt = None,
    no_color: NoColorOpt = False,
) -> None:
    """The periodic review: per programme and per lead unit, what fell due, what is done, what is late.

    --format md is a Vietnamese document ready to paste into the standing agency's report.

    \b
    Example: hoinhap summary --period 2009-H1 --format md --out data/reports/bao-cao-2009-H1.md
    """
    import io
    from datetime import timedelta

    from hoinhap_cli.i18n import t
    from hoinhap_cli.periods import DeadlineError, parse_period
    from hoinhap_cli.problems import UsageError
    from hoinhap_cli.render import Output
    from hoinhap_cli.review import markdown, obligation_record, summarise

    out = output(lang, no_color)
    out_file = guard.out_target(out_file, "--out")  # '-': standard output; a link, device or FIFO refused
    try:
        p = parse_period(period)
    except DeadlineError as err:
        raise UsageError(f"--period: {err}") from None
    if out_file is not None and out_file.exists() and not force:
        raise UsageError(f"{out_file} exists: refusing to overwrite it", ["add --force to replace it"])
    if out_file is not None and not out_file.parent.is_dir():
        raise UsageError(f"{out_file.parent}: no such folder")
    ledger = load_ledger(data, out)
    day = as_of_date(as_of) if as_of else min(p.end + timedelta(days=1), today())
    s = summarise(ledger, p, day)
    sink = Output(lang=out.lang, color=False if out_file else out.color, out=io.StringIO()) if out_file else out
    if format is DetailFormat.json:
        sink.json({"period": p.label, "start": p.start.isoformat(), "end": p.end.isoformat(),
                   "as_of": day.isoformat(), "total": {k: v for k, v in s.total.as_dict().items()
                                                       if k not in ("id", "name")},
                   "programs": [x.as_dict() for x in s.programs], "units": [x.as_dict() for x in s.units],
                   "problems": [obligation_record(ledger, o, day) for o in s.problems],
                   "entries": s.entries})
    elif format is DetailFormat.md:
        sink.text(markdown(ledger, s, out.lang).rstrip("\n"))
    else:
        _summary_tables(sink, ledger, s)
    if out_file is not None:
        from hoinhap_cli.files import write_atomic

        try:
            write_atomic(out_file, sink.out.getvalue(), overwrite=force)
        except FileExistsError:
            raise UsageError(f"{out_file} exists: refusing to overwrite it", ["add --force to replace it"]) from None
        except OSError as err:  # a full disk, a read-only folder: one line
            raise guard.out_failed(out_file, err) from None
        out.message(t("summary.written", out.lang, file=out_file))


def _summary_tables(out: Any, ledger: Any, s: Any) -> None:
    from hoinhap_cli import bars
    from hoinhap_cli.i18n import MESSAGES, t
    from hoinhap_cli.render import Column
    from hoinhap_cli.review import obligation_columns

    counts = ["due_count", "done", "late", "in_progress", "blocked", "dropped"]  # not started: the rest

    def tally_rows(tallies: list[Any], label: Any) -> list[dict[str, Any]]:
        rows = []
        for x in tallies:
            d = x.as_dict()
            rows.append({"name": label(x), "due_count": d["due"], **{k: d[k] for k in counts[1:]},
                         "progress": bars.text(x.done, x.late, x.due - x.dropped)})
        return rows

    bar = Column("progress", *MESSAGES["col.progress"], no_wrap=True)
    num = [Column(k, *MESSAGES[f"review.col.{k}"], justify="right", max_width=8) for k in counts]
    out.text(t("review.md.title", out.lang, period=s.period.label))
    out.table([Column("name", *MESSAGES["review.col.program"], min_width=14, max_width=60), bar, *num],
              tally_rows(s.programs, lambda x: f"{x.key}. {x.name}") + tally_rows([s.total], lambda x: "Σ"),
              title=t("review.md.by_program", out.lang))
    out.table([Column("name", *MESSAGES["review.col.lead"], min_width=14, max_width=40), bar, *num],
              tally_rows(s.units, lambda x: x.name), title=t("review.md.by_unit", out.lang))
    out.text(bars.legend(out.lang))
    out.table(*_listing("table", OVERDUE_COLS, obligation_columns(ledger, s.problems, s.as_of, out.lang)),
              title=t("review.md.problems", out.lang))
    entry_cols = [Column(k, *MESSAGES[f"review.col.{k}"]) for k in ("date", "unit", "task", "status", "note")]
    out.table(entry_cols, [{"date": e["date"], "unit": ledger.units[e["unit"]].name,
                            "task": e["task"] + (f" #{e['milestone']}" if e["milestone"] else ""),
                            "status": t(f"status.{e['status']}", out.lang),
                            "note": "; ".join(x for x in (e["note"], e["reason"]) if x)} for e in s.entries],
              title=t("review.md.entries", out.lang))


def register(app: typer.Typer) -> None:
    app.command("overdue")(overdue)
    app.command("upcoming")(upcoming)
    app.command("summary")(summary)
