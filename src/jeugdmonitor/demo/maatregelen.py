"""Youth protection (JB) and youth probation (JR) measures of one municipality.

About half of the JB youths also have youth care, most of them residential (foster care, family homes):
those measures are laid over existing residential spells, whose referrer then becomes the certified
institution (04). The other JB youths, and most JR youths, have a measure only. Calibrated on CBS
85098NED: about 1.2% of 0-17 year olds with JB and 0.3% with JR in a year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jeugdmonitor.demo import catalogus as cat
from jeugdmonitor.demo.geografie import Gemeente
from jeugdmonitor.demo.personen import Personen, add_years
from jeugdmonitor.demo.zorgperiodes import Ketens, Spells, seasonal_starts

KADERS = np.array(["JB", "JR", "preventief"])
TYPES = np.array([
    "vots", "ots", "voorlopige_voogdij", "tijdelijke_voogdij", "voogdij",
    "toezicht_begeleiding", "itb_harde_kern", "itb_criem", "stp", "gedragsbeinvloedende_maatregel",
    "voorbereiding_gbm", "",
])  # fmt: skip
JB_TYPE_KANS = {"ots": 0.72, "voogdij": 0.13, "voorlopige_voogdij": 0.05, "tijdelijke_voogdij": 0.04, "vots": 0.06}
JR_TYPE_KANS = {
    "toezicht_begeleiding": 0.68, "itb_harde_kern": 0.06, "itb_criem": 0.06, "stp": 0.09,
    "gedragsbeinvloedende_maatregel": 0.05, "voorbereiding_gbm": 0.06,
}  # fmt: skip
GI = np.array(["Jeugdbescherming Regio Oost", "Landelijke GI Jeugd (lvb)", "Landelijke GI Jeugdreclassering"])
REDENEN = np.array(["volgens_plan", "tussentijdse_opheffing", "overdracht", "meerderjarigheid", "voortijdig"])

JB_ZONDER_ZORG_PER_JAAR = 0.0023  # new JB cases per young inhabitant per year without youth care
JR_PER_JAAR = 0.0015
PREVENTIEF_PER_JAAR = 0.0006
EXTRA_WARMUP = 8 * 365
JB_BIJ_VERBLIJF = 0.40  # share of residential spells (of minors) that come with a JB measure
JB_BIJ_AMBULANT = 0.035
JR_BIJ_BEHANDELING = 0.06


@dataclass
class Maatregelen:
    persoon: np.ndarray
    kader: np.ndarray
    type: np.ndarray
    gi: np.ndarray
    begin: np.ndarray
    eind: np.ndarray
    eerste_contact: np.ndarray
    reden: np.ndarray
    erkend: np.ndarray

    def __len__(self) -> int:
        return len(self.persoon)


def _pick(rng: np.random.Generator, kans: dict[str, float], n: int) -> np.ndarray:
    keys = list(kans)
    idx = rng.choice(len(keys), size=n, p=np.array(list(kans.values())) / sum(kans.values()))
    return np.array([list(TYPES).index(k) for k in keys])[idx]


def _durations(rng: np.random.Generator, types: np.ndarray) -> np.ndarray:
    median = np.select(
        [TYPES[types] == "vots", TYPES[types] == "ots", np.isin(TYPES[types], ["voogdij", "tijdelijke_voogdij"])],
        [75, 520, 2200],
        240,
    )
    return np.clip(median * np.exp(rng.normal(0.0, 0.55, len(types))), 20, 5000).astype(np.int64)


def _rows(
    rng: np.random.Generator, persoon: np.ndarray, kader: int, types: np.ndarray, begin: np.ndarray,
    eind: np.ndarray, geboorte: np.ndarray,
) -> dict[str, np.ndarray]:  # fmt: skip
    n = len(persoon)
    b18 = add_years(geboorte[persoon], 18)
    b23 = add_years(geboorte[persoon], 23)
    cap = b18 - 1 if kader != 1 else b23 - 1
    at_cap = eind >= cap
    eind = np.minimum(eind, cap)
    reden = np.where(at_cap, 3, rng.choice([0, 1, 2, 4] if kader == 1 else [0, 1, 2], size=n))
    gi = np.where(rng.random(n) < 0.86, 0, 1) if kader != 1 else np.where(rng.random(n) < 0.55, 0, 2)
    contact = begin + np.floor(np.exp(rng.normal(np.log(3.5), 0.6, n))).astype(np.int64)
    return dict(persoon=persoon, kader=np.full(n, kader), type=types, gi=gi, begin=begin,
                eind=np.maximum(eind, begin), eerste_contact=contact, reden=reden,
                erkend=rng.random(n) < 0.66)  # fmt: skip


def generate(
    gm: Gemeente, rng: np.random.Generator, personen: Personen, spells: Spells, ketens: Ketens,
    begin: int, horizon: int,
) -> Maatregelen:  # fmt: skip
    """All measures; sets the referrer of spells that run under a measure."""
    geboorte = personen.arrays()["geboorte"]
    age = (spells.start - geboorte[spells.persoon]) / 365.25
    pad_naam = np.array([z.naam for z in cat.ZORGPADEN])[spells.pad]
    u = rng.random(len(age))
    jb = (age < 16.5) & (
        ((pad_naam == "verblijf") & (u < JB_BIJ_VERBLIJF))
        | (np.isin(pad_naam, ["behandeling", "alternatief", "crisis"]) & (u < JB_BIJ_AMBULANT))
    )
    jr = ~jb & (age >= 12) & (age < 18) & (pad_naam == "behandeling") & (rng.random(len(age)) < JR_BIJ_BEHANDELING)
    spells.verwijzer[jb] = "04"
    spells.verwijzer[jr] = np.where(rng.random(jr.sum()) < 0.6, "04", "08")
    ketens.verwijzer = spells.verwijzer[ketens.spell]

    parts = []
    s = np.flatnonzero(jb)
    types = _pick(rng, JB_TYPE_KANS, len(s))
    types = np.where(TYPES[types] == "vots", list(TYPES).index("ots"), types)
    start = spells.start[s] - rng.integers(0, 60, len(s))
    parts.append(_rows(rng, spells.persoon[s], 0, types, start, spells.eind[s] + rng.integers(-20, 120, len(s)),
                       geboorte))  # fmt: skip
    s = np.flatnonzero(jr)
    start = spells.start[s] - rng.integers(0, 45, len(s))
    types = _pick(rng, JR_TYPE_KANS, len(s))
    parts.append(_rows(rng, spells.persoon[s], 1, types, start, start + _durations(rng, types), geboorte))

    for kader, rate, ages in ((0, JB_ZONDER_ZORG_PER_JAAR, (0, 9, 18)), (1, JR_PER_JAAR, (12, 16, 18)),
                              (2, PREVENTIEF_PER_JAAR, (12, 15, 18))):  # fmt: skip
        # guardianship runs until 18, so measures need a longer warm-up than care to reach a steady stock
        start = seasonal_starts(rng, rate * gm.zorggebruik * gm.jong_totaal, begin - EXTRA_WARMUP, horizon,
                                np.ones(12))  # fmt: skip
        age_new = np.floor(rng.triangular(ages[0], ages[1], ages[2], len(start))).astype(np.int64)
        persoon = personen.nieuw(len(start), age_new, start)
        geboorte = personen.arrays()["geboorte"]
        if kader == 0:
            types = _pick(rng, JB_TYPE_KANS, len(start))
        elif kader == 1:
            types = _pick(rng, JR_TYPE_KANS, len(start))
        else:
            types = np.full(len(start), len(TYPES) - 1)
        dur = _durations(rng, types) if kader != 2 else rng.integers(60, 240, len(start))
        parts.append(_rows(rng, persoon, kader, types, start, start + dur, geboorte))

    m = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    # a provisional OTS (vots) precedes a quarter of the OTS measures
    room = m["begin"] - geboorte[m["persoon"]] > 120
    ots = np.flatnonzero((TYPES[m["type"]] == "ots") & room & (rng.random(len(m["type"])) < 0.25))
    if len(ots):
        v_end = m["begin"][ots] - 1
        v_begin = np.maximum(v_end - rng.integers(30, 90, len(ots)), geboorte[m["persoon"][ots]] + 1)
        extra = _rows(rng, m["persoon"][ots], 0, np.zeros(len(ots), dtype=np.int64), v_begin, v_end, geboorte)
        extra["reden"] = np.full(len(ots), 0)
        m = {k: np.concatenate([m[k], extra[k]]) for k in m}
    order = np.lexsort((m["persoon"], m["begin"]))
    return Maatregelen(**{k: v[order] for k, v in m.items()})
