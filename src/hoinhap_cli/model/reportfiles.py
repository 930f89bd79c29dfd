"""A report file as the ledger holds it: its header and its entries as plain views, as it stood
on the day of the view (`seen`), and where its `entries` list ends for a writer appending to it.

Below `reading` (which builds them) and `ledger` (which holds them): plain data and the rule of
the view, no reading.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from hoinhap_cli.files.paths import DataDir, listed_reports
from hoinhap_cli.model import records
from hoinhap_cli.model.records import EntryView, ReportHeader

# Files of 10 MiB at most: reading costs ~30 bytes of memory per byte of YAML (a 16 MiB plan
# peaks at ~500 MB); the real plan is ~0.1 MiB. Callers may pass another limit.
MAX_BYTES = 10 * 2**20


class Tail(NamedTuple):
    """Where a report file's `entries` list ends, for a writer appending to it without parsing the
    whole file again (see yamldump.tail): the byte offset of the line its last item starts on, and
    the column of its dashes."""

    start: int
    column: int


# A report file's cache entry, by the hash of its bytes (see reading): its header (its entries
# list left empty), its entries, and where they end (None: not at the end of a plain file).
Piece = tuple[ReportHeader, tuple[EntryView, ...], Tail | None]


@dataclass(frozen=True)
class Report:
    """A report file: `content` is its header and events as a record (its `entries` list left
    empty; see records), and `entries` its progress entries as views (see EntryView)."""

    file: str  # as displayed
    path: str  # in full, as listed
    content: ReportHeader
    entries: tuple[EntryView, ...] = ()



def up_to(entries: tuple[EntryView, ...], today: date) -> tuple[EntryView, ...]:
    """The entries dated on or before `today`: a later one is outside the view (not an error)."""
    if all(e.date <= today for e in entries):
        return entries
    return tuple(e for e in entries if e.date <= today)


def seen(name: str, full: str, header: ReportHeader, entries: tuple[EntryView, ...], today: date) -> Report:
    """A report file as it stood on `today`: what is dated after it — an entry, an event, a
    submission, the file's own `submitted:` day — is outside the view, item by item; the rest of
    the file is kept."""
    return Report(name, full, header_up_to(header, today), up_to(entries, today))


def header_up_to(header: ReportHeader, today: date) -> ReportHeader:
    """A report file's header without the events and submissions dated after `today` (a quarterly
    report submitted later: not submitted yet, its number with it)."""
    later = header.submitted is not None and header.submitted > today
    if not later and all(e.date <= today for e in header.events) and all(s.date <= today for s in header.submissions):
        return header
    fields = dict(header.__dict__)
    if later:
        fields.update(submitted=None, number=None)
    fields["events"] = [e for e in header.events if e.date <= today]
    fields["submissions"] = [s for s in header.submissions if s.date <= today]
    return records.Record(fields)



def named_reports(data: DataDir) -> list[tuple[str, str, str]]:
    """Every report file: its name as displayed (relative to the current folder when below it),
    its path relative to reports/, and its full path."""
    shown = data.display(data.reports)  # resolved once, not once per file
    prefix = "" if shown == "." else shown + os.sep
    return [(prefix + rel, rel, full) for rel, full in listed_reports(data)]


