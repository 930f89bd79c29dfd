"""The one place that writes report files: lock, read, validate, change, atomic replace.

Every write to data/reports/<YYYY-Qn>/<unit>.yaml goes through `update()`:

1. refuse the bundled plan's folder (never write into site-packages);
2. take an OS lock on `<report>.yaml.lock` beside the file (filelock: flock/LockFileEx, which
   the kernel releases when the holding process dies, so a crashed writer never blocks);
   temp files a killed writer left beside the report are removed (`sweep`);
3. read the current file once and validate it against the plan; a file that does not parse
   or does not validate is never overwritten — the problems come back with file:line:column;
4. apply the change as inserted lines (`yamldump.splice`: only the new entry is dumped, so a
   write costs a parse, not a re-dump of the whole file, and hand layout and comments stay);
   when that cannot express the change, dump the whole file in the fixed layout — refusing
   if that would drop a comment; re-read and re-validate the result;
5. write a temp file in the same folder, flush + fsync; just before `os.replace`, compare the
   file on disk with the bytes read in 3: an editor or `git pull` (which take no lock) saved it
   meanwhile, so nothing is replaced and 3–5 run again on the new bytes (`WRITE_TRIES` times,
   then one line, `store.changed`, and the file left as it is); else replace, fsync the folder.
   A write the system refuses (disk full, read-only folder) is one line (`write_failed`,
   exit 2): the old file is untouched and the temp file removed. The new bytes' cache entry
   is stored (when a cache is given), so the next read or write of the file is warm.

Entries appended (`Appended`, what `record` writes) to a file the cache knows by its bytes
take a shorter way through 3 and 4 (`_appended`): the content comes from the cache entry,
checked against the plan as a read checks it; when the entries end the file (its `Tail`),
the new lines — those a splice would insert — are read back in the context of the file's
last entry, not with the whole file. A 100,000-entry file: no parse of 13 MB, twice. When
anything is unsure (no entry, another layout, a mismatch) the full way runs, and says what
is wrong with a broken file.

The layout is stable, so appending one entry adds lines and changes none: top-level keys
unit, period, submitted, number, entries, events, submissions; entry keys task, milestone, status, date, note,
reason, evidence, forced; empty keys left out; multi-line notes as `|` literal blocks
(a note with spaces at the end of one of its lines is written double-quoted, with `\n`:
YAML cannot keep such spaces in a literal block).
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from hoinhap_cli.files import locks, plainfiles, yamldump, yamlio
from hoinhap_cli.files.files import Changed, make_folders, write_atomic
from hoinhap_cli.files.paths import DataDir, bundled_plan, report_path
from hoinhap_cli.ledger import reading
from hoinhap_cli.ledger.cache import NO_CACHE, Cache
from hoinhap_cli.ledger.reading import validate_report
from hoinhap_cli.model.model import Entry, EventEntry, Plan, ReportFile, Submission
from hoinhap_cli.model.reportfiles import Piece, Tail
from hoinhap_cli.words.periods import parse_period
from hoinhap_cli.words.problems import DataError, LockBusy, Problem, UsageError, errors, words

DEFAULT_LOCK_TIMEOUT = 30.0
WRITE_TRIES = 3  # reads of a file an editor keeps saving while it is written, before refusing
GITIGNORE = "# written by hoinhap: lock and temp files of report writes\n*.lock\n*.tmp\n"

ENTRY_KEYS = ("task", "milestone", "status", "date", "note", "reason", "evidence", "forced")
EVENT_KEYS = ("event", "date", "note", "evidence")
SUBMISSION_KEYS = ("duty", "period", "date", "number")


@dataclass(frozen=True)
class Written:
    path: Path
    file: str  # as displayed
    created: bool
    reformatted: bool  # a hand-written layout was rewritten in the standard one


def layout(report: ReportFile) -> dict[str, Any]:
    """A report as plain data in the fixed key order, empty keys left out."""
    out: dict[str, Any] = {"unit": report.unit, "period": str(report.period)}
    if report.submitted is not None:
        out["submitted"] = report.submitted.isoformat()
    if report.number:
        out["number"] = report.number
    if report.entries:
        out["entries"] = [_pick(e.model_dump(mode="json"), ENTRY_KEYS) for e in report.entries]
    if report.events:
        out["events"] = [_pick(e.model_dump(mode="json"), EVENT_KEYS) for e in report.events]
    if report.submissions:
        out["submissions"] = [_pick(s.model_dump(mode="json"), SUBMISSION_KEYS) for s in report.submissions]
    return out


def _pick(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: data[k] for k in keys if data.get(k) not in (None, False, "")}


def render(report: ReportFile) -> str:
    return yamldump.dump(layout(report))


def refuse_bundled(data: DataDir) -> None:
    bundled = bundled_plan().parent.resolve()
    if data.origin == "bundled" or data.root.resolve() == bundled:
        raise UsageError(words("store.bundled", file=data.plan_file), [words("store.bundled.hint")])


def update(data: DataDir, plan: Plan, unit: str, period: str, today: date,
           change: Callable[[ReportFile], ReportFile], timeout: float = DEFAULT_LOCK_TIMEOUT,
           max_bytes: int = yamlio.MAX_BYTES, cache: Cache = NO_CACHE) -> Written:
    """Change one unit's report for one quarter, safely. `change` may raise to write nothing;
    nor is a change written that would make the report bigger than `max_bytes`, what reads allow.
    `cache` (the content-hash cache) may know the file's content by its bytes: entries appended
    (`Appended`) then cost no parse of the whole file (`_appended`), and the new bytes' entry is
    stored, so that the next read or write of the file is warm too."""
    refuse_bundled(data)
    plainfiles.check_report_target(data.reports, period, unit, data.display(data.reports))  # no links, FIFOs
    path = report_path(data, unit, period)
    name = data.display(path)
    lock = _locked(path, name, data.reports, timeout)
    try:
        sweep(path)
        for _ in range(WRITE_TRIES):
            try:
                return _update(path, name, plan, unit, period, today, change, max_bytes, cache)
            except Changed:  # saved meanwhile by an editor or git, which take no lock: read it again
                continue
        raise DataError([Problem(name, None, None, words("store.changed"))])
    finally:
        lock.release()


def _update(path: Path, name: str, plan: Plan, unit: str, period: str, today: date,
            change: Callable[[ReportFile], ReportFile], max_bytes: int, cache: Cache) -> Written:
    """One read, change and write of the report, under its lock; `Changed` (nothing written) when
    the file on disk is no longer the one read, just before the replace."""
    exact = _current(path, name)
    raw = exact if exact is not None and exact.strip() else None  # an empty file holds nothing to lose

    def unchanged() -> bool:
        return _on_disk(path) == exact

    fast = _appended(raw, name, plan, unit, period, today, change, cache)
    if fast is not None:
        _write(path, name, fast[0], max_bytes, unchanged)
        _remember(cache, raw, fast[0], fast[1])
        return Written(path, name, False, False)
    current, doc, text = _read(raw, name, plan, unit, period, today)
    passed: dict[str, tuple[yamlio.Located, ReportFile]] = {}
    check = _checker(name, plan, unit, period, today, passed)
    if current is None:
        new = change(ReportFile(unit=unit, period=parse_period(period)))
        new_text, reformatted = render(new), False
    else:
        new = change(current)
        if new == current:
            return Written(path, name, False, False)
        new_text, reformatted = _new_text(name, doc, text, current, new, check)  # type: ignore[arg-type]
    if reformatted or current is None:  # a splice was read back in _new_text already
        problems = check(new_text, new)
        if problems:
            raise DataError(problems + [Problem(name, None, None, words("store.nothing_written"))])
    _write(path, name, written := new_text.encode("utf-8"), max_bytes, unchanged)
    if new_text in passed and cache.enabled:  # read back just now: the next read or write is warm
        _remember(cache, raw, written, reading.piece_from(*passed[new_text], written))
    return Written(path, name, current is None, reformatted)


def _locked(path: Path, name: str, reports: Path, timeout: float) -> FileLock:
    """The report's OS lock, held (its folder made first): LockBusy after `timeout` seconds."""
    lock = FileLock(str(path) + ".lock", timeout=timeout, **locks.lock_options(path.parent))
    try:
        make_folders(path.parent)  # group-writable in a group-shared reports/
        _gitignore(reports)
        # filelock polls a non-blocking flock; its default 50 ms sleep leaves the lock idle
        # between writers (20 writers: twice the wall time). A poll costs one system call.
        lock.acquire(poll_interval=0.005)
    except Timeout:
        raise LockBusy(name, timeout) from None
    except OSError as err:
        raise locks.lock_failed(Path(lock.lock_file), name, err) or write_failed(name, err) from None
    return lock


def _remember(cache: Cache, old: bytes | None, new: bytes, piece: Piece) -> None:
    """The cache entry of the bytes written; the old bytes' entry goes, unless a snapshot needs it."""
    cache.put(cache.report_key(hashlib.sha256(new).digest()), piece)
    if old is not None:
        cache.forget(cache.report_key(hashlib.sha256(old).digest()))


def _write(path: Path, name: str, new: bytes, max_bytes: int, unchanged: Callable[[], bool]) -> None:
    check_size(name, new, max_bytes)
    try:
        replace(path, new, unchanged)
    except OSError as err:
        raise write_failed(name, err) from None


def write_failed(name: str, err: OSError) -> DataError:
    """A write the system refused (disk full, read-only folder): one line; the old file is intact."""
    detail = f" ({err.strerror})" if err.strerror else f" ({err})"
    return DataError([Problem(name, None, None, words("store.write_failed", why=plainfiles.why_refused(err),
                                                      detail=detail))])


def sweep(path: Path) -> int:
    """Remove temp files of `path` left by a writer that died (kill -9, power cut) before its rename.

    Called under the file's lock, so no live writer of this file has a temp file open."""
    removed = 0
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()
            removed += 1
    return removed


def _new_text(name: str, doc: yamlio.Located, text: str, current: ReportFile, new: ReportFile,
              check: Callable[[str, ReportFile], list[Problem]]) -> tuple[str, bool]:
    """Lines inserted into the file as it is (comments and hand layout kept); else the whole file
    in the standard layout, unless that would drop a comment. Returns (text, rewritten)."""
    spliced = yamldump.splice(doc, text, layout(current), layout(new))
    if spliced is not None and not check(spliced, new):
        return spliced, False
    comment = yamldump.comment_at(text)
    if comment is not None:
        raise DataError([Problem(name, *comment, words("store.comment_lost"))])
    rendered = render(new)
    return rendered, rendered != render(current)


def _current(path: Path, name: str) -> bytes | None:
    """The report's bytes, read once (the bytes hashed are the bytes parsed); None: no file.
    Unreadable: DataError."""
    try:
        return plainfiles.read_plain(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise DataError([Problem(name, None, None, words("yaml.unreadable", error=err.strerror or str(err)))]) \
            from None


def _on_disk(path: Path) -> bytes | None | OSError:
    """The report's bytes now, to compare with those read (None: no file; an error: not the same)."""
    try:
        return plainfiles.read_plain(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        return err


def _read(raw: bytes | None, name: str, plan: Plan, unit: str, period: str,
          today: date) -> tuple[ReportFile | None, yamlio.Located | None, str | None]:
    """The current report, its parsed document and text; Nones when there is none yet.

    A file that cannot be parsed or validated raises DataError: it is never overwritten."""
    if raw is None:
        return None, None, None
    doc, problems = yamlio.parse(raw, name)
    content = None
    if doc is not None:
        content, problems = validate_report(doc, plan, unit, period, today)
    if doc is None or content is None or errors(problems):
        raise DataError(errors(problems) + [Problem(name, None, None, words("store.not_changed"))])
    return content, doc, raw.decode("utf-8")


def _appended(raw: bytes | None, name: str, plan: Plan, unit: str, period: str, today: date,
              change: Callable[[ReportFile], ReportFile], cache: Cache) -> tuple[bytes, Piece] | None:
    """Entries appended (`Appended`) to a file whose cache entry, found by its bytes, says it is
    valid and where its entries end (`reading.cached_report`): the new bytes — the same as a
    splice's, `yamldump.items` at the end of the file — and their cache entry. Only the new
    lines are read back, in the context of the file's last entry (`reading.appended`), not the
    whole file twice. None when anything is unsure: the full way parses the file."""
    if raw is None or not isinstance(change, Appended) or not change.entries:
        return None
    piece = reading.cached_report(raw, name, plan, unit, period, today, cache)
    if piece is None:
        return None
    header, views, tail = piece
    if tail is None:
        return None
    dumped = [_pick(e.model_dump(mode="json"), ENTRY_KEYS) for e in change.entries]
    lines = yamldump.items(tail.column, dumped)
    try:
        rest = raw[tail.start:].decode("utf-8")
    except UnicodeDecodeError:  # not a line's start: not the entry of these bytes after all
        return None
    added = reading.appended(piece, rest + lines, change.entries, name, plan, unit, period, today)
    if added is None:
        return None
    first = yamldump.items(tail.column, dumped[:-1]) if len(dumped) > 1 else ""
    last = Tail(len(raw) + len(first.encode("utf-8")), tail.column) \
        if first + yamldump.items(tail.column, dumped[-1:]) == lines else None
    return raw + lines.encode("utf-8"), (header, views + added, last)


def _checker(name: str, plan: Plan, unit: str, period: str, today: date,
             passed: dict[str, tuple[yamlio.Located, ReportFile]]) -> Callable[[str, ReportFile], list[Problem]]:
    def check(text: str, expected: ReportFile) -> list[Problem]:
        """Read back a text before writing it: [] when it is a valid report holding `expected`
        (then `passed` holds that text alone, with what it reads as)."""
        passed.clear()
        doc, problems = yamlio.parse(text, name)
        if doc is None:
            return problems
        content, problems = validate_report(doc, plan, unit, period, today)
        if content is None or errors(problems):
            return errors(problems)
        if content != expected:
            return [Problem(name, None, None, words("store.read_back"))]
        passed[text] = doc, content
        return []

    return check


def replace(path: Path, text: str | bytes, unchanged: Callable[[], bool] | None = None) -> None:
    """Write `text` to `path` atomically: temp file beside it, fsync, rename, fsync the folder;
    `files.Changed` when `unchanged()`, asked just before the rename, is false."""
    write_atomic(path, text, expect=unchanged)


def _gitignore(reports: Path) -> None:
    """Keep lock and temp files out of git: every branch writes the same bytes, so merges agree."""
    target = reports / ".gitignore"
    if not target.exists():
        try:
            with open(target, "x", encoding="utf-8") as handle:
                handle.write(GITIGNORE)
        except FileExistsError:
            pass
        except OSError:  # a disk that filled up mid-write: leave no half file behind
            with contextlib.suppress(OSError):
                target.unlink()
            raise


# ------------------------------------------------------------ the three changes


@dataclass(frozen=True)
class Appended:
    """A change that appends entries to a report and changes nothing else: `update` may write it
    without parsing the whole file (see `_appended`)."""

    entries: tuple[Entry, ...]

    def __call__(self, report: ReportFile) -> ReportFile:
        return report.model_copy(update={"entries": [*report.entries, *self.entries]})


def append_entry(entry: Entry) -> Appended:
    return Appended((entry,))


def append_event(event: EventEntry) -> Callable[[ReportFile], ReportFile]:
    return lambda report: report.model_copy(update={"events": [*report.events, event]})


def mark_submitted(day: date, number: str | None = None) -> Callable[[ReportFile], ReportFile]:
    """The file's own quarterly report sent on `day` (with its document number, if given)."""
    def change(report: ReportFile) -> ReportFile:
        if report.submitted is not None and report.submitted != day:
            raise UsageError(words("store.submitted", unit=report.unit, period=report.period,
                                   day=report.submitted.isoformat()), [words("store.submitted.hint")])
        return report.model_copy(update={"submitted": day, "number": number or report.number})

    return change


def add_submission(sent: Submission) -> Callable[[ReportFile], ReportFile]:
    """Another duty's report (a year's, a plan, the standing agency's) sent: one `submissions:` item."""
    def change(report: ReportFile) -> ReportFile:
        for s in report.submissions:
            if s.duty == sent.duty and s.period == sent.period:
                if s.date == sent.date:
                    return report  # the same again: nothing to write
                raise UsageError(words("store.submitted", unit=report.unit, period=f"{sent.duty} {sent.period}",
                                       day=s.date.isoformat()), [words("store.submission.hint")])
        return report.model_copy(update={"submissions": [*report.submissions, sent]})

    return change


def check_size(name: str, text: str | bytes, limit: int) -> None:
    """Refuse a write that would make the report too big for every later read."""
    size = len(text if isinstance(text, bytes) else text.encode("utf-8"))
    if size > limit:
        raise DataError([Problem(name, None, None, words("refused.too_big", size=f"{size / 2**20:.1f}",
                                                       limit=f"{limit / 2**20:g}"))])
