"""Access and safety tables of one municipality: aanmeldingen, Veilig Thuis, JB-tafel and signalen.

Most registrations at the municipal access that lead to care (maatwerk) carry the same date as the
trajectory's aanmelddatum; others end in a general provision, are solved by the family itself, or are
still running. Frames hold day numbers and code indices; ``generator`` turns them into CSV.
"""

from __future__ import annotations

import numpy as np

from jeugdmonitor.demo.geografie import Gemeente
from jeugdmonitor.demo.maatregelen import TYPES, Maatregelen
from jeugdmonitor.demo.personen import Personen, Teams
from jeugdmonitor.demo.trajecten import Trajecten
from jeugdmonitor.demo.zorgperiodes import seasonal_starts

MELDPLAATSEN = ("wijkteam", "zorgloket", "regisseur", "sociaal_team", "jb_tafel", "overig")
VERVOLG = ("maatwerk", "algemene_voorziening", "zelf_opgelost", "geen", "lopend")
JANEE_ONBEKEND = ("ja", "nee", "onbekend")
VT_ROUTES = ("onderzoek_vt", "vto_rvdk", "overdracht", "overig")
VT_UITKOMSTEN = (
    "geen_huiselijk_geweld", "huiselijk_geweld_niet_bevestigd", "huiselijk_geweld_bevestigd",
    "geen_kindermishandeling", "kindermishandeling_niet_bevestigd", "kindermishandeling_bevestigd",
    "afgesloten_vertrokken", "afgesloten_overleden",
)  # fmt: skip
VT_UITKOMST_KANS = (0.12, 0.10, 0.22, 0.12, 0.14, 0.22, 0.07, 0.01)
BESLUITEN = ("raadsonderzoek", "uitgesteld_raadsonderzoek", "vrijwillig_kader", "overig")
SIGNAAL_SOORTEN = ("klacht", "bezwaar", "beroep", "melding")
STRUCTUREN = ("zorgloket", "wijkteam", "regisseur", "sociaal_team", "aanbieder", "overig")
# per soort: events per 1,000 inhabitants per year, and the chances per structuur
SIGNAAL_KANS = {
    "klacht": (0.45, (0.20, 0.35, 0.18, 0.05, 0.17, 0.05)),
    "bezwaar": (0.75, (0.45, 0.05, 0.38, 0.08, 0.0, 0.04)),
    "beroep": (0.08, (0.45, 0.0, 0.45, 0.05, 0.0, 0.05)),
    "melding": (0.30, (0.10, 0.25, 0.05, 0.05, 0.40, 0.15)),
}
ONDERWERPEN = {
    "klacht": ("Bejegening", "Bereikbaarheid", "Doorlooptijd", "Communicatie", "Wisseling van contactpersoon"),
    "bezwaar": ("Afwijzing aanvraag", "Omvang toegekende hulp", "Duur van de beschikking", "Hoogte pgb"),
    "beroep": ("Afwijzing aanvraag", "Omvang toegekende hulp", "Hoogte pgb"),
    "melding": ("Wachttijd bij aanbieder", "Kwaliteit van de hulp", "Afstemming tussen hulpverleners"),
}
ONDERWERP_LIJST = tuple(o for s in SIGNAAL_SOORTEN for o in ONDERWERPEN[s])
_ONDERWERP_START = {s: sum(len(ONDERWERPEN[x]) for x in SIGNAAL_SOORTEN[:i]) for i, s in enumerate(SIGNAAL_SOORTEN)}
VT_PER_JONGERE = 0.024  # contacts with Veilig Thuis per young inhabitant per year


def _choice(rng: np.random.Generator, kans: tuple[float, ...], n: int) -> np.ndarray:
    p = np.array(kans) / sum(kans)
    return rng.choice(len(p), size=n, p=p)


def aanmeldingen(
    gm: Gemeente, rng: np.random.Generator, personen: Personen, t: Trajecten, teams: Teams,
    begin: int, horizon: int,
) -> dict[str, np.ndarray]:  # fmt: skip
    """Registrations: one per new allocation referred by the municipality, plus some that needed no care."""
    geboorte = personen.arrays()["geboorte"]
    zorg = np.flatnonzero(t.eerste & np.isin(t.verwijzer, ["01", "04"]) & (t.aanmeld >= 0))
    n = len(zorg)
    plaats = np.where(t.verwijzer[zorg] == "04", 4, _choice(rng, (0.56, 0.22, 0.13, 0.05, 0.0, 0.04), n))
    a = {
        "persoon": t.persoon[zorg], "datum": t.aanmeld[zorg], "plaats": plaats, "gebieden": t.gebieden[zorg],
        "vervolg": np.zeros(n, dtype=np.int64), "afsluit": t.toewijzing[zorg], "team": t.team[zorg],
        "medewerker": t.medewerker[zorg],
    }  # fmt: skip
    # earlier registrations of the same persons that were solved without care
    earlier = zorg[rng.random(n) < 0.3]
    datum_e = t.aanmeld[earlier] - rng.integers(60, 500, len(earlier))
    ok = datum_e > geboorte[t.persoon[earlier]] + 200
    earlier, datum_e = earlier[ok], datum_e[ok]
    # registrations of persons never in care
    datum_n = seasonal_starts(rng, 0.026 * gm.zorggebruik * gm.jong_totaal, begin, horizon)
    age = np.floor(rng.triangular(0, 10, 18, len(datum_n))).astype(np.int64)
    nieuw = personen.nieuw(len(datum_n), age, datum_n)
    wijk = personen.arrays()["wijk"][nieuw]
    team_n = teams.per_wijk[wijk]
    staff = np.array(teams.medewerkers)
    m = len(earlier) + len(nieuw)
    team_x = np.concatenate([t.team[earlier], team_n])
    extra = {
        "persoon": np.concatenate([t.persoon[earlier], nieuw]),
        "datum": np.concatenate([datum_e, datum_n]),
        "plaats": _choice(rng, (0.58, 0.25, 0.07, 0.06, 0.0, 0.04), m),
        "gebieden": np.concatenate([t.gebieden[earlier], 1 << rng.integers(0, 6, len(nieuw))]),
        "vervolg": _choice(rng, (0.0, 0.44, 0.22, 0.34), m),
        "afsluit": np.concatenate([datum_e, datum_n]) + rng.integers(1, 45, m),
        "team": team_x,
        "medewerker": (rng.random(m) * staff[team_x]).astype(np.int64),
    }
    out = {k: np.concatenate([a[k], extra[k]]) for k in a}
    n_all = len(out["datum"])
    out["mantelzorg"] = _choice(rng, (0.55, 0.30, 0.15), n_all)
    out["eigen_kracht"] = _choice(rng, (0.24, 0.56, 0.20), n_all)
    order = np.lexsort((out["persoon"], out["datum"]))
    return {k: v[order] for k, v in out.items()}


def veilig_thuis(
    gm: Gemeente, rng: np.random.Generator, personen: Personen, t: Trajecten, begin: int, horizon: int
) -> dict[str, np.ndarray]:
    """Advice requests and reports; reports name the child, half of them a child later or already in care."""
    datum = seasonal_starts(rng, VT_PER_JONGERE * gm.zorggebruik * gm.jong_totaal, begin, horizon, np.ones(12))
    n = len(datum)
    melding = rng.random(n) < 0.38
    client = melding | (rng.random(n) < 0.3)
    bekend = client & (rng.random(n) < 0.5)
    started = np.flatnonzero(t.begin >= 0)
    persoon = np.full(n, -1)
    if len(started):
        src = started[rng.integers(0, len(started), n)]
        datum = np.where(bekend, t.begin[src] - rng.integers(0, 240, n), datum)
        persoon = np.where(bekend, t.persoon[src], -1)
    geboorte = personen.arrays()["geboorte"]
    bekend &= datum > geboorte[np.maximum(persoon, 0)]
    nieuw_mask = client & ~bekend
    age = np.floor(rng.triangular(0, 8, 18, nieuw_mask.sum())).astype(np.int64)
    persoon[nieuw_mask] = personen.nieuw(int(nieuw_mask.sum()), age, datum[nieuw_mask], zorg=True)
    persoon[~client] = -1
    route = np.where(melding, _choice(rng, (0.40, 0.08, 0.42, 0.10), n), -1)
    uitkomst = np.where(route == 0, _choice(rng, VT_UITKOMST_KANS, n), -1)
    out = {"persoon": persoon, "datum": datum, "melding": melding, "route": route, "uitkomst": uitkomst}
    order = np.argsort(datum, kind="stable")
    return {k: v[order] for k, v in out.items()}


def jb_tafel(rng: np.random.Generator, m: Maatregelen, t: Trajecten) -> dict[str, np.ndarray]:
    """A discussion before each child-protection request, and some that stayed in the voluntary framework."""
    first_jb = np.flatnonzero((m.kader == 0) & np.isin(TYPES[m.type], ["vots", "ots", "voorlopige_voogdij"]))
    n = len(first_jb)
    aanmelding = m.begin[first_jb] - rng.integers(25, 75, n)
    bespreking = np.minimum(aanmelding + rng.integers(5, 25, n), m.begin[first_jb] - 1)
    besluit = np.where(rng.random(n) < 0.78, 0, 1)
    vrij = np.flatnonzero(t.eerste & (t.begin >= 0))
    vrij = vrij[rng.random(len(vrij)) < 0.02]
    k = len(vrij)
    aanmelding_v = t.begin[vrij] - rng.integers(20, 70, k)
    out = {
        "persoon": np.concatenate([m.persoon[first_jb], t.persoon[vrij]]),
        "aanmelding": np.concatenate([aanmelding, aanmelding_v]),
        "bespreking": np.concatenate([bespreking, aanmelding_v + rng.integers(5, 20, k)]),
        "besluit": np.concatenate([besluit, _choice(rng, (0.0, 0.25, 0.6, 0.15), k)]),
    }
    total = n + k
    afgewezen = rng.random(total) < 0.06
    out["afwijzing"] = np.where(afgewezen, out["aanmelding"] + rng.integers(2, 10, total), -1)
    out["bespreking"] = np.where(afgewezen, -1, out["bespreking"])
    out["besluit"] = np.where(afgewezen, -1, out["besluit"])
    out["aanwezig"] = rng.random(total) < 0.58
    order = np.lexsort((out["persoon"], out["aanmelding"]))
    return {k2: v[order] for k2, v in out.items()}


def signalen(gm: Gemeente, rng: np.random.Generator, begin: int, horizon: int) -> dict[str, np.ndarray]:
    """Complaints, objections, appeals and reports per structure."""
    parts = []
    inwoners = float(gm.inwoners.sum())
    for s, (per_1000, kans) in SIGNAAL_KANS.items():
        datum = seasonal_starts(rng, per_1000 * inwoners / 1000, begin, horizon, np.ones(12))
        n = len(datum)
        onderwerp = _ONDERWERP_START[s] + rng.integers(0, len(ONDERWERPEN[s]), n)
        parts.append({"datum": datum, "soort": np.full(n, SIGNAAL_SOORTEN.index(s)),
                      "structuur": _choice(rng, kans, n), "onderwerp": onderwerp})  # fmt: skip
    out = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    order = np.lexsort((out["soort"], out["datum"]))
    return {k: v[order] for k, v in out.items()}
