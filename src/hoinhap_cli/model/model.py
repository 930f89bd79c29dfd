"""The schema: pydantic models of the plan file and of the unit report files.

Strict where hand-editing goes wrong: unknown keys are refused (`extra="forbid"`), ids and
texts must be text (an unquoted `2.10` is a number), booleans must be true/false. Checks that
need the whole file (unit ids exist, ids unique, …) live in `ledger`, not here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    StrictInt,
    StrictStr,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from hoinhap_cli.words import dayrange
from hoinhap_cli.words.periods import (
    Deadline,
    DeadlineError,
    Period,
    frequency,
    is_quarter,
    parse_date,
    parse_deadline,
    parse_period,
)
from hoinhap_cli.words.problems import Words, words
from hoinhap_cli.words.text import INVISIBLE, describe_char, refused_in_text
from hoinhap_cli.words.vocab import SCHEMA_VERSION, Status, UnitKind, WarningCode, status_of

__all__ = ["SCHEMA_VERSION", "Status", "UnitKind", "WarningCode"]  # in vocab (no pydantic): a warm run reads them


class Base(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# The validators below run in Python once per value (10,000s per load): each answers the common
# case with one C-level test first (every invisible character is outside ASCII; `isprintable`
# is false for every character `refused_in_text` refuses: Cc, Cs and Cn are not printable).


def _refused(kind: str, message: str | Words) -> PydanticCustomError:
    """A value refused in domain words: the English text for pydantic, the Words in the context
    for validation to word in the run's language."""
    english = message if isinstance(message, str) else message.text("en")
    return PydanticCustomError(kind, english, {"words": message})


def _no_invisible(value: str) -> str:
    if value.isascii():
        return value
    for ch, name in INVISIBLE.items():
        if ch in value:
            raise _refused("invisible_char", words("model.invisible", value=value.replace(ch, "·"), name=name,
                                                   code=f"{ord(ch):04X}"))
    return value


def _printable(value: str) -> str:
    if value.isprintable():
        return value
    ch = refused_in_text(value)
    if ch is not None:
        raise _refused("control_char", words("model.control_char", char=describe_char(ch)))
    return value


# Free text in reports (note, reason, evidence): anything but control characters (text.refused_in_text).
FreeText = Annotated[StrictStr, AfterValidator(_printable)]

TASK_ID_PATTERN = r"^[0-9]+(\.[0-9]+)*[a-z]?$"
UNIT_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# The pattern is checked after the invisible-character check (for its clearer message), and
# pydantic leaves a pattern applied after a validator out of the JSON Schema: state it there.
TaskId = Annotated[
    StrictStr,
    AfterValidator(_no_invisible),
    Field(pattern=TASK_ID_PATTERN, examples=["2.10", "3.2.4a"]),
    WithJsonSchema({"type": "string", "pattern": TASK_ID_PATTERN, "examples": ["2.10", "3.2.4a"]}),
]
UnitId = Annotated[
    StrictStr,
    AfterValidator(_no_invisible),
    Field(pattern=UNIT_ID_PATTERN),
    WithJsonSchema({"type": "string", "pattern": UNIT_ID_PATTERN}),
]
Text = Annotated[StrictStr, Field(min_length=1)]


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_date(value: Any) -> Any:
    if isinstance(value, str):
        if _ISO_DAY.fullmatch(value):  # what parse_date reads, without its strip and group parsing
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass  # no such day: parse_date says so
        try:
            return parse_date(value)
        except DeadlineError as err:
            raise _refused("date_text", err.words) from None
    return dayrange.date_value(value)  # a number (1235865600, 20090301) is not a date


Day = Annotated[
    date,
    BeforeValidator(_parse_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]


# Deadlines and quarters are immutable, and a plan or a ledger writes the same few hundred over
# and over: each text is parsed once per process, and equal texts share one object.
_DEADLINES: dict[str, Deadline] = {}
_QUARTERS: dict[str, Period] = {}
_REPORT_PERIODS: dict[str, Period] = {}


def _deadline(value: Any) -> Deadline:
    if isinstance(value, Deadline):
        return value
    if not isinstance(value, str):
        raise _refused("deadline_type", words("model.deadline_type"))
    known = _DEADLINES.get(value)
    if known is not None:
        return known
    try:
        known = _DEADLINES[value] = parse_deadline(value)
    except DeadlineError as err:
        raise _refused("deadline", err.words) from None
    return known


DEADLINE_PATTERN = (
    r"^(\d{4}(-Q[1-4]|-H[12]|-\d{2}|-\d{2}-\d{2})?(\.\.(\d{4}(-Q[1-4]|-H[12]|-\d{2}|-\d{2}-\d{2})?)?)?"
    r"|by \d{4}(-Q[1-4]|-H[12]|-\d{2}|-\d{2}-\d{2})?|ongoing|on-demand|none|every (quarter|half|year|month)( \S+)?"
    r"|after [a-z0-9]+(-[a-z0-9]+)*)$"
)

DeadlineField = Annotated[
    Deadline,
    BeforeValidator(_deadline),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": DEADLINE_PATTERN,
                    "description": "2008-Q3, 2009-H1, 2009, 2025-06, by 2010, 2009-12-31, 2008-Q4..2009-Q2, "
                                   "2025..2030, 2025.., ongoing, on-demand, every quarter, every half, every year, "
                                   "every month, after <event-id>, none"}),
]


def _period_of(value: Any, type_key: str, fits: Callable[[str], bool], misfit_key: str,
               memo: dict[str, Period]) -> Period:
    """A period field's value: a string `parse_period` reads whose label `fits` (the refusals in
    the user's words, by key); each text parsed once (`memo`: 100,000 entries name a few)."""
    if isinstance(value, Period):
        return value
    if not isinstance(value, str):
        raise _refused("period_type", words(type_key))
    known = memo.get(value)
    if known is not None:
        return known
    try:
        p = parse_period(value)
    except DeadlineError as err:
        raise _refused("period", err.words) from None
    if not fits(p.label):
        raise _refused("period", words(misfit_key, period=value, value=value))
    memo[value] = p
    return p


def _period(value: Any) -> Period:
    return _period_of(value, "model.quarter_type", is_quarter, "paths.not_quarter", _QUARTERS)


QuarterField = Annotated[
    Period,
    BeforeValidator(_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-Q[1-4]$"}),
]

# A fixed day of every year ("06-01"): a reporting duty's `on:` (its validity: planchecks.duty_days)
MonthDay = Annotated[StrictStr, Field(pattern=r"^\d{2}-\d{2}$", examples=["06-01", "11-30"])]


# ------------------------------------------------------------------ the plan


class Article(Base):
    number: StrictInt = Field(ge=1)
    summary: Text


# ---- the document's kind and optional header (plan-format.md, "decision")
DocumentKind = Literal["Quyết định", "Kế hoạch", "Nghị quyết", "Chương trình"]


class Decision(Base):
    """The document that issues the plan: a Quyết định, or a Kế hoạch, Nghị quyết or Chương trình
    issued directly. Its number, date, signer, effect article and directing leader may be absent
    (a blank in the source is left out, and said so in `notes`)."""

    number: Text | None = None
    title: Text
    issuer: Text
    signed_on: Day | None = None
    signer: Text | None = None
    signer_title: Text | None = None
    effective_after_days: StrictInt | None = Field(default=None, ge=0)
    legal_bases: list[Text] = []
    articles: list[Article] = []
    directed_by: Text | None = None
    standing_agency: UnitId
    reviews: list[Text] = []
    kind: DocumentKind = "Quyết định"
    notes: list[Text] = []


class PlanPeriod(Base):
    start: Day
    end: Day


class PlanInfo(Base):
    title: Text
    objective: Text
    period: PlanPeriod | None = None  # absent: derived from the deadlines (periods.deadline_span)
    organisation: list[Text] = []


class Target(Base):
    text: Text
    due: DeadlineField | None = None


class Section(Base):
    id: TaskId
    title: Text


class Program(Base):
    id: TaskId
    title: Text
    appendix_title: Text | None = None
    goals: list[Text] = []
    targets: list[Target] = []
    sections: list[Section] = []
    notes: list[Text] = []
    parent: TaskId | None = None  # the enclosing group (groups nest to any depth)
    label: Text | None = None  # the document's own label: "A", "IV", "5.1"


# `assumed:` names the keys of a block whose values the decision does not state: the encoder's
# assumption (a due day, a recipient, a ward the decision does not name), printed "(giả định)".
UnitAssumed = Literal["name", "members"]
DocumentAssumed = Literal["parent_body", "issuing_body", "symbol", "place", "subject", "addressees", "copies",
                          "signer_authority", "signer_title"]
ReportingAssumed = Literal["grace_day", "units_from", "units"]
DutyAssumed = Literal["name", "what", "to", "every", "owners", "due", "grace_day", "with_year"]


class Unit(Base):
    id: UnitId
    name: Text
    kind: UnitKind
    aliases: list[Text] = []
    members: list[UnitId] = []
    assumed: list[UnitAssumed] = []  # a ward the decision counts ("11 phường") but does not name: [name]
    notes: list[Text] = []


class Event(Base):
    id: UnitId
    name: Text
    notes: list[Text] = []


class Milestone(Base):
    due: DeadlineField
    source: StrictStr | None = None  # the cell's words; "" for a blank cell
    product: StrictInt | None = Field(default=None, ge=1)
    note: Text | None = None


# ---- a row's label, funding, remarks, lead↔support pairs and merged cells (plan-format.md, "tasks")
InheritedField = Literal["due", "products", "funding", "lead", "support"]


class Pair(Base):
    """One lead with its own supporters, in a row that has two leads."""

    lead: list[UnitId] = Field(min_length=1)
    support: list[UnitId] = []


class Inherits(Base):
    """Columns continued from a merged cell of an earlier row: taken from that task."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, populate_by_name=True)

    from_: TaskId = Field(alias="from")
    fields: list[InheritedField] = Field(min_length=1)


class Task(Base):
    id: TaskId
    id_assigned: StrictBool = False
    program: TaskId
    section: TaskId | None = None
    units_from: TaskId | None = None
    title: Text
    lead: list[UnitId] | None = None
    support: list[UnitId] | None = None
    products: list[Text] = []
    milestones: list[Milestone] = Field(default=[], min_length=1)  # absent only when inherited (validation)
    notes: list[Text] = []
    label: Text | None = None  # the document's own row label ("I.1"); `id` stays unique
    funding: Text | None = None  # "Nguồn kinh phí", verbatim
    remarks: Text | None = None  # "Ghi chú", verbatim
    pairs: list[Pair] = []  # two leads, each with its own supporters; lead/support are their union
    inherits: Inherits | None = None  # columns taken from the row whose merged cell they continue


class Document(Base):
    """The letterhead of the review the standing agency sends (`summary --format docx`):
    Nghị định 30/2020/NĐ-CP, Phụ lục I. Nothing of it is written in the code."""

    parent_body: Text  # cơ quan chủ quản: "UBND QUẬN 2"
    issuing_body: Text  # cơ quan ban hành: "PHÒNG KINH TẾ"
    symbol: Text  # ký hiệu: "BC-PKT" ("Số: …/BC-PKT")
    place: Text  # địa danh: "Quận 2"
    subject: Text  # after the period in the title: "thực hiện Kế hoạch …"
    addressees: list[Text] = []  # Kính gửi
    copies: list[Text] = []  # Nơi nhận
    signer_authority: Text | None = None  # "KT. TRƯỞNG PHÒNG", "TL. CHỦ TỊCH"
    signer_title: Text  # "TRƯỞNG PHÒNG"
    signer: Text | None = None  # the name; left blank to sign by hand when absent
    assumed: list[DocumentAssumed] = []  # the office's choices, not the decision's: [symbol, copies, …]
class ReportingDuty(Base):
    """One duty to report (docs/plan-format.md, "reporting"): who owes what to whom, how often, by when."""

    id: UnitId
    name: Text  # what a listing calls it before the period: «Báo cáo» quý I/2009, «Kế hoạch chi tiết» năm 2009
    what: Text
    to: Text
    every: Literal["quarter", "half", "year", "month", "ad-hoc"]
    owners: list[UnitId] | None = None  # absent: every reporting unit (Reporting.units)
    due: Literal["after", "start"] = "after"  # the grace day of the month after the period ends / starts
    grace_day: StrictInt | None = Field(default=None, ge=1, le=28)  # absent: Reporting.grace_day
    with_year: UnitId | None = None  # the yearly duty one document may also answer (Q4 + the year)
    source: Text
    assumed: list[DutyAssumed] = []  # what the decision does not state: [grace_day, to, …]
    notes: list[Text] = []
    on: list[MonthDay] | None = None  # fixed days of the year (MM-DD), one per period: instead of the grace day


class Reporting(Base):
    """The decision's reporting regime: the default grace day, who the reporting units are, the duties."""

    grace_day: StrictInt = Field(default=5, ge=1, le=28)
    units_from: TaskId | None = None  # the row whose leads report (groups: their members; vague: the offices)
    units: list[UnitId] | None = None  # instead of units_from: the reporting units named one by one
    duties: list[ReportingDuty] = []
    assumed: list[ReportingAssumed] = []  # [grace_day]: the decision gives no due day
    notes: list[Text] = []


class Acknowledgement(Base):
    """A known warning accepted, with the reason (e.g. the document's own words): `check`
    no longer prints it and `--strict` passes. Without `task`, for every task."""

    warning: WarningCode
    task: TaskId | None = None
    reason: Text


class Plan(Base):
    decision: Decision
    plan: PlanInfo
    programs: list[Program]
    document: Document | None = None
    units: list[Unit]
    events: list[Event] = []
    reporting: Reporting | None = None
    acknowledged: list[Acknowledgement] = []
    tasks: list[Task]


# ------------------------------------------------------------------ reports


def _status_word(value: Any) -> Any:
    """A hand-written status in any spelling `record --status` accepts (`đang thực hiện`,
    `in progress`): the status; the tool itself writes the id."""
    if isinstance(value, str) and value not in _STATUS_IDS:
        return status_of(value) or value
    return value


_STATUS_IDS = frozenset(s.value for s in Status)
StatusField = Annotated[Status, BeforeValidator(_status_word)]


class Entry(Base):
    task: TaskId
    milestone: StrictInt | None = Field(default=None, ge=1)
    status: StatusField
    date: Day
    note: FreeText | None = None
    reason: FreeText | None = None
    evidence: FreeText | None = None
    forced: StrictBool = False


class EventEntry(Base):
    event: UnitId
    date: Day
    note: FreeText | None = None
    evidence: FreeText | None = None


def _report_period(value: Any) -> Period:
    return _period_of(value, "model.period_type", lambda label: frequency(label) is not None,
                      "model.not_report_period", _REPORT_PERIODS)


ReportPeriodField = Annotated[
    Period,
    BeforeValidator(_report_period),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}(-Q[1-4]|-H[12]|-(0[1-9]|1[0-2]))?$"}),
]


class Submission(Base):
    """A report other than the file's own quarterly one, sent on a day (plan.yaml `reporting.duties`)."""

    duty: UnitId
    period: ReportPeriodField
    date: Day
    number: FreeText | None = None  # the document's number, e.g. 15/BC-KT


class ReportFile(Base):
    unit: UnitId
    period: QuarterField
    submitted: Day | None = None
    number: FreeText | None = None  # the quarterly report's document number
    entries: list[Entry] = []
    events: list[EventEntry] = []
    submissions: list[Submission] = []

