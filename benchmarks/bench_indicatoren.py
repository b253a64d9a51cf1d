"""Benchmark: compute every computable indicator over all periods (years, half years, tertalen, quarters and
the latest year's months), per municipality and for the region, on a store; time and peak memory.

    .venv/bin/python benchmarks/bench_indicatoren.py --store out/jeugdmonitor.duckdb [--per productgroep,...]

Targets (issue 3, 2-core 24 GB machine): demo region under 10 s; nationaal (342 municipalities, 5 years) under
2 minutes with peak memory under 8 GB. The store for nationaal comes from benchmarks/bench_laden.py.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import duckdb

from jeugdmonitor.engine.basis import store_peildatum
from jeugdmonitor.engine.families import shipped_families
from jeugdmonitor.engine.perioden import all_periods
from jeugdmonitor.engine.runner import computed
from jeugdmonitor.engine.uitkomsten import read_records


def _cpu_seconds() -> float:
    """User + system time of this process, all threads: less sensitive than wall time to a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--per", default="", help="comma-separated dimensions to split by as well")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--voortgang", action="store_true", help="print each indicator's time as it finishes")
    parser.add_argument("--geheugen", default="6GB", help="DuckDB memory_limit; beyond it DuckDB spills to disk")
    parser.add_argument("--records", action="store_true",
                        help="also read the results as Python records (jeugdmonitor indicators, reports), not "
                             "only into the DuckDB table the store is written from")  # fmt: skip
    args = parser.parse_args()
    spill = args.store.with_name(args.store.name + ".tmp")
    config = {"threads": args.threads, "memory_limit": args.geheugen, "temp_directory": str(spill)}
    con = duckdb.connect(str(args.store), read_only=True, config=config)
    con.execute("SET enable_progress_bar = false")
    peildatum = store_peildatum(con)
    first_year = con.execute("SELECT year(min(begindatum)) FROM jeugdhulp WHERE begindatum >= DATE '2021-01-01'")
    periods = all_periods(first_year.fetchone()[0], peildatum)
    indicators = sorted(shipped_families())
    per = [d for d in args.per.split(",") if d]
    start = time.perf_counter()
    cpu_start = _cpu_seconds()
    times: dict[str, float] = {}
    cpu_last = [cpu_start]

    def progress(indicator: str, seconds: float) -> None:
        times[indicator] = seconds
        cpu_now = _cpu_seconds()
        if args.voortgang:  # the whole process's processor time since the previous report: queries run on two
            # connections at once, so it is no measure of one indicator
            print(f"  {indicator:<28} {seconds:6.2f} s  (processortijd {cpu_now - cpu_last[0]:6.2f} s)", flush=True)
        cpu_last[0] = cpu_now

    with computed(con, indicators, periods, per=per, progress=progress) as table:
        if args.records:
            count = len(read_records(con, table))
        else:
            count = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        seconds = time.perf_counter() - start
        cpu = _cpu_seconds() - cpu_start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        gemeenten = con.execute(f"SELECT count(DISTINCT gemeente) FROM {table}").fetchone()[0]
    print(f"store {args.store.name}: {len(indicators)} indicatoren, {len(periods)} perioden, {gemeenten} gebieden, "
          f"uitsplitsing {per or 'geen'}")  # fmt: skip
    print(f"{count} uitkomsten in {seconds:.1f} s (processortijd {cpu:.1f} s), piekgeheugen {peak_mb:.0f} MB")
    slowest = sorted(times.items(), key=lambda kv: -kv[1])[:10]
    print("traagste: " + ", ".join(f"{i} {t:.1f} s" for i, t in slowest))


if __name__ == "__main__":
    main()
