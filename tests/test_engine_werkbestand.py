"""A large store keeps the run's shared tables (spells, cost rows, results) in a scratch database file instead
of in memory: the results must be the same, and the file must be gone after the run. Either way the run leaves
the connection as it found it: no scratch database attached, its search path back."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from jeugdmonitor.engine import werkruimte
from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.runner import compute
from tests.engine_hulp import load_store
from tests.test_engine_gebruik_stromen import fixture_tables

INDICATORS = ["kern.gebruik", "kern.stromen", "hengelo.I13", "h10.01", "kern.bereik", "uitkomst.terugkeer_6m"]


def test_scratch_database_gives_the_same_results(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    con = load_store(tmp_path_factory, "werkbestand", fixture_tables())
    periods = [parse("2024"), parse("2024-T1"), parse("2024-T2")]
    store = con.execute("SELECT current_database()").fetchone()[0]
    in_memory = compute(con, INDICATORS, periods, per=["productgroep"])
    monkeypatch.setattr(werkruimte, "GROOT", 0)  # every store counts as large
    before = set(Path(tempfile.gettempdir()).glob("jeugdmonitor-werk-*"))
    made: list[str] = []
    mkdtemp = tempfile.mkdtemp
    monkeypatch.setattr(werkruimte.tempfile, "mkdtemp", lambda **kw: made.append(mkdtemp(**kw)) or made[-1])
    in_file = compute(con, INDICATORS, periods, per=["productgroep"])
    assert len(made) == 1  # the scratch database was used
    assert in_file == in_memory
    assert len(in_memory) > 50
    assert set(Path(tempfile.gettempdir()).glob("jeugdmonitor-werk-*")) == before  # removed after the run
    assert con.execute("SELECT current_database(), current_setting('search_path')").fetchone() == (store, "")
    assert con.execute("SELECT count(*) FROM duckdb_databases() WHERE database_name LIKE 'werk_%'").fetchone() == (0,)
