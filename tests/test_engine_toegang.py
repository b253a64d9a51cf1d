"""Families `toegang` and `signalen` on a hand-made delivery; every expected value worked out by hand.

Peildatum 31 October 2024 (levering.csv). Hengelo (GM0164) unless said otherwise; Borne is GM0147.
Periods: T1 January–April, T2 May–August, 2024 (cut at the peildatum: voorlopig).

aanmeldingen (meldplaats, vervolg, mantelzorg, eigen kracht):
  M1 A 10-01 wijkteam  maatwerk              ja       nee
  M2 A 30-04 wijkteam  geen                  ja       nee      last day of T1
  M3 B 01-05 zorgloket algemene_voorziening  nee      ja       first day of T2
  M4 C 03-03 regisseur maatwerk              onbekend ja
  M5 D 02-02 wijkteam  lopend                nee      nee
  M6 E 05-11 wijkteam                                          after the peildatum: never counted
  M7 F 20-02 zorgloket (Borne)               ja       nee
  M8 B 31-12-2023 wijkteam                                     before 2024
jeugdhulp (referrals; verwijzer 04 GI and 08 rechter are not the voluntary framework):
  V1 A 01 aangemeld 05-01, begint 01-02     V2 B 02 aangemeld 20-04, begint 10-05
  V3 C 04 aangemeld 01-02, begint 01-03     V4 D 08 begint 05-03 (no aanmelddatum)
  V5 A 01 begint 10-03 (no aanmelddatum)    V6 E 02 aangemeld 01-02, not begun
  V7 G 06 aangemeld 01-11, begint 01-12 (after the peildatum)
veilig_thuis: VT1 10-01 advies; VT2 10-02 melding onderzoek_vt kindermishandeling_bevestigd; VT3 10-03
  melding vto_rvdk; VT4 30-04 melding onderzoek_vt geen_huiselijk_geweld; VT5 01-05 melding onderzoek_vt
  kindermishandeling_bevestigd; VT6 01-11 advies (after the peildatum)
signalen: S1 05-01 klacht wijkteam; S2 05-02 klacht zorgloket; S3 05-03 bezwaar zorgloket; S4 05-06 beroep
  zorgloket; S5 05-07 bezwaar regisseur; S6 15-02 melding overig "wachttijd"; S7 01-02 klacht wijkteam (Borne)
pgb (datum_toekenning, motivatie): P1 A 15-01 eigen zorgverlener; P2 B 30-04 sociaal netwerk (last day of T1);
  P3 C 01-05 no motivatie (first day of T2); P4 D 01-11 eigen zorgverlener (after the peildatum); P5 F 01-03
  eigen zorgverlener (Borne); P6 A no datum_toekenning
"""

from __future__ import annotations

import duckdb
import pytest

from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.records import Record
from jeugdmonitor.engine.runner import compute
from tests.conftest import BSN, Rows
from tests.engine_hulp import find, load_store, value

PERIODS = [parse("2024"), parse("2024-T1"), parse("2024-T2")]
A, B, C, D, E, F, G, H = BSN


def _person(bsn: str, gemeente: str = "GM0164") -> dict[str, object]:
    return {"bsn": bsn, "geslacht": "1", "geboortedatum": "2011-06-01", "gemeente": gemeente}


def _aanmelding(aid: str, bsn: str, datum: str, meldplaats: str, vervolg: str = "", mantelzorg: str = "",
                eigen_kracht: str = "", gemeente: str = "GM0164") -> dict[str, object]:  # fmt: skip
    return {"aanmelding_id": aid, "bsn": bsn, "gemeente": gemeente, "datum": datum, "meldplaats": meldplaats,
            "vervolg": vervolg, "mantelzorg_beschikbaar": mantelzorg, "eigen_kracht_ingezet": eigen_kracht}  # fmt: skip


def _traject(tid: str, bsn: str, verwijzer: str, aanmeld: str, begin: str) -> dict[str, object]:
    return {"traject_id": tid, "bsn": bsn, "product": "45A48", "financiering": "ZIN", "verwijzer": verwijzer,
            "aanmelddatum": aanmeld, "begindatum": begin, "einddatum": "", "reden_beeindiging": ""}  # fmt: skip


def _vt(mid: str, datum: str, soort: str, route: str = "", uitkomst: str = "") -> dict[str, object]:
    return {"melding_id": mid, "gemeente": "GM0164", "datum": datum, "soort": soort, "route": route,
            "uitkomst": uitkomst}  # fmt: skip


def _signaal(sid: str, datum: str, soort: str, structuur: str, onderwerp: str = "", gemeente: str = "GM0164") -> dict:
    return {"id": sid, "gemeente": gemeente, "datum": datum, "soort": soort, "structuur": structuur,
            "onderwerp": onderwerp}  # fmt: skip


def _pgb(pid: str, bsn: str, toekenning: str, motivatie: str, gemeente: str = "GM0164") -> dict[str, object]:
    return {"pgb_id": pid, "bsn": bsn, "gemeente": gemeente, "datum_toekenning": toekenning, "motivatie": motivatie,
            "begindatum": toekenning, "budget": "5000.00"}  # fmt: skip


def fixture_tables() -> dict[str, Rows]:
    return {
        "levering": [{"peildatum": "2024-10-31", "bron": "handwerk"}],
        "jeugdigen": [*(_person(p) for p in (A, B, C, D, E, G)), _person(F, "GM0147")],
        "aanmeldingen": [
            _aanmelding("M1", A, "2024-01-10", "wijkteam", "maatwerk", "ja", "nee"),
            _aanmelding("M2", A, "2024-04-30", "wijkteam", "geen", "ja", "nee"),
            _aanmelding("M3", B, "2024-05-01", "zorgloket", "algemene_voorziening", "nee", "ja"),
            _aanmelding("M4", C, "2024-03-03", "regisseur", "maatwerk", "onbekend", "ja"),
            _aanmelding("M5", D, "2024-02-02", "wijkteam", "lopend", "nee", "nee"),
            _aanmelding("M6", E, "2024-11-05", "wijkteam"),
            _aanmelding("M7", F, "2024-02-20", "zorgloket", "", "ja", "nee", gemeente="GM0147"),
            _aanmelding("M8", B, "2023-12-31", "wijkteam"),
        ],
        "jeugdhulp": [
            _traject("V1", A, "01", "2024-01-05", "2024-02-01"),
            _traject("V2", B, "02", "2024-04-20", "2024-05-10"),
            _traject("V3", C, "04", "2024-02-01", "2024-03-01"),
            _traject("V4", D, "08", "", "2024-03-05"),
            _traject("V5", A, "01", "", "2024-03-10"),
            _traject("V6", E, "02", "2024-02-01", ""),
            _traject("V7", G, "06", "2024-11-01", "2024-12-01"),
        ],
        "veilig_thuis": [
            _vt("VT1", "2024-01-10", "advies"),
            _vt("VT2", "2024-02-10", "melding", "onderzoek_vt", "kindermishandeling_bevestigd"),
            _vt("VT3", "2024-03-10", "melding", "vto_rvdk"),
            _vt("VT4", "2024-04-30", "melding", "onderzoek_vt", "geen_huiselijk_geweld"),
            _vt("VT5", "2024-05-01", "melding", "onderzoek_vt", "kindermishandeling_bevestigd"),
            _vt("VT6", "2024-11-01", "advies"),
        ],
        "signalen": [
            _signaal("S1", "2024-01-05", "klacht", "wijkteam"),
            _signaal("S2", "2024-02-05", "klacht", "zorgloket"),
            _signaal("S3", "2024-03-05", "bezwaar", "zorgloket"),
            _signaal("S4", "2024-06-05", "beroep", "zorgloket"),
            _signaal("S5", "2024-07-05", "bezwaar", "regisseur"),
            _signaal("S6", "2024-02-15", "melding", "overig", "wachttijd"),
            _signaal("S7", "2024-02-01", "klacht", "wijkteam", gemeente="GM0147"),
        ],
        "pgb": [
            _pgb("P1", A, "2024-01-15", "eigen zorgverlener"),
            _pgb("P2", B, "2024-04-30", "sociaal netwerk"),
            _pgb("P3", C, "2024-05-01", ""),
            _pgb("P4", D, "2024-11-01", "eigen zorgverlener"),
            _pgb("P5", F, "2024-03-01", "eigen zorgverlener", gemeente="GM0147"),
            _pgb("P6", A, "", "sociaal netwerk"),
        ],
    }


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    return load_store(tmp_path_factory, "toegang", fixture_tables())


def split(records: list[Record], periode: str, gemeente: str, dim: str, maat: str | None = None) -> dict:
    return {r.dimensies[dim]: r.waarde for r in records
            if (r.periode, r.gemeente, r.maat) == (periode, gemeente, maat) and dim in r.dimensies}  # fmt: skip


def test_i1_registrations_per_meldplaats_across_period_boundaries(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["hengelo.I1"], PERIODS)
    # T1: M1, M2 (30-04), M4, M5; M3 (01-05) falls in T2; M8 in 2023; M6 after the peildatum
    assert value(recs, "2024-T1", "GM0164") == 4
    assert split(recs, "2024-T1", "GM0164", "meldplaats") == {"wijkteam": 3, "regisseur": 1}
    assert split(recs, "2024-T2", "GM0164", "meldplaats") == {"zorgloket": 1}
    assert value(recs, "2024", "GM0164") == 5  # A registered twice: registrations, not persons
    assert split(recs, "2024", "regio", "meldplaats") == {"wijkteam": 3, "zorgloket": 2, "regisseur": 1}
    assert {r.status for r in recs if r.periode == "2024"} == {"voorlopig"}


def test_kern_toegang_per_meldplaats_and_vervolg(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["kern.toegang"], [parse("2024")], per=["wijk", "productgroep"])
    assert split(recs, "2024", "GM0164", "vervolg") == {"maatwerk": 2, "geen": 1, "algemene_voorziening": 1,
                                                        "lopend": 1}  # fmt: skip
    assert split(recs, "2024", "GM0164", "meldplaats") == {"wijkteam": 3, "zorgloket": 1, "regisseur": 1}
    assert split(recs, "2024", "GM0147", "vervolg") == {"onbekend": 1}  # M7 has no vervolg
    # wijk is a split of registrations (via the young person), productgroep is not: no such records
    assert split(recs, "2024", "GM0164", "wijk") == {"onbekend": 5}
    assert split(recs, "2024", "GM0164", "productgroep") == {}


def test_m1_m2_clients_with_mantelzorg_and_eigen_kracht(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["hengelo.M1", "hengelo.M2"], [parse("2024")])
    m1 = [r for r in recs if r.indicator == "hengelo.M1"]
    # Hengelo 2024: clients A, B, C, D (A registered twice); mantelzorg ja: A → 1 of 4
    assert value(m1, "2024", "GM0164", "clienten") == 4
    assert value(m1, "2024", "GM0164", "mantelzorg_beschikbaar") == 1
    aandeel = find(m1, "2024", "GM0164", "aandeel")
    assert aandeel is not None and (aandeel.waarde, aandeel.teller, aandeel.noemer) == (25, 1, 4)
    assert aandeel.eenheid == "procent"
    # per meldplaats: wijkteam A and D, A with mantelzorg → 50 %; zorgloket B without → 0 %
    assert value(m1, "2024", "GM0164", "aandeel", meldplaats="wijkteam") == 50
    assert value(m1, "2024", "GM0164", "aandeel", meldplaats="zorgloket") == 0
    # the region adds F (Borne, ja): 2 of 5
    assert value(m1, "2024", "regio", "aandeel") == 40
    m2 = [r for r in recs if r.indicator == "hengelo.M2"]
    # eigen kracht ja: B and C → 2 of 4
    assert value(m2, "2024", "GM0164", "eigen_kracht_ingezet") == 2
    assert value(m2, "2024", "GM0164", "aandeel") == 50
    assert {r.maat for r in m2} == {"clienten", "eigen_kracht_ingezet", "aandeel"}


def test_i10_voluntary_referrals_and_h10_26(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["hengelo.I10", "h10.26"], PERIODS)
    i10 = [r for r in recs if r.indicator == "hengelo.I10"]
    # T1 by aanmelddatum, else begindatum: V1 (01), V2 (02, aangemeld 20-04), V5 (01, begint 10-03), V6 (02,
    # not begun yet); V3 (GI) and V4 (rechter) are not voluntary; V7 lies after the peildatum
    assert value(i10, "2024-T1", "GM0164") == 4
    assert split(i10, "2024-T1", "GM0164", "verwijzer") == {"01": 2, "02": 2}
    assert value(i10, "2024-T2", "GM0164") is None
    h26 = [r for r in recs if r.indicator == "h10.26"]
    # begun in T1: A (V1, V5: once), C (04), D (08) → 3 persons; T2: B (V2)
    assert value(h26, "2024-T1", "GM0164") == 3
    assert split(h26, "2024-T1", "GM0164", "verwijzer") == {"01": 1, "04": 1, "08": 1}
    assert split(h26, "2024-T2", "GM0164", "verwijzer") == {"02": 1}


def test_i6_i8_veilig_thuis(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["hengelo.I6", "hengelo.I8"], PERIODS)
    i6 = [r for r in recs if r.indicator == "hengelo.I6"]
    # T1: VT1 advies, VT2–VT4 meldingen (VT4 on 30-04)
    assert value(i6, "2024-T1", "GM0164") == 4
    assert split(i6, "2024-T1", "GM0164", "soort") == {"advies": 1, "melding": 3}
    assert split(i6, "2024-T1", "GM0164", "route") == {"advies": 1, "onderzoek_vt": 2, "vto_rvdk": 1}
    assert value(i6, "2024", "GM0164") == 5  # VT6 lies after the peildatum
    i8 = [r for r in recs if r.indicator == "hengelo.I8"]
    # investigations are the contacts with an outcome: VT2, VT4 in T1; VT5 in T2
    assert split(i8, "2024-T1", "GM0164", "uitkomst") == {"kindermishandeling_bevestigd": 1,
                                                          "geen_huiselijk_geweld": 1}  # fmt: skip
    assert value(i8, "2024", "GM0164") == 3
    assert value(i8, "2024", "GM0164", uitkomst="kindermishandeling_bevestigd") == 2


def test_r6_r7_r8_signalen(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["hengelo.R6", "hengelo.R7", "hengelo.R8"], PERIODS)
    r6 = [r for r in recs if r.indicator == "hengelo.R6"]
    # bezwaar and beroep: S3 (T1), S4 and S5 (T2)
    assert value(r6, "2024", "GM0164") == 3
    assert split(r6, "2024", "GM0164", "structuur") == {"zorgloket": 2, "regisseur": 1}
    assert split(r6, "2024", "GM0164", "soort") == {"bezwaar": 2, "beroep": 1}
    assert value(r6, "2024-T1", "GM0164") == 1
    r7 = [r for r in recs if r.indicator == "hengelo.R7"]
    assert split(r7, "2024-T1", "GM0164", "structuur") == {"wijkteam": 1, "zorgloket": 1}
    assert split(r7, "2024-T1", "regio", "structuur") == {"wijkteam": 2, "zorgloket": 1}  # S7 in Borne
    assert value(r7, "2024-T2", "GM0164") is None
    r8 = [r for r in recs if r.indicator == "hengelo.R8"]
    assert value(r8, "2024", "GM0164") == 1
    assert split(r8, "2024", "GM0164", "onderwerp") == {"wachttijd": 1}


def test_h10_08_pgb_allocations_per_motivatie(store: duckdb.DuckDBPyConnection) -> None:
    recs = compute(store, ["h10.08"], PERIODS)
    # T1 by datum_toekenning: P1 and P2 (30-04); P3 (01-05) in T2 without motivatie; P4 after the peildatum;
    # P6 has no datum_toekenning
    assert value(recs, "2024-T1", "GM0164") == 2
    assert split(recs, "2024-T1", "GM0164", "motivatie") == {"eigen zorgverlener": 1, "sociaal netwerk": 1}
    assert split(recs, "2024-T2", "GM0164", "motivatie") == {"onbekend": 1}
    assert value(recs, "2024", "GM0164") == 3
    assert value(recs, "2024", "regio") == 4  # P5 in Borne
    assert value(recs, "2024", "regio", motivatie="eigen zorgverlener") == 2


def test_signalen_without_their_table_are_niet_beschikbaar(tmp_path_factory: pytest.TempPathFactory) -> None:
    tables = {k: v for k, v in fixture_tables().items() if k not in ("pgb", "signalen")}
    zonder = load_store(tmp_path_factory, "toegang_zonder", tables)
    recs = compute(zonder, ["h10.08", "hengelo.R7"], [parse("2024")])
    assert {r.status for r in recs} == {"niet_beschikbaar"}
    assert {r.indicator: r.toelichting for r in recs if r.gemeente == "GM0164"} == {
        "h10.08": "niet beschikbaar: de levering bevat geen pgb.motivatie, pgb.datum_toekenning",
        "hengelo.R7": "niet beschikbaar: de levering bevat geen signalen.structuur",
    }


def test_m1_counts_a_person_once_whichever_registration_has_the_kenmerk(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """A person is counted once per period on their first registration in it; the kenmerk counts when any of their
    registrations in the period has it, also a later one. A registration without a client is a person of its own.

    A: 10-01 nee, 20-03 ja (both T1)       → T1 and 2024: one client, with mantelzorg
    B: 05-02 ja, 05-02 nee (same day, T1)  → one client, with mantelzorg
    C: 01-04 nee (T1), 01-06 ja (T2)       → T1: client without; T2: client with; 2024: one client, with
    no client: N1 01-02, N2 01-02 (T1)     → two clients, neither with mantelzorg
    T1: clients A, B, C, N1, N2 = 5; with mantelzorg A, B = 2. T2: C = 1 of 1. 2024: 5 clients; A, B, C = 3.
    """
    tables = fixture_tables()
    tables["aanmeldingen"] = [
        _aanmelding("R1", A, "2024-01-10", "wijkteam", "", "nee"),
        _aanmelding("R2", A, "2024-03-20", "wijkteam", "", "ja"),
        _aanmelding("R3", B, "2024-02-05", "wijkteam", "", "ja"),
        _aanmelding("R4", B, "2024-02-05", "wijkteam", "", "nee"),
        _aanmelding("R5", C, "2024-04-01", "wijkteam", "", "nee"),
        _aanmelding("R6", C, "2024-06-01", "wijkteam", "", "ja"),
        _aanmelding("R7", "", "2024-02-01", "wijkteam", "", "nee"),
        _aanmelding("R8", "", "2024-02-01", "wijkteam", "", "nee"),
    ]
    con = load_store(tmp_path_factory, "toegang_eerste", tables)
    m1 = compute(con, ["hengelo.M1"], PERIODS)
    assert value(m1, "2024-T1", "GM0164", "clienten") == 5
    assert value(m1, "2024-T1", "GM0164", "mantelzorg_beschikbaar") == 2
    assert value(m1, "2024-T2", "GM0164", "clienten") == 1
    assert value(m1, "2024-T2", "GM0164", "mantelzorg_beschikbaar") == 1
    assert value(m1, "2024", "GM0164", "clienten") == 5
    assert value(m1, "2024", "GM0164", "mantelzorg_beschikbaar") == 3


def test_a_peildatum_within_a_month_cuts_by_the_day(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Registrations and referrals are counted per month before they meet the periods; with the peildatum on
    15 October only the days up to it count in October's periods.

    Registrations: A 10-10 (counted), B 20-10 (after the peildatum), A 25-10 (after; A already counted).
    Referrals (h10.26, persons by begindatum): V1 A 01-10 (counted); V2 B 16-10 (after the peildatum).
    2024-10 and 2024-Q4: I1 1 registration, M1 1 client; h10.26 1 person (verwijzer 01).
    """
    tables = fixture_tables()
    tables["levering"] = [{"peildatum": "2024-10-15", "bron": "handwerk"}]
    tables["aanmeldingen"] = [
        _aanmelding("R1", A, "2024-10-10", "wijkteam", "", "ja"),
        _aanmelding("R2", B, "2024-10-20", "wijkteam", "", "ja"),
        _aanmelding("R3", A, "2024-10-25", "wijkteam", "", "nee"),
    ]
    tables["jeugdhulp"] = [_traject("V1", A, "01", "", "2024-10-01"), _traject("V2", B, "01", "", "2024-10-16")]
    con = load_store(tmp_path_factory, "toegang_peildatum", tables)
    periods = [parse("2024-10"), parse("2024-Q4")]
    recs = compute(con, ["hengelo.I1", "hengelo.M1", "h10.26"], periods)
    for periode in ("2024-10", "2024-Q4"):
        i1 = [r for r in recs if r.indicator == "hengelo.I1" and (r.periode, r.gemeente) == (periode, "GM0164")]
        assert [r.waarde for r in i1 if r.dimensies == {}] == [1]
        assert value([r for r in recs if r.indicator == "hengelo.M1"], periode, "GM0164", "clienten") == 1
        h26 = [r for r in recs if r.indicator == "h10.26" and (r.periode, r.gemeente) == (periode, "GM0164")]
        assert [r.waarde for r in h26 if r.dimensies == {"verwijzer": "01"}] == [1]


def test_m1_and_h10_26_across_a_year_boundary_and_two_municipalities(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Persons are counted per period from the months in which they have a registration (or referral), per
    municipality and once for the region.

    A: 20-12-2023 Hengelo, ja; 05-01-2024 Borne, nee.
    B: 31-01-2024 Hengelo, ja; 01-02-2024 Borne, ja.
    2023 and 2023-Q4: Hengelo A (with mantelzorg); Borne none; region A, with.
    2024-Q1 (and 2024): Hengelo B, with; Borne A and B, B with; region A and B = 2 clients (not 3), B with = 1.
    h10.26, persons by begindatum (verwijzer 01): V1 A 15-12-2023 Hengelo, V2 A 10-01-2024 Borne, V3 A 20-01-2024
    Borne: 2023 Hengelo 1; 2024-Q1 Borne 1 (A once), region 1; 2024-01 Borne 1.
    """
    tables = fixture_tables()
    tables["aanmeldingen"] = [
        _aanmelding("R1", A, "2023-12-20", "wijkteam", "", "ja"),
        _aanmelding("R2", A, "2024-01-05", "wijkteam", "", "nee", gemeente="GM0147"),
        _aanmelding("R3", B, "2024-01-31", "wijkteam", "", "ja"),
        _aanmelding("R4", B, "2024-02-01", "wijkteam", "", "ja", gemeente="GM0147"),
    ]
    tables["jeugdhulp"] = [
        _traject("V1", A, "01", "", "2023-12-15"),
        {**_traject("V2", A, "01", "", "2024-01-10"), "gemeente": "GM0147"},
        {**_traject("V3", A, "01", "", "2024-01-20"), "gemeente": "GM0147"},
    ]
    con = load_store(tmp_path_factory, "toegang_jaargrens", tables)
    periods = [parse("2023"), parse("2023-Q4"), parse("2024"), parse("2024-Q1"), parse("2024-01")]
    recs = compute(con, ["hengelo.M1", "h10.26"], periods)
    m1 = [r for r in recs if r.indicator == "hengelo.M1"]
    for periode in ("2023", "2023-Q4"):
        assert value(m1, periode, "GM0164", "clienten") == 1
        assert value(m1, periode, "GM0164", "mantelzorg_beschikbaar") == 1
        assert value(m1, periode, "GM0147", "clienten") is None
        assert value(m1, periode, "regio", "clienten") == 1
    for periode in ("2024", "2024-Q1"):
        assert value(m1, periode, "GM0164", "clienten") == 1
        assert value(m1, periode, "GM0164", "mantelzorg_beschikbaar") == 1
        assert value(m1, periode, "GM0147", "clienten") == 2
        assert value(m1, periode, "GM0147", "mantelzorg_beschikbaar") == 1
        assert value(m1, periode, "regio", "clienten") == 2
        assert value(m1, periode, "regio", "mantelzorg_beschikbaar") == 1
    h26 = [r for r in recs if r.indicator == "h10.26"]
    assert value(h26, "2023", "GM0164", verwijzer="01") == 1
    for periode in ("2024", "2024-Q1", "2024-01"):
        assert value(h26, periode, "GM0147", verwijzer="01") == 1
        assert value(h26, periode, "regio", verwijzer="01") == 1
