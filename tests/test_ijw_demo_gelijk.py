"""The demo delivered as iJw messages gives the same indicators as the same demo delivered as CSV (issue 5).

One small municipality (Borne), one year, the same seed: ``generate`` writes it once as CSV and once as
messages; both are loaded with the same key and every indicator is computed for 2024 and its tertials.

Messages cannot carry everything a CSV row can, so the CSV side is first brought to what messages *can* say
(``naar_berichtvorm``); each step names the limit of the iJw standard (or of the reader) behind it:

1. Providers are named by AGB code in messages, by name in the CSV: the CSV names become the demo's codes.
2. Not in any message: perspectief, crisis, levensgebieden, doelrealisatie, uitstroom_bestemming, tarief,
   team, medewerker (JW301 has no tariff; JW323 has one per prestatie, which the reader does not use).
3. A stop (JW307) must have a reason: a CSV stop without reason travels as 31 (volgens plan).
4. Without a request (JW315) the reader takes the municipality as referrer (01); the CSV rows without
   aanmelddatum travel without JW315.
5. An allocation cancelled before the start travels as a JW301 ending the allocation on the day of
   cancellation: its toewijzing_einddatum becomes that day, and reasons 32/34 (no JZ002 counterpart) become
   37 via RedenWijziging 12; 38 travels exactly (RedenWijziging 09).
6. Product codes longer than five characters do not fit iJw: the allocation is aspecific (category only).
7. iJw volumes are whole numbers: half hours, dagdelen and etmalen travel in minutes.
8. A request (JW315) without an allocation is a waiting trajectory with only provider, product, referrer
   (``06`` when the CSV has none) and aanmelddatum; a row registered without aanmelddatum and not yet allocated
   has no message at all.
9. The address (postcode, hence wijk) travels in the JW301 only: a young person with requests but no
   allocation has no postcode or wijk.

Columns of rule 2 are emptied in the CSV's ZIN rows (the message rows have none); the pgb rows keep them,
as the CSV part of the message delivery does.

The message delivery is loaded as the generator writes it: the messages plus the CSV tables with what does not
travel as messages (pgb trajectories, other costs, young persons without care in kind, the other tables); the
reader takes the union of both (``sources.ijw.samen``). The CSV side keeps the same rows, bar those of rule 8.

Indicators compared: all of them, for 2024 and its second tertial, per municipality and region, with their
fixed splits; every indicator must have a value and be equal. The ones whose data no message carries
(``NIET_BESCHIKBAAR``, with the missing column) are computed on both sides from the pgb rows, which carry it.
"""

from __future__ import annotations

import csv
import math
import os
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.demo import generate_delivery
from jeugdmonitor.demo.ijw import generate_ijw
from jeugdmonitor.demo.ijw.aanbieders import AGB
from jeugdmonitor.demo.ijw.berichten import heel_volume
from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute, select_indicators
from jeugdmonitor.sources.ijw.xsd import ENV_XSD
from jeugdmonitor.store.loader import load_delivery
from jeugdmonitor.store.pseudonym import Key
from tests.conftest import SHARED

KEY = Key(b"gelijk-sleutel", True, "test")
SEED = 11
GEMEENTE = "GM0147"
PERIODEN = "2024,2024-T2"
NIET_IN_BERICHTEN = ("perspectief", "crisis", "levensgebieden", "doelrealisatie", "uitstroom_bestemming", "tarief",
                     "team", "medewerker")  # fmt: skip
CLIENT_TABELLEN = ("aanmeldingen", "maatregelen", "jb_tafel", "veilig_thuis", "pgb")
# indicator -> the column no iJw message carries (rule 2): only the CSV's (pgb) rows give it
NIET_BESCHIKBAAR = {
    "hengelo.R2": "doelrealisatie",
    "uitkomst.doelrealisatie": "doelrealisatie",
    "twente.verblijf.D4.i1": "uitstroom_bestemming",
    "twente.verblijf.D4.i2": "uitstroom_bestemming",
    "kern.zorgzwaarte": "tarief",
}

Rows = list[dict[str, str]]


def _lees(path: Path) -> Rows:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _schrijf(path: Path, rows: Rows, header: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def _zin(folder: Path) -> Rows:
    return [r for r in _lees(folder / "jeugdhulp.csv") if r["financiering"] == "ZIN"]


def _trajecten(folder: Path) -> Rows:
    """The CSV trajectories that travel as messages: ZIN, with an allocation (rule 8)."""
    return [r for r in _zin(folder) if r["toewijzingsdatum"]]


def _aanvraag(r: dict[str, str]) -> None:
    """A ZIN row with a request but no allocation as the messages carry it (rule 8)."""
    _naar_bericht(r)
    for kolom in ("toewijzing_einddatum", "begindatum", "einddatum", "reden_beeindiging", "volume", "eenheid",
                  "frequentie"):  # fmt: skip
        r[kolom] = ""
    r["verwijzer"] = r["verwijzer"] or "06"


def _personen(folder: Path) -> set[str]:
    """Young persons with at least one message: a ZIN trajectory with a request or an allocation."""
    return {r["bsn"] for r in _zin(folder) if r["aanmelddatum"] or r["toewijzingsdatum"]}


def _naar_bericht(r: dict[str, str]) -> None:
    """One ZIN trajectory as the messages carry it (rules 1-7)."""
    r["aanbieder"] = AGB[r["aanbieder"]]  # rule 1
    for kolom in NIET_IN_BERICHTEN:  # rule 2
        r[kolom] = ""
    if r["begindatum"] and r["einddatum"] and not r["reden_beeindiging"]:
        r["reden_beeindiging"] = "31"  # rule 3
    if not r["aanmelddatum"]:
        r["verwijzer"] = "01"  # rule 4
    if r["einddatum"] and not r["begindatum"]:  # rule 5
        r["toewijzing_einddatum"] = r["einddatum"]
        r["reden_beeindiging"] = {"38": "38"}.get(r["reden_beeindiging"], "37")
    if len(r["product"]) > 5:
        r["product"] = ""  # rule 6
    volume, eenheid = heel_volume(float(r["volume"]), r["eenheid"])  # rule 7
    r["volume"], r["eenheid"] = str(volume), eenheid


def naar_berichtvorm(csv_map: Path, doel: Path) -> None:
    """The CSV delivery brought to what messages can carry (rules 1-9 of the module docstring)."""
    shutil.copytree(csv_map, doel)
    personen = _personen(csv_map)
    zin = {r["traject_id"] for r in _zin(csv_map)}
    ids = {r["traject_id"] for r in _trajecten(csv_map)}
    aanvragen = {r["traject_id"] for r in _zin(csv_map) if r["aanmelddatum"] and not r["toewijzingsdatum"]}
    weg = zin - ids - aanvragen  # rule 8: ZIN trajectories without request or allocation
    alle_zin = {r["bsn"] for r in _zin(csv_map)}
    trajecten = [r for r in _lees(csv_map / "jeugdhulp.csv") if r["traject_id"] not in weg]
    for r in trajecten:
        if r["traject_id"] in ids:
            _naar_bericht(r)
        elif r["traject_id"] in aanvragen:
            _aanvraag(r)
    _schrijf(doel / "jeugdhulp.csv", trajecten, _header(csv_map / "jeugdhulp.csv"))
    met_adres = {r["bsn"] for r in _trajecten(csv_map)}
    # young persons with ZIN care but no message at all (rule 8) are in neither part of the message delivery
    jeugdigen = [r for r in _lees(csv_map / "jeugdigen.csv") if r["bsn"] in personen or r["bsn"] not in alle_zin]
    for r in jeugdigen:
        if r["bsn"] in personen and r["bsn"] not in met_adres:
            r["postcode"] = r["wijk"] = ""  # rule 9
    _schrijf(doel / "jeugdigen.csv", jeugdigen, _header(csv_map / "jeugdigen.csv"))
    kosten = [r for r in _lees(csv_map / "kosten.csv") if r["traject_id"] not in weg]
    _schrijf(doel / "kosten.csv", kosten, _header(csv_map / "kosten.csv"))
    plaatsingen = [r for r in _lees(csv_map / "plaatsingen.csv") if r["traject_id"] not in weg]
    _schrijf(doel / "plaatsingen.csv", plaatsingen, _header(csv_map / "plaatsingen.csv"))
    geen_bericht = alle_zin - personen
    for tabel in CLIENT_TABELLEN:  # rule 8: rows of young persons in no part of the message delivery
        path = doel / f"{tabel}.csv"
        _schrijf(path, [r for r in _lees(path) if r["bsn"] not in geen_bericht], _header(path))


def _indicatoren(store: Path) -> dict[tuple, tuple]:
    chosen, _ = select_indicators(None, ())
    con = duckdb.connect(str(store), read_only=True)
    try:
        records = compute(con, chosen, [parse(p) for p in PERIODEN.split(",")])
    finally:
        con.close()
    return {
        (r.indicator, r.periode, r.gemeente, r.maat or "", tuple(sorted(r.dimensies.items()))): (
            r.status,
            r.waarde,
            r.teller,
            r.noemer,
        )
        for r in records
    }


@pytest.fixture(scope="module")
def uitkomsten(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    tmp = tmp_path_factory.mktemp("gelijk")
    args = {"gemeenten": [GEMEENTE], "van": date(2024, 1, 1), "tot": date(2024, 12, 31), "seed": SEED,
            "schaal": "gemeente"}  # fmt: skip
    generate_delivery(tmp / "csv", **args)
    generate_ijw(tmp / "ijw", **args)
    naar_berichtvorm(tmp / "csv", tmp / "csv_berichtvorm")
    old = os.environ.get(ENV_XSD)
    os.environ[ENV_XSD] = str(SHARED / "ijw" / "xsd" / "ijw-3.2")
    try:
        load_delivery(tmp / "csv_berichtvorm", tmp / "csv.duckdb", KEY)
        load_delivery(tmp / "ijw", tmp / "ijw.duckdb", KEY)
    finally:
        if old is None:
            os.environ.pop(ENV_XSD)
        else:
            os.environ[ENV_XSD] = old
    return _indicatoren(tmp / "csv.duckdb"), _indicatoren(tmp / "ijw.duckdb")


def _gelijk(a: tuple, b: tuple | None) -> bool:
    if b is None:
        return False

    def same(x: object, y: object) -> bool:
        if isinstance(x, float) and isinstance(y, float):
            return math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9) or (math.isnan(x) and math.isnan(y))
        return x == y

    return all(same(x, y) for x, y in zip(a, b, strict=True))


def test_same_records(uitkomsten: tuple[dict, dict]) -> None:
    uit_csv, uit_ijw = uitkomsten
    assert set(uit_csv) == set(uit_ijw)


def test_same_values(uitkomsten: tuple[dict, dict]) -> None:
    uit_csv, uit_ijw = uitkomsten
    verschil = sorted((k, uit_csv[k], uit_ijw.get(k)) for k in uit_csv if not _gelijk(uit_csv[k], uit_ijw.get(k)))
    assert not verschil, "\n".join(f"{k}: csv {a} ijw {b}" for k, a, b in verschil[:40])


def test_every_indicator_has_a_value(uitkomsten: tuple[dict, dict]) -> None:
    """With the CSV part loaded beside the messages, every indicator has a value, also those needing a column
    no message carries (from the pgb rows)."""
    _, uit_ijw = uitkomsten
    status: dict[str, set[str]] = {}
    for k, v in uit_ijw.items():
        status.setdefault(k[0], set()).add(v[0])
    niet = {i for i, s in status.items() if s == {"niet_beschikbaar"}}
    assert niet == set()
    assert set(NIET_BESCHIKBAAR) <= set(status)
    assert len(status) >= 85  # 88 indicators with values when written (83 before the pgb rows came along)
