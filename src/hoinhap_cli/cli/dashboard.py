"""`hoinhap dashboard`: one printable HTML page — overdue list, progress bars, timeline."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated, Optional

import typer

from hoinhap_cli.cli.common import AsOfOpt, DataOpt, LangOpt, as_of_date, load_ledger, output, today


def write_new(path: Path, text: str, force: bool) -> None:
    """Write the whole file or nothing: a temporary file beside it, then one atomic step.

    Without `force`, the final step is a hard link, which fails if the name was taken meanwhile
    (no check-then-write race); with it, os.replace.
    """
    from hoinhap_cli.i18n import lang_from_env, t
    from hoinhap_cli.problems import UsageError

    lang = lang_from_env(None)
    if not path.parent.is_dir():
        raise UsageError(t("dash.no_dir", lang, dir=path.parent))
    if path.exists() and not force:
        raise UsageError(t("dash.exists", lang, file=path), [t("dash.exists.hint", lang)])
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a page to share gets the usual mode
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise UsageError(t("dash.exists", lang, file=path), [t("dash.exists.hint", lang)]) from None
            except OSError:  # a filesystem without hard links
                if path.exists():
                    raise UsageError(t("dash.exists", lang, file=path), [t("dash.exists.hint", lang)]) from None
                os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def dashboard(
    out_file: Annotated[str, typer.Option("--out", "-o", metavar="FILE.html", help="The page to write.")],
    as_of: AsOfOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    data: DataOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write one self-contained HTML page: late milestones, progress per programme, the timeline.

    No network, no scripts; prints on A4. Refuses to overwrite FILE unless --force.

    \b
    Example: hoinhap dashboard --out bao-cao-quy-II-2009.html --as-of 2009-06-30
    """
    from hoinhap_cli.dashboard import overdue, page
    from hoinhap_cli.i18n import t

    out = output(lang)
    day = as_of_date(as_of)
    ledger = load_ledger(data, out)
    path = Path(out_file)
    write_new(path, page(ledger, day, today(), out.lang), force)
    out.message(t("dash.written", out.lang, file=path, late=len(overdue(ledger, day))))
