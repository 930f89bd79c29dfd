"""The JSON Schemas in schema/: current with the models, and an independent validator agrees."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import ROOT, SHIPPED, Cli
from hoinhap_cli.files import yamlio
from hoinhap_cli.model.schemas import SCHEMAS, schema_text

SCHEMA_DIR = ROOT / "schema"
REFRESH = "hoinhap schema {which} > schema/{which}.schema.json"
# PyYAML's safe loader (YAML 1.1, as older editors read): libyaml's when present, 4x faster
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


@pytest.mark.parametrize("which", sorted(SCHEMAS))
def test_committed_schema_is_current(which: str) -> None:
    committed = (SCHEMA_DIR / f"{which}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(which), (
        f"schema/{which}.schema.json is out of date with model.py; refresh it: {REFRESH.format(which=which)}")


@pytest.mark.parametrize("which", sorted(SCHEMAS))
def test_schema_command_prints_it(which: str, cli: Cli) -> None:
    result = cli("schema", which)
    assert result.exit_code == 0
    printed = json.loads(result.stdout)
    assert printed["$schema"].startswith("https://json-schema.org/")
    assert printed["title"] and printed["description"]
    jsonschema.Draft202012Validator.check_schema(printed)


def test_schema_command_refuses_an_unknown_kind(cli: Cli) -> None:
    assert cli("schema", "tasks").exit_code == 2


def test_plan_points_editors_at_the_schema() -> None:
    first = (SHIPPED / "plan.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/plan.schema.json"
    assert (SHIPPED / "../schema/plan.schema.json").resolve().is_file()


def _has_date(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_date(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_date(v) for v in value)
    return isinstance(value, (dt.date, dt.datetime))


def _editor_view(text: str) -> Any:
    """The data as a YAML 1.1 reader (PyYAML, older editors) sees it; it must equal our 1.2 view."""
    data = safe_load(text)
    assert not _has_date(data), "an unquoted date reads as a date under YAML 1.1: quote it"
    doc, problems = yamlio.parse(text, "plan.yaml")
    assert doc is not None, problems
    assert data == doc.data, "plan.yaml reads differently under YAML 1.1 and 1.2 (yes/no, dates, 0o…): quote it"
    return data


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / "plan.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_shipped_plan_is_valid_against_the_committed_schema(validator: jsonschema.Draft202012Validator) -> None:
    data = _editor_view((SHIPPED / "plan.yaml").read_text(encoding="utf-8"))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []
    assert len(data["tasks"]) == 48


@pytest.mark.parametrize(("old", "new", "where"), [
    ("    lead: [phong-kinh-te]\n", "    lead_unit: [phong-kinh-te]\n", "additionalProperties"),
    ('  - id: "1.2"\n', "  - id: 1.2\n", "type"),
    ("      - due: every year\n", "      - due: every yaer\n", "pattern"),
    ("      - due: 2008-Q3\n", "      - due: 2008-Q5\n", "pattern"),
    ("    lead: [phong-kinh-te]\n", "    lead: [Phòng Kinh tế]\n", "pattern"),
])
def test_a_broken_copy_fails_the_schema(validator: jsonschema.Draft202012Validator,
                                        old: str, new: str, where: str) -> None:
    text = (SHIPPED / "plan.yaml").read_text(encoding="utf-8")
    assert old in text
    data = safe_load(text.replace(old, new, 1))
    errors = list(validator.iter_errors(data))
    assert errors, f"the schema accepted {new.strip()!r}"
    # under anyOf (optional fields) the reason is in the error's context
    found = {e.validator for e in errors} | {sub.validator for e in errors for sub in e.context or []}
    assert where in found
