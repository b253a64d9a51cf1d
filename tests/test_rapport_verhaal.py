"""The generated "Wat zien we?" on worked examples: rise, fall, no change, missing data, suppressed data.

Every expected sentence is written out by hand; the percentages are worked out in the comments.
"""

from __future__ import annotations

from jeugdmonitor.outputs.rapport.verhaal import (
    NormWaarde,
    Punt,
    Reeks,
    beschrijf,
    beschrijf_budget,
    verandering,
    wat_zien_we,
)

ONDERDRUKT = "minder dan 5; onderdrukt ter bescherming van de privacy"


def reeks(**changes: object) -> Reeks:
    base: dict[str, object] = {
        "onderwerp": "het aantal meldingen",
        "eenheid": "aantal",
        "periode": "T2 2025",
        "huidig": Punt(450),
        "vorige": ("T1 2025", Punt(400)),
        "vorig_jaar": ("T2 2024", Punt(500)),
    }
    base.update(changes)
    return Reeks(**base)  # type: ignore[arg-type]


def test_rise_against_previous_and_fall_against_last_year() -> None:
    # 450 / 400 = 1,125 → +12,5%; 450 / 500 = 0,9 → −10,0%
    assert beschrijf(reeks()) == (
        "In T2 2025 was het aantal meldingen 450. "
        "Ten opzichte van T1 2025 (400) is dat een stijging van 12,5%. "
        "Ten opzichte van dezelfde periode een jaar eerder (T2 2024: 500) is dat een daling van 10,0%."
    )


def test_fall_with_direction_and_norm() -> None:
    # 30 / 40 = 0,75 → −25,0%; lower is better, so favourable; 30 days is above the norm of 28
    r = reeks(
        onderwerp="de gemiddelde wachttijd",
        eenheid="dagen",
        huidig=Punt(30),
        vorige=("T1 2025", Punt(40)),
        vorig_jaar=None,
        richting="lager_beter",
        norm=NormWaarde(28, "max", "maximaal 28 dagen"),
    )
    assert beschrijf(r) == (
        "In T2 2025 was de gemiddelde wachttijd 30,0 dagen. Dat is boven de norm (maximaal 28 dagen). "
        "Ten opzichte van T1 2025 (40,0 dagen) is dat een daling van 25,0%. "
        "Omdat lager hier beter is, is dat een gunstige ontwikkeling."
    )


def test_minimum_norm_met() -> None:
    r = reeks(
        eenheid="procent",
        huidig=Punt(82.0),
        vorige=None,
        vorig_jaar=None,
        onderwerp="het aandeel in band 1",
        norm=NormWaarde(80, "min", "minstens 80%"),
    )
    assert beschrijf(r) == "In T2 2025 was het aandeel in band 1 82,0%. Dat voldoet aan de norm (minstens 80%)."


def test_no_change() -> None:
    r = reeks(huidig=Punt(400), vorig_jaar=None)
    assert beschrijf(r) == "In T2 2025 was het aantal meldingen 400. Dat is gelijk aan T1 2025 (400)."


def test_percentages_change_in_points() -> None:
    # 12,5% against 10,0%: 2,5 percentage points, not 25%
    r = reeks(
        onderwerp="de uitval", eenheid="procent", huidig=Punt(12.5), vorige=("T1 2025", Punt(10.0)), vorig_jaar=None
    )
    assert beschrijf(r) == (
        "In T2 2025 was de uitval 12,5%. Ten opzichte van T1 2025 (10,0%) is dat een stijging van 2,5 procentpunt."
    )
    assert verandering(12.5, 12.52, "procent") == ("gelijk", "")


def test_plural_subject_takes_plural_verb() -> None:
    r = reeks(onderwerp="de gemaakte kosten", eenheid="euro", huidig=Punt(2_000_000), vorige=None, vorig_jaar=None)
    assert beschrijf(r) == "In T2 2025 waren de gemaakte kosten € 2.000.000."


def test_missing_data_says_what_is_missing() -> None:
    missing = Punt(None, "niet_beschikbaar", "niet beschikbaar: de levering bevat geen veilig_thuis.uitkomst")
    r = reeks(onderwerp="het aantal onderzoeken", huidig=missing)
    assert beschrijf(r) == (
        "Het aantal onderzoeken in T2 2025 is niet beschikbaar: de uitkomst van het onderzoek door Veilig Thuis "
        "is niet aangeleverd."
    )


def test_no_record_at_all() -> None:
    r = reeks(huidig=Punt(None, "ontbreekt"), vorige=None, vorig_jaar=None)
    assert beschrijf(r) == "Het aantal meldingen in T2 2025 is niet bekend: er zijn geen gegevens voor deze periode."


def test_suppressed_current_value_is_never_described() -> None:
    r = reeks(
        onderwerp="het aantal klachten",
        huidig=Punt(None, "onderdrukt", ONDERDRUKT),
        delen=(("Zorgloket", Punt(None, "onderdrukt", ONDERDRUKT)),),
    )
    text = beschrijf(r)
    assert text == (
        "Het aantal klachten in T2 2025 wordt niet getoond: het gaat om minder dan 5 jongeren "
        "(bescherming van de privacy)."
    )


def test_secondary_suppression_is_explained_differently() -> None:
    hidden = Punt(None, "onderdrukt", "aanvullend onderdrukt zodat de andere cel niet is terug te rekenen")
    assert beschrijf(reeks(huidig=hidden, vorige=None, vorig_jaar=None)) == (
        "Het aantal meldingen in T2 2025 wordt niet getoond, zodat een ander afgeschermd cijfer niet is terug te "
        "rekenen."
    )


def test_suppressed_comparison_is_not_made() -> None:
    r = reeks(huidig=Punt(12), vorige=("T1 2025", Punt(None, "onderdrukt", ONDERDRUKT)), vorig_jaar=None)
    assert beschrijf(r) == (
        "In T2 2025 was het aantal meldingen 12. "
        "Een vergelijking met T1 2025 is niet mogelijk, omdat dat cijfer niet getoond wordt."
    )


def test_largest_contributors_with_shares_of_the_total() -> None:
    # 130 / 270 = 0,4815 → 48,1%; 80 / 270 = 0,2963 → 29,6%; the suppressed part is not mentioned
    r = reeks(
        huidig=Punt(270),
        vorige=None,
        vorig_jaar=None,
        deel_soort="meldplaats",
        delen=(
            ("Zorgloket", Punt(80)),
            ("Wijkteam", Punt(130)),
            ("Regisseur", Punt(60)),
            ("JB-tafel", Punt(None, "onderdrukt", ONDERDRUKT)),
        ),
    )
    assert beschrijf(r) == (
        "In T2 2025 was het aantal meldingen 270. "
        "Het grootste deel komt van Wijkteam (130; 48,1%), gevolgd door Zorgloket (80; 29,6%)."
    )


def test_overlapping_categories_get_no_shares() -> None:
    r = reeks(
        huidig=Punt(150),
        vorige=None,
        vorig_jaar=None,
        additief=False,
        onderwerp="het aantal jeugdigen",
        delen=(("Care", Punt(100)), ("Cure", Punt(70))),
    )
    assert beschrijf(r).endswith("De grootste groep is Care (100), gevolgd door Cure (70).")


def test_notable_wijken_highest_and_lowest() -> None:
    r = reeks(
        huidig=Punt(120),
        vorige=None,
        vorig_jaar=None,
        deel_soort="wijk",
        delen=(
            ("Berflo Es", Punt(75)),
            ("Groot Driene", Punt(15)),
            ("Woolde", Punt(30)),
        ),
    )
    assert beschrijf(r).endswith("Het hoogst is Berflo Es (75), het laagst Groot Driene (15).")


def test_budget_overrun() -> None:
    # 600.000 / 1.000.000 = 60,0%; (1.100.000 − 1.000.000) / 1.000.000 = 10,0% above
    text = beschrijf_budget("2025", Punt(1_000_000), Punt(600_000), Punt(1_100_000))
    assert text == (
        "Tot nu toe is in 2025 € 600.000 gerealiseerd: 60,0% van het budget van € 1.000.000. "
        "De prognose voor heel 2025 (€ 1.100.000) ligt 10,0% boven het budget: een overschrijding van € 100.000."
    )


def test_budget_without_forecast_or_budget() -> None:
    assert beschrijf_budget("2025", Punt(1_000_000), Punt(None, "ontbreekt"), Punt(None, "niet_beschikbaar")) == (
        "Een prognose voor heel 2025 is niet beschikbaar."
    )
    assert beschrijf_budget("2025", Punt(None, "ontbreekt"), Punt(5), Punt(6)) == (
        "Voor 2025 is geen budget bekend, zodat realisatie en prognose niet te vergelijken zijn."
    )


def test_empty_section() -> None:
    assert wat_zien_we([]) == "Voor deze sectie zijn (nog) geen cijfers beschikbaar."


def test_municipality_beside_the_region() -> None:
    r = reeks(onderwerp="het bereik", eenheid="procent", huidig=Punt(8.8), vorige=None, vorig_jaar=None,
              regio=Punt(9.2), deel_soort="gemeente",
              delen=(("Borne", Punt(7.9)), ("Enschede", Punt(9.6)), ("Hengelo", Punt(8.8))))  # fmt: skip
    assert beschrijf(r) == (
        "In T2 2025 was het bereik 8,8%. In de regio als geheel was dat 9,2%. "
        "Het hoogst is Enschede (9,6%), het laagst Borne (7,9%)."
    )


# ------------------------------------------------------------------ review of the demo set (issue 4)


def test_scores_change_in_points_and_equal_when_they_read_equal() -> None:
    # a rapportcijfer 7,9 against 7,6: 0,3 punt, not "3,9%"
    r = reeks(onderwerp="het gemiddelde rapportcijfer", eenheid="score", huidig=Punt(7.9), vorige=None,
              vorig_jaar=("2024", Punt(7.6)))  # fmt: skip
    assert beschrijf(r) == (
        "In T2 2025 was het gemiddelde rapportcijfer 7,9. Ten opzichte van dezelfde periode een jaar eerder "
        "(2024: 7,6) is dat een stijging van 0,3 punt."
    )
    # 7,58 and 7,61 both read 7,6: the reader sees no change, so the text says none (not "a fall of 0,4%")
    assert verandering(7.58, 7.61, "score") == ("gelijk", "")
    assert verandering(1000.4, 1000.0, "aantal") == ("gelijk", "")  # 1.000 and 1.000


def test_unknown_is_never_the_highest_or_the_lowest() -> None:
    # Wijk onbekend (2) is the lowest number but no wijk anyone can act on: the lowest named wijk is Noord (22)
    r = reeks(
        huidig=Punt(172), vorige=None, vorig_jaar=None, deel_soort="wijk",
        delen=(("Berflo Es", Punt(75)), ("Noord", Punt(22)), ("Woolde", Punt(73)), ("Wijk onbekend", Punt(2))),
    )  # fmt: skip
    assert beschrijf(r).endswith("Het hoogst is Berflo Es (75), het laagst Noord (22).")


def test_an_unknown_contributor_is_named_as_unknown() -> None:
    # 4.172 / 10.024 = 0,4162 → 41,6%; 2.432 / 10.024 = 0,2426 → 24,3%
    r = reeks(
        onderwerp="de kosten", eenheid="euro", huidig=Punt(10024), vorige=None, vorig_jaar=None,
        deel_soort="productgroep",
        delen=(("Spec. Jeugdzorg", Punt(4172)), ("Onbekend", Punt(2432)), ("Begeleiding", Punt(1068))),
    )  # fmt: skip
    assert beschrijf(r).endswith(
        "Het grootste deel komt van Spec. Jeugdzorg (€ 4.172; 41,6%), gevolgd door een onbekende zorgvorm "
        "(€ 2.432; 24,3%)."
    )


def test_not_yet_to_be_judged_says_why_and_gives_the_last_known_figure() -> None:
    from datetime import date

    from jeugdmonitor.outputs.rapport.ontbrekend import nog_niet_tekst

    # T2 2025 ends 31 August 2025; 182 days later is 1 March 2026 (30+31+30+31+31+28 = 181 → 28 Feb, +1)
    why = nog_niet_tekst(182, date(2026, 3, 1), date(2025, 10, 31))
    r = reeks(onderwerp="de terugkeer binnen 6 maanden", eenheid="procent",
              huidig=Punt(None, "niet_beschikbaar", why), vorige=("T1 2025", Punt(14.5)),
              vorig_jaar=("T2 2024", Punt(14.7)))  # fmt: skip
    assert beschrijf(r) == (
        "De terugkeer binnen 6 maanden in T2 2025 is nog niet te beoordelen: dit cijfer kijkt 182 dagen vooruit "
        "na het einde van de hulp, en voor deze periode loopt die termijn tot 1 maart 2026, na de peildatum "
        "(31 oktober 2025). Het laatst bekende cijfer, over T1 2025, is 14,5%."
    )


def test_missing_inputs_in_plain_dutch() -> None:
    from jeugdmonitor.outputs.rapport.ontbrekend import leesbaar

    assert leesbaar("niet beschikbaar: de levering bevat geen aanmeldingen.datum") == (
        "de datum van aanmelding bij de toegang is niet aangeleverd",
        "aanmeldingen.datum",
    )
    assert leesbaar("niet beschikbaar: de levering bevat geen budget, kosten.traject_id | kosten.client") == (
        "het budget en het traject bij de kosten of de jeugdige bij de kosten zijn niet aangeleverd",
        "budget, kosten.traject_id | kosten.client",
    )
    # a column the mapping does not know stays readable, never a bare code
    assert leesbaar("niet beschikbaar: de levering bevat geen kosten.nieuw_veld")[0] == (
        "de kolom nieuw veld bij de kosten is niet aangeleverd"
    )


def test_forward_looking_periods_are_marked_not_yet_judged() -> None:
    from datetime import date

    from jeugdmonitor.engine.records import Record
    from jeugdmonitor.outputs.rapport.ontbrekend import nog_niet_te_beoordelen

    peil = date(2025, 10, 31)
    t1 = Record("uitkomst.terugkeer_6m", "2025-T1", "GM0164", "procent", "ok", 14.5, 29, 200, maat="totaal")
    t2 = t1.with_(periode="2025-T2", waarde=0.0, teller=0, noemer=3)  # judged on 1 and 2 May only
    other = Record("kern.gebruik", "2025-T2", "GM0164", "aantal", "ok", 1379.0)
    out = nog_niet_te_beoordelen([t1, t2, other], peil, {"uitkomst.terugkeer_6m": ["2025-T1", "2025-T2", "2025-T3"]})
    by = {(r.indicator, r.periode): r for r in out}
    # T1 ends 30 April 2025; + 182 days = 29 October 2025 ≤ 31 October: judged, kept
    assert by[("uitkomst.terugkeer_6m", "2025-T1")] == t1
    # T2: 1 March 2026 > peildatum: no figure, and why
    judged = by[("uitkomst.terugkeer_6m", "2025-T2")]
    assert (judged.status, judged.waarde, judged.teller, judged.noemer) == ("niet_beschikbaar", None, None, None)
    assert judged.toelichting.startswith("nog niet te beoordelen") and "1 maart 2026" in judged.toelichting
    # T3 (September–December) starts before the peildatum; the engine gave no record: one is added
    assert by[("uitkomst.terugkeer_6m", "2025-T3")].status == "niet_beschikbaar"
    assert by[("kern.gebruik", "2025-T2")] == other  # an indicator that looks back is left alone
