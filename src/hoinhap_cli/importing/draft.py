"""The draft plan.yaml, written as text in the style of data/plan.yaml: block style, ids
quoted, texts verbatim, a blank line between tasks, a comment `# ? đoán: …` on its own line
above every line the importer chose, and a top comment that says where the review list is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from hoinhap_cli.files.yamlio import STR, implicit_tag
from hoinhap_cli.importing.document import Pos
from hoinhap_cli.importing.header import Header
from hoinhap_cli.importing.tasks import Appendix, Group, Noted, TaskRow
from hoinhap_cli.importing.units import Choice
from hoinhap_cli.words.problems import words

WIDTH = 100
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\t]*$")


def scalar(value: str, indent: int) -> str:
    """What follows `key:` for a text: plain, double-quoted, a folded (long) or literal (several
    lines) block — whichever reads back as exactly this text."""
    if "\n" in value:
        pad = " " * (indent + 2)
        return "|-\n" + "\n".join(pad + line if line else "" for line in value.split("\n"))
    if len(value) + indent > WIDTH - 10 and "  " not in value and value == value.strip() and value.isprintable():
        pad = " " * (indent + 2)
        lines: list[str] = []
        line = ""
        for word in value.split(" "):
            if line and len(pad) + len(line) + 1 + len(word) > WIDTH - 5:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        return ">-\n" + "\n".join(pad + ln for ln in lines)
    return quoted(value)


def quoted(value: str) -> str:
    if re.fullmatch(r"[\d.\-]+", value):  # "2009", "2009-12-31": text to every YAML reader
        return json.dumps(value)
    if value and _PLAIN.match(value) and ": " not in value and " #" not in value and not value.endswith((":", " ")) \
            and implicit_tag(value) == STR and value.isprintable():
        return value
    return json.dumps(value, ensure_ascii=False)


def flow_item(value: str) -> str:
    """A text inside a flow list `[a, b]`: quoted when a comma or a bracket would cut it."""
    text = quoted(value)
    if text == value and any(ch in value for ch in ",[]{}"):
        return json.dumps(value, ensure_ascii=False)
    return text


def qid(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def flow(ids: Iterable[str]) -> str:
    return "[" + ", ".join(ids) + "]"


Write = Callable[[str], object]


@dataclass
class Extras:
    """What the draft needs beside the header and the appendix, worked out by `run`."""

    source: str
    events: dict[str, str] = field(default_factory=dict)  # id -> the document's words
    period: tuple[str, str] | None = None
    standing: str | None = None
    reporters: list[str] = field(default_factory=list)
    decision_notes: list[str] = field(default_factory=list)
    decision_marks: list[Noted] = field(default_factory=list)
    standing_marks: list[Noted] = field(default_factory=list)
    reporting_marks: list[Noted] = field(default_factory=list)


@dataclass
class Guesses:
    """Where each guess is marked: the worded review lines, in order, for the list and the YAML."""

    lang: str
    lines: list[tuple[str, str]] = field(default_factory=list)  # (where, what)

    def mark(self, noted: Noted, indent: int, scope: str) -> str:
        """The comment line that marks a guess in the YAML; the guess is kept for the review list.
        `scope` is "task:ID", "group:ID", "unit:ID" or "" (the document)."""
        what = words(noted.choice.key, **noted.choice.values).text(self.lang)
        where = noted.pos.words().text(self.lang)
        if scope:
            kind, _, ident = scope.partition(":")
            scope = words(f"import.scope.{kind}", id=ident).text(self.lang)
        self.lines.append((f"{scope} — {where}" if scope else where, what))
        flat = " ".join(what.split())
        return " " * indent + f"# ? đoán: {flat} ({where})\n"


def _marks(notes: list[Noted], key: str, indent: int, guesses: Guesses, scope: str) -> str:
    return "".join(guesses.mark(n, indent, scope) for n in notes if n.key == key)


def write(header: Header, appendix: Appendix, extras: Extras, guesses: Guesses) -> str:
    out: list[str] = []
    w = out.append
    source = extras.source
    w(f"# BẢN NHÁP — nhập từ {source} bằng `hoinhap import` (draft imported from the document)\n")
    if header.title:
        w("# " + " ".join(f"{header.kind} {header.number or ''}".split()) + ": " + " ".join(header.title.split())[:160]
          + "\n")
    w("#\n")
    w("# Người soát lại (for the person who finishes this draft):\n")
    w("#   - Mỗi chỗ trình nhập phải chọn có một dòng «# ? đoán: …» ngay trên dòng đó, và được liệt kê\n")
    w("#     trong import-review.md cùng thư mục (every guess is marked here and listed in import-review.md).\n")
    w("#   - Sửa nếu cần, xóa dòng «# ? đoán», rồi chạy: hoinhap check --data <thư mục này>\n")
    w("#   - Giữ nguyên văn câu chữ của văn bản trong title, products, source (keep the document's words).\n")
    w("#   - Định dạng đầy đủ / full format: docs/plan-format.md\n\n")
    _decision(w, header, extras, guesses)
    _plan(w, header, extras, guesses)
    _letterhead(w, header, appendix, extras, guesses)
    _programs(w, appendix.groups, guesses)
    _units(w, appendix, guesses)
    events = extras.events
    if events:
        w("\nevents:\n")
        for eid, name in events.items():
            w(f"  - id: {eid}\n    name: {scalar(name, 4)}\n")
    _reporting(w, header, extras, guesses)
    w("\ntasks:\n")
    for note in appendix.notes:
        w(guesses.mark(note, 2, ""))
    for task in appendix.tasks:
        w("\n")
        _task(w, task, events, guesses)
    return "".join(out)


def _decision(w: Write, header: Header, extras: Extras, guesses: Guesses) -> None:
    w("decision:\n")
    w(f"  kind: {header.kind}\n")
    for note in extras.decision_marks:
        w(guesses.mark(note, 2, ""))
    if header.number:
        w(f"  number: {quoted(header.number)}\n")
    w(f"  title: {scalar(header.title or extras.source, 2)}\n")
    w(f"  issuer: {scalar(header.issuer or '—', 2)}\n")
    if header.signed_on:
        w(f"  signed_on: \"{header.signed_on.isoformat()}\"\n")
    if header.signer:
        w(f"  signer: {quoted(header.signer)}\n")
    if header.signer_title:
        w(f"  signer_title: {scalar(header.signer_title, 2)}\n")
    if header.effective_after_days is not None:
        w(f"  effective_after_days: {header.effective_after_days}\n")
    if header.legal_bases:
        w("  legal_bases:\n")
        for basis in header.legal_bases:
            w(f"    - {scalar(basis, 4)}\n")
    if header.articles:
        w("  articles:\n")
        for number, summary in header.articles:
            w(f"    - number: {number}\n      summary: {scalar(summary, 6)}\n")
    if header.directed_by:
        w(f"  directed_by: {scalar(header.directed_by, 2)}\n")
    if extras.standing:
        for note in extras.standing_marks:
            w(guesses.mark(note, 2, ""))
        w(f"  standing_agency: {extras.standing}\n")
    if extras.decision_notes:
        w("  notes:\n")
        for n in extras.decision_notes:
            w(f"    - {scalar(n, 4)}\n")


def _plan(w: Write, header: Header, extras: Extras, guesses: Guesses) -> None:
    w("\nplan:\n")
    w(f"  title: {scalar(header.plan_title or header.title or extras.source, 2)}\n")
    w(f"  objective: {scalar(header.objective or header.plan_title or header.title or '—', 2)}\n")
    if extras.period:
        start, end = extras.period
        w(f"  period: {{start: \"{start}\", end: \"{end}\"}}\n")
    else:
        w("  # Văn bản không ghi thời kỳ: check suy ra từ các thời hạn (no period stated: check derives it)\n")
    if header.organisation:
        w("  organisation:\n")
        for para in header.organisation:
            w(f"    - {scalar(para, 4)}\n")


LETTERHEAD = ("parent_body", "issuing_body", "symbol", "place", "subject", "addressees", "copies", "signer_title")


def _letterhead(w: Write, header: Header, appendix: Appendix, extras: Extras, guesses: Guesses) -> None:
    """The `document:` block (the review the standing agency sends up, `summary --format docx`):
    every value a guess from the document — the issuer above the standing agency, a symbol from
    its initials — so every key is `assumed:`, which `summary --format docx` names before signing."""
    agency = next((u for u in appendix.registry.units if u.id == extras.standing), None)
    if agency is None:
        return
    issuer = header.issuer or "—"
    initials = "".join(w_[0] for w_ in re.split(r"[\s\-–]+", agency.name) if w_ and w_.lower() not in ("và", "các"))
    subject = " ".join(f"thực hiện {header.kind} {'số ' + header.number if header.number else ''}".split())
    w("\n# Văn bản báo cáo của cơ quan thường trực (summary --format docx): mọi giá trị là giả định (assumed:),\n"
      "# summary --format docx nhắc lại trước khi ký. (The report's letterhead: every value assumed.)\n")
    w("document:\n")
    w(f"  parent_body: {quoted(issuer)}\n")
    w(f"  issuing_body: {quoted(agency.name)}\n")
    w(f"  symbol: {quoted('BC-' + initials.upper())}\n")
    w(f"  place: {quoted(header.place or issuer)}\n")
    w(f"  subject: {scalar(subject, 2)}\n")
    w(f"  addressees:\n    - {quoted(issuer)}\n")
    w("  copies:\n    - Như trên\n    - \"Lưu: VT\"\n")
    w("  signer_title: Thủ trưởng cơ quan\n")
    w(f"  assumed: {flow(LETTERHEAD)}\n")


def _programs(w: Write, groups: list[Group], guesses: Guesses) -> None:
    w("\nprograms:\n")
    for g in groups:
        w("\n")
        for n in g.notes:
            w(guesses.mark(n, 2, f"group:{g.id}"))
        w(f"  - id: {qid(g.id)}\n")
        if g.parent:
            w(f"    parent: {qid(g.parent)}\n")
        if g.label and g.label != g.id:
            w(f"    label: {qid(g.label)}\n")
        w(f"    title: {scalar(g.title, 4)}\n")


def _units(w: Write, appendix: Appendix, guesses: Guesses) -> None:
    w("\nunits:\n")
    for unit in appendix.registry.units:
        if unit.guessed_kind:
            w(guesses.mark(Noted(Choice("import.choice.unit_kind", {"name": unit.name, "kind": unit.kind}),
                                 _first_pos(appendix, unit.id), ""), 2, f"unit:{unit.id}"))
        w(f"  - id: {unit.id}\n    name: {quoted(unit.name)}\n    kind: {unit.kind}\n")
        if unit.aliases:
            w("    aliases: [" + ", ".join(flow_item(a) for a in unit.aliases) + "]\n")


def _first_pos(appendix: Appendix, unit_id: str) -> Pos:
    for task in appendix.tasks:
        if unit_id in task.lead and "lead" in task.cells:
            return task.cells["lead"].pos
        if unit_id in task.support and "support" in task.cells:
            return task.cells["support"].pos
    return appendix.tasks[0].pos if appendix.tasks else Pos()


def _reporting(w: Write, header: Header, extras: Extras, guesses: Guesses) -> None:
    if not header.duties:
        return
    w("\nreporting:\n")
    for note in extras.reporting_marks:
        w(guesses.mark(note, 2, ""))
    if extras.reporters:
        w(f"  units: {flow(extras.reporters)}\n")
        w("  assumed: [units]  # the tasks' leads, not the document's words\n")
    w("  duties:\n")
    for duty in header.duties:
        w(f"    - id: bao-cao-{duty.every}\n")
        w("      name: Báo cáo\n")
        w(f"      what: {scalar(duty.source, 6)}\n")
        w(f"      to: {scalar(header.report_to or header.issuer or '—', 6)}\n")
        w(f"      every: {duty.every}\n")
        if duty.on:
            w("      \"on\": [" + ", ".join(f'"{d}"' for d in duty.on) + "]\n")
        w(f"      source: {scalar(duty.source, 6)}\n")


def _task(w: Write, task: TaskRow, events: dict[str, str], guesses: Guesses) -> None:
    scope = f"task:{task.id}"
    w(_marks(task.notes, "id", 2, guesses, scope))
    w(f"  - id: {qid(task.id)}\n")
    if task.id_assigned:
        w("    id_assigned: true\n")
    if task.label and task.label != task.id:
        w(f"    label: {qid(task.label)}\n")
    w(f"    program: {qid(task.program)}\n")
    w(_marks(task.notes, "title", 4, guesses, scope))
    w(f"    title: {scalar(task.title or '—', 4)}\n")
    if task.inherits:
        w(_marks(task.notes, "inherits", 4, guesses, scope))
        w(f"    inherits: {{from: {qid(task.inherits_from or '')}, fields: {flow(task.inherits)}}}\n")
    for key in ("lead", "support"):
        if key in task.inherits:
            continue
        ids: list[str] = getattr(task, key)
        w(_marks(task.notes, key, 4, guesses, scope))
        if ids:
            w(f"    {key}: {flow(ids)}\n")
    if task.pairs:
        w(_marks(task.notes, "pairs", 4, guesses, scope))
        w("    pairs:\n")
        for lead, support in task.pairs:
            w(f"      - {{lead: {flow(lead)}, support: {flow(support)}}}\n")
    if task.products and "products" not in task.inherits:
        w("    products:\n")
        for p in task.products:
            w(f"      - {scalar(p, 6)}\n")
    if "due" not in task.inherits:
        w(_marks(task.notes, "milestones", 4, guesses, scope))
        w("    milestones:\n")
        for m in task.milestones:
            due = m.due
            if due.startswith("after:"):
                due = "after " + next(k for k, v in events.items() if v == m.source)
            w(f"      - due: {quoted(due)}\n        source: {quoted(m.source) if m.source else chr(34) * 2}\n")
    if task.funding and "funding" not in task.inherits:
        w(f"    funding: {scalar(task.funding, 4)}\n")
    if task.remarks:
        w(f"    remarks: {scalar(task.remarks, 4)}\n")
    if task.text_notes:
        w("    notes:\n")
        for n in task.text_notes:
            w(f"      - {scalar(n, 6)}\n")
