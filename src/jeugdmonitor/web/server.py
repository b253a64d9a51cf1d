"""Running the dashboard with waitress: one process, a pool of threads, one DuckDB connection shared through
cursors."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from jeugdmonitor.web.accounts import Accounts
from jeugdmonitor.web.gegevens import Bron


def serve(store: Path, host: str, port: int, threads: int = 8, https: bool = False,
          note: Callable[[str], None] = print) -> None:  # fmt: skip
    """Serve the dashboard on ``host:port`` until interrupted."""
    from waitress import serve as waitress_serve

    from jeugdmonitor.web.app import maak_app

    app = maak_app(store, secure_cookie=https)
    threading.Thread(target=opwarmen, args=(app.extensions["bron"],), daemon=True, name="opwarmen").start()
    if not Accounts(store).gebruikers():
        note(f"Let op: er zijn nog geen accounts. Maak er een met: jeugdmonitor user add NAAM --store {store} "
             "--rol beheerder --gemeente GM0164")  # fmt: skip
    if host not in ("127.0.0.1", "localhost", "::1"):
        note("Let op: het dashboard luistert op het netwerk; zet het alleen in een gesloten netwerk en liefst achter "
             "een HTTPS-proxy.")  # fmt: skip
    note(f"Dashboard op http://{host}:{port}/ (stoppen: Ctrl+C)")
    try:
        waitress_serve(app, host=host, port=port, threads=threads, ident="jeugdmonitor",
                       clear_untrusted_proxy_headers=True)  # fmt: skip
    except KeyboardInterrupt:
        note("Dashboard gestopt.")
    finally:
        app.extensions["bron"].close()


def opwarmen(bron: Bron) -> None:
    """In the background at start: read the overview's indicators and evaluate the goal trees of the default
    period for every area, so that the first visitor does not wait for them (tens of seconds on a region)."""
    from jeugdmonitor.web.pages.doelen import evaluatie
    from jeugdmonitor.web.pages.overzicht import KERNCIJFERS

    try:
        for indicator, _ in KERNCIJFERS:
            bron.records(indicator)
        for gebied in [*bron.gemeenten(), "regio"]:
            evaluatie(bron, gebied, bron.standaard_periode())
    except Exception:  # warming is an optimisation: a failure shows up when the page itself is asked for
        return
