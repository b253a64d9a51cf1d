"""Costs (kosten) and budget of one municipality.

Client-bound costs are declarations per trajectory and month of care: volume x tariff with some noise for
care in kind (ZIN), monthly payments for a pgb. Most are booked one or two months after the month of
care; output-funded products (jeugd-GGZ, dyslexia) are declared only when the product closes, months
later, so the months before the peildatum are under-declared. Rows booked after the peildatum are not
delivered. Non-client-bound costs (access teams, Veilig Thuis, certified institutions, crisis service)
come per month. The budget per year and perceel is set so that realisation mostly overruns it by 3-15%.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jeugdmonitor.demo import catalogus as cat
from jeugdmonitor.demo.geografie import Gemeente
from jeugdmonitor.demo.maatregelen import Maatregelen
from jeugdmonitor.demo.personen import month_index, month_start
from jeugdmonitor.demo.trajecten import PRODUCT_TARIEF_INDEX, Trajecten
from jeugdmonitor.demo.zorgperiodes import P

SOORTEN = ("declaratie", "pgb", "subsidie", "beschikbaarheid", "overig")
NIET_CLIENT = (
    # aanbieder, soort, perceel, euro per inhabitant per year (2024)
    ("Wijkteams (gemeentelijke toegang)", 3, cat.PERCEEL_TOEGANG, 46.0),
    ("Veilig Thuis (regionale GR)", 2, cat.PERCEEL_JBJR, 8.0),
    ("Crisisdienst Jeugd (regionaal)", 3, cat.PERCEEL_CRISIS, 4.5),
    ("Behandelcentrum De Kern", 3, cat.PERCEEL_CRISIS, 5.5),
)
GI_PER_MAAND = {0: 1120.0, 1: 830.0, 2: 260.0}  # euro per active measure per month, per kader (2024)
GI_AANBIEDER = "Gecertificeerde instellingen (JB/JR)"
KOSTEN_AANBIEDERS = (*(a.naam for a in cat.AANBIEDERS), cat.PGB_AANBIEDER, *(n[0] for n in NIET_CLIENT), GI_AANBIEDER)
CREDIT = 0.01  # share of declarations later partly credited


@dataclass
class Kosten:
    frame: dict[str, np.ndarray]  # the delivered rows
    realisatie: dict[tuple[int, int], float]  # (year, perceel) -> final realisation, incl. not yet booked


def _expand(t: Trajecten, first: int, last: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(trajectory index, month number, days of care in that month) for every month with care."""
    started = np.flatnonzero((t.begin >= 0) & (t.eind >= first) & (t.begin <= last))
    b = np.maximum(t.begin[started], first)
    e = np.minimum(t.eind[started], last)
    m0 = month_index(b)
    count = month_index(e) - m0 + 1
    idx = np.repeat(started, count)
    offset = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    month = np.repeat(m0, count) + offset
    lo = np.maximum(np.repeat(b, count), month_start(month))
    hi = np.minimum(np.repeat(e, count), month_start(month + 1) - 1)
    return idx, month, hi - lo + 1


def _amounts(t: Trajecten, idx: np.ndarray, days: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """Delivered volume and amount per (trajectory, month)."""
    p = t.product[idx]
    eenheid = np.array([x.eenheid for x in cat.PRODUCTEN])[p]
    freq = np.array([x.frequentie for x in cat.PRODUCTEN])[p]
    graad = np.where(t.pgb[idx], 0.95, 0.93) * np.exp(rng.normal(0.0, 0.09, len(idx)))
    total_days = (t.eind - t.begin + 1)[idx]
    vol = np.select(
        [freq == "2", freq == "4", (eenheid == "14") & (freq == "1"), eenheid == "82"],
        [
            t.volume[idx] * days / 7.0 * graad,
            np.round(t.volume[idx] * days / 30.44 * graad),
            days - (rng.random(len(idx)) < 0.05) * rng.integers(1, 4, len(idx)),
            days / total_days,
        ],
        0.0,
    )
    vol = np.maximum(vol, 0.0)
    return vol, vol * t.tarief[idx]


def _booking(t: Trajecten, idx: np.ndarray, month: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    n = len(idx)
    month_end = month_start(month + 1) - 1
    u = rng.random(n)
    lag = np.where(u < 0.78, rng.integers(12, 55, n), np.where(u < 0.96, rng.integers(55, 110, n),
                                                              rng.integers(110, 280, n)))  # fmt: skip
    output = P["output"][t.product[idx]]
    output_boek = t.eind[idx] + rng.integers(25, 160, n)  # declared when the product closes
    pgb_boek = month_end + rng.integers(5, 20, n)
    return np.where(t.pgb[idx], pgb_boek, np.where(output, output_boek, month_end + lag))


def client_bound(t: Trajecten, rng: np.random.Generator, van: int, einde: int) -> dict[str, np.ndarray]:
    """All client-bound cost rows from ``van`` to ``einde`` (not yet cut at the peildatum)."""
    idx, month, days = _expand(t, van, einde)
    vol, amount = _amounts(t, idx, days, rng)
    boek = _booking(t, idx, month, rng)
    keep = amount > 0
    idx, month, vol, amount, boek = idx[keep], month[keep], vol[keep], amount[keep], boek[keep]
    rows = {"i": idx, "maand": month, "boek": boek, "bedrag": amount, "volume": vol}
    credit = np.flatnonzero(~t.pgb[idx] & (rng.random(len(idx)) < CREDIT))
    if len(credit):
        extra = {
            "i": idx[credit],
            "maand": month[credit],
            "boek": boek[credit] + rng.integers(30, 120, len(credit)),
            "bedrag": -amount[credit] * rng.uniform(0.2, 1.0, len(credit)),
            "volume": np.full(len(credit), np.nan),
        }
        rows = {k: np.concatenate([rows[k], extra[k]]) for k in rows}
    return rows


def non_client(gm: Gemeente, m: Maatregelen, van: int, einde: int) -> dict[str, np.ndarray]:
    """Monthly availability funding and subsidies per municipality."""
    months = np.arange(month_index(np.array([van]))[0], month_index(np.array([einde]))[0] + 1)
    index = (1 + PRODUCT_TARIEF_INDEX) ** (1970 + months // 12 - 2024)
    parts = []
    inwoners = float(gm.inwoners.sum())
    for i, (_naam, soort, perceel, per_inwoner) in enumerate(NIET_CLIENT):
        parts.append((len(cat.AANBIEDERS) + 1 + i, soort, perceel, inwoners * per_inwoner / 12 * index))
    gi = np.zeros(len(months))
    starts = month_start(months)
    for kader, price in GI_PER_MAAND.items():
        sel = m.kader == kader
        active = (m.begin[sel][None, :] <= starts[:, None] + 14) & (m.eind[sel][None, :] >= starts[:, None] + 14)
        gi += active.sum(axis=1) * price * index
    parts.append((len(KOSTEN_AANBIEDERS) - 1, 2, cat.PERCEEL_JBJR, gi))
    n = len(months)
    return {
        "maand": np.tile(months, len(parts)),
        "boek": np.tile(starts, len(parts)),
        "bedrag": np.concatenate([np.round(p[3], 2) for p in parts]),
        "aanbieder": np.repeat([p[0] for p in parts], n),
        "soort": np.repeat([p[1] for p in parts], n),
        "perceel": np.repeat([p[2] for p in parts], n),
    }


def build(
    gm: Gemeente, t: Trajecten, m: Maatregelen, rng: np.random.Generator, van: int, tot: int, einde: int
) -> Kosten:
    """Delivered cost rows (booked by the peildatum ``tot``) and the final realisation per year and perceel."""
    cb = client_bound(t, rng, van, einde)
    nc = non_client(gm, m, van, einde)
    n_cb, n_nc = len(cb["i"]), len(nc["maand"])
    perceel = np.concatenate([P["perceel"][t.product[cb["i"]]], nc["perceel"]])
    maand = np.concatenate([cb["maand"], nc["maand"]])
    bedrag = np.concatenate([cb["bedrag"], nc["bedrag"]])
    realisatie: dict[tuple[int, int], float] = {}
    jaar = 1970 + maand // 12
    for y in np.unique(jaar):
        for p in np.unique(perceel):
            realisatie[(int(y), int(p))] = float(bedrag[(jaar == y) & (perceel == p)].sum())
    boek = np.concatenate([cb["boek"], nc["boek"]])
    delivered = (boek <= tot) & (maand <= month_index(np.array([tot]))[0])
    pgb = t.pgb[cb["i"]]
    frame = {
        "maand": maand,
        "boek": boek,
        "bedrag": bedrag,
        "traject": np.concatenate([t.seq[cb["i"]], np.full(n_nc, -1)]),
        "aanbieder": np.concatenate([np.full(n_cb, -1), nc["aanbieder"]]),
        "financiering": np.concatenate([pgb.astype(np.int64), np.full(n_nc, -1)]),
        "soort": np.concatenate([pgb.astype(np.int64), nc["soort"]]),
        "perceel": np.concatenate([np.full(n_cb, -1), nc["perceel"]]),
        "volume": np.concatenate([cb["volume"], np.full(n_nc, np.nan)]),
    }
    order = np.lexsort((frame["traject"], frame["boek"], maand))
    order = order[delivered[order]]
    return Kosten({k: v[order] for k, v in frame.items()}, realisatie)


def budget_rows(
    gm: Gemeente, k: Kosten, t: Trajecten, rng: np.random.Generator, jaren: range
) -> list[tuple[object, ...]]:
    """(jaar, gemeente, perceel, productgroep, financiering, bedrag, aantal, maand) per year and perceel."""
    rows: list[tuple[object, ...]] = []
    started = t.begin >= 0
    perceel = P["perceel"][t.product]
    for jaar in jaren:
        y0 = int(np.datetime64(f"{jaar}-01-01").astype(np.int64))
        y1 = int(np.datetime64(f"{jaar}-12-31").astype(np.int64))
        active = started & (t.begin <= y1) & (t.eind >= y0)
        for p, naam in enumerate(cat.PERCELEN):
            real = k.realisatie.get((jaar, p), 0.0)
            if real <= 0:
                continue
            over = rng.uniform(0.03, 0.15) if rng.random() < 0.8 else rng.uniform(-0.06, -0.005)
            amount = round(real / (1 + over), -3)
            n_alloc = int((active & (perceel == p)).sum())
            aantal = round(n_alloc * rng.uniform(0.88, 0.98)) if n_alloc else None
            rows.append((jaar, gm.code, naam, None, None, f"{amount:.2f}", aantal, None))
    return rows
