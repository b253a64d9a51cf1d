"""Reading iJw messages (issue 5, points 1 and 2): samples of releases 3.2 and 3.0, SOAP envelopes, zip archives,
XSD validation and the own structural checks, quarantine, messages loaded once, and messages beside CSV tables."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from jeugdmonitor.sources.ijw.xsd import Schemas
from jeugdmonitor.store.loader import load_delivery
from jeugdmonitor.store.pseudonym import ENV_KEY, Key, pseudonym
from tests.conftest import BSN, BSN_INVALID, CLI, SHARED, write_table
from tests.ijw_berichten import jw301, jw305, jw307, jw315, jw323, jw325, rows, write_messages

SAMPLES_32 = SHARED / "ijw" / "samples" / "ijw-3.2"
SAMPLES_30 = SHARED / "ijw" / "samples" / "ijw-3.0"
XSD = SHARED / "ijw" / "xsd" / "ijw-3.2"
KEY = Key(b"vaste-testsleutel", True, "test")
VALID_32 = ("JW301", "JW302", "JW305", "JW306", "JW307", "JW308", "JW316", "JW317", "JW319", "JW320", "JW323", "JW325")


def test_twaalf_geldige_32_voorbeelden_laden_en_twee_ongeldige_in_quarantaine(tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    result = load_delivery(SAMPLES_32, store, KEY, xsd=XSD)
    assert sorted(r[0] for r in rows(store, "SELECT soort FROM _ijw_berichten")) == list(VALID_32)
    quarantaine = rows(store, "SELECT bestand, identificatie, element, reden FROM _quarantaine ORDER BY bestand")
    assert quarantaine == [
        ("JW315.xml", "123456789012", "Client/AangevraagdeProducten/AangevraagdProduct/ToewijzingEinddatum",
         "datum 2027-06-31 bestaat niet"),
        ("JW318.xml", "987654321", "Client/Verzoek/RetourCode",
         "element RetourCode is hier niet toegestaan (onder Client/Verzoek)"),
    ]  # fmt: skip
    # printed as warnings naming file, BerichtIdentificatie and element
    waarschuwingen = [m for m in result.meldingen if m.regel == "bericht_quarantaine"]
    assert [(m.bestand, m.kolom) for m in waarschuwingen] == [(q[0], q[2]) for q in quarantaine]
    assert "BerichtIdentificatie 123456789012" in str(waarschuwingen[0])
    # JW301 (2 toewijzingen of GM0384) and JW305/JW307 (2 trajectories of GM0363, no JW301 loaded for them)
    assert rows(store, "SELECT traject_id, einddatum IS NOT NULL FROM jeugdhulp ORDER BY 1") == [
        ("GM0363-300201", True), ("GM0363-300202", True), ("GM0384-300201", False), ("GM0384-300202", False)
    ]  # fmt: skip


def test_xsd_vangt_wat_de_eigen_controle_niet_ziet(tmp_path: Path) -> None:
    start = jw305("S1", "2024-01-20", BSN[0], [{"nummer": "1", "begin": "2024-01-15"}])
    # the same elements in the wrong order: the own checks look at place and content, the XSD also at order
    swapped = start.replace(
        "<jw305:Begindatum>2024-01-15</jw305:Begindatum><jw305:StatusAanlevering>1</jw305:StatusAanlevering>",
        "<jw305:StatusAanlevering>1</jw305:StatusAanlevering><jw305:Begindatum>2024-01-15</jw305:Begindatum>",
    )
    assert swapped != start
    folder = write_messages(tmp_path / "lev", {"start.xml": swapped})
    load_delivery(folder, tmp_path / "zonder.duckdb", KEY)
    assert rows(tmp_path / "zonder.duckdb", "SELECT count(*) FROM _ijw_berichten") == [(1,)]
    load_delivery(folder, tmp_path / "met.duckdb", KEY, xsd=XSD)
    [(element, reden)] = rows(tmp_path / "met.duckdb", "SELECT element, reden FROM _quarantaine")
    assert element == "StatusAanlevering"
    assert reden.startswith("element staat niet op een plaats die het XSD-schema toestaat")


def test_testberichten_zijn_geldig_volgens_de_xsd() -> None:
    from lxml import etree

    from jeugdmonitor.sources.ijw.bericht import parse_bytes

    schemas = Schemas(XSD)
    bsn = BSN[0]
    prestatie = {"referentie": "P1", "nummer": "1", "begin": "2024-03-01", "einde": "2024-03-31", "bedrag": "1"}
    credit = {**prestatie, "referentie": "P2", "vorig": "P1", "dc": "C"}
    messages = [
        jw301("A", "2024-01-10", bsn, [{"nummer": "1", "referentie": "R", "reden": "04"},
                                       {"nummer": "2", "budget": "5"}], postcode="7551AB"),
        jw315("B", "2024-01-02", bsn, [{"referentie": "R"}]),
        jw305("C", "2024-01-20", bsn, [{"nummer": "1", "begin": "2024-01-15"}]),
        jw307("D", "2024-05-02", bsn, [{"nummer": "1", "begin": "2024-01-15", "einde": "2024-04-30", "reden": "31"}]),
        jw323("E", "2024-04-05", "DN1", {bsn: [prestatie, credit]}),
        jw325("F", "2024-04-20", "DN1", ("E", "2024-04-05"), {bsn: [{**prestatie, "retour": "0611"}]}),
    ]  # fmt: skip
    for text in messages:
        [bericht] = parse_bytes("x.xml", text.encode())
        assert schemas.check(bericht) is None, (bericht.soort, schemas.check(bericht))
        assert isinstance(bericht.root, etree._Element)


def test_30_voorbeelden_en_soap_envelop_laden(tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    result = load_delivery(SAMPLES_30, store, KEY, xsd=XSD)
    # jw301 and one JW315: IndienenBericht.xml carries the same JW315 (sender 22227338, MC008896A559) as
    # jw315.xml, and jw315_with_multiple_products.xml reuses that identification: both are skipped
    assert sorted(rows(store, "SELECT soort, release, afzender, identificatie FROM _ijw_berichten")) == [
        ("JW301", "3.0", "0344", "123456789012"), ("JW315", "3.0", "22227338", "MC008896A559")
    ]  # fmt: skip
    assert result.counts.get("bericht_al_geladen") == 2
    assert rows(store, "SELECT count(*) FROM _quarantaine") == [(0,)]

    alleen = tmp_path / "soap"
    alleen.mkdir()
    shutil.copy(SAMPLES_30 / "IndienenBericht.xml", alleen)
    load_delivery(alleen, tmp_path / "soap.duckdb", KEY)
    [(bestand,)] = rows(tmp_path / "soap.duckdb", "SELECT bestand FROM _ijw_berichten")
    assert bestand.startswith("IndienenBericht.xml (SOAP)/")
    assert rows(tmp_path / "soap.duckdb", "SELECT client, geboortedatum::VARCHAR FROM jeugdigen") == [
        (pseudonym(KEY, "bsn", "999900006"), "2000-01-01")
    ]


def test_zip_archief_met_berichten(tmp_path: Path) -> None:
    folder = tmp_path / "lev"
    folder.mkdir()
    with zipfile.ZipFile(folder / "maart.zip", "w") as archive:
        for name in VALID_32:
            archive.write(SAMPLES_32 / f"{name}.xml", f"berichten/{name}.xml")
    load_delivery(folder, tmp_path / "s.duckdb", KEY)
    found = rows(tmp_path / "s.duckdb", "SELECT bestand FROM _ijw_berichten ORDER BY 1")
    assert [b for (b,) in found] == [f"maart.zip/berichten/{name}.xml" for name in VALID_32]


def test_bericht_dat_al_geladen_is_wordt_overgeslagen(tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    toewijzing = jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}])
    load_delivery(write_messages(tmp_path / "jan", {"t.xml": toewijzing}), store, KEY)
    # the next delivery repeats the JW301 (same sender, identification and date) and adds a start
    start = jw305("S1", "2024-02-01", BSN[0], [{"nummer": "1", "begin": "2024-01-22"}])
    result = load_delivery(write_messages(tmp_path / "feb", {"t.xml": toewijzing, "s.xml": start}), store, KEY)
    assert result.counts == {"bericht_al_geladen": 1}
    assert rows(store, "SELECT soort, levering_id FROM _ijw_berichten ORDER BY levering_id") == [
        ("JW301", 1),
        ("JW305", 2),
    ]
    assert rows(store, "SELECT traject_id, begindatum::VARCHAR FROM jeugdhulp") == [("GM0164-1", "2024-01-22")]


def test_kapotte_xml_en_ongeldig_bsn_in_quarantaine_de_rest_laadt(tmp_path: Path) -> None:
    goed = jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}])
    fout_bsn = jw301("T2", "2024-01-11", BSN_INVALID, [{"nummer": "2"}])
    folder = write_messages(tmp_path / "lev", {"goed.xml": goed, "bsn.xml": fout_bsn, "kapot.xml": goed[:200]})
    store = tmp_path / "s.duckdb"
    load_delivery(folder, store, KEY)
    assert rows(store, "SELECT bestand, identificatie, element, reden FROM _quarantaine ORDER BY bestand") == [
        ("bsn.xml", "T2", "Client/Bsn", "het BSN voldoet niet aan de elfproef"),
        ("kapot.xml", None, None, "het bestand is geen goedgevormde XML (regel 4)"),
    ]
    assert rows(store, "SELECT traject_id FROM jeugdhulp") == [("GM0164-1",)]
    # the raw BSN is nowhere in the store file
    assert BSN_INVALID.encode() not in store.read_bytes()
    assert BSN[0].encode() not in store.read_bytes()


def test_pseudoniem_gelijk_aan_dat_uit_een_csv_levering(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_KEY, "gedeelde-sleutel")
    berichten = write_messages(tmp_path / "ijw", {"t.xml": jw301("T1", "2024-01-10", BSN[2], [{"nummer": "1"}])})
    csv = tmp_path / "csv"
    csv.mkdir()
    write_table(csv, "jeugdigen", [{"bsn": BSN[2], "gemeente": "GM0153"}])
    write_table(csv, "jeugdhulp", [{"traject_id": "x", "bsn": BSN[2], "gemeente": "GM0153"}])
    load_delivery(berichten, tmp_path / "a.duckdb")
    load_delivery(csv, tmp_path / "b.duckdb")
    [(uit_bericht,)] = rows(tmp_path / "a.duckdb", "SELECT client FROM jeugdigen")
    assert rows(tmp_path / "b.duckdb", "SELECT client FROM jeugdigen") == [(uit_bericht,)]


def test_berichten_samen_met_csv_tabellen(tmp_path: Path) -> None:
    folder = write_messages(tmp_path / "lev", {"t.xml": jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}])})
    write_table(folder, "maatregelen", [{"maatregel_id": "M1", "bsn": BSN[0], "kader": "JB", "type": "ots",
                                         "begindatum": "2024-02-01"}])  # fmt: skip
    store = tmp_path / "s.duckdb"
    load_delivery(folder, store, KEY)
    assert rows(store, "SELECT maatregel_id, gemeente FROM maatregelen") == [("M1", "GM0164")]
    assert rows(store, "SELECT count(*) FROM jeugdhulp") == [(1,)]

    # a file for a table the messages also give joins their rows (tests/test_ijw_samen.py has the rules)
    write_table(folder, "jeugdhulp", [{"traject_id": "x", "bsn": BSN[0]}])
    load_delivery(folder, tmp_path / "t.duckdb", KEY)
    assert rows(tmp_path / "t.duckdb", "SELECT traject_id FROM jeugdhulp ORDER BY 1") == [("GM0164-1",), ("x",)]


def test_cli_laadt_berichtenmap_met_xsd(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(CLI), "load", str(SAMPLES_32), "--store", str(tmp_path / "s.duckdb"), "--xsd", str(XSD),
         "--geen-indicatoren"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Waarschuwing: JW318.xml, kolom Client/Verzoek/RetourCode: bericht JW318" in done.stderr
    assert "jeugdhulp             4" in done.stdout


def test_lezen_in_werkprocessen_geeft_hetzelfde_als_in_een_proces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jeugdmonitor.sources.ijw import werk

    def load(name: str) -> dict[str, list[tuple]]:
        store = tmp_path / f"{name}.duckdb"
        load_delivery(SAMPLES_32, store, KEY, xsd=XSD)
        return {
            t: rows(store, f"SELECT * EXCLUDE (levering_id) FROM {t} ORDER BY ALL")
            for t in ("_ijw_berichten", "_ijw_prestaties", "_quarantaine", "jeugdigen", "jeugdhulp", "kosten")
        }

    monkeypatch.setenv(werk.ENV_PROCESSES, "0")
    serieel = load("serieel")
    # fourteen files in batches of five: three batches over two spawned worker processes
    monkeypatch.setattr(werk, "BATCH", 5)
    monkeypatch.setenv(werk.ENV_PROCESSES, "2")
    assert len(werk.batches(SAMPLES_32)[0]) == 3
    assert load("parallel") == serieel
    assert len(serieel["_ijw_berichten"]) == 12


def test_release_31_wordt_gelezen_zonder_de_32_xsd(tmp_path: Path) -> None:
    bericht = jw301("T1", "2024-01-10", BSN[0], [{"nummer": "1"}]).replace("/ijw/3_2/", "/ijw/3_1/")
    store = tmp_path / "s.duckdb"
    load_delivery(write_messages(tmp_path / "lev", {"t.xml": bericht}), store, KEY, xsd=XSD)
    # the 3.2 XSDs do not apply to a 3.1 namespace; the own structural checks do, and it passes them
    assert rows(store, "SELECT soort, release FROM _ijw_berichten") == [("JW301", "3.1")]
    assert rows(store, "SELECT traject_id FROM jeugdhulp") == [("GM0164-1",)]
