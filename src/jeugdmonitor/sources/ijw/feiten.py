"""From a checked message to fact rows: what each message says, one row per product, start, stop or prestatie.

The fact tables keep the messages' content close to the messages (names follow the iJw elements), so that
trajectories and costs can be rebuilt from every message ever loaded (:mod:`.naar_tabellen`). Each row
carries ``nr``, the message's number in this delivery; the message's header (gemeente, aanbieder, type,
dagtekening) is in ``berichten``. The BSN is turned into its keyed pseudonym here, in Python, with the same
function as CSV and Excel deliveries (:func:`jeugdmonitor.store.pseudonym.pseudonym`), so a young person
has one pseudonym whatever the source; the raw BSN never leaves this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jeugdmonitor.sources.ijw.bericht import Bericht
from jeugdmonitor.store.pseudonym import Key, pseudonym

# table -> (column, SQL type); every table also has nr (the message) and, in the store, levering_id
FEITEN: dict[str, list[tuple[str, str]]] = {
    "berichten": [
        ("soort", "VARCHAR"), ("release", "VARCHAR"), ("afzender", "VARCHAR"), ("ontvanger", "VARCHAR"),
        ("identificatie", "VARCHAR"), ("dagtekening", "DATE"), ("gemeente", "VARCHAR"), ("aanbieder", "VARCHAR"),
        ("bestand", "VARCHAR"),
    ],
    "clienten": [("client", "VARCHAR"), ("geboortedatum", "DATE"), ("geslacht", "VARCHAR"), ("postcode", "VARCHAR")],
    "toewijzingen": [
        ("client", "VARCHAR"), ("toewijzing", "VARCHAR"), ("referentie", "VARCHAR"), ("categorie", "VARCHAR"),
        ("product", "VARCHAR"), ("toewijzingsdatum", "DATE"), ("toewijzingstijd", "VARCHAR"),
        ("ingangsdatum", "DATE"), ("einddatum", "DATE"), ("reden_wijziging", "VARCHAR"), ("volume", "BIGINT"),
        ("eenheid", "VARCHAR"), ("frequentie", "VARCHAR"), ("budget", "BIGINT"),
    ],
    "aanvragen": [
        ("client", "VARCHAR"), ("referentie", "VARCHAR"), ("categorie", "VARCHAR"), ("product", "VARCHAR"),
        ("ingangsdatum", "DATE"), ("verwijzer", "VARCHAR"),
    ],
    "starts": [
        ("client", "VARCHAR"), ("toewijzing", "VARCHAR"), ("categorie", "VARCHAR"), ("product", "VARCHAR"),
        ("begindatum", "DATE"), ("status", "VARCHAR"),
    ],
    "stops": [
        ("client", "VARCHAR"), ("toewijzing", "VARCHAR"), ("categorie", "VARCHAR"), ("product", "VARCHAR"),
        ("begindatum", "DATE"), ("einddatum", "DATE"), ("reden", "VARCHAR"), ("status", "VARCHAR"),
    ],
    "prestaties": [
        ("client", "VARCHAR"), ("declaratie", "VARCHAR"), ("referentie", "VARCHAR"), ("vorig_referentie", "VARCHAR"),
        ("toewijzing", "VARCHAR"), ("categorie", "VARCHAR"), ("product", "VARCHAR"), ("begindatum", "DATE"),
        ("einddatum", "DATE"), ("volume", "BIGINT"), ("eenheid", "VARCHAR"), ("tarief", "BIGINT"),
        ("bedrag", "BIGINT"),
    ],
    "antwoorden": [("referentie", "VARCHAR"), ("retourcodes", "VARCHAR"), ("bedrag", "BIGINT")],
}  # fmt: skip


@dataclass
class Feiten:
    """Column lists per fact table, filled message by message (columnar: cheap to hand to DuckDB)."""

    data: dict[str, dict[str, list[object]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.data = {t: {"nr": [], **{c: [] for c, _ in cols}} for t, cols in FEITEN.items()}

    def add(self, table: str, nr: int, values: tuple[object, ...]) -> None:
        columns = self.data[table]
        columns["nr"].append(nr)
        for (name, _), value in zip(FEITEN[table], values, strict=True):
            columns[name].append(value)

    def rows(self, table: str) -> int:
        return len(self.data[table]["nr"])

    def add_rows(self, nr: int, rows: list[tuple[str, tuple[object, ...]]]) -> None:
        """Add the rows one message gave (collected by :class:`Rijen`) under message number ``nr``."""
        for table, values in rows:
            self.add(table, nr, values)


class Rijen:
    """Collects the fact rows of one message (``add`` as :class:`Feiten`), so that a worker process can
    extract and pseudonymise, and only finished rows (never a raw BSN) travel back to the parent."""

    def __init__(self, key: Key, pseudonyms: dict[str, str]) -> None:
        self.key = key
        self.rows: list[tuple[str, tuple[object, ...]]] = []
        self._pseudonyms = pseudonyms

    def add(self, table: str, nr: int, values: tuple[object, ...]) -> None:
        self.rows.append((table, values))

    def client(self, bsn: str | None) -> str | None:
        """The pseudonym of a BSN (checked by the structural checks), cached: clients recur."""
        if bsn is None:
            return None
        found = self._pseudonyms.get(bsn)
        if found is None:
            found = self._pseudonyms[bsn] = pseudonym(self.key, "bsn", bsn)
        return found


Tree = dict[str, object]  # a message's content below Bericht (structuur.read_structure)


def g(tree: object, *path: str) -> object:
    """The value at ``path`` in a message tree, or None when any step is missing."""
    for step in path:
        if not isinstance(tree, dict):
            return None
        tree = tree.get(step)
    return tree


def s(tree: object, *path: str) -> str | None:
    value = g(tree, *path)
    return value if isinstance(value, str) else None


def items(tree: object, *path: str) -> list[Tree]:
    """The repeating elements at ``path`` (always a list in the tree)."""
    value = g(tree, *path)
    return value if isinstance(value, list) else []


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _signed(amount: object) -> int | None:
    """An amount in eurocents with its D/C indicator (``Bedrag`` or ``TotaalBedrag``), credit negative."""
    cents = _int(s(amount, "Bedrag") or s(amount, "TotaalBedrag"))
    if cents is None:
        return None
    return -cents if s(amount, "DebetCredit") == "C" else cents


def _postcode(client: Tree) -> str | None:
    """The client's postcode: the BRP address (Soort 01) first, else the first contact with a postcode."""
    found = []
    for contact in items(client, "Contactgegevens", "Contact"):
        postcode = s(contact, "Adres", "Postcode")
        if postcode:
            found.append((s(contact, "Soort") != "01", postcode))
    return min(found)[1] if found else None


def _client(f: Rijen, nr: int, client: Tree, with_address: bool = False) -> str | None:
    pseudo = f.client(s(client, "Bsn"))
    postcode = _postcode(client) if with_address else None
    f.add("clienten", nr, (pseudo, s(client, "Geboortedatum", "Datum"), s(client, "Geslacht"), postcode))
    return pseudo


def _product(p: Tree) -> tuple[str | None, str | None]:
    return s(p, "Product", "Categorie"), s(p, "Product", "Code")


def _jw301(f: Rijen, nr: int, tree: Tree) -> None:
    client = g(tree, "Client")
    pseudo = _client(f, nr, client, with_address=True)
    for p in items(client, "ToegewezenProducten", "ToegewezenProduct"):
        f.add("toewijzingen", nr, (
            pseudo, s(p, "ToewijzingNummer"), s(p, "ReferentieAanbieder"), *_product(p), s(p, "Toewijzingsdatum"),
            s(p, "Toewijzingstijd"), s(p, "Ingangsdatum"), s(p, "Einddatum"), s(p, "RedenWijziging"),
            _int(s(p, "Omvang", "Volume")), s(p, "Omvang", "Eenheid"), s(p, "Omvang", "Frequentie"),
            _int(s(p, "Budget")),
        ))  # fmt: skip


def _jw315(f: Rijen, nr: int, tree: Tree) -> None:
    client = g(tree, "Client")
    pseudo = _client(f, nr, client)
    for p in items(client, "AangevraagdeProducten", "AangevraagdProduct"):
        f.add("aanvragen", nr, (
            pseudo, s(p, "ReferentieAanbieder"), *_product(p), s(p, "ToewijzingIngangsdatum"),
            s(p, "Verwijzer", "Type"),
        ))  # fmt: skip


def _jw305(f: Rijen, nr: int, tree: Tree) -> None:
    client = g(tree, "Client")
    pseudo = _client(f, nr, client)
    for p in items(client, "StartProducten", "StartProduct"):
        f.add("starts", nr, (
            pseudo, s(p, "ToewijzingNummer"), *_product(p), s(p, "Begindatum"), s(p, "StatusAanlevering"),
        ))  # fmt: skip


def _jw307(f: Rijen, nr: int, tree: Tree) -> None:
    client = g(tree, "Client")
    pseudo = _client(f, nr, client)
    for p in items(client, "StopProducten", "StopProduct"):
        f.add("stops", nr, (
            pseudo, s(p, "ToewijzingNummer"), *_product(p), s(p, "Begindatum"), s(p, "Einddatum"),
            s(p, "RedenBeeindiging"), s(p, "StatusAanlevering"),
        ))  # fmt: skip


def _jw323(f: Rijen, nr: int, tree: Tree) -> None:
    declaratie = g(tree, "Declaratie")
    nummer = s(declaratie, "DeclaratieNummer")
    for client in items(declaratie, "Clienten", "Client"):
        pseudo = f.client(s(client, "Bsn"))
        f.add("clienten", nr, (pseudo, None, None, None))
        for p in items(client, "Prestaties", "Prestatie"):
            f.add("prestaties", nr, (
                pseudo, nummer, s(p, "ProductReferentie", "ReferentieNummer"),
                s(p, "ProductReferentie", "VorigReferentieNummer"), s(p, "ToewijzingNummer"),
                s(p, "ProductCategorie"), s(p, "ProductCode"), s(p, "ProductPeriode", "Begindatum"),
                s(p, "ProductPeriode", "Einddatum"), _int(s(p, "GeleverdVolume")), s(p, "Eenheid"),
                _int(s(p, "ProductTarief")), _signed(g(p, "IngediendBedrag")),
            ))  # fmt: skip


def _jw325(f: Rijen, nr: int, tree: Tree) -> None:
    for client in items(g(tree, "DeclaratieAntwoord"), "Clienten", "Client"):
        for p in items(client, "Prestaties", "Prestatie"):
            codes = ";".join(c for c in items(p, "RetourCodes", "RetourCode") if isinstance(c, str))
            f.add("antwoorden", nr, (
                s(p, "ProductReferentie", "ReferentieNummer"), codes, _signed(g(p, "IngediendBedrag")),
            ))  # fmt: skip


# Message types that feed trajectories and costs. The retour messages (302, 306, 308, 316, 318, 320) and the
# change requests (317, 319) are checked and registered (so they are not loaded twice) but carry no facts
# the store tables need: a changed allocation always arrives as a new JW301.
EXTRACTORS: dict[str, Callable[[Rijen, int, Tree], None]] = {
    "JW301": _jw301, "JW305": _jw305, "JW307": _jw307, "JW315": _jw315, "JW323": _jw323, "JW325": _jw325,
}  # fmt: skip


def gemeente_en_aanbieder(bericht: Bericht) -> tuple[str | None, str | None]:
    """The municipality (``GM`` + four digits) and the provider (AGB) of a message, whichever way it goes."""
    gemeente = next((c for c in (bericht.afzender, bericht.ontvanger) if len(c) == 4 and c.isdigit()), None)
    aanbieder = next((c for c in (bericht.afzender, bericht.ontvanger) if len(c) == 8 and c.isdigit()), None)
    return (f"GM{gemeente}" if gemeente else None), aanbieder


def extract(f: Rijen, nr: int, bericht: Bericht, tree: Tree) -> None:
    """Add the message's header to ``berichten`` and its content (``tree``, as read by the structural checks)
    to the fact tables."""
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    f.add("berichten", nr, (
        bericht.soort, bericht.release, bericht.afzender, bericht.ontvanger, bericht.identificatie,
        bericht.dagtekening, gemeente, aanbieder, bericht.bestand,
    ))  # fmt: skip
    extractor = EXTRACTORS.get(bericht.soort)
    if extractor is not None:
        extractor(f, nr, tree)
