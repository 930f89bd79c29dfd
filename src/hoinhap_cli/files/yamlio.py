"""Reading YAML (with `yamldump`, the only modules that touch YAML).

Reading: bytes are checked (size, encoding, BOM), parsed by libyaml's C parser when present,
and walked once to build plain Python values with YAML 1.2 scalars (``yes`` is text, a date
is text, ``2.10`` is a number). The walk refuses what PyYAML would silently accept:
duplicate keys, anchors and aliases, tags. It never raises on bad input: problems come back
as values with line and column. `Located.position(path)` maps a data path back to the file.

Writing is in `yamldump`.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from hoinhap_cli.files import plainfiles, yamlsaid, yamltags
from hoinhap_cli.words.problems import Problem, Words, format_path, words
from hoinhap_cli.words.text import nfc

# Reading costs tens of bytes of memory per byte of YAML (benchmarks/README.md). The real plan
# is ~0.1 MiB, so 10 MiB is generous and stays far below a 500 MB memory goal; HOINHAP_MAX_MB
# raises it for whoever really needs more.
MAX_MB = 10
MAX_BYTES = MAX_MB * 2**20  # the default of every reader here (reportfiles.MAX_BYTES is the same)
MAX_MB_ENV = "HOINHAP_MAX_MB"  # named in the refusal: the CLI reads it (cli.common.max_bytes)

try:  # libyaml's parser: faster, and its nodes still carry line/column marks
    from yaml._yaml import CParser as _CParser

    FAST = True
except ImportError:  # pragma: no cover - pure-Python PyYAML
    FAST = False

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


# What the composer's `resolve` gives an untagged plain scalar: the walk resolves it (`_plain`).
# Not a possible tag: a tag never holds a space.
_PLAIN = "? plain scalar"
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = Resolver12.yaml_implicit_resolvers


class _Cheap:
    """The composer's resolver hooks, reduced to what the walk needs.

    libyaml's composer calls `descend_resolver`, `resolve` and `ascend_resolver` in Python for
    every node; PyYAML's versions (path resolvers, a regular-expression table per scalar) cost
    a large share of composing. Here: no path resolvers, and `resolve` only tells a
    plain scalar (`_PLAIN`, resolved by the walk, which skips scalars that cannot be anything
    but text) from a quoted one (text) and a sequence from a mapping.
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else STR
        return SEQ if kind is yaml.SequenceNode else MAP


if FAST:

    class _Loader(_Cheap, _CParser):
        pass

else:  # pragma: no cover

    class _Loader(  # type: ignore[no-redef]
        _Cheap, yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)


# Resolver12's table, answered faster: the plain scalars that are booleans or null are a few
# words (a dict lookup), and only a scalar starting like a number is tried against its patterns.
_WORDS: dict[str, Any] = {**dict.fromkeys(("true", "True", "TRUE"), True),
                          **dict.fromkeys(("false", "False", "FALSE"), False),
                          **dict.fromkeys(("~", "null", "Null", "NULL", ""), None)}
_NUMERIC = frozenset("-+0123456789.")
_TEXT = object()  # not in _WORDS


def _number(value: str) -> str:
    """The tag of a plain scalar that starts like a number: INT, FLOAT or (e.g. 2008-10-17) STR."""
    for tag, regexp in _IMPLICIT[value[0]]:
        if regexp.match(value):
            return tag
    return STR


def implicit_tag(value: str) -> str:
    """The tag a plain scalar with this text resolves to (YAML 1.2 core schema)."""
    word = _WORDS.get(value, _TEXT)
    if word is not _TEXT:
        return NULL if word is None else BOOL
    return _number(value) if value[0] in _NUMERIC else STR


_KINDS = {INT: "an integer", FLOAT: "a number", BOOL: "true or false", NULL: "null"}


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag is _PLAIN:
        word = _WORDS.get(value, _TEXT)
        if word is not _TEXT:
            return word
        if value[0] not in _NUMERIC:  # most text: no number starts so
            return value if value.isascii() else nfc(value)
        tag = _number(value)
    elif tag in _KINDS and implicit_tag(value) not in (tag, INT if tag == FLOAT else tag):  # `!!int abc`
        raise _Refused(node, words("yaml.tag_mismatch", value=value, kind=_KINDS[tag], tag=_short(tag)))
    if tag == STR:
        return value if value.isascii() else nfc(value)
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
        if low == ".nan":
            return float("nan")
        return float(value)
    raise _Refused(node, _tag_refused(tag))


def _short(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _tag_refused(tag: str) -> Words:
    return words("yaml.tag", tag=_short(tag))


_NO_ANCHORS = words("yaml.anchors")


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str | Words, key: bool = False):
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

    def problem(self, path: tuple[str | int, ...], message: str | Words, *, key: bool = False,
                severity: str = "error") -> Problem:
        line, col = self.position(path, key)
        return Problem(self.file, line, col, message, severity, format_path(path))  # type: ignore[arg-type]

    def scalars(self) -> Iterator[tuple[str, int, int]]:
        """Every scalar of the document, keys and values, in file order: (its text, line, column)."""
        stack = [self.root] if self.root is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.ScalarNode):
                yield node.value, node.start_mark.line + 1, node.start_mark.column + 1
            elif isinstance(node, yaml.MappingNode):
                stack.extend(part for pair in reversed(node.value) for part in reversed(pair))
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(reversed(node.value))

    def raw(self, path: tuple[str | int, ...]) -> str | None:
        """The text of a scalar as written in the file (e.g. '2.10' that YAML read as 2.1)."""
        node = self.node_at(path)
        return node.value if isinstance(node, yaml.ScalarNode) else None


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """Bytes → text, or one problem saying what the bytes are and how to fix them."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(file, 1, 1, words("yaml.utf16"))]
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        before = raw[:offset]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        hint = "yaml.nul.utf16" if raw[1:2] == b"\x00" or raw[:1] == b"\x00" else "yaml.nul.binary"
        return None, [Problem(file, line, col, words(hint))]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        # a column in characters, as editors count: the bytes before the bad one are valid UTF-8
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8")) + 1
        return None, [
            Problem(
                file, line, col,
                words("yaml.not_utf8", byte=f"0x{raw[err.start]:02X}"),
            )
        ]


def read(path: Path, file: str | None = None, max_bytes: int = MAX_BYTES) -> tuple[Located | None, list[Problem]]:
    """Read one YAML file. Returns (document, []) or (None, problems).

    A file over `max_bytes` is refused before it is read,
    so a huge file costs no memory.
    """
    name = file or str(path)
    raw, problems = read_bytes(path, name, max_bytes)
    if raw is None:
        return None, problems
    return parse(raw, name)


def read_bytes(path: Path | str, file: str | None = None,
               max_bytes: int = MAX_BYTES) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes (to hash them before parsing), or (None, problems) when unreadable or too big.

    A file over `max_bytes` is refused before it is read, so a huge file costs no memory; one
    that grows past it while read (a file in /proc says its size is 0) is refused after at most
    `max_bytes` + 1 bytes. Only a regular file is read: a FIFO (which would block), a device
    (`/dev/zero`, endless) or a folder is refused without reading a byte.
    """
    name = file or str(path)
    limit = max_bytes
    try:  # one open, its kind and size from the open file (thousands of reports per run)
        with open(path, "rb", opener=_nonblocking) as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                return None, [Problem(name, None, None, words("yaml.not_regular", kind=plainfiles.kind(st.st_mode)))]
            raw = f.read(st.st_size + 1) if st.st_size <= limit else None  # one byte more: did it grow?
            if raw is not None and len(raw) > st.st_size:  # it did, or /proc: the rest, up to the limit
                raw += f.read(limit + 1 - len(raw))
            if raw is None or len(raw) > limit:
                size = st.st_size if raw is None else max(st.st_size, len(raw))
                return None, [Problem(
                    name, 1, None,
                    words("yaml.too_big", size=f"{size / 2**20:.1f}", limit=f"{limit / 2**20:g}", env=MAX_MB_ENV,
                          raise_to=int(size / 2**20) + 1))]
            return raw, []
    except OSError as err:
        return None, [Problem(name, None, None, words("yaml.unreadable", error=err.strerror or err))]


def _nonblocking(path: str, flags: int) -> int:
    """Opened without waiting: a FIFO opens at once (and is then refused), not when a writer comes."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


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
                                      words("yaml.tab"))]
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
        return None, [yamlsaid.syntax_problem(err, text, file, FAST)]
    except yaml.reader.ReaderError as err:  # a control character: libyaml gives a byte offset, not a mark
        at_line, at_col = _line_col(text, err.position)
        what = f"U+{err.character:04X}" if isinstance(err.character, int) else repr(err.character)
        return None, [Problem(file, at_line, at_col, words("yaml.char", char=what, reason=yamlsaid.said(err.reason)))]
    except yaml.YAMLError as err:  # pragma: no cover - every libyaml error is one of the above
        return None, [Problem(file, 1, None, words("yaml.error", error=str(err)))]
    if root is None:
        return Located(None, file, None), []
    try:
        data = _walk(root, set())
    except _Refused as err:
        mark = err.node.start_mark
        return None, [Problem(file, mark.line + 1, mark.column + 1, err.message)]
    except RecursionError:
        return None, [Problem(file, None, None, words("yaml.deep"))]
    if "!" in text and (tagged := yamltags.first_tag(text, file)) is not None:  # `!!str 12` composes as text
        return None, [tagged]
    return Located(data, file, root), []


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """Line and column of a UTF-8 byte offset (libyaml's reader counts bytes of its UTF-8 input)."""
    before = text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "replace")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


class _AnchorError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _refuse_anchors(text: str, file: str) -> None:
    scanner = (yaml.CLoader if FAST else yaml.Loader)(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                m = token.start_mark
                raise _AnchorError(Problem(file, m.line + 1, m.column + 1,
                                           _NO_ANCHORS))
    finally:
        scanner.dispose()


_ScalarNode, _SequenceNode = yaml.ScalarNode, yaml.SequenceNode


def _walk(node: yaml.Node, seen: set[int]) -> Any:
    if node.__class__ is _ScalarNode:
        return _scalar(node)
    ident = id(node)
    if ident in seen:  # a node reached twice is an alias: refuse before it can multiply
        raise _Refused(node, _NO_ANCHORS)
    seen.add(ident)
    if node.__class__ is _SequenceNode:
        if node.tag != SEQ:
            raise _Refused(node, _tag_refused(node.tag))
        return [_scalar(child) if child.__class__ is _ScalarNode else _walk(child, seen) for child in node.value]
    if node.tag != MAP:
        raise _Refused(node, _tag_refused(node.tag))
    out: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not _ScalarNode:
            raise _Refused(key_node, words("yaml.key_text"))
        if key_node.tag == "tag:yaml.org,2002:merge" or key_node.value == "<<" and key_node.tag not in (STR, _PLAIN):
            raise _Refused(key_node, words("yaml.merge"))
        key = _scalar(key_node)
        if key in out:
            prev = next(k for k, _ in node.value if _scalar(k) == key).start_mark
            raise _Refused(key_node, words("yaml.duplicate_key", field=key, line=prev.line + 1))
        out[key] = _scalar(value_node) if value_node.__class__ is _ScalarNode else _walk(value_node, seen)
    return out
