"""Benchmark: the full report set for one municipality — five audiences × three formats (HTML, PDF, XLSX).

    .venv/bin/python benchmarks/bench_rapport.py --store out/jeugdmonitor.duckdb [--gemeente GM0164] [--periode P]

Target (issue 4, 2-core 24 GB machine): under 60 s. Prints the time per step (building the reports, HTML,
PDF, XLSX, summed over the worker processes), the elapsed total and the peak memory (resident set size) of
the main process and of the largest worker.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from jeugdmonitor.demo.rapportset import schrijf_rapportset

DOEL_SECONDEN = 60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--gemeente", default="GM0164", help="CBS-code, or 'regio'")
    parser.add_argument("--periode", default=None, help="default: the latest complete tertaal before the peildatum")
    parser.add_argument("--werkers", type=int, default=2, help="worker processes (1: everything in this process)")
    parser.add_argument("--out", type=Path, default=None, help="keep the files here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-rapport-") as tmp:
        out = args.out or Path(tmp)
        start = time.perf_counter()
        result = schrijf_rapportset(
            args.store, out, gebieden=(args.gemeente,), periode=args.periode, werkers=args.werkers
        )
        seconds = time.perf_counter() - start
        size_mb = sum(p.stat().st_size for files in result.bestanden.values() for p in files.values()) / 1e6
    # the workers' peak counts too: RUSAGE_CHILDREN is the largest child (the reports are made there)
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    own_mb, child_mb = own.ru_maxrss / 1024, children.ru_maxrss / 1024
    # processor time does not grow when other programs share the machine; elapsed time does
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    load = os.getloadavg()[0]
    steps = ", ".join(f"{step} {s:.1f} s" for step, s in result.seconden.items())
    print(f"store {args.store.name}, gebied {args.gemeente}, periode {result.periode}")
    print(f"{result.aantal} bestanden ({size_mb:.1f} MB) in {seconds:.1f} s met {args.werkers} werker(s)")
    print(f"opgeteld per stap: {steps}")
    print(f"processortijd {cpu:.1f} s: met {args.werkers} vrije kern(en) ongeveer {cpu / args.werkers:.1f} s "
          f"verstreken; belasting van de machine aan het eind {load:.1f}")  # fmt: skip
    print(f"piekgeheugen: hoofdproces {own_mb:.0f} MB, grootste werker {child_mb:.0f} MB")
    print(f"doel: onder {DOEL_SECONDEN} s — {'gehaald' if seconds < DOEL_SECONDEN else 'NIET gehaald'}")


if __name__ == "__main__":
    main()
