"""From the simulation to delivery frames: the peildatum cut per table and the SQL that formats each column.

Every ``*_frame`` function keeps what is known on the peildatum ``tot`` and relevant from ``van`` on, and
returns numpy arrays with a ``persoon`` column (local person index, -1 for none) that the generator turns
into the client column. ``exprs`` gives, per table, the SQL expression of each contract column.
"""

from __future__ import annotations

import numpy as np

from jeugdmonitor.demo import catalogus as cat
from jeugdmonitor.demo import kwaliteit, toegang
from jeugdmonitor.demo.kosten import KOSTEN_AANBIEDERS, SOORTEN
from jeugdmonitor.demo.maatregelen import GI, KADERS, REDENEN, TYPES, Maatregelen
from jeugdmonitor.demo.personen import TEAM_NAMEN
from jeugdmonitor.demo.schrijven import bedrag, bitlist, datum, gemeente, janee, lookup, maand
from jeugdmonitor.demo.trajecten import (
    BESTEMMINGEN,
    DOELEN,
    OUTPUT_CATEGORIE,
    OUTPUT_CODES,
    PERSPECTIEVEN,
    PRODUCT_PERSPECTIEF,
    Trajecten,
)  # fmt: skip
from jeugdmonitor.demo.zorgperiodes import VERWIJZERS

Frame = dict[str, np.ndarray]
JZ588 = ("", "02", "20", "31", "32", "33", "34", "35", "36", "37", "38", "39")
PGB_INDEX = len(cat.AANBIEDERS)


def _id(prefix: str, col: str, width: int) -> str:
    return f"{gemeente()} || '-{prefix}' || lpad(({col} + 1)::VARCHAR, {width}, '0')"


def _code_index(values: np.ndarray, codes: tuple[str, ...]) -> np.ndarray:
    lut = {c: i for i, c in enumerate(codes)}
    uniq, inv = np.unique(values, return_inverse=True)
    return np.array([lut.get(str(u), -1) for u in uniq], dtype=np.int64)[inv]


def known(t: Trajecten, van: int, tot: int) -> np.ndarray:
    """Trajectories in the delivery: registered by the peildatum and not ended before ``van``."""
    registered = ((t.aanmeld >= 0) & (t.aanmeld <= tot)) | (t.toewijzing <= tot)
    return registered & (t.eind >= van)


def jeugdhulp_frame(t: Trajecten, van: int, tot: int) -> Frame:
    keep = known(t, van, tot)
    t = t.take(keep)
    begun = (t.begin >= 0) & (t.begin <= tot)
    ended = (t.eind <= tot) & (begun | t.geannuleerd)
    allocated = t.toewijzing <= tot
    reden = np.where(ended, _code_index(t.reden, JZ588), 0)
    return {
        "seq": t.seq, "persoon": t.persoon, "aanbieder": np.where(t.aanbieder >= 0, t.aanbieder, PGB_INDEX),
        "code": t.code, "pgb": t.pgb, "verwijzer": _code_index(t.verwijzer, VERWIJZERS),
        "perspectief": PRODUCT_PERSPECTIEF[t.product], "crisis": t.crisis, "gebieden": t.gebieden,
        "aanmeld": t.aanmeld, "toewijzing": np.where(allocated, t.toewijzing, -1),
        "toewijzing_eind": np.where(allocated, t.toewijzing_eind, -1), "begin": np.where(begun, t.begin, -1),
        "eind": np.where(ended, t.eind, -1), "reden": reden - 1, "doel": np.where(ended, t.doel, -1),
        "bestemming": np.where(ended, t.bestemming, -1), "volume": t.volume, "product": t.product,
        "tarief": t.tarief, "team": t.team, "medewerker": t.medewerker,
    }  # fmt: skip


def jeugdhulp_exprs(gm_namen: list[str]) -> dict[str, str]:
    eenheden = [p.eenheid for p in cat.PRODUCTEN]
    freq = [p.frequentie for p in cat.PRODUCTEN]
    return {
        "client": "{client}", "traject_id": _id("T", "seq", 7), "gemeente": gemeente(),
        "aanbieder": lookup("aanbieder", KOSTEN_AANBIEDERS), "product": lookup("code", OUTPUT_CODES),
        "productcategorie": lookup("code", OUTPUT_CATEGORIE),
        "financiering": "CASE WHEN pgb THEN 'PGB' ELSE 'ZIN' END", "verwijzer": lookup("verwijzer", VERWIJZERS),
        "perspectief": lookup("perspectief", PERSPECTIEVEN), "crisis": janee("crisis"),
        "levensgebieden": bitlist("gebieden", cat.LEVENSGEBIEDEN), "aanmelddatum": datum("aanmeld"),
        "toewijzingsdatum": datum("toewijzing"), "toewijzing_einddatum": datum("toewijzing_eind"),
        "begindatum": datum("begin"), "einddatum": datum("eind"), "reden_beeindiging": lookup("reden", JZ588[1:]),
        "doelrealisatie": lookup("doel", DOELEN), "uitstroom_bestemming": lookup("bestemming", BESTEMMINGEN),
        "volume": "volume", "eenheid": lookup("product", eenheden), "frequentie": lookup("product", freq),
        "tarief": bedrag("tarief"),
        "team": f"'Wijkteam ' || {lookup('gm', gm_namen)} || ' ' || {lookup('team', TEAM_NAMEN)}",
        "medewerker": "CASE WHEN medewerker >= 0 THEN lpad(gm::VARCHAR, 4, '0') || '-' || (team + 1)::VARCHAR "
        "|| lpad((medewerker + 1)::VARCHAR, 2, '0') END",
    }  # fmt: skip


def jeugdigen_exprs() -> dict[str, str]:
    return {
        "client": "{client}", "geslacht": "geslacht::VARCHAR", "geboortedatum": datum("geboorte"),
        "postcode": "pc4::VARCHAR || chr(65 + (letters // 26)::INTEGER) || chr(65 + (letters % 26)::INTEGER)",
        "gemeente": gemeente(), "wijk": "CASE WHEN wijk1 >= 0 THEN 'WK' || lpad(gm::VARCHAR, 4, '0') || "
        "chr(wijk1::INTEGER) || chr(wijk2::INTEGER) END",
    }  # fmt: skip


def maatregelen_frame(m: Maatregelen, van: int, tot: int) -> Frame:
    keep = (m.begin <= tot) & (m.eind >= van)
    ended = m.eind <= tot
    idx = np.flatnonzero(keep)
    return {
        "seq": idx, "persoon": m.persoon[idx], "kader": m.kader[idx], "type": m.type[idx], "gi": m.gi[idx],
        "begin": m.begin[idx], "eind": np.where(ended, m.eind, -1)[idx],
        "contact": np.where(m.eerste_contact <= tot, m.eerste_contact, -1)[idx],
        "reden": np.where(ended, m.reden, -1)[idx], "erkend": m.erkend[idx],
    }  # fmt: skip


MAATREGELEN_EXPRS = {
    "client": "{client}", "maatregel_id": _id("M", "seq", 6), "gemeente": gemeente(),
    "kader": lookup("kader", tuple(KADERS)), "type": lookup("type", tuple(TYPES)), "gi": lookup("gi", tuple(GI)),
    "begindatum": datum("begin"), "einddatum": datum("eind"), "datum_eerste_contact": datum("contact"),
    "reden_beeindiging": lookup("reden", tuple(REDENEN)), "erkende_interventie": janee("erkend"),
}  # fmt: skip

KOSTEN_EXPRS = {
    "maand": maand("maand"), "boekdatum": datum("boek"), "bedrag": bedrag("bedrag"), "gemeente": gemeente(),
    "traject_id": f"CASE WHEN traject >= 0 THEN {_id('T', 'traject', 7)} END",
    "aanbieder": lookup("aanbieder", KOSTEN_AANBIEDERS), "financiering": lookup("financiering", ("ZIN", "PGB")),
    "soort": lookup("soort", SOORTEN), "perceel": lookup("perceel", cat.PERCELEN),
    "volume": "CASE WHEN isnan(volume) THEN NULL ELSE round(volume, 2) END",
}  # fmt: skip


def aanmeldingen_frame(a: Frame, van: int, tot: int) -> Frame:
    keep = (a["datum"] >= van) & (a["datum"] <= tot)
    a = {k: v[keep] for k, v in a.items()}
    open_ = a["afsluit"] > tot
    a["vervolg"] = np.where(open_, 4, a["vervolg"])
    a["afsluit"] = np.where(open_, -1, a["afsluit"])
    a["seq"] = np.arange(len(a["datum"]))
    return a


def aanmeldingen_exprs(gm_namen: list[str]) -> dict[str, str]:
    return {
        "client": "{client}", "aanmelding_id": _id("A", "seq", 7), "gemeente": gemeente(), "datum": datum("datum"),
        "meldplaats": lookup("plaats", toegang.MELDPLAATSEN), "levensgebieden": bitlist("gebieden", cat.LEVENSGEBIEDEN),
        "vervolg": lookup("vervolg", toegang.VERVOLG), "afsluitdatum": datum("afsluit"),
        "mantelzorg_beschikbaar": lookup("mantelzorg", toegang.JANEE_ONBEKEND),
        "eigen_kracht_ingezet": lookup("eigen_kracht", toegang.JANEE_ONBEKEND),
        "team": f"'Wijkteam ' || {lookup('gm', gm_namen)} || ' ' || {lookup('team', TEAM_NAMEN)}",
        "medewerker": "lpad(gm::VARCHAR, 4, '0') || '-' || (team + 1)::VARCHAR || "
        "lpad((medewerker + 1)::VARCHAR, 2, '0')",
    }  # fmt: skip


def dated_frame(f: Frame, col: str, van: int, tot: int) -> Frame:
    """Keep rows whose ``col`` lies in [van, tot] and number them."""
    keep = (f[col] >= van) & (f[col] <= tot)
    out = {k: v[keep] for k, v in f.items()}
    out["seq"] = np.arange(int(keep.sum()))
    return out


def jb_tafel_frame(f: Frame, van: int, tot: int) -> Frame:
    out = dated_frame(f, "aanmelding", van, tot)
    late = out["bespreking"] > tot
    out["bespreking"] = np.where(late, -1, out["bespreking"])
    out["besluit"] = np.where(late, -1, out["besluit"])
    out["afwijzing"] = np.where(out["afwijzing"] > tot, -1, out["afwijzing"])
    return out


JB_TAFEL_EXPRS = {
    "client": "{client}", "bespreking_id": _id("B", "seq", 6), "gemeente": gemeente(),
    "datum_aanmelding": datum("aanmelding"), "datum_afwijzing": datum("afwijzing"),
    "datum_bespreking": datum("bespreking"), "client_aanwezig": janee("aanwezig"),
    "besluit": lookup("besluit", toegang.BESLUITEN),
}  # fmt: skip


def veilig_thuis_frame(f: Frame, van: int, tot: int) -> Frame:
    out = dated_frame(f, "datum", van, tot)
    out["uitkomst"] = np.where(out["datum"] > tot - 70, -1, out["uitkomst"])  # investigation still running
    return out


VEILIG_THUIS_EXPRS = {
    "client": "CASE WHEN persoon >= 0 THEN {client} END", "melding_id": _id("V", "seq", 6), "gemeente": gemeente(),
    "datum": datum("datum"), "soort": "CASE WHEN melding THEN 'melding' ELSE 'advies' END",
    "route": lookup("route", toegang.VT_ROUTES), "uitkomst": lookup("uitkomst", toegang.VT_UITKOMSTEN),
}  # fmt: skip

SIGNALEN_EXPRS = {
    "id": _id("S", "seq", 5), "gemeente": gemeente(), "datum": datum("datum"),
    "soort": lookup("soort", toegang.SIGNAAL_SOORTEN), "structuur": lookup("structuur", toegang.STRUCTUREN),
    "onderwerp": lookup("onderwerp", toegang.ONDERWERP_LIJST),
}  # fmt: skip


def pgb_frame(t: Trajecten, p: Frame, van: int, tot: int) -> Frame:
    i = p["t"]
    keep = (t.toewijzing[i] <= tot) & (t.toewijzing_eind[i] >= van) & known(t, van, tot)[i]
    i, budget, motivatie = i[keep], p["budget"][keep], p["motivatie"][keep]
    ended_early = (t.eind[i] <= tot) & (t.eind[i] < t.toewijzing_eind[i]) & (t.begin[i] >= 0)
    return {
        "seq": t.seq[i], "persoon": t.persoon[i], "toekenning": t.toewijzing[i], "motivatie": motivatie,
        "begin": np.where((t.begin[i] >= 0) & (t.begin[i] <= tot), t.begin[i], -1),
        "eind": np.where(ended_early, t.eind[i], t.toewijzing_eind[i]), "budget": budget,
    }  # fmt: skip


PGB_EXPRS = {
    "client": "{client}", "pgb_id": _id("P", "seq", 7), "gemeente": gemeente(), "datum_toekenning": datum("toekenning"),
    "motivatie": lookup("motivatie", cat.PGB_MOTIVATIES), "begindatum": datum("begin"), "einddatum": datum("eind"),
    "budget": bedrag("budget"),
}  # fmt: skip


def plaatsingen_frame(t: Trajecten, p: Frame, van: int, tot: int) -> Frame:
    in_delivery = known(t, van, tot)[p["t"]] & (p["begin"] <= tot)
    out = {k: v[in_delivery] for k, v in p.items()}
    out["eind"] = np.where(out["eind"] <= tot, out["eind"], -1)
    out["seq"] = t.seq[out["t"]]
    out["aanbieder"] = t.aanbieder[out["t"]]
    del out["t"]
    return out


PLAATSINGEN_EXPRS = {
    "traject_id": _id("T", "seq", 7),
    "groep": "CASE kind WHEN 0 THEN 'Pleeggezin ' || lpad(groep::VARCHAR, 5, '0') "
    "WHEN 1 THEN 'Gezinshuis ' || lpad((groep % 1000)::VARCHAR, 3, '0') "
    f"ELSE 'Leefgroep ' || {lookup('groep % 8', kwaliteit.GROEPEN)} || ' (' || "
    f"{lookup('aanbieder', KOSTEN_AANBIEDERS)} || ')' END",
    "begindatum": datum("begin"), "einddatum": datum("eind"),
}  # fmt: skip
