"""Refusals of hostile input (issue 19), each a small check worded in the user's language.

The callers stay as they were but for one call each: links, devices and FIFOs in the data
folder, the lock file, a write that would cross the read limit, `--out` targets, dates that are
numbers, invisible and bidirectional characters, spreadsheet formulas in CSV cells, dates past
what the calendar code handles. Light on purpose (os, stat, i18n): the warm path imports it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hoinhap_cli.i18n import lang_from_env
from hoinhap_cli.problems import LANG as LANG
from hoinhap_cli.problems import DataError, Problem, UsageError, Words, words
from hoinhap_cli.text import shown, shown_all

# LANG: the run's language (problems.LANG, set by the CLI's error edge; else $HOINHAP_LANG)


def say(key: str, **values: object) -> str:
    """Worded now, for a Problem's message (a UsageError carries Words the CLI's edge words)."""
    return words(key, **values).text(LANG.get() or lang_from_env(None))


# ------------------------------------------------------------ text shown to the user

# The one escape of what is printed lives in text.py (`shown`: control and bidirectional
# characters as <U+XXXX>), below i18n, which escapes every value put into a message with it.
# These are its names for the callers that import it from here (the CLI's error edge).
escape_bidi = shown
escape_all = shown_all


# ------------------------------------------------------------ files in the data folder


def kind(mode: int) -> Words:
    """What a file that is not a regular one is, in words: a FIFO, a device, a socket, a folder."""
    for test, key in ((stat.S_ISFIFO, "guard.kind.fifo"), (stat.S_ISCHR, "guard.kind.device"),
                      (stat.S_ISBLK, "guard.kind.device"), (stat.S_ISSOCK, "guard.kind.socket"),
                      (stat.S_ISDIR, "guard.kind.folder")):
        if test(mode):
            return words(key)
    return words("guard.kind.other")


def not_plain(path: str | Path, name: str, folder_ok: bool = False) -> str | None:
    """`why_not_plain` worded now, for a Problem."""
    why = why_not_plain(path, name, folder_ok)
    return None if why is None else say(why.key, **why.values)


def why_not_plain(path: str | Path, name: str, folder_ok: bool = False) -> Words | None:
    """Why `path` may not be read or written as a report (a symbolic link, a FIFO, a device, a
    folder), or None when it is a regular file or missing. Checked with lstat: nothing is opened."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return words("guard.link", file=name)
    if stat.S_ISREG(st.st_mode) or (folder_ok and stat.S_ISDIR(st.st_mode)):
        return None
    return words("guard.special", file=name, kind=kind(st.st_mode))


def listed(entry: os.DirEntry[str]) -> bool:
    """An entry of reports/ the listing hands on only to be refused or warned about: a link, a
    FIFO, device or socket named like a report, a report named in upper case (`.YAML`), a name
    that is not UTF-8."""
    name = entry.name
    if not _utf8(name):
        return True
    lower = name.lower()
    report_like = lower.endswith((".yaml", ".yml")) and lower not in (".yaml", ".yml")
    if entry.is_symlink():
        return report_like or entry.is_dir()
    if report_like and not entry.is_file(follow_symlinks=False) and not entry.is_dir(follow_symlinks=False):
        return True  # a FIFO, a device, a socket: named like a link is, never opened
    return report_like and not name.endswith((".yaml", ".yml")) and entry.is_file()


def shown_name(name: str) -> str:
    """A file name as printable UTF-8: bytes that were not UTF-8 as \\xNN."""
    if _utf8(name):
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def report_problem(name: str, full: str) -> Problem | None:
    """The one problem of a listed report that is not read (see `listed`), or None."""
    if not _utf8(full):
        return Problem(name, None, None, words("guard.name_not_utf8"))
    why = not_plain(full, name)
    if why is not None:
        return Problem(name, None, None, why.removeprefix(f"{name}: "))
    base = os.path.basename(full)
    if not base.endswith((".yaml", ".yml")):
        stem = os.path.splitext(base)[0]
        return Problem(name, None, None, words("guard.upper_yaml", stem=stem), "warning")
    return None


def read_plain(path: str | Path) -> bytes:
    """A regular file's bytes, opened without following a link and without blocking on a FIFO;
    OSError for anything else. (Path.read_bytes() on a FIFO waits for a writer forever.)"""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def regular(path: Path) -> Path:
    """`path` when it is (or links to) a regular file; OSError for a FIFO, a device, a folder —
    which reading would block on or fail in the middle of a run."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    return path


def check_report_target(reports: Path, period: str, unit: str, shown: str) -> None:
    """Refuse to write through a link, or onto a FIFO or device, inside reports/: the quarter
    folder, the report and its lock file must be what they look like (or not exist yet).
    `shown`: reports/ as the user sees it; the names below it are not resolved (a link would be)."""
    prefix = "" if shown == "." else shown + os.sep
    for rel, folder_ok in ((period, True), (f"{period}/{unit}.yaml", False), (f"{period}/{unit}.yaml.lock", False)):
        name = prefix + rel.replace("/", os.sep)
        why = not_plain(reports / rel, name, folder_ok)
        if why is not None:
            raise DataError([Problem(name, None, None, why.removeprefix(f"{name}: ") + say("guard.nothing_written"))])


def check_size(name: str, text: str | bytes, limit: int) -> None:
    """Refuse a write that would make the report too big for every later read."""
    size = len(text if isinstance(text, bytes) else text.encode("utf-8"))
    if size > limit:
        raise DataError([Problem(name, None, None, words("guard.too_big", size=f"{size / 2**20:.1f}",
                                                       limit=f"{limit / 2**20:g}"))])


# ------------------------------------------------------------ shared folders and the lock file


def group_shared(folder: Path) -> bool:
    """Whether `folder` is shared with its group (group-writable, as `chmod 2775` makes it): what
    is made in it is made group-writable too, so every member can write after the first one.
    A folder that is not group-writable widens nothing."""
    try:
        return bool(os.stat(folder).st_mode & stat.S_IWGRP)
    except OSError:
        return False


def lock_options(folder: Path) -> dict[str, Any]:
    """FileLock's mode for a new lock file in `folder` (or, before it is made, its parent):
    group-writable when the folder is shared with a group (`group_shared`), so every member can
    take the lock; else nothing (the umask decides, as before)."""
    if group_shared(folder if folder.exists() else folder.parent):
        umask = os.umask(0)
        os.umask(umask)
        return {"mode": (0o666 & ~umask) | stat.S_IRGRP | stat.S_IWGRP}
    return {}


def lock_failed(lock: Path, name: str, err: OSError) -> DataError | None:
    """The real cause when the lock file exists but cannot be opened: it belongs to someone else."""
    if err.errno not in (errno.EACCES, errno.EPERM) or not os.path.lexists(lock) or os.access(lock, os.W_OK):
        return None
    try:
        owner: Any = os.stat(lock).st_uid
        import pwd  # reason: POSIX only, and only on this rare path

        owner = pwd.getpwuid(owner).pw_name
    except (OSError, KeyError, ImportError):
        pass
    return DataError([Problem(name, None, None, words("guard.lock_owner", lock=lock.name, owner=owner))])


def lock_timeout(what: str, value: str) -> float:
    """$HOINHAP_LOCK_TIMEOUT's value, refused when it is not a finite number of seconds."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = float("nan")
    if not (0 <= seconds < 10**9):
        raise UsageError(words("guard.lock_timeout", what=what, value=value))
    return seconds


# ------------------------------------------------------------ --out


def out_target(path: str | Path | None, what: str) -> Path | None:
    """Where `--out` writes: None for `-` (standard output); refused unless a regular file or a
    path that does not exist yet, in a folder that exists."""
    if path is None or str(path) == "-":
        return None
    target = Path(path)
    if str(path) == "":
        raise UsageError(words("guard.out_empty", what=what))
    why = why_not_plain(target, str(target))
    if why is not None:
        raise UsageError(why)
    return target


def out_failed(path: Path, err: OSError) -> UsageError:
    why = {errno.ENOSPC: "guard.why.full", errno.EDQUOT: "guard.why.full", errno.EROFS: "guard.why.readonly",
           errno.EACCES: "guard.why.denied", errno.EPERM: "guard.why.denied",
           errno.EISDIR: "guard.why.folder", errno.ENOENT: "guard.why.no_folder"}.get(err.errno or 0, "guard.why.other")
    return UsageError(words("guard.out_failed", file=str(path), why=words(why), detail=err.strerror or str(err)))


# ------------------------------------------------------------ dates


FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)  # what the calendar code handles (periods)


def day_in_range(day: date, what: str) -> date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageError(words("guard.day_range", what=what, day=day.isoformat()))
    return day


def within(what: str, text: str, day: date, parse: Callable[[str], timedelta]) -> timedelta:
    """A duration that ends by the last day the tool handles, counted without building a huge one."""
    m = re.fullmatch(r"\s*(\d+)\s*([dwmqy])\s*", text, re.IGNORECASE)
    if m is not None:
        days = int(m.group(1)) * {"d": 1, "w": 7, "m": 30, "q": 91, "y": 365}[m.group(2).lower()]
        if days > (LAST_DAY - day).days:
            raise UsageError(words("guard.within", what=what, text=text.strip(), last=LAST_DAY.isoformat()))
    return parse(text)


def ends_by(day: date, span: timedelta, what: str) -> timedelta:
    """`span` (already no longer than the tool's whole calendar, see `within`) when `day + span` is
    a day the tool handles."""
    if day + span > LAST_DAY:
        raise UsageError(words("guard.within", what=what, text=f"{span.days}d", last=LAST_DAY.isoformat()))
    return span


def date_value(value: Any) -> Any:
    """A date field given anything but text: a date as it is, a number refused (YAML reads
    `1235865600` or `20090301` as an integer, which is not a date)."""
    if isinstance(value, date):
        return value
    from pydantic_core import PydanticCustomError  # reason: only a value that is not text gets here

    said = words("guard.date_text", value=str(value))  # worded when shown (validation reads ctx["words"])
    raise PydanticCustomError("date_text", said.text("en"), {"words": said})


# ------------------------------------------------------------ check: many unknown keys

UNKNOWN_SHOWN = 5  # unknown keys named per mapping; the rest counted


def few_unknown(found: list[Any]) -> list[Any]:
    """Pydantic's errors with at most UNKNOWN_SHOWN unknown keys per mapping, and one more line
    with the count of the rest: locating each key is a walk of its mapping, so naming 100,000
    of them took minutes."""
    seen: dict[tuple[Any, ...], int] = {}
    kept: list[Any] = []
    for e in found:
        if e["type"] == "extra_forbidden":
            parent = tuple(e["loc"][:-1])
            seen[parent] = seen.get(parent, 0) + 1
            if seen[parent] > UNKNOWN_SHOWN:
                continue
        kept.append(e)
    for parent, n in seen.items():
        if n > UNKNOWN_SHOWN:
            kept.append({"type": "hostile_unknown_more", "loc": parent, "input": None,
                         "msg": say("guard.more_unknown", n=n - UNKNOWN_SHOWN, total=n)})
    return kept


# ------------------------------------------------------------ CSV

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet will not run: text beginning with = + - @ tab or CR gets a leading
    ' (OWASP's advice for CSV injection); a plain number such as -5 stays as it is."""
    if text.startswith(_FORMULA) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


# ------------------------------------------------------------ diff


def revision(text: str) -> str:
    if not text.strip():
        raise UsageError(words("guard.empty_revision"))
    return text


def git_refusal(stderr: str) -> str | None:
    """git's own advice when it refuses a repository owned by another user."""
    if "dubious ownership" not in stderr:
        return None
    return " ".join(line.strip() for line in stderr.strip().splitlines() if line.strip())
