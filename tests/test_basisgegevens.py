"""The 36 basisgegevens as data, and their agreement with the `bg` tags of the contract."""

from __future__ import annotations

import pytest

from jeugdmonitor.contract import load_contract
from jeugdmonitor.contract.basisgegevens import (
    CLIENT,
    GROEPEN,
    BasisgegevensError,
    Bron,
    load_basisgegevens,
    parse_basisgegevens,
    parse_bron,
)


def test_all_36_numbered_in_order_with_name_definition_and_group() -> None:
    bgs = load_basisgegevens()
    assert [b.nummer for b in bgs] == list(range(1, 37))
    for bg in bgs:
        assert bg.naam and bg.definitie and bg.groep in GROEPEN
        assert bool(bg.bronnen) != bool(bg.niet_in_contract)


def test_groups_follow_the_seed() -> None:
    groep = {b.nummer: b.groep for b in load_basisgegevens()}
    assert [groep[n] for n in (1, 5, 13, 16, 20, 21, 26, 36)] == [
        "jeugdige", "jeugdhulp", "PGB", "budget en uitgaven", "cliëntervaring", "JB-tafel", "JB/JR", "JB/JR",
    ]  # fmt: skip


def test_transfers_between_gis_are_not_in_the_contract() -> None:
    bgs = {b.nummer: b for b in load_basisgegevens()}
    assert [n for n, b in bgs.items() if b.niet_in_contract] == [31, 32]
    assert "GI" in bgs[31].niet_in_contract


def test_categories_from_the_seed() -> None:
    bgs = {b.nummer: b for b in load_basisgegevens()}
    assert bgs[7].categorieen == ("behandelen", "begeleiden", "diagnostiek", "stabiliseren crisissituatie")
    assert len(bgs[12].categorieen) == 5
    assert bgs[33].categorieen["preventief justitieel kader"] == ("einde activiteiten",)


def test_conditional_sources() -> None:
    bgs = {b.nummer: b for b in load_basisgegevens()}
    assert bgs[34].bronnen == (Bron("maatregelen", "begindatum", "kader", ("preventief",)),)
    assert bgs[28].bronnen == (Bron("maatregelen", "begindatum", "kader", ("JB", "JR")),)
    assert str(bgs[35].bronnen[0]) == "maatregelen.einddatum waar kader = preventief"


def test_every_bg_tag_of_the_contract_is_a_bron_and_vice_versa() -> None:
    contract = load_contract()
    tags = {(t.name, c.name, n) for t in contract.tables for c in t.columns for n in c.bg}
    bronnen = {
        (bron.tabel, bron.kolom, bg.nummer)
        for bg in load_basisgegevens()
        for bron in bg.bronnen
        if bron.kolom != CLIENT  # the client column is not a listed contract column, so it carries no tag
    }
    assert tags - bronnen == set(), "bg-tags in tabellen.yaml zonder bron in basisgegevens.yaml"
    assert bronnen - tags == set(), "bronnen in basisgegevens.yaml zonder bg-tag in tabellen.yaml"


def test_every_bron_names_a_real_table_and_column() -> None:
    contract = load_contract()
    for bg in load_basisgegevens():
        for bron in bg.bronnen:
            table = contract.table(bron.tabel)
            assert bron.kolom in table.column_names or (bron.kolom == CLIENT and table.client), bron
            if bron.waar_kolom:
                assert bron.waar_kolom in table.column_names, bron


def test_parse_bron() -> None:
    assert parse_bron("kosten.soort waar soort = pgb") == Bron("kosten", "soort", "soort", ("pgb",))
    with pytest.raises(ValueError, match="geen bron"):
        parse_bron("maatregelen begindatum")


def _file(extra: str) -> str:
    items = "\n".join(
        f"  - {{nummer: {n}, naam: x, definitie: y, groep: jeugdige, bron: [jeugdigen.geslacht]}}" for n in range(1, 36)
    )
    return f"basisgegevens:\n{items}\n{extra}"


def test_a_malformed_file_is_rejected_with_file_name_and_bg() -> None:
    text = _file("  - {nummer: 36, naam: x, definitie: y, groep: onbekend, bron: [jeugdigen.geslacht]}")
    with pytest.raises(BasisgegevensError, match=r"basisgegevens\.yaml is ongeldig:\n  BG36\.groep"):
        parse_basisgegevens(text)


def test_a_bron_outside_the_contract_is_rejected() -> None:
    text = _file("  - {nummer: 36, naam: x, definitie: y, groep: jeugdige, bron: [jeugdigen.lengte]}")
    with pytest.raises(BasisgegevensError, match=r"BG36: bron 'jeugdigen\.lengte': kolom 'lengte' staat niet in"):
        parse_basisgegevens(text)


def test_both_bron_and_reason_is_rejected() -> None:
    text = _file(
        "  - {nummer: 36, naam: x, definitie: y, groep: jeugdige, bron: [jeugdigen.geslacht], niet_in_contract: z}"
    )
    with pytest.raises(BasisgegevensError, match="precies één van"):
        parse_basisgegevens(text)
