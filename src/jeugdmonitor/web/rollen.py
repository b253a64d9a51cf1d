"""Roles of the dashboard and what each may see: the rules in one place, as data and small pure functions.

A role reads aggregates as one audience of ``catalog/doelgroepen.yaml`` (raad and college: suppressed), may
produce the reports of some audiences, and only ``teamleider`` and ``consulent`` see client-level work lists,
and only for a municipality in their own scope. Every user may read the region's aggregates; the detail of a
municipality (its indicator pages, splits, downloads, reports, work lists) only within the user's scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from jeugdmonitor.engine.records import REGIO


@dataclass(frozen=True)
class Rol:
    naam: str
    label: str
    doelgroep: str  # the audience whose suppression rule the role's aggregates follow
    rapporten: tuple[str, ...]  # audiences whose reports the role may produce
    werklijsten: bool = False  # client-level work lists (NEN 7513: every view is logged)
    beheer: bool = False  # may read the access log

    @property
    def strategisch(self) -> bool:
        return self.doelgroep in ("raad", "college")


ROLLEN: dict[str, Rol] = {
    r.naam: r
    for r in (
        Rol("raad", "Raadslid", "raad", ("raad",)),
        Rol("college", "Collegelid", "college", ("raad", "college")),
        Rol("management", "Management en beleid", "management", ("raad", "college", "management")),
        Rol("teamleider", "Teamleider", "leidinggevenden",
            ("raad", "college", "management", "leidinggevenden", "uitvoerenden"), werklijsten=True),
        Rol("consulent", "Consulent", "uitvoerenden", ("raad", "college", "uitvoerenden"), werklijsten=True),
        Rol("beheerder", "Functioneel beheerder", "management", ("raad", "college", "management"), beheer=True),
    )
}  # fmt: skip

CLIENTNIVEAU = ("uitvoerenden",)  # report audiences with client-level content


@dataclass(frozen=True)
class Gebruiker:
    """A signed-in user: name, role and the municipalities (CBS codes) in scope."""

    naam: str
    rol: Rol
    gemeenten: tuple[str, ...]

    def mag_gebied(self, gebied: str) -> bool:
        """Aggregates of the region for everyone; a municipality's detail only within scope."""
        return gebied == REGIO or gebied in self.gemeenten

    def mag_werklijsten(self, gebied: str) -> bool:
        """Client-level lists: teamleider or consulent, and only of a municipality in scope (never the region)."""
        return self.rol.werklijsten and gebied != REGIO and gebied in self.gemeenten

    def mag_rapport(self, doelgroep: str, gebied: str) -> bool:
        """A report of this audience about this area: the role must allow the audience; a client-level report
        follows the work-list rule, any other the area rule."""
        if doelgroep not in self.rol.rapporten:
            return False
        if doelgroep in CLIENTNIVEAU:
            return self.mag_werklijsten(gebied)
        return self.mag_gebied(gebied)

    def dekt(self, gemeenten: list[str]) -> bool:
        """Whether the scope covers all these municipalities: only then is the region's detail (per wijk, the
        region's unsuppressed reports) no other municipality's detail."""
        return set(gemeenten) <= set(self.gemeenten)

    def ziet_onderdrukt(self) -> bool:
        return self.rol.strategisch


def rol(naam: str) -> Rol:
    """The role ``naam``; a Dutch error naming the roles that exist."""
    try:
        return ROLLEN[naam]
    except KeyError:
        raise ValueError(f"onbekende rol '{naam}'; kies uit {', '.join(ROLLEN)}") from None
