"""Problems are values: a location in a file and what to fix there.

Every stage that reads user data returns problems instead of raising on the first one, so
`hoinhap check` can print them all. `DataError` carries a list of them to the CLI's edge.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int | None
    col: int | None
    message: str
    severity: Severity = "error"
    path: str = ""  # dotted location in the data, e.g. tasks[3].lead[0]

    def location(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return where

    def __str__(self) -> str:
        label = "" if self.severity == "error" else "warning: "
        return f"{self.location()}: {label}{self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "severity": self.severity,
            "path": self.path,
            "message": self.message,
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


class UsageError(HoinhapError):
    """A command-line value that cannot be used (unknown unit, bad date, …)."""

    def __init__(self, message: str, hints: Iterable[str] = ()):
        self.message = message
        self.hints = list(hints)
        super().__init__(message)

    # The CLI's edge words an error through these two (issue 14: the core raises errors in
    # domain words, an i18n key and its values; cli/ words them in the user's language).
    def text(self, lang: str) -> str:
        return self.message

    def hint_texts(self, lang: str) -> list[str]:
        return list(self.hints)
