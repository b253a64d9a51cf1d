"""The indicator catalogue as data: every field for every indicator, the sets of indicatoren.md §5, region
overrides, errors with file and line, and the definitieoverzicht (outputs/definities.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from jeugdmonitor.catalog.indicatoren import DIMENSIES, CatalogError, load_catalog, shipped_catalog
from jeugdmonitor.outputs.definities import render_catalog

# written out by hand from shared/spec/indicatoren.md §5
EXPECTED = {
    "hengelo": [
        "I1", "I6", "I8", "I10", "I13", "K2", "K5", "K13", "R1", "R2", "R5", "R6", "R7", "R8", "W1", "W5", "M1", "M2",
    ],
    "h10": [f"{n:02d}" for n in range(1, 40)],
    "twente": [
        "verblijf.D1.i1", "verblijf.D1.i2", "verblijf.D2.i1", "verblijf.D2.i2", "verblijf.D2.i3", "verblijf.D2.i4",
        "verblijf.D3.i1", "verblijf.D3.i2", "verblijf.D4.i1", "verblijf.D4.i2",
        "ambulant.D1.i1", "ambulant.D2.i1", "ambulant.D2.i2", "ambulant.D3.i1", "ambulant.D3.i2", "ambulant.D4.i1",
        "ambulant.D4.i2", "ambulant.D4.i3", "ambulant.D5.i1",
    ],
    "uitkomst": ["uitval", "tevredenheid", "doelrealisatie", "terugkeer_6m"],
    "kern": [
        "gebruik", "stromen", "doorstroom", "kosten", "budget", "wachttijd", "wachtlijst", "duur", "pgb_aandeel",
        "bereik", "zorgzwaarte", "zwaarteband", "beschikkingen", "toegang", "maatregelen",
    ],
}  # fmt: skip
REQUIRED = ("id", "titel", "definitie", "waarom", "eenheid", "richting", "bron", "benodigd")


@pytest.mark.parametrize("ind", shipped_catalog().indicatoren, ids=lambda i: i.id)
def test_every_indicator_has_every_required_field(ind) -> None:
    missing = [f for f in REQUIRED if not getattr(ind, f)]
    assert not missing, f"{ind.id} mist {', '.join(missing)}"
    assert ind.dimensies is not None, ind.id
    assert len(ind.waarom) >= 60, f"{ind.id}: waarom is te kort"
    assert "indicatoren.md" not in ind.definitie + ind.waarom, f"{ind.id}: verwijst gebruikers naar de spec"


def test_identifiers_are_unique_and_set_code_shaped() -> None:
    ids = [i.id for i in shipped_catalog().indicatoren]
    assert len(ids) == len(set(ids))
    for indicator_id in ids:
        assert re.fullmatch(r"[a-z][a-z0-9_]*\.[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*", indicator_id), indicator_id


def test_every_set_of_the_spec_is_shipped_with_every_identifier() -> None:
    catalogus = shipped_catalog()
    for name, codes in EXPECTED.items():
        ids = [i.id for i in catalogus.set(name).indicatoren]
        assert ids[: len(codes)] == [f"{name}.{c}" for c in codes], name
    assert {s.set: len(s.indicatoren) for s in catalogus.sets} == {
        "h10": 39, "hengelo": 18, "kern": 15, "twente": 19, "uitkomst": 4,
    }  # fmt: skip


def test_dimensies_only_from_the_allowed_list() -> None:
    assert set(DIMENSIES) == {
        "gemeente", "wijk", "hulpvorm", "productgroep", "perceel", "segment", "financiering", "aanbieder",
        "verwijzer", "geslacht", "leeftijdsklasse",
    }  # fmt: skip
    for ind in shipped_catalog().indicatoren:
        assert set(ind.dimensies) <= set(DIMENSIES), ind.id


def test_measures_units_norms_and_conventions() -> None:
    c = shipped_catalog()
    assert c.indicator("hengelo.I13").maten == ("beginstand", "instroom", "uitstroom", "eindstand")
    assert c.indicator("hengelo.K13").maten == ("gerealiseerd", "verplichtingen", "begroot")
    assert c.indicator("hengelo.W1").maten == ("inwoners_0_17", "aanmeldingen", "in_zorg", "jb_jr", "veilig_thuis")
    assert c.indicator("kern.stromen").maten == ("beginstand", "instroom", "uitstroom", "eindstand")
    assert c.indicator("kern.budget").eenheid_van("aandeel") == "procent"
    assert c.indicator("kern.budget").eenheid_van("budget") == "euro"
    assert c.indicator("h10.25").eenheid == "dagen" and c.indicator("h10.25").richting == "lager_beter"
    assert c.indicator("h10.19").norm == "afname"
    assert "14 weken" in c.indicator("twente.ambulant.D4.i3").norm
    assert c.indicator("kern.zwaarteband").norm == "80% – 16% – 4%"
    assert c.conventies("hengelo.I13").samenvoeg_gat_dagen == 0
    assert c.conventies("twente.ambulant.D4.i2").wachttijd_vanaf == "toewijzingsdatum"
    assert c.conventies("kern.wachttijd").wachttijd_vanaf == "aanmelddatum"
    assert c.conventies("kern.zorgzwaarte").periode == "maand"  # the indicator's own override
    assert c.conventies("kern.gebruik").periode is None


def test_definitions_say_the_choices_made() -> None:
    c = shipped_catalog()
    assert "noemer is die van de notitie" in c.indicator("h10.13").definitie
    assert "182 dagen" in c.indicator("h10.14").definitie
    assert "uitkomst.terugkeer_6m" in c.indicator("h10.14").definitie
    assert "toewijzingsdatum" in c.indicator("twente.verblijf.D2.i2").definitie
    assert "zorgperiodes" in c.indicator("hengelo.I13").definitie


def test_hengelo_carries_the_seeds_own_waarom() -> None:
    c = shipped_catalog()
    assert c.indicator("hengelo.I13").waarom.startswith("De informatie geeft een totaalbeeld over het gebruik")
    assert c.indicator("hengelo.I1").waarom.startswith("Deze informatie is van belang om te kunnen sturen")
    assert "dichter bij de burger" in c.indicator("hengelo.W1").waarom


REGION_OVERRIDE = """\
set: h10
indicatoren:
  - id: h10.13
    titel: Uitval (regionale variant)
    definitie: Voortijdig beëindigde trajecten gedeeld door alle beëindigde trajecten.
    waarom: Wij vergelijken uitval liever met het landelijke cijfer, dus met het totaal als noemer.
    eenheid: procent
    richting: lager_beter
    dimensies: [gemeente]
    bron: regio
    benodigd: [jeugdhulp.reden_beeindiging]
  - id: h10.40
    titel: Extra regionale indicator
    definitie: Iets wat alleen onze regio meet.
    waarom: Omdat onze raad erom vroeg bij de begrotingsbehandeling van dit jaar.
    eenheid: aantal
    richting: neutraal
    dimensies: []
    bron: regio
    benodigd: [jeugdhulp.begindatum]
"""
REGION_NEW_SET = """\
set: regio
titel: Eigen set
bron: regio
conventies:
  samenvoeg_gat_dagen: 31
indicatoren:
  - id: regio.a
    titel: A
    definitie: Iets
    waarom: Omdat het moet, en omdat de raad dit elk kwartaal wil zien.
    eenheid: aantal
    richting: neutraal
    dimensies: [gemeente, wijk]
    bron: eigen
    benodigd: [jeugdhulp.begindatum]
"""


def test_a_region_folder_overrides_an_indicator_and_adds_one(tmp_path: Path) -> None:
    (tmp_path / "a_h10.yaml").write_text(REGION_OVERRIDE, encoding="utf-8")
    (tmp_path / "b_regio.yaml").write_text(REGION_NEW_SET, encoding="utf-8")
    catalogus = load_catalog([tmp_path])
    h10 = catalogus.set("h10")
    assert len(h10.indicatoren) == 40
    replaced = catalogus.indicator("h10.13")
    assert replaced.titel == "Uitval (regionale variant)"
    assert replaced.groep is None and replaced.norm is None  # whole-indicator replacement, nothing inherited
    assert [i.id for i in h10.indicatoren][12] == "h10.13"  # keeps its place
    assert h10.indicatoren[-1].id == "h10.40"
    assert h10.titel == "Regionale indicatoren Haaglanden (H10)"  # set fields kept when not given
    assert catalogus.herkomst["h10.13"] == "a_h10.yaml" and catalogus.herkomst["h10.12"] == "h10.yaml"
    assert catalogus.conventies("regio.a").samenvoeg_gat_dagen == 31
    assert shipped_catalog().indicator("h10.13").titel != replaced.titel  # the shipped catalogue is untouched


def test_a_region_file_can_be_passed_directly(tmp_path: Path) -> None:
    path = tmp_path / "regio.yaml"
    path.write_text(REGION_NEW_SET, encoding="utf-8")
    assert load_catalog([path]).indicator("regio.a").dimensies == ("gemeente", "wijk")


def test_a_new_set_needs_a_title(tmp_path: Path) -> None:
    path = tmp_path / "regio.yaml"
    path.write_text(REGION_NEW_SET.replace("titel: Eigen set\n", ""), encoding="utf-8")
    with pytest.raises(CatalogError, match=r"regio\.yaml: set regio is nieuw en heeft dan een titel en een bron nodig"):
        load_catalog([path])


def test_a_malformed_definition_fails_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "h10.yaml"
    bad = REGION_OVERRIDE.replace("    richting: neutraal\n", "    richting: omhoog\n").replace(
        "    dimensies: [gemeente]\n", "    dimensies: [gemeente, postcode]\n"
    )
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog([tmp_path])
    message = str(info.value)
    assert "h10.yaml, regel 9 (indicator h10.13): dimensies: 'postcode' is niet toegestaan; kies uit" in message
    assert "h10.yaml, regel 17 (indicator h10.40): richting: 'omhoog' is niet toegestaan" in message


def test_a_missing_waarom_names_the_line_of_the_indicator(tmp_path: Path) -> None:
    path = tmp_path / "regio.yaml"
    text = REGION_NEW_SET.replace("    waarom: Omdat het moet, en omdat de raad dit elk kwartaal wil zien.\n", "")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match=r"^regio\.yaml, regel 7 \(indicator regio\.a\): waarom: ontbreekt$"):
        load_catalog([path])


def test_render_markdown_for_one_set() -> None:
    text = render_catalog("hengelo", "md")
    assert text.startswith("# Definitieoverzicht indicatoren")
    assert shipped_catalog().indicator("hengelo.I13").waarom in text
    assert "### hengelo.I13 — Jeugdigen in zorg" in text
    assert "Rapportageperiode: tertaal" in text
    assert "h10.01" not in text


def test_render_json_for_one_set() -> None:
    items = json.loads(render_catalog("twente", "json"))
    assert [i["id"] for i in items] == [f"twente.{c}" for c in EXPECTED["twente"]]
    d2i2 = next(i for i in items if i["id"] == "twente.verblijf.D2.i2")
    assert d2i2["conventies"]["wachttijd_vanaf"] == "toewijzingsdatum"
    assert d2i2["richting_tekst"] == "lager is beter"
    assert {m["naam"]: m["eenheid"] for m in d2i2["maten"]}["wachtlijst"] == "aantal"


def test_render_html_is_self_contained_dutch_and_has_table_headers() -> None:
    html = render_catalog("h10", "html")
    assert '<html lang="nl">' in html and "<style>" in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<link" not in html and "<script" not in html and "@import" not in html
    assert '<th scope="row">Waarom willen we dit weten?</th>' in html
    assert "hoger is beter" in html and "lager is beter" in html
    assert "+ in overeenstemming" in html  # the h10.13 definition, escaped text intact


def test_render_rejects_an_unknown_set() -> None:
    with pytest.raises(Exception, match="onbekende indicatorset 'x'"):
        render_catalog("x", "md")
