"""Annotations (duiding, "tellen en vertellen"): stored in the store, read back by indicator, period and area,
kept over a new delivery, refused when they could carry a BSN; and the CLI commands that enter and list them."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.errors import UserError
from jeugdmonitor.store.duiding import lees_duidingen, voeg_duiding_toe
from jeugdmonitor.store.loader import load_delivery
from tests.conftest import BSN, CLI, Make, Tables


@pytest.fixture
def store(make_delivery: Make, minimal_tables: Tables, tmp_path: Path) -> Path:
    path = tmp_path / "store.duckdb"
    load_delivery(make_delivery(minimal_tables), path)
    return path


def test_add_and_read_back_with_filters(store: Path) -> None:
    con = duckdb.connect(str(store))
    assert lees_duidingen(con) == []  # no table yet: nothing, no error
    first = voeg_duiding_toe(con, "kern.gebruik", "2024", "Meer aanmeldingen na de zomer.", "Beleid", "gm0164",
                             tijdstip=datetime(2024, 11, 3, 10, 15, 30, 999))  # fmt: skip
    voeg_duiding_toe(con, "kern.gebruik", "2024", "Wachtlijst bij twee aanbieders.", "Zorg BV", None, "aanbieder",
                     tijdstip=datetime(2024, 11, 4, 9, 0))  # fmt: skip
    voeg_duiding_toe(con, "kern.wachtlijst", "2024-T3", "Ouders merken het.", "Cliëntenraad", "GM0164",
                     "clientorganisatie", tijdstip=datetime(2024, 11, 5, 9, 0))  # fmt: skip
    assert first.id == 1 and first.gemeente == "GM0164" and first.tijdstip == datetime(2024, 11, 3, 10, 15, 30)
    assert [d.id for d in lees_duidingen(con)] == [1, 2, 3]
    assert [d.id for d in lees_duidingen(con, indicator="kern.gebruik")] == [1, 2]
    assert [d.id for d in lees_duidingen(con, gemeente="regio")] == [2]
    assert [d.id for d in lees_duidingen(con, indicator="kern.wachtlijst", periode="2024-T3", gemeente="GM0164")] == [3]
    third = lees_duidingen(con, periode="2024-T3")[0]
    assert (third.auteur, third.perspectief, third.tekst) == ("Cliëntenraad", "clientorganisatie", "Ouders merken het.")
    assert third.als_dict()["tijdstip"] == "2024-11-05T09:00:00"
    con.close()


def test_annotations_survive_a_new_delivery(store: Path, make_delivery: Make, minimal_tables: Tables) -> None:
    con = duckdb.connect(str(store))
    voeg_duiding_toe(con, "kern.gebruik", "2024", "Blijft staan.", "Beleid", "GM0164")
    con.close()
    minimal_tables["jeugdhulp"][0]["einddatum"] = "2024-07-31"  # a changed delivery replaces GM0164's tables
    load_delivery(make_delivery(minimal_tables, name="tweede"), store)
    con = duckdb.connect(str(store), read_only=True)
    assert [d.tekst for d in lees_duidingen(con)] == ["Blijft staan."]
    con.close()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"indicator": "kern.bestaat_niet"}, "onbekende indicator"),
        ({"periode": "2024-T4"}, "tertaalperioden"),
        ({"tekst": "  "}, "mag niet leeg zijn"),
        ({"auteur": ""}, "auteur mag niet leeg"),
        ({"perspectief": "pers"}, "onbekend perspectief"),
        ({"gemeente": "Hengelo"}, "geen gemeentecode"),
        ({"tekst": f"Het gaat om {BSN[2]}."}, "BSN"),
    ],
)
def test_bad_annotations_are_refused_and_nothing_is_stored(store: Path, kwargs: dict, message: str) -> None:
    args = {"indicator": "kern.gebruik", "periode": "2024", "tekst": "Tekst.", "auteur": "Beleid", "gemeente": None}
    args.update(kwargs)
    con = duckdb.connect(str(store))
    with pytest.raises(UserError, match=message):
        voeg_duiding_toe(con, **args)
    assert lees_duidingen(con) == []
    con.close()


def test_nine_digits_that_fail_the_elfproef_are_allowed(store: Path) -> None:
    con = duckdb.connect(str(store))
    voeg_duiding_toe(con, "kern.gebruik", "2024", "Zaaknummer 123456789 bij de toegang.", "Beleid")  # no BSN
    assert len(lees_duidingen(con)) == 1
    con.close()


def test_cli_add_and_list(store: Path) -> None:
    add = [str(CLI), "duiding", "add", "--store", str(store), "--indicator", "kern.gebruik", "--periode", "2024",
           "--gemeente", "GM0164", "--auteur", "J. de Vries", "--tekst", "Twee gezinshuizen geopend.",
           "--perspectief", "aanbieder"]  # fmt: skip
    done = subprocess.run(add, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Duiding 1 bewaard bij kern.gebruik, 2024, GM0164."
    listed = subprocess.run([str(CLI), "duiding", "list", "--store", str(store), "--format", "json"],
                            capture_output=True, text=True, check=True)  # fmt: skip
    [item] = json.loads(listed.stdout)
    assert (item["auteur"], item["perspectief"], item["tekst"]) == (
        "J. de Vries",
        "aanbieder",
        "Twee gezinshuizen geopend.",
    )
    bad = subprocess.run([*add[:6], "kern.niets", *add[7:]], capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and "onbekende indicator 'kern.niets'" in bad.stderr and "Traceback" not in bad.stderr
