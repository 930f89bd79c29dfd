"""The typer app: one module per command, wired here. Nothing below cli/ imports typer."""

from __future__ import annotations

import typer

from hoinhap_cli.cli.common import HoinhapGroup

app = typer.Typer(
    cls=HoinhapGroup,
    name="hoinhap",
    help="Sổ theo dõi nhiệm vụ — Quyết định 02/2008/QĐ-UBND (hội nhập kinh tế quốc tế, Quận 2).\n\n"
         "A task ledger for District 2's WTO integration plan.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
)


@app.callback()
def _options(
    no_cache: bool = typer.Option(False, "--no-cache", envvar="HOINHAP_NO_CACHE",
                                  help="Read and validate every file again; do not use or fill the cache."),
) -> None:
    """The options every command shares (read by HoinhapGroup.invoke)."""


def _register() -> None:
    from hoinhap_cli.cli import check, export

    app.command("check")(check.check)
    app.command("export")(export.export)


_register()


def main() -> None:
    app(prog_name="hoinhap")
