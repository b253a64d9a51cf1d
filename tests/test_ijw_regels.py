"""From iJw messages to trajectories and costs: one test per rule of issue 5 point 3 (see the module docstring of
``jeugdmonitor.sources.ijw.naar_tabellen``). Every scenario is a handful of messages written in
tests/ijw_berichten.py; the expected values are read off the messages by hand."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jeugdmonitor.store.loader import load_delivery
from jeugdmonitor.store.pseudonym import Key, pseudonym
from tests.conftest import BSN
from tests.ijw_berichten import jw301, jw305, jw307, jw315, jw323, jw325, rows, write_messages

KEY = Key(b"vaste-testsleutel", True, "test")
Load = Callable[..., Path]


@pytest.fixture
def laad(tmp_path: Path) -> Load:
    """laad({"a.xml": xml, ...}, name="lev1") -> the store, after loading the messages as one delivery."""
    store = tmp_path / "store.duckdb"

    def load(messages: dict[str, str], name: str = "lev1") -> Path:
        load_delivery(write_messages(tmp_path / name, messages), store, KEY)
        return store

    return load


def traject(store: Path, columns: str, traject_id: str = "GM0164-1") -> tuple:
    found = rows(store, f"SELECT {columns} FROM jeugdhulp WHERE traject_id = '{traject_id}'")
    assert len(found) == 1, found
    return found[0]


def test_jeugdige_uit_jw301_bsn_gepseudonimiseerd_en_gemeente_uit_header(laad: Load) -> None:
    store = laad({"t.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}], geboren="2011-03-04",
                                 geslacht="1", postcode="7551AB")})  # fmt: skip
    # afzender 0164 is the municipality: GM0164; postcode 7551AB kept as PC4 7551
    assert rows(store, "SELECT client, geboortedatum, geslacht, postcode, gemeente FROM jeugdigen") == [
        (pseudonym(KEY, "bsn", BSN[0]), date(2011, 3, 4), "1", "7551", "GM0164")
    ]
    assert traject(store, "gemeente, aanbieder, financiering") == ("GM0164", "12345678", "ZIN")


def test_jeugdige_uit_jw315_als_er_geen_jw301_is(laad: Load) -> None:
    store = laad({"r.xml": jw315("R1", "2024-01-02", BSN[1], [{"referentie": "X"}], geboren="2009-12-31"),
                  "s.xml": jw305("S1", "2024-02-01", BSN[1], [{"nummer": "9", "begin": "2024-01-20"}])})  # fmt: skip
    # the JW315 is preferred to the JW305 for birth date (the builder gives JW305 2012-05-01)
    assert rows(store, "SELECT geboortedatum FROM jeugdigen") == [(date(2009, 12, 31),)]


def test_traject_per_toewijzing_met_product_omvang_en_verwijzer_uit_jw315(laad: Load) -> None:
    store = laad({
        "a.xml": jw315("R1", "2024-01-02", BSN[0], [{"referentie": "REF1", "verwijzer": "03"}]),
        "b.xml": jw301("T1", "2024-01-10", BSN[0], [
            {"nummer": "1", "referentie": "REF1", "categorie": "54", "code": "54001", "ingang": "2024-01-15",
             "einde": "2024-07-14", "volume": "3", "eenheid": "04", "frequentie": "2"},
            {"nummer": "2", "categorie": "45", "code": "45A48", "budget": "150000"},
        ]),
    })  # fmt: skip
    assert traject(
        store,
        "product, productcategorie, toewijzingsdatum, toewijzing_einddatum, volume, eenheid, frequentie, "
        "verwijzer, aanmelddatum, begindatum, einddatum",
    ) == ("54001", "54", date(2024, 1, 10), date(2024, 7, 14), 3.0, "04", "2", "03", date(2024, 1, 2), None, None)
    # toewijzing 2 has no JW315: allocated on the municipality's own decision (verwijzer 01), no aanmelddatum;
    # budget 150000 eurocents = 1500 euro with eenheid 83 (euro's)
    assert traject(store, "verwijzer, aanmelddatum, volume, eenheid", "GM0164-2") == ("01", None, 1500.0, "83")


def test_aanvraag_zonder_toewijzing_staat_op_de_wachtlijst(laad: Load) -> None:
    store = laad({"a.xml": jw315("R1", "2024-01-02", BSN[0], [{"referentie": "REF1", "verwijzer": "03",
                                                               "categorie": "54", "code": "54001"}])})  # fmt: skip
    # no JW301 yet: a waiting trajectory named after provider 12345678 and ReferentieAanbieder REF1
    assert rows(store, "SELECT traject_id, aanbieder, product, verwijzer, aanmelddatum, toewijzingsdatum, "
                       "begindatum FROM jeugdhulp") == [
        ("GM0164-aanvraag-12345678-REF1", "12345678", "54001", "03", date(2024, 1, 2), None, None)
    ]  # fmt: skip
    # the allocation answering it arrives: the request is now trajectory GM0164-1, with the request's date
    store = laad({"b.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1", "referentie": "REF1"}])}, "lev2")
    assert rows(store, "SELECT traject_id, aanmelddatum, verwijzer FROM jeugdhulp") == [
        ("GM0164-1", date(2024, 1, 2), "03")
    ]


def test_start_uit_jw305_en_stop_met_reden_uit_jw307(laad: Load) -> None:
    store = laad({
        "a.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}]),
        "b.xml": jw305("S1", "2024-01-20", BSN[0], [{"nummer": "1", "begin": "2024-01-15"}]),
        "c.xml": jw307("E1", "2024-05-02", BSN[0], [{"nummer": "1", "begin": "2024-01-15", "einde": "2024-04-30",
                                                      "reden": "34"}]),
    })  # fmt: skip
    assert traject(store, "begindatum, einddatum, reden_beeindiging") == (date(2024, 1, 15), date(2024, 4, 30), "34")


def test_berichten_in_latere_levering_bouwen_op_eerdere(laad: Load) -> None:
    laad({"a.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}])}, name="januari")
    store = laad({"b.xml": jw305("S1", "2024-02-01", BSN[0], [{"nummer": "1", "begin": "2024-01-22"}])}, "februari")
    # the start of February finds the allocation of January: one trajectory with both
    assert traject(store, "toewijzingsdatum, begindatum, verwijzer") == (date(2024, 1, 10), date(2024, 1, 22), "01")
    assert rows(store, "SELECT count(*) FROM jeugdhulp") == [(1,)]


def test_correctie_van_start_verwijderen_en_opnieuw_aanleveren(laad: Load) -> None:
    store = laad({
        "a.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}]),
        "b.xml": jw305("S1", "2024-01-20", BSN[0], [{"nummer": "1", "begin": "2024-01-15"}]),
        # the start date was wrong: the provider deletes it (status 3) and sends the right one (status 1)
        "c.xml": jw305("S2", "2024-01-25", BSN[0], [{"nummer": "1", "begin": "2024-01-15", "status": "3"},
                                                     {"nummer": "1", "begin": "2024-01-18"}]),
    })  # fmt: skip
    assert traject(store, "begindatum") == (date(2024, 1, 18),)


def test_verwijderde_stop_maakt_traject_weer_lopend(laad: Load) -> None:
    stop = {"nummer": "1", "begin": "2024-01-15", "einde": "2024-04-30", "reden": "31"}
    store = laad({
        "a.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}]),
        "b.xml": jw305("S1", "2024-01-20", BSN[0], [{"nummer": "1", "begin": "2024-01-15"}]),
        "c.xml": jw307("E1", "2024-05-02", BSN[0], [stop]),
        "d.xml": jw307("E2", "2024-05-03", BSN[0], [{**stop, "status": "3"}]),
    })  # fmt: skip
    assert traject(store, "begindatum, einddatum, reden_beeindiging") == (date(2024, 1, 15), None, None)


def test_toewijzing_verwijderd_met_reden_wijziging_13(laad: Load) -> None:
    store = laad({
        "a.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}, {"nummer": "2"}]),
        "b.xml": jw305("S1", "2024-01-20", BSN[0], [{"nummer": "1", "begin": "2024-01-15"}]),
        # toewijzing 1 was sent by mistake: einddatum = ingangsdatum, RedenWijziging 13
        "c.xml": jw301("T2", "2024-01-21", BSN[0], [{"nummer": "1", "datum": "2024-01-21", "ingang": "2024-01-10",
                                                     "einde": "2024-01-10", "reden": "13"}]),
        "d.xml": jw323("D1", "2024-02-05", "DN1", {BSN[0]: [{"referentie": "P1", "nummer": "1", "begin": "2024-01-15",
                                                              "einde": "2024-01-31", "bedrag": "5000"}]}),
    })  # fmt: skip
    assert rows(store, "SELECT traject_id FROM jeugdhulp") == [("GM0164-2",)]
    # its cost stays, without a trajectory
    assert rows(store, "SELECT traject_id, bedrag FROM kosten") == [(None, Decimal("50.00"))]


def test_tijdelijke_stop_gevolgd_door_definitieve_stop(laad: Load) -> None:
    store = laad({
        "a.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}]),
        "b.xml": jw305("S1", "2024-01-20", BSN[0], [{"nummer": "1", "begin": "2024-01-15"}]),
        "c.xml": jw307("E1", "2024-03-02", BSN[0], [{"nummer": "1", "begin": "2024-01-15", "einde": "2024-02-28",
                                                      "reden": "20"}]),
        "d.xml": jw305("S2", "2024-03-20", BSN[0], [{"nummer": "1", "begin": "2024-03-18"}]),
        "e.xml": jw307("E2", "2024-06-03", BSN[0], [{"nummer": "1", "begin": "2024-03-18", "einde": "2024-05-31",
                                                      "reden": "32"}]),
    })  # fmt: skip
    # one trajectory from the first start to the definitive stop; the temporary stop (20) ends nothing
    assert traject(store, "begindatum, einddatum, reden_beeindiging") == (date(2024, 1, 15), date(2024, 5, 31), "32")


def test_tijdelijke_stop_zonder_vervolg_is_geen_einde(laad: Load) -> None:
    store = laad({
        "a.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}]),
        "b.xml": jw305("S1", "2024-01-20", BSN[0], [{"nummer": "1", "begin": "2024-01-15"}]),
        "c.xml": jw307("E1", "2024-03-02", BSN[0], [{"nummer": "1", "begin": "2024-01-15", "einde": "2024-02-28",
                                                      "reden": "20"}]),
    })  # fmt: skip
    assert traject(store, "begindatum, einddatum, reden_beeindiging") == (date(2024, 1, 15), None, None)


def test_verlenging_en_verkorting_met_nieuwe_jw301(laad: Load) -> None:
    eerste = {"nummer": "1", "datum": "2024-01-10", "ingang": "2024-01-15", "einde": "2024-06-30"}
    store = laad({
        "a.xml": jw301("T1", "2024-01-10", BSN[0], [eerste]),
        # extension (04) to the end of the year, with more hours per week
        "b.xml": jw301("T2", "2024-06-20", BSN[0], [{**eerste, "datum": "2024-06-20", "einde": "2024-12-31",
                                                     "reden": "04", "volume": "6"}]),
    }, name="verlenging")  # fmt: skip
    # the original allocation date stays; the end date and volume follow the latest JW301
    assert traject(store, "toewijzingsdatum, toewijzing_einddatum, volume, einddatum") == (
        date(2024, 1, 10),
        date(2024, 12, 31),
        6.0,
        None,
    )
    store = laad({
        "c.xml": jw301("T3", "2024-09-01", BSN[0], [{**eerste, "datum": "2024-09-01", "einde": "2024-09-30",
                                                     "reden": "05"}]),
    }, name="verkorting")  # fmt: skip
    # shortened (05): only the allocation's end moves; the end of help comes from a JW307
    assert traject(store, "toewijzing_einddatum, einddatum") == (date(2024, 9, 30), None)


def test_toewijzing_ingetrokken_zonder_stopbericht_eindigt_traject(laad: Load) -> None:
    store = laad({
        "a.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1", "einde": "2024-12-31"}]),
        "b.xml": jw305("S1", "2024-01-20", BSN[0], [{"nummer": "1", "begin": "2024-01-15"}]),
        # the young person moved (RedenWijziging 07): the allocation ends on 2024-04-14; JZ588 counterpart 35
        "c.xml": jw301("T2", "2024-04-10", BSN[0], [{"nummer": "1", "datum": "2024-04-10", "ingang": "2024-01-10",
                                                     "einde": "2024-04-14", "reden": "07"}]),
    })  # fmt: skip
    assert traject(store, "begindatum, einddatum, reden_beeindiging") == (date(2024, 1, 15), date(2024, 4, 14), "35")


def test_verlenging_op_verzoek_van_aanbieder_eindigt_niets(laad: Load) -> None:
    eerste = {"nummer": "1", "datum": "2024-01-10", "ingang": "2024-01-15", "einde": "2024-06-30"}
    store = laad({
        "a.xml": jw301("T1", "2024-01-10", BSN[0], [eerste]),
        "b.xml": jw305("S1", "2024-01-20", BSN[0], [{"nummer": "1", "begin": "2024-01-15"}]),
        # after the provider's change request (RedenWijziging 12) the allocation runs to 2024-12-31 instead of
        # 2024-06-30: an extension, so the trajectory runs on
        "c.xml": jw301("T2", "2024-06-20", BSN[0], [{**eerste, "datum": "2024-06-20", "einde": "2024-12-31",
                                                     "reden": "12"}]),
    })  # fmt: skip
    assert traject(store, "toewijzing_einddatum, einddatum, reden_beeindiging") == (date(2024, 12, 31), None, None)
    # the same reason shortening the allocation (to 2024-09-30, before 2024-12-31) ends it there, JZ588 37
    store = laad({
        "d.xml": jw301("T3", "2024-09-01", BSN[0], [{**eerste, "datum": "2024-09-01", "einde": "2024-09-30",
                                                     "reden": "12"}]),
    }, name="lev2")  # fmt: skip
    assert traject(store, "einddatum, reden_beeindiging") == (date(2024, 9, 30), "37")


def test_kosten_uit_jw323_in_eurocenten_met_debet_credit_en_periode(laad: Load) -> None:
    store = laad({
        "a.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}]),
        "b.xml": jw323("D1", "2024-04-05", "DN1", {BSN[0]: [
            {"referentie": "P1", "nummer": "1", "begin": "2024-03-01", "einde": "2024-03-31", "bedrag": "12345",
             "volume": "5"},
            # a credit of an earlier February prestatie
            {"referentie": "P2", "vorig": "P0", "nummer": "1", "begin": "2024-02-01", "einde": "2024-02-29",
             "bedrag": "2500", "dc": "C", "volume": "1"},
        ]}),
    })  # fmt: skip
    assert rows(
        store,
        "SELECT maand, boekdatum, bedrag, volume, traject_id, product, aanbieder, soort FROM kosten ORDER BY maand",
    ) == [
        # 2500 cents credit = -25.00 euro in February, volume negative with it
        (date(2024, 2, 1), date(2024, 4, 5), Decimal("-25.00"), -1.0, "GM0164-1", "45A48", "12345678", "declaratie"),
        # 12345 cents = 123.45 euro in March
        (date(2024, 3, 1), date(2024, 4, 5), Decimal("123.45"), 5.0, "GM0164-1", "45A48", "12345678", "declaratie"),
    ]


def test_kosten_volgen_het_toegekende_bedrag_uit_jw325(laad: Load) -> None:
    prestaties = [
        {"referentie": "P1", "nummer": "1", "begin": "2024-03-01", "einde": "2024-03-31", "bedrag": "10000"},
        {"referentie": "P2", "nummer": "1", "begin": "2024-03-01", "einde": "2024-03-31", "bedrag": "4000"},
        {"referentie": "P3", "nummer": "1", "begin": "2024-03-01", "einde": "2024-03-31", "bedrag": "600"},
    ]
    store = laad({
        "a.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}]),
        "b.xml": jw323("D1", "2024-04-05", "DN1", {BSN[0]: prestaties}),
        # P2 rejected (0611: tariff differs from the contract), P3 listed without objection (0200), P1 not listed
        "c.xml": jw325("A1", "2024-04-20", "DN1", ("D1", "2024-04-05"), {BSN[0]: [
            {**prestaties[1], "retour": "0611"}, {**prestaties[2], "retour": "0200"}]}),
    })  # fmt: skip
    # granted: P1 100.00 + P3 6.00 = 106.00; P2 (40.00) is left out
    assert rows(store, "SELECT sum(bedrag), count(*) FROM kosten") == [(Decimal("106.00"), 2)]
    # the answer's date is the booking date of the prestatie it lists; P1 keeps the declaration's
    assert rows(store, "SELECT bedrag, boekdatum FROM kosten ORDER BY bedrag") == [
        (Decimal("6.00"), date(2024, 4, 20)),
        (Decimal("100.00"), date(2024, 4, 5)),
    ]


def test_codes_gaan_ongewijzigd_door_naar_de_cbs_indeling_van_de_catalogus(laad: Load) -> None:
    store = laad({
        "a.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1", "categorie": "43", "code": "43A10"}]),
        "b.xml": jw305("S1", "2024-01-20", BSN[0], [{"nummer": "1", "begin": "2024-01-15"}]),
        "c.xml": jw307("E1", "2024-05-02", BSN[0], [{"nummer": "1", "begin": "2024-01-15", "einde": "2024-04-30",
                                                      "reden": "38"}]),
    })  # fmt: skip
    # JZ588 38 (overstap) stays 38 in the store; the engine maps it to CBS 03 per catalog/reden_beeindiging.csv
    assert traject(store, "productcategorie, reden_beeindiging") == ("43", "38")
    mapping = Path(__file__).resolve().parents[1] / "src" / "jeugdmonitor" / "catalog" / "reden_beeindiging.csv"
    assert "38,03," in mapping.read_text(encoding="utf-8")


def test_eigen_codetabel_van_de_regio_gaat_voor(laad: Load, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    codes = tmp_path / "codes"
    codes.mkdir()
    # this region counts RetourCode 0611 (tariff differs) as approving: the amount is granted all the same
    (codes / "retourcodes.csv").write_text("code,omschrijving,afwijzend\n0200,geen opmerking,nee\n0611,tarief,nee\n")
    monkeypatch.setenv("JEUGDMONITOR_IJW_CODES", str(codes))
    prestatie = {"referentie": "P1", "nummer": "1", "begin": "2024-03-01", "einde": "2024-03-31", "bedrag": "4000"}
    store = laad({
        "a.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}]),
        "b.xml": jw323("D1", "2024-04-05", "DN1", {BSN[0]: [prestatie]}),
        "c.xml": jw325("A1", "2024-04-20", "DN1", ("D1", "2024-04-05"), {BSN[0]: [{**prestatie, "retour": "0611"}]}),
    })  # fmt: skip
    assert rows(store, "SELECT bedrag FROM kosten") == [(Decimal("40.00"),)]
