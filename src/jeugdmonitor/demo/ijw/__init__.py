"""``jeugdmonitor generate --formaat ijw``: the demo region as an iJw 3.2 message stream.

The demo is first generated as a CSV delivery (same seed, same data); its care in kind (ZIN) then travels as
messages: per trajectory a request, allocation, start and stop with their retour messages, and the declared
costs as declarations and answers (see ``toewijzingen`` and ``declaraties``). What does not travel as
messages stays CSV in the same folder: the pgb trajectories and costs, non-client-bound costs, the young
persons without care in kind, and every other table of the contract (``bundel``). Some messages are invalid
on purpose (``ongeldig``) so that the reader's quarantine has work; they only repeat what valid messages say.

Messages need a BSN: the national scale, which uses ``client_id``, is refused before anything is generated.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from jeugdmonitor.demo.generator import PEILDATUM, _kies_client_kolom, generate_delivery
from jeugdmonitor.demo.geografie import kies_gemeenten
from jeugdmonitor.demo.ijw import bundel, ongeldig
from jeugdmonitor.demo.ijw.bronnen import lees_levering
from jeugdmonitor.demo.ijw.declaraties import declaraties
from jeugdmonitor.demo.ijw.toewijzingen import Stroom, traject_berichten
from jeugdmonitor.errors import UserError
from jeugdmonitor.formatting import fmt_getal

__all__ = ["IjwSummary", "generate_ijw"]


@dataclass
class IjwSummary:
    """What was written, for the person at the terminal."""

    folder: Path
    gemeenten: list[tuple[str, str]]
    van: date
    tot: date
    seed: int
    berichten: dict[str, int] = field(default_factory=dict)
    ongeldig: int = 0
    bestanden: int = 0
    bytes: int = 0
    csv: dict[str, int] = field(default_factory=dict)
    seconden: float = 0.0

    def describe(self) -> str:
        namen = ", ".join(f"{naam} ({code})" for code, naam in self.gemeenten[:6])
        lines = [
            f"Demolevering als iJw-berichten geschreven naar {self.folder} (seed {self.seed}, {self.seconden:.0f} s).",
            f"Gemeenten: {namen}.",
            f"Periode: {self.van.isoformat()} tot en met peildatum {self.tot.isoformat()}.",
            f"Berichten: {fmt_getal(sum(self.berichten.values()))} in {fmt_getal(self.bestanden)} bestand(en), "
            f"{fmt_getal(self.bytes / 1e6, 1)} MB; waarvan {self.ongeldig} bewust ongeldig (quarantaine) en één "
            "tweemaal verstuurd (wordt eenmaal geladen).",
        ]
        lines += [f"  {soort}  {fmt_getal(n):>10}" for soort, n in sorted(self.berichten.items())]
        lines.append("Tabellen die niet als bericht reizen (CSV in dezelfde map), rijen:")
        width = max((len(t) for t in self.csv), default=0)
        lines += [f"  {t.ljust(width)}  {fmt_getal(n):>10}" for t, n in self.csv.items()]
        lines.append("BSN's uit het testbereik 999xxxxxx (geldige elfproef); het zijn geen echte personen.")
        return "\n".join(lines)


def generate_ijw(
    out: Path, *, gemeenten: list[str] | None, van: date, tot: date | None, seed: int, schaal: str,
    zip_per_dag: bool = True,
) -> IjwSummary:  # fmt: skip
    """Write the demo as messages plus the CSV tables that do not travel as messages into ``out``."""
    started = time.perf_counter()
    out = Path(out)
    # asked before generating: the generator's own choice of client column (a national run takes minutes)
    if _kies_client_kolom(kies_gemeenten(gemeenten, schaal), schaal) != "bsn":
        raise UserError(
            "iJw-berichten dragen een BSN, maar deze omvang heeft te weinig test-BSN's; "
            "kies --schaal gemeente of regio, of --formaat csv"
        )
    with tempfile.TemporaryDirectory(prefix="jeugdmonitor-ijw-") as tmp:
        csv = generate_delivery(Path(tmp), gemeenten=gemeenten, van=van, tot=tot, seed=seed, schaal=schaal)
        peildatum = tot or PEILDATUM
        levering = lees_levering(Path(tmp), [code for code, _ in csv.gemeenten])
        stroom = Stroom(peildatum, np.random.default_rng(np.random.SeedSequence([seed, 315])))
        volgende = iter(range(9_000_000, 10_000_000))
        for t in levering.trajecten.values():
            traject_berichten(stroom, t, lambda t=t: t.nummer - t.nummer % 10_000_000 + next(volgende))
        declaraties(stroom, levering.trajecten, levering.kosten)
        extra = ongeldig.berichten(stroom)
        berichten = stroom.berichten + extra
        csv_counts = bundel.schrijf_csv(Path(tmp), out, levering)
    bestanden, grootte = bundel.schrijf_berichten(out, berichten, zip_per_dag)
    soorten: dict[str, int] = {}
    for b in berichten:
        soorten[b.soort] = soorten.get(b.soort, 0) + 1
    return IjwSummary(
        folder=out, gemeenten=csv.gemeenten, van=van, tot=peildatum, seed=seed, berichten=soorten,
        ongeldig=sum(1 for b in extra if not b.naam), bestanden=bestanden, bytes=grootte, csv=csv_counts,
        seconden=time.perf_counter() - started,
    )  # fmt: skip
