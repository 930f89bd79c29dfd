"""`hoinhap collect`: read returned forms into the units' quarterly reports."""

from __future__ import annotations

from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from hoinhap_cli.cli.common import PERIOD, DataOpt, LangOpt, load_ledger, max_bytes, output, status_word, today
from hoinhap_cli.cli.complete import complete_unit
from hoinhap_cli.render.render import Output
from hoinhap_cli.rules import progress
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.periods import Period
from hoinhap_cli.words.problems import DataError, UsageError
from hoinhap_cli.words.text import shown

if TYPE_CHECKING:
    from hoinhap_cli.office.forms_in import Collecting


def collect(
    files: Annotated[list[Path], typer.Argument(metavar="FILE.xlsx...", help="Returned forms (from `forms`).")],
    period: Annotated[Optional[Period], typer.Option("--period", "-p", metavar="YYYY-Qn", click_type=PERIOD,
                                                     help="Refuse forms for another quarter.")] = None,
    unit: Annotated[Optional[str], typer.Option("--unit", "-u", autocompletion=complete_unit,
                                                help="Refuse forms of another unit.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be recorded; write nothing.")] = False,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> int:
    """Read returned forms into reports/<quarter>/<unit>.yaml; a form already collected adds nothing.

    Each form is checked whole: a refused one writes nothing (one line per problem,
    FILE.xlsx!CELL: …) and the others are still read. Exit 0 when every form was read,
    2 when one or more were refused.

    \b
    Example: hoinhap forms -p 2009-Q2 -o nv --unit phong-kinh-te && hoinhap collect nv/phong-kinh-te-2009-Q2.xlsx
    Example: hoinhap collect --dry-run nv/phong-kinh-te-2009-Q2.xlsx
    """
    # reason: the writer loads pydantic, which completing these arguments on <TAB> must not
    from hoinhap_cli.cli.writing import lock_timeout, open_for_writing
    from hoinhap_cli.office import forms_in, forms_sheet

    out = output(lang)
    where, plan = open_for_writing(data, out)
    ledger = load_ledger(data, out)
    now = today()
    wanted = progress.resolve_unit(plan, unit).id if unit else None
    refused, limit = 0, max_bytes()
    for path in files:
        try:
            sheet = forms_sheet.open_sheet(path, limit)
            todo = forms_in.plan_collect(forms_in.check_form(sheet, plan, now, period, wanted, path.name), ledger)
            if dry_run or not (todo.new or todo.submit):
                _tell(out, path, todo)
                continue
            written, added, marked = forms_in.record(where, plan, todo, now, lock_timeout(), limit)
        except forms_sheet.Refused as err:
            refused += _say(out, [f"{path}{'!' + r.cell if r.cell else ''}: {r.text(out.lang)}" for r in err.refusals])
            continue
        except (UsageError, DataError) as err:  # the report file: locked, broken, submitted on another day
            lines = [err.text(out.lang)] if isinstance(err, UsageError) else [str(p) for p in err.problems]
            refused += _say(out, [f"{path}: {line}" for line in lines])
            continue
        if not (added or marked):  # the same form earlier in this run
            out.message(t("collect.nothing_new", out.lang, file=path, n=len(todo.form.entries)))
            continue
        out.message(t("collect.recorded", out.lang, file=path, n=added, report=written.file))
        if marked and todo.submit is not None:
            out.message(t("collect.submitted", out.lang, file=path, period=todo.form.quarter.label,
                          unit=todo.form.unit, date=todo.submit.isoformat()))
    if refused:
        if len(files) > 1:  # one form refused is its own lines; of several, say how many
            out.message(t("collect.refused", out.lang, n=refused, total=len(files)))
        return 2
    return 0


def _say(out: Output, lines: list[str]) -> int:
    """A refused form's lines; 1, the count of refused forms it adds."""
    for line in lines:
        out.message(line)
    return 1


def _tell(out: Output, path: Path, todo: Collecting) -> None:
    """A form with nothing new, or what a dry run would record (the entries on stdout)."""
    form = todo.form
    if not (todo.new or todo.submit):
        key = "collect.nothing_new" if todo.already or form.submitted else "collect.empty"
        out.message(t(key, out.lang, file=path, n=todo.already))
        return
    submitted = t("collect.would_submit", out.lang, date=_iso(todo.submit)) if todo.submit else ""
    out.message(t("collect.would", out.lang, file=path, n=len(todo.new), period=form.quarter.label, unit=form.unit,
                  submitted=submitted))
    for _, done in todo.new:
        e = done.entry
        where = f"{e.task}" + (f" #{e.milestone}" if e.milestone else "")
        extra = " | ".join(shown(x, one_line=True) for x in (e.note, e.reason, e.evidence) if x)  # one line each
        out.text(f"{where}\t{status_word(e.status, out.lang)}\t{e.date.isoformat()}\t{form.unit}\t{extra}".rstrip())


def _iso(day: Date | None) -> str:
    return day.isoformat() if day else ""
