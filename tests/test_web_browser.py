"""The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright, against the server as
``jeugdmonitor serve`` runs it (waitress, loopback). Log in, navigate, drill down, add a duiding and find it in a
report, try the forbidden paths, check the access log, and screenshot the main pages."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, sync_playwright

from tests.web_hulp import ANDER, EIGEN, WACHTWOORD, klein_store, live_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]  # fmt: skip


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(klein_store(tmp_path_factory.getbasetemp())) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "make test installs Debian's chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser, url: str) -> Iterator[Page]:
    """A fresh browser context (own cookies) that fails the test on a console error or an outside request."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.set_default_timeout(120_000)  # a first visit may evaluate the goal trees; a busy CI machine is slow
    errors: list[str] = []
    outside: list[str] = []
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" and "403" not in m.text else None)
    p.on("request", lambda r: outside.append(r.url) if not r.url.startswith((url, "data:")) else None)
    yield p
    context.close()
    assert outside == [], "the dashboard works offline: no request leaves the server"
    assert errors == [], "no console errors (a CSP violation by inline script would show here)"


def inloggen(page: Page, url: str, naam: str) -> None:
    page.goto(url + "/")
    assert "/inloggen" in page.url
    page.fill("input[name=naam]", naam)
    page.fill("input[name=wachtwoord]", WACHTWOORD)
    page.click("form.inloggen button[type=submit]")
    page.wait_for_selector("main h1")


def niet_leeg(png: bytes) -> bool:
    """A screenshot with content: more than a few colours (a blank or one-colour page has one or two)."""
    image = Image.open(io.BytesIO(png)).convert("RGB").resize((160, 112))
    return len(image.getcolors(maxcolors=160 * 112) or []) > 20


def test_log_in_navigate_and_drill_down(page: Page, url: str) -> None:
    inloggen(page, url, "beleid")
    assert page.url.endswith(f"/g/{EIGEN}/")
    assert page.locator("article.kaart").count() >= 6
    assert niet_leeg(page.screenshot(full_page=True))
    page.click("article.kaart h2 a >> nth=0")  # the first key figure: young persons in care
    page.wait_for_selector("text=Waarom willen we dit weten")
    assert "/indicator/kern.gebruik" in page.url
    assert page.locator("figure.grafiek svg").count() == 1
    page.click("nav.tabs a:has-text('wijk')")
    page.wait_for_selector("table.tabel >> nth=1")
    assert "Per 1.000" in page.inner_text("main")
    assert niet_leeg(page.screenshot(full_page=True))
    page.click("nav.tabs a:has-text('aanbieder')")
    page.wait_for_selector("text=per aanbieder")
    page.click("nav.hoofdmenu a:has-text('Regio')")
    page.wait_for_selector("text=Per 1.000 inwoners 0–17")
    assert page.locator("table.tabel tbody tr").count() == 3  # two municipalities and the region
    assert niet_leeg(page.screenshot(full_page=True))
    page.select_option("select[name=indicator]", "kern.wachtlijst")  # the script submits on change
    page.wait_for_url("**indicator=kern.wachtlijst**")
    page.click("table.tabel a:has-text('Borne')")  # drill down into the own municipality
    page.wait_for_selector("text=Wachtlijst op een datum")
    for path in ("/kwaliteit", f"/g/{EIGEN}/doelen", f"/g/{EIGEN}/rapporten"):
        page.goto(url + path)
        assert niet_leeg(page.screenshot()), path


def test_another_municipality_is_not_offered_and_refused_by_url(page: Page, url: str) -> None:
    inloggen(page, url, "beleid")
    assert "Oldenzaal" not in page.inner_text("nav.gebieden")
    response = page.goto(url + f"/g/{ANDER}/indicator/kern.gebruik?per=wijk")
    assert response is not None and response.status == 403
    assert "Geen toegang" in page.inner_text("h1")
    page.goto(url + "/regio")
    assert page.locator("table.tabel a:has-text('Oldenzaal')").count() == 0  # no link into its detail


def test_a_council_member_opening_a_work_list_by_url_is_refused(page: Page, url: str) -> None:
    inloggen(page, url, "raadslid")
    assert page.locator("nav.hoofdmenu a:has-text('Werklijsten')").count() == 0
    response = page.goto(url + f"/g/{EIGEN}/werklijsten/wachtend_boven_norm")
    assert response is not None and response.status == 403
    assert "alleen voor teamleiders en consulenten" in page.inner_text("main")
    response = page.goto(url + "/beheer/toegangslog")
    assert response is not None and response.status == 403


def test_work_list_views_are_in_the_access_log(browser: Browser, page: Page, url: str) -> None:
    inloggen(page, url, "consulent")
    page.click("nav.hoofdmenu a:has-text('Werklijsten')")
    page.click("nav.tabs a:has-text('binnen 8 weken')")
    page.wait_for_selector("text=VERTROUWELIJK")
    first = page.inner_text("table.tabel tbody tr >> nth=0 >> th")
    assert len(first) == 8
    beheer = browser.new_context().new_page()
    inloggen(beheer, url, "beheerder")
    beheer.goto(url + f"/beheer/toegangslog?pseudoniem={first}")
    rows = beheer.inner_text("#toegangslog tbody")
    assert "consulent" in rows and f"/g/{EIGEN}/werklijsten/einde_binnen_8_weken" in rows and first in rows
    beheer.context.close()


def test_add_a_duiding_and_see_it_in_the_report(page: Page, url: str) -> None:
    inloggen(page, url, "beleid")
    page.goto(url + f"/g/{EIGEN}/indicator/kern.gebruik?periode=2025-T1")
    page.click("text=Duiding toevoegen of lezen")
    tekst = "De daling in Borne komt door de nieuwe praktijkondersteuner jeugd bij de huisartsen."
    page.select_option("select[name=periode]", "2025-T1")
    page.fill("textarea[name=tekst]", tekst)
    page.click("form.duiding-form button[type=submit]")
    page.wait_for_selector(f"text={tekst}")
    page.goto(url + f"/g/{EIGEN}/indicator/kern.gebruik?periode=2025-T1")
    assert tekst in page.inner_text("section.duiding")
    page.goto(url + f"/g/{EIGEN}/rapporten")
    page.check("input[value=management]")
    page.select_option("select[name=periode]", "2025-T1")
    page.select_option("select[name=formaat]", "html")
    page.click("form.rapport-form button[type=submit]")
    page.wait_for_selector("section.omslag", timeout=120_000)
    assert tekst in page.inner_text("body")
