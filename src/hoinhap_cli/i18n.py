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
    # --- overdue, upcoming, summary (issue 5)
    "review.status.not-started": ("chưa thực hiện", "not started"),
    "review.status.in-progress": ("đang thực hiện", "in progress"),
    "review.status.done": ("hoàn thành", "done"),
    "review.status.blocked": ("vướng mắc", "blocked"),
    "review.status.dropped": ("không thực hiện", "dropped"),
    "review.col.task": ("Nhiệm vụ", "Task"),
    "review.col.product": ("Sản phẩm", "Product"),
    "review.col.due": ("Thời hạn", "Due"),
    "review.col.due_date": ("Ngày đến hạn", "Due date"),
    "review.col.days_late": ("Số ngày trễ", "Days late"),
    "review.col.days_left": ("Còn (ngày)", "Days left"),
    "review.col.lead": ("Cơ quan chủ trì", "Lead"),
    "review.col.status": ("Tình trạng", "Status"),
    "review.col.reason": ("Lý do", "Reason"),
    "review.col.list": ("Danh sách", "List"),
    "review.col.quarter": ("Quý không cập nhật", "Quarter without update"),
    "review.col.last_entry": ("Cập nhật gần nhất", "Last update"),
    "review.col.program": ("Chương trình", "Programme"),
    "review.col.due_count": ("Đến hạn", "Due"),
    "review.col.done": ("Hoàn thành", "Done"),
    "review.col.in_progress": ("Đang thực hiện", "In progress"),
    "review.col.blocked": ("Vướng mắc", "Blocked"),
    "review.col.not_started": ("Chưa thực hiện", "Not started"),
    "review.col.dropped": ("Không thực hiện", "Dropped"),
    "review.col.late": ("Trễ hạn", "Late"),
    "review.col.share": ("Tỷ lệ hoàn thành", "Share done"),
    "review.col.date": ("Ngày", "Date"),
    "review.col.unit": ("Đơn vị", "Unit"),
    "review.col.note": ("Ghi chú", "Note"),
    "review.list.overdue": ("trễ hạn", "overdue"),
    "review.list.stale": ("chậm cập nhật", "stale"),
    "overdue.title": ("Nhiệm vụ trễ hạn tính đến {as_of}", "Overdue as of {as_of}"),
    "overdue.stale_title": ("Nhiệm vụ thường xuyên không có cập nhật trong {quarter}",
                            "Ongoing tasks with no update in {quarter}"),
    "overdue.none": ("không có nhiệm vụ trễ hạn tính đến {as_of}", "nothing overdue as of {as_of}"),
    "overdue.count": ("{count} nghĩa vụ trễ hạn tính đến {as_of}", "{count} overdue as of {as_of}"),
    "upcoming.title": ("Sắp đến hạn từ {as_of} đến {until}", "Falling due from {as_of} to {until}"),
    "upcoming.none": ("không có nhiệm vụ đến hạn từ {as_of} đến {until}", "nothing falls due from {as_of} to {until}"),
    "summary.written": ("đã ghi {file}", "wrote {file}"),
    "review.md.title": ("Báo cáo kết quả thực hiện Chương trình hành động hội nhập kinh tế quốc tế — kỳ {period}",
                        "Report on the international economic integration action plan — {period}"),
    "review.md.intro": ("Theo Quyết định số {decision}; kỳ báo cáo {period} ({start} đến {end}); "
                        "số liệu tính đến ngày {as_of}.",
                        "Under Decision {decision}; period {period} ({start} to {end}); figures as of {as_of}."),
    "review.md.total": ("Trong kỳ có {due} mốc nhiệm vụ đến hạn: {done} hoàn thành, {in_progress} đang thực hiện, "
                        "{blocked} vướng mắc, {not_started} chưa thực hiện, {dropped} không thực hiện; "
                        "{late} trễ hạn. Tỷ lệ hoàn thành: {share}.",
                        "{due} milestones fell due in the period: {done} done, {in_progress} in progress, "
                        "{blocked} blocked, {not_started} not started, {dropped} dropped; {late} late. "
                        "Share done: {share}."),
    "review.md.by_program": ("Theo chương trình", "By programme"),
    "review.md.by_unit": ("Theo đơn vị chủ trì", "By lead unit"),
    "review.md.problems": ("Nhiệm vụ trễ hạn và vướng mắc", "Late and blocked tasks"),
    "review.md.entries": ("Các cập nhật trong kỳ", "Updates recorded in the period"),
    "review.md.none": ("Không có.", "None."),
    "review.md.milestone": ("mốc {n}", "milestone {n}"),
}


def lang_from_env(option: str | None) -> str:
    value = (option or os.environ.get("HOINHAP_LANG") or "vi").lower()
    return "en" if value.startswith("en") else "vi"


def t(key: str, lang: str, **values: object) -> str:
    vi, en = MESSAGES[key]
    return (en if lang == "en" else vi).format(**values)
