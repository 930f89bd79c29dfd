"""Shell completion (issue 9): task ids, unit aliases, programmes — and cheap to run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from hoinhap_cli.cli.complete import complete_program, complete_task, complete_unit
from hoinhap_cli.words.text import fold

SHIPPED = Path(__file__).resolve().parents[1] / "data"
CTX = SimpleNamespace(params={"data": str(SHIPPED)})


def values(pairs: list[tuple[str, str]]) -> list[str]:
    return [v for v, _ in pairs]


def test_task_ids_in_reading_order() -> None:
    assert values(complete_task(CTX, "2.1")) == ["2.1", "2.10", "2.10a", "2.11"]
    assert values(complete_task(CTX, "3.2.4")) == ["3.2.4", "3.2.4a"]
    assert complete_task(CTX, "9") == []


def test_unit_alias_typed_without_tones() -> None:
    found = complete_unit(CTX, "qld")
    assert found, "qld offers nothing"
    assert all(v.startswith("qld") for v in values(found))  # shells drop anything else
    assert any("QLĐT" in help for _, help in found)  # the alias it stands for
    assert "qldt" in values(found)


def test_unit_names_typed_with_tones_stay_as_written() -> None:
    found = values(complete_unit(CTX, "Phòng Q"))
    assert "Phòng QLĐT" in found and "Phòng Quản lý đô thị" in found
    assert all(fold(v).startswith("phong q") for v in found)


def test_programmes_and_sections() -> None:
    assert values(complete_program(CTX, "3")) == ["3", "3.1", "3.2", "3.3", "3.4"]


def test_unreadable_data_offers_nothing(tmp_path: Path) -> None:
    ctx = SimpleNamespace(params={"data": str(tmp_path / "missing")})
    assert complete_unit(ctx, "q") == []
    (tmp_path / "plan.yaml").write_text("units: [1, 2\n", encoding="utf-8")
    assert complete_task(SimpleNamespace(params={"data": str(tmp_path)}), "2") == []


def test_completion_loads_neither_pydantic_nor_rich() -> None:
    code = ("import sys; from types import SimpleNamespace as N; from hoinhap_cli.cli import complete as c; "
            f"r = c.complete_unit(N(params={{'data': {str(SHIPPED)!r}}}), 'qld'); "
            "print(bool(r), 'pydantic' in sys.modules, 'rich' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "False"]


def test_the_shell_gets_the_alias_through_typer(tmp_path: Path) -> None:
    env = {**os.environ, "_HOINHAP_COMPLETE": "complete_bash", "COMP_WORDS": "hoinhap timeline --unit qld",
           "COMP_CWORD": "3", "HOINHAP_DATA": str(SHIPPED)}
    out = subprocess.run([sys.executable, "-m", "hoinhap_cli"], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=60)
    assert out.stdout.split() == ["qldt"]
