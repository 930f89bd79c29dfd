"""JSON Schemas of plan.yaml and of a report file, generated from the pydantic models.

Editors (VS Code's YAML extension, any yaml-language-server client) read them to validate and
complete as one types. The schema says what one file may hold; checks across the file (unit
ids that exist, unique ids, …) remain `hoinhap check`'s job. The committed copies in schema/
are refreshed with `hoinhap schema plan > schema/plan.schema.json` (and `report`).
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from hoinhap_cli.model.model import Plan, ReportFile

DRAFT = "https://json-schema.org/draft/2020-12/schema"

SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "plan": (Plan, "hoinhap plan.yaml",
             "The decision, its plan, programmes, units, events and tasks (data/plan.yaml). "
             "Cross-references (unit ids, unique ids) are checked by `hoinhap check`."),
    "report": (ReportFile, "hoinhap report file",
               "One unit's quarterly progress report (data/reports/<YYYY-Qn>/<unit-id>.yaml)."),
}


def json_schema(which: str) -> dict[str, Any]:
    model, title, description = SCHEMAS[which]
    generated = model.model_json_schema()
    generated.pop("title", None)
    return {"$schema": DRAFT, "title": title, "description": description, **generated}


def schema_text(which: str) -> str:
    """The schema as committed in schema/<which>.schema.json: stable key order, UTF-8, final newline."""
    return json.dumps(json_schema(which), ensure_ascii=False, indent=2) + "\n"
