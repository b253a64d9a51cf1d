"""Writing the message delivery: the messages and, beside them, the CSV tables.

Messages go into one zip per sender and day (``2024-03-05_0164.zip``), as a municipality collects them
from VECOZO, or as loose files (``JW301_0164_301000000123.xml``), at the top of the folder beside the CSV files.
Zip entries carry the message's day as their time, so the same seed gives the same bytes.

The CSV part holds what does not travel as messages: every table of the CSV delivery except ``jeugdigen``,
``jeugdhulp`` and ``kosten``, which keep only their rows that have no message: the young persons without care
in kind, the pgb trajectories, and the costs that are not ZIN declarations (pgb, subsidies, availability).
``plaatsingen`` names a ZIN trajectory by the id the reader gives it (``GM0164-10008169``, :func:`traject_id`).
"""

from __future__ import annotations

import csv
import shutil
import zipfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from jeugdmonitor.demo.ijw.berichten import Bericht
from jeugdmonitor.demo.ijw.bronnen import Levering

GEDEELD = ("jeugdigen", "jeugdhulp", "kosten")
NAAR_TRAJECT = ("plaatsingen",)  # tables that name a trajectory by traject_id


def traject_id(gemeente: str, nummer: int) -> str:
    """The trajectory's id in a store filled from messages: municipality and ToewijzingNummer (the reader's rule)."""
    return f"GM{gemeente}-{nummer}"


def _hernoem(bron: Path, doel: Path, ids: dict[str, str]) -> int:
    """Copy a CSV file with its ``traject_id`` column translated to the message ids; returns the rows."""
    n = 0
    with bron.open(encoding="utf-8", newline="") as fin, doel.open("w", encoding="utf-8", newline="") as fout:
        reader = csv.reader(fin)
        header = next(reader)
        kolom = header.index("traject_id")
        writer = csv.writer(fout, lineterminator="\n")
        writer.writerow(header)
        for row in reader:
            row[kolom] = ids.get(row[kolom], row[kolom])
            writer.writerow(row)
            n += 1
    return n


def _filter(bron: Path, doel: Path, houd: Callable[[dict[str, str]], bool]) -> int:
    """Copy the rows of a CSV file that ``houd`` keeps; returns their number."""
    n = 0
    with bron.open(encoding="utf-8", newline="") as fin, doel.open("w", encoding="utf-8", newline="") as fout:
        reader = csv.reader(fin)
        header = next(reader)
        writer = csv.writer(fout, lineterminator="\n")
        writer.writerow(header)
        for row in reader:
            if houd(dict(zip(header, row, strict=True))):
                writer.writerow(row)
                n += 1
    return n


def _rijen(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


def schrijf_csv(bron: Path, out: Path, levering: Levering) -> dict[str, int]:
    """The CSV tables of the message delivery; returns rows per table."""
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    zin = levering.trajecten
    ids = {tid: traject_id(t.gemeente, t.nummer) for tid, t in zin.items()}
    for pad in sorted(bron.glob("*.csv")):
        tabel = pad.stem
        if tabel in NAAR_TRAJECT:
            counts[tabel] = _hernoem(pad, out / pad.name, ids)
        elif tabel not in GEDEELD:
            shutil.copyfile(pad, out / pad.name)
            counts[tabel] = _rijen(pad)
    counts["jeugdigen"] = _filter(bron / "jeugdigen.csv", out / "jeugdigen.csv",
                                  lambda r: r["bsn"] not in levering.in_berichten)  # fmt: skip
    counts["jeugdhulp"] = _filter(bron / "jeugdhulp.csv", out / "jeugdhulp.csv", lambda r: r["traject_id"] not in zin)
    counts["kosten"] = _filter(
        bron / "kosten.csv", out / "kosten.csv",
        lambda r: not (r["soort"] == "declaratie" and r["financiering"] == "ZIN" and r["traject_id"] in zin),
    )  # fmt: skip
    return counts


def schrijf_berichten(out: Path, berichten: list[Bericht], zip_per_dag: bool) -> tuple[int, int]:
    """Write the messages at the top of ``out`` (the reader does not look in subfolders).

    Returns (number of files, bytes written). Message files of an earlier run are removed first.
    """
    for oud in [*out.glob("*.zip"), *out.glob("*.xml")]:
        oud.unlink()
    groepen: dict[str, list[Bericht]] = defaultdict(list)
    for b in berichten:
        groepen[f"{b.dagtekening}_{b.afzender}.zip" if zip_per_dag else ""].append(b)
    grootte = 0
    bestanden = 0
    for naam, groep in sorted(groepen.items()):
        if zip_per_dag:
            pad = out / naam
            with zipfile.ZipFile(pad, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for b in groep:
                    jaar, maand, dag = (int(x) for x in b.dagtekening.split("-"))
                    info = zipfile.ZipInfo(b.bestandsnaam, (jaar, maand, dag, 12, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, b.xml.encode())
            grootte += pad.stat().st_size
            bestanden += 1
        else:
            for b in groep:
                data = b.xml.encode()
                (out / b.bestandsnaam).write_bytes(data)
                grootte += len(data)
                bestanden += 1
    return bestanden, grootte
