"""iJw messages and CSV tables for the same tables in one delivery (issue 5, point 1): the union, messages winning.

The rules are in the docstring of ``jeugdmonitor.sources.ijw.samen``; the expected values are read off the
messages and CSV rows below by hand.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jeugdmonitor.errors import DeliveryRejected
from jeugdmonitor.store.loader import load_delivery
from jeugdmonitor.store.pseudonym import Key, pseudonym
from tests.conftest import BSN
from tests.ijw_berichten import jw307, rows, toegewezen_gestart_gedeclareerd, write_messages

KEY = Key(b"vaste-testsleutel", True, "test")

# BSN[0]: toewijzing 1 (traject GM0164-1), born 2012-05-01 per the builder, started 2024-01-15; March declared:
# 12345 eurocents = 123.45 euro
BERICHTEN = toegewezen_gestart_gedeclareerd(BSN[0])

JEUGDIGEN = f"""bsn,geslacht,geboortedatum,gemeente
{BSN[0]},1,2010-05-01,GM0164
{BSN[1]},2,2007-03-15,GM0164
"""
# GM0164-1 is the message trajectory (the CSV says another start: the messages win); GM0164-P1 a pgb trajectory
JEUGDHULP = f"""bsn,traject_id,aanbieder,product,financiering,begindatum
{BSN[0]},GM0164-1,12345678,45A48,ZIN,2024-02-01
{BSN[1]},GM0164-P1,Zorgverlener via pgb,45A48,PGB,2024-02-01
"""
# row 2: the March declaration of GM0164-1 again (the messages win); rows 3 and 4 do not travel as messages
KOSTEN = """maand,bedrag,gemeente,traject_id,financiering,soort
2024-03,999.00,GM0164,GM0164-1,ZIN,declaratie
2024-03,500.00,GM0164,GM0164-P1,PGB,pgb
2024-03,1000.00,GM0164,,,subsidie
"""


def levering(folder: Path, extra: dict[str, str] | None = None, **tabellen: str) -> Path:
    write_messages(folder, {**BERICHTEN, **(extra or {})})
    for name, text in tabellen.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def test_berichten_en_csv_samen_berichten_gaan_voor(tmp_path: Path) -> None:
    store = tmp_path / "store.duckdb"
    folder = levering(tmp_path / "lev1", jeugdigen=JEUGDIGEN, jeugdhulp=JEUGDHULP, kosten=KOSTEN)
    load_delivery(folder, store, KEY)
    # BSN[0] from the JW301 (born 2012-05-01, not the CSV's 2010-05-01); BSN[1] from the CSV only
    assert rows(store, "SELECT client, geboortedatum FROM jeugdigen ORDER BY geboortedatum") == [
        (pseudonym(KEY, "bsn", BSN[1]), date(2007, 3, 15)),
        (pseudonym(KEY, "bsn", BSN[0]), date(2012, 5, 1)),
    ]
    # GM0164-1 as the messages say (start 2024-01-15 from the JW305), the pgb trajectory from the CSV
    assert rows(store, "SELECT traject_id, financiering, begindatum, gemeente FROM jeugdhulp ORDER BY 1") == [
        ("GM0164-1", "ZIN", date(2024, 1, 15), "GM0164"),
        ("GM0164-P1", "PGB", date(2024, 2, 1), "GM0164"),  # gemeente derived from the young person
    ]
    # the CSV's 999.00 for GM0164-1 in March gives way to the JW323's 123.45; pgb and subsidy stay
    assert rows(store, "SELECT bedrag, traject_id, soort FROM kosten ORDER BY bedrag") == [
        (Decimal("123.45"), "GM0164-1", "declaratie"),
        (Decimal("500.00"), "GM0164-P1", "pgb"),
        (Decimal("1000.00"), None, "subsidie"),
    ]
    # one warning per file, each counting one row replaced by the messages
    gaan_voor = rows(store, "SELECT bestand, tekst FROM _meldingen WHERE regel = 'berichten_gaan_voor' ORDER BY 1")
    assert [(b, t.split(" rij")[0]) for b, t in gaan_voor] == [
        ("jeugdhulp.csv", "1"),
        ("jeugdigen.csv", "1"),
        ("kosten.csv", "1"),
    ]


def test_volgende_levering_vervangt_en_verdubbelt_niets(tmp_path: Path) -> None:
    store = tmp_path / "store.duckdb"
    tabellen = {"jeugdigen": JEUGDIGEN, "jeugdhulp": JEUGDHULP, "kosten": KOSTEN}
    load_delivery(levering(tmp_path / "lev1", **tabellen), store, KEY)
    # the same folder again: recognised by its checksum, nothing loaded twice
    assert load_delivery(tmp_path / "lev1", store, KEY).already_loaded_at is not None
    # a later delivery: the same CSVs, the earlier messages again (skipped as already loaded) plus a stop
    stop = jw307("E1", "2024-05-02", BSN[0], [{"nummer": "1", "begin": "2024-01-15", "einde": "2024-04-30",
                                              "reden": "34"}])  # fmt: skip
    load_delivery(levering(tmp_path / "lev2", {"d.xml": stop}, **tabellen), store, KEY)
    # still 2 young persons, 2 trajectories, 3 cost rows; GM0164-1 now ended on 2024-04-30 with reason 34
    assert rows(store, "SELECT count(*) FROM jeugdigen") == [(2,)]
    assert rows(store, "SELECT traject_id, einddatum, reden_beeindiging FROM jeugdhulp ORDER BY 1") == [
        ("GM0164-1", date(2024, 4, 30), "34"),
        ("GM0164-P1", None, None),
    ]
    assert rows(store, "SELECT sum(bedrag), count(*) FROM kosten") == [(Decimal("1623.45"), 3)]  # 123.45+500+1000


def test_csv_met_client_id_naast_berichten_wordt_geweigerd(tmp_path: Path) -> None:
    store = tmp_path / "store.duckdb"
    jeugdigen = "client_id,geslacht,geboortedatum,gemeente\nC1,2,2007-03-15,GM0164\n"
    with pytest.raises(DeliveryRejected) as rejected:
        load_delivery(levering(tmp_path / "lev1", jeugdigen=jeugdigen), store, KEY)
    fouten = [(m.regel, m.bestand) for m in rejected.value.meldingen if m.niveau == "fout"]
    assert ("bsn_nodig_naast_berichten", "jeugdigen.csv") in fouten
    assert not store.exists()  # nothing half-loaded: no store was created
