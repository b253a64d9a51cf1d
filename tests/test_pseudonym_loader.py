"""No raw BSN leaves the delivery: not in the store file, its WAL, the key folder, any table, a message, the
command line's output or a LoadResult; and the same BSN with the same key gives the same pseudonym."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.errors import DeliveryRejected, UserError
from jeugdmonitor.store.loader import load_delivery
from jeugdmonitor.store.pseudonym import ENV_KEY, key_file_for, pseudonym, resolve_key
from tests.conftest import BSN, BSN_INVALID, CLI, Make, Tables
from tests.test_loader_hulp import write_xlsx


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True)


def _all_table_text(store: Path) -> str:
    con = duckdb.connect(str(store), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        assert "_meldingen" in names
        return "\n".join(repr(con.execute(f"SELECT * FROM {n}").fetchall()) for n in names)
    finally:
        con.close()


def test_no_raw_bsn_anywhere(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    store = tmp_path / "store" / "s.duckdb"
    minimal_tables["jeugdhulp"][0]["verwijzer"] = "07"  # a warning, so that messages are written
    minimal_tables["kosten"] = [{"maand": "2024-02", "bedrag": "10", "bsn": BSN[0]}]
    good = make_delivery(minimal_tables, name="lev_goed")
    write_xlsx(good / "maatregelen.xlsx", ["maatregel_id", "bsn", "kader"], [["M1", int(BSN[1]), "JB"]])
    loaded = _run("load", str(good), "--store", str(store))
    assert loaded.returncode == 0, loaded.stderr

    minimal_tables["jeugdigen"].append({"bsn": BSN_INVALID, "gemeente": "GM0164"})
    minimal_tables["jeugdhulp"].append({"traject_id": "T9", "bsn": BSN[4]})  # not in jeugdigen
    bad = make_delivery(minimal_tables, name="lev_fout")
    rejected = _run("load", str(bad), "--store", str(store))
    assert rejected.returncode == 2
    assert (
        "BSN voldoet niet aan de elfproef" in rejected.stderr and "jeugdigen.csv, rij 4, kolom bsn" in rejected.stderr
    )
    with pytest.raises(DeliveryRejected) as info:
        load_delivery(bad, store)
    again = load_delivery(good, store)  # already loaded

    raw_bsns = {*BSN, BSN_INVALID}
    texts = {
        "cli": loaded.stdout + loaded.stderr + rejected.stdout + rejected.stderr,
        "rejection": str(info.value) + "\n".join(str(m) for m in info.value.meldingen),
        "result": repr(again) + again.describe(),
        "tables": _all_table_text(store),
    }
    for where, text in texts.items():
        assert not [b for b in raw_bsns if b in text], where
    files = [p for p in store.parent.rglob("*") if p.is_file()]  # store, WAL if any, key file
    assert {p.name for p in files} >= {"s.duckdb", "s.duckdb.sleutel"}
    for path in files:
        content = path.read_bytes()
        assert not [b for b in raw_bsns if b.encode() in content], path.name


def test_same_bsn_same_pseudonym_across_deliveries(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    load_delivery(make_delivery(minimal_tables, name="lev1"), store)
    second = {
        "jeugdigen": [{"bsn": BSN[0], "geboortedatum": "2010-05-01", "gemeente": "GM0153"}],
        "jeugdhulp": [{"traject_id": "X1", "bsn": BSN[0], "begindatum": "2024-09-01"}],
    }
    load_delivery(make_delivery(second, name="lev2"), store)
    expected = pseudonym(resolve_key(store, create=False), "bsn", BSN[0])
    con = duckdb.connect(str(store), read_only=True)
    clients = con.execute("SELECT traject_id, client FROM jeugdhulp WHERE traject_id IN ('T1', 'X1')").fetchall()
    assert sorted(clients) == [("T1", expected), ("X1", expected)]
    assert con.execute("SELECT peildatum FROM _leveringen ORDER BY levering_id").fetchall() == [
        (date(2024, 6, 30),),
        (date(2024, 9, 1),),
    ]


def test_existing_store_without_its_key_is_refused(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    load_delivery(make_delivery(minimal_tables, name="lev1"), store)
    key_file_for(store).unlink()
    minimal_tables["jeugdhulp"][0]["product"] = "43A24"
    with pytest.raises(UserError, match="geen sleutel"):
        load_delivery(make_delivery(minimal_tables, name="lev2"), store)
    assert not key_file_for(store).exists()  # no new key was made up


def test_other_key_than_the_stores_is_refused(
    make_delivery: Make, minimal_tables: Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "s.duckdb"
    monkeypatch.setenv(ENV_KEY, "eerste sleutel")
    load_delivery(make_delivery(minimal_tables, name="lev1"), store)
    monkeypatch.setenv(ENV_KEY, "tweede sleutel")
    minimal_tables["jeugdhulp"][0]["product"] = "43A24"
    with pytest.raises(UserError, match="andere dan die waarmee deze store is gevuld"):
        load_delivery(make_delivery(minimal_tables, name="lev2"), store)
    monkeypatch.setenv(ENV_KEY, "eerste sleutel")
    assert load_delivery(make_delivery(minimal_tables, name="lev2"), store).levering_id == 2


def test_malformed_bsn_is_an_error_not_a_crash(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdigen"][0]["bsn"] = "99990000A"
    minimal_tables["jeugdigen"][1]["bsn"] = "1234"
    with pytest.raises(DeliveryRejected) as info:
        load_delivery(make_delivery(minimal_tables), make_delivery({}, name="leeg") / "s.duckdb")
    found = [(m.regel, m.bestand, m.rij) for m in info.value.meldingen if m.regel == "bsn_ongeldig"]
    assert found == [("bsn_ongeldig", "jeugdigen.csv", 2), ("bsn_ongeldig", "jeugdigen.csv", 3)]
