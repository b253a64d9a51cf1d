"""Report templates as data: the five shipped ones validate, raad follows seed 001 chapter by chapter, errors name
file and line, and a region's own template is found before the shipped one."""

from __future__ import annotations

from pathlib import Path

import pytest

from jeugdmonitor.catalog.rapporten import (
    DOELGROEPEN,
    SjabloonError,
    load_file,
    load_sjabloon,
    shipped_dir,
    shipped_sjablonen,
)
from jeugdmonitor.engine.families import shipped_families

KNOWN = list(shipped_families())


@pytest.mark.parametrize("naam", DOELGROEPEN)
def test_every_shipped_template_validates(naam: str) -> None:
    found = load_sjabloon(naam, known=KNOWN)
    assert found.sjabloon.doelgroep == naam
    assert found.pad == shipped_dir() / f"{naam}.yaml"
    assert found.sjabloon.hoofdstukken


def test_exactly_the_five_audiences_are_shipped() -> None:
    assert sorted(shipped_sjablonen()) == sorted(DOELGROEPEN)


def test_raad_follows_seed_001_chapter_by_chapter() -> None:
    raad = load_sjabloon("raad", known=KNOWN).sjabloon
    assert [h.titel for h in raad.hoofdstukken] == [
        "Instroom, doorstroom, uitstroom",
        "Kosten",
        "Resultaten",
        "Wijken",
        "Mantelzorg en eigen kracht",
    ]
    numbered = {}
    for h, hoofdstuk in enumerate(raad.hoofdstukken, start=1):
        for s, sectie in enumerate(hoofdstuk.secties, start=1):
            for t, tabel in enumerate(sectie.tabellen, start=1):
                if tabel.code:
                    numbered[tabel.code] = f"{h}.{s}.{t}"
    # the seed's table numbers (5.2.1 where the seed misprints 5.1.2 for the second table of chapter 5)
    assert numbered == {
        "I1, I3, I5": "1.1.1",
        "I6": "1.2.1",
        "I8": "1.2.2",
        "I10": "1.3.1",
        "I13": "1.4.1",
        "K2": "2.1.1",
        "K5": "2.1.2",
        "K13": "2.2.1",
        "R1": "3.1.1",
        "R2": "3.2.1",
        "R5": "3.3.1",
        "R6": "3.4.1",
        "R7": "3.5.1",
        "R8": "3.6.1",
        "W1": "4.1.1",
        "W5": "4.2.1",
        "M1": "5.1.1",
        "M2": "5.2.1",
    }


def test_college_builds_on_raad() -> None:
    raad = load_sjabloon("raad", known=KNOWN).sjabloon
    college = load_sjabloon("college", known=KNOWN).sjabloon
    assert college.hoofdstukken[: len(raad.hoofdstukken)] == raad.hoofdstukken
    extra = [h.titel for h in college.hoofdstukken[len(raad.hoofdstukken) :]]
    assert extra == ["Budget en prognose", "Vergelijking met de regio", "Beheersmaatregelen"]


def test_uitvoerenden_are_work_lists() -> None:
    lists = [s.lijst for h in load_sjabloon("uitvoerenden").sjabloon.hoofdstukken for s in h.secties]
    assert lists == ["wachtend_boven_norm", "zonder_start", "einde_binnen_8_weken", "bijna_18"]


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
doelgroep: raad
titel: Eigen raadsrapportage
hoofdstukken:
  - titel: Gebruik
    secties:
      - titel: Jeugdigen in zorg
        weergave: [tabel, trend]
        tabellen:
          - titel: Unieke jeugdigen in zorg
            indicator: kern.gebruik
"""


def test_region_template_comes_first(tmp_path: Path) -> None:
    write(tmp_path / "twente", "raad.yaml", MINIMAL)
    found = load_sjabloon("raad", [tmp_path / "twente"], known=KNOWN)
    assert found.sjabloon.titel == "Eigen raadsrapportage"
    assert found.overwogen == (tmp_path / "twente" / "raad.yaml", shipped_dir() / "raad.yaml")
    # another audience is not in the region's folder: the shipped one is used
    assert load_sjabloon("college", [tmp_path / "twente"]).pad == shipped_dir() / "college.yaml"


def test_error_names_file_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, "raad.yaml", MINIMAL.replace("[tabel, trend]", "[tabel, kaart]"))
    with pytest.raises(SjabloonError) as exc:
        load_file(path)
    message = str(exc.value)
    assert message.startswith("raad.yaml, regel 7: hoofdstukken.0.secties.0.weergave.1: moet een van ")
    assert "'wijkvergelijking'" in message


def test_unknown_indicator_is_rejected_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "raad.yaml", MINIMAL.replace("kern.gebruik", "kern.bestaatniet"))
    with pytest.raises(SjabloonError, match=r"raad.yaml, regel 9: onbekende indicator 'kern.bestaatniet'"):
        load_file(path, KNOWN)


def test_a_section_needs_tables_or_a_list(tmp_path: Path) -> None:
    text = MINIMAL.split("        tabellen:")[0]
    with pytest.raises(SjabloonError, match="een sectie heeft 'tabellen' of een 'lijst' nodig"):
        load_file(write(tmp_path, "raad.yaml", text))


def test_missing_template_lists_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(SjabloonError, match="geen sjabloon 'wethouder' gevonden"):
        load_sjabloon("wethouder", [tmp_path])


def test_unknown_row_split_is_rejected(tmp_path: Path) -> None:
    text = MINIMAL.replace("indicator: kern.gebruik", "indicator: kern.gebruik\n            rijen: wjik")
    only_this = r"^raad.yaml, regel 11: .*\.rijen: 'wjik' is geen rij-indeling; kies uit [^\n]*$"
    with pytest.raises(SjabloonError, match=only_this):
        load_file(write(tmp_path, "raad.yaml", text))
