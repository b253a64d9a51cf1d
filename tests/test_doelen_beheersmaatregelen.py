"""The register of control measures: from the delivery, or from a CSV or YAML data file (errors with file, row
and column), linked to goals by the goal tree's names or by the file's own ``doelen`` column."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from jeugdmonitor.store.beheersmaatregelen import (
    Beheersmaatregel,
    MaatregelError,
    lees_beheersmaatregelen,
    uit_bestand,
)


def test_csv_file_with_semicolons_and_goal_links(tmp_path: Path) -> None:
    path = tmp_path / "maatregelen.csv"
    path.write_text(
        "thema;maatregel;voortgang;planning;status;doelen\n"
        "Extra preventie;POH jeugd-GGZ;Voorstel gereed;1 januari 2026;Gepland;twente_ambulant.D3\n"
        "Verblijf;Gezinshuizen;Twee geopend;2026;doorlopend;twente_verblijf.D1;twente_verblijf.D3\n",
        encoding="utf-8",
    )
    with pytest.raises(MaatregelError, match="rij 3: meer waarden dan kolommen"):
        uit_bestand(path)  # the second goal adds a seventh field: ';' separates columns
    path.write_text(
        "thema;maatregel;voortgang;planning;status;doelen\n"
        "Extra preventie;POH jeugd-GGZ;Voorstel gereed;1 januari 2026;Gepland;twente_ambulant.D3\n",
        encoding="utf-8",
    )
    [m] = uit_bestand(path)
    assert (m.maatregel, m.status, m.doelen, m.bron) == ("POH jeugd-GGZ", "gepland", ("twente_ambulant.D3",), "bestand")
    assert m.hoort_bij("twente_ambulant", "D3", ())
    assert not m.hoort_bij("twente_ambulant", "D2", ())


def test_yaml_file_and_its_errors(tmp_path: Path) -> None:
    path = tmp_path / "maatregelen.yaml"
    path.write_text(
        "beheersmaatregelen:\n"
        "  - maatregel: Gezinshuizen\n"
        "    status: doorlopend\n"
        "    doelen: [twente_verblijf.D1, twente_verblijf.D3]\n"
        "  - thema: Zonder naam\n"
        "    status: klaar\n",
        encoding="utf-8",
    )
    with pytest.raises(MaatregelError, match=r"maatregelen.yaml, regel 5, kolom maatregel: ontbreekt"):
        uit_bestand(path)
    path.write_text(path.read_text(encoding="utf-8") + "    maatregel: Iets\n", encoding="utf-8")
    with pytest.raises(MaatregelError, match=r"regel 5, kolom status: 'klaar' is geen status"):
        uit_bestand(path)
    path.write_text(path.read_text(encoding="utf-8").replace("klaar", "afgerond"), encoding="utf-8")
    first, second = uit_bestand(path)
    assert first.doelen == ("twente_verblijf.D1", "twente_verblijf.D3") and second.status == "afgerond"


def test_a_goal_names_a_measure_by_maatregel_or_thema() -> None:
    m = Beheersmaatregel(maatregel="Scherper indiceren", thema="Normaliseren en demedicaliseren")
    assert m.hoort_bij("twente_ambulant", "D3", ("scherper indiceren",))  # case does not matter
    assert m.hoort_bij("twente_ambulant", "D3", ("Normaliseren en demedicaliseren",))
    assert not m.hoort_bij("twente_ambulant", "D3", ("Extra preventie",))


def test_from_the_store_and_without_a_register() -> None:
    con = duckdb.connect()
    assert lees_beheersmaatregelen(con) == []  # no table: an empty register, no error
    con.execute("CREATE TABLE beheersmaatregelen (thema VARCHAR, maatregel VARCHAR, voortgang VARCHAR, "
                "planning VARCHAR, status VARCHAR)")  # fmt: skip
    con.execute(
        "INSERT INTO beheersmaatregelen VALUES ('Preventie', 'Steunouders', 'Uitgesteld', '2026', 'uitgesteld')"
    )
    [m] = lees_beheersmaatregelen(con)
    assert (m.thema, m.maatregel, m.status, m.bron) == ("Preventie", "Steunouders", "uitgesteld", "levering")
