"""The structural checks by shape (issue 5, throughput): a message whose markup was seen before is checked and
read with the plan of its shape, with exactly the result of the walk over its element tree; messages whose
texts could hold markup (entities, comments, CDATA, processing instructions, another encoding) keep the walk."""

from __future__ import annotations

import pytest

from jeugdmonitor.sources.ijw import vorm
from jeugdmonitor.sources.ijw.bericht import Bericht, parse_bytes
from jeugdmonitor.sources.ijw.structuur import Probleem, read_structure
from tests.conftest import BSN, BSN_INVALID
from tests.ijw_berichten import jw301, jw305, jw323

START = "<jw305:Begindatum>2024-01-15</jw305:Begindatum>"
PRODUCT = "Client/StartProducten/StartProduct"


@pytest.fixture(autouse=True)
def lege_tabellen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without known shapes (the tables are per process)."""
    monkeypatch.setattr(vorm, "_PLANS", {})
    monkeypatch.setattr(vorm, "_SEEN", set())
    monkeypatch.setattr(vorm, "_kept", 0)


def _bericht(xml: str | bytes) -> Bericht:
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    [bericht] = parse_bytes("b.xml", data)
    assert isinstance(bericht, Bericht)
    return bericht


def _start(begin: str = "2024-01-15", bsn: str = BSN[0], ident: str = "S1") -> str:
    return jw305(ident, "2024-01-20", bsn, [{"nummer": "300201", "begin": begin}])


def _read(xml: str | bytes) -> dict | Probleem:
    bericht = _bericht(xml)
    return vorm.read_structure_by_shape(bericht, bericht.data)


def test_tweede_bericht_van_dezelfde_vorm_leest_met_het_plan_hetzelfde() -> None:
    first, second = _start(ident="S1"), _start("2024-02-01", BSN[1], "S2")
    assert _read(first) == read_structure(_bericht(first))  # the first time: the walk
    assert vorm._PLANS == {}
    tree = _read(second)
    assert [plan is not None for plan in vorm._PLANS.values()] == [True]  # the second time: a plan
    assert isinstance(tree, dict)
    assert tree == read_structure(_bericht(second))
    assert list(tree) == ["Header", "Client"]
    client = tree["Client"]
    assert client["Bsn"] == BSN[1]
    # StartProduct repeats: a list, as the walk gives it
    assert [p["Begindatum"] for p in client["StartProducten"]["StartProduct"]] == ["2024-02-01"]
    assert tree["Header"]["BerichtIdentificatie"] == {"Identificatie": "S2", "Dagtekening": "2024-01-20"}


FOUTE_DATUM = (START, "<jw305:Begindatum>2024-02-30</jw305:Begindatum>")


@pytest.mark.parametrize(
    ("wijzigingen", "verwacht"),
    [
        ([FOUTE_DATUM], Probleem("Client/StartProducten/StartProduct/Begindatum", "datum 2024-02-30 bestaat niet")),
        ([(START, "<jw305:Begindatum> </jw305:Begindatum>")],
         Probleem("Client/StartProducten/StartProduct/Begindatum", "het element is leeg")),
        ([(START, "<jw305:Begindatum>15-01-2024</jw305:Begindatum>")],
         Probleem("Client/StartProducten/StartProduct/Begindatum", "is geen datum (JJJJ-MM-DD)")),
        ([(BSN[0], BSN_INVALID)], Probleem("Client/Bsn", "het BSN voldoet niet aan de elfproef")),
        # two problems: the first in document order counts (the BSN comes before the start date)
        ([FOUTE_DATUM, (BSN[0], BSN_INVALID)], Probleem("Client/Bsn", "het BSN voldoet niet aan de elfproef")),
    ],
)  # fmt: skip
def test_waardefout_in_een_bekende_vorm_geeft_de_reden_van_de_controle(
    wijzigingen: list[tuple[str, str]], verwacht: Probleem
) -> None:
    _read(_start(ident="S1"))
    _read(_start(ident="S2"))  # the shape has its plan now
    fout = _start(ident="S3")
    for wijziging in wijzigingen:
        fout = fout.replace(*wijziging)
    assert _read(fout) == verwacht
    assert [plan is not None for plan in vorm._PLANS.values()] == [True]  # read with the plan
    assert read_structure(_bericht(fout)) == verwacht


@pytest.mark.parametrize(
    ("wijziging", "verwacht"),
    [
        ((START, START * 2), Probleem(f"{PRODUCT}/Begindatum", "element komt meer dan één keer voor (hoogstens 1)")),
        ((START, ""), Probleem(f"{PRODUCT}/Begindatum", "verplicht element ontbreekt")),
        ((START, "<jw305:Begindatum/>"), Probleem(f"{PRODUCT}/Begindatum", "het element is leeg")),
        ((START, START + "<jw305:Vreemd>1</jw305:Vreemd>"),
         Probleem("Client/StartProducten/StartProduct/Vreemd",
                  "element Vreemd is hier niet toegestaan (onder Client/StartProducten/StartProduct)")),
    ],
)  # fmt: skip
def test_vorm_met_een_eigen_fout_krijgt_geen_plan(wijziging: tuple[str, str], verwacht: Probleem) -> None:
    for ident in ("S1", "S2", "S3"):
        assert _read(_start(ident=ident).replace(*wijziging)) == verwacht
    assert list(vorm._PLANS.values()) == [None]  # seen twice, no plan: the walk decides


@pytest.mark.parametrize(
    "wijziging",
    [
        ("<ijw:Code>45A48</ijw:Code>", "<ijw:Code>45A&#52;8</ijw:Code>"),  # a character reference
        ("<ijw:Code>45A48</ijw:Code>", "<ijw:Code>45<!-- x -->A48</ijw:Code>"),  # a comment inside a text
        ("<ijw:Code>45A48</ijw:Code>", "<ijw:Code><![CDATA[45A48]]></ijw:Code>"),
        ("<ijw:Code>45A48</ijw:Code>", "<ijw:Code>45A48<?pi x?></ijw:Code>"),  # a processing instruction
        ("<ijw:Code>45A48</ijw:Code>", "<ijw:Code>45A48 > 0</ijw:Code>"),  # a > outside a tag
        ("\n", "\r\n"),  # line ends the parser normalises
    ],
)
def test_teksten_die_opmaak_kunnen_bevatten_nemen_de_gewone_weg(wijziging: tuple[str, str]) -> None:
    for ident in ("S1", "S2", "S3"):
        xml = _start(ident=ident).replace(*wijziging)
        assert xml != _start(ident=ident)
        assert _read(xml) == read_structure(_bericht(xml))
    assert not [plan for plan in vorm._PLANS.values() if plan is not None]


def test_andere_codering_dan_utf8_neemt_de_gewone_weg() -> None:
    for ident in ("S1", "S2", "S3"):
        xml = _start(ident=ident).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1")
        result = _read(xml)
        assert isinstance(result, dict)
        assert result["Client"]["Bsn"] == BSN[0]
    assert list(vorm._PLANS.values()) == [None]


def test_toewijzing_met_twee_producten_en_adres_als_de_walk() -> None:
    def bericht(ident: str, bsn: str) -> str:
        producten = [{"nummer": "1", "referentie": "R1", "einde": "2024-12-31"}, {"nummer": "2", "budget": "500"}]
        return jw301(ident, "2024-01-10", bsn, producten, postcode="7551AB")

    for ident, bsn in (("T1", BSN[0]), ("T2", BSN[1]), ("T3", BSN[2])):
        tree = _read(bericht(ident, bsn))
        assert tree == read_structure(_bericht(bericht(ident, bsn)))
    assert isinstance(tree, dict)
    producten = tree["Client"]["ToegewezenProducten"]["ToegewezenProduct"]
    assert [(p["ToewijzingNummer"], p.get("Budget")) for p in producten] == [("1", None), ("2", "500")]
    assert tree["Client"]["Contactgegevens"]["Contact"][0]["Adres"]["Postcode"] == "7551AB"
    assert [plan is not None for plan in vorm._PLANS.values()] == [True]


def _declaratie(begin_van_de_laatste: str = "2024-03-01") -> str:
    """A declaration of 8 clients with 12 prestaties each: larger than a shape that is kept whole (16 kB)."""
    clienten = {
        bsn: [
            {
                "referentie": f"P{c}-{p}",
                "nummer": f"{c}{p}",
                "begin": "2024-03-01",
                "einde": "2024-03-31",
                "bedrag": "1",
            }
            for p in range(12)
        ]
        for c, bsn in enumerate(BSN)
    }
    clienten[BSN[7]][11]["begin"] = begin_van_de_laatste
    return jw323("E1", "2024-04-05", "DN1", clienten)


def test_grote_declaratie_leest_per_client_met_het_plan_van_diens_vorm() -> None:
    xml = _declaratie()
    assert len(xml.encode()) > 2 * vorm.MAX_KEY_BYTES
    tree = _read(xml)
    assert tree == read_structure(_bericht(xml))
    # the eight clients have one shape: the second one made its plan, the other six used it
    assert [plan is not None for plan in vorm._PLANS.values()] == [True]
    assert isinstance(tree, dict)
    clienten = tree["Declaratie"]["Clienten"]["Client"]
    assert [c["Bsn"] for c in clienten] == BSN
    assert [len(c["Prestaties"]["Prestatie"]) for c in clienten] == [12] * 8
    assert clienten[7]["Prestaties"]["Prestatie"][11]["ProductReferentie"]["ReferentieNummer"] == "P7-11"


def test_grote_declaratie_met_fout_in_de_laatste_prestatie() -> None:
    xml = _declaratie("2024-02-30")
    verwacht = Probleem(
        "Declaratie/Clienten/Client/Prestaties/Prestatie/ProductPeriode/Begindatum", "datum 2024-02-30 bestaat niet"
    )
    assert _read(xml) == verwacht
    assert read_structure(_bericht(xml)) == verwacht
