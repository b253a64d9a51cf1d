"""Judging one target (streefwaarde) on numbers: pure functions, no store, so each rule is testable by hand.

Every judgement gives a status (``behaald``, ``op koers``, ``risico``, ``niet op koers``, ``geen gegevens``),
the numbers behind it and a Dutch explanation of why. The rules, with the tolerances ``op_koers`` ≤ ``risico``:

- path targets (verandering, jaarlijks, groeipad): the change against the baseline year is held against the
  change the path expects in this year. ``behaald`` once the final target is reached; otherwise a shortfall
  of at most ``op_koers`` percentage points is ``op koers``, at most ``risico`` is ``risico``, more is ``niet op
  koers``. From the target year on, a target not reached is ``risico`` (within ``risico``) or ``niet op koers``.
  The baseline year itself is ``op koers`` (it is the starting point); a year before it is not judged.
- bounds (aandeel, niveau): met is ``behaald``; a shortfall of at most ``op_koers`` (default 0) is ``op koers``,
  at most ``risico`` is ``risico``, more is ``niet op koers``.
- direction (richting): Mann-Kendall at level ``alpha``. A significant trend the right way is ``op koers``
  before the target year and ``behaald`` from it (or without one); significant the wrong way is ``niet op
  koers``; not significant is ``risico`` while the slope points the right way or the target year is still
  ahead, and ``niet op koers`` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jeugdmonitor.catalog.doelen import Streefwaarde
from jeugdmonitor.engine.trend import mann_kendall
from jeugdmonitor.formatting import fmt_euro, fmt_getal

BEHAALD = "behaald"
OP_KOERS = "op koers"
RISICO = "risico"
NIET_OP_KOERS = "niet op koers"
GEEN_GEGEVENS = "geen gegevens"
STATUSSEN = (BEHAALD, OP_KOERS, RISICO, NIET_OP_KOERS, GEEN_GEGEVENS)
ERNST = {BEHAALD: 0, OP_KOERS: 1, RISICO: 2, NIET_OP_KOERS: 3}  # for a goal: its worst target


@dataclass(frozen=True)
class Tolerantie:
    op_koers: float
    risico: float
    alpha: float = 0.05


@dataclass(frozen=True)
class Beoordeling:
    status: str
    uitleg: str
    waarde: float | None = None
    basiswaarde: float | None = None
    verwacht: float | None = None  # the value the path or norm expects in this period
    eindwaarde: float | None = None  # the value the target asks for in the target year
    details: dict[str, float | str] = field(default_factory=dict)


def fmt_waarde(value: float | None, eenheid: str) -> str:
    """A value in its unit, in Dutch: '637', '86,2%', '€ 57.233', '325,4 dagen'."""
    if value is None:
        return "–"
    if eenheid == "euro":
        return fmt_euro(value)
    decimals = 0 if eenheid == "aantal" or abs(value) >= 1000 else 1
    text = fmt_getal(value, decimals)
    return {"procent": f"{text}%", "dagen": f"{text} dagen", "weken": f"{text} weken"}.get(eenheid, text)


def fmt_verandering(pct: float) -> str:
    """+10,0% / −30,0%."""
    return ("+" if pct > 0 else "−" if pct < 0 else "") + fmt_getal(abs(pct), 1) + "%"


def fmt_punten(pp: float) -> str:
    return f"{fmt_getal(pp, 1)} procentpunt"


# ------------------------------------------------------------------------------------------------ path targets


def verwachte_verandering(s: Streefwaarde, jaar: int) -> float:
    """The change (percent against the baseline) the path of ``s`` expects in ``jaar`` (≥ the baseline year)."""
    assert s.basisjaar is not None and s.doeljaar is not None and s.verandering is not None
    steps, span = jaar - s.basisjaar, s.doeljaar - s.basisjaar
    straight = s.verandering * min(steps, span) / span
    if s.soort == "verandering":
        return straight
    assert s.per_jaar is not None
    compound = ((1 + s.per_jaar / 100) ** steps - 1) * 100
    if s.soort == "jaarlijks":  # the more demanding of the yearly rate and the floor's straight path
        compound = ((1 + s.per_jaar / 100) ** min(steps, span) - 1) * 100
        return min(compound, straight) if s.verandering < 0 else max(compound, straight)
    if jaar >= s.doeljaar:  # groeipad: the final level is due in the target year
        return s.verandering
    return min(compound, s.verandering) if s.verandering > 0 else max(compound, s.verandering)


def _stap(achterstand: float, tol: Tolerantie, na_doeljaar: bool) -> str:
    achterstand = round(achterstand, 9)  # 1,1² − 1 is 0,21000000000000002: a shortfall of exactly 2 is 2
    if na_doeljaar:
        return RISICO if achterstand <= tol.risico else NIET_OP_KOERS
    if achterstand <= tol.op_koers:
        return OP_KOERS
    return RISICO if achterstand <= tol.risico else NIET_OP_KOERS


def toets_pad(
    s: Streefwaarde, jaar: int, waarde: float | None, basis: float | None, tol: Tolerantie, eenheid: str,
    vergelijking: str = "",
) -> Beoordeling:  # fmt: skip
    """A path target in ``jaar``: ``waarde`` against ``basis`` (the baseline year over the same stretch of the
    year: ``vergelijking`` says which, for a year not yet complete)."""
    assert s.basisjaar is not None and s.doeljaar is not None and s.verandering is not None
    doel = f"{fmt_verandering(s.verandering)} in {s.doeljaar} ten opzichte van {s.basisjaar}"
    if jaar < s.basisjaar:
        return Beoordeling(GEEN_GEGEVENS, f"De streefwaarde ({doel}) loopt vanaf het basisjaar {s.basisjaar}; "
                           f"{jaar} ligt daarvoor.", waarde)  # fmt: skip
    if basis is None:
        return Beoordeling(GEEN_GEGEVENS, f"Er is geen waarde voor het basisjaar {s.basisjaar}{vergelijking}; "
                           "zonder vertrekpunt is de verandering niet te bepalen.", waarde)  # fmt: skip
    if basis == 0:
        return Beoordeling(GEEN_GEGEVENS, f"De waarde in het basisjaar {s.basisjaar} is 0; een verandering in "
                           "procenten is dan niet te berekenen.", waarde, basis)  # fmt: skip
    eind = basis * (1 + s.verandering / 100)
    if waarde is None:
        return Beoordeling(GEEN_GEGEVENS, f"Er is geen waarde voor {jaar}.", None, basis, eindwaarde=eind)
    w, b = fmt_waarde(waarde, eenheid), fmt_waarde(basis, eenheid)
    if jaar == s.basisjaar:
        return Beoordeling(OP_KOERS, f"{jaar} is het basisjaar: {w} is het vertrekpunt voor {doel} "
                           f"(dat is {fmt_waarde(eind, eenheid)}).", waarde, basis, basis, eind)  # fmt: skip
    richting = 1 if s.verandering > 0 else -1
    werkelijk = (waarde / basis - 1) * 100
    verwacht_pct = verwachte_verandering(s, jaar)
    verwacht = basis * (1 + verwacht_pct / 100)
    details: dict[str, float | str] = {"verandering": werkelijk, "verwachte_verandering": verwacht_pct}
    begin = (
        f"In {jaar} is de waarde {w}, {fmt_verandering(werkelijk)} ten opzichte van {b} in {s.basisjaar}{vergelijking}."
    )
    if round(richting * (werkelijk - s.verandering), 9) >= 0:
        return Beoordeling(BEHAALD, f"{begin} De streefwaarde ({doel}) is daarmee bereikt.", waarde, basis,
                           verwacht, eind, details)  # fmt: skip
    achterstand = richting * (verwacht_pct - werkelijk)
    details["achterstand"] = achterstand
    status = _stap(achterstand, tol, jaar >= s.doeljaar)
    pad = f"Het pad naar {doel} vraagt in {jaar} {fmt_verandering(verwacht_pct)} ({fmt_waarde(verwacht, eenheid)})"
    if achterstand <= 0:
        reden = f"{pad}; de ontwikkeling loopt daar {fmt_punten(-achterstand)} op vóór."
    elif jaar >= s.doeljaar:
        reden = f"{pad}; het doeljaar is bereikt en de streefwaarde niet, {fmt_punten(achterstand)} te weinig."
    else:
        reden = f"{pad}; de achterstand is {fmt_punten(achterstand)} {_marge(status, tol)}."
    if s.soort == "jaarlijks" and s.per_jaar is not None:
        reden += f" Afgesproken is gemiddeld {fmt_verandering(s.per_jaar)} per jaar, met ten minste {doel}."
    return Beoordeling(status, f"{begin} {reden}", waarde, basis, verwacht, eind, details)


def _marge(status: str, tol: Tolerantie, eenheid: str = "procentpunt") -> str:
    """Which tolerance the shortfall fell within, in the unit the tolerances are in."""

    def t(x: float) -> str:
        return f"{fmt_getal(x, 1)} procentpunt" if eenheid == "procentpunt" else eenheid.format(fmt_getal(x, 1))

    if status == OP_KOERS:
        return f"(binnen de marge van {t(tol.op_koers)} voor op koers)"
    if status == RISICO:
        return f"(meer dan {t(tol.op_koers)}, ten hoogste {t(tol.risico)}: risico)"
    return f"(meer dan de marge van {t(tol.risico)} voor risico)"


# ------------------------------------------------------------------------------------------------------ bounds


def toets_grens(
    s: Streefwaarde, waarde: float | None, tol: Tolerantie, eenheid: str, grens: float | None = None,
    periode: str = "",
) -> Beoordeling:  # fmt: skip
    """A share or level target: at least ``minimaal`` or at most ``maximaal`` (or ``grens``, the value of the
    measure ``maximaal_maat``, where the tolerances are percent of that value)."""
    in_periode = f" in {periode}" if periode else ""
    if waarde is None:
        return Beoordeling(GEEN_GEGEVENS, f"De indicator heeft{in_periode} geen uitkomst voor deze maat: er was niets "
                           "te meten (bijvoorbeeld geen gestarte trajecten van deze soort).")  # fmt: skip
    w = fmt_waarde(waarde, eenheid)
    if s.maximaal_maat is not None:
        if grens is None:
            return Beoordeling(GEEN_GEGEVENS, f"Er is geen {s.maximaal_maat}{in_periode} om de waarde {w} tegen "
                               "te houden.", waarde)  # fmt: skip
        tekort = (waarde - grens) / abs(grens) * 100 if grens else (0.0 if waarde <= 0 else float("inf"))
        bound, soort, tol_eenheid = grens, "hoogstens", "{}% van de " + s.maximaal_maat
        verschil = f"{fmt_getal(tekort, 1)}% van de {s.maximaal_maat}" if tekort != float("inf") else "alles"
    else:
        if s.minimaal is not None:
            tekort, bound, soort = s.minimaal - waarde, s.minimaal, "ten minste"
        else:
            assert s.maximaal is not None
            tekort, bound, soort = waarde - s.maximaal, s.maximaal, "hoogstens"
        if eenheid == "procent":
            tol_eenheid, verschil = "procentpunt", fmt_punten(tekort)
        else:
            tol_eenheid = fmt_waarde(0, eenheid).replace("0", "{}", 1)
            verschil = fmt_waarde(tekort, eenheid)
    norm = fmt_waarde(bound, eenheid)
    begin = f"De waarde{in_periode} is {w}; de streefwaarde is {soort} {norm}."
    details: dict[str, float | str] = {"tekort": tekort}
    if round(tekort, 9) <= 0:
        return Beoordeling(BEHAALD, f"{begin} Die is gehaald.", waarde, verwacht=bound, eindwaarde=bound,
                           details=details)  # fmt: skip
    status = _stap(tekort, tol, na_doeljaar=False)
    reden = f"Het verschil is {verschil} {_marge(status, tol, tol_eenheid)}."
    return Beoordeling(status, f"{begin} {reden}", waarde, verwacht=bound, eindwaarde=bound, details=details)


# --------------------------------------------------------------------------------------------------- direction


def toets_richting(
    s: Streefwaarde, jaar: int, reeks: list[tuple[str, float]], tol: Tolerantie, eenheid: str
) -> Beoordeling:
    """A direction target on ``reeks``, the (period, value) pairs of the complete periods in time order."""
    wanted = s.richting or "dalend"
    laatst = reeks[-1][1] if reeks else None
    if len(reeks) < s.min_perioden:
        return Beoordeling(GEEN_GEGEVENS, f"Voor een trendtoets zijn ten minste {s.min_perioden} volledige perioden "
                           f"nodig; er zijn er {len(reeks)} met een waarde.", laatst)  # fmt: skip
    values = [v for _, v in reeks]
    t = mann_kendall(values)
    p_goed, p_fout = (t.p_dalend, t.p_stijgend) if wanted == "dalend" else (t.p_stijgend, t.p_dalend)
    goede_kant = t.helling < 0 if wanted == "dalend" else t.helling > 0
    ahead = s.doeljaar is not None and jaar < s.doeljaar
    if p_goed < tol.alpha:
        status, oordeel = (OP_KOERS if ahead else BEHAALD), f"een significant {wanted}e trend"
    elif p_fout < tol.alpha:
        status = NIET_OP_KOERS
        oordeel = f"een significant {'stijgende' if wanted == 'dalend' else 'dalende'} trend, de verkeerde kant op"
    elif goede_kant or ahead:
        status, oordeel = (
            RISICO,
            "geen significante trend" + (" (de helling wijst de goede kant op)" if goede_kant else ""),
        )
    else:
        status, oordeel = NIET_OP_KOERS, "geen significante trend, en de helling wijst niet de goede kant op"
    periodes = f"{reeks[0][0]} tot en met {reeks[-1][0]}"
    p = min(p_goed, p_fout)
    uitleg = (
        f"Over {t.n} perioden ({periodes}) geeft de Mann-Kendall-toets {oordeel} (p = {fmt_getal(p, 3)}, "
        f"grens {fmt_getal(tol.alpha, 2)}); de waarde verandert per periode met gemiddeld (Sen) "
        f"{fmt_waarde(t.helling, eenheid)}. Streefwaarde: {s.tekst}"
    )
    details: dict[str, float | str] = {"p": p, "s": t.s, "helling": t.helling, "n": t.n}
    return Beoordeling(status, uitleg, laatst, details=details)
