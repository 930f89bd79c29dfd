"""Words on the signed page: a Vietnamese run says everything in Vietnamese — PyYAML's and
pydantic's problems, the status words a file may use, click's usage line, the deadlines, the
report duties — and the review words the plan's amendments exactly as `hoinhap diff` does."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SHIPPED, hoinhap
from scripted2009 import build
from hoinhap_cli.periods import deadline_words, parse_deadline
from test_language import english_words

TODAY = {"HOINHAP_TODAY": "2010-01-31", "HOINHAP_NO_CACHE": "1"}
# what PyYAML and pydantic say in English; none of it may reach a Vietnamese run
THEIR_ENGLISH = re.compile(r"did not find|expected|mapping values|while (parsing|scanning)|found (character|unexp)"
                           r"|could not|not allowed| or '|Input should|valid", re.IGNORECASE)


def _plan(tmp_path: Path, old: str, new: str) -> Path:
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    text = (SHIPPED / "plan.yaml").read_text(encoding="utf-8")
    assert old in text
    (data / "plan.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


@pytest.mark.parametrize(("old", "new"), [
    ('  - id: "3.1.3"\n', '  - id: "3.1.3": x\n'),  # mapping values where none may be
    ('  - id: "3.1.3"\n', '  - id: "3.1.3"\n   oops: 1\n'),  # a key indented wrongly
    ('  - id: "3.1.3"\n', '  - id: "3.1.3"\n    lead: [phong-qldt, \n'),  # a list left open
    ('  - id: "3.1.3"\n', '  - id: "3.1.3"\n    note: @sai\n'),  # a character that starts nothing
    ("  title: >-\n", "  title: >- x: y\n"),  # text after a block indicator
])
def test_a_yaml_syntax_error_is_worded_in_vietnamese(tmp_path: Path, old: str, new: str) -> None:
    data = _plan(tmp_path, old, new)
    result = hoinhap("check", data=data, env=TODAY)
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "plan.yaml:" in x)
    assert re.search(r"plan\.yaml:\d+:\d+: lỗi cú pháp YAML: ", line), line
    assert not THEIR_ENGLISH.search(line) and english_words(line) == [], line
    english = hoinhap("check", "--lang", "en", data=data, env=TODAY).output
    assert "YAML syntax error: " in english  # and English stays English


def test_a_pydantic_refusal_is_worded_in_vietnamese(tmp_path: Path) -> None:
    data = _plan(tmp_path, "every: quarter", "every: month")  # a Literal of the reporting regime
    result = hoinhap("check", data=data, env=TODAY)
    line = next(x for x in result.output.splitlines() if "'month'" in x)
    assert "'quarter', 'half' hoặc 'year'" in line and not THEIR_ENGLISH.search(line), line


def test_check_lists_the_status_words_a_file_may_use(tmp_path: Path) -> None:
    data = _plan(tmp_path, "x", "x")
    assert hoinhap("record", "1.2", "-m", "1", "--status", "đang thực hiện", "--date", "2009-03-25", data=data,
                   env=TODAY).exit_code == 0
    report = data / "reports" / "2009-Q1" / "phong-kinh-te.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("status: in-progress", "status: xong lam"),
                      encoding="utf-8")
    line = next(x for x in hoinhap("check", data=data, env=TODAY).output.splitlines() if "xong lam" in x)
    assert ("'not-started' (chưa thực hiện), 'in-progress' (đang thực hiện), 'done' (hoàn thành), "
            "'blocked' (vướng mắc) hoặc 'dropped' (hủy bỏ)") in line, line
    assert " or " not in line
    report.write_text(report.read_text(encoding="utf-8").replace("status: xong lam", "status: hoàn thành"),
                      encoding="utf-8")  # the words it lists are accepted
    assert hoinhap("check", data=data, env=TODAY).exit_code == 0


def test_the_usage_line_is_worded() -> None:
    assert hoinhap("--help").stdout.splitlines()[0] == "Cách dùng: hoinhap [TÙY CHỌN] LỆNH [THAM SỐ]..."
    assert hoinhap("show", "--help").stdout.startswith("Cách dùng: hoinhap show [TÙY CHỌN] ")
    missing = hoinhap("show")
    assert missing.exit_code == 2 and "[OPTIONS]" not in missing.output and "[TÙY CHỌN]" in missing.output
    english = hoinhap("--help", env={"HOINHAP_LANG": "en"}).stdout
    assert english.splitlines()[0] == "Usage: hoinhap [OPTIONS] COMMAND [ARGS]..."


@pytest.mark.parametrize(("notation", "vi", "en"), [
    ("ongoing", "thường xuyên", "ongoing"),
    ("every year 2009..2010", "hằng năm (2009–2010)", "every year (2009–2010)"),
    ("every quarter", "hằng quý", "every quarter"),
    ("by 2010", "đến năm 2010", "by 2010"),
    ("2009-Q3", "quý III/2009", "Q3 2009"),
    ("2009-06-30", "ngày 30/6/2009", "30 June 2009"),
    ("none", "không nêu", "not given"),
])
def test_deadlines_in_a_report_s_words(notation: str, vi: str, en: str) -> None:
    d = parse_deadline(notation)
    assert deadline_words(d, "vi", formal=True) == vi
    assert deadline_words(d, "en", formal=True) == en
    assert english_words(deadline_words(d, "vi")) == []


def test_an_awaited_event_is_named() -> None:
    d = parse_deadline("after tp-duyet-quy-hoach-cho")
    assert deadline_words(d, "vi", "Thành phố duyệt quy hoạch chợ") == "sau khi: Thành phố duyệt quy hoạch chợ"


@pytest.fixture(scope="module")
def scripted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("words") / "data")


def test_no_deadline_notation_in_the_review(scripted: Path, tmp_path: Path) -> None:
    out = tmp_path / "nam-2009.docx"
    assert hoinhap("summary", "--period", "2009", "--format", "docx", "--out", str(out), data=scripted,
                   env={**TODAY, "HOINHAP_TODAY": "2010-01-08"}).exit_code == 0
    text = "\n".join(docx_text(out))
    for english in ("every year", "every quarter", "ongoing", "by 20", "after tp-"):
        assert english not in text, english
    md = hoinhap("summary", "--period", "2009", "--format", "md", data=scripted, env=TODAY).stdout
    assert "every year" not in md and "hằng năm (2009–2010)" in md


def test_late_reports_name_the_duty_not_its_id(scripted: Path) -> None:
    out = hoinhap("overdue", "--as-of", "2009-12-31", "--reports", data=scripted, env=TODAY, columns=200).stdout
    assert "Báo cáo kết quả thực hiện hàng quý" in out
    assert "don-vi-bao-cao-quy" not in out and "ktt-tong-hop-quy" not in out


def docx_text(path: Path) -> list[str]:
    """Every paragraph and table cell of a Word file, in order."""
    from docx import Document

    doc = Document(str(path))
    out = [p.text for p in doc.paragraphs]
    out += [c.text for table in doc.tables for row in table.rows for c in row.cells]
    return out


def _git(root: Path, *args: str, day: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T10:00:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00"}
    subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false",
                    *args], cwd=root, check=True, capture_output=True, env=env)


def test_the_review_words_amendments_as_diff_does(scripted: Path, tmp_path: Path) -> None:
    """2.10a dropped and 3.1.3 moved from 2009 to 2010 in May 2009: the H1 review lists that one
    amendment — not the commit that created the plan — in diff's words, in Vietnamese."""
    data = tmp_path / "data"
    shutil.copytree(scripted, data)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "kế hoạch ban đầu", day="2009-01-02")
    plan = data / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    start, end = text.index('  - id: "2.10a"\n'), text.index('  - id: "2.11"\n')
    text = text[:start] + text[end:]
    at = text.index('  - id: "3.1.3"\n')
    text = text[:at] + text[at:].replace('- due: "2009"', '- due: "2010"', 1)
    plan.write_text(text, encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "Điều chỉnh kế hoạch", day="2009-05-04")

    diff = hoinhap("diff", "HEAD~1", "HEAD", "--format", "md", data=data, env=TODAY).stdout
    assert "| bỏ | nhiệm vụ 2.10a |" in diff and "| dời thời hạn | nhiệm vụ 3.1.3 | 2009 → 2010 (+365 ngày) |" in diff
    out = tmp_path / "h1.docx"
    assert hoinhap("summary", "--period", "2009-H1", "--format", "docx", "--out", str(out), data=data,
                   env=TODAY).exit_code == 0
    paragraphs = docx_text(out)
    assert "+ dời thời hạn nhiệm vụ 3.1.3: 2009 → 2010 (+365 ngày)" in paragraphs
    assert any(p.startswith("+ bỏ nhiệm vụ 2.10a: ") for p in paragraphs)
    assert not [p for p in paragraphs if "kế hoạch ban đầu" in p]  # the plan's creation is no amendment
    assert not [p for p in paragraphs if re.search(r"\btask\b|removed|deadline|\[-|\{\+", p)]
    md = hoinhap("summary", "--period", "2009-H1", "--format", "md", data=data, env=TODAY).stdout
    assert "  - dời thời hạn nhiệm vụ 3.1.3: 2009 → 2010 (+365 ngày)" in md
