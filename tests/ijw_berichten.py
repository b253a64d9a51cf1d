"""Small iJw 3.2 messages written by hand for the tests: only the elements the XSD requires plus what a rule needs.

Every builder returns the XML text of one message. Municipality ``0164`` (Hengelo) and provider ``12345678``
unless a test says otherwise; BSNs only from the test range (tests.conftest.BSN).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

GEMEENTE = "0164"
AANBIEDER = "12345678"
_CODES = {"301": 436, "305": 438, "307": 440, "315": 446, "323": 490, "325": 491}
_IJW = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"


def _header(soort: str, afzender: str, ontvanger: str, ident: str, dag: str, extra: str = "") -> str:
    return f"""<jw{soort}:Header>
    <jw{soort}:BerichtCode>{_CODES[soort]}</jw{soort}:BerichtCode><jw{soort}:BerichtVersie>3</jw{soort}:BerichtVersie>
    <jw{soort}:BerichtSubversie>2</jw{soort}:BerichtSubversie>
    <jw{soort}:Afzender>{afzender}</jw{soort}:Afzender><jw{soort}:Ontvanger>{ontvanger}</jw{soort}:Ontvanger>
    <jw{soort}:BerichtIdentificatie><ijw:Identificatie>{ident}</ijw:Identificatie>
      <ijw:Dagtekening>{dag}</ijw:Dagtekening></jw{soort}:BerichtIdentificatie>
    <jw{soort}:XsdVersie><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie>
      <ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></jw{soort}:XsdVersie>{extra}
  </jw{soort}:Header>"""


def _bericht(soort: str, body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<jw{soort}:Bericht xmlns:ijw="{_IJW}" '
        f'xmlns:jw{soort}="http://www.istandaarden.nl/ijw/3_2/jw{soort}/schema">\n{body}\n</jw{soort}:Bericht>\n'
    )


def _client(soort: str, bsn: str, geboren: str, geslacht: str) -> str:
    naam = "<ijw:Geslachtsnaam><ijw:Achternaam>Test</ijw:Achternaam></ijw:Geslachtsnaam>"
    if soort == "301":
        naam += "<ijw:NaamGebruik>1</ijw:NaamGebruik>"
    return (
        f"<jw{soort}:Bsn>{bsn}</jw{soort}:Bsn><jw{soort}:Geboortedatum><ijw:Datum>{geboren}</ijw:Datum>"
        f"</jw{soort}:Geboortedatum><jw{soort}:Geslacht>{geslacht}</jw{soort}:Geslacht>"
        f"<jw{soort}:Naam>{naam}</jw{soort}:Naam>"
    )


def _product(soort: str, categorie: str, code: str | None) -> str:
    code_el = f"<ijw:Code>{code}</ijw:Code>" if code else ""
    return f"<jw{soort}:Product><ijw:Categorie>{categorie}</ijw:Categorie>{code_el}</jw{soort}:Product>"


def jw301(
    ident: str,
    dag: str,
    bsn: str,
    producten: list[dict[str, str]],
    *,
    gemeente: str = GEMEENTE,
    aanbieder: str = AANBIEDER,
    geboren: str = "2012-05-01",
    geslacht: str = "2",
    postcode: str | None = None,
) -> str:
    """A toewijzing. Product keys: nummer, categorie, code, datum, ingang, einde, reden, volume, eenheid,
    frequentie, referentie, tijd, budget."""
    items = []
    for p in producten:
        ref = f"<jw301:ReferentieAanbieder>{p['referentie']}</jw301:ReferentieAanbieder>" if "referentie" in p else ""
        einde = f"<jw301:Einddatum>{p['einde']}</jw301:Einddatum>" if p.get("einde") else ""
        reden = f"<jw301:RedenWijziging>{p['reden']}</jw301:RedenWijziging>" if p.get("reden") else ""
        if "budget" in p:
            omvang = f"<jw301:Budget>{p['budget']}</jw301:Budget>"
        else:
            omvang = (
                f"<jw301:Omvang><ijw:Volume>{p.get('volume', '4')}</ijw:Volume><ijw:Eenheid>{p.get('eenheid', '04')}"
                f"</ijw:Eenheid><ijw:Frequentie>{p.get('frequentie', '2')}</ijw:Frequentie></jw301:Omvang>"
            )
        items.append(
            f"<jw301:ToegewezenProduct><jw301:ToewijzingNummer>{p['nummer']}</jw301:ToewijzingNummer>{ref}"
            f"{_product('301', p.get('categorie', '45'), p.get('code', '45A48'))}"
            f"<jw301:Toewijzingsdatum>{p.get('datum', dag)}</jw301:Toewijzingsdatum>"
            f"<jw301:Toewijzingstijd>{p.get('tijd', '12:00:00')}</jw301:Toewijzingstijd>"
            f"<jw301:Ingangsdatum>{p.get('ingang', dag)}</jw301:Ingangsdatum>{einde}{reden}"
            f"{omvang}</jw301:ToegewezenProduct>"
        )
    adres = f"<ijw:Postcode>{postcode}</ijw:Postcode>" if postcode else ""
    contact = (  # Contactgegevens is required in a JW301; the postcode is not
        "<jw301:Contactgegevens><jw301:Contact><jw301:Soort>01</jw301:Soort><jw301:Adres>"
        f"<ijw:Huis><ijw:Huisnummer>1</ijw:Huisnummer></ijw:Huis>{adres}</jw301:Adres></jw301:Contact>"
        "</jw301:Contactgegevens>"
    )
    client = (
        f"<jw301:Client>{_client('301', bsn, geboren, geslacht)}{contact}"
        f"<jw301:ToegewezenProducten>{''.join(items)}</jw301:ToegewezenProducten></jw301:Client>"
    )
    return _bericht("301", _header("301", gemeente, aanbieder, ident, dag) + client)


def jw315(
    ident: str,
    dag: str,
    bsn: str,
    producten: list[dict[str, str]],
    *,
    gemeente: str = GEMEENTE,
    aanbieder: str = AANBIEDER,
    geboren: str = "2012-05-01",
    geslacht: str = "2",
) -> str:
    """A request for allocation. Product keys: referentie, categorie, code, ingang, verwijzer."""
    items = "".join(
        f"<jw315:AangevraagdProduct><jw315:ReferentieAanbieder>{p['referentie']}</jw315:ReferentieAanbieder>"
        f"{_product('315', p.get('categorie', '45'), p.get('code', '45A48'))}"
        f"<jw315:ToewijzingIngangsdatum>{p.get('ingang', dag)}</jw315:ToewijzingIngangsdatum>"
        f"<jw315:Omvang><ijw:Volume>4</ijw:Volume><ijw:Eenheid>04</ijw:Eenheid><ijw:Frequentie>2</ijw:Frequentie>"
        f"</jw315:Omvang><jw315:Verwijzer><ijw:Type>{p.get('verwijzer', '02')}</ijw:Type>"
        f"<ijw:ZorgverlenerCode>01234567</ijw:ZorgverlenerCode></jw315:Verwijzer></jw315:AangevraagdProduct>"
        for p in producten
    )
    client = (
        f"<jw315:Client>{_client('315', bsn, geboren, geslacht)}"
        f"<jw315:AangevraagdeProducten>{items}</jw315:AangevraagdeProducten></jw315:Client>"
    )
    return _bericht("315", _header("315", aanbieder, gemeente, ident, dag) + client)


def jw305(
    ident: str, dag: str, bsn: str, starts: list[dict[str, str]], *, gemeente: str = GEMEENTE,
    aanbieder: str = AANBIEDER,
) -> str:  # fmt: skip
    """Starts. Keys: nummer, begin, status (default 1), categorie, code."""
    items = "".join(
        f"<jw305:StartProduct><jw305:ToewijzingNummer>{s['nummer']}</jw305:ToewijzingNummer>"
        f"{_product('305', s.get('categorie', '45'), s.get('code', '45A48'))}"
        f"<jw305:Begindatum>{s['begin']}</jw305:Begindatum>"
        f"<jw305:StatusAanlevering>{s.get('status', '1')}</jw305:StatusAanlevering></jw305:StartProduct>"
        for s in starts
    )
    client = (
        f"<jw305:Client>{_client('305', bsn, '2012-05-01', '2')}<jw305:StartProducten>{items}</jw305:StartProducten>"
        "</jw305:Client>"
    )
    return _bericht("305", _header("305", aanbieder, gemeente, ident, dag) + client)


def jw307(
    ident: str, dag: str, bsn: str, stops: list[dict[str, str]], *, gemeente: str = GEMEENTE,
    aanbieder: str = AANBIEDER,
) -> str:  # fmt: skip
    """Stops. Keys: nummer, begin, einde, reden, status (default 1), categorie, code."""
    items = "".join(
        f"<jw307:StopProduct><jw307:ToewijzingNummer>{s['nummer']}</jw307:ToewijzingNummer>"
        f"{_product('307', s.get('categorie', '45'), s.get('code', '45A48'))}"
        f"<jw307:Begindatum>{s['begin']}</jw307:Begindatum><jw307:RedenBeeindiging>{s['reden']}"
        f"</jw307:RedenBeeindiging><jw307:Einddatum>{s['einde']}</jw307:Einddatum>"
        f"<jw307:StatusAanlevering>{s.get('status', '1')}</jw307:StatusAanlevering></jw307:StopProduct>"
        for s in stops
    )
    client = (
        f"<jw307:Client>{_client('307', bsn, '2012-05-01', '2')}<jw307:StopProducten>{items}</jw307:StopProducten>"
        "</jw307:Client>"
    )
    return _bericht("307", _header("307", aanbieder, gemeente, ident, dag) + client)


def _prestatie(soort: str, p: dict[str, str], retour: str = "") -> str:
    vorig = f"<ijw:VorigReferentieNummer>{p['vorig']}</ijw:VorigReferentieNummer>" if p.get("vorig") else ""
    return (
        f"<jw{soort}:Prestatie><jw{soort}:ProductReferentie><ijw:ReferentieNummer>{p['referentie']}"
        f"</ijw:ReferentieNummer>{vorig}</jw{soort}:ProductReferentie>"
        f"<jw{soort}:ToewijzingNummer>{p['nummer']}</jw{soort}:ToewijzingNummer>"
        f"<jw{soort}:ProductCategorie>{p.get('categorie', '45')}</jw{soort}:ProductCategorie>"
        f"<jw{soort}:ProductCode>{p.get('code', '45A48')}</jw{soort}:ProductCode>"
        f"<jw{soort}:ProductPeriode><ijw:Begindatum>{p['begin']}</ijw:Begindatum><ijw:Einddatum>{p['einde']}"
        f"</ijw:Einddatum></jw{soort}:ProductPeriode><jw{soort}:GeleverdVolume>{p.get('volume', '4')}"
        f"</jw{soort}:GeleverdVolume><jw{soort}:Eenheid>04</jw{soort}:Eenheid>"
        f"<jw{soort}:IngediendBedrag><ijw:Bedrag>{p['bedrag']}</ijw:Bedrag><ijw:DebetCredit>{p.get('dc', 'D')}"
        f"</ijw:DebetCredit></jw{soort}:IngediendBedrag>{retour}</jw{soort}:Prestatie>"
    )


def jw323(
    ident: str, dag: str, nummer: str, clienten: dict[str, list[dict[str, str]]], *, gemeente: str = GEMEENTE,
    aanbieder: str = AANBIEDER, periode: tuple[str, str] = ("2024-03-01", "2024-03-31"),
) -> str:  # fmt: skip
    """A declaration: per BSN its prestaties (keys: referentie, vorig, nummer, begin, einde, bedrag in
    eurocents, dc, volume)."""
    blocks = "".join(
        f"<jw323:Client><jw323:Bsn>{bsn}</jw323:Bsn><jw323:Prestaties>"
        f"{''.join(_prestatie('323', p) for p in ps)}</jw323:Prestaties></jw323:Client>"
        for bsn, ps in clienten.items()
    )
    body = (
        f"<jw323:Declaratie><jw323:DeclaratieNummer>{nummer}</jw323:DeclaratieNummer><jw323:DeclaratiePeriode>"
        f"<ijw:Begindatum>{periode[0]}</ijw:Begindatum><ijw:Einddatum>{periode[1]}</ijw:Einddatum>"
        f"</jw323:DeclaratiePeriode><jw323:DeclaratieDagtekening>{dag}</jw323:DeclaratieDagtekening>"
        "<jw323:TotaalIngediendBedrag><ijw:TotaalBedrag>0</ijw:TotaalBedrag><ijw:DebetCredit>D</ijw:DebetCredit>"
        f"</jw323:TotaalIngediendBedrag><jw323:Clienten>{blocks}</jw323:Clienten></jw323:Declaratie>"
    )
    return _bericht("323", _header("323", aanbieder, gemeente, ident, dag) + body)


def jw325(
    ident: str, dag: str, nummer: str, declaratie: tuple[str, str], clienten: dict[str, list[dict[str, str]]],
    *, gemeente: str = GEMEENTE, aanbieder: str = AANBIEDER,
) -> str:  # fmt: skip
    """The answer to a declaration: the prestaties listed with their RetourCode (key ``retour``)."""
    retour = "<jw325:RetourCodes><jw325:RetourCode>{}</jw325:RetourCode></jw325:RetourCodes>"
    blocks = "".join(
        f"<jw325:Client><jw325:Bsn>{bsn}</jw325:Bsn><jw325:Prestaties>"
        f"{''.join(_prestatie('325', p, retour.format(p['retour'])) for p in ps)}</jw325:Prestaties>"
        f"{retour.format('0200')}</jw325:Client>"
        for bsn, ps in clienten.items()
    )
    extra = (
        f"<jw325:DeclaratieIdentificatie><ijw:Identificatie>{declaratie[0]}</ijw:Identificatie>"
        f"<ijw:Dagtekening>{declaratie[1]}</ijw:Dagtekening></jw325:DeclaratieIdentificatie>"
        "<jw325:XsdVersieDeclaratie><ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie>"
        "<ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></jw325:XsdVersieDeclaratie>"
        f"{retour.format('0200')}"
    )
    body = (
        f"<jw325:DeclaratieAntwoord><jw325:DeclaratieNummer>{nummer}</jw325:DeclaratieNummer>"
        "<jw325:TotaalIngediendBedrag><ijw:TotaalBedrag>0</ijw:TotaalBedrag><ijw:DebetCredit>D</ijw:DebetCredit>"
        "</jw325:TotaalIngediendBedrag><jw325:TotaalToegekendBedrag><ijw:TotaalBedrag>0</ijw:TotaalBedrag>"
        f"<ijw:DebetCredit>D</ijw:DebetCredit></jw325:TotaalToegekendBedrag><jw325:Clienten>{blocks}"
        f"</jw325:Clienten>{retour.format('0200')}</jw325:DeclaratieAntwoord>"
    )
    return _bericht("325", _header("325", gemeente, aanbieder, ident, dag, extra) + body)


def write_messages(folder: Path, messages: dict[str, str]) -> Path:
    """Write ``{file name: xml}`` into ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in messages.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def rows(store: Path, sql: str) -> list[tuple]:
    """The rows of a query on a store file, opened read-only and closed again."""
    con = duckdb.connect(str(store), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def toegewezen_gestart_gedeclareerd(bsn: str) -> dict[str, str]:
    """Three messages of one young person in Hengelo: toewijzing 1 (traject GM0164-1, JW301 of 10 January
    2024), its start on 15 January (JW305) and the declaration of March, 12345 eurocents = 123.45 euro (JW323)."""
    return {
        "a.xml": jw301("T1", "2024-01-10", bsn, [{"nummer": "1"}]),
        "b.xml": jw305("S1", "2024-01-20", bsn, [{"nummer": "1", "begin": "2024-01-15"}]),
        "c.xml": jw323("D1", "2024-04-05", "DN1", {bsn: [
            {"referentie": "P1", "nummer": "1", "begin": "2024-03-01", "einde": "2024-03-31", "bedrag": "12345"}]}),
    }  # fmt: skip
