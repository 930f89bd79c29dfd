"""Quarters, halves, years and the plan's deadline notation, turned into dates.

The notation (see docs/plan-format.md) keeps what the document says — "Quý III-2008",
"Đến năm 2010", "Thường xuyên", "Sau khi được Thành phố phê duyệt" — as something a machine
can date. `parse_deadline(str(d)) == d` for every deadline `d`.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from functools import lru_cache
from typing import Any

from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.problems import Words, words


class DeadlineError(ValueError):
    """A deadline or period text that does not follow the notation.

    `words` says it in domain words when a user may have typed the text (a date, a period), so
    the CLI words it in the user's language; str() is the English text a data problem shows."""

    def __init__(self, message: str | Words):
        self.words = message
        super().__init__(message if isinstance(message, str) else message.text("en"))


@dataclass(frozen=True, slots=True, order=True)
class Period:
    start: date
    end: date
    label: str = field(compare=False)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label


def year(y: int) -> Period:
    _check_year(y)
    return Period(date(y, 1, 1), date(y, 12, 31), str(y))


@lru_cache(maxsize=512)  # a timeline asks it ~50,000 times for a few dozen quarters; a Period is frozen
def quarter(y: int, q: int) -> Period:
    _check_year(y)
    if not 1 <= q <= 4:
        raise DeadlineError(words("period.no_quarter", n=q))
    first = 3 * q - 2
    last = 3 * q
    return Period(date(y, first, 1), date(y, last, calendar.monthrange(y, last)[1]), f"{y}-Q{q}")


def half(y: int, h: int) -> Period:
    _check_year(y)
    if h not in (1, 2):
        raise DeadlineError(words("period.no_half", n=h))
    return Period(date(y, 1, 1), date(y, 6, 30), f"{y}-H1") if h == 1 else Period(
        date(y, 7, 1), date(y, 12, 31), f"{y}-H2"
    )


@lru_cache(maxsize=512)
def month(y: int, m: int) -> Period:
    _check_year(y)
    if not 1 <= m <= 12:
        raise DeadlineError(words("period.no_month", n=m))
    return Period(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), f"{y}-{m:02d}")


def months_between(start: date, end: date) -> list[Period]:
    """Every month that ends within [start, end]."""
    out = []
    y, m = start.year, start.month
    while (p := month(y, m)).end <= end:
        if p.end >= start:
            out.append(p)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def halves_between(start: date, end: date) -> list[Period]:
    """Every half-year that ends within [start, end]."""
    return [h for y in range(start.year, end.year + 1) for h in (half(y, 1), half(y, 2)) if start <= h.end <= end]


def quarter_of(day: date) -> Period:
    return quarter(day.year, (day.month + 2) // 3)


def next_quarter(p: Period) -> Period:
    return quarter_of(p.end + timedelta(days=1))


def quarters_between(start: date, end: date) -> list[Period]:
    """Every quarter that ends within [start, end] — one reporting obligation each."""
    out = []
    q = quarter_of(start)
    while q.end <= end:
        if q.end >= start:
            out.append(q)
        q = next_quarter(q)
    return out


def _check_year(y: int) -> None:
    if not 1900 <= y <= 2999:
        raise DeadlineError(words("period.year_range", year=y))


_YEAR = r"(\d{4})"
_RE_YEAR = re.compile(rf"^{_YEAR}$")
_RE_QUARTER = re.compile(rf"^{_YEAR}-Q(\d)$", re.IGNORECASE)
_RE_HALF = re.compile(rf"^{_YEAR}-H(\d)$", re.IGNORECASE)
_RE_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_RE_MONTH = re.compile(rf"^{_YEAR}-(\d{{2}})$")
_QUARTER_LABEL = re.compile(r"\d{4}-Q[1-4]")


def is_quarter(label: str) -> bool:
    """Is this a quarter as the ledger writes one, YYYY-Qn: the label `parse_period` gives a
    quarter, a report folder's name. The one test of "is this a quarter" (model, paths,
    validation and the commands ask it here)."""
    return _QUARTER_LABEL.fullmatch(label) is not None


_FREQUENCIES = ((_QUARTER_LABEL, "quarter"), (re.compile(r"\d{4}-H[12]"), "half"), (re.compile(r"\d{4}"), "year"),
                (re.compile(r"\d{4}-(0[1-9]|1[0-2])"), "month"))


def frequency(label: str) -> str | None:
    """"quarter", "half", "year" or "month": which kind of reporting period a label names (2009-Q1,
    2009-H1, 2009, 2009-06), else None. The one test of it (a report file's `submissions:`, `submit`,
    the reporting regime ask it here)."""
    return next((kind for pattern, kind in _FREQUENCIES if pattern.fullmatch(label)), None)


def parse_date(text: str) -> date:
    m = _RE_DATE.match(text.strip())
    if not m:
        raise DeadlineError(words("date.invalid", text=text))
    y, mo, d = (int(g) for g in m.groups())
    try:
        return date(y, mo, d)
    except ValueError:
        raise DeadlineError(words("date.no_such_day", text=text)) from None


def parse_period(text: str) -> Period:
    """A calendar period: 2009, 2009-Q3, 2009-H1, 2009-06, 2009-03-31 or DATE..DATE / PERIOD..PERIOD."""
    raw = text.strip()
    if ".." in raw:
        left, _, right = raw.partition("..")
        a, b = parse_period(left), parse_period(right)
        if b.end < a.start:
            raise DeadlineError(words("period.reversed", text=text))
        return Period(a.start, b.end, f"{a.label}..{b.label}")
    if m := _RE_YEAR.match(raw):
        return year(int(m.group(1)))
    if m := _RE_QUARTER.match(raw):
        return quarter(int(m.group(1)), int(m.group(2)))
    if m := _RE_HALF.match(raw):
        return half(int(m.group(1)), int(m.group(2)))
    if m := _RE_MONTH.match(raw):
        return month(int(m.group(1)), int(m.group(2)))
    if _RE_DATE.match(raw):
        day = parse_date(raw)
        return Period(day, day, day.isoformat())
    raise DeadlineError(words("period.invalid", text=text))


class Kind(str, Enum):
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    MONTH = "month"
    BY = "by"
    DATE = "date"
    SPAN = "span"
    ONGOING = "ongoing"
    RECURRING = "recurring"
    EVENT = "event"
    NONE = "none"
    ON_DEMAND = "on-demand"


@dataclass(frozen=True, slots=True)
class Deadline:
    """A normalised completion time. `start`/`due` are None where the kind has no fixed date."""

    kind: Kind
    start: date | None = None
    due: date | None = None
    every: str | None = None  # "quarter" | "half" | "year" | "month" for RECURRING
    window: Period | None = None  # RECURRING: the periods it recurs in (None: the plan period; open-ended
    # `2025..`: from that year, its end the last year hoinhap knows)
    event: str | None = None  # EVENT: the event id
    label: str = ""  # the canonical text

    def __str__(self) -> str:
        return self.label

    @property
    def dated(self) -> bool:
        return self.due is not None


def _dated(kind: Kind, p: Period, label: str) -> Deadline:
    return Deadline(kind, start=p.start, due=p.end, label=label)


_RE_EVERY = re.compile(r"^every\s+(quarter|half|year|month)(?:\s+(\S+))?$", re.IGNORECASE)
_RE_OPEN = re.compile(rf"^{_YEAR}\.\.$")
OPEN_END = date(2999, 12, 31)  # an open-ended deadline's window ends here (clipped to the plan period)
_RE_BY = re.compile(r"^by\s+(\S+)$", re.IGNORECASE)
_RE_AFTER = re.compile(r"^after\s+([a-z0-9]+(?:-[a-z0-9]+)*)$")


def parse_deadline(text: str) -> Deadline:
    """Parse the notation of docs/plan-format.md. Raises DeadlineError only."""
    if not isinstance(text, str):
        raise DeadlineError(words("notation.not_text", kind=type(text).__name__, help=words("notation.help")))
    raw = " ".join(text.split())
    low = raw.lower()
    if not raw:
        raise DeadlineError(words("notation.empty", help=words("notation.help")))
    if low == "ongoing":
        return Deadline(Kind.ONGOING, label="ongoing")
    if low == "none":
        return Deadline(Kind.NONE, label="none")
    if low == "on-demand":
        return Deadline(Kind.ON_DEMAND, label="on-demand")
    if m := _RE_OPEN.match(raw):  # "2025 và những năm tiếp theo": every year from 2025, no end
        first = year(int(m.group(1)))
        label = f"{first.label}.."
        return Deadline(Kind.RECURRING, every="year", window=Period(first.start, OPEN_END, label), label=label)
    if m := _RE_EVERY.match(raw):
        every = m.group(1).lower()
        window = None
        label = f"every {every}"
        if m.group(2) and (o := _RE_OPEN.match(m.group(2))):
            first = year(int(o.group(1)))
            window = Period(first.start, OPEN_END, f"{first.label}..")
            label += f" {window.label}"
        elif m.group(2):
            window = parse_period(m.group(2))
            label += f" {window.label}"
        return Deadline(Kind.RECURRING, every=every, window=window, label=label)
    if m := _RE_AFTER.match(raw):
        return Deadline(Kind.EVENT, event=m.group(1), label=f"after {m.group(1)}")
    if low.startswith("after"):
        raise DeadlineError(words("notation.after", text=text))
    if m := _RE_BY.match(raw):
        inner = parse_period(m.group(1))
        if ".." in inner.label:
            raise DeadlineError(words("notation.by_span", text=text))
        return Deadline(Kind.BY, due=inner.end, label=f"by {inner.label}")
    if not re.match(r"^\d{4}", raw):
        raise DeadlineError(words("notation.bad", text=text, help=words("notation.help")))
    p = parse_period(raw)
    if ".." in p.label:
        return _dated(Kind.SPAN, p, p.label)
    if _RE_YEAR.match(p.label):
        return _dated(Kind.YEAR, p, p.label)
    if is_quarter(p.label):
        return _dated(Kind.QUARTER, p, p.label)
    if _RE_HALF.match(p.label):
        return _dated(Kind.HALF, p, p.label)
    if _RE_MONTH.match(p.label):
        return _dated(Kind.MONTH, p, p.label)
    return Deadline(Kind.DATE, due=p.end, label=p.label)


def occurrences(deadline: Deadline, plan_period: Period) -> list[Period]:
    """The periods a recurring deadline asks something in, clipped to the plan period."""
    if deadline.kind is not Kind.RECURRING:
        return []
    window = deadline.window or plan_period
    start, end = max(window.start, plan_period.start), min(window.end, plan_period.end)
    if deadline.every == "quarter":
        return quarters_between(start, end)
    if deadline.every == "half":
        return halves_between(start, end)
    if deadline.every == "month":
        return months_between(start, end)
    return [year(y) for y in range(start.year, end.year + 1) if year(y).end <= end]


def is_open_ended(deadline: Deadline) -> bool:
    """`2025..`: every year from a year on, with no end."""
    return deadline.window is not None and deadline.window.end == OPEN_END


def deadline_span(deadlines: Iterable[Deadline]) -> Period | None:
    """The period the deadlines cover, for a plan that states none: from the first day of the
    earliest one (a deadline with no start: the first day of its due date's year) to the last day
    of the latest one; a recurring range counts its range, an open-ended `2025..` its first year.
    None when no deadline is dated."""
    starts: list[date] = []
    ends: list[date] = []
    for d in deadlines:
        if d.window is not None:
            starts.append(d.window.start)
            ends.append(year(d.window.start.year).end if d.window.end == OPEN_END else d.window.end)
        elif d.due is not None:
            starts.append(d.start or date(d.due.year, 1, 1))
            ends.append(d.due)
    if not starts:
        return None
    return Period(min(starts), max(ends), "derived")


def month_day(text: str) -> tuple[int, int] | None:
    """"06-01" → (6, 1): a day of every year (a fixed reporting day), else None (29 February is
    refused: not every year has it)."""
    m = re.fullmatch(r"(\d{2})-(\d{2})", text)
    if not m:
        return None
    mo, d = int(m.group(1)), int(m.group(2))
    if not 1 <= mo <= 12 or not 1 <= d <= calendar.monthrange(2001, mo)[1]:
        return None
    return mo, d


def plan_period(plan: Any) -> Period | None:
    """The plan's period (a model or a record of the plan): `plan.period` as stated, else the
    span of its deadlines and its signing quarter (`deadline_span`); None when neither gives one.
    The one home of the rule: `check`, the ledger and `show` ask it here."""
    stated = plan.plan.period
    if stated is not None:
        return Period(stated.start, stated.end, "plan")
    span = deadline_span(m.due for t in plan.tasks for m in t.milestones)
    signed = plan.decision.signed_on
    if signed is not None:
        first = quarter_of(signed).start
        span = Period(min(first, span.start), span.end, "derived") if span else year(signed.year)
    return span


def signed_day(plan: Any, period: Period | None = None) -> date:
    """The day the document was signed; when the source leaves it blank, the plan period's start
    (`period`, else `plan_period`): obligations count from there."""
    signed: date | None = plan.decision.signed_on
    if signed is not None:
        return signed
    period = period or plan_period(plan)
    if period is None:
        raise DeadlineError(words("period.none"))
    return period.start


def event_due(event_day: date) -> date:
    """An event-bound task falls due at the end of the quarter after the event's quarter."""
    return next_quarter(quarter_of(event_day)).end


_RE_DURATION = re.compile(r"^\s*(\d+)\s*([dwmqy])\s*$", re.IGNORECASE)


def parse_duration(text: str) -> timedelta:
    """30d, 6w, 2m, 1q, 1y → a length of time (months as 30 days, quarters as 91)."""
    m = _RE_DURATION.match(text)
    if not m:
        raise DeadlineError(words("duration.invalid", text=text))
    n, unit = int(m.group(1)), m.group(2).lower()
    days = {"d": 1, "w": 7, "m": 30, "q": 91, "y": 365}[unit]
    return timedelta(days=n * days)


# ------------------------------------------------------------ as people write them

ROMAN_QUARTERS = ("I", "II", "III", "IV")


def _padded(n: int, month: bool = False) -> str:
    """Nghị định 30/2020, Phụ lục I: days below 10 and the months 1 and 2 take a leading zero."""
    return f"{n:02d}" if (n < 3 if month else n < 10) else str(n)


def day_words(day: date, lang: str = "vi") -> str:
    """"ngày 05/7/2009", "ngày 15/02/2009" (Vietnamese); "5 July 2009" (English)."""
    if lang == "en":
        return f"{day.day} {calendar.month_name[day.month]} {day.year}"
    return f"ngày {_padded(day.day)}/{_padded(day.month, month=True)}/{day.year}"


def date_line(day: date, lang: str = "vi") -> str:
    """The date of a document in words: "ngày 05 tháng 7 năm 2009" (English: "5 July 2009")."""
    if lang == "en":
        return day_words(day, "en")
    return f"ngày {_padded(day.day)} tháng {_padded(day.month, month=True)} năm {day.year}"


def period_words(period: Period, lang: str = "vi") -> str:
    """A period as a report names it: "quý III/2009", "6 tháng đầu năm 2009", "6 tháng cuối năm
    2009", "tháng 6/2025", "năm 2009"; any other span "từ ngày 01/4/2009 đến ngày 30/6/2009". English: "Q3 2009",
    "the first half of 2009", "2009", "1 April 2009 to 30 June 2009"."""
    s, e, en = period.start, period.end, lang == "en"
    if s.year == e.year and (s.month, s.day) == (1, 1) and (e.month, e.day) == (12, 31):
        return str(s.year) if en else f"năm {s.year}"
    q_of = quarter_of(s)
    if (s, e) == (q_of.start, q_of.end):
        q = (s.month - 1) // 3
        return f"Q{q + 1} {s.year}" if en else f"quý {ROMAN_QUARTERS[q]}/{s.year}"
    if s.day == 1 and e == month(s.year, s.month).end:  # a whole month: "tháng 6/2025", "June 2025"
        return f"{calendar.month_name[s.month]} {s.year}" if en else f"tháng {s.month}/{s.year}"
    for h, p in ((1, half(s.year, 1)), (2, half(s.year, 2))):
        if (s, e) == (p.start, p.end):
            if en:
                return f"the {'first' if h == 1 else 'second'} half of {s.year}"
            return f"6 tháng {'đầu' if h == 1 else 'cuối'} năm {s.year}"
    if en:
        return f"{day_words(s, 'en')} to {day_words(e, 'en')}"
    return f"từ {day_words(s)} đến {day_words(e)}"


def deadline_words(d: Deadline, lang: str = "vi", event: str | None = None, formal: bool = False) -> str:
    """A deadline in the run's language, the one home of that wording: "thường xuyên", "hằng năm
    (2009–2010)", "đến năm 2010", "sau khi: Thành phố duyệt quy hoạch chợ" (`event`: its name,
    else its id). Listings keep ISO periods ("2009-Q3"); `formal` (a signed document) writes
    them as a report does ("quý III/2009", "ngày 31/12/2009")."""
    if d.kind is Kind.ONGOING:
        return t("deadline.ongoing", lang)
    if d.kind is Kind.NONE:
        return t("deadline.none", lang)
    if d.kind is Kind.ON_DEMAND:
        return t("deadline.on_demand", lang)
    if d.kind is Kind.EVENT:
        return t("deadline.after", lang, event=event or d.event or "")
    if d.kind is Kind.RECURRING:
        if is_open_ended(d) and d.window is not None and d.every == "year":  # 2025..: every year from 2025
            return t("deadline.from_year", lang, year=d.window.start.year)
        every = t(f"deadline.every.{d.every}", lang)
        if d.window is None:
            return every
        return t("deadline.every.window", lang, every=every, window=_window_words(d.window, lang, formal))
    if d.kind is Kind.BY:
        inner = parse_period(d.label.split(" ", 1)[1])
        return t("deadline.by", lang, period=_period_or_day(inner, lang) if formal else inner.label)
    if not formal:
        return d.label
    return _period_or_day(parse_period(d.label), lang)


def _period_or_day(p: Period, lang: str) -> str:
    if p.start == p.end:
        return day_words(p.end, lang)
    if _RE_MONTH.match(p.label):  # "tháng 3/2009", "March 2009"
        return f"{calendar.month_name[p.start.month]} {p.start.year}" if lang == "en" else \
            f"tháng {p.start.month}/{p.start.year}"
    return period_words(p, lang)


def _window_words(p: Period, lang: str, formal: bool) -> str:
    """A recurring duty's window: "2009–2010" for whole years, else the period."""
    if p.end == OPEN_END:
        return t("deadline.window.from", lang, year=p.start.year)
    whole = (p.start.month, p.start.day, p.end.month, p.end.day) == (1, 1, 12, 31)
    if whole:
        return str(p.start.year) if p.start.year == p.end.year else f"{p.start.year}–{p.end.year}"
    return period_words(p, lang) if formal else p.label
