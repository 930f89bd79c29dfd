"""Issue 19, what the tool writes: CSV cells a spreadsheet would run, `--out` onto things that
are not files, and inputs that ended in an internal error. Each: one line, exit 2."""

from __future__ import annotations

import csv
import errno
import io
import os
from pathlib import Path

import pytest

from hoinhap_cli.files import files
from hoinhap_cli.words.text import csv_cell
from hostile_data import ENTRY, make_data, run

# ------------------------------------------------------------ 5. CSV formula injection


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-1+2", "@SUM(A1)", "\tTAB", "=1"])
@pytest.mark.parametrize("field", ["note", "reason", "evidence"])
def test_csv_cells_that_start_a_formula_are_neutralised(tmp_path: Path, text: str, field: str) -> None:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    report = ENTRY.replace('    note: "đã khảo sát"\n', f'    {field}: "{quoted}"\n')
    if field == "reason":
        report = report.replace("status: in-progress", "status: blocked")
    data = make_data(tmp_path, report)
    result = run(["log", "--data", str(data), "--format", "csv"], tmp_path, 0)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + text in cells, rows
    assert text not in cells


def test_numbers_and_plain_text_are_left_as_they_are() -> None:
    for text in ("-5", "+3", "12", "-1.5", "Đã xong", "a=b", ""):
        assert csv_cell(text) == text
    assert csv_cell("-1+2") == "'-1+2"
    assert csv_cell("\rX") == "'\rX"


# ------------------------------------------------------------ 7. --out onto things that are not files


@pytest.mark.parametrize("command", [["dashboard"], ["summary", "--period", "2009-Q2"]])
def test_out_refuses_a_device_and_a_link(tmp_path: Path, command: list[str]) -> None:
    data = make_data(tmp_path)
    link = tmp_path / "page.html"
    link.symlink_to("/proc/self/fd/1")
    result = run([*command, "--out", str(link), "--force", "--data", str(data), "--lang", "en"], tmp_path, 2)
    assert f"{link}: is a symbolic link" in result.stderr
    result = run([*command, "--out", "/dev/null", "--force", "--data", str(data), "--lang", "en"], tmp_path, 2)
    assert "/dev/null: is not a regular file (a device)" in result.stderr
    assert os.path.exists("/dev/null") and not Path("/dev/null").is_file()


@pytest.mark.parametrize("command", [["dashboard"], ["summary", "--period", "2009-Q2"]])
def test_out_dash_writes_to_stdout(tmp_path: Path, command: list[str]) -> None:
    data = make_data(tmp_path)
    result = run([*command, "--out", "-", "--data", str(data)], tmp_path, 0)
    assert result.stdout.strip()
    assert not (Path.cwd() / "-").exists()


# ------------------------------------------------------------ 10. one line, exit 2, never "internal error"


@pytest.mark.parametrize(("argv", "env"), [
    (["overdue"], {"HOINHAP_TODAY": "9999-12-31"}),
    (["upcoming"], {"HOINHAP_TODAY": "9999-12-31"}),
    (["overdue", "--as-of", "0001-01-01"], {}),
    (["overdue", "--as-of", "9999-12-31"], {}),
    (["upcoming", "--as-of", "9999-12-30"], {}),
    (["upcoming", "--within", "99999y"], {}),
    (["upcoming", "--within", "8000y"], {}),
    (["upcoming", "--within", "3000000d"], {}),
    (["upcoming", "--within", "999999999999d"], {}),
    (["record", "2.10", "--status", "done", "--unit", "phong-kinh-te"], {"HOINHAP_LOCK_TIMEOUT": "nan"}),
    (["record", "2.10", "--status", "done", "--unit", "phong-kinh-te"], {"HOINHAP_LOCK_TIMEOUT": "inf"}),
    (["dashboard", "--out", "{tmp}", "--force"], {}),
    (["summary", "--period", "2009-Q2", "--out", "{tmp}", "--force"], {}),
])
def test_hostile_values_are_one_line_and_exit_2(tmp_path: Path, argv: list[str], env: dict[str, str]) -> None:
    data = make_data(tmp_path)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    result = run([*argv, "--data", str(data)], tmp_path, 2, env)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hoinhap: "), result.stderr
    assert "nội bộ" not in result.stderr and "internal" not in result.stderr


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
@pytest.mark.parametrize("command", [["dashboard"], ["summary", "--period", "2009-Q2"]])
def test_out_refused_by_the_system_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int,
                                               command: list[str]) -> None:
    data = make_data(tmp_path)

    def refused(path: Path, text: str, *, overwrite: bool = True) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files, "write_atomic", refused)
    out = tmp_path / "out.html"
    result = run([*command, "--out", str(out), "--data", str(data), "--lang", "en"], tmp_path, 2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"hoinhap: {out}: cannot write: "), result.stderr
    assert os.strerror(code) in lines[0]
