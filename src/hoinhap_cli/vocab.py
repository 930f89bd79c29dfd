"""The plan's two vocabularies: kinds of unit and states of progress.

Apart from the pydantic models (`model`), so that reading a cached ledger — whose records
hold these values — needs no pydantic at all (see `records`).
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

SCHEMA_VERSION: Literal[1] = 1
"""The version of the file formats `model` validates (part of every cache key)."""


class UnitKind(str, Enum):
    PHONG = "phòng"
    BAN = "ban"
    TRUNG_TAM = "trung tâm"
    SO = "sở"
    VIEN = "viện"
    CONG_TY = "công ty"
    HOI = "hội"
    TO_CONG_TAC = "tổ công tác"
    VAN_PHONG = "văn phòng"
    CO_QUAN = "cơ quan"
    DOAN_THE = "đoàn thể"
    UBND_PHUONG = "ubnd phường"
    NHOM = "nhóm"
    KHONG_CU_THE = "không cụ thể"


class Status(str, Enum):
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    BLOCKED = "blocked"
    DROPPED = "dropped"

    @property
    def closed(self) -> bool:
        return self is _DONE or self is _DROPPED  # identity: asked once per obligation


_DONE, _DROPPED = Status.DONE, Status.DROPPED
