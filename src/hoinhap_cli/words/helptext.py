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
    "[OPTIONS]": "[TÙY CHỌN]",  # the usage line's placeholders
    "COMMAND": "LỆNH",
    "[ARGS]...": "[THAM SỐ]...",
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
    "Words to find, all of them, in any order, diacritics optional ('cho sieu thi'): in the task, its products "
    "and notes, and the notes, reasons and evidence recorded for it.":
        "Từ cần tìm, đủ mọi từ, theo thứ tự bất kỳ, có dấu hay không đều được ('cho sieu thi'): trong nội dung "
        "nhiệm vụ, sản phẩm và ghi chú của nó, cùng ghi chú, lý do và căn cứ đã ghi cho nó.",
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
    "Every problem of every file in one pass, by file and line. Exit 0 when valid, 1 when problems were found "
    "(with --strict, warnings too; plan.yaml's `acknowledged:` accepts known warnings), 2 when the options are "
    "wrong.":
        "Mọi lỗi của mọi tệp trong một lượt, theo tệp và dòng. Mã thoát 0 khi hợp lệ, 1 khi có lỗi (với "
        "--strict, cả cảnh báo; mục `acknowledged:` của plan.yaml chấp nhận các cảnh báo đã biết), 2 khi tùy "
        "chọn sai.",
    # export
    "Print the whole validated plan (decision, programmes, units, reporting regime, tasks) as JSON or YAML.":
        "In toàn bộ kế hoạch đã kiểm tra (quyết định, chương trình, đơn vị, chế độ báo cáo, nhiệm vụ) dạng JSON "
        "hoặc YAML.",
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
    "Status: from each milestone's entries (`hoinhap record`): done when every lead unit has said done; "
    '"1/2 đơn vị xong" while some have not; none means chưa thực hiện. Updated: the last entry\'s date.':
        "Tình trạng: từ các mục đã ghi cho từng mốc (`hoinhap record`): hoàn thành khi mọi đơn vị chủ trì đã báo "
        'hoàn thành; "1/2 đơn vị xong" khi còn đơn vị chưa xong; chưa có mục nào là chưa thực hiện. Cập nhật: '
        "ngày của mục gần nhất.",
    # show
    "Show everything about one task, and its reported progress.":
        "Mọi thông tin về một nhiệm vụ và tiến độ đã báo cáo.",
    "The task's number, loosely: 2.10, 2,10, 3.2.4A.": "Số thứ tự nhiệm vụ, viết thoải mái: 2.10, 2,10, 3.2.4A.",
    "table (text), json or md.": "table (văn bản), json hoặc md.",
    "Status: a milestone is done when every lead unit has reported it done (a group's wards each count); each "
    "lead's latest status, and supporting units' entries, are listed. JSON is the task object of "
    'docs/json-contract.md with the status keys and "history" added.':
        "Tình trạng: một mốc hoàn thành khi mọi đơn vị chủ trì đã báo hoàn thành (mỗi phường của một nhóm đều "
        "tính); liệt kê tình trạng gần nhất của từng đơn vị chủ trì và các mục của đơn vị phối hợp. JSON là đối "
        'tượng nhiệm vụ của docs/json-contract.md, thêm các khóa tình trạng và "history".',
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
    "Milestone number (from 1); default: the earliest dated milestone still open for the unit (said on "
    "stderr), the whole task when it has one milestone.":
        "Số thứ tự mốc (từ 1); mặc định: mốc có hạn sớm nhất mà đơn vị chưa xong (báo trên stderr), cả nhiệm vụ "
        "khi nhiệm vụ chỉ có một mốc.",
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
    "Record that a unit sent a report for a period (a quarter's sets submitted: DATE in its file).":
        "Ghi nhận một đơn vị đã gửi báo cáo của một kỳ (báo cáo quý: ghi submitted: NGÀY trong tệp của đơn vị).",
    "Unit id, name or alias.": "Mã, tên hoặc tên gọi khác của đơn vị.",
    "The period reported on: a quarter, a half or a year.": "Kỳ được báo cáo: một quý, nửa năm hoặc một năm.",
    "The document's number, e.g. 15/BC-KT.": "Số văn bản, ví dụ 15/BC-KT.",
    "The reporting duty (plan.yaml reporting:), if not the unit's own for this kind of period.":
        "Nghĩa vụ báo cáo (mục reporting: của plan.yaml), nếu không phải nghĩa vụ của chính đơn vị cho loại kỳ này.",
    "The same document also answers the yearly report (a Q4 or second-half report).":
        "Văn bản này cũng là báo cáo năm (báo cáo quý IV hoặc 6 tháng cuối năm).",
    "A quarter is the unit's quarterly report; a year (or --duty) any other duty of plan.yaml `reporting:`, kept "
    "under submissions: in the unit's file of that period's last quarter.":
        "Một quý là báo cáo quý của đơn vị; một năm (hoặc --duty) là nghĩa vụ khác trong `reporting:` của "
        "plan.yaml, lưu ở mục submissions: trong tệp của đơn vị cho quý cuối của kỳ đó.",
    "Day it was submitted (default: today).": "Ngày nộp (mặc định: hôm nay).",
    # reports
    "List who must report what to whom, and who did: units across periods, per reporting duty.":
        "Liệt kê ai phải báo cáo gì cho ai, và ai đã nộp: các đơn vị theo từng kỳ, theo từng nghĩa vụ báo cáo.",
    "Only the reports of periods inside this one (default: every period begun by the as-of date).":
        "Chỉ báo cáo của những kỳ nằm trong kỳ này (mặc định: mọi kỳ đã bắt đầu tính đến ngày xét).",
    "Only this unit's reports (id, name or alias).": "Chỉ báo cáo của đơn vị này (mã, tên hoặc tên gọi khác).",
    'The duties come from plan.yaml `reporting:` (docs/plan-format.md). A cell says "đã nộp 05/4", "nộp trễ 9 '
    'ngày", "chưa nộp" or "chưa đến hạn". Exit 0 when no report is missing, 1 when one is (due before the as-of '
    "date and not sent by then), 2 for usage errors or unreadable data.":
        'Các nghĩa vụ lấy từ `reporting:` của plan.yaml (docs/plan-format.md). Mỗi ô ghi "đã nộp 05/4", "nộp trễ '
        '9 ngày", "chưa nộp" hoặc "chưa đến hạn". Mã thoát 0 khi không thiếu báo cáo nào, 1 khi thiếu (đến hạn '
        "trước ngày xét mà đến ngày đó chưa gửi), 2 khi dùng sai hoặc dữ liệu không đọc được.",
    # forms
    "Write the quarter's forms: one .xlsx per reporting unit, to fill in and send back (see collect).":
        "Ghi các biểu mẫu của quý: mỗi đơn vị báo cáo một tệp .xlsx, để điền rồi gửi lại (xem collect).",
    "The quarter the forms report on, e.g. 2009-Q2.": "Quý mà biểu mẫu báo cáo, ví dụ 2009-Q2.",
    "Folder to write the forms in (made if missing).": "Thư mục ghi biểu mẫu (tạo nếu chưa có).",
    "Overwrite forms already in DIR.": "Ghi đè các biểu mẫu đã có trong DIR.",
    "Each form lists the milestones of the tasks the unit leads or supports, with cells to fill (status, date, "
    "note, reason, evidence) and a cell that makes it the unit's report for the quarter. Without --unit: every "
    "unit that must report (programme 8) and every other unit that leads or supports a task. Existing files in "
    "DIR are kept unless --force.":
        "Mỗi biểu mẫu liệt kê các mốc của những nhiệm vụ đơn vị chủ trì hoặc phối hợp, với các ô cần điền (tình "
        "trạng, ngày, ghi chú, lý do, căn cứ) và một ô để biểu mẫu thành báo cáo quý của đơn vị. Không có "
        "--unit: mọi đơn vị phải báo cáo (chương trình 8) và mọi đơn vị khác chủ trì hoặc phối hợp một nhiệm vụ. "
        "Các tệp đã có trong DIR được giữ nguyên trừ khi có --force.",
    # collect
    "Read returned forms into reports/<quarter>/<unit>.yaml; a form already collected adds nothing.":
        "Đọc các biểu mẫu gửi lại vào reports/<quý>/<đơn-vị>.yaml; biểu mẫu đã thu rồi thì không thêm gì.",
    "Returned forms (from `forms`).": "Các biểu mẫu gửi lại (do `forms` tạo).",
    "Refuse forms for another quarter.": "Từ chối biểu mẫu của quý khác.",
    "Refuse forms of another unit.": "Từ chối biểu mẫu của đơn vị khác.",
    "Show what would be recorded; write nothing.": "Cho biết những gì sẽ được ghi; không ghi gì.",
    "Each form is checked whole: a refused one writes nothing (one line per problem, FILE.xlsx!CELL: …) and the "
    "others are still read. Exit 0 when every form was read, 2 when one or more were refused.":
        "Mỗi biểu mẫu được kiểm tra trọn vẹn: biểu mẫu bị từ chối không ghi gì (mỗi lỗi một dòng, "
        "FILE.xlsx!CELL: …) và các biểu mẫu khác vẫn được đọc. Mã thoát 0 khi đọc được mọi biểu mẫu, 2 khi có "
        "biểu mẫu bị từ chối.",
    # log
    "List recorded progress entries, oldest first (by date, then order in the files).":
        "Liệt kê các mục tiến độ đã ghi, cũ nhất trước (theo ngày, rồi theo thứ tự trong tệp).",
    "Only this unit (id, name or alias).": "Chỉ đơn vị này (mã, tên hoặc tên gọi khác).",
    "Only this task.": "Chỉ nhiệm vụ này.",
    "From this day (YYYY-MM-DD).": "Từ ngày này (YYYY-MM-DD).",
    "To this day, inclusive.": "Đến hết ngày này.",
    "table, json, csv or md.": "table, json, csv hoặc md.",
    "With each entry its evidence (Căn cứ); recorded events show as ⚑ EVENT and submitted quarterly reports as "
    "✉ QUARTER (not with --task).":
        "Kèm căn cứ (Căn cứ) của từng mục; sự kiện đã ghi nhận hiện là ⚑ MÃ_SỰ_KIỆN và báo cáo quý đã nộp là "
        "✉ QUÝ (không hiện khi có --task).",
    # overdue
    "List what is late: task milestones, then the reporting periods with reports not sent.":
        "Liệt kê việc trễ hạn: các mốc nhiệm vụ, rồi các kỳ báo cáo còn đơn vị chưa nộp.",
    "Late reports: one row per unit, or hidden (default: one line per period).":
        "Báo cáo trễ hạn: mỗi đơn vị một dòng, hoặc ẩn đi (mặc định: mỗi kỳ một dòng).",
    "One list per unit or programme, or none.": "Một danh sách cho mỗi đơn vị hoặc chương trình, hoặc không chia.",
    "Hide the ongoing tasks with no recent update.": "Ẩn các việc thường xuyên không có cập nhật gần đây.",
    'Late reports follow the tasks, one line per period ("Báo cáo quý I/2009: 12/29 đơn vị chưa nộp"); '
    "--reports lists them one row per unit, --no-reports hides them; with --program they are left out (reports "
    "belong to no programme). Exit 0 when nothing is late, 1 when a task or a report is (hidden or not), 2 for "
    'usage errors or unreadable data. Rules per deadline kind: README, "Trễ hạn / overdue"; JSON: '
    "docs/json-contract.md.":
        'Báo cáo trễ hạn hiện sau các nhiệm vụ, mỗi kỳ một dòng ("Báo cáo quý I/2009: 12/29 đơn vị chưa nộp"); '
        "--reports liệt kê mỗi đơn vị một dòng, --no-reports ẩn chúng; có --program thì không hiện (báo cáo "
        "không thuộc chương trình nào). Mã thoát 0 khi không có gì trễ, 1 khi có nhiệm vụ hoặc báo cáo trễ (dù "
        'ẩn hay không), 2 khi dùng sai hoặc dữ liệu không đọc được. Quy tắc theo từng loại thời hạn: README, '
        '"Trễ hạn / overdue"; JSON: docs/json-contract.md.',
    # upcoming
    "List what falls due soon: open task milestones due from the as-of date to as-of + within.":
        "Liệt kê việc sắp đến hạn: các mốc nhiệm vụ chưa xong đến hạn từ ngày xét đến ngày xét + khoảng --within.",
    "How far ahead: days, weeks, months (30 d), quarters (91 d), years.":
        "Xem trước bao xa: ngày, tuần, tháng (30 ngày), quý (91 ngày), năm.",
    # summary
    "The periodic review: every task active in the period, its status, what changed, and the reports.":
        "Báo cáo sơ kết định kỳ: mọi nhiệm vụ đang thực hiện trong kỳ, tình trạng, những gì thay đổi, và tình "
        "hình báo cáo.",
    "table, md, json, or docx (a Word document; needs --out).": "table, md, json hoặc docx (văn bản Word; cần --out).",
    "docx: the document's number (blank to fill by hand).": "docx: số văn bản (để trống để điền tay).",
    "docx: the document's date (default: --as-of, else today).":
        "docx: ngày văn bản (mặc định: ngày --as-of, nếu không có thì hôm nay).",
    "The review period: a quarter, a half, a year (or FROM..TO).":
        "Kỳ báo cáo: một quý, nửa năm, một năm (hoặc TỪ..ĐẾN).",
    "The day the review is written (default: today): tasks as they stood at the period's end, "
    "reports counted to this day.":
        "Ngày lập báo cáo (mặc định: hôm nay): nhiệm vụ xét theo tình hình cuối kỳ, báo cáo tính đến ngày này.",
    "table, md or json.": "table, md hoặc json.",
    "Write to FILE (atomically) instead of stdout.": "Ghi vào tệp FILE (trọn vẹn một lần) thay vì in ra.",
    "With --out: replace FILE if it exists.": "Cùng --out: thay tệp FILE nếu đã có.",
    "--format md is a Vietnamese document ready to paste into the standing agency's report; --format docx --out "
    "FILE.docx is that report as an official document (docs/review-docx.md).":
        "--format md là văn bản tiếng Việt sẵn để dán vào báo cáo của cơ quan thường trực; --format docx --out "
        "FILE.docx là chính báo cáo đó dưới dạng văn bản hành chính (docs/review-docx.md).",
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
    # import
    "Turn a plan document into a draft ledger: DIR/plan.yaml, DIR/reports/, DIR/import-review.md.":
        "Chuyển một văn bản kế hoạch thành sổ theo dõi nháp: DIR/plan.yaml, DIR/reports/, DIR/import-review.md.",
    "The plan document: .docx, .html/.htm, or a text or Markdown copy.":
        "Văn bản kế hoạch: .docx, .html/.htm, hoặc bản sao dạng văn bản hay Markdown.",
    "The new ledger folder (must not exist, or be empty).": "Thư mục của sổ mới (chưa có, hoặc đang trống).",
    "The layout is recognised from the content: Word tables, HTML tables, Markdown pipe tables, a legal portal's "
    "cells between lines holding only |, one cell per tab-indented line. Every place the importer chose (a unit "
    "spelling, a split cell, a deadline, a merged cell, a row joined across a page break) is printed, listed in "
    "DIR/import-review.md and marked in the draft by a comment \"# ? đoán: …\". Exit 0 when nothing needs a "
    "person, 1 when the review list is not empty (the draft is written), 2 when the document cannot be read or "
    "DIR has content (nothing is written).":
        "Bố cục được nhận ra từ nội dung: bảng Word, bảng HTML, bảng Markdown, các ô giữa những dòng chỉ có | "
        "của cổng văn bản pháp luật, mỗi ô một dòng thụt đầu bằng tab. Mỗi chỗ trình nhập phải chọn (cách viết "
        "tên đơn vị, ô được tách, thời hạn, ô gộp, dòng nối qua ngắt trang) được in ra, liệt kê trong "
        "DIR/import-review.md và đánh dấu trong bản nháp bằng chú thích \"# ? đoán: …\". Mã thoát 0 khi không có "
        "gì cần người xem, 1 khi danh sách xem lại không trống (bản nháp vẫn được viết), 2 khi không đọc được "
        "văn bản hoặc DIR đã có nội dung (không ghi gì).",
    # init
    "Create a new ledger in DIR: data/plan.yaml, data/reports/, schema/, README.md, .gitattributes.":
        "Tạo sổ theo dõi mới trong DIR: data/plan.yaml, data/reports/, schema/, README.md, .gitattributes.",
    "Folder of the new ledger (created if missing).": "Thư mục của sổ mới (tạo nếu chưa có).",
    "The plan is the bundled Decision 02/2008/QĐ-UBND. Nothing is overwritten: if any of these files exists, "
    "nothing is written and the exit code is 2.":
        "Kế hoạch là Quyết định 02/2008/QĐ-UBND kèm theo gói. Không ghi đè gì: nếu một trong các tệp này đã có, "
        "không ghi gì cả và mã thoát là 2.",
    # cache
    "Show where the cache is and its size beside the data's (info), or empty it (clear).":
        "Cho biết bộ nhớ đệm ở đâu và dung lượng của nó bên cạnh dung lượng dữ liệu (info), hoặc xoá sạch nó "
        "(clear).",
    "info: path, entries, size; clear: remove every entry.": "info: đường dẫn, số mục, dung lượng; clear: xoá mọi mục.",
    "The cache holds each data file's validated content under the hash of its bytes, and the last checked ledger "
    "of each data folder; it is rebuilt by the next command that reads.":
        "Bộ nhớ đệm giữ nội dung đã kiểm tra của từng tệp dữ liệu theo mã băm các byte của tệp, và sổ theo dõi "
        "đã kiểm tra gần nhất của từng thư mục dữ liệu; lệnh đọc kế tiếp sẽ dựng lại nó.",
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


def usage(pieces: str, lang: str) -> str:
    """The usage line's placeholders ("[OPTIONS] COMMAND [ARGS]...") in `lang`, piece by piece;
    an argument's own name (ID, OLD_REV) stays as the command's help lists it."""
    return pieces if lang == "en" else " ".join(FRAME.get(piece, piece) for piece in pieces.split(" "))


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
