"""The cache can be trusted: one read per file, no code in entries, a folder that is the user's own."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPORT, ROOT, hoinhap
from hoinhap_cli.files import yamlio
from hoinhap_cli.ledger import snapshot

BROKEN = REPORT.replace("in-progress", "finished")  # not a status: `check` exits 1


def run(*args: str, **kw: object) -> tuple[int, str]:
    result = hoinhap(*args, **kw)  # type: ignore[arg-type]
    return result.exit_code, result.stdout


@pytest.fixture
def ledger(mini: Path) -> Path:
    report = mini / "reports" / "2009-Q1" / "phong-qldt.yaml"
    report.parent.mkdir()
    report.write_text(BROKEN, encoding="utf-8")
    return mini


def folder(cache_dir: Path) -> list[str]:
    return sorted(p.name for p in (cache_dir / "v2").iterdir()) if (cache_dir / "v2").is_dir() else []


# ---------------------------------------------------------------------- one read per file
def test_a_file_swapped_between_hashing_and_parsing_never_leaves_a_wrong_snapshot(
        ledger: Path, _private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The branch-swap race, made deterministic: the report is replaced by another version
    after the cache hashed the files and before they are parsed. The command answers for one
    version, and afterwards, on the original files, the cached answer is the uncached one."""
    report = ledger / "reports" / "2009-Q1" / "phong-qldt.yaml"
    built = snapshot._built
    swaps = []

    def swap_then_build(*args: object, **kw: object) -> object:
        if not swaps:
            swaps.append(1)
            report.write_text(REPORT, encoding="utf-8")  # the other branch: valid
        return built(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(snapshot, "_built", swap_then_build)
    during = hoinhap("check", data=ledger)
    assert swaps and during.exit_code in (0, 1) and "Traceback" not in during.output  # either version, whole
    monkeypatch.setattr(snapshot, "_built", built)
    report.write_text(BROKEN, encoding="utf-8")  # back to the first branch
    assert run("--no-cache", "check", data=ledger)[0] == 1
    assert run("check", data=ledger)[0] == 1
    report.write_text(REPORT, encoding="utf-8")
    args = ("log", "--format", "json")
    assert run(*args, data=ledger) == run("--no-cache", *args, data=ledger)


def test_files_that_keep_changing_are_refused(ledger: Path, _private_cache: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Two files that change while they are read (a checkout under way, each time) may have been
    read one before and one after it: the load starts again, and after 3 tries it says so."""
    first = ledger / "reports" / "2009-Q1" / "phong-qldt.yaml"
    second = ledger / "reports" / "2009-Q2" / "phong-qldt.yaml"
    second.parent.mkdir()
    first.write_text(REPORT, encoding="utf-8")
    q2 = REPORT.replace("2009-Q1", "2009-Q2").replace("2009-02-01", "2009-05-01")
    second.write_text(q2, encoding="utf-8")
    built = snapshot._built
    calls = []

    def checkout_then_build(*args: object, **kw: object) -> object:
        calls.append(1)
        for path, text in ((first, REPORT), (second, q2)):
            path.write_text(text + f"# checkout {len(calls)}\n", encoding="utf-8")
        return built(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(snapshot, "_built", checkout_then_build)
    result = hoinhap("overdue", "--lang", "en", data=ledger)
    assert len(calls) == snapshot.ATTEMPTS
    assert result.exit_code == 2
    assert "changed while this command read it" in result.stderr
    assert "Traceback" not in result.output
    assert not [n for n in folder(_private_cache) if n.startswith("s-")]  # no snapshot of a mix
    monkeypatch.setattr(snapshot, "_built", built)
    assert run("overdue", "--as-of", "2009-12-31", data=ledger) == \
        run("--no-cache", "overdue", "--as-of", "2009-12-31", data=ledger)


def test_one_file_changed_after_its_reading_is_answered_as_read(ledger: Path, _private_cache: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """One file saved again after it was read: the answer is the version read (the folder as it
    was then), at the first try."""
    report = ledger / "reports" / "2009-Q1" / "phong-qldt.yaml"
    built, calls = snapshot._built, []

    def save_then_build(*args: object, **kw: object) -> object:
        calls.append(1)
        report.write_text(REPORT + f"# saved {len(calls)}\n", encoding="utf-8")  # valid now
        return built(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(snapshot, "_built", save_then_build)
    assert run("check", data=ledger)[0] == 1  # BROKEN, as it was read
    assert calls == [1]


def test_each_file_is_read_once(ledger: Path, _private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold load parses the very bytes it hashed: no file is read a second time to parse it."""
    (ledger / "reports" / "2009-Q1" / "phong-qldt.yaml").write_text(REPORT, encoding="utf-8")

    def second_read(*_a: object, **_k: object) -> None:
        raise AssertionError("a file was read again after it was hashed")

    monkeypatch.setattr(yamlio, "read_bytes", second_read)
    assert run("check", data=ledger)[0] == 0


# ---------------------------------------------------------------------- no code in entries
class Planted:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (open, (str(self.marker), "w"))  # unpickling it creates the marker


def test_planted_pickles_never_run_and_never_change_an_answer(ledger: Path, tmp_path: Path,
                                                             _private_cache: Path) -> None:
    (ledger / "reports" / "2009-Q1" / "phong-qldt.yaml").write_text(REPORT, encoding="utf-8")
    args = ("overdue", "--as-of", "2009-12-31", "--format", "json")
    plain = run("--no-cache", *args, data=ledger)
    assert run(*args, data=ledger) == plain
    marker = tmp_path / "ran"
    evil = pickle.dumps(Planted(marker))
    names = folder(_private_cache)
    assert names
    for name in names:  # every entry and snapshot, in both the old and the new header
        for magic in (b"hoinhap-cache\n", b"hoinhap-cache-2\n"):
            (_private_cache / "v2" / name).write_bytes(magic + evil)
            assert run(*args, data=ledger) == plain
            assert run(*args, data=ledger) == plain
    old = _private_cache / "v1" / "ledger"
    old.mkdir(parents=True)
    (old / "x").write_bytes(b"hoinhap-cache\n" + evil)
    assert run(*args, data=ledger) == plain
    assert not marker.exists()


def test_an_entry_of_another_ledger_never_answers(ledger: Path, tmp_path: Path, _private_cache: Path) -> None:
    """A valid entry copied over another (same format, other content) is refused by its key."""
    other = tmp_path / "other"
    shutil.copytree(ledger, other)
    (ledger / "reports" / "2009-Q1" / "phong-qldt.yaml").write_text(REPORT, encoding="utf-8")
    (other / "reports" / "2009-Q1" / "phong-qldt.yaml").write_text(REPORT.replace("in-progress", "done"),
                                                                    encoding="utf-8")
    args = ("log", "--format", "json")
    mine, theirs = run("--no-cache", *args, data=ledger), run("--no-cache", *args, data=other)
    assert mine != theirs
    run(*args, data=ledger)
    before = set(folder(_private_cache))
    run(*args, data=other)
    for name in set(folder(_private_cache)) - before:  # the other ledger's entries, under my names
        for mine_name in before:
            if name.startswith("s-") == mine_name.startswith("s-"):
                shutil.copy(_private_cache / "v2" / name, _private_cache / "v2" / mine_name)
    assert run(*args, data=ledger) == mine


# ---------------------------------------------------------------------- the user's own folder
def test_the_folder_is_private_and_killed_writes_leave_nothing(ledger: Path, tmp_path: Path,
                                                               _private_cache: Path) -> None:
    root = tmp_path / "fresh-cache"
    env = {**os.environ, "HOINHAP_CACHE_DIR": str(root), "PYTHONPATH": str(ROOT / "src")}
    script = ("import os, sys; from pathlib import Path; from hoinhap_cli.ledger import cache; "
              "os.replace = lambda *a, **k: os._exit(9); "  # killed between writing and renaming
              "cache.Cache(Path(sys.argv[1])).put('k' * 64, 'value')")
    for _ in range(10):
        done = subprocess.run([sys.executable, "-c", script, str(root)], env=env, timeout=60)
        assert done.returncode == 9
    assert len([p for p in (root / "v2").iterdir() if p.name.startswith(".tmp-")]) == 10
    (ledger / "reports" / "2009-Q1" / "phong-qldt.yaml").write_text(REPORT, encoding="utf-8")
    assert hoinhap("check", data=ledger, env={"HOINHAP_CACHE_DIR": str(root)}).exit_code == 0
    for where in (root, root / "v2"):  # what `ls -la` shows
        assert stat.S_IMODE(where.lstat().st_mode) == 0o700
    assert not [p for p in (root / "v2").iterdir() if p.name.startswith(".tmp-")]


def test_a_folder_others_may_write_is_refused_in_one_line(ledger: Path, _private_cache: Path) -> None:
    (ledger / "reports" / "2009-Q1" / "phong-qldt.yaml").write_text(REPORT, encoding="utf-8")
    assert run("check", data=ledger)[0] == 0
    (_private_cache / "v2").chmod(0o777)
    result = hoinhap("overdue", "--as-of", "2009-12-31", data=ledger)
    assert result.exit_code == run("--no-cache", "overdue", "--as-of", "2009-12-31", data=ledger)[0]
    assert [line for line in result.stderr.splitlines() if "bộ nhớ đệm" in line] == [result.stderr.splitlines()[0]]
    assert "người khác có thể ghi" in result.stderr
    (_private_cache / "v2").chmod(0o700)
    for name in folder(_private_cache):
        (_private_cache / "v2" / name).chmod(0o666)  # an entry others may write
    english = hoinhap("overdue", "--lang", "en", "--as-of", "2009-12-31", data=ledger)
    assert "others may write" in english.stderr and "Traceback" not in english.output


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="changing an owner needs root")
def test_an_entry_of_another_user_is_refused(ledger: Path, _private_cache: Path) -> None:
    (ledger / "reports" / "2009-Q1" / "phong-qldt.yaml").write_text(REPORT, encoding="utf-8")
    plain = run("--no-cache", "log", data=ledger)
    assert run("log", data=ledger) == plain
    for name in folder(_private_cache):
        os.chown(_private_cache / "v2" / name, 4242, 4242)
    result = hoinhap("log", data=ledger)
    assert (result.exit_code, result.stdout) == plain
    assert "không thuộc về người dùng này" in result.stderr


def test_links_inside_are_never_followed(ledger: Path, tmp_path: Path, _private_cache: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    for i in range(10):
        (outside / f"f{i}").write_text("keep me")
    (ledger / "reports" / "2009-Q1" / "phong-qldt.yaml").write_text(REPORT, encoding="utf-8")
    assert run("check", data=ledger)[0] == 0
    for name in folder(_private_cache):  # every entry a link to an unrelated file
        (_private_cache / "v2" / name).unlink()
        (_private_cache / "v2" / name).symlink_to(outside / "f0")
    (_private_cache / "v2" / "subfolder").symlink_to(outside, target_is_directory=True)
    (ledger / "reports" / "2009-Q1" / "phong-qldt.yaml").write_text(REPORT + "# edit\n", encoding="utf-8")
    assert run("check", data=ledger)[0] == 0  # rebuilt, the old versions pruned
    assert hoinhap("cache", "clear", data=ledger).exit_code == 0
    assert sorted(p.name for p in outside.iterdir()) == [f"f{i}" for i in range(10)]
    assert all((outside / f"f{i}").read_text() == "keep me" for i in range(10))
    shutil.rmtree(_private_cache / "v2")
    (_private_cache / "v2").symlink_to(outside, target_is_directory=True)
    result = hoinhap("check", data=ledger)
    assert result.exit_code == 0 and "liên kết" in result.stderr
    assert len(list(outside.iterdir())) == 10


def test_old_versions_are_evicted_and_the_size_stays_near_the_data(generated_small: Path, tmp_path: Path,
                                                                   _private_cache: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(generated_small, data)
    report = max((data / "reports").rglob("*.yaml"), key=lambda p: p.stat().st_size)
    run("check", data=data)
    count = len(folder(_private_cache))
    for i in range(10):  # 10 edits of one report
        with report.open("a", encoding="utf-8") as f:
            f.write(f"# edit {i}\n")
        assert run("check", data=data)[0] == 0
    assert len(folder(_private_cache)) == count
    size = sum(p.stat().st_blocks * 512 for p in (_private_cache / "v2").iterdir())  # on disk, as `du`
    data_size = sum(p.stat().st_blocks * 512 for p in data.rglob("*.yaml"))
    assert 0 < size <= 2 * data_size, (size, data_size)


def test_what_an_older_version_of_the_program_cached_goes_at_the_next_write(generated_small: Path,
                                                                              tmp_path: Path) -> None:
    """Every key holds the code's fingerprint: after an upgrade, nothing the old version wrote is
    read again. Its snapshot and the entries only it names are removed when the new version
    writes its own, and the folder stays within 2× the data (it held two versions before)."""
    from datetime import date

    from hoinhap_cli.files.paths import DataDir
    from hoinhap_cli.ledger.cache import Cache

    where, today = DataDir(generated_small, generated_small / "plan.yaml", "option"), date(2026, 11, 27)
    old = Cache(tmp_path / "c")
    old._code = b"an older version".ljust(32, b"\0")
    snapshot.load(where, today, old)
    before = set(os.listdir(tmp_path / "c" / "v2"))
    assert any(name.startswith("s-") for name in before)
    new = Cache(tmp_path / "c")
    snapshot.load(where, today, new)
    after = set(os.listdir(tmp_path / "c" / "v2"))
    assert not before & after  # the old snapshot and every entry of the old code: gone
    size = new.usage().size  # type: ignore[union-attr]
    data_size = sum(p.stat().st_blocks * 512 for p in generated_small.rglob("*.yaml"))
    assert 0 < size <= 2 * data_size, (size, data_size)


@pytest.fixture(scope="module")
def generated_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    out = tmp_path_factory.mktemp("gen") / "data"
    module.generate(out, n=120, entries_per_task=4, seed=7)
    return out


def test_the_size_limit_applies_to_cached_answers(ledger: Path, _private_cache: Path) -> None:
    report = ledger / "reports" / "2009-Q1" / "phong-qldt.yaml"
    report.write_text(REPORT + "# padding\n" * 20_000, encoding="utf-8")  # ~200 KB
    assert run("check", data=ledger)[0] == 0  # fills the cache
    small = {"HOINHAP_MAX_MB": "0.1"}
    assert hoinhap("--no-cache", "check", data=ledger, env=small).exit_code == 1
    assert hoinhap("check", data=ledger, env=small).exit_code == 1
    assert hoinhap("check", data=ledger).exit_code == 0


def test_cache_info_and_clear(ledger: Path, _private_cache: Path) -> None:
    (ledger / "reports" / "2009-Q1" / "phong-qldt.yaml").write_text(REPORT, encoding="utf-8")
    run("check", data=ledger)
    info = hoinhap("cache", "info", "--lang", "en", data=ledger)
    assert info.exit_code == 0
    assert f"Cache: {_private_cache}" in info.stdout and f"Entries: {len(folder(_private_cache))}" in info.stdout
    assert "Size on disk:" in info.stdout and "Data (" in info.stdout
    cleared = hoinhap("cache", "clear", data=ledger)
    assert cleared.exit_code == 0 and folder(_private_cache) == []
    assert run("check", data=ledger)[0] == 0
