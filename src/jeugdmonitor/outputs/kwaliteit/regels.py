"""The norms of the data-quality report: thresholds, and on which rows a column is expected to be filled.

Completeness is the share of rows in which a column is filled, counted only over the rows where the
contract expects a value: ``reden_beeindiging`` only where ``einddatum`` is set, ``begindatum`` only on
trajectories that were not cancelled. Where an empty cell carries meaning (``einddatum`` empty = still
running) completeness is not applicable and only validity counts.
"""

from __future__ import annotations

from dataclasses import dataclass

VOLLEDIGHEID_MIN = 0.95  # a basisgegeven counts as aanwezig from 95% filled ...
GELDIGHEID_MIN = 0.98  # ... and 98% of the filled values without a melding
MAX_VOORBEELDEN = 3  # examples per rule in the report
MAX_MELDINGEN = 50  # errors and warnings listed one by one


@dataclass(frozen=True)
class Toepassing:
    """Where a column is expected to be filled. ``sql`` is a condition on the staged table's columns
    (``kolommen`` lists those it reads; when one was not delivered, ``anders`` applies, else all rows);
    ``nvt`` means an empty cell is a valid answer everywhere (``einddatum`` empty = still running)."""

    omschrijving: str
    sql: str | None = None
    kolommen: tuple[str, ...] = ()
    nvt: bool = False
    anders: Toepassing | None = None


def _nvt(reden: str) -> Toepassing:
    return Toepassing(f"n.v.t.: leeg is {reden}", nvt=True)


ALLE_RIJEN = Toepassing("alle rijen")

_ENDED = Toepassing(
    "beëindigde trajecten", "einddatum IS NOT NULL AND begindatum IS NOT NULL", ("einddatum", "begindatum")
)
_WITH_END = Toepassing("rijen met einddatum", "einddatum IS NOT NULL", ("einddatum",))
_NO_TRAJECT = Toepassing("rijen zonder traject_id", "traject_id IS NULL", ("traject_id",))
_CLIENT_BOUND = Toepassing(  # subsidies and availability funding have no client, product or financing
    "cliëntgebonden rijen zonder traject_id",
    "traject_id IS NULL AND soort IN ('declaratie', 'pgb')",
    ("traject_id", "soort"),
    anders=_NO_TRAJECT,
)


def _not_derivable(other: str) -> Toepassing:
    """kosten.perceel/productgroep: needed only where neither the trajectory, the product nor the other says it."""
    return Toepassing(
        f"rijen zonder traject_id, product en {other}",
        f"traject_id IS NULL AND product IS NULL AND {other} IS NULL",
        ("traject_id", "product", other),
        anders=Toepassing("rijen zonder traject_id en product", "traject_id IS NULL AND product IS NULL",
                          ("traject_id", "product"), anders=_NO_TRAJECT),
    )  # fmt: skip


_JB_JR = Toepassing("maatregelen JB en JR", "kader IN ('JB', 'JR')", ("kader",))
_DISCUSSED = Toepassing("besproken cliënten", "datum_bespreking IS NOT NULL", ("datum_bespreking",))

TOEPASSING: dict[tuple[str, str], Toepassing] = {
    ("jeugdigen", "wijk"): _nvt("af te leiden uit de postcode"),
    ("jeugdhulp", "gemeente"): _nvt("de gemeente van de jeugdige"),
    ("jeugdhulp", "begindatum"): Toepassing(
        "niet-geannuleerde trajecten", "NOT (begindatum IS NULL AND einddatum IS NOT NULL)", ("begindatum", "einddatum")
    ),
    ("jeugdhulp", "einddatum"): _nvt("lopend"),
    ("jeugdhulp", "toewijzing_einddatum"): _nvt("zonder einde"),
    ("jeugdhulp", "reden_beeindiging"): _WITH_END,
    ("jeugdhulp", "doelrealisatie"): _ENDED,
    ("jeugdhulp", "uitstroom_bestemming"): Toepassing("n.v.t.: alleen bij verblijf", nvt=True),
    ("maatregelen", "einddatum"): _nvt("lopend"),
    ("maatregelen", "reden_beeindiging"): _WITH_END,
    ("maatregelen", "type"): _JB_JR,
    ("maatregelen", "datum_eerste_contact"): _JB_JR,
    ("maatregelen", "erkende_interventie"): Toepassing("maatregelen JR", "kader = 'JR'", ("kader",)),
    ("pgb", "einddatum"): _nvt("lopend"),
    ("plaatsingen", "einddatum"): _nvt("lopend"),
    ("aanmeldingen", "afsluitdatum"): _nvt("lopend"),
    ("jb_tafel", "datum_afwijzing"): _nvt("niet afgewezen"),
    ("jb_tafel", "datum_bespreking"): Toepassing(
        "niet-afgewezen verzoeken", "datum_afwijzing IS NULL", ("datum_afwijzing",)
    ),
    ("jb_tafel", "besluit"): _DISCUSSED,
    ("jb_tafel", "client_aanwezig"): _DISCUSSED,
    ("kosten", "client"): _CLIENT_BOUND,
    ("kosten", "product"): _CLIENT_BOUND,
    ("kosten", "financiering"): _CLIENT_BOUND,
    ("kosten", "aanbieder"): _NO_TRAJECT,
    ("kosten", "perceel"): _not_derivable("productgroep"),
    ("kosten", "productgroep"): _not_derivable("perceel"),
    ("budget", "perceel"): Toepassing("rijen zonder productgroep", "productgroep IS NULL", ("productgroep",)),
    ("budget", "productgroep"): Toepassing("rijen zonder perceel", "perceel IS NULL", ("perceel",)),
    ("budget", "financiering"): _nvt("ZIN en pgb samen"),
    ("budget", "maand"): _nvt("het hele jaar"),
    ("bevolking", "wijk"): _nvt("de hele gemeente"),
    ("clientervaring", "aanbieder"): _nvt("alle aanbieders"),
    ("clientervaring", "productgroep"): _nvt("alle productgroepen"),
    ("veilig_thuis", "route"): Toepassing("meldingen", "soort = 'melding'", ("soort",)),
    ("veilig_thuis", "uitkomst"): Toepassing("onderzoeken door Veilig Thuis", "route = 'onderzoek_vt'", ("route",)),
}


def toepassing(tabel: str, kolom: str, present: tuple[str, ...]) -> Toepassing:
    """The rule for a column: the first of the rule and its fallbacks whose columns were delivered."""
    rule: Toepassing | None = TOEPASSING.get((tabel, kolom), ALLE_RIJEN)
    while rule is not None:
        if not rule.sql or set(rule.kolommen) <= set(present):
            return rule
        rule = rule.anders
    return ALLE_RIJEN
