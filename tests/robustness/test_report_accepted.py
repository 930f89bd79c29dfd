"""Report input that looks odd but is right: read exactly like the canonical form.

Decomposed Vietnamese (NFD, as macOS writes it) in a report and in a unit name typed on the
command line; a report saved with a BOM and CRLF line ends by a Windows editor.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from conftest import Cli, hoinhap
from plan_cases import SHIPPED
from report_cases import BASE, FILE, TODAY


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    (folder / "reports" / "2009-Q1").mkdir(parents=True)
    (folder / "plan.yaml").write_text(SHIPPED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOINHAP_TODAY", TODAY)
    return folder


def log(*argv: str) -> list[dict]:
    result = hoinhap("log", "-f", "json", *argv, data="data")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_nfd_note_in_a_report_reads_as_nfc(data: Path, cli: Cli) -> None:
    note = "Đã khảo sát 3 chợ"
    assert nfd(note) != note
    (data / "reports" / FILE).write_text(nfd(BASE), encoding="utf-8")
    assert cli("check", data="data").exit_code == 0
    [row] = log()
    assert row["note"] == note
    assert log("--unit", "Phòng Kinh tế") == log("--unit", nfd("Phòng Kinh tế")) == [row]


def test_nfd_unit_on_the_command_line_is_the_same_unit(data: Path, cli: Cli) -> None:
    result = cli("record", "2.10", "-s", "done", "--date", "2009-03-02", "--unit", nfd("Phòng Kinh tế"),
                 "--note", nfd("Họp với tiểu thương"), data="data")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (data / "reports" / "2009-Q1").glob("*.yaml")) == ["phong-kinh-te.yaml"]
    text = (data / "reports" / FILE).read_text(encoding="utf-8")
    assert "Họp với tiểu thương" in text and unicodedata.is_normalized("NFC", text)
    nfc_rows = json.loads(cli("tasks", "-f", "json", "--unit", "Phòng Kinh tế", data="data").stdout)
    nfd_rows = json.loads(cli("tasks", "-f", "json", "--unit", nfd("Phòng Kinh tế"), data="data").stdout)
    assert nfc_rows and nfc_rows == nfd_rows


def test_bom_and_crlf_report_is_read_and_appended_to(data: Path, cli: Cli) -> None:
    path = data / "reports" / FILE
    path.write_bytes(b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8"))
    assert cli("check", data="data").exit_code == 0
    assert [r["note"] for r in log()] == ["Đã khảo sát 3 chợ"]
    result = cli("record", "2.10", "-s", "in-progress", "-m", "2", "--date", "2009-03-05", data="data")
    assert result.exit_code == 0, result.stderr
    assert [(r["milestone"], r["status"]) for r in log()] == [(1, "done"), (2, "in-progress")]


def test_a_yml_report_is_refused_not_counted_twice(tmp_path: Path, cli: Cli) -> None:
    """`record` writes <unit>.yaml; a hand-made <unit>.yml beside it must not double its entries."""
    data = tmp_path / "data"
    (data / "reports" / "2009-Q1").mkdir(parents=True)
    (data / "plan.yaml").write_bytes((Path(__file__).parents[2] / "data" / "plan.yaml").read_bytes())
    (data / "reports" / "2009-Q1" / "phong-kinh-te.yml").write_text(
        "unit: phong-kinh-te\nperiod: 2009-Q1\nentries:\n  - task: '2.4'\n    status: done\n    date: 2009-02-01\n",
        encoding="utf-8")
    result = cli("check", "--data", str(data), "--lang", "en")
    assert result.exit_code == 1
    assert "phong-kinh-te.yml: report files end in .yaml: rename it to phong-kinh-te.yaml" in result.stdout
