"""Staging: types, formats (';'-CSV, BOM, decimal comma, DD-MM-YYYY, XLSX) and what is derived."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from jeugdmonitor.store.pseudonym import pseudonym
from tests.conftest import BSN, Make, Tables, write_table
from tests.test_loader_hulp import KEY, rows, stage, where, write_xlsx


def test_minimal_delivery_typed(make_delivery: Make, minimal_tables: Tables) -> None:
    staging = stage(make_delivery(minimal_tables))
    assert staging.count() == 0
    jh = staging.tables["jeugdhulp"]
    assert (jh.bestand, jh.relation, jh.rows, jh.client_kind) == ("jeugdhulp.csv", "stg_jeugdhulp", 3, "bsn")
    assert jh.derived == ("gemeente",)  # the file has no gemeente: the young person's
    assert "gemeente" not in jh.columns and "client" in jh.columns
    assert rows(staging, "jeugdhulp", "_rij, client, traject_id, gemeente, begindatum, einddatum") == [
        (2, pseudonym(KEY, "bsn", BSN[0]), "T1", "GM0164", date(2024, 1, 15), date(2024, 6, 30)),
        (3, pseudonym(KEY, "bsn", BSN[1]), "T2", "GM0164", date(2024, 3, 1), None),
        (4, pseudonym(KEY, "bsn", BSN[1]), "T3", "GM0164", None, date(2024, 4, 1)),
    ]
    types = dict(staging.con.execute("SELECT column_name, column_type FROM (DESCRIBE stg_jeugdhulp)").fetchall())
    assert (types["begindatum"], types["client"], types["_rij"]) == ("DATE", "VARCHAR", "BIGINT")
    # no raw BSN column anywhere
    assert "bsn" not in types and "bsn" not in jh.columns
    # latest date, no levering.csv
    assert (staging.peildatum, staging.peildatum_bron) == (date(2024, 6, 30), "laatste datum in de levering")
    assert staging.gemeenten == ("GM0164",)


def test_semicolon_csv_with_bom_and_decimal_comma(tmp_path: Path, minimal_tables: Tables) -> None:
    folder = tmp_path / "lev"
    folder.mkdir()
    minimal_tables["jeugdhulp"][0].update(tarief="1.234,50", volume="2,5")
    minimal_tables["jeugdhulp"][1].update(tarief="12,5", volume="3")
    minimal_tables["jeugdhulp"][2].update(tarief="-7.25", volume="")
    for table, data in minimal_tables.items():
        write_table(folder, table, data, delimiter=";", bom=True)
    staging = stage(folder)
    assert staging.count("fout") == 0, staging.meldingen()
    assert rows(staging, "jeugdhulp", "tarief, volume") == [
        (Decimal("1234.50"), 2.5),
        (Decimal("12.50"), 3.0),
        (Decimal("-7.25"), None),
    ]
    assert rows(staging, "jeugdigen", "gemeente") == [("GM0164",), ("GM0164",)]


def test_dutch_dates(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdhulp"][0].update(aanmelddatum="02-01-2024", begindatum="15-1-2024")
    staging = stage(make_delivery(minimal_tables))
    assert staging.count("fout") == 0
    assert rows(staging, "jeugdhulp", "aanmelddatum, begindatum")[0] == (date(2024, 1, 2), date(2024, 1, 15))


def test_month_amount_and_whole_numbers(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["kosten"] = [
        {"maand": "2024-03", "bedrag": "100", "traject_id": "T1", "soort": "declaratie", "volume": "4"},
        {"maand": "2024-3", "bedrag": "-12.345", "traject_id": "T2", "soort": "Declaratie", "volume": ".5"},
    ]
    minimal_tables["budget"] = [{"jaar": "2024", "gemeente": "164", "perceel": "Ambulant", "bedrag": "250000"}]
    staging = stage(make_delivery(minimal_tables))
    assert staging.count() == 0, staging.meldingen()
    assert rows(staging, "kosten", "maand, bedrag, soort, volume") == [
        (date(2024, 3, 1), Decimal("100.00"), "declaratie", 4.0),
        (date(2024, 3, 1), Decimal("-12.35"), "declaratie", 0.5),
    ]
    assert rows(staging, "budget", "jaar, gemeente") == [(2024, "GM0164")]


def test_gemeente_from_client_traject_and_single_municipality(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["kosten"] = [
        {"maand": "2024-03", "bedrag": "10", "bsn": BSN[0], "traject_id": "", "gemeente": ""},  # client
        {"maand": "2024-03", "bedrag": "20", "bsn": "", "traject_id": "T2", "gemeente": ""},  # trajectory
        {"maand": "2024-03", "bedrag": "30", "bsn": "", "traject_id": "", "gemeente": ""},  # the only municipality
        {"maand": "2024-03", "bedrag": "40", "bsn": "", "traject_id": "", "gemeente": "GM0153"},  # its own
    ]
    minimal_tables["plaatsingen"] = [{"traject_id": "T2", "groep": "De Linde", "begindatum": "2024-03-01"}]
    staging = stage(make_delivery(minimal_tables))
    assert staging.count() == 0, staging.meldingen()
    assert rows(staging, "kosten", "gemeente") == [("GM0164",), ("GM0164",), ("GM0164",), ("GM0153",)]
    assert staging.tables["plaatsingen"].derived == ("gemeente",)
    assert rows(staging, "plaatsingen", "gemeente") == [("GM0164",)]
    assert staging.gemeenten == ("GM0153", "GM0164")


def test_gemeente_from_client_before_single(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdigen"][1]["gemeente"] = "GM0153"
    minimal_tables["maatregelen"] = [{"maatregel_id": "M1", "bsn": BSN[1], "kader": "JB", "begindatum": "2024-01-01"}]
    minimal_tables["postcodes"] = [{"postcode": "7601AA", "wijk": "WK014102"}]  # gemeente from the wijk code
    staging = stage(make_delivery(minimal_tables))
    assert staging.count("fout") == 0, staging.meldingen()
    assert rows(staging, "jeugdhulp", "traject_id, gemeente") == [("T1", "GM0164"), ("T2", "GM0153"), ("T3", "GM0153")]
    assert rows(staging, "maatregelen", "gemeente") == [("GM0153",)]
    assert rows(staging, "postcodes", "gemeente") == [("GM0141",)]


def test_peildatum_ignores_planned_future_dates(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdhulp"][1]["toewijzing_einddatum"] = "2999-12-31"
    staging = stage(make_delivery(minimal_tables))
    assert staging.peildatum == date(2024, 6, 30)
    assert where(staging, "na_peildatum") == []  # a planned date lies ahead by nature


def test_xlsx_delivery(tmp_path: Path, minimal_tables: Tables) -> None:
    folder = tmp_path / "lev"
    folder.mkdir()
    write_table(folder, "jeugdigen", minimal_tables["jeugdigen"])
    write_xlsx(
        folder / "jeugdhulp.xlsx",
        [" Traject_ID", "BSN", "Product", "Financiering", "Begindatum", "Einddatum", "Volume", "Tarief", "Crisis"],
        [
            ["T1", int(BSN[0]), "45A48", "ZIN", datetime(2024, 1, 15), date(2024, 6, 30), 2.0, 12.5, True],
            [None, None, None, None, None, None, None, None, None],  # an empty row is skipped
            ["T2", BSN[1], "43A24", "PGB", "01-03-2024", None, 1.25, 100, False],
        ],
    )
    staging = stage(folder)
    assert staging.count("fout") == 0, staging.meldingen()
    jh = staging.tables["jeugdhulp"]
    assert (jh.bestand, jh.rows, jh.client_kind) == ("jeugdhulp.xlsx", 2, "bsn")
    assert rows(staging, "jeugdhulp", "_rij, client, traject_id, begindatum, einddatum, volume, tarief, crisis") == [
        (2, pseudonym(KEY, "bsn", BSN[0]), "T1", date(2024, 1, 15), date(2024, 6, 30), 2.0, Decimal("12.50"), True),
        (4, pseudonym(KEY, "bsn", BSN[1]), "T2", date(2024, 3, 1), None, 1.25, Decimal("100.00"), False),
    ]


def test_xlsx_problems_keep_sheet_rows(tmp_path: Path, minimal_tables: Tables) -> None:
    folder = tmp_path / "lev"
    folder.mkdir()
    write_table(folder, "jeugdhulp", minimal_tables["jeugdhulp"])
    write_xlsx(
        folder / "jeugdigen.xlsx",
        ["bsn", "gemeente", "geboortedatum"],
        [[BSN[0], "GM0164", "2010-05-01"], [None, None, None], [BSN[1], "GM0164", "2007-02-30"]],
    )
    assert where(stage(folder), "datum_bestaat_niet") == [("fout", "jeugdigen.xlsx", 4, "geboortedatum")]


def test_client_id_is_pseudonymised(make_delivery: Make, minimal_tables: Tables) -> None:
    ids = {BSN[0]: "A-1", BSN[1]: "A-2"}
    for table in ("jeugdigen", "jeugdhulp"):
        for row in minimal_tables[table]:
            row["client_id"] = ids[str(row.pop("bsn"))]
    staging = stage(make_delivery(minimal_tables))
    assert staging.count("fout") == 0
    assert staging.tables["jeugdhulp"].client_kind == "client_id"
    assert rows(staging, "jeugdigen", "client") == [(pseudonym(KEY, "id", "A-1"),), (pseudonym(KEY, "id", "A-2"),)]
