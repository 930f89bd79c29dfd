"""Load time of the cache's entries in each format considered: pickle (the old one, runs code),
msgspec MessagePack and msgspec JSON (both decoded into the declared types), stdlib json (parse
only: building the objects would come on top).

    python benchmarks/cache_format.py DATA_DIR [DATA_DIR ...]

Prints, per ledger, the median of 5 loads of its snapshot, its plan part and every report file's
entry, and their size. Formats are timed alternately in one run, so a loaded machine moves them alike.
"""

from __future__ import annotations

import gc
import json
import pickle
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import msgspec

from hoinhap_cli.files.paths import DataDir
from hoinhap_cli.ledger import cache as cache_mod
from hoinhap_cli.ledger import reading, scan, snapshot
from hoinhap_cli.ledger.cache import Cache


def values(folder: Path) -> list[tuple[Any, Any]]:
    data, today = DataDir(folder, folder / "plan.yaml", "option"), date(2026, 11, 27)
    c = Cache(Path("/tmp/cache-format-bench"))
    c.clear()
    ledger, _ = snapshot.load(data, today, c, max_bytes=2**30)
    assert ledger is not None
    plan_name = data.display(data.plan_file)
    scanned = scan.Scan.of(data, today, None, 2**30)
    assert scanned is not None
    snap = snapshot._Snapshot(scanned.files, ledger.warnings, ledger.index, [(r.file, r.path) for r in ledger.reports])
    out: list[tuple[Any, Any]] = [(snap, snapshot._Snapshot), (snapshot._Plan.of(ledger, plan_name), snapshot._Plan)]
    out += [((r.content, r.entries), reading.Piece) for r in ledger.reports]
    return out


def main() -> None:
    for folder in map(Path, [a for a in sys.argv[1:] if not a.startswith('--')]):
        vals = values(folder)
        if "--no-snapshot" in sys.argv or True:  # JSON cannot key a map by (unit, quarter): the snapshot apart
            snap, vals = vals[:1], vals[1:]
            t0 = time.perf_counter()
            packed = msgspec.msgpack.encode(snap[0][0], enc_hook=cache_mod._enc)
            pickled = pickle.dumps(snap[0][0], protocol=pickle.HIGHEST_PROTOCOL)
            for name, fn in (("pickle", lambda: pickle.loads(pickled)),
                             ("msgpack", lambda: msgspec.msgpack.decode(packed, type=snap[0][1],
                                                                         dec_hook=cache_mod._dec))):
                runs = []
                for _ in range(5):
                    t0 = time.perf_counter()
                    fn()
                    runs.append(time.perf_counter() - t0)
                size = len(pickled if name == "pickle" else packed)
                print(f"  snapshot {name:15} load {statistics.median(runs):.3f} s   size {size / 2**20:.1f} MiB")
        enc = {
            "pickle": [pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL) for v, _ in vals],
            "msgpack": [msgspec.msgpack.encode(v, enc_hook=cache_mod._enc) for v, _ in vals],
            "json": [msgspec.json.encode(v, enc_hook=cache_mod._enc) for v, _ in vals],
        }
        dec = {
            "pickle": lambda i, b: pickle.loads(b),
            "msgpack": lambda i, b: msgspec.msgpack.decode(b, type=vals[i][1], dec_hook=cache_mod._dec),
            "json": lambda i, b: msgspec.json.decode(b, type=vals[i][1], dec_hook=cache_mod._dec),
            "stdlib-json-parse-only": lambda i, b: json.loads(b),
        }
        enc["stdlib-json-parse-only"] = enc["json"]
        times: dict[str, list[float]] = {k: [] for k in dec}
        gc.disable()
        for _ in range(5):
            for name, fn in dec.items():
                t0 = time.perf_counter()
                for i, b in enumerate(enc[name]):
                    fn(i, b)
                times[name].append(time.perf_counter() - t0)
        gc.enable()
        print(f"{folder}: the plan part and {len(vals) - 1} report files' entries")
        for name in dec:
            size = sum(map(len, enc[name]))
            print(f"  {name:24} load {statistics.median(times[name]):.3f} s   size {size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
