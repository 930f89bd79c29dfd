"""One change of the plan (plandiff.Change) in the user's words: what changed, the item, the
detail. `hoinhap diff` shows them as columns; the review's amendments as one line each
("dời thời hạn nhiệm vụ 3.1.3: 2009 → 2010 (+365 ngày)"), worded here and only here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hoinhap_cli.words.i18n import t

if TYPE_CHECKING:
    from hoinhap_cli.queries.plandiff import Change


def what(c: Change, lang: str) -> str:
    """"bỏ", "dời thời hạn", "sửa nội dung nhiệm vụ" …"""
    return t(f"diff.kind.{c.kind}", lang)


def item(c: Change, lang: str) -> str:
    """"nhiệm vụ 2.10a", "nhiệm vụ 1.1 · mốc thời gian"."""
    # reason: plandiff loads the plan's models; only a change needs it
    from hoinhap_cli.queries.plandiff import worded_field

    label = t(f"diff.scope.{c.scope}", lang, id=c.id or "").strip()
    if c.field and (c.kind in ("edited", "milestone") or c.field == "milestone"):
        named = "diff.field.milestone" if c.field == "milestone" else worded_field(c)
        label += f" · {t(named, lang) if named else c.field}"
    return label


def detail(c: Change, lang: str) -> str:
    """"2009 → 2010 (+365 ngày)", "+ Phòng Y tế", a word diff, or "" when the item says it all."""
    if c.kind == "deadline":
        moved = f"{c.old} → {c.new}"
        return moved if c.days is None else f"{moved} ({t('diff.days', lang, n=f'{c.days:+d}')})"
    if c.added or c.removed:
        return "; ".join([*(f"+ {x}" for x in c.added), *(f"− {x}" for x in c.removed)])
    if c.words:
        return c.words
    if c.kind in ("added", "removed"):
        return str(c.new if c.kind == "added" else c.old)
    return f"{_plain(c.old)} → {_plain(c.new)}"


def rows(changes: list[Change], lang: str) -> list[dict[str, str]]:
    """`hoinhap diff`'s rows: what, item and detail of each change."""
    return [{"what": what(c, lang), "item": item(c, lang), "detail": detail(c, lang)} for c in changes]


def line(c: Change, lang: str) -> str:
    """The change as one line: "bỏ nhiệm vụ 2.10a: …", "dời thời hạn nhiệm vụ 3.1.3: 2009 → 2010 (+365 ngày)"."""
    said = detail(c, lang)
    return f"{what(c, lang)} {item(c, lang)}" + (f": {said}" if said else "")


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return str(value)
