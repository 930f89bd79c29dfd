"""The plain table drawer (tables.py) gives rich's text, character for character."""

from __future__ import annotations

import io
import random

import pytest
from rich import box
from rich.console import Console
from rich.table import Table

from hoinhap_cli import tables

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
