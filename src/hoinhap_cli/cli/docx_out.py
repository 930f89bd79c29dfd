"""`summary --format docx`: the review written as an official Word document (review_doc, docx_review)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hoinhap_cli.files import files
from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.queries.review_doc import NoLetterhead, assumed_letterhead, letterhead, sections
from hoinhap_cli.queries.summary import Summary
from hoinhap_cli.render.render import Output
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.problems import UsageError


def write(out: Output, report: Summary, ledger: Ledger, path: Path | None, *, force: bool, number: str,
          dated: date) -> int:
    """Lay the review out and write it to `path` (the caller refused a terminal: docx is binary)."""
    from hoinhap_cli.office import docx_review  # reason: python-docx and lxml load only when a document is made

    if path is None:
        raise UsageError(t("doc.to_terminal", out.lang))
    try:
        head = letterhead(report, ledger, dated, number, out.lang)
    except NoLetterhead:
        raise UsageError(t("doc.no_letterhead", out.lang, file=ledger.data.plan_file)) from None
    content = docx_review.build(head, sections(report, ledger, out.lang), out.lang)
    files.write_out(path, content, force)
    out.message(t("summary.written", out.lang, file=path))
    chosen = assumed_letterhead(ledger)
    if chosen:
        out.message(t("doc.assumed_letterhead", out.lang, file=ledger.data.plan_file,
                      values=", ".join(f"{key} «{value}»" for key, value in chosen)))
    return 0
