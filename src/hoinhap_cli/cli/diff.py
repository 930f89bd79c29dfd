"""`hoinhap diff`: what an amendment of plan.yaml changed in substance."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from hoinhap_cli.cli.common import DataOpt, Format, FullOpt, LangOpt, format_option, max_bytes, output
from hoinhap_cli.files.paths import locate
from hoinhap_cli.queries import changewords, revisions
from hoinhap_cli.queries.plandiff import diff as plan_diff
from hoinhap_cli.render.render import Column
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.problems import UsageError, words

COLUMNS = [Column("what", "Thay đổi", "Change", no_wrap=True), Column("item", "Mục", "Item", no_wrap=True),
           Column("detail", "Chi tiết", "Detail")]


def diff(
    old_rev: Annotated[Optional[str], typer.Argument(metavar="OLD_REV", help="Default: HEAD.")] = None,
    new_rev: Annotated[Optional[str], typer.Argument(
        metavar="NEW_REV", help="Default: the working copy of plan.yaml.")] = None,
    files: Annotated[Optional[tuple[str, str]], typer.Option(
        "--files", metavar="OLD.yaml NEW.yaml", help="Compare two plan files instead of git revisions.")] = None,
    data: DataOpt = None,
    format: Annotated[Format, format_option("table, md or json.", Format.table, Format.md, Format.json)]
    = Format.table,
    lang: LangOpt = None,
    full: FullOpt = False,
) -> int:
    """Show what changed in substance in plan.yaml between two git revisions (or two files).

    Tasks added, removed or renumbered; deadlines moved; lead and support units added or
    removed; titles, products and notes edited (a word diff); units renamed or given aliases.
    Formatting, comments and order are not changes. Exit 0 when nothing changed in
    substance, 1 when something did, 2 when a revision or a plan cannot be read.

    \b
    Example: hoinhap diff HEAD~1 HEAD --format md  # exit 1 when something changed
    """
    out = output(lang, full=full)
    for rev in (old_rev, new_rev):  # `diff ''` was silently HEAD
        if rev is not None:
            revisions.revision(rev)
    if files is not None:
        if old_rev is not None:
            raise UsageError(words("cli.diff.both"))
        old, old_name = revisions.plan_file(Path(files[0]), files[0], max_bytes()), files[0]
        new, new_name = revisions.plan_file(Path(files[1]), files[1], max_bytes()), files[1]
    else:
        where = locate(data, fallback=os.environ.get("HOINHAP_DATA"))
        if where.origin == "bundled":
            raise UsageError(words("cli.diff.no_plan"), [words("cli.diff.no_plan.hint")])
        repo = revisions.repo_of(where.plan_file)
        old, old_name = revisions.plan_at(repo, old_rev or "HEAD", where.display(where.plan_file), max_bytes())
        new, new_name = revisions.plan_at(repo, new_rev, where.display(where.plan_file), max_bytes())
    changes = plan_diff(old, new)
    record = {"old": old_name, "new": new_name, "changed": bool(changes), "changes": [c.as_dict() for c in changes]}
    title = t("diff.title", out.lang, old=old_name, new=new_name, n=len(changes))
    out.listing(format.value, COLUMNS, changewords.rows(changes, out.lang), record, title=title,
                empty=t("diff.none", out.lang, old=old_name, new=new_name))
    return 1 if changes else 0
