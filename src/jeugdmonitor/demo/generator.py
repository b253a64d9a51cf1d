"""``jeugdmonitor generate``: a synthetic but realistic delivery in the contract format.

Municipality by municipality (each with its own random stream, so a municipality's data do not depend
on which others are in the run), the generator simulates care spells from six years before ``van`` to a
year after the peildatum, derives every table, cuts it at the peildatum and appends it to the open CSV
files. Memory is bounded by one municipality plus one write buffer, so the national delivery streams.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from jeugdmonitor.demo import kosten, kwaliteit, maatregelen, toegang, trajecten, uitvoer, zorgperiodes
from jeugdmonitor.demo.geografie import Gemeente, bevolking_rows, kies_gemeenten, postcode_rows
from jeugdmonitor.demo.identiteit import BsnPool, test_bsns
from jeugdmonitor.demo.personen import Personen, Teams
from jeugdmonitor.demo.schrijven import Levering, gemeente
from jeugdmonitor.errors import UserError
from jeugdmonitor.formatting import fmt_getal

PEILDATUM = date(2025, 10, 31)
WARMUP_JAREN = 8
PERSONEN_PER_JONGERE = 0.62  # upper bound of clients per young inhabitant, to decide bsn or client_id
EPOCH = date(1970, 1, 1)


def _day(d: date) -> int:
    return (d - EPOCH).days


@dataclass
class Summary:
    """What was generated, for the person at the terminal."""

    folder: Path
    gemeenten: list[tuple[str, str]]
    van: date
    tot: date
    seed: int
    schaal: str
    client_kolom: str
    counts: dict[str, int] = field(default_factory=dict)
    seconden: float = 0.0

    def describe(self) -> str:
        namen = ", ".join(f"{naam} ({code})" for code, naam in self.gemeenten[:6])
        if len(self.gemeenten) > 6:
            namen += f" en nog {len(self.gemeenten) - 6} gemeenten"
        lines = [
            f"Demolevering geschreven naar {self.folder} (seed {self.seed}, schaal {self.schaal}, "
            f"{self.seconden:.0f} s).",
            f"Gemeenten: {namen}.",
            f"Periode: {self.van.isoformat()} tot en met peildatum {self.tot.isoformat()}.",
            "Rijen per tabel:",
        ]
        width = max(len(t) for t in self.counts)
        lines += [f"  {t.ljust(width)}  {fmt_getal(n):>12}" for t, n in self.counts.items()]
        if self.client_kolom == "bsn":
            lines.append(
                "Cliënten staan onder een BSN uit het testbereik 999xxxxxx (alle met geldige elfproef); "
                "het zijn geen echte personen."
            )
        else:
            lines.append(
                "Cliënten staan onder client_id (bijvoorbeeld GM0164-0000001) in plaats van een BSN: het "
                "testbereik 999xxxxxx heeft te weinig nummers voor deze omvang. Het zijn geen echte personen."
            )
        return "\n".join(lines)


@dataclass
class _Context:
    van: int
    tot: int
    begin: int  # first day simulated (warm-up)
    horizon: int  # last day a spell may start
    einde: int  # last day of the peildatum's year (for the budget's realisation)
    jaren: range
    van_date: date
    tot_date: date


def _context(van: date, tot: date) -> _Context:
    horizon = max(_day(tot) + 365, _day(date(tot.year, 12, 31)))
    return _Context(
        van=_day(van), tot=_day(tot), begin=_day(date(van.year - WARMUP_JAREN, 1, 1)), horizon=horizon,
        einde=_day(date(tot.year, 12, 31)), jaren=range(van.year, tot.year + 1), van_date=van, tot_date=tot,
    )  # fmt: skip


def _kies_client_kolom(gms: list[Gemeente], schaal: str) -> str:
    if schaal == "nationaal":
        return "client_id"
    expected = sum(g.jong_totaal for g in gms) * PERSONEN_PER_JONGERE
    return "bsn" if expected < len(test_bsns()) else "client_id"


def generate_delivery(
    out: Path, *, gemeenten: list[str] | None, van: date, tot: date | None, seed: int, schaal: str
) -> Summary:
    """Write a complete demo delivery to ``out`` and say what is in it."""
    started = time.perf_counter()
    tot = tot or PEILDATUM
    if van >= tot:
        raise UserError(f"--van ({van.isoformat()}) moet vóór de peildatum ({tot.isoformat()}) liggen")
    gms = kies_gemeenten(gemeenten, schaal)
    client_kolom = _kies_client_kolom(gms, schaal)
    ctx = _context(van, tot)
    lev = Levering(Path(out), client_kolom)
    pool = BsnPool(seed) if client_kolom == "bsn" else None
    client_sql = "client::VARCHAR" if pool else f"{gemeente()} || '-' || lpad((client + 1)::VARCHAR, 7, '0')"
    gm_namen = [""] * 10_000
    for g in gms:
        gm_namen[g.nummer] = g.naam.split(" (")[0].split(",")[0]  # "Nuenen, Gerwen en ..." -> "Nuenen"

    lev.rijen("levering", [(tot.isoformat(), _bron(seed, schaal))])
    lev.rijen("producten", kwaliteit.producten_rows())
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0]))
    lev.rijen("beheersmaatregelen", kwaliteit.beheersmaatregelen_rows(tot))
    lev.rijen("wachttijden_aanbieders", kwaliteit.wachttijden_rows(rng, van, tot))
    exprs = {
        "jeugdigen": uitvoer.jeugdigen_exprs(),
        "jeugdhulp": uitvoer.jeugdhulp_exprs(gm_namen),
        "maatregelen": uitvoer.MAATREGELEN_EXPRS,
        "kosten": uitvoer.KOSTEN_EXPRS,
        "aanmeldingen": uitvoer.aanmeldingen_exprs(gm_namen),
        "jb_tafel": uitvoer.JB_TAFEL_EXPRS,
        "veilig_thuis": uitvoer.VEILIG_THUIS_EXPRS,
        "signalen": uitvoer.SIGNALEN_EXPRS,
        "pgb": uitvoer.PGB_EXPRS,
        "plaatsingen": uitvoer.PLAATSINGEN_EXPRS,
    }
    exprs = {t: {c: e.replace("{client}", client_sql) for c, e in ex.items()} for t, ex in exprs.items()}
    for gm in gms:
        frames, rows = _gemeente(gm, seed, ctx)
        _assign_clients(frames, pool)
        for tabel, frame in frames.items():
            frame["gm"] = np.full(len(next(iter(frame.values()))), gm.nummer, dtype=np.int16)
            lev.frame(tabel, frame, exprs[tabel])
        for tabel, rs in rows.items():
            lev.rijen(tabel, rs)
    counts = lev.sluit()
    order = [t.name for t in lev.contract.tables]
    return Summary(
        folder=Path(out), gemeenten=[(g.code, g.naam) for g in gms], van=van, tot=tot, seed=seed, schaal=schaal,
        client_kolom=client_kolom, counts={t: counts.get(t, 0) for t in order},
        seconden=time.perf_counter() - started,
    )  # fmt: skip


def _bron(seed: int, schaal: str) -> str:
    return (
        f"Synthetische demolevering van de Jeugdhulpmonitor (jeugdmonitor generate, schaal {schaal}, seed {seed}); "
        "geen echte personen, aanbieders met verzonnen namen"
    )


def _assign_clients(frames: dict[str, dict[str, np.ndarray]], pool: BsnPool | None) -> None:
    """Number the persons that occur in this municipality's tables; give each a BSN or a client number."""
    used = np.unique(np.concatenate([f["persoon"] for f in frames.values() if "persoon" in f]))
    used = used[used >= 0]
    values = pool.take(len(used)) if pool else np.arange(len(used), dtype=np.int64)
    for f in frames.values():
        if "persoon" in f:
            rank = np.searchsorted(used, np.maximum(f["persoon"], 0))
            f["client"] = values[np.minimum(rank, len(used) - 1)] if len(used) else np.zeros(len(rank), np.int64)


def _gemeente(gm: Gemeente, seed: int, ctx: _Context) -> tuple[dict[str, dict], dict[str, list]]:
    """Simulate one municipality; returns delivery frames and small-table rows."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, gm.nummer]))
    personen = Personen(gm, rng)
    teams = Teams.voor(gm, rng)
    spells, ketens = zorgperiodes.simulate(gm, rng, personen, ctx.begin, ctx.horizon)
    m = maatregelen.generate(gm, rng, personen, spells, ketens, ctx.begin, ctx.horizon)
    arrs = personen.arrays()
    t = trajecten.build(ketens, rng, arrs["geboorte"], arrs["wijk"], teams)
    aanm = toegang.aanmeldingen(gm, rng, personen, t, teams, ctx.van - 365, ctx.tot)
    trajecten.add_imperfections(t, rng)
    vt = toegang.veilig_thuis(gm, rng, personen, t, ctx.van, ctx.tot)
    jbt = toegang.jb_tafel(rng, m, t)
    k = kosten.build(gm, t, m, rng, ctx.van, ctx.tot, ctx.einde)
    frames: dict[str, dict[str, np.ndarray]] = {
        "jeugdhulp": uitvoer.jeugdhulp_frame(t, ctx.van, ctx.tot),
        "maatregelen": uitvoer.maatregelen_frame(m, ctx.van, ctx.tot),
        "kosten": k.frame,
        "aanmeldingen": uitvoer.aanmeldingen_frame(aanm, ctx.van, ctx.tot),
        "jb_tafel": uitvoer.jb_tafel_frame(jbt, ctx.van, ctx.tot),
        "veilig_thuis": uitvoer.veilig_thuis_frame(vt, ctx.van, ctx.tot),
        "signalen": uitvoer.dated_frame(toegang.signalen(gm, rng, ctx.van, ctx.tot), "datum", ctx.van, ctx.tot),
        "pgb": uitvoer.pgb_frame(t, kwaliteit.pgb(t, rng), ctx.van, ctx.tot),
        "plaatsingen": uitvoer.plaatsingen_frame(t, kwaliteit.plaatsingen(t, rng), ctx.van, ctx.tot),
    }
    frames = {"jeugdigen": _jeugdigen(personen, frames), **frames}
    rows = {
        "bevolking": bevolking_rows(gm, ctx.jaren),
        "postcodes": postcode_rows(gm),
        "budget": kosten.budget_rows(gm, k, t, rng, ctx.jaren),
        "clientervaring": kwaliteit.clientervaring_rows(gm, rng, ctx.van_date, ctx.tot_date),
    }
    return frames, rows


def _jeugdigen(personen: Personen, frames: dict[str, dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    used = np.unique(np.concatenate([f["persoon"] for f in frames.values() if "persoon" in f]))
    used = used[used >= 0]
    arrs = personen.arrays()
    wijk = arrs["wijk"][used]
    pc4, letters, bekend = personen.postcodes(wijk)
    # the wijk code's last two characters (digits, or letters as in Amsterdam's WK0363AF), as character codes
    suffix = np.array([[ord(w[-2]), ord(w[-1])] for w in personen.gm.wijken])[wijk]
    return {
        "persoon": used, "geslacht": arrs["geslacht"][used], "geboorte": arrs["geboorte"][used], "pc4": pc4,
        "letters": letters, "wijk1": np.where(bekend, suffix[:, 0], -1), "wijk2": suffix[:, 1],
    }  # fmt: skip
