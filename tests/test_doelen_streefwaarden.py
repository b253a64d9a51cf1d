"""Each target type on worked examples: on the path, behind, achieved, no data, baseline missing; and the trend
test (Mann-Kendall) on a falling, a flat and a noisy series. Expected values are worked out by hand below."""

from __future__ import annotations

import pytest

from jeugdmonitor.catalog.doelen import Streefwaarde, Tolerantie
from jeugdmonitor.engine.streefwaarden import (
    BEHAALD,
    GEEN_GEGEVENS,
    NIET_OP_KOERS,
    OP_KOERS,
    RISICO,
    toets_grens,
    toets_pad,
    toets_richting,
    verwachte_verandering,
)
from jeugdmonitor.engine.streefwaarden import Tolerantie as Tol
from jeugdmonitor.engine.trend import mann_kendall

STANDAARD = Tol(2.0, 5.0)  # the defaults of the path types: 2 and 5 percentage points

# −30% in 2027 against 2024: a straight path of −10 points a year
MIN30 = Streefwaarde(soort="verandering", tekst="30% minder", basisjaar=2024, doeljaar=2027, verandering=-30)
# −5% a year, at least −15% by 2027 against 2024
JAARLIJKS = Streefwaarde(
    soort="jaarlijks", tekst="5% per jaar", basisjaar=2024, doeljaar=2027, per_jaar=-5, verandering=-15
)
# +10% a year up to +40% in 2028 against 2025
GROEI = Streefwaarde(soort="groeipad", tekst="10% per jaar", basisjaar=2025, doeljaar=2028, per_jaar=10, verandering=40)


@pytest.mark.parametrize(
    ("waarde", "status"),
    [
        (910, OP_KOERS),  # −9%: 1 point behind the −10% of 2025, within 2
        (940, RISICO),  # −6%: 4 points behind, more than 2, at most 5
        (980, NIET_OP_KOERS),  # −2%: 8 points behind
        (880, OP_KOERS),  # −12%: ahead of the path
        (690, BEHAALD),  # −31%: the final target (−30%) is reached already
    ],
)
def test_relative_change_in_2025(waarde: float, status: str) -> None:
    b = toets_pad(MIN30, 2025, waarde, 1000, STANDAARD, "aantal")
    assert b.status == status, b.uitleg
    assert b.verwacht == pytest.approx(900)  # 1000 × (1 − 0,10)
    assert b.eindwaarde == pytest.approx(700)  # 1000 × (1 − 0,30)


def test_relative_change_in_the_target_year_is_no_longer_on_course() -> None:
    assert toets_pad(MIN30, 2027, 720, 1000, STANDAARD, "aantal").status == RISICO  # −28%: 2 short, within 5
    assert toets_pad(MIN30, 2027, 800, 1000, STANDAARD, "aantal").status == NIET_OP_KOERS  # −20%: 10 short
    assert toets_pad(MIN30, 2028, 700, 1000, STANDAARD, "aantal").status == BEHAALD  # exactly −30%


def test_baseline_year_no_data_and_baseline_missing() -> None:
    base = toets_pad(MIN30, 2024, 1000, 1000, STANDAARD, "aantal")
    assert base.status == OP_KOERS and "basisjaar" in base.uitleg
    assert toets_pad(MIN30, 2023, 1000, None, STANDAARD, "aantal").status == GEEN_GEGEVENS
    no_value = toets_pad(MIN30, 2025, None, 1000, STANDAARD, "aantal")
    assert no_value.status == GEEN_GEGEVENS and "geen waarde voor 2025" in no_value.uitleg
    no_base = toets_pad(MIN30, 2025, 900, None, STANDAARD, "aantal")
    assert no_base.status == GEEN_GEGEVENS and "basisjaar 2024" in no_base.uitleg
    zero = toets_pad(MIN30, 2025, 5, 0, STANDAARD, "aantal")
    assert zero.status == GEEN_GEGEVENS and "is 0" in zero.uitleg


def test_yearly_rate_with_a_floor() -> None:
    # 2025: 0,95 − 1 = −5% and the floor's straight line −5%: −5%
    assert verwachte_verandering(JAARLIJKS, 2025) == pytest.approx(-5.0)
    # 2026: 0,95² − 1 = −9,75%, the floor's line −10%: the more demanding −10%
    assert verwachte_verandering(JAARLIJKS, 2026) == pytest.approx(-10.0)
    # 2027: 0,95³ − 1 = −14,26%, the floor −15%: −15%
    assert verwachte_verandering(JAARLIJKS, 2027) == pytest.approx(-15.0)
    assert toets_pad(JAARLIJKS, 2026, 182, 200, STANDAARD, "dagen").status == OP_KOERS  # −9%: 1 behind −10%
    assert toets_pad(JAARLIJKS, 2026, 192, 200, STANDAARD, "dagen").status == NIET_OP_KOERS  # −4%: 6 behind
    assert toets_pad(JAARLIJKS, 2026, 170, 200, STANDAARD, "dagen").status == BEHAALD  # −15% already


def test_growth_path_up_to_a_ceiling() -> None:
    assert verwachte_verandering(GROEI, 2026) == pytest.approx(10.0)  # 1,1 − 1
    assert verwachte_verandering(GROEI, 2027) == pytest.approx(21.0)  # 1,1² − 1
    assert verwachte_verandering(GROEI, 2028) == pytest.approx(40.0)  # the final level is due in 2028
    assert toets_pad(GROEI, 2027, 119, 100, STANDAARD, "aantal").status == OP_KOERS  # +19%: 2 behind +21%
    assert toets_pad(GROEI, 2028, 133, 100, STANDAARD, "aantal").status == NIET_OP_KOERS  # +33%: 7 short of 40
    assert toets_pad(GROEI, 2026, 141, 100, STANDAARD, "aantal").status == BEHAALD  # +41%
    assert toets_pad(GROEI, 2024, 90, None, STANDAARD, "aantal").status == GEEN_GEGEVENS  # before the baseline year


def test_share_per_period() -> None:
    s = Streefwaarde(soort="aandeel", tekst="minimaal 90%", minimaal=90)
    tol = Tol(0.0, 5.0)
    assert toets_grens(s, 92.0, tol, "procent").status == BEHAALD
    assert toets_grens(s, 87.0, tol, "procent").status == RISICO  # 3 points short, at most 5
    assert toets_grens(s, 80.0, tol, "procent").status == NIET_OP_KOERS  # 10 points short
    assert toets_grens(s, None, tol, "procent").status == GEEN_GEGEVENS


def test_absolute_level_and_the_forecast_against_the_budget() -> None:
    s = Streefwaarde(soort="niveau", tekst="geen wachtlijst", maximaal=0)
    tol = Tol(0.0, 5.0)
    assert toets_grens(s, 0, tol, "aantal").status == BEHAALD
    assert toets_grens(s, 3, tol, "aantal").status == RISICO
    assert toets_grens(s, 11, tol, "aantal").status == NIET_OP_KOERS
    budget = Streefwaarde(soort="niveau", tekst="geen overschrijding", maximaal_maat="budget")
    tol = Tol(0.0, 2.0)  # percent of the budget
    assert toets_grens(budget, 99.0, tol, "euro", grens=100.0).status == BEHAALD
    assert toets_grens(budget, 101.0, tol, "euro", grens=100.0).status == RISICO  # 1% over
    assert toets_grens(budget, 105.0, tol, "euro", grens=100.0).status == NIET_OP_KOERS  # 5% over
    assert toets_grens(budget, 105.0, tol, "euro", grens=None).status == GEEN_GEGEVENS


def test_tolerances_target_over_tree_over_type() -> None:
    s = Streefwaarde(soort="aandeel", tekst="90%", minimaal=90)
    assert s.tolerantie_met(None) == (0.0, 5.0, 0.05)  # the type's defaults
    assert s.tolerantie_met(Tolerantie(risico=8)) == (0.0, 8.0, 0.05)
    own = s.model_copy(update={"tolerantie": Tolerantie(op_koers=1, alpha=0.1)})
    assert own.tolerantie_met(Tolerantie(risico=8, alpha=0.01)) == (1.0, 8.0, 0.1)
    assert toets_grens(s, 86.0, Tol(0.0, 8.0), "procent").status == RISICO  # 4 short: a risk with risico 8


# ---------------------------------------------------------------------------------------------------- trend

DALEND = Streefwaarde(soort="richting", tekst="dalende trend", richting="dalend", doeljaar=2027)


def test_mann_kendall_exact_small_series() -> None:
    t = mann_kendall([4, 3, 2, 1])
    assert t.s == -6 and t.exact and t.p_dalend == pytest.approx(1 / 24)  # the only one of 4! orders
    # one swap from strictly falling: S = −9 + 1 = −8; P(S ≤ −8) = (4 + 1) / 120 (Mahonian row 5: …, 4, 1)
    t = mann_kendall([5, 4, 3, 1, 2])
    assert t.s == -8 and t.p_dalend == pytest.approx(5 / 120)
    assert mann_kendall([1, 2, 3]).p_stijgend == pytest.approx(1 / 6)


def test_mann_kendall_with_ties_uses_the_normal_approximation() -> None:
    # [1, 2, 2, 3]: S = 5; var = (4·3·13 − 2·1·9) / 18 = 138 / 18; z = (5 − 1) / √7,667 = 1,4446; p = 0,0743
    t = mann_kendall([1, 2, 2, 3])
    assert t.s == 5 and not t.exact
    assert t.p_stijgend == pytest.approx(0.0743, abs=5e-4)


def test_falling_series_is_on_course_and_achieved_without_target_year() -> None:
    reeks = [(f"p{i}", v) for i, v in enumerate([10, 9, 8, 7, 6, 5, 4, 3])]
    b = toets_richting(DALEND, 2025, reeks, Tol(0, 0, 0.05), "euro")
    assert b.status == OP_KOERS  # significant (p = 1/8! ≈ 0,00002), the target year 2027 still ahead
    assert b.details["helling"] == pytest.approx(-1.0)  # Sen: every pairwise slope is −1
    assert toets_richting(DALEND, 2027, reeks, Tol(0, 0, 0.05), "euro").status == BEHAALD
    rising = [(p, -v) for p, v in reeks]
    assert toets_richting(DALEND, 2025, rising, Tol(0, 0, 0.05), "euro").status == NIET_OP_KOERS


def test_flat_series_is_a_risk_before_the_target_year_and_a_miss_after() -> None:
    reeks = [(f"p{i}", 5.0) for i in range(6)]
    assert toets_richting(DALEND, 2025, reeks, Tol(0, 0, 0.05), "euro").status == RISICO
    assert toets_richting(DALEND, 2027, reeks, Tol(0, 0, 0.05), "euro").status == NIET_OP_KOERS
    afname = Streefwaarde(soort="richting", tekst="afname", richting="dalend")  # no target year: judged now
    assert toets_richting(afname, 2025, reeks, Tol(0, 0, 0.05), "euro").status == NIET_OP_KOERS


def test_noisy_series_is_not_a_trend() -> None:
    # pairs per start: +2, −5, +4, −1, +1, −2, +1 → S = 0: no trend either way
    values = [10, 12, 9, 11, 10, 12, 9, 11]
    assert mann_kendall(values).s == 0
    b = toets_richting(DALEND, 2025, [(f"p{i}", v) for i, v in enumerate(values)], Tol(0, 0, 0.05), "euro")
    assert b.status == RISICO and "geen significante trend" in b.uitleg


def test_too_few_periods_for_a_trend() -> None:
    b = toets_richting(DALEND, 2025, [("2024-H1", 3.0), ("2024-H2", 2.0)], Tol(0, 0, 0.05), "euro")
    assert b.status == GEEN_GEGEVENS and "ten minste 4" in b.uitleg
