"""Reading the data files: each parsed (yamlio), validated (model), then checked (validation).

One read per file: the bytes hashed are the bytes parsed. A caller that already read and
hashed the files (`scan.Scan`) hands their bytes in (`given`); a file it did not read is
read here and its hash checked by it. Each report file's validated content may come from the
cache entry of its bytes (`cache`, default none): its header and entries as plain records. Checks across files (a
report against the plan, dates against today) run every time. Imported only when a file must
be read (see ledger.load): this is where PyYAML and pydantic come in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from hoinhap_cli.files import plainfiles, yamldump, yamlio
from hoinhap_cli.files.paths import DataDir, parse_report_name
from hoinhap_cli.ledger.cache import NO_CACHE, Cache
from hoinhap_cli.model import records
from hoinhap_cli.model.model import Entry, EventEntry, Plan, ReportFile, Task
from hoinhap_cli.model.records import EntryView
from hoinhap_cli.model.reportfiles import MAX_BYTES, Piece, Report, Tail, named_reports, seen
from hoinhap_cli.model.schemaerrors import schema_problems
from hoinhap_cli.model.shapes import UnitShape
from hoinhap_cli.model.validation import PlanIndex, control_characters, plan_problems, report_problems
from hoinhap_cli.words.problems import Problem, Words, errors, format_path, words

# A validated plan: the model, or its records (a snapshot's; see records): read the same way.
AnyPlan = Plan | records.Plan
Named = tuple[str, str, str]  # a report file's name as displayed, its path in reports/, its full path
M = TypeVar("M", bound=BaseModel)


class Given(Protocol):
    """Bytes already read and hashed (scan.Scan): `take` each once; `check` what is read again."""

    def take(self, name: str) -> bytes | None: ...

    def check(self, name: str, raw: bytes) -> None: ...


def read_file(path: Path | str, name: str, max_bytes: int, given: Given | None) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes: those `given`, else read once (and checked against the hash it was given)."""
    raw = given.take(name) if given is not None else None
    if raw is not None:
        return raw, []
    raw, problems = yamlio.read_bytes(path, name, max_bytes)
    if raw is not None and given is not None:
        given.check(name, raw)
    return raw, problems


def load_plan(data: DataDir, *, max_bytes: int = MAX_BYTES,
              given: Given | None = None) -> tuple[Plan | None, list[Problem]]:
    """The validated plan and its own problems."""
    name = data.display(data.plan_file)
    raw, problems = read_file(data.plan_file, name, max_bytes, given)
    if raw is None:
        return None, problems
    return parse_plan(raw, name)


def parse_plan(raw: bytes | str, name: str) -> tuple[Plan | None, list[Problem]]:
    """Validate a plan that is not a file in the data folder (e.g. `git show REV:data/plan.yaml`).

    `name` is how its problems name it, e.g. "HEAD~1:data/plan.yaml".
    """
    doc, problems = yamlio.parse(raw, name)
    if doc is None:
        return None, problems
    refused = control_characters(doc)  # written as escapes in quotes ("\e[31m"): what report text refuses
    plan, problems = _validate(Plan, doc, _raw_units(doc.data))
    if plan is None or refused:
        return None, refused + problems
    problems = plan_problems(plan, doc, raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw)
    if errors(problems):
        return None, problems
    return _resolve_inherited(plan), problems


def _raw_units(data: Any) -> list[records.Unit]:
    """The units of a plan that fails its schema, as far as they read: for "did you mean"."""
    units = data.get("units") if isinstance(data, dict) else None
    return [records.Unit({"id": u["id"], "name": u["name"], "aliases": [a for a in u.get("aliases") or []
                                                                       if isinstance(a, str)]})
            for u in (units if isinstance(units, list) else [])
            if isinstance(u, dict) and isinstance(u.get("id"), str) and isinstance(u.get("name"), str)]


def _validate(model: type[M], doc: yamlio.Located, units: Sequence[UnitShape] = ()) -> tuple[M | None, list[Problem]]:
    if doc.data is None:
        return None, [Problem(doc.file, 1, 1, words("read.empty"))]
    if not isinstance(doc.data, dict):
        kind = words("val.list" if isinstance(doc.data, list) else "read.scalar")
        return None, [Problem(doc.file, 1, 1, words("read.not_mapping", kind=kind, keys=", ".join(model.model_fields)))]
    try:
        return model.model_validate(doc.data), []
    except ValidationError as err:
        return None, schema_problems(err, doc, model, units)


_INHERITED_KEYS = {"due": "milestones", "products": "products", "funding": "funding", "lead": "lead",
                   "support": "support"}


def _resolve_inherited(plan: Plan) -> Plan:
    """Tasks that continue a merged cell take its columns from the task they name (`units_from`:
    lead and support; `inherits`: the fields it lists), that task's own inherited values included
    (validation has refused unknown tasks and cycles)."""
    by_id = {t.id: t for t in plan.tasks}
    if not any(t.units_from is not None or t.inherits is not None or t.support is None for t in plan.tasks):
        return plan
    resolved: dict[str, Task] = {}

    def resolve(t: Task) -> Task:
        done = resolved.get(t.id)
        if done is not None:
            return done
        update: dict[str, object] = {}
        if t.units_from is not None:
            source = resolve(by_id[t.units_from])
            update = {"lead": list(source.lead or []), "support": list(source.support or [])}
        elif t.inherits is not None:
            source = resolve(by_id[t.inherits.from_])
            for name in t.inherits.fields:
                key = _INHERITED_KEYS[name]
                value = getattr(source, key)
                update[key] = list(value) if isinstance(value, list) else value
        if update.get("support", t.support) is None:
            update["support"] = []
        done = resolved[t.id] = t.model_copy(update=update) if update else t
        return done

    return plan.model_copy(update={"tasks": [resolve(t) for t in plan.tasks]})


def validate_report(doc: yamlio.Located, plan: Plan, unit: str | None, period: str | None,
                    today: date) -> tuple[ReportFile | None, list[Problem]]:
    """One parsed report file: the schema, then the checks against the plan and its place on disk."""
    content, found = _validate(ReportFile, doc)
    if content is None:
        return None, found
    return content, report_problems(content, doc, plan, unit, period, today)


def load_reports(data: DataDir, plan: AnyPlan, today: date, cache: Cache = NO_CACHE, *,
                 max_bytes: int = MAX_BYTES, given: Given | None = None) -> tuple[list[Report], list[Problem]]:
    """Every report file, each validated on its own (cached by its bytes), then checked against
    the plan and today."""
    found = read_reports(named_reports(data), plan, today, cache, max_bytes, given)
    return [r for r, _ in found.values() if r is not None], [p for _, problems in found.values() for p in problems]


def read_reports(named: list[Named], plan: AnyPlan, today: date, cache: Cache, max_bytes: int,
                 given: Given | None = None) -> dict[str, tuple[Report | None, list[Problem]]]:
    """These report files, each read, validated (or taken from the cache entry of its bytes)
    and checked: by name, its report (None if it has errors) and its problems."""
    reader = _ReportReader(plan, today, cache, max_bytes, given)
    return {name: reader.read(name, relative, full) for name, relative, full in named}


class _ReportReader:
    """Reads report files against one plan: its index is built once, not once per file."""

    def __init__(self, plan: AnyPlan, today: date, cache: Cache, max_bytes: int, given: Given | None):
        self.plan, self.today, self.cache, self.max_bytes, self.given = plan, today, cache, max_bytes, given
        self.index = PlanIndex.of(plan)
        self.same: dict[Any, Any] = {}  # equal values of entries share one object (see _views)

    def read(self, name: str, relative: str, full: str) -> tuple[Report | None, list[Problem]]:
        odd = plainfiles.report_problem(name, full)  # a link, a FIFO, `.YAML`, a name not UTF-8
        if odd is not None:
            return None, [odd]
        unit, period = parse_report_name(relative)
        if period is None:
            return None, [Problem(name, None, None, words("read.report_place"))]
        if not full.endswith(".yaml"):  # record writes <unit>.yaml: a .yml twin would count its entries twice
            return None, [Problem(name, None, None, words("read.report_suffix", stem=Path(full).stem))]
        raw, found = read_file(full, name, self.max_bytes, self.given)
        if raw is None:
            return None, found
        key = self.cache.report_key(hashlib.sha256(raw).digest()) if self.cache.enabled else ""
        piece = self.cache.get(key, Piece) if key else None
        content: Any
        doc: Any
        if piece is not None:
            header, views, _ = piece
            content, doc = _Checked(header, views), _Deferred(raw, name)
        else:
            doc, found = yamlio.parse(raw, name)
            if doc is None:
                return None, found
            content, found = _validate(ReportFile, doc, self.plan.units)
            if content is None:  # the checks across files too, of what is valid: one pass finds all
                return None, found + self._rest(doc, unit, period)
            header, views = records.of(content, leave_out="entries"), _views(content.entries, self.same)
            if key:
                self.cache.put(key, piece_of(header, views, doc, raw))
        found = report_problems(content, doc, self.plan, unit, period, self.today, self.index)
        return (None if errors(found) else seen(name, full, header, views, self.today)), found


    def _rest(self, doc: yamlio.Located, unit: str | None, period: str | None) -> list[Problem]:
        """After a schema error, the cross-checks of the parts that are valid — the header, and
        each entry and event on its own — so that `check` reports every mistake of a file in one
        pass. Nothing when the header itself is wrong (the checks need its unit and quarter)."""
        data = doc.data if isinstance(doc.data, dict) else {}
        try:
            header = ReportFile.model_validate({k: v for k, v in data.items() if k not in ("entries", "events")})
        except ValidationError:
            return []
        places: dict[str, list[int]] = {"entries": [], "events": []}
        valid: dict[str, list[Any]] = {"entries": [], "events": []}
        for key, model in (("entries", Entry), ("events", EventEntry)):
            items = data.get(key)
            for i, item in enumerate(items if isinstance(items, list) else []):
                try:
                    valid[key].append(model.model_validate(item))
                except ValidationError:
                    continue  # already reported by the schema
                places[key].append(i)
        partial = header.model_copy(update=valid)
        return report_problems(partial, _Renumbered(doc, places), self.plan, unit, period, self.today,  # type: ignore[arg-type]
                               self.index)



def piece_of(header: records.ReportHeader, views: tuple[EntryView, ...], doc: yamlio.Located, raw: bytes) -> Piece:
    """A report file's cache entry: its validated content, and where its entries end in `raw`."""
    found = yamldump.tail(doc, raw)
    return header, views, Tail(*found) if found is not None else None


def piece_from(doc: yamlio.Located, content: ReportFile, raw: bytes) -> Piece:
    """The cache entry of a report file's bytes `raw`, read as `doc` and validated as `content`."""
    return piece_of(records.of(content, leave_out="entries"), _views(content.entries, {}), doc, raw)


def piece_of_bytes(raw: bytes, name: str, plan: AnyPlan) -> Piece | None:
    """The cache entry of a report file's bytes, parsed and validated again (schema only: what the
    entry holds); None when they are not a valid report."""
    doc, _ = yamlio.parse(raw, name)
    content = _validate(ReportFile, doc, plan.units)[0] if doc is not None else None
    return piece_from(doc, content, raw) if doc is not None and content is not None else None


def cached_report(raw: bytes, name: str, plan: AnyPlan, unit: str, period: str, today: date,
                  cache: Cache) -> Piece | None:
    """A report file's validated content from the cache entry of its bytes, provided the checks
    against the plan and today (run every time, as for a read) find no error: what a writer
    changes without parsing the file again. None: no entry, or an error — the writer reads the
    file itself, and says what is wrong."""
    if not cache.enabled:
        return None
    piece = cache.get(cache.report_key(hashlib.sha256(raw).digest()), Piece)
    if piece is None:
        return None
    return None if errors(_checks(piece[0], piece[1], name, plan, unit, period, today)) else piece


def appended(piece: Piece, rest: str, added: Sequence[Entry], name: str, plan: AnyPlan, unit: str, period: str,
             today: date) -> tuple[EntryView, ...] | None:
    """`added` as views, if `rest` — a report file's text from the line its last entry starts on
    (`piece`'s tail), the lines of `added` after it — read as the value of `entries` holds that
    last entry and then `added`, exactly, and `added` passes the checks against the plan; else
    None. The text before that line reads the same whatever follows it, as `piece` says: then
    the file with these lines appended is a valid report holding `piece`'s content and `added`."""
    doc, _ = yamlio.parse("entries:\n" + rest, name)
    items = doc.data.get("entries") if doc is not None and isinstance(doc.data, dict) and len(doc.data) == 1 else None
    if not isinstance(items, list) or len(items) != 1 + len(added):
        return None
    try:
        found = [Entry.model_validate(item) for item in items]
    except ValidationError:
        return None
    views = _views(found, {})
    if views[:1] != piece[1][-1:] or found[1:] != list(added) \
            or errors(_checks(piece[0], views[1:], name, plan, unit, period, today)):
        return None
    return views[1:]


def _checks(header: records.ReportHeader, views: tuple[EntryView, ...], name: str, plan: AnyPlan, unit: str,
            period: str, today: date) -> list[Problem]:
    """The checks of a report's content against the plan and today, its problems left unplaced."""
    return report_problems(_Checked(header, views), _Unplaced(name), plan, unit, period, today)  # type: ignore[arg-type]


class _Unplaced:
    """A report's positions, not looked for: for a writer that only asks whether there is an error
    (on one, it reads the file itself, and says where)."""

    def __init__(self, file: str):
        self.file = file

    def position(self, path: tuple[str | int, ...], key: bool = False) -> tuple[int | None, int | None]:
        return None, None

    def problem(self, path: tuple[str | int, ...], message: str | Words, *, key: bool = False,
                severity: str = "error") -> Problem:
        return Problem(self.file, None, None, message, severity, format_path(path))  # type: ignore[arg-type]

    def raw(self, path: tuple[str | int, ...]) -> str | None:
        return None

class _Renumbered:
    """A file's positions seen through the valid part of its lists: the n-th valid entry is
    the `places["entries"][n]`-th of the file."""

    def __init__(self, doc: yamlio.Located, places: dict[str, list[int]]):
        self._doc, self._places = doc, places

    def _path(self, path: tuple[str | int, ...]) -> tuple[str | int, ...]:
        if len(path) >= 2 and isinstance(path[1], int) and path[0] in self._places:
            return (path[0], self._places[str(path[0])][path[1]], *path[2:])
        return path

    def problem(self, path: tuple[str | int, ...], message: str, **how: Any) -> Problem:
        return self._doc.problem(self._path(path), message, **how)

    def position(self, path: tuple[str | int, ...], key: bool = False) -> tuple[int | None, int | None]:
        return self._doc.position(self._path(path), key)

    def raw(self, path: tuple[str | int, ...]) -> str | None:
        return self._doc.raw(self._path(path))

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._doc, attr)


def _views(entries: list[Entry], same: dict[Any, Any]) -> tuple[EntryView, ...]:
    """Entries as views; equal task ids, dates and texts share one object (`same`: across a load),
    so a cold load holds each once."""
    def one(v: Any) -> Any:
        return v if v is None else same.setdefault(v, v)
    return tuple(EntryView(one(e.task), e.milestone, e.status, one(e.date), one(e.note), one(e.reason),
                           one(e.evidence), e.forced) for e in entries)


class _Checked:
    """A cached report as the cross-checks read it: the header's fields, with its entries."""

    def __init__(self, header: records.ReportHeader, entries: tuple[EntryView, ...]):
        self._header, self.entries = header, entries

    def __getattr__(self, name: str) -> Any:
        return getattr(self._header, name)


class _Deferred:
    """A cached report's positions: parsed again only if a cross-check has a problem to place."""

    def __init__(self, raw: bytes, file: str):
        self._bytes, self.file = raw, file
        self._doc: yamlio.Located | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._doc is None:
            self._doc, _ = yamlio.parse(self._bytes, self.file)  # the same bytes parsed fine before
        return getattr(self._doc, attr)
