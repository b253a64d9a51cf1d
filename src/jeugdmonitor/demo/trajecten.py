"""From chains to trajectories (allocations): extensions, cancellations, waiting times and outcomes.

A chain longer than its product's allocation length is split into allocations: each is a trajectory with
a new ``traject_id`` that begins the day after the previous one ended and closes with reason 31, 36 or
37 (a verlenging). The first allocation of a chain waits from registration (aanmelddatum) via allocation
(toewijzingsdatum) to the start; the wait depends on the product's norm and on the provider. Some
allocations are cancelled before help began. ``Trajecten.levering`` then applies the peildatum: what
started later is on the waiting list, what ends later is open, and what was not yet registered is absent.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jeugdmonitor.demo import catalogus as cat
from jeugdmonitor.demo.personen import Teams
from jeugdmonitor.demo.zorgperiodes import REDENEN, Ketens, P

EXTENSIE_REDENEN = np.array(["31", "36", "37"])
EXTENSIE_KANS = np.array([0.50, 0.30, 0.20])
GEANNULEERD = 0.035  # chance that a chain's provider first got an allocation that was cancelled
DOELEN = np.array(["geheel", "gedeeltelijk", "niet", "onbekend"])
BESTEMMINGEN = np.array(["thuis", "wonen", "ander_verblijf", "onbekend"])
PERSPECTIEVEN = np.array(["behandelen", "begeleiden", "diagnostiek", "crisis"])
PRODUCT_PERSPECTIEF = np.array([list(PERSPECTIEVEN).index(p.perspectief) for p in cat.PRODUCTEN])
PRODUCT_TARIEF_INDEX = 0.025  # yearly price indexation
ZONDER_AANMELDDATUM = 0.03
ZONDER_REDEN = 0.015
MAX_WACHT = 330  # days; longer waits end up elsewhere in reality
PGB_TARIEF = 0.78  # a pgb pays less per unit than care in kind
# Output product codes: the catalogue, then codes missing from it (see catalogus.ONBEKENDE_PRODUCTEN).
OUTPUT_CODES = cat.CODES + tuple(c for c, _, _ in cat.ONBEKENDE_PRODUCTEN)
OUTPUT_CATEGORIE = tuple(p.categorie for p in cat.PRODUCTEN) + tuple(k for _, k, _ in cat.ONBEKENDE_PRODUCTEN)


@dataclass
class Trajecten:
    """One row per trajectory, with the real (uncensored) dates; ``seq`` orders them by registration."""

    persoon: np.ndarray
    keten: np.ndarray
    product: np.ndarray  # catalogue index (parameters)
    code: np.ndarray  # index into OUTPUT_CODES (what the delivery says)
    aanbieder: np.ndarray  # provider index, -1 for the pgb holder's own provider
    pgb: np.ndarray
    verwijzer: np.ndarray
    crisis: np.ndarray
    gebieden: np.ndarray  # bit mask over catalogus.LEVENSGEBIEDEN
    aanmeld: np.ndarray
    toewijzing: np.ndarray
    toewijzing_eind: np.ndarray
    begin: np.ndarray
    eind: np.ndarray
    geannuleerd: np.ndarray
    reden: np.ndarray  # JZ588 code
    doel: np.ndarray
    bestemming: np.ndarray  # -1 none
    volume: np.ndarray
    tarief: np.ndarray
    team: np.ndarray
    medewerker: np.ndarray  # -1 none
    laatste: np.ndarray  # last allocation of its chain
    eerste: np.ndarray  # first allocation of its chain (not an extension, not cancelled)
    seq: np.ndarray

    def __len__(self) -> int:
        return len(self.persoon)

    def take(self, mask: np.ndarray) -> Trajecten:
        return Trajecten(**{k: v[mask] for k, v in self.__dict__.items()})


def _levensgebieden(rng: np.random.Generator, pad: np.ndarray) -> np.ndarray:
    """1-3 areas of life, the care path's own areas most likely."""
    n = len(pad)
    mask = np.zeros(n, dtype=np.int64)
    first = np.array([cat.LEVENSGEBIEDEN.index(z.gebieden[0]) for z in cat.ZORGPADEN])
    second = np.array([cat.LEVENSGEBIEDEN.index(z.gebieden[-1]) for z in cat.ZORGPADEN])
    mask |= 1 << first[pad]
    mask |= np.where(rng.random(n) < 0.45, 1 << second[pad], 0)
    mask |= np.where(rng.random(n) < 0.2, 1 << rng.integers(0, len(cat.LEVENSGEBIEDEN), n), 0)
    return mask


def _doel(rng: np.random.Generator, reden: np.ndarray) -> np.ndarray:
    u = rng.random(len(reden))
    plan = np.searchsorted([0.62, 0.92, 0.95], u)  # geheel, gedeeltelijk, niet, onbekend
    overleg = np.searchsorted([0.15, 0.70, 0.90], u)
    voortijdig = np.searchsorted([0.03, 0.33, 0.78], u)
    ext = np.searchsorted([0.10, 0.93, 0.96], u)
    return np.select(
        [np.isin(reden, ["31", "39"]), reden == "34", np.isin(reden, ["36", "37"])], [plan, overleg, ext], voortijdig
    )


def build(k: Ketens, rng: np.random.Generator, geboorte: np.ndarray, wijk: np.ndarray, teams: Teams) -> Trajecten:
    """Cut chains into allocations and add cancelled allocations."""
    n_chain = len(k.product)
    length = P["toewijzing"][k.product].astype(np.int64)
    dur = k.eind - k.start + 1
    # help that runs a little past its allocation mostly stops at the allocation's end instead
    snap = (dur > length) & (dur < length * 1.35) & (rng.random(n_chain) < 0.7) & ~k.op18
    k.eind = np.where(snap, k.start + length - 1, k.eind)
    dur = k.eind - k.start + 1
    count = np.maximum(1, -(-dur // length))
    chain = np.repeat(np.arange(n_chain), count)
    j = np.arange(len(chain)) - np.repeat(np.cumsum(count) - count, count)
    begin = k.start[chain] + j * length[chain]
    eind = np.minimum(begin + length[chain] - 1, k.eind[chain])
    laatste = j == count[chain] - 1
    p = k.product[chain]
    n = len(chain)

    # waiting: the first allocation of a chain waits for its start, an extension is requested just before
    tempo = np.array([a.tempo for a in cat.AANBIEDERS])[k.aanbieder]
    wacht = P["wacht"][k.product] * tempo * np.exp(rng.normal(0.0, 0.75, n_chain))
    wacht = np.where(P["crisis"][k.product] | (k.product == cat.INDEX["43A06"]), rng.integers(0, 2, n_chain), wacht)
    wacht = np.minimum(np.where(k.pgb, wacht * 0.5, wacht), MAX_WACHT).astype(np.int64)
    eerste = j == 0
    aanmeld = np.where(eerste, begin - wacht[chain], begin - rng.integers(3, 25, n))
    proces = np.minimum(np.where(eerste, wacht[chain], 30), rng.integers(2, 22, n))
    toewijzing = np.minimum(aanmeld + proces, begin)

    # reasons: the chain's own reason on its last allocation, an extension reason on the others
    final = np.where(k.op18, np.where(rng.random(n_chain) < 0.8, "31", "39"), REDENEN[np.maximum(k.reden, 0)])
    ext = EXTENSIE_REDENEN[np.searchsorted(np.cumsum(EXTENSIE_KANS), rng.random(n) * 0.999999)]
    reden = np.where(laatste, final[chain], ext)
    verblijf = P["verblijf"][p]
    age_end = (eind - geboorte[k.persoon[chain]]) / 365.25
    u = rng.random(n)
    bestemming = np.where(age_end >= 17, np.searchsorted([0.30, 0.68, 0.88], u), np.searchsorted([0.58, 0.62, 0.88], u))
    follows = np.zeros(n_chain, dtype=bool)  # a residential chain followed by another chain: ander verblijf
    follows[np.flatnonzero(k.soort == 0)] = np.isin(k.spell[k.soort == 0], k.spell[k.soort == 1])
    bestemming = np.where(follows[chain] & verblijf & (u < 0.5), 2, bestemming)
    bestemming = np.where(laatste & verblijf & (p != cat.INDEX["44A05"]), bestemming, -1)

    vol = P["volume"][p] * np.exp(rng.normal(0.0, 0.25, n))
    vol = np.where(P["output"][p] | (P["volume"][p] == 1.0), P["volume"][p], np.maximum(0.5, np.round(vol * 2) / 2))
    jaar = 1970 + begin.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
    aanbieder_factor = 1.0 + 0.04 * np.sin(k.aanbieder[chain] * 2.1 + p)
    pgb_factor = np.where(k.pgb[chain], PGB_TARIEF, 1.0)
    tarief = np.round(P["tarief"][p] * aanbieder_factor * pgb_factor * (1 + PRODUCT_TARIEF_INDEX) ** (jaar - 2024), 2)

    team = teams.per_wijk[wijk[k.persoon[chain]]]
    staff = np.array(teams.medewerkers)[team]
    medewerker = np.where(np.isin(k.verwijzer[chain], ["01", "04"]), (rng.random(n) * staff).astype(np.int64), -1)
    aanbieder = np.where(k.pgb[chain] & (rng.random(n_chain)[chain] < 0.4), -1, k.aanbieder[chain])

    t = Trajecten(
        persoon=k.persoon[chain], keten=chain, product=p, code=p.copy(), aanbieder=aanbieder, pgb=k.pgb[chain],
        verwijzer=k.verwijzer[chain], crisis=P["crisis"][p] & eerste, gebieden=_levensgebieden(rng, k.pad[chain]),
        aanmeld=aanmeld, toewijzing=toewijzing, toewijzing_eind=begin + length[chain] - 1, begin=begin, eind=eind,
        geannuleerd=np.zeros(n, dtype=bool), reden=reden, doel=_doel(rng, reden), bestemming=bestemming,
        volume=vol, tarief=tarief, team=team, medewerker=medewerker, laatste=laatste, eerste=eerste,
        seq=np.zeros(n, np.int64),
    )  # fmt: skip
    return _with_cancellations(t, rng, k)


def _with_cancellations(t: Trajecten, rng: np.random.Generator, k: Ketens) -> Trajecten:
    """Add allocations that were cancelled before the help began (einddatum set, begindatum empty)."""
    first = np.flatnonzero((t.begin == k.start[t.keten]) & ~P["crisis"][t.product] & (t.begin - t.toewijzing > 10))
    pick = first[rng.random(len(first)) < GEANNULEERD * 2.5]
    c = t.take(pick)
    c.aanbieder = np.where(c.aanbieder >= 0, (c.aanbieder + 1 + rng.integers(0, 3, len(c))) % len(cat.AANBIEDERS), -1)
    c.eind = c.toewijzing + ((c.begin - c.toewijzing) * rng.uniform(0.2, 0.9, len(c))).astype(np.int64)
    c.begin = np.full(len(c), -1)
    c.geannuleerd = np.ones(len(c), dtype=bool)
    c.reden = np.array(["38", "34", "32"])[rng.choice(3, len(c), p=[0.4, 0.35, 0.25])]
    c.doel = np.full(len(c), -1)
    c.bestemming = np.full(len(c), -1)
    c.laatste = np.zeros(len(c), dtype=bool)
    c.eerste = np.zeros(len(c), dtype=bool)
    both = Trajecten(**{f: np.concatenate([getattr(t, f), getattr(c, f)]) for f in t.__dict__})
    key = np.where(both.aanmeld >= 0, both.aanmeld, both.begin)
    order = np.lexsort((both.persoon, key))
    both = both.take(order)
    both.seq = np.arange(len(both))
    return both


def add_imperfections(t: Trajecten, rng: np.random.Generator) -> None:
    """A few realistic gaps that give warnings, never rejections."""
    n = len(t)
    t.aanmeld = np.where(rng.random(n) < ZONDER_AANMELDDATUM, -1, t.aanmeld)
    t.reden = np.where((rng.random(n) < ZONDER_REDEN) & ~t.geannuleerd, "", t.reden)
    for i, (_code, _catg, stand_in) in enumerate(cat.ONBEKENDE_PRODUCTEN):
        cand = np.flatnonzero(t.product == cat.INDEX[stand_in])
        if len(cand):
            t.code[rng.choice(cand, size=min(3, len(cand)), replace=False)] = len(cat.CODES) + i
