"""`hoinhap init DIR`: a new ledger from the bundled plan, never over existing files."""

from __future__ import annotations

from pathlib import Path

from conftest import Cli
from hoinhap_cli.files.paths import bundled_plan
from hoinhap_cli.model.schemas import schema_text

EXPECTED = {"data/plan.yaml", "data/reports/.gitkeep", "schema/plan.schema.json", "schema/report.schema.json",
            "README.md", ".gitattributes"}


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_init_into_a_missing_folder_makes_a_valid_ledger(tmp_path: Path, cli: Cli) -> None:
    root = tmp_path / "so-theo-doi"
    result = cli("init", str(root))
    assert result.exit_code == 0, result.stderr
    assert tree(root) == EXPECTED
    assert (root / "data" / "plan.yaml").read_bytes() == bundled_plan().read_bytes()
    assert (root / "schema" / "plan.schema.json").read_text(encoding="utf-8") == schema_text("plan")
    assert "eol=lf" in (root / ".gitattributes").read_text(encoding="utf-8")
    assert "hoinhap check" in (root / "README.md").read_text(encoding="utf-8")
    check = cli("check", "--data", str(root / "data"))
    assert check.exit_code == 0, check.stdout


def test_init_into_an_empty_folder(tmp_path: Path, cli: Cli) -> None:
    result = cli("init", str(tmp_path))
    assert result.exit_code == 0
    assert tree(tmp_path) == EXPECTED


def test_init_beside_unrelated_files_keeps_them(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "notes.txt").write_text("giữ nguyên", encoding="utf-8")
    result = cli("init", str(tmp_path))
    assert result.exit_code == 0
    assert tree(tmp_path) == EXPECTED | {"notes.txt"}
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "giữ nguyên"


def test_init_refuses_when_a_file_exists_and_writes_nothing(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "README.md").write_text("của tôi", encoding="utf-8")
    result = cli("init", str(tmp_path))
    assert result.exit_code == 2
    assert "README.md" in result.stderr
    assert tree(tmp_path) == {"README.md"}
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "của tôi"


def test_init_refuses_an_existing_reports_folder(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "data" / "reports" / "2009-Q1").mkdir(parents=True)
    result = cli("init", str(tmp_path))
    assert result.exit_code == 2
    assert tree(tmp_path) == set()
    assert not (tmp_path / "data" / "plan.yaml").exists()


def test_init_refuses_a_file_as_the_folder(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    assert cli("init", str(target)).exit_code == 2
