"""`--help` in Vietnamese: the commands' help is written in English in their source (docstrings,
option help); this catalogue gives each text's Vietnamese, looked up when help is formatted
(cli/group.py). Keys are the English texts with their whitespace squeezed. It imports nothing:
`hoinhap --help` stays as light as typer alone.

A text missing here prints in English inside Vietnamese help; tests/test_language.py fails
then, naming it.
"""

from __future__ import annotations

import re

FRAME = {  # click's and typer's own words
    "Usage: ": "Cách dùng: ",
    "Options": "Tùy chọn",
    "Arguments": "Đối số",
    "Commands": "Lệnh",
    "Example:": "Ví dụ:",
    "default": "mặc định",
    "required": "bắt buộc",
    "env var": "biến môi trường",
    "Show this message and exit.": "Hiện trợ giúp này rồi thoát.",
    "Install completion for the current shell.": "Cài gợi ý lệnh (Tab) cho shell đang dùng.",
    "Show completion for the current shell, to copy it or customize the installation.":
        "In đoạn gợi ý lệnh cho shell đang dùng, để chép hoặc tự cài.",
    "# exit 1: something is late": "# mã thoát 1: có việc trễ hạn",
    "# exit 1": "# mã thoát 1",
    "# exit 1 when something changed": "# mã thoát 1 khi có thay đổi",
}

VI: dict[str, str] = {
    # hoinhap
    "Read and validate every file again; do not use or fill the cache.":
        "Đọc và kiểm tra lại mọi tệp; không dùng, không ghi bộ nhớ đệm.",
    "A task ledger for Decision 02/2008/QĐ-UBND of District 2 (international economic integration).":
        "Sổ theo dõi nhiệm vụ — Quyết định 02/2008/QĐ-UBND (hội nhập kinh tế quốc tế, Quận 2).",
    # shared options
    "Data folder holding plan.yaml and reports/ (default: data/ here or above, then $HOINHAP_DATA, "
    "then the bundled plan).":
        "Thư mục dữ liệu chứa plan.yaml và reports/ (mặc định: data/ ở đây hoặc thư mục cha, rồi "
        "$HOINHAP_DATA, rồi kế hoạch kèm theo gói).",
    "Language of the output (default vi, or $HOINHAP_LANG).": "Ngôn ngữ hiển thị (mặc định vi, hoặc $HOINHAP_LANG).",
    "No colour, even in a terminal.": "Không tô màu, kể cả trong terminal.",
    "Judge as of this date, YYYY-MM-DD (default today, or $HOINHAP_TODAY).":
        "Xét tại ngày này, YYYY-MM-DD (mặc định hôm nay, hoặc $HOINHAP_TODAY).",
    "table (for people), json (the objects of docs/json-contract.md), csv (UTF-8, header row) or md (GitHub table).":
        "table (để đọc), json (các đối tượng của docs/json-contract.md), csv (UTF-8, có dòng tiêu đề) "
        "hoặc md (bảng GitHub).",
    "CSV: start with a byte-order mark, so Excel reads UTF-8.": "CSV: thêm BOM ở đầu để Excel đọc đúng UTF-8.",
    "Table: every column, long texts not shortened.": "Bảng: hiện mọi cột, không rút gọn văn bản dài.",
    "A unit by id, name or alias, diacritics optional ('qldt', 'phong kinh te', 'Cát Lái'); repeat for any of "
    "several. A ward also matches its group's tasks.":
        "Một đơn vị theo mã, tên hoặc tên gọi khác, có dấu hay không đều được ('qldt', 'phong kinh te', "
        "'Cát Lái'); lặp lại để chọn nhiều đơn vị. Một phường cũng khớp các nhiệm vụ giao cho nhóm của nó.",
    "With --unit: lead, support or any.": "Cùng --unit: lead (chủ trì), support (phối hợp) hoặc any (bất kỳ).",
    "A programme, section or task and its sub-tasks: 3, 3.2, 2.10.":
        "Một chương trình, mục hoặc nhiệm vụ và các nhiệm vụ con: 3, 3.2, 2.10.",
    "Falls due on or before DATE (YYYY-MM-DD).": "Đến hạn vào hoặc trước ngày DATE (YYYY-MM-DD).",
    "Falls due on or after DATE (YYYY-MM-DD).": "Đến hạn vào hoặc sau ngày DATE (YYYY-MM-DD).",
    "Falls due within 2009, 2009-Q3, 2009-H1 or DATE..DATE.": "Đến hạn trong 2009, 2009-Q3, 2009-H1 hoặc NGÀY..NGÀY.",
    "Due filters: ongoing tasks ('Thường xuyên') match every window.":
        "Lọc theo hạn: nhiệm vụ thường xuyên khớp mọi khoảng thời gian.",
    "Due filters: event-bound tasks whose event is not yet recorded match every window.":
        "Lọc theo hạn: nhiệm vụ chờ sự kiện chưa được ghi nhận khớp mọi khoảng thời gian.",
    "Due filters: leave out recurring duties (every quarter/year).":
        "Lọc theo hạn: bỏ các việc định kỳ (hằng quý/hằng năm).",
    "Words to find, diacritics optional ('cum cong nghiep').":
        "Từ cần tìm, có dấu hay không đều được ('cum cong nghiep').",
    "Only tasks whose latest reported status is this: not-started, in-progress, done, blocked, dropped (or chưa "
    "thực hiện, đang thực hiện, hoàn thành, vướng mắc, hủy bỏ); repeat for any of several.":
        "Chỉ các nhiệm vụ có tình trạng báo cáo gần nhất là: chưa thực hiện, đang thực hiện, hoàn thành, "
        "vướng mắc, hủy bỏ (hoặc not-started, in-progress, done, blocked, dropped); lặp lại để chọn nhiều.",
    "id (natural order) or due (next due date first).": "id (theo số thứ tự) hoặc due (hạn gần nhất trước).",
    # check
    "Validate plan.yaml and the report files; print every problem as file:line:column.":
        "Kiểm tra plan.yaml và các tệp báo cáo; in mọi lỗi dưới dạng tệp:dòng:cột.",
    "Warnings count as problems too.": "Cảnh báo cũng tính là lỗi.",
    "text or json.": "text hoặc json.",
    "Exit 0 when valid, 1 when problems were found (with --strict, warnings too), 2 when the options are wrong.":
        "Mã thoát 0 khi hợp lệ, 1 khi có lỗi (với --strict, cả cảnh báo), 2 khi tùy chọn sai.",
    # export
    "Print the whole validated plan (decision, programmes, units, tasks) as JSON or YAML.":
        "In toàn bộ kế hoạch đã kiểm tra (quyết định, chương trình, đơn vị, nhiệm vụ) dạng JSON hoặc YAML.",
    "json or yaml.": "json hoặc yaml.",
    "The JSON is a documented contract: see docs/json-contract.md.":
        "JSON tuân theo một quy ước đã công bố: xem docs/json-contract.md.",
    # tasks
    "List tasks by unit, role, programme, deadline and words (filters combine).":
        "Liệt kê nhiệm vụ theo đơn vị, vai trò, chương trình, thời hạn và từ khóa (các bộ lọc kết hợp).",
    "Due filters: a task matches when one of its milestones falls due in the window. Recurring duties match when "
    "one occurrence ends in it (--no-recurring leaves them out); event-bound tasks once their event is recorded "
    "(--include-pending: before that too); ongoing tasks only with --include-ongoing; tasks without a time never.":
        "Lọc theo hạn: một nhiệm vụ khớp khi có mốc đến hạn trong khoảng. Việc định kỳ khớp khi một lần kết thúc "
        "trong khoảng (--no-recurring bỏ chúng); việc chờ sự kiện khớp khi sự kiện đã được ghi nhận "
        "(--include-pending: cả trước đó); việc thường xuyên chỉ với --include-ongoing; việc không có thời hạn "
        "không bao giờ khớp.",
    "Status: the latest entry reported for the task (`hoinhap record`); none means chưa thực hiện.":
        "Tình trạng: mục báo cáo gần nhất của nhiệm vụ (`hoinhap record`); chưa có nghĩa là chưa thực hiện.",
    # show
    "Show everything about one task, and its reported progress.":
        "Mọi thông tin về một nhiệm vụ và tiến độ đã báo cáo.",
    "The task's number, loosely: 2.10, 2,10, 3.2.4A.": "Số thứ tự nhiệm vụ, viết thoải mái: 2.10, 2,10, 3.2.4A.",
    "table (text), json or md.": "table (văn bản), json hoặc md.",
    'JSON is the task object of docs/json-contract.md with "status" and "history" added.':
        'JSON là đối tượng nhiệm vụ của docs/json-contract.md, thêm "status" và "history".',
    # units
    "List units with how many tasks each leads and supports.":
        "Liệt kê các đơn vị và số nhiệm vụ mỗi đơn vị chủ trì, phối hợp.",
    "phòng, ban, ubnd phường, nhóm, … (diacritics optional).":
        "phòng, ban, ubnd phường, nhóm, … (có dấu hay không đều được).",
    "plan (the document's order) or name (Vietnamese alphabetical: a ă â b c d đ …).":
        "plan (theo thứ tự văn bản) hoặc name (theo bảng chữ cái tiếng Việt: a ă â b c d đ …).",
    "Add the open milestones each unit carries as of --as-of: as lead, late among them, via a group.":
        "Thêm các mốc chưa xong mỗi đơn vị đang gánh tại ngày --as-of: chủ trì, số trễ hạn, qua nhóm.",
    '"Chủ trì"/"Phối hợp" count tasks naming the unit itself; "Qua nhóm" counts tasks that reach it only through '
    'a group it belongs to (a ward through "UBND 11 phường").':
        '"Chủ trì"/"Phối hợp" đếm các nhiệm vụ nêu chính đơn vị; "Qua nhóm" đếm các nhiệm vụ chỉ đến đơn vị qua '
        'một nhóm mà nó thuộc về (một phường qua "UBND 11 phường").',
    "--show-load adds, as of --as-of, the open milestones (not done, not dropped; ongoing duties included, "
    "periodic reports are in `hoinhap reports`) each unit leads, how many of those are late, and those it "
    'carries only through a group it belongs to (a ward through "UBND 11 phường").':
        "--show-load thêm, tại ngày --as-of, các mốc chưa xong (chưa hoàn thành, chưa hủy; kể cả việc thường "
        "xuyên, báo cáo định kỳ xem ở `hoinhap reports`) mỗi đơn vị chủ trì, bao nhiêu mốc trong đó đã trễ, "
        'và các mốc đơn vị chỉ gánh qua một nhóm mà nó thuộc về (một phường qua "UBND 11 phường").',
    # programs
    "List programmes and sections: tasks, milestones, and a progress bar (done / due / late).":
        "Liệt kê chương trình và mục: nhiệm vụ, mốc và thanh tiến độ (xong / đến hạn / trễ).",
    "The bar reads without colour: █ done, ▒ late, ░ not done and not yet late; then the share done. JSON carries "
    'the counts only ("progress": {total, done, due, late, ongoing, dropped, share_done}).':
        "Thanh đọc được không cần màu: █ đã xong, ▒ trễ hạn, ░ chưa xong và chưa trễ; rồi tỷ lệ hoàn thành. JSON "
        'chỉ mang các con số ("progress": {total, done, due, late, ongoing, dropped, share_done}).',
    # record
    "Record progress on a task: one entry appended to reports/<quarter>/<unit>.yaml.":
        "Ghi tiến độ một nhiệm vụ: thêm một mục vào reports/<quý>/<đơn-vị>.yaml.",
    "The task, e.g. 2.10 (2,10 works too).": "Nhiệm vụ, ví dụ 2.10 (viết 2,10 cũng được).",
    "not-started, in-progress, done, blocked, dropped — or chưa thực hiện, đang thực hiện, hoàn thành, vướng mắc, "
    "hủy bỏ (diacritics optional).":
        "chưa thực hiện, đang thực hiện, hoàn thành, vướng mắc, hủy bỏ (có dấu hay không đều được) — hoặc "
        "not-started, in-progress, done, blocked, dropped.",
    "Milestone number (from 1); default: the whole task.": "Số thứ tự mốc (từ 1); mặc định: cả nhiệm vụ.",
    "YYYY-MM-DD (default: today).": "YYYY-MM-DD (mặc định: hôm nay).",
    "Unit id, name or alias (default: the task's first lead unit).":
        "Mã, tên hoặc tên gọi khác của đơn vị (mặc định: đơn vị chủ trì đầu tiên của nhiệm vụ).",
    "Free text; kept exactly (NFC).": "Văn bản tự do; giữ nguyên (NFC).",
    "Why: required for blocked and dropped.": "Lý do: bắt buộc khi vướng mắc hoặc hủy bỏ.",
    "A document reference, e.g. a decision number.": "Văn bản làm căn cứ, ví dụ số quyết định.",
    "Accept a unit that neither leads nor supports the task; the entry says forced: true.":
        "Chấp nhận đơn vị không chủ trì, không phối hợp nhiệm vụ; mục ghi forced: true.",
    "Record an awaited event instead (same as `hoinhap event`).":
        "Ghi nhận một sự kiện đang chờ thay vì tiến độ (như `hoinhap event`).",
    # event
    "Record that an awaited event happened (stored in the standing agency's quarterly report).":
        "Ghi nhận một sự kiện đang chờ đã xảy ra (lưu trong báo cáo quý của cơ quan thường trực).",
    "An event id from the plan's events:.": "Mã sự kiện trong mục events: của kế hoạch.",
    "The day it happened (YYYY-MM-DD).": "Ngày sự kiện xảy ra (YYYY-MM-DD).",
    # submit
    "Mark a unit's report for a quarter as submitted (sets submitted: DATE in its file).":
        "Đánh dấu báo cáo quý của một đơn vị là đã nộp (ghi submitted: NGÀY trong tệp).",
    "Unit id, name or alias.": "Mã, tên hoặc tên gọi khác của đơn vị.",
    "The quarter reported on.": "Quý được báo cáo.",
    "Day it was submitted (default: today).": "Ngày nộp (mặc định: hôm nay).",
    # log
    "List recorded progress entries, oldest first (by date, then order in the files).":
        "Liệt kê các mục tiến độ đã ghi, cũ nhất trước (theo ngày, rồi theo thứ tự trong tệp).",
    "Only this unit (id, name or alias).": "Chỉ đơn vị này (mã, tên hoặc tên gọi khác).",
    "Only this task.": "Chỉ nhiệm vụ này.",
    "From this day (YYYY-MM-DD).": "Từ ngày này (YYYY-MM-DD).",
    "To this day, inclusive.": "Đến hết ngày này.",
    "table, json, csv or md.": "table, json, csv hoặc md.",
    # overdue
    "List what is late: milestones and reports due before the as-of date, not done or dropped.":
        "Liệt kê việc trễ hạn: mốc và báo cáo đến hạn trước ngày xét, chưa hoàn thành hay hủy bỏ.",
    "One list per unit or programme, or none.": "Một danh sách cho mỗi đơn vị hoặc chương trình, hoặc không chia.",
    "Hide the ongoing tasks with no recent update.": "Ẩn các việc thường xuyên không có cập nhật gần đây.",
    'Exit 0 when nothing is late, 1 when something is, 2 for usage errors or unreadable data. Rules per deadline '
    'kind: README, "Trễ hạn / overdue"; JSON: docs/json-contract.md.':
        'Mã thoát 0 khi không có gì trễ, 1 khi có việc trễ, 2 khi dùng sai hoặc dữ liệu không đọc được. Quy tắc '
        'theo từng loại thời hạn: README, "Trễ hạn / overdue"; JSON: docs/json-contract.md.',
    # upcoming
    "List what falls due soon: open milestones and reports due from the as-of date to as-of + within.":
        "Liệt kê việc sắp đến hạn: mốc và báo cáo chưa xong đến hạn từ ngày xét đến ngày xét + khoảng --within.",
    "How far ahead: days, weeks, months (30 d), quarters (91 d), years.":
        "Xem trước bao xa: ngày, tuần, tháng (30 ngày), quý (91 ngày), năm.",
    # summary
    "The periodic review: per programme and per lead unit, what fell due, what is done, what is late.":
        "Báo cáo sơ kết định kỳ: theo chương trình và đơn vị chủ trì, việc đến hạn, đã xong, trễ hạn.",
    "The review period: a quarter, a half, a year (or FROM..TO).":
        "Kỳ báo cáo: một quý, nửa năm, một năm (hoặc TỪ..ĐẾN).",
    "Judge as of this date (default: the day after the period, or today if sooner).":
        "Xét tại ngày này (mặc định: ngày sau khi hết kỳ, hoặc hôm nay nếu sớm hơn).",
    "table, md or json.": "table, md hoặc json.",
    "Write to FILE (atomically) instead of stdout.": "Ghi vào tệp FILE (trọn vẹn một lần) thay vì in ra.",
    "With --out: replace FILE if it exists.": "Cùng --out: thay tệp FILE nếu đã có.",
    "--format md is a Vietnamese document ready to paste into the standing agency's report.":
        "--format md là văn bản tiếng Việt sẵn để dán vào báo cáo của cơ quan thường trực.",
    # timeline
    "Show the plan as a chart: quarters across, one row per task, each milestone where it falls.":
        "Vẽ kế hoạch thành biểu đồ: các quý theo chiều ngang, mỗi nhiệm vụ một dòng, mỗi mốc đặt đúng chỗ.",
    "First quarter shown (default: the plan's first, 2008-Q1).":
        "Quý đầu tiên hiện (mặc định: quý đầu của kế hoạch, 2008-Q1).",
    "Last quarter shown (default: the plan's last, 2010-Q4).":
        "Quý cuối cùng hiện (mặc định: quý cuối của kế hoạch, 2010-Q4).",
    "Marks read without colour: ✔ done, ▶ in progress, ✖ late, ○ upcoming, ─ span, ≈ ongoing, ↻ recurring, ◷ "
    "waiting for an event; ┊ marks the as-of date. Fits $COLUMNS (default 100).":
        "Ký hiệu đọc được không cần màu: ✔ đã xong, ▶ đang thực hiện, ✖ trễ hạn, ○ sắp đến, ─ khoảng thời gian, "
        "≈ thường xuyên, ↻ định kỳ, ◷ chờ sự kiện; ┊ đánh dấu ngày xét. Vừa $COLUMNS (mặc định 100).",
    # dashboard
    "Write one self-contained HTML page: late milestones, progress per programme, the timeline.":
        "Ghi một trang HTML độc lập: mốc trễ hạn, tiến độ theo chương trình, biểu đồ thời gian.",
    "The page to write.": "Trang cần ghi.",
    "Overwrite FILE if it exists.": "Ghi đè tệp FILE nếu đã có.",
    "No network, no scripts; prints on A4. Refuses to overwrite FILE unless --force.":
        "Không cần mạng, không có script; in vừa khổ A4. Không ghi đè FILE trừ khi có --force.",
    # diff
    "Show what changed in substance in plan.yaml between two git revisions (or two files).":
        "Cho biết nội dung plan.yaml thay đổi gì giữa hai phiên bản git (hoặc hai tệp).",
    "Default: HEAD.": "Mặc định: HEAD.",
    "Default: the working copy of plan.yaml.": "Mặc định: bản plan.yaml đang sửa.",
    "Compare two plan files instead of git revisions.": "So sánh hai tệp kế hoạch thay vì hai phiên bản git.",
    "Tasks added, removed or renumbered; deadlines moved; lead and support units added or removed; titles, "
    "products and notes edited (a word diff); units renamed or given aliases. Formatting, comments and order are "
    "not changes. Exit 0 when nothing changed in substance, 1 when something did, 2 when a revision or a plan "
    "cannot be read.":
        "Nhiệm vụ thêm, bỏ hoặc đổi số; thời hạn dời; đơn vị chủ trì, phối hợp thêm hoặc bỏ; nội dung, sản phẩm "
        "và ghi chú sửa (so từng từ); đơn vị đổi tên hoặc thêm tên gọi khác. Định dạng, chú thích và thứ tự "
        "không tính là thay đổi. Mã thoát 0 khi nội dung không đổi, 1 khi có thay đổi, 2 khi không đọc được một "
        "phiên bản hoặc một kế hoạch.",
    # schema
    "Print the JSON Schema of plan.yaml or of a report file (generated from the models).":
        "In JSON Schema của plan.yaml hoặc của tệp báo cáo (sinh từ mô hình dữ liệu).",
    "plan (plan.yaml) or report (a report file).": "plan (plan.yaml) hoặc report (một tệp báo cáo).",
    "Editors validate and complete plan.yaml from it: data/plan.yaml's first line points to "
    "schema/plan.schema.json. Refresh the committed copies after changing the models.":
        "Trình soạn thảo dùng nó để kiểm tra và gợi ý khi sửa plan.yaml: dòng đầu của data/plan.yaml trỏ tới "
        "schema/plan.schema.json. Cập nhật các bản đã commit sau khi đổi mô hình dữ liệu.",
    # init
    "Create a new ledger in DIR: data/plan.yaml, data/reports/, schema/, README.md, .gitattributes.":
        "Tạo sổ theo dõi mới trong DIR: data/plan.yaml, data/reports/, schema/, README.md, .gitattributes.",
    "Folder of the new ledger (created if missing).": "Thư mục của sổ mới (tạo nếu chưa có).",
    "The plan is the bundled Decision 02/2008/QĐ-UBND. Nothing is overwritten: if any of these files exists, "
    "nothing is written and the exit code is 2.":
        "Kế hoạch là Quyết định 02/2008/QĐ-UBND kèm theo gói. Không ghi đè gì: nếu một trong các tệp này đã có, "
        "không ghi gì cả và mã thoát là 2.",
}

_SUFFIX = re.compile(r"\s+\[([^\]]*)\]\s*$")


def text(english: str, lang: str) -> str:
    """A whole help text (paragraphs apart; an example paragraph kept but for its labels)."""
    if lang == "en" or not english:
        return english
    return "\n\n".join(_paragraph(p) for p in english.split("\n\n"))


def option(english: str, lang: str) -> str:
    """An option's help, with typer's "[default: …]"-style suffix worded too."""
    if lang == "en" or not english:
        return english
    found = _SUFFIX.search(english)
    body, suffix = (english[:found.start()], found.group(1)) if found else (english, "")
    worded = _paragraph(body)
    if suffix:
        parts = [_label(part) for part in suffix.split("; ")]
        worded += "  [" + "; ".join(parts) + "]"
    return worded


def frame(english: str, lang: str) -> str:
    """One of click's own words ("Options", "Usage: ")."""
    return english if lang == "en" else FRAME.get(english, english)


def _paragraph(english: str) -> str:
    if english.lstrip().startswith("\b"):  # examples: commands stay, labels and comments are worded
        lines = english.split("\n")
        return "\n".join(_example(line) for line in lines)
    key = " ".join(english.split())
    return VI.get(key) or FRAME.get(key) or english


def _example(line: str) -> str:
    line = line.replace("Example:", FRAME["Example:"])
    head, sep, comment = line.partition("  #")
    return head + ("  " + FRAME.get("#" + comment, "#" + comment) if sep else "")


def _label(part: str) -> str:
    name, sep, value = part.partition(": ")
    return FRAME.get(name, name) + (": " + value if sep else "")
