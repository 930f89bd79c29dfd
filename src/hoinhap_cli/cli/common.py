"""The options every command shares, declared once, and the names a command module imports.

Values: cli.values (dates and periods parsed at the option, the Format enum, today). A run's
helpers: cli.session (Output, the data folder and ledger, the cache, columns, the task filter).
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Optional

import typer

from hoinhap_cli.cli.complete import complete_program, complete_unit
from hoinhap_cli.cli.session import RoleChoice as RoleChoice
from hoinhap_cli.cli.session import cache as cache
from hoinhap_cli.cli.session import column as column
from hoinhap_cli.cli.session import load_ledger as load_ledger
from hoinhap_cli.cli.session import max_bytes as max_bytes
from hoinhap_cli.cli.session import open_data as open_data
from hoinhap_cli.cli.session import output as output
from hoinhap_cli.cli.session import task_filter as task_filter
from hoinhap_cli.cli.values import AS_OF as AS_OF
from hoinhap_cli.cli.values import DATE as DATE
from hoinhap_cli.cli.values import LISTING as LISTING
from hoinhap_cli.cli.values import PERIOD as PERIOD
from hoinhap_cli.cli.values import Format as Format
from hoinhap_cli.cli.values import Parsed as Parsed
from hoinhap_cli.cli.values import format_option as format_option
from hoinhap_cli.cli.values import parsed as parsed
from hoinhap_cli.cli.values import today as today
from hoinhap_cli.queries.review import status_word as status_word
from hoinhap_cli.words.periods import Period

DataOpt = Annotated[
    Optional[str],
    typer.Option("--data", "-d", metavar="DIR",
                 help="Data folder holding plan.yaml and reports/ (default: data/ here or above, "
                      "then $HOINHAP_DATA, then the bundled plan)."),
]
LangOpt = Annotated[
    Optional[str],
    typer.Option("--lang", metavar="vi|en", help="Language of the output (default vi, or $HOINHAP_LANG)."),
]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colour, even in a terminal.")]
AsOfOpt = Annotated[
    Optional[date],
    typer.Option("--as-of", metavar="DATE", click_type=AS_OF,
                 help="Judge as of this date, YYYY-MM-DD (default today, or $HOINHAP_TODAY)."),
]


# ------------------------------------------------------------------ listings (every listing shares these)


class SortChoice(str, Enum):
    id = "id"
    due = "due"


FormatOpt = Annotated[
    Format,
    format_option("table (for people), json (the objects of docs/json-contract.md), csv (UTF-8, header row) "
                  "or md (GitHub table).", *LISTING),
]
BomOpt = Annotated[bool, typer.Option("--bom", help="CSV: start with a byte-order mark, so Excel reads UTF-8.")]
FullOpt = Annotated[bool, typer.Option("--full", help="Table: every column, long texts not shortened.")]
UnitOpt = Annotated[
    Optional[list[str]],
    typer.Option("--unit", "-u", metavar="TEXT", autocompletion=complete_unit,
                 help="A unit by id, name or alias, diacritics optional ('qldt', 'phong kinh te', "
                      "'Cát Lái'); repeat for any of several. A ward also matches its group's tasks."),
]
RoleOpt = Annotated[RoleChoice, typer.Option("--role", help="With --unit: lead, support or any.")]
ProgramOpt = Annotated[
    Optional[str],
    typer.Option("--program", "-p", metavar="P", autocompletion=complete_program,
                 help="A programme, section or task and its sub-tasks: 3, 3.2, 2.10."),
]
SearchOpt = Annotated[
    Optional[str],
    typer.Option("--search", "-s", metavar="TEXT",
                 help="Words to find, all of them, in any order, diacritics optional ('cho sieu thi'): in the "
                      "task, its products and notes, and the notes, reasons and evidence recorded for it."),
]
DueBeforeOpt = Annotated[Optional[date], typer.Option(
    "--due-before", metavar="DATE", click_type=DATE, help="Falls due on or before DATE (YYYY-MM-DD).")]
DueAfterOpt = Annotated[Optional[date], typer.Option(
    "--due-after", metavar="DATE", click_type=DATE, help="Falls due on or after DATE (YYYY-MM-DD).")]
DueInOpt = Annotated[Optional[Period], typer.Option(
    "--due-in", metavar="PERIOD", click_type=PERIOD, help="Falls due within 2009, 2009-Q3, 2009-H1 or DATE..DATE.")]
IncludeOngoingOpt = Annotated[
    bool, typer.Option("--include-ongoing", help="Due filters: ongoing tasks ('Thường xuyên') match every window.")
]
IncludePendingOpt = Annotated[
    bool,
    typer.Option("--include-pending",
                 help="Due filters: event-bound tasks whose event is not yet recorded match every window."),
]
NoRecurringOpt = Annotated[
    bool, typer.Option("--no-recurring", help="Due filters: leave out recurring duties (every quarter/year).")
]
StatusOpt = Annotated[
    Optional[list[str]],
    typer.Option("--status", metavar="STATUS",
                 help="Only tasks whose latest reported status is this: not-started, in-progress, done, "
                      "blocked, dropped (or chưa thực hiện, đang thực hiện, hoàn thành, vướng mắc, hủy bỏ); "
                      "repeat for any of several."),
]
SortOpt = Annotated[SortChoice, typer.Option("--sort", help="id (natural order) or due (next due date first).")]
