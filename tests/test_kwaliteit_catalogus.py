"""The indicator catalogue (catalog/indicatoren/*.yaml): complete, consistent with the contract, validated."""

from __future__ import annotations

from pathlib import Path

import pytest

from jeugdmonitor.catalog.indicatoren import (
    CLIENT,
    CatalogError,
    Invoer,
    load_catalog,
    load_indicator_file,
    parse_vereiste,
    shipped_catalog,
)
from jeugdmonitor.contract import load_contract

HENGELO = [
    "I1", "I6", "I8", "I10", "I13", "K2", "K5", "K13", "R1", "R2", "R5", "R6", "R7", "R8", "W1", "W5", "M1", "M2",
]  # fmt: skip


def test_the_shipped_sets() -> None:
    catalogus = shipped_catalog()
    assert {s.set: len(s.indicatoren) for s in catalogus.sets} == {
        "h10": 39, "hengelo": 18, "kern": 15, "twente": 19, "uitkomst": 4,
    }  # fmt: skip


def test_every_indicator_has_id_title_definition_source_and_inputs() -> None:
    for ind in shipped_catalog().indicatoren:
        assert ind.id and ind.titel and ind.definitie and ind.bron, ind.id
        assert ind.benodigd, ind.id


def test_every_input_names_a_real_contract_table_or_column() -> None:
    contract = load_contract()
    for ind in shipped_catalog().indicatoren:
        for vereiste in (*ind.vereisten, *ind.aanvullende_vereisten):
            for invoer in vereiste.alternatieven:
                assert invoer.tabel in contract.table_names, (ind.id, invoer)
                table = contract.table(invoer.tabel)
                if invoer.kolom is not None:
                    ok = invoer.kolom in table.column_names or (invoer.kolom == CLIENT and table.client is not None)
                    assert ok, (ind.id, str(invoer))


def test_h10_numbered_and_grouped_as_in_the_seed() -> None:
    h10 = shipped_catalog().set("h10")
    assert [i.id for i in h10.indicatoren] == [f"h10.{n:02d}" for n in range(1, 40)]
    groups = {"A": range(1, 10), "B": range(10, 19), "C": range(19, 30), "D": range(30, 40)}
    for ind in h10.indicatoren:
        n = int(ind.id.split(".")[1])
        assert n in groups[ind.groep], ind.id
        assert ind.bron == f"seed 003, Bijlage 1, nr. {n}"
    assert h10.groepen == {"A": "Gebruik", "B": "Kwaliteit", "C": "Innovatie", "D": "Budget"}
    assert h10.groep_naam(h10.indicatoren[9]) == "Kwaliteit"


def test_h10_norms_and_clarifications() -> None:
    c = shipped_catalog()
    assert c.indicator("h10.19").norm == "afname"
    assert c.indicator("h10.28").norm == "toename"
    assert c.indicator("h10.24").norm == "geen cliënten op de wachtlijst"
    assert c.indicator("h10.37").norm == "geen overschrijding"
    assert "24 uur" in c.indicator("h10.25").norm
    assert c.indicator("h10.01").norm is None
    assert "noemer" in c.indicator("h10.13").definitie  # indicatoren.md: say that the denominator is the seed's
    assert c.indicator("h10.03").huidig_dashboard == "Ja - behalve PGB"


def test_h10_inputs_worked_out_from_the_definitions() -> None:
    c = shipped_catalog()
    assert c.indicator("h10.10").benodigd == ("clientervaring.gemiddelde_score",)
    assert "bevolking" in c.indicator("h10.03").benodigd
    assert "jeugdigen.geboortedatum" in c.indicator("h10.04").benodigd
    assert "jeugdhulp.aanmelddatum" in c.indicator("h10.24").benodigd
    assert "jeugdhulp.reden_beeindiging" in c.indicator("h10.13").benodigd
    assert "maatregelen.erkende_interventie" in c.indicator("h10.18").benodigd
    assert "kosten.traject_id | kosten.client" in c.indicator("h10.31").benodigd


def test_hengelo_and_uitkomst_identifiers() -> None:
    c = shipped_catalog()
    hengelo = c.set("hengelo").indicatoren
    assert [i.id for i in hengelo] == [f"hengelo.{code}" for code in HENGELO]
    assert {i.id: i.tabel for i in hengelo}["hengelo.I13"] == "1.4.1"
    assert c.indicator("hengelo.I13").maten == ("beginstand", "instroom", "uitstroom", "eindstand")
    assert [i.id for i in c.set("uitkomst").indicatoren] == [
        "uitkomst.uitval", "uitkomst.tevredenheid", "uitkomst.doelrealisatie", "uitkomst.terugkeer_6m",
    ]  # fmt: skip


def test_parse_vereiste() -> None:
    v = parse_vereiste("kosten.traject_id | kosten.client | bevolking")
    assert v.alternatieven == (Invoer("kosten", "traject_id"), Invoer("kosten", "client"), Invoer("bevolking"))
    assert str(v) == "kosten.traject_id | kosten.client | bevolking"
    with pytest.raises(ValueError, match="geen invoer"):
        parse_vereiste("kosten..bedrag")


GOOD = """\
set: regio
titel: Eigen set
bron: regio
indicatoren:
  - id: regio.a
    titel: A
    definitie: Iets
    waarom: Omdat het moet.
    eenheid: aantal
    richting: neutraal
    dimensies: [gemeente]
    bron: eigen
    benodigd: [jeugdhulp.begindatum]
"""


def test_a_regions_own_file_loads_like_the_shipped_ones(tmp_path: Path) -> None:
    path = tmp_path / "regio.yaml"
    path.write_text(GOOD, encoding="utf-8")
    catalogus = load_catalog([path])
    assert catalogus.indicator("regio.a").benodigd == ("jeugdhulp.begindatum",)
    assert len(catalogus.indicatoren) == 96


def test_a_malformed_file_names_file_line_and_indicator(tmp_path: Path) -> None:
    path = tmp_path / "regio.yaml"
    second = (
        "  - id: regio.b\n    titel: B\n    definitie: x\n    waarom: w\n    eenheid: aantal\n"
        "    richting: neutraal\n    dimensies: []\n    bron: y\n    benodigd:\n"
    )
    path.write_text(GOOD + second + "      - jeugdhulp.begindatum\n      - jeugdigen.lengte\n", encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_indicator_file(path)
    assert str(info.value) == (
        "regio.yaml, regel 24 (indicator regio.b): benodigd: "
        "kolom 'lengte' staat niet in tabel jeugdigen van het gegevenscontract"
    )


def test_missing_fields_and_unknown_keys_are_reported_in_dutch(tmp_path: Path) -> None:
    path = tmp_path / "regio.yaml"
    path.write_text(GOOD.replace("    definitie: Iets\n", "    kleur: blauw\n"), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_indicator_file(path)
    message = str(info.value)
    assert "regio.yaml, regel 5 (indicator regio.a): definitie: ontbreekt" in message
    assert "regio.yaml, regel 7 (indicator regio.a): kleur: onbekend veld" in message


def test_an_id_outside_its_set_and_a_yaml_error_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "regio.yaml"
    path.write_text(GOOD.replace("id: regio.a", "id: h10.a"), encoding="utf-8")
    with pytest.raises(CatalogError, match=r"regio\.yaml.*hoort niet bij set regio"):
        load_indicator_file(path)
    path.write_text(GOOD + "  - id: [\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"regio\.yaml, regel \d+: geen geldige YAML"):
        load_indicator_file(path)


def test_a_region_file_with_a_shipped_set_extends_it(tmp_path: Path) -> None:
    path = tmp_path / "h10.yaml"
    path.write_text(GOOD.replace("regio", "h10"), encoding="utf-8")
    catalogus = load_catalog([path])
    assert len(catalogus.set("h10").indicatoren) == 40
    assert catalogus.indicator("h10.a").benodigd == ("jeugdhulp.begindatum",)
