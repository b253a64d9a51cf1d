"""Every rejection and warning rule of gegevens.md ("What bad input gets"): rule, file, row and column.

Rows count the header as row 1. ``minimal_tables`` has jeugdigen rows 2 (BSN[0]) and 3 (BSN[1]) and
jeugdhulp rows 2 (T1), 3 (T2) and 4 (T3).
"""

from __future__ import annotations

from tests.conftest import BSN, BSN_INVALID, Make, Tables, write_table
from tests.test_loader_hulp import only, rows, stage, where, write_xlsx

# --- rejections -------------------------------------------------------------------------------------------


def test_file_not_utf8(make_delivery: Make, minimal_tables: Tables) -> None:
    folder = make_delivery(minimal_tables)
    path = folder / "jeugdhulp.csv"
    lines = path.read_bytes().splitlines(keepends=True)
    lines[3] = lines[3].replace(b"Zorg BV", "Zorg één".encode("latin-1"))  # row 4, T3
    path.write_bytes(b"".join(lines))
    m = only(stage(folder), "onleesbaar")
    assert (m.niveau, m.bestand, m.rij, m.kolom) == ("fout", "jeugdhulp.csv", 4, None)
    assert m.tekst == "het bestand is niet in UTF-8 opgeslagen"


def test_malformed_csv_extra_field(make_delivery: Make, minimal_tables: Tables) -> None:
    folder = make_delivery(minimal_tables)
    path = folder / "jeugdigen.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] += ",overbodig"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    staging = stage(folder)
    m = only(staging, "onleesbaar")
    assert (m.bestand, m.rij, m.kolom) == ("jeugdigen.csv", 3, None)
    assert "ander aantal kolommen" in m.tekst
    assert staging.rejected


def test_broken_xlsx(make_delivery: Make, minimal_tables: Tables) -> None:
    folder = make_delivery({"jeugdigen": minimal_tables["jeugdigen"]})
    (folder / "jeugdhulp.xlsx").write_bytes(b"dit is geen werkmap")
    assert where(stage(folder), "onleesbaar") == [("fout", "jeugdhulp.xlsx", None, None)]


def test_missing_required_table(make_delivery: Make, minimal_tables: Tables) -> None:
    staging = stage(make_delivery({"jeugdigen": minimal_tables["jeugdigen"]}))
    assert where(staging, "tabel_ontbreekt") == [("fout", "jeugdhulp.csv", None, None)]


def test_missing_required_column(make_delivery: Make, minimal_tables: Tables) -> None:
    for row in minimal_tables["jeugdhulp"]:
        del row["traject_id"]
    staging = stage(make_delivery(minimal_tables))
    assert where(staging, "kolom_ontbreekt") == [("fout", "jeugdhulp.csv", 1, "traject_id")]


def test_missing_client_column(make_delivery: Make, minimal_tables: Tables) -> None:
    for row in minimal_tables["jeugdhulp"]:
        del row["bsn"]
    staging = stage(make_delivery(minimal_tables))
    assert where(staging, "kolom_ontbreekt") == [("fout", "jeugdhulp.csv", 1, "bsn")]
    assert where(staging, "client_onbekend") == []


def test_empty_required_cell(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdhulp"][1]["traject_id"] = "   "  # whitespace only counts as empty
    staging = stage(make_delivery(minimal_tables))
    assert where(staging, "verplicht_leeg") == [("fout", "jeugdhulp.csv", 3, "traject_id")]


def test_duplicate_traject_id(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdhulp"][2]["traject_id"] = "T1"
    m = only(stage(make_delivery(minimal_tables)), "dubbele_sleutel")
    assert (m.niveau, m.bestand, m.rij, m.kolom) == ("fout", "jeugdhulp.csv", 4, "traject_id")
    assert m.tekst == "traject_id 'T1' komt al voor in rij 2"


def test_duplicate_young_person(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdigen"].append(dict(minimal_tables["jeugdigen"][0]))
    m = only(stage(make_delivery(minimal_tables)), "dubbele_sleutel")
    assert (m.bestand, m.rij, m.kolom) == ("jeugdigen.csv", 4, "bsn")
    assert m.tekst == "deze jeugdige komt al voor in rij 2"


def test_end_before_begin(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdhulp"][0]["einddatum"] = "2024-01-10"  # begindatum 2024-01-15
    # T3 has an einddatum but no begindatum: a cancelled allocation, not an error
    m = only(stage(make_delivery(minimal_tables)), "einde_voor_begin")
    assert (m.niveau, m.bestand, m.rij, m.kolom) == ("fout", "jeugdhulp.csv", 2, "einddatum")
    assert m.tekst == "einddatum 2024-01-10 ligt vóór begindatum 2024-01-15"


def test_end_before_begin_in_maatregelen(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["maatregelen"] = [
        {"maatregel_id": "M1", "bsn": BSN[0], "kader": "JB", "begindatum": "2024-03-01", "einddatum": "2024-02-01"},
    ]
    assert where(stage(make_delivery(minimal_tables)), "einde_voor_begin") == [
        ("fout", "maatregelen.csv", 2, "einddatum")
    ]


def test_client_not_in_jeugdigen(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdhulp"][2]["bsn"] = BSN[2]
    minimal_tables["kosten"] = [
        {"maand": "2024-03", "bedrag": "100.00", "bsn": BSN[0]},
        {"maand": "2024-03", "bedrag": "80.00", "bsn": BSN[3]},
    ]
    staging = stage(make_delivery(minimal_tables))
    assert where(staging, "client_onbekend") == [
        ("fout", "jeugdhulp.csv", 4, "bsn"),
        ("fout", "kosten.csv", 3, "bsn"),
    ]
    assert {m.tekst for m in staging.meldingen() if m.regel == "client_onbekend"} == {
        "deze jeugdige staat niet in jeugdigen"
    }


def test_invalid_bsn(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdigen"][1]["bsn"] = BSN_INVALID
    minimal_tables["jeugdhulp"][1]["bsn"] = BSN_INVALID
    minimal_tables["jeugdhulp"][2]["bsn"] = BSN_INVALID
    staging = stage(make_delivery(minimal_tables))
    assert where(staging, "bsn_ongeldig") == [
        ("fout", "jeugdhulp.csv", 3, "bsn"),
        ("fout", "jeugdhulp.csv", 4, "bsn"),
        ("fout", "jeugdigen.csv", 3, "bsn"),
    ]
    assert {m.tekst for m in staging.meldingen() if m.regel == "bsn_ongeldig"} == {"BSN voldoet niet aan de elfproef"}
    assert where(staging, "client_onbekend") == []  # reported once, as invalid


def test_date_that_does_not_exist(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdhulp"][1]["begindatum"] = "2024-02-30"
    minimal_tables["jeugdhulp"][2]["aanmelddatum"] = "31-04-2024"
    staging = stage(make_delivery(minimal_tables))
    assert where(staging, "datum_bestaat_niet") == [
        ("fout", "jeugdhulp.csv", 3, "begindatum"),
        ("fout", "jeugdhulp.csv", 4, "aanmelddatum"),
    ]
    assert next(m.tekst for m in staging.meldingen() if m.regel == "datum_bestaat_niet") == (
        "datum '2024-02-30' bestaat niet"
    )


def test_not_a_date(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdigen"][0]["geboortedatum"] = "mei 2010"
    m = only(stage(make_delivery(minimal_tables)), "geen_datum")
    assert (m.niveau, m.bestand, m.rij, m.kolom) == ("fout", "jeugdigen.csv", 2, "geboortedatum")
    assert m.tekst == "'mei 2010' is geen datum (JJJJ-MM-DD of DD-MM-JJJJ)"


def test_malformed_number_amount_month_gemeentecode(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdhulp"][0]["volume"] = "veel"
    minimal_tables["jeugdhulp"][1]["tarief"] = "12,50"  # a decimal comma only with ';' as delimiter
    minimal_tables["jeugdigen"][1]["gemeente"] = "Hengelo"
    minimal_tables["kosten"] = [{"maand": "2024-13", "bedrag": "10.00", "gemeente": "GM0164"}]
    staging = stage(make_delivery(minimal_tables))
    assert where(staging, "geen_getal") == [("fout", "jeugdhulp.csv", 2, "volume")]
    assert where(staging, "geen_bedrag") == [("fout", "jeugdhulp.csv", 3, "tarief")]
    assert where(staging, "geen_gemeentecode") == [("fout", "jeugdigen.csv", 3, "gemeente")]
    assert where(staging, "geen_maand") == [("fout", "kosten.csv", 2, "maand")]
    assert only(staging, "geen_bedrag").tekst == "'12,50' is geen bedrag in euro's"


def test_malformed_whole_number_and_period(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["budget"] = [{"jaar": "2024.5", "gemeente": "GM0164", "perceel": "Ambulant", "bedrag": "1000"}]
    minimal_tables["clientervaring"] = [{"periode": "2024-X1", "gemeente": "GM0164", "aspect": "totaal"}]
    staging = stage(make_delivery(minimal_tables))
    assert where(staging, "geen_geheel_getal") == [("fout", "budget.csv", 2, "jaar")]
    assert where(staging, "geen_periode") == [("fout", "clientervaring.csv", 2, "periode")]


def test_bsn_and_client_id_in_one_table(make_delivery: Make, minimal_tables: Tables) -> None:
    for i, row in enumerate(minimal_tables["jeugdhulp"]):
        row["client_id"] = f"C{i}"
    assert where(stage(make_delivery(minimal_tables)), "bsn_en_client_id") == [
        ("fout", "jeugdhulp.csv", 1, "client_id")
    ]


def test_table_delivered_twice(make_delivery: Make, minimal_tables: Tables) -> None:
    folder = make_delivery(minimal_tables)
    write_xlsx(folder / "jeugdhulp.xlsx", ["traject_id", "bsn"], [["T9", BSN[0]]])
    assert where(stage(folder), "dubbel_bestand") == [("fout", "jeugdhulp.xlsx", None, None)]


def test_column_name_twice(make_delivery: Make, minimal_tables: Tables) -> None:
    folder = make_delivery(minimal_tables)
    (folder / "jeugdigen.csv").write_text(f"bsn,gemeente,Gemeente \n{BSN[0]},GM0164,GM0164\n", encoding="utf-8")
    assert where(stage(folder), "dubbele_kolom") == [("fout", "jeugdigen.csv", 1, "gemeente")]


def test_gemeente_not_derivable(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdigen"][1]["gemeente"] = "GM0153"  # two municipalities: no single default
    minimal_tables["signalen"] = [
        {"id": "S1", "gemeente": "GM0164", "datum": "2024-02-01", "soort": "klacht"},
        {"id": "S2", "gemeente": "", "datum": "2024-02-02", "soort": "bezwaar"},
    ]
    assert where(stage(make_delivery(minimal_tables)), "gemeente_onbekend") == [("fout", "signalen.csv", 3, "gemeente")]


# --- warnings ---------------------------------------------------------------------------------------------


def test_unknown_code_kept_as_onbekend(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdhulp"][0]["verwijzer"] = "07"
    minimal_tables["jeugdhulp"][1]["financiering"] = "zin"  # case does not matter
    minimal_tables["jeugdhulp"][2]["levensgebieden"] = "opvoeding; school"
    minimal_tables["jeugdhulp"][2]["crisis"] = "misschien"
    staging = stage(make_delivery(minimal_tables))
    assert where(staging, "onbekende_code") == [
        ("waarschuwing", "jeugdhulp.csv", 2, "verwijzer"),
        ("waarschuwing", "jeugdhulp.csv", 4, "crisis"),
        ("waarschuwing", "jeugdhulp.csv", 4, "levensgebieden"),
    ]
    assert rows(staging, "jeugdhulp", "verwijzer, financiering, levensgebieden, crisis") == [
        ("onbekend", "ZIN", None, None),
        ("04", "ZIN", None, None),
        ("02", "PGB", ["opvoeding", "onbekend"], None),
    ]
    assert not staging.rejected


def test_missing_reason_of_ending(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdhulp"][1]["einddatum"] = "2024-05-01"
    m = only(stage(make_delivery(minimal_tables)), "reden_ontbreekt")
    assert (m.niveau, m.bestand, m.rij, m.kolom) == ("waarschuwing", "jeugdhulp.csv", 3, "reden_beeindiging")


def test_missing_reason_column(make_delivery: Make, minimal_tables: Tables) -> None:
    for row in minimal_tables["jeugdhulp"]:
        del row["reden_beeindiging"]
    assert where(stage(make_delivery(minimal_tables)), "reden_ontbreekt") == [
        ("waarschuwing", "jeugdhulp.csv", None, "reden_beeindiging")
    ]


def test_postcode_without_wijk(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdigen"].append(
        {"bsn": BSN[2], "geslacht": "1", "geboortedatum": "2012-01-01", "postcode": "7553 EF", "gemeente": "GM0164"}
    )
    minimal_tables["postcodes"] = [
        {"postcode": "7551AB", "gemeente": "GM0164", "wijk": "WK016401", "wijknaam": "Centrum"},
        {"postcode": "7552", "gemeente": "GM0164", "wijk": "WK016402", "wijknaam": "Noord"},
    ]
    staging = stage(make_delivery(minimal_tables))
    assert where(staging, "postcode_zonder_wijk") == [("waarschuwing", "jeugdigen.csv", 4, "postcode")]
    # PC6 hit, PC4 hit, no hit; the postcode is kept as PC4 only
    assert rows(staging, "jeugdigen", "postcode, wijk") == [("7551", "WK016401"), ("7552", "WK016402"), ("7553", None)]


def test_date_after_peildatum(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["levering"] = [{"peildatum": "2024-05-31", "bron": "test"}]
    staging = stage(make_delivery(minimal_tables))
    m = only(staging, "na_peildatum")  # only T1's einddatum 2024-06-30 lies after it
    assert (m.niveau, m.bestand, m.rij, m.kolom) == ("waarschuwing", "jeugdhulp.csv", 2, "einddatum")
    assert (staging.peildatum.isoformat(), staging.peildatum_bron, staging.bron) == (
        "2024-05-31",
        "levering.csv",
        "test",
    )


def test_planned_dates_after_peildatum_are_expected(make_delivery: Make, minimal_tables: Tables) -> None:
    """A granted end date (toewijzing_einddatum) or a pgb's end lies ahead by nature: no warning."""
    minimal_tables["levering"] = [{"peildatum": "2024-12-31"}]
    minimal_tables["jeugdhulp"][1]["toewijzing_einddatum"] = "2025-06-30"
    grant = {"pgb_id": "G1", "bsn": BSN[1], "datum_toekenning": "2024-02-01", "einddatum": "2025-01-31"}
    minimal_tables["pgb"] = [grant]
    staging = stage(make_delivery(minimal_tables))
    assert where(staging, "na_peildatum") == []


def test_unknown_extra_column(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdhulp"][0]["Opmerking"] = "belde niet terug"
    staging = stage(make_delivery(minimal_tables))
    assert where(staging, "onbekende_kolom") == [("waarschuwing", "jeugdhulp.csv", 1, "opmerking")]
    assert "opmerking" not in staging.tables["jeugdhulp"].columns
    columns = [r[0] for r in staging.con.execute("DESCRIBE stg_jeugdhulp").fetchall()]
    assert "opmerking" not in columns


def test_unknown_file(make_delivery: Make, minimal_tables: Tables) -> None:
    folder = make_delivery(minimal_tables)
    (folder / "notities.txt").write_text("bijzonderheden", encoding="utf-8")
    write_table(folder, "extra", [{"a": "1"}])
    staging = stage(folder)
    assert where(staging, "onbekend_bestand") == [
        ("waarschuwing", "extra.csv", None, None),
        ("waarschuwing", "notities.txt", None, None),
    ]
    assert not staging.rejected


def test_invalid_postcode_and_wijkcode(make_delivery: Make, minimal_tables: Tables) -> None:
    minimal_tables["jeugdigen"][0]["postcode"] = "ABCD"
    minimal_tables["jeugdigen"][1]["wijk"] = "wijk 3"
    staging = stage(make_delivery(minimal_tables))
    assert where(staging, "geen_postcode") == [("waarschuwing", "jeugdigen.csv", 2, "postcode")]
    assert where(staging, "geen_wijkcode") == [("waarschuwing", "jeugdigen.csv", 3, "wijk")]
    assert rows(staging, "jeugdigen", "postcode, wijk") == [(None, None), ("7552", None)]
    assert not staging.rejected
