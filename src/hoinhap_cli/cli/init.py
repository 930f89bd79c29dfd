"""`hoinhap init DIR`: start a new ledger from the bundled plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hoinhap_cli.cli.common import LangOpt, output
from hoinhap_cli.ledger.scaffold import create
from hoinhap_cli.words.i18n import t


def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder of the new ledger (created if missing).")],
    lang: LangOpt = None,
) -> int:
    """Create a new ledger in DIR: data/plan.yaml, data/reports/, schema/, README.md, .gitattributes.

    The plan is the bundled Decision 02/2008/QĐ-UBND. Nothing is overwritten: if any of these
    files exists, nothing is written and the exit code is 2.

    \b
    Example: hoinhap init so-theo-doi && cd so-theo-doi && git init && hoinhap check
    """
    out = output(lang)
    for path in create(directory):
        out.text(str(path))
    out.message(t("init.done", out.lang, dir=directory))
    return 0
