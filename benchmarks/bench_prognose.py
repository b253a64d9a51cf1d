"""Benchmark: backtest of the year-end forecast (jaarprognose) on the demo store.

Builds the demo store (or reuses it), runs the backtest and the forecast at the store's peildatum, and
prints per month of forecast the MAPE of the forecast and of the run-rate, and the time taken.

    .venv/bin/python benchmarks/bench_prognose.py [--werkmap /tmp/prognose-demo]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from jeugdmonitor.engine.prognose import backtest, forecast
from jeugdmonitor.engine.prognose_backtest import store_peildatum

CLI = Path(sys.executable).with_name("jeugdmonitor")


def _store(werkmap: Path) -> Path:
    store = werkmap / "jeugdmonitor.duckdb"
    if not store.exists():
        subprocess.run([str(CLI), "demo", "--out", str(werkmap)], check=True, stdout=subprocess.DEVNULL)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--werkmap", type=Path, default=Path("/tmp/prognose-demo"))
    args = parser.parse_args()
    con = duckdb.connect(str(_store(args.werkmap)), read_only=True)

    start = time.perf_counter()
    rows = backtest(con)
    seconds_backtest = time.perf_counter() - start
    start = time.perf_counter()
    peildatum = store_peildatum(con)
    prognose = forecast(con, peildatum=peildatum)
    seconds_forecast = time.perf_counter() - start

    for niveau in ("gemeente × perceel", "gemeente"):
        print(f"\nMAPE van de jaarprognose per maand van prognose ({niveau})")
        print(f"{'maand':>5}  {'prognose':>9}  {'run-rate':>9}  {'cellen':>6}")
        for r in rows:
            if r.niveau == niveau:
                print(f"{r.maand:>5}  {r.mape_prognose:>8.1f}%  {r.mape_run_rate:>8.1f}%  {r.cellen:>6}")
    regio = next(r for r in prognose if r.gemeente == "regio" and r.perceel == "totaal")
    print(
        f"\nPrognose regio {regio.jaar} per {peildatum}: {regio.prognose / 1e6:.1f} mln "
        f"({(regio.prognose_laag or 0) / 1e6:.1f}–{(regio.prognose_hoog or 0) / 1e6:.1f}), "
        f"run-rate {regio.run_rate / 1e6:.1f} mln, begroot {(regio.begroot or 0) / 1e6:.1f} mln"
    )
    print(f"Tijd: backtest {seconds_backtest:.2f} s, prognose {seconds_forecast:.2f} s")


if __name__ == "__main__":
    main()
