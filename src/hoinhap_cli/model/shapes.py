"""What a unit, a task and a plan look like to code that reads both kinds of them.

The plan arrives in two kinds: the pydantic models of `model` (the writing path: `record`,
`submit`, validation of reports) and the plain records of `records` (a ledger, cold or from
the cache). A function that takes either is annotated with these protocols: read-only
fields that both kinds have, under the same names. A function that only ever sees a ledger
takes the record types; one that only builds models takes the models.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from hoinhap_cli.words.periods import Deadline


class UnitShape(Protocol):
    """`model.Unit` or a `records.Unit`."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...
    @property
    def members(self) -> Sequence[str]: ...


class MilestoneShape(Protocol):
    """`model.Milestone` or a `records.Milestone`."""

    @property
    def due(self) -> Deadline: ...


class TaskShape(Protocol):
    """`model.Task` or a `records.Task`."""

    @property
    def id(self) -> str: ...
    @property
    def program(self) -> str: ...
    @property
    def section(self) -> str | None: ...
    @property
    def title(self) -> str: ...
    @property
    def lead(self) -> Sequence[str] | None: ...
    @property
    def support(self) -> Sequence[str] | None: ...
    @property
    def products(self) -> Sequence[str]: ...
    @property
    def milestones(self) -> Sequence[MilestoneShape]: ...
    @property
    def notes(self) -> Sequence[str]: ...


# A function that hands back the unit or task it was given: a model stays a model, a record a record.
UnitT = TypeVar("UnitT", bound=UnitShape)
TaskT = TypeVar("TaskT", bound=TaskShape)
U_co = TypeVar("U_co", bound=UnitShape, covariant=True)


class PlanShape(Protocol[U_co]):
    """`model.Plan` (of `model.Unit`s) or a `records.Plan` (of `records.Unit`s): its units."""

    @property
    def units(self) -> Sequence[U_co]: ...
