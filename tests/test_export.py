"""`hoinhap export` follows docs/json-contract.md; YAML carries the same data; `python -m` works."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SHIPPED, Cli, hoinhap
from hoinhap_cli.files.paths import DataDir
from hoinhap_cli.ledger.reading import load_plan
from hoinhap_cli.model import model, records
from hoinhap_cli.words.text import natural_key

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TASK_KEYS = {"id", "id_assigned", "program", "section", "title", "lead", "support", "units_from", "products",
             "notes", "milestones"}
MILESTONE_KEYS = {"product", "due", "kind", "start_date", "due_date", "source", "note"}
KINDS = {"quarter", "half", "year", "by", "date", "span", "ongoing", "recurring", "event", "none"}


def export(*args: str) -> str:
    result = hoinhap("export", *args, data=SHIPPED)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def exported() -> dict:
    return json.loads(export("--format", "json"))


def test_top_level_keys(exported: dict) -> None:
    assert list(exported) == ["decision", "plan", "programs", "units", "events", "reporting", "document", "tasks"]


def test_decision_and_plan(exported: dict) -> None:
    d = exported["decision"]
    assert d["number"] == "02/2008/QĐ-UBND"
    assert d["signed_on"] == "2008-10-17"
    assert d["effective_after_days"] == 7
    assert d["standing_agency"] == "phong-kinh-te"
    assert {"title", "issuer", "signer", "signer_title", "legal_bases", "articles", "directed_by",
            "reviews"} <= set(d)
    assert [a["number"] for a in d["articles"]] == [1, 2, 3, 4, 5, 6]
    assert exported["plan"]["period"] == {"start": "2008-01-01", "end": "2010-12-31"}


def test_programs_and_units_shapes(exported: dict) -> None:
    assert [p["id"] for p in exported["programs"]] == [str(n) for n in range(1, 9)]
    for p in exported["programs"]:
        assert {"id", "title"} <= set(p)
    three = next(p for p in exported["programs"] if p["id"] == "3")
    assert [s["id"] for s in three["sections"]] == ["3.1", "3.2", "3.3", "3.4"]
    for u in exported["units"]:
        assert set(u) == {"id", "name", "kind", "aliases", "members", "assumed", "notes"}
        assert isinstance(u["aliases"], list) and isinstance(u["members"], list)
    group = next(u for u in exported["units"] if u["id"] == "ubnd-11-phuong")
    assert len(group["members"]) == 11


def test_every_task_has_the_contract_keys(exported: dict) -> None:
    tasks = exported["tasks"]
    assert len(tasks) == 48
    for task in tasks:
        assert TASK_KEYS <= set(task), task["id"]
        assert isinstance(task["id"], str) and isinstance(task["id_assigned"], bool)
        assert isinstance(task["program"], str)
        assert task["section"] is None or re.fullmatch(r"3\.[1-4]", task["section"])
        for role in ("lead", "support"):
            assert isinstance(task[role], list)
            for ref in task[role]:
                assert set(ref) == {"id", "name"} and ref["id"] and ref["name"]
        assert task["lead"], f"task {task['id']} has no lead"
        assert all(isinstance(p, str) for p in task["products"])
        assert task["milestones"]


def test_milestones_follow_the_contract(exported: dict) -> None:
    for task in exported["tasks"]:
        for m in task["milestones"]:
            assert set(m) == MILESTONE_KEYS
            assert m["kind"] in KINDS
            assert isinstance(m["due"], str)
            for key in ("start_date", "due_date"):
                assert m[key] is None or ISO.match(m[key]), (task["id"], key, m[key])
            assert m["product"] is None or m["product"] in task["products"]
            if m["kind"] in ("ongoing", "recurring", "none", "event"):  # no event is recorded in the shipped data
                assert m["due_date"] is None
            else:
                assert m["due_date"] is not None


def test_a_few_exported_values(exported: dict) -> None:
    tasks = {t["id"]: t for t in exported["tasks"]}
    assert tasks["2.7a"]["units_from"] == "2.7" and tasks["2.7a"]["id_assigned"] is True
    assert tasks["2.7a"]["lead"] == [{"id": "phong-giao-duc", "name": "Phòng Giáo dục"}]
    span = tasks["2.5"]["milestones"][0]
    assert (span["kind"], span["start_date"], span["due_date"]) == ("span", "2008-10-01", "2009-06-30")
    assert tasks["6.3"]["milestones"][0] == {"product": None, "due": "none", "kind": "none", "start_date": None,
                                            "due_date": None, "source": None, "note": None}
    assert tasks["3.2.4"]["section"] == "3.2" and tasks["1.1"]["section"] is None


def test_tasks_in_natural_order(exported: dict) -> None:
    ids = [t["id"] for t in exported["tasks"]]
    assert ids == sorted(ids, key=natural_key)
    assert ids.index("2.9") < ids.index("2.10") < ids.index("2.10a") < ids.index("2.11")


def test_json_is_utf8_text_not_escapes() -> None:
    text = export("--format", "json")
    assert "Ủy ban nhân dân" in text and "\\u" not in text


def test_yaml_reads_back_to_the_same_data(exported: dict) -> None:
    text = export("--format", "yaml")
    assert "\\u" not in text
    assert yaml.safe_load(text) == exported


def test_default_format_is_json(exported: dict) -> None:
    assert json.loads(export()) == exported


def test_export_of_a_broken_plan_exits_2_with_located_problems(mini: Path, cli: Cli) -> None:
    plan = mini / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("due: 2008-Q4", "due: 2008-Q5"), encoding="utf-8")
    result = cli("export", "--data", str(mini))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert re.search(r"plan\.yaml:\d+:\d+: quý 5 không có", result.stderr)


def test_python_dash_m_works(exported: dict) -> None:
    proc = subprocess.run([sys.executable, "-m", "hoinhap_cli", "export", "--data", str(SHIPPED)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == exported


def test_python_dash_m_check_exits_1_on_a_broken_plan(mini: Path) -> None:
    (mini / "plan.yaml").write_text("tasks: [\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "hoinhap_cli", "check", "--data", str(mini)],
                          capture_output=True, text=True, encoding="utf-8", timeout=60,
                          env={**os.environ, "HOINHAP_LANG": "en"})
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert re.search(r"plan\.yaml:\d+:\d+: YAML syntax error", proc.stdout)


def test_records_dump_as_the_models_do() -> None:
    """The ledger holds plain records (see records); exported, they are what pydantic's
    model_dump gives for the same plan, key for key and in the same order."""
    plan, _ = load_plan(DataDir(SHIPPED, SHIPPED / "plan.yaml", "option"))
    as_records = records.of(plan)
    assert isinstance(as_records.tasks[0], records.Task) and as_records.tasks[0].id == plan.tasks[0].id
    assert isinstance(as_records.tasks[0].milestones[0], records.Milestone)
    assert isinstance(as_records.units[0], records.Unit) and isinstance(as_records, records.Plan)
    for name in ("decision", "plan", "programs", "units", "events", "tasks"):
        dumped = records.dump(getattr(as_records, name))
        model = getattr(plan, name)
        expected = [m.model_dump(mode="json") for m in model] if isinstance(model, list) else model.model_dump(mode="json")
        assert json.dumps(dumped, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False), name
    assert as_records.tasks[0] == records.of(plan).tasks[0] and as_records.tasks[0] != as_records.tasks[1]


def test_tuple_records_have_the_models_fields() -> None:
    """records.Task and records.Milestone are written out by hand (a warm run imports no
    pydantic): their fields must be the models', in the models' order."""
    assert records.Task._fields == tuple(model.Task.model_fields)
    assert records.Milestone._fields == tuple(model.Milestone.model_fields)
    # records.Unit and records.Plan only declare their fields, for the type checker: the same rule.
    assert tuple(records.Unit.__annotations__) == tuple(model.Unit.model_fields)
    assert tuple(records.Plan.__annotations__) == tuple(model.Plan.model_fields)
