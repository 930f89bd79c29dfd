"""Issue 19, files in the data folder: the lock file, links, the read limit, shared folders,
odd file names, FIFOs. Each refusal is one line naming the file, exit 2 (check: exit 1), and
nothing changed on disk."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import hoinhap
from hoinhap_cli.files import plainfiles
from hostile_data import ENTRY, QUARTER, RECORD, REPORT, TODAY, make_data, run

ROOT = Path(__file__).resolve().parents[2]

# ------------------------------------------------------------ 1. the dependency floor, lock links


def test_filelock_floor_is_past_both_symlink_fixes() -> None:
    """CVE-2025-68146 was fixed in filelock 3.20.1, CVE-2026-22701 in 3.20.3."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    floor = re.search(r'"filelock>=([\d.]+)', text)
    assert floor is not None
    assert tuple(int(x) for x in floor.group(1).split(".")) >= (3, 20, 3)


def test_record_refuses_a_lock_file_that_is_a_symlink(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    (data / f"{REPORT}.lock").symlink_to(victim)
    result = run([*RECORD, "--data", str(data)], tmp_path, 2)
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert "phong-kinh-te.yaml.lock" in result.stderr and "liên kết" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# ------------------------------------------------------------ 2. links in the data folder: refused


def _linked_quarter(tmp_path: Path) -> Path:
    data = make_data(tmp_path, report=None)
    elsewhere = tmp_path / "elsewhere" / "2009-Q1"
    elsewhere.mkdir(parents=True)
    (elsewhere / "phong-kinh-te.yaml").write_text(ENTRY.replace("2009-Q2", "2009-Q1").replace("04-02", "03-02"),
                                                  encoding="utf-8")
    (data / "reports" / "2009-Q1").symlink_to(elsewhere, target_is_directory=True)
    return data


def test_check_names_a_symlinked_quarter_folder(tmp_path: Path) -> None:
    data = _linked_quarter(tmp_path)
    result = run(["check", "--data", str(data), "--lang", "en"], tmp_path, 1)
    assert "reports/2009-Q1: is a symbolic link" in result.stdout


def test_queries_refuse_a_symlinked_quarter_folder(tmp_path: Path) -> None:
    data = _linked_quarter(tmp_path)
    result = run(["overdue", "--data", str(data)], tmp_path, 4)  # answered without it (issue 16)
    assert "reports/2009-Q1" in result.stderr


def test_check_names_a_symlinked_report_file(tmp_path: Path) -> None:
    data = make_data(tmp_path, report=None)
    real = tmp_path / "real.yaml"
    real.write_text(ENTRY, encoding="utf-8")
    (data / REPORT).symlink_to(real)
    result = run(["check", "--data", str(data)], tmp_path, 1)
    assert "2009-Q2/phong-kinh-te.yaml: là liên kết" in result.stdout


@pytest.mark.parametrize("what", ["file", "folder"])
def test_record_refuses_to_write_through_a_link(tmp_path: Path, what: str) -> None:
    data = make_data(tmp_path, report=None)
    if what == "file":
        real = tmp_path / "real.yaml"
        real.write_text(ENTRY, encoding="utf-8")
        (data / REPORT).symlink_to(real)
    else:
        (data / REPORT).parent.rmdir()
        real_dir = tmp_path / "real"
        real_dir.mkdir()
        (data / REPORT).parent.symlink_to(real_dir, target_is_directory=True)
    result = run([*RECORD, "--data", str(data), "--lang", "en"], tmp_path, 2)
    assert "is a symbolic link" in result.stderr and "nothing was written" in result.stderr


# ------------------------------------------------------------ 3. a write past the read limit


def test_record_refuses_a_write_that_would_cross_the_read_limit(tmp_path: Path) -> None:
    filler = "".join(f'  - task: "2.10"\n    status: in-progress\n    date: 2009-04-02\n    note: "{"x" * 900}"\n'
                     for _ in range(1100))
    data = make_data(tmp_path, "unit: phong-kinh-te\nperiod: 2009-Q2\nentries:\n" + filler)
    size = (data / REPORT).stat().st_size
    limit_mb = (size + 200) / 2**20
    env = {"HOINHAP_MAX_MB": f"{limit_mb:.6f}"}
    assert hoinhap("check", data=data, env={"HOINHAP_TODAY": TODAY, **env}).exit_code == 0
    result = run([*RECORD, "--data", str(data), "--note", "y" * 400], tmp_path, 2, env)
    assert "phong-kinh-te.yaml" in result.stderr and "MiB" in result.stderr


# ------------------------------------------------------------ 6. a data folder shared by a group


def test_lock_file_in_a_group_folder_is_group_writable(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    quarter = (data / REPORT).parent
    os.chmod(quarter, 0o2775)
    old = os.umask(0o022)
    try:
        result = hoinhap(*RECORD, data=data, env={"HOINHAP_TODAY": TODAY})
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    mode = stat.S_IMODE((data / f"{REPORT}.lock").stat().st_mode)
    assert mode & stat.S_IWGRP, oct(mode)


def test_a_lock_file_of_another_user_is_named_as_the_cause(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_data(tmp_path)
    lock = data / f"{REPORT}.lock"
    lock.write_text("", encoding="utf-8")
    os.chmod(lock, 0o444)
    import filelock

    def denied(self: object, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(lock))

    monkeypatch.setattr(filelock.FileLock, "acquire", denied)
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False)
    result = run([*RECORD, "--data", str(data), "--lang", "en"], tmp_path, 2)
    assert "lock file phong-kinh-te.yaml.lock" in result.stderr and "chmod g+w" in result.stderr
    assert "no permission to write in this folder" not in result.stderr


# ------------------------------------------------------------ 9. file names


def test_upper_case_yaml_is_warned_about(tmp_path: Path) -> None:
    data = make_data(tmp_path, report=None)
    (data / REPORT).with_name("phong-kinh-te.YAML").write_text(ENTRY, encoding="utf-8")
    result = run(["check", "--data", str(data), "--lang", "en"], tmp_path, 0)
    assert "phong-kinh-te.YAML: warning: report file names end in lower-case .yaml" in result.stderr + result.stdout


def test_a_report_name_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    data = make_data(tmp_path)
    bad = os.fsencode(data / "reports" / QUARTER) + b"/phong-kinh-t\xe9.yaml"
    with open(bad, "wb") as handle:
        handle.write(ENTRY.encode("utf-8"))
    result = run(["check", "--data", str(data), "--lang", "en"], tmp_path, 1)
    assert "phong-kinh-t\\xe9.yaml: the file name is not UTF-8" in result.stdout
    result = run(["overdue", "--data", str(data)], tmp_path, 4)  # answered without it (issue 16)
    assert "phong-kinh-t\\xe9.yaml" in result.stderr and "internal" not in result.stderr


# ------------------------------------------------------------ 11. a FIFO named like a report


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_record_refuses_a_fifo_without_blocking(tmp_path: Path) -> None:
    data = make_data(tmp_path, report=None)
    os.mkfifo(data / REPORT)
    env = {**os.environ, "HOINHAP_TODAY": TODAY, "HOINHAP_LANG": "en", "HOINHAP_NO_CACHE": "1"}
    # the timeout only stops a hung run (today's code blocks forever); the test asserts no time
    done = subprocess.run([sys.executable, "-m", "hoinhap_cli", *RECORD, "--data", str(data)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "phong-kinh-te.yaml: is not a regular file (a FIFO (named pipe))" in done.stderr
    assert stat.S_ISFIFO((data / REPORT).lstat().st_mode)


def test_reading_never_opens_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    with pytest.raises(OSError):
        plainfiles.read_plain(fifo)
