"""A delivery of iJw messages alone after a delivery of messages and files (issue 5): the file rows stay.

The rule is in the docstring of ``jeugdmonitor.sources.ijw.vervolg``. Three deliveries for GM0164, worked out
by hand:

1. messages (toewijzing 1 of BSN[0], its start, its March declaration) plus files: the pgb trajectory
   GM0164-P1 of BSN[1] with its pgb cost, and the ZIN trajectory GM0164-2 of BSN[0] with an April declaration,
   for which no messages have come yet;
2. messages alone: a stop of toewijzing 1, the allocation of toewijzing 2 and its April declaration. The
   pgb rows and BSN[1] stay (the messages do not carry them); the file rows for GM0164-2 give way to the
   messages, which now describe the same trajectory and the same month's declaration;
3. messages plus a new jeugdhulp file (and jeugdigen): jeugdhulp and jeugdigen are full extracts again and
   replace the earlier file rows; kosten, from messages alone, keeps its pgb row.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from jeugdmonitor.store.loader import load_delivery
from jeugdmonitor.store.pseudonym import Key, pseudonym
from tests.conftest import BSN
from tests.ijw_berichten import jw301, jw305, jw307, jw323, rows, toegewezen_gestart_gedeclareerd, write_messages

KEY = Key(b"vaste-testsleutel", True, "test")

LEVERING_1 = toegewezen_gestart_gedeclareerd(BSN[0])  # GM0164-1 started 15 January; March: 123.45 euro
JEUGDIGEN_1 = f"bsn,geslacht,geboortedatum,gemeente\n{BSN[1]},2,2007-03-15,GM0164\n"
JEUGDHULP_1 = f"""bsn,traject_id,aanbieder,product,financiering,begindatum
{BSN[1]},GM0164-P1,Zorgverlener via pgb,45A48,PGB,2024-02-01
{BSN[0]},GM0164-2,12345678,45A48,ZIN,2024-03-01
"""
KOSTEN_1 = """maand,bedrag,gemeente,traject_id,financiering,soort
2024-03,500.00,GM0164,GM0164-P1,PGB,pgb
2024-04,200.00,GM0164,GM0164-2,ZIN,declaratie
"""

LEVERING_2 = {
    "d.xml": jw307("E1", "2024-05-02", BSN[0], [{"nummer": "1", "begin": "2024-01-15", "einde": "2024-04-30",
                                               "reden": "34"}]),
    "e.xml": jw301("T2", "2024-03-01", BSN[0], [{"nummer": "2"}]),
    # April of toewijzing 2: 25000 eurocents = 250.00 euro; the file said 200.00 for the same month
    "f.xml": jw323("D2", "2024-05-06", "DN2", {BSN[0]: [
        {"referentie": "P2", "nummer": "2", "begin": "2024-04-01", "einde": "2024-04-30", "bedrag": "25000"}]}),
}  # fmt: skip

LEVERING_3 = {"g.xml": jw305("S2", "2024-05-03", BSN[0], [{"nummer": "2", "begin": "2024-05-01"}])}
JEUGDHULP_3 = f"bsn,traject_id,aanbieder,product,financiering,begindatum\n{BSN[1]},GM0164-P2,Zorgverlener via pgb,45A48,PGB,2024-06-01\n"  # noqa: E501


def levering(folder: Path, berichten: dict[str, str], **tabellen: str) -> Path:
    write_messages(folder, berichten)
    for name, text in tabellen.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def teksten(store: Path, levering_id: int) -> list[tuple[str, str]]:
    return rows(
        store,
        f"SELECT regel, tekst FROM _meldingen WHERE levering_id = {levering_id} "
        "AND regel LIKE 'bestandsrijen%' ORDER BY tekst",
    )


def eerste_twee(tmp_path: Path) -> Path:
    store = tmp_path / "store.duckdb"
    tabellen = {"jeugdigen": JEUGDIGEN_1, "jeugdhulp": JEUGDHULP_1, "kosten": KOSTEN_1}
    load_delivery(levering(tmp_path / "lev1", LEVERING_1, **tabellen), store, KEY)
    load_delivery(levering(tmp_path / "lev2", LEVERING_2), store, KEY)
    return store


def test_berichten_alleen_behouden_de_bestandsrijen(tmp_path: Path) -> None:
    store = eerste_twee(tmp_path)
    # GM0164-1 and GM0164-2 now from the messages (delivery 2); the pgb trajectory stays from delivery 1.
    # GM0164-1 ended by the JW307 on 2024-04-30 (reason 34); GM0164-2 has no start yet
    assert rows(
        store, "SELECT traject_id, financiering, einddatum, levering_id, uit_bestand FROM jeugdhulp ORDER BY 1"
    ) == [
        ("GM0164-1", "ZIN", date(2024, 4, 30), 2, False),
        ("GM0164-2", "ZIN", None, 2, False),
        ("GM0164-P1", "PGB", None, 1, True),
    ]
    # March 123.45 (delivery 1's message, rebuilt in delivery 2), April 250.00 from the JW323 instead of the
    # file's 200.00, the pgb 500.00 kept from delivery 1's file
    assert rows(store, "SELECT traject_id, maand, bedrag, levering_id FROM kosten ORDER BY 1") == [
        ("GM0164-1", date(2024, 3, 1), Decimal("123.45"), 2),
        ("GM0164-2", date(2024, 4, 1), Decimal("250.00"), 2),
        ("GM0164-P1", date(2024, 3, 1), Decimal("500.00"), 1),
    ]
    # BSN[1] (only in the file) kept; BSN[0] from the messages
    assert rows(store, "SELECT client, levering_id, uit_bestand FROM jeugdigen ORDER BY levering_id") == [
        (pseudonym(KEY, "bsn", BSN[1]), 1, True),
        (pseudonym(KEY, "bsn", BSN[0]), 2, False),
    ]
    # per table: rows kept (1 each) and rows the messages replaced (GM0164-2 and its April declaration)
    assert teksten(store, 2) == [
        ("bestandsrijen_behouden", "jeugdhulp: 1 rij uit het bestand van levering 1 (pgb e.d.) behouden; "
         "de berichten leveren deze niet"),
        ("bestandsrijen_vervangen", "jeugdhulp: 1 rij uit het bestand van levering 1 vervangen door de berichten, "
         "die hetzelfde beschrijven en voorgaan"),
        ("bestandsrijen_behouden", "jeugdigen: 1 rij uit het bestand van levering 1 (pgb e.d.) behouden; "
         "de berichten leveren deze niet"),
        ("bestandsrijen_behouden", "kosten: 1 rij uit het bestand van levering 1 (pgb e.d.) behouden; "
         "de berichten leveren deze niet"),
        ("bestandsrijen_vervangen", "kosten: 1 rij uit het bestand van levering 1 vervangen door de berichten, "
         "die hetzelfde beschrijven en voorgaan"),
    ]  # fmt: skip


def test_levering_met_bestand_vervangt_alles_als_voorheen(tmp_path: Path) -> None:
    store = eerste_twee(tmp_path)
    tabellen = {"jeugdigen": JEUGDIGEN_1, "jeugdhulp": JEUGDHULP_3}
    load_delivery(levering(tmp_path / "lev3", LEVERING_3, **tabellen), store, KEY)
    # jeugdhulp with a file: a full extract; GM0164-P1 is gone, GM0164-P2 comes; GM0164-2 started on 2024-05-01
    assert rows(store, "SELECT traject_id, begindatum, levering_id, uit_bestand FROM jeugdhulp ORDER BY 1") == [
        ("GM0164-1", date(2024, 1, 15), 3, False),
        ("GM0164-2", date(2024, 5, 1), 3, False),
        ("GM0164-P2", date(2024, 6, 1), 3, True),
    ]
    # kosten from messages alone: the pgb row of delivery 1 is still kept (500.00), the messages' rows renewed
    assert rows(store, "SELECT traject_id, bedrag, levering_id FROM kosten ORDER BY 1") == [
        ("GM0164-1", Decimal("123.45"), 3),
        ("GM0164-2", Decimal("250.00"), 3),
        ("GM0164-P1", Decimal("500.00"), 1),
    ]
    assert teksten(store, 3) == [
        ("bestandsrijen_behouden", "kosten: 1 rij uit het bestand van levering 1 (pgb e.d.) behouden; "
         "de berichten leveren deze niet"),
    ]  # fmt: skip


def test_eerdere_levering_zonder_berichten_blijft_bestand(tmp_path: Path) -> None:
    """A store filled by files only: its rows all came from a file, so messages alone keep them too."""
    store = tmp_path / "store.duckdb"
    load_delivery(levering(tmp_path / "lev1", {}, jeugdigen=JEUGDIGEN_1 + f"{BSN[0]},1,2010-05-01,GM0164\n",
                           jeugdhulp=JEUGDHULP_1), store, KEY)  # fmt: skip
    load_delivery(levering(tmp_path / "lev2", LEVERING_1), store, KEY)
    # GM0164-1 from the messages; both file trajectories kept (the messages do not describe them)
    assert rows(store, "SELECT traject_id, levering_id, uit_bestand FROM jeugdhulp ORDER BY 1") == [
        ("GM0164-1", 2, False),
        ("GM0164-2", 1, True),
        ("GM0164-P1", 1, True),
    ]
    # BSN[0]'s file row gives way to the JW301's (born 2012-05-01 per the builder, not 2010-05-01)
    assert rows(store, "SELECT geboortedatum, levering_id FROM jeugdigen ORDER BY 1") == [
        (date(2007, 3, 15), 1),
        (date(2012, 5, 1), 2),
    ]
