"""Why a figure is missing, in words a council member understands.

The engine says which inputs of the delivery are missing in the contract's technical names ("niet
beschikbaar: de levering bevat geen aanmeldingen.datum, budget"). A report says it in plain Dutch ("de datum
van aanmelding bij de toegang en het budget zijn niet aangeleverd") and keeps the technical names apart, for
the person who prepares the next delivery (a small second line, and the handreiking).

Indicators that look forward after the period (return to care within 182 days) cannot be judged for a period
whose follow-up window ends after the peildatum; :func:`nog_niet_te_beoordelen` marks those records, so that
a table shows "n.n.b." and the narrative says why, instead of a misleading 0,0%.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from jeugdmonitor.engine.families import shipped_families
from jeugdmonitor.engine.perioden import parse
from jeugdmonitor.engine.records import Record
from jeugdmonitor.formatting import fmt_datum

ENGINE_PREFIX = "niet beschikbaar: de levering bevat geen "
NOG_NIET = "nog niet te beoordelen"  # the start of the toelichting of a record whose window has not ended
VOLGTERMIJN = "volgtermijn_dagen"  # the family parameter: how many days after the period an indicator looks

# The contract's tables and columns (shared/spec/gegevens.md) as a reader would name them.
TABELLEN: dict[str, str] = {
    "aanmeldingen": "de aanmeldingen bij de toegang",
    "bevolking": "de bevolkingscijfers (inwoners naar leeftijd en wijk)",
    "budget": "het budget",
    "clientervaring": "de uitkomsten van het cliëntervaringsonderzoek",
    "jb_tafel": "de besprekingen aan de JB-tafel",
    "jeugdhulp": "de jeugdhulptrajecten",
    "jeugdigen": "de gegevens van de jeugdigen",
    "kosten": "de kosten",
    "maatregelen": "de maatregelen jeugdbescherming en jeugdreclassering",
    "pgb": "de pgb-toekenningen",
    "plaatsingen": "de plaatsingen",
    "postcodes": "de postcodetabel",
    "producten": "de productenlijst",
    "signalen": "de klachten, bezwaren en meldingen",
    "veilig_thuis": "de gegevens van Veilig Thuis",
    "wachttijden_aanbieders": "de wachttijden van de aanbieders",
    "beheersmaatregelen": "de beheersmaatregelen",
}

KOLOMMEN: dict[str, str] = {
    "aanmeldingen.client": "wie zich bij de toegang aanmeldde (BSN of cliëntnummer)",
    "aanmeldingen.datum": "de datum van aanmelding bij de toegang",
    "aanmeldingen.eigen_kracht_ingezet": "of bij de aanmelding eigen kracht is ingezet",
    "aanmeldingen.levensgebieden": "de levensgebieden van de aanmelding",
    "aanmeldingen.mantelzorg_beschikbaar": "of bij de aanmelding mantelzorg beschikbaar is",
    "aanmeldingen.meldplaats": "de meldplaats van de aanmelding",
    "budget.aantal": "het begrote aantal",
    "budget.bedrag": "het begrote bedrag",
    "budget.financiering": "de financieringsvorm in het budget",
    "budget.perceel": "het perceel in het budget",
    "budget.productgroep": "de productgroep in het budget",
    "clientervaring.aantal_respondenten": "het aantal deelnemers aan het cliëntervaringsonderzoek",
    "clientervaring.aantal_tevreden": "het aantal tevreden deelnemers aan het cliëntervaringsonderzoek",
    "clientervaring.gemiddelde_score": "het gemiddelde rapportcijfer uit het cliëntervaringsonderzoek",
    "jb_tafel.besluit": "het besluit van de JB-tafel",
    "jb_tafel.client": "de jeugdige die aan de JB-tafel besproken is",
    "jb_tafel.datum_bespreking": "de datum van de bespreking aan de JB-tafel",
    "jeugdhulp.aanbieder": "de aanbieder van de hulp",
    "jeugdhulp.aanmelddatum": "de datum van aanmelding voor de hulp",
    "jeugdhulp.begindatum": "de begindatum van de hulp",
    "jeugdhulp.crisis": "of het om crisishulp gaat",
    "jeugdhulp.doelrealisatie": "of de doelen van de hulp zijn behaald",
    "jeugdhulp.einddatum": "de einddatum van de hulp",
    "jeugdhulp.financiering": "de financieringsvorm van de hulp (zorg in natura of pgb)",
    "jeugdhulp.frequentie": "de frequentie van de toegewezen hulp",
    "jeugdhulp.levensgebieden": "de levensgebieden van de hulpvraag",
    "jeugdhulp.perspectief": "het perspectief van de hulp (behandelen, begeleiden, …)",
    "jeugdhulp.product": "het product van de hulp",
    "jeugdhulp.productcategorie": "de productcategorie van de hulp",
    "jeugdhulp.reden_beeindiging": "de reden van beëindiging van de hulp",
    "jeugdhulp.tarief": "het tarief van de hulp",
    "jeugdhulp.toewijzingsdatum": "de datum van toewijzing van de hulp",
    "jeugdhulp.uitstroom_bestemming": "waar de jeugdige na de hulp naartoe ging",
    "jeugdhulp.verwijzer": "de verwijzer naar de hulp",
    "jeugdhulp.volume": "het toegewezen volume van de hulp",
    "jeugdigen.geboortedatum": "de geboortedatum van de jeugdigen",
    "jeugdigen.wijk": "de wijk van de jeugdigen",
    "kosten.bedrag": "de bedragen van de kosten",
    "kosten.client": "de jeugdige bij de kosten",
    "kosten.financiering": "de financieringsvorm bij de kosten",
    "kosten.maand": "de maand van de kosten",
    "kosten.perceel": "het perceel bij de kosten",
    "kosten.product": "het product bij de kosten",
    "kosten.productgroep": "de productgroep bij de kosten",
    "kosten.soort": "de soort kosten",
    "kosten.traject_id": "het traject bij de kosten",
    "maatregelen.begindatum": "de begindatum van de maatregelen",
    "maatregelen.einddatum": "de einddatum van de maatregelen",
    "maatregelen.erkende_interventie": "of bij de maatregel een erkende interventie is ingezet",
    "maatregelen.kader": "het kader van de maatregelen (jeugdbescherming of jeugdreclassering)",
    "maatregelen.reden_beeindiging": "de reden van beëindiging van de maatregelen",
    "pgb.budget": "het pgb-budget",
    "pgb.datum_toekenning": "de datum van toekenning van het pgb",
    "pgb.motivatie": "de motivatie voor het pgb",
    "plaatsingen.begindatum": "de begindatum van de plaatsingen",
    "plaatsingen.groep": "de groep van de plaatsingen",
    "postcodes.wijk": "de wijk bij de postcodes",
    "producten.ambulant_alternatief": "welke producten een ambulant alternatief voor verblijf zijn",
    "producten.zwaarteband": "de zwaarteband van de producten",
    "signalen.structuur": "bij welk onderdeel (zorgloket, wijkteam, …) een klacht of bezwaar hoort",
    "veilig_thuis.datum": "de datum van de melding bij Veilig Thuis",
    "veilig_thuis.soort": "de soort melding bij Veilig Thuis (advies of melding)",
    "veilig_thuis.uitkomst": "de uitkomst van het onderzoek door Veilig Thuis",
}


def invoer_tekst(invoer: str) -> str:
    """One input ('aanmeldingen.datum', 'budget') in plain Dutch; an unknown one stays readable."""
    if invoer in KOLOMMEN:
        return KOLOMMEN[invoer]
    table, _, column = invoer.partition(".")
    if not column:
        return TABELLEN.get(table, f"de tabel {table}")
    return f"de kolom {column.replace('_', ' ')} bij {TABELLEN.get(table, 'de tabel ' + table)}"


def _opsomming(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def leesbaar(toelichting: str) -> tuple[str, str]:
    """The engine's explanation as (plain Dutch, technical names): 'niet beschikbaar: de levering bevat geen
    aanmeldingen.datum' → ('de datum van aanmelding bij de toegang is niet aangeleverd',
    'aanmeldingen.datum'). Other explanations pass through, with no technical part."""
    if not toelichting.startswith(ENGINE_PREFIX):
        return toelichting.removeprefix("niet beschikbaar: "), ""
    technisch = toelichting.removeprefix(ENGINE_PREFIX)
    vereisten = [v.strip() for v in technisch.split(",") if v.strip()]
    parts = [" of ".join(invoer_tekst(a.strip()) for a in v.split("|")) for v in vereisten]
    verb = "is" if len(parts) == 1 else "zijn"
    return f"{_opsomming(parts)} {verb} niet aangeleverd", technisch


# ------------------------------------------------------------------------------- follow-up window


def volgtermijnen() -> dict[str, int]:
    """Per indicator that looks forward after the period: how many days (its family's `volgtermijn_dagen`)."""
    out = {}
    for ind, computation in shipped_families().items():
        days = computation.params.get(VOLGTERMIJN)
        if isinstance(days, int) and days > 0:
            out[ind] = days
    return out


def nog_niet_tekst(dagen: int, tot: date, peildatum: date) -> str:
    return (
        f"{NOG_NIET}: dit cijfer kijkt {dagen} dagen vooruit na het einde van de hulp, en voor deze periode "
        f"loopt die termijn tot {fmt_datum(tot)}, na de peildatum ({fmt_datum(peildatum)})"
    )


def nog_niet_te_beoordelen(
    records: Iterable[Record], peildatum: date, gevraagd: dict[str, Iterable[str]] | None = None
) -> list[Record]:
    """The records of forward-looking indicators whose follow-up window ends after the peildatum made 'not
    available: not yet to be judged'. The engine counts only the spells whose window has ended, so such a period
    rests on its first few days (often 0,0%): a number a reader would take for the whole period. ``gevraagd``
    (indicator → period codes) adds such a record where the engine gave none (no spell could be judged yet),
    for every area, measure and split the indicator has in other periods."""
    windows = volgtermijnen()
    out: list[Record] = []
    seen: dict[str, dict[tuple, Record]] = {}  # indicator → (gemeente, maat, dims) → an example record
    present: set[tuple] = set()
    for r in records:
        days = windows.get(r.indicator)
        if days is not None:
            seen.setdefault(r.indicator, {})[(r.gemeente, r.maat, frozenset(r.dimensies.items()))] = r
            present.add((r.indicator, r.periode, r.gemeente, r.maat, frozenset(r.dimensies.items())))
            if r.status in ("ok", "voorlopig"):
                tot = parse(r.periode).eind + timedelta(days=days)
                if tot > peildatum:
                    r = _nog_niet(r, r.periode, days, tot, peildatum)
        out.append(r)
    for ind, codes in (gevraagd or {}).items():
        days = windows.get(ind)
        if days is None:
            continue
        for code in codes:
            tot = parse(code).eind + timedelta(days=days)
            if tot <= peildatum or parse(code).start > peildatum:
                continue
            for key, example in seen.get(ind, {}).items():
                if (ind, code, *key) not in present:
                    out.append(_nog_niet(example, code, days, tot, peildatum))
    return out


def _nog_niet(r: Record, periode: str, days: int, tot: date, peildatum: date) -> Record:
    return r.with_(
        periode=periode,
        status="niet_beschikbaar",
        waarde=None,
        teller=None,
        noemer=None,
        toelichting=nog_niet_tekst(days, tot, peildatum),
    )
