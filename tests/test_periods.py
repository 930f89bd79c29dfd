"""The deadline notation of docs/plan-format.md, turned into dates, with its boundaries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hoinhap_cli.words.periods import (
    DeadlineError,
    Kind,
    Period,
    event_due,
    frequency,
    half,
    occurrences,
    parse_date,
    parse_deadline,
    parse_duration,
    parse_period,
    quarter,
    quarters_between,
    year,
)

D = date.fromisoformat
PLAN = Period(D("2008-01-01"), D("2010-12-31"), "plan")


# ------------------------------------------------------------------ every form → (kind, start, due)

FORMS = [
    # text,                 kind,           start,          due
    ("2008-Q1",             Kind.QUARTER,   "2008-01-01",   "2008-03-31"),
    ("2008-Q3",             Kind.QUARTER,   "2008-07-01",   "2008-09-30"),
    ("2008-Q4",             Kind.QUARTER,   "2008-10-01",   "2008-12-31"),
    ("2009-Q2",             Kind.QUARTER,   "2009-04-01",   "2009-06-30"),
    ("2009-H1",             Kind.HALF,      "2009-01-01",   "2009-06-30"),
    ("2009-H2",             Kind.HALF,      "2009-07-01",   "2009-12-31"),
    ("2009",                Kind.YEAR,      "2009-01-01",   "2009-12-31"),
    ("by 2010",             Kind.BY,        None,           "2010-12-31"),
    ("by 2009-Q2",          Kind.BY,        None,           "2009-06-30"),
    ("by 2009-H1",          Kind.BY,        None,           "2009-06-30"),
    ("by 2009-12-31",       Kind.BY,        None,           "2009-12-31"),
    ("2009-12-31",          Kind.DATE,      None,           "2009-12-31"),
    ("2008-02-29",          Kind.DATE,      None,           "2008-02-29"),
    ("2008-Q4..2009-Q2",    Kind.SPAN,      "2008-10-01",   "2009-06-30"),
    ("2008..2010",          Kind.SPAN,      "2008-01-01",   "2010-12-31"),
    ("2008-11-01..2009-H1", Kind.SPAN,      "2008-11-01",   "2009-06-30"),
    ("2009-Q3..2009-Q3",    Kind.SPAN,      "2009-07-01",   "2009-09-30"),
    ("ongoing",             Kind.ONGOING,   None,           None),
    ("every quarter",       Kind.RECURRING, None,           None),
    ("every year",          Kind.RECURRING, None,           None),
    ("every quarter 2009",  Kind.RECURRING, None,           None),
    ("after tp-duyet-quy-hoach-cho", Kind.EVENT, None,      None),
    ("none",                Kind.NONE,      None,           None),
]


@pytest.mark.parametrize(("text", "kind", "start", "due"), FORMS, ids=[f[0] for f in FORMS])
def test_every_form_parses_to_its_dates(text: str, kind: Kind, start: str | None, due: str | None) -> None:
    d = parse_deadline(text)
    assert d.kind is kind
    assert d.start == (D(start) if start else None)
    assert d.due == (D(due) if due else None)
    assert d.dated is (due is not None)


@pytest.mark.parametrize("text", [f[0] for f in FORMS])
def test_str_round_trips(text: str) -> None:
    d = parse_deadline(text)
    assert str(d) == text
    assert parse_deadline(str(d)) == d


@pytest.mark.parametrize(("loose", "canonical"), [
    ("  by   2010 ", "by 2010"),
    ("ONGOING", "ongoing"),
    ("None", "none"),
    ("Every Quarter", "every quarter"),
    ("2009-q2", "2009-Q2"),
    ("2009-h1", "2009-H1"),
])
def test_loose_spellings_normalise(loose: str, canonical: str) -> None:
    assert str(parse_deadline(loose)) == canonical


def test_recurring_and_event_keep_what_they_need() -> None:
    assert parse_deadline("every quarter").every == "quarter"
    assert parse_deadline("every year").every == "year"
    assert parse_deadline("every quarter").window is None
    windowed = parse_deadline("every quarter 2009-H2")
    assert (windowed.window.start, windowed.window.end) == (D("2009-07-01"), D("2009-12-31"))
    assert parse_deadline("after tp-duyet").event == "tp-duyet"


# ------------------------------------------------------------------ calendar boundaries


@pytest.mark.parametrize(("y", "q", "start", "end"), [
    (2008, 1, "2008-01-01", "2008-03-31"),
    (2008, 2, "2008-04-01", "2008-06-30"),
    (2008, 3, "2008-07-01", "2008-09-30"),
    (2008, 4, "2008-10-01", "2008-12-31"),
    (2010, 4, "2010-10-01", "2010-12-31"),
])
def test_quarter_bounds(y: int, q: int, start: str, end: str) -> None:
    p = quarter(y, q)
    assert (p.start, p.end, p.label) == (D(start), D(end), f"{y}-Q{q}")


def test_quarters_contain_their_last_day_and_not_the_next() -> None:
    q4 = quarter(2008, 4)
    assert D("2008-12-31") in q4
    assert D("2009-01-01") not in q4
    assert D("2008-09-30") not in q4


def test_halves_and_years() -> None:
    assert (half(2009, 1).start, half(2009, 1).end) == (D("2009-01-01"), D("2009-06-30"))
    assert (half(2009, 2).start, half(2009, 2).end) == (D("2009-07-01"), D("2009-12-31"))
    assert (year(2010).start, year(2010).end) == (D("2010-01-01"), D("2010-12-31"))


def test_2008_is_a_leap_year_and_2009_is_not() -> None:
    assert parse_date("2008-02-29") == D("2008-02-29")
    assert parse_deadline("2008-02-29").due == D("2008-02-29")
    with pytest.raises(DeadlineError, match="not a real date"):
        parse_date("2009-02-29")
    with pytest.raises(DeadlineError, match="not a real date"):
        parse_deadline("2009-02-29")


def test_quarters_between_counts_each_quarter_ending_inside() -> None:
    labels = [q.label for q in quarters_between(D("2008-10-17"), D("2009-06-30"))]
    assert labels == ["2008-Q4", "2009-Q1", "2009-Q2"]
    # a range that stops one day short of a quarter's end does not owe that quarter
    assert [q.label for q in quarters_between(D("2009-01-01"), D("2009-06-29"))] == ["2009-Q1"]


# ------------------------------------------------------------------ recurring deadlines, events, durations


def test_every_quarter_over_the_plan_period_is_twelve_quarters() -> None:
    got = occurrences(parse_deadline("every quarter"), PLAN)
    assert len(got) == 12
    assert (got[0].label, got[0].end) == ("2008-Q1", D("2008-03-31"))
    assert (got[-1].label, got[-1].end) == ("2010-Q4", D("2010-12-31"))


def test_every_year_over_the_plan_period() -> None:
    got = occurrences(parse_deadline("every year"), PLAN)
    assert [(p.label, p.end) for p in got] == [
        ("2008", D("2008-12-31")), ("2009", D("2009-12-31")), ("2010", D("2010-12-31"))]


def test_recurring_is_clipped_to_the_plan_period() -> None:
    from_signing = Period(D("2008-10-01"), D("2010-12-31"), "obligations")
    assert [p.label for p in occurrences(parse_deadline("every quarter"), from_signing)][:2] == ["2008-Q4", "2009-Q1"]
    assert len(occurrences(parse_deadline("every quarter"), from_signing)) == 9
    # a window wider than the plan is cut to the plan
    wide = occurrences(parse_deadline("every year 2007..2011"), PLAN)
    assert [p.label for p in wide] == ["2008", "2009", "2010"]
    # a window inside the plan keeps only its own periods
    assert [p.label for p in occurrences(parse_deadline("every quarter 2009-H2"), PLAN)] == ["2009-Q3", "2009-Q4"]
    # a year not wholly inside the clipped period is not owed
    short = Period(D("2008-01-01"), D("2009-06-30"), "short")
    assert [p.label for p in occurrences(parse_deadline("every year"), short)] == ["2008"]


def test_occurrences_of_a_dated_deadline_are_none() -> None:
    assert occurrences(parse_deadline("2009-Q1"), PLAN) == []


@pytest.mark.parametrize(("event_day", "due"), [
    ("2009-02-10", "2009-06-30"),   # Q1 event → end of Q2
    ("2009-12-31", "2010-03-31"),   # last day of Q4 → end of next year's Q1
    ("2008-10-01", "2009-03-31"),
])
def test_event_due_is_the_end_of_the_next_quarter(event_day: str, due: str) -> None:
    assert event_due(D(event_day)) == D(due)


@pytest.mark.parametrize(("text", "days"), [
    ("30d", 30), ("6w", 42), ("2m", 60), ("1q", 91), ("1y", 365), (" 10D ", 10), ("0d", 0),
])
def test_parse_duration(text: str, days: int) -> None:
    assert parse_duration(text) == timedelta(days=days)


@pytest.mark.parametrize("text", ["", "d", "30", "1.5d", "-3d", "3 days", "3h"])
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(DeadlineError, match="not a duration"):
        parse_duration(text)


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize(("text", "message"), [
    ("2008-Q5", "quarter 5 does not exist"),
    ("2008-Q0", "quarter 0 does not exist"),
    ("2009-H3", "half 3 does not exist"),
    ("2009-02-30", "not a real date"),
    ("2009-13-01", "not a real date"),
    ("2009-Q2..2008-Q4", "ends before it starts"),
    ("2009-06-30..2009-06-01", "ends before it starts"),
    ("by 2008..2009", "'by' takes one period"),
    ("soon", "is not a deadline"),
    ("Quý III-2008", "is not a deadline"),
    ("2009/12/31", "is not a period"),
    ("after", "write after <event-id>"),
    ("after Thành phố", "write after <event-id>"),
    ("every week", "is not a deadline"),  # "every month" is a deadline now (docs/plan-format.md)
    ("", "empty deadline"),
    ("1800", "out of range"),
])
def test_bad_deadlines_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(DeadlineError, match=message):
        parse_deadline(text)


def test_a_number_is_not_a_deadline() -> None:
    with pytest.raises(DeadlineError, match="a deadline is text"):
        parse_deadline(2009)  # type: ignore[arg-type]


def test_parse_period_forms() -> None:
    assert parse_period("2009-Q3").label == "2009-Q3"
    assert parse_period("2009-03-31").start == parse_period("2009-03-31").end == D("2009-03-31")
    span = parse_period("2008-Q4..2009")
    assert (span.start, span.end, span.label) == (D("2008-10-01"), D("2009-12-31"), "2008-Q4..2009")


@pytest.mark.parametrize(("label", "kind"), [("2009-Q1", "quarter"), ("2009-H2", "half"), ("2009", "year"),
                                             ("2009-03-31", None), ("2009-Q1..2009-Q2", None), ("by 2010", None)])
def test_frequency_names_the_kind_of_a_reporting_period(label: str, kind: str | None) -> None:
    assert frequency(label) == kind
