"""`hoinhap export`: the whole validated plan, normalised, for scripts."""

from __future__ import annotations

from typing import Annotated

from hoinhap_cli.cli.common import DataOpt, Format, format_option, load_ledger, output


def export(
    data: DataOpt = None,
    format: Annotated[Format, format_option("json or yaml.", Format.json, Format.yaml)] = Format.json,
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
    out.json(payload) if format is Format.json else out.yaml(payload)
