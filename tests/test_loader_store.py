"""Loading into the store: layout, atomicity, idempotence, replacement, open_store and the CLI."""

from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.contract import load_contract
from jeugdmonitor.errors import DeliveryRejected, UserError
from jeugdmonitor.store import write
from jeugdmonitor.store.loader import delivery_checksum, load_delivery, open_store
from jeugdmonitor.store.pseudonym import key_file_for
from tests.conftest import BSN, CLI, Make, Tables


def _files(folder: Path, skip: tuple[str, ...] = ("lev",)) -> dict[str, str]:
    """sha256 of every file under ``folder`` except the deliveries (folders whose name starts with ``skip``)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.relative_to(folder).parts[0].startswith(skip)
    }


def _contents(store: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(store), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {n: sorted(con.execute(f"SELECT * FROM {n}").fetchall(), key=repr) for n in names}
    finally:
        con.close()


def _query(store: Path, sql: str) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(store), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _jongere(bsn: str, gemeente: str) -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": "2010-01-01", "postcode": "7551", "gemeente": gemeente}


def _traject(tid: str, bsn: str, product: str = "45A48", begin: str = "2024-01-01") -> dict[str, object]:
    return {"traject_id": tid, "bsn": bsn, "product": product, "financiering": "ZIN", "begindatum": begin}


def test_store_layout_and_log(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    folder = make_delivery(minimal_tables, name="lev1")
    store = tmp_path / "s.duckdb"
    result = load_delivery(folder, store)
    tables = {r[0] for r in _query(store, "SELECT table_name FROM duckdb_tables()")}
    contract = {t.name for t in load_contract().tables} - {"levering"}
    assert tables == contract | {"_leveringen", "_meldingen", "product_klasse"}
    columns = [r[0] for r in _query(store, "SELECT name FROM pragma_table_info('jeugdhulp')")]
    assert columns == ["client", *load_contract().table("jeugdhulp").column_names, "levering_id"]
    assert "gemeente" in [r[0] for r in _query(store, "SELECT name FROM pragma_table_info('plaatsingen')")]
    assert _query(store, "SELECT traject_id, gemeente, levering_id FROM jeugdhulp ORDER BY 1") == [
        ("T1", "GM0164", 1),
        ("T2", "GM0164", 1),
        ("T3", "GM0164", 1),
    ]
    assert _query(store, "SELECT postcode FROM jeugdigen ORDER BY 1") == [("7551",), ("7552",)]
    log = _query(
        store, "SELECT levering_id, map, checksum, peildatum, peildatum_bron, bron, gemeenten, rijen FROM _leveringen"
    )
    assert log == [
        (1, str(folder), delivery_checksum(folder), date(2024, 6, 30), "laatste datum in de levering", None,
         ["GM0164"], json.dumps({"jeugdigen": 2, "jeugdhulp": 3})),
    ]  # fmt: skip
    assert key_file_for(store).stat().st_mode & 0o777 == 0o600
    assert (result.levering_id, result.rows, result.gemeenten) == (1, {"jeugdigen": 2, "jeugdhulp": 3}, ("GM0164",))
    text = result.describe()
    assert "Levering 1 geladen in" in text and "Peildatum: 30 juni 2024 (laatste datum in de levering)." in text
    assert not (tmp_path / "s.duckdb.tmp").exists()


def test_rejected_delivery_creates_no_store(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    minimal_tables["jeugdhulp"][1]["begindatum"] = "2024-02-30"
    folder = make_delivery(minimal_tables, name="lev1")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(DeliveryRejected) as info:
        load_delivery(folder, tmp_path / "s.duckdb")
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no store, WAL, key file or temp folder
    [m] = info.value.meldingen
    assert (m.regel, m.bestand, m.rij, m.kolom) == ("datum_bestaat_niet", "jeugdhulp.csv", 3, "begindatum")
    assert info.value.aantal_fouten == 1  # type: ignore[attr-defined]


def test_rejected_delivery_leaves_store_unchanged(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    load_delivery(make_delivery(minimal_tables, name="lev1"), store)
    before, rows_before = _files(tmp_path), _contents(store)
    minimal_tables["jeugdhulp"][0]["traject_id"] = "T2"
    with pytest.raises(DeliveryRejected):
        load_delivery(make_delivery(minimal_tables, name="lev2"), store)
    assert _files(tmp_path) == before  # byte for byte
    assert _contents(store) == rows_before


def _fail_on_second_table(monkeypatch: pytest.MonkeyPatch) -> None:
    original, calls = write._replace, []

    def replace(*args: object) -> None:
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("schijf vol")
        original(*args)

    monkeypatch.setattr(write, "_replace", replace)


def test_failure_while_writing_rolls_back(
    make_delivery: Make, minimal_tables: Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "s.duckdb"
    load_delivery(make_delivery(minimal_tables, name="lev1"), store)
    rows_before = _contents(store)
    minimal_tables["jeugdigen"].append(_jongere(BSN[2], "GM0153"))
    minimal_tables["jeugdhulp"].append(_traject("T4", BSN[2]))
    _fail_on_second_table(monkeypatch)  # jeugdigen is written, then jeugdhulp fails
    with pytest.raises(RuntimeError):
        load_delivery(make_delivery(minimal_tables, name="lev2"), store)
    assert _contents(store) == rows_before
    monkeypatch.undo()
    assert load_delivery(make_delivery(minimal_tables, name="lev2"), store).levering_id == 2


def test_failure_while_writing_a_new_store_leaves_nothing(
    make_delivery: Make, minimal_tables: Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_delivery(minimal_tables, name="lev1")
    before = sorted(p.name for p in tmp_path.iterdir())
    _fail_on_second_table(monkeypatch)
    with pytest.raises(RuntimeError):
        load_delivery(folder, tmp_path / "s.duckdb")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_same_delivery_twice_changes_nothing(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    folder, store = make_delivery(minimal_tables, name="lev1"), tmp_path / "s.duckdb"
    first = load_delivery(folder, store)
    before = _files(tmp_path)
    second = load_delivery(folder, store)
    assert _files(tmp_path) == before
    assert second.already_loaded_at is not None and second.levering_id == first.levering_id
    assert second.describe().startswith("Deze levering is al geladen op ")
    assert _query(store, "SELECT count(*) FROM _leveringen") == [(1,)]


def test_later_delivery_replaces_per_municipality_and_table(make_delivery: Make, tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    first = {
        "jeugdigen": [_jongere(BSN[0], "GM0164"), _jongere(BSN[1], "GM0153"), _jongere(BSN[2], "GM0153")],
        "jeugdhulp": [_traject("T1", BSN[0]), _traject("T2", BSN[1]), _traject("T3", BSN[2])],
        "kosten": [
            {"maand": "2024-01", "bedrag": "10", "traject_id": "T1"},
            {"maand": "2024-01", "bedrag": "20", "traject_id": "T2"},
        ],
        "producten": [{"product": "P1", "omschrijving": "eerste"}],
    }
    second = {
        "jeugdigen": [_jongere(BSN[0], "GM0164"), _jongere(BSN[3], "GM0164")],
        "jeugdhulp": [_traject("T1", BSN[0], product="43A24"), _traject("T4", BSN[3])],
        "producten": [{"product": "P2", "omschrijving": "tweede"}],
    }
    load_delivery(make_delivery(first, name="lev1"), store)
    load_delivery(make_delivery(second, name="lev2"), store)
    assert _query(store, "SELECT traject_id, product, gemeente, levering_id FROM jeugdhulp ORDER BY 1") == [
        ("T1", "43A24", "GM0164", 2),  # GM0164 replaced by the second delivery
        ("T2", "45A48", "GM0153", 1),  # GM0153 kept from the first
        ("T3", "45A48", "GM0153", 1),
        ("T4", "45A48", "GM0164", 2),
    ]
    assert _query(store, "SELECT gemeente, levering_id, count(*) FROM jeugdigen GROUP BY ALL ORDER BY 1") == [
        ("GM0153", 1, 2),
        ("GM0164", 2, 2),
    ]
    # kosten is not in the second delivery: kept; producten has no municipality: replaced as a whole
    assert _query(store, "SELECT traject_id, bedrag, levering_id FROM kosten ORDER BY 1") == [
        ("T1", 10, 1),
        ("T2", 20, 1),
    ]
    assert _query(store, "SELECT product, levering_id FROM producten") == [("P2", 2)]
    assert _query(store, "SELECT levering_id, gemeenten FROM _leveringen ORDER BY 1") == [
        (1, ["GM0153", "GM0164"]),
        (2, ["GM0164"]),
    ]


def test_young_person_who_moved_appears_once(make_delivery: Make, tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    first = {"jeugdigen": [_jongere(BSN[0], "GM0153")], "jeugdhulp": [_traject("T1", BSN[0])]}
    second = {"jeugdigen": [_jongere(BSN[0], "GM0164")], "jeugdhulp": [_traject("T9", BSN[0])]}
    load_delivery(make_delivery(first, name="lev1"), store)
    load_delivery(make_delivery(second, name="lev2"), store)
    assert _query(store, "SELECT gemeente, levering_id FROM jeugdigen") == [("GM0164", 2)]


def test_unknown_product_warning(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    minimal_tables["jeugdhulp"][2].update(product="XYZ", productcategorie="")
    store = tmp_path / "s.duckdb"
    result = load_delivery(make_delivery(minimal_tables, name="lev1"), store)
    found = [(m.niveau, m.bestand, m.rij, m.kolom) for m in result.meldingen if m.regel == "onbekend_product"]
    assert found == [("waarschuwing", "jeugdhulp.csv", 4, "product")]
    assert result.counts == {"onbekend_product": 1} and result.warning_count == 1
    assert _query(store, "SELECT regel, bestand, rij, kolom FROM _meldingen") == [
        ("onbekend_product", "jeugdhulp.csv", 4, "product")
    ]
    assert _query(store, "SELECT bron FROM product_klasse WHERE product = 'XYZ'") == [("onbekend",)]


def test_postcode_table_of_the_store_is_used(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    with_postcodes = dict(minimal_tables, postcodes=[{"postcode": "7552", "gemeente": "GM0164", "wijk": "WK016402"}])
    load_delivery(make_delivery(with_postcodes, name="lev1"), store)
    minimal_tables["jeugdhulp"][0]["product"] = "43A24"  # a new delivery without postcodes
    result = load_delivery(make_delivery(minimal_tables, name="lev2"), store)
    assert _query(store, "SELECT postcode, wijk, levering_id FROM jeugdigen ORDER BY 1") == [
        ("7551", None, 2),
        ("7552", "WK016402", 2),
    ]
    assert [(m.regel, m.rij) for m in result.meldingen] == [("postcode_zonder_wijk", 2)]


def test_open_store_read_only(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    load_delivery(make_delivery(minimal_tables, name="lev1"), store)
    with open_store(store=store) as con:
        assert con.execute("SELECT count(*) FROM jeugdhulp").fetchall() == [(3,)]
        with pytest.raises(duckdb.Error):
            con.execute("DELETE FROM jeugdhulp")
    with pytest.raises(UserError), open_store(store=tmp_path / "bestaat-niet.duckdb"):
        pass
    with pytest.raises(UserError), open_store():
        pass


def test_open_store_from_data_says_pseudonyms_are_not_stable(make_delivery: Make, minimal_tables: Tables) -> None:
    notes: list[str] = []
    with open_store(data=make_delivery(minimal_tables), note=notes.append) as con:
        assert con.execute("SELECT count(*) FROM jeugdigen").fetchall() == [(2,)]
    assert len(notes) == 1 and "niet stabiel" in notes[0]


def test_cli_rejected_delivery_exit_2(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    minimal_tables["jeugdhulp"][1]["begindatum"] = "2024-02-30"
    folder = make_delivery(minimal_tables, name="lev1")
    proc = subprocess.run(
        [str(CLI), "load", str(folder), "--store", str(tmp_path / "s.duckdb")], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "Fout: jeugdhulp.csv, rij 3, kolom begindatum: datum '2024-02-30' bestaat niet" in proc.stderr
    assert "afgekeurd" in proc.stderr and proc.stdout == ""
    assert not (tmp_path / "s.duckdb").exists()


def test_cli_load(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> None:
    minimal_tables["jeugdhulp"][0]["verwijzer"] = "07"
    folder = make_delivery(minimal_tables, name="lev1")
    proc = subprocess.run(
        [str(CLI), "load", str(folder), "--store", str(tmp_path / "s.duckdb")], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert "Levering 1 geladen" in proc.stdout
    assert "Waarschuwing: jeugdhulp.csv, rij 2, kolom verwijzer: '07' is geen bekende code" in proc.stderr
