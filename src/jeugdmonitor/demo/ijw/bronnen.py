"""Reading the generated CSV delivery back: the ZIN trajectories with their young persons, and the declared costs.

The messages are made from the CSV delivery of the same seed, so both forms hold the same facts. DuckDB reads
the files; the rows come back as :class:`Traject` and :class:`Kostenregel`. The ToewijzingNummer is the
trajectory's sequence number with the municipality's rank in front (``(rang + 1) * 10^7 + volgnummer``):
unique over the whole stream and within the nine digits iJw allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from jeugdmonitor.demo.geografie import kies_gemeenten
from jeugdmonitor.demo.ijw.aanbieders import agb_code
from jeugdmonitor.demo.ijw.berichten import heel_volume
from jeugdmonitor.demo.ijw.declaraties import Kostenregel
from jeugdmonitor.demo.ijw.toewijzingen import Traject
from jeugdmonitor.errors import UserError

PER_GEMEENTE = 10_000_000


@dataclass
class Levering:
    trajecten: dict[str, Traject]  # traject_id -> trajectory (ZIN only), in CSV order
    kosten: list[Kostenregel]  # declared ZIN costs
    in_berichten: set[str]  # BSNs with a ZIN trajectory: their jeugdigen row travels as messages


def _nummer(traject_id: str, rang: dict[str, int]) -> int:
    gemeente, volgnummer = traject_id.split("-T")
    nummer = (rang[gemeente] + 1) * PER_GEMEENTE + int(volgnummer)
    if int(volgnummer) >= PER_GEMEENTE * 0.9 or nummer > 999_999_999:
        raise UserError("te veel trajecten of gemeenten voor iJw-toewijzingnummers; kies minder gemeenten")
    return nummer


def lees_levering(folder: Path, gemeenten: list[str]) -> Levering:
    """The ZIN trajectories and declarations of the CSV delivery in ``folder``."""
    rang = {code: i for i, code in enumerate(sorted(gemeenten))}
    plaats = {g.code: g.naam.split(" (")[0] for g in kies_gemeenten(gemeenten, "regio")}
    con = duckdb.connect()
    opts = "header = true, all_varchar = true"
    rows = con.execute(
        f"""
        SELECT j.traject_id, j.gemeente, j.aanbieder, j.bsn::VARCHAR, p.geboortedatum, p.geslacht, p.postcode,
               j.productcategorie, j.product, j.verwijzer, j.aanmelddatum, j.toewijzingsdatum,
               j.toewijzing_einddatum, j.begindatum, j.einddatum, j.reden_beeindiging, j.volume, j.eenheid,
               j.frequentie
        FROM read_csv('{folder / "jeugdhulp.csv"}', {opts}) j
        JOIN read_csv('{folder / "jeugdigen.csv"}', {opts}) p USING (bsn)
        WHERE j.financiering = 'ZIN'
        ORDER BY j.traject_id
        """
    ).fetchall()
    trajecten: dict[str, Traject] = {}
    for r in rows:
        volume, eenheid = heel_volume(float(r[16] or 0), r[17] or "")
        code = r[8] if r[8] and len(r[8]) <= 5 else ""
        trajecten[r[0]] = Traject(
            nummer=_nummer(r[0], rang), gemeente=r[1][2:], agb=agb_code(r[2]), bsn=r[3], geboortedatum=r[4],
            geslacht=r[5], postcode=r[6] or "", plaats=plaats.get(r[1], "Onbekend"), categorie=r[7], code=code,
            verwijzer=r[9] or "06", aanmeld=r[10] or "", toewijzing=r[11] or "", toewijzing_eind=r[12] or "",
            begin=r[13] or "", eind=r[14] or "", reden=r[15] or "", volume=volume, eenheid=eenheid,
            frequentie=r[18] or "1",
        )  # fmt: skip
    kosten = [
        Kostenregel(traject_id=r[0], maand=r[1], boekdatum=r[2], centen=int(Decimal(r[3]) * 100), volume=r[4])
        for r in con.execute(
            f"""
            SELECT traject_id, maand, boekdatum, bedrag, TRY_CAST(volume AS DOUBLE)
            FROM read_csv('{folder / "kosten.csv"}', {opts})
            WHERE soort = 'declaratie' AND financiering = 'ZIN' AND traject_id IS NOT NULL
            """
        ).fetchall()
        if r[0] in trajecten
    ]
    con.close()
    met = {t.bsn for t in trajecten.values()}
    return Levering(trajecten, kosten, met)
