"""Progress bars: done / late / the rest of what can be finished, drawn once for every output.

`cells()` is the one place a bar's geometry is decided; `text()` (programs, summary) and
`html()` (the dashboard) only dress its result. The text bar reads without colour:

    ███▒▒░░░░░ 30%     █ done · ▒ late (due, not done) · ░ not done, not yet late

Pure: counts in, a string out; the words of the legend come from i18n.
"""

from __future__ import annotations

from html import escape

from hoinhap_cli.words.i18n import t
from hoinhap_cli.words.text import percent

DONE, LATE, REST = "█", "▒", "░"
NOTHING = "·"  # nothing to finish (only ongoing duties): no bar to fill
WIDTH = 10


def cells(done: int, late: int, total: int, width: int = WIDTH) -> tuple[int, int, int]:
    """How many of `width` cells show done, late and the rest.

    Proportional, rounded to whole cells, with two promises: a count above zero shows at least
    one cell (one late milestone among a hundred is still seen), and a bar is full of done only
    when everything is done.
    """
    if total <= 0 or width <= 0:
        return 0, 0, max(width, 0)
    done, late = max(0, min(done, total)), max(0, min(late, total - min(done, total)))
    rest = total - done - late
    parts = [round(width * n / total) for n in (done, late, rest)]
    for k, n in enumerate((done, late, rest)):
        if n and not parts[k]:
            parts[k] = 1
    while sum(parts) > width:  # take the excess from the widest part that can spare a cell
        k = max(range(3), key=lambda j: (parts[j] - (1 if (done, late, rest)[j] else 0), parts[j]))
        parts[k] -= 1
    while sum(parts) < width:
        k = max(range(3), key=lambda j: (done, late, rest)[j] * width / total - parts[j])
        parts[k] += 1
    return parts[0], parts[1], parts[2]


def share(done: int, total: int) -> str:
    """The share done as a whole percentage ("30%"), or "—" when nothing can be finished."""
    return f"{round(100 * done / total)}%" if total > 0 else "—"


def completion(done: int, total: int, lang: str) -> str:
    """The one completion rate in words, naming its unit: "11,9% số mốc (8/67 mốc)"; when nothing
    can be finished (ongoing duties only), says so."""
    if total <= 0:
        return t("rate.none", lang)
    return t("rate.milestones", lang, share=percent(round(100 * done / total, 1), lang),
             done=done, total=total)


def figures(as_of: str, late: int, done: int, total: int, lang: str) -> str:
    """The plan's figures on a day, as every command prints them: late milestones and the completion rate."""
    return t("figures.line", lang, as_of=as_of, late=late, rate=completion(done, total, lang))


def text(done: int, late: int, total: int, width: int = WIDTH) -> str:
    """"███▒▒░░░░░ 30%": the bar and the share done, right-aligned to one width."""
    if total <= 0:
        return f"{NOTHING * width} {share(done, total):>4}"
    d, lt, r = cells(done, late, total, width)
    return f"{DONE * d}{LATE * lt}{REST * r} {share(done, total):>4}"


def legend(lang: str) -> str:
    return t("bar.legend", lang, done=DONE, late=LATE, rest=REST)


def html(done: int, late: int, total: int, lang: str) -> str:
    """The same bar as a <div> of coloured spans (widths in percent from the same cells)."""
    d, lt, _ = cells(done, late, total, 100)
    label = escape(t("bar.label", lang, done=done, total=total, late=late), quote=True)
    return (f"<div class='bar' role='img' aria-label='{label}'>"
            f"<span class='done' style='width:{d}%'></span>"
            f"<span class='overdue' style='width:{lt}%'></span></div>")
