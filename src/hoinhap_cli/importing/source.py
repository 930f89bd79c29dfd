"""A plan document read from its bytes: the layout is recognised from the content, not the name.

UTF-8 (a BOM allowed), UTF-16 with its BOM, or an HTML page in the charset it declares; a zip
is a Word file. The readers of each layout turn it into one `Document` (importing.document).
"""

from __future__ import annotations

import re
from pathlib import Path

from hoinhap_cli.importing.document import Document, Unreadable
from hoinhap_cli.importing.docx_layout import read_docx
from hoinhap_cli.importing.html_layout import read_html
from hoinhap_cli.importing.text_layouts import read_text
from hoinhap_cli.words.problems import words


def _decoded(raw: bytes) -> str:
    """UTF-8 (a BOM allowed), UTF-16 with its BOM, or an HTML page in the charset it declares
    (older Vietnamese pages: windows-1258); anything else is refused, not guessed."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", raw[:4096], re.IGNORECASE)
        if declared:
            try:
                return raw.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise Unreadable(words("import.err.encoding", offset=err.start)) from None


def read(path: Path, max_bytes: int = 50_000_000) -> Document:
    """The document at `path`, its layout recognised from its content."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise Unreadable(words("import.err.not_file"))
        if size > max_bytes:
            raise Unreadable(words("import.err.too_big", mb=max_bytes // 1_000_000))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise Unreadable(words("import.err.missing")) from None
    except IsADirectoryError:
        raise Unreadable(words("import.err.not_file")) from None
    except OSError as err:
        raise Unreadable(words("import.err.os", error=err.strerror or str(err))) from None
    if raw.startswith(b"PK\x03\x04"):
        return read_docx(path, raw)
    text = _decoded(raw)
    if not text.strip():
        raise Unreadable(words("import.err.empty"))
    head = text.lstrip()[:2000].lower()
    if head.startswith("<") and ("<html" in head or "<table" in text.lower() or "<body" in head or "<p" in head):
        return read_html(path, text)
    return read_text(path, text)
