"""The appendix table read into groups and task rows.

Column roles come from the header row, in any order, some absent. Header rows repeated inside
the table and tables that continue one another (a page break) are read as one table. A row is
a group when its label is a section label (I, A, 5.1 …) and it names no unit, result or time;
a task when it is numbered; an unnumbered row right under a group is that group's task, an
unnumbered row that continues a sentence is the row above split by a page break, and any
other is a sub-row whose blank cells continue the merged cells of the row above (`inherits`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hoinhap_cli.importing.deadlines import Reading, read_cell
from hoinhap_cli.importing.source import Cell, Document, Pos, Row, Table
from hoinhap_cli.importing.units import Choice, Registry, split_cell
from hoinhap_cli.text import fold

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
FIELDS = ("due", "products", "funding", "lead", "support")
_ROMAN = re.compile(r"^[IVXL]+\.?$")
_LETTER = re.compile(r"^[A-ZĐ]\.?$")
_DIGITS = re.compile(r"^\d+(\.\d+)*\.?$")
_SUBHEADER = re.compile(r"^(chu tri|phoi hop|bat dau|ket thuc|hoan thanh|co quan|don vi|thoi gian|thoi han)")


@dataclass
class Noted:
    """A choice tied to where it was made (for the review list) and the YAML key it marks."""

    choice: Choice
    pos: Pos
    key: str  # "lead", "support", "milestones", "inherits", "id", "title", "" (the task)


@dataclass
class Group:
    id: str
    label: str
    title: str
    parent: str | None
    pos: Pos
    notes: list[Noted] = field(default_factory=list)


@dataclass
class TaskRow:
    id: str
    label: str  # the document's own label ("" for an unnumbered row)
    program: str
    title: str
    pos: Pos
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    products: list[str] = field(default_factory=list)
    milestones: list[Reading] = field(default_factory=list)
    funding: str = ""
    remarks: str = ""
    id_assigned: bool = False
    inherits_from: str | None = None
    inherits: list[str] = field(default_factory=list)
    notes: list[Noted] = field(default_factory=list)
    text_notes: list[str] = field(default_factory=list)
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass
class Appendix:
    groups: list[Group]
    tasks: list[TaskRow]
    registry: Registry
    numbered: int  # rows the document numbers itself
    line: int  # where the appendix table starts (the header stops there)
    notes: list[Noted] = field(default_factory=list)


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
            reader.raw.append(_Raw("table", _heading(doc, rows[0].pos.line or 0), {}, rows[0].pos))
        for row in rows:
            reader.row(roles, row)
    return reader.finish(doc, tables)


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


@dataclass
class _Raw:
    kind: str  # group | task | sub | first (under a group, unnumbered) | table (a new table starts)
    label: str
    cells: dict[str, Cell]
    pos: Pos
    joined: list[Pos] = field(default_factory=list)


class _Reader:
    def __init__(self) -> None:
        self.raw: list[_Raw] = []

    def row(self, roles: dict[str, int], row: Row) -> None:
        cells = {role: c for role in [r for r, _ in ROLES] if (c := _text(row, roles, role)) is not None}
        texts = {role: c.text.strip() for role, c in cells.items()}
        if not any(texts.values()):
            return
        number = texts.get("number", "")
        label = _label(number)
        title = texts.get("title", "")
        others = [texts.get(r, "") for r in ("lead", "support", "product", "due", "funding")]
        blank_others = all(not t or t == title or t == number for t in others)
        inline = re.match(r"^(?:Phần\s+|PHẦN\s+)?([IVXL]+|[A-ZĐ])[.:]\s+(\S.*)$", title, re.DOTALL)
        if not label and inline and blank_others and (_ROMAN.match(inline[1]) or _LETTER.match(inline[1])):
            self.raw.append(_Raw("group", inline[1], {**cells, "title": Cell(inline[2], cells["title"].pos)},
                                 row.pos))  # "| | I. NHIỆM VỤ CHUNG | | |": the label inside the title cell
            return
        if "number" not in roles:  # no number column: every row a task, numbered in order
            self.raw.append(_Raw("task", str(sum(r.kind == "task" for r in self.raw) + 1), cells, row.pos))
            return
        if label and (_ROMAN.match(label) or _LETTER.match(label)) and (blank_others or not texts.get("lead")):
            self.raw.append(_Raw("group", label, cells, row.pos))
        elif label and _DIGITS.match(label) and blank_others and title:
            self.raw.append(_Raw("group", label, cells, row.pos))
        elif label:
            self.raw.append(_Raw("task", label, cells, row.pos))
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
            self.raw.append(_Raw("sub", "", cells, row.pos))

    def finish(self, doc: Document, tables: list[tuple[dict[str, int], list[Row]]]) -> Appendix:
        registry = Registry()
        groups: list[Group] = []
        tasks: list[TaskRow] = []
        notes: list[Noted] = []
        labels = [r.label for r in self.raw if r.kind == "task" and r.label]
        unique = len(labels) == len(set(labels)) and all(_DIGITS.match(label) for label in labels)
        used: set[str] = set()
        numbered_in: dict[str, int] = {}
        stack: list[tuple[int, Group]] = []  # (rank, group)
        children: dict[str | None, int] = {}
        seen_labels: dict[tuple[str | None, str], int] = {}
        root: Group | None = None
        last_task: TaskRow | None = None
        last_numbered: TaskRow | None = None
        sub_count = 0
        heading = ""
        for raw in self.raw:
            if raw.kind == "table":
                stack, root, heading = [], None, raw.label
                last_numbered = None
                continue
            title = raw.cells["title"].text if "title" in raw.cells else ""
            if raw.kind == "group":
                rank = _rank(raw.label)
                while stack and (stack[-1][0] >= rank and not (_DIGITS.match(raw.label) and
                                 _DIGITS.match(stack[-1][1].label) and raw.label.startswith(stack[-1][1].label + "."))):
                    stack.pop()
                parent = stack[-1][1] if stack else None
                pid = parent.id if parent else None
                children[pid] = children.get(pid, 0) + 1
                gid = f"{pid}.{children[pid]}" if pid else str(children[pid])
                group = Group(gid, raw.label, title or raw.label, pid, raw.pos)
                key = (pid, raw.label)
                if key in seen_labels:
                    group.notes.append(Noted(Choice("import.choice.relabel", {"label": raw.label, "id": gid}),
                                             raw.pos, "id"))
                seen_labels[key] = seen_labels.get(key, 0) + 1
                groups.append(group)
                stack.append((rank, group))
                last_task = last_numbered = None
                sub_count = 0
                continue
            while raw.label and stack and _DIGITS.match(stack[-1][1].label) \
                    and not raw.label.startswith(stack[-1][1].label + "."):
                stack.pop()
            if not stack:
                if root is None or (groups and groups[-1] is not root and raw.label):
                    children[None] = children.get(None, 0) + 1
                    rid = str(children[None])
                    root = Group(rid, "", heading, None, raw.pos)
                    groups.append(root)
                stack.append((99, root))
            program = stack[-1][1]
            if raw.kind == "sub" and last_numbered is None:
                raw.kind = "first"
            if raw.kind == "task":
                numbered_in[program.id] = numbered_in.get(program.id, 0) + 1
                if unique:
                    tid, label = raw.label, ""
                else:  # numbering restarts per section, or labels that are no numbers ("a)", "*")
                    own = raw.label if _DIGITS.match(raw.label) else str(numbered_in[program.id])
                    tid = f"{program.id}.{own}"
                    label = f"{program.label}.{raw.label}" if program.label else raw.label
                task = TaskRow(_free(tid, used), label, program.id, title, raw.pos)
                if task.id != tid:
                    task.notes.append(Noted(Choice("import.choice.relabel", {"label": raw.label, "id": task.id}),
                                            raw.pos, "id"))
                last_numbered = task
                sub_count = 0
            elif raw.kind == "first":
                children_key = f"task:{program.id}"
                children[children_key] = children.get(children_key, 0) + 1
                tid = _free(f"{program.id}.{children[children_key]}", used)
                task = TaskRow(tid, "", program.id, title, raw.pos, id_assigned=True)
                task.notes.append(Noted(Choice("import.choice.id", {"id": tid}), raw.pos, "id"))
                last_numbered = task
            else:
                assert last_numbered is not None
                sub_count += 1
                base = last_numbered.id.rstrip("abcdefghijklmnopqrstuvwxyz")
                tid = _free(base + "abcdefghijklmnopqrstuvwxyz"[sub_count - 1] if sub_count <= 26
                            else f"{base}.{sub_count}", used)
                task = TaskRow(tid, "", program.id, title, raw.pos, id_assigned=True)
                task.notes.append(Noted(Choice("import.choice.id", {"id": tid}), raw.pos, "id"))
            used.add(task.id)
            task.cells = raw.cells
            for at in raw.joined:
                task.notes.append(Noted(Choice("import.choice.joined", {}), at, "title"))
            self._fill(task, raw, registry, last_numbered if raw.kind == "sub" else None)
            tasks.append(task)
            last_task = task
        del last_task
        numbered = sum(1 for r in self.raw if r.kind == "task" and r.label)
        notes.extend(_gaps(self.raw))
        line = min((rows[0].pos.line or 0) for _, rows in tables if rows) if tables else 0
        return Appendix(groups, tasks, registry, numbered, line, notes)

    def _fill(self, task: TaskRow, raw: _Raw, registry: Registry, parent: TaskRow | None) -> None:
        cells = raw.cells
        lead_cell = cells.get("lead")
        # A blank cell of a sub-row continues the merged cell above when the document says so
        # (Word, HTML), or when the row names no lead of its own (a text copy loses the merge).
        block = lead_cell is None or not lead_cell.text.strip() or lead_cell.merged

        def continued(cell: Cell | None) -> bool:
            return parent is not None and (cell is None or cell.merged or (not cell.text.strip() and block))

        inherited: list[str] = []
        support, product = cells.get("support"), cells.get("product")
        if support is not None and product is not None and support.text.strip() \
                and support.text.strip() == product.text.strip():
            task.notes.append(Noted(Choice("import.choice.merged_across", {"text": support.text[:80]}), support.pos,
                                    "support"))
            cells = {**cells, "support": Cell("", support.pos)}
        for key in ("lead", "support"):
            cell = cells.get(key)
            if cell is None:
                continue
            if parent is not None and continued(cell) and (getattr(parent, key) or key in parent.inherits):
                inherited.append(key)
                continue
            names, choices = split_cell(cell.text)
            ids: list[str] = []
            for name in names:
                unit, choice = registry.add(name)
                if unit.id not in ids:
                    ids.append(unit.id)
                if choice:
                    choices.append(choice)
            setattr(task, key, ids)
            task.notes.extend(Noted(c, cell.pos, key) for c in choices)
        if product is not None:
            if continued(product) and parent is not None and (parent.products or "products" in parent.inherits):
                inherited.append("products")
            else:
                items = _items(product.text)
                task.products = list(dict.fromkeys(items))
                if len(task.products) < len(items):
                    task.text_notes.append("Ô sản phẩm ghi lặp lại một dòng; dòng lặp chỉ ghi một lần.")
                    task.notes.append(Noted(Choice("import.choice.repeated", {}), product.pos, "products"))
        for role in ("funding", "remarks"):
            cell = cells.get(role)
            if cell is None:
                continue
            if role == "funding" and continued(cell) and parent is not None and \
                    (parent.funding or "funding" in parent.inherits):
                inherited.append("funding")
            else:
                setattr(task, role, cell.text.strip())
        due = cells.get("due")
        if parent is not None and continued(due):
            inherited.append("due")
        else:
            self._deadlines(task, due)
        if parent is not None and inherited:
            task.inherits_from = parent.id
            task.inherits = [f for f in FIELDS if f in inherited]
            task.notes.append(Noted(Choice("import.choice.merged", {"id": task.id, "fields": ", ".join(task.inherits),
                                                                    "source": parent.id}), task.pos, "inherits"))
        if not task.lead and "lead" not in task.inherits:
            task.notes.append(Noted(Choice("import.choice.no_lead", {}), task.pos, "lead"))

    def _deadlines(self, task: TaskRow, due: Cell | None) -> None:
        if due is None:
            task.milestones = [Reading("none", "", True)]
            return
        readings = read_cell(due.text)
        unread = [r for r in readings if r.due == "none" and r.source]
        kept = [r for r in readings if not (r.due == "none" and r.source)] or readings[:1]
        for r in unread:
            if r in kept:
                task.notes.append(Noted(Choice("import.choice.deadline_unread", {"text": r.source}), due.pos,
                                        "milestones"))
            else:
                task.text_notes.append(f"Ô thời gian còn ghi «{r.source}» — không phải thời hạn, không ghi thành mốc.")
                task.notes.append(Noted(Choice("import.choice.deadline_dropped", {"text": r.source}), due.pos,
                                        "milestones"))
        guessed: dict[str, list[str]] = {}  # a line's words -> what they were read as
        for r in kept:
            if r.due == "none" and not r.source:
                task.notes.append(Noted(Choice("import.choice.deadline_blank", {}), due.pos, "milestones"))
            elif r.due.startswith("after:"):
                task.notes.append(Noted(Choice("import.choice.deadline_event", {"text": r.source}), due.pos,
                                        "milestones"))
            elif not r.exact and r.due != "none":
                guessed.setdefault(r.source, []).append(r.due)
        for text, dues in guessed.items():
            task.notes.append(Noted(Choice("import.choice.deadline", {"text": text, "due": ", ".join(dues)}), due.pos,
                                    "milestones"))
        task.milestones = kept


def _gaps(raw: list[_Raw]) -> list[Noted]:
    """Numbers missing from the document's run of whole numbers (tasks and numbered groups: 1, 2,
    4 — where is 3?): a row the reader may have lost, or the document skipped; a person looks.
    A run that starts again at 1 (numbering per section) is a new run."""
    runs: list[list[tuple[int, Pos]]] = []
    for r in raw:
        if not r.label.isdigit():
            continue
        n = int(r.label)
        if not runs or n == 1:
            runs.append([])
        runs[-1].append((n, r.pos))
    out: list[Noted] = []
    for run in runs:
        numbers = {n for n, _ in run}
        missing = [str(n) for n in range(min(numbers), max(numbers) + 1) if n not in numbers]
        if missing:
            out.append(Noted(Choice("import.choice.gap", {"missing": ", ".join(missing[:20])}), run[0][1], ""))
    return out


def _free(tid: str, used: set[str]) -> str:
    """`tid`, or the first of tid+"b", tid+"c", … not yet taken (a number the document repeats)."""
    if tid not in used:
        return tid
    stem = tid.rstrip("abcdefghijklmnopqrstuvwxyz") if tid[-1:].isalpha() else tid
    free = [stem + letter for letter in "bcdefghijklmnopqrstuvwxyz" if stem + letter not in used]
    n = 1
    while not free:
        free = [f"{stem}.{n}"] if f"{stem}.{n}" not in used else []
        n += 1
    return free[0]


def _continues(above: _Raw, cells: dict[str, Cell], row: Row) -> bool:
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


def _rank(label: str) -> int:
    if _LETTER.match(label) and not _ROMAN.match(label):
        return 0
    if _ROMAN.match(label):
        return 1
    return 2 + label.count(".")


def _items(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    items: list[str] = []
    bulleted = any(re.match(r"^[-+•–]\s*", line) for line in lines)
    for line in lines:
        bare = re.sub(r"^[-+•–]\s*", "", line).strip()
        if not bare:
            continue
        if bulleted and not re.match(r"^[-+•–]", line) and items:
            items[-1] = items[-1] + " " + bare
        else:
            items.append(bare)
    return items
