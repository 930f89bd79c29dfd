"""Properties over generated input: the parsers never crash, the notation round-trips, any
note comes back from the writer as it was given (or is refused cleanly), unit search never crashes.

Example counts are kept moderate so this file runs in a few seconds; hypothesis remembers
failing examples in .hypothesis/ and replays them first.
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hoinhap_cli.files import yamlio
from hoinhap_cli.files.paths import DataDir, locate
from hoinhap_cli.ledger import store
from hoinhap_cli.ledger.ledger import Ledger
from hoinhap_cli.ledger.reading import load_plan, load_reports
from hoinhap_cli.model import units
from hoinhap_cli.rules import progress, selection
from hoinhap_cli.words import periods, text
from hoinhap_cli.words.periods import DeadlineError, parse_deadline
from hoinhap_cli.words.problems import UsageError
from hoinhap_cli.words.text import refused_in_text
from plan_cases import ROOT

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------------ the deadline notation

# Ids are digits and dots, so digit-like characters of every script get extra weight.
id_like = st.text(st.one_of(st.sampled_from("0123456789.,a "), st.characters(categories=["Nd", "No", "Nl"])),
                  max_size=12)

years = st.integers(1900, 2999)
slugs = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}\Z")


@st.composite
def periods_text(draw: st.DrawFn) -> str:
    y = draw(years)
    kind = draw(st.sampled_from(["year", "quarter", "half", "date"]))
    if kind == "year":
        return str(y)
    if kind == "quarter":
        return f"{y}-Q{draw(st.integers(1, 4))}"
    if kind == "half":
        return f"{y}-H{draw(st.integers(1, 2))}"
    return draw(st.dates(date(y, 1, 1), date(y, 12, 31))).isoformat()


@st.composite
def valid_deadlines(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["period", "span", "by", "ongoing", "none", "every", "after"]))
    if kind == "period":
        return draw(periods_text())
    if kind == "span":
        a, b = sorted([periods.parse_period(draw(periods_text())), periods.parse_period(draw(periods_text()))],
                      key=lambda p: (p.start, p.end))
        if b.end < a.start:  # pragma: no cover - sorted by start, so b ends after a starts
            a, b = b, a
        return f"{a.label}..{b.label}"
    if kind == "by":
        return f"by {draw(periods_text())}"
    if kind == "every":
        window = draw(st.one_of(st.just(""), periods_text().map(lambda p: " " + p)))
        return f"every {draw(st.sampled_from(['quarter', 'year']))}{window}"
    if kind == "after":
        return f"after {draw(slugs)}"
    return kind


# Text that looks like the notation, so the parser's deeper branches are reached, not only
# its "not a deadline" exit.
PIECES = ["2008", "2009", "0000", "9999", "-Q", "-H", "-", "..", "by ", "every ", "after ", "quarter", "year",
          "ongoing", "none", "Q5", "H3", "-02-30", "-13-01", " ", "\u00a0", "\u0663", "²", "a", "Đ", "\n"]
notation_like = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=8).map("".join)


@SETTINGS
@given(st.one_of(st.text(max_size=40), notation_like, id_like))
def test_parse_deadline_raises_only_its_own_error(raw: str) -> None:
    try:
        deadline = parse_deadline(raw)
    except DeadlineError:
        return
    assert parse_deadline(str(deadline)) == deadline


@SETTINGS
@given(valid_deadlines())
def test_printed_deadline_parses_back_to_itself(raw: str) -> None:
    deadline = parse_deadline(raw)
    assert parse_deadline(str(deadline)) == deadline
    assert str(parse_deadline(str(deadline))) == str(deadline)


# ------------------------------------------------------------------ the YAML loader

YAML_PIECES = ["a", "id", ": ", ":", "- ", "-", "\n", "  ", "\t", "&x ", "*x", "!!python/object:os.system ", "!!set ",
               "!t ", "[", "]", "{", "}", ",", "\"", "'", "<<: ", "? ", "---\n", "...\n", "#", "|\n", ">-\n", "2.10",
               "yes", "~", "\ufeff", "\x00", "\x07", "\u200b", "ệ", "\r\n", "%YAML 1.1\n", "0x1F", ".inf"]
yaml_like = st.lists(st.sampled_from(YAML_PIECES), max_size=30).map("".join)


def _check_parse(raw: bytes | str) -> None:
    doc, problems = yamlio.parse(raw, "x.yaml")
    if doc is None:
        assert problems, "refused without saying why"
    for problem in problems:
        assert problem.file == "x.yaml"
        assert problem.line is None or problem.line >= 1
        assert problem.col is None or problem.col >= 1
        assert problem.message


@SETTINGS
@given(st.binary(max_size=300))
def test_yaml_parse_never_raises_on_bytes(raw: bytes) -> None:
    _check_parse(raw)


@SETTINGS
@given(st.one_of(yaml_like, st.text(max_size=80)))
def test_yaml_parse_never_raises_on_text(raw: str) -> None:
    _check_parse(raw.encode("utf-8", "surrogatepass"))
    _check_parse(raw)


# ------------------------------------------------------------------ Vietnamese text

@SETTINGS
@given(st.one_of(st.text(max_size=60), id_like))
def test_text_functions_never_crash(value: str) -> None:
    folded = text.fold(value)
    assert isinstance(folded, str)
    key = text.collation_key(value)
    assert key == text.collation_key(value) and not key < key  # deterministic, comparable
    natural = text.natural_key(value)
    assert sorted([natural, text.natural_key("1.2")]) is not None  # keys of any two ids compare
    assert isinstance(text.similar(value, ["phong-kinh-te", "Phòng Kinh tế"]), list)


# ------------------------------------------------------------------ notes through the writer

TODAY = date(2009, 5, 20)
SHIPPED_DATA = locate(str(ROOT / "data"))
PLAN, _ = load_plan(SHIPPED_DATA)
assert PLAN is not None

# Text a note might hold: anything (surrogates aside: they cannot come from a UTF-8 command
# line), with extra weight on what is hard for YAML and for Vietnamese.
NOTE_PIECES = ["\n", " ", "  \n", "\t", ": ", "- ", "# ", "'", '"', "\\", "|", ">", "&a", "*a", "!!str", "%", "@",
               "---", "...", "yes", "null", "2.10", "2009-03-31", "Đã khảo sát", "chợ", "ệ", "e\u0323\u0302",
               "\u00a0", "\u200b", "\ufeff", "\u2028", "\u0085", "\x1b", "\x00", "\r\n", "🎉", "\U0010fffd"]
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=500)
note_like = st.lists(st.one_of(st.sampled_from(NOTE_PIECES), st.text(max_size=5)), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(any_text, note_like))
def test_any_note_recorded_through_the_writer_loads_back(note: str) -> None:
    """The path `hoinhap record` takes: progress.build_entry, then store.update(append_entry)."""
    refused = refused_in_text(note)
    if refused is not None:  # control characters: a clean refusal naming the character, nothing written
        with pytest.raises(UsageError, match=rf"--note contains .*U\+{ord(refused):04X}|--note contains the byte"):
            progress.build_entry(PLAN, task="2.10", status="done", today=TODAY, note=note)
        return
    done = progress.build_entry(PLAN, task="2.10", status="done", today=TODAY, note=note)
    root = Path(tempfile.mkdtemp(prefix="hoinhap-note-"))
    try:
        where = DataDir(root, root / "plan.yaml", "option")
        store.update(where, PLAN, done.unit.id, done.period, TODAY, store.append_entry(done.entry))
        store.update(where, PLAN, done.unit.id, done.period, TODAY, store.append_entry(done.entry))  # splice path
        reports, problems = load_reports(where, PLAN, TODAY)
        assert not [p for p in problems if p.severity == "error"], problems
        [report] = reports
        expected = unicodedata.normalize("NFC", note) if note else None
        assert [e.note for e in report.entries] == [expected, expected]
    finally:
        shutil.rmtree(root)


# ------------------------------------------------------------------ unit search

LEDGER = Ledger.of(SHIPPED_DATA, PLAN, [])
unit_like = st.lists(st.one_of(st.sampled_from(["phong", "-", " ", "kinh", "tế", "UBND", "phường", "Đ", "\u0301",
                                                "\u00a0", "\u200b", "..", "/", "\x00", "*", "?", "("]),
                               st.text(max_size=4)), max_size=8).map("".join)


@SETTINGS
@given(st.one_of(st.text(max_size=60), unit_like))
def test_unit_search_never_crashes(query: str) -> None:
    found = units.find_units(PLAN.units, query)
    assert all(u in PLAN.units for u in found)
    known = {u.id: u.name for u in PLAN.units}
    for resolve in (lambda: selection.resolve_unit(LEDGER.units.values(), query), lambda: progress.resolve_unit(PLAN, query)):
        try:
            unit = resolve()
        except UsageError as err:  # worded in both languages
            assert err.text("vi") and err.text("en")
        else:  # the ledger holds records of the same units (see records)
            assert known.get(unit.id) == unit.name
