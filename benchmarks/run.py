"""Time hoinhap against Taskwarrior and against its own floor (imports, YAML parsing).

    .venv/bin/python benchmarks/run.py                      # N = 45 (shipped), 1,000, 10,000
    .venv/bin/python benchmarks/run.py --sizes 45,1000,10000,100000 --repeat 5

Each number is the median of --repeat runs of a fresh process: wall time (perf_counter
around the child) and peak memory (the child's own ru_maxrss, from os.wait4). Modes:
cold (`--no-cache`: read and validate everything), first (cache folder removed before each
run, so the run also fills it), warm (cache filled), edit (one report file changed before
each run, the rest cached: a comment appended), and, opt-in, edit-entry (the same file with
one entry's status changed too, so the changed tasks' status is worked out again). This machine is noisy, so the verdicts are ratios from one run,
not seconds. Commands missing on this branch are reported as "n/a (command missing)".
Generated ledgers and Taskwarrior data are kept in --work and reused.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHIPPED = ROOT / "data"
IMPORTS = "import typer, rich.table, pydantic, yaml"
YAML_ONLY = (
    "import sys, yaml, pathlib\n"
    "root = pathlib.Path(sys.argv[1])\n"
    "files = [root / 'plan.yaml'] + sorted((root / 'reports').rglob('*.yaml'))\n"
    "for f in files:\n"
    "    yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)\n"
)
MODES = ("cold", "first", "warm", "edit")
EXTRA_MODES = ("edit-entry",)  # opt-in: --modes warm,edit,edit-entry


@dataclass
class Measure:
    wall: float | None = None  # median seconds
    mib: float | None = None  # median peak resident MiB
    note: str = ""  # why there is no number

    def cell(self) -> str:
        if self.wall is None:
            return self.note or "n/a"
        return f"{self.wall:.3f} s, {self.mib:.0f} MiB"


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(wall seconds, peak MiB, exit code) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def lines_of(cmd: list[str], env: dict[str, str]) -> int:
    """How many lines a command prints, at 80 columns (as the timed runs, whose output goes nowhere)."""
    done = subprocess.run(cmd, env={**env, "COLUMNS": "80"}, capture_output=True, check=False)
    return done.stdout.count(b"\n")


def measure(cmd: list[str], env: dict[str, str], repeat: int, before=None, ok=(0, 1)) -> Measure:
    walls, mems = [], []
    for i in range(repeat):
        if before is not None:
            before(i)
        wall, mib, code = run_once(cmd, env)
        if code not in ok:
            return Measure(note=f"error (exit {code})")
        walls.append(wall)
        mems.append(mib)
    return Measure(statistics.median(walls), statistics.median(mems))


# ------------------------------------------------------------------ data


def _generator(name: str = "generate"):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def in_child(fn, *args):  # noqa: ANN001, ANN201
    """fn(*args) in a fresh interpreter. On Linux a child's peak memory (ru_maxrss) counts the pages
    of the process that forked it: a runner that generated 3,000,000 entries in-process is ~1.4 GiB,
    and every command it then timed reported at least that. Building data in a child keeps the
    runner small (measured: a 1.5 GiB parent, `/bin/true` child: ru_maxrss 1,511 MiB)."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(fn, args)


def ledger_for(n: int, work: Path, entries: int, seed: int, shape: str = "authors") -> Path:
    """The data folder for size n: a copy of the shipped plan for 45, else a generated one."""
    if n == 45:
        out = work / "ledger-45-shipped"
        if not out.exists():
            shutil.copytree(SHIPPED, out)
        return out
    out = work / (f"ledger-{n}-e{entries}-s{seed}" if shape == "authors" else f"dense-{n}-e{entries}-s{seed}")
    if not (out / ".complete").exists():
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        stats = (_generator().generate(out, n, entries, seed) if shape == "authors" else
                 _generator("generate_dense").generate_dense(out, n, entries, seed))
        (out / ".complete").write_text(json.dumps(stats))
        print(f"  generated {out.name}: {stats} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return out


def bench_env() -> dict[str, str]:
    """The environment without the caller's HOINHAP_* settings, and with room for the 100,000-task
    plan (39 MB of YAML; the default limit per file is 10 MiB, see yamlio.MAX_MB)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOINHAP_")}
    env["HOINHAP_MAX_MB"] = "64"
    return env


def precompile() -> str:
    """Write the package's bytecode, as `pip install` does. An editable install (or a checkout)
    with PYTHONDONTWRITEBYTECODE set — this machine sets it — would otherwise compile every
    module from source on every start (~30 ms), which no installed copy does."""
    import compileall

    import hoinhap_cli

    folder = Path(hoinhap_cli.__file__).parent
    ok = compileall.compile_dir(str(folder), quiet=1)
    return f"bytecode of {folder} written" if ok else f"could not write the bytecode of {folder}"


def hoinhap_exe() -> str:
    here = Path(sys.executable).parent / "hoinhap"
    return str(here) if here.exists() else (shutil.which("hoinhap") or "hoinhap")


def command_exists(hoinhap: str, name: str, env: dict[str, str]) -> bool:
    result = subprocess.run([hoinhap, name, "--help"], env=env, capture_output=True, text=True)
    return result.returncode == 0


# ------------------------------------------------------------------ Taskwarrior


def taskwarrior(n: int, data: Path, work: Path, hoinhap: str, env: dict[str, str]) -> dict[str, str] | None:
    """A private TASKRC and data folder holding the same n tasks; None if `task` is missing."""
    if shutil.which("task") is None:
        return None
    home = work / f"taskwarrior-{data.name}"
    rc = home / "taskrc"
    tw_env = {**env, "TASKRC": str(rc), "TASKDATA": str(home / "data")}
    if (home / ".complete").exists():
        return tw_env
    shutil.rmtree(home, ignore_errors=True)
    (home / "data").mkdir(parents=True)
    rc.write_text(f"data.location={home / 'data'}\nconfirmation=off\nverbose=nothing\ngc=off\n"
                  "hooks=off\ncolor=off\ndetection=off\nnews.version=2.6.0\n")
    export = subprocess.run([hoinhap, "export", "--data", str(data)], env=env, capture_output=True, check=True)
    tasks = []
    for t in json.loads(export.stdout)["tasks"]:
        item = {"description": f"{t['id']} {' '.join(t['title'].split())}", "project": f"ct{t['program']}",
                "status": "pending", "tags": [u["id"] for u in t["lead"]]}
        due = next((m["due_date"] for m in t["milestones"] if m["due_date"]), None)
        if due:
            item["due"] = due.replace("-", "") + "T000000Z"
        tasks.append(item)
    dump = home / "import.json"
    dump.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    start = time.perf_counter()
    subprocess.run(["task", "rc.verbose=nothing", "import", str(dump)], env=tw_env, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"  task import of {len(tasks)} tasks: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    (home / ".complete").touch()
    return tw_env


# ------------------------------------------------------------------ the run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="45,1000,10000", help="task counts; 45 is the shipped plan (100000 opt-in)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per measurement; the median is shown")
    ap.add_argument("--entries-per-task", type=int, default=None, help="default 10 (authors), 30 (dense)")
    ap.add_argument("--generator", choices=("authors", "dense"), default="authors",
                    help="authors: generate.py (~300 units, small files); dense: generate_dense.py "
                         "(40 units, many entries per task, long Vietnamese notes)")
    ap.add_argument("--big-report", action="store_true",
                    help="also time `show` and `record` on one report file of 100,000 entries")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--modes", default=",".join(MODES), help="cold,first,warm,edit (and edit-entry)")
    ap.add_argument("--commands", default="overdue,log,summary,timeline,show,tasks-unit,tasks-due,check,programs",
                    help="which hoinhap rows: overdue,log,summary,timeline,show,tasks-unit,tasks-due,check,export")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "hoinhap-bench",
                    help="where generated ledgers, caches and Taskwarrior data live (reused)")
    args = ap.parse_args(argv)
    if args.entries_per_task is None:
        args.entries_per_task = 10 if args.generator == "authors" else 30
    sizes = [int(s) for s in args.sizes.split(",")]
    modes = [m for m in args.modes.split(",") if m]
    unknown = [m for m in modes if m not in MODES + EXTRA_MODES]
    if unknown:
        ap.error(f"unknown mode(s) {', '.join(unknown)}: choose from {', '.join(MODES + EXTRA_MODES)}")
    args.work.mkdir(parents=True, exist_ok=True)
    hoinhap = hoinhap_exe()
    env = bench_env()
    compiled = precompile()

    print(f"# hoinhap benchmark — medians of {args.repeat} runs, {os.cpu_count()} CPUs, "
          f"{time.strftime('%Y-%m-%d %H:%M')}; {compiled}\n")
    base = {
        "imports": measure([sys.executable, "-c", IMPORTS], env, args.repeat),
        "python": measure([sys.executable, "-c", "pass"], env, args.repeat),
        "help": measure([hoinhap, "--help"], env, args.repeat, ok=(0,)),
    }
    print("| baseline | wall, peak memory |\n| --- | --- |")
    print(f"| `python -c pass` | {base['python'].cell()} |")
    print(f"| `python -c \"{IMPORTS}\"` | {base['imports'].cell()} |")
    print(f"| `hoinhap --help` | {base['help'].cell()} |\n")

    rows = {
        "overdue": ["overdue"],
        "tasks-unit": ["tasks", "--unit", "{unit}"],
        "tasks-due": ["tasks", "--due-in", "2009"],
        "summary": ["summary", "--period", "2009"],
        "log": ["log"],
        "timeline": ["timeline"],
        "show": ["show", "{task}"],
        "check": ["check"],
        "export": ["export"],
        "programs": ["programs"],
    }
    chosen = [c for c in args.commands.split(",") if c]
    present = {name: command_exists(hoinhap, rows[name][0], env) for name in chosen}
    results: dict[tuple[int, str, str], Measure] = {}
    yaml_only: dict[int, Measure] = {}
    task_overdue: dict[int, Measure] = {}
    task_other: dict[tuple[int, str], Measure] = {}  # `task summary`, `task 1 info`
    printed: dict[tuple[int, str], int] = {}  # lines of output, per size and command
    tw_missing = shutil.which("task") is None
    if tw_missing:
        print("Taskwarrior: skipped — `task` is not installed (apt-get install taskwarrior)\n")

    for n in sizes:
        print(f"## N = {n:,} tasks" + (" (the shipped plan)" if n == 45 else
                                       f", {n * args.entries_per_task:,} entries"), file=sys.stderr)
        data = in_child(ledger_for, n, args.work, args.entries_per_task, args.seed, args.generator)
        unit = "phong-kinh-te" if n == 45 else "phong-kinh-te-q2"
        task = "2.10" if n == 45 else "1.1"
        cache_dir = args.work / f"cache-{data.name}"
        run_env = {**env, "HOINHAP_CACHE_DIR": str(cache_dir)}
        reports = sorted((data / "reports").rglob("*.yaml")) if (data / "reports").is_dir() else []
        edited = reports[len(reports) // 2] if reports else None
        original = edited.read_bytes() if edited else b""

        def clear(_: int) -> None:
            shutil.rmtree(cache_dir, ignore_errors=True)

        def edit(i: int) -> None:
            assert edited is not None
            edited.write_bytes(original + f"# sửa lần {i} {time.time_ns()}\n".encode())

        flipped = original.replace(b"status: in-progress", b"status: done", 1)
        if flipped == original:
            flipped = original.replace(b"status: done", b"status: in-progress", 1)

        def edit_entry(i: int) -> None:  # one status flips on every other run; the bytes are new each time
            assert edited is not None and flipped != original, f"{edited}: no entry status to change"
            text = flipped if i % 2 == 0 else original
            edited.write_bytes(text + f"# sửa lần {i} {time.time_ns()}\n".encode())

        yaml_only[n] = (measure([sys.executable, "-c", YAML_ONLY, str(data)], env, args.repeat, ok=(0,))
                        if "cold" in modes else Measure(note="not run (the cold target's floor)"))
        tw_env = None if tw_missing else in_child(taskwarrior, n, data, args.work, hoinhap, env)
        if tw_env is not None:
            task_overdue[n] = measure(["task", "rc.verbose=nothing", "rc.confirmation=off", "rc.gc=off",
                                       "overdue"], tw_env, args.repeat)
            for what, words in (("summary", ["summary"]), ("info", ["1", "info"])):
                task_other[(n, what)] = measure(["task", "rc.verbose=nothing", "rc.confirmation=off", "rc.gc=off",
                                                 *words], tw_env, args.repeat)
            for what, words in (("overdue", ["overdue"]), ("summary", ["summary"]), ("info", ["1", "info"])):
                printed[(n, f"task {what}")] = lines_of(["task", "rc.verbose=nothing", *words], tw_env)
        for name in chosen:
            cmd = [hoinhap, *[a.format(unit=unit, task=task) for a in rows[name]], "--data", str(data)]
            for mode in modes:
                if not present[name]:
                    results[(n, name, mode)] = Measure(note="n/a (command missing)")
                elif mode == "cold":
                    results[(n, name, mode)] = measure([hoinhap, "--no-cache", *cmd[1:]], run_env, args.repeat)
                elif mode == "first":
                    results[(n, name, mode)] = measure(cmd, run_env, args.repeat, before=clear)
                elif mode == "warm":
                    printed[(n, name)] = lines_of(cmd, run_env)  # and the cache is filled
                    results[(n, name, mode)] = measure(cmd, run_env, args.repeat)
                elif edited is None:
                    results[(n, name, mode)] = Measure(note="n/a (no report files)")
                else:
                    run_once(cmd, run_env)
                    try:
                        results[(n, name, mode)] = measure(cmd, run_env, args.repeat,
                                                           before=edit_entry if mode == "edit-entry" else edit)
                    finally:
                        edited.write_bytes(original)
                print(f"  {name} {mode}: {results[(n, name, mode)].cell()}", file=sys.stderr)

    # ---------------------------------------------------------------- the tables
    print("| N | command | " + " | ".join(modes) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in modes) + " |")
    for n in sizes:
        for name in chosen:
            label = " ".join(rows[name]).format(unit="X", task="ID")
            print(f"| {n:,} | `hoinhap {label}` | " + " | ".join(results[(n, name, m)].cell() for m in modes) + " |")
        print(f"| {n:,} | PyYAML CSafeLoader, load only | {yaml_only[n].cell()} |" + " |" * (len(modes) - 1))
        tw = task_overdue.get(n, Measure(note="skipped (task not installed)" if tw_missing else "n/a"))
        print(f"| {n:,} | Taskwarrior `task overdue` | {tw.cell()} |" + " |" * (len(modes) - 1))
        for what in ("summary", "info"):
            if (n, what) in task_other:
                print(f"| {n:,} | Taskwarrior `task {what}` | {task_other[(n, what)].cell()} |" + " |" * (len(modes) - 1))
    print()
    if printed:  # what each command prints: a ratio of times is also one of output sizes
        print("Lines printed (warm, at 80 columns):\n\n| N | command | lines |\n| --- | --- | --- |")
        for (n, name), count in printed.items():
            print(f"| {n:,} | `{name if name.startswith('task ') else 'hoinhap ' + ' '.join(rows[name])}` | {count:,} |"
                  .replace("{unit}", "X").replace("{task}", "ID"))
        print()
    big = big_report(args.work, hoinhap, env, args.repeat) if args.big_report else {}

    verdicts = targets(sizes, results, base, yaml_only, task_overdue, modes, task_other, big)
    print("| target | ratio | limit | verdict |\n| --- | --- | --- | --- |")
    for target, ratio, limit, verdict in verdicts:
        print(f"| {target} | {ratio} | {limit} | {verdict} |")
    print()
    growth(sizes, results, chosen, modes, rows)
    return 0


def _ratio(a: Measure | None, b: Measure | None) -> float | None:
    if a is None or b is None or a.wall is None or b.wall is None or b.wall == 0:
        return None
    return a.wall / b.wall


def _verdict(ratio: float | None, limit: float, why: str = "") -> tuple[str, str]:
    if ratio is None:
        return "—", why or "n/a"
    return f"{ratio:.2f}×", "PASS" if ratio <= limit else "FAIL"


def targets(sizes, results, base, yaml_only, task_overdue, modes, task_other=None,
            big=None) -> list[tuple[str, str, str, str]]:
    """The targets of issue 18, restated: every one a ratio of two numbers from this run."""
    out = []
    task_other, big = task_other or {}, big or {}

    def add(target: str, ratio: float | None, limit: float, why: str = "", op: str = "≤") -> None:
        shown, verdict = _verdict(ratio, limit, why)
        out.append((target, shown, f"{op} {limit}×", verdict))

    def why(key) -> str:
        m = results.get(key)
        return m.note if m is not None and m.wall is None else ""

    if 45 in sizes:
        key = (45, "overdue", "warm")
        add("shipped plan: `overdue` (warm) / imports", _ratio(results.get(key), base["imports"]), 1.0, why(key))
    add("`hoinhap --help` / imports", _ratio(base["help"], base["imports"]), 0.8)
    for n in (s for s in sizes if s >= 10000):
        key = (n, "overdue", "warm")
        add(f"{n:,} warm: `overdue` / `task overdue`", _ratio(results.get(key), task_overdue.get(n)), 0.5,
            why(key) or ("no Taskwarrior" if n not in task_overdue else ""))
        for name in ("log", "summary", "timeline", "show", "tasks-unit", "tasks-due", "check"):
            if (n, name, "warm") in results:
                add(f"{n:,} warm: `{name}` / warm `overdue`", _ratio(results[(n, name, "warm")], results.get(key)),
                    1.5, why((n, name, "warm")))
        for name, what in (("summary", "summary"), ("show", "info"), ("programs", "summary")):
            if (n, name, "warm") in results and (n, what) in task_other:
                label = " (like for like: a line per programme)" if name == "programs" else ""
                add(f"{n:,} warm: `{name}` / `task {what}`{label}", _ratio(results[(n, name, "warm")],
                                                                           task_other[(n, what)]), 1.0)
        if (n, "overdue", "edit-entry") in results:
            add(f"{n:,}: `overdue` after one entry changed / warm",
                _ratio(results[(n, "overdue", "edit-entry")], results.get(key)), 1.5, why(key))
    if 100000 in sizes:
        m, tw = results.get((100000, "overdue", "warm")), task_overdue.get(100000)
        mem = None if m is None or tw is None or m.mib is None or not tw.mib else m.mib / tw.mib
        shown, verdict = _verdict(mem, 0.5, "no Taskwarrior" if tw is None else "")
        out.append(("100,000 warm: `overdue` peak memory / Taskwarrior's", shown, "≤ 0.5×", verdict))
    if "cold" in modes:
        for n in (s for s in sizes if s >= 1000):
            key = (n, "overdue", "cold")
            if key in results and results[key].wall is not None and yaml_only[n].wall and base["imports"].wall:
                floor = base["imports"].wall + 1.3 * yaml_only[n].wall
                add(f"{n:,} cold: `overdue` / (imports + 1.3 × CSafeLoader load)", results[key].wall / floor, 1.0)
    for name, m in big.items():  # absolute: 2 s and 300 MiB
        add(f"one report of 100,000 entries: `{name}` / 2 s", None if m.wall is None else m.wall / 2.0, 1.0, m.note)
        add(f"one report of 100,000 entries: `{name}` peak / 300 MiB", None if m.mib is None else m.mib / 300, 1.0,
            m.note)
    return out


def big_report_data(work: Path, hoinhap: str, env: dict[str, str]) -> Path:
    """The ledger of `big_report`: a generated 1,000-task plan and one report file of 100,000 entries."""
    data = work / "big-report"
    report = data / "reports" / "2009-Q1" / "phong-kinh-te-q2.yaml"
    if not (data / ".complete").exists():
        shutil.rmtree(data, ignore_errors=True)
        _generator().generate(data, 1000, 0, 1)
        shutil.rmtree(data / "reports")
        report.parent.mkdir(parents=True)
        plan = subprocess.run([hoinhap, "tasks", "--unit", "phong-kinh-te-q2", "--role", "lead", "--format", "json",
                               "--data", str(data)], env=env, capture_output=True, text=True, check=True)
        ids = [t["id"] for t in json.loads(plan.stdout)]
        lines = ["unit: phong-kinh-te-q2\nperiod: 2009-Q1\nentries:\n"]
        lines += [f'  - task: "{ids[i % len(ids)]}"\n    status: in-progress\n    date: "2009-0{1 + i % 3}-{1 + i % 28:02d}"\n'
                  f"    note: Đã họp triển khai lần {i} với các phường.\n" for i in range(100_000)]
        report.write_text("".join(lines), encoding="utf-8")
        (data / ".complete").touch()
    return report


def big_report(work: Path, hoinhap: str, env: dict[str, str], repeat: int) -> dict[str, Measure]:
    """`show` and `record` (warm) on a ledger whose one report file holds 100,000 entries."""
    report = in_child(big_report_data, work, hoinhap, env)
    data = report.parents[2]
    run_env = {**env, "HOINHAP_CACHE_DIR": str(work / "cache-big-report"), "HOINHAP_TODAY": "2009-06-30"}
    task = report.read_text(encoding="utf-8").split('task: "', 1)[1].split('"', 1)[0]
    show = [hoinhap, "show", task, "--data", str(data)]
    run_once(show, run_env)
    original = report.read_bytes()
    record = [hoinhap, "record", task, "--status", "in-progress", "--date", "2009-03-30", "--unit", "phong-kinh-te-q2",
              "--data", str(data)]
    try:
        found = {"show": measure(show, run_env, repeat),
                 "record": measure(record, run_env, repeat, before=lambda _: report.write_bytes(original))}
    finally:
        report.write_bytes(original)
    for name, m in found.items():
        print(f"  big report {name}: {m.cell()}", file=sys.stderr)
    return found


def growth(sizes, results, chosen, modes, rows) -> None:
    steps = [(a, b) for a, b in zip(sizes, sizes[1:]) if a >= 1000]
    if not steps:
        return
    print("Growth (time ratio between sizes; 10.0 is linear for a 10× step):\n")
    print("| command | mode | " + " | ".join(f"{a:,} → {b:,}" for a, b in steps) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in steps) + " |")
    for name in chosen:
        for mode in modes:
            cells = []
            for a, b in steps:
                r = _ratio(results.get((b, name, mode)), results.get((a, name, mode)))
                cells.append("n/a" if r is None else f"{r:.1f}× (size {b / a:.0f}×)")
            label = " ".join(rows[name]).format(unit="X", task="ID")
            print(f"| `{label}` | {mode} | " + " | ".join(cells) + " |")
    print()


if __name__ == "__main__":
    sys.exit(main())
