"""Calibration of the demo region against published CBS figures, and the patterns the seeds describe.

The generated regio delivery (Hengelo, Enschede, Borne, Oldenzaal) is read back with DuckDB SQL, written
here from the definitions in shared/spec/indicatoren.md, independently of the generator's code. The
expected ranges come from shared/reference/cbs_reference_figures.csv and the brief, never from output.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.contract import load_contract
from jeugdmonitor.demo import generate_delivery

PEILDATUM = date(2025, 10, 31)
FULL_YEARS = (2021, 2022, 2023, 2024)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    out: Path = tmp_path_factory.mktemp("regio")
    generate_delivery(out, gemeenten=None, van=date(2021, 1, 1), tot=None, seed=2025, schaal="regio")
    con = duckdb.connect()
    for table in load_contract().table_names:
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_csv('{out / (table + '.csv')}', all_varchar=true)")
    con.execute(
        "CREATE MACRO age(geb, d) AS date_diff('year', geb, d) - "
        "CASE WHEN strftime(d, '%m-%d') < strftime(geb, '%m-%d') THEN 1 ELSE 0 END"
    )
    con.execute("""
        CREATE TABLE jh AS
        SELECT j.*, j.bsn AS client, g.geboortedatum::DATE AS geb, j.begindatum::DATE AS b,
               j.einddatum::DATE AS e, j.aanmelddatum::DATE AS a, j.toewijzingsdatum::DATE AS tw,
               p.productgroep, p.zwaarteband, p.wachttijdnorm_dagen::INT AS norm,
               (j.productcategorie IN ('43', '44') OR coalesce(p.verblijf, 'nee') = 'ja') AS verblijf
        FROM jeugdhulp j JOIN jeugdigen g USING (bsn) LEFT JOIN producten p USING (product)
        WHERE j.productcategorie NOT IN ('47', '48', '49')
    """)
    con.execute("""
        CREATE TABLE jaren AS
        SELECT y, make_date(y, 1, 1) AS y0, least(make_date(y, 12, 31), DATE '2025-10-31') AS y1
        FROM range(2021, 2026) t(y)
    """)
    con.execute("""
        CREATE TABLE actief AS  -- trajectories active in a year (indicatoren.md section 1)
        SELECT y, jh.* FROM jh JOIN jaren ON b <= y1 AND coalesce(e, DATE '9999-12-31') >= y0 WHERE b IS NOT NULL
    """)
    con.execute("""
        CREATE TABLE jong AS
        SELECT jaar::INT AS y, sum(aantal::INT) AS n FROM bevolking
        WHERE wijk IS NULL AND leeftijd_van = '0' AND leeftijd_tot = '17' GROUP BY 1
    """)
    return con


def per_year(con: duckdb.DuckDBPyConnection, sql: str) -> dict[int, float]:
    return {int(y): float(v) for y, v in con.execute(sql).fetchall() if int(y) in FULL_YEARS}


def test_share_of_minors_in_care(db: duckdb.DuckDBPyConnection) -> None:
    """CBS 85098NED 2023: 13.9% of 0-17 year olds have youth care; Overijssel 12.5%."""
    share = per_year(
        db,
        """
        SELECT y, 100.0 * count(DISTINCT client) / any_value(jong.n)
        FROM actief JOIN jong USING (y) WHERE age(geb, greatest(b, make_date(y, 1, 1))) < 18 GROUP BY y
    """,
    )
    assert len(share) == 4
    assert all(12.0 <= v <= 14.0 for v in share.values()), share


def test_share_residential(db: duckdb.DuckDBPyConnection) -> None:
    """CBS 85098NED 2023: 8.3% of youths in care have residential care (Overijssel 11.9%)."""
    share = per_year(db, "SELECT y, 100.0 * count(DISTINCT client) FILTER (verblijf) / count(DISTINCT client) "
                         "FROM actief GROUP BY y")  # fmt: skip
    assert all(8.0 <= v <= 11.0 for v in share.values()), share


def test_share_pgb(db: duckdb.DuckDBPyConnection) -> None:
    """CBS 2022: 10,070 + 4,655 of 456,605 youths have a pgb, about 3%."""
    share = per_year(db, "SELECT y, 100.0 * count(DISTINCT client) FILTER (financiering = 'PGB') / "
                         "count(DISTINCT client) FROM actief GROUP BY y")  # fmt: skip
    assert all(2.0 <= v <= 4.0 for v in share.values()), share


def test_reasons_for_ending(db: duckdb.DuckDBPyConnection) -> None:
    """CBS 82970NED 2020-H1: volgens plan 81.5%, in overeenstemming 10.3%, client 3.6%, aanbieder 1.7%, extern 2.9%."""
    rows = db.execute("""
        SELECT reden_beeindiging, 100.0 * count(*) / sum(count(*)) OVER () FROM jh
        WHERE b IS NOT NULL AND e IS NOT NULL AND reden_beeindiging IN ('31', '32', '33', '34', '35', '02')
        GROUP BY 1
    """).fetchall()
    share = {r: float(v) for r, v in rows}
    assert 78.0 <= share["31"] <= 84.0, share
    assert 8.0 <= share["34"] <= 12.0, share
    assert 2.5 <= share["32"] <= 4.5, share
    assert 1.0 <= share["33"] <= 2.5, share
    assert 2.0 <= share["35"] <= 4.0, share
    assert share.get("02", 0.0) <= 0.5, share


def test_trajectories_per_person(db: duckdb.DuckDBPyConnection) -> None:
    """CBS: about 1.32 active trajectories per youth in care in a year."""
    ratio = per_year(db, "SELECT y, count(*) / count(DISTINCT client) FROM actief GROUP BY y")
    assert all(1.2 <= v <= 1.45 for v in ratio.values()), ratio


def test_youth_protection_and_probation(db: duckdb.DuckDBPyConnection) -> None:
    """CBS 85098NED 2023: JB 1.1% (Overijssel 1.3%) and JR 0.3% of 0-17 year olds."""
    rows = db.execute("""
        SELECT y, 100.0 * count(DISTINCT bsn) FILTER (kader = 'JB') / any_value(jong.n),
               100.0 * count(DISTINCT bsn) FILTER (kader = 'JR') / any_value(jong.n)
        FROM maatregelen JOIN jaren ON begindatum::DATE <= y1 AND coalesce(einddatum::DATE, DATE '9999-12-31') >= y0
        JOIN jong USING (y) GROUP BY y
    """).fetchall()
    for y, jb, jr in rows:
        if y in FULL_YEARS:
            assert 1.1 <= jb <= 1.3, (y, jb)
            assert 0.2 <= jr <= 0.4, (y, jr)


def test_cost_per_person_in_care(db: duckdb.DuckDBPyConnection) -> None:
    """About 12-14 thousand euro a year per young person with client-bound costs; residential far above ambulant."""
    rows = db.execute("""
        WITH k AS (
            SELECT substr(maand, 1, 4)::INT AS y, client, sum(bedrag::DOUBLE) AS s, bool_or(verblijf) AS v
            FROM kosten JOIN jh USING (traject_id) GROUP BY ALL
        )
        SELECT y, avg(s), avg(s) FILTER (v), avg(s) FILTER (NOT v) FROM k GROUP BY y
    """).fetchall()
    for y, mean, residential, ambulant in rows:
        if y in FULL_YEARS:
            assert 12_000 <= mean <= 14_000, (y, mean)
            assert residential > 4 * ambulant, (y, residential, ambulant)


def test_costs_grow_year_on_year(db: duckdb.DuckDBPyConnection) -> None:
    total = per_year(db, "SELECT substr(maand, 1, 4)::INT, sum(bedrag::DOUBLE) FROM kosten GROUP BY 1")
    assert total[2021] < total[2022] < total[2023] < total[2024], total


def test_budget_mostly_overrun_by_3_to_15_percent(db: duckdb.DuckDBPyConnection) -> None:
    rows = db.execute("""
        WITH r AS (
            SELECT substr(k.maand, 1, 4) AS jaar, k.gemeente, coalesce(k.perceel, p.perceel) AS perceel,
                   sum(k.bedrag::DOUBLE) AS real
            FROM kosten k LEFT JOIN jeugdhulp j USING (traject_id) LEFT JOIN producten p ON p.product = j.product
            GROUP BY ALL
        )
        SELECT real / b.bedrag::DOUBLE FROM budget b JOIN r USING (jaar, gemeente, perceel)
        WHERE b.jaar::INT BETWEEN 2021 AND 2024
    """).fetchall()
    ratios = [r for (r,) in rows]
    assert len(ratios) >= 4 * 4 * 5
    overrun = [r for r in ratios if 1.02 <= r <= 1.16]
    assert len(overrun) / len(ratios) >= 0.6
    assert any(r < 1.0 for r in ratios)  # but not everywhere


def test_inflow_and_outflow_seasons(db: duckdb.DuckDBPyConnection) -> None:
    """Inflow peaks in January and September; outflow in June/July and December (full years only)."""
    inflow = dict(
        db.execute("SELECT month(b), count(*) FROM jh WHERE year(b) BETWEEN 2021 AND 2024 GROUP BY 1").fetchall()
    )
    outflow = dict(db.execute("SELECT month(e), count(*) FROM jh WHERE b IS NOT NULL AND year(e) BETWEEN 2021 AND 2024 "
                              "GROUP BY 1").fetchall())  # fmt: skip
    mean_in = sum(inflow.values()) / 12
    mean_out = sum(outflow.values()) / 12
    assert inflow[1] > 1.15 * mean_in and inflow[9] > 1.1 * mean_in and inflow[7] < 0.9 * mean_in, inflow
    assert outflow[12] > 1.2 * mean_out and max(outflow[6], outflow[7]) > 1.15 * mean_out, outflow
    assert outflow[8] < mean_out, outflow


def test_open_trajectories_and_waiting_list_at_peildatum(db: duckdb.DuckDBPyConnection) -> None:
    open_, waiting = db.execute("""
        SELECT count(*) FILTER (b IS NOT NULL AND e IS NULL),
               count(DISTINCT client) FILTER (b IS NULL AND e IS NULL AND a <= DATE '2025-10-31' - 28)
        FROM jh
    """).fetchone()
    assert open_ > 3000
    assert waiting > 50


def test_extensions(db: duckdb.DuckDBPyConnection) -> None:
    """Same person, product and provider; new traject_id; begins the day after the previous one ended."""
    n, reasons = db.execute("""
        SELECT count(*), list(DISTINCT p.reden_beeindiging ORDER BY p.reden_beeindiging)
        FROM jh p JOIN jh n ON n.client = p.client AND n.product = p.product AND n.aanbieder = p.aanbieder
            AND n.traject_id <> p.traject_id AND n.b = p.e + 1
    """).fetchone()
    total = db.execute("SELECT count(*) FROM jh").fetchone()[0]
    assert n / total > 0.05
    assert {"31", "36", "37"} <= set(reasons)


def test_stacking(db: duckdb.DuckDBPyConnection) -> None:
    """Concurrent trajectories of different product groups (e.g. GGZ with ambulant support)."""
    stacked, in_care = db.execute("""
        SELECT (SELECT count(DISTINCT x.client) FROM jh x JOIN jh y ON x.client = y.client
                 AND x.productgroep < y.productgroep AND x.b <= coalesce(y.e, DATE '9999-12-31')
                 AND y.b <= coalesce(x.e, DATE '9999-12-31')),
               (SELECT count(DISTINCT client) FROM jh WHERE b IS NOT NULL)
    """).fetchone()
    assert 0.05 <= stacked / in_care <= 0.35


def test_return_to_care(db: duckdb.DuckDBPyConnection) -> None:
    """Spells (merge gap 0): some persons return within 182 days, some after more than 183, some after residential."""
    db.execute("""
        CREATE OR REPLACE TABLE spells AS
        WITH t AS (SELECT client, b, coalesce(e, DATE '9999-12-31') AS e, verblijf FROM jh WHERE b IS NOT NULL),
        o AS (SELECT *, max(e) OVER (PARTITION BY client ORDER BY b, e ROWS BETWEEN UNBOUNDED PRECEDING
                  AND 1 PRECEDING) AS prev_end FROM t),
        g AS (SELECT *, sum(CASE WHEN prev_end IS NULL OR b > prev_end + 1 THEN 1 ELSE 0 END)
                  OVER (PARTITION BY client ORDER BY b, e) AS nr FROM o)
        SELECT client, nr, min(b) AS b, max(e) AS e, bool_or(verblijf) AS verblijf FROM g GROUP BY client, nr
    """)
    short, long_, after_residential = db.execute("""
        SELECT count(*) FILTER (n.b - p.e <= 182), count(*) FILTER (n.b - p.e > 183),
               count(*) FILTER (p.verblijf)
        FROM spells p JOIN spells n ON n.client = p.client AND n.nr = p.nr + 1
    """).fetchone()
    assert short > 100 and long_ > 100 and after_residential > 10


def test_cancelled_allocations(db: duckdb.DuckDBPyConnection) -> None:
    cancelled, total = db.execute("SELECT count(*) FILTER (b IS NULL AND e IS NOT NULL), count(*) FROM jh").fetchone()
    assert 0.01 <= cancelled / total <= 0.08
    assert db.execute("SELECT count(*) FROM jh WHERE b IS NULL AND e IS NOT NULL AND reden_beeindiging IS NULL "
                      "AND e < tw").fetchone()[0] == 0  # fmt: skip


def test_waiting_times_differ_and_some_exceed_the_norm(db: duckdb.DuckDBPyConnection) -> None:
    medians = dict(db.execute("SELECT productgroep, median(b - a) FROM jh WHERE b IS NOT NULL AND a IS NOT NULL "
                              "AND year(b) >= 2021 GROUP BY 1").fetchall())  # fmt: skip
    assert medians["Jeugd GGZ"] > 2 * medians["Begeleiding"]
    assert medians["Crisis"] <= 1
    providers = db.execute("SELECT aanbieder, median(b - a) FROM jh WHERE productgroep = 'Jeugd GGZ' AND b >= DATE "
                           "'2021-01-01' GROUP BY 1 HAVING count(*) > 100 ORDER BY 2").fetchall()  # fmt: skip
    assert providers[-1][1] > 1.5 * providers[0][1]
    beyond = db.execute("""
        SELECT avg(CASE WHEN b - coalesce(tw, a) > norm THEN 1.0 ELSE 0.0 END) FROM jh
        WHERE b >= DATE '2021-01-01' AND b - coalesce(tw, a) > 20
    """).fetchone()[0]
    assert 0.05 <= beyond <= 0.6


def test_young_adults_in_care(db: duckdb.DuckDBPyConnection) -> None:
    """Some turn 18 in care and go on as verlengde jeugdhulp, never past their 23rd birthday."""
    adults, oldest = db.execute("""
        SELECT count(DISTINCT client) FILTER (age(geb, least(coalesce(e, DATE '2025-10-31'), DATE '2025-10-31')) >= 18),
               max(age(geb, least(coalesce(e, DATE '2025-10-31'), DATE '2025-10-31')))
        FROM jh WHERE b IS NOT NULL AND b >= DATE '2021-01-01'
    """).fetchone()
    assert adults > 100
    assert oldest <= 22


def test_referrers_crisis_and_outcomes(db: duckdb.DuckDBPyConnection) -> None:
    share = dict(db.execute("SELECT verwijzer, count(*) / sum(count(*)) OVER () FROM jh GROUP BY 1").fetchall())
    assert share["01"] + share["02"] > 0.6
    ggz = dict(db.execute("SELECT verwijzer, count(*) / sum(count(*)) OVER () FROM jh WHERE productgroep = "
                          "'Jeugd GGZ' GROUP BY 1").fetchall())  # fmt: skip
    assert ggz["02"] + ggz.get("05", 0) > 0.5
    with_measure = db.execute("""
        SELECT avg(CASE WHEN EXISTS (SELECT 1 FROM maatregelen m WHERE m.bsn = jh.client) THEN 1.0 ELSE 0.0 END)
        FROM jh WHERE verwijzer = '04'
    """).fetchone()[0]
    assert with_measure > 0.9
    assert db.execute("SELECT count(*) FROM jh WHERE crisis = 'ja' AND perspectief = 'crisis'").fetchone()[0] > 50
    goals = dict(db.execute("SELECT doelrealisatie, count(*) FROM jh WHERE e IS NOT NULL AND b IS NOT NULL "
                            "GROUP BY 1").fetchall())  # fmt: skip
    assert (goals["geheel"] + goals["gedeeltelijk"]) / sum(goals.values()) > 0.75
    destination = db.execute("""
        SELECT avg(CASE WHEN uitstroom_bestemming IS NOT NULL THEN 1.0 ELSE 0.0 END) FROM jh x
        WHERE verblijf AND b IS NOT NULL AND e IS NOT NULL AND product <> '44A05'  -- logeren: no real exit
          AND NOT EXISTS (SELECT 1 FROM jh n WHERE n.client = x.client AND n.product = x.product AND n.b = x.e + 1)
    """).fetchone()[0]
    assert destination > 0.9


def test_zin_trajectories_carry_volume_and_tariff(db: duckdb.DuckDBPyConnection) -> None:
    missing = db.execute("SELECT count(*) FROM jh WHERE financiering = 'ZIN' AND (volume IS NULL OR eenheid IS NULL "
                         "OR frequentie IS NULL OR tarief IS NULL)").fetchone()[0]  # fmt: skip
    assert missing == 0


def test_teams_and_case_workers(db: duckdb.DuckDBPyConnection) -> None:
    teams = db.execute("SELECT gemeente, count(DISTINCT team) FROM jh GROUP BY 1").fetchall()
    assert all(2 <= n <= 8 for _, n in teams)
    staff = db.execute("SELECT count(DISTINCT medewerker) FROM jh WHERE medewerker IS NOT NULL GROUP BY gemeente, "
                       "team").fetchall()  # fmt: skip
    assert all(5 <= n <= 12 for (n,) in staff)


def test_wijk_differences_in_hengelo(db: duckdb.DuckDBPyConnection) -> None:
    """Berflo Es and Hengelose Es have clearly higher use (Hengelo seed, table 4.1.1)."""
    rate = dict(
        db.execute("""
        WITH c AS (SELECT p.wijknaam, count(DISTINCT client) AS n FROM actief a JOIN jeugdigen g ON g.bsn = a.client
                   JOIN postcodes p ON p.postcode = left(g.postcode, 4) WHERE a.y = 2024 AND a.gemeente = 'GM0164'
                   GROUP BY 1),
             w AS (SELECT pc.wijknaam, b.aantal::INT AS jong FROM bevolking b
                   JOIN (SELECT DISTINCT wijk, wijknaam FROM postcodes) pc USING (wijk)
                   WHERE b.jaar = '2024' AND b.leeftijd_van = '0' AND b.leeftijd_tot = '17')
        SELECT wijknaam, n / jong FROM c JOIN w USING (wijknaam)
    """).fetchall()
    )
    average = sum(rate.values()) / len(rate)
    assert len(rate) == 10
    assert rate["Berflo Es"] > 1.3 * average and rate["Hengelose Es"] > 1.3 * average, rate


def test_declaration_lag_of_ggz(db: duckdb.DuckDBPyConnection) -> None:
    """GGZ is declared months later, so the months before the peildatum are under-declared."""
    lag = dict(
        db.execute("""
        SELECT jh.productgroep = 'Jeugd GGZ', median(k.boekdatum::DATE - last_day((k.maand || '-01')::DATE))
        FROM kosten k JOIN jh USING (traject_id) GROUP BY 1
    """).fetchall()
    )
    assert lag[True] > 60 and lag[False] <= 62
    ggz = dict(
        db.execute("""
        SELECT k.maand, sum(k.bedrag::DOUBLE) FROM kosten k JOIN jh USING (traject_id)
        WHERE jh.productgroep = 'Jeugd GGZ' GROUP BY 1
    """).fetchall()
    )
    month_2024 = sum(v for m, v in ggz.items() if m.startswith("2024")) / 12
    assert ggz.get("2025-10", 0.0) < 0.3 * month_2024
    assert db.execute("SELECT max(boekdatum::DATE) FROM kosten").fetchone()[0] <= PEILDATUM
    assert db.execute("SELECT count(*) FROM kosten WHERE bedrag::DOUBLE < 0").fetchone()[0] > 0


def test_funding_bands_roughly_80_16_4(db: duckdb.DuckDBPyConnection) -> None:
    share = dict(db.execute("SELECT zwaarteband, count(*) / sum(count(*)) OVER () FROM jh WHERE zwaarteband IS NOT "
                            "NULL GROUP BY 1").fetchall())  # fmt: skip
    assert 0.70 <= share["1"] <= 0.88 and 0.10 <= share["2"] <= 0.24 and 0.015 <= share["3"] <= 0.08, share
    assert abs(share["1"] - 0.80) > 0.005  # roughly, not exactly


def test_registrations_lead_to_care(db: duckdb.DuckDBPyConnection) -> None:
    linked = db.execute("""
        SELECT avg(CASE WHEN EXISTS (SELECT 1 FROM aanmeldingen m WHERE m.bsn = jh.client AND m.datum::DATE = jh.a)
                   THEN 1.0 ELSE 0.0 END)
        FROM jh WHERE verwijzer = '01' AND a >= DATE '2021-01-01' AND reden_beeindiging IS DISTINCT FROM '36'
          AND reden_beeindiging IS DISTINCT FROM '37' AND b - a > 30
    """).fetchone()[0]
    assert linked > 0.8
    vervolg = dict(
        db.execute("SELECT vervolg, count(*) / sum(count(*)) OVER () FROM aanmeldingen GROUP BY 1").fetchall()
    )
    assert 0.4 <= vervolg["maatwerk"] <= 0.8 and vervolg["algemene_voorziening"] > 0.05


def test_measures_and_care(db: duckdb.DuckDBPyConnection) -> None:
    """About half of the JB youths also have youth care, many of them residential."""
    with_care, residential = db.execute("""
        WITH jb AS (SELECT DISTINCT bsn FROM maatregelen WHERE kader = 'JB' AND begindatum >= '2021-01-01')
        SELECT avg(CASE WHEN bsn IN (SELECT client FROM jh WHERE b IS NOT NULL) THEN 1.0 ELSE 0.0 END),
               avg(CASE WHEN bsn IN (SELECT client FROM jh WHERE verblijf AND b IS NOT NULL) THEN 1.0 ELSE 0.0 END)
        FROM jb
    """).fetchone()
    assert 0.35 <= with_care <= 0.65
    assert residential / with_care >= 0.5


def test_moves_between_groups(db: duckdb.DuckDBPyConnection) -> None:
    share = db.execute("SELECT avg(CASE WHEN n > 1 THEN 1.0 ELSE 0.0 END) FROM (SELECT traject_id, count(DISTINCT "
                       "groep) AS n FROM plaatsingen GROUP BY 1)").fetchone()[0]  # fmt: skip
    assert 0.03 <= share <= 0.2


def test_population_age_bands(db: duckdb.DuckDBPyConnection) -> None:
    bands = {
        tuple(r)
        for r in db.execute("SELECT DISTINCT wijk IS NULL, leeftijd_van, leeftijd_tot FROM bevolking").fetchall()
    }
    assert {(True, "0", "17"), (False, "0", "17"), (True, "18", "22")} <= bands
    share = db.execute("""
        SELECT sum(aantal::INT) FILTER (leeftijd_tot = '17') / sum(aantal::INT) FROM bevolking
        WHERE wijk IS NULL AND jaar = '2024'
    """).fetchone()[0]
    assert 0.18 <= share <= 0.21
    wijk_sum, gm_sum = db.execute("SELECT sum(aantal::INT) FILTER (wijk IS NOT NULL), sum(aantal::INT) FILTER "
                                  "(wijk IS NULL) FROM bevolking").fetchone()  # fmt: skip
    assert wijk_sum == gm_sum
