"""Vietnamese text: NFC, folding for search, natural order of ids, Vietnamese collation; and
`shown`, the one escape of everything printed."""

from __future__ import annotations

import re
import textwrap
import unicodedata
from types import ModuleType

_COMBINING_TONES = {
    "\u0300": 1,  # huyền
    "\u0309": 2,  # hỏi
    "\u0303": 3,  # ngã
    "\u0301": 4,  # sắc
    "\u0323": 5,  # nặng
}
_LETTER_MARKS = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}  # ă/â/ê/ô, ơ/ư
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_RANK = {letter: i for i, letter in enumerate(_ALPHABET)}

# Characters that look like nothing or like a space: refused inside ids, stripped in search.
INVISIBLE = {
    "\u00a0": "NO-BREAK SPACE",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE (BOM)",
    "\u202f": "NARROW NO-BREAK SPACE",
}


# Never printed raw, whatever the text's origin (plan, report, form, file name, argument): C0 and
# C1 controls (ESC opens a terminal's escape sequences, OSC retitles the window, CR and FF
# overwrite lines), DEL, bidirectional controls (U+202E turns the rest of a line around), the
# line and paragraph separators, noncharacters U+FFFE/U+FFFF and lone surrogates.
_UNSHOWN = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
            "\ufffe\uffff\ud800-\udfff")
_UNSHOWN_IN_TEXT = re.compile(f"[{_UNSHOWN}]")
_UNSHOWN_IN_LINE = re.compile(f"[\t\n{_UNSHOWN}]")


def _code(m: re.Match[str]) -> str:
    return f"<U+{ord(m.group()):04X}>"


def shown(text: str, one_line: bool = False) -> str:
    """`text` as it may be printed: every character above written as <U+XXXX> (`<U+001B>`,
    `<U+202E>`); tab and line break kept, unless `one_line` (a value inside a message, a file
    name: it must not start a line of its own)."""
    if text.isprintable():  # false for every character escaped, so most texts cost one C call
        return text
    return (_UNSHOWN_IN_LINE if one_line else _UNSHOWN_IN_TEXT).sub(_code, text)


def u_escaped(text: str) -> str:
    """JSON or YAML text with the characters `shown` escapes written as \\uXXXX, the escape both
    read back (in JSON strings; in YAML double-quoted ones, see `yamldump.printed`): as safe to
    print, and the same data for whoever decodes it. (JSON escapes C0 controls itself, but not C1
    nor bidirectional ones; PyYAML writes them raw.)"""
    return _UNSHOWN_IN_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shown_all(texts: list[str]) -> list[str]:
    """`shown` of each (tab and line break kept), with one test for the whole column."""
    if "".join(texts).isprintable():
        return texts
    return [shown(text) for text in texts]


def invisible_in(text: str) -> tuple[str, str] | None:
    """The first invisible character in a text and its name, or None."""
    for ch in text:
        if ch in INVISIBLE:
            return ch, INVISIBLE[ch]
    return hidden(text)  # bidi controls, soft hyphen, CGJ, variation selectors, tag characters


def hidden(text: str) -> tuple[str, str] | None:
    """The first character of `text` that shows as nothing (format characters: bidi controls,
    soft hyphen, tag characters; the combining grapheme joiner; variation selectors) and its
    name, e.g. ('\\u200e', 'LEFT-TO-RIGHT MARK'); None when there is none."""
    if text.isascii():
        return None
    for ch in text:
        code = ord(ch)
        if (unicodedata.category(ch) == "Cf" or code == 0x034F or 0xFE00 <= code <= 0xFE0F
                or 0xE0100 <= code <= 0xE01EF):
            return ch, unicodedata.name(ch, f"U+{code:04X}")
    return None


def refused_in_text(text: str) -> str | None:
    """The first character free text (a note) may not hold, or None.

    Refused: control characters other than tab and line feed (NUL, CR, ESC, DEL, the C1
    controls — NEL among them, which YAML reads as a line break, so it would not come back),
    unpaired surrogates (not Unicode text: a byte that was not UTF-8) and U+FFFE/U+FFFF. YAML
    can keep most of these only as escapes in double quotes, invisible to whoever edits the
    file, and a terminal may act on them when `log` prints the note.
    """
    for ch in text:
        code = ord(ch)
        if ch in "\t\n":
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
            return ch
    return None


def describe_char(ch: str) -> str:
    """'U+001B (ESCAPE)', and what a lone surrogate means: a byte that was not UTF-8."""
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"the byte 0x{code - 0xDC00:02X}, which is not UTF-8 (is the terminal set to UTF-8?)"
    if 0xD800 <= code <= 0xDFFF:
        return f"U+{code:04X} (an unpaired surrogate, not a character)"
    names = {0x00: "NUL", 0x09: "TAB", 0x0A: "LINE FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE",
             0x7F: "DELETE", 0x85: "NEXT LINE"}
    name = names.get(code) or unicodedata.name(ch, "a control character" if code < 0xA0 else "a noncharacter")
    return f"U+{code:04X} ({name})"


def nfc(text: str) -> str:
    if unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, strip tones and letter marks, đ→d, collapse spaces: the key for search."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for ch in INVISIBLE:
        stripped = stripped.replace(ch, " ")
    return " ".join(stripped.casefold().split())


_ID_CHUNK = re.compile(r"(\d+)")


def natural_key(task_id: str) -> tuple[tuple[int, int | str], ...]:
    """Order ids the way people read them: 1.2 < 1.10 < 2.1, 2.7 < 2.7a < 2.8."""
    key: list[tuple[int, int | str]] = []
    for chunk in _ID_CHUNK.split(task_id):
        if not chunk or chunk == ".":
            continue
        if chunk.isdecimal():  # not isdigit(): "²" is a digit that int() refuses
            key.append((0, int(chunk)))
        else:
            key.append((1, chunk.strip(".")))
    return tuple(key)


def normalise_id(text: str) -> str:
    """Read an id typed loosely: '2,10' → '2.10', ' 3.2.4A ' → '3.2.4a'."""
    return nfc(text).strip().replace(",", ".").rstrip(".").lower()


def collation_key(text: str) -> tuple[tuple[tuple[tuple[int, ...], int], ...], str]:
    """Vietnamese alphabetical order: a ă â b c d đ e ê …; tones after the base letter.

    Compared syllable by syllable, as Vietnamese dictionaries do: within a syllable the letters
    first, then the tone (ngang, huyền, hỏi, ngã, sắc, nặng) — so "ba mươi" < "bà con" and
    "Đức" comes after "Dung", not after "Z". A syllable has one tone wherever its mark sits
    ("Ủy" and "Uỷ" sort alike). Case only breaks ties.
    """
    return tuple(_syllable_key(word) for word in text.casefold().split()), text


def _syllable_key(word: str) -> tuple[tuple[int, ...], int]:
    letters: list[int] = []
    tone = 0
    decomposed = unicodedata.normalize("NFD", word.replace("ð", "đ"))  # Icelandic eth typed for Đ
    i = 0
    while i < len(decomposed):
        base = decomposed[i]
        i += 1
        while i < len(decomposed) and unicodedata.combining(decomposed[i]):
            mark = decomposed[i]
            if mark in _LETTER_MARKS:
                base = unicodedata.normalize("NFC", base + mark)
            elif mark in _COMBINING_TONES:
                tone = tone or _COMBINING_TONES[mark]
            i += 1
        rank = _RANK.get(base)
        if rank is None:
            # digits and punctuation before letters, other scripts after, in code-point order
            rank = -1_000_000 + ord(base) if not base.isalpha() else 1000 + ord(base)
        letters.append(rank)
    return tuple(letters), tone


def similar(word: str, candidates: list[str], limit: int = 3) -> list[str]:
    """The candidates nearest to a word, compared folded (for 'did you mean')."""
    folded = {fold(c): c for c in candidates}
    return [folded[m] for m in _difflib().get_close_matches(fold(word), list(folded), n=limit, cutoff=0.5)]


def closeness(a: str, b: str) -> float:
    """How alike two texts are, 0 to 1 (difflib's ratio), for 'did you mean'."""
    return float(_difflib().SequenceMatcher(None, a, b).ratio())


def _difflib() -> ModuleType:
    import difflib  # only when a name is not found: every run imports text.py

    return difflib


_SWAP_SEPARATORS = str.maketrans(",.", ".,")


def decimal(value: float, digits: int = 1, lang: str = "vi") -> str:
    """A number as the reader writes it: "12,5" in Vietnamese (comma for decimals, dot for
    thousands: "1.234,5"), "12.5" / "1,234.5" in English; trailing zeros dropped ("50")."""
    text = f"{value:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang == "en":
        return text
    return text.translate(_SWAP_SEPARATORS)


def percent(value: float | None, lang: str = "vi") -> str:
    """A share as "62,5%" ("—" when there is nothing to count)."""
    return "—" if value is None else f"{decimal(value, 1, lang)}%"


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet will not run: text beginning with = + - @ tab or CR gets a leading
    ' (OWASP's advice for CSV injection); a plain number such as -5 stays as it is."""
    if text.startswith(_FORMULA) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def shorten(text: str, width: int, placeholder: str = " …") -> str:
    """`textwrap.shorten`: spaces collapsed, then cut after a whole word to fit `width`, with the
    placeholder. A text that fits once collapsed is returned without building a TextWrapper (a
    page of thousands of rows asks this of each)."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    return textwrap.shorten(flat, width, placeholder=placeholder)
