"""Only regular files are read and written: a symbolic link, a FIFO, a device, a socket or a
folder where a report, its lock file or an `--out` target should be is refused in words, found
with lstat or an open that never waits (a FIFO opened for reading blocks until a writer comes).
Light on purpose (os, stat, i18n): the warm path imports it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from hoinhap_cli.words.problems import DataError, Problem, UsageError, Words, say, words


def kind(mode: int) -> Words:
    """What a file that is not a regular one is, in words: a FIFO, a device, a socket, a folder."""
    for test, key in ((stat.S_ISFIFO, "refused.kind.fifo"), (stat.S_ISCHR, "refused.kind.device"),
                      (stat.S_ISBLK, "refused.kind.device"), (stat.S_ISSOCK, "refused.kind.socket"),
                      (stat.S_ISDIR, "refused.kind.folder")):
        if test(mode):
            return words(key)
    return words("refused.kind.other")


def why_not_plain(path: str | Path, name: str, folder_ok: bool = False) -> Words | None:
    """Why `path` may not be read or written as a report (a symbolic link, a FIFO, a device, a
    folder), or None when it is a regular file or missing. Checked with lstat: nothing is opened."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return words("refused.link", file=name)
    if stat.S_ISREG(st.st_mode) or (folder_ok and stat.S_ISDIR(st.st_mode)):
        return None
    return words("refused.special", file=name, kind=kind(st.st_mode))


def not_plain(path: str | Path, name: str, folder_ok: bool = False) -> str | None:
    """`why_not_plain` worded now, for a Problem."""
    why = why_not_plain(path, name, folder_ok)
    return None if why is None else say(why.key, **why.values)


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


def report_problem(name: str, full: str) -> Problem | None:
    """The one problem of a listed report that is not read (see `listed`), or None."""
    if not _utf8(full):
        return Problem(name, None, None, words("refused.name_not_utf8"))
    why = not_plain(full, name)
    if why is not None:
        return Problem(name, None, None, why.removeprefix(f"{name}: "))
    base = os.path.basename(full)
    if not base.endswith((".yaml", ".yml")):
        stem = os.path.splitext(base)[0]
        return Problem(name, None, None, words("refused.upper_yaml", stem=stem), "warning")
    return None


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


def check_report_target(reports: Path, period: str, unit: str, shown: str) -> None:
    """Refuse to write through a link, or onto a FIFO or device, inside reports/: the quarter
    folder, the report and its lock file must be what they look like (or not exist yet).
    `shown`: reports/ as the user sees it; the names below it are not resolved (a link would be)."""
    prefix = "" if shown == "." else shown + os.sep
    for rel, folder_ok in ((period, True), (f"{period}/{unit}.yaml", False), (f"{period}/{unit}.yaml.lock", False)):
        name = prefix + rel.replace("/", os.sep)
        why = not_plain(reports / rel, name, folder_ok)
        if why is not None:
            raise DataError([Problem(name, None, None, why.removeprefix(f"{name}: ") + say("refused.nothing_written"))])


def out_target(path: str | Path | None, what: str) -> Path | None:
    """Where `--out` writes: None for `-` (standard output); refused unless a regular file or a
    path that does not exist yet, in a folder that exists."""
    if path is None or str(path) == "-":
        return None
    target = Path(path)
    if str(path) == "":
        raise UsageError(words("refused.out_empty", what=what))
    why = why_not_plain(target, str(target))
    if why is not None:
        raise UsageError(why)
    return target


_WHY = {errno.ENOSPC: "refused.why.full", errno.EDQUOT: "refused.why.quota", errno.EROFS: "refused.why.readonly",
        errno.EACCES: "refused.why.denied", errno.EPERM: "refused.why.denied",
        errno.EISDIR: "refused.why.folder", errno.ENOENT: "refused.why.no_folder"}


def why_refused(err: OSError) -> Words:
    """Why the system refused a write (disk full, quota, read-only, no permission …), in the user's
    words: the one reading of a write's errno, for an `--out` file and a report alike."""
    return words(_WHY.get(err.errno or 0, "refused.why.other"))


def out_failed(path: Path, err: OSError) -> UsageError:
    return UsageError(words("refused.out_failed", file=str(path), why=why_refused(err),
                            detail=err.strerror or str(err)))
