"""Suppression of small numbers (indicatoren.md §7): primary, secondary, audiences.

Every expected value below was worked out by hand from the rules in the module docstring of
``jeugdmonitor.engine.onderdrukking`` (k = 5 unless said otherwise).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jeugdmonitor.catalog.doelgroepen import DoelgroepError, doelgroep, load_doelgroepen, shipped_doelgroepen
from jeugdmonitor.engine.onderdrukking import TEKST_AANVULLEND, suppress
from jeugdmonitor.engine.records import REGIO, Eenheid, Record

GM_A, GM_B, GM_C = "GM0164", "GM0153", "GM0158"


def cel(
    waarde: float | None,
    gemeente: str = GM_A,
    indicator: str = "h10.01",
    eenheid: Eenheid = "aantal",
    teller: float | None = None,
    noemer: float | None = None,
    **dimensies: str,
) -> Record:
    return Record(
        indicator=indicator,
        periode="2024-T1",
        gemeente=gemeente,
        eenheid=eenheid,
        status="ok",
        waarde=waarde,
        teller=teller,
        noemer=noemer,
        dimensies=dimensies,
    )


def shown(records: list[Record]) -> list[float | None]:
    """The values as the audience sees them: None where suppressed."""
    return [r.waarde if r.status != "onderdrukt" else None for r in records]


# ------------------------------------------------------------------------------------------------ primary


def test_counts_from_one_to_four_are_suppressed_zero_and_five_are_shown() -> None:
    records = [cel(4, indicator="h10.01"), cel(5, indicator="h10.02"), cel(0, indicator="h10.03")]
    out = suppress(records, "raad")
    assert shown(out) == [None, 5, 0]
    assert out[0].status == "onderdrukt"
    assert out[0].toelichting == "minder dan 5; onderdrukt ter bescherming van de privacy"
    assert out[1:] == records[1:]


def test_suppressed_record_carries_no_number() -> None:
    [out] = suppress([cel(3, teller=3, noemer=3).with_(toelichting="3 trajecten samengevoegd")], "college")
    assert (out.waarde, out.teller, out.noemer) == (None, None, None)
    assert "3 trajecten" not in out.toelichting


def test_mean_over_three_persons_is_suppressed_over_five_shown() -> None:
    over_three = cel(120, indicator="h10.20", eenheid="dagen", teller=360, noemer=3)
    over_five = cel(100, indicator="h10.21", eenheid="dagen", teller=500, noemer=5)
    out = suppress([over_three, over_five], "raad")
    assert shown(out) == [None, 100]
    assert out[0].toelichting == "gebaseerd op minder dan 5 jongeren; onderdrukt ter bescherming van de privacy"


def test_percentage_of_two_in_a_thousand_is_suppressed() -> None:
    two = cel(0.2, indicator="h10.30", eenheid="procent", teller=2, noemer=1000)
    many = cel(25.0, indicator="h10.31", eenheid="procent", teller=250, noemer=1000)
    none = cel(0.0, indicator="h10.32", eenheid="procent", teller=0, noemer=1000)
    out = suppress([two, many, none], "publiek")
    assert shown(out) == [None, 25.0, 0.0]
    assert out[0].toelichting == "telt minder dan 5 jongeren; onderdrukt ter bescherming van de privacy"


def test_niet_beschikbaar_is_left_alone() -> None:
    missing = Record("h10.01", "2024-T1", GM_A, "aantal", "niet_beschikbaar", toelichting="geen levering")
    assert suppress([missing], "raad") == [missing]


def test_order_is_kept_and_the_input_is_not_changed() -> None:
    records = [cel(9, indicator="h10.09"), cel(2, indicator="h10.02"), cel(7, indicator="h10.07")]
    before = list(records)
    out = suppress(records, "raad")
    assert [r.indicator for r in out] == ["h10.09", "h10.02", "h10.07"]
    assert records == before


def test_k_can_be_overridden() -> None:
    out = suppress([cel(7, indicator="h10.01"), cel(10, indicator="h10.02")], "raad", k=10)
    assert shown(out) == [None, 10]
    assert out[0].toelichting.startswith("minder dan 10")


# ---------------------------------------------------------------------------------------------- secondary


def test_category_table_the_smallest_other_category_goes_too() -> None:
    # 12, 3, 40, 7 with total 62: 3 is small; 62 - 12 - 40 - 7 = 3 would give it away, so 7 goes as well.
    records = [
        cel(62),
        cel(12, productgroep="Jeugd-GGZ"),
        cel(3, productgroep="Jeugd-LVB"),
        cel(40, productgroep="Jeugd-en-opvoedhulp"),
        cel(7, productgroep="Verblijf"),
    ]
    out = suppress(records, "raad")
    assert shown(out) == [62, 12, None, 40, None]
    assert out[2].toelichting.startswith("minder dan 5")
    assert (
        out[4].toelichting == TEKST_AANVULLEND == "aanvullend onderdrukt zodat de andere cel niet is terug te rekenen"
    )


def test_zero_is_never_used_to_hide_a_cell() -> None:
    # 0, 3, 9 with total 12: the zero is the smallest published category but hides nothing; 9 goes.
    records = [cel(12), cel(0, leeftijd="0-3"), cel(3, leeftijd="4-11"), cel(9, leeftijd="12-17")]
    assert shown(suppress(records, "raad")) == [12, 0, None, None]


def test_two_small_cells_that_can_only_be_one_way_take_the_total() -> None:
    # 4 and 4 with total 8: two cells between 1 and 4 summing to 8 are both 4. No other category is
    # left, so the total goes. 3 and 4 with total 7 could be 3+4 or 4+3: the total stays.
    pinned = [cel(8), cel(4, geslacht="m"), cel(4, geslacht="v")]
    out = suppress(pinned, "raad")
    assert shown(out) == [None, None, None]
    assert out[0].toelichting == TEKST_AANVULLEND
    loose = [cel(7), cel(3, geslacht="m"), cel(4, geslacht="v")]
    assert shown(suppress(loose, "raad")) == [7, None, None]


def test_one_and_five_are_as_exposed_as_one_cell() -> None:
    # 1, 5, 40 with total 46: 1 is small, 5 goes additionally. The reader knows the additional cell is
    # at least 5 and the small one at least 1, and 46 - 40 = 6 = 1 + 5 pins both; so 40 goes as well.
    records = [cel(46), cel(1, wijk="Noord"), cel(5, wijk="Zuid"), cel(40, wijk="West")]
    assert shown(suppress(records, "raad")) == [46, None, None, None]


def test_across_gemeenten_with_the_regio_total() -> None:
    # A 3, B 20, C 9, regio 32: 32 - 20 - 9 = 3 gives A away, so C (the smallest other) goes.
    records = [cel(3, GM_A), cel(20, GM_B), cel(9, GM_C), cel(32, REGIO)]
    assert shown(suppress(records, "college")) == [None, 20, None, 32]


def test_a_lone_gemeente_under_the_regio_takes_the_regio_total() -> None:
    # One gemeente with 3 and a regio of... 3 would be primary itself; with a distinct count of 7 for the
    # region (other gemeenten not in this output) the region total still goes: nothing else can hide A.
    records = [cel(3, GM_A), cel(7, REGIO)]
    assert shown(suppress(records, "raad")) == [None, None]


def test_chain_secondary_in_one_table_forces_another() -> None:
    # GM_A: GGZ 3, JOH 20, total 23.  GM_B: GGZ 8, JOH 30, total 38.  Regio: GGZ 11, JOH 50, total 61.
    # A/GGZ 3 is small. In A's table 23 - 20 = 3, so A/JOH 20 goes. In the GGZ column 11 - 8 = 3, so
    # B/GGZ 8 goes. A/JOH 20 is now hidden alone in the JOH column (50 - 30 = 20), so B/JOH 30 goes.
    # B's table hides 8 + 30 = 38 in two cells of at least 5: safe. All totals stay.
    records = [
        cel(23, GM_A),
        cel(3, GM_A, productgroep="GGZ"),
        cel(20, GM_A, productgroep="JOH"),
        cel(38, GM_B),
        cel(8, GM_B, productgroep="GGZ"),
        cel(30, GM_B, productgroep="JOH"),
        cel(61, REGIO),
        cel(11, REGIO, productgroep="GGZ"),
        cel(50, REGIO, productgroep="JOH"),
    ]
    out = suppress(records, "raad")
    assert shown(out) == [23, None, None, 38, None, None, 61, 11, 50]
    assert [r.toelichting.startswith("aanvullend") for r in out] == [False, False, True] + [False, True, True] + [
        False
    ] * 3


def test_two_dimensions_protect_each_row_against_its_margin() -> None:
    # GGZ: m 3, v 10, margin 13; JOH: m 20, v 25, margin 45; grand total 58. GGZ/m is small; the GGZ row
    # (13 - 10 = 3) takes GGZ/v 10. The m column has no margin record here, the grand total is then
    # 58 - 20 - 25 = 13 = 3 + 10 hidden in two cells (1..4 and at least 5): 3+10, 4+9, ... safe.
    records = [
        cel(58),
        cel(13, productgroep="GGZ"),
        cel(45, productgroep="JOH"),
        cel(3, productgroep="GGZ", geslacht="m"),
        cel(10, productgroep="GGZ", geslacht="v"),
        cel(20, productgroep="JOH", geslacht="m"),
        cel(25, productgroep="JOH", geslacht="v"),
    ]
    assert shown(suppress(records, "raad")) == [58, 13, 45, None, None, 20, 25]


def test_tables_are_per_indicator_periode_and_maat() -> None:
    # Same numbers, other maat: the 7 of maat "uitstroom" does not hide the 3 of maat "instroom".
    instroom = [r.with_(maat="instroom") for r in (cel(15), cel(3, wijk="Noord"), cel(12, wijk="Zuid"))]
    uitstroom = [r.with_(maat="uitstroom") for r in (cel(17), cel(7, wijk="Noord"), cel(10, wijk="Zuid"))]
    assert shown(suppress(instroom + uitstroom, "raad")) == [15, None, None, 17, 7, 10]


# ------------------------------------------------------------------------------------------------ audiences


@pytest.mark.parametrize("naam", ["management", "leidinggevenden", "uitvoerenden"])
def test_internal_audiences_see_everything(naam: str) -> None:
    records = [cel(62), cel(3, productgroep="GGZ"), cel(59, productgroep="JOH"), cel(2, GM_B), cel(1, REGIO)]
    assert suppress(records, naam) == records


def test_audience_object_is_accepted() -> None:
    assert shown(suppress([cel(2)], doelgroep("raad"))) == [None]
    assert shown(suppress([cel(2)], doelgroep("management"))) == [2]


def test_unknown_audience_is_named() -> None:
    with pytest.raises(DoelgroepError, match=r"onbekende doelgroep 'wethouder'.*raad"):
        suppress([cel(2)], "wethouder")


def test_audience_file_has_the_audiences_of_the_report_templates() -> None:
    audiences = shipped_doelgroepen()
    # interface.md: jeugdmonitor report --doelgroep raad|college|management|leidinggevenden|uitvoerenden
    for naam in ["raad", "college", "management", "leidinggevenden", "uitvoerenden", "publiek"]:
        assert audiences[naam].label
    assert {n for n, d in audiences.items() if d.onderdrukken} == {"raad", "college", "publiek"}
    assert {n for n, d in audiences.items() if d.openbaar} == {"raad", "college", "publiek"}
    assert audiences["raad"].niveau == audiences["college"].niveau == "strategisch"
    assert audiences["management"].niveau == audiences["leidinggevenden"].niveau == "tactisch"
    assert audiences["uitvoerenden"].niveau == "operationeel"
    assert audiences["uitvoerenden"].clientniveau and not audiences["uitvoerenden"].openbaar
    assert all(d.k == 5 for d in audiences.values())


def test_malformed_audience_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "doelgroepen.yaml"
    path.write_text("doelgroepen:\n  raad:\n    label: Raad\n    niveau: hoog\n    onderdrukken: true\n")
    with pytest.raises(DoelgroepError) as info:
        load_doelgroepen(path)
    message = str(info.value)
    assert "doelgroepen.yaml, regel 4: doelgroepen.raad.niveau: moet een van" in message
    assert "doelgroepen.raad.openbaar: ontbreekt" in message


def test_public_audience_must_suppress(tmp_path: Path) -> None:
    path = tmp_path / "eigen.yaml"
    path.write_text(
        "doelgroepen:\n  pers:\n    label: Pers\n    niveau: strategisch\n    onderdrukken: false\n    openbaar: true\n"
    )
    with pytest.raises(DoelgroepError, match=r"eigen\.yaml, regel 2: doelgroepen\.pers: .*onderdrukken: true"):
        load_doelgroepen(path)


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "doelgroepen.yaml"
    path.write_text("doelgroepen: [\n")
    with pytest.raises(DoelgroepError, match=r"doelgroepen\.yaml, regel \d+: geen geldige YAML"):
        load_doelgroepen(path)


# ------------------------------------------------------------------------------------------------ property


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda n_gemeenten: st.lists(
            st.lists(st.integers(min_value=0, max_value=25), min_size=n_gemeenten, max_size=n_gemeenten),
            min_size=1,
            max_size=5,
        )
    )
)
def test_no_published_total_gives_away_a_single_suppressed_cell(grid: list[list[int]]) -> None:
    """A grid of categories × gemeenten with additive totals per gemeente, per category (regio) and overall."""
    gemeenten = [f"GM{9000 + g}" for g in range(len(grid[0]))]
    records: list[Record] = []
    cells: dict[tuple[str, str | None], int] = {}  # (gemeente, category or None for the total) -> index
    for g, gemeente in enumerate([*gemeenten, REGIO]):
        column = [row[g] for row in grid] if gemeente != REGIO else [sum(row) for row in grid]
        cells[(gemeente, None)] = len(records)
        records.append(cel(sum(column), gemeente))
        for c, value in enumerate(column):
            cells[(gemeente, f"c{c}")] = len(records)
            records.append(cel(value, gemeente, categorie=f"c{c}"))
    out = suppress(records, "raad")

    categories = [None, *(f"c{c}" for c in range(len(grid)))]
    tables = [((g, None), [(g, c) for c in categories[1:]]) for g in [*gemeenten, REGIO]]
    tables += [((REGIO, c), [(g, c) for g in gemeenten]) for c in categories]
    for total, parts in tables:
        if out[cells[total]].status == "onderdrukt":
            continue
        hidden = [p for p in parts if out[cells[p]].status == "onderdrukt" and records[cells[p]].waarde]
        assert len(hidden) != 1, (total, hidden, shown(out))
    for before, after in zip(records, out, strict=True):
        assert after.status == "onderdrukt" or not (0 < (before.waarde or 0) < 5)
