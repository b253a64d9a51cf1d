"""Building a report: template + store + audience + period + area → :class:`Rapport`, the model every format
renders.

``compute`` covers the indicators of the template over every period they need (the report period, the four
before it for the trends, the same period a year earlier, and where a table asks for it the calendar year and
its months): one call per set of periods, so that the trend periods are not computed for the monthly
forecast and the other way round. Audiences that suppress (raad, college) get the records through
``engine.onderdrukking.suppress`` before anything reads them, so tables, charts and the narrative all show
the same protected numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import duckdb

from jeugdmonitor.catalog.doelgroepen import doelgroep as find_doelgroep
from jeugdmonitor.catalog.rapporten import LIJSTEN, Gevonden, SectieSpec, Sjabloon, TabelSpec, load_sjabloon
from jeugdmonitor.engine.basis import DIMENSIES, store_peildatum
from jeugdmonitor.engine.families import shipped_families
from jeugdmonitor.engine.onderdrukking import suppress
from jeugdmonitor.engine.perioden import Periode, parse
from jeugdmonitor.engine.records import REGIO, Record
from jeugdmonitor.engine.runner import compute
from jeugdmonitor.errors import UserError
from jeugdmonitor.formatting import fmt_datum
from jeugdmonitor.outputs.rapport import labels, ontbrekend, prognose
from jeugdmonitor.outputs.rapport.doelboom import doelboom_sectie, met_duidingen
from jeugdmonitor.outputs.rapport.gegevens import Gegevens, Perioden
from jeugdmonitor.outputs.rapport.model import Hoofdstuk, Rapport, Sectie
from jeugdmonitor.outputs.rapport.secties import SectieBouwer
from jeugdmonitor.outputs.rapport.werklijsten import LIJSTEN as LIJST_FUNCTIES

assert set(LIJSTEN) == set(LIJST_FUNCTIES), "every list a template may name has a function"


# The case workers' lists: what needs attention now, so on the peildatum (the last day the delivery is complete),
# not on the last day of the report period (a list of allocations ending "within 8 weeks" of 31 August is half
# expired on 31 October).
WERKLIJSTEN_OP_PEILDATUM = ("wachtend_boven_norm", "einde_binnen_8_weken", "zonder_start", "bijna_18")
Behoefte = tuple[tuple[str, ...], tuple[Periode, ...]]  # (engine dimensions, periods) of one indicator
TREND_WEERGAVEN = ("trend", "gestapeld")  # views that show the last five periods


def _perioden_van(sectie: SectieSpec, tabel: TabelSpec, perioden: Perioden) -> set[Periode]:
    """The periods one table shows: its period, the comparisons its section makes, and the trend periods only
    when a column, a row or a chart shows them (a year forecast per extra year is costly)."""
    t = perioden.tijdvak(tabel.perioden)
    wanted = {t.hoofd}
    if tabel.kolommen == "perioden" or tabel.rijen == "periode" or set(TREND_WEERGAVEN) & set(sectie.weergave):
        wanted |= set(t.trend)
    if "vorige_periode" in sectie.vergelijking:
        wanted.add(t.vorige)
    if "vorig_jaar" in sectie.vergelijking:
        wanted.add(t.vorig_jaar)
    return wanted


def _behoeften(sjabloon: Sjabloon, perioden: Perioden) -> dict[str, Behoefte]:
    """Per indicator the engine dimensions its tables split by and the periods they show (an indicator's own
    split, such as meldplaats, always comes with it)."""
    dims: dict[str, set[str]] = {}
    periods: dict[str, set[Periode]] = {}
    for h in sjabloon.hoofdstukken:
        for s in h.secties:
            for t in s.tabellen:
                for ind, _ in t.bronnen:
                    dims.setdefault(ind, set()).update(n for n in (t.rijen, *t.filter) if n in DIMENSIES)
                    periods.setdefault(ind, set()).update(_perioden_van(s, t, perioden))
    for ind, (extra_dims, extra_periods) in prognose.behoeften(sjabloon, perioden.tijdvak("jaar").hoofd).items():
        dims.setdefault(ind, set()).update(extra_dims)
        periods.setdefault(ind, set()).update(extra_periods)
    return {
        ind: (tuple(sorted(dims[ind])), tuple(sorted(periods[ind], key=lambda p: (p.start, p.eind)))) for ind in dims
    }


def _nodig(records: list[Record], dims: tuple[str, ...]) -> list[Record]:
    """The records a table can show: an indicator's own split always, engine dimensions only where its tables
    use them (compute splits every indicator of a call by every dimension asked). Suppression then works on
    exactly what is published."""
    return [r for r in records if all(d not in DIMENSIES or d in dims for d in r.dimensies)]


def _gemeenten(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute("SELECT DISTINCT g FROM _leveringen, unnest(gemeenten) AS u(g) ORDER BY g").fetchall()
    return [r[0] for r in rows]


# Computed records of earlier reports in this process, per store version, indicator, periods and splits: the
# raad and college share most indicators, and a municipality's report and the region's use the same records.
_BEREKEND: dict[tuple[object, ...], list[Record]] = {}
_MAX_BEREKEND = 500


def _store_sleutel(con: duckdb.DuckDBPyConnection) -> tuple[object, ...] | None:
    """Which store and which load: None for an in-memory store (nothing is kept for those)."""
    row = con.execute("SELECT file FROM pragma_database_list WHERE name = current_database()").fetchone()
    if not row or not row[0]:
        return None
    version = con.execute("SELECT max(levering_id), max(geladen_op), count(*) FROM _leveringen").fetchone()
    return (row[0], *(version or ()))


def bereken(con: duckdb.DuckDBPyConnection, sjabloon: Sjabloon, perioden: Perioden) -> list[Record]:
    """The records of a report: one compute call per set of periods (usually two to four: the trend periods, the
    year, its months), split by every dimension a table of that group shows; each indicator then keeps the
    splits its own tables use. Records computed for an earlier report on the same store are reused."""
    store = _store_sleutel(con)
    needs = _behoeften(sjabloon, perioden)
    groups: dict[tuple[Periode, ...], list[str]] = {}  # periods → indicators still to compute
    result: list[Record] = []
    for ind, (dims, periods) in needs.items():
        key = (store, ind, tuple(p.code for p in periods), dims)
        if store is not None and key in _BEREKEND:
            result += _BEREKEND[key]
        else:
            groups.setdefault(periods, []).append(ind)
    for periods, indicators in groups.items():
        per = sorted({d for i in indicators for d in needs[i][0]})
        per_indicator: dict[str, list[Record]] = {i: [] for i in indicators}
        for r in compute(con, indicators, list(periods), per=per):
            per_indicator[r.indicator].append(r)
        if store is not None and len(_BEREKEND) > _MAX_BEREKEND:
            _BEREKEND.clear()
        for ind, recs in per_indicator.items():
            recs = _nodig(recs, needs[ind][0])
            result += recs
            if store is not None:
                _BEREKEND[(store, ind, tuple(p.code for p in periods), needs[ind][0])] = recs
    return result


def bouw_rapport(
    con: duckdb.DuckDBPyConnection, doelgroep: str, periode: str, gebied: str, mappen: Sequence[Path] = ()
) -> Rapport:
    """The report for ``doelgroep`` about ``periode`` for ``gebied`` (a CBS code or ``regio``).

    ``mappen`` are a region's template folders, looked in before the shipped templates.
    """
    gevonden = load_sjabloon(doelgroep, mappen, known=list(shipped_families()))
    sjabloon = gevonden.sjabloon
    audience = find_doelgroep(sjabloon.doelgroep)
    if sjabloon.onderdrukken_k is not None:  # stricter only: never less than the audience's own rule
        k = max(sjabloon.onderdrukken_k, audience.k) if audience.onderdrukken else sjabloon.onderdrukken_k
        audience = audience.model_copy(update={"onderdrukken": True, "k": k})
    gemeenten = _gemeenten(con)
    gebied = REGIO if gebied.lower() == REGIO else gebied.upper()
    if gebied != REGIO and gebied not in gemeenten:
        known = ", ".join(gemeenten) or "geen"
        raise UserError(f"gemeente {gebied} staat niet in de store; aanwezig: {known} (of 'regio')")
    p = parse(periode)
    peildatum = store_peildatum(con)
    if p.start > peildatum:
        raise UserError(
            f"de periode {periode} begint na de peildatum ({fmt_datum(peildatum)}); er zijn nog geen cijfers"
        )
    perioden = Perioden(p, peildatum)

    records = bereken(con, sjabloon, perioden)
    gevraagd = {ind: [q.code for q in periods] for ind, (_, periods) in _behoeften(sjabloon, perioden).items()}
    records = ontbrekend.nog_niet_te_beoordelen(records, peildatum, gevraagd)
    records += prognose.aanvullen(con, records, sjabloon, p, peildatum, _store_sleutel(con))
    if audience.onderdrukken:
        records = suppress(_gepubliceerd(records, sjabloon, gebied), audience)
    g = Gegevens(records, gebied, audience.k, labels.wijk_namen(con))
    bouwer = SectieBouwer(g, perioden)
    dag = min(p.eind, peildatum)

    hoofdstukken = []
    for h_nr, hspec in enumerate(sjabloon.hoofdstukken, start=1):
        secties = []
        for s_nr, sspec in enumerate(hspec.secties, start=1):
            nummer = f"{h_nr}.{s_nr}"
            if sspec.lijst is not None:
                # a work list is for today: the peildatum, whatever period the rest of the report is about
                on = peildatum if sspec.lijst in WERKLIJSTEN_OP_PEILDATUM else dag
                secties.append(_lijst_sectie(con, sspec.lijst, sspec.titel, sspec.tekst, gebied, on, p.start, nummer))
            elif sspec.doelboom is not None:  # goal tree with its targets' status (outputs/rapport/doelboom.py)
                k = audience.k if audience.onderdrukken else None
                secties.append(doelboom_sectie(con, sspec.doelboom, sspec.titel, sspec.tekst, sspec.waarom, gebied,
                                               p.code, nummer, k))  # fmt: skip
            else:
                secties.append(bouwer.bouw(sspec, nummer))
            secties[-1] = met_duidingen(con, secties[-1], gebied, p.code)  # annotations beside the numbers
        hoofdstukken.append(Hoofdstuk(str(h_nr), hspec.titel, tuple(secties), " ".join(hspec.inleiding.split())))

    gebied_naam = labels.regio_naam(gemeenten) if gebied == REGIO else labels.gemeente_naam(gebied)
    return Rapport(
        titel=sjabloon.titel,
        doelgroep=sjabloon.doelgroep,
        gebied=gebied,
        gebied_naam=gebied_naam,
        periode=p.code,
        periode_tekst=labels.periode_tekst(p),
        peildatum=peildatum,
        vertrouwelijk=audience.clientniveau,
        onderdrukt=audience.onderdrukken,
        hoofdstukken=tuple(hoofdstukken),
        toelichting=_toelichting(sjabloon, audience.label, audience.onderdrukken, audience.k, peildatum),
        sjabloon=_sjabloon_tekst(gevonden),
    )


def _lijst_sectie(
    con: duckdb.DuckDBPyConnection,
    naam: str,
    titel: str,
    tekst: str,
    gebied: str,
    dag: date,
    start: date,
    nummer: str,
) -> Sectie:
    function = LIJST_FUNCTIES[naam]
    kwargs = {"start": start} if naam == "aanmeldingen_per_team" else {}
    lijst = function(con, gebied, dag, f"{nummer}.1", **kwargs)
    return Sectie(nummer, titel, (), lijst.waarom, lijst.tekst, (lijst.tabel,), inleiding=" ".join(tekst.split()))


def _toelichting(sjabloon: Sjabloon, label: str, onderdrukt: bool, k: int, peildatum: date) -> str:
    parts = [" ".join(sjabloon.inleiding.split()), " ".join(sjabloon.leeswijzer.split())]
    parts.append(
        f"Deze rapportage is gemaakt voor: {label}. De gegevens zijn compleet tot en met de peildatum "
        f"{fmt_datum(peildatum)}; een periode die later eindigt, is voorlopig."
    )
    if onderdrukt:
        parts.append(
            f"Aantallen van 1 tot en met {k - 1} jongeren staan er als '< {k}'; percentages en gemiddelden "
            f"over minder dan {k} jongeren worden niet getoond, en waar nodig nog een cijfer ('×'), zodat "
            "niets is terug te rekenen."
        )
    return " ".join(p for p in parts if p)


def _sjabloon_tekst(gevonden: Gevonden) -> str:
    """Which template made the report and which were considered (for the colophon, not the introduction)."""

    def kort(path: Path) -> str:
        return f"{path.parent.name}/{path.name}"

    considered = ", ".join(kort(p) for p in gevonden.overwogen)
    return f"Opgemaakt volgens het sjabloon {kort(gevonden.pad)} (gezocht, van specifiek naar algemeen: {considered})."


def _gepubliceerd(records: list[Record], sjabloon: Sjabloon, gebied: str) -> list[Record]:
    """The records the report can publish: of its own area, and of every municipality and the region for the
    indicators it compares across municipalities. Suppression works on these only: a small number elsewhere
    in the region must not hide a cell of this report through a table the report does not show."""
    vergeleken = {
        bron
        for hoofdstuk in sjabloon.hoofdstukken
        for sectie in hoofdstuk.secties
        for tabel in sectie.tabellen
        if tabel.rijen == "gemeente" or "regio" in sectie.vergelijking
        for bron, _ in tabel.bronnen
    }
    return [r for r in records if r.gemeente == gebied or r.indicator in vergeleken]
