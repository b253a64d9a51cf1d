"""The PDF of a report: the same HTML as the HTML format, laid out for A4 by WeasyPrint.

One rendering path (issue 4): :func:`render_html` makes the page, with its own A4 print stylesheet (cover,
table of contents whose page numbers WeasyPrint fills in with ``target-counter()``, page numbers), and this
module turns it into a PDF without changing it. For a page without that front matter (a region's own HTML
template, say) it adds a cover, a table of contents and page numbers from the report model. Charts stay
inline SVG, so they are vector graphics in the PDF. Nothing is fetched from outside: the URL fetcher refuses
every URL except inline ``data:`` URLs, so a report renders the same offline and never leaks a request.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from jeugdmonitor.catalog.doelgroepen import shipped_doelgroepen
from jeugdmonitor.formatting import fmt_datum
from jeugdmonitor.outputs.rapport.model import Rapport

log = logging.getLogger(__name__)

_HEADING = re.compile(r"<h([1-4])([^>]*)>(.*?)</h\1>", re.S | re.I)
_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""", re.I)
_TAG = re.compile(r"<[^>]+>")
_NUMBER = re.compile(r"^\s*(?:Hoofdstuk\s+)?(\d+(?:\.\d+)*)\.?\s")

PRINT_CSS = """
@page {
  size: A4;
  margin: 22mm 18mm 24mm 18mm;
  @top-left { content: string(rapport); font-size: 8pt; color: #555; }
  @top-right { content: string(hoofdstuk); font-size: 8pt; color: #555; }
  @bottom-right { content: "pagina " counter(page) " van " counter(pages); font-size: 8pt; color: #555; }
  @bottom-left { content: string(vertrouwelijk); font-size: 8pt; color: #B00000; font-weight: bold; }
}
@page omslag { @top-left { content: none; } @top-right { content: none; } @bottom-right { content: none; } }
html { font-size: 10pt; }
body { margin: 0; max-width: none; }
.pdf-omslag { page: omslag; break-after: page; padding-top: 60mm; string-set: rapport attr(data-titel); }
.pdf-omslag .pdf-merk { font-size: 11pt; letter-spacing: 0.08em; text-transform: uppercase; color: #0072B2; }
.pdf-omslag h1 { font-size: 24pt; line-height: 1.2; margin: 6mm 0 10mm; border: none; }
.pdf-omslag .pdf-gebied { font-size: 18pt; margin: 0; }
.pdf-omslag .pdf-periode { font-size: 13pt; margin: 2mm 0 12mm; }
.pdf-omslag dl { display: grid; grid-template-columns: 35mm auto; row-gap: 1.5mm; font-size: 10pt; }
.pdf-omslag dt { font-weight: bold; }
.pdf-omslag dd { margin: 0; }
.pdf-vertrouwelijk { string-set: vertrouwelijk content(); border: 2px solid #B00000; color: #B00000;
  font-weight: bold; padding: 3mm; margin-top: 15mm; }
.pdf-inhoud { break-after: page; }
.pdf-inhoud h2 { font-size: 16pt; }
.pdf-inhoud ol { list-style: none; padding: 0; margin: 0; }
.pdf-inhoud li.pdf-hoofdstuk { font-weight: bold; margin-top: 3mm; }
.pdf-inhoud li.pdf-sectie { font-weight: normal; padding-left: 8mm; }
.pdf-inhoud a { color: inherit; text-decoration: none; }
.pdf-inhoud a::after { content: leader(". ") target-counter(attr(href url), page); }
.pdf-hoofdstuk-kop { break-before: page; string-set: hoofdstuk content(); }
table { break-inside: auto; }
tr, figure, svg, img { break-inside: avoid; }
thead { display: table-header-group; }
h1, h2, h3, h4 { break-after: avoid; }
svg { max-width: 100%; height: auto; }
"""


class OfflineFetcher(URLFetcher):
    """Refuses every URL except inline ``data:`` ones and remembers what was refused (for the tests)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data"})
        self.geweigerd: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if not url.startswith("data:"):
            self.geweigerd.append(url)
            raise ValueError(f"externe bron geweigerd (het rapport moet zonder netwerk werken): {url}")
        return super().fetch(url, headers)


def anker(nummer: str) -> str:
    """The id this module gives the heading of chapter or section ``nummer`` when it has none."""
    return "pdf-" + nummer.replace(".", "-")


def _mark_headings(page: str, numbers: set[str]) -> tuple[str, dict[str, str]]:
    """Give each chapter and section heading an id (keeping an existing one) and mark chapter headings.

    Headings are recognised by the number their text starts with ("1.4 In-, door- en uitstroom"), so this
    works with whatever markup the HTML template uses. Returns the page and number → id.
    """
    ids: dict[str, str] = {}

    def replace(match: re.Match[str]) -> str:
        level, attrs, inner = match.groups()
        text = htmllib.unescape(_TAG.sub("", inner))
        found = _NUMBER.match(text)
        if not found or found[1] not in numbers or found[1] in ids:
            return match[0]
        nummer = found[1]
        existing = _ID.search(attrs)
        ids[nummer] = existing[1] if existing else anker(nummer)
        if not existing:
            attrs += f' id="{ids[nummer]}"'
        if "." not in nummer:  # a chapter starts a new page and names the running header
            cls = re.search(r"""\bclass\s*=\s*["']([^"']*)["']""", attrs)
            if cls:
                attrs = attrs.replace(cls[0], f'class="{cls[1]} pdf-hoofdstuk-kop"')
            else:
                attrs += ' class="pdf-hoofdstuk-kop"'
        return f"<h{level}{attrs}>{inner}</h{level}>"

    return _HEADING.sub(replace, page), ids


def omslag_en_inhoud(rapport: Rapport, ids: dict[str, str]) -> str:
    """The cover and the table of contents as HTML; only headings found in the page get an entry."""
    e = htmllib.escape
    doelgroep = shipped_doelgroepen().get(rapport.doelgroep)
    facts = [
        ("Doelgroep", doelgroep.label if doelgroep else rapport.doelgroep),
        ("Periode", rapport.periode_tekst),
        ("Peildatum", fmt_datum(rapport.peildatum)),
    ]
    if rapport.onderdrukt:
        k = doelgroep.k if doelgroep else 5
        facts.append(("Kleine aantallen", f"1 tot en met {k - 1} staat er als '< {k}'"))
    rows = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts)
    secret = (
        '<p class="pdf-vertrouwelijk">VERTROUWELIJK – alleen voor geautoriseerde medewerkers; niet openbaar maken.</p>'
        if rapport.vertrouwelijk
        else ""
    )
    items = []
    for h in rapport.hoofdstukken:
        if h.nummer in ids:
            items.append(f'<li class="pdf-hoofdstuk"><a href="#{ids[h.nummer]}">{e(h.nummer)} {e(h.titel)}</a></li>')
        items += [
            f'<li class="pdf-sectie"><a href="#{ids[s.nummer]}">{e(s.nummer)} {e(s.titel)}</a></li>'
            for s in h.secties
            if s.nummer in ids
        ]
    return (
        f'<section class="pdf-omslag" data-titel="{e(rapport.titel)}">'
        f'<p class="pdf-merk">Jeugdhulpmonitor</p><h1>{e(rapport.titel)}</h1>'
        f'<p class="pdf-gebied">{e(rapport.gebied_naam)}</p><p class="pdf-periode">{e(rapport.periode_tekst)}</p>'
        f"<dl>{rows}</dl>{secret}</section>"
        f'<section class="pdf-inhoud"><h2>Inhoud</h2><ol>{"".join(items)}</ol></section>'
    )


def heeft_voorwerk(page: str) -> bool:
    """Whether the page brings its own cover and contents with page numbers (the report template does)."""
    return "target-counter(" in page and re.search(r"""class\s*=\s*["'][^"']*\bomslag\b""", page) is not None


def pdf_html(rapport: Rapport, page: str) -> str:
    """The page as WeasyPrint gets it: unchanged when it has its own front matter, else with the cover and
    contents inserted at the start of the body."""
    if heeft_voorwerk(page):
        return page
    numbers = {h.nummer for h in rapport.hoofdstukken} | {s.nummer for h in rapport.hoofdstukken for s in h.secties}
    page, ids = _mark_headings(page, numbers)
    front = omslag_en_inhoud(rapport, ids)
    body = re.search(r"<body[^>]*>", page, re.I)
    if body is None:
        return f"<html><body>{front}{page}</body></html>"
    return page[: body.end()] + front + page[body.end() :]


def schrijf_pdf(rapport: Rapport, path: Path, html: str | None = None, fetcher: OfflineFetcher | None = None) -> None:
    """Write ``rapport`` as an A4 PDF to ``path``.

    ``html`` is the rendered page when the caller has it already (the demo renders HTML once for both formats);
    ``fetcher`` lets a test see which external URLs were refused (there should be none).
    """
    if html is None:
        from jeugdmonitor.outputs.rapport.html import render_html  # the other half of the one rendering path

        html = render_html(rapport)
    fetcher = fetcher or OfflineFetcher()
    # the fallback stylesheet only for a page without its own print rules, so that it never fights them
    extra = [] if heeft_voorwerk(html) else [CSS(string=PRINT_CSS, url_fetcher=fetcher)]
    document = HTML(string=pdf_html(rapport, html), url_fetcher=fetcher, base_url=None)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(path, stylesheets=extra)
    for url in fetcher.geweigerd:
        log.warning("externe bron niet opgehaald: %s", url)
