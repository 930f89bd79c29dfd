"""`import_document(path, out, lang)`: read, interpret, write the draft folder, keep the review list.

Nothing is written when the document cannot be read or `out` is a folder with content; then
the draft, the empty reports/ folder and import-review.md are written in that order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from hoinhap_cli.files.files import write_atomic
from hoinhap_cli.importing.appendix import read_appendix
from hoinhap_cli.importing.document import Document, Pos, Unreadable
from hoinhap_cli.importing.draft import Extras, Guesses, write
from hoinhap_cli.importing.header import Header, read_header
from hoinhap_cli.importing.source import read
from hoinhap_cli.importing.tasks import Appendix, Noted
from hoinhap_cli.importing.units import Choice
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.problems import UsageError, words
from hoinhap_cli.words.text import fold

LAYOUTS = {"docx": "Word (.docx)", "html": "HTML", "markdown": "Markdown", "portal": "portal (| lines)",
           "tabbed": "tab-indented cells", "text": "text"}


@dataclass
class Outcome:
    plan: Path
    review: Path
    layout: str
    tasks: int
    numbered: int
    units: int
    groups: int
    review_lines: list[tuple[str, str]]


def refuse_out(out: Path) -> None:
    """A non-empty folder or a file at `out` is refused before anything is read."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise UsageError(words("import.err.out_file", dir=out))
    if out.is_dir() and any(out.iterdir()):
        raise UsageError(words("import.err.out_exists", dir=out))


def interpret(doc: Document, lang: str) -> tuple[str, Appendix, Header, Guesses]:
    """The draft's text, and what it was made of, from a document already read."""
    appendix = read_appendix(doc)
    if appendix is None or not appendix.tasks:
        raise Unreadable(words("import.err.no_table"))
    header = read_header(doc, appendix.line)
    extras = Extras(doc.path.name)
    start = Pos(line=1, para=doc.layout == "docx")
    if header.number is None or header.signed_on is None:
        extras.decision_marks = [Noted(Choice("import.choice.number", {}), start, "")]
        extras.decision_notes = ["Văn bản nhập không ghi số hoặc ngày ký (bản gốc để trống hoặc không đọc được)."]
    for group in appendix.groups:
        if not group.title:
            group.title = header.plan_title or header.title or doc.path.stem
            if len(appendix.groups) > 1:
                row = next((t for t in appendix.tasks if t.program == group.id), None)
                group.title = row.title.split("\n")[0] if row else group.title
    extras.events = _events(appendix)
    extras.period = _period(header)
    extras.standing, extras.standing_marks = _standing(header, appendix)
    if header.duties:
        leads: list[str] = []
        kinds = {u.id: u.kind for u in appendix.registry.units}
        for task in appendix.tasks:
            for uid in task.lead:
                if uid not in leads and kinds.get(uid) != "không cụ thể":
                    leads.append(uid)
        extras.reporters = leads
        stated = bool(header.report_to) and not extras.standing_marks  # reports go to a unit the table names
        extras.reporting_marks = [
            Noted(Choice("import.choice.reporting", {"text": d.source[:120], "what": d.every + (
                " " + ", ".join(d.on) if d.on else "")}), Pos(line=d.line), "")
            for d in header.duties if not (d.clear and stated)]
    guesses = Guesses(lang)
    text = write(header, appendix, extras, guesses)
    return text, appendix, header, guesses


def import_document(path: Path, out: Path, lang: str) -> Outcome:
    refuse_out(out)
    doc = read(path)
    text, appendix, _header, guesses = interpret(doc, lang)
    out.mkdir(parents=True, exist_ok=True)
    plan = out / "plan.yaml"
    write_atomic(plan, text, overwrite=False)
    (out / "reports").mkdir(exist_ok=True)
    review = out / "import-review.md"
    write_atomic(review, review_text(path, out, appendix, guesses, lang), overwrite=False)
    return Outcome(plan, review, doc.layout, len(appendix.tasks), appendix.numbered, len(appendix.registry.units),
                   len(appendix.groups), guesses.lines)


def review_text(path: Path, out: Path, appendix: Appendix, guesses: Guesses, lang: str) -> str:
    lines = [f"# {t('import.review.title', lang, file=path.name)}", "",
             t("import.review.intro", lang, dir=out), "",
             t("import.review.counts", lang, tasks=len(appendix.tasks), numbered=appendix.numbered), ""]
    if not guesses.lines:
        lines.append(t("import.review.none", lang))
    for where, what in guesses.lines:
        lines.append(f"- {where}: {what}")
    return "\n".join(lines) + "\n"


def _slug(text: str) -> str:
    words_ = re.sub(r"[^a-z0-9]+", " ", fold(text)).split()
    base = ""
    for w in words_:
        if len(base) + len(w) + 1 > 40 and base:
            break
        base = f"{base}-{w}" if base else w
    return base or "su-kien"


def _events(appendix: Appendix) -> dict[str, str]:
    events: dict[str, str] = {}
    for task in appendix.tasks:
        for m in task.milestones:
            if m.due.startswith("after:") and m.source not in events.values():
                text = re.sub(r"^sau khi\s+(được\s+)?", "", m.source, flags=re.IGNORECASE)
                eid = _slug(text)
                while eid in events:
                    eid += "-2"
                events[eid] = m.source
    return events


def _period(header: Header) -> tuple[str, str] | None:
    for text in (header.title or "", header.plan_title or ""):
        m = re.search(r"(?:giai đoạn|thời kỳ|GIAI ĐOẠN|THỜI KỲ)\s*\(?\s*(\d{4})\s*[-–]\s*(\d{4})", text)
        if m and m[1] < m[2]:
            return f"{m[1]}-01-01", f"{m[2]}-12-31"
    return None


def _standing(header: Header, appendix: Appendix) -> tuple[str | None, list[Noted]]:
    """The standing agency: the body reports go through ("(qua …)", "cơ quan thường trực (…)"),
    else the unit leading the most tasks. Said, unless the document names it as the table does."""
    registry = appendix.registry
    if header.report_to:
        known = {u.id for u in registry.units}
        unit, alias = registry.add(header.report_to)
        if unit.id in known and alias is None:
            return unit.id, []
        return unit.id, [Noted(Choice("import.choice.standing", {"text": header.report_to, "name": unit.name}),
                               Pos(line=header.duties[0].line if header.duties else 1), "")]
    counts: dict[str, int] = {}
    for task in appendix.tasks:
        for uid in task.lead:
            counts[uid] = counts.get(uid, 0) + 1
    kinds = {u.id: u for u in registry.units}
    ranked = sorted((uid for uid in counts if kinds[uid].kind != "không cụ thể"), key=lambda u: -counts[u])
    if not ranked:
        return None, []
    uid = ranked[0]
    return uid, [Noted(Choice("import.choice.standing_most", {"name": kinds[uid].name, "n": str(counts[uid])}),
                       appendix.tasks[0].pos, "")]
