"""Plain records: the validated plan and reports as the ledger holds them, without pydantic.

Files are validated by the pydantic models in `model`; once valid, the ledger keeps their
content as `Record`s — the same fields, read the same way (`task.id`,
`task.milestones[0].due`, `unit.kind`), in plain objects. A cached ledger is then read
without importing pydantic or building a model per task, and pydantic's import leaves every
warm start (benchmarks/README.md has the figures).
The cold and the cached paths both hand out records, so their answers are the same.
Equal deadlines share one object (a plan repeats "every quarter" or "2009" many times).
Units and the plan are Records of their own classes (`Unit`, `Plan`), so that their fields
have types; code that takes a model or a record alike is annotated with `shapes`.

Tasks and milestones, tens of thousands in a large plan, are NamedTuples instead (`Task`,
`Milestone`): a tuple is decoded without building a dict per object. Their fields are the
models' (a test keeps them in step).
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from hoinhap_cli.words.periods import Deadline  # at run time: the cache decodes a Milestone by its fields' types
from hoinhap_cli.words.vocab import Status  # at run time: the cache decodes an EntryView by its fields' types

if TYPE_CHECKING:
    from hoinhap_cli.words.vocab import UnitKind


class Record:
    """One validated model's fields, as attributes, in the model's field order.

    Equal when of equal fields, like the frozen models they come from (and, like them,
    hashable only when every field is)."""

    def __init__(self, fields: dict[str, Any]):
        self.__dict__.update(fields)

    if TYPE_CHECKING:  # any model's fields: their names and types are the model's
        def __getattr__(self, name: str) -> Any: ...

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(tuple(self.__dict__.items()))

    def __repr__(self) -> str:
        return f"Record({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"


class Milestone(NamedTuple):
    """`model.Milestone`'s fields."""

    due: Deadline
    source: str | None
    product: int | None
    note: str | None


class Task(NamedTuple):
    """`model.Task`'s fields (lead and support resolved: see reading._resolve_inherited)."""

    id: str
    id_assigned: bool
    program: str
    section: str | None
    units_from: str | None
    title: str
    lead: list[str] | None
    support: list[str] | None
    products: list[str]
    milestones: list[Milestone]
    notes: list[str]
    label: str | None = None  # the document's own row label
    funding: str | None = None
    remarks: str | None = None
    pairs: list[Record] = []  # model.Pair: lead, support
    inherits: Record | None = None  # model.Inherits: from_, fields (already applied: see reading._resolve_inherited)


class Unit(Record):
    """`model.Unit`'s fields: a Record whose fields the type checker knows (a test keeps them in step)."""

    id: str
    name: str
    kind: UnitKind
    aliases: list[str]
    members: list[str]
    assumed: list[str]
    notes: list[str]


class Plan(Record):
    """`model.Plan`'s fields; its parts other than units and tasks are read as any Record is."""

    decision: Record
    plan: Record
    programs: list[Record]
    document: Record | None  # the letterhead of the review (model.Document), if the plan has one
    units: list[Unit]
    events: list[Record]
    reporting: Record | None  # model.Reporting: read by reporting.Regime
    acknowledged: list[Record]  # known warnings accepted, with a reason
    tasks: list[Task]


# What else the ledger holds, named by the model each is a record of.
ReportHeader: TypeAlias = Record  # a model.ReportFile, its entries held apart (see ledger.EntryView)
EventEntry: TypeAlias = Record


_TUPLES: dict[str, type] = {"Task": Task, "Milestone": Milestone}  # by model name: no import of model here
_RECORDS: dict[str, type[Record]] = {"Unit": Unit, "Plan": Plan}  # the typed Records; any other model: Record


def of(value: Any, shared: dict | None = None, leave_out: str = "") -> Any:
    """A model (and the models inside it) as records; anything else as it is.

    `shared` makes equal deadlines and periods one object in memory;
    `leave_out` names a list field of the outer model to hold empty (a report's entries, which
    the ledger keeps apart)."""
    shared = {} if shared is None else shared
    cls = type(value)
    if cls in _AS_THEY_ARE:
        return value
    fields = getattr(cls, "model_fields", None)
    if fields is not None:
        held = value.__dict__  # a pydantic model keeps its fields' values there
        as_tuple = _TUPLES.get(cls.__name__)
        if as_tuple is not None:
            return as_tuple(*[of(held[name], shared) for name in fields])
        return _RECORDS.get(cls.__name__, Record)(
            {name: [] if name == leave_out else of(held[name], shared) for name in fields})
    if cls is list:
        return [of(v, shared) for v in value]
    if cls.__module__ == "hoinhap_cli.words.periods":  # Deadline, Period: immutable values
        return shared.setdefault((cls, value), value)
    return value


_AS_THEY_ARE = {str, int, bool, float, type(None), date}


def dump(value: Any) -> Any:
    """JSON-ready data, as a model's `model_dump(mode="json")` gives it (tests compare the two)."""
    if isinstance(value, Record):
        return {k: dump(v) for k, v in value.__dict__.items()}
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return {k: dump(v) for k, v in zip(value._fields, value)}
    if isinstance(value, (list, tuple)):
        return [dump(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if type(value).__module__ == "hoinhap_cli.words.periods":
        return str(value)
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return value


class EntryView(NamedTuple):
    """A validated progress entry, as the ledger holds it: the fields of `model.Entry`, read the same
    way (`e.task`, `e.status`, `e.date`, …), in a plain tuple.

    The warm path loads the whole ledger from the cache; a pydantic `Entry` is several times
    bigger and costs a Python call to rebuild, this tuple neither. Entries are validated
    as `Entry` first, so nothing about them changes but their class; the cold and the cached
    paths both hand out views, so the answers are the same."""

    task: str
    milestone: int | None
    status: Status
    date: date
    note: str | None
    reason: str | None
    evidence: str | None
    forced: bool
