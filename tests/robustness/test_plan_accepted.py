"""Plans that look different on disk but say the same thing: accepted, and read identically.

macOS writes Vietnamese decomposed (NFD: 'ệ' as e + U+0302 + U+0323); Windows editors add a
BOM and CRLF line ends. None of these may change what the plan means or where problems are.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from conftest import hoinhap
from hoinhap_cli.files.paths import locate
from hoinhap_cli.ledger import ledger
from hoinhap_cli.words.text import fold
from plan_cases import SHIPPED, crlf_bom


def run(tmp_path: Path, raw: bytes, *argv: str) -> tuple[int, str, str]:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "plan.yaml").write_bytes(raw)
    result = hoinhap(*argv, data=data)
    return result.exit_code, result.stdout, result.stderr


# The shipped plan without its `acknowledged:` block, so that `check` prints its three warnings:
# their positions must be the same whatever the bytes.
WARNED = SHIPPED[:SHIPPED.index("# The plan's known warnings")] + SHIPPED[SHIPPED.index("tasks:\n"):]


@pytest.fixture
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, str]]:
    root = tmp_path_factory.mktemp("reference")
    return {cmd: run(root, WARNED.encode("utf-8"), cmd) for cmd in ("check", "export")}


def test_shipped_plan_is_nfc() -> None:
    assert unicodedata.is_normalized("NFC", SHIPPED)


@pytest.mark.parametrize("name,encode", [
    ("nfd", lambda text: unicodedata.normalize("NFD", text).encode("utf-8")),
    ("bom-crlf", lambda text: crlf_bom(text.encode("utf-8"))),
    ("nfd-bom-crlf", lambda text: crlf_bom(unicodedata.normalize("NFD", text).encode("utf-8"))),
])
def test_same_plan_other_bytes_reads_the_same(name: str, encode, tmp_path: Path,
                                               reference: dict[str, tuple[int, str, str]]) -> None:
    raw = encode(WARNED)
    assert raw != WARNED.encode("utf-8")
    check = run(tmp_path, raw, "check")
    export = run(tmp_path, raw, "export")
    assert check[0] == 0
    # the same warnings at the same lines and columns
    assert _positions(check[1]) == _positions(reference["check"][1]) != []
    assert export[0] == 0
    assert export[1] == reference["export"][1]  # byte-identical JSON: NFC, no BOM, no CR
    assert unicodedata.is_normalized("NFC", export[1])
    assert "\r" not in export[1] and "\ufeff" not in export[1]


def _positions(output: str) -> list[str]:
    """'…/plan.yaml:618:14: warning: …' → '618:14: warning: …' (the folder differs)."""
    return [line.split("plan.yaml:", 1)[1] for line in output.splitlines() if "plan.yaml:" in line]


def test_nfd_unit_alias_resolves_like_nfc(tmp_path: Path) -> None:
    nfc_alias = "Phòng Kinh tế quận"
    assert f"aliases: [{nfc_alias}]" in SHIPPED
    raw = SHIPPED.replace(f"aliases: [{nfc_alias}]", f"aliases: [{unicodedata.normalize('NFD', nfc_alias)}]")
    assert raw != SHIPPED
    data = tmp_path / "data"
    data.mkdir()
    (data / "plan.yaml").write_text(raw, encoding="utf-8")
    loaded = ledger.load(locate(str(data)), date(2009, 1, 1))[0]
    aliases = [a for u in loaded.units.values() for a in u.aliases if fold(a) == fold(nfc_alias)]
    assert aliases == [nfc_alias]  # stored NFC: an exact match against what a user types
    owner = [u.id for u in loaded.units.values() if nfc_alias in u.aliases]
    assert owner == ["phong-kinh-te"]


def test_nfd_alias_clash_is_caught_like_nfc(tmp_path: Path) -> None:
    """An NFD alias equal to another unit's NFC name is the same name: reported, not kept twice."""
    name = "Phòng Quản lý đô thị"
    assert f"name: {name}\n" in SHIPPED
    raw = SHIPPED.replace("aliases: [Phòng Kinh tế quận]",
                          f"aliases: [Phòng Kinh tế quận, {unicodedata.normalize('NFD', name)}]")
    code, out, _ = run(tmp_path, raw.encode("utf-8"), "check")
    assert code == 1
    assert f"'{name}' cũng là tên của đơn vị" in out
