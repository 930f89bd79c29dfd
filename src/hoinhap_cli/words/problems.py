"""Problems are values: a location in a file and what to fix there.

Every stage that reads user data returns problems instead of raising on the first one, so
`hoinhap check` can print them all. `DataError` carries a list of them to the CLI's edge.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal, Union

from hoinhap_cli.words.i18n import lang_from_env, t
from hoinhap_cli.words.text import describe_char, shown

Severity = Literal["error", "warning"]

# The language of the running command (set by the CLI's error edge, cli.group; else $HOINHAP_LANG):
# the one place a Problem's words are put in a language — when it is printed, not when it is found,
# so a cached problem follows the language of the run that shows it.
LANG: ContextVar[str | None] = ContextVar("hoinhap_lang", default=None)


def run_lang() -> str:
    return LANG.get() or lang_from_env(None)


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int | None
    col: int | None
    message: str | Words  # Words: an i18n key and its values, worded in the run's language when shown
    severity: Severity = "error"
    path: str = ""  # dotted location in the data, e.g. tasks[3].lead[0]

    def location(self) -> str:
        where = shown(self.file, one_line=True)  # a file name holding ESC or a line break, escaped
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return where

    def text(self, lang: str | None = None) -> str:
        """The message in `lang` (default: the run's language)."""
        return self.message if isinstance(self.message, str) else self.message.text(lang or run_lang())

    def __str__(self) -> str:
        lang = run_lang()
        label = "" if self.severity == "error" else t("problem.warning", lang)
        return f"{self.location()}: {label}{self.text(lang)}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "severity": self.severity,
            "path": self.path,
            "message": self.text(),
        }


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def format_path(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class HoinhapError(Exception):
    """Base of every error the CLI turns into an exit code instead of a traceback."""

    exit_code = 2


class DataError(HoinhapError):
    """Data that cannot be used: it carries every problem found, each with its location."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Words:
    """A message in domain words: an i18n key and the values it is worded with.

    A value is plain (text, number, None) or Words: `words` turns any other (a date, a Period,
    an enum) into the text `t` would make of it, so a problem read back from the cache is worded
    exactly like the one found (msgspec would give a stored date or Period back as text or a map)."""

    key: str
    values: dict[str, Value] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """Worded in `lang`; a value that is itself Words (a "none", a source) is worded first."""
        return t(self.key, lang, **{k: v.text(lang) if isinstance(v, Words) else v for k, v in self.values.items()})


Value = Union[str, int, float, bool, None, Words]


def words(key: str, **values: object) -> Words:
    return Words(key, {k: _value(v) for k, v in values.items()})


def say(key: str, **values: object) -> str:
    """Worded now, in the run's language, for a Problem's message (a UsageError carries Words the
    CLI's edge words)."""
    return words(key, **values).text(run_lang())


def _value(v: object) -> Value:
    if v is None or (isinstance(v, (str, int, float, bool, Words)) and not isinstance(v, Enum)):
        return v
    return format(v, "")  # what str.format makes of it (no template has a format spec)


class UsageError(HoinhapError):
    """A value the user gave that cannot be used (unknown unit, bad date, …).

    Below cli/ it is raised in domain words (`Words`: an i18n key and its values, hints the
    same way); the CLI's edge words it in the user's language with `text` and `hint_texts`.
    cli/ code may still pass text it has worded itself.
    """

    def __init__(self, message: str | Words, hints: Iterable[str | Words] = ()):
        self.words = message
        self.hint_words = list(hints)
        super().__init__(self.text("en"))

    @property
    def message(self) -> str:
        return self.text("en")

    @property
    def hints(self) -> list[str]:
        return self.hint_texts("en")

    def text(self, lang: str) -> str:
        return _worded(self.words, lang)

    def hint_texts(self, lang: str) -> list[str]:
        return [_worded(h, lang) for h in self.hint_words]


def _worded(message: str | Words, lang: str) -> str:
    return message if isinstance(message, str) else message.text(lang)


def did_you_mean(near: list[str], otherwise: Words | None = None) -> list[str | Words]:
    """The usual hint of an unknown name: the nearest names, else `otherwise` (if any)."""
    if near:
        return [words("hint.did_you_mean", names=", ".join(near))]
    return [otherwise] if otherwise is not None else []


# ------------------------------------------------------------------ typed refusals
#
# The errors a caller may want to tell apart carry their facts as attributes; all of them
# are UsageErrors (exit 2), worded through i18n.


class UnknownTask(UsageError):
    """A task id the plan does not have; `near` holds the nearest ids."""

    def __init__(self, text: str, near: list[str]):
        self.task, self.near = text, near
        super().__init__(words("task.unknown", text=text), did_you_mean(near, words("task.unknown.hint")))


class UnknownUnit(UsageError):
    """No unit has this id, name or alias; `near` holds the nearest names."""

    def __init__(self, text: str, near: list[str]):
        self.unit, self.near = text, near
        super().__init__(words("unit.unknown", text=text), did_you_mean(near, words("unit.unknown.hint")))


class AmbiguousUnit(UsageError):
    """Several units match a text; `candidates` holds (id, name) of each."""

    def __init__(self, text: str, candidates: list[tuple[str, str]]):
        self.unit, self.candidates = text, candidates
        listing = "; ".join(f"{uid} ({name})" for uid, name in candidates[:12])
        super().__init__(words("unit.ambiguous", text=text, n=len(candidates), listing=listing),
                         [words("unit.ambiguous.hint")])


class UnknownEvent(UsageError):
    """An event id the plan does not have; `near` the nearest ids, `known` every id."""

    def __init__(self, text: str, near: list[str], known: list[str]):
        self.event, self.near, self.known = text, near, known
        message = words("event.unknown.near", text=text, near=near[0]) if near else words("event.unknown", text=text)
        super().__init__(message, [words("event.known", ids=", ".join(known) or words("none"))])


class UnknownStatus(UsageError):
    """A status word that names no status; `accepted` lists each status with its Vietnamese word."""

    def __init__(self, text: str, near: list[str], accepted: str):
        self.status, self.near = text, near
        super().__init__(words("status.unknown", text=text, accepted=accepted),
                         [words("status.unknown.hint", name=near[0])] if near else [])


class NeedsReason(UsageError):
    """A status that says work was not done (blocked, dropped) given without a reason."""

    def __init__(self, status: str):
        self.status = status
        super().__init__(words("entry.needs_reason", status=status))


class NotInvolved(UsageError):
    """A unit that neither leads nor supports a task (nor belongs to a group that does)."""

    def __init__(self, unit: str, task: str, named: list[str]):
        self.unit, self.task, self.named = unit, task, named
        super().__init__(words("entry.not_involved", unit=unit, task=task, units=", ".join(named) or words("none")),
                         [words("entry.not_involved.hint")])


class InvisibleCharacter(UsageError):
    """An id or name holding an invisible character (`what`: task, unit or event)."""

    def __init__(self, what: str, text: str, char: str, name: str):
        self.what, self.text_given, self.char = what, text, char
        super().__init__(words(f"invisible.{what}", text=text.replace(char, "·"), name=name,
                               code=f"U+{ord(char):04X}"))


class RefusedCharacter(UsageError):
    """Free text (`field`: note, reason, evidence) holding a control character, or a byte that
    was not UTF-8 (read as a lone surrogate)."""

    def __init__(self, field_name: str, char: str):
        self.field, self.char = field_name, char
        code = ord(char)
        described: str | Words = describe_char(char)
        if 0xDC80 <= code <= 0xDCFF:
            described = words("char.byte", byte=f"0x{code - 0xDC00:02X}")
        super().__init__(words("text.refused_char", field=field_name, char=described))


class DayOutOfRange(UsageError):
    """A day progress cannot carry: `why` is "future" (after today) or "before_signing"."""

    def __init__(self, why: str, day: str, limit: str):
        self.why, self.day, self.limit = why, day, limit
        hints = [words("day.future.hint")] if why == "future" else []
        super().__init__(words(f"day.{why}", day=day, limit=limit), hints)


class LockBusy(UsageError):
    """Another writer held a report file's lock for `seconds`; nothing was written."""

    def __init__(self, file: str, seconds: float):
        self.file, self.seconds = file, seconds
        super().__init__(words("store.locked", file=file, seconds=f"{seconds:g}"), [words("store.locked.hint")])


UNKNOWN_SHOWN = 5  # unknown keys named per mapping; the rest counted


def few_unknown(found: list[Any]) -> list[Any]:
    """Pydantic's errors with at most UNKNOWN_SHOWN unknown keys per mapping, and one more line
    with the count of the rest: locating each key is a walk of its mapping, so naming every key
    of a mapping with thousands of them would cost as much as the mapping is long, times over."""
    seen: dict[tuple[Any, ...], int] = {}
    kept: list[Any] = []
    for e in found:
        if e["type"] == "extra_forbidden":
            parent = tuple(e["loc"][:-1])
            seen[parent] = seen.get(parent, 0) + 1
            if seen[parent] > UNKNOWN_SHOWN:
                continue
        kept.append(e)
    for parent, n in seen.items():
        if n > UNKNOWN_SHOWN:
            kept.append({"type": "hostile_unknown_more", "loc": parent, "input": None,
                         "msg": say("refused.more_unknown", n=n - UNKNOWN_SHOWN, total=n)})
    return kept
