"""The YAML loader: what it refuses, and where (line and column, 1-based) it says the problem is."""

from __future__ import annotations

import unicodedata

import pytest

from hoinhap_cli.files.yamldump import dump
from hoinhap_cli.files.yamlio import parse


def only_problem(raw: bytes | str) -> str:
    doc, problems = parse(raw, "f.yaml")
    assert doc is None, f"accepted: {doc.data if doc else None!r}"
    assert len(problems) == 1, problems
    text = str(problems[0])
    assert "\n" not in text and "Traceback" not in text
    return text


REFUSED = [
    # name, bytes, where ("f.yaml:L:C: "), words in the message
    ("syntax error", b"a: 1\nb: c: d\n", "f.yaml:2:5: ", "YAML syntax error: mapping values are not allowed"),
    ("unclosed flow list", b"a: [1, 2\nb: 3\n", "f.yaml:1:4: ", "this bracket is not closed"),
    ("tab indentation", b"a:\n\tb: 1\n", "f.yaml:2:1: ", "a tab used for indentation"),
    ("tab after spaces", b"a:\n  b: 1\n  \tc: 2\n", "f.yaml:3:3: ", "a tab used for indentation"),
    ("unterminated double quote", b'a: 1\nb: "abc\nc: 2\n', "f.yaml:2:4: ", "never closed: add the closing quote"),
    ("unterminated single quote", b"a: 'abc\n", "f.yaml:1:4: ", "never closed: add the closing quote"),
    ("unclosed quote swallowing lines", b'a:\n  b: "abc\n  c: 1\n  d: "x"\n', "f.yaml:2:6: ",
     "runs on to line 4, where the file stops making sense"),
    ("duplicate key at the top", b"a: 1\nb: 2\na: 3\n", "f.yaml:3:1: ", "duplicate key 'a' (first at line 1)"),
    ("duplicate key in a task", b"tasks:\n  - id: '1.1'\n    title: x\n    id: '1.2'\n", "f.yaml:4:5: ",
     "duplicate key 'id' (first at line 2)"),
    ("duplicate key in a milestone",
     b"tasks:\n  - id: '1.1'\n    milestones:\n      - due: '2009'\n        source: a\n        source: b\n",
     "f.yaml:6:9: ", "duplicate key 'source' (first at line 5)"),
    ("anchor", b"a: &x 1\nb: 2\n", "f.yaml:1:4: ", "anchors (&) and aliases (*) are not allowed"),
    ("alias", b"a: &x [1]\nb: *x\n", "f.yaml:1:4: ", "anchors (&) and aliases (*) are not allowed"),
    ("alias without anchor", b"a: 1\nb: *x\n", "f.yaml:2:4: ", "anchors (&) and aliases (*) are not allowed"),
    ("python object tag", b"a: 1\nb: !!python/object/apply:os.system ['echo hi']\n", "f.yaml:2:4: ",
     "the tag !!python/object/apply:os.system is not allowed"),
    ("python name tag", b"b: !!python/name:os.system\n", "f.yaml:1:4: ", "is not allowed: write plain YAML"),
    ("local tag", b"a:\n  b: !secret x\n", "f.yaml:2:6: ", "the tag !secret is not allowed"),
    ("!!int on text", b"a: 1\nb: !!int abc\n", "f.yaml:2:4: ", "'abc' is not an integer, as its tag !!int says"),
    ("!!int on a decimal", b"b: !!int 1.5\n", "f.yaml:1:4: ", "'1.5' is not an integer"),
    ("!!float on text", b"b: !!float xyz\n", "f.yaml:1:4: ", "'xyz' is not a number, as its tag !!float says"),
    ("!!bool on text", b"b: !!bool maybe\n", "f.yaml:1:4: ", "'maybe' is not true or false"),
    ("!!null on text", b"b: !!null x\n", "f.yaml:1:4: ", "'x' is not null"),
    ("a list as a key", b"? [a]\n: 1\n", "f.yaml:1:3: ", "a key must be plain text"),
    ("two documents", b"a: 1\n---\nb: 2\n", "f.yaml:2:1: ", "another document"),
    ("Latin-1 bytes", "a: 1\nb: Café\n".encode("latin-1"), "f.yaml:2:7: ", "byte 0xE9 is not UTF-8"),
    ("Windows-1258 bytes", "title: V\u00ea\u0300\n".encode("cp1258"), "f.yaml:1:9: ", "byte 0xEA is not UTF-8"),
    ("Latin-1 after Vietnamese", "a: Phòng\nb: Kinh tế x".encode() + "é".encode("latin-1"), "f.yaml:2:13: ",
     "save it as UTF-8"),
    ("UTF-16 with BOM", "a: b\n".encode("utf-16"), "f.yaml:1:1: ", "the file is UTF-16"),
    ("UTF-16 big-endian", "a: b\n".encode("utf-16-be"), "f.yaml:1:1: ", "NUL byte: it looks like UTF-16"),
    ("a NUL byte", b"a: b\nc: d\x00e\n", "f.yaml:2:5: ", "a NUL byte"),
    ("a control character", b"a: 1\nb: x\x07y\n", "f.yaml:2:5: ", "U+0007 is not allowed in YAML"),
]


@pytest.mark.parametrize(("raw", "where", "words"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_refused_with_line_and_column(raw: bytes, where: str, words: str) -> None:
    text = only_problem(raw)
    assert text.startswith(where), text
    assert words in text, text


def test_alias_bomb_is_refused() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    assert "anchors (&) and aliases (*) are not allowed" in only_problem("\n".join(lines) + "\n")


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"# only\n# comments\n", b"\xef\xbb\xbf"])
def test_empty_or_comment_only_reads_as_no_data(raw: bytes) -> None:
    doc, problems = parse(raw, "f.yaml")
    assert problems == []
    assert doc is not None and doc.data is None  # the ledger turns this into "the file is empty" at 1:1


def test_bom_and_crlf_are_accepted() -> None:
    doc, problems = parse(b"\xef\xbb\xbfa: b\r\nc:\r\n  - d\r\n", "f.yaml")
    assert problems == []
    assert doc.data == {"a": "b", "c": ["d"]}
    assert doc.position(("c", 0)) == (3, 5)


def test_nfd_text_is_normalised_to_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "tên: Phòng Tài nguyên và Môi trường\n")
    doc, problems = parse(nfd.encode(), "f.yaml")
    assert problems == []
    [(key, value)] = doc.data.items()
    assert key == "tên" and value == "Phòng Tài nguyên và Môi trường"
    assert unicodedata.is_normalized("NFC", key + value)


@pytest.mark.parametrize(("text", "value"), [
    ("a: yes", "yes"),          # YAML 1.2: text, not true
    ("a: on", "on"),
    ("a: 2008-10-17", "2008-10-17"),  # a date is text
    ("a: 2.10", 2.1),           # a number: the schema asks to quote ids
    ('a: "2.10"', "2.10"),
    ("a: 010", 10),
    ("a: true", True),
    ("a: ~", None),
    ("a: 1:30", "1:30"),        # no sexagesimal
])
def test_yaml_1_2_scalars(text: str, value: object) -> None:
    doc, problems = parse(text + "\n", "f.yaml")
    assert problems == []
    assert doc.data["a"] == value and type(doc.data["a"]) is type(value)


def test_positions_and_raw_text() -> None:
    doc, _ = parse(b"tasks:\n  - id: 2.10\n    lead: [a, b]\n", "f.yaml")
    assert doc.position(("tasks", 0, "id")) == (2, 9)
    assert doc.position(("tasks", 0, "id"), key=True) == (2, 5)
    assert doc.position(("tasks", 0, "lead", 1)) == (3, 15)
    assert doc.raw(("tasks", 0, "id")) == "2.10"
    # a path that goes past the file falls back to the nearest node that exists
    assert doc.position(("tasks", 0, "lead", 7)) == (3, 11)
    assert doc.position(("tasks", 0, "title")) == (2, 5)


def test_dump_reads_back_and_keeps_vietnamese() -> None:
    data = {"id": "2.10", "yes": "yes", "day": "2009-12-31", "name": "Ủy ban nhân dân", "n": 7,
            "items": ["a", "dòng một\ndòng hai"]}
    text = dump(data)
    assert "\\u" not in text and "Ủy ban nhân dân" in text
    doc, problems = parse(text, "f.yaml")
    assert problems == [] and doc.data == data


PLAIN = ["true", "True", "TRUE", "tRue", "false", "FALSE", "null", "Null", "NULL", "nil", "~", "", "0", "010", "-5", "+7",
         "0o17", "0o8", "0x1F", "0xG", "0b1", "1_000", "2.10", ".5", "-.5", "1e3", "+.5e+3", ".inf", "-.Inf", "+.INF",
         "1:30", "2008-10-17", "-x", ".", "+", "task", "note", "forced", "yes", "Phòng", "<<"]


@pytest.mark.parametrize("word", PLAIN)
def test_plain_scalars_resolve_as_the_yaml_1_2_table_says(word: str) -> None:
    """The walk's shortcut (a word list, patterns only for what starts like a number) gives the
    tag Resolver12's table gives."""
    import yaml

    from hoinhap_cli.files import yamlio

    tag = yamlio.Resolver12().resolve(yaml.ScalarNode, word, (True, False))
    doc, problems = parse(f"a: {word}\n" if word else "a:\n", "f.yaml")
    assert problems == []
    value = doc.data["a"]
    expected = {yamlio.STR: str, yamlio.INT: int, yamlio.FLOAT: float, yamlio.BOOL: bool,
                yamlio.NULL: type(None)}[tag]
    assert type(value) is expected, (word, tag, value)


@pytest.mark.parametrize(("text", "value"), [("!!int 12", 12), ("!!float 12", 12.0), ("!!float 1.5", 1.5),
                                             ("!!bool false", False), ("!!null ~", None), ("!!str 12", "12"),
                                             ("-.inf", float("-inf"))])
def test_standard_tags_are_refused_like_any_tag(text: str, value: object) -> None:
    """Issue 19: docs/guarantees.md refuses any tag, and now so does the loader (`!!str 12` too)."""
    doc, problems = parse(f"a: {text}\n", "f.yaml")
    if not text.startswith("!"):
        assert problems == [] and doc is not None
        assert doc.data["a"] == value and type(doc.data["a"]) is type(value)
        return
    assert doc is None and len(problems) == 1 and (problems[0].line, problems[0].col) == (1, 4)
    assert f"the tag {text.split()[0]} is not allowed" in problems[0].text("en")


def test_nan_is_a_number_not_a_crash() -> None:
    """`.nan` is YAML 1.2's not-a-number; Python's float() does not read it as written."""
    for text in (".nan", ".NaN", ".NAN"):  # `!!float .nan`: a tag, refused (issue 19)
        doc, problems = parse(f"a: {text}\n", "f.yaml")
        assert problems == [] and doc is not None
        value = doc.data["a"]
        assert isinstance(value, float) and value != value  # NaN is the one float unequal to itself


def test_one_size_limit_by_default() -> None:
    """The loader's default (no PyYAML imported for it) is the reader's."""
    from hoinhap_cli.files import yamlio
    from hoinhap_cli.model import reportfiles

    assert reportfiles.MAX_BYTES == yamlio.MAX_BYTES == yamlio.MAX_MB * 2**20


@pytest.mark.parametrize("text", ["0E0", "1e5", "1E+5", "0o17", "+.5", "0x1F", "-.inf", "12", "true", "null", "~"])
def test_a_note_that_reads_as_a_number_is_written_quoted(text: str) -> None:
    """The writer quotes what YAML 1.1 leaves plain but the reader (YAML 1.2 core) takes for a
    number: a note "1e5" read back as 100000.0 would make the file invalid (hypothesis found 0E0)."""
    located, problems = parse(dump({"note": text}), "x.yaml")
    assert problems == [] and located is not None
    assert located.data["note"] == text
