"""One look at a data folder: each file's hash, from bytes read once.

`FileHashes` is what the folder holds as of a day (each file's sha256 by name, one hash of
them all, and the stats that let an unchanged file keep its hash without being read again);
`Scan` is one reading of it, whose bytes are handed to the parser so the bytes hashed are the
bytes parsed, and which says whether what was read is the folder as it was at one moment.
The snapshot (`snapshot.py`) keys its answers on these hashes.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hoinhap_cli.files.paths import DataDir
from hoinhap_cli.model.reportfiles import MAX_BYTES, named_reports

_Named = list[tuple[str, str]]  # each report file's name as displayed, and its full path


@dataclass(frozen=True)
class FileHashes:
    """What a data folder holds, as of a day: each file's hash by name, and one hash of them all.

    Each file is known by the sha256 of its bytes. To spare reading and hashing thousands of
    unchanged files on every run, the hash is stored with the file's stat — size, inode,
    modification and *change* time — and a file whose stat is exactly the stored one takes
    the stored hash. That is not trusting a modification time: `st_ctime_ns` is the inode's
    change time, which the kernel sets to "now" on every write, truncate, rename onto it and
    every `utime` call, and which no ordinary program can set back; an edit that keeps the
    size and restores the modification time still moves it. Any stat difference reads and
    hashes the file again. Two limits, handled the way git handles "racily clean" files:
    timestamps have a granularity (a write in the same tick as the one we hashed leaves the
    same times), so a stat is trusted only once the file's bytes were read at least
    `SETTLED_NS` after its change time — on the clock that stamped it, which may not be ours (a
    file share's clock may run behind). Two ways to know: the change time is that much older
    than the earlier of our clock and the newest change time among the folder's files (stamped
    by the share, and past when we read); or the same stat was already hashed by a run at least
    `SETTLED_NS` earlier by our clock (clocks differ by an offset, not a rate: the share's has
    moved on as much), and the file is hashed again now. Until then the file is hashed on every
    run. Only on POSIX, where st_ctime is the change time (on Windows it is the creation time);
    elsewhere every file is hashed every time. Files over the size limit are never read, and the
    limit is part of `digest`: an answer worked out under one limit is never the answer under
    another."""

    today: date
    hashes: dict[str, bytes]
    digest: bytes
    # In the order of `hashes`: each file's stat and since when it is known (see `_Known`).
    stats: list[tuple[tuple[int, int, int, int], int] | None] = field(default_factory=list)

    @classmethod
    def of(cls, data: DataDir, today: date, known: FileHashes | None = None,
           max_bytes: int = MAX_BYTES) -> FileHashes | None:
        scan = Scan.of(data, today, known, max_bytes)
        return scan.files if scan is not None else None


SETTLED_NS = 2_000_000_000  # a file's times must be this much older than its reading to store its stat
_Sig = tuple[int, int, int, int]
# A file's stat as last hashed, and 0 if its hash may be taken from that stat, else the time (our
# clock) just after that stat was first taken: a run starting `SETTLED_NS` later reads the file
# after the share's clock has moved as much past its change time; it hashes it again and trusts it.
_Known = tuple[_Sig, int]


@dataclass
class Scan:
    """One look at the data folder: each file's hash, from bytes read once and handed to the
    parser (`take`), so the bytes hashed are the bytes parsed. A file read again (its hash came
    from its stat) is checked against its hash (`check`); `consistent` tells whether what was read
    is the folder as it was at one moment. If not, the answer is not stored, and the load starts
    again."""

    files: FileHashes
    seen: dict[str, _Sig]  # every file's stat, as hashed (names in reading order)
    held: dict[str, bytes]  # the bytes read to hash them, until parsed
    too_big: bool = False  # a file over the size limit: the full read says so
    changed: bool = False
    hashed: float = 0.0  # the share of the data's bytes read to hash them (their stat not trusted)

    @classmethod
    def of(cls, data: DataDir, today: date, known: FileHashes | None, max_bytes: int) -> Scan | None:
        trust = os.name == "posix"
        now = time.time_ns()  # before any file is read
        old_stats = dict(zip(known.hashes, known.stats)) if known is not None and trust else {}
        old_hashes = known.hashes if known is not None else {}
        hashes: dict[str, bytes] = {}
        stats: list[_Known | None] = []
        held: dict[str, bytes] = {}
        too_big = False
        # The report checks compare dates with today; what is read depends on the size limit.
        whole = hashlib.sha256(f"{today.isoformat()}\0{max_bytes}".encode())
        try:
            seen = _stats(data)  # every file's stat before any is read (see `consistent`)
            if seen is None:
                return None  # a FIFO would block: the full read says what is wrong
            looked = time.time_ns()  # every stat taken: a run from this + SETTLED_NS on may trust them
            # The share's clock, at least: no file's change time is later than its "now".
            settled = min(now, max((sig[3] for _, sig in seen.values()), default=0)) - SETTLED_NS
            for name, (full, sig) in seen.items():
                known_as = old_stats.get(name)
                if sig[0] > max_bytes:
                    too_big, hashes[name] = True, b""
                elif known_as == (sig, 0) and name in old_hashes:
                    hashes[name] = old_hashes[name]
                else:
                    held[name] = Path(full).read_bytes()
                    hashes[name] = hashlib.sha256(held[name]).digest()
                    if max(sig[2], sig[3]) >= settled:  # not yet known to be settled
                        since = known_as[1] if known_as is not None and known_as[0] == sig else 0
                        known_as = (sig, 0 if 0 < since <= now - SETTLED_NS else since or looked)
                    else:
                        known_as = (sig, 0)
                stats.append(known_as if trust else None)
                whole.update(f"\0{name}\0".encode() + hashes[name])
        except OSError:
            return None  # the full read says what is wrong
        total = sum(sig[0] for _, sig in seen.values())
        return cls(FileHashes(today, hashes, whole.digest(), stats), {n: sig for n, (_, sig) in seen.items()},
                   held, too_big, hashed=sum(map(len, held.values())) / total if total else 0.0)

    def take(self, name: str) -> bytes | None:
        """The bytes of a file as hashed, once (then forgotten); None: read it and `check` it."""
        return self.held.pop(name, None)

    def check(self, name: str, raw: bytes) -> None:
        if hashlib.sha256(raw).digest() != self.files.hashes.get(name):
            self.changed = True

    def consistent(self, data: DataDir) -> bool:
        """What was read is the folder as it was at one moment: no file the scan did not read
        changed under it (`check`), and at most one file changed, appeared or went between the
        first look at every file and now. Every other file held the same bytes all along, so
        the one that changed was read as it was at its reading, beside them; two that changed
        may have been read one before and one after a `git checkout`."""
        if self.changed:
            return False
        now = _stats(data)
        if now is None:
            return False
        sigs = {name: sig for name, (_, sig) in now.items()}
        moved = self.seen.keys() ^ sigs.keys()
        return len(moved) + sum(1 for name, sig in sigs.items() if self.seen.get(name, sig) != sig) <= 1


def _stats(data: DataDir) -> dict[str, tuple[str, _Sig]] | None:
    """Each file's full path and stat (size, inode, modification and change time), by name; None
    when one is not a regular file, or cannot be looked at."""
    found = {}
    try:
        for name, full in _named(data):
            st = os.stat(full)
            if not stat.S_ISREG(st.st_mode):
                return None
            found[name] = (full, _sig(st))
    except OSError:
        return None
    return found


def _sig(st: os.stat_result) -> _Sig:
    """What a file's stat must keep for its stored hash to stand: size, inode, modification and
    change time (nanoseconds, as fine as the file system stamps them)."""
    return st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns


def _named(data: DataDir) -> _Named:
    return [(data.display(data.plan_file), str(data.plan_file))] + [(n, f) for n, _, f in named_reports(data)]
