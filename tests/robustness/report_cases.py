"""The catalogue of broken report files and hostile command lines for the commands that write.

Report files are hand-written, as offices send them: each case is one file under
`data/reports/` next to the shipped plan, with the place (`At`, from plan_cases) where its
problem must be reported and a fragment of the message. `test_report_catalogue.py` runs each
through `hoinhap check` (exit 1) and a command that loads the ledger (which answers without
the file: exit 3, or 4 when something is late — issue 16). The command line's status words
(`đang thực hiện`) and dates after today (outside the view) are not mistakes in a file.

Command-line cases give `record`/`event`/`submit` texts that try to leave data/reports/, or
that a report cannot hold; each must exit 2 with one `hoinhap: …` line and write nothing.

Today is TODAY for every case (HOINHAP_TODAY); the plan's decision was signed on 2008-10-17.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Union

from plan_cases import At

TODAY = "2009-05-20"
FILE = "2009-Q1/phong-kinh-te.yaml"

# phong-kinh-te leads task 2.10 (four milestones) in data/plan.yaml.
BASE = """\
unit: phong-kinh-te
period: 2009-Q1
entries:
  - task: "2.10"
    milestone: 1
    status: done
    date: 2009-03-01
    note: Đã khảo sát 3 chợ
"""


@dataclass(frozen=True)
class ReportCase:
    name: str
    build: Callable[[], bytes]
    at: Union[At, tuple[int, int], None]  # None: about the file's place, no line (file: message)
    fragment: str
    file: str = FILE  # under data/reports/

    def position(self, raw: bytes) -> tuple[int, int | None] | None:
        if self.at is None or isinstance(self.at, tuple):
            return self.at
        return self.at.find(raw.decode("utf-8-sig", "replace"))


def edit(old: str, new: str, base: str = BASE) -> Callable[[], bytes]:
    assert base.count(old) == 1, f"{old!r} must occur once in the base report"
    return lambda: base.replace(old, new).encode("utf-8")


def raw(content: bytes | str) -> Callable[[], bytes]:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return lambda: data


def case(name: str, build: Callable[[], bytes], at: At | tuple[int, int] | None, fragment: str, file: str = FILE) -> ReportCase:
    return ReportCase(name, build, at, fragment, file)


CASES: list[ReportCase] = [
    # ---------------------------------------------------------------- entries against the plan
    case("unknown-task", edit('task: "2.10"', 'task: "9.99"'), At('"9.99"'), "unknown task '9.99'"),
    case("unknown-task-near", edit('task: "2.10"', 'task: "2.100"'), At('"2.100"'), "did you mean"),
    case("task-id-read-as-number", edit('task: "2.10"', "task: 2.10"), At("2.10"),
         'is read as a number; quote it: "2.10"'),
    case("task-id-zero-width-space", edit('task: "2.10"', 'task: "2.10\u200b"'), At('"2.10'),
         "ZERO WIDTH SPACE (U+200B)"),
    case("task-id-no-break-space", edit('task: "2.10"', 'task: "2.10\u00a0"'), At('"2.10'),
         "NO-BREAK SPACE (U+00A0)"),
    case("status-typo", edit("status: done", "status: don"), At("don\n"),
         "is not one of 'not-started' (chưa thực hiện), 'in-progress' (đang thực hiện), 'done' (hoàn thành), "
         "'blocked' (vướng mắc) or 'dropped' (hủy bỏ); did you mean 'done'?"),
    # A file may write a status by its id or its words (both listed when neither matches).
    case("milestone-out-of-range", edit("milestone: 1", "milestone: 9"), At("9\n"),
         "task 2.10 has 4 milestone(s), not 9"),
    case("milestone-zero", edit("milestone: 1", "milestone: 0"), At("0\n"), "too small"),
    case("blocked-without-reason", edit("status: done", "status: blocked"), At("- task", offset=2),
         "status blocked needs a reason"),
    case("dropped-without-reason", edit("status: done", "status: dropped"), At("- task", offset=2),
         "status dropped needs a reason"),
    case("unit-not-involved", edit('task: "2.10"', 'task: "3.2.4"'), At('"3.2.4"'),
         "neither lead nor support of task 3.2.4; add forced: true"),
    case("unknown-event", edit("    note: Đã khảo sát 3 chợ\n",
                               "    note: Đã khảo sát 3 chợ\nevents:\n  - event: tp-khong-co\n    date: 2009-03-01\n"),
         At("tp-khong-co"), "unknown event 'tp-khong-co'"),
    # ---------------------------------------------------------------- dates
    case("date-outside-the-quarter", edit("date: 2009-03-01", "date: 2009-04-01"), At("2009-04-01"),
         "is outside the file's quarter 2009-Q1"),
    case("date-before-the-decision", edit("date: 2009-03-01", "date: 2008-09-01",
                                          BASE.replace("2009-Q1", "2008-Q3")),
         At("2008-09-01"), "before the decision was signed (2008-10-17)", file="2008-Q3/phong-kinh-te.yaml"),
    case("date-that-does-not-exist", edit("date: 2009-03-01", "date: 2009-02-30"), At("2009-02-30"),
         "not a real date"),
    case("date-in-local-notation", edit("date: 2009-03-01", "date: 01/03/2009"), At("01/03/2009"),
         "write YYYY-MM-DD"),
    # ---------------------------------------------------------------- the file's place and name
    case("file-named-for-no-unit", raw(BASE), At("phong-kinh-te\n"), "the file name 'phong-khong-co' is not a unit",
         file="2009-Q1/phong-khong-co.yaml"),
    case("file-named-in-capitals", raw(BASE), At("phong-kinh-te\n"), "did you mean 'phong-kinh-te'",
         file="2009-Q1/Phong-Kinh-Te.yaml"),
    case("unit-differs-from-file-name", raw(BASE), At("phong-kinh-te\n"),
         "the file is named for unit 'phong-qldt' but says unit: phong-kinh-te", file="2009-Q1/phong-qldt.yaml"),
    case("unit-unknown", edit("unit: phong-kinh-te", "unit: phong-khong-co"), At("phong-khong-co"),
         "unknown unit 'phong-khong-co'", file="2009-Q1/phong-khong-co.yaml"),
    case("unit-written-as-a-name", edit("unit: phong-kinh-te", "unit: Phòng Kinh tế"), At("Phòng Kinh tế"),
         "is not a valid id here (lower-case ASCII words joined by '-'"),
    case("folder-quarter-5", raw(BASE), At("2009-Q1"), "the folder '2009-Q5' is not a quarter",
         file="2009-Q5/phong-kinh-te.yaml"),
    case("folder-without-dash", raw(BASE), At("2009-Q1"), "the folder '2009Q1' is not a quarter",
         file="2009Q1/phong-kinh-te.yaml"),
    case("folder-misc", raw(BASE), At("2009-Q1"), "the folder 'misc' is not a quarter", file="misc/phong-kinh-te.yaml"),
    case("folder-other-quarter", raw(BASE), At("2009-Q1"), "the file is in folder 2009-Q2 but says period: 2009-Q1",
         file="2009-Q2/phong-kinh-te.yaml"),
    case("file-outside-a-quarter-folder", raw(BASE), None, "a report file belongs in reports/<YYYY-Qn>/<unit-id>.yaml",
         file="phong-kinh-te.yaml"),
    case("file-two-folders-deep", raw(BASE), None, "a report file belongs in reports/<YYYY-Qn>/<unit-id>.yaml",
         file="2009/Q1/phong-kinh-te.yaml"),
    case("period-quarter-5", edit("period: 2009-Q1", "period: 2009-Q5"), At("2009-Q5"), "quarter 5 does not exist"),
    # ---------------------------------------------------------------- YAML
    case("yaml-unclosed-quote", edit('task: "2.10"', 'task: "2.10'), At('"2.10'), "this quote is never closed"),
    case("yaml-tab-indent", edit("    status: done", "\tstatus: done"), At("\tstatus"),
         "a tab used for indentation"),
    case("yaml-duplicate-key-in-entry", edit("    status: done\n", "    status: done\n    status: blocked\n"),
         At("status: blocked"), "duplicate key 'status' (first at line 6)"),
    case("yaml-duplicate-top-key", edit("unit: phong-kinh-te\n", "unit: phong-kinh-te\nunit: phong-qldt\n"),
         At("unit: phong-qldt"), "duplicate key 'unit' (first at line 1)"),
    case("yaml-anchor", edit('  - task: "2.10"', '  - &e task: "2.10"'), At("&e"), "anchors (&) and aliases (*)"),
    case("yaml-alias", edit("unit: phong-kinh-te", "unit: *u"), At("*u"),
         "anchors (&) and aliases (*)"),
    case("yaml-tag-python", edit('task: "2.10"', 'task: !!python/object/apply:os.system ["touch pwned"]'),
         At("!!python"), "the tag !!python/object/apply:os.system is not allowed"),
    case("yaml-tag-local", edit("status: done", "status: !done done"), At("!done"), "the tag !done is not allowed"),
    case("latin-1-bytes", lambda: BASE.replace("Đã khảo sát 3 chợ", "étude").encode("latin-1"), At("note: ", offset=6),
         "byte 0xE9 is not UTF-8"),
    case("utf-16", lambda: BASE.encode("utf-16"), (1, 1), "the file is UTF-16: save it as UTF-8"),
    case("empty-file", raw(b""), At("", nth=1), "the file is empty"),
    case("only-a-comment", raw("# báo cáo quý I\n"), At("#"), "the file is empty"),
    case("root-is-a-list", raw("- unit: phong-kinh-te\n  period: 2009-Q1\n"), At("- unit"), "the file holds a list"),
    case("root-is-a-string", raw("báo cáo quý I\n"), At("báo"), "the file holds a single value"),
    # ---------------------------------------------------------------- schema
    case("missing-status", edit("    status: done\n", ""), At("- task", offset=2), "missing required key 'status'"),
    case("missing-date", edit("    date: 2009-03-01\n", ""), At("- task", offset=2), "missing required key 'date'"),
    case("missing-unit", edit("unit: phong-kinh-te\n", ""), At("period"), "missing required key 'unit'"),
    case("unknown-key-staus", edit("status: done", "staus: done"), At("staus"),
         "unknown key 'staus'; did you mean 'status'?"),
    case("unknown-top-key", raw(BASE + "note: gửi muộn\n"), At("note: gửi"), "unknown key 'note'"),
    case("entries-not-a-list", edit(BASE[BASE.index("  - task"):], "  task: \"2.10\"\n"), At("task"),
         "expected a list, got a mapping"),
    case("forced-yes", raw(BASE + "    forced: yes\n"), At("yes"), "expected true or false, got 'yes'"),
    case("note-with-escape-character", edit("note: Đã khảo sát 3 chợ", 'note: "Đã \\e[31mxong"'), At('"Đã'),
         "U+001B (ESCAPE)"),
    case("note-with-nul-escape", edit("note: Đã khảo sát 3 chợ", 'note: "Đã\\0xong"'), At('"Đã'), "U+0000 (NUL)"),
]


# ------------------------------------------------------------------ command lines


@dataclass(frozen=True)
class CliCase:
    name: str
    argv: tuple[str, ...]  # after the command name; --data data is added
    fragment: str


def cli(name: str, *argv: str, fragment: str) -> CliCase:
    return CliCase(name, argv, fragment)


OUTSIDE = "{outside}"  # replaced by an absolute folder beside data/ in the test's tmp_path

CLI_CASES: list[CliCase] = [
    cli("record-unit-dot-dot", "record", "2.10", "--status", "done", "--unit", "../../etc",
        fragment="không có đơn vị nào tên '../../etc'"),
    cli("record-unit-absolute", "record", "2.10", "--status", "done", "--unit", OUTSIDE, fragment="không có đơn vị nào tên '/"),
    cli("record-unit-nul", "record", "2.10", "--status", "done", "--unit", "phong-kinh-te\x00/../../x",
        fragment="không có đơn vị nào tên 'phong-kinh-te"),
    cli("record-unit-backslashes", "record", "2.10", "--status", "done", "--unit", "..\\..\\x",
        fragment="không có đơn vị nào tên"),
    cli("record-unit-zero-width", "record", "2.10", "--status", "done", "--unit", "phong-kinh-te\u200b",
        fragment="chứa ký tự ẩn ZERO WIDTH SPACE (U+200B)"),
    cli("submit-unit-dot-dot", "submit", "../x", "--period", "2009-Q1", fragment="không có đơn vị nào tên '../x'"),
    cli("submit-period-dot-dot", "submit", "phong-kinh-te", "--period", "../../2009-Q1",
        fragment="--period '../../2009-Q1' không phải là quý, nửa năm hay năm"),
    cli("submit-period-trailing-dot-dot", "submit", "phong-kinh-te", "--period", "2009-Q1/../..",
        fragment="--period '2009-Q1/../..' không phải là quý, nửa năm hay năm"),
    cli("submit-period-absolute", "submit", "phong-kinh-te", "--period", OUTSIDE, fragment="không phải là quý, nửa năm hay năm"),
    cli("submit-period-nul", "submit", "phong-kinh-te", "--period", "2009-Q1\x00", fragment="không phải là quý, nửa năm hay năm"),
    cli("event-dot-dot", "event", "../../x", "--date", "2009-03-01", fragment="không có sự kiện '../../x'"),
    cli("record-task-zero-width", "record", "2.10\u200b", "--status", "done",
        fragment="mã nhiệm vụ '2.10·' chứa ký tự ẩn ZERO WIDTH SPACE (U+200B)"),
    cli("record-task-no-break-space", "record", "2.10\u00a0", "--status", "done",
        fragment="mã nhiệm vụ '2.10·' chứa ký tự ẩn NO-BREAK SPACE (U+00A0)"),
    cli("record-status-typo", "record", "2.10", "--status", "don",
        fragment="không có tình trạng 'don': dùng một trong not-started (chưa thực hiện), in-progress"),
    cli("record-note-escape", "record", "2.10", "--status", "done", "--note", "đỏ \x1b[31m",
        fragment="--note chứa U+001B (ESCAPE)"),
    cli("record-note-nul", "record", "2.10", "--status", "done", "--note", "a\x00b", fragment="--note chứa U+0000 (NUL)"),
    cli("record-note-not-utf8", "record", "2.10", "--status", "done", "--note", "caf\udce9",
        fragment="--note chứa byte 0xE9, không phải UTF-8"),
    cli("record-reason-carriage-return", "record", "2.10", "--status", "blocked", "--reason", "a\rb",
        fragment="--reason chứa U+000D (CARRIAGE RETURN)"),
    cli("record-date-future", "record", "2.10", "--status", "done", "--date", "2009-05-21",
        fragment="--date 2009-05-21 ở tương lai"),
    cli("record-date-before-decision", "record", "2.10", "--status", "done", "--date", "2008-01-01",
        fragment="trước ngày ký quyết định"),
    cli("record-blocked-without-reason", "record", "2.10", "--status", "blocked", fragment="cần --reason"),
    cli("record-milestone-out-of-range", "record", "2.10", "--status", "done", "--milestone", "9",
        fragment="--milestone 9 nằm ngoài khoảng (1..4)"),
    cli("record-unknown-task", "record", "9.99", "--status", "done", fragment="không có nhiệm vụ số '9.99'"),
]
