"""The product catalogue: region over standard codes over category defaults, field by field."""

from __future__ import annotations

import csv
import importlib.util
import io

import duckdb
import pytest

from jeugdmonitor.catalog.producten import _data_file, refresh_classification, store_relations
from tests.conftest import SHARED


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("CREATE TABLE jeugdhulp (product VARCHAR, productcategorie VARCHAR)")
    con.execute(
        "INSERT INTO jeugdhulp VALUES ('43A24', '43'), ('45A48', '45'), ('REG01', NULL), ('X99', '54'), "
        "('ZZZ', NULL), ('54005', '54'), ('46A01', 'onbekend')"
    )
    con.execute("CREATE TABLE kosten (product VARCHAR)")
    con.execute("INSERT INTO kosten VALUES ('48A01'), ('43A24')")
    con.execute("""CREATE TABLE producten (product VARCHAR, omschrijving VARCHAR, productcategorie VARCHAR,
        hulpvorm VARCHAR, verblijf BOOLEAN, ambulant_alternatief BOOLEAN, segment VARCHAR, productgroep VARCHAR,
        perceel VARCHAR, wachttijdnorm_dagen BIGINT, zwaarteband VARCHAR)""")
    con.execute("""INSERT INTO producten VALUES
        ('REG01', 'Dyslexiezorg (EED)', '54', '02', false, false, 'cure', 'Dyslexie', 'Dyslexie', 42, NULL),
        ('45A48', NULL, NULL, NULL, NULL, true, NULL, 'Begeleiding', NULL, 14, '1')""")
    return con


def _row(con: duckdb.DuckDBPyConnection, product: str) -> dict[str, object]:
    cur = con.execute(
        "SELECT * FROM product_klasse WHERE product = ? AND productcategorie IS NOT DISTINCT FROM "
        "(SELECT any_value(productcategorie) FROM jeugdhulp WHERE product = ?)",
        [product, product],
    )
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    assert len(rows) == 1, product
    return dict(zip(names, rows[0], strict=True))


def test_standard_code_residential(con: duckdb.DuckDBPyConnection) -> None:
    refresh_classification(con, **store_relations(con))
    row = _row(con, "43A24")  # pleegzorg voltijd
    assert (row["hulpvorm"], row["verblijf"], row["segment"], row["productgroep"], row["bron"]) == (
        "11",
        True,
        "24uurs",
        "Pleegzorg",
        "standaard",
    )
    assert row["perceel"] == "Jeugdhulp met verblijf"
    assert row["wachttijdnorm_dagen"] == 42  # from the category default of 43


def test_region_overrides_field_by_field(con: duckdb.DuckDBPyConnection) -> None:
    refresh_classification(con, **store_relations(con))
    row = _row(con, "45A48")
    assert row["productgroep"] == "Begeleiding"  # the region's
    assert row["hulpvorm"] == "02"  # the standard code's, since the region left it empty
    assert row["ambulant_alternatief"] is True
    assert row["zwaarteband"] == "1"
    assert row["bron"] == "regio"
    own = _row(con, "REG01")
    assert (own["productgroep"], own["perceel"], own["segment"], own["wachttijdnorm_dagen"]) == (
        "Dyslexie",
        "Dyslexie",
        "cure",
        42,
    )


def test_category_fallback_and_unknown(con: duckdb.DuckDBPyConnection) -> None:
    unknown = refresh_classification(con, **store_relations(con))
    assert unknown == ["X99", "ZZZ"]
    x99 = _row(con, "X99")
    assert (x99["productgroep"], x99["segment"], x99["bron"]) == ("Jeugd GGZ", "cure", "categorie")
    zzz = _row(con, "ZZZ")
    assert (zzz["hulpvorm"], zzz["productgroep"], zzz["perceel"], zzz["verblijf"], zzz["bron"]) == (
        "onbekend",
        "onbekend",
        "onbekend",
        False,
        "onbekend",
    )


def test_unknown_category_falls_back_to_code_prefix(con: duckdb.DuckDBPyConnection) -> None:
    refresh_classification(con, **store_relations(con))
    row = _row(con, "46A01")  # category 'onbekend' on the trajectory: the code says 46, crisis
    assert (row["categorie_effectief"], row["productgroep"]) == ("46", "Crisis")


def test_ggz_with_overnight_stay_is_residential(con: duckdb.DuckDBPyConnection) -> None:
    refresh_classification(con, **store_relations(con))
    row = _row(con, "54005")
    assert (row["verblijf"], row["hulpvorm"], row["segment"]) == (True, "14", "24uurs")


def test_cost_only_products_are_classified(con: duckdb.DuckDBPyConnection) -> None:
    refresh_classification(con, **store_relations(con))
    rows = con.execute("SELECT hulpvorm, segment FROM product_klasse WHERE product = '48A01'").fetchall()
    assert rows == [("JB", "jb_jr")]


def test_without_optional_tables() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE jeugdhulp (product VARCHAR, productcategorie VARCHAR)")
    con.execute("INSERT INTO jeugdhulp VALUES ('45A48', '45')")
    assert refresh_classification(con, **store_relations(con)) == []
    assert con.execute("SELECT productgroep FROM product_klasse").fetchall() == [("Ambulante begeleiding",)]


@pytest.mark.skipif(not (SHARED / "ijw").exists(), reason="shared/ ontbreekt")
def test_shipped_standard_catalogue_is_up_to_date(tmp_path, monkeypatch) -> None:
    """The shipped CSV equals what tools/build_standaardproducten.py makes of the code list today."""
    spec = importlib.util.spec_from_file_location("build", SHARED.parent / "main/tools/build_standaardproducten.py")
    if spec is None or spec.loader is None:  # the checkout is not named main: locate the tool beside the tests
        spec = importlib.util.spec_from_file_location(
            "build", __import__("pathlib").Path(__file__).resolve().parents[1] / "tools/build_standaardproducten.py"
        )
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    out = tmp_path / "catalog"
    out.mkdir()
    (out / "productcategorieen.csv").write_text(_data_file("productcategorieen.csv").read_text(encoding="utf-8"))
    monkeypatch.setattr(tool, "CATALOG", out)
    tool.main()
    shipped = _data_file("standaardproducten.csv").read_text(encoding="utf-8")
    assert (out / "standaardproducten.csv").read_text(encoding="utf-8") == shipped
    assert len(list(csv.DictReader(io.StringIO(shipped)))) > 500
