"""The dashboard through Flask's test client on a small generated store: sign-in, CSRF, security headers,
every role's refusals, suppression for the council, rates per 1.000 and the access log."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from jeugdmonitor.engine.records import REGIO
from jeugdmonitor.web.app import maak_app
from tests.web_hulp import ANDER, EIGEN, WACHTWOORD, csrf_van, klein_store


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = maak_app(klein_store(tmp_path_factory.getbasetemp()))
    application.testing = True
    yield application
    application.extensions["bron"].close()


def inloggen(app: Flask, naam: str) -> FlaskClient:
    client = app.test_client()
    token = csrf_van(client.get("/inloggen").text)
    response = client.post("/inloggen", data={"csrf": token, "naam": naam, "wachtwoord": WACHTWOORD})
    assert response.status_code == 302, response.text
    return client


def test_without_signing_in_every_page_leads_to_the_sign_in(app: Flask) -> None:
    client = app.test_client()
    for path in ("/", f"/g/{EIGEN}/", "/regio", f"/g/{EIGEN}/werklijsten/bijna_18", "/beheer/toegangslog"):
        response = client.get(path)
        assert response.status_code == 302 and "/inloggen" in response.headers["Location"], path


def test_wrong_password_is_refused(app: Flask) -> None:
    client = app.test_client()
    token = csrf_van(client.get("/inloggen").text)
    response = client.post("/inloggen", data={"csrf": token, "naam": "beleid", "wachtwoord": "fout-wachtwoord"})
    assert response.status_code == 401 and "onjuist wachtwoord" in response.text


def test_every_form_needs_the_csrf_token(app: Flask) -> None:
    client = app.test_client()
    client.get("/inloggen")
    no_token = client.post("/inloggen", data={"naam": "beleid", "wachtwoord": WACHTWOORD})
    wrong = client.post("/inloggen", data={"csrf": "verzonnen", "naam": "beleid", "wachtwoord": WACHTWOORD})
    assert no_token.status_code == 400 and wrong.status_code == 400
    assert "CSRF" in no_token.text
    signed_in = inloggen(app, "beleid")
    assert signed_in.post("/uitloggen").status_code == 400  # signing out is a form too
    assert signed_in.post(f"/g/{EIGEN}/rapporten", data={"doelgroep": "raad"}).status_code == 400


def test_after_signing_in_only_a_local_next_page_is_followed(app: Flask) -> None:
    client = app.test_client()
    token = csrf_van(client.get("/inloggen").text)
    response = client.post("/inloggen", data={"csrf": token, "naam": "beleid", "wachtwoord": WACHTWOORD,
                                              "volgende": "//elders.example/"})  # fmt: skip
    assert response.headers["Location"] == "/"


def test_security_headers_and_session_cookie(app: Flask) -> None:
    client = app.test_client()
    response = client.get("/inloggen")
    csp = response.headers["Content-Security-Policy"]
    script_src = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
    assert script_src.strip() == "script-src 'self'"  # no inline script, no other origin
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "<script>" not in response.text and "http://" not in response.text.replace('href="http', "")


def test_a_tampered_session_cookie_is_not_accepted(app: Flask) -> None:
    client = inloggen(app, "beleid")
    cookie = client.get_cookie("jeugdmonitor_sessie")
    assert cookie is not None
    client.set_cookie("jeugdmonitor_sessie", cookie.value[:-3] + "abc")
    assert client.get(f"/g/{EIGEN}/").status_code == 302


# Every role's refusals: (user, path) that must answer 403.
WEIGERINGEN = [
    (naam, pad)
    for naam in ("raadslid", "wethouder", "beleid", "beheerder")
    for pad in (f"/g/{EIGEN}/werklijsten", f"/g/{EIGEN}/werklijsten/wachtend_boven_norm")
] + [
    (naam, pad)
    for naam in ("raadslid", "wethouder", "beleid", "teamleider", "consulent", "beheerder")
    for pad in (f"/g/{ANDER}/", f"/g/{ANDER}/indicator/kern.gebruik?per=wijk", f"/g/{ANDER}/rapporten",
                f"/g/{ANDER}/indicator/kern.gebruik/download.csv", f"/g/{ANDER}/doelen")
] + [
    ("teamleider", f"/g/{ANDER}/werklijsten/bijna_18"),
    ("teamleider", f"/g/{REGIO}/werklijsten/bijna_18"),
    ("consulent_ander", f"/g/{EIGEN}/werklijsten/bijna_18"),
    ("raadslid", "/beheer/toegangslog"),
    ("beleid", f"/g/{REGIO}/indicator/kern.gebruik?per=wijk"),  # the region's wijken are other municipalities' detail
    ("teamleider", "/beheer/toegangslog"),
]  # fmt: skip


@pytest.mark.parametrize(("naam", "pad"), WEIGERINGEN)
def test_refusals(app: Flask, naam: str, pad: str) -> None:
    response = inloggen(app, naam).get(pad)
    assert response.status_code == 403, response.text[:300]
    assert "Geen toegang" in response.text


@pytest.mark.parametrize(
    ("naam", "doelgroep", "gebied"),
    [("raadslid", "college", EIGEN), ("raadslid", "uitvoerenden", EIGEN), ("wethouder", "management", EIGEN),
     ("beleid", "uitvoerenden", EIGEN), ("consulent", "management", EIGEN), ("beheerder", "leidinggevenden", EIGEN),
     ("beleid", "management", REGIO), ("teamleider", "uitvoerenden", REGIO)],
)  # fmt: skip
def test_reports_a_role_may_not_produce_are_refused(app: Flask, naam: str, doelgroep: str, gebied: str) -> None:
    client = inloggen(app, naam)
    page = client.get(f"/g/{gebied}/rapporten").text
    assert f'value="{doelgroep}"' not in page  # not offered
    response = client.post(f"/g/{gebied}/rapporten", data={"csrf": csrf_van(page), "doelgroep": doelgroep,
                                                          "periode": "2025-T1", "formaat": "html"})  # fmt: skip
    assert response.status_code == 403


def test_refusals_are_logged_and_the_log_is_for_the_administrator(app: Flask) -> None:
    inloggen(app, "raadslid").get(f"/g/{EIGEN}/werklijsten/bijna_18")
    page = inloggen(app, "beheerder").get("/beheer/toegangslog?gebruiker=raadslid")
    assert page.status_code == 200
    assert f"GEWEIGERD /g/{EIGEN}/werklijsten/bijna_18" in page.text


def test_region_page_puts_each_municipality_per_1000_young_inhabitants(app: Flask) -> None:
    bron = app.extensions["bron"]
    page = inloggen(app, "beleid").get("/regio?indicator=kern.gebruik&periode=2024")
    assert page.status_code == 200
    inwoners = bron.inwoners("2024")
    for gebied in (EIGEN, ANDER, REGIO):
        waarde = bron.waarde("kern.gebruik", None, "2024", gebied).waarde
        # the definition: young persons in care ÷ inhabitants aged 0–17 × 1.000, one decimal, Dutch comma
        expected = f"{waarde / inwoners[(gebied, None)] * 1000:.1f}".replace(".", ",")
        assert expected in page.text, gebied
    assert "(gemiddelde)" in page.text


def _csv(client: FlaskClient, path: str) -> list[dict[str, str]]:
    response = client.get(path)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_the_council_sees_no_small_numbers_where_management_does(app: Flask) -> None:
    path = f"/g/{EIGEN}/indicator/kern.gebruik/download.csv?periode=2025-T1&per=aanbieder"
    beleid = _csv(inloggen(app, "beleid"), path)
    raad = _csv(inloggen(app, "raadslid"), path)

    def small(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return [r for r in rows if r["status"] in ("ok", "voorlopig") and r["waarde"] and 0 < float(r["waarde"]) < 5]

    assert small(beleid), "the split has counts from 1 to 4 (else this test shows nothing)"
    assert small(raad) == []
    assert {r["status"] for r in raad} >= {"onderdrukt"}
    assert len(raad) == len(beleid)  # the same cells, some hidden


def test_indicator_page_splits_per_wijk_per_1000(app: Flask) -> None:
    page = inloggen(app, "beleid").get(f"/g/{EIGEN}/indicator/kern.gebruik?periode=2024&per=wijk")
    assert page.status_code == 200
    assert "Waarom willen we dit weten" in page.text and "per 1.000" in page.text.lower()
    bron = app.extensions["bron"]
    wijken = [r for r in bron.split("kern.gebruik", "2024", "wijk") if r.gemeente == EIGEN and r.dimensies]
    inwoners = bron.inwoners("2024")
    checked = 0
    for r in wijken:
        n = inwoners.get((EIGEN, r.dimensies["wijk"]))
        if n and r.waarde:
            assert f"{r.waarde / n * 1000:.1f}".replace(".", ",") in page.text
            checked += 1
    assert checked >= 2


def test_work_list_views_are_logged_with_the_pseudonyms_shown(app: Flask) -> None:
    client = inloggen(app, "consulent")
    page = client.get(f"/g/{EIGEN}/werklijsten/einde_binnen_8_weken")
    assert page.status_code == 200 and "VERTROUWELIJK" in page.text
    regels = app.extensions["accounts"].logregels(gebruiker="consulent")
    shown = {r.pseudoniem for r in regels if r.pagina == f"/g/{EIGEN}/werklijsten/einde_binnen_8_weken"}
    assert shown, "the list is not empty in the test store"
    assert all(len(p) == 8 and p in page.text for p in shown)
    assert all(r.gemeente == EIGEN and r.rol == "consulent" for r in regels if r.pseudoniem in shown)


def test_uitvoerenden_report_logs_its_pseudonyms(app: Flask) -> None:
    client = inloggen(app, "teamleider")
    before = len(app.extensions["accounts"].logregels(gebruiker="teamleider"))
    token = csrf_van(client.get(f"/g/{EIGEN}/rapporten").text)
    response = client.post(f"/g/{EIGEN}/rapporten", data={"csrf": token, "doelgroep": "uitvoerenden",
                                                         "periode": "2025-T1", "formaat": "html"})  # fmt: skip
    assert response.status_code == 200 and "VERTROUWELIJK" in response.text
    assert "script-src" not in response.headers["Content-Security-Policy"]  # the report itself runs no script
    assert len(app.extensions["accounts"].logregels(gebruiker="teamleider")) > before


def test_data_quality_page_lists_the_delivery(app: Flask) -> None:
    page = inloggen(app, "beheerder").get("/kwaliteit")
    assert page.status_code == 200
    assert "Levering 1" in page.text and "jeugdhulp" in page.text and "Niet berekend" in page.text
