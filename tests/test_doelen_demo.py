"""On the demo (Hengelo, generated and loaded once for this module): the two Twente trees evaluate for every
year from 2024 with no target left unjudged without a stated reason; the numbers behind a path target follow
its definition; ``jeugdmonitor doelen``; and the goal-tree section with annotations in the council's report
(HTML and PDF)."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import pytest
from pypdf import PdfReader

from jeugdmonitor.catalog.doelen import laad_doelbomen
from jeugdmonitor.catalog.rapporten import load_sjabloon
from jeugdmonitor.demo import generate_delivery
from jeugdmonitor.engine.doelen import BoomUitkomst, evalueer
from jeugdmonitor.engine.perioden import Periode
from jeugdmonitor.engine.runner import compute
from jeugdmonitor.engine.streefwaarden import GEEN_GEGEVENS, STATUSSEN
from jeugdmonitor.outputs.rapport.bouw import bouw_rapport
from jeugdmonitor.outputs.rapport.html import render_html
from jeugdmonitor.outputs.rapport.pdf import schrijf_pdf
from jeugdmonitor.outputs.rapport.werklijsten import LIJSTEN
from jeugdmonitor.store.duiding import voeg_duiding_toe
from jeugdmonitor.store.loader import load_delivery
from tests.conftest import CLI

TWENTE = [b for b in laad_doelbomen() if b.boom.startswith("twente_")]
DUIDING = "Twee nieuwe gezinshuizen vingen jeugdigen op die anders in een groep waren geplaatst."


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("doelen_demo")
    generate_delivery(root / "levering", gemeenten=None, van=date(2021, 1, 1), tot=None, seed=2025, schaal="gemeente")
    path = root / "store.duckdb"
    load_delivery(root / "levering", path)
    con = duckdb.connect(str(path))
    voeg_duiding_toe(con, "twente.verblijf.D1.i1", "2025", DUIDING, "Zorgaanbieder Twente", "GM0164", "aanbieder")
    con.close()
    return path


@pytest.fixture(scope="module")
def con(store: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(store), read_only=True)


def _geen_gegevens(bomen: list[BoomUitkomst]) -> dict[tuple[str, str, str, str | None], str]:
    return {
        (b.boom, d.id, i.id, t.maat): t.uitleg
        for b in bomen
        for d in b.doelen
        for i in d.indicatoren
        for t in i.toetsingen
        if t.status == GEEN_GEGEVENS
    }


@pytest.mark.parametrize("periode", ["2024", "2025"])
def test_both_twente_trees_are_judged_with_a_reason_for_every_gap(con: duckdb.DuckDBPyConnection, periode: str) -> None:
    bomen = evalueer(con, periode, "GM0164", bomen=TWENTE)
    assert [b.boom for b in bomen] == ["twente_verblijf", "twente_ambulant"]
    toetsingen = [t for b in bomen for t in b.toetsingen]
    assert len(toetsingen) == 20  # 10 targets in each tree (seed 002)
    assert all(t.status in STATUSSEN and t.uitleg for t in toetsingen)
    gaps = _geen_gegevens(bomen)
    expected = {  # the only targets the demo cannot judge, each for a stated reason
        ("twente_verblijf", "D2", "i2", "wachttijd_screening"): "niets te meten",  # the demo has no screenings
        ("twente_ambulant", "D4", "i2", None): "Niet te toetsen",  # screening is not separable within ambulant
    }
    if periode == "2024":
        expected[("twente_verblijf", "D1", "i2", None)] = "loopt vanaf het basisjaar 2025"
    assert set(gaps) == set(expected)
    for key, reason in expected.items():
        assert reason in gaps[key], (key, gaps[key])


def test_a_path_target_follows_its_definition(con: duckdb.DuckDBPyConnection) -> None:
    """Verblijf D1.i1: −30% in 2027 against 2024, so −10% in 2025. The demo's peildatum is 31 October 2025, so
    2025 so far is held against 1 January – 31 October 2024."""
    [verblijf] = evalueer(con, "2025", "GM0164", bomen=TWENTE[:1])
    t = verblijf.doelen[0].indicatoren[0].toetsingen[0]
    assert t.periode == "2025 (1 januari t/m 31 oktober)" and t.voorlopig
    same_months = Periode("ref", "jaar", date(2024, 1, 1), date(2024, 10, 31))
    ref = {r.periode: r.waarde for r in compute(con, ["twente.verblijf.D1.i1"], [same_months])
           if r.gemeente == "GM0164" and not r.dimensies}  # fmt: skip
    assert t.basiswaarde == ref["ref"]
    assert t.verwacht == pytest.approx(t.basiswaarde * 0.9)  # 1 − 30% × (2025 − 2024) / (2027 − 2024)
    assert t.eindwaarde == pytest.approx(t.basiswaarde * 0.7)
    assert t.details is not None
    assert t.details["verandering"] == pytest.approx((t.waarde / t.basiswaarde - 1) * 100)


def test_cli_doelen_json_and_bad_input(store: Path, tmp_path: Path) -> None:
    done = subprocess.run([str(CLI), "doelen", "--store", str(store), "--periode", "2025", "--gemeente", "GM0164",
                           "--format", "json"], capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    bomen = json.loads(done.stdout)
    assert [b["boom"] for b in bomen] == ["twente_verblijf", "twente_ambulant", "h10_resultaatgebieden"]
    verblijf_d1 = bomen[0]["doelen"][0]
    assert [m["maatregel"] for m in verblijf_d1["beheersmaatregelen"]] == [
        "Intensieve ambulante hulp als alternatief voor verblijf"
    ]
    assert all(t["status"] in STATUSSEN for t in verblijf_d1["indicatoren"][0]["toetsingen"])
    unknown = subprocess.run([str(CLI), "doelen", "--store", str(store), "--periode", "2025", "--gemeente", "GM9999"],
                             capture_output=True, text=True, check=False)  # fmt: skip
    assert unknown.returncode == 1 and "GM9999 staat niet in de store" in unknown.stderr
    (tmp_path / "eigen.yaml").write_text("boom: eigen\ntitel: x\nbron: y\nopgave: z\ndoelen: []\n", encoding="utf-8")
    bad = subprocess.run([str(CLI), "doelen", "--store", str(store), "--periode", "2025", "--doelbomen",
                          str(tmp_path / "eigen.yaml")], capture_output=True, text=True, check=False)  # fmt: skip
    assert bad.returncode == 2 and "eigen.yaml, regel 5: doelen: mag niet leeg zijn" in bad.stderr


SJABLOON = """\
doelgroep: raad
titel: Doelen voor de raad
hoofdstukken:
  - titel: Doelen
    secties:
      - titel: Jeugdigen in verblijf
        weergave: [tabel]
        tabellen:
          - titel: Jeugdigen in verblijf
            indicator: twente.verblijf.D1.i1
      - titel: Doelenboom Verblijf
        doelboom: twente_verblijf
"""


def test_goal_tree_section_and_annotations_in_the_council_report(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    (folder / "raad.yaml").write_text(SJABLOON, encoding="utf-8")
    rapport = bouw_rapport(con, "raad", "2025-T2", "GM0164", [folder])
    tabel_sectie, boom = rapport.hoofdstukken[0].secties
    assert tabel_sectie.duidingen and DUIDING in tabel_sectie.duidingen[0]  # beside the numbers of D1.i1
    assert "Zorgaanbieder Twente (aanbieder)" in tabel_sectie.duidingen[0]
    assert boom.grafieken[0].svg.startswith("<svg") and "Opgave: Verminderen van verblijf" in boom.grafieken[0].svg
    targets = boom.tabellen[0]
    assert len(targets.rijen) == 12  # 10 targets and the two outflow indicators without one
    assert {row[4].tekst for row in targets.rijen} <= {*STATUSSEN, "–"}
    for row in targets.rijen:  # the council sees no count from 1 to 4
        for cel in row[2:4]:
            assert cel.onderdrukt or cel.waarde is None or cel.eenheid != "aantal" or cel.waarde == 0 or cel.waarde >= 5
    [maatregel] = boom.tabellen[1].rijen
    assert maatregel[1].tekst == "Intensieve ambulante hulp als alternatief voor verblijf"
    html = render_html(rapport)
    assert "Doelenboom Verblijf" in html and "Duiding (tellen en vertellen)" in html and DUIDING in html
    schrijf_pdf(rapport, tmp_path / "raad.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "raad.pdf").pages)
    assert "Doelenboom Verblijf" in text and "streefwaarden" in text and "Duiding" in text


def test_shipped_templates_show_the_trees_and_the_control_measures() -> None:
    for naam in ("raad", "college"):
        bomen = [s.doelboom for h in load_sjabloon(naam).sjabloon.hoofdstukken for s in h.secties if s.doelboom]
        assert bomen == ["twente_verblijf", "twente_ambulant"], naam
    for naam in ("college", "management"):
        lijsten = [s.lijst for h in load_sjabloon(naam).sjabloon.hoofdstukken for s in h.secties]
        assert "beheersmaatregelen" in lijsten, naam


def test_control_measures_list_names_their_goal(con: duckdb.DuckDBPyConnection) -> None:
    lijst = LIJSTEN["beheersmaatregelen"](con, "GM0164", date(2025, 10, 31), "7.1.1")
    assert lijst.tabel.kolommen[-1] == "Bij doel"
    rows = {row[1].tekst: row[-1].tekst for row in lijst.tabel.rijen}
    assert rows["Intensieve ambulante hulp als alternatief voor verblijf"] == "Verblijf D1"
    assert rows["Scherper indiceren"] == "Ambulant D3"
    assert "horen bij een doel uit de doelenbomen" in lijst.tekst
