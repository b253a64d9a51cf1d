"""iJw 3.2 messages as XML text, built from small string templates (fast, and the XSDs fix the element order).

Each builder returns the complete document of one message. Element order and names follow
``shared/ijw/xsd/ijw-3.2``; a retour message (JW302, JW306, JW308, JW316, JW318, JW320) for an accepted
message is only the header with RetourCode 0200, as the standard prescribes. Amounts are in eurocents.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

NS_BASIS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
BERICHTCODE = {
    "JW301": 436, "JW302": 437, "JW305": 438, "JW306": 439, "JW307": 440, "JW308": 441, "JW315": 446,
    "JW316": 447, "JW317": 486, "JW318": 487, "JW319": 488, "JW320": 489, "JW323": 490, "JW325": 491,
}  # fmt: skip
RETOUR_VAN = {"JW301": "JW302", "JW305": "JW306", "JW307": "JW308", "JW315": "JW316", "JW317": "JW318",
              "JW319": "JW320"}  # fmt: skip
GOEDGEKEURD = "0200"  # RetourCode: geen opmerking over deze berichtklasse
XSD_VERSIE = (
    "<ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie>"
)


@dataclass(frozen=True)
class Bericht:
    """One message: who sent it, its identification and day, and its XML text."""

    soort: str  # JW301 ...
    afzender: str  # gemeentecode (4 digits) or AGB code of the one who sends the file
    identificatie: str
    dagtekening: str  # YYYY-MM-DD
    xml: str
    naam: str = ""  # file name when it is not the usual one (a message sent twice)

    @property
    def bestandsnaam(self) -> str:
        return self.naam or f"{self.soort}_{self.afzender}_{self.identificatie}.xml"


def _tekst(value: object) -> str:
    """The value as element text; most are digits and dates, so escaping is only paid for when needed."""
    text = str(value)
    return escape(text) if "&" in text or "<" in text or ">" in text else text


def e(tag: str, value: object) -> str:
    """One simple element in the message namespace (prefix ``m``)."""
    return f"<m:{tag}>{_tekst(value)}</m:{tag}>"


def b(tag: str, value: object) -> str:
    """One simple element in the basisschema namespace."""
    return f"<ijw:{tag}>{_tekst(value)}</ijw:{tag}>"


def document(soort: str, header: str, body: str) -> str:
    ns = f"http://www.istandaarden.nl/ijw/3_2/{soort.lower()}/schema"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<m:Bericht xmlns:m="{ns}" xmlns:ijw="{NS_BASIS}">'
        f"<m:Header>{header}</m:Header>{body}</m:Bericht>\n"
    )


def kop(soort: str, afzender: str, ontvanger: str, ident: str, dag: str) -> str:
    return (
        e("BerichtCode", BERICHTCODE[soort]) + e("BerichtVersie", 3) + e("BerichtSubversie", 2)
        + e("Afzender", afzender) + e("Ontvanger", ontvanger)
        + f"<m:BerichtIdentificatie>{b('Identificatie', ident)}{b('Dagtekening', dag)}</m:BerichtIdentificatie>"
        + f"<m:XsdVersie>{XSD_VERSIE}</m:XsdVersie>"
    )  # fmt: skip


def bericht(soort: str, afzender: str, ontvanger: str, ident: str, dag: str, body: str) -> Bericht:
    """A heen-bericht (JW301, JW305, JW307, JW315, JW317, JW319, JW323)."""
    return Bericht(soort, afzender, ident, dag, document(soort, kop(soort, afzender, ontvanger, ident, dag), body))


def retour(heen: Bericht, ontvanger: str, ident: str, dag: str) -> Bericht:
    """The retour message on an accepted ``heen``: its header copied, the retour's own id, RetourCode 0200.

    The header keeps the original sender and receiver; the file is sent by the original receiver
    (``ontvanger``), whose identification the retour carries as IdentificatieRetour.
    """
    soort = RETOUR_VAN[heen.soort]
    header = (
        kop(soort, heen.afzender, ontvanger, heen.identificatie, heen.dagtekening)
        + e("IdentificatieRetour", ident) + e("DagtekeningRetour", dag)
        + f"<m:XsdVersieRetour>{XSD_VERSIE}</m:XsdVersieRetour>"
        + f"<m:RetourCodes>{e('RetourCode', GOEDGEKEURD)}</m:RetourCodes>"
    )  # fmt: skip
    return Bericht(soort, ontvanger, ident, dag, document(soort, header, ""))


def datum(tag: str, value: str) -> str:
    return f"<m:{tag}>{b('Datum', value)}</m:{tag}>"


def client_kop(bsn: str, geboortedatum: str, geslacht: str) -> str:
    return e("Bsn", bsn) + datum("Geboortedatum", geboortedatum) + e("Geslacht", geslacht)


def naam(achternaam: str, voorletters: str, naamgebruik: bool = False) -> str:
    """The client's name; JW301 (CDT_VolledigeNaam) also needs NaamGebruik (1: eigen naam)."""
    gebruik = b("NaamGebruik", 1) if naamgebruik else ""
    return (
        f"<m:Naam><ijw:Geslachtsnaam>{b('Achternaam', achternaam)}</ijw:Geslachtsnaam>"
        f"{b('Voorletters', voorletters)}{gebruik}</m:Naam>"
    )


def product(categorie: str, code: str | None) -> str:
    inner = b("Categorie", categorie) + (b("Code", code) if code else "")
    return f"<m:Product>{inner}</m:Product>"


def omvang(volume: int, eenheid: str, frequentie: str) -> str:
    return f"<m:Omvang>{b('Volume', volume)}{b('Eenheid', eenheid)}{b('Frequentie', frequentie)}</m:Omvang>"


def adres(postcode: str, huisnummer: int, plaats: str) -> str:
    """Contact of the client: the residential address (Soort 01, BRP), whose postcode gives the wijk."""
    return (
        f"<m:Contactgegevens><m:Contact>{e('Soort', '01')}<m:Adres><ijw:Huis>{b('Huisnummer', huisnummer)}"
        f"</ijw:Huis>{b('Postcode', postcode)}{b('Straatnaam', 'Dorpsstraat')}{b('Plaatsnaam', plaats)}"
        f"{b('LandCode', 'NL')}</m:Adres></m:Contact></m:Contactgegevens>"
    )


def periode(tag: str, begin: str, eind: str) -> str:
    return f"<m:{tag}>{b('Begindatum', begin)}{b('Einddatum', eind)}</m:{tag}>"


def bedrag_dc(tag: str, centen: int, totaal: bool = False) -> str:
    naam_ = "TotaalBedrag" if totaal else "Bedrag"
    return f"<m:{tag}>{b(naam_, abs(centen))}{b('DebetCredit', 'C' if centen < 0 else 'D')}</m:{tag}>"


MINUTEN = {"01": 1, "04": 60, "16": 240, "14": 1440}  # WJ756: minuut, uur, dagdeel (4 uur), etmaal


def heel_volume(volume: float, eenheid: str) -> tuple[int, str]:
    """iJw volumes are whole numbers: a fraction of an hour, dagdeel or etmaal travels in minutes."""
    if abs(volume - round(volume)) < 1e-9 or eenheid not in MINUTEN:
        return max(round(volume), 1 if eenheid == "82" else 0), eenheid
    return round(volume * MINUTEN[eenheid]), "01"
