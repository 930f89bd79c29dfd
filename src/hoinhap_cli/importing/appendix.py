"""The appendix table found and its rows classified (`tasks` then makes groups and tasks of them).

Column roles come from the header row, in any order, some absent. Header rows repeated inside
the table and tables that continue one another (a page break) are read as one table. A row is
a group when its label is a section label (I, A, 5.1 …) and it names no unit, result or time;
a task when it is numbered; an unnumbered row right under a group is that group's task, an
unnumbered row that continues a sentence is the row above split by a page break, and any
other is a sub-row whose blank cells continue the merged cells of the row above (`inherits`).
"""

from __future__ import annotations

import re

from hoinhap_cli.importing.document import Cell, Document, Row, Table
from hoinhap_cli.importing.tasks import DIGITS, LETTER, ROMAN, Appendix, Builder, RawRow
from hoinhap_cli.words.text import fold

ROLES: list[tuple[str, str]] = [
    ("number", r"^(s[o6]\s*)?tt$|^stt$|^so thu tu$|^tt\.?$"),
    ("support", r"phoi hop"),
    ("lead", r"chu tri|don vi thuc hien|co quan thuc hien|don vi thuc hien"),
    ("title", r"nhiem vu|noi dung|cong viec|ten de an"),
    ("product", r"san pham|ket qua"),
    ("start", r"bat dau|khoi cong"),  # a start column beside the deadline: not read
    ("due", r"thoi gian|thoi han|tien do|hoan thanh|ket thuc"),
    ("funding", r"kinh phi|nguon von"),
    ("remarks", r"ghi chu"),
]
_SUBHEADER = re.compile(r"^(chu tri|phoi hop|bat dau|ket thuc|hoan thanh|co quan|don vi|thoi gian|thoi han)")


def roles_of(row: Row) -> dict[str, int] | None:
    """Column roles of a header row, or None when the row is no header of a task table."""
    roles: dict[str, int] = {}
    for n, cell in enumerate(row.cells):
        f = fold(cell.text).strip(" .*:")
        for role, pattern in ROLES:
            if role not in roles and re.search(pattern, f):
                roles[role] = n
                break
    return roles if "title" in roles and "lead" in roles else None


def task_tables(doc: Document) -> list[tuple[dict[str, int], list[Row]]]:
    """The task tables, each with its column roles and its rows (continuations joined)."""
    found: list[tuple[dict[str, int], list[Row]]] = []
    width = 0
    for table in doc.tables:
        header_at = next((k for k, row in enumerate(table.rows[:3]) if roles_of(row)), None)
        if header_at is not None:
            head_row = table.rows[header_at]
            below = table.rows[header_at + 1] if header_at + 1 < len(table.rows) else None
            skip = 1
            if below is not None and _is_subheader(below, head_row):  # "Cơ quan thực hiện" over "Chủ trì | Phối hợp"
                head_row, skip = _combined(head_row, below), 2
            roles = roles_of(head_row)
            assert roles is not None
            header = [fold(c.text) for c in table.rows[header_at].cells]
            sub = [fold(c.text) for c in below.cells] if skip == 2 and below is not None else None
            rows = [r for r in table.rows[header_at + skip:]
                    if not _repeated_header(r, header) and not (sub and [fold(c.text) for c in r.cells] == sub)]
            if found and len(table.rows[header_at].cells) == width and found[-1][0] == roles and header_at == 0 \
                    and doc.layout in ("html", "docx"):
                found[-1][1].extend(_continued(rows, table))  # the header repeated at a page break
            else:
                found.append((roles, rows))
                width = len(table.rows[header_at].cells)
        elif found and table.rows and len(table.rows[0].cells) == width:
            found[-1][1].extend(_continued(table.rows, table))
    return found


def _is_subheader(row: Row, header: Row) -> bool:
    """A second header row: no number, and every cell a header word or the header's own text."""
    texts = [fold(c.text).strip(" .*:") for c in row.cells]
    heads = [fold(c.text).strip(" .*:") for c in header.cells]
    if not any(texts) or (texts and re.match(r"^\d", texts[0])):
        return False
    return all(not t or _SUBHEADER.match(t) or t == h for t, h in zip(texts, heads))


def _combined(header: Row, sub: Row) -> Row:
    cells = []
    for h, s in zip(header.cells, sub.cells):
        text = h.text if not s.text.strip() or fold(s.text) == fold(h.text) else f"{h.text} {s.text}"
        cells.append(Cell(text, h.pos, h.merged))
    return Row(cells)


def _continued(rows: list[Row], table: Table) -> list[Row]:
    if rows:
        rows[0].joined = rows[0].joined or table.pos
    return rows


def _repeated_header(row: Row, header: list[str]) -> bool:
    texts = [fold(c.text) for c in row.cells]
    if texts == header:
        return True
    return all(re.fullmatch(r"\(?\d+\)?|", t) for t in texts) and any(texts)


def read_appendix(doc: Document) -> Appendix | None:
    tables = task_tables(doc)
    if not tables:
        return None
    reader = _Reader()
    for roles, rows in tables:
        if rows:  # a new appendix table: its groups start afresh, under the heading above it
            reader.raw.append(RawRow("table", _heading(doc, rows[0].pos.line or 0), {}, rows[0].pos))
        for row in rows:
            reader.row(roles, row)
    line = min((rows[0].pos.line or 0) for _, rows in tables if rows)
    return Builder(reader.raw).build(line)


def _heading(doc: Document, line: int) -> str:
    """The last heading in capitals above a table ("PHỤ LỤC II", "DANH MỤC …"), for its tasks' group."""
    above = [t for n, t in doc.paragraphs if n < line][-6:]
    heads = [t for t in above if t.isupper() and len(t) > 12 and not t.startswith("(")]
    return heads[-1] if heads else ""


def _text(row: Row, roles: dict[str, int], role: str) -> Cell | None:
    n = roles.get(role)
    if n is None or n >= len(row.cells):
        return None
    return row.cells[n]


def _label(text: str) -> str:
    return text.replace("*", "").strip().rstrip(".").strip()


class _Reader:
    def __init__(self) -> None:
        self.raw: list[RawRow] = []

    def row(self, roles: dict[str, int], row: Row) -> None:
        cells = {role: c for role in [r for r, _ in ROLES] if (c := _text(row, roles, role)) is not None}
        texts = {role: c.text.strip() for role, c in cells.items()}
        if not any(texts.values()):
            return
        if self._another_lead(cells):
            return
        number = texts.get("number", "")
        label = _label(number)
        title = texts.get("title", "")
        others = [texts.get(r, "") for r in ("lead", "support", "product", "due", "funding")]
        blank_others = all(not t or t == title or t == number for t in others)
        inline = re.match(r"^(?:Phần\s+|PHẦN\s+)?([IVXL]+|[A-ZĐ])[.:]\s+(\S.*)$", title, re.DOTALL)
        if not label and inline and blank_others and (ROMAN.match(inline[1]) or LETTER.match(inline[1])):
            self.raw.append(RawRow("group", inline[1], {**cells, "title": Cell(inline[2], cells["title"].pos)},
                                 row.pos))  # "| | I. NHIỆM VỤ CHUNG | | |": the label inside the title cell
            return
        if "number" not in roles:  # no number column: every row a task, numbered in order
            self.raw.append(RawRow("task", str(sum(r.kind == "task" for r in self.raw) + 1), cells, row.pos))
            return
        if label and (ROMAN.match(label) or LETTER.match(label)) and (blank_others or not texts.get("lead")):
            self.raw.append(RawRow("group", label, cells, row.pos))
        elif label and DIGITS.match(label) and blank_others and title:
            self.raw.append(RawRow("group", label, cells, row.pos))
        elif label:
            self.raw.append(RawRow("task", label, cells, row.pos))
        elif self.raw and self.raw[-1].kind not in ("group", "table") and _continues(self.raw[-1], cells, row):
            above = self.raw[-1]
            for role, cell in cells.items():
                if cell.text.strip() and role != "number":
                    old = above.cells.get(role)
                    sep = " " if old and old.text and not cell.text[:1].isupper() else "\n"
                    merged = (old.text + sep + cell.text) if old and old.text else cell.text
                    above.cells[role] = Cell(merged.strip(), old.pos if old else cell.pos)
            above.joined.append(row.joined or row.pos)
        else:
            self.raw.append(RawRow("sub", "", cells, row.pos))

    def _another_lead(self, cells: dict[str, Cell]) -> bool:
        """A row whose number and task cells are the merged cells of the task above, with a lead of
        its own and no cell of its own but the supporters: that task's next lead (a pair)."""
        above = self.raw[-1] if self.raw else None
        lead, title, number = cells.get("lead"), cells.get("title"), cells.get("number")
        if above is None or above.kind in ("group", "table") or lead is None or title is None:
            return False
        first = above.cells.get("lead")
        if not (title.merged and (number is None or number.merged) and not lead.merged and lead.text.strip()
                and first is not None and not first.merged and first.text.strip()):
            return False
        if any(c.text.strip() and not c.merged for r, c in cells.items() if r not in ("number", "title", "lead",
                                                                                        "support")):
            return False  # a deadline or product of its own: a row of its own
        above.leads.append(cells)
        return True


def _continues(above: RawRow, cells: dict[str, Cell], row: Row) -> bool:
    """An unnumbered row that carries on the row above across a page break: its title goes on
    mid-sentence (a lower-case start, an opening bracket, the row above ending without a full
    stop or colon) and it names no unit of its own."""
    title = cells["title"].text.strip() if "title" in cells else ""
    if not title or title.startswith(("-", "+", "•")):
        return False
    if any(cells[r].text.strip() for r in ("lead",) if r in cells):
        return False
    above_title = above.cells["title"].text.strip() if "title" in above.cells else ""
    return title[:1].islower() or title.startswith("(") or (bool(above_title) and above_title[-1:] in ";,")


