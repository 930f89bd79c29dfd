"""`hoinhap check` end to end: broken copies of a plan give one `file:line:col: message` line per
problem, all at once, exit 1, never a traceback; --strict, --format json, and where the data is found."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from conftest import MINI_PLAN, SHIPPED, Cli


def at(text: str, marker: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column where `marker` starts in `text` (its nth occurrence)."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(marker, index + 1)
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def edit(old: str, new: str) -> str:
    assert MINI_PLAN.count(old) == 1, old
    return MINI_PLAN.replace(old, new)


def write(data: Path, content: str | bytes) -> Path:
    plan = data / "plan.yaml"
    plan.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return plan


def problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"^\S*plan\.yaml:\d+:\d+: ", line)]


# ------------------------------------------------------------------ one broken thing → one line, right place

CASES = [
    # name, the broken file, the marker whose start is the expected position, words in the message
    ("syntax error", edit("objective: Mục tiêu", "objective: Mục tiêu: sai"), ": sai", "mapping values are not allowed"),
    ("tab indentation", edit("    kind: phòng\n    aliases: [Kinh tế]", "    kind: phòng\n  \taliases: [Kinh tế]"),
     "\taliases", "a tab used for indentation"),
    ("unterminated quote", edit("title: Tuyên truyền về WTO", 'title: "Tuyên truyền về WTO'), '"Tuyên',
     "is its closing quote missing?"),
    ("unterminated quote at the end", MINI_PLAN + "    notes: ['không đóng\n", "'không", "never closed"),
    ("duplicate top-level key", MINI_PLAN + "units: []\n", "units: []", "duplicate key 'units'"),
    ("duplicate key in a task", edit("    title: Xây trường học\n", "    title: Xây trường học\n    title: Hai\n"),
     "title: Hai", "duplicate key 'title'"),
    ("duplicate key in a milestone", edit("        source: Quý IV-2008\n",
                                          "        source: Quý IV-2008\n        source: Hai\n"),
     "source: Hai", "duplicate key 'source'"),
    ("anchor", edit("objective: Mục tiêu", "objective: &m Mục tiêu"), "&m", "anchors (&) and aliases (*)"),
    ("alias", edit("  title: Kế hoạch\n", "  title: *m\n"), "*m", "anchors (&) and aliases (*)"),
    ("python object tag", edit("objective: Mục tiêu", "objective: !!python/object/apply:os.system ['ls']"),
     "!!python", "is not allowed"),
    ("unquoted id 2.10", edit('- id: "1.1"', "- id: 2.10"), "2.10", '2.10 is read as a number; quote it: "2.10"'),
    ("unknown key lead_unit", edit("    lead: [phong-kinh-te]\n    support", "    lead_unit: [phong-kinh-te]\n    support"),
     "lead_unit", "unknown key 'lead_unit'; did you mean 'lead'?"),
    ("missing required key", edit("    title: Tuyên truyền về WTO\n", ""), 'id: "1.1"', "missing required key 'title'"),
    ("unknown unit id", edit("lead: [phong-kinh-te]", "lead: [phong-kinh-tex]"), "phong-kinh-tex",
     "unknown unit 'phong-kinh-tex'; did you mean 'phong-kinh-te'?"),
    ("duplicate task id", edit('- id: "3.2.4a"', '- id: "1.1"'), '"1.1"\n    id_assigned', "duplicate task id '1.1'"),
    ("quarter 5", edit("due: 2008-Q4", "due: 2008-Q5"), "2008-Q5", "quarter 5 does not exist"),
    ("30 February", edit("due: 2008-Q4", "due: 2009-02-30"), "2009-02-30", "not a real date"),
    ("reversed span", edit("due: 2008-Q4", "due: 2009-Q2..2008-Q4"), "2009-Q2..", "ends before it starts"),
    ("recurring outside the plan", edit("due: 2008-Q4", "due: every year 2007..2009"), "every year 2007",
     "recurs outside the plan period"),
    ("unknown event", edit("due: 2008-Q4", "due: after tp-duyet-x"), "after tp-duyet-x",
     "unknown event 'tp-duyet-x'; did you mean 'tp-duyet'?"),
    ("product out of range", edit("product: 1", "product: 2"), "2\n  - id", "product 2 does not exist"),
    ("units_from with lead", edit('units_from: "3.2.4"\n', 'units_from: "3.2.4"\n    lead: [phong-qldt]\n'),
     "lead: [phong-qldt]\n    title: Dự án", "units_from takes lead and support from task 3.2.4: remove 'lead'"),
    ("unknown programme", edit('    program: "1"\n', '    program: "9"\n'), '"9"', "unknown programme '9'"),
    ("yes is not a boolean", edit("id_assigned: true", "id_assigned: yes"), "yes", "expected true or false"),
]


@pytest.mark.parametrize(("text", "marker", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_one_problem_one_line_at_its_place(mini: Path, text: str, marker: str, words: str, cli: Cli) -> None:
    write(mini, text)
    result = cli("check", "--lang", "en", data=mini)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = problem_lines(result.output)
    assert len(lines) == 1, result.output
    line, col = at(text, marker)
    assert f"plan.yaml:{line}:{col}: " in lines[0], (lines[0], line, col)
    assert words in lines[0], lines[0]


RAW_CASES = [
    # name, bytes, where, words
    ("empty file", b"", (1, 1), "the file is empty"),
    ("comment-only file", b"# nothing here\n", (1, 1), "the file is empty"),
    ("root is a list", b"- decision\n- plan\n", (1, 1), "holds a list; it must be a mapping"),
    ("root is a string", b"hello\n", (1, 1), "holds a single value; it must be a mapping"),
    ("UTF-16", MINI_PLAN.encode("utf-16"), (1, 1), "UTF-16"),
    ("NUL byte", MINI_PLAN.replace("Mục tiêu", "Mục\x00tiêu").encode(), at(MINI_PLAN, " tiêu"), "NUL byte"),
    ("Windows-1258", MINI_PLAN.encode("cp1258", errors="replace"), at(MINI_PLAN, "Đ"), "is not UTF-8"),
    ("Latin-1", MINI_PLAN.encode("utf-8").replace("Kế hoạch\n  objective".encode(), "Café\n  objective".encode("latin-1")),
     (at(MINI_PLAN, "Kế hoạch\n  objective")[0], at(MINI_PLAN, "Kế hoạch\n  objective")[1] + 3), "byte 0xE9 is not UTF-8"),
]


@pytest.mark.parametrize(("raw", "where", "words"), [c[1:] for c in RAW_CASES], ids=[c[0] for c in RAW_CASES])
def test_unreadable_files_one_line_at_its_place(mini: Path, raw: bytes, where: tuple[int, int], words: str,
                                                cli: Cli) -> None:
    write(mini, raw)
    result = cli("check", "--lang", "en", data=mini)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = problem_lines(result.output)
    assert len(lines) == 1, result.output
    assert f"plan.yaml:{where[0]}:{where[1]}: " in lines[0], lines[0]
    assert words in lines[0], lines[0]


def test_alias_bomb_is_refused(mini: Path, cli: Cli) -> None:
    bomb = ['lol: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"l{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    write(mini, "\n".join(bomb) + "\n" + MINI_PLAN)
    result = cli("check", "--lang", "en", data=mini)
    assert result.exit_code == 1
    assert "anchors (&) and aliases (*) are not allowed" in result.output


def test_bom_and_crlf_are_accepted(mini: Path, cli: Cli) -> None:
    write(mini, b"\xef\xbb\xbf" + MINI_PLAN.replace("\n", "\r\n").encode("utf-8"))
    result = cli("check", "--lang", "en", data=mini)
    assert result.exit_code == 0, result.output


def test_nfd_text_is_read_as_nfc(mini: Path, cli: Cli) -> None:
    write(mini, unicodedata.normalize("NFD", MINI_PLAN))
    assert cli("check", "--lang", "en", data=mini).exit_code == 0
    result = cli("export", data=mini)
    assert result.exit_code == 0, result.output
    exported = json.loads(result.stdout)
    assert exported["units"][0]["name"] == "Phòng Kinh tế"
    assert unicodedata.is_normalized("NFC", result.stdout)


# ------------------------------------------------------------------ all problems at once


def test_three_schema_errors_three_lines(mini: Path, cli: Cli) -> None:
    text = edit("due: 2008-Q4", "due: 2008-Q5")
    text = text.replace("id_assigned: true", "id_assigned: yes")
    text = text.replace("    title: Dự án giao thông\n", "    title: Dự án giao thông\n    colour: red\n")
    write(mini, text)
    result = cli("check", "--lang", "en", data=mini)
    assert result.exit_code == 1
    lines = problem_lines(result.output)
    assert len(lines) == 3, result.output
    expected = {at(text, "2008-Q5"), at(text, "yes"), at(text, "colour")}
    got = {tuple(int(n) for n in re.search(r"plan\.yaml:(\d+):(\d+):", line).groups()) for line in lines}
    assert got == expected


def test_three_cross_check_errors_three_lines(mini: Path, cli: Cli) -> None:
    text = edit("lead: [phong-kinh-te]", "lead: [phong-kinh-tex]")
    text = text.replace("due: by 2010", "due: after nobody")
    text = text.replace("product: 1", "product: 3")
    write(mini, text)
    result = cli("check", "--lang", "en", data=mini)
    assert result.exit_code == 1
    lines = problem_lines(result.output)
    assert len(lines) == 3, result.output
    assert "Traceback" not in result.output
    assert sum("unknown unit" in x for x in lines) == sum("unknown event" in x for x in lines) == 1
    assert sum("product 3 does not exist" in x for x in lines) == 1


# ------------------------------------------------------------------ --strict, --format json


def test_strict_turns_warnings_into_exit_1(mini: Path, cli: Cli) -> None:
    text = edit("      - due: by 2010\n        source: Đến năm 2010\n", "      - due: none\n")
    write(mini, text)
    relaxed = cli("check", "--lang", "en", data=mini)
    assert relaxed.exit_code == 0, relaxed.output
    [line] = problem_lines(relaxed.output)
    assert f"plan.yaml:{at(text, 'none')[0]}:{at(text, 'none')[1]}: warning: task 3.2.4a has no deadline" in line
    strict = cli("check", "--lang", "en", "--strict", data=mini)
    assert strict.exit_code == 1
    assert problem_lines(strict.output) == [line]


def test_json_format_parses_and_locates_problems(mini: Path, cli: Cli) -> None:
    text = edit("due: 2008-Q4", "due: 2008-Q5").replace("lead: [phong-qldt]", "lead: [phong-qldt]\n    colour: red")
    write(mini, text)
    result = cli("check", "--lang", "en", "--format", "json", data=mini)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["errors"] == 2 and report["warnings"] == 0
    located = sorted((p["line"], p["column"], p["severity"]) for p in report["problems"])
    assert located == sorted([(*at(text, "2008-Q5"), "error"), (*at(text, "colour"), "error")])
    assert all(p["file"].endswith("plan.yaml") and p["message"] for p in report["problems"])
    assert {p["path"] for p in report["problems"]} == {"tasks[0].milestones[0].due", "tasks[1].colour"}


def test_json_format_when_valid(mini: Path, cli: Cli) -> None:
    result = cli("check", "--lang", "en", "--format", "json", data=mini)
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report == {"valid": True, "plan": report["plan"], "errors": 0, "warnings": 0, "problems": []}


def test_a_bad_format_is_a_usage_error(mini: Path, cli: Cli) -> None:
    result = cli("check", "--lang", "en", "--format", "xml", data=mini)
    assert result.exit_code == 2


def test_a_valid_plan_says_so(mini: Path, cli: Cli) -> None:
    result = cli("check", "--lang", "en", data=mini)
    assert result.exit_code == 0
    assert "valid — 3 tasks, 4 units" in result.output


# ------------------------------------------------------------------ where the data is found


def test_data_option_wins_over_a_local_folder(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              cli: Cli) -> None:
    monkeypatch.chdir(tmp_path)  # tmp_path/data is the mini plan
    result = cli("check", "--lang", "en", "--data", str(SHIPPED))
    assert result.exit_code == 0
    assert "48 tasks" in result.output


def test_data_found_from_a_subfolder_upward(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            cli: Cli) -> None:
    deep = tmp_path / "notes" / "2009"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    monkeypatch.setenv("HOINHAP_DATA", str(SHIPPED))  # a found folder comes before the variable
    result = cli("check", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "3 tasks" in result.output
    assert "bundled" not in result.output


def test_inside_the_data_folder_itself(mini: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.chdir(mini / "reports")
    result = cli("check", "--lang", "en")
    assert result.exit_code == 0
    assert "3 tasks" in result.output


def test_hoinhap_data_when_nothing_is_found(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            cli: Cli) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("HOINHAP_DATA", str(mini))
    result = cli("check", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "3 tasks" in result.output


def test_bundled_plan_with_a_note_on_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("check", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "using the bundled plan" in result.stderr
    assert "using the bundled plan" not in result.stdout
    assert "48 tasks" in result.output


def test_missing_data_folder_is_a_usage_error(tmp_path: Path, cli: Cli) -> None:
    result = cli("check", "--lang", "en", "--data", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.output


def test_folder_without_a_plan_is_a_usage_error(tmp_path: Path, cli: Cli) -> None:
    result = cli("check", "--lang", "en", "--data", str(tmp_path))
    assert result.exit_code == 2
    assert "no plan.yaml in this folder" in result.stderr
