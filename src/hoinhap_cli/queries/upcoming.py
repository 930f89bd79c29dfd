"""What falls due soon: the open task obligations due from the as-of date to as-of + a span (reports:
`hoinhap reports`), as plain data with its JSON record; drawn by `views/upcomingview.py`. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.queries.review import obligation_record
from hoinhap_cli.rules import deadlines
from hoinhap_cli.rules.deadlines import Obligation
from hoinhap_cli.rules.selection import TaskFilter


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


def upcoming_list(ledger: Ledger, as_of: date, f: TaskFilter, within: timedelta) -> UpcomingList:
    """The open obligations of the tasks the filter selects falling due within the span."""
    soon = [o for o in deadlines.upcoming(deadlines.obligations(ledger, as_of), as_of, within)
            if f.matches(ledger, o.task)]
    return UpcomingList(ledger, as_of, as_of + within, soon)
