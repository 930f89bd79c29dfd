"""Tables that fit (issue 16): every listing at 60, 80, 100 and 160 columns, in both languages,
against golden files — and no word cut, no line wider than the terminal, no trailing space."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from conftest import SHIPPED, hoinhap
from hoinhap_cli.words.i18n import MESSAGES
from test_timeline import check_golden

WIDTHS = (60, 80, 100, 160)
TODAY = {"HOINHAP_TODAY": "2009-06-30"}
NOTE = "Đã khảo sát 3 chợ và lập danh sách các hộ kinh doanh cần di dời về cụm công nghiệp"
REASON = "Chờ Thành phố duyệt vốn cho các khu dân cư hiện hữu; hồ sơ đã nộp Sở Kế hoạch - Đầu tư"
SCRIPT = [  # the entries `log`, `show` and the review list, written with the command line
    ["record", "2.10", "--status", "đang thực hiện", "--date", "2009-02-10", "--note", NOTE],
    ["record", "3.2.2", "--status", "vướng mắc", "--unit", "qldt", "--date", "2009-03-15", "--reason", REASON],
    ["record", "1.1", "--status", "done", "--date", "2009-01-20", "--evidence", "Công văn 45/VHTT-2009"],
    ["submit", "phong-kinh-te", "--period", "2009-Q1", "--date", "2009-04-05"],
]
LISTINGS = {  # name -> argv; filtered where the whole listing would make a golden file of thousands of lines
    "tasks": ["tasks", "--program", "3.2"],
    "units": ["units", "--show-load", "--as-of", "2009-06-30", "--kind", "phòng"],
    "programs": ["programs", "--as-of", "2009-06-30"],
    "overdue": ["overdue", "--as-of", "2009-03-31", "--program", "3"],
    "upcoming": ["upcoming", "--as-of", "2009-04-01", "--within", "1q", "--unit", "Phòng Kinh tế"],
    "summary": ["summary", "--period", "2009-Q1", "--as-of", "2009-03-31"],
    "log": ["log"],
    "show": ["show", "2.10"],
    "reports": ["reports", "--as-of", "2009-06-30", "--period", "2009-H1"],
}
BARS = re.compile(r"^[■•\d%.,:()/+\-–—·Σ█▒░✓…─|=]+$")


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("widths") / "data"
    shutil.copytree(SHIPPED, data)
    for argv in SCRIPT:
        result = hoinhap(*argv, data=data, env=TODAY)
        assert result.exit_code == 0, result.output
    return data


def draw(ledger: Path, name: str, lang: str, width: int, *extra: str) -> str:
    result = hoinhap(*LISTINGS[name], *extra, "--lang", lang, data=ledger, env=TODAY, columns=width)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def vocabulary(ledger: Path, name: str) -> set[str]:
    """Every whole word the listing may show: its JSON (the values uncut), the plan, the messages."""
    texts = [(ledger / "plan.yaml").read_text(encoding="utf-8"), NOTE, REASON, *SCRIPT[2]]
    texts += [text for pair in MESSAGES.values() for text in pair]
    if name != "units":  # `units` has no JSON of its own beyond its rows: plan and messages hold it all
        texts.append(hoinhap(*LISTINGS[name], "--format", "json", data=ledger, env=TODAY).stdout)
    if name == "reports":  # the late periods' lines, built from message templates: whole in Markdown
        texts += [hoinhap(*LISTINGS[name], "--format", "md", "--lang", lang, data=ledger, env=TODAY).stdout
                  for lang in ("vi", "en")]
    if name != "show":  # the CSV's header row: the headings in both languages
        texts += [hoinhap(*LISTINGS[name], "--format", "csv", "--lang", lang, data=ledger, env=TODAY).stdout
                  for lang in ("vi", "en")]
    return {_bare(w) for text in texts for w in re.split(r"[\s\",]+", text)}


def _bare(word: str) -> str:
    return word.strip(".,;:()[]{}'\"!?*-–")


def cut_words(text: str, words: set[str]) -> list[str]:
    return [w for w in text.split() if _bare(w) not in words and not BARS.match(w) and _bare(w)]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(LISTINGS))
def test_golden_width(ledger: Path, name: str, width: int, lang: str, update_golden: bool) -> None:
    text = draw(ledger, name, lang, width)
    assert text.strip()
    check_golden(f"widths/{name}-{width}-{lang}.txt", text, update_golden)


@pytest.mark.parametrize("name", list(LISTINGS))
def test_no_word_cut_no_line_too_wide(ledger: Path, name: str) -> None:
    """Every word printed is a whole word of the source texts (or "…"); every line fits the width
    and ends without a space — with and without --full (which may only be wider)."""
    words = vocabulary(ledger, name)
    for lang in ("vi", "en"):
        for width in WIDTHS:
            for extra in ((), ("--full",)):
                text = draw(ledger, name, lang, width, *extra)
                assert cut_words(text, words) == [], (name, lang, width, extra)
                assert not [line for line in text.splitlines() if line != line.rstrip()], (name, lang, width)
                if not extra:
                    assert max(map(len, text.splitlines())) <= width, (name, lang, width)


def test_the_scan_finds_a_cut_word(ledger: Path) -> None:
    """The scan above is not vacuous: a word cut as rich's fold cut it is found."""
    words = vocabulary(ledger, "overdue")
    assert cut_words("1.1  Các chương  chư\n     hiệ", words) == ["chư", "hiệ"]


def test_readme_first_command_at_80_columns(ledger: Path) -> None:
    """The README's first command, `overdue --as-of 2009-03-31`, cuts no word at 80 columns."""
    result = hoinhap("overdue", "--as-of", "2009-03-31", columns=80)
    words = vocabulary(ledger, "overdue") | {_bare(w) for w in re.split(r"[\s\"]+", hoinhap(
        "overdue", "--as-of", "2009-03-31", "--format", "json").stdout)}
    assert cut_words(result.stdout, words) == []
    assert max(map(len, result.stdout.splitlines())) <= 80


def test_a_dropped_column_is_named(ledger: Path) -> None:
    """When a column must go, stderr names it; --full keeps it."""
    narrow = hoinhap("log", "--full", "--lang", "en", data=ledger, env=TODAY, columns=60)
    assert "Evidence" in narrow.stdout
    dropped = hoinhap("log", "--lang", "en", data=ledger, env=TODAY, columns=60)
    shown = dropped.stdout.splitlines()[0]
    if "Evidence" not in shown:
        assert "Evidence" in dropped.stderr and "--full" in dropped.stderr


@pytest.mark.parametrize("argv", [LISTINGS["tasks"], ["tasks", "--search", "cho sieu thi"]])
def test_a_status_never_breaks_over_two_lines(ledger: Path, argv: list[str]) -> None:
    """A status ("chưa thực hiện", "vướng mắc") is whole on one line at any width: its column is at
    least as wide as its longest status; only the leads' count after it, "(0/2 đơn vị xong)", may go
    to a line of its own."""
    for lang in ("vi", "en"):
        heading = MESSAGES["col.status"][lang == "en"]
        table = hoinhap(*argv, "--format", "csv", "--lang", lang, data=ledger, env=TODAY).stdout
        statuses = [row[heading].split(" (")[0] for row in csv.DictReader(io.StringIO(table))]
        assert statuses and any(" " in s for s in statuses)
        for width in (40, 60, 80, 100):
            text = hoinhap(*argv, "--lang", lang, data=ledger, env=TODAY, columns=width).stdout
            for status in set(statuses):
                assert text.count(status) >= statuses.count(status), (status, lang, width, text)
