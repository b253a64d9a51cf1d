"""Charts: SVG that is deterministic, never empty, in Dutch, with a text alternative; and the Dutch labels that
replace codes."""

from __future__ import annotations

import re
from itertools import pairwise

from jeugdmonitor.outputs.rapport import grafiek, labels


def test_trend_is_deterministic_svg_with_dutch_alternative() -> None:
    one = grafiek.trend("1.1.1", "Meldingen", ["T1 2025", "T2 2025"], {"Totaal": [1200.0, 1350.5]}, "aantal")
    two = grafiek.trend("1.1.1", "Meldingen", ["T1 2025", "T2 2025"], {"Totaal": [1200.0, 1350.5]}, "aantal")
    assert one is not None and two is not None
    assert one.svg == two.svg
    assert one.svg.startswith("<svg") and "<?xml" not in one.svg and "<dc:date>" not in one.svg
    assert one.alt == "Lijngrafiek van meldingen over 2 perioden. Totaal: T1 2025: 1.200, T2 2025: 1.350,5."


def test_no_empty_charts() -> None:
    assert grafiek.trend("1", "x", ["T1", "T2"], {"Totaal": [None, None]}, "aantal") is None
    assert grafiek.staven("1", "x", ["a", "b"], [None, None], "aantal") is None
    assert grafiek.staven("1", "x", ["a", "b"], [0, 0], "aantal") is None
    assert grafiek.gestapeld("1", "x", ["T1"], {"ZIN": [None], "PGB": [5.0]}, "euro") is None
    assert grafiek.stapeling("1", "x", ["Care"], [5.0], 5.0) is None
    assert grafiek.budget("1", "x", ["Totaal"], {"Budget": [None]}) is None


def test_stapeling_explains_the_difference() -> None:
    chart = grafiek.stapeling("2.1.1", "Jeugdigen per segment", ["Care", "Cure"], [100.0, 70.0], 150.0)
    assert chart is not None
    assert chart.alt.endswith(
        "Opgeteld 170, terwijl het om 150 unieke jeugdigen gaat: het verschil (20) zijn "
        "jeugdigen die in meer dan één categorie hulp krijgen."
    )


def test_budget_chart_alternative_in_euros() -> None:
    chart = grafiek.budget("1", "Budget", ["Totaal"], {"Budget": [1_000_000.0], "Prognose": [1_100_000.0]})
    assert chart is not None
    assert chart.alt == "Staafdiagram van budget. Totaal: Budget € 1.000.000, Prognose € 1.100.000."


def test_stacked_skips_a_period_with_a_hidden_part() -> None:
    chart = grafiek.gestapeld("1", "Kosten", ["T1", "T2"], {"ZIN": [10.0, 12.0], "PGB": [None, 3.0]}, "euro")
    assert chart is not None
    assert chart.alt == "Gestapeld staafdiagram van kosten. T2: ZIN € 12,00, PGB € 3,00."


def test_labels_replace_codes() -> None:
    assert labels.waarde_label("meldplaats", "jb_tafel") == "JB-tafel"
    assert labels.waarde_label("verwijzer", "02") == "Huisarts"
    assert labels.waarde_label("wijk", "WK016405", {"WK016405": "Berflo Es"}) == "Berflo Es"
    assert labels.waarde_label("wijk", "WK015303") == "Enschede wijk 03"
    assert labels.waarde_label("aanbieder", "Zorg Oost") == "Zorg Oost"
    assert labels.waarde_label("vervolg", "nieuw_soort") == "Nieuw soort"
    assert labels.maat_label("03") == "Voortijdig afgesloten: eenzijdig door de cliënt"
    assert labels.gemeente_naam("GM0164") == "Hengelo"
    assert labels.regio_naam(["GM0164", "GM0153"]) == "Regio Twente"


def test_period_labels() -> None:
    assert labels.periode_kort("2025-T2") == "T2 2025"
    assert labels.periode_kort("2025-03") == "mrt 2025"
    assert labels.periode_kort("2025") == "2025"
    assert labels.periode_tekst("2025-T2") == "tweede tertaal 2025 (1 mei 2025 – 31 augustus 2025)"
    assert labels.periode_tekst("2025-Q1") == "eerste kwartaal 2025 (1 januari 2025 – 31 maart 2025)"


def test_bands_against_their_norm_80_16_4() -> None:
    chart = grafiek.staven(
        "5.2.1", "Toewijzingen per zwaarteband", ["Band 1 (licht)", "Band 2 (middel)", "Band 3 (zwaar)"],
        [77.1, 19.0, 4.0], "procent", normen=[80, 16, 4],
    )  # fmt: skip
    assert chart is not None
    assert chart.alt == (
        "Staafdiagram van toewijzingen per zwaarteband: Band 1 (licht): 77,1% (norm 80,0%); "
        "Band 2 (middel): 19,0% (norm 16,0%); Band 3 (zwaar): 4,0% (norm 4,0%)."
    )
    assert ">Norm<" in chart.svg  # the legend names the stripes


def test_long_bar_labels_wrap_instead_of_being_cut() -> None:
    # cut at 40 characters, "…eenzijdig door d…" hid whether the client or the provider ended the help
    names = ["Voortijdig afgesloten: eenzijdig door de cliënt", "Voortijdig afgesloten: eenzijdig door de aanbieder"]
    chart = grafiek.staven("3.1.1", "Reden beëindiging", names, [16.0, 9.0], "aantal")
    assert chart is not None
    assert "door de aanbieder" in chart.svg and "door de cliënt" in chart.svg and "…" not in chart.svg


def test_forecast_range_is_shaded_and_described() -> None:
    chart = grafiek.trend(
        "2.2.1", "Jaarprognose", ["okt 2025", "nov 2025", "dec 2025"],
        {"Verplichtingen": [29.0e6, 31.8e6, 34.4e6], "Prognose": [None, 32.1e6, 35.0e6]}, "euro",
        band=("Bandbreedte prognose", [None, 32.0e6, 34.8e6], [None, 32.2e6, 35.2e6]), gestippeld=["Prognose"],
    )  # fmt: skip
    assert chart is not None
    assert chart.alt.endswith(
        "Bandbreedte prognose: nov 2025: € 32.000.000 tot € 32.200.000, dec 2025: € 34.800.000 tot € 35.200.000."
    )
    assert "Bandbreedte prognose" in chart.svg


def test_measure_labels_per_indicator() -> None:
    assert labels.maat_label("aandeel") == "Aandeel"
    assert labels.maat_label("aandeel", "kern.budget") == "Realisatie in % van budget"
    assert labels.maat_label("prognose", "hengelo.K13") == "Prognose"  # a month's row: not "jaareinde"
    assert labels.MAAT_ONDERWERP["in_zorg"] == "het aantal jeugdigen in zorg"  # never "de in zorg"


def test_value_ticks_and_legend_fit_beside_long_labels() -> None:
    """Beside long perceel names the plot is narrow: its euro ticks must not run into one another (at 9 points a
    character is about 5.5 points wide, so centres at least 6 points a character apart), and the legend ends
    within the figure (the SVG is 460.8 points wide: 6.4 inches)."""
    chart = grafiek.budget(
        "1.1.1",
        "Budget",
        ["Verblijf en ambulante alternatieven", "Ambulante begeleiding"],
        {"Budget": [11_824_000.0, 5_886_000.0], "Realisatie": [8_018_108.0, 4_265_254.0],
         "Prognose jaareinde": [11_829_959.0, 6_417_315.0]},
    )  # fmt: skip
    assert chart is not None
    ticks = re.findall(r'x="([\d.]+)" y="[\d.]+" transform="rotate\(-0 [^"]*\)">(€ [^<]*)</text>', chart.svg)
    assert len(ticks) >= 2
    xs = [float(x) for x, _ in ticks]
    widest = max(len(label) for _, label in ticks)
    assert all(b - a >= 6 * widest for a, b in pairwise(xs))
    legend = chart.svg[chart.svg.index("legend_1") :]
    entries = re.findall(r'<text[^>]* x="([\d.]+)"[^>]*>([^<]*)</text>', legend)
    assert [label for _, label in entries] == ["Budget", "Realisatie", "Prognose jaareinde"]
    assert all(float(x) + 5 * len(label) <= 460.8 for x, label in entries)  # 8 points: about 5 a character
