"""Reading iJw messages from zip archives fast (sources.ijw.ziplezen) and in batches (sources.ijw.werk).

The fast reader must give exactly what :mod:`zipfile` gives for an ordinary archive, and hand anything else
(an archive comment, a damaged member) to :mod:`zipfile`, so that it is reported as before. Large archives are
cut into batches by members; the result must not depend on how the folder was cut or on the worker processes.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.sources.ijw import werk, ziplezen
from jeugdmonitor.sources.ijw.openen import Blob, blobs_from_bytes
from jeugdmonitor.store.loader import load_delivery
from jeugdmonitor.store.pseudonym import Key
from tests.conftest import BSN
from tests.ijw_berichten import jw301, jw305

KEY = Key(b"vaste-testsleutel", True, "test")


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED, comment: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.comment = comment
    return buffer.getvalue()


def _blobs(data: bytes) -> list[tuple[str, str, bytes]]:
    return [
        ("blob", b.bestand, b.data) if isinstance(b, Blob) else ("onleesbaar", b.bestand, b.tekst.encode())
        for b in blobs_from_bytes("a.zip", data)
    ]


MEMBERS = {"b.xml": b"<b/>", "a.xml": b"<a>" + b"x" * 5000 + b"</a>", "map/": b"", "lees.txt": b"tekst"}


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_gewoon_archief_leden_op_naam_zoals_zipfile(method: int) -> None:
    data = _zip(MEMBERS, method)
    entries = ziplezen.central_directory(data)
    assert entries is not None
    # directory order, as written; every member's bytes as zipfile reads them
    assert [e.name for e in entries] == ["b.xml", "a.xml", "map/", "lees.txt"]
    archive = zipfile.ZipFile(io.BytesIO(data))
    for entry in entries:
        assert ziplezen.member(ziplezen.in_memory(data), entry) == archive.read(entry.name)
    # the messages: in name order, the directory and the text file left out
    assert _blobs(data) == [("blob", "a.zip/a.xml", MEMBERS["a.xml"]), ("blob", "a.zip/b.xml", b"<b/>")]


def test_archief_in_een_archief() -> None:
    inner = _zip({"c.xml": b"<c/>"})
    assert _blobs(_zip({"binnen.zip": inner, "a.xml": b"<a/>"})) == [
        ("blob", "a.zip/a.xml", b"<a/>"),
        ("blob", "a.zip/binnen.zip/c.xml", b"<c/>"),
    ]


def test_archief_met_commentaar_gaat_via_zipfile_met_dezelfde_uitkomst() -> None:
    data = _zip({"b.xml": b"<b/>", "a.xml": b"<a/>"}, comment=b"maart")
    assert ziplezen.central_directory(data) is None
    assert _blobs(data) == [("blob", "a.zip/a.xml", b"<a/>"), ("blob", "a.zip/b.xml", b"<b/>")]


def test_beschadigd_lid_wordt_gemeld_zoals_zipfile_dat_doet() -> None:
    data = bytearray(_zip({"a.xml": b"<a>" + b"y" * 100 + b"</a>"}, zipfile.ZIP_STORED))
    data[40] ^= 0xFF  # a byte of the member's content (after the 30-byte local header and the 5-byte name)
    entries = ziplezen.central_directory(bytes(data))
    assert entries is not None
    # the CRC no longer matches: the fast reader declines, zipfile reads and reports
    assert ziplezen.member(ziplezen.in_memory(bytes(data)), entries[0]) is None
    assert _blobs(bytes(data)) == [
        ("onleesbaar", "a.zip/a.xml", b"het bestand in het archief kan niet worden gelezen (beschadigd of versleuteld)")
    ]


def _levering(folder: Path) -> Path:
    """Twelve messages: six in a large archive, two small archives of two, two loose files."""
    folder.mkdir()
    berichten = {
        f"T{i}.xml": jw301(f"T{i}", "2024-01-10", BSN[i % len(BSN)], [{"nummer": str(i)}]) for i in range(1, 9)
    }
    names = list(berichten)
    with zipfile.ZipFile(folder / "a_groot.zip", "w", zipfile.ZIP_STORED) as archive:
        for name in names[:6]:
            archive.writestr(name, berichten[name])
    for i, name in enumerate(names[6:]):
        with zipfile.ZipFile(folder / f"b_klein{i}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(name, berichten[name])
            start = jw305(f"S{i}", "2024-01-20", BSN[0], [{"nummer": "1", "begin": "2024-01-15"}])
            archive.writestr(f"S{i}.xml", start)
    (folder / "c_los.xml").write_text(jw301("L1", "2024-01-11", BSN[1], [{"nummer": "20"}]), encoding="utf-8")
    (folder / "d_los.xml").write_text(jw301("L2", "2024-01-12", BSN[2], [{"nummer": "21"}]), encoding="utf-8")
    return folder


def test_groot_archief_in_stukken_en_kleine_samen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _levering(tmp_path / "lev")
    # an archive above BATCH_BYTES is cut by members, three at most per batch here; the three files after it
    # fit in one batch by their bytes
    klein = sum((folder / name).stat().st_size for name in ("b_klein0.zip", "b_klein1.zip", "c_los.xml"))
    assert (folder / "a_groot.zip").stat().st_size > klein + 1
    monkeypatch.setattr(werk, "BATCH_BYTES", klein + 1)
    monkeypatch.setattr(werk, "BATCH", 3)
    units, size = werk.batches(folder)
    assert size == sum(p.stat().st_size for p in folder.iterdir())
    shapes = [[p.name if isinstance(p, Path) else (p[0].name, len(p[1])) for p in u.parts] for u in units]
    # 6 members: 3 + 3; then files, three to a batch (the small archives count as one file each)
    assert shapes == [[("a_groot.zip", 3)], [("a_groot.zip", 3)], ["b_klein0.zip", "b_klein1.zip", "c_los.xml"],
                      ["d_los.xml"]]  # fmt: skip


def test_groot_archief_ook_gesneden_naar_de_xml_van_de_leden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _levering(tmp_path / "lev")
    leden = ziplezen.central_directory_of(folder / "a_groot.zip")
    assert leden is not None
    # BATCH_BYTES alone would keep the six members in one batch; the six are the same size (one-digit numbers,
    # nine-digit BSNs), so a cap of two members' XML is reached at every second member
    monkeypatch.setattr(werk, "BATCH_BYTES", (folder / "a_groot.zip").stat().st_size - 1)
    monkeypatch.setattr(werk, "BATCH_XML_BYTES", sum(sorted(e.size for e in leden)[:2]))
    units, _ = werk.batches(folder)
    shapes = [[p.name if isinstance(p, Path) else (p[0].name, len(p[1])) for p in u.parts] for u in units]
    # 6 members: 2 + 2 + 2 (each pair reaches the cap), then the four other files together (below BATCH_BYTES)
    assert shapes == [[("a_groot.zip", 2)], [("a_groot.zip", 2)], [("a_groot.zip", 2)],
                      ["b_klein0.zip", "b_klein1.zip", "c_los.xml", "d_los.xml"]]  # fmt: skip


def _rows(store: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(store), read_only=True)
    try:
        return {
            t: con.execute(f"SELECT * EXCLUDE (levering_id) FROM {t} ORDER BY ALL").fetchall()
            for t in ("_ijw_berichten", "_ijw_clienten", "_ijw_toewijzingen", "_ijw_starts", "jeugdhulp")
        }
    finally:
        con.close()


def test_in_stukken_en_in_werkprocessen_hetzelfde_als_in_een_keer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _levering(tmp_path / "lev")
    monkeypatch.setenv(werk.ENV_PROCESSES, "0")
    serieel = tmp_path / "serieel.duckdb"
    load_delivery(folder, serieel, KEY)
    monkeypatch.setattr(werk, "BATCH_BYTES", (folder / "a_groot.zip").stat().st_size - 1)
    monkeypatch.setattr(werk, "BATCH", 2)
    monkeypatch.setenv(werk.ENV_PROCESSES, "2")
    parallel = tmp_path / "parallel.duckdb"
    load_delivery(folder, parallel, KEY)
    assert _rows(parallel) == _rows(serieel)
    # 6 + 2 × 2 + 2 messages, numbered in file order: the large archive's members first
    berichten = _rows(serieel)["_ijw_berichten"]
    assert [(nr, bestand) for nr, *_, bestand in berichten][:2] == [
        (0, "a_groot.zip/T1.xml"),
        (1, "a_groot.zip/T2.xml"),
    ]
    assert len(berichten) == 12
    # S0 and S1 start toewijzing 1 of T1 (in the large archive, messages 0-5); in each small archive the
    # start comes before the JW301 by name (S0.xml < T7.xml): S0 is message 6, T7 7, S1 8, T8 9
    starts = _rows(serieel)["_ijw_starts"]
    assert [(nr, toewijzing, str(begin)) for nr, _, toewijzing, _, _, begin, _ in starts] == [
        (6, "1", "2024-01-15"), (8, "1", "2024-01-15")
    ]  # fmt: skip


def test_dubbel_bericht_in_een_latere_batch_wordt_overgeslagen_en_nummering_sluit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _levering(tmp_path / "lev")
    # c_los.xml repeats T1 (same type, sender, identification and date): skipped; it opens the second batch
    # (a_groot, b_klein0, b_klein1 | c_los, d_los), so d_los.xml moves up one number
    (folder / "c_los.xml").write_text(jw301("T1", "2024-01-10", BSN[1], [{"nummer": "1"}]), encoding="utf-8")
    monkeypatch.setattr(werk, "BATCH", 3)
    monkeypatch.setenv(werk.ENV_PROCESSES, "0")
    store = tmp_path / "s.duckdb"
    result = load_delivery(folder, store, KEY)
    assert result.counts == {"bericht_al_geladen": 1}
    berichten = _rows(store)["_ijw_berichten"]
    # 12 messages, one skipped: numbers 0-10, the last one d_los.xml's
    assert [nr for nr, *_ in berichten] == list(range(11))
    assert berichten[-1][-1] == "d_los.xml"
    toewijzingen = _rows(store)["_ijw_toewijzingen"]
    assert [(nr, toewijzing) for nr, _, toewijzing, *_ in toewijzingen if toewijzing == "21"] == [(10, "21")]


def test_pseudoniemen_per_sleutel_ook_als_hetzelfde_proces_twee_leveringen_leest(tmp_path: Path) -> None:
    from jeugdmonitor.store.pseudonym import pseudonym

    folder = _levering(tmp_path / "lev")
    andere = Key(b"andere-sleutel", True, "test")
    for key, store in ((KEY, tmp_path / "a.duckdb"), (andere, tmp_path / "b.duckdb")):
        load_delivery(folder, store, key)
        con = duckdb.connect(str(store), read_only=True)
        try:
            clients = {c for (c,) in con.execute("SELECT DISTINCT client FROM _ijw_clienten").fetchall()}
        finally:
            con.close()
        # the workers' cache of pseudonyms must not hand the first key's pseudonyms to the second delivery
        # T1-T8 carry BSN[1], …, BSN[7], BSN[0]: all eight
        assert clients == {pseudonym(key, "bsn", bsn) for bsn in BSN}


def test_inhoudsopgave_van_een_archief_op_schijf_zoals_zipfile(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    path.write_bytes(_zip(MEMBERS))
    entries = ziplezen.central_directory_of(path)
    assert entries is not None
    infos = zipfile.ZipFile(path).infolist()
    assert [(e.name, e.offset, e.compressed, e.size, e.crc) for e in entries] == [
        (i.filename, i.header_offset, i.compress_size, i.file_size, i.CRC) for i in infos
    ]
    # with an archive comment it is left to zipfile
    path.write_bytes(_zip(MEMBERS, comment=b"maart"))
    assert ziplezen.central_directory_of(path) is None


def test_groot_archief_met_commentaar_gaat_via_zipfile_met_dezelfde_uitkomst(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gewoon = _levering(tmp_path / "gewoon")
    met_commentaar = _levering(tmp_path / "commentaar")
    with zipfile.ZipFile(met_commentaar / "a_groot.zip", "a") as archive:
        archive.comment = b"berichten van maart"
    assert ziplezen.central_directory_of(met_commentaar / "a_groot.zip") is None
    monkeypatch.setattr(werk, "BATCH_BYTES", (gewoon / "a_groot.zip").stat().st_size - 1)
    monkeypatch.setattr(werk, "BATCH", 4)
    monkeypatch.setenv(werk.ENV_PROCESSES, "0")
    # cut by members both ways: 4 + 2
    assert [len(u.parts[0][1]) for u in werk.batches(met_commentaar)[0][:2]] == [4, 2]
    load_delivery(gewoon, tmp_path / "a.duckdb", KEY)
    load_delivery(met_commentaar, tmp_path / "b.duckdb", KEY)
    assert _rows(tmp_path / "b.duckdb") == _rows(tmp_path / "a.duckdb")


def test_lid_dat_groter_uitpakt_dan_opgegeven_wordt_niet_opgeblazen() -> None:
    """A member that declares 100 bytes but inflates to 20 MB (a zip bomb): the fast reader stops after 101
    bytes and declines, and zipfile reports the member as unreadable."""
    data = bytearray(_zip({"a.xml": b"\0" * (20 << 20)}))
    entries = ziplezen.central_directory(bytes(data))
    assert entries is not None and entries[0].size == 20 << 20
    # the declared uncompressed size: bytes 22–25 of the local header, bytes 24–27 of the central header
    central = bytes(data).rindex(b"PK\x01\x02")
    data[22:26] = data[central + 24 : central + 28] = (100).to_bytes(4, "little")
    entries = ziplezen.central_directory(bytes(data))
    assert entries is not None and entries[0].size == 100
    read_at = ziplezen.in_memory(bytes(data))
    tracemalloc.start()
    try:
        assert ziplezen.member(read_at, entries[0]) is None
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20  # far below the 20 MB the member would inflate to
    assert _blobs(bytes(data))[0][0] == "onleesbaar"
