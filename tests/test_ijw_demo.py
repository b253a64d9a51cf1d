"""`generate --formaat ijw`: the demo as an iJw 3.2 message stream (issue 5, point 4).

A small stream (Borne, 2024, loose XML files) is written once per module; the tests check that its messages
validate against the XSDs of ``shared/ijw/xsd/ijw-3.2`` (a sample of every type), that exactly the faulty
copies do not, that the same seed gives the same bytes, that the stream holds the kinds of messages the
issue asks for, and that the tables that do not travel as messages are there as CSV.
"""

from __future__ import annotations

import csv
import hashlib
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from jeugdmonitor.cli import main
from jeugdmonitor.demo.ijw import IjwSummary, generate_ijw
from jeugdmonitor.demo.ijw.berichten import heel_volume
from tests.conftest import SHARED

XSD = SHARED / "ijw" / "xsd" / "ijw-3.2"
ARGS = {"gemeenten": ["GM0147"], "van": date(2024, 1, 1), "tot": date(2024, 12, 31), "seed": 5, "schaal": "gemeente"}
PER_SOORT = 40  # messages validated per type: enough to meet every variant, quick enough
SOORTEN = {"JW301", "JW302", "JW305", "JW306", "JW307", "JW308", "JW315", "JW316", "JW317", "JW318", "JW319",
           "JW320", "JW323", "JW325"}  # fmt: skip


@pytest.fixture(scope="module")
def stroom(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, IjwSummary]:
    out = tmp_path_factory.mktemp("ijw") / "levering"
    return out, generate_ijw(out, zip_per_dag=False, **ARGS)


def _berichten(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.xml"))


def _soort(path: Path) -> str:
    return path.name.split("_")[0]


def _geldig(path: Path, schemas: dict[str, etree.XMLSchema]) -> bool:
    soort = _soort(path)
    if soort not in schemas:
        schemas[soort] = etree.XMLSchema(etree.parse(str(XSD / f"{soort}.xsd")))
    try:
        return schemas[soort].validate(etree.parse(str(path)))
    except etree.XMLSyntaxError:
        return False


def test_every_message_type_is_in_the_stream(stroom: tuple[Path, IjwSummary]) -> None:
    folder, summary = stroom
    assert {_soort(p) for p in _berichten(folder)} == SOORTEN
    assert set(summary.berichten) == SOORTEN


def test_sample_validates_against_the_xsd(stroom: tuple[Path, IjwSummary]) -> None:
    folder, _ = stroom
    per_soort: dict[str, list[Path]] = {}
    for p in _berichten(folder):
        per_soort.setdefault(_soort(p), []).append(p)
    schemas: dict[str, etree.XMLSchema] = {}
    fout = []
    for _type, paden in sorted(per_soort.items()):
        stap = max(1, len(paden) // PER_SOORT)
        fout += [p.name for p in paden[::stap] if not _geldig(p, schemas)]
    assert fout == []


def test_faulty_copies_are_invalid(stroom: tuple[Path, IjwSummary]) -> None:
    """The faulty copies carry the stream's last identifications: all of them, and only they, fail."""
    folder, summary = stroom
    paden = sorted(_berichten(folder), key=lambda p: int(p.stem.split("_")[2][3:]))
    schemas: dict[str, etree.XMLSchema] = {}
    # 5 kinds of fault x 2 copies: non-existent date, misplaced element, missing element, amount, cut-off file
    assert summary.ongeldig == 10
    assert not any(_geldig(p, schemas) for p in paden[-10:])
    assert all(_geldig(p, schemas) for p in paden[-30:-10])


def test_one_message_is_sent_twice(stroom: tuple[Path, IjwSummary]) -> None:
    folder, _ = stroom
    tweemaal = list(folder.glob("*_nogmaals.xml"))
    assert len(tweemaal) == 1
    origineel = folder / tweemaal[0].name.replace("_nogmaals", "")
    assert origineel.read_bytes() == tweemaal[0].read_bytes()


def test_corrections_and_changes_are_in_the_stream(stroom: tuple[Path, IjwSummary]) -> None:
    folder, _ = stroom
    teksten = Counter()
    for p in _berichten(folder):
        xml = p.read_text(encoding="utf-8")
        for merk in ("StatusAanlevering>3<", "RedenBeeindiging>20<", "RedenWijziging>04<", "RedenWijziging>05<",
                     "RedenWijziging>13<", "DebetCredit>C<", "RetourCode>0611<"):  # fmt: skip
            teksten[merk] += merk in xml
    assert all(teksten[m] > 0 for m in teksten), teksten


def test_tables_that_do_not_travel_as_messages_are_csv(stroom: tuple[Path, IjwSummary]) -> None:
    folder, summary = stroom
    for tabel in ("levering", "bevolking", "budget", "maatregelen", "aanmeldingen", "veilig_thuis", "pgb"):
        assert (folder / f"{tabel}.csv").is_file()
    with (folder / "jeugdhulp.csv").open(encoding="utf-8") as fh:
        financiering = {r["financiering"] for r in csv.DictReader(fh)}
    assert financiering <= {"PGB"}  # ZIN travels as messages
    with (folder / "kosten.csv").open(encoding="utf-8") as fh:
        assert not [r for r in csv.DictReader(fh) if r["soort"] == "declaratie" and r["financiering"] == "ZIN"]
    assert summary.csv["levering"] == 1


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    """Zipped per day and sender, twice with the same seed: identical files."""

    def digest(folder: Path) -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}

    args = {**ARGS, "van": date(2024, 9, 1), "tot": date(2024, 10, 31)}
    generate_ijw(tmp_path / "a", **args)
    generate_ijw(tmp_path / "b", **args)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    zips = sorted((tmp_path / "a").glob("*.zip"))
    assert zips and all(zipfile.ZipFile(z).testzip() is None for z in zips)


def test_whole_volumes() -> None:
    # 2.5 uur -> 150 minuten; 3.5 dagdelen of 4 uur -> 840 minuten; 2 uur stays 2 uur; an output product is 1 stuk
    assert heel_volume(2.5, "04") == (150, "01")
    assert heel_volume(3.5, "16") == (840, "01")
    assert heel_volume(2.0, "04") == (2, "04")
    assert heel_volume(1.0, "82") == (1, "82")


def test_cli_formaat_ijw(tmp_path: Path) -> None:
    out = tmp_path / "cli"
    result = CliRunner().invoke(
        main, ["generate", "--out", str(out), "--gemeenten", "GM0147", "--van", "2024-10-01", "--tot", "2024-10-31",
               "--seed", "3", "--formaat", "ijw"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "iJw-berichten" in result.output
    assert list(out.glob("*.zip"))


def test_national_scale_is_refused(tmp_path: Path) -> None:
    """Messages need a BSN; the national demo has too few test BSNs and uses client_id."""
    result = CliRunner().invoke(
        main, ["generate", "--out", str(tmp_path / "n"), "--schaal", "nationaal", "--van", "2025-10-01",
               "--formaat", "ijw"],
    )  # fmt: skip
    assert result.exit_code != 0
