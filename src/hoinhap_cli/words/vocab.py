"""The plan's two vocabularies: kinds of unit and states of progress.

Apart from the pydantic models (`model`), so that reading a cached ledger — whose records
hold these values — needs no pydantic at all (see `records`).
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from hoinhap_cli.words.i18n import MESSAGES  # every run has loaded both already (problems imports them)
from hoinhap_cli.words.text import fold

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
    # units at every level (plan-format.md, "units")
    BO = "bộ"
    CO_QUAN_NGANG_BO = "cơ quan ngang bộ"
    NGANH = "ngành"
    UBND_TINH = "ubnd tỉnh"
    UBND_HUYEN = "ubnd huyện"
    UBND_XA = "ubnd xã"
    CONG_AN = "công an"
    QUAN_DOI = "quân đội"
    NGAN_HANG = "ngân hàng"
    DAI_BAO = "đài báo"
    DOANH_NGHIEP = "doanh nghiệp"
    HIEP_HOI = "hiệp hội"
    TRUONG = "trường"
    KHAC = "khác"


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


class WarningCode(str, Enum):
    """The plan's warnings that `acknowledged:` in plan.yaml may accept, with a reason
    (docs/plan-format.md): the document says so, and `check --strict` should not fail on it."""

    DUE_OUTSIDE_PERIOD = "due-outside-period"
    DUE_BEFORE_SIGNING = "due-before-signing"
    NO_DEADLINE = "no-deadline"


def status_words() -> dict[str, Status]:
    """Every spelling of a status the command line accepts (folded) → the status: the id
    (in-progress, in progress, in_progress) and the words of either language, diacritics
    optional. The one home of status words: `record --status`, `tasks --status` and the
    report files (model.Entry) read them alike."""
    words: dict[str, Status] = {}
    for status in Status:
        vi, en = MESSAGES[f"status.{status.value}"]
        for word in (status.value, status.value.replace("-", " "), status.value.replace("-", "_"), vi, en):
            words[fold(word)] = status
    words[fold("hoàn tất")] = Status.DONE
    return words


def status_of(text: str) -> Status | None:
    """The status a text names in any accepted spelling, else None."""
    known = status_words()
    return known.get(fold(text.replace("_", " ").replace("-", " "))) or known.get(fold(text))
