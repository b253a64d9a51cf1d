"""``jeugdmonitor check``: stage a delivery in memory, measure it, judge it, and write the report.

Nothing is stored: the delivery goes into an in-memory DuckDB connection with a one-off key (no
pseudonym leaves this run), through the loader's ``stage_delivery``, and the report is computed there.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from jeugdmonitor.catalog.indicatoren import Catalogus, shipped_catalog
from jeugdmonitor.contract import Contract, load_contract
from jeugdmonitor.contract.basisgegevens import Basisgegeven, load_basisgegevens
from jeugdmonitor.errors import DeliveryRejected
from jeugdmonitor.outputs.kwaliteit import meldingen
from jeugdmonitor.outputs.kwaliteit.model import QualityReport
from jeugdmonitor.outputs.kwaliteit.oordeel import judge_basisgegeven, judge_indicator
from jeugdmonitor.outputs.kwaliteit.regels import GELDIGHEID_MIN, MAX_MELDINGEN, MAX_VOORBEELDEN, VOLLEDIGHEID_MIN
from jeugdmonitor.outputs.kwaliteit.tabellen import measure, table_quality
from jeugdmonitor.store.loader import stage_delivery
from jeugdmonitor.store.pseudonym import resolve_key
from jeugdmonitor.store.staging import MELDINGEN_TABLE, Staging

HTML_FILE = "kwaliteit.html"
JSON_FILE = "kwaliteit.json"


def build_report(
    staging: Staging,
    folder: Path | None = None,
    *,
    contract: Contract | None = None,
    basisgegevens: tuple[Basisgegeven, ...] | None = None,
    catalogus: Catalogus | None = None,
) -> QualityReport:
    """The data-quality report on a staged delivery (the loader's :class:`Staging`)."""
    contract = contract or load_contract()
    basisgegevens = basisgegevens if basisgegevens is not None else load_basisgegevens()
    catalogus = catalogus or shipped_catalog()
    meting, aantallen = measure(staging, contract, basisgegevens, folder)
    fouten = staging.count("fout")
    return QualityReport(
        levering=folder.name if folder else "",
        map=str(folder) if folder else "",
        aangemaakt=datetime.now().replace(microsecond=0),
        peildatum=staging.peildatum,
        peildatum_bron=staging.peildatum_bron if staging.peildatum else "",
        bron=getattr(staging, "bron", None),
        gemeenten=tuple(getattr(staging, "gemeenten", ())),
        afgekeurd=fouten > 0,
        fouten=fouten,
        waarschuwingen=staging.count("waarschuwing"),
        volledigheid_min=VOLLEDIGHEID_MIN,
        geldigheid_min=GELDIGHEID_MIN,
        tabellen=tuple(table_quality(t, meting, aantallen) for t in contract.tables),
        basisgegevens=tuple(judge_basisgegeven(bg, meting) for bg in basisgegevens),
        indicatoren=tuple(judge_indicator(ind, meting) for ind in catalogus.indicatoren),
        regels=meldingen.per_regel(staging.con, MAX_VOORBEELDEN),
        eerste_meldingen=meldingen.eerste(staging, MAX_MELDINGEN),
    )


def _staging_after_rejection(con: duckdb.DuckDBPyConnection, exc: DeliveryRejected) -> Staging:
    """A loader that gave up on the whole delivery: report its meldingen and no tables."""
    con.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {MELDINGEN_TABLE} "
        "(niveau VARCHAR, regel VARCHAR, bestand VARCHAR, rij INTEGER, kolom VARCHAR, tekst VARCHAR)"
    )
    if con.execute(f"SELECT count(*) FROM {MELDINGEN_TABLE}").fetchone()[0] == 0:
        con.executemany(
            f"INSERT INTO {MELDINGEN_TABLE} VALUES (?, ?, ?, ?, ?, ?)",
            [(m.niveau, m.regel, m.bestand, m.rij, m.kolom, m.tekst) for m in exc.meldingen],
        )
    return Staging(con)


def write_report(report: QualityReport, out: Path) -> QualityReport:
    """Write the HTML and JSON files to ``out``; return the report naming them."""
    out.mkdir(parents=True, exist_ok=True)
    html_path, json_path = out / HTML_FILE, out / JSON_FILE
    written = report.model_copy(update={"uitvoer": (str(html_path), str(json_path))})
    html_path.write_text(written.render_html(), encoding="utf-8")
    json_path.write_text(written.to_json(), encoding="utf-8")
    return written


def run_check(folder: Path, out: Path | None = None) -> QualityReport:
    """Check a delivery folder; with ``out``, also write ``kwaliteit.html`` and ``kwaliteit.json`` there."""
    con = duckdb.connect(":memory:")
    try:
        try:
            staging = stage_delivery(folder, con, resolve_key(None))
        except DeliveryRejected as exc:
            staging = _staging_after_rejection(con, exc)
        report = build_report(staging, folder)
    finally:
        con.close()
    return write_report(report, out) if out is not None else report
