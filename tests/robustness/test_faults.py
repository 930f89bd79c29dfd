"""Faults, with real processes and files: kill -9 mid-write, a disk that is full, a read-only
folder, a plan replaced while a command reads it.

A lock left by a dead process is tested in tests/test_store.py
(test_a_lock_left_by_a_dead_process_does_not_block); the kill loop here adds the case where
the dead process held the lock mid-write: the next writer goes on at once.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from conftest import Cli, hoinhap
from hoinhap_cli.files import yamlio
from hoinhap_cli.files.paths import locate
from hoinhap_cli.ledger import store
from hoinhap_cli.ledger.reading import load_plan, validate_report
from hoinhap_cli.rules import progress
from plan_cases import SHIPPED
from report_cases import TODAY

QUARTER = "2009-Q2"
REPORT = Path("reports") / QUARTER / "phong-kinh-te.yaml"
ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("HOINHAP_")}, "HOINHAP_TODAY": TODAY,
       "HOINHAP_LANG": "en"}  # the refusals below are compared in English


def make_data(folder: Path, entries: int = 0) -> Path:
    """The shipped plan, and a report for 2009-Q2 holding `entries` entries (work for the writer)."""
    (folder / REPORT).parent.mkdir(parents=True)
    (folder / "plan.yaml").write_text(SHIPPED, encoding="utf-8")
    if entries:
        lines = ["unit: phong-kinh-te", f"period: {QUARTER}", "entries:"]
        for i in range(entries):
            lines += ['  - task: "2.10"', "    status: in-progress", f"    date: 2009-04-{i % 28 + 1:02d}",
                      f'    note: "mục {i}: đã khảo sát chợ Thạnh Mỹ Lợi"']
        (folder / REPORT).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def valid_report(path: Path, plan) -> int:
    """The number of entries of a report file that loads and validates; fails the test otherwise."""
    doc, problems = yamlio.read(path, str(path))
    assert doc is not None, problems
    content, problems = validate_report(doc, plan, "phong-kinh-te", QUARTER, date.fromisoformat(TODAY))
    assert content is not None and not [p for p in problems if p.severity == "error"], problems
    return len(content.entries)


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def holds_flock(pid: int, path: Path) -> bool | None:
    """Whether process `pid` holds a flock on `path` now (Linux /proc/locks); None if unknown."""
    try:
        inode = path.stat().st_ino
        locks = Path("/proc/locks").read_text()
    except OSError:
        return None
    for line in locks.splitlines():
        parts = line.split()
        # "1: FLOCK  ADVISORY  WRITE 12345 08:01:123456 0 EOF" (blocked waiters have "->" after "1:")
        if len(parts) >= 6 and parts[1] == "FLOCK" and parts[4] == str(pid) and parts[5].endswith(f":{inode}"):
            return True
    return False


# ------------------------------------------------------------------ kill -9

ENTRIES = 300  # a report this long keeps the writer ~0.1 s under the lock: more kills land mid-write


@pytest.mark.slow  # 50 processes killed at random moments
def test_kill_9_at_random_moments_leaves_the_old_or_the_new_file(tmp_path: Path, cli: Cli) -> None:
    tries = 50
    data = make_data(tmp_path / "data", entries=ENTRIES)
    twin = make_data(tmp_path / "twin", entries=ENTRIES)  # the same writes made in-process: the expected bytes
    path, lock = data / REPORT, data / (str(REPORT) + ".lock")
    where, twin_where = locate(str(data)), locate(str(twin))
    plan, _ = load_plan(where)
    assert plan is not None
    today = date.fromisoformat(TODAY)

    def argv(note: str) -> list[str]:
        return [sys.executable, "-m", "hoinhap_cli", "record", "2.10", "-s", "in-progress", "--milestone", "1",
                "--note", note, "--data", str(data)]  # the milestone named: the twin below need not choose

    def expected_after(note: str) -> bytes:
        done = progress.build_entry(plan, task="2.10", status="in-progress", today=today, milestone=1, note=note)
        store.update(twin_where, plan, done.unit.id, done.period, today, store.append_entry(done.entry))
        return (twin / REPORT).read_bytes()

    runs = []
    for warm_up in ("warm-up-1", "warm-up-2"):
        started = time.perf_counter()
        subprocess.run(argv(warm_up), env=ENV, check=True, capture_output=True, timeout=60)
        runs.append(time.perf_counter() - started)
        expected_after(warm_up)
    full_run = min(runs)  # one whole record: start-up, plan, lock, write (the first one fills caches)
    assert path.read_bytes() == (twin / REPORT).read_bytes()
    base = ENTRIES + len(runs) - 1  # entries before the first try, less the one `versions` counts

    rng = random.Random(20081017)
    seen = {"completed": 0, "killed": 0, "killed holding the lock": 0, "killed after the temp file": 0}
    versions = [path.read_bytes()]
    for i in range(tries):
        note = f"kill-{i}: Đã kiểm tra"
        old = path.read_bytes()
        child = subprocess.Popen(argv(note), env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # half the kills anywhere in a run, half in its last quarter, where the lock is held
        end = min(0.6, full_run * 1.1)
        time.sleep(rng.uniform(0, end) if i % 2 else rng.uniform(0.75 * end, end))
        if child.poll() is None:
            in_lock = holds_flock(child.pid, lock)
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)
            seen["killed"] += 1
            seen["killed holding the lock"] += bool(in_lock)
            seen["killed after the temp file"] += bool(temp_files(path.parent))
        else:
            assert child.wait() == 0, child.stderr.read() if child.stderr else ""
            seen["completed"] += 1
        if child.stderr:
            child.stderr.close()
        now = path.read_bytes()
        if now != old:
            assert now == expected_after(note), f"try {i}: the file is neither the old nor the new version"
            versions.append(now)
        assert valid_report(path, plan) == base + len(versions), f"try {i}: an entry was lost or doubled"

    # the next writer after all those deaths: nothing blocks it, and it clears the dead writers' temp files
    result = subprocess.run(argv("after"), env={**ENV, "HOINHAP_LOCK_TIMEOUT": "5"}, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert temp_files(path.parent) == []
    assert cli("check", "--data", str(data), env={"HOINHAP_TODAY": TODAY}).exit_code == 0
    print(f"\nkill -9 loop: {tries} tries, one record {full_run:.2f} s; {seen}; {len(versions) - 1} new versions")
    assert seen["killed"] >= tries // 5, seen  # the loop really kills, it does not only wait


# ------------------------------------------------------------------ writes the system refuses


@pytest.fixture
def written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> Path:
    """A data folder whose 2009-Q2 report already holds one entry."""
    data = make_data(tmp_path / "data")
    monkeypatch.setenv("HOINHAP_TODAY", TODAY)
    assert cli("record", "2.10", "-s", "in-progress", "--data", str(data)).exit_code == 0
    return data


def _refused(data: Path, expected: str) -> None:
    before = (data / REPORT).read_bytes()
    listing = sorted(p.name for p in (data / REPORT).parent.iterdir())
    result = hoinhap("record", "2.10", "-s", "done", "--note", "mới", "--lang", "en", "--data", str(data))
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr and "lỗi nội bộ" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].endswith(f"{REPORT.name}: cannot write: {expected}; the file was not changed"), lines[0]
    assert (data / REPORT).read_bytes() == before
    assert sorted(p.name for p in (data / REPORT).parent.iterdir()) == listing  # no temp file left


def _disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_disk_full_during_fsync(written: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fsync", _disk_full)
    _refused(written, "the disk is full (No space left on device)")


def test_disk_full_during_write(written: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])  # half of it reaches the disk, then it is full
            self.handle.flush()
            _disk_full()

        def __getattr__(self, name):
            return getattr(self.handle, name)

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real_fdopen(fd, *a, **k)))
    _refused(written, "the disk is full (No space left on device)")


def test_disk_full_on_the_first_write_of_a_quarter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    data = make_data(tmp_path / "data")
    monkeypatch.setenv("HOINHAP_TODAY", TODAY)
    monkeypatch.setattr(os, "fsync", _disk_full)
    result = cli("record", "2.10", "-s", "done", "--lang", "en", "--data", str(data))
    assert result.exit_code == 2 and "cannot write: the disk is full" in result.stderr
    assert not (data / REPORT).exists() and temp_files((data / REPORT).parent) == []


def test_read_only_folder_simulated(written: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As the system answers a non-root user in a folder without write permission (EACCES at the
    temp file: the lock file already exists and can still be opened)."""

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    _refused(written, "no permission to write in this folder (Permission denied)")


def _as_nobody() -> list[str] | None:
    """A command prefix that runs a process as an unprivileged user, when the tests run as root."""
    if os.name != "posix" or os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


def test_read_only_folder_for_real(tmp_path: Path) -> None:
    """A real folder without write permission (chmod 0555). Root ignores permissions, so as root
    the writer runs as user nobody (setpriv); the data lives in a folder nobody can read."""
    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("running as root without setpriv: see test_read_only_folder_simulated")
    base = Path(tempfile.mkdtemp(prefix="hoinhap-ro-"))
    try:
        data = make_data(base / "data", entries=3)
        for folder in [base, *base.rglob("*")]:
            folder.chmod(0o755 if folder.is_dir() else 0o644)
        (data / REPORT).parent.chmod(0o555)
        (data / "reports").chmod(0o555)
        before = (data / REPORT).read_bytes()
        listing = sorted(p.name for p in (data / REPORT).parent.iterdir())
        # User nobody cannot open root's cache folder: that is said in a line of its own (a test of the
        # cache holds it); this run is about the report folder, so it reads without the cache.
        result = subprocess.run([*prefix, sys.executable, "-m", "hoinhap_cli", "record", "2.10", "-s", "done",
                                 "--data", str(data)], env={**ENV, "HOINHAP_NO_CACHE": "1"},
                                capture_output=True, text=True, timeout=60)
        if prefix and "Permission denied" in result.stderr and "python" in result.stderr.lower():
            pytest.skip("user nobody cannot run this Python")
        assert result.returncode == 2, result.stderr
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].endswith(
            "cannot write: no permission to write in this folder (Permission denied); the file was not changed"), lines
        assert (data / REPORT).read_bytes() == before
        assert sorted(p.name for p in (data / REPORT).parent.iterdir()) == listing
    finally:
        for folder in [base, *base.rglob("*")]:
            if folder.is_dir():
                folder.chmod(0o755)
        shutil.rmtree(base)


# ------------------------------------------------------------------ a plan replaced mid-command


def _plan_v2() -> str:
    """The shipped plan with task 2.10 renamed and its first deadline moved: visible in any answer."""
    v2 = SHIPPED.replace("\n  - id: \"2.10\"\n", "\n  - id: \"2.10\"\n    # v2\n", 1)
    assert v2 != SHIPPED
    start = v2.index("# v2")
    title = v2.index("title:", start)
    end = v2.index("\n", title)
    return v2[:title] + "title: Nhiệm vụ đã đổi tên (v2)" + v2[end:]


COMMANDS = [["tasks", "-f", "json"], ["overdue", "-f", "json"], ["show", "2.10", "-f", "json"], ["check"],
            ["export"], ["log", "-f", "json"], ["timeline"], ["units", "-f", "json"]]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_the_plan_is_read_once_per_command(argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           cli: Cli) -> None:
    """Each command reads plan.yaml's bytes once; replacing the file right after that read
    changes nothing in the answer (it is the answer of the version that was read)."""
    data = make_data(tmp_path / "data", entries=2)
    monkeypatch.setenv("HOINHAP_TODAY", TODAY)
    plan_file = (data / "plan.yaml").resolve()
    first = cli(*argv, "--data", str(data))
    assert first.exit_code in (0, 1), first.stderr

    reads = []
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        content = real(self)
        if self.resolve() == plan_file:
            reads.append(content)
            os.replace(_write(data / ".plan-v2.tmp", _plan_v2()), plan_file)  # an editor saves v2 now
        return content

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    during = cli(*argv, "--data", str(data))
    assert len(reads) == 1, f"plan.yaml was read {len(reads)} times"
    assert (during.exit_code, during.stdout) == (first.exit_code, first.stdout)
    after = cli(*argv, "--data", str(data))
    if argv[0] in ("tasks", "show", "export"):
        assert "Nhiệm vụ đã đổi tên (v2)" in after.stdout  # the swap is visible to the next command


def test_record_reads_the_plan_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    data = make_data(tmp_path / "data")
    monkeypatch.setenv("HOINHAP_TODAY", TODAY)
    plan_file = (data / "plan.yaml").resolve()
    reads = []
    real, real_open = Path.read_bytes, open
    monkeypatch.setattr(Path, "read_bytes",
                        lambda self: (reads.append(1) if self.resolve() == plan_file else None) or real(self))
    monkeypatch.setattr(yamlio, "open", lambda path, *a, **k: (reads.append(1) if Path(path).resolve() == plan_file
                                                               else None) or real_open(path, *a, **k), raising=False)
    assert cli("record", "2.10", "-s", "done", "--data", str(data)).exit_code == 0
    assert len(reads) == 1


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_plan_swapped_again_and_again_gives_one_version_per_answer(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      cli: Cli) -> None:
    """A thread replaces plan.yaml (atomically, as editors and git do) between two versions as
    fast as it can while `tasks -f json` runs: every answer is exactly v1's or v2's."""
    data = make_data(tmp_path / "data", entries=2)
    monkeypatch.setenv("HOINHAP_TODAY", TODAY)
    texts = [SHIPPED, _plan_v2()]
    answers = []
    for text in texts:
        _write(data / "plan.yaml", text)
        result = cli("tasks", "-f", "json", "--data", str(data))
        assert result.exit_code == 0
        answers.append(result.stdout)
    assert answers[0] != answers[1]

    stop = threading.Event()
    swaps = [0]

    def swapper() -> None:
        while not stop.is_set():
            tmp = _write(data / f".swap-{swaps[0] % 2}.tmp", texts[swaps[0] % 2])
            os.replace(tmp, data / "plan.yaml")
            swaps[0] += 1

    thread = threading.Thread(target=swapper)
    thread.start()
    try:
        got = []
        for _ in range(30):
            result = cli("tasks", "-f", "json", "--data", str(data))
            assert result.exit_code == 0, result.stderr
            got.append(answers.index(result.stdout) if result.stdout in answers else None)
    finally:
        stop.set()
        thread.join()
    assert None not in got, "an answer mixed two versions of the plan"
    assert swaps[0] > 30  # the plan really changed while the commands ran
    assert json.loads(answers[0])
