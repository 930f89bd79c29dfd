"""Every command against warm `overdue` and Taskwarrior, interleaved: one round runs each once, in turn.

    python benchmarks/commands.py --ledger /tmp/hoinhap-bench/ledger-10000-e10-s1 \\
        --taskrc /tmp/hoinhap-bench/taskwarrior-ledger-10000-e10-s1 --repeat 5

On a loaded machine, commands timed one after another (run.py) meet different loads; here
each round runs every command once, so a load moves them alike, and the medians of wall and
CPU time (user + system of the child) give the ratios. The cache is warm (one run first).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    before, start = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - start, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ledger", type=Path, required=True)
    ap.add_argument("--taskrc", type=Path, help="run.py's Taskwarrior folder for this ledger")
    ap.add_argument("--task-id", default="1.1")
    ap.add_argument("--repeat", type=int, default=5)
    opts = ap.parse_args()
    exe = str(Path(sys.executable).parent / "hoinhap")
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOINHAP_")}
    env.update(HOINHAP_MAX_MB="64", HOINHAP_CACHE_DIR=str(opts.ledger.parent / f"cache-cmp-{opts.ledger.name}"))
    data = ["--data", str(opts.ledger)]
    cases = {name: [exe, *args, *data] for name, args in (
        ("overdue", ["overdue"]), ("log", ["log"]), ("summary", ["summary", "--period", "2009"]),
        ("timeline", ["timeline"]), ("show", ["show", opts.task_id]), ("tasks", ["tasks", "--due-in", "2009"]),
        ("check", ["check"]))}
    envs = {name: env for name in cases}
    if opts.taskrc is not None:
        tw = {**env, "TASKRC": str(opts.taskrc / "taskrc"), "TASKDATA": str(opts.taskrc / "data")}
        base = ["task", "rc.verbose=nothing", "rc.confirmation=off", "rc.gc=off"]
        for name, words in (("task overdue", ["overdue"]), ("task summary", ["summary"]), ("task info", ["1", "info"])):
            cases[name], envs[name] = [*base, *words], tw
    for name, cmd in cases.items():
        timed(cmd, envs[name])  # warm the cache
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(opts.repeat):
        for name, cmd in cases.items():
            runs[name].append(timed(cmd, envs[name]))
    med = {name: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r)) for name, r in runs.items()}
    ow, oc = med["overdue"]
    print(f"# {opts.ledger.name}: medians of {opts.repeat} interleaved rounds, {time.strftime('%Y-%m-%d %H:%M')}\n")
    print("| command | wall | CPU | wall / warm overdue | CPU / warm overdue |\n| --- | --- | --- | --- | --- |")
    for name, (w, c) in med.items():
        print(f"| `{name}` | {w:.3f} s | {c:.3f} s | {w / ow:.2f}× | {c / oc:.2f}× |")
    for mine, theirs in (("overdue", "task overdue"), ("summary", "task summary"), ("show", "task info")):
        if theirs in med:
            print(f"\n`{mine}` / `{theirs}`: {med[mine][0] / med[theirs][0]:.2f}× wall, "
                  f"{med[mine][1] / med[theirs][1]:.2f}× CPU", end="")
    print()


if __name__ == "__main__":
    main()
