"""The command line: each command parses its options and makes one call into the library."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any

import click

from jeugdmonitor.errors import DeliveryRejected, Melding, UserError

EXIT_REJECTED = 2
MAX_SHOWN = 50  # problems printed per run; the rest are counted


def _print_meldingen(meldingen: list[Melding], total: int | None = None) -> None:
    """Print the first problems to stderr; ``total`` counts all of them (the list may be a sample)."""
    total = len(meldingen) if total is None else total
    for m in meldingen[:MAX_SHOWN]:
        click.echo(str(m), err=True)
    shown = min(len(meldingen), MAX_SHOWN)
    if total > shown:
        click.echo(f"... en nog {total - shown} meldingen (zie 'jeugdmonitor check').", err=True)


def friendly_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn failures into Dutch messages and the exit codes of interface.md: 2 rejected input, 1 other."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DeliveryRejected as exc:
            _print_meldingen(exc.meldingen, exc.aantal_fouten)
            click.echo(f"De levering is afgekeurd ({exc.aantal_fouten} fout(en)); er is niets geladen.", err=True)
            sys.exit(EXIT_REJECTED)
        except UserError as exc:
            click.echo(f"Fout: {exc}", err=True)
            sys.exit(1)
        except click.exceptions.Exit:
            raise
        except Exception as exc:  # last resort: never a bare traceback
            click.echo(f"Onverwachte fout: {type(exc).__name__}: {exc}", err=True)
            sys.exit(1)

    return wrapper


class DateType(click.ParamType):
    name = "datum"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"'{value}' is geen datum (JJJJ-MM-DD)", param, ctx)


@click.group(help="Jeugdhulpmonitor: beleids- en stuurinformatie jeugdhulp voor gemeenten en regio's.")
@click.version_option(package_name="jeugdmonitor", message="jeugdmonitor %(version)s")
def main() -> None:
    pass


@main.command(
    help="Maak een synthetische maar realistische demolevering (CSV volgens het gegevenscontract, "
    "of als iJw-berichten)."
)
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help="Map voor de levering.")
@click.option("--gemeenten", default=None, help="CBS-codes, komma-gescheiden (standaard: de demoregio).")
@click.option("--van", "van", type=DateType(), default="2021-01-01", show_default=True, help="Eerste dag.")
@click.option("--tot", "tot", type=DateType(), default=None, help="Peildatum (standaard: 2025-10-31).")
@click.option("--seed", type=int, default=2025, show_default=True, help="Startwaarde van het toeval.")
@click.option(
    "--schaal",
    type=click.Choice(["gemeente", "regio", "nationaal"]),
    default="regio",
    show_default=True,
    help="gemeente: Hengelo; regio: vier Twentse gemeenten; nationaal: alle 342 gemeenten.",
)
@click.option("--formaat", type=click.Choice(["csv", "ijw"]), default="csv", show_default=True,
              help="csv: tabellen volgens het gegevenscontract; ijw: iJw 3.2-berichten (zip per dag en afzender) "
              "met de tabellen die niet als bericht reizen als CSV ernaast.")  # fmt: skip
@friendly_errors
def generate(
    out: Path, gemeenten: str | None, van: date, tot: date | None, seed: int, schaal: str, formaat: str
) -> None:
    from jeugdmonitor.demo import generate_delivery

    codes = [g.strip().upper() for g in gemeenten.split(",")] if gemeenten else None
    if formaat == "ijw":
        from jeugdmonitor.demo.ijw import generate_ijw

        click.echo(generate_ijw(out, gemeenten=codes, van=van, tot=tot, seed=seed, schaal=schaal).describe())
        return
    summary = generate_delivery(out, gemeenten=codes, van=van, tot=tot, seed=seed, schaal=schaal)
    click.echo(summary.describe())


@main.command(help="Laad een levering (map met CSV/XLSX-bestanden en/of iJw-berichten) in een store.")
@click.argument("map_", metavar="MAP", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--store", type=click.Path(path_type=Path), required=True, help="Het DuckDB-bestand.")
@click.option("--indicatoren/--geen-indicatoren", "indicatoren", default=True, show_default=True,
              help="Bereken na het laden alle indicatoren opnieuw en bewaar ze in de store.")  # fmt: skip
@click.option("--xsd", type=click.Path(path_type=Path, exists=True, file_okay=False), default=None,
              help="Map met de iJw-XSD's om berichten tegen te controleren (anders JEUGDMONITOR_IJW_XSD).")  # fmt: skip
@friendly_errors
def load(map_: Path, store: Path, indicatoren: bool, xsd: Path | None) -> None:
    from jeugdmonitor.sources.ijw.werk import early_workers, xsd_text

    with early_workers(map_, xsd_text(xsd)):  # iJw readers start while the loader is imported
        from jeugdmonitor.store.loader import load_delivery

        result = load_delivery(map_, store, xsd=xsd)
    _print_meldingen(result.meldingen, result.warning_count)
    click.echo(result.describe())
    if indicatoren and result.already_loaded_at is None:
        from jeugdmonitor.engine.opslag import store_results
        from jeugdmonitor.formatting import fmt_getal

        try:
            computed = store_results(store)
        except Exception as exc:  # the delivery itself is loaded and committed; say so plainly
            click.echo(
                f"De levering is geladen, maar het berekenen van de indicatoren is mislukt ({type(exc).__name__}: "
                f"{str(exc).splitlines()[0]}). Probeer 'jeugdmonitor indicators' voor een deel van de set.",
                err=True,
            )
            sys.exit(1)
        click.echo(f"Indicatoren opnieuw berekend en bewaard: {fmt_getal(computed)} uitkomsten.")


@main.command(help="Controleer een levering en toon het kwaliteitsrapport (ook als HTML en JSON).")
@click.argument("map_", metavar="MAP", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--out", "out", type=click.Path(path_type=Path), default=None, help="Map voor HTML en JSON.")
@friendly_errors
def check(map_: Path, out: Path | None) -> None:
    from jeugdmonitor.outputs.kwaliteit import run_check

    report = run_check(map_, out)
    click.echo(report.render_terminal())
    if report.rejected:
        _print_meldingen([m for m in report.eerste_meldingen if m.niveau == "fout"], report.fouten)
        click.echo(f"De levering zou worden afgekeurd ({report.fouten} fout(en)).", err=True)
        sys.exit(EXIT_REJECTED)


@main.command(help="Bereken indicatoren voor een periode; uitvoer als JSON, CSV of leesbare tabel.")
@click.option("--store", type=click.Path(path_type=Path), default=None, help="Een geladen store (DuckDB-bestand).")
@click.option("--data", type=click.Path(path_type=Path, exists=True, file_okay=False), default=None,
              help="Een levering; wordt in een tijdelijke store geladen.")  # fmt: skip
@click.option(
    "--periode", required=True, help="Periode(n), komma-gescheiden: 2024, 2024-H1, 2024-T2, 2024-Q3, 2024-03."
)
@click.option("--set", "set_", default=None, help="Alleen de indicatoren van deze set (hengelo, h10, twente, …).")
@click.option(
    "--indicator", "indicatoren", multiple=True, help="Een indicator, bijvoorbeeld kern.stromen (herhaalbaar)."
)
@click.option("--per", "per", multiple=True, help="Uitsplitsen naar een dimensie, bijvoorbeeld productgroep.")
@click.option("--gemeente", default=None, help="Alleen deze gemeente (CBS-code) of 'regio'.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "table"]), default="table", show_default=True,
              help="json: lijst van uitkomsten; csv: één regel per uitkomst; table: leesbare tabel.")  # fmt: skip
@friendly_errors
def indicators(
    store: Path | None, data: Path | None, periode: str, set_: str | None, indicatoren: tuple[str, ...],
    per: tuple[str, ...], gemeente: str | None, fmt: str,
) -> None:  # fmt: skip
    from jeugdmonitor.engine.perioden import parse
    from jeugdmonitor.engine.runner import compute, select_indicators
    from jeugdmonitor.outputs.export import to_csv, to_json, to_table
    from jeugdmonitor.store.connect import open_store

    chosen, not_computable = select_indicators(set_, indicatoren)
    if not_computable:
        click.echo(f"Nog niet berekenbaar (volgt): {', '.join(not_computable)}", err=True)
    periods = [parse(p) for p in periode.split(",")]
    with open_store(store=store, data=data, note=lambda text: click.echo(text, err=True)) as con:
        records = compute(con, chosen, periods, per=per)
    if gemeente:
        records = [r for r in records if r.gemeente == gemeente.upper() or r.gemeente == gemeente]
    render = {"json": to_json, "csv": to_csv, "table": to_table}[fmt]
    click.echo(render(records))


@main.command(help="Maak een rapportage voor een doelgroep (raad, college, management, leidinggevenden, "
              "uitvoerenden) als HTML, PDF of Excel-tabellenboek.")  # fmt: skip
@click.option("--store", type=click.Path(path_type=Path), default=None, help="Een geladen store (DuckDB-bestand).")
@click.option("--data", type=click.Path(path_type=Path, exists=True, file_okay=False), default=None,
              help="Een levering; wordt in een tijdelijke store geladen.")  # fmt: skip
@click.option("--doelgroep", required=True,
              type=click.Choice(["raad", "college", "management", "leidinggevenden", "uitvoerenden"]),
              help="Voor wie de rapportage is; bepaalt sjabloon en afscherming van kleine aantallen.")  # fmt: skip
@click.option("--periode", required=True, help="De rapportageperiode, bijvoorbeeld 2025-T2, 2025-H1 of 2025.")
@click.option("--gemeente", default="regio", show_default=True,
              help="De gemeente (CBS-code, bijvoorbeeld GM0164) of 'regio' voor de regio als geheel.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "xlsx"]), default="html", show_default=True,
              help="html: zelfstandige webpagina; pdf: A4-document; xlsx: Excel-tabellenboek.")  # fmt: skip
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help="Het bestand dat wordt geschreven.")
@click.option("--sjablonen", "sjablonen", type=click.Path(path_type=Path, exists=True, file_okay=False), multiple=True,
              help="Map met eigen sjablonen (raad.yaml, ...); gaat voor de meegeleverde (herhaalbaar).")  # fmt: skip
@friendly_errors
def report(
    store: Path | None, data: Path | None, doelgroep: str, periode: str, gemeente: str, fmt: str, out: Path,
    sjablonen: tuple[Path, ...],
) -> None:  # fmt: skip
    from jeugdmonitor.outputs.rapport.bouw import bouw_rapport
    from jeugdmonitor.store.connect import open_store

    with open_store(store=store, data=data, note=lambda text: click.echo(text, err=True)) as con:
        rapport = bouw_rapport(con, doelgroep, periode, gemeente, sjablonen)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "pdf":
        from jeugdmonitor.outputs.rapport.pdf import schrijf_pdf

        schrijf_pdf(rapport, out)
    elif fmt == "xlsx":
        from jeugdmonitor.outputs.rapport.xlsx import schrijf_xlsx

        schrijf_xlsx(rapport, out)
    else:
        from jeugdmonitor.outputs.rapport.html import render_html

        out.write_text(render_html(rapport), encoding="utf-8")
    if rapport.vertrouwelijk:
        click.echo("Let op: deze rapportage bevat gegevens op cliëntniveau en is VERTROUWELIJK.", err=True)
    click.echo(f"Rapportage geschreven: {out}", err=True)


@main.command(help="Het definitieoverzicht: elke indicator met definitie, waarom, eenheid, norm en bron.")
@click.option("--set", "set_", default=None, help="Alleen deze set (hengelo, h10, twente, uitkomst, kern).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True,
              help="md: Markdown; html: zelfstandige webpagina; json: lijst van indicatoren.")  # fmt: skip
@friendly_errors
def catalog(set_: str | None, fmt: str) -> None:
    from jeugdmonitor.outputs.definities import render_catalog

    click.echo(render_catalog(set_, fmt))  # type: ignore[arg-type]


@main.command(help="Start het dashboard op een store (alleen in een gesloten netwerk; accounts: 'jeugdmonitor user').")
@click.option("--store", type=click.Path(path_type=Path, exists=True, dir_okay=False), required=True,
              help="De store (DuckDB-bestand) met berekende indicatoren.")  # fmt: skip
@click.option("--host", default="127.0.0.1", show_default=True, help="Adres waarop de server luistert.")
@click.option("--port", type=int, default=8000, show_default=True, help="Poort.")
@click.option("--threads", type=int, default=8, show_default=True, help="Gelijktijdige verzoeken.")
@click.option("--https-achter-proxy", "https", is_flag=True, help="Sessiecookie alleen over HTTPS (achter een proxy).")
@friendly_errors
def serve(store: Path, host: str, port: int, threads: int, https: bool) -> None:
    from jeugdmonitor.web.server import serve as run_server

    run_server(store, host, port, threads, https, note=lambda text: click.echo(text, err=True))


@main.group(help="Accounts van het dashboard: toevoegen, tonen, verwijderen.")
def user() -> None:
    pass


@user.command("add", help="Voeg een account toe; het wachtwoord wordt gevraagd (of via standaardinvoer gegeven).")
@click.argument("naam")
@click.option("--store", type=click.Path(path_type=Path, exists=True, dir_okay=False), required=True,
              help="De store waarbij het account hoort.")  # fmt: skip
@click.option("--rol", required=True, type=click.Choice(["raad", "college", "management", "teamleider", "consulent",
              "beheerder"]), help="Wat de gebruiker mag zien.")  # fmt: skip
@click.option("--gemeente", "gemeenten", multiple=True, required=True,
              help="CBS-code van een gemeente waarvan de gebruiker details ziet (herhaalbaar).")  # fmt: skip
@click.option("--wachtwoord-stdin", "stdin", is_flag=True, help="Lees het wachtwoord van standaardinvoer.")
@friendly_errors
def user_add(naam: str, store: Path, rol: str, gemeenten: tuple[str, ...], stdin: bool) -> None:
    from jeugdmonitor.web.accounts import Accounts

    if stdin:
        wachtwoord = sys.stdin.readline().rstrip("\n")
    else:
        wachtwoord = click.prompt("Wachtwoord", hide_input=True, confirmation_prompt="Herhaal het wachtwoord")
    added = Accounts(store).voeg_toe(naam, wachtwoord, rol, [g for item in gemeenten for g in item.split(",")])
    click.echo(f"Account {added.naam} toegevoegd: {added.rol.label}, {', '.join(added.gemeenten)}.")


@user.command("list", help="Toon de accounts van een store.")
@click.option("--store", type=click.Path(path_type=Path, exists=True, dir_okay=False), required=True)
@friendly_errors
def user_list(store: Path) -> None:
    from jeugdmonitor.web.accounts import Accounts

    for u in Accounts(store).gebruikers():
        click.echo(f"{u.naam}\t{u.rol.naam}\t{','.join(u.gemeenten)}")


@user.command("remove", help="Verwijder een account (het toegangslog blijft bewaard).")
@click.argument("naam")
@click.option("--store", type=click.Path(path_type=Path, exists=True, dir_okay=False), required=True)
@friendly_errors
def user_remove(naam: str, store: Path) -> None:
    from jeugdmonitor.web.accounts import Accounts

    Accounts(store).verwijder(naam)
    click.echo(f"Account {naam} verwijderd.")


@main.command(help="Bouw de demoregio: genereren, laden, controleren; toont waar alles staat.")
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Map voor levering, store en rapporten.",
)
@friendly_errors
def demo(out: Path) -> None:
    from jeugdmonitor.demo.run import run_demo

    click.echo(run_demo(out))


@main.command(help="Toets de doelenbomen (streefwaarden) voor een periode: status, waarde, verwachte waarde en "
              "waarom, per doel en indicator.")  # fmt: skip
@click.option("--store", type=click.Path(path_type=Path), default=None, help="Een geladen store (DuckDB-bestand).")
@click.option("--data", type=click.Path(path_type=Path, exists=True, file_okay=False), default=None,
              help="Een levering; wordt in een tijdelijke store geladen.")  # fmt: skip
@click.option("--periode", required=True, help="Het jaar (2025) of een periode erin (2025-T2: het jaar tot en met T2).")
@click.option("--gemeente", default=None, help="Een gemeente (CBS-code); standaard de regio.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table: leesbaar overzicht; json: de bomen met elke toetsing.")  # fmt: skip
@click.option("--doelbomen", type=click.Path(path_type=Path, exists=True), multiple=True,
              help="Eigen doelenboom (YAML-bestand of map); vervangt een meegeleverde met dezelfde naam "
              "(herhaalbaar).")  # fmt: skip
@click.option("--maatregelen", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=None,
              help="Beheersmaatregelen uit een bestand (CSV of YAML) in plaats van uit de levering.")  # fmt: skip
@friendly_errors
def doelen(
    store: Path | None, data: Path | None, periode: str, gemeente: str | None, fmt: str,
    doelbomen: tuple[Path, ...], maatregelen: Path | None,
) -> None:  # fmt: skip
    from jeugdmonitor.catalog.doelen import DoelenError
    from jeugdmonitor.engine.doelen import evalueer
    from jeugdmonitor.outputs.doelen import als_json, als_tabel
    from jeugdmonitor.store.beheersmaatregelen import MaatregelError
    from jeugdmonitor.store.connect import open_store

    try:
        with open_store(store=store, data=data, note=lambda text: click.echo(text, err=True)) as con:
            uitkomsten = evalueer(con, periode, gemeente, extra=doelbomen, maatregelen=maatregelen)
    except (DoelenError, MaatregelError) as exc:  # a region's own file is rejected: input error, exit 2
        click.echo(f"Afgekeurd: {exc}", err=True)
        sys.exit(EXIT_REJECTED)
    click.echo(als_json(uitkomsten) if fmt == "json" else als_tabel(uitkomsten))


@main.group(help="Duiding (tellen en vertellen): het verhaal achter de cijfers, per indicator, periode en gemeente.")
def duiding() -> None:
    pass


@duiding.command("add", help="Voeg een duiding toe aan een indicator voor een periode en gemeente.")
@click.option("--store", type=click.Path(path_type=Path, exists=True, dir_okay=False), required=True,
              help="De store (DuckDB-bestand).")  # fmt: skip
@click.option("--indicator", required=True, help="De indicator, bijvoorbeeld twente.verblijf.D1.i1.")
@click.option("--periode", required=True, help="De periode, bijvoorbeeld 2025 of 2025-T2.")
@click.option("--gemeente", default=None, help="De gemeente (CBS-code); standaard de regio.")
@click.option("--auteur", required=True, help="Wie de duiding geeft.")
@click.option("--tekst", required=True, help="De duiding zelf.")
@click.option("--perspectief", default=None,
              type=click.Choice(["gemeente", "aanbieder", "clientorganisatie", "verwijzer", "jeugdige"]),
              help="Vanuit wiens perspectief (bijvoorbeeld aanbieder of clientorganisatie).")  # fmt: skip
@friendly_errors
def duiding_add(
    store: Path, indicator: str, periode: str, gemeente: str | None, auteur: str, tekst: str, perspectief: str | None
) -> None:
    import duckdb

    from jeugdmonitor.store.duiding import voeg_duiding_toe

    con = duckdb.connect(str(store))
    try:
        d = voeg_duiding_toe(con, indicator, periode, tekst, auteur, gemeente, perspectief)
    finally:
        con.close()
    click.echo(f"Duiding {d.id} bewaard bij {d.indicator}, {d.periode}, {d.gemeente}.")


@duiding.command("list", help="Toon de duidingen, eventueel alleen van een indicator, periode of gemeente.")
@click.option("--store", type=click.Path(path_type=Path, exists=True, dir_okay=False), required=True,
              help="De store (DuckDB-bestand).")  # fmt: skip
@click.option("--indicator", default=None, help="Alleen deze indicator.")
@click.option("--periode", default=None, help="Alleen deze periode.")
@click.option("--gemeente", default=None, help="Alleen deze gemeente (CBS-code) of 'regio'.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table: leesbaar; json: lijst van duidingen.")  # fmt: skip
@friendly_errors
def duiding_list(store: Path, indicator: str | None, periode: str | None, gemeente: str | None, fmt: str) -> None:
    import json

    import duckdb

    from jeugdmonitor.formatting import fmt_datum
    from jeugdmonitor.store.duiding import lees_duidingen

    con = duckdb.connect(str(store), read_only=True)
    try:
        found = lees_duidingen(con, indicator, periode, gemeente)
    finally:
        con.close()
    if fmt == "json":
        click.echo(json.dumps([d.als_dict() for d in found], ensure_ascii=False, indent=2))
        return
    for d in found:
        who = d.auteur + (f", {d.perspectief}" if d.perspectief else "")
        click.echo(f"[{d.id}] {d.indicator} · {d.periode} · {d.gemeente} · {who} · {fmt_datum(d.tijdstip)}")
        click.echo(f"    {d.tekst}")
    if not found:
        click.echo("Geen duidingen gevonden.")


if __name__ == "__main__":
    main()
