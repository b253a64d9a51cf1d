"""The full report set of the demo: five audiences × three formats for a municipality and the region.

``make demo`` (and the benchmark) call :func:`schrijf_rapportset`. Each report is built once and rendered to
HTML once, in one of two worker processes; the PDF is laid out from that same HTML and the tabellenboek from
the same report, so the three formats show the same figures. An index page links everything and says which
reports are confidential.
"""

from __future__ import annotations

import html
import multiprocessing
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from jeugdmonitor.catalog.doelgroepen import shipped_doelgroepen
from jeugdmonitor.engine.basis import store_peildatum
from jeugdmonitor.engine.perioden import Periode, parse, previous
from jeugdmonitor.formatting import fmt_datum, fmt_getal

DOELGROEPEN = ("raad", "college", "management", "leidinggevenden", "uitvoerenden")
FORMATEN = ("html", "pdf", "xlsx")
FORMAAT_TEKST = {"html": "HTML (webpagina)", "pdf": "PDF (A4)", "xlsx": "Excel-tabellenboek"}
INDEX = "index.html"
# the reports in order of the time they take (most pages, most charts), measured on the demo region
ZWAARTE = {"college": 0, "uitvoerenden": 1, "raad": 2, "management": 3, "leidinggevenden": 4}


def laatste_volledige_tertaal(peildatum: date) -> Periode:
    """The latest tertaal that ends on or before the peildatum: 31 October 2025 → 2025-T2 (May–August)."""
    periode = parse(f"{peildatum.year}-T{(peildatum.month - 1) // 4 + 1}")
    while periode.eind > peildatum:
        periode = previous(periode)
    return periode


@dataclass
class Rapportset:
    """What was written: per (audience, area) the files, with the report's title and the time it took."""

    map: Path
    periode: str
    peildatum: date
    bestanden: dict[tuple[str, str], dict[str, Path]] = field(default_factory=dict)
    titels: dict[tuple[str, str], str] = field(default_factory=dict)
    gebied_namen: dict[str, str] = field(default_factory=dict)
    periode_tekst: str = ""  # "tweede tertaal 2025 (1 mei 2025 – 31 augustus 2025)"
    seconden: dict[str, float] = field(default_factory=dict)  # per step, summed over the workers
    wandklok: float = 0.0  # elapsed time of the whole set

    @property
    def aantal(self) -> int:
        return sum(len(files) for files in self.bestanden.values())

    def describe(self) -> str:
        """Dutch summary for the terminal."""
        steps = ", ".join(f"{step} {fmt_getal(s, 1)} s" for step, s in self.seconden.items())
        return (
            f"Rapportages: {self.aantal} bestanden over het {self.periode_tekst or self.periode} in"
            f" {fmt_getal(self.wandklok, 1)} s"
            f" (opgeteld per stap: {steps}).\n  overzicht: {self.map / INDEX}"
        )


@dataclass(frozen=True)
class _Klaar:
    """One report done in a worker: what the index needs and how long each step took."""

    doelgroep: str
    gebied: str
    titel: str
    gebied_naam: str
    periode_tekst: str
    bestanden: dict[str, Path]
    seconden: dict[str, float]


_CONNECTIONS: dict[str, duckdb.DuckDBPyConnection] = {}


def _verbinding(store: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per worker process and store, reused for every report the worker makes."""
    if store not in _CONNECTIONS:
        # no progress bar: it would scribble over the demo's summary on standard error
        con = duckdb.connect(store, read_only=True)
        con.execute("SET enable_progress_bar = false")
        _CONNECTIONS[store] = con
    return _CONNECTIONS[store]


def maak_rapport(store: str, doelgroep: str, gebied: str, periode: str, out: str, formaten: tuple[str, ...]) -> _Klaar:
    """Build one report and write it in every format; the unit of work of a worker process."""
    from jeugdmonitor.outputs.rapport.bouw import bouw_rapport
    from jeugdmonitor.outputs.rapport.html import render_html
    from jeugdmonitor.outputs.rapport.pdf import schrijf_pdf
    from jeugdmonitor.outputs.rapport.xlsx import schrijf_xlsx

    seconden: dict[str, float] = {}
    start = time.perf_counter()
    rapport = bouw_rapport(_verbinding(store), doelgroep, periode, gebied)
    seconden["bouwen"] = time.perf_counter() - start
    start = time.perf_counter()
    page = render_html(rapport)  # rendered once: the HTML file and the PDF are the same page
    seconden["html"] = time.perf_counter() - start
    stem = Path(out) / f"{doelgroep}-{gebied}"
    files: dict[str, Path] = {}
    if "html" in formaten:
        files["html"] = stem.with_suffix(".html")
        files["html"].write_text(page, encoding="utf-8")
    if "pdf" in formaten:
        start = time.perf_counter()
        files["pdf"] = stem.with_suffix(".pdf")
        schrijf_pdf(rapport, files["pdf"], html=page)
        seconden["pdf"] = time.perf_counter() - start
    if "xlsx" in formaten:
        start = time.perf_counter()
        files["xlsx"] = stem.with_suffix(".xlsx")
        schrijf_xlsx(rapport, files["xlsx"])
        seconden["xlsx"] = time.perf_counter() - start
    return _Klaar(doelgroep, gebied, rapport.titel, rapport.gebied_naam, rapport.periode_tekst, files, seconden)


def schrijf_rapportset(
    store: Path,
    out: Path,
    gebieden: Iterable[str] = ("GM0164", "regio"),
    doelgroepen: Iterable[str] = DOELGROEPEN,
    formaten: Iterable[str] = FORMATEN,
    periode: str | None = None,
    werkers: int = 2,
) -> Rapportset:
    """Build and write every (audience, area) report in every format under ``out``, plus the index page.

    Files are named ``<doelgroep>-<gebied>.<formaat>`` (``raad-GM0164.pdf``); ``periode`` defaults to the latest
    complete tertaal before the store's peildatum. Reports are made in ``werkers`` processes side by side: building
    a report is mostly Python and the PDF layout entirely, so on two cores two processes nearly halve the time.
    """
    with duckdb.connect(str(store), read_only=True) as con:
        peildatum = store_peildatum(con)
    code = periode or laatste_volledige_tertaal(peildatum).code
    out.mkdir(parents=True, exist_ok=True)
    result = Rapportset(out, code, peildatum)
    tasks = [(str(store), d, g, code, str(out), tuple(formaten)) for g in gebieden for d in doelgroepen]
    # the longest reports first, so that two workers finish at about the same time
    tasks.sort(key=lambda task: ZWAARTE.get(task[1], len(ZWAARTE)))
    start = time.perf_counter()
    if werkers <= 1:
        done = [maak_rapport(*task) for task in tasks]
    else:
        # spawn, not fork: a forked child would inherit DuckDB's and matplotlib's threads and locks
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(werkers, len(tasks)), mp_context=context) as pool:
            done = list(pool.map(maak_rapport, *zip(*tasks, strict=True)))
    result.wandklok = time.perf_counter() - start
    areas, audiences = list(gebieden), list(doelgroepen)
    done.sort(key=lambda k: (areas.index(k.gebied), audiences.index(k.doelgroep)))  # the index's usual order
    for klaar in done:
        result.periode_tekst = klaar.periode_tekst
        result.bestanden[(klaar.doelgroep, klaar.gebied)] = klaar.bestanden
        result.titels[(klaar.doelgroep, klaar.gebied)] = klaar.titel
        result.gebied_namen.setdefault(klaar.gebied, klaar.gebied_naam)
        for step, seconds in klaar.seconden.items():
            result.seconden[step] = result.seconden.get(step, 0.0) + seconds
    (out / INDEX).write_text(index_html(result), encoding="utf-8")
    return result


INDEX_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
  color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid #ccc; vertical-align: top; }
th { background: #e8eef4; }
a { color: #0060a0; }
.vertrouwelijk { color: #a00000; font-weight: bold; }
.openbaar { color: #006040; }
.klein { font-size: 0.9rem; color: #444; }
"""


def _status(doelgroep: str) -> str:
    """Who may read it: public with suppressed small numbers, internal, or confidential (client level)."""
    d = shipped_doelgroepen()[doelgroep]
    if d.clientniveau:
        return '<span class="vertrouwelijk">vertrouwelijk: gegevens per jeugdige, nooit openbaar</span>'
    if d.openbaar:
        return f'<span class="openbaar">openbaar; aantallen van 1 tot en met {d.k - 1} afgeschermd</span>'
    return "intern; niet voor publicatie"


def index_html(set_: Rapportset) -> str:
    """The Dutch index page: per area a table of audiences with links to the three formats."""
    e = html.escape
    parts = [
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">',
        "<title>Rapportages jeugdhulp – demoregio</title>",
        f"<style>{INDEX_CSS}</style></head><body>",
        "<h1>Rapportages jeugdhulp – demoregio</h1>",
        f"<p>Over het {e(set_.periode_tekst or set_.periode)}; peildatum {e(fmt_datum(set_.peildatum))}. "
        "Elk rapport staat er in drie vormen: als webpagina (werkt zonder internet), als PDF om af te drukken "
        "of te versturen, en als Excel-tabellenboek met alle genummerde tabellen en de definities.</p>",
        '<p class="klein">De gegevens zijn synthetisch (de demoregio): geen echte jeugdigen.</p>',
    ]
    doelgroepen = shipped_doelgroepen()
    for gebied, naam in set_.gebied_namen.items():
        parts.append(f"<h2>{e(naam)}</h2><table><thead><tr><th>Doelgroep</th><th>Rapport</th>")
        parts.append("<th>Bestanden</th><th>Wie mag het lezen</th></tr></thead><tbody>")
        for (doelgroep, area), files in set_.bestanden.items():
            if area != gebied:
                continue
            links = " · ".join(f'<a href="{e(path.name)}">{e(FORMAAT_TEKST[fmt])}</a>' for fmt, path in files.items())
            parts.append(
                f"<tr><td>{e(doelgroepen[doelgroep].label)}</td><td>{e(set_.titels[(doelgroep, area)])}</td>"
                f"<td>{links}</td><td>{_status(doelgroep)}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append(
        '<p class="klein">Zelf maken: <code>.venv/bin/jeugdmonitor report --store out/jeugdmonitor.duckdb '
        f"--doelgroep raad --periode {e(set_.periode)} --gemeente GM0164 --format pdf --out raad.pdf</code>. "
        "Uitleg over het lezen en aanpassen van de rapporten staat in <code>docs/handreiking.md</code>.</p>"
        "</body></html>"
    )
    return "\n".join(parts)
