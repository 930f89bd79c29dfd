"""Shared fixtures and helpers. Test modules import what they need from here by name
(`from conftest import SHIPPED, hoinhap`), and run the command line through the `cli` fixture."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import hoinhap_cli
from hoinhap_cli.cli import app
from hoinhap_cli.words import problems

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
# The code under test is the code in src/ (pyproject's `pythonpath`), never an installed copy;
# the processes that tests start (`python -m hoinhap_cli`) are pointed at it too.
assert Path(hoinhap_cli.__file__).resolve().is_relative_to(SRC), (
    f"tests import {hoinhap_cli.__file__}, not the package in {SRC}")
os.environ["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])])
SHIPPED = ROOT / "data"
SEED = ROOT / "tests" / "data" / "decision-02-2008.txt"
Cli = Callable[..., Result]  # the `cli` fixture's type


def hoinhap(*argv: str, data: Path | str | None = None, env: dict[str, str] | None = None,
            columns: int | None = None, **invoke: Any) -> Result:
    """Run `hoinhap ARGV --data DATA` in this process and return typer's Result (exit_code,
    stdout, stderr, output, exception). `columns` sets $COLUMNS for the tables' width; `invoke`
    goes to CliRunner.invoke (e.g. prog_name). The one
    way tests call the command line: tests take it as the `cli` fixture; helper functions at
    module level call it by name."""
    args = list(argv)
    if data is not None:  # at the end, or before a `--` that ends the options
        at = args.index("--") if "--" in args else len(args)
        args[at:at] = ["--data", str(data)]
    if columns is not None:
        env = {**(env or {}), "COLUMNS": str(columns)}
    return CliRunner().invoke(app, args, env=env, **invoke)


@pytest.fixture
def cli() -> Cli:
    """`cli("overdue", "--as-of", "2009-03-31", data=folder)`: see `hoinhap`."""
    return hoinhap


def snapshot(folder: Path) -> dict[str, str]:
    """Every file (by a hash of its bytes) and every folder below `folder`: "nothing was written"
    is `snapshot(before) == snapshot(after)`."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


def run_untouched(argv: list[str], folder: Path, code: int) -> Result:
    """Run the CLI on bad input: it must exit with `code`, without a traceback, writing nothing
    under `folder`. Returns the result for the caller's checks of the message."""
    before = snapshot(folder)
    result = hoinhap(*argv)
    output = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in output
    assert snapshot(folder) == before, "a file was changed, added or removed"
    assert result.exit_code == code, output
    return result


# The decision and plan of every small test plan: only programmes, units and tasks differ.
# One report of the mini plan's Phòng QLĐT (tests of the cache: an entry to cache, change, break).
REPORT = """\
unit: phong-qldt
period: 2009-Q1
entries:
  - task: "3.2.4"
    status: in-progress
    date: "2009-02-01"
"""

DECISION_HEADER = """\
decision:
  number: 02/2008/QĐ-UBND
  title: Về ban hành kế hoạch
  issuer: Ủy ban nhân dân quận 2
  signed_on: 2008-10-17
  signer: Lê Trọng Sang
  signer_title: Chủ tịch
  effective_after_days: 7
  directed_by: Phó Chủ tịch
  standing_agency: phong-kinh-te
plan:
  title: Kế hoạch
  objective: Mục tiêu
  period:
    start: 2008-01-01
    end: 2010-12-31
"""

MINI_PLAN = "# a small plan for tests\n" + DECISION_HEADER + """\
programs:
  - id: "1"
    title: Tuyên truyền
  - id: "3"
    title: Đô thị
    sections:
      - id: "3.2"
        title: Về chỉnh trang đô thị
units:
  - id: phong-kinh-te
    name: Phòng Kinh tế
    kind: phòng
    aliases: [Kinh tế]
  - id: phong-qldt
    name: Phòng Quản lý đô thị
    kind: phòng
    aliases: [Phòng QLĐT, QLĐT]
  - id: ubnd-phuong-cat-lai
    name: Ủy ban nhân dân phường Cát Lái
    kind: ubnd phường
  - id: ubnd-11-phuong
    name: Ủy ban nhân dân 11 phường
    kind: nhóm
    members: [ubnd-phuong-cat-lai]
events:
  - id: tp-duyet
    name: Thành phố phê duyệt
tasks:
  - id: "1.1"
    program: "1"
    title: Tuyên truyền về WTO
    lead: [phong-kinh-te]
    support: [ubnd-11-phuong]
    products: [Chương trình phát thanh]
    milestones:
      - due: 2008-Q4
        source: Quý IV-2008
        product: 1
  - id: "3.2.4"
    program: "3"
    section: "3.2"
    title: Xây trường học
    lead: [phong-qldt]
    milestones:
      - due: "2009"
        source: "2009"
  - id: "3.2.4a"
    id_assigned: true
    program: "3"
    section: "3.2"
    units_from: "3.2.4"
    title: Dự án giao thông
    milestones:
      - due: by 2010
        source: Đến năm 2010
"""


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A data folder with a small valid plan; returns the folder."""
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    (data / "plan.yaml").write_text(MINI_PLAN, encoding="utf-8")
    return data


def _repo_data_state() -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(SHIPPED)): (p.stat().st_size, p.stat().st_mtime_ns) for p in SHIPPED.rglob("*")}


@pytest.fixture(autouse=True)
def _repo_data_untouched() -> Iterator[None]:
    """No test writes into the repository's data/ (the shipped plan): a writing command run
    without --data from the repository's folder would (a stray data/reports/ once came of it).
    Checked around every test, so the one that wrote is the one that fails."""
    before = _repo_data_state()
    yield
    after = _repo_data_state()
    assert after == before, f"a test changed the repository's {SHIPPED}: " + ", ".join(
        sorted(set(after) ^ set(before)) or [k for k in after if after[k] != before.get(k)])


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOINHAP_DATA", "HOINHAP_LANG", "HOINHAP_TODAY", "NO_COLOR", "HOINHAP_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOINHAP_TODAY", "2026-11-27")


# --- golden files and a ledger with progress (issue 9)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/golden/* from the current output instead of comparing.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


PROGRESS_REPORTS = {
    "2008-Q4/phong-kinh-te.yaml": """\
unit: phong-kinh-te
period: 2008-Q4
entries:
  - task: "2.10"
    milestone: 1
    status: done
    date: 2008-11-20
  - task: "2.10"
    milestone: 2
    status: in-progress
    date: 2008-12-15
""",
    "2009-Q1/phong-kinh-te.yaml": """\
unit: phong-kinh-te
period: 2009-Q1
entries:
  - task: "2.5"
    status: in-progress
    date: 2009-03-01
events:
  - event: tp-duyet-quy-hoach-cho
    date: 2009-02-10
""",
    # a milestone closes when every lead has said so (issue 15): both leads of 2.10 and of 1.3
    "2008-Q4/cong-ty-cp-thu-thiem.yaml": """\
unit: cong-ty-cp-thu-thiem
period: 2008-Q4
entries:
  - task: "2.10"
    milestone: 1
    status: done
    date: 2008-11-20
""",
    "2009-Q1/phong-noi-vu.yaml": """\
unit: phong-noi-vu
period: 2009-Q1
entries:
  - task: "1.3"
    milestone: 1
    status: done
    date: 2009-03-20
""",
    "2009-Q1/phong-tu-phap.yaml": """\
unit: phong-tu-phap
period: 2009-Q1
entries:
  - task: "1.3"
    milestone: 1
    status: done
    date: 2009-03-20
""",
    "2009-Q1/phong-vhtt.yaml": """\
unit: phong-vhtt
period: 2009-Q1
entries:
  - task: "1.1"
    milestone: 2
    status: dropped
    reason: gộp vào chuyên mục chung
    date: 2009-03-25
""",
}


@pytest.fixture
def shipped_progress(tmp_path: Path) -> Path:
    """The shipped plan with a few report files: done, in progress, dropped, an event recorded."""
    data = tmp_path / "progress"
    data.mkdir()
    (data / "plan.yaml").write_bytes((SHIPPED / "plan.yaml").read_bytes())
    for name, text in PROGRESS_REPORTS.items():
        path = data / "reports" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return data


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own empty content-hash cache, never the user's ~/.cache (and not inside
    tmp_path, which tests list and hash)."""
    cache = tmp_path_factory.mktemp("hoinhap-cache")
    monkeypatch.delenv("HOINHAP_NO_CACHE", raising=False)
    monkeypatch.setenv("HOINHAP_CACHE_DIR", str(cache))
    return cache


@pytest.fixture(autouse=True)
def _problems_in_english() -> Iterator[None]:
    """Problems found by the library, outside a command-line run, are worded in English (the
    wording tests below `cli/` compare); a run words them in its own language (cli.group)."""
    token = problems.LANG.set("en")
    yield
    problems.LANG.reset(token)
