"""From iJw messages to the store tables ``jeugdigen``, ``jeugdhulp`` and ``kosten``: the mapping, in one place.

The facts of every message loaded so far (the store's ``_ijw_*`` tables plus this delivery's) are turned
into the three tables for each municipality this delivery has messages for; those rows then replace the
municipality's rows as any delivery does. Messages can thus arrive in monthly batches: a start in March finds
the allocation sent in January. Writers of messages (the demo, ``generate --formaat ijw``) can rely on
exactly the rules below.

Municipality and provider
    The municipality is whichever of Header/Afzender and Header/Ontvanger has four digits (``0384`` ->
    ``GM0384``); the provider (``aanbieder``) the one with eight (AGB code).

``jeugdigen`` (one row per young person seen in a JW301, JW305, JW307, JW315 or JW323)
    ``bsn``           Client/Bsn, pseudonymised on read (the same pseudonym as from a CSV delivery).
    ``geboortedatum`` Client/Geboortedatum/Datum, ``geslacht`` Client/Geslacht: from the most recent JW301,
                      else the most recent JW315, else JW305/JW307 (JW323 carries only the BSN).
    ``postcode``      JW301 Client/Contactgegevens/Contact/Adres/Postcode, the BRP address (Soort 01) first.
                      The store keeps the four digits only; the full postcode serves the wijk derivation of
                      the delivery that brings it.
    ``gemeente``      the municipality of the young person's most recent message.

``jeugdhulp`` (one row per ToewijzingNummer within a municipality: ``traject_id`` = ``GM0384-300201``)
    ``aanbieder``, ``product`` (Product/Code), ``productcategorie`` (Product/Categorie), ``volume``,
    ``eenheid``, ``frequentie`` (Omvang): from the latest JW301 of the ToewijzingNummer (latest by
    Toewijzingsdatum + Toewijzingstijd, then Dagtekening). A toewijzing in budget (Budget without Omvang)
    has ``volume`` = the budget in euros and ``eenheid`` 83 (euro's). Without any JW301 these come from the
    JW305/JW307 (a trajectory whose allocation predates the messages loaded).
    ``financiering``  always ``ZIN`` (pgb does not travel as messages).
    ``toewijzingsdatum`` the earliest Toewijzingsdatum of the ToewijzingNummer (the original allocation);
    ``toewijzing_einddatum`` Einddatum of the latest JW301: a new JW301 for the same ToewijzingNummer is an
                      extension or shortening and simply replaces the end date.
    A JW315 that no JW301 answers (none with the same municipality, provider and ReferentieAanbieder) is a
    request still waiting: a trajectory ``GM0384-aanvraag-<AGB>-<ReferentieAanbieder>`` with only client,
    provider, product, ``verwijzer`` and ``aanmelddatum`` (the latest JW315's), so it counts on the waiting
    list. When the JW301 comes, the trajectory gets its ToewijzingNummer id and this row disappears. A request
    the municipality refuses gets no message, so it keeps waiting until the region leaves it out.
    ``verwijzer``, ``aanmelddatum`` from the matching JW315: same municipality, same provider (the JW315's
                      sender) and AangevraagdProduct/ReferentieAanbieder = ToegewezenProduct/ReferentieAanbieder;
                      ``verwijzer`` = Verwijzer/Type (COD327), ``aanmelddatum`` = the JW315's Dagtekening (the
                      request date). A JW301 without a matching JW315 was allocated on the municipality's own
                      access decision: ``verwijzer`` ``01`` (gemeente), ``aanmelddatum`` empty.
    ``begindatum``    the earliest Begindatum of the effective JW305 starts; without a start, the Begindatum of
                      a JW307 stop.
    ``einddatum``, ``reden_beeindiging`` the latest Einddatum of the effective JW307 stops with a definitive
                      reason (RedenBeeindiging other than 20) and its reason, unless a start follows it. A
                      temporary stop (reason 20) ends nothing: the trajectory runs on until a definitive stop.
                      Without a definitive stop, a latest JW301 whose RedenWijziging ends the allocation
                      (``data/redenwijziging.csv``, gevolg ``einde``: 02, 03, 06–12) ends the trajectory on the
                      allocation's Einddatum with the JZ588 counterpart as reason (not before its begindatum),
                      unless that JW301 extends the allocation (its Einddatum later than the previous JW301's): an
                      extension granted on the provider's change request (12) ends nothing.
Rules for corrections and deletions
    * StatusAanlevering (COD467): a JW305 start is identified by ToewijzingNummer + Begindatum, a JW307 stop by
      ToewijzingNummer + Begindatum + Einddatum + RedenBeeindiging (3.2). For each such key the latest message
      (Dagtekening, then load order) decides: status 1 counts, status 3 deletes it. A correction is a
      deletion (3) plus a new start or stop (1).
    * RedenWijziging 13 (verwijderd) on the latest JW301 deletes the toewijzing: no trajectory, and its
      starts and stops are ignored; its costs stay, without ``traject_id``.
    * Starts and stops without ToewijzingNummer are not used.

``kosten`` (one row per JW323 Prestatie; the latest per provider and ReferentieNummer)
    ``maand``         month of ProductPeriode/Begindatum; ``bedrag`` IngediendBedrag/Bedrag in eurocents / 100,
                      negative for DebetCredit C (a credit of an earlier prestatie); ``volume`` GeleverdVolume
                      (negative with a credit); ``product`` ProductCode; ``aanbieder`` the sender;
                      ``bsn`` Client/Bsn; ``traject_id`` the trajectory of ToewijzingNummer, when there is one;
                      ``soort`` ``declaratie``; ``financiering`` ``ZIN``; ``boekdatum`` the Dagtekening of the
                      JW325 answer, else of the JW323.
    JW325: a prestatie listed in a JW325 answer (same provider, same ReferentieNummer) with a RetourCode that
    is not approving (``data/retourcodes.csv``) was rejected: the granted amount is nil and the row is left out.
    Prestaties not listed were granted in full.

The two code tables of this module (``data/redenwijziging.csv``: what a RedenWijziging does and its JZ588
counterpart; ``data/retourcodes.csv``: which RetourCodes approve) can be replaced by a region's own files of the
same name and columns in the folder named by ``JEUGDMONITOR_IJW_CODES``.

Codes are passed on as delivered (JZ020 product category, JZ588 reason, COD327 referrer, WJ756 unit, WMO757
frequency). Their mapping to the CBS categories (hulpvorm, reden beëindiging) is the catalogue's, configurable
like for every delivery: ``catalog/productcategorieen.csv`` and ``catalog/reden_beeindiging.csv``.
"""

from __future__ import annotations

import csv
import os
from importlib import resources
from pathlib import Path

import duckdb

from jeugdmonitor.errors import UserError
from jeugdmonitor.sources.base import quote_literal

ENV_CODES = "JEUGDMONITOR_IJW_CODES"  # a folder with the region's redenwijziging.csv / retourcodes.csv
CODE_COLUMNS = {"redenwijziging.csv": ("code", "gevolg", "jz588"), "retourcodes.csv": ("code", "afwijzend")}
LATEST = 2147483647  # the delivery being staged has no levering_id yet: it counts as the latest
TABLES = ("jeugdigen", "jeugdhulp", "kosten")
COLUMNS = {
    "jeugdigen": ("bsn", "geslacht", "geboortedatum", "postcode", "gemeente"),
    "jeugdhulp": (
        "traject_id", "bsn", "gemeente", "aanbieder", "product", "productcategorie", "financiering", "verwijzer",
        "aanmelddatum", "toewijzingsdatum", "toewijzing_einddatum", "begindatum", "einddatum",
        "reden_beeindiging", "volume", "eenheid", "frequentie",
    ),
    "kosten": (
        "maand", "boekdatum", "bedrag", "gemeente", "traject_id", "bsn", "product", "aanbieder", "financiering",
        "soort", "volume",
    ),
}  # fmt: skip


def _data(name: str) -> list[dict[str, str]]:
    """A code table: the region's own (in the folder ``JEUGDMONITOR_IJW_CODES``) before the shipped one."""
    own = Path(os.environ[ENV_CODES]) / name if os.environ.get(ENV_CODES) else None
    if own is not None and own.is_file():
        text = own.read_text(encoding="utf-8-sig")
    else:
        text = resources.files("jeugdmonitor.sources.ijw").joinpath(f"data/{name}").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    needed = CODE_COLUMNS[name]
    if not rows or not set(needed) <= set(rows[0]):
        raise UserError(f"codetabel {own or name} mist een of meer van de kolommen {', '.join(needed)}")
    return rows


def reden_wijziging() -> dict[str, tuple[str, str]]:
    """JZ002 code -> (gevolg, JZ588 reason) from ``data/redenwijziging.csv``."""
    return {r["code"]: (r["gevolg"], r["jz588"]) for r in _data("redenwijziging.csv")}


def goedkeurende_retourcodes() -> tuple[str, ...]:
    return tuple(r["code"] for r in _data("retourcodes.csv") if r["afwijzend"] == "nee")


def _in(values: tuple[str, ...] | list[str]) -> str:
    return "(" + ", ".join(quote_literal(v) for v in values) + ")" if values else "(NULL)"


def fact_views(con: duckdb.DuckDBPyConnection, sources: dict[str, list[str]]) -> None:
    """TEMP views ``ijw_f_<table>``: the facts of the municipalities touched, with their message's header.

    ``sources`` maps a fact table to the relations holding it (this delivery's, the store's).
    """

    def union(table: str) -> str:
        return " UNION ALL BY NAME ".join(
            f"SELECT *, coalesce(levering_id, {LATEST}) AS lev FROM {rel}" for rel in sources[table]
        )

    con.execute(f"CREATE OR REPLACE TEMP VIEW ijw_alle_berichten AS {union('berichten')}")
    con.execute(
        "CREATE OR REPLACE TEMP VIEW ijw_b AS SELECT lev, nr, soort, gemeente, aanbieder, dagtekening, "
        # one sortable key: message date, then load order (delivery, message number)
        "(date_diff('day', DATE '1900-01-01', dagtekening)::HUGEINT << 64) + (lev::HUGEINT << 32) + nr AS volg "
        "FROM ijw_alle_berichten WHERE gemeente IN (SELECT gemeente FROM ijw_gemeenten)"
    )
    for table in sources:
        if table == "berichten":
            continue
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW ijw_f_{table} AS SELECT f.*, b.soort, b.gemeente, b.aanbieder, "
            f"b.dagtekening, b.volg FROM ({union(table)}) f JOIN ijw_b b ON b.lev = f.lev AND b.nr = f.nr"
        )


def _trajecten_sql() -> str:
    """One row per (gemeente, toewijzing) with everything ``jeugdhulp`` needs (see the module docstring)."""
    einde = [c for c, (gevolg, _) in reden_wijziging().items() if gevolg == "einde"]
    verwijderd = [c for c, (gevolg, _) in reden_wijziging().items() if gevolg == "verwijderd"]
    reden_case = " ".join(
        f"WHEN {quote_literal(c)} THEN {quote_literal(r)}" for c, (g, r) in reden_wijziging().items() if g == "einde"
    )
    return f"""
    WITH tw_rang AS (  -- the JW301s per toewijzing, latest first: extensions, shortenings and corrections replace
        SELECT *, row_number() OVER (PARTITION BY gemeente, toewijzing
                                     ORDER BY toewijzingsdatum DESC, toewijzingstijd DESC NULLS LAST, volg DESC)
                  AS rang
        FROM ijw_f_toewijzingen),
    tw_last AS (SELECT * EXCLUDE (rang) FROM tw_rang WHERE rang = 1),
    tw_vorig AS (SELECT gemeente, toewijzing, einddatum AS vorig_einde FROM tw_rang WHERE rang = 2),
    tw_first AS (
        SELECT gemeente, toewijzing, min(toewijzingsdatum) AS toewijzingsdatum,
               arg_max(referentie, volg) FILTER (WHERE referentie IS NOT NULL) AS referentie
        FROM ijw_f_toewijzingen GROUP BY gemeente, toewijzing),
    verwijderd AS (SELECT gemeente, toewijzing FROM tw_last WHERE reden_wijziging IN {_in(verwijderd)}),
    st AS (  -- per start key the latest message decides: status 3 deletes
        SELECT * FROM ijw_f_starts WHERE toewijzing IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY gemeente, toewijzing, begindatum ORDER BY volg DESC) = 1),
    sp AS (
        SELECT * FROM ijw_f_stops WHERE toewijzing IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY gemeente, toewijzing, begindatum, einddatum, reden
                                   ORDER BY volg DESC) = 1),
    start_agg AS (
        SELECT gemeente, toewijzing, min(begindatum) AS eerste_start, max(begindatum) AS laatste_start,
               arg_max(client, volg) AS client, arg_max(aanbieder, volg) AS aanbieder,
               arg_max(product, volg) AS product, arg_max(categorie, volg) AS categorie
        FROM st WHERE status <> '3' GROUP BY gemeente, toewijzing),
    stop_agg AS (
        SELECT gemeente, toewijzing, min(begindatum) AS stop_begin,
               max(einddatum) FILTER (WHERE reden <> '20') AS def_eind,
               arg_max(reden, einddatum) FILTER (WHERE reden <> '20') AS def_reden,
               arg_max(client, volg) AS client, arg_max(aanbieder, volg) AS aanbieder,
               arg_max(product, volg) AS product, arg_max(categorie, volg) AS categorie
        FROM sp WHERE status <> '3' GROUP BY gemeente, toewijzing),
    aanvraag AS (  -- the latest JW315 per provider and ReferentieAanbieder
        SELECT gemeente, aanbieder, referentie, verwijzer, dagtekening FROM ijw_f_aanvragen
        QUALIFY row_number() OVER (PARTITION BY gemeente, aanbieder, referentie ORDER BY volg DESC) = 1),
    sleutels AS (
        SELECT gemeente, toewijzing FROM tw_last
        UNION SELECT gemeente, toewijzing FROM start_agg
        UNION SELECT gemeente, toewijzing FROM stop_agg),
    samen AS (
        SELECT k.gemeente, k.toewijzing,
               coalesce(t.client, s.client, p.client) AS client,
               coalesce(t.aanbieder, s.aanbieder, p.aanbieder) AS aanbieder,
               CASE WHEN t.toewijzing IS NOT NULL THEN t.product ELSE coalesce(s.product, p.product) END AS product,
               coalesce(t.categorie, s.categorie, p.categorie) AS categorie,
               f.toewijzingsdatum, t.einddatum AS toewijzing_einddatum, t.reden_wijziging,
               coalesce(t.volume::DOUBLE, t.budget / 100.0) AS volume,
               coalesce(t.eenheid, CASE WHEN t.budget IS NOT NULL THEN '83' END) AS eenheid, t.frequentie,
               coalesce(s.eerste_start, p.stop_begin) AS begindatum,
               coalesce(s.laatste_start, p.stop_begin) AS laatste_start, p.def_eind, p.def_reden,
               a.verwijzer AS aanvraag_verwijzer, a.dagtekening AS aanvraagdatum, t.toewijzing IS NOT NULL AS met_301,
               coalesce(t.einddatum > v.vorig_einde, false) AS verlengd
        FROM sleutels k
        LEFT JOIN tw_last t USING (gemeente, toewijzing)
        LEFT JOIN tw_vorig v USING (gemeente, toewijzing)
        LEFT JOIN tw_first f USING (gemeente, toewijzing)
        LEFT JOIN start_agg s USING (gemeente, toewijzing)
        LEFT JOIN stop_agg p USING (gemeente, toewijzing)
        LEFT JOIN aanvraag a ON a.gemeente = k.gemeente AND a.aanbieder = t.aanbieder AND a.referentie = f.referentie
        WHERE (k.gemeente, k.toewijzing) NOT IN (SELECT (gemeente, toewijzing) FROM verwijderd))
    SELECT *,
        CASE WHEN def_eind >= laatste_start OR (def_eind IS NOT NULL AND laatste_start IS NULL) THEN def_eind
             WHEN def_eind IS NULL AND reden_wijziging IN {_in(einde)} AND NOT verlengd
                  AND (begindatum IS NULL OR toewijzing_einddatum >= begindatum) THEN toewijzing_einddatum
        END AS einddatum,
        CASE WHEN def_eind >= laatste_start OR (def_eind IS NOT NULL AND laatste_start IS NULL) THEN def_reden
             WHEN def_eind IS NULL AND reden_wijziging IN {_in(einde)} AND NOT verlengd
                  AND (begindatum IS NULL OR toewijzing_einddatum >= begindatum)
             THEN CASE reden_wijziging {reden_case} END
        END AS reden
    FROM samen"""


def _open_aanvragen_sql() -> str:
    """One row per JW315 request (gemeente, provider, ReferentieAanbieder) that no JW301 answers yet."""
    return """
    SELECT gemeente, aanbieder, referentie, arg_max(client, volg) AS client, arg_max(categorie, volg) AS categorie,
           arg_max(product, volg) AS product, arg_max(verwijzer, volg) AS verwijzer,
           arg_max(dagtekening, volg) AS aanvraagdatum
    FROM ijw_f_aanvragen a
    WHERE referentie IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM ijw_f_toewijzingen t
        WHERE t.gemeente = a.gemeente AND t.aanbieder = a.aanbieder AND t.referentie = a.referentie)
    GROUP BY gemeente, aanbieder, referentie"""


def build(con: duckdb.DuckDBPyConnection, prefix: str) -> dict[str, str]:
    """Create the raw TEMP tables ``<prefix>_<table>`` (text columns, pseudonymised client) and name them."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE ijw_trajecten AS {_trajecten_sql()}")
    raw = {t: f"{prefix}_{t}" for t in TABLES}
    pseudo = "client AS _pseudo_bsn, true AS _bsn_geldig"  # the structural checks passed every BSN's elfproef
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {raw["jeugdhulp"]} AS
        SELECT row_number() OVER (ORDER BY gemeente, toewijzing) + 1 AS _rij,
               gemeente || '-' || toewijzing AS traject_id, {pseudo}, gemeente, aanbieder, product,
               categorie AS productcategorie, 'ZIN' AS financiering,
               CASE WHEN aanvraag_verwijzer IS NOT NULL THEN aanvraag_verwijzer WHEN met_301 THEN '01' END
                   AS verwijzer,
               aanvraagdatum::VARCHAR AS aanmelddatum, toewijzingsdatum::VARCHAR AS toewijzingsdatum,
               toewijzing_einddatum::VARCHAR AS toewijzing_einddatum, begindatum::VARCHAR AS begindatum,
               einddatum::VARCHAR AS einddatum, reden AS reden_beeindiging, volume::VARCHAR AS volume,
               eenheid, frequentie
        FROM ijw_trajecten""")
    con.execute(f"""INSERT INTO {raw["jeugdhulp"]} BY NAME
        SELECT (SELECT count(*) FROM {raw["jeugdhulp"]}) + row_number() OVER (ORDER BY gemeente, aanbieder, referentie)
                   + 1 AS _rij,
               gemeente || '-aanvraag-' || aanbieder || '-' || referentie AS traject_id, {pseudo}, gemeente,
               aanbieder, product, categorie AS productcategorie, 'ZIN' AS financiering, verwijzer,
               aanvraagdatum::VARCHAR AS aanmelddatum
        FROM ({_open_aanvragen_sql()})""")
    approving = goedkeurende_retourcodes()
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {raw["kosten"]} AS
        WITH p AS (
            SELECT * FROM ijw_f_prestaties
            QUALIFY row_number() OVER (PARTITION BY aanbieder, referentie ORDER BY volg DESC) = 1),
        a AS (
            SELECT aanbieder, referentie, dagtekening,
                   len(list_filter(string_split(retourcodes, ';'), lambda c: c NOT IN {_in(approving)})) > 0
                       AS afgewezen
            FROM ijw_f_antwoorden
            QUALIFY row_number() OVER (PARTITION BY aanbieder, referentie ORDER BY volg DESC) = 1)
        SELECT row_number() OVER (ORDER BY p.gemeente, p.aanbieder, p.referentie) + 1 AS _rij,
               strftime(p.begindatum, '%Y-%m') AS maand, coalesce(a.dagtekening, p.dagtekening)::VARCHAR AS boekdatum,
               CAST(p.bedrag / 100 AS DECIMAL(18, 2))::VARCHAR AS bedrag, p.gemeente,
               CASE WHEN t.toewijzing IS NOT NULL THEN p.gemeente || '-' || p.toewijzing END AS traject_id,
               p.client AS _pseudo_bsn, true AS _bsn_geldig, p.product, p.aanbieder, 'ZIN' AS financiering,
               'declaratie' AS soort,
               (CASE WHEN p.bedrag < 0 THEN -p.volume ELSE p.volume END)::VARCHAR AS volume
        FROM p
        LEFT JOIN a ON a.aanbieder = p.aanbieder AND a.referentie = p.referentie
        LEFT JOIN ijw_trajecten t ON t.gemeente = p.gemeente AND t.toewijzing = p.toewijzing
        WHERE NOT coalesce(a.afgewezen, false)""")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {raw["jeugdigen"]} AS
        WITH c AS (
            SELECT client, gemeente, volg, geboortedatum, geslacht, postcode,
                   CASE soort WHEN 'JW301' THEN 3 WHEN 'JW315' THEN 2 ELSE 1 END AS voorkeur
            FROM ijw_f_clienten),
        per AS (
            SELECT client, arg_max(gemeente, volg) AS gemeente,
                   arg_max(geboortedatum, (voorkeur::HUGEINT << 100) + volg)
                       FILTER (WHERE geboortedatum IS NOT NULL) AS geboortedatum,
                   arg_max(geslacht, (voorkeur::HUGEINT << 100) + volg) FILTER (WHERE geslacht IS NOT NULL) AS geslacht,
                   arg_max(postcode, volg) FILTER (WHERE postcode IS NOT NULL) AS postcode
            FROM c GROUP BY client)
        SELECT row_number() OVER (ORDER BY gemeente, client) + 1 AS _rij, client AS _pseudo_bsn,
               true AS _bsn_geldig, geslacht, geboortedatum::VARCHAR AS geboortedatum, postcode, gemeente
        FROM per""")
    return raw
