"""`hoinhap import DOCUMENT --out DIR`: a plan document turned into a draft ledger folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hoinhap_cli.cli.common import LangOpt, output
from hoinhap_cli.importing.document import Unreadable
from hoinhap_cli.importing.run import LAYOUTS, import_document
from hoinhap_cli.words.i18n import t


def import_command(
    document: Annotated[Path, typer.Argument(metavar="DOCUMENT",
                                             help="The plan document: .docx, .html/.htm, or a text or Markdown copy.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", metavar="DIR",
                                          help="The new ledger folder (must not exist, or be empty).")],
    lang: LangOpt = None,
) -> int:
    """Turn a plan document into a draft ledger: DIR/plan.yaml, DIR/reports/, DIR/import-review.md.

    The layout is recognised from the content: Word tables, HTML tables, Markdown pipe tables,
    a legal portal's cells between lines holding only |, one cell per tab-indented line. Every
    place the importer chose (a unit spelling, a split cell, a deadline, a merged cell, a row
    joined across a page break) is printed, listed in DIR/import-review.md and marked in the
    draft by a comment "# ? đoán: …". Exit 0 when nothing needs a person, 1 when the review list
    is not empty (the draft is written), 2 when the document cannot be read or DIR has content
    (nothing is written).

    \b
    Example: hoinhap import ke-hoach.txt --out so-moi   # exit 1: the draft is written, with its review list
    """
    out = output(lang)
    try:
        done = import_document(document, out_dir, out.lang)
    except Unreadable as err:
        out.message(t("import.err.line", out.lang, file=document, why=err.reason.text(out.lang)))
        return 2
    for where, what in done.review_lines:
        out.text(f"{where}: {what}")
    out.message(t("import.layout", out.lang, layout=LAYOUTS.get(done.layout, done.layout)))
    out.message(t("import.done", out.lang, file=done.plan, tasks=done.tasks, numbered=done.numbered,
                  units=done.units, programs=done.groups))
    if done.review_lines:
        out.message(t("import.review.count", out.lang, n=len(done.review_lines), file=done.review))
        return 1
    out.message(t("import.review.none", out.lang))
    return 0
