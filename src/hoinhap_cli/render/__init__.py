"""Render: any value drawn in the format asked (table, JSON, CSV, Markdown), tables that fit,
bars, the reports ledger's matrices."""
