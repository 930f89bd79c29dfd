"""The words of `hoinhap import`: what it could not read, what it chose, what it wrote."""

from __future__ import annotations

IMPORT_MESSAGES: dict[str, tuple[str, str]] = {
    # where in the document
    "import.pos.line": ("dòng {line}", "line {line}"),
    "import.pos.para": ("đoạn {line}", "paragraph {line}"),
    "import.pos.cell": ("bảng {table}, hàng {row}, cột {col}", "table {table}, row {row}, column {col}"),
    "import.scope.task": ("nhiệm vụ {id}", "task {id}"),
    "import.scope.group": ("nhóm {id}", "group {id}"),
    "import.scope.unit": ("đơn vị {id}", "unit {id}"),
    # the document cannot be read (exit 2, nothing written)
    "import.err.missing": ("không có tệp này", "no such file"),
    "import.err.not_file": ("không phải là một tệp", "not a file"),
    "import.err.too_big": ("tệp lớn hơn {mb} MB", "the file is larger than {mb} MB"),
    "import.err.os": ("không đọc được: {error}", "cannot be read: {error}"),
    "import.err.encoding": ("không phải văn bản UTF-8 (byte {offset}); hãy lưu lại dưới dạng UTF-8, .docx hoặc .html",
                            "not UTF-8 text (byte {offset}); save it as UTF-8, .docx or .html"),
    "import.err.empty": ("tệp trống", "the file is empty"),
    "import.err.docx": ("không mở được tệp Word: {error}", "not a readable Word file: {error}"),
    "import.err.no_table": ("không tìm thấy bảng nhiệm vụ (cột «Nhiệm vụ» hoặc «Nội dung» và cột cơ quan chủ trì)",
                            "no task table found (a «Nhiệm vụ» or «Nội dung» column and a lead-unit column)"),
    "import.err.line": ("{file}: {why}", "{file}: {why}"),
    "import.err.out_exists": ("{dir}: thư mục đã có nội dung; chọn một thư mục mới hoặc trống cho --out",
                              "{dir}: the folder is not empty; give --out a new or empty folder"),
    "import.err.out_file": ("{dir}: đã có một tệp trùng tên; chọn một thư mục mới cho --out",
                            "{dir}: a file of that name exists; give --out a new folder"),
    # the outcome
    "import.done": ("đã viết bản nháp {file}: {tasks} dòng nhiệm vụ đọc được (văn bản đánh số {numbered}), "
                    "{units} đơn vị, {programs} nhóm",
                    "wrote the draft {file}: {tasks} task rows read (the document numbers {numbered}), "
                    "{units} units, {programs} groups"),
    "import.layout": ("bố cục: {layout}", "layout: {layout}"),
    "import.review.count": ("{n} chỗ cần người xem lại — danh sách trong {file}",
                            "{n} place(s) for a person to review — the list is in {file}"),
    "import.review.none": ("không có chỗ nào cần xem lại", "nothing to review"),
    "import.review.title": ("Danh sách xem lại bản nháp nhập từ {file}",
                            "Review list of the draft imported from {file}"),
    "import.review.intro": ("Mỗi dòng là một chỗ trình nhập đã phải chọn; trong plan.yaml dòng tương ứng có chú thích "
                            "«# ? đoán: …». Sửa plan.yaml nếu cần, xóa chú thích, rồi chạy: hoinhap check --data {dir}",
                            "Each line is a place where the importer chose; in plan.yaml the line carries a comment "
                            "«# ? đoán: …». Fix plan.yaml where needed, remove the comment, then run: "
                            "hoinhap check --data {dir}"),
    "import.review.counts": ("Số dòng nhiệm vụ đọc được: {tasks}; số thứ tự của văn bản: {numbered}.",
                             "Task rows read: {tasks}; numbered by the document: {numbered}."),
    # what the importer chose
    "import.choice.alias": ("«{text}» được coi là cùng đơn vị với «{name}»",
                            "«{text}» taken as the same unit as «{name}»"),
    "import.choice.split": ("ô «{text}» tách thành: {parts}", "cell «{text}» split into: {parts}"),
    "import.choice.shared": ("ô «{text}» tách thành: {parts} — đoán rằng «{qualifier}» dùng chung cho cả hai nhóm",
                             "cell «{text}» split into: {parts} — a guess that «{qualifier}» qualifies both groups"),
    "import.choice.deadline": ("thời hạn «{text}» đọc là {due}", "deadline «{text}» read as {due}"),
    "import.choice.deadline_event": ("thời hạn «{text}» đọc là: chờ một sự kiện (thêm vào events)",
                                     "deadline «{text}» read as waiting for an event (after …, added to events)"),
    "import.choice.deadline_dropped": ("«{text}» trong ô thời gian không phải thời hạn: không ghi thành mốc, "
                                       "giữ trong notes",
                                       "«{text}» in the time cell is no deadline: no milestone, kept in notes"),
    "import.choice.deadline_blank": ("ô thời hạn để trống (none)", "deadline cell blank (none)"),
    "import.choice.deadline_unread": ("không đọc được thời hạn «{text}» (ghi none)",
                                      "deadline «{text}» not understood (none)"),
    "import.choice.merged": ("dòng không số {id}: {fields} lấy từ ô gộp của {source}",
                             "unnumbered row {id}: {fields} taken from the merged cell of {source}"),
    "import.choice.joined": ("dòng nối tiếp qua ngắt trang, ghép vào dòng trên",
                             "row continued across a page break, joined to the row above"),
    "import.choice.merged_across": ("ô phối hợp và ô sản phẩm cùng ghi «{text}…»: coi là một ô gộp, thuộc cột sản phẩm",
                                    "support and product cells both read «{text}…»: taken as one merged cell, the "
                                    "product's"),
    "import.choice.repeated": ("ô sản phẩm ghi lặp lại một dòng; chỉ ghi một lần",
                               "the product cell repeats a line; written once"),
    "import.choice.relabel": ("mục «{label}» lặp lại; đặt mã {id}", "section «{label}» repeated; given the id {id}"),
    "import.choice.pairs": ("ô số thứ tự và nội dung gộp qua {n} dòng: một nhiệm vụ, mỗi dòng một cơ quan chủ trì "
                            "với các đơn vị phối hợp của dòng ấy (pairs)",
                            "number and task cells merged over {n} rows: one task, each row a lead with that "
                            "row's supporters (pairs)"),
    "import.choice.leads": ("ô số thứ tự và nội dung gộp qua {n} dòng: một nhiệm vụ, các cơ quan chủ trì của các "
                            "dòng chung một ô phối hợp",
                            "number and task cells merged over {n} rows: one task, the leads of the rows sharing "
                            "one support cell"),
    "import.choice.pair_maybe": ("dòng không số, ô nội dung trống nhưng có cơ quan chủ trì riêng: có thể là cơ quan "
                                 "chủ trì thứ hai của nhiệm vụ {id} (bản sao mất ô gộp) — nếu vậy, gộp vào {id} "
                                 "với pairs:",
                                 "unnumbered row, a blank task cell but a lead of its own: maybe a second lead of "
                                 "task {id} (the copy lost the merged cells) — if so, fold it into {id} with pairs:"),
    "import.choice.id": ("dòng không số, đặt mã {id}", "unnumbered row, given the id {id}"),
    "import.choice.no_lead": ("không có cơ quan chủ trì", "no lead unit"),
    "import.choice.unit_kind": ("loại đơn vị của «{name}» đoán là {kind}", "kind of «{name}» guessed as {kind}"),
    "import.choice.standing": ("cơ quan thường trực đoán là «{name}» (văn bản: «{text}»)",
                               "standing agency guessed as «{name}» (the document: «{text}»)"),
    "import.choice.standing_most": ("cơ quan thường trực đoán là «{name}», đơn vị chủ trì nhiều nhiệm vụ nhất ({n})",
                                    "standing agency guessed as «{name}», the lead of most tasks ({n})"),
    "import.choice.gap": ("số thứ tự bị thiếu trong văn bản: {missing} — kiểm tra không sót dòng nào",
                          "numbers missing from the document's numbering: {missing} — check no row was lost"),
    "import.choice.number": ("văn bản không ghi số hoặc ngày ký", "the document gives no number or signing date"),
    "import.choice.reporting": ("chế độ báo cáo đọc từ «{text}»: {what}", "reporting read from «{text}»: {what}"),
}
