"""`tasks`, `show`, `units`, `programs` end to end, answers checked against the document."""

from __future__ import annotations

import csv
import io
import json

import pytest
import typer.main

from conftest import SHIPPED, Cli, hoinhap
from hoinhap_cli.cli import app
from hoinhap_cli.render.render import Output


def task_ids(*args: str) -> list[str]:
    result = hoinhap("tasks", *args, "--format", "json", data=SHIPPED)
    assert result.exit_code == 0, result.output
    return [t["id"] for t in json.loads(result.stdout)]


# ------------------------------------------------------------------ the coordinator's questions


def test_what_phong_kinh_te_leads():
    # appendix: 1.2, 2.2, 2.3, 2.4, 2.10 (with Công ty CP Thủ Thiêm), 2.11 name "Phòng Kinh tế" as chủ trì
    expected = ["1.2", "2.2", "2.3", "2.4", "2.10", "2.11"]
    assert task_ids("--unit", "phong kinh te", "--role", "lead") == expected
    assert task_ids("--unit", "Phòng Kinh tế", "--role", "lead") == expected
    assert task_ids("--unit", "phong-kinh-te", "--role", "lead") == expected


def test_what_qldt_leads():
    # "Phòng QLĐT" / "Phòng Quản lý Đô thị" in the Cơ quan chủ trì cell of: 3.1.1–3.1.5, 3.2.1, 3.2.2,
    # 3.2.5, 3.3.2, 3.3.3, 3.3.4, 3.4.3, 4.1, 4.2, 6.4
    expected = ["3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5", "3.2.1", "3.2.2", "3.2.5",
                "3.3.2", "3.3.3", "3.3.4", "3.4.3", "4.1", "4.2", "6.4"]
    assert task_ids("--unit", "qldt", "--role", "lead") == expected
    assert task_ids("--unit", "QLĐT", "--role", "lead") == expected
    assert task_ids("--unit", "Phòng Quản lý đô thị", "--role", "lead") == expected


def test_what_falls_due_in_2009():
    # Worked out from "Thời gian hoàn thành": a 2009 year/quarter/date/span end, plus the two
    # recurring duties (1.2 "hàng năm", 8 "Cuối mỗi quý và cuối các năm").
    dated = ["1.1", "1.3", "2.1", "2.5", "2.7", "2.10", "2.10a", "3.1.1", "3.1.3", "3.2.2", "3.2.3",
             "3.2.4a", "3.3.2", "3.3.3", "3.4.1", "3.4.2", "3.4.3", "4.1", "4.2", "5.4", "6.4"]
    assert task_ids("--due-in", "2009", "--no-recurring") == dated
    assert set(task_ids("--due-in", "2009")) == set(dated) | {"1.2", "6.1", "8"}  # 6.1: "thường xuyên hành năm"
    # "by 2010" (2.7a, 3.1.4, 3.3.4, 5.1) is due at the end of 2010, not in 2009
    assert not {"2.7a", "3.1.4", "5.1"} & set(task_ids("--due-in", "2009"))
    # 2.5 "Từ quý IV - 2008 đến quý II - 2009" is due 2009-06-30; 2.10's Q3 and Q4
    assert task_ids("--due-in", "2009-H1", "--no-recurring") == ["2.5"]
    assert "2.10" in task_ids("--due-in", "2009-Q3") and "2.10" in task_ids("--due-in", "2009-10-01..2009-12-31")
    assert task_ids("--due-in", "2009", "--due-before", "2009-06-30", "--no-recurring") == ["2.5"]


def test_ongoing_and_event_bound_need_their_flags():
    ongoing = ["2.2", "2.3", "2.6", "2.8", "2.9", "2.11", "3.1.5", "3.2.1", "3.2.5", "3.3.1",
               "5.2", "5.3", "5.5", "6.1", "6.2", "7.1"]
    assert set(ongoing) & set(task_ids("--due-in", "2009")) == {"6.1"}  # its yearly part ("hành năm") is due
    assert set(ongoing) <= set(task_ids("--due-in", "2009", "--include-ongoing"))
    assert "2.4" not in task_ids("--due-in", "2009")
    assert "2.4" in task_ids("--due-in", "2009", "--include-pending")


def test_what_programme_3_2_holds(cli: Cli):
    assert task_ids("--program", "3.2") == ["3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.2.4a", "3.2.5"]
    assert len(task_ids("--program", "3")) == 18
    result = cli("tasks", "--program", "9", data=SHIPPED)
    assert result.exit_code == 2 and "9" in result.stderr


def test_what_concerns_cat_lai_marks_the_group(cli: Cli):
    result = cli("tasks", "--unit", "cat lai", "--format", "json", data=SHIPPED)
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    # Cát Lái is never named alone in a unit cell: everything reaches it via "UBND 11 phường", or via
    # the "related wards" of 3.1.2 ("UBND các phường liên quan") and 3.2.4/3.2.4a ("… và phường có liên quan")
    related = {"3.1.2": "ubnd-cac-phuong-lien-quan", "3.2.4": "ubnd-cac-phuong-lien-quan",
               "3.2.4a": "ubnd-cac-phuong-lien-quan"}
    assert rows and all(inv["via"] == related.get(r["id"], "ubnd-11-phuong") for r in rows for inv in r["involvement"])
    got = [r["id"] for r in rows]
    assert {"1.2", "1.3", "4.1", "4.2", "8"} <= set(got) and "2.10" not in got  # 2.10: Thạnh Mỹ Lợi only
    lead = [r["id"] for r in rows if any(i["role"] == "lead" for i in r["involvement"])]
    assert lead == ["3.1.2", "4.1", "4.2", "8"]  # "UNND 11 phường" (typo) leads 4.1, 4.2; programme 8
    table = cli("tasks", "--unit", "Cát Lái", "--program", "4", env={"COLUMNS": "200"}, data=SHIPPED).stdout
    assert "chủ trì (qua UBND" in table  # the role column wraps after that
    en = cli("tasks", "--unit", "Cát Lái", "--program", "4", "--lang", "en", "--format", "csv", data=SHIPPED).stdout
    assert list(csv.reader(io.StringIO(en)))[1][6] == "lead (via UBND 11 phường)"


def test_search_without_diacritics():
    assert task_ids("--search", "cum cong nghiep") == ["2.10"]
    assert task_ids("--search", "CỤM CÔNG NGHIỆP") == ["2.10"]


def test_filters_combine_and_several_units_mean_any():
    kt = set(task_ids("--unit", "phong kinh te"))
    yt = set(task_ids("--unit", "phong y te"))
    assert set(task_ids("--unit", "phong kinh te", "--unit", "phong y te")) == kt | yt
    assert task_ids("--unit", "phong kinh te", "--role", "lead", "--due-in", "2009", "--no-recurring") == ["2.10"]


def test_sort_by_next_due_date(cli: Cli):
    rows = json.loads(cli("tasks", "--program", "2", "--sort", "due", "--format", "json", data=SHIPPED).stdout)
    dues = [r["next_due"] for r in rows]
    dated = [d for d in dues if d]
    assert dated == sorted(dated) and dues[: len(dated)] == dated  # undated (ongoing, awaiting) last
    assert rows[0]["id"] == "2.10"  # 2008-Q3, the earliest deadline of programme 2


def test_natural_order_of_ids():
    got = task_ids("--program", "2")
    assert got == ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.7a", "2.8", "2.9", "2.10", "2.10a", "2.11"]


# ------------------------------------------------------------------ unit texts that do not resolve


def test_ambiguous_unit_lists_candidates_and_exits_2(cli: Cli):
    result = cli("tasks", "--unit", "kinh te", data=SHIPPED)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "phong-kinh-te" in result.stderr and "vien-kinh-te" in result.stderr


def test_unknown_unit_suggests_nearest_and_exits_2(cli: Cli):
    result = cli("tasks", "--unit", "Phong Kinh te quan 9", data=SHIPPED)
    assert result.exit_code == 2
    assert "Phong Kinh te quan 9" in result.stderr and "Phòng Kinh tế" in result.stderr
    en = cli("tasks", "--unit", "zzz", "--lang", "en", data=SHIPPED)
    assert en.exit_code == 2 and "no unit named 'zzz'" in en.stderr and "hint: " in en.stderr
    assert "gợi ý: " in result.stderr


def test_bad_dates_are_usage_errors(cli: Cli):
    result = cli("tasks", "--due-before", "2009-02-30", data=SHIPPED)
    assert result.exit_code == 2 and "2009-02-30" in result.stderr


# ------------------------------------------------------------------ show


def test_show_everything_about_a_task(cli: Cli):
    result = cli("show", "2,10", data=SHIPPED)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Nhiệm vụ 2.10")
    for words in ("Triển khai thực hiện đề án cụm công nghiệp", "Công ty Cổ phần Thủ Thiêm",
                  "Quý III/2009.", "2009-09-30", "Xây dựng nhà xưởng", "UBND phường TML",
                  "Tiến độ đã báo cáo", "chưa có"):
        assert words in out, words
    assert "Reported progress" in cli("show", "2.10", "--lang", "en", data=SHIPPED).stdout


def test_show_json_is_the_task_record_plus_history(cli: Cli):
    shown = json.loads(cli("show", " 3.2.4A ", "--format", "json", data=SHIPPED).stdout)
    exported = next(t for t in json.loads(cli("export", data=SHIPPED).stdout)["tasks"] if t["id"] == "3.2.4a")
    added = ("status", "status_date", "current_milestone", "milestone_status", "history")
    assert {k: v for k, v in shown.items() if k not in added} == exported
    assert shown["history"] == [] and shown["status"] == "not-started" and shown["status_date"] is None
    assert shown["units_from"] == "3.2.4"


def test_show_markdown_and_unknown_ids(cli: Cli):
    md = cli("show", "2.4", "--format", "md", data=SHIPPED).stdout
    assert md.startswith("## Nhiệm vụ 2.4") and "### Thời gian hoàn thành" in md and "_chưa có_" in md
    assert "Sau khi được Thành phố phê duyệt" in md
    result = cli("show", "2.100", data=SHIPPED)
    assert result.exit_code == 2 and "2.10" in result.stderr and result.stdout == ""


# ------------------------------------------------------------------ units, programs


def test_units_counts_kind_and_search(cli: Cli):
    rows = json.loads(cli("units", "--format", "json", data=SHIPPED).stdout)
    kt = next(r for r in rows if r["id"] == "phong-kinh-te")
    assert (kt["lead_count"], kt["support_count"], kt["via_group_count"]) == (6, 3, 0)
    assert kt["name"] == "Phòng Kinh tế" and kt["aliases"] == ["Phòng Kinh tế quận"]
    wards = json.loads(cli("units", "--kind", "ubnd phuong", "--format", "json", data=SHIPPED).stdout)
    assert len(wards) == 11 and all(w["kind"] == "ubnd phường" for w in wards)
    assert [w["id"] for w in json.loads(cli("units", "--search", "cat lai", "--format", "json",
                                            data=SHIPPED).stdout)] == \
        ["ubnd-phuong-cat-lai"]
    assert cli("units", "--kind", "xyz", data=SHIPPED).exit_code == 2


def test_programs_counts(cli: Cli):
    rows = {r["id"]: r for r in json.loads(cli("programs", "--format", "json", data=SHIPPED).stdout)}
    assert rows["3.2"]["tasks"] == ["3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.2.4a", "3.2.5"]
    assert rows["3.2"]["task_count"] == 6 and rows["3.2"]["kind"] == "section"
    assert [r for r in rows if "." not in r] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert rows["8"]["milestone_count"] == 2  # every quarter, every year


# ------------------------------------------------------------------ output: one contract for every format


def test_every_format_parses_back_to_the_same_rows(cli: Cli):
    args = ("tasks", "--unit", "phong kinh te", "--role", "lead")
    as_json = json.loads(cli(*args, "--format", "json", data=SHIPPED).stdout)
    ids = [r["id"] for r in as_json]
    exported = {t["id"]: t for t in json.loads(cli("export", data=SHIPPED).stdout)["tasks"]}
    for r in as_json:  # the export's objects, with extra keys only
        assert {k: v for k, v in r.items() if k in exported[r["id"]]} == exported[r["id"]]

    table = list(csv.reader(io.StringIO(cli(*args, "--format", "csv", data=SHIPPED).stdout)))
    assert table[0][0] == "Số TT" and [row[0] for row in table[1:]] == ids
    assert len({len(row) for row in table}) == 1

    md = [line for line in cli(*args, "--format", "md", data=SHIPPED).stdout.splitlines() if line.startswith("|")]
    header, rule, body = md[0], md[1], md[2:]
    n = header.count(" | ") + 1
    assert set(rule.replace("|", "").split()) == {"---"} and rule.count("---") == n
    assert [line.split(" | ")[0].lstrip("| ") for line in body] == ids

    text = cli(*args, data=SHIPPED).stdout
    assert all(i in text for i in ids) and "\x1b[" not in text  # not a terminal: no colour


def test_csv_bom_and_headings_in_both_languages(cli: Cli):
    vi = cli("units", "--format", "csv", "--bom", data=SHIPPED).stdout
    assert vi.startswith("\ufeffMã,Đơn vị")
    en = cli("units", "--format", "csv", "--lang", "en", data=SHIPPED).stdout
    assert en.startswith("Id,Unit,")
    assert cli("units", "--format", "csv", env={"HOINHAP_LANG": "en"}, data=SHIPPED).stdout.startswith("Id,Unit,")
    # JSON keys stay English whatever the language
    assert json.loads(cli("units", "--format", "json", "--lang", "vi", data=SHIPPED).stdout)[0]["lead_count"] >= 0


@pytest.mark.parametrize("command", ["tasks", "units"])
def test_empty_results_exit_0_with_valid_output(command, cli: Cli):
    nothing = ["--search", "khongcogi nhuthenay"]
    as_json = cli(command, *nothing, "--format", "json", data=SHIPPED)
    assert as_json.exit_code == 0 and json.loads(as_json.stdout) == []
    as_csv = cli(command, *nothing, "--format", "csv", data=SHIPPED)
    assert as_csv.exit_code == 0 and len(list(csv.reader(io.StringIO(as_csv.stdout)))) == 1
    as_table = cli(command, *nothing, data=SHIPPED)
    assert as_table.exit_code == 0 and "không có dòng nào khớp" in as_table.stderr


def test_table_fits_80_columns_and_no_color_env(cli: Cli):
    out = cli("tasks", "--program", "2", env={"NO_COLOR": "1", "COLUMNS": "80"}, data=SHIPPED).stdout
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 80
    assert "\x1b[" not in out
    wide = cli("tasks", "--program", "2", env={"COLUMNS": "140"}, data=SHIPPED).stdout
    assert max(len(line.rstrip()) for line in wide.splitlines()) > 80


# ------------------------------------------------------------------ help


def test_every_command_has_a_summary_and_an_example(cli: Cli):
    group = typer_group()
    names = group.list_commands(group.context_class(group))
    assert {"tasks", "show", "units", "programs"} <= set(names)
    for name in names:
        command = group.get_command(group.context_class(group), name)
        result = cli(name, "--help", env={"HOINHAP_LANG": "en"})
        assert result.exit_code == 0, name
        assert command.help and command.help.strip().splitlines()[0], name
        assert "Example" in result.stdout, name


def typer_group():
    return typer.main.get_command(app)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color(monkeypatch):
    assert Output(out=_Tty()).use_color() is True
    assert Output(out=io.StringIO()).use_color() is False
    assert Output(out=_Tty(), color=False).use_color() is False  # --no-color
    monkeypatch.setenv("NO_COLOR", "1")
    assert Output(out=_Tty()).use_color() is False
