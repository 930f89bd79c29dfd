"""Time the plain (uncoloured) table drawer on the rows real commands hand it.

    .venv/bin/python benchmarks/render_bench.py --capture      # once: run the commands, keep their rows
    .venv/bin/python benchmarks/render_bench.py                # time Output.table on them
    .venv/bin/python benchmarks/render_bench.py --save /tmp/x  # also write each table's text (to diff)

--capture runs `hoinhap overdue` and `hoinhap tasks --due-in 2009` in this process on the
generated 10,000-task ledger (--data; default /tmp/hb/ledger-10000-e10-s1, see README.md) and
pickles the columns and rows each command passes to `Output.rows(fmt="table", ...)` into
--store. The timing run then draws each captured table with `Output.table` into an
io.StringIO at COLUMNS=80, no colour: median wall (and CPU) time of --repeat runs, and the
sha256 of the text, so a change to the drawer can be checked byte for byte against the
figures of the commit before. This machine is noisy: compare runs made close together.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import pickle
import statistics
import sys
import time
from pathlib import Path

COMMANDS = {"overdue": ["overdue"], "tasks-due-in-2009": ["tasks", "--due-in", "2009"]}


def capture(data: str, store: Path) -> None:
    from hoinhap_cli.cli import main
    from hoinhap_cli.render import render

    os.environ.setdefault("HOINHAP_MAX_MB", "64")
    store.mkdir(parents=True, exist_ok=True)
    for name, argv in COMMANDS.items():
        calls = []
        real = render.Output.rows

        def rows(self, fmt, columns, rows, records=None, title=None, bom=False):  # noqa: ANN001
            if fmt == "table":
                calls.append((list(columns), list(rows), title))

        render.Output.rows = rows
        sys.argv = ["hoinhap", *argv, "--data", data]
        try:
            main()
        except SystemExit:
            pass
        finally:
            render.Output.rows = real
        with open(store / f"{name}.pickle", "wb") as f:
            pickle.dump(calls, f)
        print(f"{name}: {len(calls)} table(s), {sum(len(r) for _, r, _ in calls)} rows -> {store / (name + '.pickle')}",
              file=sys.stderr)


def bench(store: Path, repeat: int, save: Path | None) -> None:
    from hoinhap_cli.render.render import Output

    os.environ["COLUMNS"] = "80"
    for name in COMMANDS:
        path = store / f"{name}.pickle"
        if not path.exists():
            print(f"{name}: no {path}; run with --capture first", file=sys.stderr)
            continue
        with open(path, "rb") as f:
            calls = pickle.load(f)
        times, cpu, each, text = [], [], [[] for _ in calls], ""
        for _ in range(repeat):
            buf = io.StringIO()
            out = Output(color=False, out=buf)
            start, start_cpu = time.perf_counter(), time.process_time()
            for k, (columns, rows, title) in enumerate(calls):
                t = time.perf_counter()
                out.table(columns, rows, title)
                each[k].append(time.perf_counter() - t)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            text = buf.getvalue()
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        print(f"{name}: {sum(len(r) for _, r, _ in calls)} rows, median {statistics.median(times):.3f} s "
              f"(min {min(times):.3f}; cpu median {statistics.median(cpu):.3f}) of {repeat}, "
              f"{len(text.splitlines())} lines, sha256 {digest}")
        if len(calls) > 1:
            print("  per table: " + ", ".join(f"{len(rows)} rows {statistics.median(t):.3f} s"
                                           for (_, rows, _), t in zip(calls, each)))
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
            (save / f"{name}.txt").write_text(text, encoding="utf-8")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--capture", action="store_true", help="run the commands and keep their rows")
    p.add_argument("--data", default="/tmp/hb/ledger-10000-e10-s1")
    p.add_argument("--store", type=Path, default=Path("/tmp/render-bench"))
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--save", type=Path, help="write each table's text here")
    a = p.parse_args()
    if a.capture:
        capture(a.data, a.store)
    else:
        bench(a.store, a.repeat, a.save)


if __name__ == "__main__":
    main()
