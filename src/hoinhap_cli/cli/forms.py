"""`hoinhap forms`: the quarter's forms, one .xlsx per reporting unit, to fill in and send back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hoinhap_cli.cli.common import PERIOD, DataOpt, LangOpt, UnitOpt, load_ledger, output
from hoinhap_cli.files import plainfiles
from hoinhap_cli.office import forms_out
from hoinhap_cli.rules import progress
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.periods import Period, is_quarter
from hoinhap_cli.words.problems import UsageError, words


def forms(
    period: Annotated[Period, typer.Option("--period", "-p", metavar="YYYY-Qn", click_type=PERIOD,
                                           help="The quarter the forms report on, e.g. 2009-Q2.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder to write the forms in "
                                                                            "(made if missing).")],
    unit: UnitOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite forms already in DIR.")] = False,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> int:
    """Write the quarter's forms: one .xlsx per reporting unit, to fill in and send back (see collect).

    Each form lists the milestones of the tasks the unit leads or supports, with cells to fill
    (status, date, note, reason, evidence) and a cell that makes it the unit's report for the
    quarter. Without --unit: every unit that must report (programme 8) and every other unit that
    leads or supports a task. Existing files in DIR are kept unless --force.

    \b
    Example: hoinhap forms --period 2009-Q2 --out bieu-mau/2009-Q2
    Example: hoinhap forms --period 2009-Q2 --out bieu-mau --unit "Phòng Kinh tế" --unit "Cát Lái"
    """
    out = output(lang)
    if not is_quarter(period.label):
        raise UsageError(words("forms.not_quarter", period=period.label))
    ledger = load_ledger(data, out)
    units = ([progress.resolve_unit(ledger.plan, u).id for u in unit] if unit else forms_out.units_to_report(ledger))
    if not units:
        raise UsageError(words("forms.no_units"))
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(words("forms.out_not_folder", folder=out_dir))
    targets = [out_dir / forms_out.file_name(u, period) for u in dict.fromkeys(units)]
    there = [str(p) for p in targets if p.exists()]
    if there and not force:
        raise UsageError(t("init.exists", out.lang, paths=", ".join(there)), [t("cli.out.exists.hint", out.lang)])
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for uid in dict.fromkeys(units):
            path, rows = forms_out.write_form(ledger, uid, period, out_dir, overwrite=force)
            out.message(t("forms.file", out.lang, file=path, rows=rows))
    except FileExistsError as err:  # written meanwhile by someone else
        raise UsageError(t("init.exists", out.lang, paths=str(err))) from None
    except OSError as err:  # a full disk, a read-only folder: one line
        raise plainfiles.out_failed(out_dir, err) from None
    out.message(t("forms.written", out.lang, n=len(targets), period=period.label, folder=out_dir))
    return 0
