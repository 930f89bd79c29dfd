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
    # --- timeline, dashboard (issue 9)
    "timeline.task": ("Nhiệm vụ", "Task"),
    "timeline.program": ("Chương trình", "Programme"),
    "timeline.as_of": ("tính đến {date}", "as of {date}"),
    "timeline.legend": ("Chú giải", "Legend"),
    "timeline.state.done": ("đã xong", "done"),
    "timeline.state.in-progress": ("đang làm", "in progress"),
    "timeline.state.late": ("trễ hạn", "late"),
    "timeline.state.upcoming": ("chưa đến hạn", "upcoming"),
    "timeline.state.dropped": ("đã bỏ", "dropped"),
    "timeline.state.ongoing": ("thường xuyên", "ongoing"),
    "timeline.state.recurring": ("định kỳ", "recurring"),
    "timeline.state.event": ("chờ sự kiện, chưa có hạn", "waits for an event, no date yet"),
    "timeline.state.none": ("không ghi thời hạn", "no time given"),
    "timeline.legend.span": ("khoảng thời gian", "span"),
    "timeline.legend.as_of": ("ngày tính đến", "the as-of date"),
    "timeline.legend.outside": ("trước / sau khoảng hiển thị", "before / after the range shown"),
    "timeline.legend.more": ("còn mốc khác trong quý", "more marks in the quarter"),
    "timeline.empty": ("không có nhiệm vụ nào khớp điều kiện lọc", "no task matches the filters"),
    "timeline.range": ("--from {first} nằm sau --to {last}", "--from {first} is after --to {last}"),
    "timeline.too_wide": ("{n} quý không vừa {width} cột", "{n} quarters do not fit in {width} columns"),
    "timeline.too_wide.hint": ("thu hẹp --from/--to, hoặc đặt COLUMNS lớn hơn",
                               "narrow --from/--to, or set a larger COLUMNS"),
    "dash.title": ("Tình hình thực hiện Quyết định {number}", "Progress of Decision {number}"),
    "dash.counts": ("{tasks} nhiệm vụ · {late} mốc trễ hạn", "{tasks} tasks · {late} late milestones"),
    "dash.overdue": ("Mốc trễ hạn ({n})", "Late milestones ({n})"),
    "dash.overdue.none": ("Không có mốc nào trễ hạn.", "No milestone is late."),
    "dash.progress": ("Tiến độ theo chương trình", "Progress by programme"),
    "dash.timeline": ("Biểu đồ thời gian", "Timeline"),
    "dash.col.task": ("Mã", "Id"),
    "dash.col.title": ("Nhiệm vụ", "Task"),
    "dash.col.lead": ("Chủ trì", "Lead"),
    "dash.col.due": ("Thời hạn", "Due"),
    "dash.col.days": ("Trễ (ngày)", "Days late"),
    "dash.col.status": ("Tình trạng", "Status"),
    "dash.col.program": ("CT", "Prog."),
    "dash.col.program_title": ("Chương trình", "Programme"),
    "dash.col.bar": ("Tiến độ", "Progress"),
    "dash.col.done": ("Xong", "Done"),
    "dash.col.due_now": ("Đến hạn", "Due"),
    "dash.col.late": ("Trễ", "Late"),
    "dash.col.share": ("Tỷ lệ xong", "Share done"),
    "dash.col.duties": ("Thường xuyên / định kỳ", "Ongoing / recurring"),
    "dash.bar.label": ("đã xong {done} trên {total} mốc", "{done} of {total} milestones done"),
    "dash.bar.rest": ("chưa xong, chưa trễ", "not done, not late"),
    "dash.status.not-started": ("chưa bắt đầu", "not started"),
    "dash.status.in-progress": ("đang làm", "in progress"),
    "dash.status.blocked": ("vướng mắc", "blocked"),
    "dash.status.done": ("đã xong", "done"),
    "dash.status.dropped": ("đã bỏ", "dropped"),
    "dash.footer": ("Lập ngày {made} bằng hoinhap — {issuer}", "Made on {made} with hoinhap — {issuer}"),
    "dash.written": ("đã ghi {file} ({late} mốc trễ hạn)", "wrote {file} ({late} late milestones)"),
    "dash.exists": ("{file} đã có: không ghi đè", "{file} exists: not overwriting it"),
    "dash.exists.hint": ("thêm --force để ghi đè, hoặc chọn tên khác", "add --force to overwrite, or choose another name"),
    "dash.no_dir": ("không có thư mục {dir}", "no folder {dir}"),
}


def lang_from_env(option: str | None) -> str:
    value = (option or os.environ.get("HOINHAP_LANG") or "vi").lower()
    return "en" if value.startswith("en") else "vi"


def t(key: str, lang: str, **values: object) -> str:
    vi, en = MESSAGES[key]
    return (en if lang == "en" else vi).format(**values)
