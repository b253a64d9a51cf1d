"""Shared helpers for the dashboard tests: a small generated store with stored results (built once per test
session), its accounts, and a live server on a free loopback port."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from unittest import mock

from jeugdmonitor.demo import generate_delivery
from jeugdmonitor.engine import opslag
from jeugdmonitor.store.loader import load_delivery
from jeugdmonitor.web.accounts import Accounts

EIGEN = "GM0147"  # Borne: the municipality of the test users
ANDER = "GM0173"  # Oldenzaal: another municipality in the same store
WACHTWOORD = "correct-paard-batterij"
GEBRUIKERS = {  # name: (role, municipalities)
    "raadslid": ("raad", (EIGEN,)),
    "wethouder": ("college", (EIGEN,)),
    "beleid": ("management", (EIGEN,)),
    "teamleider": ("teamleider", (EIGEN,)),
    "consulent": ("consulent", (EIGEN,)),
    "beheerder": ("beheerder", (EIGEN,)),
    "consulent_ander": ("consulent", (ANDER,)),
}
_LOCK = threading.Lock()


def klein_store(base: Path) -> Path:
    """Two small municipalities (Borne and Oldenzaal), January 2024 to the peildatum 30 April 2025, with every
    indicator computed and stored, and the test accounts. Built once under ``base`` (about 15 s)."""
    folder = base / "web_store"
    store = folder / "store.duckdb"
    with _LOCK:
        if not (folder / "klaar").exists():
            generate_delivery(folder / "levering", gemeenten=[EIGEN, ANDER], van=date(2024, 1, 1),
                              tot=date(2025, 4, 30), seed=7, schaal="regio")  # fmt: skip
            load_delivery(folder / "levering", store)
            with mock.patch.object(opslag, "YEARS", 2):  # 2024 and 2025 only: the delivery starts in 2024
                opslag.store_results(store)
            accounts = Accounts(store)
            for naam, (rol, gemeenten) in GEBRUIKERS.items():
                accounts.voeg_toe(naam, WACHTWOORD, rol, gemeenten)
            (folder / "klaar").touch()
    return store


@contextmanager
def live_server(store: Path) -> Iterator[str]:
    """The dashboard on a free port of 127.0.0.1, served by waitress as ``jeugdmonitor serve`` does."""
    from waitress import create_server

    from jeugdmonitor.web.app import maak_app

    app = maak_app(store)
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.task_dispatcher.shutdown()  # the worker threads end before the store closes under them
        server.close()
        thread.join(timeout=10)
        app.extensions["bron"].close()


def csrf_van(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has a form with a CSRF token"
    return found.group(1)
