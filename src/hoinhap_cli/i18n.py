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
    # --- plan edits under git: diff, schema, init
    "diff.none": ("không có thay đổi về nội dung ({old} → {new})", "no change in substance ({old} → {new})"),
    "diff.title": ("{old} → {new}: {n} thay đổi về nội dung", "{old} → {new}: {n} change(s) in substance"),
    "diff.days": ("{n} ngày", "{n} days"),
    "diff.field.milestone": ("mốc thời gian", "milestone"),
    "diff.kind.added": ("thêm", "added"),
    "diff.kind.removed": ("bỏ", "removed"),
    "diff.kind.renumbered": ("đổi số thứ tự", "renumbered"),
    "diff.kind.moved": ("chuyển chương trình/mục", "moved"),
    "diff.kind.title": ("sửa nội dung nhiệm vụ", "title edited"),
    "diff.kind.products": ("sửa sản phẩm", "products edited"),
    "diff.kind.deadline": ("dời thời hạn", "deadline moved"),
    "diff.kind.milestone": ("sửa mốc thời gian", "milestone edited"),
    "diff.kind.lead": ("đổi cơ quan chủ trì", "lead units"),
    "diff.kind.support": ("đổi cơ quan phối hợp", "support units"),
    "diff.kind.notes": ("sửa ghi chú", "notes edited"),
    "diff.kind.renamed": ("đổi tên", "renamed"),
    "diff.kind.aliases": ("đổi tên gọi khác", "aliases"),
    "diff.kind.edited": ("sửa", "edited"),
    "diff.scope.task": ("nhiệm vụ {id}", "task {id}"),
    "diff.scope.unit": ("đơn vị {id}", "unit {id}"),
    "diff.scope.program": ("chương trình {id}", "programme {id}"),
    "diff.scope.event": ("sự kiện {id}", "event {id}"),
    "diff.scope.decision": ("quyết định", "decision"),
    "diff.scope.plan": ("kế hoạch", "plan"),
    "init.done": ("đã tạo sổ theo dõi mới trong {dir}; tiếp theo: cd {dir} && git init && hoinhap check",
                  "created a new ledger in {dir}; next: cd {dir} && git init && hoinhap check"),
}


def lang_from_env(option: str | None) -> str:
    value = (option or os.environ.get("HOINHAP_LANG") or "vi").lower()
    return "en" if value.startswith("en") else "vi"


def t(key: str, lang: str, **values: object) -> str:
    vi, en = MESSAGES[key]
    return (en if lang == "en" else vi).format(**values)
