"""The catalogue of broken plan files: one list, one entry per way a hand-edited plan goes wrong.

Each case makes the broken `plan.yaml` bytes from the shipped plan (or from scratch), says
where the problem must be reported (line and column, or only the line where the problem has
no column) and a fragment the message must contain. `test_plan_catalogue.py` feeds every
case to `hoinhap check` and `hoinhap export`.

Positions are given as a marker in the broken text (`At`), so the cases keep pointing at the
right place when data/plan.yaml is edited; `At` counts lines and columns independently of
the loader (characters, 1-based), which is what an editor shows.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Union

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = (ROOT / "data" / "plan.yaml").read_text(encoding="utf-8")


@dataclass(frozen=True)
class At:
    """Where `marker` starts in the broken file (its `nth` occurrence), shifted by `offset`."""

    marker: str
    nth: int | None = None  # None: the marker must occur exactly once
    offset: int = 0
    col: bool = True  # False: the problem has a line but no column

    def find(self, text: str) -> tuple[int, int | None]:
        if self.nth is None:
            assert text.count(self.marker) == 1, f"marker {self.marker!r} is not unique in the broken file"
        index = -1
        for _ in range(self.nth or 1):
            index = text.find(self.marker, index + 1)
            assert index >= 0, f"marker {self.marker!r} (#{self.nth}) is not in the broken file"
        index += self.offset
        line = text.count("\n", 0, index) + 1
        return line, (index - (text.rfind("\n", 0, index) + 1) + 1) if self.col else None


Where = Union[At, tuple[int, Union[int, None]], Callable[[], tuple[int, Union[int, None]]]]


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[], bytes]
    at: Where
    fragment: str

    def position(self, raw: bytes) -> tuple[int, int | None]:
        if isinstance(self.at, At):
            return self.at.find(raw.decode("utf-8-sig", "replace"))
        if callable(self.at):
            return self.at()
        return self.at


# ------------------------------------------------------------------ how broken files are made


def edit(old: str, new: str, nth: int = 1) -> Callable[[], bytes]:
    """The shipped plan with the nth occurrence of `old` replaced by `new`."""

    def build() -> bytes:
        index = -1
        for _ in range(nth):
            index = SHIPPED.find(old, index + 1)
            assert index >= 0, f"{old!r} (#{nth}) is no longer in data/plan.yaml"
        return (SHIPPED[:index] + new + SHIPPED[index + len(old):]).encode("utf-8")

    return build


def append(extra: str) -> Callable[[], bytes]:
    return lambda: (SHIPPED + extra).encode("utf-8")


def scratch(content: bytes | str) -> Callable[[], bytes]:
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return lambda: raw


def then(build: Callable[[], bytes], change: Callable[[bytes], bytes]) -> Callable[[], bytes]:
    return lambda: change(build())


def windows_1258(text: str) -> bytes:
    """Text as a Vietnamese Windows editor saves it: base letters, letter marks, tone as a combining mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        for cut in range(len(parts), 0, -1):
            try:
                out += unicodedata.normalize("NFC", parts[:cut]).encode("cp1258") + parts[cut:].encode("cp1258")
                break
            except UnicodeEncodeError:
                continue
        else:
            out += b"?"
    return bytes(out)


def first_char(predicate: Callable[[str], bool]) -> Callable[[], tuple[int, int]]:
    """Line and column of the first character of the shipped plan that `predicate` accepts."""

    def where() -> tuple[int, int]:
        index = next(i for i, ch in enumerate(SHIPPED) if predicate(ch))
        return SHIPPED.count("\n", 0, index) + 1, index - (SHIPPED.rfind("\n", 0, index) + 1) + 1

    return where


def alias_bomb(levels: int = 9) -> str:
    """The "billion laughs": 9 levels of 9 aliases expand to 9**9 (387 million) strings."""
    names = "abcdefghijklmnopqrstuvwxyz"
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        prev = names[i - 1]
        lines.append(f"{names[i]}: &{names[i]} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + "\n"


def binary() -> bytes:
    rnd = random.Random(20081017)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rnd.randbytes(4096)


def crlf_bom(raw: bytes) -> bytes:
    return b"\xef\xbb\xbf" + raw.replace(b"\n", b"\r\n")


ISSUER = "  issuer: Ủy ban nhân dân quận 2"
LEAD_11 = "    lead: [phong-vhtt, trung-tam-van-hoa]"  # task 1.1
DUE_11 = "      - due: 2008-Q3\n"  # task 1.1, first milestone

CASES: list[Case] = [
    # ---------------------------------------------------------------- YAML
    Case("yaml-syntax-error", edit(ISSUER, "  issuer: Ủy ban: nhân dân quận 2"),
         At("Ủy ban:", offset=6), "mapping values are not allowed"),
    Case("yaml-tab-indentation", edit(ISSUER, "\tissuer: Ủy ban nhân dân quận 2"),
         At("\tissuer"), "tab used for indentation"),
    Case("yaml-tab-after-spaces", edit(LEAD_11, "  \t  lead: [phong-vhtt, trung-tam-van-hoa]"),
         At("\t  lead", offset=0), "tab used for indentation"),
    Case("yaml-unterminated-quote", edit('signed_on: "2008-10-17"', 'signed_on: "2008-10-17'),
         At('"2008-10-17'), "closing quote"),
    Case("yaml-quote-open-at-end", append('\nextra: "never closed\n'),
         At('"never closed'), "never closed"),
    Case("yaml-unclosed-bracket", edit(LEAD_11, "    lead: [phong-vhtt, trung-tam-van-hoa"),
         At("[phong-vhtt, trung-tam-van-hoa\n"), "not closed"),
    Case("yaml-duplicate-key-top", append("\nunits: []\n"), At("\nunits: []", offset=1), "duplicate key 'units'"),
    Case("yaml-duplicate-key-task", edit('    program: "1"\n', '    program: "1"\n    program: "2"\n'),
         At('"1"\n    program: "2"', offset=8), "duplicate key 'program'"),
    Case("yaml-duplicate-key-milestone", edit(DUE_11, DUE_11 + "        due: 2008-Q4\n"),
         At("2008-Q3\n        due: 2008-Q4", offset=16), "duplicate key 'due'"),
    Case("yaml-duplicate-key-flow", edit('{start: "2008-01-01", end: "2010-12-31"}',
                                         '{start: "2008-01-01", start: "2010-12-31"}'),
         At('start: "2010'), "duplicate key 'start'"),
    Case("yaml-anchor", edit(ISSUER, "  issuer: &issuer Ủy ban nhân dân quận 2"), At("&issuer"), "anchors (&)"),
    Case("yaml-anchor-and-alias", then(edit(LEAD_11, "    lead: &vh [phong-vhtt, trung-tam-van-hoa]"),
                                       lambda raw: raw.replace(b"    lead: [phong-kinh-te]\n",
                                                               b"    lead: *vh\n", 1)),
         At("&vh"), "aliases (*)"),
    Case("yaml-alias-undefined", edit(LEAD_11, "    lead: *units"), At("*units"), "alias"),
    Case("yaml-merge-key", edit(ISSUER, "  <<: {issuer: x}\n" + ISSUER), At("<<"), "<<"),
    Case("yaml-alias-bomb", scratch(alias_bomb()), At("&a"), "anchors (&)"),
    Case("yaml-tag-python-object", edit(ISSUER, '  issuer: !!python/object/apply:os.system ["touch pwned"]'),
         At("!!python"), "!!python/object/apply:os.system is not allowed"),
    Case("yaml-tag-python-name", edit(ISSUER, "  issuer: !!python/name:os.system x"),
         At("!!python"), "is not allowed"),
    Case("yaml-tag-binary", edit(ISSUER, "  issuer: !!binary aGVsbG8="), At("!!binary"), "!!binary is not allowed"),
    Case("yaml-tag-set", edit("  legal_bases:\n", "  reviews2: !!set {a, b}\n  legal_bases:\n"),
         At("!!set"), "!!set is not allowed"),
    Case("yaml-tag-local", edit(ISSUER, "  issuer: !vi Ủy ban nhân dân quận 2"), At("!vi"), "!vi is not allowed"),
    Case("yaml-two-documents", append("---\nextra: 1\n"), At("---\nextra"), "another document"),
    Case("yaml-deep-nesting", scratch("decision: " + "[" * 5000 + "]" * 5000 + "\n"), (1, 10 + 1000),
         "nesting depth"),
    Case("yaml-complex-key", append("? [a, b]\n: c\n"), At("[a, b]"), "a key must be plain text"),
    Case("yaml-control-character", edit(ISSUER, "  issuer: Ủy ban\x07 nhân dân quận 2"), At("\x07"), "U+0007"),
    # ---------------------------------------------------------------- file shape and bytes
    Case("file-empty", scratch(b""), (1, 1), "empty"),
    Case("file-only-comment", scratch("# chỉ có một dòng chú thích\n"), (1, 1), "empty"),
    Case("file-only-bom-and-blank-lines", scratch(b"\xef\xbb\xbf\n\n\n"), (1, 1), "empty"),
    Case("file-root-list", scratch("- decision\n- tasks\n"), (1, 1), "a list"),
    Case("file-root-string", scratch("kế hoạch hội nhập\n"), (1, 1), "a single value"),
    Case("file-binary", scratch(binary()), (3, 1), "NUL byte"),
    Case("file-windows-1258", lambda: windows_1258(SHIPPED), first_char(lambda ch: ord(ch) > 127),
         "Windows-1258"),
    Case("file-latin-1", lambda: SHIPPED.encode("latin-1", "replace"), first_char(lambda ch: 127 < ord(ch) < 256),
         "Latin-1"),
    Case("file-utf-16-bom", lambda: SHIPPED.encode("utf-16"), (1, 1), "UTF-16"),
    Case("file-utf-16-le-no-bom", lambda: SHIPPED.encode("utf-16-le"), (1, 2), "UTF-16"),
    Case("file-utf-16-be-no-bom", lambda: SHIPPED.encode("utf-16-be"), (1, 1), "UTF-16"),
    Case("file-surrogate-bytes", then(edit(ISSUER, ISSUER + "@"), lambda raw: raw.replace(b"2@", b"2\xed\xa0\x80", 1)),
         At(ISSUER, offset=len(ISSUER)), "not UTF-8"),
    Case("file-bom-crlf-with-error", then(edit(LEAD_11, "    lead_unit: [phong-vhtt, trung-tam-van-hoa]"), crlf_bom),
         At("lead_unit"), "unknown key 'lead_unit'"),
    # ---------------------------------------------------------------- schema
    Case("schema-unknown-key-lead-unit", edit(LEAD_11, "    lead_unit: [phong-vhtt, trung-tam-van-hoa]"),
         At("lead_unit"), "did you mean 'lead'"),
    Case("schema-unknown-top-key", edit("\nevents:\n", "\nevent:\n"), At("\nevent:\n", offset=1),
         "unknown key 'event'"),
    Case("schema-missing-required-task-field", edit('    program: "1"\n', ""), At('- id: "1.1"', offset=2),
         "missing required key 'program'"),
    Case("schema-missing-required-decision-field", edit(ISSUER + "\n", ""),
         At("  number: 02/2008", offset=2), "missing required key 'issuer'"),
    Case("schema-null-for-text", edit(ISSUER + "\n", "  issuer:\n"), At("  issuer:\n", offset=9),
         "got nothing"),
    Case("schema-empty-text", edit(ISSUER + "\n", '  issuer: ""\n'), At('issuer: ""', offset=8),
         "must not be empty"),
    Case("schema-list-for-text", edit(ISSUER, "  issuer: [Ủy ban, nhân dân]"), At("[Ủy ban"),
         "expected text, got a list"),
    Case("schema-text-for-list", edit(LEAD_11, "    lead: phong-vhtt"), At("lead: phong-vhtt", offset=6),
         "expected a list"),
    Case("schema-text-for-number", edit("effective_after_days: 7", "effective_after_days: bảy"),
         At("effective_after_days: bảy", offset=22),
         "expected a whole number"),
    Case("schema-negative-number", edit("effective_after_days: 7", "effective_after_days: -7"), At("-7"),
         "too small"),
    Case("schema-yes-for-boolean", edit("    id_assigned: true", "    id_assigned: yes"),
         At("id_assigned: yes", offset=13),
         "expected true or false"),
    Case("schema-unquoted-id-2.10", edit('  - id: "2.10"\n', "  - id: 2.10\n"), At("id: 2.10\n", offset=4),
         'quote it: "2.10"'),
    Case("schema-unquoted-program", edit('    program: "1"\n', "    program: 1\n"), At("program: 1\n", offset=9),
         "read as a number"),
    Case("schema-bad-task-id", edit('  - id: "1.1"', '  - id: "1.1A"'), At('"1.1A"'), "not a valid id"),
    Case("schema-bad-unit-id", edit(LEAD_11, "    lead: [Phong-VHTT, trung-tam-van-hoa]"), At("Phong-VHTT"),
         "lower-case ASCII"),
    Case("schema-no-milestones", edit("    milestones:\n      - due: 2008-Q4..2009-Q2\n"
                                      "        source: Từ quý IV - 2008 đến quý II - 2009\n", "    milestones: []\n"),
         At("milestones: []", offset=12), "at least one milestone"),
    Case("schema-bad-date", edit('signed_on: "2008-10-17"', 'signed_on: "2008-10-32"'), At('"2008-10-32"'),
         "no such day"),
    # ---------------------------------------------------------------- cross-references
    Case("ref-duplicate-task-id", edit('  - id: "1.2"', '  - id: "1.1"'), At('- id: "1.1"', nth=2, offset=6),
         "duplicate task id '1.1'"),
    Case("ref-duplicate-unit-id", edit("  - id: phong-kinh-te\n", "  - id: phong-kinh-te\n    name: x\n"
                                       "    kind: phòng\n  - id: phong-kinh-te\n"),
         At("id: phong-kinh-te\n", nth=2, offset=4), "duplicate unit id 'phong-kinh-te'"),
    Case("ref-unknown-unit", edit(LEAD_11, "    lead: [phong-vhttt, trung-tam-van-hoa]"), At("phong-vhttt"),
         "did you mean 'phong-vhtt'"),
    Case("ref-unknown-standing-agency", edit("standing_agency: phong-kinh-te", "standing_agency: phong-kinh-tee"),
         At("phong-kinh-tee"), "unknown unit 'phong-kinh-tee'"),
    Case("ref-unknown-programme", edit('    program: "1"\n', '    program: "19"\n'), At('"19"'),
         "unknown programme '19'"),
    Case("ref-unknown-units-from", edit('    units_from: "2.7"\n', '    units_from: "2.77"\n'), At('"2.77"'),
         "unknown task '2.77'"),
    Case("ref-product-out-of-range", edit(DUE_11, DUE_11 + "        product: 9\n"), At("product: 9", offset=9),
         "product 9 does not exist"),
    Case("ref-period-ends-before-start", edit('end: "2010-12-31"}', 'end: "2007-12-31"}'), At('"2007-12-31"'),
         "ends before it starts"),
    # ---------------------------------------------------------------- deadlines
    Case("deadline-quarter-5", edit(DUE_11, "      - due: 2008-Q5\n"), At("2008-Q5"), "quarter 5"),
    Case("deadline-no-such-day", edit(DUE_11, '      - due: "2009-02-30"\n'), At('"2009-02-30"'), "no such day"),
    Case("deadline-span-backwards", edit(DUE_11, "      - due: 2009-Q2..2008-Q4\n"), At("2009-Q2..2008-Q4"),
         "ends before it starts"),
    Case("deadline-recurring-outside-plan", edit(DUE_11, "      - due: every quarter 2011\n"),
         At("every quarter 2011"), "outside the plan period"),
    Case("deadline-unknown-event", edit(DUE_11, "      - due: after tp-phe-duyet-nham\n"),
         At("after tp-phe-duyet-nham"), "unknown event 'tp-phe-duyet-nham'"),
    Case("deadline-gibberish", edit(DUE_11, "      - due: sometime soon\n"), At("sometime soon"),
         "is not a deadline"),
    Case("deadline-number", edit(DUE_11, "      - due: 2009\n"), At("due: 2009\n", offset=5), "not a number"),
    # ---------------------------------------------------------------- invisible characters
    Case("invisible-zwsp-in-task-id", edit('  - id: "1.1"', '  - id: "1.\u200b1"'), At('"1.\u200b1"'),
         "ZERO WIDTH SPACE"),
    Case("invisible-nbsp-in-task-id", edit('  - id: "1.1"', '  - id: "1.1\u00a0"'), At('"1.1\u00a0"'),
         "NO-BREAK SPACE"),
    Case("invisible-zwsp-in-unit-id", edit("  - id: phong-kinh-te\n", "  - id: phong-\u200bkinh-te\n"),
         At("phong-\u200bkinh-te"), "ZERO WIDTH SPACE"),
    Case("invisible-nbsp-in-unit-ref", edit(LEAD_11, "    lead: [phong-vhtt\u00a0, trung-tam-van-hoa]"),
         At("phong-vhtt\u00a0"), "NO-BREAK SPACE"),
    Case("invisible-zwsp-in-unit-ref", edit(LEAD_11, "    lead: [phong-\u200bvhtt, trung-tam-van-hoa]"),
         At("phong-\u200bvhtt"), "ZERO WIDTH SPACE"),
]
