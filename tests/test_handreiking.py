"""The handreiking is generated from the catalogue and the templates, so it must never be stale."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from jeugdmonitor.catalog.rapporten import LIJSTEN, Vergelijking, Weergave, shipped_sjablonen
from jeugdmonitor.outputs import handreiking_tekst as tekst
from jeugdmonitor.outputs.handreiking import ONBEKEND, genereer_handreiking

ROOT = Path(__file__).resolve().parents[1]


def test_docs_handreiking_is_up_to_date() -> None:
    committed = (ROOT / "docs/handreiking.md").read_text(encoding="utf-8")
    assert committed == genereer_handreiking(), (
        "docs/handreiking.md is verouderd; maak hem opnieuw met: .venv/bin/python tools/build_handreiking.py"
    )


def test_every_template_and_template_field_is_explained() -> None:
    text = genereer_handreiking()
    for naam in shipped_sjablonen():
        assert f"Sjabloon `{naam}.yaml`" in text, naam
    assert ONBEKEND not in text, "een veld van het sjabloon heeft nog geen uitleg in handreiking_tekst.VELDEN"


def test_tables_and_audiences_are_listed() -> None:
    text = genereer_handreiking()
    assert "| `jeugdhulp` |" in text and "| `jeugdigen` |" in text
    assert "Gemeenteraad" in text and "vertrouwelijk" in text
    assert "## 6. Een sjabloon aanpassen" in text


def test_every_view_comparison_and_work_list_has_a_dutch_text() -> None:
    assert set(get_args(Weergave)) <= set(tekst.WEERGAVEN)
    assert set(get_args(Vergelijking)) <= set(tekst.VERGELIJKINGEN)
    for lijst in LIJSTEN:
        assert lijst in tekst.LIJSTEN and lijst in tekst.LIJST_WAAROM and lijst in tekst.LIJST_TABELLEN, lijst


def test_work_lists_count_as_needing_their_tables() -> None:
    text = genereer_handreiking()
    row = next(line for line in text.splitlines() if line.startswith("| `jeugdhulp` |"))
    assert row.endswith("| raad, college, management, leidinggevenden, uitvoerenden |")
