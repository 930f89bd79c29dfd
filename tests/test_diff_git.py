"""`hoinhap diff` end to end on real git repositories in temporary folders."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import MINI_PLAN, Cli, hoinhap
from hoinhap_cli.files import yamldump, yamlio


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(mini: Path) -> Path:
    """A git repository holding data/plan.yaml (the mini plan) in one commit."""
    root = mini.parent
    git(root, "init", "-q")
    git(root, "config", "user.name", "Tester")
    git(root, "config", "user.email", "tester@example.org")
    git(root, "config", "commit.gpgsign", "false")
    commit(root, "the plan")
    return root


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def edit(root: Path, old: str, new: str) -> None:
    plan = root / "data" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")


def changes_json(root: Path, *args: str) -> tuple[int, dict]:
    result = hoinhap("diff", *args, "--format", "json", data=root / "data")
    return result.exit_code, json.loads(result.stdout)


def test_deadline_moved_in_a_commit(repo: Path, cli: Cli) -> None:
    edit(repo, "due: 2008-Q4", "due: 2009-Q2")
    commit(repo, "dời hạn 1.1")
    code, out = changes_json(repo, "HEAD~1", "HEAD")
    assert code == 1
    assert out["old"] == "HEAD~1:data/plan.yaml" and out["new"] == "HEAD:data/plan.yaml" and out["changed"]
    [c] = out["changes"]
    assert (c["kind"], c["id"], c["old"], c["new"], c["days"]) == ("deadline", "1.1", "2008-Q4", "2009-Q2", 181)
    table = cli("diff", "HEAD~1", "HEAD", "--lang", "en", data=repo / "data")
    assert table.exit_code == 1
    assert "deadline moved" in table.stdout and "2008-Q4 → 2009-Q2 (+181 days)" in table.stdout


def test_default_is_head_against_the_working_copy(repo: Path, cli: Cli) -> None:
    assert cli("diff", data=repo / "data").exit_code == 0
    edit(repo, "due: 2008-Q4", "due: 2008-Q3")
    code, out = changes_json(repo)
    assert code == 1 and out["old"] == "HEAD:data/plan.yaml"
    assert out["new"].endswith("plan.yaml") and ":" not in out["new"]
    assert out["changes"][0]["days"] == -92


def test_task_added(repo: Path) -> None:
    (repo / "data" / "plan.yaml").write_text(MINI_PLAN + """\
  - id: "1.2"
    program: "1"
    title: Tổ chức hội thảo về WTO cho doanh nghiệp
    lead: [phong-kinh-te]
    milestones:
      - due: 2009-H1
""", encoding="utf-8")
    commit(repo, "thêm 1.2")
    code, out = changes_json(repo, "HEAD~1", "HEAD")
    assert code == 1
    assert [(c["kind"], c["scope"], c["id"], c["new"]) for c in out["changes"]] == [
        ("added", "task", "1.2", "Tổ chức hội thảo về WTO cho doanh nghiệp")]


def test_unit_reassigned(repo: Path, cli: Cli) -> None:
    edit(repo, "lead: [phong-qldt]", "lead: [phong-kinh-te]")
    commit(repo, "giao 3.2.4 cho Phòng Kinh tế")
    code, out = changes_json(repo, "HEAD~1", "HEAD")
    assert code == 1
    by_task = {c["id"]: c for c in out["changes"]}
    # 3.2.4a takes its units from 3.2.4 (a merged cell), so it is reassigned too
    assert set(by_task) == {"3.2.4", "3.2.4a"}
    assert by_task["3.2.4"]["kind"] == "lead"
    assert by_task["3.2.4"]["added"] == ["phong-kinh-te"] and by_task["3.2.4"]["removed"] == ["phong-qldt"]
    md = cli("diff", "HEAD~1", "HEAD", "--format", "md", data=repo / "data")
    assert "| đổi cơ quan chủ trì | nhiệm vụ 3.2.4 | + phong-kinh-te; − phong-qldt |" in md.stdout


def test_product_edited(repo: Path) -> None:
    edit(repo, "products: [Chương trình phát thanh]", "products: [Chương trình phát thanh và truyền hình]")
    commit(repo, "sửa sản phẩm")
    code, out = changes_json(repo, "HEAD~1", "HEAD")
    assert code == 1
    [c] = out["changes"]
    assert (c["kind"], c["id"]) == ("products", "1.1")
    assert c["words"] == "Chương trình phát thanh {+và truyền hình+}"


def test_reformat_only_commit_is_no_change_in_substance(repo: Path, cli: Cli) -> None:
    doc, _ = yamlio.parse(MINI_PLAN, "mini")
    data = doc.data  # type: ignore[union-attr]
    data["tasks"].reverse()
    data["units"].reverse()
    reformatted = yamldump.dump(data)  # no comments, block style, other quoting
    assert reformatted != MINI_PLAN and "# a small plan" not in reformatted
    (repo / "data" / "plan.yaml").write_text(reformatted, encoding="utf-8")
    commit(repo, "định dạng lại")
    assert git(repo, "diff", "--stat", "HEAD~1", "HEAD").strip()  # git sees a change
    result = cli("diff", "HEAD~1", "HEAD", data=repo / "data")
    assert result.exit_code == 0
    assert "không có thay đổi về nội dung" in result.stdout
    code, out = changes_json(repo, "HEAD~1", "HEAD")
    assert code == 0 and out["changed"] is False and out["changes"] == []
    assert "no change in substance" in cli("diff", "HEAD~1", "HEAD", "--lang", "en", data=repo / "data").stdout


def test_renumbered_task(repo: Path) -> None:
    edit(repo, '- id: "1.1"', '- id: "1.5"')
    commit(repo, "đánh lại số")
    code, out = changes_json(repo, "HEAD~1", "HEAD")
    assert code == 1
    assert [(c["kind"], c["old"], c["new"]) for c in out["changes"]] == [("renumbered", "1.1", "1.5")]


def test_files_compares_two_files_without_git(mini: Path, tmp_path: Path, cli: Cli) -> None:
    other = tmp_path / "new.yaml"
    other.write_text(MINI_PLAN.replace("due: by 2010", "due: 2010-H1"), encoding="utf-8")
    result = cli("diff", "--files", str(mini / "plan.yaml"), str(other), "--format", "json")
    assert result.exit_code == 1
    [c] = json.loads(result.stdout)["changes"]
    assert (c["id"], c["old"], c["new"], c["days"]) == ("3.2.4a", "by 2010", "2010-H1", -184)


def test_not_a_git_repository(mini: Path, cli: Cli) -> None:
    result = cli("diff", data=mini.parent / "data")
    assert result.exit_code == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "không nằm trong kho git" in line


def test_unknown_revision(repo: Path, cli: Cli) -> None:
    result = cli("diff", "no-such-tag", data=repo / "data")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert "không có phiên bản 'no-such-tag' trong kho git" in line


def test_option_looking_revision_is_refused(repo: Path, cli: Cli) -> None:
    result = cli("diff", "--", "--output=/tmp/x", data=repo / "data")
    assert result.exit_code == 2
    assert "'--output=/tmp/x' không phải là một phiên bản" in result.stderr


def test_plan_invalid_at_a_revision(repo: Path, cli: Cli) -> None:
    edit(repo, "    lead: [phong-qldt]", "    lead_unit: [phong-qldt]")
    commit(repo, "hỏng")
    edit(repo, "    lead_unit: [phong-qldt]", "    lead: [phong-qldt]")  # fixed in the working copy
    result = cli("diff", data=repo / "data")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    expected_line = MINI_PLAN.splitlines().index("    lead: [phong-qldt]") + 1
    assert line.startswith(f"HEAD:data/plan.yaml:{expected_line}:5: ")
    assert "lead_unit" in line


def test_plan_missing_at_a_revision(repo: Path, cli: Cli) -> None:
    git(repo, "mv", "data/plan.yaml", "data/plan-old.yaml")
    commit(repo, "move")
    git(repo, "mv", "data/plan-old.yaml", "data/plan.yaml")
    result = cli("diff", data=repo / "data")
    assert result.exit_code == 2
    assert "data/plan.yaml không có ở phiên bản HEAD" in result.stderr
