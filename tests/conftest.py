from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data"
SEED = ROOT / "tests" / "data" / "decision-02-2008.txt"

MINI_PLAN = """\
# a small plan for tests
decision:
  number: 02/2008/QĐ-UBND
  title: Về ban hành kế hoạch
  issuer: Ủy ban nhân dân quận 2
  signed_on: 2008-10-17
  signer: Lê Trọng Sang
  signer_title: Chủ tịch
  effective_after_days: 7
  directed_by: Phó Chủ tịch
  standing_agency: phong-kinh-te
plan:
  title: Kế hoạch
  objective: Mục tiêu
  period:
    start: 2008-01-01
    end: 2010-12-31
programs:
  - id: "1"
    title: Tuyên truyền
  - id: "3"
    title: Đô thị
    sections:
      - id: "3.2"
        title: Về chỉnh trang đô thị
units:
  - id: phong-kinh-te
    name: Phòng Kinh tế
    kind: phòng
    aliases: [Kinh tế]
  - id: phong-qldt
    name: Phòng Quản lý đô thị
    kind: phòng
    aliases: [Phòng QLĐT, QLĐT]
  - id: ubnd-phuong-cat-lai
    name: Ủy ban nhân dân phường Cát Lái
    kind: ubnd phường
  - id: ubnd-11-phuong
    name: Ủy ban nhân dân 11 phường
    kind: nhóm
    members: [ubnd-phuong-cat-lai]
events:
  - id: tp-duyet
    name: Thành phố phê duyệt
tasks:
  - id: "1.1"
    program: "1"
    title: Tuyên truyền về WTO
    lead: [phong-kinh-te]
    support: [ubnd-11-phuong]
    products: [Chương trình phát thanh]
    milestones:
      - due: 2008-Q4
        source: Quý IV-2008
        product: 1
  - id: "3.2.4"
    program: "3"
    section: "3.2"
    title: Xây trường học
    lead: [phong-qldt]
    milestones:
      - due: "2009"
        source: "2009"
  - id: "3.2.4a"
    id_assigned: true
    program: "3"
    section: "3.2"
    units_from: "3.2.4"
    title: Dự án giao thông
    milestones:
      - due: by 2010
        source: Đến năm 2010
"""


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A data folder with a small valid plan; returns the folder."""
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    (data / "plan.yaml").write_text(MINI_PLAN, encoding="utf-8")
    return data


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOINHAP_DATA", "HOINHAP_LANG", "HOINHAP_TODAY", "NO_COLOR", "HOINHAP_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOINHAP_TODAY", "2026-11-27")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own empty content-hash cache, never the user's ~/.cache."""
    monkeypatch.delenv("HOINHAP_NO_CACHE", raising=False)
    monkeypatch.setenv("HOINHAP_CACHE_DIR", str(tmp_path / "hoinhap-cache"))
    return tmp_path / "hoinhap-cache"
