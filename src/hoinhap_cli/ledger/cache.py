"""A cache of each data file's validated content, keyed by the hash of the file's bytes.

One entry per file: `sha256(code fingerprint, kind, sha256(file bytes))`, the fingerprint a
hash of every module of the package (`_fingerprint`): an upgrade never answers from what older
code worked out. An edit changes the bytes, so only the edited file is read and validated
again; a modification time is never trusted. Per data folder, a snapshot of the checked
ledger (`snapshot.load`) names the entries it needs (`refs`); only the few most recent
snapshots are kept, and whenever one is written every entry no kept snapshot names (old
versions of files) is removed, with the temporary files of writers that died: the folder
stays within a small multiple of the data's size.
The report writer (`store`) stores the entry of the bytes it wrote and forgets the entry of
those it replaced, unless a snapshot names it (`forget`).

Where: `$HOINHAP_CACHE_DIR`, else `$XDG_CACHE_HOME/hoinhap` (when absolute: the XDG spec ignores a
relative one), else `~/.cache/hoinhap` — not the data folder, which may be read-only, shared, or
a git tree.

Entries are MessagePack (msgspec) decoded into the declared types — NamedTuples, dataclasses,
enums, dates — so reading one builds data and never runs code (a pickle would). A `Record`
(fields of any model) is stored as a tagged tree rebuilt from an allow-list of classes
(`_CLASSES`): a new field of a NamedTuple or a dataclass needs no code here, a new class in a
Record one name in that list. Measured against pickle and JSON (benchmarks/README.md, "Cache
format"): msgspec is as fast as pickle to load and validates every field's type on the way.

Each entry is sealed: the magic line, a sha256 checksum of its file name and payload, the
payload (`_sealed`); the checksum is checked before anything is decoded (`_opened`). An entry
damaged, truncated, of the wrong shape, or stored under another name is removed and rebuilt:
never an answer, never an error.

The folder must be the user's own: created 0700; a folder or an entry that is someone else's,
or that others may write, is refused (one warning, then no cache for the run). Nothing inside
is reached through a symbolic link: every name is opened relative to the folder's descriptor
with O_NOFOLLOW, and O_NONBLOCK (a FIFO planted there is never waited on). Writes go to
`.tmp-<pid>-…` and are moved into place with `os.replace`.
POSIX only (the checks need owners and `dir_fd`); elsewhere there is no cache.

`HOINHAP_NO_CACHE=1` or `hoinhap --no-cache …` bypasses it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
import weakref
from collections.abc import Callable, Mapping
from datetime import date
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import msgspec

from hoinhap_cli import __version__
from hoinhap_cli.model import records
from hoinhap_cli.words import periods, vocab
from hoinhap_cli.words.problems import Words, words

T = TypeVar("T")
_MAGIC = b"hoinhap-cache-3\n"
_SUM = 32  # bytes of the sha256 checksum after the magic line (see _sealed)
_FOLDER = "v2"  # entries of this format; "v1" held pickles, never read
_SLOT = "s-"  # a snapshot's file name starts with it; an entry's is its key
_TMP = ".tmp-"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO planted in the folder must not wait for a writer
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
# The classes a stored Record may hold (see _tag): nothing else is ever built from an entry.
_CLASSES: dict[str, type] = {cls.__name__: cls for cls in (
    records.Record, records.Unit, records.Plan, records.Task, records.Milestone, periods.Deadline,
    periods.Period, periods.Kind, vocab.Status, vocab.UnitKind, vocab.WarningCode)}
SNAPSHOTS_KEPT = 4  # whole-ledger snapshots (a few data folders, or today's and yesterday's)


def default_dir(env: Mapping[str, str] | None = None) -> Path:
    found = os.environ if env is None else env
    if found.get("HOINHAP_CACHE_DIR"):
        return Path(found["HOINHAP_CACHE_DIR"])
    base = found.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is invalid and ignored
        base = str(Path.home() / ".cache")
    return Path(base) / "hoinhap"


def disabled(env: Mapping[str, str] | None = None) -> bool:
    found = os.environ if env is None else env
    return found.get("HOINHAP_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no")


def _fingerprint() -> bytes:
    """A hash of the whole package as installed: every .py file below its folder, by its path
    relative to the folder (sorted) and its bytes. Any change to any module is a new fingerprint,
    so an upgrade never answers from what the previous code worked out. No list of modules to
    keep up to date; hashing them all costs less than a memo of their stats would save."""
    here = Path(__file__).parent.parent  # the package
    found = []
    for folder, subfolders, names in os.walk(here):
        subfolders[:] = [d for d in subfolders if d != "__pycache__"]
        found += [os.path.join(folder, name) for name in names if name.endswith(".py")]
    h = hashlib.sha256(f"{__version__}\0{vocab.SCHEMA_VERSION}\0{msgspec.__version__}\0".encode())
    for full in sorted(found, key=lambda f: os.path.relpath(f, here).split(os.sep)):
        try:
            with open(full, "rb") as f:
                raw = f.read()
        except OSError:
            raw = b"?"
        h.update(os.path.relpath(full, here).encode() + b"\0" + len(raw).to_bytes(8, "little") + raw)
    return h.digest()


class Refused(Exception):
    """The folder or an entry is not the user's own: no cache for this run."""

    def __init__(self, why: Words):
        super().__init__(why.key)
        self.why = why


class Usage(NamedTuple):
    """What `hoinhap cache info` reports."""

    path: str
    entries: int
    size: int  # bytes on disk (entries and snapshots)


class Cache:
    """Validated content by file hash. `Cache(None)` is the disabled cache: it never hits.
    `warn` is told, once, why a folder that is not the user's own is not used."""

    def __init__(self, root: Path | None, warn: Callable[[Words], None] | None = None):
        self.root = root if os.name == "posix" else None
        self._code = _fingerprint() if self.root is not None else b""
        self._warn = warn
        self._fd: int | None = None

    @classmethod
    def default(cls, no_cache: bool = False, warn: Callable[[Words], None] | None = None) -> Cache:
        return cls(None if no_cache or disabled() else default_dir(), warn)

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def key(self, kind: str, raw: bytes) -> str:
        h = hashlib.sha256(self._code)
        h.update(kind.encode() + b"\0")
        h.update(raw)
        return h.hexdigest()

    def key_of(self, kind: str, digest: bytes) -> str:
        """The key of a file's entry from the sha256 of its bytes, found without reading the file."""
        return self.key(kind, digest)

    def report_key(self, digest: bytes) -> str:
        """The key of a report file's entry (`ledger.Piece`) from the sha256 of its bytes."""
        return self.key_of("report", digest)

    # ------------------------------------------------------------------ the folder
    def _folder(self, create: bool) -> int | None:
        """The descriptor of the entries' folder, checked to be the user's own; None: no folder."""
        if self._fd is not None or self.root is None:
            return self._fd
        try:
            top = _open_dir(None, str(self.root), create, self.root)
            try:
                self._fd = _open_dir(top, _FOLDER, create, self.root / _FOLDER)
            finally:
                os.close(top)
        except Refused as err:
            self._refuse(err.why)
            return None
        except OSError:
            return None
        if self._fd is not None:
            weakref.finalize(self, os.close, self._fd)
        return self._fd

    def _refuse(self, why: Words) -> None:
        self.root = None  # no cache for the rest of the run
        if self._warn is not None:
            self._warn(why)

    # ------------------------------------------------------------------ entries
    def get(self, key: str, kind: Any) -> Any | None:
        """The value stored under `key`, decoded as `kind`; None when absent or unusable."""
        return self._read(key, key, kind)

    def has(self, key: str) -> bool:
        fd = self._folder(create=False)
        try:
            return fd is not None and stat.S_ISREG(os.stat(key, dir_fd=fd, follow_symlinks=False).st_mode)
        except OSError:
            return False

    def put(self, key: str, value: Any) -> None:
        self._write(key, key, value)

    def get_snapshot(self, slot: str, kind: Any) -> Any | None:
        """A whole checked ledger stored under the key of its data folder (snapshot.load)."""
        return self._read(self._slot(slot), slot, kind)

    def put_snapshot(self, slot: str, value: Any, refs: list[str]) -> None:
        """Store a checked ledger that needs the entries `refs`, then drop what no kept snapshot
        needs: older snapshots, entries of file versions no longer present, dead writers' files."""
        if self._write(self._slot(slot), slot, value, refs):
            self._sweep(self._slot(slot), refs)

    def _slot(self, slot: str) -> str:
        """A snapshot's file name: the code's fingerprint first, so that a sweep knows the snapshots
        an older version of the program wrote (never read again: every key holds the code) and
        removes them with the entries only they name (a snapshot is the size of the data)."""
        return f"{_SLOT}{self._code.hex()[:12]}-{slot}"

    def forget(self, key: str) -> None:
        """Remove the entry `key` unless a snapshot names it: what a writer does with the entry
        of the bytes it has just replaced, so that writes without a read between them do not
        pile up one entry per version (a snapshot's sweep would remove them only later)."""
        fd = self._folder(create=False)
        if fd is None or key.startswith((_SLOT, _TMP)):
            return
        try:
            slots = [e.name for e in os.scandir(fd) if e.name.startswith(_SLOT)]
            for name in slots:
                if key in _decoder(msgspec.Raw).decode(_opened(_read_own(fd, name), name))[1]:
                    return
        except Exception:  # a snapshot that cannot be read: keep the entry, the next sweep decides
            return
        _unlink(fd, key)

    def _read(self, name: str, key: str, kind: Any) -> Any | None:
        fd = self._folder(create=False)
        if fd is None:
            return None
        try:
            raw = _read_own(fd, name)
        except Refused as err:
            self._refuse(err.why)
            return None
        except OSError:
            return None
        try:
            stored, _, value = _decoder(kind).decode(_opened(raw, name))
            if stored != key:
                raise ValueError("an entry stored under another key")
            return value
        except Exception:  # a corrupt, truncated, foreign or ill-shaped entry: forget it, rebuild it
            _unlink(fd, name)
            return None

    def _write(self, name: str, key: str, value: Any, refs: list[str] | None = None) -> bool:
        fd = self._folder(create=True)
        if fd is None:
            return False
        tmp = f"{_TMP}{os.getpid()}-{os.urandom(6).hex()}"
        try:
            data = _sealed(name, msgspec.msgpack.encode((key, refs or [], value), enc_hook=_enc))
            out = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=fd)
            try:
                with os.fdopen(out, "wb") as f:
                    f.write(data)
                os.replace(tmp, name, src_dir_fd=fd, dst_dir_fd=fd)
            finally:
                _unlink(fd, tmp)
            return True
        except (OSError, TypeError, ValueError, msgspec.EncodeError):
            return False  # no cache this time; the answer is the same

    def _sweep(self, keep: str, refs: list[str]) -> None:
        fd = self._folder(create=False)
        if fd is None:
            return
        try:
            found = [(e.name, e.stat(follow_symlinks=False)) for e in os.scandir(fd)]
        except OSError:
            return
        ours = self._slot("")  # this code's snapshots; an older version's go
        slots = sorted(((st.st_mtime_ns, n) for n, st in found if n.startswith(ours) and n != keep), reverse=True)
        live = {keep, *refs}
        for _, name in slots[:SNAPSHOTS_KEPT - 1]:
            try:
                live.add(name)
                live.update(_decoder(msgspec.Raw).decode(_opened(_read_own(fd, name), name))[1])
            except Exception:  # unreadable: it goes, its entries with it
                live.discard(name)
        for name, st in found:
            if name in live or stat.S_ISDIR(st.st_mode) or (name.startswith(_TMP) and _writer_alive(name)):
                continue
            _unlink(fd, name)

    def usage(self) -> Usage | None:
        """Where the cache is, how many entries it holds and their size on disk (None: no cache)."""
        fd = self._folder(create=False)
        if fd is None or self.root is None:
            return None
        found = [e.stat(follow_symlinks=False) for e in os.scandir(fd) if not e.name.startswith(_TMP)]
        files = [st for st in found if stat.S_ISREG(st.st_mode)]
        return Usage(str(self.root), len(files), sum(st.st_blocks * 512 for st in files))

    def clear(self) -> int:
        """Remove every entry and snapshot (never what a link points to); how many were removed."""
        fd = self._folder(create=False)
        if fd is None:
            return 0
        names = [e.name for e in os.scandir(fd) if not e.is_dir(follow_symlinks=False)]
        for name in names:
            _unlink(fd, name)
        return len(names)


def _open_dir(parent: int | None, name: str, create: bool, shown: Path) -> int:
    """A folder of the cache, opened without following a link, and checked to be the user's own."""
    if create:
        try:
            if parent is None:
                Path(name).parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(name, 0o700, dir_fd=parent)
        except FileExistsError:
            pass
    try:
        fd = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW, dir_fd=parent)
    except OSError as err:
        if os.path.islink(name if parent is None else shown):
            raise Refused(words("cache.link", path=shown)) from err
        if isinstance(err, PermissionError):  # e.g. another user's 0700 folder: say why, once
            raise Refused(words("cache.denied", path=shown)) from err
        raise
    try:
        _own(os.fstat(fd), shown)
    except Refused:
        os.close(fd)
        raise
    return fd


def _own(st: os.stat_result, shown: Path | str) -> None:
    if st.st_uid != os.getuid():
        raise Refused(words("cache.not_owned", path=shown))
    if st.st_mode & 0o022:
        raise Refused(words("cache.writable", path=shown))


def _read_own(fd: int, name: str) -> bytes:
    """An entry's bytes: a regular file of the user's, not a link, that no one else may write."""
    f = os.open(name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK, dir_fd=fd)
    try:
        st = os.fstat(f)
        if not stat.S_ISREG(st.st_mode):
            raise OSError("not a regular file")
        _own(st, name)
        chunks: list[bytes] = []
        left = st.st_size
        while True:  # one read for a whole entry (its size is known), more if it grew meanwhile
            chunk = os.read(f, max(left, 65536))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(f)


def _unlink(fd: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=fd)  # a link is removed, never what it points to
    except OSError:
        pass


def _writer_alive(name: str) -> bool:
    """A temporary file's writer (its pid is in the name) still runs: leave its file alone."""
    try:
        pid = int(name[len(_TMP):].split("-")[0])
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


# ---------------------------------------------------------------------- the format
def _checksum(name: str, payload: bytes | memoryview) -> bytes:
    """sha256 (the CPU's own instructions: faster than blake2b here, and a snapshot is read whole
    on every warm run) of the name an entry is stored under and its payload."""
    h = hashlib.sha256()
    h.update(name.encode() + b"\0")
    h.update(payload)
    return h.digest()


def _sealed(name: str, payload: bytes) -> bytes:
    """An entry's bytes: the magic line, the checksum of its name and payload, the payload."""
    return _MAGIC + _checksum(name, payload) + payload


def _opened(raw: bytes, name: str) -> memoryview:
    """The payload of an entry stored as `name`, once its checksum holds (ValueError if not):
    a damaged, truncated, foreign or renamed entry is never decoded, so never an answer."""
    if not raw.startswith(_MAGIC) or len(raw) < len(_MAGIC) + _SUM:
        raise ValueError("not an entry")
    payload = memoryview(raw)[len(_MAGIC) + _SUM:]
    if _checksum(name, payload) != raw[len(_MAGIC):len(_MAGIC) + _SUM]:
        raise ValueError("an entry whose checksum does not hold")
    return payload


@lru_cache(maxsize=32)
def _decoder(kind: Any) -> msgspec.msgpack.Decoder[Any]:
    return msgspec.msgpack.Decoder(tuple[str, list[str], kind], dec_hook=_dec)


@lru_cache(maxsize=32)
def _part_decoder(kind: Any) -> msgspec.msgpack.Decoder[Any]:
    return msgspec.msgpack.Decoder(kind, dec_hook=_dec)


def packed(value: Any) -> msgspec.Raw:
    """`value` in the cache's format, as a value of its own inside an entry, left undecoded when
    the entry is read (a `msgspec.Raw` field) and decoded when asked for (`unpack`)."""
    return msgspec.Raw(msgspec.msgpack.encode(value, enc_hook=_enc))


def unpack(raw: msgspec.Raw, kind: Any) -> Any:
    """A value stored with `packed`, decoded into `kind`'s declared types like every entry
    (ValueError or msgspec.DecodeError: not such a value)."""
    return _part_decoder(kind).decode(raw)


def _enc(value: Any) -> Any:
    """What msgspec cannot store by type: a Record, as a tagged tree (see _tag)."""
    if isinstance(value, records.Record):
        return _tag(value)
    raise NotImplementedError(f"no cache format for {type(value).__name__}")


def _dec(kind: type, value: Any) -> Any:
    if isinstance(kind, type) and issubclass(kind, records.Record):
        found = _untag(value)
        if isinstance(found, kind):
            return found
    raise ValueError(f"not a {getattr(kind, '__name__', kind)}")


_PLAIN = (str, int, float, bool, type(None))


def _tag(v: Any) -> Any:
    """A value inside a Record (its type declared nowhere msgspec sees) as a tree of plain values
    in which every list is a tag: ["l", items], ["t", items], ["m", pairs], ["d", iso date],
    ["e", class, value], ["n"|"c", class, fields] (NamedTuple, dataclass), ["r", class, fields]."""
    cls = type(v)
    if cls in _PLAIN:
        return v
    if cls is date:
        return ["d", v.isoformat()]
    if isinstance(v, records.Record):
        return ["r", cls.__name__, {k: _tag(x) for k, x in v.__dict__.items()}]
    if isinstance(v, Enum):
        return ["e", cls.__name__, v.value]
    if isinstance(v, tuple) and hasattr(v, "_fields"):
        return ["n", cls.__name__, [_tag(x) for x in v]]
    if dataclasses.is_dataclass(v):
        return ["c", cls.__name__, [_tag(getattr(v, f.name)) for f in dataclasses.fields(v)]]
    if cls is list or cls is tuple:
        return ["l" if cls is list else "t", [_tag(x) for x in v]]
    if cls is dict:
        return ["m", [[_tag(k), _tag(x)] for k, x in v.items()]]
    raise TypeError(f"no cache format for {cls.__name__}")


def _untag(v: Any) -> Any:
    if type(v) is not list:
        if type(v) in _PLAIN:
            return v
        raise ValueError("not a tagged value")
    tag = v[0]
    if tag == "d":
        return date.fromisoformat(v[1])
    if tag in ("l", "t"):
        items = [_untag(x) for x in v[1]]
        return items if tag == "l" else tuple(items)
    if tag == "m":
        return {_untag(k): _untag(x) for k, x in v[1]}
    cls = _CLASSES[v[1]]
    if tag == "r" and issubclass(cls, records.Record):
        return cls({str(k): _untag(x) for k, x in v[2].items()})
    if tag == "e" and issubclass(cls, Enum):
        return cls(v[2])
    if tag in ("n", "c") and (hasattr(cls, "_fields") if tag == "n" else dataclasses.is_dataclass(cls)):
        return cls(*[_untag(x) for x in v[2]])
    raise ValueError(f"not a stored value: {tag!r} {v[1]!r}")


NO_CACHE = Cache(None)
