"""Roles of the dashboard: who may see which area, work list and report (pure rules, no server)."""

from __future__ import annotations

import pytest

from jeugdmonitor.web.rollen import ROLLEN, Gebruiker, rol

EIGEN, ANDER = "GM0147", "GM0173"


def gebruiker(rolnaam: str, *gemeenten: str) -> Gebruiker:
    return Gebruiker("test", rol(rolnaam), gemeenten or (EIGEN,))


def test_the_six_roles_exist_with_their_audience() -> None:
    assert {naam: r.doelgroep for naam, r in ROLLEN.items()} == {
        "raad": "raad",
        "college": "college",
        "management": "management",
        "teamleider": "leidinggevenden",
        "consulent": "uitvoerenden",
        "beheerder": "management",
    }
    assert [naam for naam, r in ROLLEN.items() if r.strategisch] == ["raad", "college"]


@pytest.mark.parametrize("rolnaam", list(ROLLEN))
def test_every_role_sees_its_own_area_and_the_region_but_never_another_municipality(rolnaam: str) -> None:
    u = gebruiker(rolnaam)
    assert u.mag_gebied(EIGEN) and u.mag_gebied("regio")
    assert not u.mag_gebied(ANDER)


@pytest.mark.parametrize(
    ("rolnaam", "mag"),
    [("raad", False), ("college", False), ("management", False), ("beheerder", False), ("teamleider", True),
     ("consulent", True)],
)  # fmt: skip
def test_work_lists_only_for_teamleider_and_consulent_of_their_own_municipality(rolnaam: str, mag: bool) -> None:
    u = gebruiker(rolnaam)
    assert u.mag_werklijsten(EIGEN) is mag
    assert not u.mag_werklijsten(ANDER)
    assert not u.mag_werklijsten("regio")  # the region's list would show every municipality's clients


def test_reports_follow_the_role_and_client_level_follows_the_work_list_rule() -> None:
    raad, consulent, teamleider = gebruiker("raad"), gebruiker("consulent"), gebruiker("teamleider")
    assert raad.mag_rapport("raad", EIGEN) and raad.mag_rapport("raad", "regio")
    assert not raad.mag_rapport("college", EIGEN)
    assert not raad.mag_rapport("management", EIGEN)
    assert not raad.mag_rapport("uitvoerenden", EIGEN)
    assert consulent.mag_rapport("uitvoerenden", EIGEN)
    assert not consulent.mag_rapport("uitvoerenden", "regio")
    assert not consulent.mag_rapport("uitvoerenden", ANDER)
    assert not consulent.mag_rapport("management", EIGEN)
    assert teamleider.mag_rapport("leidinggevenden", EIGEN) and not teamleider.mag_rapport("raad", ANDER)


def test_a_user_of_two_municipalities_sees_both() -> None:
    u = gebruiker("teamleider", EIGEN, ANDER)
    assert u.mag_werklijsten(EIGEN) and u.mag_werklijsten(ANDER)


def test_unknown_role_is_refused_in_dutch() -> None:
    with pytest.raises(ValueError, match="onbekende rol 'wethouder'"):
        rol("wethouder")
