"""What a cached answer is keyed by — the package's code, the size limit, the day, the files'
bytes as read (whatever the clocks say) — and what the cache folder may hold without harm."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
import types
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from conftest import REPORT, SRC, hoinhap
from hoinhap_cli.files.paths import DataDir
from hoinhap_cli.judgement import responsibility
from hoinhap_cli.ledger import cache as cache_module
from hoinhap_cli.ledger import scan, snapshot
from hoinhap_cli.ledger.cache import Cache, default_dir
from hoinhap_cli.model.reportfiles import Piece

TODAY = date(2009, 3, 31)
NOT_IN_PLAN = REPORT.replace('"3.2.4"', '"1.1"')  # phong-qldt takes no part in 1.1: `check` exits 1


@pytest.fixture
def ledger(mini: Path) -> Path:
    report = mini / "reports" / "2009-Q1" / "phong-qldt.yaml"
    report.parent.mkdir()
    report.write_text(REPORT, encoding="utf-8")
    return mini


def where(data: Path) -> DataDir:
    return DataDir(data, data / "plan.yaml", "option")


def share(monkeypatch: pytest.MonkeyPatch, times: Callable[[os.stat_result], tuple[int, int]]) -> None:
    """The data folder as the cache sees it through a file share: each file's modification and
    change times (ns) are what `times` says, stamped by the share's clock, not ours."""

    class Share(types.ModuleType):
        def __getattr__(self, name: str) -> object:
            return getattr(os, name)

        @staticmethod
        def stat(path: str, *args: object, **kw: object) -> object:
            st = os.stat(path, *args, **kw)  # type: ignore[arg-type]
            mtime, ctime = times(st)
            return types.SimpleNamespace(st_mode=st.st_mode, st_size=st.st_size, st_ino=st.st_ino,
                                         st_mtime_ns=mtime, st_ctime_ns=ctime)

    monkeypatch.setattr(scan, "os", Share("os"))


# ---------------------------------------------------------------------- the code
def test_a_changed_rule_in_the_installed_package_is_seen_warm(ledger: Path, tmp_path: Path,
                                                              _private_cache: Path) -> None:
    """The package installed elsewhere (a copy), run warm; then one rule of it changed — a module
    no list of files named — and run warm again: the answer is the new code's."""
    site = tmp_path / "site"
    shutil.copytree(SRC / "hoinhap_cli", site / "hoinhap_cli", ignore=shutil.ignore_patterns("__pycache__"))
    (ledger / "reports" / "2009-Q1" / "phong-qldt.yaml").write_text(NOT_IN_PLAN, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site), "HOINHAP_CACHE_DIR": str(_private_cache),
           "HOINHAP_TODAY": "2009-03-31", "COLUMNS": "200"}

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "hoinhap_cli", "check", "--data", str(ledger)],
                              env=env, capture_output=True, text=True, cwd=tmp_path)

    assert check().returncode == 1  # the report names a task its unit takes no part in
    assert check().returncode == 1  # warm
    rules = site / "hoinhap_cli" / "model" / "units.py"
    text = rules.read_text(encoding="utf-8")
    rule = "def takes_part(units: Mapping[str, UnitShape], task: TaskShape, unit_id: str) -> bool:\n"
    assert rule in text
    rules.write_text(text.replace(rule, rule + "    return True\n"), encoding="utf-8")  # every unit takes part
    warm = check()
    env["HOINHAP_NO_CACHE"] = "1"
    uncached = check()
    assert (warm.returncode, warm.stdout) == (uncached.returncode, uncached.stdout)
    assert warm.returncode == 0, warm.stdout + warm.stderr


def test_the_fingerprint_covers_every_module_of_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every .py file below the package (sub-packages too) changes the fingerprint; other files do not."""
    site = tmp_path / "hoinhap_cli"
    shutil.copytree(SRC / "hoinhap_cli", site, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_module, "__file__", str(site / "ledger" / "cache.py"))
    before = cache_module._fingerprint()
    assert cache_module._fingerprint() == before
    (site / "notes.txt").write_text("not code", encoding="utf-8")
    assert cache_module._fingerprint() == before
    modules = sorted(site.rglob("*.py"))
    assert len(modules) > 60 and any(p.parent != site for p in modules)
    for module in (site / "rules" / "selection.py", site / "cli" / "check.py", site / "views" / "summaryview.py"):
        saved = module.read_bytes()
        module.write_bytes(saved + b"\n# changed\n")
        assert cache_module._fingerprint() != before, module.name
        module.write_bytes(saved)
    assert cache_module._fingerprint() == before


# ---------------------------------------------------------------------- damaged entries
def test_every_bit_flip_and_truncation_of_an_entry_is_a_rebuild(ledger: Path, tmp_path: Path) -> None:
    """One report file's entry, each of its bits flipped in turn, then cut at every length: never
    an answer (a changed value), never an error — the entry is dropped and the file read again."""
    cache = Cache(tmp_path / "c")
    snapshot.load(where(ledger), TODAY, cache)
    raw_report = (ledger / "reports" / "2009-Q1" / "phong-qldt.yaml").read_bytes()
    import hashlib

    key = cache.report_key(hashlib.sha256(raw_report).digest())
    path = tmp_path / "c" / "v2" / key
    good = path.read_bytes()
    want = cache.get(key, Piece)
    assert want is not None and want[1][0].task == "3.2.4"
    answered = []
    for bit in range(len(good) * 8):
        bad = bytearray(good)
        bad[bit // 8] ^= 1 << (bit % 8)
        path.write_bytes(bytes(bad))
        if cache.get(key, Piece) is not None:
            answered.append(bit)
    for size in range(len(good)):
        path.write_bytes(good[:size])
        if cache.get(key, Piece) is not None:
            answered.append(-size)
    assert answered == []
    assert not path.exists()  # the last damaged copy was removed
    ledger_now, problems = snapshot.load(where(ledger), TODAY, cache)
    assert ledger_now is not None and problems == []
    assert [e.task for _, e in ledger_now.entries()] == ["3.2.4"]  # read from the file again
    assert path.read_bytes() == good  # and its entry rebuilt


def test_an_entry_copied_under_another_name_is_never_an_answer(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    a, b = cache.key("report", b"a"), cache.key("report", b"b")
    cache.put(a, ("a", 1))
    (tmp_path / "c" / "v2" / b).write_bytes((tmp_path / "c" / "v2" / a).read_bytes())
    assert cache.get(b, tuple[str, int]) is None
    assert cache.get(a, tuple[str, int]) == ("a", 1)


# ---------------------------------------------------------------------- the size limit
def old_report(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report file last changed a minute ago, the plan just now (its stat is what the share's
    clock says), and our clock a minute ahead: the cache trusts the report's stored stat."""
    old = int(time.time()) * 10**9 - 60 * 10**9
    plan_ino = (ledger / "plan.yaml").stat().st_ino
    share(monkeypatch, lambda st: (st.st_mtime_ns, st.st_ctime_ns) if st.st_ino == plan_ino else (old, old))
    clock = time.time_ns
    monkeypatch.setattr(scan.time, "time_ns", lambda: clock() + 60 * 10**9)


def test_an_answer_under_a_lower_size_limit_is_not_kept_for_the_default(ledger: Path, _private_cache: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    report = ledger / "reports" / "2009-Q1" / "phong-qldt.yaml"
    report.write_text(REPORT + "# padding\n" * 20_000, encoding="utf-8")  # ~200 KB, valid
    old_report(ledger, monkeypatch)
    small = {"HOINHAP_MAX_MB": "0.1"}
    argv = ("overdue", "--as-of", "2009-03-31")
    want_small = hoinhap("--no-cache", *argv, data=ledger, env=small)
    want = hoinhap("--no-cache", *argv, data=ledger)
    assert (want_small.exit_code, want.exit_code) == (4, 1)  # late, and with the report left out (4)
    assert hoinhap("check", data=ledger).exit_code == 0  # the cache knows every file
    for _ in range(2):
        got = hoinhap(*argv, data=ledger, env=small)
        assert (got.exit_code, got.stdout) == (want_small.exit_code, want_small.stdout)
    for _ in range(2):
        got = hoinhap(*argv, data=ledger)
        assert (got.exit_code, got.stdout) == (want.exit_code, want.stdout)
    assert hoinhap("check", data=ledger).exit_code == 0


def test_a_lowered_limit_applies_to_files_whose_stat_the_cache_knows(ledger: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Files whose stored stat the cache trusts (old enough on the share's clock) are not read
    again; the limit still applies to them."""
    report = ledger / "reports" / "2009-Q1" / "phong-qldt.yaml"
    report.write_text(REPORT + "# padding\n" * 20_000, encoding="utf-8")
    old_report(ledger, monkeypatch)
    cache = Cache(tmp_path / "c")
    for _ in range(2):
        found, problems = snapshot.load(where(ledger), TODAY, cache)
        assert found is not None and found.report_files() and problems == []
    found, problems = snapshot.load(where(ledger), TODAY, cache, max_bytes=100_000)
    assert found is not None and found.report_files() == []
    assert [p.file for p in problems] == [str(report)] and problems[0].severity == "error"


# ---------------------------------------------------------------------- clocks
def test_a_rewrite_within_the_same_second_on_a_share_whose_clock_runs_behind(
        ledger: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file share stamping whole seconds, its clock 10 s behind ours: a report rewritten (same
    size, same inode) in the second it was first read keeps every time of its stat. Its content,
    not the clocks, decides the answer."""
    share_now = (time.time_ns() // 10**9 - 10) * 10**9
    share(monkeypatch, lambda st: (share_now, share_now))
    report = ledger / "reports" / "2009-Q1" / "phong-qldt.yaml"
    cache = Cache(tmp_path / "c")
    first, _ = snapshot.load(where(ledger), TODAY, cache)
    assert first is not None and responsibility.task_status(first, "3.2.4").entry.status.value == "in-progress"
    ino = report.stat().st_ino
    rewritten = REPORT.replace("in-progress", "not-started").encode("utf-8")  # as long
    with open(report, "r+b") as f:  # the same size, in place
        f.write(rewritten)
    assert report.stat().st_ino == ino and report.read_bytes() == rewritten
    again, _ = snapshot.load(where(ledger), TODAY, cache)
    assert again is not None and responsibility.task_status(again, "3.2.4").entry.status.value == "not-started"


def test_a_stat_is_trusted_once_hashed_again_two_seconds_later(ledger: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """On that share, no file is ever older than the newest change: a file is known by its stat
    once a run at least 2 s (on our clock) after the first one hashed it again — and from then
    on it is not read while its stat stays."""
    share_now = (time.time_ns() // 10**9 - 10) * 10**9
    share(monkeypatch, lambda st: (share_now, share_now))
    clock = [time.time_ns()]
    monkeypatch.setattr(scan.time, "time_ns", lambda: clock[0])
    report = ledger / "reports" / "2009-Q1" / "phong-qldt.yaml"
    cache = Cache(tmp_path / "c")
    read: list[str] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))

    def status() -> str:
        found, _ = snapshot.load(where(ledger), TODAY, cache)
        assert found is not None
        return responsibility.task_status(found, "3.2.4").entry.status.value

    assert status() == "in-progress"
    clock[0] += 10**9  # a second later: the same tick may still be stamping, hash again
    report.write_bytes(REPORT.replace("in-progress", "not-started").encode("utf-8"))
    read.clear()
    assert status() == "not-started" and "phong-qldt.yaml" in read
    clock[0] += 3 * 10**9  # more than 2 s after the first hash of this stat: hashed once more, then trusted
    read.clear()
    assert status() == "not-started" and "phong-qldt.yaml" in read
    read.clear()
    assert status() == "not-started" and read == []


# ---------------------------------------------------------------------- which files are reports
def test_a_report_named_in_upper_case_is_counted_alike_cached_or_not(ledger: Path, _private_cache: Path) -> None:
    argv = ("check", "--lang", "en")
    assert hoinhap(*argv, data=ledger).exit_code == 0  # the snapshot before the new file
    (ledger / "reports" / "2009-Q1" / "phong-kinh-te.YAML").write_text(
        REPORT.replace("phong-qldt", "phong-kinh-te").replace('"3.2.4"', '"1.1"'), encoding="utf-8")
    uncached = hoinhap("--no-cache", *argv, data=ledger)
    assert "1 report files" in uncached.output and "phong-kinh-te.YAML: warning" in uncached.output
    for _ in range(2):  # an edit of the snapshot, then the snapshot as it is
        warm = hoinhap(*argv, data=ledger)
        assert (warm.exit_code, warm.output) == (uncached.exit_code, uncached.output)
    shutil.rmtree(_private_cache)  # a cold fill, then warm
    for _ in range(2):
        warm = hoinhap(*argv, data=ledger)
        assert (warm.exit_code, warm.output) == (uncached.exit_code, uncached.output)


# ---------------------------------------------------------------------- the folder
def test_a_fifo_in_the_cache_folder_blocks_nothing(ledger: Path, _private_cache: Path) -> None:
    argv = [sys.executable, "-m", "hoinhap_cli", "overdue", "--as-of", "2009-03-31", "--data", str(ledger)]
    env = {**os.environ, "HOINHAP_CACHE_DIR": str(_private_cache), "HOINHAP_TODAY": "2009-03-31"}
    want = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    assert want.returncode == 1 and "Phòng Kinh tế" in want.stdout  # 1.1 is late
    names = [p for p in (_private_cache / "v2").iterdir()]
    assert names
    for path in names:  # every entry and snapshot a FIFO with no writer
        path.unlink()
        os.mkfifo(path, 0o600)
    got = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    assert (got.returncode, got.stdout) == (want.returncode, want.stdout)
    assert all(stat.S_ISREG(p.stat().st_mode) for p in (_private_cache / "v2").iterdir())  # replaced


def test_a_relative_xdg_cache_home_is_ignored() -> None:
    home = Path.home()
    assert default_dir({"XDG_CACHE_HOME": ".cache"}) == home / ".cache" / "hoinhap"
    assert default_dir({"XDG_CACHE_HOME": "data/.cache"}) == home / ".cache" / "hoinhap"
    assert default_dir({"XDG_CACHE_HOME": ""}) == home / ".cache" / "hoinhap"
    assert default_dir({"XDG_CACHE_HOME": "/var/cache/me"}) == Path("/var/cache/me/hoinhap")
    assert default_dir({"HOINHAP_CACHE_DIR": "/tmp/h", "XDG_CACHE_HOME": ".c"}) == Path("/tmp/h")


def test_a_cache_folder_that_cannot_be_opened_is_said_once(ledger: Path, _private_cache: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Another user's 0700 folder cannot be opened at all (EACCES): the run says so, once, on
    stderr, and answers as without a cache."""
    assert hoinhap("check", data=ledger).exit_code == 0  # the folder exists
    real_open = os.open
    target = str(_private_cache)

    def denied(path: object, flags: int, *args: object, **kw: object) -> int:
        if str(path) == target and flags & getattr(os, "O_DIRECTORY", 0):
            raise PermissionError(13, "Permission denied", target)
        return real_open(path, flags, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(cache_module.os, "open", denied)
    want = hoinhap("--no-cache", "overdue", "--as-of", "2009-03-31", "--lang", "en", data=ledger)
    got = hoinhap("overdue", "--as-of", "2009-03-31", "--lang", "en", data=ledger)
    assert (got.exit_code, got.stdout) == (want.exit_code, want.stdout)
    said = [line for line in got.stderr.splitlines() if "cache not used" in line]
    assert said == [f"cache not used: {_private_cache} cannot be opened (permission denied); "
                    "every file is read this time"], got.stderr
