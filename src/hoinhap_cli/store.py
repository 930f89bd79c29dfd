"""The one place that writes report files: lock, read, validate, change, atomic replace.

Every write to data/reports/<YYYY-Qn>/<unit>.yaml goes through `update()`:

1. refuse the bundled plan's folder (never write into site-packages);
2. take an OS lock on `<report>.yaml.lock` beside the file (filelock: flock/LockFileEx, which
   the kernel releases when the holding process dies, so a crashed writer never blocks);
3. read the current file and validate it against the plan; a file that does not parse or
   does not validate is never overwritten — the problems come back with file:line:column;
4. apply the change, dump it in the fixed layout below, re-read and re-validate the result;
5. write a temp file in the same folder, flush + fsync, `os.replace`, fsync the folder.

The layout is stable, so appending one entry adds lines and changes none: top-level keys
unit, period, submitted, entries, events; entry keys task, milestone, status, date, note,
reason, evidence, forced; empty keys left out; multi-line notes as `|` literal blocks.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

from hoinhap_cli import yamlio
from hoinhap_cli.model import Entry, EventEntry, Plan, ReportFile
from hoinhap_cli.ledger import validate_report
from hoinhap_cli.paths import DataDir, bundled_plan, report_path
from hoinhap_cli.periods import parse_period
from hoinhap_cli.problems import DataError, Problem, UsageError, errors

DEFAULT_LOCK_TIMEOUT = 30.0
GITIGNORE = "# written by hoinhap: lock and temp files of report writes\n*.lock\n*.tmp\n"

ENTRY_KEYS = ("task", "milestone", "status", "date", "note", "reason", "evidence", "forced")
EVENT_KEYS = ("event", "date", "note", "evidence")


@dataclass(frozen=True)
class Written:
    path: Path
    file: str  # as displayed
    content: ReportFile
    created: bool
    reformatted: bool  # a hand-written layout was rewritten in the standard one


def layout(report: ReportFile) -> dict[str, Any]:
    """A report as plain data in the fixed key order, empty keys left out."""
    out: dict[str, Any] = {"unit": report.unit, "period": str(report.period)}
    if report.submitted is not None:
        out["submitted"] = report.submitted.isoformat()
    if report.entries:
        out["entries"] = [_pick(e.model_dump(mode="json"), ENTRY_KEYS) for e in report.entries]
    if report.events:
        out["events"] = [_pick(e.model_dump(mode="json"), EVENT_KEYS) for e in report.events]
    return out


def _pick(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: data[k] for k in keys if data.get(k) not in (None, False, "")}


def render(report: ReportFile) -> str:
    return yamlio.dump(layout(report))


def refuse_bundled(data: DataDir) -> None:
    bundled = bundled_plan().parent.resolve()
    if data.origin == "bundled" or data.root.resolve() == bundled:
        raise UsageError(
            f"the data folder is the plan bundled with the program ({data.plan_file}); "
            "progress is never written inside the installed package",
            ["pass --data DIR (a folder holding plan.yaml), or run `hoinhap init DIR` to start a ledger"],
        )


def update(data: DataDir, plan: Plan, unit: str, period: str, today: date,
           change: Callable[[ReportFile], ReportFile], timeout: float = DEFAULT_LOCK_TIMEOUT) -> Written:
    """Change one unit's report for one quarter, safely. `change` may raise to write nothing."""
    from filelock import FileLock, Timeout

    refuse_bundled(data)
    path = report_path(data, unit, period)
    name = data.display(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _gitignore(data.reports)
    lock = FileLock(str(path) + ".lock", timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise UsageError(f"{name} is being written by another hoinhap (waited {timeout:g} s); nothing was written",
                         ["try again; HOINHAP_LOCK_TIMEOUT=SECONDS waits longer"]) from None
    try:
        current, text = _read(path, name, plan, unit, period, today)
        new = change(current if current is not None else ReportFile(unit=unit, period=parse_period(period)))
        new_text = render(new)
        _check_written(new_text, name, plan, unit, period, today)
        reformatted = text is not None and text != render(current)  # type: ignore[arg-type]
        if reformatted:
            comment = yamlio.comment_at(text)  # type: ignore[arg-type]
            if comment is not None:
                raise DataError([Problem(name, *comment, "this comment would be lost when the tool rewrites the "
                                         "file (its layout is not the standard one): move the text into a "
                                         "note: field or delete the comment, then run again")])
        if new_text != text:
            replace(path, new_text)
        return Written(path, name, new, text is None, reformatted)
    finally:
        lock.release()


def _read(path: Path, name: str, plan: Plan, unit: str, period: str,
          today: date) -> tuple[ReportFile | None, str | None]:
    """The current report and its text, (None, None) when there is none yet; DataError when unusable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as err:
        raise DataError([Problem(name, None, None, f"cannot read the file: {err.strerror or err}")]) from None
    if not raw.strip():  # an empty file holds nothing that could be lost
        return None, None
    doc, problems = yamlio.parse(raw, name)
    if doc is None:
        raise DataError(problems + [Problem(name, None, None, "the file was not changed: fix it, then run again")])
    content, problems = validate_report(doc, plan, unit, period, today)
    if content is None or errors(problems):
        raise DataError(errors(problems) + [Problem(name, None, None,
                                                    "the file was not changed: fix it, then run again")])
    return content, raw.decode("utf-8-sig")


def _check_written(text: str, name: str, plan: Plan, unit: str, period: str, today: date) -> None:
    """Read back what is about to be written: it must load and validate like a hand-written file."""
    doc, problems = yamlio.parse(text, name)
    content = None
    if doc is not None:
        content, problems = validate_report(doc, plan, unit, period, today)
    if content is None or errors(problems):
        raise DataError(errors(problems) + [Problem(name, None, None, "refused: the new entry would make this "
                                                    "file invalid; nothing was written")])


def replace(path: Path, text: str) -> None:
    """Write `text` to `path` atomically: temp file beside it, fsync, rename, fsync the folder."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows cannot open a folder to fsync it
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _gitignore(reports: Path) -> None:
    """Keep lock and temp files out of git: every branch writes the same bytes, so merges agree."""
    target = reports / ".gitignore"
    if not target.exists():
        with contextlib.suppress(FileExistsError):
            with open(target, "x", encoding="utf-8") as handle:
                handle.write(GITIGNORE)


# ------------------------------------------------------------ the three changes


def append_entry(entry: Entry) -> Callable[[ReportFile], ReportFile]:
    return lambda report: report.model_copy(update={"entries": [*report.entries, entry]})


def append_event(event: EventEntry) -> Callable[[ReportFile], ReportFile]:
    return lambda report: report.model_copy(update={"events": [*report.events, event]})


def mark_submitted(day: date) -> Callable[[ReportFile], ReportFile]:
    def change(report: ReportFile) -> ReportFile:
        if report.submitted is not None and report.submitted != day:
            raise UsageError(f"{report.unit}'s report for {report.period} was already marked submitted on "
                             f"{report.submitted.isoformat()}; nothing was written",
                             ["edit submitted: in the file to change the date"])
        return report.model_copy(update={"submitted": day})

    return change
