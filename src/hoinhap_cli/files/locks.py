"""Lock files and group-shared folders: a lock file every member of a shared ledger can take,
the real cause when one cannot be opened (it belongs to someone else), $HOINHAP_LOCK_TIMEOUT
refused unless a number of seconds, and the rule that what is made in a group-writable folder
is group-writable too (`group_shared`)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

from hoinhap_cli.words.problems import DataError, Problem, UsageError, words


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
    return DataError([Problem(name, None, None, words("refused.lock_owner", lock=lock.name, owner=owner))])


def lock_timeout(what: str, value: str) -> float:
    """$HOINHAP_LOCK_TIMEOUT's value, refused when it is not a finite number of seconds."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = float("nan")
    if not (0 <= seconds < 10**9):
        raise UsageError(words("refused.lock_timeout", what=what, value=value))
    return seconds
