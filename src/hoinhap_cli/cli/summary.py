"""`hoinhap summary`: the periodic review (summary.Summary), to stdout or to a file."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from hoinhap_cli.cli import docx_out
from hoinhap_cli.cli.common import (
    AS_OF,
    DATE,
    PERIOD,
    DataOpt,
    Format,
    FullOpt,
    LangOpt,
    NoColorOpt,
    format_option,
    load_ledger,
    max_bytes,
    output,
    today,
)
from hoinhap_cli.files import files, plainfiles
from hoinhap_cli.queries.summary import as_it_stood, summarise
from hoinhap_cli.render.render import Output
from hoinhap_cli.views import summaryview
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.periods import Period
from hoinhap_cli.words.problems import UsageError

PeriodOpt = Annotated[Period, typer.Option("--period", metavar="2009-Q1|2009-H1|2009", click_type=PERIOD,
                                           help="The review period: a quarter, a half, a year (or FROM..TO).")]
SummaryAsOfOpt = Annotated[Optional[date], typer.Option(
    "--as-of", metavar="DATE", click_type=AS_OF,
    help="The day the review is written (default: today): tasks as they stood at the period's end, "
         "reports counted to this day.")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE",
                                                help="Write to FILE (atomically) instead of stdout.")]


def summary(
    period: PeriodOpt,
    as_of: SummaryAsOfOpt = None,
    format: Annotated[Format, format_option("table, md, json, or docx (a Word document; needs --out).",
                                            Format.table, Format.json, Format.md, Format.docx)] = Format.table,
    out_file: OutOpt = None,
    force: Annotated[bool, typer.Option("--force", help="With --out: replace FILE if it exists.")] = False,
    number: Annotated[str, typer.Option("--number", help="docx: the document's number (blank to fill by hand).")] = "",
    dated: Annotated[Optional[date], typer.Option(
        "--dated", metavar="DATE", click_type=DATE,
        help="docx: the document's date (default: --as-of, else today).")] = None,
    data: DataOpt = None,
    lang: LangOpt = None,
    full: FullOpt = False,
    no_color: NoColorOpt = False,
) -> int:
    """The periodic review: every task active in the period, its status, what changed, and the reports.

    --format md is a Vietnamese document ready to paste into the standing agency's report;
    --format docx --out FILE.docx is that report as an official document (docs/review-docx.md).

    \b
    Example: hoinhap summary --period 2009-H1 --format md --out data/reports/bao-cao-2009-H1.md
    """
    out = output(lang, no_color, full)
    out_file = plainfiles.out_target(out_file, "--out")  # '-': standard output; a link, device or FIFO refused
    if out_file is not None:
        files.refuse_out(out_file, force)  # before the ledger is read
    if format is Format.docx and out_file is None:
        raise UsageError(t("doc.to_terminal", out.lang))
    ledger = load_ledger(data, out)
    ledger, amendments, warnings = as_it_stood(ledger, period, out.lang, max_bytes())
    day = as_of or dated or today()  # the day it is written: its figures and its date are that day's
    report = summarise(ledger, period, day, amendments, warnings)
    if format is Format.docx:
        return docx_out.write(out, report, ledger, out_file, force=force, number=number, dated=dated or day)
    if out_file is None:
        out.report(format.value, summaryview.Drawn(report))
        return 0
    text = io.StringIO()
    # a file has every column (no terminal to fit) and says which report files were left out
    written = Output(lang=out.lang, color=False, full=True, out=text, excluded=out.excluded)
    written.report(format.value, summaryview.Drawn(report))
    if out.excluded:
        written.excluded_note(t("read.excluded_note", out.lang, files=", ".join(out.excluded)))
    files.write_out(out_file, text.getvalue(), force)
    out.message(t("summary.written", out.lang, file=out_file))
    return 0
