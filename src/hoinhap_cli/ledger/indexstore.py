"""The status index as a snapshot stores it: each task's part packed apart, decoded when asked.

Most of a snapshot is its index (each task's last entry, its milestones as judged, the files
holding its entries, a recurring task's entries); decoded whole, a large ledger's would cost
`show 1.1` most of its time and memory before it prints a line about one task
(benchmarks/README.md). Stored here, each task's
part (`TaskPart`) is a MessagePack value of its own inside the snapshot (`msgspec.Raw`: the
bytes, not decoded), and the index a ledger gets from `StoredIndex.status` is made of
mappings (`PerTask`) that decode a task's part the first time it is asked for: `show` decodes
one, `overdue` each once. What every command reads whole (events, submissions) is stored as is.

The parts are the cache's own values, written by `cache.packed` and read by `cache.unpack`
(declared types, never code), inside a snapshot whose checksum held when it was read. A part
that still cannot be decoded — a snapshot planted with a valid checksum — is not an error:
the index is worked out again from the entries (`rebuild`), as a cold read would, and
answered from that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

import msgspec

from hoinhap_cli.judgement.responsibility import StatusView
from hoinhap_cli.ledger import cache
from hoinhap_cli.ledger.ledger import Filed, Latest, StatusIndex
from hoinhap_cli.model.records import EntryView, EventEntry


class TaskPart(NamedTuple):
    """One task's place in each map of the index (None: not in that map). As stored, `holders`
    are places in the index's list of file names (`StoredIndex.names`): a name is ~40 bytes and
    a task's entries sit in ~10 files; as handed out, they are the names."""

    latest: Latest | None
    dated: tuple[tuple[str, EntryView], ...] | None  # (unit, entry)
    judged: tuple[StatusView, ...] | None
    holders: tuple[Any, ...] | None


_MAPS = TaskPart._fields  # the index's per-task maps, in TaskPart's order


@dataclass(frozen=True)
class StoredIndex:
    """A StatusIndex as stored: the per-task maps' keys (in order) and each task's packed part."""

    events: dict[str, EventEntry]
    submitted: dict[tuple[str, str], date | None]
    filed: dict[str, Filed]
    keys: tuple[tuple[str, ...], ...]  # the keys of latest, dated, judged, holders
    parts: dict[str, msgspec.Raw]
    names: tuple[str, ...] = ()  # the report files the parts' holders name, by place

    @classmethod
    def of(cls, index: StatusIndex) -> StoredIndex:
        """An index to store. A task's part that came from the cache and was not changed since (an
        edit changes the parts of the tasks its files name, `Edited`) is stored as it was read."""
        maps = [getattr(index, name) for name in _MAPS]
        parts = {m.parts for m in maps if isinstance(m, (PerTask, Edited))}
        same = next(iter(parts)) if len(parts) == 1 and all(isinstance(m, (PerTask, Edited)) for m in maps) else None
        same = same if same is not None and same.intact else None
        touched = {tid for m in maps if isinstance(m, Edited) for tid in (*m.changed, *m.gone)}
        names = list(same.names) if same is not None else []
        place = {name: n for n, name in enumerate(names)}
        packed = {}
        for tid in dict.fromkeys(tid for m in maps for tid in m):
            if same is not None and tid not in touched and tid in same.raw:
                packed[tid] = same.raw[tid]
                continue
            latest, dated, judged, holders = (m.get(tid) for m in maps)
            if holders is not None:
                holders = tuple(place.setdefault(name, len(place)) for name in holders)
            packed[tid] = cache.packed(TaskPart(latest, dated, judged, holders))
        names += list(place)[len(names):]
        return cls(index.events, index.submitted, index.filed, tuple(tuple(m) for m in maps), packed, tuple(names))

    def status(self, rebuild: Callable[[], StatusIndex]) -> StatusIndex:
        """The index, each task's part decoded on first use; `rebuild`: the index from the entries,
        if a part cannot be decoded."""
        parts = Parts(self.parts, self.names, rebuild)
        latest, dated, judged, holders = (PerTask(parts, n, keys) for n, keys in enumerate(self.keys))
        return StatusIndex(latest, dated, self.events, self.submitted, self.filed, judged, holders)


class Parts:
    """The packed parts of every task, each decoded once, when first asked for."""

    def __init__(self, raw: dict[str, msgspec.Raw], names: tuple[str, ...], rebuild: Callable[[], StatusIndex]):
        self.raw, self.names, self._rebuild = raw, names, rebuild
        self._done: dict[str, TaskPart] = {}
        self._whole: StatusIndex | None = None  # worked out again: a part could not be decoded

    @property
    def intact(self) -> bool:
        """Every part asked for could be decoded."""
        return self._whole is None

    def get(self, tid: str, n: int) -> Any:
        if self._whole is not None:
            return getattr(self._whole, _MAPS[n]).get(tid)
        found = self._done.get(tid)
        if found is None:
            try:
                found = cache.unpack(self.raw[tid], TaskPart)
                if found.holders is not None:
                    found = found._replace(holders=tuple(self.names[k] for k in found.holders))
                self._done[tid] = found
            except (KeyError, IndexError, TypeError, ValueError, msgspec.DecodeError):
                self._whole = self._rebuild()
                return getattr(self._whole, _MAPS[n]).get(tid)
        return found[n]


class PerTask(Mapping[str, Any]):
    """One of the index's per-task maps (latest, dated, judged, holders) over the packed parts."""

    def __init__(self, parts: Parts, n: int, keys: tuple[str, ...]):
        self.parts, self._n, self._keys, self._has = parts, n, keys, frozenset(keys)

    def __getitem__(self, tid: str) -> Any:
        if tid not in self._has:
            raise KeyError(tid)
        return self.parts.get(tid, self._n)

    def get(self, tid: str, default: Any = None) -> Any:
        return self.parts.get(tid, self._n) if tid in self._has else default

    def __contains__(self, tid: object) -> bool:
        return tid in self._has

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def copy(self) -> Edited:
        """A changeable copy that decodes nothing until asked (StatusIndex.updated)."""
        return Edited(self)


class Edited(MutableMapping[str, Any]):
    """A per-task map with some tasks changed or gone; the others still read from the packed parts."""

    def __init__(self, base: PerTask):
        self.base, self.parts = base, base.parts
        self.changed: dict[str, Any] = {}
        self.gone: set[str] = set()

    def __getitem__(self, tid: str) -> Any:
        if tid in self.changed:
            return self.changed[tid]
        if tid in self.gone:
            raise KeyError(tid)
        return self.base[tid]

    def get(self, tid: str, default: Any = None) -> Any:
        if tid in self.changed:
            return self.changed[tid]
        return default if tid in self.gone else self.base.get(tid, default)

    def __setitem__(self, tid: str, value: Any) -> None:
        self.changed[tid] = value
        self.gone.discard(tid)

    def __delitem__(self, tid: str) -> None:
        if tid not in self:
            raise KeyError(tid)
        self.changed.pop(tid, None)
        self.gone.add(tid)

    def __contains__(self, tid: object) -> bool:
        return tid in self.changed or (tid not in self.gone and tid in self.base)

    def __iter__(self) -> Iterator[str]:
        yield from (tid for tid in self.base if tid not in self.gone)
        yield from (tid for tid in self.changed if tid not in self.base)

    def __len__(self) -> int:
        return sum(1 for _ in self)
