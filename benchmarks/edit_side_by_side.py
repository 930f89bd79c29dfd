"""Warm and after-an-edit `overdue --format json` for two copies of `src/`, side by side.

    python benchmarks/edit_side_by_side.py OLD/src NEW/src --ledger /tmp/ledger-10k --rounds 5

Each copy gets its own copy of the ledger and its own cache folder (the cache key covers the
package, and an edit made for one must not reach the other). A round runs, for each copy in turn:
a warm run; a comment appended to one report file (the same file each time); the run after that
edit; one more run, so that the next round's warm run is warm. Medians of wall time and of the
child's own peak memory (wait4's ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(src: str, ledger: Path, cache: Path) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": src, "HOINHAP_CACHE_DIR": str(cache), "HOINHAP_TODAY": "2011-01-15",
           "COLUMNS": "100", "HOINHAP_MAX_MB": "64"}
    start = time.perf_counter()
    args = [sys.executable, "-m", "hoinhap_cli", "overdue", "--format", "json", "--data", str(ledger)]
    child = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0  # reaped here, not by Popen
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--ledger", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hoinhap-edit-"))
    copies = {}
    for name, src in (("old", args.old), ("new", args.new)):
        ledger = work / f"ledger-{name}"
        shutil.copytree(args.ledger, ledger)
        files = sorted((ledger / "reports").rglob("*.yaml"))
        copies[name] = (str(Path(src).resolve()), ledger, work / f"cache-{name}", files[len(files) // 2])
        run(*copies[name][:3])  # fills the cache
    found: dict[tuple[str, str], list[tuple[float, float]]] = {(n, m): [] for n in copies for m in ("warm", "edit")}
    for r in range(args.rounds):
        for name, (src, ledger, cache, target) in copies.items():
            found[name, "warm"].append(run(src, ledger, cache))
            with target.open("a", encoding="utf-8") as f:
                f.write(f"# edit {r}\n")
            found[name, "edit"].append(run(src, ledger, cache))
            run(src, ledger, cache)
    for name in copies:
        warm, edit = (statistics.median(t for t, _ in found[name, m]) for m in ("warm", "edit"))
        memory = statistics.median(m for _, m in found[name, "edit"])
        print(f"{name}: warm {warm:.3f} s, edit {edit:.3f} s ({memory:.0f} MiB), edit/warm {edit / warm:.2f}×")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
