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
    # --- recording progress (record, event, submit, log)
    "status.not-started": ("chưa thực hiện", "not started"),
    "status.in-progress": ("đang thực hiện", "in progress"),
    "status.done": ("hoàn thành", "done"),
    "status.blocked": ("vướng mắc", "blocked"),
    "status.dropped": ("hủy bỏ", "dropped"),
    "record.ok": ("đã ghi: nhiệm vụ {task}{milestone} — {status}, ngày {date}, đơn vị {unit} → {file}",
                  "recorded: task {task}{milestone} — {status} on {date}, unit {unit} → {file}"),
    "record.milestone": (", mốc {n}", ", milestone {n}"),
    "record.default_unit": ("đơn vị mặc định: {unit} ({name}), đơn vị chủ trì đầu tiên của nhiệm vụ; "
                            "dùng --unit để chọn đơn vị khác",
                            "default unit: {unit} ({name}), the task's first lead unit; pass --unit to choose another"),
    "record.forced": ("--force: {unit} không chủ trì hay phối hợp nhiệm vụ {task}; mục ghi có forced: true",
                      "--force: {unit} neither leads nor supports task {task}; the entry says forced: true"),
    "record.reformatted": ("{file}: tệp được viết lại theo bố cục chuẩn (dữ liệu giữ nguyên)",
                           "{file}: the file was rewritten in the standard layout (its data is unchanged)"),
    "event.ok": ("đã ghi sự kiện {event} ({name}) ngày {date} → {file}",
                 "recorded event {event} ({name}) on {date} → {file}"),
    "event.again": ("sự kiện {event} đã được ghi ngày {date}; ngày sớm nhất được tính",
                    "event {event} was already recorded on {date}; the earliest date counts"),
    "submit.ok": ("đã đánh dấu báo cáo quý {period} của {unit} là đã nộp ngày {date} → {file}",
                  "marked {unit}'s report for {period} as submitted on {date} → {file}"),
}


def lang_from_env(option: str | None) -> str:
    value = (option or os.environ.get("HOINHAP_LANG") or "vi").lower()
    return "en" if value.startswith("en") else "vi"


def t(key: str, lang: str, **values: object) -> str:
    vi, en = MESSAGES[key]
    return (en if lang == "en" else vi).format(**values)
