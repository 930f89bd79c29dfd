"""A deadline cell read into the notation of docs/plan-format.md ("due").

Each line of the cell (list dashes taken off) is read on its own; "2009, 2010" gives two
milestones. A reading is `exact` when the pattern explains every word of the line (filler
words such as "thực hiện", "năm", "trong" aside); otherwise a person should look at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hoinhap_cli.words.text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_R = r"(iv|iii|ii|i|[1-4])"
_SEP = r"\s*(?:nam|-|/|–|\s)*\s*"
_FILLER = {"thuc", "hien", "nam", "trong", "tu", "den", "va", "cac", "nhiem", "vu", "truoc", "ngay", "tiep", "tuc",
           "trien", "khai", "hoan", "thanh", "vao", "cuoi", "quy", "qui", "thang", "ky", "dinh", "hang", "nay", "giai",
           "doan"}


@dataclass(frozen=True)
class Reading:
    due: str  # the notation, or "after:" + the event's words
    source: str  # the line's words, verbatim
    exact: bool


def _q(word: str) -> int:
    return _ROMAN[word]


# (pattern over the folded line, builder from the match) — the first that matches wins
_RULES: list[tuple[re.Pattern[str], object]] = []


def _rule(pattern: str):  # type: ignore[no-untyped-def]
    def register(build):  # type: ignore[no-untyped-def]
        _RULES.append((re.compile(pattern), build))
        return build
    return register


@_rule(r"khi co (phat sinh|yeu cau)|dot xuat")
def _on_demand(m: re.Match[str]) -> list[str]:
    return ["on-demand"]


@_rule(r"(\d{4}) va (nhung|cac) nam tiep theo")
def _open(m: re.Match[str]) -> list[str]:
    return [f"{m[1]}.."]


@_rule(r"thuong xuyen h[ao]nh? nam|thuong xuyen hang nam")
def _ongoing_yearly(m: re.Match[str]) -> list[str]:
    return ["ongoing", "every year"]


@_rule(r"cuoi moi quy va cuoi (cac|moi) nam")
def _quarter_year(m: re.Match[str]) -> list[str]:
    return ["every quarter", "every year"]


@_rule(r"thuong xuyen")
def _ongoing(m: re.Match[str]) -> list[str]:
    return ["ongoing"]


@_rule(r"(dinh ky )?0?6 thang( mot lan)?$|dinh ky 0?6 thang|hang nua nam|moi nua nam")
def _half(m: re.Match[str]) -> list[str]:
    return ["every half"]


@_rule(r"hang thang|moi thang")
def _month_every(m: re.Match[str]) -> list[str]:
    return ["every month"]


@_rule(r"(hang|moi) quy|cuoi moi quy")
def _quarterly(m: re.Match[str]) -> list[str]:
    return ["every quarter"]


@_rule(r"qu[yi]\s*" + _R + _SEP + r"(\d{4})\s*(?:-|–|den)\s*(?:den\s*)?qu[yi]\s*" + _R + _SEP + r"(\d{4})")
def _quarter_span(m: re.Match[str]) -> list[str]:
    return [f"{m[2]}-Q{_q(m[1])}..{m[4]}-Q{_q(m[3])}"]


@_rule(r"(?:6|sau) thang (dau|cuoi) nam (\d{4})")
def _half_year(m: re.Match[str]) -> list[str]:
    return [f"{m[2]}-H{1 if m[1] == 'dau' else 2}"]


@_rule(r"qu[yi]\s*" + _R + _SEP + r"(\d{4})")
def _quarter(m: re.Match[str]) -> list[str]:
    return [f"{m[2]}-Q{_q(m[1])}"]


@_rule(r"den (het |cuoi )?(thang )?(\d{1,2})\s*/\s*(\d{4})")
def _by_month(m: re.Match[str]) -> list[str]:
    return [f"by {m[4]}-{int(m[3]):02d}"] if 1 <= int(m[3]) <= 12 else []


@_rule(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
def _day(m: re.Match[str]) -> list[str]:
    d, mo, y = int(m[1]), int(m[2]), int(m[3])
    return [f"{y}-{mo:02d}-{d:02d}"] if 1 <= mo <= 12 and 1 <= d <= 31 else []


@_rule(r"thang (\d{1,2}) nam (\d{4})")
def _month_words(m: re.Match[str]) -> list[str]:
    return [f"{m[2]}-{int(m[1]):02d}"] if 1 <= int(m[1]) <= 12 else []


@_rule(r"(?:thang\s*)?(\d{1,2})\s*/\s*(\d{4})")
def _month(m: re.Match[str]) -> list[str]:
    return [f"{m[2]}-{int(m[1]):02d}"] if 1 <= int(m[1]) <= 12 else []


@_rule(r"den cuoi nam (\d{4})")
def _end_of_year(m: re.Match[str]) -> list[str]:
    return [f"{m[1]}-12-31"]


@_rule(r"(?:den|toi) (?:het )?nam (\d{4})")
def _by_year(m: re.Match[str]) -> list[str]:
    return [f"by {m[1]}"]


@_rule(r"^(?:bat dau )?tu (?:nam )?(\d{4})(?: tro di)?$")
def _from_year(m: re.Match[str]) -> list[str]:
    return [f"{m[1]}.."]


@_rule(r"(\d{4})\s*(?:-|–|den)\s*(\d{4})")
def _years(m: re.Match[str]) -> list[str]:
    return [f"{m[1]}..{m[2]}"] if m[1] < m[2] else []


@_rule(r"^(?:nam )?(\d{4})((?:\s*(?:,|va|;)\s*(?:nam )?\d{4})+)$")
def _year_list(m: re.Match[str]) -> list[str]:
    return [m[1], *re.findall(r"\d{4}", m[2])]


@_rule(r"(hang|moi) nam|hang nam")
def _yearly(m: re.Match[str]) -> list[str]:
    return ["every year"]


@_rule(r"(?<!\d)(\d{4})(?!\d)")
def _year(m: re.Match[str]) -> list[str]:
    return [m[1]]


@_rule(r"^sau khi (.+)$")
def _after(m: re.Match[str]) -> list[str]:
    return ["after:"]


def read_cell(text: str) -> list[Reading]:
    """Every milestone the cell gives; a blank cell gives one `none` with an empty source."""
    lines = [re.sub(r"^[-+•–]\s*", "", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return [Reading("none", "", True)]
    out: list[Reading] = []
    for line in lines:
        out.extend(read_line(line))
    return out


def read_line(line: str) -> list[Reading]:
    folded = fold(line).replace("hằng", "hang")
    folded = re.sub(r"\s+", " ", folded.replace("hăng", "hang"))
    for pattern, build in _RULES:
        m = pattern.search(folded)
        if not m:
            continue
        dues: list[str] = build(m)  # type: ignore[operator]
        if not dues:
            continue
        if dues == ["after:"]:
            return [Reading("after:" + line, line, False)]
        rest = (folded[:m.start()] + " " + folded[m.end():]).replace(".", " ").replace(",", " ")
        leftover = [w for w in re.split(r"[\s:;()/-]+", rest) if w and w not in _FILLER]
        exact = not leftover and len(dues) == 1
        return [Reading(due, line, exact) for due in dues]
    return [Reading("none", line, False)]
