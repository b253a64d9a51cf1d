"""Reading iJw messages with workers started early and kept light (issue 5, loading throughput): the workers that
``jeugdmonitor load`` starts before the loader is imported give the same store as reading in one process; workers
not used are stopped; the worker modules load without DuckDB, NumPy's table readers or openpyxl; and the fact
columns that travel from the workers are renumbered as before."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jeugdmonitor.sources.ijw import werk
from jeugdmonitor.sources.ijw.feiten import Feiten, Rijen
from jeugdmonitor.store.loader import load_delivery
from jeugdmonitor.store.pseudonym import ENV_KEY, Key
from tests.conftest import SHARED
from tests.ijw_berichten import rows

SAMPLES_32 = SHARED / "ijw" / "samples" / "ijw-3.2"
XSD = SHARED / "ijw" / "xsd" / "ijw-3.2"
SECRET = "vaste-testsleutel"
TABLES = ("_ijw_berichten", "_ijw_clienten", "_ijw_prestaties", "_quarantaine", "jeugdigen", "jeugdhulp", "kosten")

# ``jeugdmonitor load`` in a fresh process (no DuckDB loaded yet, so the early workers are forked), with batches
# of five files so that the fourteen samples take three batches and the workers are used
LOAD_EARLY = """
import sys
from jeugdmonitor.sources.ijw import werk
werk.BATCH = 5
taken = []
take = werk._take_early
werk._take_early = lambda *args: taken.append(take(*args)) or taken[-1]
print(werk._context().get_start_method())
from jeugdmonitor.cli import main
main(["load", sys.argv[1], "--store", sys.argv[2], "--geen-indicatoren", "--xsd", sys.argv[3]], standalone_mode=False)
print(len(taken), taken[0] is not None)
"""


def _tables(store: Path) -> dict[str, list[tuple]]:
    return {t: rows(store, f"SELECT * EXCLUDE (levering_id) FROM {t} ORDER BY ALL") for t in TABLES}


def test_vooraf_gestarte_werkprocessen_geven_dezelfde_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(werk.ENV_PROCESSES, "0")
    serieel = tmp_path / "serieel.duckdb"
    load_delivery(SAMPLES_32, serieel, Key(SECRET.encode(), True, "test"), xsd=XSD)

    vooraf = tmp_path / "vooraf.duckdb"
    env = {**os.environ, werk.ENV_PROCESSES: "2", ENV_KEY: SECRET}
    out = subprocess.run(
        [sys.executable, "-c", LOAD_EARLY, str(SAMPLES_32), str(vooraf), str(XSD)],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.split("\n")  # fmt: skip
    # forked (on Linux) before the loader imported DuckDB; read_all took the early pool once
    assert out[0] == ("fork" if sys.platform.startswith("linux") else "spawn")
    assert out[-2] == "1 True"
    assert _tables(vooraf) == _tables(serieel)
    assert len(rows(vooraf, "SELECT * FROM _ijw_berichten")) == 12


def test_niet_gebruikte_werkprocessen_worden_gestopt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(werk.ENV_PROCESSES, "2")
    # this process has DuckDB loaded: the early workers are spawned, not forked
    assert werk._context().get_start_method() == "spawn"
    with werk.early_workers(SAMPLES_32, None):
        assert len(werk._EARLY) == 1
        # another folder does not take them
        assert werk._take_early(SAMPLES_32.parent, None, 2) is None
    assert werk._EARLY == []
    assert multiprocessing.active_children() == []
    # the fourteen samples are one batch: read_all reads them here and stops the early workers it took
    with werk.early_workers(SAMPLES_32, None):
        delen = list(werk.read_all(SAMPLES_32, None, Key(b"k", True, "test")))
        assert werk._EARLY == []
        assert multiprocessing.active_children() == []
    assert len(delen) == 1
    assert len(delen[0].berichten) == 14


def test_werkprocessen_laden_geen_duckdb_of_openpyxl() -> None:
    script = (
        "import sys, jeugdmonitor.sources.ijw.werk; print(sorted(m for m in ('duckdb', 'openpyxl', "
        "'jeugdmonitor.sources.csv_file', 'jeugdmonitor.sources.xlsx_file') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_lezers_later_geregistreerd_blijven_voorgaan() -> None:
    # the shipped readers are registered at first use, as if at import: a region's reader registered before any
    # lookup still comes first, then xlsx and csv in the order the shipped ones were always registered
    script = """
from pathlib import Path
from jeugdmonitor import sources
class Tsv:
    name, suffixes = "tsv", (".tsv", ".csv")
    def handles(self, path): return path.suffix in self.suffixes
sources.register(Tsv())
found = [sources.reader_for(Path(name)).name for name in ("a.csv", "a.xlsx")]
print([r.name for r in sources.readers()], *found)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['tsv', 'xlsx', 'csv'] tsv xlsx"


def test_feitenkolommen_hernummerd_en_overgeslagen_bericht_weggelaten() -> None:
    rijen = Rijen(Key(b"k", True, "test"), {})
    rijen.add("antwoorden", 0, ("R1", "0001", 100))
    rijen.add("antwoorden", 1, ("R2", "0200", None))
    rijen.add("antwoorden", 2, ("R3", "0001", -250))
    deel = rijen.feiten()
    feiten = Feiten()
    feiten.extend(deel, [10, 11, 12])  # every message loaded: numbered on from 10 (0+10, 1+10, 2+10)
    feiten.extend(deel, [5, None, 6])  # the second message was loaded before: left out, with its row
    assert feiten.rows("antwoorden") == 5
    kolommen = feiten.take("antwoorden")
    assert kolommen["nr"].tolist() == [10, 11, 12, 5, 6]
    assert kolommen["referentie"].tolist() == ["R1", "R2", "R3", "R1", "R3"]
    # amounts travel as text (DuckDB casts them back): 100 -> "100", None stays None, -250 -> "-250"
    assert kolommen["bedrag"].tolist() == ["100", None, "-250", "100", "-250"]
    assert feiten.rows("antwoorden") == 0  # taken: the memory goes with it
    assert feiten.take("starts")["nr"].tolist() == []
