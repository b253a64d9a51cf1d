"""Lists straight from the store's tables: the case workers' work lists (by shortened pseudonym, team and
case worker), the team overviews of the leidinggevenden and the control measures (beheersmaatregelen).

Work lists show individual young persons: they are for authorised case workers only, never public, and the
report that holds them is marked VERTROUWELIJK. They carry a shortened pseudonym, never a BSN or a name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import duckdb

from jeugdmonitor.formatting import fmt_datum, fmt_getal
from jeugdmonitor.outputs.rapport.beheersmaatregelen import beheersmaatregelen_lijst
from jeugdmonitor.outputs.rapport.model import Cel, Tabel

PSEUDONIEM_LENGTE = 8  # enough to find a young person in the case system's pseudonym search, short to read
MAX_RIJEN = 250  # a work list longer than this is cut, and says so
NORM_STANDAARD = 28  # days, when the product has no waiting-time norm (H10 #25: JH, JB, JR at most 4 weeks)

_PRODUCTEN = """
    producten_kort AS (  -- the store's classification of every delivered product (norm, description)
        SELECT product, productcategorie, any_value(omschrijving) AS omschrijving,
               any_value(wachttijdnorm_dagen) AS norm
        FROM product_klasse GROUP BY ALL
    )"""


@dataclass(frozen=True)
class Lijst:
    """A list section's table, its "Wat zien we?" and its "Waarom willen we dit weten"."""

    tabel: Tabel
    tekst: str
    waarom: str


def _area(gebied: str) -> tuple[str, list[object]]:
    return ("TRUE", []) if gebied == "regio" else ("j.gemeente = ?", [gebied])


def _tekst(value: object) -> Cel:
    if value is None:
        return Cel("–")
    if isinstance(value, date):
        return Cel(fmt_datum(value))
    if isinstance(value, int):
        return Cel(fmt_getal(value, 0), float(value), "aantal")
    if isinstance(value, float):  # an average: always one decimal, so that a column reads alike (29,0 beside 18,4)
        return Cel(fmt_getal(value, 1), value, "aantal")
    return Cel(str(value))


def _tabel(nummer: str, titel: str, kolommen: tuple[str, ...], rows: list[tuple], note: str) -> Tabel:
    cut = len(rows) > MAX_RIJEN
    body = tuple(tuple(_tekst(v) for v in row) for row in rows[:MAX_RIJEN])
    if cut:
        note += f" De lijst telt {fmt_getal(len(rows))} regels; de eerste {MAX_RIJEN} staan hier."
    return Tabel(nummer, titel, kolommen, body, note.strip())


def _kort(client: str | None) -> str:
    return (client or "onbekend")[:PSEUDONIEM_LENGTE]


NOTE_PERSOON = (
    "Pseudoniem: de eerste 8 tekens van het pseudoniem in de store (geen BSN). Vertrouwelijk: alleen voor "
    "geautoriseerde medewerkers."
)


def wachtend_boven_norm(con: duckdb.DuckDBPyConnection, gebied: str, dag: date, nummer: str) -> Lijst:
    where, params = _area(gebied)
    rows = con.execute(
        f"""
        -- trajectories registered but not begun on the day, waiting longer than their product's norm
        WITH {_PRODUCTEN}
        SELECT j.client, coalesce(p.omschrijving, j.product), j.aanbieder, j.aanmelddatum,
               date_diff('day', j.aanmelddatum, ?::DATE) AS dagen, coalesce(p.norm, {NORM_STANDAARD}) AS norm,
               coalesce(j.team, 'geen team'), coalesce(j.medewerker, 'niet toegewezen')
        FROM jeugdhulp j LEFT JOIN producten_kort p
            ON p.product = j.product AND p.productcategorie IS NOT DISTINCT FROM j.productcategorie
        WHERE {where} AND j.aanmelddatum <= ?::DATE
          AND (j.begindatum IS NULL OR j.begindatum > ?::DATE) AND (j.einddatum IS NULL OR j.einddatum > ?::DATE)
          AND date_diff('day', j.aanmelddatum, ?::DATE) > coalesce(p.norm, {NORM_STANDAARD})
        ORDER BY dagen DESC, j.client
    """,
        [dag, *params, dag, dag, dag, dag],
    ).fetchall()
    rows = [(_kort(c), *rest) for c, *rest in rows]
    tabel = _tabel(
        nummer,
        f"Jeugdigen die op {fmt_datum(dag)} langer wachten dan de norm",
        ("Pseudoniem", "Product", "Aanbieder", "Aangemeld op", "Dagen wachtend", "Norm (dagen)", "Team", "Medewerker"),
        rows,
        NOTE_PERSOON,
    )
    if rows:
        text = (
            f"Op {fmt_datum(dag)} wachten {fmt_getal(len(rows))} aanmeldingen langer dan de wachttijdnorm van hun "
            f"product. De langste wachttijd is {fmt_getal(rows[0][4])} dagen."
        )
    else:
        text = f"Op {fmt_datum(dag)} wacht niemand langer dan de wachttijdnorm."
    why = "Wie te lang wacht, loopt risico op verergering; de lijst maakt per medewerker zichtbaar wie actie vraagt."
    return Lijst(tabel, text, why)


def einde_binnen_8_weken(con: duckdb.DuckDBPyConnection, gebied: str, dag: date, nummer: str) -> Lijst:
    where, params = _area(gebied)
    rows = con.execute(
        f"""
        -- running allocations whose allocation ends within 8 weeks (56 days) after the day
        WITH {_PRODUCTEN}
        SELECT j.client, coalesce(p.omschrijving, j.product), j.aanbieder, j.toewijzing_einddatum,
               date_diff('day', ?::DATE, j.toewijzing_einddatum) AS dagen,
               coalesce(j.team, 'geen team'), coalesce(j.medewerker, 'niet toegewezen')
        FROM jeugdhulp j LEFT JOIN producten_kort p
            ON p.product = j.product AND p.productcategorie IS NOT DISTINCT FROM j.productcategorie
        WHERE {where} AND j.begindatum <= ?::DATE AND (j.einddatum IS NULL OR j.einddatum > ?::DATE)
          AND j.toewijzing_einddatum > ?::DATE AND j.toewijzing_einddatum <= ?::DATE + INTERVAL 56 DAY
        ORDER BY j.toewijzing_einddatum, j.client
    """,
        [dag, *params, dag, dag, dag, dag],
    ).fetchall()
    rows = [(_kort(c), *rest) for c, *rest in rows]
    tabel = _tabel(
        nummer,
        "Toewijzingen die binnen 8 weken aflopen",
        ("Pseudoniem", "Product", "Aanbieder", "Einde toewijzing", "Dagen tot einde", "Team", "Medewerker"),
        rows,
        NOTE_PERSOON,
    )
    text = (
        f"{fmt_getal(len(rows))} lopende toewijzingen eindigen binnen 8 weken na {fmt_datum(dag)}: tijd om met "
        "jeugdige, ouders en aanbieder te bespreken of de hulp kan stoppen of verlengd moet worden."
    )
    why = "Een toewijzing die ongemerkt afloopt, geeft een gat in de hulp of een verlenging zonder afweging."
    return Lijst(tabel, text, why)


def zonder_start(con: duckdb.DuckDBPyConnection, gebied: str, dag: date, nummer: str) -> Lijst:
    where, params = _area(gebied)
    rows = con.execute(
        f"""
        -- allocated (toewijzingsdatum) but not begun on the day and not cancelled
        WITH {_PRODUCTEN}
        SELECT j.client, coalesce(p.omschrijving, j.product), j.aanbieder, j.toewijzingsdatum,
               date_diff('day', j.toewijzingsdatum, ?::DATE) AS dagen,
               coalesce(j.team, 'geen team'), coalesce(j.medewerker, 'niet toegewezen')
        FROM jeugdhulp j LEFT JOIN producten_kort p
            ON p.product = j.product AND p.productcategorie IS NOT DISTINCT FROM j.productcategorie
        WHERE {where} AND j.toewijzingsdatum <= ?::DATE
          AND (j.begindatum IS NULL OR j.begindatum > ?::DATE) AND (j.einddatum IS NULL OR j.einddatum > ?::DATE)
        ORDER BY dagen DESC, j.client
    """,
        [dag, *params, dag, dag, dag],
    ).fetchall()
    rows = [(_kort(c), *rest) for c, *rest in rows]
    tabel = _tabel(
        nummer,
        f"Toewijzingen zonder start op {fmt_datum(dag)}",
        ("Pseudoniem", "Product", "Aanbieder", "Toegewezen op", "Dagen sinds toewijzing", "Team", "Medewerker"),
        rows,
        NOTE_PERSOON,
    )
    text = (
        f"{fmt_getal(len(rows))} toewijzingen zijn op {fmt_datum(dag)} afgegeven maar nog niet gestart."
        if rows
        else f"Op {fmt_datum(dag)} is elke toewijzing gestart."
    )
    why = "Een toewijzing zonder start is hulp die wel nodig is maar niet geleverd wordt: navragen bij de aanbieder."
    return Lijst(tabel, text, why)


def bijna_18(con: duckdb.DuckDBPyConnection, gebied: str, dag: date, nummer: str) -> Lijst:
    where, params = _area(gebied)
    rows = con.execute(
        f"""
        -- young persons in care on the day who turn 18 within 6 months: plan the transition to adult care
        WITH {_PRODUCTEN},
        actief AS (
            SELECT j.client, string_agg(DISTINCT coalesce(p.omschrijving, j.product), '; ') AS producten,
                   coalesce(any_value(j.team), 'geen team') AS team,
                   coalesce(any_value(j.medewerker), 'niet toegewezen') AS medewerker
            FROM jeugdhulp j LEFT JOIN producten_kort p
            ON p.product = j.product AND p.productcategorie IS NOT DISTINCT FROM j.productcategorie
            WHERE {where} AND j.begindatum <= ?::DATE AND (j.einddatum IS NULL OR j.einddatum >= ?::DATE)
            GROUP BY j.client
        ),
        personen AS (SELECT client, any_value(geboortedatum) AS geboortedatum FROM jeugdigen GROUP BY client)
        SELECT a.client, (p.geboortedatum + INTERVAL 18 YEAR)::DATE AS achttien, a.producten, a.team, a.medewerker
        FROM actief a JOIN personen p USING (client)
        WHERE p.geboortedatum + INTERVAL 18 YEAR > ?::DATE
          AND p.geboortedatum + INTERVAL 18 YEAR <= ?::DATE + INTERVAL 6 MONTH
        ORDER BY achttien, a.client
    """,
        [*params, dag, dag, dag, dag],
    ).fetchall()
    rows = [(_kort(c), *rest) for c, *rest in rows]
    tabel = _tabel(
        nummer,
        "Jeugdigen in zorg die binnen 6 maanden 18 worden",
        ("Pseudoniem", "Wordt 18 op", "Lopende hulp", "Team", "Medewerker"),
        rows,
        NOTE_PERSOON,
    )
    text = (
        f"{fmt_getal(len(rows))} jeugdigen in zorg worden binnen zes maanden na {fmt_datum(dag)} 18 jaar. Voor "
        "hen is een plan nodig voor verlengde jeugdhulp of de overgang naar Wmo, Zvw of Wlz."
    )
    why = (
        "Bij 18 jaar stopt de jeugdhulp tenzij er verlengd wordt; zonder tijdige planning ontstaat een breuk in de "
        "hulp."
    )
    return Lijst(tabel, text, why)


def aanmeldingen_per_team(
    con: duckdb.DuckDBPyConnection, gebied: str, dag: date, nummer: str, start: date | None = None
) -> Lijst:
    where, params = _area(gebied)
    start = start or date(dag.year, 1, 1)
    rows = con.execute(
        f"""
        -- registrations in the period per team, and what followed
        SELECT coalesce(j.team, 'Team onbekend'), count(*) AS aanmeldingen,
               count(*) FILTER (WHERE vervolg = 'maatwerk'), count(*) FILTER (WHERE vervolg = 'algemene_voorziening'),
               count(*) FILTER (WHERE vervolg = 'zelf_opgelost'), count(*) FILTER (WHERE vervolg = 'geen'),
               count(*) FILTER (WHERE vervolg = 'lopend' OR vervolg IS NULL)
        FROM aanmeldingen j
        WHERE {where} AND j.datum BETWEEN ?::DATE AND ?::DATE
        GROUP BY ALL ORDER BY aanmeldingen DESC
    """,
        [*params, start, dag],
    ).fetchall()
    tabel = _tabel(
        nummer,
        "Aanmeldingen per team en het vervolg",
        (
            "Team",
            "Aanmeldingen",
            "Maatwerkvoorziening",
            "Algemene voorziening",
            "Zelf opgelost",
            "Geen vervolg",
            "Nog lopend",
        ),
        rows,
        f"Aanmeldingen van {fmt_datum(start)} tot en met {fmt_datum(dag)}.",
    )
    total = sum(r[1] for r in rows)
    text = (
        f"De teams kregen {fmt_getal(total)} aanmeldingen, de meeste bij {rows[0][0]} ({fmt_getal(rows[0][1])})."
        if rows
        else "Er zijn geen aanmeldingen in deze periode."
    )
    why = "Per team laat dit zien hoeveel vragen binnenkomen en hoe vaak die tot maatwerk leiden."
    return Lijst(tabel, text, why)


def caseload(con: duckdb.DuckDBPyConnection, gebied: str, dag: date, nummer: str) -> Lijst:
    where, params = _area(gebied)
    rows = con.execute(
        f"""
        -- young persons with running help on the day per case worker, summarised per team
        WITH per_medewerker AS (
            SELECT coalesce(j.team, 'Team onbekend') AS team, j.medewerker, count(DISTINCT j.client) AS jeugdigen
            FROM jeugdhulp j
            WHERE {where} AND j.begindatum <= ?::DATE AND (j.einddatum IS NULL OR j.einddatum >= ?::DATE)
            GROUP BY ALL
        )
        SELECT team, count(medewerker) AS medewerkers,
               sum(jeugdigen) FILTER (WHERE medewerker IS NOT NULL) AS met,
               round(avg(jeugdigen) FILTER (WHERE medewerker IS NOT NULL), 1),
               max(jeugdigen) FILTER (WHERE medewerker IS NOT NULL),
               coalesce(sum(jeugdigen) FILTER (WHERE medewerker IS NULL), 0)
        FROM per_medewerker GROUP BY team ORDER BY team
    """,
        [*params, dag, dag],
    ).fetchall()
    tabel = _tabel(
        nummer,
        f"Caseload per medewerker op {fmt_datum(dag)}, per team",
        (
            "Team",
            "Medewerkers",
            "Jeugdigen met medewerker",
            "Gemiddelde caseload",
            "Hoogste caseload",
            "Jeugdigen zonder medewerker",
        ),
        rows,
        "Caseload: jeugdigen met lopende hulp op de dag per medewerker.",
    )
    without = sum(r[5] or 0 for r in rows)
    text = (
        f"Op {fmt_datum(dag)} hebben {fmt_getal(without)} jeugdigen met lopende hulp geen vaste medewerker."
        if rows
        else "Er is geen lopende hulp op deze dag."
    )
    why = (
        "De caseload per medewerker laat zien waar de werkdruk te hoog wordt en waar jeugdigen geen vaste "
        "medewerker hebben."
    )
    return Lijst(tabel, text, why)


def wachtlijst_per_team(con: duckdb.DuckDBPyConnection, gebied: str, dag: date, nummer: str) -> Lijst:
    where, params = _area(gebied)
    rows = con.execute(
        f"""
        -- the waiting list on the day (H10 #24: registered at least 28 days ago, help not begun) per team
        SELECT coalesce(j.team, 'Team onbekend'), count(DISTINCT j.client) AS wachtend,
               round(avg(date_diff('day', j.aanmelddatum, ?::DATE)), 1)
        FROM jeugdhulp j
        WHERE {where} AND j.aanmelddatum <= ?::DATE - INTERVAL 28 DAY
          AND (j.begindatum IS NULL OR j.begindatum > ?::DATE) AND (j.einddatum IS NULL OR j.einddatum > ?::DATE)
        GROUP BY ALL ORDER BY wachtend DESC
    """,
        [dag, *params, dag, dag, dag],
    ).fetchall()
    tabel = _tabel(
        nummer,
        f"Wachtlijst per team op {fmt_datum(dag)}",
        ("Team", "Jeugdigen op de wachtlijst", "Gemiddeld aantal dagen wachtend"),
        rows,
        "Op de wachtlijst: minstens 28 dagen geleden aangemeld en de hulp is nog niet begonnen.",
    )
    total = sum(r[1] for r in rows)
    text = (
        f"Op {fmt_datum(dag)} staan {fmt_getal(total)} jeugdigen op de wachtlijst."
        if rows
        else (f"Op {fmt_datum(dag)} staat niemand op de wachtlijst.")
    )
    why = "De wachtlijst per team laat zien waar jeugdigen blijven hangen tussen aanmelding en hulp."
    return Lijst(tabel, text, why)


LIJSTEN: dict[str, Callable[..., Lijst]] = {
    "wachtend_boven_norm": wachtend_boven_norm,
    "einde_binnen_8_weken": einde_binnen_8_weken,
    "zonder_start": zonder_start,
    "bijna_18": bijna_18,
    "beheersmaatregelen": beheersmaatregelen_lijst,  # with the goals each measure serves (beheersmaatregelen.py)
    "aanmeldingen_per_team": aanmeldingen_per_team,
    "caseload": caseload,
    "wachtlijst_per_team": wachtlijst_per_team,
}
