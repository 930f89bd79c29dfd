"""Issue 9, second part: one source of truth for late, progress bars, unit load, Vietnamese
order through real commands, completion of every id argument, help examples, a light --help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
import typer

from conftest import MINI_PLAN, SHIPPED, Cli
from hoinhap_cli.cli import app
from hoinhap_cli.cli.commands import COMMANDS
from hoinhap_cli.cli.complete import complete_event, complete_task, complete_unit
from hoinhap_cli.files.paths import locate
from hoinhap_cli.ledger.ledger import Ledger, load
from hoinhap_cli.queries.timeline import State, milestone_state
from hoinhap_cli.render import bars
from hoinhap_cli.rules import deadlines
from hoinhap_cli.views.dashboard import overdue as dashboard_overdue
from hoinhap_cli.views.dashboard import page
from hoinhap_cli.views.dashboard import progress as dashboard_progress
from hoinhap_cli.words.periods import Kind
from hoinhap_cli.words.text import collation_key
from test_timeline import check_golden

AS_OF = "2009-06-30"


@pytest.fixture
def ledger(shipped_progress: Path) -> Ledger:
    return load(locate(str(shipped_progress)), date(2026, 11, 27))[0]


# ------------------------------------------------------------------ one source of truth


@pytest.mark.parametrize("as_of", ["2008-12-31", AS_OF, "2010-03-31"])
def test_dashboard_overdue_is_the_overdue_command(shipped_progress: Path, ledger: Ledger, as_of: str, cli: Cli) -> None:
    result = cli("overdue", "--data", str(shipped_progress), "--as-of", as_of, "--format", "json", columns=100)
    assert result.exit_code == 1, result.output  # something is late on each of these days
    listed = [(r["task"], r["milestone"], r["unit"]) for r in json.loads(result.stdout)["overdue"]]
    shown = [(r["task"], r["milestone"], r["unit"]) for r in dashboard_overdue(ledger, date.fromisoformat(as_of))]
    assert shown == listed
    assert [r["task"] for r in dashboard_overdue(ledger, date.fromisoformat(as_of))] == \
        [r["task"] for r in json.loads(result.stdout)["overdue"]]


def test_timeline_marks_late_exactly_what_overdue_lists(ledger: Ledger) -> None:
    day = date.fromisoformat(AS_OF)
    late = {(o.task.id, o.index) for o in deadlines.overdue(deadlines.obligations(ledger, day), day)
            if o.kind is not Kind.RECURRING}
    marked = {(task.id, i) for task in ledger.tasks.values() for i in range(len(task.milestones))
              if milestone_state(ledger, task, i, day) is State.LATE}
    assert marked == late and late


def test_bars_count_what_overdue_lists(ledger: Ledger) -> None:
    day = date.fromisoformat(AS_OF)
    counts = [p.counts for p in dashboard_progress(ledger, day)]
    assert sum(c.late for c in counts) == len(dashboard_overdue(ledger, day))


# ------------------------------------------------------------------ the bar itself


@pytest.mark.parametrize("done, late, total", [(3, 2, 10), (0, 0, 5), (1, 1, 100), (99, 0, 100), (5, 5, 10),
                                               (0, 87, 400), (7, 0, 7), (0, 0, 0)])
def test_cells_fill_the_width_and_never_hide_a_count(done: int, late: int, total: int) -> None:
    d, l, r = bars.cells(done, late, total, 10)
    assert d + l + r == 10
    assert (d > 0) == (done > 0) and (l > 0) == (late > 0)
    assert (d == 10) == (total > 0 and done == total)


def test_text_bar_reads_without_colour() -> None:
    assert bars.text(3, 2, 10) == "███▒▒░░░░░  30%"
    assert bars.text(0, 0, 0) == "·········· " + "   —"
    assert "█" in bars.legend("vi") and "▒" in bars.legend("en") and "░" in bars.legend("vi")


def test_the_dashboard_draws_the_same_cells(ledger: Ledger) -> None:
    html = page(ledger, date.fromisoformat(AS_OF), date(2026, 11, 27))
    two = next(p.counts for p in dashboard_progress(ledger, date.fromisoformat(AS_OF)) if p.program == "2")
    d, l, _ = bars.cells(two.done, two.late, two.total, 100)
    assert f"style='width:{d}%'></span><span class='overdue' style='width:{l}%'>" in html


# ------------------------------------------------------------------ programs, summary, units --show-load


def test_programs_json_carries_counts_not_bars(shipped_progress: Path, cli: Cli) -> None:
    result = cli("programs", "--data", str(shipped_progress), "--as-of", AS_OF, "--format", "json", columns=100)
    assert result.exit_code == 0, result.output
    assert not set(result.stdout) & {bars.DONE, bars.LATE, bars.REST, bars.NOTHING}
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    two = rows["2"]["progress"]
    assert set(two) == {"total", "done", "due", "late", "ongoing", "dropped", "share_done", "share_of"}
    assert two["done"] == 1 and two["late"] >= 1 and two["late"] <= two["due"] <= two["total"]
    sections = [rows[s]["progress"]["total"] for s in ("3.1", "3.2", "3.3", "3.4")]
    assert sum(sections) == rows["3"]["progress"]["total"]  # every task of 3 sits in one section


def test_summary_json_stays_counts_only(shipped_progress: Path, cli: Cli) -> None:
    result = cli("summary", "--data", str(shipped_progress), "--period", "2009-H1", "--format", "json", columns=100)
    assert result.exit_code == 0, result.output
    assert not set(result.stdout) & {bars.DONE, bars.LATE, bars.REST}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("command", [["programs", "--as-of", AS_OF], ["summary", "--period", "2009-H1", "--as-of", "2009-07-01"]])
def test_golden_bars(shipped_progress: Path, update_golden: bool, lang: str, command: list[str], cli: Cli) -> None:
    result = cli(*command, "--data", str(shipped_progress), "--lang", lang, columns=100)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert any(line.count(bars.LATE) + line.count(bars.REST) + line.count(bars.DONE) == bars.WIDTH
               and "%" in line for line in lines)
    assert bars.legend(lang) in lines
    check_golden(f"{command[0]}-{lang}.txt", result.stdout, update_golden)


def test_unit_load_counts_open_milestones_as_lead_and_via_group(shipped_progress: Path, cli: Cli) -> None:
    result = cli("units", "--data", str(shipped_progress), "--show-load", "--as-of", AS_OF, "--format", "json",
                 columns=100)
    assert result.exit_code == 0, result.output
    load = {u["id"]: u["load"] for u in json.loads(result.stdout)}
    late = json.loads(cli("overdue", "--data", str(shipped_progress), "--as-of", AS_OF,
                          "--format", "json", columns=100).stdout)["overdue"]
    for uid in ("phong-kinh-te", "phong-qldt", "ubnd-phuong-an-phu"):
        assert load[uid]["late_lead"] == sum(uid in [u["id"] for u in r["lead"]] for r in late)
        assert load[uid]["open_lead"] >= load[uid]["late_lead"]
    assert load["ubnd-phuong-an-phu"]["open_via"] > 0  # tasks of "UBND 11 phường"
    assert load["ubnd-11-phuong"]["open_via"] == 0 and load["ubnd-11-phuong"]["open_lead"] > 0
    table = cli("units", "--data", str(shipped_progress), "--show-load", "--as-of", AS_OF, columns=100)
    assert "Mở qua nhóm" in table.stdout and "UBND 11 phường" in table.stdout  # the column is explained


# ------------------------------------------------------------------ Vietnamese order through a command

NAMES = ["Ơn Hòa", "Dân Chủ", "Ông Tạ", "Ưu Tiên", "Ủy ban", "Uyên", "Đông Hải", "Ôn Lạc", "Dũng Tiến",
         "Ổ Cầu", "Ong Vàng", "Đức Hòa", "Dung"]
# letters first, syllable by syllable (ô < ôn < ông, ủy < uyên), then the tone (Dung < Dũng)
ORDERED = ["Dân Chủ", "Dung", "Dũng Tiến", "Đông Hải", "Đức Hòa", "Ong Vàng", "Ổ Cầu", "Ôn Lạc", "Ông Tạ",
           "Ơn Hòa", "Ủy ban", "Uyên", "Ưu Tiên"]


@pytest.fixture
def letters(mini: Path) -> Path:
    units = "".join(f"  - id: don-vi-{i}\n    name: {name}\n    kind: phòng\n" for i, name in enumerate(NAMES))
    text = MINI_PLAN.replace("units:\n", "units:\n" + units, 1)
    (mini / "plan.yaml").write_text(text, encoding="utf-8")
    return mini


def test_units_sort_name_is_vietnamese_alphabetical(letters: Path, cli: Cli) -> None:
    result = cli("units", "--data", str(letters), "--sort", "name", "--search", "", "--format", "json", columns=100)
    assert result.exit_code == 0, result.output
    names = [u["name"] for u in json.loads(result.stdout) if u["id"].startswith("don-vi-")]
    assert names == ORDERED
    assert sorted(NAMES) != ORDERED  # code-point order would be wrong: Đ after Z, Ư/Ơ last
    plan_order = [u["name"] for u in json.loads(cli("units", "--data", str(letters), "--format", "json",
                                                    columns=100).stdout)]
    assert plan_order[:len(NAMES)] == NAMES  # without --sort name: the document's order


def test_overdue_groups_units_by_name(shipped_progress: Path, cli: Cli) -> None:
    result = cli("overdue", "--data", str(shipped_progress), "--as-of", AS_OF, "--group-by", "unit",
                 "--format", "json", columns=100)
    names = [g["name"] for g in json.loads(result.stdout)["groups"]]
    assert len(names) > 5 and names == sorted(names, key=collation_key)
    assert names.index("Phòng Kinh tế") < names.index("Ủy ban nhân dân 11 phường")  # (wards: reports, not tasks)


# ------------------------------------------------------------------ completion

CTX = SimpleNamespace(params={"data": str(SHIPPED)})


def test_task_unit_and_event_callbacks() -> None:
    assert [v for v, _ in complete_task(CTX, "2.1")] == ["2.1", "2.10", "2.10a", "2.11"]
    units = complete_unit(CTX, "qld")
    assert "qldt" in [v for v, _ in units] and any("QLĐT" in h for _, h in units)
    events = complete_event(CTX, "tp")
    assert [v for v, _ in events] == ["tp-duyet-quy-hoach-cho"] and events[0][1]
    assert complete_event(CTX, "zz") == []


def _param(command: str, name: str):
    group = typer.main.get_command(app)
    found = group.get_command(group.context_class(group), command)  # type: ignore[attr-defined]
    return next(p for p in found.params if p.name == name)


@pytest.mark.parametrize("command, name, typed, expected", [
    ("show", "task_id", "2.10", "2.10a"),
    ("record", "task", "3.2.4", "3.2.4a"),
    ("record", "event", "tp", "tp-duyet-quy-hoach-cho"),
    ("record", "unit", "qld", "qldt"),
    ("event", "event_id", "tp", "tp-duyet-quy-hoach-cho"),
    ("log", "task", "2.1", "2.11"),
    ("log", "unit", "qld", "qldt"),
    ("submit", "unit", "qld", "qldt"),
])
def test_every_id_argument_completes(command: str, name: str, typed: str, expected: str) -> None:
    group = typer.main.get_command(app)
    ctx = group.context_class(group)  # typer's own (vendored) click context
    ctx.params = {"data": str(SHIPPED)}
    offered = [c.value for c in _param(command, name).shell_complete(ctx, typed)]
    assert expected in offered


def test_help_imports_neither_pydantic_nor_rich_nor_yaml() -> None:
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "hoinhap_cli", "--help"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "Cách dùng" in out.stdout  # Vietnamese by default
    modules = {line.split("|")[-1].strip().split(".")[0] for line in out.stderr.splitlines() if "|" in line}
    assert "typer" in modules  # the list is real
    assert not modules & {"pydantic", "rich", "yaml"}, modules & {"pydantic", "rich", "yaml"}


# ------------------------------------------------------------------ help


def test_every_command_has_an_unwrapped_example(cli: Cli) -> None:
    group = typer.main.get_command(app)
    names = list(COMMANDS)
    assert {"programs", "summary", "units", "show", "record", "event", "timeline"} <= set(names)
    for name in names:
        result = cli(name, "--help", columns=80, env={"HOINHAP_LANG": "en"})
        assert result.exit_code == 0, name
        examples = [line.strip() for line in result.stdout.splitlines()
                    if line.strip().startswith(("Example:", "Ví dụ:"))]
        assert examples, f"{name} --help has no example"
        assert any(e.split(":", 1)[1].split()[:2] == ["hoinhap", name] for e in examples), name
        doc = group.get_command(group.context_class(group), name).callback.__doc__  # type: ignore[attr-defined]
        for e in examples:  # printed whole, not re-wrapped at 80 columns
            assert e in doc, f"{name}: {e!r} was wrapped"


def test_a_run_imports_only_the_command_it_names() -> None:
    """The command table (cli.commands) is the one import seam: a run imports the module of the
    command it names and no other command's; the help lists every command from the table alone."""
    code = ("import sys; from hoinhap_cli.cli import app\n"
            "try: app(sys.argv[1:], prog_name='hoinhap')\n"
            "except SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('hoinhap_cli.cli.')), file=sys.stderr)")
    env = {**os.environ, "COLUMNS": "80"}
    one = subprocess.run([sys.executable, "-c", code, "units", "--help"], capture_output=True, text=True,
                         env=env, timeout=60)
    assert one.returncode == 0 and "--show-load" in one.stdout
    loaded = eval(one.stderr.strip().splitlines()[-1])
    assert "hoinhap_cli.cli.units" in loaded and "hoinhap_cli.cli.tasks" not in loaded
    listing = subprocess.run([sys.executable, "-c", code, "--help"], capture_output=True, text=True,
                             env=env, timeout=60)
    assert all(f"  {name} " in listing.stdout for name in COMMANDS)
    assert not set(eval(listing.stderr.strip().splitlines()[-1])) & {m.split(":")[0] for m, _ in COMMANDS.values()}
