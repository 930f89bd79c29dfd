"""A cache of each data file's validated content, keyed by the hash of the file's bytes.

One entry per file: `sha256(code fingerprint, kind, sha256(file bytes))`. An edit changes the
bytes, so only the edited file is read and validated again; a modification time is never
trusted. The entry holds what is slow to rebuild and depends on nothing but those bytes: the
validated plan (with its own warnings), or a report file's header and entries as plain
records. Checks across files (a report against the plan, dates against today) are not in
those entries: they run again whenever a file changed. On top of them, per data folder, a
snapshot of the checked ledger — its warnings and status index, its plan stored once beside
it under the plan's hash — keyed by every file's name and hash and by today's date
(`snapshot.load`); only the few most recent snapshots are kept. The snapshot stores each
file's hash with its stat, including the inode change time, so a file whose stat is exactly
the stored one is not read and hashed again (the reasoning: `snapshot.FileHashes`), and
reads the entries of its report files, when a command asks for them, from their entries here.

Where: the user cache dir, `$HOINHAP_CACHE_DIR`, else `$XDG_CACHE_HOME/hoinhap`, else
`~/.cache/hoinhap` — not the data folder, because the data folder may be read-only (the
bundled plan), may be shared with other people (a network folder: entries are pickles, and
a pickle that someone else can write is code that runs here), and is a git tree whose
tools (`git clean -x`, copies, archives) should never meet our files. Keyed by content,
entries are safely shared by every clone and branch of a ledger.

Pickle, not JSON: loading 2,556 report files of 100,000 entries takes 0.38 s with
`pickle.loads` against 0.78 s with `model_validate_json` (pydantic re-runs the validators)
— both with the garbage collector paused (the command line tunes it: see `cli.main`).

Safety: an entry that cannot be read, is truncated, or was written by another version is
ignored and rewritten. Writes go to a temporary file in the same folder and are moved into
place with `os.replace`, so two processes filling the cache at once each leave a whole
entry. Any error writing (read-only disk, full disk) only means no cache this time.

`HOINHAP_NO_CACHE=1` or `hoinhap --no-cache …` bypasses it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hoinhap_cli import __version__
from hoinhap_cli.vocab import SCHEMA_VERSION

_MAGIC = b"hoinhap-cache\n"
# The source files whose change changes what a cached entry would be: an edited validator
# during development must not be answered from an old entry, even at the same version.
_CODE = ("model.py", "vocab.py", "records.py", "periods.py", "validation.py", "yamlio.py", "text.py", "ledger.py",
         "reading.py", "snapshot.py", "cache.py")


def default_dir(env: Mapping[str, str] | None = None) -> Path:
    found = os.environ if env is None else env
    if found.get("HOINHAP_CACHE_DIR"):
        return Path(found["HOINHAP_CACHE_DIR"])
    base = found.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hoinhap"


def disabled(env: Mapping[str, str] | None = None) -> bool:
    found = os.environ if env is None else env
    return found.get("HOINHAP_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no")


def _fingerprint() -> bytes:
    here = Path(__file__).parent
    parts = [__version__, str(SCHEMA_VERSION)]
    for name in _CODE:
        try:
            st = (here / name).stat()
            parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{name}:?")
    return hashlib.sha256("\n".join(parts).encode()).digest()


class Cache:
    """Validated content by file hash. `Cache(None)` is the disabled cache: it never hits."""

    def __init__(self, root: Path | None):
        self.root = root
        self._code = _fingerprint() if root is not None else b""

    @classmethod
    def default(cls, no_cache: bool = False) -> Cache:
        return cls(None if no_cache or disabled() else default_dir())

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def key(self, kind: str, raw: bytes) -> str:
        h = hashlib.sha256(self._code)
        h.update(kind.encode() + b"\0")
        h.update(raw)
        return h.hexdigest()

    def key_of(self, kind: str, digest: bytes) -> str:
        """The key of a file's entry from the sha256 of its bytes (snapshot.FileHashes keeps it), so
        that a file's entry is found without reading the file."""
        return self.key(kind, digest)

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / "v1" / key[:2] / key[2:]

    def _snapshot_path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / "v1" / "ledger" / key

    def get_snapshot(self, key: str) -> Any | None:
        """A whole validated ledger stored under the key of all its files (snapshot.load)."""
        return self.get(key, self._snapshot_path(key)) if self.root is not None else None

    def put_snapshot(self, key: str, value: Any) -> None:
        """Store a validated ledger, keeping only the few most recent: an edit makes the old one
        useless."""
        if self.root is None:
            return
        path = self._snapshot_path(key)
        self.put(key, value, path)
        try:
            others = sorted((p for p in path.parent.iterdir() if p.name != path.name and not p.name.startswith(".")),
                            key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in others[SNAPSHOTS_KEPT - 1:]:
                old.unlink()
        except OSError:
            pass

    def has(self, key: str) -> bool:
        return self.root is not None and self._path(key).is_file()

    def get(self, key: str, path: Path | None = None) -> Any | None:
        """The stored value, or None when absent, corrupt or from another version."""
        if self.root is None:
            return None
        path = path or self._path(key)
        try:
            f = open(path, "rb")
        except OSError:
            return None
        try:
            with f:  # streamed: a 20 MB snapshot is never held as bytes beside its objects
                if f.read(len(_MAGIC)) != _MAGIC:
                    raise ValueError("not a cache entry")
                stored_key, value = pickle.load(f)
            if stored_key != key:
                raise ValueError("an entry stored under another key")
            return value
        except Exception:  # a corrupt, truncated or foreign entry: forget it, rebuild it
            try:
                path.unlink()
            except OSError:
                pass
            return None

    def put(self, key: str, value: Any, path: Path | None = None) -> None:
        if self.root is None:
            return
        path = path or self._path(key)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            import tempfile  # only when writing: a warm run reads

            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:  # streamed, like get: no second copy of a snapshot as bytes
                f.write(_MAGIC)
                pickle.dump((key, value), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            tmp = None
        except (OSError, pickle.PicklingError):
            pass  # no cache this time; the answer is the same
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


NO_CACHE = Cache(None)
SNAPSHOTS_KEPT = 4  # whole-ledger snapshots (a few data folders, or today's and yesterday's)
