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
        "Het aantal onderzoeken in T2 2025 is niet beschikbaar: de levering bevat geen veilig_thuis.uitkomst."
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
