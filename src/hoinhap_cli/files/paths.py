"""Where the data lives: the data directory, the plan file, report files under reports/."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from hoinhap_cli.files import plainfiles
from hoinhap_cli.words.periods import is_quarter
from hoinhap_cli.words.problems import UsageError, words

PLAN_NAME = "plan.yaml"
REPORTS_DIR = "reports"
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class DataDir:
    root: Path  # the folder holding plan.yaml and reports/
    plan_file: Path
    origin: str  # "option" | "found" | "env" (the fallback) | "bundled"

    @property
    def reports(self) -> Path:
        return self.root / REPORTS_DIR

    def display(self, path: Path) -> str:
        """A path as the user would type it: relative to the current folder when below it."""
        try:
            return str(path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)


def bundled_plan() -> Path:
    return Path(__file__).parent.parent / "bundled" / PLAN_NAME


def locate(given: str | None, cwd: Path | None = None, fallback: str | None = None) -> DataDir:
    """The folder asked for, else data/plan.yaml from the current folder upward, else the
    fallback (the CLI passes $HOINHAP_DATA), else the bundled plan."""
    if given:
        return _from(Path(given), "option")
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "data" / PLAN_NAME
        if candidate.is_file():
            return DataDir(folder / "data", candidate, "found")
        if folder.name == "data" and (folder / PLAN_NAME).is_file():
            return DataDir(folder, folder / PLAN_NAME, "found")
    if fallback:
        return _from(Path(fallback), "env")
    plan = bundled_plan()
    return DataDir(plan.parent, plan, "bundled")


def _from(path: Path, origin: str) -> DataDir:
    source = words(f"paths.source.{origin}")  # where the path came from, worded by the CLI
    if path.is_file():
        return DataDir(path.parent, path, origin)
    if path.is_dir():
        plan = path / PLAN_NAME
        if not plan.is_file():
            _special(plan)
            raise UsageError(words("paths.no_plan", path=path, plan=PLAN_NAME, source=source),
                             [words("paths.no_plan.hint")])
        return DataDir(path, plan, origin)
    _special(path)
    raise UsageError(words("paths.missing", path=path, source=source))


def _special(path: Path) -> None:
    """A plan that is there but is a FIFO, a device or a socket: said so (never opened)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise UsageError(words("refused.special", file=str(path), kind=plainfiles.kind(mode)))


def report_path(data: DataDir, unit: str, period: str) -> Path:
    """reports/<period>/<unit>.yaml — refusing anything that could leave reports/."""
    if not _SLUG.fullmatch(unit):
        raise UsageError(words("paths.bad_unit", unit=unit))
    if not is_quarter(period):
        raise UsageError(words("paths.not_quarter", period=period))
    base = data.reports.resolve()
    path = (base / period / f"{unit}.yaml").resolve()
    if base not in path.parents:
        raise UsageError(words("paths.outside", base=base))
    return path


def parse_report_name(relative: str) -> tuple[str, str | None]:
    """(unit, period) that a report file's place promises, from its path relative to reports/
    (as listed_reports gives it): 2009-Q1/phong-kinh-te.yaml -> (phong-kinh-te, 2009-Q1)."""
    parts = relative.split(os.sep)
    return os.path.splitext(parts[-1])[0], (parts[0] if len(parts) == 2 else None)


def listed_reports(data: DataDir) -> list[tuple[str, str]]:
    """Every .yaml/.yml file below reports/ (at any depth: misplaced ones are reported), each
    as (its path relative to reports/, its full path), in path order. What `rglob("*")` gave —
    symlinked folders not entered, symlinked files followed — at a fraction of its cost:
    listing thousands of report files is part of every run."""
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(folder: str, parts: tuple[str, ...]) -> None:
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            return
        for entry in entries:
            name = entry.name
            if plainfiles.listed(entry):  # to be refused (a link) or warned about (`.YAML`), never skipped
                found.append(((*parts, plainfiles.shown_name(name)), entry.path))
            elif name.endswith((".yaml", ".yml")) and name not in (".yaml", ".yml") and entry.is_file():
                found.append(((*parts, name), entry.path))
            elif entry.is_dir(follow_symlinks=False):
                walk(entry.path, (*parts, name))

    walk(str(data.reports), ())
    found.sort(key=lambda item: item[0])  # by parts, as paths sort
    return [(os.sep.join(parts), full) for parts, full in found]
