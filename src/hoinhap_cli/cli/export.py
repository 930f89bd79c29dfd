"""`hoinhap export`: the whole validated plan, normalised, for scripts."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from hoinhap_cli.cli.common import DataOpt, load_ledger, output


class ExportFormat(str, Enum):
    json = "json"
    yaml = "yaml"


def export(
    data: DataOpt = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="json or yaml.")] = ExportFormat.json,
) -> None:
    """Print the whole validated plan (decision, programmes, units, tasks) as JSON or YAML.

    The JSON is a documented contract: see docs/json-contract.md.

    \b
    Example: hoinhap export --format json > ke-hoach.json
    """
    from hoinhap_cli.queries import export_plan

    out = output()
    ledger = load_ledger(data, out)
    payload = export_plan(ledger)
    out.json(payload) if format is ExportFormat.json else out.yaml(payload)
