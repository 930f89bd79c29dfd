"""What falls due soon, drawn: one listing of `upcoming.UpcomingList`'s obligations, or a note
that none falls due. No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hoinhap_cli.queries.review import obligation_columns
from hoinhap_cli.queries.upcoming import UpcomingList
from hoinhap_cli.render.render import Listing, Note
from hoinhap_cli.views.obligationview import obligation_listing
from hoinhap_cli.words.i18n import t

UPCOMING_COLS = ["task", "product", "due", "due_date", "days_left", "lead", "status", "reason"]


@dataclass(frozen=True)
class Drawn:
    """The upcoming list as `Output.report` draws it: its record, and its parts in a format."""

    value: UpcomingList

    def record(self) -> dict[str, Any]:
        return self.value.record()

    def parts(self, fmt: str, lang: str) -> list[str | Listing | Note]:
        return parts(self.value, fmt, lang)


def parts(u: UpcomingList, fmt: str, lang: str) -> list[str | Listing | Note]:
    day, until = u.as_of.isoformat(), u.until.isoformat()
    listing = obligation_listing(fmt, UPCOMING_COLS, obligation_columns(u.ledger, u.items, u.as_of, lang),
                                 t("upcoming.title", lang, as_of=day, until=until))
    return [listing] if u.items else [listing, Note(t("upcoming.none", lang, as_of=day, until=until))]
