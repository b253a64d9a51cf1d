"""The goal trees as data: the shipped Twente trees hold every target of seed 002's tables and the H10 result
areas their norms; a malformed file is rejected with file and line; a region adds or replaces a tree by YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from jeugdmonitor.catalog.doelen import (
    Doel,
    Doelboom,
    DoelenError,
    DoelIndicator,
    Streefwaarde,
    laad_bestand,
    laad_doelbomen,
)
from jeugdmonitor.engine.families import shipped_families


def _boom(naam: str) -> Doelboom:
    return next(b for b in laad_doelbomen() if b.boom == naam)


def _streefwaarden(naam: str) -> list[tuple[Doel, DoelIndicator, Streefwaarde]]:
    return [(d, i, t) for d in _boom(naam).doelen for i in d.indicatoren for t in i.streefwaarden]


def _teksten(naam: str) -> str:
    return " ".join(t.tekst for d in _boom(naam).doelen for i in d.indicatoren for t in i.streefwaarden)


def test_shipped_trees_and_their_structure() -> None:
    assert [b.boom for b in laad_doelbomen()] == ["twente_verblijf", "twente_ambulant", "h10_resultaatgebieden"]
    verblijf = _boom("twente_verblijf")
    assert verblijf.opgave == "Verminderen van verblijf"
    assert [d.id for d in verblijf.doelen] == ["D1", "D2", "D3", "D4"]
    assert [i.id for i in verblijf.doelen[1].indicatoren] == ["i1", "i2", "i3", "i4"]
    assert len(verblijf.randvoorwaarden) == 2 and len(verblijf.beleidsuitgangspunten) == 5
    ambulant = _boom("twente_ambulant")
    assert [d.id for d in ambulant.doelen] == ["D1", "D2", "D3", "D4", "D5"]
    assert len(ambulant.randvoorwaarden) == 3 and len(ambulant.beleidsuitgangspunten) == 3
    h10 = _boom("h10_resultaatgebieden")
    assert [d.titel for d in h10.doelen] == ["Passende hulp", "Kwaliteit en innovatie", "Budget"]


@pytest.mark.parametrize(
    ("boom", "fragment"),
    [
        # seed 002, "Indicatoren Verblijf Streefwaarden", row by row (the two outflow rows have no target)
        ("twente_verblijf", "minimaal 30% minder dan in 2024"),
        ("twente_verblijf", "neemt 10% per jaar toe tot 40% in 2028"),
        ("twente_verblijf", "neemt met 5% gemiddeld per jaar af"),
        ("twente_verblijf", "Minimaal 90% van de jeugdigen blijft binnen dezelfde woon- of verblijfsgroep"),
        ("twente_verblijf", "screening binnen 4 weken na toewijzing"),
        ("twente_verblijf", "binnen 6 weken geplaatst"),
        ("twente_verblijf", "zonder wachtlijsten"),
        ("twente_verblijf", "minimaal 15% minder jeugdigen opnieuw in zorg"),
        ("twente_verblijf", "dalende trend"),
        # seed 002, "Indicatoren Ambulant Streefwaarden"
        ("twente_ambulant", "minstens 20% lager"),
        ("twente_ambulant", "minimaal 20% minder jeugdigen opnieuw in zorg"),
        ("twente_ambulant", "met 10% afgenomen t.o.v. 2024"),
        ("twente_ambulant", "Kosten zijn in 2028 met 10% afgenomen"),
        ("twente_ambulant", "screening binnen 4 weken"),
        ("twente_ambulant", "binnen 6 weken"),
        ("twente_ambulant", "binnen 14 weken"),
        ("twente_ambulant", "binnen 2 weken"),
        ("twente_ambulant", "zonder wachtlijsten"),
    ],
)
def test_every_target_of_the_seed_table_is_in_the_tree(boom: str, fragment: str) -> None:
    assert fragment in _teksten(boom)


def test_target_types_follow_the_seed() -> None:
    soorten = {
        (d.id, i.id, t.soort) for d in _boom("twente_verblijf").doelen for i in d.indicatoren for t in i.streefwaarden
    }
    assert ("D1", "i1", "verandering") in soorten and ("D1", "i2", "groeipad") in soorten
    assert ("D3", "i1", "jaarlijks") in soorten and ("D3", "i2", "richting") in soorten
    assert ("D2", "i1", "aandeel") in soorten and ("D2", "i2", "niveau") in soorten
    h10 = {
        i.indicator: t for d in _boom("h10_resultaatgebieden").doelen for i in d.indicatoren for t in i.streefwaarden
    }
    assert h10["h10.24"].maximaal == 0 and h10["h10.25"].maximaal == 28  # no waiting list; at most 4 weeks
    assert h10["h10.31"].richting == "dalend" and h10["h10.28"].richting == "stijgend"
    assert h10["h10.37"].maximaal_maat == "budget"


def test_every_indicator_of_every_tree_is_computable() -> None:
    known = set(shipped_families())
    for b in laad_doelbomen():
        for d in b.doelen:
            for i in d.indicatoren:
                assert i.indicator in known
                assert all(t.indicator in known for t in i.streefwaarden if t.indicator)


BOOM = """\
boom: eigen
titel: Eigen boom
bron: test
opgave: Minder wachten
doelen:
  - id: D1
    titel: Sneller hulp
    indicatoren:
      - id: i1
        titel: Wachtlijst
        indicator: kern.wachtlijst
        streefwaarden:
          - soort: verandering
            tekst: de helft minder
            basisjaar: 2024
            verandering: -50
"""


def test_a_missing_field_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "eigen.yaml"
    path.write_text(BOOM, encoding="utf-8")
    with pytest.raises(DoelenError) as exc:
        laad_bestand(path)
    # line 13 is the target's first line ('- soort: verandering'), which lacks doeljaar
    assert "eigen.yaml, regel 13" in str(exc.value) and "doeljaar" in str(exc.value)


def test_an_unknown_indicator_and_type_are_rejected_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "eigen.yaml"
    path.write_text(BOOM.replace("kern.wachtlijst", "kern.wachtlijsten").replace("            verandering: -50\n",
                    "            verandering: -50\n            doeljaar: 2027\n"), encoding="utf-8")  # fmt: skip
    with pytest.raises(DoelenError, match=r"eigen.yaml, regel 11: onbekende of niet berekenbare indicator"):
        laad_bestand(path)
    path.write_text(BOOM.replace("soort: verandering", "soort: halvering"), encoding="utf-8")
    with pytest.raises(DoelenError, match=r"eigen.yaml, regel 13: .*soort: moet een van"):  # the line of soort
        laad_bestand(path)


def test_a_region_adds_a_tree_and_replaces_a_shipped_one(tmp_path: Path) -> None:
    folder = tmp_path / "doelen"
    folder.mkdir()
    fixed = BOOM.replace("            verandering: -50\n", "            verandering: -50\n            doeljaar: 2027\n")
    (folder / "eigen.yaml").write_text(fixed, encoding="utf-8")
    (folder / "verblijf.yaml").write_text(
        fixed.replace("boom: eigen", "boom: twente_verblijf").replace("Eigen boom", "Verblijf van de regio"),
        encoding="utf-8",
    )
    bomen = {b.boom: b for b in laad_doelbomen([folder])}
    assert set(bomen) == {"twente_verblijf", "twente_ambulant", "h10_resultaatgebieden", "eigen"}
    assert bomen["twente_verblijf"].titel == "Verblijf van de regio"
    assert bomen["eigen"].doelen[0].indicatoren[0].streefwaarden[0].doeljaar == 2027
