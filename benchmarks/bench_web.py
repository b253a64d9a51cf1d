"""Benchmark: page times of the dashboard with concurrent users, on loopback only, for a bounded time.

    .venv/bin/python benchmarks/bench_web.py --store out/jeugdmonitor.duckdb [--gebruikers 20] [--seconden 30]

Target (issue 7, 2-core 24 GB machine): p95 under 300 ms with 20 concurrent users on the demo store.

Starts ``jeugdmonitor serve`` as a separate process on a free port of 127.0.0.1 with a temporary account
(removed afterwards), opens every page of the mix once (the cold times: a split or a goal tree computed on
first use, charts drawn once), then lets the users, each signed in with their own session, request pages
from the mix in turn, without pause, until the time is up. Prints the median, 95th percentile and maximum per
page and over all requests, and whether the target is met.
"""

from __future__ import annotations

import argparse
import http.client
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import IO

from jeugdmonitor.web.accounts import Accounts

DOEL_P95_MS = 300
PAGINAS = [  # a day's mix for a team lead: overview, indicators, splits, region, goals, quality, a work list
    "/g/{g}/",
    "/g/{g}/indicator/kern.gebruik",
    "/g/{g}/indicator/kern.stromen?per=wijk",
    "/g/{g}/indicator/kern.wachttijd?per=aanbieder",
    "/regio",
    "/regio?indicator=kern.kosten",
    "/g/{g}/doelen",
    "/g/{g}/duiding",
    "/kwaliteit",
    "/g/{g}/werklijsten/wachtend_boven_norm",
]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sessie:
    """One user: a keep-alive connection and the session cookie."""

    def __init__(self, port: int, naam: str, wachtwoord: str) -> None:
        self.con = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookie = ""
        page = self.get("/inloggen")[1]
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        body = urllib.parse.urlencode({"csrf": token, "naam": naam, "wachtwoord": wachtwoord})
        status, _ = self.request("POST", "/inloggen", body, {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 302, f"inloggen mislukt ({status})"

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None) -> tuple[int, str]:
        headers = dict(headers or {})
        if self.cookie:
            headers["Cookie"] = self.cookie
        self.con.request(method, path, body=body, headers=headers)
        response = self.con.getresponse()
        text = response.read().decode("utf-8", "replace")
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, text

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)


def _wacht_op(port: int, proces: subprocess.Popen, log: IO[str], seconden: float = 60) -> None:
    deadline = time.monotonic() + seconden
    while time.monotonic() < deadline:
        if proces.poll() is not None:
            log.seek(0)
            raise SystemExit(f"de server stopte: {log.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("de server kwam niet op")


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--gemeente", default="GM0164")
    parser.add_argument("--gebruikers", type=int, default=20)
    parser.add_argument("--seconden", type=float, default=30.0, help="duration of the load (bounded)")
    parser.add_argument("--threads", type=int, default=8, help="the server's threads")
    args = parser.parse_args()

    naam, wachtwoord = f"bench-{secrets.token_hex(4)}", secrets.token_urlsafe(16)
    accounts = Accounts(args.store)
    accounts.voeg_toe(naam, wachtwoord, "teamleider", [args.gemeente])
    port = _vrije_poort()
    cli = Path(sys.executable).with_name("jeugdmonitor")
    # a file, not a pipe: waitress's queue warnings would fill an unread pipe and stall the server
    log = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed in the finally below)
    server = subprocess.Popen(
        [str(cli), "serve", "--store", str(args.store), "--port", str(port), "--threads", str(args.threads)],
        stdout=subprocess.DEVNULL, stderr=log, text=True,
    )  # fmt: skip
    try:
        _wacht_op(port, server, log)
        paginas = [p.format(g=args.gemeente) for p in PAGINAS]
        eerste = Sessie(port, naam, wachtwoord)
        print(f"Dashboard op poort {port}; koude tijden (eerste keer, daarna bewaard):")
        for path in paginas:
            start = time.perf_counter()
            status, _ = eerste.get(path)
            print(f"  {(time.perf_counter() - start) * 1000:8.0f} ms  {status}  {path}")
        tijden: dict[str, list[float]] = {p: [] for p in paginas}
        fouten: list[str] = []
        lock = threading.Lock()
        sessies = [Sessie(port, naam, wachtwoord) for _ in range(args.gebruikers)]
        stop = time.monotonic() + args.seconden

        def gebruiker(i: int) -> None:
            sessie, n = sessies[i], i
            while time.monotonic() < stop:
                path = paginas[n % len(paginas)]
                n += 1
                start = time.perf_counter()
                status, _ = sessie.get(path)
                ms = (time.perf_counter() - start) * 1000
                with lock:
                    tijden[path].append(ms)
                    if status != 200:
                        fouten.append(f"{status} {path}")

        threads = [threading.Thread(target=gebruiker, args=(i,)) for i in range(args.gebruikers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        alle = [ms for values in tijden.values() for ms in values]
        print(f"\n{args.gebruikers} gelijktijdige gebruikers, {args.seconden:.0f} s, {len(alle)} verzoeken "
              f"({len(alle) / args.seconden:.1f} per seconde), {len(fouten)} fouten")  # fmt: skip
        print(f"  {'mediaan':>8} {'p95':>8} {'max':>8}  pagina")
        for path, values in tijden.items():
            if values:
                print(f"  {statistics.median(values):8.0f} {_p(values, 0.95):8.0f} {max(values):8.0f}  {path}")
        p95 = _p(alle, 0.95)
        print(f"  {statistics.median(alle):8.0f} {p95:8.0f} {max(alle):8.0f}  alle pagina's (ms)")
        print(f"Doel p95 < {DOEL_P95_MS} ms: {'gehaald' if p95 < DOEL_P95_MS else 'niet gehaald'}.")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        accounts.verwijder(naam)


if __name__ == "__main__":
    main()
