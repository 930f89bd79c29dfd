"""What falls due soon: the open task obligations due from the as-of date to as-of + a span (reports:
`hoinhap reports`). No I/O here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.queries.review import obligation_columns, obligation_listing, obligation_record
from hoinhap_cli.render.render import Listing, Note
from hoinhap_cli.rules import deadlines
from hoinhap_cli.rules.deadlines import Obligation
from hoinhap_cli.rules.selection import TaskFilter
from hoinhap_cli.words.i18n import t

UPCOMING_COLS = ["task", "product", "due", "due_date", "days_left", "lead", "status", "reason"]


@dataclass(frozen=True)
class UpcomingList:
    ledger: Ledger
    as_of: date
    until: date
    items: list[Obligation]  # the soonest first

    def record(self) -> dict[str, Any]:
        day = self.as_of
        return {"as_of": day.isoformat(), "until": self.until.isoformat(),
                "upcoming": [{**obligation_record(self.ledger, o, day),
                              "days_left": (o.due_date - day).days}  # type: ignore[operator]  # upcoming: dated
                             for o in self.items]}

    def parts(self, fmt: str, lang: str) -> Sequence[str | Listing | Note]:
        day, until = self.as_of.isoformat(), self.until.isoformat()
        listing = obligation_listing(fmt, UPCOMING_COLS, obligation_columns(self.ledger, self.items, self.as_of, lang),
                                     t("upcoming.title", lang, as_of=day, until=until))
        return [listing] if self.items else [listing, Note(t("upcoming.none", lang, as_of=day, until=until))]


def upcoming_list(ledger: Ledger, as_of: date, f: TaskFilter, within: timedelta) -> UpcomingList:
    """The open obligations of the tasks the filter selects falling due within the span."""
    soon = [o for o in deadlines.upcoming(deadlines.obligations(ledger, as_of), as_of, within)
            if f.matches(ledger, o.task)]
    return UpcomingList(ledger, as_of, as_of + within, soon)
