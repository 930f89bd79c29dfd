"""The appendix's rows, once classified (`appendix`), made into groups and task rows: ids and
labels, groups nested by their labels, each cell read into its field (units through the
registry, deadlines, products), what a sub-row inherits from the merged cells above, and the
lead↔support pairs of a task whose number and task cells are merged over several rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hoinhap_cli.importing.deadlines import Reading, read_cell
from hoinhap_cli.importing.document import Cell, Pos
from hoinhap_cli.importing.units import Choice, Registry, split_cell

FIELDS = ("due", "products", "funding", "lead", "support")
DIGITS = re.compile(r"^\d+(\.\d+)*\.?$")
ROMAN = re.compile(r"^[IVXL]+\.?$")
LETTER = re.compile(r"^[A-ZĐ]\.?$")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


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
    label: str  # the document's own label ("" when it is the id)
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
    pairs: list[tuple[list[str], list[str]]] = field(default_factory=list)  # each lead with its own supporters
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


@dataclass
class RawRow:
    """A row as `appendix` classified it, its cells by role."""

    kind: str  # group | task | sub | first (under a group, unnumbered) | table (a new table starts)
    label: str
    cells: dict[str, Cell]
    pos: Pos
    joined: list[Pos] = field(default_factory=list)
    leads: list[dict[str, Cell]] = field(default_factory=list)  # rows under the same merged task cell


def rank(label: str) -> int:
    """How deep a group label sits: letters hold Roman numerals, those hold numbers, 5 holds 5.1."""
    if LETTER.match(label) and not ROMAN.match(label):
        return 0
    if ROMAN.match(label):
        return 1
    return 2 + label.count(".")


class Builder:
    """Walks the classified rows once, keeping the open groups (a stack) and the ids taken."""

    def __init__(self, raw: list[RawRow]) -> None:
        self.raw = raw
        labels = [r.label for r in raw if r.kind == "task" and r.label]
        self.unique = len(labels) == len(set(labels)) and all(DIGITS.match(label) for label in labels)
        self.registry = Registry()
        self.groups: list[Group] = []
        self.tasks: list[TaskRow] = []
        self.used: set[str] = set()
        self.counts: dict[str, int] = {}
        self.stack: list[tuple[int, Group]] = []
        self.root: Group | None = None
        self.heading = ""
        self.numbered: TaskRow | None = None  # the last numbered task: sub-rows hang from it
        self.subs = 0
        self.seen: set[tuple[str | None, str]] = set()

    def _count(self, key: str) -> int:
        self.counts[key] = self.counts.get(key, 0) + 1
        return self.counts[key]

    def build(self, line: int) -> Appendix:
        for raw in self.raw:
            if raw.kind == "table":
                self.stack, self.root, self.heading, self.numbered = [], None, raw.label, None
            elif raw.kind == "group":
                self._group(raw)
            else:
                self._task(raw)
        numbered = sum(1 for r in self.raw if r.kind == "task" and r.label)
        return Appendix(self.groups, self.tasks, self.registry, numbered, line, gaps(self.raw))

    def _group(self, raw: RawRow) -> None:
        level = rank(raw.label)
        while self.stack and self.stack[-1][0] >= level and not _inside(raw.label, self.stack[-1][1].label):
            self.stack.pop()
        pid = self.stack[-1][1].id if self.stack else None
        n = self._count(f"group:{pid}")
        gid = f"{pid}.{n}" if pid else str(n)
        title = raw.cells["title"].text if "title" in raw.cells else ""
        group = Group(gid, raw.label, title or raw.label, pid, raw.pos)
        if (pid, raw.label) in self.seen:
            group.notes.append(Noted(Choice("import.choice.relabel", {"label": raw.label, "id": gid}), raw.pos, "id"))
        self.seen.add((pid, raw.label))
        self.groups.append(group)
        self.stack.append((level, group))
        self.numbered, self.subs = None, 0

    def _program(self, raw: RawRow) -> Group:
        """The innermost open group a row sits in (a numbered group closes when a row leaves it)."""
        while raw.label and self.stack and DIGITS.match(self.stack[-1][1].label) \
                and not raw.label.startswith(self.stack[-1][1].label + "."):
            self.stack.pop()
        if not self.stack:
            if self.root is None or (self.groups and self.groups[-1] is not self.root and raw.label):
                self.root = Group(str(self._count("group:None")), "", self.heading, None, raw.pos)
                self.groups.append(self.root)
            self.stack.append((99, self.root))
        return self.stack[-1][1]

    def _task(self, raw: RawRow) -> None:
        program = self._program(raw)
        title = "\n".join(line for line in raw.cells["title"].text.split("\n") if line) if "title" in raw.cells else ""
        parent = self.numbered if raw.kind == "sub" else None
        if raw.kind == "task":
            task = self._numbered(raw, program, title)
        else:
            if self.numbered is None:  # unnumbered right under a group: the group's own task
                tid = _free(f"{program.id}.{self._count('task:' + program.id)}", self.used)
            else:
                self.subs += 1
                base = self.numbered.id.rstrip(_LETTERS)
                tid = _free(base + _LETTERS[self.subs - 1] if self.subs <= 26 else f"{base}.{self.subs}", self.used)
            task = TaskRow(tid, "", program.id, title, raw.pos, id_assigned=True)
            task.notes.append(Noted(Choice("import.choice.id", {"id": tid}), raw.pos, "id"))
            if self.numbered is None:
                self.numbered = task
        self.used.add(task.id)
        task.cells = raw.cells
        task.notes.extend(Noted(Choice("import.choice.joined", {}), at, "title") for at in raw.joined)
        fill(task, raw.cells, self.registry, parent)
        if raw.leads:
            _pairs(task, raw.leads, self.registry)
        elif parent is not None and not title and raw.cells.get("lead", Cell("", raw.pos)).text.strip():
            # a text copy lost the merge: the row may be the task above's next lead, with its supporters
            task.notes.append(Noted(Choice("import.choice.pair_maybe", {"id": parent.id}), raw.pos, "title"))
        self.tasks.append(task)

    def _numbered(self, raw: RawRow, program: Group, title: str) -> TaskRow:
        n = self._count(f"numbered:{program.id}")
        if self.unique:
            tid, label = raw.label, ""
        else:  # numbering restarts per section, or labels that are no numbers ("a)", "*")
            tid = f"{program.id}.{raw.label if DIGITS.match(raw.label) else n}"
            label = f"{program.label}.{raw.label}" if program.label else raw.label
        task = TaskRow(_free(tid, self.used), label, program.id, title, raw.pos)
        if task.id != tid:
            relabel = Choice("import.choice.relabel", {"label": raw.label, "id": task.id})
            task.notes.append(Noted(relabel, raw.pos, "id"))
        self.numbered, self.subs = task, 0
        return task


def _inside(label: str, group_label: str) -> bool:
    """"5.1" sits inside the numbered group "5"."""
    return bool(DIGITS.match(label) and DIGITS.match(group_label) and label.startswith(group_label + "."))


# ------------------------------------------------------------------ cells into fields


def fill(task: TaskRow, cells: dict[str, Cell], registry: Registry, parent: TaskRow | None) -> None:
    """A row's cells read into the task; a sub-row's blank cells continue the merged cells above
    when the document says so (Word, HTML), or when the row names no lead of its own (a text
    copy loses the merge)."""
    lead_cell = cells.get("lead")
    block = lead_cell is None or not lead_cell.text.strip() or lead_cell.merged

    def continued(cell: Cell | None, value: object, key: str) -> bool:
        return parent is not None and (cell is None or cell.merged or (not cell.text.strip() and block)) \
            and (bool(value) or key in parent.inherits)

    support, product = cells.get("support"), cells.get("product")
    if support is not None and product is not None and support.text.strip() \
            and support.text.strip() == product.text.strip():  # one cell across two columns: the product's
        task.notes.append(Noted(Choice("import.choice.merged_across", {"text": support.text[:80]}), support.pos,
                                "support"))
        cells = {**cells, "support": Cell("", support.pos)}
    inherited: list[str] = []
    for key in ("lead", "support"):
        cell = cells.get(key)
        if cell is not None and parent is not None and continued(cell, getattr(parent, key), key):
            inherited.append(key)
        elif cell is not None:
            _units(task, key, cell, registry)
    if product is not None:
        if parent is not None and continued(product, parent.products, "products"):
            inherited.append("products")
        else:
            _products(task, product)
    for role in ("funding", "remarks"):
        cell = cells.get(role)
        if cell is not None and role == "funding" and parent is not None and continued(cell, parent.funding, role):
            inherited.append("funding")
        elif cell is not None:
            setattr(task, role, cell.text.strip())
    due = cells.get("due")
    if parent is not None and continued(due, True, "due"):
        inherited.append("due")
    else:
        _deadlines(task, due)
    if parent is not None and inherited:
        task.inherits_from, task.inherits = parent.id, [f for f in FIELDS if f in inherited]
        task.notes.append(Noted(Choice("import.choice.merged", {"id": task.id, "fields": ", ".join(task.inherits),
                                                                "source": parent.id}), task.pos, "inherits"))
    if not task.lead and "lead" not in task.inherits:
        task.notes.append(Noted(Choice("import.choice.no_lead", {}), task.pos, "lead"))


def _units(task: TaskRow, key: str, cell: Cell, registry: Registry) -> None:
    setattr(task, key, _unit_ids(task, key, cell, registry))


def _unit_ids(task: TaskRow, key: str, cell: Cell, registry: Registry) -> list[str]:
    names, choices = split_cell(cell.text)
    ids: list[str] = []
    for name in names:
        unit, choice = registry.add(name)
        if unit.id not in ids:
            ids.append(unit.id)
        if choice:
            choices.append(choice)
    task.notes.extend(Noted(c, cell.pos, key) for c in choices)
    return ids


def _pairs(task: TaskRow, rows: list[dict[str, Cell]], registry: Registry) -> None:
    """The rows under one merged number and task cell: each row's lead with that row's supporters
    (a support cell merged over the rows is every lead's). `lead` and `support` are their union;
    `pairs` is written only where the supporters differ from row to row."""
    pairs = [(list(task.lead), list(task.support))]
    for cells in rows:
        lead = _unit_ids(task, "lead", cells["lead"], registry)
        support_cell = cells.get("support")
        own = support_cell is not None and not support_cell.merged
        support = _unit_ids(task, "support", support_cell, registry) if own and support_cell else pairs[-1][1]
        pairs.append((lead, support))
    task.lead = list(dict.fromkeys(u for lead, _ in pairs for u in lead))
    task.support = list(dict.fromkeys(u for _, support in pairs for u in support))
    if any(support != pairs[0][1] for _, support in pairs):
        task.pairs = pairs
        task.notes.append(Noted(Choice("import.choice.pairs", {"n": str(len(pairs))}), task.pos, "pairs"))
    else:
        task.notes.append(Noted(Choice("import.choice.leads", {"n": str(len(pairs))}), task.pos, "lead"))


def _products(task: TaskRow, cell: Cell) -> None:
    items = _items(cell.text)
    task.products = list(dict.fromkeys(items))
    if len(task.products) < len(items):
        task.text_notes.append("Ô sản phẩm ghi lặp lại một dòng; dòng lặp chỉ ghi một lần.")
        task.notes.append(Noted(Choice("import.choice.repeated", {}), cell.pos, "products"))


def _deadlines(task: TaskRow, due: Cell | None) -> None:
    if due is None:
        task.milestones = [Reading("none", "", True)]
        return
    readings = read_cell(due.text)
    kept = [r for r in readings if not (r.due == "none" and r.source)] or readings[:1]
    for r in readings:
        if r.due == "none" and r.source and r in kept:
            task.notes.append(Noted(Choice("import.choice.deadline_unread", {"text": r.source}), due.pos, "milestones"))
        elif r.due == "none" and r.source:
            task.text_notes.append(f"Ô thời gian còn ghi «{r.source}» — không phải thời hạn, không ghi thành mốc.")
            task.notes.append(Noted(Choice("import.choice.deadline_dropped", {"text": r.source}), due.pos,
                                    "milestones"))
    guessed: dict[str, list[str]] = {}  # a line's words -> what they were read as
    for r in kept:
        if r.due == "none" and not r.source:
            task.notes.append(Noted(Choice("import.choice.deadline_blank", {}), due.pos, "milestones"))
        elif r.due.startswith("after:"):
            task.notes.append(Noted(Choice("import.choice.deadline_event", {"text": r.source}), due.pos, "milestones"))
        elif not r.exact and r.due != "none":
            guessed.setdefault(r.source, []).append(r.due)
    for text, dues in guessed.items():
        task.notes.append(Noted(Choice("import.choice.deadline", {"text": text, "due": ", ".join(dues)}), due.pos,
                                "milestones"))
    task.milestones = kept


def _items(text: str) -> list[str]:
    """A product cell's items: one per bullet (a line without one continues it), else one per line."""
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


def gaps(raw: list[RawRow]) -> list[Noted]:
    """Numbers missing from the document's run of whole numbers (tasks and numbered groups: 1, 2,
    4 — where is 3?): a row the reader may have lost, or the document skipped; a person looks.
    A run that starts again at 1 (numbering per section) is a new run."""
    runs: list[list[tuple[int, Pos]]] = []
    for r in raw:
        if r.kind == "table" or not r.label.isdigit():
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
    stem = tid.rstrip(_LETTERS) if tid[-1:].isalpha() else tid
    free = [stem + letter for letter in _LETTERS[1:] if stem + letter not in used]
    n = 1
    while not free:
        free = [f"{stem}.{n}"] if f"{stem}.{n}" not in used else []
        n += 1
    return free[0]
