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

import numpy as np

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
# per table the columns that hold numbers: they travel as text and DuckDB casts them (a column of Python ints
# would get its type from a sample)
NUMBERS: dict[str, frozenset[str]] = {
    t: frozenset(c for c, sql in cols if sql not in ("VARCHAR", "DATE")) for t, cols in FEITEN.items()
}


class Feiten:
    """Per fact table its rows as columns (``nr``, the message number in this delivery, and :data:`FEITEN`'s
    columns), in chunks of NumPy arrays as the workers made them: compact to keep, and handed to DuckDB as they
    are. ``nr`` is int64; the other columns are object arrays: text, or None, and numbers already as text
    (:data:`NUMBERS`; DuckDB casts them back), so the parent process converts nothing value by value."""

    def __init__(self) -> None:
        self.chunks: dict[str, list[dict[str, np.ndarray]]] = {t: [] for t in FEITEN}

    def rows(self, table: str) -> int:
        return sum(len(chunk["nr"]) for chunk in self.chunks[table])

    def take(self, table: str) -> dict[str, np.ndarray]:
        """The table's columns, handed over and emptied here: memory is freed table by table as they are written."""
        chunks, self.chunks[table] = self.chunks[table], []
        names = ["nr", *(c for c, _ in FEITEN[table])]
        if not chunks:
            return {name: np.array([], dtype=np.int64 if name == "nr" else object) for name in names}
        return {name: np.concatenate([chunk[name] for chunk in chunks]) for name in names}

    def extend(self, other: Feiten, nummers: list[int | None]) -> None:
        """Append the rows of ``other``, whose messages are numbered 0, 1, … there and ``nummers[nr]`` here;
        None for a message left out (already loaded), with its rows."""
        first, last = (nummers[0], nummers[-1]) if nummers else (None, None)
        run = first is not None and last is not None and None not in nummers and last - first == len(nummers) - 1
        renumber = None if run else np.array([-1 if n is None else n for n in nummers], dtype=np.int64)
        for table, theirs in other.chunks.items():
            for chunk in theirs:
                if run:  # the common case: every message loaded, numbered on from here
                    self.chunks[table].append({**chunk, "nr": chunk["nr"] + first})
                    continue
                nrs = renumber[chunk["nr"]]
                kept = nrs >= 0
                if kept.any():
                    self.chunks[table].append({name: nrs[kept] if name == "nr" else values[kept]
                                               for name, values in chunk.items()})  # fmt: skip


class Rijen:
    """Collects the fact rows of a batch of messages (as tuples: the cheapest to add) and pseudonymises, so that
    a worker process can extract, and only finished rows (:meth:`feiten`, never a raw BSN) go to the parent."""

    def __init__(self, key: Key, pseudonyms: dict[str, str]) -> None:
        self.key = key
        self._pseudonyms = pseudonyms
        self._nrs: dict[str, list[int]] = {t: [] for t in FEITEN}
        self._values: dict[str, list[tuple[object, ...]]] = {t: [] for t in FEITEN}

    def add(self, table: str, nr: int, values: tuple[object, ...]) -> None:
        self._nrs[table].append(nr)
        self._values[table].append(values)

    def client(self, bsn: str | None) -> str | None:
        """The pseudonym of a BSN (checked by the structural checks), cached: clients recur."""
        if bsn is None:
            return None
        found = self._pseudonyms.get(bsn)
        if found is None:
            found = self._pseudonyms[bsn] = pseudonym(self.key, "bsn", bsn)
        return found

    def feiten(self) -> Feiten:
        """The rows as columns (one transpose per table, numbers as text), without the key or the BSN cache."""
        result = Feiten()
        for table, cols in FEITEN.items():
            values = self._values[table]
            if not values:
                continue
            chunk = {"nr": np.array(self._nrs[table], dtype=np.int64)}
            for (name, _), column in zip(cols, zip(*values, strict=True), strict=True):
                if name in NUMBERS[table]:
                    column = [None if v is None else str(v) for v in column]
                chunk[name] = np.array(column, dtype=object)
            result.chunks[table].append(chunk)
        return result


Tree = dict[str, object]  # a message's content below Bericht (structuur.read_structure)
_NONE: Tree = {}  # an absent composite element reads as empty (never written to)

# The trees have the shape of the path table (data/paden.csv), which the structural checks enforced: a single
# composite element is a dict, a repeating one a list of dicts, a single simple element a string. So a path
# is read with plain ``get`` calls (``(p.get("Product") or _NONE).get("Code")``): this runs for every product
# of every message. ``g``/``s``/``items`` are the general, slower form.


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


def _signed(amount: Tree) -> int | None:
    """An amount in eurocents with its D/C indicator (``Bedrag`` or ``TotaalBedrag``), credit negative."""
    cents = _int(amount.get("Bedrag") or amount.get("TotaalBedrag"))
    if cents is None:
        return None
    return -cents if amount.get("DebetCredit") == "C" else cents


def _postcode(client: Tree) -> str | None:
    """The client's postcode: the BRP address (Soort 01) first, else the first contact with a postcode."""
    found = []
    for contact in (client.get("Contactgegevens") or _NONE).get("Contact") or ():
        postcode = (contact.get("Adres") or _NONE).get("Postcode")
        if postcode:
            found.append((contact.get("Soort") != "01", postcode))
    return min(found)[1] if found else None


def _client(f: Rijen, nr: int, client: Tree, with_address: bool = False) -> str | None:
    pseudo = f.client(client.get("Bsn"))
    postcode = _postcode(client) if with_address else None
    geboren = (client.get("Geboortedatum") or _NONE).get("Datum")
    f.add("clienten", nr, (pseudo, geboren, client.get("Geslacht"), postcode))
    return pseudo


def _products(client: Tree, group: str, one: str) -> list[Tree]:
    return (client.get(group) or _NONE).get(one) or []


def _jw301(f: Rijen, nr: int, tree: Tree) -> None:
    client: Tree = tree.get("Client") or _NONE
    pseudo = _client(f, nr, client, with_address=True)
    for p in _products(client, "ToegewezenProducten", "ToegewezenProduct"):
        product, omvang = p.get("Product") or _NONE, p.get("Omvang") or _NONE
        f.add("toewijzingen", nr, (
            pseudo, p.get("ToewijzingNummer"), p.get("ReferentieAanbieder"), product.get("Categorie"),
            product.get("Code"), p.get("Toewijzingsdatum"), p.get("Toewijzingstijd"), p.get("Ingangsdatum"),
            p.get("Einddatum"), p.get("RedenWijziging"), _int(omvang.get("Volume")), omvang.get("Eenheid"),
            omvang.get("Frequentie"), _int(p.get("Budget")),
        ))  # fmt: skip


def _jw315(f: Rijen, nr: int, tree: Tree) -> None:
    client: Tree = tree.get("Client") or _NONE
    pseudo = _client(f, nr, client)
    for p in _products(client, "AangevraagdeProducten", "AangevraagdProduct"):
        product = p.get("Product") or _NONE
        f.add("aanvragen", nr, (
            pseudo, p.get("ReferentieAanbieder"), product.get("Categorie"), product.get("Code"),
            p.get("ToewijzingIngangsdatum"), (p.get("Verwijzer") or _NONE).get("Type"),
        ))  # fmt: skip


def _jw305(f: Rijen, nr: int, tree: Tree) -> None:
    client: Tree = tree.get("Client") or _NONE
    pseudo = _client(f, nr, client)
    for p in _products(client, "StartProducten", "StartProduct"):
        product = p.get("Product") or _NONE
        f.add("starts", nr, (
            pseudo, p.get("ToewijzingNummer"), product.get("Categorie"), product.get("Code"), p.get("Begindatum"),
            p.get("StatusAanlevering"),
        ))  # fmt: skip


def _jw307(f: Rijen, nr: int, tree: Tree) -> None:
    client: Tree = tree.get("Client") or _NONE
    pseudo = _client(f, nr, client)
    for p in _products(client, "StopProducten", "StopProduct"):
        product = p.get("Product") or _NONE
        f.add("stops", nr, (
            pseudo, p.get("ToewijzingNummer"), product.get("Categorie"), product.get("Code"), p.get("Begindatum"),
            p.get("Einddatum"), p.get("RedenBeeindiging"), p.get("StatusAanlevering"),
        ))  # fmt: skip


def _jw323(f: Rijen, nr: int, tree: Tree) -> None:
    declaratie: Tree = tree.get("Declaratie") or _NONE
    nummer = declaratie.get("DeclaratieNummer")
    for client in _products(declaratie, "Clienten", "Client"):
        pseudo = f.client(client.get("Bsn"))
        f.add("clienten", nr, (pseudo, None, None, None))
        for p in _products(client, "Prestaties", "Prestatie"):
            referentie, periode = p.get("ProductReferentie") or _NONE, p.get("ProductPeriode") or _NONE
            f.add("prestaties", nr, (
                pseudo, nummer, referentie.get("ReferentieNummer"), referentie.get("VorigReferentieNummer"),
                p.get("ToewijzingNummer"), p.get("ProductCategorie"), p.get("ProductCode"),
                periode.get("Begindatum"), periode.get("Einddatum"), _int(p.get("GeleverdVolume")), p.get("Eenheid"),
                _int(p.get("ProductTarief")), _signed(p.get("IngediendBedrag") or _NONE),
            ))  # fmt: skip


def _jw325(f: Rijen, nr: int, tree: Tree) -> None:
    for client in _products(tree.get("DeclaratieAntwoord") or _NONE, "Clienten", "Client"):
        for p in _products(client, "Prestaties", "Prestatie"):
            codes = ";".join(c for c in items(p, "RetourCodes", "RetourCode") if isinstance(c, str))
            f.add("antwoorden", nr, (
                (p.get("ProductReferentie") or _NONE).get("ReferentieNummer"), codes,
                _signed(p.get("IngediendBedrag") or _NONE),
            ))  # fmt: skip


# Message types that feed trajectories and costs. The retour messages (302, 306, 308, 316, 318, 320) and the
# change requests (317, 319) are checked and registered (so they are not loaded twice) but carry no facts
# the store tables need: a changed allocation always arrives as a new JW301.
EXTRACTORS: dict[str, Callable[[Rijen, int, Tree], None]] = {
    "JW301": _jw301, "JW305": _jw305, "JW307": _jw307, "JW315": _jw315, "JW323": _jw323, "JW325": _jw325,
}  # fmt: skip


def gemeente_en_aanbieder(bericht: Bericht) -> tuple[str | None, str | None]:
    """The municipality (``GM`` + four digits) and the provider (AGB) of a message, whichever way it goes."""
    gemeente = aanbieder = None
    for code in (bericht.afzender, bericht.ontvanger):  # the first of each kind
        if len(code) == 4 and gemeente is None and code.isdigit():
            gemeente = f"GM{code}"
        elif len(code) == 8 and aanbieder is None and code.isdigit():
            aanbieder = code
    return gemeente, aanbieder


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
