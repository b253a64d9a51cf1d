"""Care spells and chains of one municipality, simulated with numpy.

A *spell* is one period in care of one young person, started along a care path (zorgpad). It consists of
*chains*: the primary product, perhaps a following product (opschalen, afschalen, diagnostics followed by
treatment) and perhaps a concurrent product of another group (stacking). A chain is one product at one
provider for as long as it runs; ``trajecten`` later cuts it into allocations (extensions).

Spells start as a seasonal Poisson process (peaks in January and after the summer); some persons return
to care after a gap, some within six months and some after longer. Young people turning 18 either stop
or continue as verlengde jeugdhulp until at most their 23rd birthday.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jeugdmonitor.demo import catalogus as cat
from jeugdmonitor.demo.geografie import Gemeente
from jeugdmonitor.demo.personen import Personen, add_years, month_index, month_start

# Relative inflow per calendar month: high in January and September, low in the summer holiday.
SEIZOEN_IN = np.array([1.38, 1.05, 1.05, 1.0, 0.95, 0.86, 0.62, 0.66, 1.32, 1.15, 1.06, 0.78])
# Chances that an end in May, August or November moves to June, July or December: outflow clusters before
# the summer holiday and at the end of the year.
NAAR_ZOMER_OF_JAAREINDE = {4: 0.55, 7: 0.45, 10: 0.6}

NIEUWE_ZORG_PER_JAAR = 0.054  # first spells per young inhabitant per year (calibrated on CBS: ~13% in care)
GROEI_PER_JAAR = 0.012
TERUGKEER = 0.27  # chance that a person returns to care after a spell
TERUGKEER_ZELFDE_PAD = 0.45
MAX_GENERATIES = 4
STOP_OP_18 = 0.55  # chance that care stops at the 18th birthday (else verlengde jeugdhulp)
PGB_KANS = 0.05  # chance that a care (not cure) chain is financed as pgb

# Final reasons (JZ588) of a chain and their chances; extension closures get 31/36/37 in ``trajecten``.
REDENEN = np.array(["31", "34", "32", "33", "35", "02"])
REDEN_KANS = np.array([0.782, 0.112, 0.041, 0.017, 0.041, 0.002])


@dataclass
class Ketens:
    """One row per chain."""

    persoon: np.ndarray
    spell: np.ndarray
    pad: np.ndarray
    product: np.ndarray
    aanbieder: np.ndarray
    start: np.ndarray
    eind: np.ndarray  # actual last day (may lie after the peildatum)
    soort: np.ndarray  # 0 primary, 1 following, 2 concurrent
    reden: np.ndarray  # index into REDENEN; -1 when the chain stops at 18 (then ``op18`` says 31 or 39)
    op18: np.ndarray  # chain cut at the 18th birthday
    pgb: np.ndarray
    verwijzer: np.ndarray  # code as string array


@dataclass
class Spells:
    persoon: np.ndarray
    start: np.ndarray
    eind: np.ndarray
    pad: np.ndarray
    verwijzer: np.ndarray


def _cum_matrix(dists: list[dict[str, float]], keys: tuple[str, ...]) -> np.ndarray:
    m = np.zeros((len(dists), len(keys)))
    for i, d in enumerate(dists):
        for k, w in d.items():
            m[i, keys.index(k)] = w
    sums = m.sum(axis=1, keepdims=True)
    m = np.divide(m, sums, out=np.zeros_like(m), where=sums > 0)
    return np.cumsum(m, axis=1)


PAD_PRODUCT = _cum_matrix([z.producten for z in cat.ZORGPADEN], cat.CODES)
PAD_VERVOLG = _cum_matrix([z.vervolg[1] for z in cat.ZORGPADEN], cat.CODES)
PAD_STAPEL = _cum_matrix([z.stapeling[1] for z in cat.ZORGPADEN], cat.CODES)
VERWIJZERS = ("01", "02", "03", "04", "05", "06", "08")
PAD_VERWIJZER = _cum_matrix([z.verwijzers for z in cat.ZORGPADEN], VERWIJZERS)
PAD_GEWICHT = np.array([z.gewicht for z in cat.ZORGPADEN]) / sum(z.gewicht for z in cat.ZORGPADEN)
PAD_VERVOLG_KANS = np.array([z.vervolg[0] for z in cat.ZORGPADEN])
PAD_STAPEL_KANS = np.array([z.stapeling[0] for z in cat.ZORGPADEN])
PAD_LEEFTIJD = np.array([z.leeftijd for z in cat.ZORGPADEN], dtype=float)
PAD_TERUGKEER = np.array([0.05 if z.naam == "dyslexie" else 1.0 for z in cat.ZORGPADEN]) * TERUGKEER
P = cat.product_arrays()
AANBIEDERS_VAN = cat.aanbieders_per_product()
_N_AANB = np.array([len(a) for a in AANBIEDERS_VAN])
_AANB_MATRIX = np.zeros((len(AANBIEDERS_VAN), _N_AANB.max()), dtype=np.int64)
for _i, _a in enumerate(AANBIEDERS_VAN):
    _AANB_MATRIX[_i, : len(_a)] = _a
_VERVOLG_ZELFDE_AANBIEDER = np.array([c == "54004" for c in cat.CODES])
_VERVOLG_NA = np.array([cat.VERVOLG_NA_PRODUCT.get(c, -1.0) for c in cat.CODES])


def draw_rows(rng: np.random.Generator, cum: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For each row index, draw a column index from that row's cumulative distribution."""
    u = rng.random(len(rows))
    return np.minimum((u[:, None] > cum[rows]).sum(axis=1), cum.shape[1] - 1)


def duration(rng: np.random.Generator, product: np.ndarray, factor: float = 1.0) -> np.ndarray:
    """Length in days of a chain of this product: log-normal around the product's median."""
    d = P["duur"][product] * factor * np.exp(rng.normal(0.0, 0.6, len(product)))
    return np.clip(d, 10, 3650).astype(np.int64)


def provider(rng: np.random.Generator, product: np.ndarray) -> np.ndarray:
    idx = (rng.random(len(product)) * _N_AANB[product]).astype(np.int64)
    return _AANB_MATRIX[product, idx]


def seasonal_starts(
    rng: np.random.Generator, rate_per_year: float, van: int, tot: int, seizoen: np.ndarray = SEIZOEN_IN
) -> np.ndarray:
    """Start days of a Poisson process with a monthly season and a slow yearly growth."""
    months = np.arange(month_index(np.array([van]))[0], month_index(np.array([tot]))[0] + 1)
    years = 1970 + months // 12
    expected = rate_per_year / 12 * seizoen[months % 12] * (1 + GROEI_PER_JAAR) ** (years - 2024)
    counts = rng.poisson(expected)
    first = month_start(months)
    length = month_start(months + 1) - first
    starts = np.repeat(first, counts) + (rng.random(counts.sum()) * np.repeat(length, counts)).astype(np.int64)
    return starts[(starts >= van) & (starts <= tot)]


def _chains_for(
    rng: np.random.Generator, persoon: np.ndarray, spell: np.ndarray, pad: np.ndarray, start: np.ndarray
) -> dict[str, np.ndarray]:
    """Primary, following and concurrent chains of new spells (before the 18/23 rules)."""
    p0 = draw_rows(rng, PAD_PRODUCT, pad)
    a0 = provider(rng, p0)
    e0 = start + duration(rng, p0) - 1
    zeros = np.zeros_like(pad)
    parts = [dict(persoon=persoon, spell=spell, pad=pad, product=p0, aanbieder=a0, start=start, eind=e0, soort=zeros)]
    has = rng.random(len(pad)) < np.where(_VERVOLG_NA[p0] >= 0, _VERVOLG_NA[p0], PAD_VERVOLG_KANS[pad])
    if has.any():
        p1 = draw_rows(rng, PAD_VERVOLG, pad[has])
        same = _VERVOLG_ZELFDE_AANBIEDER[p0[has]]  # diagnostics followed by treatment at the same provider
        gap = np.where(same, 0, rng.integers(0, 15, has.sum()))
        s1 = e0[has] + 1 + gap
        parts.append(dict(persoon=persoon[has], spell=spell[has], pad=pad[has], product=p1,
                          aanbieder=np.where(same, a0[has], provider(rng, p1)), start=s1,
                          eind=s1 + duration(rng, p1) - 1, soort=np.ones(has.sum(), dtype=np.int64)))  # fmt: skip
    has = rng.random(len(pad)) < PAD_STAPEL_KANS[pad]
    if has.any():
        p2 = draw_rows(rng, PAD_STAPEL, pad[has])
        s2 = start[has] + (rng.random(has.sum()) * 0.6 * (e0[has] - start[has])).astype(np.int64)
        parts.append(dict(persoon=persoon[has], spell=spell[has], pad=pad[has], product=p2,
                          aanbieder=provider(rng, p2), start=s2,
                          eind=s2 + duration(rng, p2, 0.8) - 1, soort=np.full(has.sum(), 2)))  # fmt: skip
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def _apply_age_rules(rng: np.random.Generator, c: dict[str, np.ndarray], geboorte: np.ndarray) -> np.ndarray:
    """Cut or continue chains at 18, cap at 23; returns the mask of chains to keep and sets ``op18``."""
    birth = geboorte[c["persoon"]]
    b18 = add_years(birth, 18)
    b23 = add_years(birth, 23)
    keep = c["start"] < b23 - 60
    late = c["start"] >= b18
    keep &= ~late | (rng.random(len(late)) < 0.5)  # following care after 18: only some continue
    crosses = (c["start"] < b18) & (c["eind"] >= b18)
    stop = crosses & (rng.random(len(crosses)) < STOP_OP_18)
    c["eind"] = np.where(stop, b18 - 1, np.minimum(c["eind"], b23 - 1))
    c["op18"] = stop
    return keep


def _seasonal_end(rng: np.random.Generator, eind: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Move some ends to the end of June/July or December, where outflow clusters."""
    m = month_index(eind)
    cal = m % 12
    chance = np.zeros(len(eind))
    for month, p in NAAR_ZOMER_OF_JAAREINDE.items():
        chance[cal == month] = p
    move = rng.random(len(eind)) < chance
    target = np.where(cal == 4, m + 1, np.where(cal == 7, m - 1, m + 1))  # May->June, Aug->July, Nov->Dec
    new_end = month_start(target + 1) - 1 - rng.integers(0, 10, len(eind))
    return np.where(move & (new_end > start + 7), new_end, eind)


def simulate(
    gm: Gemeente, rng: np.random.Generator, personen: Personen, begin: int, horizon: int
) -> tuple[Spells, Ketens]:
    """All spells and chains of a municipality that start between ``begin`` and ``horizon``."""
    rate = NIEUWE_ZORG_PER_JAAR * gm.zorggebruik * gm.jong_totaal
    start = seasonal_starts(rng, rate, begin, horizon)
    pad = rng.choice(len(PAD_GEWICHT), size=len(start), p=PAD_GEWICHT)
    lo, mode, hi = (PAD_LEEFTIJD[pad, i] for i in range(3))
    age = np.floor(rng.triangular(lo, mode, hi + 1)).astype(np.int64)
    persoon = personen.nieuw(len(start), age, start)
    geboorte_all = personen.arrays()["geboorte"]

    spells: list[dict[str, np.ndarray]] = []
    chains: list[dict[str, np.ndarray]] = []
    n_spells = 0
    for _generation in range(MAX_GENERATIES):
        if len(start) == 0:
            break
        order = np.argsort(start, kind="stable")
        persoon, start, pad = persoon[order], start[order], pad[order]
        spell = np.arange(n_spells, n_spells + len(start))
        n_spells += len(start)
        c = _chains_for(rng, persoon, spell, pad, start)
        keep = _apply_age_rules(rng, c, geboorte_all)
        c = {k: v[keep] for k, v in c.items()}
        c["eind"] = np.where(c["op18"], c["eind"], _seasonal_end(rng, c["eind"], c["start"]))
        c["eind"] = np.maximum(c["eind"], c["start"])
        chains.append(c)
        eind = start.copy()
        np.maximum.at(eind, c["spell"] - spell[0], c["eind"])
        spells.append(dict(persoon=persoon, start=start, eind=eind, pad=pad))
        # who comes back, and when
        back = rng.random(len(start)) < PAD_TERUGKEER[pad]
        short = rng.random(len(start)) < 0.4
        gap = np.where(short, rng.integers(14, 183, len(start)), np.exp(rng.normal(np.log(420), 0.55, len(start))))
        new_start = eind + 1 + gap.astype(np.int64)
        age_at = (new_start - geboorte_all[persoon]) / 365.25
        back &= (new_start <= horizon) & (age_at < 18)
        same = rng.random(len(start)) < TERUGKEER_ZELFDE_PAD
        fresh = rng.choice(len(PAD_GEWICHT), size=len(start), p=PAD_GEWICHT)
        persoon, start, pad = persoon[back], new_start[back], np.where(same, pad, fresh)[back]

    s = {k: np.concatenate([x[k] for x in spells]) for k in spells[0]}
    c = {k: np.concatenate([x[k] for x in chains]) for k in chains[0]}
    verwijzer = np.array(VERWIJZERS)[draw_rows(rng, PAD_VERWIJZER, s["pad"])]
    reden = np.searchsorted(np.cumsum(REDEN_KANS), rng.random(len(c["product"])) * REDEN_KANS.sum())
    reden = np.where(P["crisis"][c["product"]] & (rng.random(len(reden)) < 0.7), 0, reden)
    pgb = P["pgb_mogelijk"][c["product"]] & (rng.random(len(reden)) < PGB_KANS)
    ketens = Ketens(
        persoon=c["persoon"], spell=c["spell"], pad=c["pad"], product=c["product"], aanbieder=c["aanbieder"],
        start=c["start"], eind=c["eind"], soort=c["soort"], reden=np.minimum(reden, len(REDENEN) - 1),
        op18=c["op18"], pgb=pgb, verwijzer=verwijzer[c["spell"]],
    )  # fmt: skip
    return Spells(s["persoon"], s["start"], s["eind"], s["pad"], verwijzer), ketens
