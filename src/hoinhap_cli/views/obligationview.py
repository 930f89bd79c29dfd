"""Obligations drawn in a listing: the review's columns headed from i18n, and a terminal table's
cells merged to stay readable (what `overdue`, `upcoming` and `summary` share). The rows
themselves are `queries.review`'s (`obligation_columns`). No I/O here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hoinhap_cli.render.render import Column, Listing
from hoinhap_cli.words.i18n import MESSAGES

_WIDTHS: dict[str, dict[str, Any]] = {
    "task": dict(no_wrap=True), "due": dict(min_width=10), "due_date": dict(no_wrap=True),
    "days_late": dict(justify="right"), "days_left": dict(justify="right"),
    "product": dict(min_width=20, clip=80), "lead": dict(min_width=14, clip=60),
    "status": dict(min_width=12), "reason": dict(min_width=12, clip=80)}


def columns(keys: Sequence[str]) -> list[Column]:
    """The review's columns, headed from i18n (`review.col.<key>`)."""
    return [Column(k, *MESSAGES[f"review.col.{k}"], **_WIDTHS.get(k, {})) for k in keys]


def obligation_listing(fmt: str, keys: Sequence[str], cells: dict[str, list[Any]], title: str | None) -> Listing:
    """Columns and their cells (`review.obligation_columns`); a terminal table puts the deadline with
    its date, and the status with its reason, in one cell each to stay readable at 80 columns
    (CSV, Markdown and JSON keep them apart)."""
    if fmt != "table" or "due_date" not in keys:
        return Listing(columns(keys), cells, title)
    cells = {**cells,  # as two lines of one cell (render gives a list of texts as lines)
             "due": [due if due == day else f"{due}\n{day or ''}" for due, day in zip(cells["due"], cells["due_date"])],
             "status": [f"{status}\n{reason}" if reason else status
                        for status, reason in zip(cells["status"], cells["reason"])]}
    return Listing(columns([k for k in keys if k not in ("due_date", "reason")]), cells, title)
