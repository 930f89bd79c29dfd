"""The only module that reads or writes YAML.

Reading: bytes are checked (size, encoding, BOM), parsed by libyaml's C parser when present,
and walked once to build plain Python values with YAML 1.2 scalars (``yes`` is text, a date
is text, ``2.10`` is a number). The walk refuses what PyYAML would silently accept:
duplicate keys, anchors and aliases, tags. It never raises on bad input: problems come back
as values with line and column. `Located.position(path)` maps a data path back to the file.

Writing: block style, keys in the order given, UTF-8 text (never ``\\u`` escapes), long lines
never re-wrapped, strings that would read back as something else quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from hoinhap_cli.problems import Problem
from hoinhap_cli.text import nfc

MAX_BYTES = 64 * 1024 * 1024

try:  # libyaml's parser: ~4x faster, and its nodes still carry line/column marks
    from yaml._yaml import CParser as _CParser  # type: ignore[import-not-found]

    _FAST = True
except ImportError:  # pragma: no cover - pure-Python PyYAML
    _FAST = False

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"


class Resolver12(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema: no yes/no booleans, no timestamps, no sexagesimal numbers."""


Resolver12.add_implicit_resolver(BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Resolver12.add_implicit_resolver(
    INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
Resolver12.add_implicit_resolver(
    FLOAT,
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
Resolver12.add_implicit_resolver(NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


if _FAST:

    class _Loader(_CParser, Resolver12):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            Resolver12.__init__(self)

else:  # pragma: no cover

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, Resolver12
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            Resolver12.__init__(self)


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == STR:
        return nfc(value)
    if tag == NULL:
        return None
    if tag == BOOL:
        return value.lower() == "true"
    if tag == INT:
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if tag == FLOAT:
        low = value.lower()
        if low.endswith("inf"):
            return float("-inf") if low.startswith("-") else float("inf")
        return float(value)
    raise _Refused(node, f"the tag {tag} is not allowed: write plain YAML without '!!' or '!' tags")


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str, key: bool = False):
        self.node = node
        self.message = message


@dataclass
class Located:
    """Plain data plus the node tree it came from, to find a path's line and column."""

    data: Any
    file: str
    root: yaml.Node | None

    def node_at(self, path: tuple[str | int, ...], key: bool = False) -> yaml.Node | None:
        node = self.root
        last = node
        for i, part in enumerate(path):
            if node is None:
                break
            if isinstance(node, yaml.MappingNode):
                found = None
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode) and nfc(k.value) == part:
                        found = k if (key and i == len(path) - 1) else v
                        break
                node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                node = None
            if node is not None:
                last = node
        return last

    def position(self, path: tuple[str | int, ...], key: bool = False) -> tuple[int | None, int | None]:
        node = self.node_at(path, key)
        if node is None:
            return None, None
        return node.start_mark.line + 1, node.start_mark.column + 1

    def problem(self, path: tuple[str | int, ...], message: str, *, key: bool = False,
                severity: str = "error") -> Problem:
        from hoinhap_cli.problems import format_path

        line, col = self.position(path, key)
        return Problem(self.file, line, col, message, severity, format_path(path))  # type: ignore[arg-type]

    def raw(self, path: tuple[str | int, ...]) -> str | None:
        """The text of a scalar as written in the file (e.g. '2.10' that YAML read as 2.1)."""
        node = self.node_at(path)
        return node.value if isinstance(node, yaml.ScalarNode) else None


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Bytes → text, or one problem saying what the bytes are and how to fix them."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(file, 1, 1, "the file is UTF-16: save it as UTF-8")]
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        hint = "it looks like UTF-16: save it as UTF-8" if raw[1:2] == b"\x00" or raw[:1] == b"\x00" \
            else "this is not a text file"
        return None, [Problem(file, line, None, f"a NUL byte: {hint}")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = err.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            Problem(
                file, line, col,
                f"byte 0x{raw[err.start]:02X} is not UTF-8: the file is in another encoding "
                "(Windows-1258, Latin-1, …); save it as UTF-8",
            )
        ]


def read(path: Path, file: str | None = None, max_bytes: int = MAX_BYTES) -> tuple[Located | None, list[Problem]]:
    """Read one YAML file. Returns (document, []) or (None, problems)."""
    name = file or str(path)
    raw, problems = read_bytes(path, name, max_bytes)
    if raw is None:
        return None, problems
    return parse(raw, name)


def read_bytes(path: Path, file: str | None = None, max_bytes: int = MAX_BYTES) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes (to hash them before parsing), or (None, problems) when unreadable or too big."""
    name = file or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, [Problem(name, None, None,
                                  f"the file is {size / 2**20:.0f} MiB, over the {max_bytes // 2**20} MiB limit")]
        return path.read_bytes(), []
    except OSError as err:
        return None, [Problem(name, None, None, f"cannot read the file: {err.strerror or err}")]


def parse(raw: bytes | str, file: str) -> tuple[Located | None, list[Problem]]:
    if isinstance(raw, bytes):
        text, problems = decode(raw, file)
        if text is None:
            return None, problems
    else:
        text = raw
    if "\t" in text:
        for lineno, line in enumerate(text.splitlines(), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t") and stripped.strip():
                return None, [Problem(file, lineno, len(line) - len(stripped) + 1,
                                      "a tab used for indentation: YAML indents with spaces only")]
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
        if "&" in text:
            _refuse_anchors(text, file)
    except _AnchorError as err:
        return None, [err.problem]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = err.problem or err.context or "invalid YAML"
        if err.context and err.problem:
            what = f"{err.problem} ({err.context})"
        began = err.context_mark
        if began is not None and mark is not None and began.line != mark.line:
            what += f"; it began at line {began.line + 1}, column {began.column + 1}"
        return None, [Problem(file, line, col, f"YAML syntax error: {what}")]
    except yaml.YAMLError as err:  # reader errors (control characters) and the like
        return None, [Problem(file, None, None, f"YAML error: {err}")]
    if root is None:
        return Located(None, file, None), []
    try:
        data = _walk(root, set())
    except _Refused as err:
        mark = err.node.start_mark
        return None, [Problem(file, mark.line + 1, mark.column + 1, err.message)]
    except RecursionError:
        return None, [Problem(file, None, None, "the YAML nests too deeply")]
    return Located(data, file, root), []


class _AnchorError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _refuse_anchors(text: str, file: str) -> None:
    scanner = (yaml.CLoader if _FAST else yaml.Loader)(text)  # type: ignore[attr-defined]
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                m = token.start_mark
                raise _AnchorError(Problem(file, m.line + 1, m.column + 1,
                                           "anchors (&) and aliases (*) are not allowed: write the value out"))
    finally:
        scanner.dispose()


def _walk(node: yaml.Node, seen: set[int]) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    ident = id(node)
    if ident in seen:  # a node reached twice is an alias: refuse before it can multiply
        raise _Refused(node, "anchors (&) and aliases (*) are not allowed: write the value out")
    seen.add(ident)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != SEQ:
            raise _Refused(node, f"the tag {node.tag} is not allowed")
        return [_walk(child, seen) for child in node.value]
    if node.tag != MAP:
        raise _Refused(node, f"the tag {node.tag} is not allowed")
    out: dict[Any, Any] = {}
    first: dict[Any, yaml.Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused(key_node, "a key must be plain text")
        if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<" and key_node.tag != STR:
            raise _Refused(key_node, "merge keys (<<) are not allowed: write the keys out")
        key = _scalar(key_node)
        if key in first:
            prev = first[key].start_mark
            raise _Refused(key_node, f"duplicate key '{key}' (first at line {prev.line + 1}): "
                                     "YAML keeps only one; remove or rename one of them")
        first[key] = key_node
        out[key] = _walk(value_node, seen)
    return out


# ---------------------------------------------------------------- writing


class _Dumper(yaml.SafeDumper):
    pass


def _str_presenter(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar(STR, value, style="|")
    return dumper.represent_scalar(STR, value)


_Dumper.add_representer(str, _str_presenter)
# Strings that YAML 1.1 readers (PyYAML, editors) take for booleans are quoted too.
_Dumper.add_implicit_resolver(BOOL, re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$"), list("yYnNoO"))
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp", re.compile(r"^\d{4}-\d{1,2}-\d{1,2}"), list("0123456789")
)


def dump(data: Any) -> str:
    """Stable YAML: block style, key order kept, UTF-8, no wrapping."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=float("inf"),  # type: ignore[arg-type]
        indent=2,
    )
