"""The same documents as Word files made by a real office program import to the same drafts:
each text copy is rendered as HTML, LibreOffice writes the .docx (its own tables), and the
draft read back equals the text copy's. Skipped when LibreOffice (soffice) is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from import_docs import KH310, NQ03, SEED, draft, html_of, run_import, shared_plan

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def to_docx(sources: dict[str, Path], folder: Path) -> dict[str, Path]:
    """Each source rendered as HTML, then turned into .docx by LibreOffice, in one run."""
    pages = []
    for name, source in sources.items():
        page = folder / f"{name}.html"
        page.write_text(html_of(source), encoding="utf-8")
        pages.append(str(page))
    assert SOFFICE is not None
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(folder), *pages],
                   check=True, capture_output=True, timeout=300)
    return {name: folder / f"{name}.docx" for name in sources}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("docx")
    sources = {"seed": SEED}
    for name, file in (("nq03", NQ03), ("kh310", KH310)):
        try:
            sources[name] = shared_plan(file)
        except pytest.skip.Exception:
            continue
    made = to_docx(sources, folder)
    return {name: (sources[name], made[name]) for name in sources}


@pytest.mark.parametrize("name", ["seed", "nq03", "kh310"])
def test_the_word_file_imports_to_the_same_draft(name: str, documents: dict[str, tuple[Path, Path]],
                                                 tmp_path: Path) -> None:
    if name not in documents:
        pytest.skip(f"../shared/plans/ has no document for {name}")
    text, word = documents[name]
    assert word.read_bytes()[:2] == b"PK"
    code_text, _, _ = run_import(text, tmp_path / "from-text")
    code_word, _, err = run_import(word, tmp_path / "from-word")
    assert code_word == code_text, err
    assert "Word (.docx)" in err
    assert draft(tmp_path / "from-word") == draft(tmp_path / "from-text")
