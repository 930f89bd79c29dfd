"""Two installs of hoinhap side by side: runs alternate, medians of wall and CPU time.

    python benchmarks/side_by_side.py OLD/bin/hoinhap NEW/bin/hoinhap --ledger /tmp/hb/ledger-10000-e10-s1

Each install keeps its own warm cache (primed by one run first), so both answer warm. A
machine's load moves both alike, which is why a refactoring is judged by these ratios. Each
line gives wall and CPU time and the child's own peak memory (wait4's ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

SHIPPED = Path(__file__).resolve().parents[1] / "data"


def run(exe: str, args: list[str], cache: str) -> tuple[float, float, float]:
    """One run: wall seconds, CPU seconds and the child's own peak memory (MiB, from wait4)."""
    env = {**os.environ, "HOINHAP_CACHE_DIR": cache, "HOINHAP_TODAY": "2011-01-15", "COLUMNS": "100",
           "HOINHAP_MAX_MB": "64"}
    start = time.perf_counter()
    child = subprocess.Popen([exe, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped here, not by Popen
    wall = time.perf_counter() - start
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--ledger", help="a generated ledger (benchmarks/generate.py) for the large cases")
    ap.add_argument("--repeat", type=int, default=5)
    opts = ap.parse_args()
    cases = [("shipped overdue (warm)", ["overdue", "--as-of", "2009-06-30", "--data", str(SHIPPED)]),
             ("--help", ["--help"])]
    with tempfile.TemporaryDirectory() as tmp:
        if opts.ledger:
            cases += [(f"large {' '.join(a)} (warm)", [*a, "--data", opts.ledger]) for a in (
                ["overdue"], ["overdue", "--format", "json"], ["summary", "--period", "2009"],
                ["summary", "--period", "2009-Q3"], ["summary", "--period", "2009-H1"], ["timeline"],
                ["dashboard", "--out", f"{tmp}/page.html"], ["log", "--unit", "phong-kinh-te"])]
        caches = {opts.old: f"{tmp}/old", opts.new: f"{tmp}/new"}
        for name, args in cases:
            times: dict[str, list[tuple[float, float, float]]] = {opts.old: [], opts.new: []}
            for exe in times:
                run(exe, args, caches[exe])  # prime the cache
            for _ in range(opts.repeat):
                for exe in times:
                    times[exe].append(run(exe, args, caches[exe]))
            (ow, oc, om), (nw, nc, nm) = (tuple(statistics.median(r[i] for r in times[e]) for i in range(3))
                                          for e in (opts.old, opts.new))
            print(f"{name}: old {ow:.3f} s ({oc:.3f} s CPU, {om:.0f} MiB), new {nw:.3f} s ({nc:.3f} s CPU, "
                  f"{nm:.0f} MiB): new/old {nw / ow:.2f}× wall, {nc / oc:.2f}× CPU, {nm / om:.2f}× memory", flush=True)


if __name__ == "__main__":
    main()
