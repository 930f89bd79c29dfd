"""Writing a whole file or nothing: the one place that puts bytes on disk.

A temporary file beside the target, flushed and fsynced, then one atomic step: `os.replace`
over the old file, or — when the caller must not overwrite — `os.link`, which fails if the
name was taken meanwhile (no check-then-write race). A crash at any moment leaves the old file
or the new one, never half of either; the temporary file is removed on every failure.

In a folder shared with a group (group-writable, `chmod 2775`), a new file or folder is made
group-writable too (`locks.group_shared`): the first member to write a quarter must not lock
the others out of it. Elsewhere the umask decides, as always.

A writer that read the file first passes `expect`: asked just before the replace, when the new
bytes are already on disk beside it, whether the file is still the one it read. An editor or a
`git pull` takes no lock; when the file changed meanwhile, nothing is replaced (`Changed`).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from hoinhap_cli.files.locks import group_shared
from hoinhap_cli.files.plainfiles import out_failed
from hoinhap_cli.words.problems import UsageError, words


class Changed(Exception):
    """The file is no longer the one the writer read: it was left as it is, nothing was written."""


def write_atomic(path: Path, text: str | bytes, *, overwrite: bool = True,
                 expect: Callable[[], bool] | None = None) -> None:
    """Write `text` (UTF-8, \\n line ends; bytes as they are) to `path`; FileExistsError if it exists
    and not `overwrite`; `Changed` when `expect()`, asked just before the replace, says the file
    is not the one the caller read."""
    if not overwrite and path.exists():
        raise FileExistsError(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp makes 0600; keep the old file's mode, or the usual one
        if expect is not None and not expect():
            raise Changed(path)
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise
            except OSError:  # a filesystem without hard links
                if path.exists():
                    raise FileExistsError(path) from None
                os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable. Best effort: the file is already replaced, and some file systems
    (network and FUSE mounts) refuse fsync on a folder; failing here would report a write that
    happened as not done. Not possible on Windows."""
    if os.name == "nt":  # pragma: no cover
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _default_mode(folder: Path) -> int:
    """A new file's mode: the umask's, and group-writable in a folder shared with the group."""
    umask = os.umask(0)
    os.umask(umask)
    return (0o666 & ~umask) | (stat.S_IRGRP | stat.S_IWGRP if group_shared(folder) else 0)


def make_folders(folder: Path) -> None:
    """`folder` and any missing parent, each group-writable (and setgid, keeping the group) when
    the folder it is made in is shared with the group; a folder made meanwhile is left as it is."""
    missing = []
    while not os.path.lexists(folder):
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        try:
            made.mkdir()
        except FileExistsError:
            continue
        parent = os.stat(made.parent).st_mode
        if parent & stat.S_IWGRP:
            os.chmod(made, stat.S_IMODE(os.stat(made).st_mode) | stat.S_IRWXG | (parent & stat.S_ISGID))


def create_new(path: Path, content: bytes) -> None:
    """A new file (FileExistsError if one appeared meanwhile: never replaced), its folders made
    first (`make_folders`); group-writable, as they are, when made in a group-shared folder."""
    make_folders(path.parent)
    with open(path, "xb") as handle:
        handle.write(content)
    if group_shared(path.parent):
        os.chmod(path, stat.S_IMODE(os.stat(path).st_mode) | stat.S_IRGRP | stat.S_IWGRP)


def refuse_out(path: Path, force: bool) -> None:
    """What write_out would refuse before writing (no such folder; a file there, without `force`):
    asked early too, so a command refuses before it reads and works out its answer."""
    if not path.parent.is_dir():
        raise UsageError(words("cli.out.no_folder", folder=str(path.parent)))
    if path.exists() and not force:
        raise _exists(path)


def _exists(path: Path) -> UsageError:
    return UsageError(words("cli.out.exists", file=str(path)), [words("cli.out.exists.hint")])


def write_out(path: Path, content: str | bytes, force: bool) -> None:
    """The one writer of an `--out` file (a review, a document, a page): the whole file or nothing
    (write_atomic); an existing file only with `force`; a refusal of the system as one line."""
    refuse_out(path, force)
    try:
        write_atomic(path, content, overwrite=force)
    except FileExistsError:  # taken since refuse_out looked
        raise _exists(path) from None
    except OSError as err:  # a full disk, a read-only folder: one line
        raise out_failed(path, err) from None
