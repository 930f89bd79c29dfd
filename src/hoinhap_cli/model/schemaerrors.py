"""Problems from the schema, each with its file:line:col: pydantic's error locations mapped back
to YAML nodes, the message chosen by error *type*, never by matching pydantic's English text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from pydantic_core.core_schema import ErrorType

from hoinhap_cli.files.yamlio import Located
from hoinhap_cli.model.shapes import UnitShape
from hoinhap_cli.model.units import suggest_units
from hoinhap_cli.words.i18n import MESSAGES
from hoinhap_cli.words.problems import Problem, Words, few_unknown, words
from hoinhap_cli.words.text import similar
from hoinhap_cli.words.vocab import status_of


def _describe(value: Any) -> str | Words:
    if isinstance(value, bool):
        return words("val.bool", value=str(value).lower())
    if isinstance(value, (int, float)):
        return words("val.number", value=value)
    if value is None:
        return words("val.null")
    if isinstance(value, list):
        return words("val.list")
    if isinstance(value, dict):
        return words("val.mapping")
    return f"'{value}'"


def _fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at a location, for 'did you mean'."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        annotation = field.annotation
        for candidate in _unwrap(annotation):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                current = candidate
                break
        else:
            return []
    return list(getattr(current, "model_fields", {}))


def _unwrap(annotation: Any) -> Iterator[Any]:
    args = getattr(annotation, "__args__", None)
    if not args:
        yield annotation
        return
    for arg in args:
        yield from _unwrap(arg)


def schema_problems(err: ValidationError, doc: Located, model: type[BaseModel],
                    units: Sequence[UnitShape] = ()) -> list[Problem]:
    """Pydantic's errors at their file:line:col; `units` (the plan's) for "did you mean" of a
    unit written where its id belongs."""
    out = []
    found = few_unknown(err.errors(include_url=False))  # 100,000 unknown keys: five named, the rest counted
    # A misspelt key (`staus:`) is one mistake: its "did you mean 'status'" says what the
    # "missing required key 'status'" in the same mapping would say again.
    misspelt = set()
    for e in found:
        if e["type"] == "extra_forbidden":
            near = similar(str(e["loc"][-1]), _fields(model, e["loc"]))
            if near:
                misspelt.add((*e["loc"][:-1], near[0]))
    for e in found:
        if e["type"] == "missing" and tuple(e["loc"]) in misspelt:
            continue
        loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        msg, at_key = _message(e, loc, doc, model, units)
        out.append(doc.problem(loc, msg, key=at_key))
    return out


def _message(e: ErrorDetails, loc: tuple[Any, ...], doc: Located, model: type[BaseModel],
             units: Sequence[UnitShape] = ()) -> tuple[str | Words, bool]:
    """One pydantic error in the file's words, and whether it points at the key (not its value)."""
    kind = e["type"]
    value = e.get("input")
    if kind == "extra_forbidden":
        key = loc[-1]
        near = similar(str(key), _fields(model, loc))
        hint: str | Words = words("val.did_you_mean", name=near[0]) if near else ""
        allowed = ", ".join(_fields(model, loc))
        msg: str | Words = words("val.unknown_key", field=key, hint=hint, allowed=allowed)
    elif kind == "missing":
        msg = words("val.missing_key", field=loc[-1])
    elif kind in ("string_type", "str_type"):
        raw = doc.raw(loc)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and raw is not None:
            msg = words("val.quote_number", raw=raw)
        else:
            msg = words("val.expected_text", got=_describe(value))
    elif kind in ("int_type", "int_parsing"):
        msg = words("val.expected_int", got=_describe(value))
    elif kind == "bool_type":
        msg = words("val.expected_bool", got=_describe(value))
    elif kind in ("list_type",):
        msg = words("val.expected_list", got=_describe(value))
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        msg = words("val.expected_mapping", got=_describe(value))
    elif kind == "string_pattern_mismatch":
        unit_hint = did_you_mean_unit(units, value) if units and isinstance(value, str) \
            and loc and loc[-1] != "task" and _pattern_hint(loc).key == "val.pattern.unit" else ""
        msg = words("val.bad_id", value=_describe(value), hint=_pattern_hint(loc), near=unit_hint)
    elif kind in ("enum", "literal_error"):
        choices = [x.strip(" '") for x in str(e.get("ctx", {}).get("expected", "")).replace(" or ", ",").split(",")]
        near = similar(str(value), choices)
        hint = words("val.did_you_mean", name=near[0]) if near else ""
        word = status_of(str(value)) if loc and loc[-1] == "status" else None
        if word is not None:  # the command line's words; files keep one spelling per status
            hint = words("val.status_id", id=word.value)
        msg = words("val.not_one_of", value=_describe(value), expected=_one_of(choices, loc), hint=hint)
    elif kind == "too_short":
        msg = words("val.empty") if loc[-1] != "milestones" else words("val.no_milestone")
    elif kind == "string_too_short":
        msg = words("val.empty_text")
    elif kind in ("greater_than_equal", "greater_than"):
        limit = e.get("ctx", {})
        msg = words("val.too_small", value=_describe(value), limit=limit.get("ge", limit.get("gt", "")))
    elif isinstance(e.get("ctx", {}).get("words"), Words):  # refused by a model's own rule (model._refused)
        msg = e["ctx"]["words"]
    elif kind.startswith("date_"):
        msg = words("val.expected_date", got=_describe(value))
    elif kind.startswith(("float_", "decimal_")):
        msg = words("val.expected_number", got=_describe(value))
    elif kind in _PYDANTIC_KINDS:  # pydantic's own sentence is English only
        msg = words("val.other", got=_describe(value))
    else:  # a refusal worded where it was found (guard's)
        msg = e["msg"]
    return msg, kind == "extra_forbidden"


_PYDANTIC_KINDS = frozenset(get_args(ErrorType))


def _one_of(allowed: list[str], loc: tuple[Any, ...]) -> Words:
    """"'a', 'b' hoặc 'c'"; a status also in its words, which a file may write as well."""
    shown: list[str | Words] = [f"'{x}'" for x in allowed]
    if loc and loc[-1] == "status":
        shown = [words("val.status_both", id=x, name=MESSAGES[f"status.{x}"][0])
                 for x in allowed if f"status.{x}" in MESSAGES]
    if len(shown) < 2:
        return words("val.list_one", item=shown[0] if shown else "")
    head: str | Words = shown[0]
    for item in shown[1:-1]:
        head = words("val.list_comma", head=head, item=item)
    return words("val.list_or", head=head, last=shown[-1])


def did_you_mean_unit(units: Sequence[UnitShape], text: str) -> Words | str:
    """"; did you mean 'id'?" — a unit's name written where its id belongs, the unit
    sharing the most words, or the nearest spelling (units.suggest_units)."""
    near = suggest_units(units, text)
    return words("val.did_you_mean", name=near[0].id) if near else ""


def _pattern_hint(loc: tuple[Any, ...]) -> Words:
    name = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if name in ("lead", "support", "members", "standing_agency", "unit", "event") or (
        name == "id" and len(loc) >= 1 and loc[0] in ("units", "events")
    ):
        return words("val.pattern.unit")
    return words("val.pattern.task")
