"""`hoinhap schema plan|report`: the JSON Schema of a data file, for editors."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer

from hoinhap_cli.model.schemas import schema_text


class SchemaKind(str, Enum):
    plan = "plan"
    report = "report"


def schema(
    which: Annotated[SchemaKind, typer.Argument(help="plan (plan.yaml) or report (a report file).")],
) -> int:
    """Print the JSON Schema of plan.yaml or of a report file (generated from the models).

    Editors validate and complete plan.yaml from it: data/plan.yaml's first line points to
    schema/plan.schema.json. Refresh the committed copies after changing the models.

    \b
    Example: hoinhap schema plan > schema/plan.schema.json
    """
    sys.stdout.write(schema_text(which.value))
    return 0
