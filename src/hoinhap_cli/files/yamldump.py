"""Writing YAML: block style, keys in the order given, UTF-8 text (never ``\\u`` escapes), long
lines never re-wrapped, strings that would read back as something else quoted. And the two
questions a writer asks of a file before changing it: where its first comment is
(`comment_at`), whether a change can go in as inserted lines (`splice`), and where items
appended to its `entries` list go when that list ends the file (`tail`).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from hoinhap_cli.files.yamlio import BOOL, FAST, STR, Located, implicit_tag
from hoinhap_cli.words.text import nfc, shown, u_escaped


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar(STR, value, style="|")
    if value and implicit_tag(value) != STR:  # "1e5", "0o17", "+.5": numbers to our YAML 1.2 reader
        return dumper.represent_scalar(STR, value, style="'")
    return dumper.represent_scalar(STR, value)


_Dumper.add_representer(str, _str_presenter)
# Strings that YAML 1.1 readers (PyYAML, editors) take for booleans are quoted too.
_Dumper.add_implicit_resolver(BOOL, re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$"),
                              list("yYnNoO"))
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp", re.compile(r"^\d{4}-\d{1,2}-\d{1,2}"), list("0123456789")
)


class _PrintedDumper(_Dumper):
    pass


def _printed_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if shown(value) != value:  # a control or bidirectional character: double quotes, where \\u reads back
        return dumper.represent_scalar(STR, value, style='"')
    return _str_presenter(dumper, value)


_PrintedDumper.add_representer(str, _printed_presenter)


def printed(data: Any) -> str:
    """`dump` for the terminal (`export --format yaml`): a text holding a character `text.shown`
    escapes is double-quoted, and the character written as \\uXXXX (`text.u_escaped`), which
    PyYAML would write raw; the data reads back the same."""
    return u_escaped(dump(data, _PrintedDumper))


def dump(data: Any, dumper: type[yaml.SafeDumper] = _Dumper) -> str:
    """Stable YAML: block style, key order kept, UTF-8, no wrapping."""
    return yaml.dump(
        data,
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=float("inf"),
        indent=2,
    )


def comment_at(text: str) -> tuple[int, int] | None:
    """Line and column (1-based) of the first comment in a YAML text, or None.

    A writer that re-dumps a file would drop its comments; it asks here first. Text inside
    scalars (a note holding '#') is not a comment: only what lies outside every token counts.
    """
    if "#" not in text:
        return None
    lines = text.splitlines()
    covered: dict[int, int] = {}  # line -> the column where its last token ends
    inside: set[int] = set()  # lines wholly inside a multi-line token (block scalars)
    scanner = (yaml.CLoader if FAST else yaml.Loader)(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            assert token is not None  # check_token() said there is one
            start, end = token.start_mark, token.end_mark
            if start.line == end.line:
                covered[start.line] = max(covered.get(start.line, 0), end.column)
            else:
                covered[start.line] = 1 << 30
                inside.update(range(start.line + 1, end.line))
                covered[end.line] = max(covered.get(end.line, 0), end.column)
    finally:
        scanner.dispose()
    for number, line in enumerate(lines):
        if number in inside:
            continue
        col = covered.get(number, 0)
        rest = line[col:]
        stripped = rest.lstrip(" \t")
        if stripped.startswith("#"):
            return number + 1, col + len(rest) - len(stripped) + 1
    return None


def splice(doc: Located, text: str, before: dict[str, Any], after: dict[str, Any]) -> str | None:
    """`after` written as `before`'s text with lines inserted and none changed, or None.

    `doc`/`text` are the file holding `before` (a mapping). Handled: new top-level keys, and
    items appended to a top-level block sequence (indented like the items already there).
    Anything else (a changed value, a flow-style list, CRLF or BOM text) returns None and the
    caller rewrites the whole file. Comments and hand layout survive a splice; the caller
    still re-reads the result to make sure it holds `after`.
    """
    root = doc.root
    if not isinstance(root, yaml.MappingNode) or "\r" in text or text.startswith("\ufeff"):
        return None
    if any(key not in after for key in before):
        return None
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        return None
    place: list[tuple[str, int]] = []  # top-level keys in file order, with the line each starts on
    values: dict[str, yaml.Node] = {}
    for key_node, value_node in root.value:
        name = nfc(key_node.value)
        place.append((name, key_node.start_mark.line))
        values[name] = value_node
    order = list(after)

    def end_of(key: str) -> int:
        """The line where `key`'s block ends: the next top-level key in the file, or the end."""
        later = [line for name, line in place if line > dict(place)[key]]
        return min(later) if later else len(lines)

    def before_next(key: str) -> int:
        """Where a new key goes: before the first key that follows it in `after`'s order."""
        following = [dict(place)[k] for k in order[order.index(key) + 1:] if k in values]
        return min(following) if following else len(lines)

    inserts: dict[int, list[str]] = {}
    for key, value in after.items():
        if key not in before:
            inserts.setdefault(before_next(key), []).append(dump({key: value}))
            continue
        old = before[key]
        if old == value:
            continue
        node = values.get(key)
        if not (isinstance(old, list) and isinstance(value, list) and value[: len(old)] == old and old
                and isinstance(node, yaml.SequenceNode) and not node.flow_style):
            return None
        inserts.setdefault(end_of(key), []).append(items(node.start_mark.column, value[len(old):]))
    out = []
    for number in range(len(lines) + 1):
        out.extend(inserts.get(number, []))
        if number < len(lines):
            out.append(lines[number])
    return "".join(out)


def items(column: int, values: list[Any]) -> str:
    """`values` as the lines of block-list items whose dashes stand at `column`: what a splice
    inserts at the end of a list (the one home of that layout: `store` appends with it too)."""
    pad = " " * column
    return "".join(pad + line if line.strip() else line for line in dump(values).splitlines(keepends=True))


_ODD_BREAKS = (b"\r", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")  # CR, NEL, LS, PS: lines YAML counts


def tail(doc: Located, raw: bytes) -> tuple[int, int] | None:
    """Where the file's `entries` list ends: (the byte offset of the line its last item starts on,
    the column of its dashes) — when the file is a block mapping at column 0 whose last key is
    `entries`, a block list, not empty, whose last item starts on its dash's line, and the bytes are
    plain (no BOM, every line ending in LF alone, the last one too). Then items appended at the
    end of the file (`items`) extend that list, and the text from that offset on, read as the
    value of `entries`, holds its last item and the new ones. Else None."""
    root = doc.root
    if not isinstance(root, yaml.MappingNode) or root.flow_style or root.start_mark.column or not root.value:
        return None
    if raw.startswith(b"\xef\xbb\xbf") or not raw.endswith(b"\n") or any(b in raw for b in _ODD_BREAKS):
        return None
    key, seq = root.value[-1]
    if not isinstance(key, yaml.ScalarNode) or nfc(key.value) != "entries" or not isinstance(seq, yaml.SequenceNode) \
            or seq.flow_style or not seq.value:
        return None
    column, last = seq.start_mark.column, seq.value[-1].start_mark
    if last.column <= column:
        return None
    at = len(raw)
    for _ in range(raw.count(b"\n") - last.line + 1):  # back to the newline before the item's line
        at = raw.rfind(b"\n", 0, at)
    start = at + 1
    if raw[start:start + column + 2] != b" " * column + b"- ":
        return None
    return start, column
