"""Two installs of hoinhap side by side: runs alternate, medians of wall and CPU time.

    python benchmarks/side_by_side.py OLD/bin/hoinhap NEW/bin/hoinhap --ledger /tmp/hb/ledger-10000-e10-s1

Each install keeps its own warm cache (primed by one run first), so both answer warm. A
machine's load moves both alike, which is why a refactoring is judged by these ratios.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

SHIPPED = Path(__file__).resolve().parents[1] / "data"


def run(exe: str, args: list[str], cache: str) -> tuple[float, float]:
    env = {**os.environ, "HOINHAP_CACHE_DIR": cache, "HOINHAP_TODAY": "2011-01-15", "COLUMNS": "100"}
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([exe, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--ledger", help="a generated ledger (benchmarks/generate.py) for the large cases")
    ap.add_argument("--repeat", type=int, default=5)
    opts = ap.parse_args()
    cases = [("shipped overdue (warm)", ["overdue", "--as-of", "2009-06-30", "--data", str(SHIPPED)]),
             ("--help", ["--help"])]
    if opts.ledger:
        cases += [("large overdue (warm)", ["overdue", "--data", opts.ledger]),
                  ("large summary --period 2009 (warm)", ["summary", "--period", "2009", "--data", opts.ledger])]
    with tempfile.TemporaryDirectory() as tmp:
        caches = {opts.old: f"{tmp}/old", opts.new: f"{tmp}/new"}
        for name, args in cases:
            times: dict[str, list[tuple[float, float]]] = {opts.old: [], opts.new: []}
            for exe in times:
                run(exe, args, caches[exe])  # prime the cache
            for _ in range(opts.repeat):
                for exe in times:
                    times[exe].append(run(exe, args, caches[exe]))
            (ow, oc), (nw, nc) = ((statistics.median(w for w, _ in times[e]), statistics.median(c for _, c in times[e]))
                                  for e in (opts.old, opts.new))
            print(f"{name}: old {ow:.3f} s ({oc:.3f} s CPU), new {nw:.3f} s ({nc:.3f} s CPU): "
                  f"new/old {nw / ow:.2f}× wall, {nc / oc:.2f}× CPU", flush=True)


if __name__ == "__main__":
    main()
