"""The review laid out as a Vietnamese administrative document, in Word (python-docx).

Nghị định 30/2020/NĐ-CP, Phụ lục I (docs/review-docx.md lists every value used here): A4;
margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; the issuing body and
the number top left, Quốc hiệu and Tiêu ngữ top right in a table without borders; place and
date in italics; the kind of document and its title, centred and bold; "Kính gửi"; the body in
14 pt, justified, first line indented; "Nơi nhận" bottom left and the signature bottom right,
again in a table without borders; page numbers centred at the top from page 2.

The content comes from `review_doc` (a Letterhead and Sections): this module only lays out.
Pure: values in, the file's bytes out.
"""

from __future__ import annotations

import io
import unicodedata

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from hoinhap_cli.queries.review_doc import Letterhead, Para, Section, Table, cap
from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.periods import date_line

FONT = "Times New Roman"
PAGE = (Mm(210), Mm(297))  # A4
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_WIDTH = Mm(210 - 30 - 15)
SIZE = {"body": 14, "national": 12, "motto": 14, "body_name": 13, "number": 13, "place": 14, "kind": 14,
        "title": 14, "heading": 14, "table": 12, "copies_label": 12, "copies": 11, "signer": 14, "page": 13}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def build(head: Letterhead, body: list[Section], lang: str = "vi") -> bytes:
    """The .docx file's bytes."""
    doc = Document()
    _page_setup(doc)
    _letterhead(doc, head, lang)
    annex = _body(doc, body, lang)
    _signature(doc, head, lang)
    _annex(doc, head, annex, lang)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page_setup(doc: WordDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = section.footer_distance = Mm(10)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(SIZE["body"])
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_before, normal.paragraph_format.space_after = Pt(0), Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    # the page number: centred at the top, from the second page on (Phụ lục I, mục 12)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(number, "PAGE", SIZE["page"])


def _field(paragraph: Paragraph, code: str, size: int) -> None:
    run = paragraph.add_run()
    run.font.size = Pt(size)
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text != "2" else "w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _line(cell_or_doc: object, text: str, size: int, *, bold: bool = False, italic: bool = False,
          underline: bool = False, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER, after: int = 0,
          first: bool = False) -> Paragraph:
    """One paragraph of one run; `first` reuses a table cell's empty first paragraph."""
    p: Paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()  # type: ignore[attr-defined]
    p.alignment = align
    p.paragraph_format.space_after, p.paragraph_format.space_before = Pt(after), Pt(0)
    p.paragraph_format.first_line_indent = Cm(0)
    p.paragraph_format.line_spacing = 1.0
    run = p.add_run(text)
    run.font.size, run.font.bold, run.font.italic, run.font.underline = Pt(size), bold, italic, underline
    run.font.name = FONT
    return p


def _borderless(table: DocxTable, widths: list[int]) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths):  # the grid: what LibreOffice lays out from
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _letterhead(doc: WordDocument, head: Letterhead, lang: str) -> None:
    table = doc.add_table(rows=1, cols=2)
    _borderless(table, [Mm(62), Mm(103)])
    left, right = table.rows[0].cells
    _line(left, head.parent_body.upper(), SIZE["body_name"], first=True)
    _line(left, head.issuing_body.upper(), SIZE["body_name"], bold=True)
    _line(left, "―――――", 8)
    number = head.number or "\u00a0" * 8  # left blank to fill in by hand
    _line(left, t("doc.number", lang, number=number, symbol=head.symbol), SIZE["number"])
    _line(right, NATIONAL, SIZE["national"], bold=True, first=True)
    _line(right, MOTTO, SIZE["motto"], bold=True, underline=True, after=6)
    _line(right, t("doc.place_date", lang, place=head.place, date=date_line(head.dated, lang)), SIZE["place"],
          italic=True)
    _line(doc, "", SIZE["body"], after=6)
    _line(doc, head.kind, SIZE["kind"], bold=True)
    _line(doc, head.title, SIZE["title"], bold=True, after=12)
    if head.addressees:
        to = t("doc.to", lang)
        if len(head.addressees) == 1:
            _line(doc, f"{to} {head.addressees[0]}.", SIZE["body"], after=12)
        else:
            _line(doc, to, SIZE["body"])
            for name in head.addressees:
                _line(doc, f"- {name};", SIZE["body"])
            _line(doc, "", SIZE["body"], after=6)


def _body(doc: WordDocument, body: list[Section], lang: str) -> list[Table]:
    """The sections with their text; each table's place says where it is in the Phụ lục, and the
    tables are handed back for it (Nghị định 30/2020: the body keeps the figures in words)."""
    annex: list[Table] = []
    major = minor = 0
    for section in body:
        if section.level == 1:
            major, minor = major + 1, 0
            number = f"{ROMAN[major - 1]}."
        else:
            minor += 1
            number = f"{section.number or minor}."
        heading = _line(doc, f"{number} {cap(section.title)}", SIZE["heading"], bold=True,
                        align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6)
        heading.paragraph_format.first_line_indent = Cm(1)
        heading.paragraph_format.keep_with_next = True
        waiting: list[Table] = []
        for block in [*section.blocks, None]:
            if isinstance(block, Table):
                waiting.append(block)
                continue
            if waiting:  # one line for the tables met together
                _paragraph(doc, Para(t("doc.see", lang, tables=", ".join(x.label for x in waiting)), "note"))
                annex += waiting
                waiting = []
            if block is not None:
                _paragraph(doc, block)
    return annex


def _annex(doc: WordDocument, head: Letterhead, tables: list[Table], lang: str) -> None:
    """The Phụ lục after the signature: its heading, what it is attached to, then every table."""
    if not tables:
        return
    doc.add_page_break()
    _line(doc, t("doc.annex", lang), SIZE["kind"], bold=True)
    _line(doc, t("doc.annex.title", lang), SIZE["title"], bold=True)
    number = head.number or "\u00a0" * 8
    _line(doc, t("doc.annex.of", lang, number=number, symbol=head.symbol, date=date_line(head.dated, lang),
                 body=head.issuing_body), SIZE["body"], italic=True, after=12)
    for table in tables:
        _table(doc, table)


def _paragraph(doc: WordDocument, block: Para) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    p.paragraph_format.first_line_indent = Cm(1)
    run = p.add_run(f"- {cap(block.text)}" if block.kind == "item" else block.text)
    run.font.size = Pt(SIZE["body"])
    if block.kind == "placeholder":  # to be written by a person: seen at once on screen and on paper
        run.font.italic = True
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    elif block.kind == "note":
        run.font.italic = True


def _table(doc: WordDocument, block: Table) -> None:
    caption = _line(doc, block.caption, SIZE["table"] + 1, bold=True, italic=True, after=3)
    caption.paragraph_format.keep_with_next = True
    if not block.rows:
        _paragraph(doc, Para(block.empty, "note"))
        return
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.style = doc.styles["Table Grid"]
    small = len(block.columns) > 6  # a table of figures: its many short headings one size smaller
    heads = [cap(text) for text in block.columns]
    widths = fit(heads, block.rows, block.widths, SIZE["table"], SIZE["table"] - small)
    _borderless(table, [Emu(int(w)) for w in widths])  # widths and centring; the grid style draws the borders
    for k, text in enumerate(heads):
        _line(table.rows[0].cells[k], text, SIZE["table"] - small, bold=True, first=True)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row again on every page the table runs onto
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for r, row in enumerate(block.rows, 1):
        for k, text in enumerate(row):
            numeric = text.replace(",", "").replace("%", "").isdigit()
            _cell(table.rows[r].cells[k], text, align=WD_ALIGN_PARAGRAPH.CENTER if numeric else WD_ALIGN_PARAGRAPH.LEFT)
    _line(doc, "", 6, after=6)


def _cell(cell: object, text: str, *, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT) -> None:
    _line(cell, text, SIZE["table"], align=align, first=True)


def _signature(doc: WordDocument, head: Letterhead, lang: str) -> None:
    _line(doc, "", SIZE["body"], after=6)
    table = doc.add_table(rows=1, cols=2)
    _borderless(table, [Mm(80), Mm(85)])
    left, right = table.rows[0].cells
    _line(left, t("doc.copies", lang), SIZE["copies_label"], bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT,
          first=True)
    for k, name in enumerate(head.copies):
        end = "." if k == len(head.copies) - 1 else ";"
        _line(left, f"- {name}{end}", SIZE["copies"], align=WD_ALIGN_PARAGRAPH.LEFT)
    first = True
    if head.signer_authority:
        _line(right, head.signer_authority.upper(), SIZE["signer"], bold=True, first=True)
        first = False
    _line(right, head.signer_title.upper(), SIZE["signer"], bold=True, first=first)
    _line(right, t("doc.sign_here", lang) if not head.signer else "", SIZE["signer"] - 1, italic=True)
    for _ in range(3):
        _line(right, "", SIZE["signer"])
    _line(right, head.signer, SIZE["signer"], bold=True)


# ------------------------------------------------------------------ columns sized to their words

# Advance widths of Times New Roman (the metrics of Adobe's Times-Roman and Times-Bold, in 1/1000
# em, which Liberation Serif shares): a letter with diacritics is as wide as its base letter.
_ROMAN = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    (250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, *(500,) * 10, 278, 278, 564,
     564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
     556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500,
     278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541)))
_BOLD = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    (250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, *(500,) * 10, 333, 333, 570,
     570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722,
     556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444, 333, 500, 556,
     278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520)))
_WIDER = {"ư": 70, "ơ": 70, "Ư": 90, "Ơ": 90}  # the horn adds to the base letter
_PAD = Pt(0.19 / 2.54 * 72 * 2 + 2)  # a cell's left and right margins (0.19 cm each), and a little air


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The printed width of `text` at `size` points, in EMU (a little over, never under: 5% added)."""
    table = _BOLD if bold else _ROMAN
    units = 0
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0].replace("đ", "d").replace("Đ", "D")
        units += table.get(base, 1000 if ch in "…—" else 556 if not bold else 600) + _WIDER.get(ch, 0)
    return units / 1000 * Pt(size) * 1.05


def _longest(text: str, size: float, bold: bool) -> float:
    """The widest thing a line of the cell cannot break: a word, a number, a date."""
    return max((text_width(word, size, bold) for word in text.split()), default=0.0)


def fit(heads: list[str], rows: list[list[str]], weights: tuple[float, ...], size: float,
        head_size: float) -> list[float]:
    """Column widths (EMU) that add up to the text width, in the proportions `weights` asks, but
    never narrower than a column's widest unbreakable word, number or heading word: a cell wraps
    at spaces only. Where the words cannot all fit, the widest words decide."""
    least = [max(_longest(head, head_size, True), *(_longest(row[k], size, False) for row in rows)) + _PAD
             for k, head in enumerate(heads)]
    total = sum(weights)
    wanted = [max(TEXT_WIDTH * w / total, m) for w, m in zip(weights, least)]
    over = sum(wanted) - TEXT_WIDTH
    slack = [w - m for w, m in zip(wanted, least)]
    if over > 0 and sum(slack) > 0:  # give back what is over from the columns with room to spare
        share = min(1.0, over / sum(slack))
        wanted = [w - s * share for w, s in zip(wanted, slack)]
    return wanted
