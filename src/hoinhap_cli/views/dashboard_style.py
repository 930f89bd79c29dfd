"""The dashboard's style sheet: on screen, and printed on A4 for a committee meeting.

Printed: a front sheet of exactly one page (`section.front`, a page break after it), then the
detail, nothing reaching the page's right edge (where Chromium clips); every page numbered
"Trang k/n" by the @page margin boxes (Chromium prints them), with the as-of date beside the
number. Bars read without colour: done is a solid dark fill, late a
hatch, the rest a pale plain fill (what bars.py draws in the terminal as █ ▒ ░).
"""

from __future__ import annotations

DONE_FILL = "#1e5c2b"  # dark: reads near-black in greyscale
LATE_HATCH = "repeating-linear-gradient(135deg, #c62828 0 2px, #ffffff 2px 5px)"  # mid-grey stripes
REST_FILL = "#ececec"

CSS = """
@page { size: A4; margin: 12mm 12mm 15mm;
  @bottom-left { font: 8pt "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #444; }
  @bottom-right { font: 8pt "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #444; } }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1b1b1b;
       margin: 0 auto; padding: 24px; max-width: 1180px; font-size: 14px; line-height: 1.35; }
h1 { font-size: 21px; margin: 6px 0 2px; }
h2 { font-size: 16px; margin: 18px 0 6px; border-bottom: 2px solid #333; padding-bottom: 2px; }
.sub { color: #444; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 3px 6px; border-bottom: 1px solid #ddd; }
th { background: #f0f0f0; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
.id { font-weight: 600; white-space: nowrap; }
.late { color: #b00020; font-weight: 600; }
.none { color: #555; font-style: italic; }
.letterhead { display: flex; justify-content: space-between; align-items: flex-start; gap: 24px;
              font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; }
.letterhead .body { text-align: center; text-transform: uppercase; font-size: 13px; line-height: 1.3; }
.letterhead .body b { display: block; }
.letterhead .dated { font-style: italic; font-size: 14px; }
.figures { display: flex; gap: 8px; margin: 10px 0 4px; }
.figures div { flex: 1; border: 1.5px solid #333; padding: 4px 8px; }
.figures b { display: block; font-size: 22px; line-height: 1.15; }
.figures span { font-size: 12px; color: #333; }
.bar { display: flex; height: 14px; width: 100%; background: @REST@; border: 1px solid #555; }
.bar span { display: block; height: 100%; }
.bar .done, .key.done { background: @DONE@; }
.bar .overdue, .key.overdue { background: @LATE@; }
.key { display: inline-block; width: 22px; height: 11px; border: 1px solid #555; margin: 0 4px 0 12px;
       vertical-align: -1px; }
.key.rest { background: @REST@; }
table.progress td.bar-cell { width: 34%; vertical-align: middle; }
.front ul { margin: 2px 0; padding-left: 18px; }
.front li { margin: 1px 0; }
.front .more { color: #444; font-style: italic; }
.front .names { font-size: 12px; }
table.timeline { font-size: 10.5px; table-layout: fixed; }
table.timeline th, table.timeline td { padding: 1px 2px; border: 1px solid #e2e2e2; }
table.timeline td.q, table.timeline th.q { text-align: center; overflow: hidden; }
table.timeline col.tid { width: 4.6em; }
table.timeline col.ttl { width: 36%; }
table.timeline td.id { overflow: hidden; text-overflow: clip; }
table.timeline td.prog { background: #f6f6f6; font-weight: 600; }
table.timeline .asof { background: #fbe9f7; }
table.timeline th.asof { color: #8e0f74; }
td.q.span { background-image: linear-gradient(#777, #777); background-size: 100% 2px;
            background-position: center; background-repeat: no-repeat; }
td.q.ongoing { background: #e3ecfa; color: #1a4f9c; }
.m-done { color: #2e7d32; } .m-in-progress { color: #00838f; font-weight: 700; }
.m-late { color: #c62828; font-weight: 700; } .m-event, .m-none { color: #a66b00; }
.m-recurring { color: #8e0f74; } .m-dropped { color: #777; }
td.q span.m { background: #fff; padding: 0 1px; }
.legend { font-size: 12px; margin-top: 6px; }
.legend span { margin-right: 14px; white-space: nowrap; }
footer { margin-top: 14px; color: #444; font-size: 11px; }
@media print {
  /* 2px inside each side: Chromium clips the printed page a fraction of a pixel inside the width
     it lays the page out in, and took the last tile's right border with it */
  body { padding: 0 2px; max-width: none; font-size: 10.5px; line-height: 1.3; }
  h1 { font-size: 17px; } h2 { font-size: 13px; margin: 10px 0 4px; break-after: avoid; }
  .front { break-after: page; }
  .front th, .front td { padding: 1.5px 4px; }
  .figures b { font-size: 17px; } .figures span { font-size: 9.5px; }
  .letterhead .body { font-size: 11.5px; } .letterhead .dated { font-size: 12px; }
  .front .names { font-size: 9.5px; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  footer { font-size: 9px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".replace("@DONE@", DONE_FILL).replace("@LATE@", LATE_HATCH).replace("@REST@", REST_FILL)


def css_string(text: str) -> str:
    """`text` as a CSS string literal: quotes and backslashes escaped, and "<" too, so that no
    data can close the <style> element."""
    out = "".join(f"\\{ord(ch):x} " if ch in '"\\<>\n' else ch for ch in text)
    return f'"{out}"'


def page_boxes(left: str, page_word: str) -> str:
    """The @page margin boxes: `left` at the bottom left of every page, "Trang k/n" at the right."""
    return ("@page { @bottom-left { content: " + css_string(left) + "; } "
            "@bottom-right { content: " + css_string(page_word + " ") + ' counter(page) "/" counter(pages); } }')
