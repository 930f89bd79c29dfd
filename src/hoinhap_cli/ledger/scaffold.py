"""`hoinhap init`: the files of a new ledger, written only when none of them exists."""

from __future__ import annotations

from pathlib import Path

from hoinhap_cli.files.files import create_new
from hoinhap_cli.files.paths import PLAN_NAME, REPORTS_DIR, bundled_plan
from hoinhap_cli.model.schemas import schema_text
from hoinhap_cli.words.problems import UsageError, words

README = """\
# Sổ theo dõi nhiệm vụ — Quyết định 02/2008/QĐ-UBND

Kế hoạch (`data/plan.yaml`) và báo cáo tiến độ của từng đơn vị theo quý
(`data/reports/<YYYY-Qn>/<mã-đơn-vị>.yaml`), theo dõi bằng `hoinhap` và git.

A task ledger kept with `hoinhap`: the plan in `data/plan.yaml`, each unit's quarterly report in
`data/reports/<YYYY-Qn>/<unit-id>.yaml`.

```sh
hoinhap check          # kiểm tra dữ liệu / validate the data
hoinhap diff HEAD~1    # nội dung sửa đổi của lần sửa kế hoạch gần nhất / what the last amendment changed
```

Editors that read the `# yaml-language-server:` line at the top of `data/plan.yaml` validate it
against `schema/plan.schema.json` as you type.
"""

GITATTRIBUTES = """\
# One line ending everywhere, so diffs show only real edits.
*.yaml text eol=lf
*.yml text eol=lf
*.md text eol=lf
*.json text eol=lf
"""


def files(root: Path) -> dict[Path, bytes]:
    """Every file a new ledger gets, by path."""
    return {
        root / "data" / PLAN_NAME: bundled_plan().read_bytes(),
        root / "data" / REPORTS_DIR / ".gitkeep": b"",
        root / "schema" / "plan.schema.json": schema_text("plan").encode("utf-8"),
        root / "schema" / "report.schema.json": schema_text("report").encode("utf-8"),
        root / "README.md": README.encode("utf-8"),
        root / ".gitattributes": GITATTRIBUTES.encode("utf-8"),
    }


def create(root: Path) -> list[Path]:
    """Write a new ledger under root; refuse, writing nothing, if any of its files exists."""
    if root.exists() and not root.is_dir():
        raise UsageError(words("init.not_folder", root=root))
    planned = files(root)
    # data/reports/ too: a ledger's reports must not sit beside a plan they were not written for
    existing = [p for p in [*planned, root / "data" / REPORTS_DIR] if p.exists() or p.is_symlink()]
    if existing:
        raise UsageError(words("init.exists", paths=", ".join(str(p) for p in existing)), [words("init.exists.hint")])
    for path, content in planned.items():
        create_new(path, content)  # never replaces a file that appeared meanwhile; a shared folder stays shared
    return list(planned)
