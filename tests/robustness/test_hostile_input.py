"""Issue 19, what files and command lines hold: many unknown keys, numbers as dates,
invisible and bidirectional characters, explicit YAML tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from hoinhap_cli.files import yamlio
from hostile_data import ENTRY, REPORT, make_data, run

# ------------------------------------------------------------ 4. unknown keys: linear, counted


def _unknown_keys(n: int) -> str:
    return ENTRY + "".join(f"    k{i}: 1\n" for i in range(n))


@pytest.mark.parametrize("n", [2000, 8000])
def test_many_unknown_keys_are_counted_not_each_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        n: int) -> None:
    """Locating a key walks its mapping: one walk per key was quadratic (20,000 keys: 33 s).
    The work is bounded by counting the walks, not by a clock."""
    data = make_data(tmp_path, _unknown_keys(n))
    walks = []
    real = yamlio.Located.node_at

    def counted(self: yamlio.Located, *args: object, **kwargs: object) -> object:
        walks.append(1)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(yamlio.Located, "node_at", counted)
    result = run(["--no-cache", "check", "--data", str(data), "--lang", "en"], tmp_path, 1)
    assert len(walks) <= 20, len(walks)
    assert f"{n - 5} more unknown keys in this mapping ({n} unknown keys in all)" in result.stdout
    assert result.stdout.count("unknown key 'k") == 5


# ------------------------------------------------------------ 8. numbers are not dates


@pytest.mark.parametrize("value", ["1235865600", "1235865600000", "20090301", "0", "-86400"])
def test_a_number_is_not_a_report_date(tmp_path: Path, value: str) -> None:
    data = make_data(tmp_path, ENTRY.replace("date: 2009-04-02", f"date: {value}"))
    result = run(["check", "--data", str(data), "--lang", "en"], tmp_path, 1)
    assert f"phong-kinh-te.yaml:6:11: {value} is not a date: write it as YYYY-MM-DD text" in result.stdout
    result = run(["overdue", "--data", str(data)], tmp_path, 4)  # answered without the file (issue 16)
    assert f"{value} không phải ngày" in result.stderr


@pytest.mark.parametrize("value", ["1224201600", "20081017"])
def test_a_number_is_not_the_plans_signing_date(tmp_path: Path, value: str) -> None:
    data = make_data(tmp_path, report=None)
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count("signed_on: \"2008-10-17\"") == 1
    plan.write_text(text.replace("signed_on: \"2008-10-17\"", f"signed_on: {value}"), encoding="utf-8")
    result = run(["check", "--data", str(data), "--lang", "en"], tmp_path, 1)
    assert f"{value} is not a date" in result.stdout + result.stderr
    assert "zero time" not in result.stdout + result.stderr


def test_submitted_must_be_text_too(tmp_path: Path) -> None:
    data = make_data(tmp_path, ENTRY.replace("period: 2009-Q2\n", "period: 2009-Q2\nsubmitted: 1242777600\n"))
    result = run(["check", "--data", str(data), "--lang", "en"], tmp_path, 1)
    assert "1242777600 is not a date" in result.stdout


# ------------------------------------------------------------ 12. invisible characters


INVISIBLE = [("\u200e", "LEFT-TO-RIGHT MARK"), ("\u200f", "RIGHT-TO-LEFT MARK"),
             ("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u00ad", "SOFT HYPHEN"),
             ("\u034f", "COMBINING GRAPHEME JOINER"), ("\ufe0f", "VARIATION SELECTOR-16"),
             ("\U000e0041", "TAG LATIN CAPITAL LETTER A")]


@pytest.mark.parametrize(("ch", "name"), INVISIBLE)
@pytest.mark.parametrize("where", ["task", "unit", "event"])
def test_invisible_characters_are_named_and_bidi_never_echoed(tmp_path: Path, ch: str, name: str,
                                                              where: str) -> None:
    data = make_data(tmp_path, report=None)
    if where == "task":
        argv = ["record", f"2.10{ch}", "--status", "done", "--unit", "phong-kinh-te"]
    elif where == "unit":
        argv = ["record", "2.10", "--status", "done", "--unit", f"phong-kinh-te{ch}"]
    else:
        argv = ["event", f"x{ch}", "--date", "2009-05-01"]
    result = run([*argv, "--data", str(data), "--lang", "en"], tmp_path, 2)
    output = result.stdout + result.stderr
    assert f"{name} (U+{ord(ch):04X})" in output, output
    for bidi in "\u200e\u200f\u202e":
        assert bidi not in output


def test_bidi_controls_in_a_stored_note_are_shown_escaped_in_tables(tmp_path: Path) -> None:
    data = make_data(tmp_path, ENTRY.replace("đã khảo sát", "abc\u202edef\u2067x"))
    result = run(["log", "--data", str(data)], tmp_path, 0)
    assert "abc<U+202E>def<U+2067>x" in result.stdout
    assert "\u202e" not in result.stdout
    result = run(["log", "--data", str(data), "--format", "json"], tmp_path, 0)
    assert "\u202e" in result.stdout or "\\u202e" in result.stdout  # the data itself, unchanged


@pytest.mark.parametrize("command", [["check"], ["overdue"]])
def test_a_bidi_control_in_a_refused_value_is_not_echoed_raw(tmp_path: Path, command: list[str]) -> None:
    data = make_data(tmp_path, ENTRY.replace("status: in-progress", "status: \"don\u202ee\""))
    result = run([*command, "--data", str(data)], tmp_path, 1 if command == ["check"] else 4)
    output = result.stdout + result.stderr
    assert "don<U+202E>e" in output and "\u202e" not in output


# ------------------------------------------------------------ 14. explicit tags, every one refused


@pytest.mark.parametrize(("old", "new", "at"), [
    ('note: "đã khảo sát"', "note: !!str 12", "7:11"),
    ('note: "đã khảo sát"', "note: !<tag:yaml.org,2002:str> x", "7:11"),
    ("status: in-progress", "status: !!str in-progress", "5:13"),
    ('- task: "2.10"', "- task: !!str 2.10", "4:11"),
    ('- task: "2.10"', "- task: \"2.10\"\n    milestone: !!int '1'", "5:16"),
    ("entries:", "entries: !!seq", "3:10"),
    ("unit: phong-kinh-te", "unit: ! phong-kinh-te", "1:7"),
])
def test_every_explicit_tag_is_refused(tmp_path: Path, old: str, new: str, at: str) -> None:
    text = ENTRY.replace(old, new)
    assert text != ENTRY
    data = make_data(tmp_path, text)
    result = run(["check", "--data", str(data)], tmp_path, 1)
    assert f"phong-kinh-te.yaml:{at}: " in result.stdout and "tag" in result.stdout, result.stdout


def test_a_tag_directive_is_refused(tmp_path: Path) -> None:
    data = make_data(tmp_path, "%TAG !e! tag:yaml.org,2002:\n---\n" + ENTRY)
    result = run(["check", "--data", str(data)], tmp_path, 1)
    assert "phong-kinh-te.yaml:1:1: " in result.stdout and "%TAG" in result.stdout


def test_an_exclamation_mark_in_text_is_not_a_tag(tmp_path: Path) -> None:
    data = make_data(tmp_path, ENTRY.replace("đã khảo sát", "xong! 100%") + "# a comment! too\n")
    run(["check", "--data", str(data)], tmp_path, 0)
    assert (data / REPORT).exists()
