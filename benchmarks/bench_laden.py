"""Benchmark: generate + load at the scales gemeente, regio and nationaal (5 years).

Each step runs as its own process through the CLI (load with --geen-indicatoren: computing the indicators
is measured by bench_indicatoren.py), so time and peak memory (max RSS of that process) are
measured exactly as a user would experience them. Targets (issue 2): nationaal loads in under 3 minutes
with peak memory under 6 GB on a 2-core, 24 GB machine.

    .venv/bin/python benchmarks/bench_laden.py [--schalen gemeente,regio,nationaal] [--werkmap /tmp/bench]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

CLI = Path(sys.executable).with_name("jeugdmonitor")


@dataclass
class Measurement:
    schaal: str
    stap: str
    seconden: float
    piek_mb: float
    omvang_mb: float
    exitcode: int


def _run(args: list[str]) -> tuple[float, float, int]:
    """Run one command; return wall seconds, peak RSS in MB of that process, exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if proc.stderr is not None:
        err = proc.stderr.read().decode("utf-8", "replace")
        if os.waitstatus_to_exitcode(status) not in (0,):
            print(err[-2000:], file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def _size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def bench(schaal: str, workdir: Path) -> list[Measurement]:
    delivery = workdir / f"levering-{schaal}"
    store = workdir / f"store-{schaal}.duckdb"
    shutil.rmtree(delivery, ignore_errors=True)
    for leftover in (store, store.with_name(store.name + ".wal")):
        leftover.unlink(missing_ok=True)
    results = []
    sec, peak, code = _run([str(CLI), "generate", "--out", str(delivery), "--schaal", schaal])
    results.append(Measurement(schaal, "generate", sec, peak, _size_mb(delivery), code))
    sec, peak, code = _run([str(CLI), "load", str(delivery), "--store", str(store), "--geen-indicatoren"])
    results.append(Measurement(schaal, "load", sec, peak, _size_mb(store), code))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schalen", default="gemeente,regio,nationaal")
    parser.add_argument("--werkmap", type=Path, default=Path("/tmp/jeugdmonitor-bench"))
    args = parser.parse_args()
    args.werkmap.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("JEUGDMONITOR_SLEUTEL", "benchmark-sleutel")
    all_results: list[Measurement] = []
    print(f"{'schaal':<10} {'stap':<9} {'seconden':>9} {'piek MB':>9} {'omvang MB':>10}  exit")
    for schaal in args.schalen.split(","):
        for m in bench(schaal.strip(), args.werkmap):
            all_results.append(m)
            print(f"{m.schaal:<10} {m.stap:<9} {m.seconden:>9.1f} {m.piek_mb:>9.0f} {m.omvang_mb:>10.0f}  {m.exitcode}")
    (args.werkmap / "resultaten.json").write_text(json.dumps([asdict(m) for m in all_results], indent=2))


if __name__ == "__main__":
    main()
