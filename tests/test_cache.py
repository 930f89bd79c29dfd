"""The content-hash cache: same answers as without it, fresh after edits, robust to damage."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import REPORT, ROOT, SHIPPED, hoinhap
from hoinhap_cli.files.paths import DataDir
from hoinhap_cli.judgement import responsibility
from hoinhap_cli.ledger import ledger, snapshot
from hoinhap_cli.ledger.cache import Cache
from hoinhap_cli.ledger.ledger import HeldEntries, Ledger
from hoinhap_cli.model.reportfiles import Piece


def _generator():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gen") / "data"
    _generator().generate(out, n=120, entries_per_task=4, seed=7)
    return out


def run(*args: str) -> tuple[int, str]:
    result = hoinhap(*args)
    return result.exit_code, result.stdout


def entries(cache_dir: Path) -> list[Path]:
    return [p for p in cache_dir.rglob("*") if p.is_file()]


def test_generated_ledger_is_valid(generated: Path) -> None:
    code, out = run("--no-cache", "check", "--data", str(generated), "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["valid"] and report["errors"] == 0
    files = list((generated / "reports").rglob("*.yaml"))
    assert len(files) > 50  # spread over many unit-quarter files


def test_generator_is_reproducible(tmp_path: Path) -> None:
    gen = _generator()
    gen.generate(tmp_path / "a", n=30, entries_per_task=3, seed=5)
    gen.generate(tmp_path / "b", n=30, entries_per_task=3, seed=5)
    a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.yaml")}
    b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.yaml")}
    assert a == b


@pytest.mark.parametrize("which", ["shipped", "generated"])
def test_cached_answers_equal_uncached(which: str, generated: Path, _private_cache: Path) -> None:
    data = str(SHIPPED if which == "shipped" else generated)
    for args in (["export", "--data", data], ["check", "--data", data, "--format", "json"]):
        shutil.rmtree(_private_cache, ignore_errors=True)
        plain = run("--no-cache", *args)
        assert not entries(_private_cache)  # --no-cache neither reads nor fills it
        filling = run(*args)
        assert entries(_private_cache)
        warm = run(*args)
        assert plain == filling == warm
        assert plain[0] == 0


def test_env_var_bypasses_the_cache(mini: Path, _private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOINHAP_NO_CACHE", "1")
    assert run("check", "--data", str(mini))[0] == 0
    assert not entries(_private_cache)


def test_an_edit_gives_a_fresh_answer(mini: Path) -> None:
    report = mini / "reports" / "2009-Q1" / "phong-qldt.yaml"
    report.parent.mkdir()
    report.write_text(REPORT, encoding="utf-8")
    assert run("check", "--data", str(mini))[0] == 0
    assert run("check", "--data", str(mini))[0] == 0  # warm
    report.write_text(REPORT.replace('"3.2.4"', '"3.2.9"'), encoding="utf-8")
    code, out = run("check", "--data", str(mini), "--format", "json")
    problems = json.loads(out)["problems"]
    assert code == 1
    assert [(p["line"], p["column"]) for p in problems] == [(4, 11)]
    assert "không có nhiệm vụ '3.2.9'" in problems[0]["message"]


def test_a_plan_edit_rechecks_cached_reports_with_positions(mini: Path) -> None:
    """The report file is unchanged (its validation comes from the cache), but the task it
    names left the plan: the problem still carries the report's line and column."""
    report = mini / "reports" / "2009-Q1" / "phong-qldt.yaml"
    report.parent.mkdir()
    report.write_text(REPORT, encoding="utf-8")
    assert run("check", "--data", str(mini))[0] == 0
    plan = mini / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('id: "3.2.4"\n', 'id: "3.2.5"\n')
                    .replace('units_from: "3.2.4"', 'units_from: "3.2.5"'), encoding="utf-8")
    code, out = run("check", "--data", str(mini), "--format", "json")
    problems = json.loads(out)["problems"]
    assert code == 1
    assert [(p["file"].endswith("phong-qldt.yaml"), p["line"], p["column"]) for p in problems] == [(True, 4, 11)]


def test_a_corrupt_cache_entry_is_rebuilt(generated: Path, _private_cache: Path) -> None:
    args = ("export", "--data", str(generated))
    expected = run(*args)
    stored = entries(_private_cache)
    assert stored
    for i, path in enumerate(stored):
        path.write_bytes(b"" if i % 2 else b"hoinhap-cache-3\n\x80\x05garbage")
    assert run(*args) == expected
    assert run(*args) == expected
    from hoinhap_cli.ledger.cache import _opened

    assert all(_opened(p.read_bytes(), p.name) for p in entries(_private_cache))  # rewritten, checksums hold


def test_an_entry_under_the_wrong_key_is_ignored(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    a, b = cache.key("report", b"a"), cache.key("report", b"b")
    cache.put(a, "value of a")
    path_b = entry_path(tmp_path / "c", b)
    path_b.write_bytes(entry_path(tmp_path / "c", a).read_bytes())  # e.g. a copied or foreign file
    assert cache.get(a, str) == "value of a"
    assert cache.get(a, int) is None  # another shape: removed
    assert cache.get(b, str) is None
    assert not path_b.exists()


def test_another_code_version_never_reads_the_entry(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    other = Cache(tmp_path / "c")
    other._code = b"another version"
    assert cache.key("plan", b"x") != other.key("plan", b"x")


def test_two_processes_filling_the_cache_at_once(generated: Path, _private_cache: Path) -> None:
    env = {**os.environ, "HOINHAP_CACHE_DIR": str(_private_cache), "HOINHAP_TODAY": "2026-11-27"}
    cmd = [sys.executable, "-m", "hoinhap_cli", "export", "--data", str(generated)]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert outs[0][0] == outs[1][0]
    assert not [p for p in _private_cache.rglob(".tmp-*")]
    uncached = subprocess.run([*cmd[:3], "--no-cache", *cmd[3:]], env=env, capture_output=True, check=True)
    warm = subprocess.run(cmd, env=env, capture_output=True, check=True)
    assert warm.stdout == uncached.stdout == outs[0][0]


def snapshots(cache_dir: Path) -> list[Path]:
    folder = cache_dir / "v2"
    return [p for p in folder.iterdir() if p.name.startswith("s-")] if folder.is_dir() else []


def entry_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / "v2" / key


def test_an_unchanged_ledger_comes_from_one_snapshot(generated: Path, _private_cache: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The snapshot and its plan part answer alone (no report file's entry, no file parsed)
    when nothing changed and the command asks for no entries; a corrupt snapshot is rebuilt."""
    import hashlib

    from hoinhap_cli.files import yamlio

    args = ("overdue", "--data", str(generated), "--format", "json")
    plain = run("--no-cache", *args)
    assert run(*args) == plain
    assert len(snapshots(_private_cache)) == 1
    cache = Cache(_private_cache)
    plan_part = entry_path(_private_cache, cache.key_of(
        "ledger-plan", hashlib.sha256((generated / "plan.yaml").read_bytes()).digest()))
    assert plan_part.is_file()
    for path in entries(_private_cache):  # only the snapshot and its plan can answer now
        if not path.name.startswith("s-") and path != plan_part:
            path.unlink()
    checked = hoinhap("--no-cache", "check", data=generated).output
    assert "report" in checked or "báo cáo" in checked
    with monkeypatch.context() as m:
        m.setattr(yamlio, "parse", lambda *a, **k: (_ for _ in ()).throw(AssertionError("parsed")))
        assert run(*args) == plain
        assert hoinhap("check", data=generated).output == checked  # counts the files too
    plan_part.unlink()  # a snapshot without its plan is of no use: everything is read again
    assert run(*args) == plain
    snapshots(_private_cache)[0].write_bytes(b"hoinhap-cache-2\n\x80\x05garbage")  # corrupt: rebuilt
    assert run(*args) == plain
    assert len(snapshots(_private_cache)) == 1


def test_the_snapshot_depends_on_today(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries dated after today are outside the view (a warning); the same bytes checked on
    another day say so."""
    report = mini / "reports" / "2009-Q1" / "phong-qldt.yaml"
    report.parent.mkdir()
    report.write_text(REPORT, encoding="utf-8")
    assert run("check", "--data", str(mini))[0] == 0
    assert run("check", "--data", str(mini))[0] == 0  # from the snapshot
    monkeypatch.setenv("HOINHAP_TODAY", "2009-01-20")
    code, out = run("check", "--data", str(mini), "--format", "json")
    assert code == 0
    problem = json.loads(out)["problems"][0]
    assert "sau hôm nay (2009-01-20): nằm ngoài phạm vi xem" in problem["message"] and problem["severity"] == "warning"


def test_one_snapshot_per_data_folder_and_a_few_folders(mini: Path, tmp_path: Path, _private_cache: Path) -> None:
    from hoinhap_cli.ledger.cache import SNAPSHOTS_KEPT

    report = mini / "reports" / "2009-Q1" / "phong-qldt.yaml"
    report.parent.mkdir()
    for i in range(3):  # edits replace the folder's snapshot
        report.write_text(REPORT + f"# edit {i}\n", encoding="utf-8")
        assert run("check", "--data", str(mini))[0] == 0
    assert len(snapshots(_private_cache)) == 1
    for i in range(SNAPSHOTS_KEPT + 2):
        copy = tmp_path / f"copy-{i}"
        shutil.copytree(mini, copy)
        assert run("check", "--data", str(copy))[0] == 0
    assert len(snapshots(_private_cache)) == SNAPSHOTS_KEPT


def test_an_edit_rereads_only_the_edited_file(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hoinhap_cli.ledger import reading

    data = tmp_path / "data"
    shutil.copytree(generated, data)
    args = ("overdue", "--data", str(data), "--format", "json", "--as-of", "2009-09-30")
    run(*args)
    files = sorted((data / "reports").rglob("*.yaml"))
    edited = files[len(files) // 2]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("status: in-progress", "status: done", 1) + "# sửa\n", encoding="utf-8")
    checked = []
    real = reading.report_problems
    monkeypatch.setattr(reading, "report_problems",
                        lambda content, doc, *a, **k: checked.append(doc.file) or real(content, doc, *a, **k))
    warm_after_edit = run(*args)
    assert [Path(name).name for name in checked] == [edited.name]  # the others: from the snapshot
    monkeypatch.setattr(reading, "report_problems", real)
    assert warm_after_edit == run("--no-cache", *args)


def test_a_same_size_edit_with_its_modification_time_restored_is_seen(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unchanged files are known by their stored stat (size, inode, mtime, ctime) with their hash;
    an edit that keeps the size and puts the mtime back still changes ctime, so it is re-read."""
    from hoinhap_cli.ledger import scan

    monkeypatch.setattr(scan, "SETTLED_NS", 0)  # the files were just written: trust their stat at once
    report = mini / "reports" / "2009-Q1" / "phong-qldt.yaml"
    report.parent.mkdir()
    report.write_text(REPORT, encoding="utf-8")
    plan = mini / "plan.yaml"
    plan.write_bytes(plan.read_bytes())  # the newest change in the folder: the report's is older
    args = ("log", "--data", str(mini), "--format", "json")
    before = run(*args)
    assert run(*args) == before  # from the snapshot, the stat trusted
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    assert run(*args) == before
    assert report.name not in read  # unchanged: known by its stat, not read again
    st = report.stat()
    text = REPORT.replace("2009-02-01", "2009-02-02")
    assert len(text.encode()) == len(REPORT.encode()) and text != REPORT
    report.write_text(text, encoding="utf-8")
    os.utime(report, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (report.stat().st_size, report.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    monkeypatch.setattr(Path, "read_bytes", real)
    after = run(*args)
    assert after != before
    assert after == run("--no-cache", *args)


def test_a_warm_run_imports_neither_pydantic_nor_yaml(_private_cache: Path) -> None:
    """Validated once, the ledger is read back as plain records (see records): a warm start
    pays for neither pydantic nor PyYAML — and the cold one, which needs them, has them."""
    env = {**os.environ, "HOINHAP_CACHE_DIR": str(_private_cache), "HOINHAP_TODAY": "2026-11-27"}
    cmd = [sys.executable, "-X", "importtime", "-m", "hoinhap_cli", "overdue", "--as-of", "2009-03-31",
           "--data", str(SHIPPED)]

    def imported() -> set[str]:
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
        assert out.returncode == 1 and "2.10" in out.stdout  # 2.10 (Q4 2008) is late on 2009-03-31
        return {line.split("|")[-1].strip().split(".")[0] for line in out.stderr.splitlines() if "|" in line}

    cold, warm = imported(), imported()
    assert {"pydantic", "yaml"} <= cold
    assert "typer" in warm and not warm & {"pydantic", "yaml"}, warm & {"pydantic", "yaml"}


def piece_of(cache_dir: Path, report: Path) -> Path:
    """Where the cache keeps a report file's validated header and entries: under the hash of its bytes."""
    import hashlib

    cache = Cache(cache_dir)
    return entry_path(cache_dir, cache.key_of("report", hashlib.sha256(report.read_bytes()).digest()))


def test_entries_are_read_apart_from_each_files_own_entry(generated: Path, _private_cache: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A snapshot holds the plan, the warnings and the status index, read by every command; the
    entries are read only by the commands that list them or look back before the last entry,
    each file's from the cache entry of its bytes. Answers are the uncached ones; an entry that
    is gone is read from the file again, and written back."""
    from hoinhap_cli.files import yamlio

    data = str(generated)
    commands = [("log", "--data", data, "--format", "json"),
                ("overdue", "--data", data, "--format", "json", "--as-of", "2009-06-30"),
                ("summary", "--period", "2009", "--data", data, "--format", "json"),
                ("overdue", "--data", data, "--format", "json")]
    plain = [run("--no-cache", *args) for args in commands]
    assert [run(*args) for args in commands] == plain  # fills the snapshot
    reports = sorted((generated / "reports").rglob("*.yaml"))
    assert len(snapshots(_private_cache)) == 1 and all(piece_of(_private_cache, f).is_file() for f in reports)

    def no_parsing(*_args: object, **_kw: object) -> None:
        raise AssertionError("a file was parsed: the snapshot should have answered")

    with monkeypatch.context() as m:
        m.setattr(yamlio, "parse", no_parsing)
        assert [run(*args) for args in commands] == plain

    report = sorted((generated / "reports").rglob("*.yaml"))[3]
    piece_of(_private_cache, report).unlink()
    assert [run(*args) for args in commands] == plain
    assert piece_of(_private_cache, report).is_file()  # written back


def test_the_status_index_agrees_with_the_entries(generated: Path) -> None:
    """Ledger answers 'latest status' from an index (Ledger.index); read the slow way from
    the entries themselves, every task and milestone gets the same answer, at every date."""

    from hoinhap_cli.judgement.responsibility import judge
    from hoinhap_cli.words.vocab import Status

    found = fresh(DataDir(generated, generated / "plan.yaml", "option"), date(2026, 11, 27))
    pairs = found.entries()
    assert len(pairs) > 300
    checked = 0
    for as_of in (None, date(2009, 6, 30), date(2010, 3, 31)):
        for task in found.tasks.values():
            mine = [(r.content.unit, e) for r, e in pairs if e.task == task.id and (as_of is None or e.date <= as_of)]
            assert responsibility.task_status(found, task.id, as_of).entry == (mine[-1][1] if mine else None)
            for i in range(len(task.milestones)):
                named = [(unit, e) for unit, e in mine if e.milestone in (None, i + 1)]
                words: dict[str, object] = {}
                for unit, e in named:  # each unit's latest word, in first-reported order
                    words[unit] = e
                view = responsibility.judged(found, task.id, i, as_of)
                assert view == judge(responsibility.task_slots(found, task), tuple(words.items()))  # type: ignore[arg-type]
                status = responsibility.milestone_status(found, task.id, i, as_of)  # a recurring duty: done when each year is
                assert status == view or (view.status is Status.DONE and status.status is not Status.DONE
                                          and task.milestones[i].due.kind.value == "recurring")
                if not named:
                    assert view.status is Status.NOT_STARTED and view.entry is None
                checked += bool(named)
    assert checked > 200


def test_each_current_folder_keeps_its_own_snapshot(generated: Path, tmp_path: Path, _private_cache: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Problems name files relative to where the command runs; running from two folders in
    turn keeps a snapshot for each instead of rebuilding one for each run."""
    from hoinhap_cli.files import yamlio

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    args = ("overdue", "--data", str(generated), "--format", "json")
    for where in ("a", "b"):
        monkeypatch.chdir(tmp_path / where)
        first = run(*args)
    assert len(snapshots(_private_cache)) == 2
    with monkeypatch.context() as m:
        m.setattr(yamlio, "parse", lambda *a, **k: (_ for _ in ()).throw(AssertionError("parsed again")))
        for where in ("a", "b", "a"):
            monkeypatch.chdir(tmp_path / where)
            assert run(*args) == first


def test_entries_are_never_read_from_files_that_changed_after_the_snapshot(generated: Path, tmp_path: Path) -> None:
    """A ledger answered from a snapshot reads the entries it was validated from, even after the
    files changed; if the cache has lost one of those, it reads the files only if they are still
    the same bytes, and else stops."""

    from hoinhap_cli.words.problems import DataError

    data = tmp_path / "data"
    shutil.copytree(generated, data)
    where, today, cache = DataDir(data, data / "plan.yaml", "option"), date(2026, 11, 27), Cache(tmp_path / "c")
    full = cached(where, today, cache)
    expected = [(r.file, r.entries) for r in full.reports]
    report = sorted((data / "reports").rglob("*.yaml"))[0]

    piece_of(tmp_path / "c", report).unlink()
    again = cached(where, today, cache)  # from the snapshot
    assert [(r.file, r.entries) for r in again.reports] == expected  # that file read again
    assert piece_of(tmp_path / "c", report).is_file()  # and its entry written back

    before_edit = cached(where, today, cache)  # from the snapshot, its entries not read yet
    text = report.read_text(encoding="utf-8")
    report.write_text(text + "# sửa\n", encoding="utf-8")
    assert [(r.file, r.entries) for r in before_edit.reports] == expected  # the version it was validated from

    cached(where, today, cache)  # the edit checked and folded (its ledger holds every file's entries)
    late = cached(where, today, cache)  # from the snapshot: its entries not read yet
    piece_of(tmp_path / "c", report).unlink()
    report.write_text(text + "# lần nữa\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        late.reports  # noqa: B018
    assert "changed while this command read it" in str(err.value.problems[0])


def cached(where: DataDir, today: date, cache: Cache) -> Ledger:
    found, problems = snapshot.load(where, today, cache)
    assert found is not None, problems
    return found


def cached_and_checked(where: DataDir, today: date, cache: Cache) -> tuple[Ledger, list[str]]:
    """A cached load, and the report files it checked against the plan (read, not kept)."""
    from hoinhap_cli.ledger import reading

    checked: list[str] = []
    real = reading.report_problems
    reading.report_problems = lambda content, doc, *a, **k: checked.append(doc.file) or real(content, doc, *a, **k)
    try:
        return cached(where, today, cache), checked
    finally:
        reading.report_problems = real


def fresh(where: DataDir, today: date) -> Ledger:
    found, problems = ledger.load(where, today)
    assert found is not None, problems
    return found


def _same_ledger(got: Ledger, want: Ledger) -> None:
    assert got.report_files() == want.report_files()  # before the entries are read, if they are
    assert got.warnings == want.warnings and got.excluded == want.excluded
    assert got.index == want.index
    assert [(r.file, e) for r, e in got.entries()] == [(r.file, e) for r, e in want.entries()]
    assert [(r.file, r.content, r.entries) for r in got.reports] == [(r.file, r.content, r.entries) for r in want.reports]


def test_an_edit_updates_the_snapshot_as_a_fresh_read_would(generated: Path, tmp_path: Path) -> None:
    """An edit of report files runs the pipeline again: the changed file is read and checked, every
    other file's checks and part of the status index are those kept for its bytes, and the parts
    are folded as a cold read folds them (statusindex.fold). After each edit of a sequence — a comment, a submitted date, a changed status, an added and a removed
    entry, a file deleted and put back, an event — the ledger, and the snapshot it leaves, are
    what reading every file gives."""
    import re


    data = tmp_path / "data"
    shutil.copytree(generated, data)
    where, today, cache = DataDir(data, data / "plan.yaml", "option"), date(2026, 11, 27), Cache(tmp_path / "c")
    cached(where, today, cache)
    texts = {f: f.read_text(encoding="utf-8") for f in sorted((data / "reports").rglob("*.yaml"))
             if f.parent.name >= "2009"}  # after the quarter the decision was signed in
    last = max(f.parent.name for f in texts)  # the last quarter's entries are many tasks' latest
    reporting = [f for f, t in texts.items() if "status: in-progress" in t and f.parent.name == last]
    quiet = next(f for f, t in texts.items() if "events:" not in t)
    event = re.search(r"- event: (\S+)", "".join(texts.values())).group(1)

    def day(f: Path, end: bool = False) -> str:
        year, q = f.parent.name.split("-Q")
        return f"{year}-{3 * int(q) - (0 if end else 2):02d}-{'28' if end else '02'}"

    def edit(f: Path, change) -> None:  # noqa: ANN001
        before = f.read_text(encoding="utf-8")
        after = change(before)
        assert after != before
        f.write_text(after, encoding="utf-8")

    def add_entry(text: str) -> str:
        task = re.search(r'task: "([^"]+)"', text).group(1)  # a task this unit reports on already
        return text.replace("entries:\n", f'entries:\n  - {{task: "{task}", status: done, date: "{day(reporting[2], True)}"}}\n', 1)

    removed = reporting[3].read_bytes()
    steps = [
        ("comment", lambda: edit(reporting[0], lambda t: t + "# sửa\n")),
        ("submitted", lambda: edit(reporting[0], lambda t: t.replace("entries:", f'submitted: "{day(reporting[0])}"'
                                                                                 "\nentries:", 1))),
        ("status", lambda: edit(reporting[1], lambda t: t.replace("status: in-progress", "status: done"))),
        ("added entry", lambda: edit(reporting[2], add_entry)),
        ("removed entry", lambda: edit(reporting[2], lambda t: re.sub(r"\n  - \{task: [^\n]*", "", t, count=1))),
        ("file deleted", lambda: reporting[3].unlink()),
        ("file put back", lambda: reporting[3].write_bytes(removed)),
        ("event", lambda: edit(quiet, lambda t: t + f'events:\n  - {{event: {event}, date: "{day(quiet)}"}}\n')),
    ]
    latest = {}
    for name, step in steps:
        step()
        got, checked = cached_and_checked(where, today, cache)
        # only the changed file is checked again (none when one was deleted); every other file's
        # checks and part are those kept for its bytes
        assert len(checked) == (0 if name == "file deleted" else 1), (name, checked)
        want = fresh(where, today)
        _same_ledger(got, want)
        _same_ledger(cached(where, today, cache), want)  # the snapshot it left
        latest[name] = dict(want.index.judged)  # each task's milestones, judged
    assert latest["status"] != latest["submitted"]  # the edits moved some task's status
    assert latest["added entry"] != latest["status"] and latest["removed entry"] == latest["status"]
    assert latest["file deleted"] != latest["removed entry"] and latest["file put back"] == latest["removed entry"]


def test_a_task_whose_last_entry_is_deleted_has_no_status_left(mini: Path, tmp_path: Path) -> None:
    """The edit path forgets a task's status when the file holding its only entry goes."""

    from hoinhap_cli.words.vocab import Status

    where, today, cache = DataDir(mini, mini / "plan.yaml", "option"), date(2026, 11, 27), Cache(tmp_path / "c")
    report = mini / "reports" / "2009-Q1" / "phong-qldt.yaml"
    report.parent.mkdir()
    report.write_text(REPORT, encoding="utf-8")
    assert responsibility.task_status(cached(where, today, cache), "3.2.4").status is Status.IN_PROGRESS
    report.unlink()
    got = cached(where, today, cache)
    assert responsibility.task_status(got, "3.2.4").status is Status.NOT_STARTED and "3.2.4" not in got.index.latest
    _same_ledger(got, fresh(where, today))


@pytest.mark.slow  # 30 cached and 30 fresh loads: .ci/run runs it with `-m slow`
def test_random_edits_keep_the_snapshot_equal_to_a_fresh_read(generated: Path, tmp_path: Path) -> None:
    """Thirty edits drawn at random (seeded) — statuses changed, entries added, comments, files
    deleted and put back, renamed to `.YAML` (warned about, not counted) and back, several files
    at once — each followed by a cached load that must equal reading every file."""
    import random
    import re


    rng = random.Random(8)
    data = tmp_path / "data"
    shutil.copytree(generated, data)
    where, today, cache = DataDir(data, data / "plan.yaml", "option"), date(2026, 11, 27), Cache(tmp_path / "c")
    cached(where, today, cache)
    files = [f for f in sorted((data / "reports").rglob("*.yaml"))
             if f.parent.name >= "2009" and 'task: "' in f.read_text(encoding="utf-8")]
    deleted: dict[Path, bytes] = {}
    misnamed: dict[Path, Path] = {}

    def change(f: Path) -> None:
        text = f.read_text(encoding="utf-8")
        kind = rng.choice(["status", "entry", "comment"])
        if kind == "status" and "status: in-progress" in text:
            text = text.replace("status: in-progress", "status: done", 1)
        elif kind == "status":
            text = text.replace("status: done", "status: in-progress", 1)
        elif kind == "entry":
            task = rng.choice(re.findall(r'task: "([^"]+)"', text))
            year, q = f.parent.name.split("-Q")
            day = f"{year}-{3 * int(q) - rng.randint(0, 2):02d}-{rng.randint(1, 28):02d}"
            text = text.replace("entries:\n", f'entries:\n  - {{task: "{task}", status: {rng.choice(["done", "in-progress"])}, '
                                              f'date: "{day}"}}\n', 1)
        else:
            text += f"# sửa {rng.random()}\n"
        f.write_text(text, encoding="utf-8")

    for step in range(30):
        present = [f for f in files if f not in deleted and f not in misnamed]
        if deleted and rng.random() < 0.3:
            f, raw = deleted.popitem()
            f.write_bytes(raw)
        elif misnamed and rng.random() < 0.3:
            f, upper = misnamed.popitem()
            upper.rename(f)
        elif rng.random() < 0.15:
            f = rng.choice(present)
            deleted[f] = f.read_bytes()
            f.unlink()
        elif rng.random() < 0.15:
            f = rng.choice(present)
            misnamed[f] = f.rename(f.with_suffix(".YAML"))
        else:
            for f in rng.sample(present, rng.choice([1, 1, 2, 3])):
                change(f)
        _same_ledger(cached(where, today, cache), fresh(where, today))

    # A broken file on the edit path: the same problems as a full read, the same ledger without
    # that file (issue 16), warm too; mended, the same ledger.
    f = files[0]
    good = f.read_bytes()
    f.write_bytes(good.replace(b"status: ", b"status: finished-ish ", 1))
    for _ in range(2):
        got, problems = snapshot.load(where, today, cache)
        want, expected = ledger.load(where, today)
        assert got is not None and want is not None
        assert problems == expected and any(p.severity == "error" for p in problems)
        _same_ledger(got, want)
        assert len(got.excluded_files()) == 1 and got.excluded == want.excluded
    f.write_bytes(good)
    _same_ledger(cached(where, today, cache), fresh(where, today))


def test_the_pure_ledger_reads_nothing_after_it_returns(mini: Path, tmp_path: Path) -> None:
    """`ledger.load` hands out plain data: with the data folder gone, every question is answered."""
    data = tmp_path / "copy"
    shutil.copytree(mini, data)
    report = data / "reports" / "2009-Q1" / "phong-qldt.yaml"
    report.parent.mkdir()
    report.write_text(REPORT, encoding="utf-8")
    where = DataDir(data, data / "plan.yaml", "option")
    found = fresh(where, date(2026, 11, 27))
    assert isinstance(found.source, HeldEntries)
    shutil.rmtree(data)
    assert [r.file for r, _ in found.entries()] and found.history("3.2.4")
    assert found.report_files() == [r.file for r in found.reports]


def test_a_warm_answer_words_its_problems_like_a_cold_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Problems are Words worded when shown; their values include dates and Periods, which
    msgspec would give back as text or maps: the warm answer's stderr, excluded files and
    warnings alike, is the cold one's word for word in both languages."""
    data = tmp_path / "data"
    shutil.copytree(SHIPPED, data)
    (data / "reports" / "2009-Q1").mkdir(parents=True)
    (data / "reports" / "2009-Q2").mkdir()
    (data / "reports" / "2009-Q1" / "phong-qldt.yaml").write_text(  # dates outside the quarter and before signing
        'unit: phong-qldt\nperiod: 2009-Q1\nentries:\n  - task: "3.2.4"\n    status: in-progress\n'
        '    date: "2009-05-01"\n    forced: true\n  - task: "3.2.4"\n    status: done\n    date: "2008-01-01"\n'
        '    forced: true\n', encoding="utf-8")
    (data / "reports" / "2009-Q2" / "phong-kinh-te.yaml").write_text(  # a Period in the folder's message
        'unit: phong-kinh-te\nperiod: 2009-Q1\nentries:\n  - task: "2.10"\n    status: done\n'
        '    date: "2009-02-01"\n', encoding="utf-8")
    for lang in ("vi", "en"):
        env = {"HOINHAP_TODAY": "2009-06-30", "HOINHAP_CACHE_DIR": str(tmp_path / f"cache-{lang}")}
        cold, warm = (hoinhap("overdue", "--lang", lang, "--as-of", "2009-06-30", "--data", str(data), env=env)
                      for _ in range(2))
        assert cold.exit_code == warm.exit_code == 4
        assert cold.stderr == warm.stderr and cold.stdout == warm.stdout
        assert ("2009-01-01..2009-03-31" in cold.stderr and "2008-10-17" in cold.stderr
                and "2009-Q2" in cold.stderr), cold.stderr
    where, today = DataDir(data, data / "plan.yaml", "option"), date(2009, 6, 30)
    cache = Cache(tmp_path / "c")
    _, cold_problems = snapshot.load(where, today, cache)
    monkeypatch.setattr(snapshot, "_built", None)  # the warm load reads nothing
    _, warm_problems = snapshot.load(where, today, cache)
    assert warm_problems == cold_problems and len(cold_problems) >= 3
    for lang in ("vi", "en"):
        assert [p.text(lang) for p in warm_problems] == [p.text(lang) for p in cold_problems]


def test_a_worded_message_survives_the_cache(tmp_path: Path) -> None:
    """Words.values are typed `object`: msgspec hands each to the decode hook. Until the hook took
    them, every snapshot holding a worded warning failed to decode and no run was ever warm."""
    from hoinhap_cli.words.problems import Problem, Words

    cache = Cache(tmp_path / "c")
    inner = Words("cache.link", {"path": date(2009, 1, 2)})
    sent = [Problem("a.yaml", 3, 4, Words("paths.no_plan", {"path": 2, "plan": "x", "source": inner}))]
    cache.put("k1", sent)
    got = cache.get("k1", list[Problem])
    assert got is not None
    assert got[0].message == Words("paths.no_plan", {"path": 2, "plan": "x",
                                                     "source": Words("cache.link", {"path": "2009-01-02"})})
    assert got[0].text("en") == sent[0].text("en")


def test_one_tasks_history_reads_only_the_files_holding_it(generated: Path, tmp_path: Path) -> None:
    """`show` asks one task's history: from a snapshot, only the cache entries of the files the
    index names for that task are read, and the history is the one every file's entries give."""
    where, today, cache = DataDir(generated, generated / "plan.yaml", "option"), date(2026, 11, 27), Cache(tmp_path / "c")
    cached(where, today, cache)  # fills the cache
    want = fresh(where, today)
    tasks = [tid for tid in want.tasks if want.history(tid)][:15] + [t for t in want.tasks if not want.history(t)][:1]
    for tid in tasks:
        got = cached(where, today, cache)
        files = {name: digest for name, _, digest in got.source.held}  # type: ignore[attr-defined]
        holders = {r.file for r, _ in want.history(tid)}
        asked: list[str] = []
        get = cache.get
        cache.get = lambda key, kind: asked.append(key) or get(key, kind)  # type: ignore[method-assign]
        try:
            history = [(r.file, e) for r, e in got.history(tid)]
        finally:
            del cache.get
        assert history == [(r.file, e) for r, e in want.history(tid)], tid
        assert sorted(asked) == sorted(cache.key_of("report", files[name]) for name in holders), tid
        assert len(asked) < len(want.report_files()) // 2


def test_a_kept_part_that_does_not_decode_is_checked_again(generated: Path, tmp_path: Path) -> None:
    """Beside the snapshot, one entry keeps each report file's checks and part of the index packed
    apart, decoded only when folded again after an edit. One that cannot be decoded (an entry
    planted with a valid checksum) is no error and no answer: that file is read and checked again."""
    import msgspec

    from hoinhap_cli.ledger.snapshot import _Kept

    data = tmp_path / "data"
    shutil.copytree(generated, data)
    where, today, cache = DataDir(data, data / "plan.yaml", "option"), date(2026, 11, 27), Cache(tmp_path / "c")
    cached(where, today, cache)
    [path] = [p for p in (tmp_path / "c" / "v2").iterdir() if p.name.startswith("s-")]
    slot = path.name.split("-", 2)[2]  # s-<code>-<slot>
    key = cache.key("ledger-parts", slot.encode())
    kept = cache.get(key, _Kept)
    damaged = list(kept.parts)[:3]
    for name in damaged:
        kept.parts[name] = (kept.parts[name][0], msgspec.Raw(msgspec.msgpack.encode(["no", "part"])))  # not a part
    cache.put(key, kept)
    files = sorted((data / "reports").rglob("*.yaml"))
    files[-1].write_text(files[-1].read_text(encoding="utf-8") + "# sửa\n", encoding="utf-8")  # an edit: fold again
    got, checked = cached_and_checked(where, today, cache)
    assert sorted(checked) == sorted([*damaged, where.display(files[-1])])  # those, and the edited file
    want = fresh(where, today)
    _same_ledger(got, want)
    assert [responsibility.task_status(got, t) for t in want.tasks] == [responsibility.task_status(want, t) for t in want.tasks]


def _decoded_refs(path: Path) -> list[str]:
    import msgspec

    from hoinhap_cli.ledger.cache import _opened

    return msgspec.msgpack.decode(_opened(path.read_bytes(), path.name), type=tuple[str, list[str], msgspec.Raw])[1]


def test_an_edit_folds_again_only_the_tasks_its_file_holds(generated: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Each task's place in the index is kept with the key of all it was folded from (the plan,
    the day, the files holding its entries by name and bytes): after an edit, only the tasks the
    changed file holds are folded again; on another day, every task is; and the ledger is the one
    a fresh read gives."""
    import re

    data = tmp_path / "data"
    shutil.copytree(generated, data)
    where, today, cache = DataDir(data, data / "plan.yaml", "option"), date(2026, 11, 27), Cache(tmp_path / "c")
    cached(where, today, cache)
    folded: list[str] = []
    real = snapshot.fold_task
    monkeypatch.setattr(snapshot, "fold_task", lambda task, units, held: folded.append(task.id) or real(task, units, held))
    edited = sorted((data / "reports").rglob("*.yaml"))[5]
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text + "# sửa\n", encoding="utf-8")
    got = cached(where, today, cache)
    held = set(re.findall(r'task: "([^"]+)"', text))
    assert held and set(folded) == held  # the file's tasks, no other
    _same_ledger(got, fresh(where, today))
    folded.clear()
    later = cached(where, date(2026, 11, 28), cache)
    assert set(folded) == set(later.index.latest)  # another day: every task with entries
    _same_ledger(later, fresh(where, date(2026, 11, 28)))
