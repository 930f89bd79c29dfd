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
    # --- queries: tasks, show, units, programs (issue 3)
    "unit.ambiguous": ("'{text}' có thể là {n} đơn vị: {listing}", "'{text}' could mean {n} units: {listing}"),
    "unit.ambiguous.hint": ("gõ thêm tên, hoặc dùng mã đơn vị", "type more of the name, or the unit id"),
    "unit.unknown": ("không có đơn vị nào tên '{text}'", "no unit named '{text}'"),
    "unit.unknown.hint": ("hoinhap units liệt kê mọi đơn vị", "hoinhap units lists every unit"),
    "hint.did_you_mean": ("có phải: {names}?", "did you mean: {names}?"),
    "unit.kind.unknown": ("không có loại đơn vị '{text}'", "no unit kind '{text}'"),
    "unit.kind.known": ("các loại: {kinds}", "kinds: {kinds}"),
    "program.unknown": ("không có chương trình, mục hay nhiệm vụ '{text}'", "no programme, section or task '{text}'"),
    "program.known": ("có: {ids}", "known: {ids}"),
    "due.hint": ("ngày viết YYYY-MM-DD; kỳ viết 2009, 2009-Q3, 2009-H1 hoặc TỪ..ĐẾN",
                 "dates are YYYY-MM-DD; periods 2009, 2009-Q3, 2009-H1 or FROM..TO"),
    "due.empty_window": ("khoảng thời hạn trống: từ {start} đến {end}", "the due window is empty: {start} to {end}"),
    "task.unknown": ("không có nhiệm vụ số '{text}'", "no task numbered '{text}'"),
    "task.unknown.hint": ("hoinhap tasks liệt kê mọi nhiệm vụ", "hoinhap tasks lists every task"),
    "rows.none": ("không có dòng nào khớp", "no rows match"),
    "rows.count.tasks": ("{n} nhiệm vụ", "{n} task(s)"),
    "rows.count.units": ("{n} đơn vị", "{n} unit(s)"),
    "rows.count.programs": ("{n} chương trình và mục", "{n} programme(s) and section(s)"),
    "role.lead": ("chủ trì", "lead"),
    "role.support": ("phối hợp", "support"),
    "role.via": ("{role} (qua {group})", "{role} (via {group})"),
    "deadline.by": ("đến {period}", "by {period}"),
    "deadline.ongoing": ("thường xuyên", "ongoing"),
    "deadline.every.quarter": ("hằng quý", "every quarter"),
    "deadline.every.year": ("hằng năm", "every year"),
    "deadline.after": ("sau khi: {event}", "after: {event}"),
    "deadline.after.recorded": ("sau khi: {event} ({day}) → {due}", "after: {event} ({day}) → {due}"),
    "deadline.event": ("sau sự kiện", "after an event"),
    "deadline.none": ("không nêu", "not given"),
    "status.not-started": ("chưa bắt đầu", "not started"),
    "status.in-progress": ("đang thực hiện", "in progress"),
    "status.done": ("hoàn thành", "done"),
    "status.blocked": ("vướng mắc", "blocked"),
    "status.dropped": ("không thực hiện", "dropped"),
    "show.task": ("Nhiệm vụ {id}", "Task {id}"),
    "show.program": ("Chương trình", "Programme"),
    "show.section": ("Mục", "Section"),
    "show.title": ("Nhiệm vụ", "Task"),
    "show.id_assigned": ("Số thứ tự", "Number"),
    "show.id_assigned.value": ("không có trong phụ lục; số do người biên soạn đặt",
                               "not in the appendix; assigned by the editors"),
    "show.units_from": ("Cơ quan theo ô gộp của", "Units from the merged cells of"),
    "show.status": ("Tình trạng", "Status"),
    "show.units": ("Cơ quan thực hiện", "Units"),
    "show.products": ("Sản phẩm", "Products"),
    "show.milestones": ("Thời gian hoàn thành", "Milestones"),
    "show.notes": ("Ghi chú", "Notes"),
    "show.history": ("Tiến độ đã báo cáo", "Reported progress"),
    "show.none": ("chưa có", "none"),
    "col.id": ("Số TT", "No."),
    "col.task": ("Nhiệm vụ", "Task"),
    "col.program": ("Chương trình", "Programme"),
    "col.section": ("Mục", "Section"),
    "col.lead": ("Chủ trì", "Lead"),
    "col.support": ("Phối hợp", "Support"),
    "col.role": ("Vai trò", "Role"),
    "col.due": ("Thời hạn", "Due"),
    "col.due_dates": ("Hạn (ngày)", "Due dates"),
    "col.next_due": ("Hạn kế tiếp", "Next due"),
    "col.unit_id": ("Mã", "Id"),
    "col.unit": ("Đơn vị", "Unit"),
    "col.short": ("Tên gọn", "Short name"),
    "col.kind": ("Loại", "Kind"),
    "col.lead_count": ("Chủ trì", "Leads"),
    "col.support_count": ("Phối hợp", "Supports"),
    "col.via_count": ("Qua nhóm", "Via group"),
    "col.title": ("Tên", "Title"),
    "col.task_count": ("Nhiệm vụ", "Tasks"),
    "col.milestone_count": ("Mốc", "Milestones"),
    "col.product": ("Sản phẩm", "Product"),
    "col.source": ("Văn bản ghi", "Document says"),
    "col.note": ("Ghi chú", "Note"),
    "col.date": ("Ngày", "Date"),
    "col.milestone": ("Mốc", "Milestone"),
    "col.status": ("Tình trạng", "Status"),
    "col.file": ("Tệp", "File"),
    "col.reason": ("Lý do", "Reason"),
}


def lang_from_env(option: str | None) -> str:
    value = (option or os.environ.get("HOINHAP_LANG") or "vi").lower()
    return "en" if value.startswith("en") else "vi"


def t(key: str, lang: str, **values: object) -> str:
    vi, en = MESSAGES[key]
    return (en if lang == "en" else vi).format(**values)
