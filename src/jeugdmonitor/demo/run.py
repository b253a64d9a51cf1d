"""``jeugdmonitor demo``: build the demo region end to end and say where everything is.

Steps: generate the demo delivery (regio scale, fixed seed), load it into a store beside it, write the
data-quality report, and write the report set (five audiences × HTML, PDF and Excel, for Hengelo and for the
region, with an index page) into ``rapporten/``. Re-running is safe: the same seed gives the same delivery,
which the store recognises as already loaded.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jeugdmonitor.demo import generate_delivery
from jeugdmonitor.demo.rapportset import schrijf_rapportset
from jeugdmonitor.engine.opslag import store_results
from jeugdmonitor.formatting import fmt_getal
from jeugdmonitor.outputs.kwaliteit import run_check
from jeugdmonitor.store.loader import load_delivery

DEMO_SEED = 2025
DEMO_START = date(2021, 1, 1)
DEMO_GEBIEDEN = ("GM0164", "regio")  # Hengelo, as in the seed's council template, and the region as a whole


def run_demo(out: Path) -> str:
    """Generate, load and check the demo region under ``out``; return the Dutch summary to print."""
    out.mkdir(parents=True, exist_ok=True)
    delivery = out / "levering"
    store = out / "jeugdmonitor.duckdb"
    quality = out / "kwaliteit"

    summary = generate_delivery(delivery, gemeenten=None, van=DEMO_START, tot=None, seed=DEMO_SEED, schaal="regio")
    result = load_delivery(delivery, store)
    computed = store_results(store) if result.already_loaded_at is None else None
    report = run_check(delivery, quality)
    rapporten = schrijf_rapportset(store, out / "rapporten", gebieden=DEMO_GEBIEDEN)

    lines = [
        "Demoregio klaar.",
        "",
        summary.describe(),
        "",
        result.describe(),
        "",
        f"Indicatoren: {fmt_getal(computed)} uitkomsten berekend en bewaard in de store."
        if computed is not None
        else "Indicatoren: al berekend bij de eerdere lading.",
        "",
        f"Kwaliteitsrapport: {report.headline()}",
        f"  HTML: {quality / 'kwaliteit.html'}",
        f"  JSON: {quality / 'kwaliteit.json'}",
        "",
        rapporten.describe(),
        "  (open het overzicht in een browser; de rapporten voor uitvoerenden zijn vertrouwelijk)",
        "",
        "Waar alles staat:",
        f"  levering (CSV):  {delivery}",
        f"  store (DuckDB):  {store}",
        f"  sleutel:         {store.name}.sleutel naast de store (niet delen, niet in versiebeheer)",
        "",
        "Probeer bijvoorbeeld:",
        f"  .venv/bin/jeugdmonitor indicators --store {store} --periode 2025-T2 --indicator kern.stromen "
        "--gemeente GM0164 --per productgroep",
        "  .venv/bin/jeugdmonitor catalog --set hengelo",
        "",
        "Verder: .venv/bin/jeugdmonitor --help",
    ]
    return "\n".join(lines)
