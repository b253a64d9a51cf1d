"""Placements, pgb grants, client experience, provider waiting times, control measures and the catalogue.

``plaatsingen``: the living group or foster family within each residential trajectory; about one in ten
placements changes group (doorplaatsing). ``pgb``: one grant per pgb allocation. The remaining tables
are small and written as rows.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from jeugdmonitor.demo import catalogus as cat
from jeugdmonitor.demo.geografie import Gemeente
from jeugdmonitor.demo.trajecten import Trajecten
from jeugdmonitor.demo.zorgperiodes import P

GROEPEN = ("De Eik", "De Linde", "Het Baken", "De Brug", "Horizon", "Het Anker", "De Wilg", "Zonnehoek")
DOORPLAATSING = 0.10
ASPECTEN = ("totaal", "effectiviteit", "inspraak", "toegankelijkheid", "klantvriendelijkheid", "veiligheid")
BRONNEN = ("wijkteam", "toegang", "aanbieder")


def plaatsingen(t: Trajecten, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Rows (trajectory, group kind, group number, begin, end) for started residential trajectories."""
    residential = P["verblijf"][t.product] & (t.product != cat.INDEX["44A05"]) & (t.begin >= 0)
    idx = np.flatnonzero(residential)
    chains, first = np.unique(t.keten[idx], return_index=True)
    chain_start = t.begin[idx][first]
    chain_end = np.zeros(len(chains), dtype=np.int64)
    np.maximum.at(chain_end, np.searchsorted(chains, t.keten[idx]), t.eind[idx])
    move = rng.random(len(chains)) < DOORPLAATSING
    switch = chain_start + ((chain_end - chain_start) * rng.uniform(0.2, 0.8, len(chains))).astype(np.int64)
    switch = np.where(move & (chain_end - chain_start > 30), switch, np.iinfo(np.int64).max)
    group_a = rng.integers(0, 100_000, len(chains))
    group_b = (group_a + 1 + rng.integers(0, 50, len(chains))) % 100_000
    c = np.searchsorted(chains, t.keten[idx])
    sw = switch[c]
    b, e = t.begin[idx], t.eind[idx]
    before = sw > e  # whole trajectory in the first group
    after = sw <= b
    split = ~before & ~after
    rows_t = np.concatenate([idx[before], idx[after], idx[split], idx[split]])
    rows_g = np.concatenate([group_a[c][before], group_b[c][after], group_a[c][split], group_b[c][split]])
    rows_b = np.concatenate([b[before], b[after], b[split], sw[split]])
    rows_e = np.concatenate([e[before], e[after], sw[split] - 1, e[split]])
    product = t.product[rows_t]
    kind = np.where(
        np.isin(product, [cat.INDEX["43A24"], cat.INDEX["43A27"]]),
        0,
        np.where(np.isin(product, [cat.INDEX["43A10"], cat.INDEX["44A08"]]), 1, 2),
    )
    order = np.lexsort((rows_b, t.seq[rows_t]))
    out = {"t": rows_t, "kind": kind, "groep": rows_g, "begin": rows_b, "eind": rows_e}
    return {k: v[order] for k, v in out.items()}


def pgb(t: Trajecten, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """One grant per pgb allocation that was not cancelled: the allocated value for the allocation period."""
    idx = np.flatnonzero(t.pgb & ~t.geannuleerd)
    weeks = (t.toewijzing_eind[idx] - np.where(t.begin[idx] >= 0, t.begin[idx], t.toewijzing[idx]) + 1) / 7.0
    budget = np.round(t.volume[idx] * t.tarief[idx] * weeks, 0)
    motivatie = rng.integers(0, len(cat.PGB_MOTIVATIES), len(idx))
    return {"t": idx, "budget": budget, "motivatie": motivatie}


def halfjaren(van: date, tot: date) -> list[tuple[str, date, date]]:
    out = []
    for jaar in range(van.year, tot.year + 1):
        for h, (start, end) in enumerate(
            ((date(jaar, 1, 1), date(jaar, 6, 30)), (date(jaar, 7, 1), date(jaar, 12, 31)))
        ):
            if start >= van and end <= tot:
                out.append((f"{jaar}-H{h + 1}", start, end))
    return out


def clientervaring_rows(gm: Gemeente, rng: np.random.Generator, van: date, tot: date) -> list[tuple[object, ...]]:
    """(periode, gemeente, bron, aanbieder, productgroep, aspect, score, respondenten, tevreden) per half year."""
    rows: list[tuple[object, ...]] = []
    base = {"wijkteam": 7.5, "toegang": 7.1, "aanbieder": 7.7}
    groepen = ("Jeugd GGZ", "Spec. Jeugdzorg", "Begeleiding")
    for i, (periode, _s, _e) in enumerate(halfjaren(van, tot)):
        for bron in BRONNEN:
            respondenten = int(rng.poisson(max(gm.jong_totaal / 140, 8)))
            for aspect in ASPECTEN:
                score = float(np.clip(base[bron] + 0.03 * i + rng.normal(0, 0.2) - (aspect == "toegankelijkheid") * 0.4,
                                      5.5, 9.2))  # fmt: skip
                tevreden = round(respondenten * float(np.clip(0.45 + (score - 6.5) * 0.22, 0.3, 0.97)))
                rows.append((periode, gm.code, bron, None, None, aspect, round(score, 1), respondenten, tevreden))
        for groep in groepen:
            n = int(rng.poisson(max(gm.jong_totaal / 400, 4)))
            score = float(np.clip(7.6 + rng.normal(0, 0.3), 5.5, 9.2))
            rows.append((periode, gm.code, "aanbieder", None, groep, "totaal", round(score, 1), n,
                         round(n * float(np.clip(0.45 + (score - 6.5) * 0.22, 0.3, 0.97)))))  # fmt: skip
    return rows


def wachttijden_rows(rng: np.random.Generator, van: date, tot: date) -> list[tuple[object, ...]]:
    """Monthly reported waiting times per provider and care type, following each provider's pace."""
    rows: list[tuple[object, ...]] = []
    months = np.arange(np.datetime64(van, "M"), np.datetime64(tot, "M") + 1)
    norm = {p.productgroep: p.norm for p in cat.PRODUCTEN}
    for a in cat.AANBIEDERS:
        for groep in a.productgroepen:
            level = norm.get(groep, 14) / 7 * 0.7 * a.tempo
            drift = np.cumsum(rng.normal(0.0, 0.06, len(months)))
            for i, m in enumerate(months):
                peil = (m + 1).astype("datetime64[D]") - 1
                if peil > np.datetime64(tot):
                    peil = np.datetime64(tot)
                season = 1 + 0.15 * np.cos((i % 12 - 8) / 12 * 2 * np.pi)  # longest after the summer
                intake = max(0.3, level * season * np.exp(drift[i]) * 0.35)
                behandeling = intake + max(0.4, level * season * np.exp(drift[i]) * 0.65)
                rows.append((str(peil), a.naam, groep, round(float(intake), 1), round(float(behandeling), 1)))
    return rows


def beheersmaatregelen_rows(tot: date) -> list[tuple[str, str, str, str, str]]:
    """Control measures in the style of the Noordoostpolder report (chapter 9)."""
    y = tot.year
    return [
        ("Optimaliseren van de ondersteuningsstructuur", "Procesregie en doorzettingsmacht",
         "Afspraken over procesregie en doorzettingsmacht zijn gemaakt en vastgelegd.", f"{y - 1}", "afgerond"),
        ("Optimaliseren van de ondersteuningsstructuur", "Specialisten eerder betrekken bij de toegang",
         "Specialisten worden nog onvoldoende geraadpleegd; dit loopt mee in leren en verbeteren.", "Doorlopend",
         "doorlopend"),
        ("Betere samenwerking in de keten", "Gezinsaanpak volgens één gezin, één plan",
         "De wijkteams werken volgens de methodiek; de regisseurs volgen in het najaar.", "Doorlopend", "doorlopend"),
        ("Betere samenwerking in de keten", "Regionale afspraken gedwongen kader",
         "Samenwerkingsafspraken tussen Raad voor de Kinderbescherming, Veilig Thuis en de GI zijn vastgesteld.",
         f"Juli {y - 1}", "afgerond"),
        ("Normaliseren en demedicaliseren", "Scherper indiceren",
         "Training SMART doelen stellen voor medewerkers van de toegang; werkbegeleiding per casus.", f"Q1 {y + 1}",
         "doorlopend"),
        ("Extra preventie", "Praktijkondersteuner jeugd-GGZ bij de huisarts",
         "Implementatievoorstel gereed; opnieuw in gesprek met de huisartsen over draagvlak.", f"1 januari {y + 1}",
         "gepland"),
        ("Extra preventie", "Uitbreiding informeel aanbod: steunouders",
         "Gesprek met de uitvoerder over de werving van een coördinator is uitgesteld tot na de zomer.", f"{y + 1}",
         "uitgesteld"),
        ("Samenwerking met het onderwijs", "Jeugdhulp op school",
         "De inzet blijkt succesvol; een plan voor uitbreiding naar het voortgezet onderwijs wordt verwacht.",
         f"December {y}", "doorlopend"),
        ("Alternatieven voor verblijf", "Intensieve ambulante hulp als alternatief voor verblijf",
         "Drie aanbieders bieden het product aan; het aantal jeugdigen met een ambulant alternatief groeit.",
         f"{y + 2}", "doorlopend"),
        ("Sturingsinformatie, inkoop en contractmanagement", "Onderzoek naar de duurste jeugdhulpdossiers",
         "Quickscan van de dossiers is afgerond; het verdiepend onderzoek is in september gestart.",
         f"Q2 {y + 1}", "doorlopend"),
        ("Sturingsinformatie, inkoop en contractmanagement", "Maandelijkse monitor per perceel",
         "De jeugdhulpmonitor levert maandelijks realisatie, verplichtingen en prognose per perceel.", f"{y}",
         "afgerond"),
    ]  # fmt: skip


def producten_rows() -> list[tuple[object, ...]]:
    return [
        (p.code, p.omschrijving, p.categorie, p.hulpvorm, "ja" if p.verblijf else "nee",
         "ja" if p.ambulant_alternatief else "nee", p.segment, p.productgroep, cat.PERCELEN[p.perceel], p.norm, p.band)
        for p in cat.PRODUCTEN
    ]  # fmt: skip
