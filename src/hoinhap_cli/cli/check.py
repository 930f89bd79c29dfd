"""`hoinhap check`: validate the plan and every report file."""

from __future__ import annotations

from typing import Annotated

import typer

from hoinhap_cli.cli.common import DataOpt, Format, LangOpt, cache, format_option, max_bytes, open_data, output, today
from hoinhap_cli.ledger import snapshot
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.problems import errors


def check(
    data: DataOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings count as problems too.")] = False,
    format: Annotated[Format, format_option("text or json.", Format.text, Format.json)] = Format.text,
    lang: LangOpt = None,
) -> int:
    """Validate plan.yaml and the report files; print every problem as file:line:column.

    Every problem of every file in one pass, by file and line. Exit 0 when valid, 1 when
    problems were found (with --strict, warnings too; plan.yaml's `acknowledged:` accepts
    known warnings), 2 when the options are wrong.

    \b
    Example: hoinhap check --data data
    """
    out = output(lang)
    where = open_data(data, out)
    found, problems = snapshot.load(where, today(), cache(), max_bytes=max_bytes())
    plan_name = where.display(where.plan_file)  # every problem in one list: the plan's, then by file and line
    problems = sorted(problems, key=lambda p: (p.file != plan_name, p.file, p.line or 0, p.col or 0))
    n_errors = len(errors(problems))
    n_warnings = len(problems) - n_errors
    failed = n_errors > 0 or (strict and n_warnings > 0)
    counts = t("check.summary", out.lang, errors=n_errors, warnings=n_warnings)
    if found is not None and not failed:
        counts = t("check.ok", out.lang, file=where.display(where.plan_file), tasks=len(found.tasks),
                   units=len(found.units), reports=len(found.report_files())) \
            + (f" ({t('check.summary', out.lang, errors=0, warnings=n_warnings)})" if n_warnings else "")
        if found.period_derived:  # the plan states no period: say where the one used comes from
            counts += "; " + t("period.derived", out.lang, start=found.period.start.isoformat(),
                               end=found.period.end.isoformat())
    record = {"valid": not failed, "plan": where.display(where.plan_file), "errors": n_errors,
              "warnings": n_warnings, "problems": [p.as_dict() for p in problems]}
    out.verdict(format.value, record, problems, counts)
    return 1 if failed else 0
