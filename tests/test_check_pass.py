"""`check` in one pass (issue 16): every problem of every file at once, sorted by file and line;
suggestions that find the unit meant; indentation mistakes at the wrong line; the command
line's status words in files; known warnings acknowledged in plan.yaml."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import MINI_PLAN, SHIPPED, Cli

FIVE = """\
unit: phong-kinh-te
period: 2009-Q2
entries:
- task: 1.1
  status: in-progress
  date: 2009-05-01
- task: '9.9'
  status: done
  date: 2009-05-02
- task: '1.1'
  status: khong lam
  date: 2009-05-03
- task: '1.1'
  status: blocked
  date: 2009-05-04
- task: '1.1'
  status: done
  date: 2009-03-03
"""


def write_report(data: Path, text: str, name: str = "2009-Q2/phong-kinh-te.yaml") -> Path:
    path = data / "reports" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_five_mistakes_five_lines_in_one_pass(mini: Path, cli: Cli) -> None:
    write_report(mini, FIVE)
    result = cli("check", "--lang", "en", "--format", "json", data=mini, env={"HOINHAP_TODAY": "2009-06-30"})
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["line"], p["message"].split(" ")[0]) for p in problems] == [
        (4, "1.1"),  # read as a number (the schema)
        (7, "unknown"),  # task 9.9 (against the plan)
        (11, "'khong"),  # not a status (the schema)
        (13, "status"),  # blocked needs a reason (a rule)
        (18, "2009-03-03"),  # outside the file's quarter (against the folder)
    ]


def test_sorted_by_file_then_line(mini: Path, cli: Cli) -> None:
    write_report(mini, FIVE.replace("phong-kinh-te", "phong-qldt"), "2009-Q2/phong-qldt.yaml")
    write_report(mini, FIVE)
    result = cli("check", "--format", "json", data=mini, env={"HOINHAP_TODAY": "2009-06-30"})
    places = [(p["file"], p["line"]) for p in json.loads(result.stdout)["problems"]]
    assert places == sorted(places) and len({f for f, _ in places}) == 2


def test_status_words_of_the_command_line_are_accepted(mini: Path, cli: Cli) -> None:
    write_report(mini, "unit: phong-kinh-te\nperiod: 2009-Q2\nentries:\n"
                       "- task: '1.1'\n  status: đang thực hiện\n  date: 2009-05-01\n"
                       "- task: '1.1'\n  status: Hoan thanh\n  date: 2009-05-02\n")
    assert cli("check", data=mini, env={"HOINHAP_TODAY": "2009-06-30"}).exit_code == 0
    shown = cli("show", "1.1", "--format", "json", data=mini, env={"HOINHAP_TODAY": "2009-06-30"})
    assert [h["status"] for h in json.loads(shown.stdout)["history"]] == ["in-progress", "done"]


def plan_problems(data: Path, cli: Cli, old: str, new: str) -> list[str]:
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = cli("check", "--lang", "en", data=data)
    assert result.exit_code == 1, result.output
    return [line for line in result.stdout.splitlines() if ": " in line]


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data)
    return data


def test_a_missing_id_suggests_the_unit_sharing_its_words(shipped: Path, cli: Cli) -> None:
    lines = plan_problems(shipped, cli, "phong-tckh, cac-ngan-hang]", "phong-tckh, ngan-hang-nong-nghiep]")
    assert len(lines) == 1
    assert lines[0].endswith("unknown unit 'ngan-hang-nong-nghiep'; did you mean 'cac-ngan-hang'?")


def test_a_name_where_an_id_belongs_suggests_the_id(shipped: Path, cli: Cli) -> None:
    lines = plan_problems(shipped, cli, "lead: [phong-vhtt, trung-tam-van-hoa]",
                          "lead: [Phòng Kinh tế, trung-tam-van-hoa]")
    assert len(lines) == 1 and lines[0].endswith("did you mean 'phong-kinh-te'?"), lines


def test_a_report_naming_a_unit_by_its_name(mini: Path, cli: Cli) -> None:
    write_report(mini, "unit: Phòng QLĐT\nperiod: 2009-Q2\n", "2009-Q2/phong-qldt.yaml")
    result = cli("check", "--lang", "en", data=mini, env={"HOINHAP_TODAY": "2009-06-30"})
    assert "did you mean 'phong-qldt'?" in result.stdout


def test_an_over_indented_lead_points_at_its_line(mini: Path, cli: Cli) -> None:
    old = "    title: Xây trường học\n    lead: [phong-qldt]\n"
    new = "    title: >-\n      Xây trường học\n      lead: [phong-qldt]\n"
    lines = plan_problems(mini, cli, old, new)
    at = MINI_PLAN.replace(old, new).splitlines().index("      lead: [phong-qldt]") + 1
    assert len(lines) == 1 and f"plan.yaml:{at}:7: 'lead:' is indented into the title" in lines[0], lines


def test_the_shipped_plan_passes_strict(cli: Cli) -> None:
    result = cli("check", "--strict", data=SHIPPED)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_an_acknowledgement_accepts_one_warning_with_its_reason(shipped: Path, cli: Cli) -> None:
    plan = shipped / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("  - warning: no-deadline")
    end = text.index("\ntasks:")
    plan.write_text(text[:start] + text[end:], encoding="utf-8")  # 6.3's acknowledgement removed
    result = cli("check", "--strict", "--lang", "en", data=shipped)
    assert result.exit_code == 1
    warned = [line for line in result.stdout.splitlines() if "warning:" in line]
    assert len(warned) == 1 and "task 6.3 has no deadline" in warned[0]  # the document's empty cell


def test_an_acknowledgement_of_nothing_is_a_warning(mini: Path, cli: Cli) -> None:
    lines = plan_problems(mini, cli, "tasks:\n", "acknowledged:\n  - warning: no-deadline\n    task: \"1.1\"\n"
                                                 "    reason: the document gives none\n  - warning: nodeadline\n"
                                                 "    reason: typo\ntasks:\n")
    assert len(lines) == 1 and "'nodeadline' is not one of" in lines[0] and "did you mean 'no-deadline'" in lines[0]
    fixed = (mini / "plan.yaml").read_text(encoding="utf-8").replace("  - warning: nodeadline\n    reason: typo\n", "")
    (mini / "plan.yaml").write_text(fixed, encoding="utf-8")
    result = cli("check", "--lang", "en", data=mini)
    assert result.exit_code == 0 and "acknowledges 'no-deadline' of task 1.1, which is not warned of" in result.stdout
