"""Every heading, label, status word and message the user reads, in Vietnamese and English."""

from __future__ import annotations

import os

LANGS = ("vi", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # check
    "check.ok": ("{file}: hợp lệ — {tasks} nhiệm vụ, {units} đơn vị, {reports} tệp báo cáo",
                 "{file}: valid — {tasks} tasks, {units} units, {reports} report files"),
    "check.summary": ("{errors} lỗi, {warnings} cảnh báo", "{errors} error(s), {warnings} warning(s)"),
    "plan.bundled": ("dùng kế hoạch kèm theo gói ({file}): không có data/plan.yaml ở đây hay thư mục cha; "
                     "dùng --data DIR để chọn",
                     "using the bundled plan ({file}): no data/plan.yaml here or above; pass --data DIR"),
    "plan.env": ("dùng dữ liệu từ HOINHAP_DATA: {file}", "using the data from HOINHAP_DATA: {file}"),
    "error.internal": ("lỗi nội bộ: {error} (đặt HOINHAP_DEBUG=1 để xem chi tiết)",
                       "internal error: {error} (set HOINHAP_DEBUG=1 for a traceback)"),
    "error.hint": ("gợi ý: {hint}", "hint: {hint}"),
    "error.interrupted": ("đã dừng", "interrupted"),
}


def lang_from_env(option: str | None) -> str:
    value = (option or os.environ.get("HOINHAP_LANG") or "vi").lower()
    return "en" if value.startswith("en") else "vi"


def t(key: str, lang: str, **values: object) -> str:
    vi, en = MESSAGES[key]
    return (en if lang == "en" else vi).format(**values)
