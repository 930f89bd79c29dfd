"""The status index folded from one part per report file says what the definition says: every
entry of the ledger sorted by date (a stable sort: file order, then order in the file, breaks
ties), each unit's last word on each milestone in the order units first spoke of it, judged.

The cached and the uncached load fold the same parts with the same function (test_cache.py holds
them equal); this holds the fold itself to the definition, on generated ledgers whose files share
dates, units report in several quarters, and entries name no milestone."""

from __future__ import annotations

import importlib.util
import random
from datetime import date
from pathlib import Path

import pytest

from hoinhap_cli.files.paths import DataDir
from hoinhap_cli.judgement.responsibility import judge, slots, words
from hoinhap_cli.ledger import ledger as ledger_module
from hoinhap_cli.ledger.ledger import Ledger, by_date
from hoinhap_cli.ledger.statusindex import fold, part_of
from hoinhap_cli.words.periods import Kind

ROOT = Path(__file__).resolve().parents[1]


def _module(name: str):  # noqa: ANN202
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.fixture(scope="module", params=["authors", "dense"])
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    out = tmp_path_factory.mktemp(request.param) / "data"
    if request.param == "authors":
        _module("generate").generate(out, n=150, entries_per_task=6, seed=11)
    else:
        _module("generate_dense").generate_dense(out, n=60, entries_per_task=12, seed=5)
    found, problems = ledger_module.load(DataDir(out, out / "plan.yaml", "option"), date(2010, 6, 30))
    assert found is not None, problems
    return found


def _by_definition(ledger: Ledger) -> dict[str, object]:
    """The index's maps worked out from every entry sorted by date, as before the fold."""
    pairs = by_date(ledger.reports)
    by_task: dict[str, list[tuple[str, object]]] = {}
    holders: dict[str, dict[str, None]] = {}
    for r in ledger.reports:
        for e in r.entries:
            holders.setdefault(e.task, {})[r.file] = None
    for r, e in pairs:
        by_task.setdefault(e.task, []).append((r.content.unit, e))
    repeating = [t for t in ledger.tasks.values() if any(m.due.kind in (Kind.RECURRING, Kind.ONGOING)
                                                           for m in t.milestones)]
    return {
        "latest": {tid: (said[-1][1].date, said[-1][1]) for tid, said in by_task.items()},  # type: ignore[attr-defined]
        "dated": {t.id: tuple(by_task.get(t.id, ())) for t in repeating},
        "judged": {tid: tuple(judge(slots(ledger.tasks[tid], ledger.units), one)
                              for one in words(said, len(ledger.tasks[tid].milestones)))  # type: ignore[arg-type]
                   for tid, said in by_task.items() if tid in ledger.tasks},
        "holders": {tid: tuple(files) for tid, files in holders.items()},
    }


def test_the_fold_is_the_definition(loaded: Ledger) -> None:
    want = _by_definition(loaded)
    index = loaded.index
    assert want["latest"] and want["judged"]
    for name in ("latest", "dated", "judged", "holders"):
        assert dict(getattr(index, name)) == want[name], name
    # the order units first spoke of a milestone is the order the review lists them in
    for tid, views in want["judged"].items():  # type: ignore[attr-defined]
        assert [[u.unit for u in v.by_unit] for v in index.judged[tid]] == [[u.unit for u in v.by_unit] for v in views]


def test_the_fold_depends_on_the_files_order_only_through_ties(loaded: Ledger) -> None:
    """Folding the same parts in another order changes nothing but which of two entries on the
    same day counts last; folding them in order again gives the index back."""
    reports = loaded.reports
    parts = [part_of(r, loaded.tasks) for r in reports]
    again = fold(loaded.tasks, loaded.units, reports, parts)
    assert again == loaded.index
    shuffled = list(zip(reports, parts))
    random.Random(3).shuffle(shuffled)
    other = fold(loaded.tasks, loaded.units, [r for r, _ in shuffled], [p for _, p in shuffled])
    assert set(other.latest) == set(loaded.index.latest)
    assert {tid: d for tid, (d, _) in other.latest.items()} == {tid: d for tid, (d, _) in loaded.index.latest.items()}
