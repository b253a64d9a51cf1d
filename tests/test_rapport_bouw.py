"""Building reports on a small hand-made delivery, with figures worked out by hand.

The delivery (Hengelo, GM0164; peildatum 31 August 2024; the report period 2024-T2 = May–August):

- P0..P4: Ambulante begeleiding (45A48, care) from 10 January, still running.
- P5: Ambulante begeleiding from 15 May (instroom in T2).
- P6: Ambulante begeleiding 1 February – 30 June (uitstroom in T2).
- P7: Jeugd GGZ (54001, cure) from 1 March, still running; and a second allocation of 45A48, registered 1 June,
  allocated 10 June, not begun (waiting 91 days on 31 August; the norm of category 45 is 14 days).

Hand-worked, T2 2024: beginstand 6 (begeleiding) + 1 (GGZ) = 7; instroom 1; uitstroom 1; eindstand 7.
Unique young persons in care: care 7 (P0..P6), cure 1 (P7), total 8.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.outputs.rapport.bouw import bouw_rapport
from jeugdmonitor.outputs.rapport.html import render_html
from jeugdmonitor.outputs.rapport.model import Rapport, Tabel
from tests.conftest import BSN
from tests.engine_hulp import load_store


def traject(i: int, nr: int, product: str, begin: str, einde: str = "", **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "traject_id": f"T{nr}",
        "bsn": BSN[i],
        "gemeente": "GM0164",
        "product": product,
        "productcategorie": product[:2],
        "financiering": "ZIN",
        "verwijzer": "01",
        "aanbieder": "Zorg Oost",
        "aanmelddatum": "2024-01-02",
        "toewijzingsdatum": "2024-01-05",
        "toewijzing_einddatum": "2025-12-31",
        "begindatum": begin,
        "einddatum": einde,
        "reden_beeindiging": "31" if einde else "",
        "team": "Wijkteam Noord",
        "medewerker": "M1" if i < 4 else "M2",
    }
    row.update(extra)
    return row


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    born = {1: "2006-12-01"}  # P1 turns 18 on 1 December 2024: within 6 months of the peildatum
    jeugdigen = [
        {
            "bsn": BSN[i],
            "geslacht": "1",
            "geboortedatum": born.get(i, "2012-04-04"),
            "postcode": "7551AB",
            "gemeente": "GM0164",
        }
        for i in range(8)
    ]
    jeugdhulp = [traject(i, i, "45A48", "2024-01-10") for i in range(5)]
    jeugdhulp[0]["toewijzing_einddatum"] = "2024-10-15"  # ends 45 days after the peildatum
    jeugdhulp += [
        traject(5, 5, "45A48", "2024-05-15"),
        traject(6, 6, "45A48", "2024-02-01", "2024-06-30"),
        traject(7, 7, "54001", "2024-03-01"),
        traject(7, 8, "45A48", "", aanmelddatum="2024-06-01", toewijzingsdatum="2024-06-10", medewerker=""),
    ]
    tables = {
        "levering": [{"peildatum": "2024-08-31", "bron": "handgemaakte testlevering"}],
        "jeugdigen": jeugdigen,
        "jeugdhulp": jeugdhulp,
    }
    return load_store(tmp_path_factory, "rapport", tables)


@pytest.fixture(scope="module")
def raad(con: duckdb.DuckDBPyConnection) -> Rapport:
    return bouw_rapport(con, "raad", "2024-T2", "GM0164")


def tabel(rapport: Rapport, nummer: str) -> Tabel:
    return next(t for h in rapport.hoofdstukken for s in h.secties for t in s.tabellen if t.nummer == nummer)


def texts(t: Tabel) -> list[list[str]]:
    return [[c.tekst for c in row] for row in t.rijen]


def test_cover_facts(raad: Rapport) -> None:
    assert (raad.titel, raad.gebied_naam, raad.periode) == ("Rapportage jeugd & zorg", "Hengelo", "2024-T2")
    assert raad.periode_tekst == "tweede tertaal 2024 (1 mei 2024 – 31 augustus 2024)"
    assert raad.onderdrukt and not raad.vertrouwelijk
    assert [h.titel for h in raad.hoofdstukken][:2] == ["Instroom, doorstroom, uitstroom", "Kosten"]


def test_the_template_is_named_in_the_colophon_not_the_introduction(raad: Rapport) -> None:
    assert raad.sjabloon.startswith("Opgemaakt volgens het sjabloon rapporten/raad.yaml")
    assert "sjabloon" not in raad.toelichting.lower() and ".yaml" not in raad.toelichting


def test_raad_table_1_4_1_is_suppressed_by_hand(raad: Rapport) -> None:
    t = tabel(raad, "1.4.1")
    assert t.titel == "Jeugdigen in zorg per zorgvorm"
    assert t.kolommen == ("Zorgvorm", "Bij start periode", "Instroom", "Uitstroom", "Bij einde periode")
    rows = {r[0]: r[1:] for r in texts(t)}
    # GGZ's 1 at the start is below 5; begeleiding's 6 is hidden too, else 7 − 6 would give the 1 away
    assert rows["Jeugd GGZ"][0] == "< 5" and rows["Ambulante begeleiding"][0] == "×"
    assert rows["Totaal"] == ["7", "< 5", "< 5", "7"]
    assert "< 5: minder dan 5 jongeren" in t.toelichting


def test_no_count_from_1_to_4_in_the_raad(raad: Rapport) -> None:
    for h in raad.hoofdstukken:
        for s in h.secties:
            for t in s.tabellen:
                for row in t.rijen:
                    for c in row[1:]:
                        if c.eenheid == "aantal" and c.waarde is not None:
                            assert c.waarde == 0 or c.waarde >= 5, (t.nummer, row[0].tekst, c)
    html = render_html(raad)
    assert not re.search(r'<td class="getal">\s*[1-4]\s*</td>', html)


def test_not_available_says_what_is_missing(raad: Rapport) -> None:
    sectie = raad.hoofdstukken[0].secties[0]  # meldingen: the delivery has no aanmeldingen
    assert sectie.niet_beschikbaar
    # plain Dutch for the reader; the contract's names apart, for whoever prepares the next delivery
    assert sectie.niet_beschikbaar[0] == (
        "Aantal meldingen bij wijkteam, zorgloket en regisseurs: de datum van aanmelding bij de toegang en de "
        "meldplaats van de aanmelding zijn niet aangeleverd."
    )
    assert sectie.niet_beschikbaar_bron[0] == "Ontbrekende gegevens: aanmeldingen.datum, aanmeldingen.meldplaats"
    assert "aanmeldingen.datum" not in sectie.wat_zien_we
    assert "niet beschikbaar: de datum van aanmelding bij de toegang" in sectie.wat_zien_we


def test_management_is_not_suppressed(con: duckdb.DuckDBPyConnection) -> None:
    rapport = bouw_rapport(con, "management", "2024-T2", "GM0164")
    assert not rapport.onderdrukt
    t = tabel(rapport, "2.1.1")  # unique young persons per segment
    rows = {r[0]: r[1] for r in texts(t)}
    assert rows == {"Care": "7", "Cure": "1", "Totaal": "8"}
    sectie = rapport.hoofdstukken[1].secties[0]
    assert sectie.wat_zien_we.startswith("In T2 2024 was het aantal unieke jeugdigen in zorg 8.")
    assert [g.nummer for g in sectie.grafieken] == ["2.1.1", "2.1.2"]  # stacking bars, then the trend


def test_region_report_names_the_region(con: duckdb.DuckDBPyConnection) -> None:
    rapport = bouw_rapport(con, "leidinggevenden", "2024-T2", "regio")
    assert (rapport.gebied, rapport.gebied_naam) == ("regio", "Regio Twente")


def test_work_lists_by_hand(con: duckdb.DuckDBPyConnection) -> None:
    rapport = bouw_rapport(con, "uitvoerenden", "2024-T2", "GM0164")
    assert rapport.vertrouwelijk and not rapport.onderdrukt
    waiting = texts(tabel(rapport, "1.1.1"))
    assert len(waiting) == 1
    assert waiting[0][3:] == ["1 juni 2024", "91", "14", "Wijkteam Noord", "niet toegewezen"]
    assert len(waiting[0][0]) == 8 and waiting[0][0] not in BSN  # a shortened pseudonym, never the BSN
    assert [r[3:5] for r in texts(tabel(rapport, "1.2.1"))] == [["10 juni 2024", "82"]]  # allocated, not begun
    assert [r[3:5] for r in texts(tabel(rapport, "2.1.1"))] == [["15 oktober 2024", "45"]]  # ends within 8 weeks
    assert [r[1] for r in texts(tabel(rapport, "2.2.1"))] == ["1 december 2024"]  # turns 18 within 6 months
    assert "VERTROUWELIJK" in render_html(rapport)


def test_work_lists_are_on_the_peildatum(con: duckdb.DuckDBPyConnection) -> None:
    # report period 2024-T1 ends 30 April, before P1 registered (1 June); a work list is for today, so it shows
    # the stand on the peildatum (31 August): P1 waiting 91 days (1 June → 31 August), against a norm of 14
    rapport = bouw_rapport(con, "uitvoerenden", "2024-T1", "GM0164")
    waiting = texts(tabel(rapport, "1.1.1"))
    assert [r[3:5] for r in waiting] == [["1 juni 2024", "91"]]
    assert "31 augustus 2024" in tabel(rapport, "1.1.1").titel


def test_unknown_area_and_future_period_are_refused(con: duckdb.DuckDBPyConnection) -> None:
    from jeugdmonitor.errors import UserError

    with pytest.raises(UserError, match="gemeente GM0153 staat niet in de store"):
        bouw_rapport(con, "raad", "2024-T2", "GM0153")
    with pytest.raises(UserError, match="begint na de peildatum"):
        bouw_rapport(con, "raad", "2025-T1", "GM0164")


def test_template_can_only_make_suppression_stricter(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    # management does not suppress by itself; with onderdrukken_k: 10 the 8 unique young persons are hidden too
    (tmp_path / "management.yaml").write_text(
        "doelgroep: management\ntitel: Streng\nonderdrukken_k: 10\nhoofdstukken:\n  - titel: Gebruik\n"
        "    secties:\n      - titel: In zorg\n        tabellen:\n          - titel: Jeugdigen per segment\n"
        "            indicator: kern.gebruik\n            rijen: segment\n",
        encoding="utf-8",
    )
    rapport = bouw_rapport(con, "management", "2024-T2", "GM0164", [tmp_path])
    assert rapport.onderdrukt
    assert [r[:2] for r in texts(tabel(rapport, "1.1.1"))] == [["Care", "< 10"], ["Cure", "< 10"], ["Totaal", "< 10"]]


def test_forecast_months_to_the_end_of_the_year() -> None:
    from jeugdmonitor.engine.prognose import K13Rij
    from jeugdmonitor.outputs.rapport import prognose

    # peildatum in August (month 8): costs so far 100 (K13 verplichtingen of August), year forecast 160 (range
    # 150–180). The straight path: 60 over four months, 15 a month: Sep 115, Oct 130, Nov 145, Dec 160;
    # the lower bound 50 / 4 = 12,5 a month: Sep 112,5 … Dec 150; the upper 80 / 4 = 20: Sep 120 … Dec 180.
    assert [prognose.pad(100, 160, 8, m) for m in (9, 10, 11, 12)] == [115, 130, 145, 160]
    index = {
        ("hengelo.K13", "verplichtingen", "2024-08", "GM0164", frozenset()): 100.0,
        ("kern.budget", "prognose", "2024", "GM0164", frozenset()): 160.0,
        ("kern.budget", "prognose_laag", "2024", "GM0164", frozenset()): 150.0,
        ("kern.budget", "prognose_hoog", "2024", "GM0164", frozenset()): 180.0,
    }
    recs = prognose._prognose(index, "hengelo.K13", "GM0164", {}, 2024, 8)
    got = {(r.maat, r.periode): r.waarde for r in recs}
    assert [got[("prognose", f"2024-{m:02d}")] for m in (9, 10, 11, 12)] == [115, 130, 145, 160]
    assert [got[("prognose_laag", f"2024-{m:02d}")] for m in (9, 12)] == [112.5, 150]
    assert [got[("prognose_hoog", f"2024-{m:02d}")] for m in (9, 12)] == [120, 180]
    # commitments and phased budget after the peildatum come from the engine's K13 series (to December)
    reeks = [
        K13Rij(2024, "GM0164", "totaal", 8, 90.0, 100.0, 95.0),
        K13Rij(2024, "GM0164", "totaal", 9, None, 110.0, 107.0),
        K13Rij(2024, "GM0153", "totaal", 9, None, 999.0, 999.0),  # another municipality
    ]
    months = prognose._maanden("hengelo.K13", "GM0164", {}, "totaal", reeks, 8)
    assert sorted((r.periode, r.maat, r.waarde) for r in months) == [
        ("2024-09", "begroot", 107.0),
        ("2024-09", "verplichtingen", 110.0),
    ]


def test_list_averages_keep_their_decimal() -> None:
    from jeugdmonitor.outputs.rapport.werklijsten import _tekst

    # the caseload column read "29" beside "18,4": an average of exactly 29 is 29,0; a count stays whole
    assert [_tekst(29.0).tekst, _tekst(18.4).tekst, _tekst(29).tekst] == ["29,0", "18,4", "29"]
