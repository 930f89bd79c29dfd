"""The table drawer (tables.py): tables that fit the width, wrapped at spaces, never a word cut."""

from __future__ import annotations

import io
import random
import re
from enum import Enum

import pytest

from hoinhap_cli.render import render, tables

WORDS = ("Phòng", "Kinh", "tế", "UBND", "phường", "Cát", "Lái", "2008-Q3", "2009-12-31", "hoàn", "thành",
         "Trung tâm Văn hóa", "đề-án-cụm-công-nghiệp-Thủ-Thiêm-rất-dài", "–", "1.2", "6632", "", "a;b")


def phrase(rng: random.Random) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 9)))
    return text.replace(" a;b ", "\n") if rng.random() < 0.3 else text


def random_table(rng: random.Random) -> tuple[list[tables.Spec], list[list[str]]]:
    n = rng.randint(1, 8)
    specs = [tables.Spec(phrase(rng) or "X", rng.choice(("left", "right")), rng.random() < 0.2,
                         None, rng.choice((None, None, 8, 40)), shorten=rng.random() < 0.4,
                         keep=rng.choice((None, 1, 2, 3))) for _ in range(n)]
    rows = [[phrase(rng) for _ in range(n)] for _ in range(rng.randint(0, 12))]
    return specs, rows


def cut_words(text: str, sources: set[str]) -> list[str]:
    """Words of `text` that are no whole word of any source text (nor "…", nor the rule)."""
    whole = {w for src in sources for w in src.split()}
    return [w for w in text.split() if w not in whole and w != "…" and set(w) != {"─"}]


@pytest.mark.parametrize("seed", range(120))
def test_no_word_is_cut_and_the_table_fits(seed: int) -> None:
    """Every word drawn is a whole word of a cell, a heading or the title (or "…"); no line ends
    in a space; a table whose columns can all narrow to their longest word fits the width."""
    rng = random.Random(seed)
    specs, rows = random_table(rng)
    title = rng.choice((None, "Nhiệm vụ trễ hạn tính đến 2026-11-27"))
    width = rng.choice((60, 80, 100, 160))
    text = "".join(tables.draw(specs, rows, title, width) or [])
    sources = {s.header for s in specs} | {c for r in rows for c in r} | {title or ""}
    assert cut_words(text, sources) == []
    assert not re.search(r" \n", text)
    distinct = tables.distinct_texts(specs, [[r[i] for r in rows] for i in range(len(specs))], title)
    assert distinct is not None
    plan = tables.layout(specs, distinct, width)
    if sum(plan.widths) + tables.GAP * (len(plan.shown) - 1) <= width:
        assert max(map(len, text.splitlines()), default=0) <= max(width, len(title or ""))
    assert all(specs[i].keep is not None for i in plan.dropped)


def test_a_long_word_is_whole_or_left_out() -> None:
    """A word wider than its column stays whole; in free text it ends the cell with "…"."""
    long = "đề-án-cụm-công-nghiệp-Thủ-Thiêm-rất-dài"
    assert tables.wrap(f"Phòng {long} xong", 10) == ["Phòng", long, "xong"]
    assert tables.wrap(f"Phòng {long} xong", 10, shorten=True) == ["Phòng …"]
    assert tables.wrap("một hai ba bốn năm sáu bảy tám chín mười", 7, shorten=True) == [
        "một hai", "ba bốn", "năm sáu", "bảy …"]


def test_columns_are_dropped_least_important_first() -> None:
    specs = [tables.Spec("Mã", no_wrap=True), tables.Spec("Nội dung", shorten=True, keep=5),
             tables.Spec("Ghi chú", keep=1), tables.Spec("Tình trạng")]
    rows = [["2.10", "Triển khai đề án", "một-ghi-chú-rất-dài-không-thể-ngắt-được-ở-đâu", "chưa thực hiện"]]
    distinct = tables.distinct_texts(specs, [[r[i] for r in rows] for i in range(4)], None)
    assert distinct is not None
    assert tables.layout(specs, distinct, 60).dropped == [2]
    assert tables.layout(specs, distinct, 100).dropped == []
    assert tables.layout(specs, distinct, 60, drop=False).dropped == []


def test_wide_characters_are_left_to_rich() -> None:
    assert tables.draw([tables.Spec("Tên")], [["北京"]], None, 80) is None
    assert tables.draw([tables.Spec("Tên")], [["a\tb"]], None, 80) is None


@pytest.mark.parametrize("seed", range(80, 120))
def test_chunks_do_not_change_the_text(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are laid out CHUNK at a time; tall rows and headings must not care where a chunk ends."""
    rng = random.Random(seed)
    specs, rows = random_table(rng)
    whole = "".join(tables.draw(specs, rows, None, 60) or [])
    monkeypatch.setattr(tables, "CHUNK", 2)
    assert "".join(tables.draw(specs, rows, None, 60) or []) == whole


class Word(str, Enum):  # str() of a str-enum member is not its value: it must not be joined as a plain str
    DONE = "xong"


CELLS = [None, True, False, 0, 6613, -1, 2.5, "", "Phòng Kinh tế", ["a", "b"], ("a", "b"), [], ["a", None, 3],
         ["a", ["b", "c"]], [True, "x"], [Word.DONE, "y"], Word.DONE, ("2010", "2010-12-31")]


@pytest.mark.parametrize("value", CELLS, ids=repr)
def test_cell_fast_paths_agree_with_the_general_rule(value: object) -> None:
    def general(v: object, sep: str) -> str:
        if v is None:
            return ""
        if isinstance(v, bool):
            return "✓" if v else ""
        if isinstance(v, (list, tuple)):
            return sep.join(general(x, sep) for x in v)
        return str(v)

    for sep in ("\n", "; "):
        assert render._cell(value, sep) == general(value, sep)


def test_colour_prints_the_same_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """In colour the heading is bold; the text is the plain table's, and `full` keeps long texts."""
    monkeypatch.setenv("COLUMNS", "90")
    columns = [render.Column("a", "Cột A", "A", no_wrap=True), render.Column("b", "Cột B", "B", clip=18),
               render.Column("c", "Cột C", "C", justify="right"), render.Column("d", "Ẩn", "Hidden", table=False)]
    long = "Báo cáo kết quả thực hiện chương trình hội nhập kinh tế quốc tế"
    rows = [{"a": str(i), "b": [long, "ngắn"] if i % 3 else long, "c": CELLS[i % len(CELLS)], "d": "x"}
            for i in range(40)]
    for full in (False, True):
        plain, coloured = io.StringIO(), io.StringIO()
        render.Output(color=False, out=plain, full=full).table(columns, rows, "Tiêu đề")
        render.Output(color=True, out=coloured, full=full).table(columns, rows, "Tiêu đề")
        assert "\x1b[1m" in coloured.getvalue()
        assert re.sub("\x1b\\[[0-9;]*m", "", coloured.getvalue()) == plain.getvalue()
        assert ("…" in plain.getvalue()) is not full
        assert ("Ẩn" in plain.getvalue()) is full


@pytest.mark.parametrize("fmt", ["table", "csv", "md", "json"])
def test_rows_given_by_column_print_as_rows_given_by_row(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Output.rows takes a listing's cells as one dict per row or one list per column key (what
    review.obligation_columns builds); every format prints the same either way, lists shared
    by many rows included (the table joins each once), and a key with no list is empty."""
    monkeypatch.setenv("COLUMNS", "90")
    columns = [render.Column("a", "Cột A", "A", no_wrap=True), render.Column("b", "Cột B", "B", clip=30),
               render.Column("c", "Cột C", "C", justify="right"), render.Column("e", "Thiếu", "Missing")]
    shared = ["Báo cáo kết quả", "ngắn"]
    by_row = [{"a": str(i), "b": shared if i % 3 else [f"riêng {i}", "x"], "c": CELLS[i % len(CELLS)]}
              for i in range(40)]
    by_column = {"a": [r["a"] for r in by_row], "b": [r["b"] for r in by_row], "c": [r["c"] for r in by_row]}
    printed = []
    for rows in (by_row, by_column):
        buf = io.StringIO()
        render.Output(color=False, out=buf).rows(fmt, columns, rows, title="Tiêu đề")
        printed.append(buf.getvalue())
    assert printed[0] == printed[1]
    assert "Báo cáo kết quả" in printed[0] and "riêng 39" in printed[0]
    assert render.row_dicts(by_column) == by_row


def test_the_marks_log_shows_are_measured_here_not_by_rich() -> None:
    """`log` marks events ⚑ and submissions ✉: a character tables.py does not measure sends the
    whole table to rich, which cuts ids mid-word and took 100 s for 100,000 rows."""
    specs = [tables.Spec("Ngày"), tables.Spec("Nhiệm vụ")]
    assert tables.distinct_texts(specs, [["2009-11-18"], ["⚑ tp-duyet-quy-hoach-cho"]], None) is not None
    assert tables.distinct_texts(specs, [["2009-04-05"], ["✉ 2009-Q1"]], None) is not None
