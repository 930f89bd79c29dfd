"""The document around the appendix: kind, number, date, issuer, title, legal bases, articles,
signer, the plan's objective and organisation, and the sentences that set reporting duties.

Everything is read from the paragraphs (and, for a portal page, from the header and signature
tables, whose cells are paragraphs too); what is not found is simply absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from hoinhap_cli.importing.appendix import roles_of
from hoinhap_cli.importing.document import Document
from hoinhap_cli.words.text import fold

KINDS = {"quyet dinh": "Quyết định", "ke hoach": "Kế hoạch", "nghi quyet": "Nghị quyết", "chuong trinh": "Chương trình"}
_DATE = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*Số:?\s*(\d+[\w/.\-]*/[\wĐđ\-]+)")
_PLACE_DATE = re.compile(r"^(Số\b.*|[^\d,]{2,40}),\s*ngày")
_ATTACHED = re.compile(r"kèm theo (Quyết định|Nghị quyết|Kế hoạch|Chương trình)\s+số:?\s*(\d[\w/.\-Đđ]*/[\wĐđ\-]+)"
                       r"(?:\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4}))?", re.IGNORECASE)
_NAME = re.compile(r"((?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s+){1,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)\s*$")
_SIGN_START = re.compile(r"^(TM\.|KT\.|TL\.|Q\.|CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG|GIÁM ĐỐC)")


@dataclass
class Duty:
    every: str  # quarter | half | year | month | ad-hoc
    on: list[str]
    source: str
    line: int
    clear: bool = False  # the sentence gives this one frequency, and its fixed days if any, and nothing else


@dataclass
class Header:
    kind: str = "Quyết định"
    number: str | None = None
    signed_on: date | None = None
    issuer: str | None = None
    title: str | None = None
    plan_title: str | None = None
    legal_bases: list[str] = field(default_factory=list)
    articles: list[tuple[int, str]] = field(default_factory=list)
    signer: str | None = None
    signer_title: str | None = None
    effective_after_days: int | None = None
    directed_by: str | None = None
    objective: str | None = None
    organisation: list[str] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    report_to: str | None = None
    place: str | None = None  # before the date: "Hà Nội, ngày …"
    notes: list[str] = field(default_factory=list)


def _day(d: str, m: str, y: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def read_header(doc: Document, appendix_line: int) -> Header:
    """The header of `doc`, from the paragraphs before the appendix table at `appendix_line`."""
    h = Header()
    paras = [(n, t) for n, t in doc.paragraphs if n < appendix_line or appendix_line <= 0]
    top = _top_lines(doc, paras)
    for _, text in top[:12]:
        f = fold(text)
        if f in KINDS and h.title is None:
            h.kind = KINDS[f]
            continue
    for n, (_, text) in enumerate(top[:14]):
        if fold(text) in KINDS:
            following = [t for _, t in top[n + 1:n + 4] if t and not t.isspace()]
            if following and h.title is None:
                h.title = following[0]
            break
    for _, text in top[:14]:
        m = _NUMBER.search(text)
        if m and h.number is None:
            h.number = m.group(1)
        d = _DATE.search(text)
        if d and h.signed_on is None and _PLACE_DATE.match(text):
            h.signed_on = _day(d[1], d[2], d[3])
            place = text.split(",")[0].strip()
            if not place.startswith("Số"):
                h.place = place
    attached = next((m for _, t in paras for m in [_ATTACHED.search(t)] if m), None)
    if attached:
        if h.number is None:
            h.number = attached.group(2)
        if h.signed_on is None and attached.group(3):
            h.signed_on = _day(attached.group(3), attached.group(4), attached.group(5))
    h.issuer = _issuer(doc, top)
    h.legal_bases = _bases(paras)
    for _, text in paras:
        m = re.match(r"^Điều\s+(\d+)\s*[.:]\s*(.+)$", text, re.DOTALL)
        if m and int(m[1]) not in {a for a, _ in h.articles}:
            h.articles.append((int(m[1]), m[2].strip()))
        eff = re.search(r"có hiệu lực(?: thi hành)?(?: sau (\d+)| kể từ ngày ký)", text)
        if eff and h.effective_after_days is None:
            h.effective_after_days = int(eff[1]) if eff[1] else 0
        led = re.search(r"\bGiao ((?:Phó )?Chủ tịch[^,;]{3,80}?) (?:theo dõi|trực tiếp chỉ đạo|chỉ đạo)", text)
        if led and h.directed_by is None:
            h.directed_by = led[1].strip()
    _signature(doc, paras, h)
    _sections(paras, h)
    _reporting(paras, h)
    return h


def _bases(paras: list[tuple[int, str]]) -> list[str]:
    """The "Căn cứ …" paragraphs of the preamble: those before the first article, the operative
    words ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:") or the first section ("I. MỤC TIÊU")."""
    out: list[str] = []
    for _, text in paras:
        if re.match(r"^(Điều\s+\d|[IVX]+\.\s|QUYẾT (ĐỊNH|NGHỊ)\s*:)", text):
            break
        if text.startswith("Căn cứ"):
            out.append(text)
    return out


def _top_lines(doc: Document, paras: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The first lines of the document, the cells of a header table (a portal's letterhead) first;
    a short task table near the top is the appendix, no letterhead."""
    lines: list[tuple[int, str]] = []
    first_para = paras[0][0] if paras else 0
    for table in doc.tables:
        if (table.pos.line or 0) < first_para + 30 and len(table.rows) <= 3 \
                and not (table.rows and roles_of(table.rows[0])):
            for row in table.rows:
                for cell in row.cells:
                    lines.append((cell.pos.line or 0, cell.text))
    lines.extend(paras[:25])
    return lines


def _issuer(doc: Document, top: list[tuple[int, str]]) -> str | None:
    for n, (_, text) in enumerate(top[:30]):
        if text.startswith("Căn cứ") and n > 0:
            before = top[n - 1][1]
            if before.isupper() and len(before) < 80:
                return before
            break
    for _, text in top[:6]:
        head = re.split(r"\s*(CỘNG HÒA|CỘNG HOÀ|-{3,})", text)[0].strip()
        if head and head.isupper() and len(head) < 80 and fold(head) not in KINDS:
            return head
    return None


def _signature(doc: Document, paras: list[tuple[int, str]], h: Header) -> None:
    lines = [t for _, t in paras]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(cell.text.splitlines() or [cell.text])
    for n, text in enumerate(lines):
        if not text.startswith(("TM.", "KT.", "TL.")):
            continue
        alone = _NAME.search(text)  # the whole block in one cell or line ("TM. … PHÓ CHỦ TỊCH Trương Việt Dũng")
        if alone and alone.start() > 0:
            h.signer, h.signer_title = alone.group(1), text[:alone.start()].strip()
            return
        block: list[str] = []
        for t in lines[n:n + 7]:
            t = t.replace("[đã ký]", "").strip()
            if t:
                block.append(t)
        joined = " ".join(block)
        m = _NAME.search(joined[:200])
        for k, t in enumerate(block):
            if k > 0 and _NAME.fullmatch(t) and not t.isupper():
                h.signer = t
                h.signer_title = " — ".join(block[:k])
                return
        if m:
            h.signer = m.group(1)
            h.signer_title = joined[:m.start()].strip()
            return


def _sections(paras: list[tuple[int, str]], h: Header) -> None:
    current = ""
    for _, text in paras:
        if fold(text).startswith(("phu luc", "noi nhan")):
            break
        m = re.match(r"^([IVX]+)\.\s+(.+)$", text)
        if m and text.split(". ", 1)[1].isupper():
            current = fold(m[2])
            continue
        if current.startswith(("muc tieu", "muc dich")) and h.objective is None:
            if not text.isupper() and len(text) > 30 and not re.match(r"^\d+\.\s*\S+$", text):
                h.objective = text
        elif current.startswith("to chuc thuc hien"):
            h.organisation.append(text)


_EVERY = [(r"dinh ky 0?6 thang|6 thang (mot lan|\d)|moi 6 thang|hang nua nam", "half"),
          (r"hang quy|moi quy|dinh ky quy", "quarter"), (r"hang thang|moi thang", "month"),
          (r"hang nam|hang nam|moi nam|hang nam|sơ ket tung nam|tung nam", "year")]


def _reporting(paras: list[tuple[int, str]], h: Header) -> None:
    for n, text in paras:
        for sentence in re.split(r"(?<=[.;])\s+", text):
            f = fold(sentence).replace("hằng", "hang")
            if "bao cao" not in f:
                continue
            kinds: list[str] = []
            for pattern, every in _EVERY:
                if re.search(pattern, f) and ("dinh ky" in f or "truoc ngay" in f or every != "year"):
                    kinds.append(every)
            days = re.findall(r"truoc ngay (\d{1,2}) thang (\d{1,2})", f)
            days += re.findall(r"(?:ngay |va )(\d{1,2})/(\d{1,2})(?!/)", f)
            on = [f"{int(mo):02d}-{int(d):02d}" for d, mo in days if 1 <= int(mo) <= 12 and 1 <= int(d) <= 31]
            if on and not kinds:
                kinds.append("year")
            for every in kinds:
                if every not in {d.every for d in h.duties}:
                    day_count = {"year": 1, "half": 2, "quarter": 4, "month": 12}[every]
                    clear = len(kinds) == 1 and len(on) in (0, day_count)
                    h.duties.append(Duty(every, on if len(on) == day_count else [], sentence.strip(), n, clear))
            if re.search(r"dot xuat|khi co yeu cau", f) and "ad-hoc" not in {d.every for d in h.duties} and kinds:
                h.duties.append(Duty("ad-hoc", [], sentence.strip(), n))
            to = re.search(r"\(qua ([^)]+)\)", sentence) or re.search(r"cơ quan thường trực[^(]*\(([^)]+)\)", sentence)
            if to and h.report_to is None:
                h.report_to = to.group(1).strip()
