"""`hoinhap export`: the whole validated plan, normalised, for scripts."""

from __future__ import annotations

from typing import Annotated

from hoinhap_cli.cli.common import DataOpt, Format, format_option, load_ledger, output
from hoinhap_cli.queries.queries import export_plan


def export(
    data: DataOpt = None,
    format: Annotated[Format, format_option("json or yaml.", Format.json, Format.yaml)] = Format.json,
) -> int:
    """Print the whole validated plan (decision, programmes, units, reporting regime, tasks) as JSON or YAML.

    The JSON is a documented contract: see docs/json-contract.md.

    \b
    Example: hoinhap export --format json > ke-hoach.json
    """
    out = output()
    out.data(format.value, export_plan(load_ledger(data, out)))
    return 0
