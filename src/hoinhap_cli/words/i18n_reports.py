"""The words of the reports ledger, the review as a Word document, the printed dashboard and the
units' forms, Vietnamese then English: part of i18n.MESSAGES, kept apart so that module stays small."""

from __future__ import annotations

REPORT_MESSAGES: dict[str, tuple[str, str]] = {
    # --- regime
    "reports.title": ("Tình hình nộp báo cáo tính đến {as_of}", "Reports sent as of {as_of}"),
    "reports.quarter": ("quý {q}/{year}", "Q{q} {year}"),
    "reports.half1": ("6 tháng đầu năm {year}", "first half of {year}"),
    "reports.half2": ("6 tháng cuối năm {year}", "second half of {year}"),
    "reports.year": ("năm {year}", "{year}"),
    "reports.month": ("tháng {month}/{year}", "month {month}/{year}"),
    "reports.every.quarter": ("hàng quý", "quarterly"),
    "reports.every.half": ("6 tháng", "half-yearly"),
    "reports.every.year": ("hàng năm", "yearly"),
    "reports.every.month": ("hàng tháng", "monthly"),
    "reports.every.ad-hoc": ("đột xuất, khi có yêu cầu", "ad hoc, on request"),
    "reports.adhoc_cell": ("khi có yêu cầu; không tính trễ hạn", "on request; never late"),
    "reports.col.when": ("Khi nào", "When"),
    "reports.cell.submitted": ("đã nộp {day}", "sent {day}"),
    "reports.cell.submitted_late": ("nộp trễ {n} ngày", "sent {n} days late"),
    "reports.cell.missing": ("chưa nộp", "not sent"),
    "reports.cell.not_due": ("chưa đến hạn", "not yet due"),
    "reports.duty_title": ("{name} ({every}) — gửi {to}", "{name} ({every}) — to {to}"),
    "reports.assumed": ("{text} (giả định)", "{text} (assumed)"),
    "forms.due_assumed": ("(giả định: Quyết định không ghi hạn nộp báo cáo; hạn này do cơ quan thường trực đặt)",
                          "(assumed: the decision sets no due day for the report; this one is the standing agency's)"),
    "doc.assumed_letterhead": ("giả định của {file} (document:), không có trong quyết định — xem lại trước khi ký: "
                               "{values}", "assumed in {file} (document:), not the decision's — check before "
                               "signing: {values}"),
    "reports.late_title": ("Kỳ báo cáo trễ hạn", "Late reporting periods"),
    "reports.late_many": ("{what}: {n}/{owed} đơn vị chưa nộp, hạn {due}",
                          "{what}: {n} of {owed} units have not reported, due {due}"),
    "reports.late_one": ("{what}: {unit} chưa nộp, trễ {days} ngày, hạn {due}",
                         "{what}: {unit} has not sent it, {days} days late, due {due}"),
    "reports.count": ("báo cáo tính đến {as_of}: {due} đến hạn, {submitted} nộp đúng hạn, {late} nộp trễ, "
                      "{missing} chưa nộp; {not_due} chưa đến hạn{early}",
                      "reports as of {as_of}: {due} due, {submitted} sent on time, {late} sent late, "
                      "{missing} not sent; {not_due} not yet due{early}"),
    "reports.col.duty": ("Nghĩa vụ báo cáo", "Reporting duty"),
    "reports.col.period": ("Kỳ", "Period"),
    "reports.col.due_date": ("Hạn nộp", "Due"),
    "reports.col.state": ("Tình trạng", "State"),
    "reports.col.submitted": ("Ngày nộp", "Sent on"),
    "reports.col.number": ("Số văn bản", "Document number"),
    "overdue.reports_count": ("{count} kỳ báo cáo trễ hạn ({units} báo cáo chưa nộp)",
                              "{count} late reporting periods ({units} reports not sent)"),
    "overdue.reports_missing": ("{n}/{owed} đơn vị chưa nộp", "{n} of {owed} units have not reported"),
    "summary.headline": ("Trong kỳ có {active} nhiệm vụ triển khai (tình trạng đến {day}): {done} hoàn thành, "
                         "{in_progress} đang thực hiện, {blocked} vướng mắc, {not_started} chưa thực hiện, "
                         "{dropped} hủy bỏ; {late} nhiệm vụ có mốc trễ hạn ({late_milestones} mốc). "
                         "Tỷ lệ hoàn thành: {share}. {changes} cập nhật trong kỳ; {due_ahead} mốc đến hạn "
                         "từ sau kỳ đến hết năm {year}.",
                         "{active} tasks active in the period (status on {day}): {done} done, {in_progress} in "
                         "progress, {blocked} blocked, {not_started} not started, {dropped} dropped; {late} with "
                         "a late milestone ({late_milestones} milestones). Share done: {share}. {changes} updates "
                         "in the period; {due_ahead} milestones due from then to the end of {year}."),
    "summary.reports_headline": ("Báo cáo của các kỳ trong kỳ này (tính đến {as_of}): {due} đến hạn, {submitted} "
                                 "nộp đúng hạn, {late} nộp trễ, {missing} chưa nộp; {not_due} chưa đến hạn{early}.",
                                 "Reports for the period (as of {as_of}): {due} due, {submitted} sent on time, "
                                 "{late} sent late, {missing} not sent; {not_due} not yet due{early}."),
    "reports.early": (" (trong đó {n} đã nộp trước hạn)", " ({n} of them sent ahead)"),
    "summary.h.tasks": ("Nhiệm vụ triển khai trong kỳ (tình trạng đến {day})", "Active tasks (status on {day})"),
    "summary.h.late": ("Mốc trễ hạn", "Late milestones"),
    "summary.h.blocked": ("Nhiệm vụ vướng mắc", "Blocked tasks"),
    "summary.h.dropped": ("Nhiệm vụ hủy bỏ", "Dropped tasks"),
    "summary.h.ahead": ("Mốc đến hạn từ sau kỳ đến hết năm {year}", "Due from the period's end to the end of {year}"),
    "summary.h.agency": ("Báo cáo của cơ quan thường trực (Phòng Kinh tế)", "The standing agency's reports"),
    "summary.h.unit_reports": ("Báo cáo của các đơn vị", "The units' reports"),
    "summary.h.amendments": ("Điều chỉnh kế hoạch trong kỳ", "Amendments to the plan in the period"),
    "programs.reports": ("Chương trình {program}: báo cáo (hoinhap reports), {due} đến hạn, {missing} chưa nộp.",
                         "Programme {program}: reports (hoinhap reports), {due} due, {missing} not sent."),
    "summary.late_flag": ("trễ hạn", "late"),
    "summary.col.active": ("Triển khai", "Active"),
    "summary.col.title": ("Nội dung", "Task"),
    "summary.col.evidence": ("Căn cứ", "Evidence"),
    "summary.no_git": ("{file} không nằm trong kho git: số liệu tính theo kế hoạch hiện tại, không phải kế hoạch "
                       "lúc cuối kỳ; không liệt kê được các điều chỉnh",
                       "{file} is not in a git repository: figures use today's plan, not the plan as it stood; "
                       "amendments cannot be listed"),
    "submit.no_duty": ("không có nghĩa vụ báo cáo '{duty}' trong plan.yaml (có: {known}); không ghi gì",
                       "no reporting duty '{duty}' in plan.yaml (known: {known}); nothing was written"),
    "submit.wrong_period": ("nghĩa vụ '{duty}' báo cáo theo {every}, không theo kỳ {period}; không ghi gì",
                            "duty '{duty}' is reported every {every}, not for {period}; nothing was written"),
    "submit.none_owed": ("{unit} không có nghĩa vụ báo cáo nào cho kỳ {period}; không ghi gì",
                         "{unit} owes no report for a period such as {period}; nothing was written"),
    "submit.not_owner": ("{unit} không phải đơn vị báo cáo của nghĩa vụ '{duty}'; không ghi gì",
                         "{unit} does not owe duty '{duty}'; nothing was written"),
    "submit.no_year": ("nghĩa vụ '{duty}' không đi kèm báo cáo năm, hoặc kỳ {period} không phải kỳ cuối năm; "
                       "không ghi gì",
                       "duty '{duty}' has no yearly report to go with it, or {period} does not end a year; "
                       "nothing was written"),
    "submit.ok_duty": ("đã ghi {name} {period} của {unit} nộp ngày {date} → {file}",
                       "recorded {unit}'s {name} for {period} as sent on {date} → {file}"),
    "store.submission.hint": ("sửa submissions: trong tệp để đổi ngày", "edit submissions: in the file"),
    # --- office
    "doc.kind": ("BÁO CÁO", "REPORT"), "doc.none": ("Không có.", "None."), "doc.total": ("Tổng cộng", "Total"),
    "doc.title.review": ("Sơ kết {period} {subject}", "Review of {period}: {subject}"),
    "doc.title.results": ("Kết quả {period} {subject}", "Results of {period}: {subject}"),
    "doc.number": ("Số: {number}/{symbol}", "No.: {number}/{symbol}"),
    "doc.to": ("Kính gửi:", "To:"), "doc.copies": ("Nơi nhận:", "Recipients:"),
    "doc.place_date": ("{place}, {date}", "{place}, {date}"), "doc.per": ("theo", "per"),
    "doc.sign_here": ("(Ký, ghi rõ họ tên)", "(signature and full name)"),
    "doc.not_submitted": ("Chưa báo cáo", "Not submitted"), "doc.col.no": ("STT", "No."),
    "doc.sec.deploy": ("TÌNH HÌNH TRIỂN KHAI VÀ CHẾ ĐỘ BÁO CÁO", "DEPLOYMENT AND REPORTING"),
    "doc.sec.results": ("KẾT QUẢ THỰC HIỆN", "RESULTS"), "doc.sec.proposals": ("ĐỀ XUẤT, KIẾN NGHỊ", "PROPOSALS"),
    "doc.sec.difficulties": ("KHÓ KHĂN, VƯỚNG MẮC", "DIFFICULTIES AND OBSTACLES"),
    "doc.sec.next": ("NHIỆM VỤ TRỌNG TÂM {period}", "TASKS FOR {period}"),
    "doc.deploy.intro": ("Thực hiện {decision}, trong {period} (số liệu tính đến {as_of}), tình hình "
                         "gửi báo cáo định kỳ của các đơn vị về cơ quan thường trực như sau:",
                         "Under {decision}, in {period} (figures as of {as_of}), the units sent their "
                         "periodic reports to the standing agency as follows:"),
    "doc.deploy.missing": ("{quarter}: {done}/{total} đơn vị đã gửi báo cáo; chưa gửi: {names}.",
                           "{quarter}: {done} of {total} units reported; not yet: {names}."),
    "doc.deploy.sent": ("{quarter}: {done}/{total} đơn vị đã gửi báo cáo ({names}); các đơn vị còn lại chưa gửi "
                        "(Biểu 1).", "{quarter}: {done} of {total} units reported ({names}); the others not yet "
                        "(Table 1)."),
    "doc.none_unit": ("không có đơn vị nào", "none"),
    "doc.table.discipline": ("Biểu 1. Tình hình gửi báo cáo của các đơn vị", "Table 1. Reports sent by the units"),
    "doc.table.programs": ("Biểu 4. Kết quả theo chương trình (số nhiệm vụ)", "Table 4. Results by programme (tasks)"),
    "doc.table.units": ("Biểu 5. Kết quả theo cơ quan chủ trì (số nhiệm vụ)", "Table 5. Results by lead unit (tasks)"),
    "doc.table.blocked": ("Biểu 6. Nhiệm vụ vướng mắc và lý do", "Table 6. Blocked tasks and their reasons"),
    "doc.table.late": ("Biểu 7. Mốc nhiệm vụ trễ hạn (báo cáo định kỳ: xem mục I)",
                       "Table 7. Late task milestones (periodic reports: see section I)"),
    "doc.table.next": ("Biểu 8. Nhiệm vụ đến hạn trong {period}", "Table 8. Tasks due in {period}"),
    "doc.table.dropped": ("Biểu 9. Nhiệm vụ hủy bỏ và lý do", "Table 9. Dropped tasks and their reasons"),
    "doc.program.figures": ("Trong kỳ có {due} mốc đến hạn: {done} hoàn thành, {late} trễ hạn; "
                            "tỷ lệ hoàn thành {share}.",
                            "{due} milestones fell due: {done} done, {late} late; {share} done."),
    "doc.program.no_entries": ("Các đơn vị chưa báo cáo kết quả trong {period}.", "No result reported in {period}."),
    "doc.next.intro": ("Trong {period} có {n} mốc nhiệm vụ đến hạn chưa hoàn thành, cần tập trung thực hiện:",
                       "{n} open milestones fall due in {period}:"),
    "doc.next.reports": ("Các đơn vị gửi báo cáo định kỳ về cơ quan thường trực đúng hạn trong {period}.",
                         "Every unit sends its periodic reports to the standing agency on time in {period}."),
    "doc.proposals.amendments": ("Trong kỳ, các nhiệm vụ sau được đơn vị báo cáo hủy bỏ; đề nghị Ủy ban nhân dân "
                                 "quận xem xét điều chỉnh kế hoạch:",
                                 "These tasks were reported dropped in the period; the plan may need amending:"),
    "doc.placeholder.deploy": ("[Đánh giá chung về công tác triển khai: cơ quan thường trực bổ sung.]",
                               "[General assessment of the deployment: to be written by the standing agency.]"),
    "doc.placeholder.assess": ("[Đánh giá chung về kết quả thực hiện: cơ quan thường trực bổ sung.]",
                               "[General assessment of the results: to be written by the standing agency.]"),
    "doc.placeholder.causes": ("[Nguyên nhân của khó khăn, vướng mắc: cơ quan thường trực bổ sung.]",
                               "[Causes of the difficulties: to be written by the standing agency.]"),
    "doc.placeholder.next": ("[Các giải pháp, nhiệm vụ trọng tâm khác: cơ quan thường trực bổ sung.]",
                             "[Other measures and priorities: to be written by the standing agency.]"),
    "doc.placeholder.proposals": ("[Đề xuất điều chỉnh, bổ sung nội dung, chỉ tiêu, giải pháp (Điều 4): "
                                  "cơ quan thường trực bổ sung.]",
                                  "[Proposed changes to contents, targets and measures (Article 4): "
                                  "to be written by the standing agency.]"),
    "doc.no_letterhead": ("{file}: kế hoạch chưa có khối `document:` (cơ quan ban hành, người ký, nơi nhận) "
                          "để lập văn bản", "{file}: the plan has no `document:` block (issuing body, signer, "
                          "recipients) to make the document from"),
    "doc.to_terminal": ("docx là tệp nhị phân, không in ra màn hình: thêm --out TỆP.docx",
                        "docx is a binary file, not for a terminal: add --out FILE.docx"),
    "dash.as_of": ("Số liệu tính đến hết {date}", "Figures as of the end of {date}"),
    "dash.page_foot": ("{issuer} · số liệu tính đến hết {as_of} · lập {made}",
                       "{issuer} · figures as of {as_of} · made on {made}"),
    "dash.detail": ("Chi tiết", "Detail"), "dash.page": ("Trang", "Page"),
    "dash.fig.tasks": ("nhiệm vụ", "tasks"), "dash.fig.done": ("mốc đã xong", "milestones done"),
    "dash.fig.late": ("mốc trễ hạn", "late milestones"), "dash.fig.blocked": ("vướng mắc", "blocked"),
    "dash.fig.unreported": ("đơn vị chưa báo cáo {quarter}", "units without a report for {quarter}"),
    "dash.blocked": ("Nhiệm vụ vướng mắc ({n})", "Blocked tasks ({n})"),
    "dash.blocked.none": ("Không có nhiệm vụ nào vướng mắc.", "No task is blocked."),
    "dash.more": ("… và {n} nhiệm vụ khác (xem phần chi tiết)", "… and {n} more (see the detail)"),
    "dash.unreported": ("Đơn vị chưa gửi báo cáo {quarter}", "Units that have not reported for {quarter}"),
    "dash.unreported.none": ("Mọi đơn vị đã gửi báo cáo.", "Every unit has reported."),
    "dash.reports": ("Báo cáo định kỳ chưa gửi ({n} báo cáo, {units} đơn vị)",
                     "Periodic reports not sent ({n} reports, {units} units)"),
    "dash.col.quarters": ("Báo cáo chưa gửi", "Reports not sent"),
    # --- forms
    "forms.written": ("đã ghi {n} biểu mẫu quý {period} vào {folder}", "wrote {n} forms for {period} into {folder}"),
    "forms.file": ("{file}: {rows} dòng nhiệm vụ", "{file}: {rows} task rows"),
    "forms.out_not_folder": ("{folder} đã có và không phải là thư mục", "{folder} exists and is not a folder"),
    "forms.not_quarter": ("'{period}' không phải là quý: biểu mẫu làm theo quý, viết YYYY-Qn, ví dụ 2009-Q2",
                          "'{period}' is not a quarter: forms are per quarter, write YYYY-Qn, e.g. 2009-Q2"),
    "forms.no_units": ("kế hoạch không nêu đơn vị nào phải báo cáo (chương trình 8): chọn đơn vị bằng --unit",
                       "the plan names no unit that must report (programme 8): choose units with --unit"),
    "forms.not_zip": ("không phải tệp Excel .xlsx (không mở được như tệp zip); lưu biểu mẫu dạng .xlsx rồi gửi lại",
                      "not an Excel .xlsx file (it does not open as a zip); save the form as .xlsx and send it again"),
    "forms.too_big": ("tệp {size} MiB, quá {limit} MiB cho một biểu mẫu",
                      "the file is {size} MiB, over the {limit} MiB a form may be"),
    "forms.bomb": ("giải nén ra {size}, quá giới hạn {limit}: đây không phải biểu mẫu (zip bomb?); không mở",
                   "it unpacks to {size}, over the limit of {limit}: this is not a form (a zip bomb?); not opened"),
    "forms.members": ("tệp gồm {n} phần, quá {limit}: đây không phải biểu mẫu; không mở",
                      "the file holds {n} parts, over {limit}: this is not a form; not opened"),
    "forms.unreadable": ("không đọc được tệp Excel: tệp bị hỏng hoặc không phải biểu mẫu .xlsx; mở bằng Excel hay "
                         "LibreOffice, lưu lại dạng .xlsx rồi gửi lại",
                         "cannot read the Excel file: it is damaged or not an .xlsx form; open it in Excel or "
                         "LibreOffice, save it as .xlsx and send it again"),
    "forms.xls": ("tệp Excel 97-2003 (.xls), không phải .xlsx: trong Excel chọn Lưu thành «Excel Workbook (.xlsx)» "
                  "rồi gửi lại", "an Excel 97-2003 file (.xls), not .xlsx: in Excel choose Save As «Excel Workbook "
                  "(.xlsx)» and send it again"),
    "forms.ods": ("tệp bảng tính OpenDocument (.ods), không phải .xlsx: trong LibreOffice chọn Lưu thành «Excel "
                  "2007-365 (.xlsx)» rồi gửi lại", "an OpenDocument spreadsheet (.ods), not .xlsx: in LibreOffice "
                  "choose Save As «Excel 2007-365 (.xlsx)» and send it again"),
    "forms.doctype": ("phần {part} của tệp khai báo DOCTYPE hay thực thể XML, điều biểu mẫu không bao giờ có "
                      "(có thể là bom thực thể); không mở",
                      "the file's part {part} declares a DOCTYPE or an XML entity, which a form never has "
                      "(an entity bomb?); not opened"),
    "forms.damaged_xml": ("phần {part} của tệp bị hỏng ở dòng {line}, cột {column}: mở bằng Excel hay LibreOffice, "
                          "lưu lại rồi gửi lại", "the file's part {part} is damaged at line {line}, column "
                          "{column}: open it in Excel or LibreOffice, save it and send it again"),
    "forms.damaged": ("phần {part} của tệp bị hỏng{after}: mở bằng Excel hay LibreOffice, lưu lại rồi gửi lại",
                      "the file's part {part} is damaged{after}: open it in Excel or LibreOffice, save it and "
                      "send it again"),
    "forms.after_cell": (" (sau ô {cell})", " (after cell {cell})"),
    "forms.bad_ref": ("trang có ô mang địa chỉ hỏng '{ref}': mở bằng Excel hay LibreOffice, lưu lại rồi gửi lại",
                      "the sheet has a cell with the broken address '{ref}': open it in Excel or LibreOffice, "
                      "save it and send it again"),
    "forms.bad_shared": ("ô hỏng: trỏ tới chuỗi dùng chung số {index} mà tệp không có; gõ lại ô này",
                         "damaged cell: it points to shared string {index}, which the file lacks; type the cell "
                         "again"),
    "forms.bad_bool": ("ô hỏng: kiểu đúng/sai nhưng ghi '{text}'; gõ lại ô này",
                       "damaged cell: a true/false cell holding '{text}'; type the cell again"),
    "forms.bad_date_cell": ("ô hỏng: kiểu ngày nhưng ghi '{text}'; gõ lại ô này",
                            "damaged cell: a date cell holding '{text}'; type the cell again"),
    "forms.bad_number": ("ô hỏng: kiểu số nhưng ghi '{text}'; gõ lại ô này",
                         "damaged cell: a number cell holding '{text}'; type the cell again"),
    "forms.bad_type": ("ô hỏng: kiểu ô lạ '{kind}'; gõ lại ô này", "damaged cell: unknown cell type '{kind}'; "
                       "type the cell again"),
    "forms.duplicate_cell": ("ô có hai lần trong tệp, với hai giá trị: mở bằng Excel hay LibreOffice, kiểm tra ô "
                             "này, lưu lại rồi gửi lại", "the cell is in the file twice, with two values: open it "
                             "in Excel or LibreOffice, check the cell, save it and send it again"),
    "forms.unit_conflict": ("biểu mẫu nêu hai đơn vị: {unit} (ô C3) và {other} ({where}); không ghi gì: kiểm tra "
                            "biểu mẫu này của đơn vị nào, dùng biểu mẫu gửi cho đơn vị đó",
                            "the form names two units: {unit} (cell C3) and {other} ({where}); nothing written: "
                            "check whose form this is and use the form sent to that unit"),
    "forms.where_cell": ("ô {cell}", "cell {cell}"),
    "forms.where_file": ("tên tệp {name}", "the file name {name}"),
    "forms.where_rows": ("các dòng nhiệm vụ là của biểu mẫu gửi cho đơn vị này",
                         "the task rows are those of the form sent to that unit"),
    "forms.row_deleted": ("dòng của nhiệm vụ {task} («{title}») đã bị xóa khỏi biểu mẫu (trước dòng {line}); "
                          "dùng lại biểu mẫu gốc, không xóa dòng",
                          "the row of task {task} («{title}») was deleted from the form (before row {line}); "
                          "use the form as sent: rows cannot be deleted"),
    "forms.row_added": ("dòng thêm vào biểu mẫu ('{text}'); xóa dòng này, không thêm dòng",
                        "a row was added to the form ('{text}'); delete it: rows cannot be added"),
    "forms.changed_status": ("cột «Tình trạng hiện tại» chỉ để đọc đã bị sửa: ô ghi '{found}', biểu mẫu gửi đi ghi "
                             "'{expected}'; chọn tình trạng mới ở cột «Tình trạng (chọn)»",
                             "the read-only column «Tình trạng hiện tại» (current status) was changed: the cell "
                             "says '{found}', the form as sent '{expected}'; choose the new status in the "
                             "«Tình trạng (chọn)» column"),
    "forms.changed_status_word": ("cột «Tình trạng hiện tại» chỉ để đọc đã bị sửa: ô ghi '{found}'; chọn tình "
                                  "trạng mới ở cột «Tình trạng (chọn)»",
                                  "the read-only column «Tình trạng hiện tại» (current status) was changed: the "
                                  "cell says '{found}'; choose the new status in the «Tình trạng (chọn)» column"),
    "forms.no_sheet": ("không có trang «{sheet}» (các trang: {sheets}); đừng đổi tên trang của biểu mẫu",
                       "no sheet «{sheet}» (the sheets: {sheets}); the form's sheets must keep their names"),
    "forms.formula": ("ô chứa công thức ({formula}); gõ giá trị thay cho công thức",
                      "the cell holds a formula ({formula}); type the value instead"),
    "forms.too_many_rows": ("trang có hơn {limit} dòng: đây không phải biểu mẫu đã gửi đi",
                            "the sheet has more than {limit} rows: this is not a form as sent"),
    "forms.outside": ("ô nằm ngoài vùng biểu mẫu có nội dung ('{value}'); xóa đi, không thêm dòng hay cột",
                      "a cell outside the form holds '{value}'; delete it: rows and columns cannot be added"),
    "forms.unit_unknown": ("mã đơn vị '{text}' không có trong kế hoạch", "unit id '{text}' is not in the plan"),
    "forms.other_unit": ("biểu mẫu của đơn vị {unit}, không phải {expected}",
                         "the form is {unit}'s, not {expected}'s"),
    "forms.period_invalid": ("'{text}' không phải là quý (YYYY-Qn)", "'{text}' is not a quarter (YYYY-Qn)"),
    "forms.other_period": ("biểu mẫu của kỳ {period}, không phải {expected}",
                           "the form is for {period}, not {expected}"),
    "forms.changed": ("cột «{column}» chỉ để đọc đã bị sửa: ô ghi '{found}', kế hoạch ghi '{expected}'",
                      "the read-only column «{column}» was changed: the cell says '{found}', the plan '{expected}'"),
    "forms.needs_status": ("dòng có ngày hoặc ghi chú nhưng chưa chọn tình trạng",
                           "the row has a date or a note but no status"),
    "forms.status_unknown": ("không có tình trạng '{text}': chọn một trong {accepted}",
                             "unknown status '{text}': choose one of {accepted}"),
    "forms.needs_date": ("thiếu ngày của tình trạng «{status}»", "the status «{status}» needs its date"),
    "forms.not_date": ("'{text}' không phải là ngày: viết dd/mm/yyyy, ví dụ 30/06/2009",
                       "'{text}' is not a date: write dd/mm/yyyy, e.g. 30/06/2009"),
    "forms.date_outside": ("ngày {day} nằm ngoài quý {period} ({start} – {end})",
                           "{day} is outside the quarter {period} ({start} – {end})"),
    "forms.date_outside_number": ("ngày {day} nằm ngoài quý {period} ({start} – {end}); ô ghi số {number}, "
                                  "được đọc là ngày theo cách đếm của Excel: gõ ngày dạng dd/mm/yyyy",
                                  "{day} is outside the quarter {period} ({start} – {end}); the cell holds the "
                                  "number {number}, read as an Excel day count: type the date as dd/mm/yyyy"),
    "forms.needs_reason": ("tình trạng «{status}» cần lý do: ghi vào cột «Lý do»",
                           "the status «{status}» needs a reason: fill in the «Lý do» (reason) column"),
    "forms.day_future": ("ngày {day} ở tương lai (hôm nay là {limit})", "{day} is in the future (today is {limit})"),
    "forms.day_before_signing": ("ngày {day} trước ngày ký quyết định ({limit})",
                                 "{day} is before the decision was signed ({limit})"),
    "forms.submit_word": ("'{text}': chọn «{yes}» hoặc «{no}»", "'{text}': choose «{yes}» or «{no}»"),
    "forms.submit_needs_date": ("đã chọn gửi chính thức nhưng thiếu ngày gửi",
                                "the form is marked as sent but gives no date"),
    "forms.submit_before": ("ngày gửi {day} trước khi quý {period} bắt đầu ({start})",
                            "the sending date {day} is before the quarter {period} began ({start})"),
    "collect.recorded": ("{file}: đã ghi {n} mục → {report}", "{file}: recorded {n} entries → {report}"),
    "collect.submitted": ("{file}: báo cáo quý {period} của {unit} đã nộp ngày {date}",
                          "{file}: {unit}'s report for {period} submitted on {date}"),
    "collect.nothing_new": ("{file}: không có gì mới, biểu mẫu đã được thu trước đó ({n} mục đã có); không ghi gì",
                            "{file}: nothing new, the form was collected before ({n} entries already there); "
                            "nothing was written"),
    "collect.empty": ("{file}: biểu mẫu chưa điền gì; không ghi gì", "{file}: the form is not filled in; nothing "
                      "was written"),
    "collect.would": ("{file}: sẽ ghi {n} mục vào báo cáo quý {period} của {unit}{submitted} (chạy thử: không ghi gì)",
                      "{file}: would record {n} entries in {unit}'s report for {period}{submitted} "
                      "(dry run: nothing written)"),
    "collect.would_submit": (", đánh dấu đã nộp ngày {date}", ", marked submitted on {date}"),
    "collect.refused": ("{n} trên {total} biểu mẫu bị từ chối; không ghi gì từ các biểu mẫu đó",
                        "{n} of {total} forms refused; nothing was written from them"),
    "forms.no_file": ("không có tệp này", "no such file"),
    "forms.not_regular": ("không phải tệp thường ({kind}): hoinhap chỉ đọc tệp thường; chỉ ra một tệp .xlsx",
                          "not a regular file ({kind}): hoinhap reads regular files only; name an .xlsx file"),
    "forms.cannot_open": ("không mở được tệp: {error}", "cannot open the file: {error}"),
    "forms.too_big_env": ("tệp {size} MiB, quá giới hạn {limit} MiB ({env}): nâng {env} nếu đây đúng là biểu mẫu",
                          "the file is {size} MiB, over the {limit} MiB limit ({env}): raise {env} if this "
                          "is a form"),
    # --- docfit
    "doc.agency.item": ("{what}, hạn {due}: {state}.", "{what}, due {due}: {state}."),
    "doc.report_counts": ("Cộng lại, trong kỳ có {total} báo cáo định kỳ phải nộp; {due} báo cáo đã đến hạn: {on_time} "
                          "nộp đúng hạn, {late} nộp trễ, {missing} chưa nộp; {not_due} báo cáo chưa đến hạn.",
                          "In all, {total} periodic reports are owed in the period; {due} have fallen due: {on_time} "
                          "sent on time, {late} sent late, {missing} not sent; {not_due} are not yet due."),
    "doc.difficulties.figures": ("Đến cuối kỳ có {blocked} nhiệm vụ vướng mắc và {late} mốc nhiệm vụ trễ hạn.",
                                 "At the period's end {blocked} tasks are blocked and {late} task milestones late."),
    "doc.see": ("Chi tiết tại Phụ lục: {tables}.", "Details in the annex: {tables}."),
    "doc.annex": ("PHỤ LỤC", "ANNEX"),
    "doc.annex.title": ("SỐ LIỆU CHI TIẾT", "DETAILED FIGURES"),
    "doc.annex.of": ("(Kèm theo Báo cáo số {number}/{symbol} {date} của {body})",
                     "(Attached to report No. {number}/{symbol} of {date}, {body})"),
    "doc.warning": ("Lưu ý: {text}", "Note: {text}"),
    "doc.deploy.late_part": (" Trong đó {n} đơn vị gửi trễ hạn ({names}).", " Of these, {n} reported late ({names})."),
    "doc.deploy.due": ("{quarter}, hạn {due}", "{quarter}, due {due}"),
    "doc.deploy.other": ("{what}, hạn {due}: {sent}/{total} đơn vị đã gửi.",
                         "{what}, due {due}: {sent} of {total} units sent it."),
    "doc.cell.late": ("{day} (trễ {n} ngày)", "{day} ({n} days late)"),
    "doc.cell.missing": ("Chưa báo cáo (trễ {n} ngày)", "Not submitted ({n} days late)"),
    "doc.cell.not_due": ("Chưa đến hạn", "Not yet due"),
    "doc.agency.intro": ("Các báo cáo của cơ quan thường trực ({unit}) theo Điều 4 và mục III của Quyết định:",
                         "The standing agency's ({unit}) own reports under Article 4 and section III:"),
    "doc.table.agency": ("Biểu 2. Báo cáo của cơ quan thường trực", "Table 2. The standing agency's reports"),
    "doc.table.report_counts": ("Biểu 3. Số liệu báo cáo định kỳ (tính riêng với nhiệm vụ)",
                                "Table 3. Periodic reports in figures (counted apart from the tasks)"),
    "doc.col.report": ("Báo cáo", "Report"), "doc.col.period": ("Kỳ", "Period"),
    "doc.col.state": ("Tình hình", "State"), "doc.col.owed": ("Phải nộp", "Owed"),
    "doc.col.due_now": ("Đã đến hạn", "Due"), "doc.col.on_time": ("Đúng hạn", "On time"),
    "doc.col.sent_late": ("Nộp trễ", "Late"), "doc.col.missing": ("Chưa nộp", "Missing"),
    "doc.col.not_due": ("Chưa đến hạn", "Not due"), "doc.col.active": ("Triển khai", "Active"),
    "doc.results.headline": ("Trong {period} có {active} nhiệm vụ triển khai: {done} hoàn "
                             "thành, {in_progress} đang thực hiện, {blocked} vướng mắc, {not_started} chưa thực "
                             "hiện, {dropped} hủy bỏ; {late} nhiệm vụ có mốc trễ hạn ({late_milestones} mốc); tỷ lệ "
                             "hoàn thành {share}. Trong kỳ các đơn vị cập nhật {changes} lần (Biểu 4, 5; báo cáo "
                             "định kỳ tính riêng ở Biểu 3).",
                             "In {period} {active} tasks were active: {done} done, {in_progress} in "
                             "progress, {blocked} blocked, {not_started} not started, {dropped} dropped; {late} tasks "
                             "have a late milestone ({late_milestones} milestones); {share} done. The units recorded "
                             "{changes} updates (Tables 4, 5; periodic reports apart in Table 3)."),
    "doc.program.tasks": ("{active} nhiệm vụ triển khai: {done} hoàn thành, {in_progress} đang thực hiện, "
                          "{blocked} vướng mắc, {not_started} chưa thực hiện, {dropped} hủy bỏ; {late} có mốc trễ "
                          "hạn; tỷ lệ hoàn thành {share}. Tình hình từng nhiệm vụ:",
                          "{active} active tasks: {done} done, {in_progress} in progress, {blocked} blocked, "
                          "{not_started} not started, {dropped} dropped; {late} with a late milestone; {share} "
                          "done. Task by task:"),
    "doc.program.changes": ("Kết quả các đơn vị báo cáo trong kỳ:", "Results the units reported in the period:"),
    "doc.task.line": ("{task}. {title}: {status}", "{task}. {title}: {status}"),
    "doc.late_flag": ("có mốc trễ hạn", "a milestone late"),
    "doc.amendments.intro": ("Trong kỳ, kế hoạch đã được điều chỉnh {n} lần:", "The plan was amended {n} times:"),
    "doc.amendments.none": ("Trong kỳ, kế hoạch không được điều chỉnh.", "The plan was not amended in the period."),
    "doc.amendment": ("{day} ({revision}): {subject}", "{day} ({revision}): {subject}"),
    "doc.proposals.dropped": ("Các nhiệm vụ sau đã được báo cáo hủy bỏ; đề nghị Ủy ban nhân dân quận xem xét "
                              "điều chỉnh kế hoạch:",
                              "These tasks were reported dropped; the plan may need amending:"),
}
