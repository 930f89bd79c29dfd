"""The plain table drawer (tables.py) gives rich's text, character for character."""

from __future__ import annotations

import io
import random
from enum import Enum

import pytest
from rich import box
from rich._wrap import divide_line
from rich.console import Console
from rich.table import Table

from hoinhap_cli import render, tables

WORDS = ("Phòng", "Kinh", "tế", "UBND", "phường", "Cát", "Lái", "2008-Q3", "2009-12-31", "hoàn", "thành",
         "Trung tâm Văn hóa", "đề-án-cụm-công-nghiệp-Thủ-Thiêm-rất-dài", "–", "…", "1.2", "6632", "", "a;b")


def rich_text(specs, rows, title, width):
    buf = io.StringIO()
    console = Console(file=buf, width=width, no_color=True, force_terminal=False, highlight=False,
                      emoji=False, markup=False)
    table = Table(title=title, box=box.SIMPLE_HEAD, expand=False, title_justify="left", show_edge=False,
                  pad_edge=False)
    for s in specs:
        table.add_column(s.header, overflow="fold", no_wrap=s.no_wrap, min_width=s.min_width,
                         max_width=s.max_width, justify=s.justify)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    return buf.getvalue()


def phrase(rng: random.Random) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 9)))
    return text.replace(" a;b ", "\n") if rng.random() < 0.3 else text


@pytest.mark.parametrize("seed", range(80))
def test_same_text_as_rich(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(1, 8)
    specs = [tables.Spec(phrase(rng) or "X", rng.choice(("left", "right")), rng.random() < 0.25,
                         rng.choice((None, None, 6, 14)), rng.choice((None, None, 8, 40)))
             for _ in range(n)]
    rows = [[phrase(rng) for _ in range(n)] for _ in range(rng.randint(0, 12))]
    title = rng.choice((None, "Nhiệm vụ trễ hạn tính đến 2026-11-27", phrase(rng) or None))
    width = rng.choice((40, 60, 80, 100, 140, 200))
    assert "".join(tables.draw(specs, rows, title, width) or ["(rich)"]) == rich_text(specs, rows, title, width)


def test_wide_characters_are_left_to_rich() -> None:
    assert tables.draw([tables.Spec("Tên")], [["北京"]], None, 80) is None
    assert tables.draw([tables.Spec("Tên")], [["a\tb"]], None, 80) is None


@pytest.mark.parametrize("seed", range(80, 120))
def test_same_text_as_rich_across_chunks(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows are laid out CHUNK at a time; tall rows and headings must not care where a chunk ends."""
    monkeypatch.setattr(tables, "CHUNK", 2)
    rng = random.Random(seed)
    n = rng.randint(1, 6)
    specs = [tables.Spec(phrase(rng) or "X", rng.choice(("left", "right")), rng.random() < 0.25,
                         rng.choice((None, 6, 14)), rng.choice((None, 8, 40))) for _ in range(n)]
    rows = [[phrase(rng) for _ in range(n)] for _ in range(rng.randint(1, 9))]
    width = rng.choice((30, 40, 60, 80))
    assert "".join(tables.draw(specs, rows, None, width) or ["(rich)"]) == rich_text(specs, rows, None, width)


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


def test_output_table_plain_equals_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output.table's plain path (cells built column by column, clipped once per distinct text)
    prints what its rich path prints, on every kind of cell value."""
    monkeypatch.setenv("COLUMNS", "90")
    columns = [render.Column("a", "Cột A", "A", no_wrap=True), render.Column("b", "Cột B", "B", clip=18),
               render.Column("c", "Cột C", "C", justify="right"), render.Column("d", "Ẩn", "Hidden", table=False)]
    long = "Báo cáo kết quả thực hiện chương trình hội nhập kinh tế quốc tế"
    rows = [{"a": str(i), "b": [long, "ngắn"] if i % 3 else long, "c": CELLS[i % len(CELLS)], "d": "x"}
            for i in range(40)]
    for full in (False, True):
        plain, rich = io.StringIO(), io.StringIO()
        render.Output(color=False, out=plain, full=full).table(columns, rows, "Tiêu đề")
        out = render.Output(color=False, out=rich, full=full)
        out._rich_table(out.console(), columns, rows, "Tiêu đề", box.SIMPLE_HEAD)
        assert plain.getvalue() == rich.getvalue()
        assert ("…" in plain.getvalue()) is not full


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


def test_divide_breaks_where_rich_does() -> None:
    """_divide's single-space shortcut and its word-by-word way both match rich._wrap.divide_line."""
    rng = random.Random(7)
    words = ("a", "bb", "Phòng", "quận", "đề-án-cụm-công-nghiệp-Thủ-Thiêm-rất-dài", "xxxxxxx", "1.2", "–")
    for _ in range(3000):
        text = "".join(rng.choice(words) + rng.choice((" ", " ", " ", "", "  ")) for _ in range(rng.randint(1, 12)))
        if rng.random() < 0.6:
            text = " ".join(text.split())
        width = rng.randint(1, 30)
        assert tables._divide(text, width) == divide_line(text, width, fold=True), (text, width)


@pytest.mark.parametrize("seed", range(120, 160))
def test_same_text_as_rich_with_runs_of_spaces(seed: int) -> None:
    """Leading, trailing and repeated spaces: breaks, folds and the whitespace past a line's end."""
    rng = random.Random(seed)

    def spacey() -> str:
        gaps = [" " * rng.choice((1, 1, 2, 3, 7)) for _ in range(9)]
        text = "".join(rng.choice(WORDS[:-1]) + gaps[k] for k in range(rng.randint(0, 8)))
        return rng.choice(("", " ", "   ")) + (text if rng.random() < 0.5 else text.rstrip())

    n = rng.randint(1, 5)
    specs = [tables.Spec(spacey().strip() or "X", rng.choice(("left", "right")), rng.random() < 0.2,
                         rng.choice((None, 6)), rng.choice((None, 9, 20))) for _ in range(n)]
    rows = [[spacey() for _ in range(n)] for _ in range(rng.randint(1, 8))]
    width = rng.choice((30, 50, 80))
    assert "".join(tables.draw(specs, rows, None, width) or ["(rich)"]) == rich_text(specs, rows, None, width)
