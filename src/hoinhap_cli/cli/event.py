"""`hoinhap event`: record that an awaited event happened, so deadlines counted from it start."""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Optional

import typer

from hoinhap_cli.cli.common import DATE, DataOpt, LangOpt, cache, max_bytes, output, today
from hoinhap_cli.cli.complete import complete_event
from hoinhap_cli.rules import progress
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.problems import UsageError, words

NoteOpt = Annotated[Optional[str], typer.Option("--note", help="Free text; kept exactly (NFC).")]
EvidenceOpt = Annotated[Optional[str], typer.Option("--evidence", help="A document reference, e.g. a decision number.")]


def event(
    event_id: Annotated[str, typer.Argument(metavar="EVENT_ID", autocompletion=complete_event,
                                            help="An event id from the plan's events:.")],
    date: Annotated[Date, typer.Option("--date", click_type=DATE, help="The day it happened (YYYY-MM-DD).")],
    note: NoteOpt = None,
    evidence: EvidenceOpt = None,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> int:
    """Record that an awaited event happened (stored in the standing agency's quarterly report).

    \b
    Example: hoinhap event tp-duyet-quy-hoach-cho --date 2009-06-15 --evidence "QĐ 123/QĐ-UBND"
    """
    return record_event(event_id, date, note, evidence, data, lang)


def record_event(event_id: str, date: Date | None, note: str | None, evidence: str | None,
                 data: str | None, lang: str | None) -> int:
    # reason: the writer loads pydantic, which completing these arguments on <TAB> must not
    from hoinhap_cli.cli.writing import append_event, lock_timeout, open_for_writing, update
    from hoinhap_cli.ledger.reading import load_reports  # reason: as above (it validates with pydantic)

    out = output(lang)
    if date is None:
        raise UsageError(words("cli.event.no_date"))
    where, plan = open_for_writing(data, out)
    now, known = today(), cache(out)
    entry, found, unit, period = progress.build_event(plan, event=event_id, day=date, today=now,
                                                      note=note, evidence=evidence)
    reports = load_reports(where, plan, now, known, max_bytes=max_bytes())[0]
    earlier = [ev for r in reports for ev in r.content.events if ev.event == found.id]
    written = update(where, plan, unit, period, now, append_event(entry), timeout=lock_timeout(),
                     max_bytes=max_bytes(), cache=known)
    if written.reformatted:
        out.message(t("record.reformatted", out.lang, file=written.file))
    out.message(t("event.ok", out.lang, event=found.id, name=found.name, date=entry.date.isoformat(),
                  file=written.file))
    if earlier:
        out.message(t("event.again", out.lang, event=found.id, date=min(ev.date for ev in earlier).isoformat()))
    return 0
