"""Importing a plan against checking it, side by side in one run (target: import ≤ check + 1 s).

    /work/venv/bin/python benchmarks/import_bench.py                     # Nghị quyết 03: 140 tasks
    /work/venv/bin/python benchmarks/import_bench.py --document FILE --repeat 7

Each figure is the median of --repeat fresh processes (`python -m hoinhap_cli`), wall time
around the child: `import DOCUMENT --out DIR` into a new folder each time, then `check
--data DIR` with `--no-cache` on the draft it wrote (every file read and validated, nothing cached).
The machine is shared and noisy: the verdict is the difference from one run, not the seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if (p / "plans").is_dir()), None)
DEFAULT = SHARED / "plans" / "02_chinhphu-03-nq-cp-2025_ctr-hanh-dong-nq57.txt" if SHARED else None


def timed(argv: list[str]) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "hoinhap_cli", *argv], env=env, capture_output=True)
    return time.perf_counter() - start, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--document", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.document is None or not args.document.is_file():
        print("no document: pass --document (../shared/plans/ is not beside the repository)", file=sys.stderr)
        return 2
    imports: list[float] = []
    checks: list[float] = []
    with tempfile.TemporaryDirectory() as work:
        for n in range(args.repeat):
            out = Path(work) / f"draft-{n}"
            seconds, code = timed(["import", str(args.document), "--out", str(out)])
            assert code in (0, 1), f"import exited {code}"
            imports.append(seconds)
            seconds, code = timed(["--no-cache", "check", "--data", str(out)])
            assert code == 0, f"check exited {code} on the draft"
            checks.append(seconds)
    imp, chk = statistics.median(imports), statistics.median(checks)
    print(f"document: {args.document.name} (median of {args.repeat})")
    print(f"import  {imp:6.3f} s")
    print(f"check   {chk:6.3f} s   (--no-cache, on the draft)")
    verdict = "met" if imp <= chk + 1.0 else "MISSED"
    print(f"import - check = {imp - chk:+.3f} s   target ≤ +1.000 s: {verdict}")
    return 0 if verdict == "met" else 1


if __name__ == "__main__":
    sys.exit(main())
