"""The cold read path in stages, in one process, against PyYAML's CSafeLoader on the same bytes.

    .venv/bin/python benchmarks/cold_parts.py /tmp/hb/ledger-1000-e10-s1 [--repeat 7]

Prints the best of --repeat runs for each stage over every file of a data folder (the plan
and its report files): reading the bytes, `yamlio.parse` (libyaml's composer and the walk),
pydantic validation, the plan's and the reports' cross-checks; and `yaml.load(...,
Loader=yaml.CSafeLoader)` of the same bytes, the floor issue 8 measures the cold path against.
Garbage collection is paused as `ledger.check` pauses it. Not a timed test: for comparing a
change with the commit before it on this noisy machine (run both, compare the ratios).
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from datetime import date
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="a data folder: plan.yaml and reports/")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    os.environ.setdefault("HOINHAP_MAX_MB", "64")

    import yaml

    from hoinhap_cli.files import yamlio
    from hoinhap_cli.files.paths import parse_report_name
    from hoinhap_cli.ledger.reading import _validate
    from hoinhap_cli.model.model import Plan, ReportFile
    from hoinhap_cli.model.validation import PlanIndex, plan_problems, report_problems

    plan_file = args.folder / "plan.yaml"
    reports = sorted((args.folder / "reports").rglob("*.yaml"))
    files = [plan_file, *reports]
    raws = [f.read_bytes() for f in files]
    docs = [yamlio.parse(raw, str(f))[0] for f, raw in zip(files, raws)]
    plan, _ = _validate(Plan, docs[0])
    contents = [_validate(ReportFile, doc)[0] for doc in docs[1:]]
    names = [parse_report_name(args.folder / "reports", f) for f in reports]
    today = date(2026, 11, 27)

    def cross_checks() -> None:
        index = PlanIndex.of(plan)
        for content, doc, (unit, period) in zip(contents, docs[1:], names):
            report_problems(content, doc, plan, unit, period, today, index)

    stages = {
        "read bytes (yamlio.read_bytes)": lambda: [yamlio.read_bytes(f, max_bytes=64 * 2**20) for f in files],
        "parse (yamlio.parse)": lambda: [yamlio.parse(raw, "f") for raw in raws],
        "validate plan (pydantic)": lambda: _validate(Plan, docs[0]),
        "validate reports (pydantic)": lambda: [_validate(ReportFile, doc) for doc in docs[1:]],
        "plan cross-checks": lambda: plan_problems(plan, docs[0]),
        "report cross-checks": cross_checks,
        "CSafeLoader load of the same bytes": lambda: [yaml.load(raw, Loader=yaml.CSafeLoader) for raw in raws],
    }
    best = dict.fromkeys(stages, float("inf"))
    gc.disable()
    for _ in range(args.repeat):
        for name, run in stages.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    ours = sum(v for k, v in best.items() if not k.startswith("CSafeLoader"))
    floor = best["CSafeLoader load of the same bytes"]
    print(f"{len(files):,} files, {sum(map(len, raws)) / 2**20:.1f} MiB; best of {args.repeat}")
    for name, seconds in best.items():
        print(f"  {name:40s} {seconds * 1000:8.1f} ms")
    print(f"  {'read path in all':40s} {ours * 1000:8.1f} ms  ({ours / floor:.2f}x CSafeLoader)")


if __name__ == "__main__":
    main()
