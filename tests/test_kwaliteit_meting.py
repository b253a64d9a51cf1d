"""Completeness, validity, basisgegeven status and indicator availability on hand-made stagings.

Every expected value is worked out by hand from the rows below (see test_kwaliteit_hulp.trajecten).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jeugdmonitor.outputs.kwaliteit import GELDIGHEID_MIN, VOLLEDIGHEID_MIN, build_report
from jeugdmonitor.outputs.kwaliteit.model import QualityReport
from tests.test_kwaliteit_hulp import jeugdigen, make_staging, trajecten

UNKNOWN_CODE = ("waarschuwing", "onbekende_code", "jeugdhulp.csv", 3, "verwijzer", "onbekende code 09")


def report(tables: dict, meldingen: list = (), folder: Path | None = None) -> QualityReport:  # type: ignore[assignment]
    return build_report(make_staging(tables, list(meldingen), peildatum=date(2024, 6, 30)), folder)


@pytest.fixture
def basic() -> QualityReport:
    return report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten()}, [UNKNOWN_CODE])


def test_thresholds_are_named_constants() -> None:
    assert (VOLLEDIGHEID_MIN, GELDIGHEID_MIN) == (0.95, 0.98)


def test_completeness_share_of_rows_filled(basic: QualityReport) -> None:
    # 4 trajectories, T3 without aanmelddatum: 3 of 4
    kolom = basic.kolom("jeugdhulp", "aanmelddatum")
    assert (kolom.gevuld, kolom.rijen, kolom.volledigheid) == (3, 4, 0.75)


def test_completeness_of_conditional_columns(basic: QualityReport) -> None:
    # reden_beeindiging among rows with einddatum (T1, T2, T4): T1 and T4 filled
    reden = basic.kolom("jeugdhulp", "reden_beeindiging")
    assert (reden.gevuld, reden.rijen, reden.toepassing) == (2, 3, "rijen met einddatum")
    assert reden.volledigheid == pytest.approx(2 / 3)
    # begindatum among trajectories not cancelled (T1, T2, T3): all filled
    begin = basic.kolom("jeugdhulp", "begindatum")
    assert (begin.gevuld, begin.rijen, begin.volledigheid) == (3, 3, 1.0)
    # einddatum: empty means still running, so completeness does not apply
    eind = basic.kolom("jeugdhulp", "einddatum")
    assert (eind.volledigheid, eind.gevuld_totaal, eind.geldigheid) == (None, 3, 1.0)


def test_validity_share_of_filled_values_without_melding(basic: QualityReport) -> None:
    verwijzer = basic.kolom("jeugdhulp", "verwijzer")
    assert (verwijzer.geldig, verwijzer.gevuld_totaal, verwijzer.geldigheid, verwijzer.meldingen) == (3, 4, 0.75, 1)
    assert basic.kolom("jeugdhulp", "product").geldigheid == 1.0


def test_a_melding_on_an_empty_cell_does_not_lower_validity() -> None:
    missing_reason = ("waarschuwing", "reden_ontbreekt", "jeugdhulp.csv", 3, "reden_beeindiging", "reden leeg")
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten()}, [missing_reason])
    reden = r.kolom("jeugdhulp", "reden_beeindiging")
    assert (reden.geldigheid, reden.meldingen) == (1.0, 1)


def test_client_column_shown_as_delivered_and_meldingen_on_bsn_count(basic: QualityReport) -> None:
    unknown_client = ("fout", "client_onbekend", "jeugdhulp.csv", 2, "bsn", "deze jeugdige staat niet in jeugdigen")
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten()}, [unknown_client])
    client = r.kolom("jeugdhulp", "bsn")
    assert (client.geldig, client.gevuld_totaal, client.verplicht) == (3, 4, True)
    assert r.kolom("jeugdigen", "bsn").bg == (1,)


def test_tables_present_missing_and_unknown_columns(basic: QualityReport) -> None:
    unknown = ("waarschuwing", "onbekende_kolom", "jeugdhulp.csv", 1, "opmerking", "kolom opmerking staat niet ...")
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten()}, [unknown])
    jh = r.tabel("jeugdhulp")
    assert (jh.status, jh.bestand, jh.rijen, jh.waarschuwingen) == ("aanwezig", "jeugdhulp.csv", 4, 1)
    assert jh.kolommen_aanwezig[:2] == ("bsn", "traject_id")
    assert "perspectief" in jh.kolommen_ontbrekend and "aanmelddatum" not in jh.kolommen_ontbrekend
    assert jh.kolommen_onbekend == ("opmerking",)
    assert len(jh.kolommen_aanwezig) + len(jh.kolommen_ontbrekend) == 25  # 24 contract columns + bsn/client_id
    assert r.tabel("jeugdigen").kolommen_ontbrekend == ("wijk",)
    assert r.tabel("kosten").status == "ontbreekt"


def test_a_delivered_file_that_could_not_be_read(tmp_path: Path) -> None:
    (tmp_path / "kosten.csv").write_bytes(b"\xff\xfe")
    problem = ("fout", "onleesbaar", "kosten.csv", 1, None, "het bestand is niet in UTF-8 opgeslagen")
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten()}, [problem], folder=tmp_path)
    assert (r.tabel("kosten").status, r.tabel("kosten").fouten) == ("niet_ingelezen", 1)
    assert r.indicator("h10.30").ontbrekend[0] == "bestand kosten is niet ingelezen (zie de meldingen)"


# ---------------------------------------------------------------------------------------------- basisgegevens


def persons(n: int, **columns: int) -> list[dict]:
    """n young persons; columns=k leaves that column empty from person k on."""
    rows = jeugdigen(n)
    for column, filled in columns.items():
        for row in rows[filled:]:
            row[column] = None
    return rows


def melding_rows(kolom: str, count: int) -> list[tuple]:
    return [("waarschuwing", "onbekende_code", "jeugdigen.csv", i + 2, kolom, "onbekende code") for i in range(count)]


def test_bg_status_at_the_thresholds() -> None:
    # 100 persons: geboortedatum 95 filled (95,0%: aanwezig), postcode 94 (onvolledig);
    # geslacht 2 meldingen (98,0% geldig: aanwezig), bsn 3 meldingen (97,0%: onvolledig)
    r = report(
        {"jeugdigen": persons(100, geboortedatum=95, postcode=94), "jeugdhulp": trajecten()},
        melding_rows("geslacht", 2) + melding_rows("bsn", 3),
    )
    status = {n: r.basisgegeven(n).status for n in (1, 2, 3, 4)}
    assert status == {1: "onvolledig", 2: "aanwezig", 3: "aanwezig", 4: "onvolledig"}
    assert r.basisgegeven(4).toelichting == "postcode: 94,0% gevuld (norm 95%)"
    assert r.basisgegeven(1).toelichting == "bsn/client_id: 97,0% geldig (norm 98%)"


def test_bg_statuses_and_headline(basic: QualityReport) -> None:
    status = {b.nummer: b.status for b in basic.basisgegevens}
    # present and good: BG1-4 (jeugdigen), 6 product, 10 begindatum, 11 einddatum
    assert [n for n, s in status.items() if s == "aanwezig"] == [1, 2, 3, 4, 6, 10, 11]
    # verwijzer 75% valid, aanmelddatum 75% filled, reden_beeindiging 66,7% filled
    assert [n for n, s in status.items() if s == "onvolledig"] == [5, 8, 12]
    assert [n for n, s in status.items() if s == "niet_in_contract"] == [31, 32]
    assert basic.bg_aantal("ontbreekt") == 36 - 7 - 3 - 2
    assert basic.kop_basisgegevens == "7 van 36 basisgegevens aanwezig"
    assert basic.basisgegeven(7).toelichting == "kolom perspectief ontbreekt in jeugdhulp.csv"
    assert basic.basisgegeven(13).toelichting == "tabel pgb ontbreekt"


def test_one_of_several_sources_suffices() -> None:
    aanmeldingen = [{"aanmelding_id": "A1", "datum": date(2024, 1, 1), "levensgebieden": "opvoeding"}]
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten(), "aanmeldingen": aanmeldingen})
    bg8 = r.basisgegeven(8)  # jeugdhulp.aanmelddatum is 75% filled, aanmeldingen.datum complete
    assert (bg8.status, bg8.toelichting) == ("aanwezig", "geleverd in aanmeldingen.datum")
    assert [b.status for b in bg8.bronnen] == ["onvolledig", "aanwezig"]
    assert r.basisgegeven(9).status == "aanwezig"


def test_conditional_sources_judged_on_their_rows() -> None:
    maatregelen = [
        {"maatregel_id": "M1", "client": "p0", "kader": "JB", "type": "ots", "begindatum": date(2024, 1, 1),
         "einddatum": None, "reden_beeindiging": None},
        {"maatregel_id": "M2", "client": "p1", "kader": "JB", "type": None, "begindatum": date(2024, 2, 1),
         "einddatum": date(2024, 5, 1), "reden_beeindiging": "volgens_plan"},
    ]  # fmt: skip
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten(), "maatregelen": maatregelen})
    assert r.basisgegeven(28).status == "aanwezig"  # begindatum where kader = JB, JR: 2 of 2
    assert r.basisgegeven(26).status == "onvolledig"  # type where kader = JB: 1 of 2
    assert r.basisgegeven(26).bronnen[0].volledigheid == 0.5
    assert (r.basisgegeven(27).status, r.basisgegeven(27).toelichting) == ("ontbreekt", "geen rijen waar kader = JR")
    assert r.basisgegeven(34).toelichting == "geen rijen waar kader = preventief"
    assert r.basisgegeven(33).status == "aanwezig"  # reden_beeindiging among ended measures: 1 of 1
    assert r.basisgegeven(36).status == "ontbreekt"  # erkende_interventie column not delivered


def test_an_empty_column_counts_as_missing() -> None:
    rows = [dict(t, perspectief=None) for t in trajecten()]
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": rows})
    assert (r.basisgegeven(7).status, r.basisgegeven(7).toelichting) == ("ontbreekt", "perspectief is leeg")


# ------------------------------------------------------------------------------------------------ indicators


def test_without_clientervaring_h10_10_is_not_available_naming_it(basic: QualityReport) -> None:
    h10_10 = basic.indicator("h10.10")
    assert h10_10.status == "niet_beschikbaar"
    assert h10_10.ontbrekend == ("tabel clientervaring ontbreekt",)


def test_with_clientervaring_h10_10_is_available() -> None:
    ervaring = [{"periode": "2024", "gemiddelde_score": 7.4, "aantal_respondenten": 120, "aspect": "totaal"}]
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten(), "clientervaring": ervaring})
    assert (r.indicator("h10.10").status, r.indicator("h10.10").ontbrekend) == ("beschikbaar", ())
    # h10.11 also needs aantal_tevreden, which this file lacks
    assert r.indicator("h10.11").ontbrekend == ("kolom aantal_tevreden ontbreekt in clientervaring.csv",)


def test_inputs_below_the_thresholds_make_an_indicator_limited(basic: QualityReport) -> None:
    h10_13 = basic.indicator("h10.13")
    assert h10_13.status == "beperkt"
    assert h10_13.beperkingen == ("jeugdhulp.reden_beeindiging: 66,7% gevuld (norm 95%)",)
    assert basic.indicator("h10.26").beperkingen == ("jeugdhulp.verwijzer: 75,0% geldig (norm 98%)",)


def test_a_missing_supplementary_input_makes_an_indicator_limited(basic: QualityReport) -> None:
    h10_01 = basic.indicator("h10.01")  # JB and JR come from maatregelen
    assert (h10_01.status, h10_01.ontbrekend) == ("beperkt", ("deels: tabel maatregelen ontbreekt",))
    assert basic.indicator("h10.02").status == "beschikbaar"


def test_alternatives_name_every_missing_input() -> None:
    kosten = [{"maand": "2024-01", "bedrag": 100.0, "soort": "declaratie"}]
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten(), "kosten": kosten})
    assert r.indicator("h10.31").ontbrekend[0] == (
        "nodig is één van kosten.traject_id of kosten.client: kolom traject_id ontbreekt in kosten.csv; "
        "kolom bsn/client_id ontbreekt in kosten.csv"
    )
    assert r.indicator("h10.31").ontbrekend[1].startswith("deels: nodig is één van kosten.traject_id of kosten.product")
    assert r.indicator("h10.38").status == "beschikbaar"  # PGB recognisable by soort


def test_a_table_without_rows_is_not_enough() -> None:
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten(), "bevolking": []})
    assert r.indicator("h10.03").ontbrekend[0] == "bestand bevolking.csv bevat geen rijen"


def test_rejected_delivery_lists_errors_first() -> None:
    error = ("fout", "einde_voor_begin", "jeugdhulp.csv", 4, "einddatum", "einddatum ligt vóór begindatum")
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten()}, [UNKNOWN_CODE, error])
    assert (r.afgekeurd, r.rejected, r.fouten, r.waarschuwingen) == (True, True, 1, 1)
    assert [m.niveau for m in r.eerste_meldingen] == ["fout", "waarschuwing"]
    assert r.eerste_meldingen[0].plaats == "jeugdhulp.csv, rij 4, kolom einddatum"
    assert [(t.niveau, t.regel, t.aantal) for t in r.regels] == [
        ("fout", "einde_voor_begin", 1), ("waarschuwing", "onbekende_code", 1),
    ]  # fmt: skip


def test_counts_per_rule_with_the_first_examples() -> None:
    many = [("waarschuwing", "na_peildatum", "jeugdhulp.csv", i, "einddatum", "na de peildatum") for i in (5, 2, 4, 3)]
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten()}, [*many, UNKNOWN_CODE])
    first = r.regels[0]
    assert (first.regel, first.aantal) == ("na_peildatum", 4)
    assert [m.rij for m in first.voorbeelden] == [2, 3, 4]
    assert r.regels[1].regel == "onbekende_code"
    assert r.peildatum == date(2024, 6, 30) and r.peildatum_bron == "levering.csv"


def test_costs_without_a_trajectory_need_client_and_product_only_when_client_bound() -> None:
    kosten = [
        {"maand": "2024-01", "bedrag": 100.0, "soort": "declaratie", "traject_id": "T1", "product": None},
        {"maand": "2024-01", "bedrag": 50.0, "soort": "declaratie", "traject_id": None, "product": "45A48"},
        {"maand": "2024-01", "bedrag": 900.0, "soort": "subsidie", "traject_id": None, "product": None},
    ]
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten(), "kosten": kosten})
    product = r.kolom("kosten", "product")
    assert (product.gevuld, product.rijen, product.toepassing) == (1, 1, "cliëntgebonden rijen zonder traject_id")


def test_a_basisgegeven_needing_all_sources_names_them() -> None:
    ervaring = [{"periode": "2024", "aspect": "totaal", "gemiddelde_score": 7.4}]
    r = report({"jeugdigen": jeugdigen(), "jeugdhulp": trajecten(), "clientervaring": ervaring})
    bg20 = r.basisgegeven(20)
    assert (bg20.status, bg20.toelichting) == (
        "aanwezig",
        "geleverd in clientervaring.gemiddelde_score en clientervaring.aspect",
    )
    without_aspect = report(
        {"jeugdigen": jeugdigen(), "jeugdhulp": trajecten(), "clientervaring": [{"periode": "2024"}]}
    )
    assert without_aspect.basisgegeven(20).status == "ontbreekt"


def test_headline(basic: QualityReport) -> None:
    # as in test_kwaliteit_uitvoer: h10 5 + hengelo 1 + uitkomst 0 available; 10 + 2 + 2 limited;
    # kern and twente add 9 available and 11 limited
    assert basic.headline() == (
        "goedgekeurd; 7 van 36 basisgegevens aanwezig; 15 van 95 indicatoren beschikbaar (25 beperkt); "
        "0 fouten, 1 waarschuwing"
    )
