"""Per table of the contract: delivered or not, rows, columns present, missing and unknown, and per column
completeness and validity. Also keeps the counts that the judgements of basisgegevens and indicators use.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jeugdmonitor.contract import CLIENT_COLUMNS, Contract, Table
from jeugdmonitor.contract.basisgegevens import Basisgegeven, Bron
from jeugdmonitor.outputs.kwaliteit.meten import (
    CLIENT,
    Maat,
    MeldingAantallen,
    Telling,
    bron_sql,
    count_meldingen,
    measure_table,
)
from jeugdmonitor.outputs.kwaliteit.model import KolomKwaliteit, TabelKwaliteit
from jeugdmonitor.outputs.kwaliteit.regels import toepassing
from jeugdmonitor.store.staging import StagedTable, Staging

READABLE_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class Meting:
    """What was measured on a delivery, in the shape the judgements need."""

    staged: dict[str, StagedTable]
    niet_ingelezen: frozenset[str]  # tables whose file was delivered but could not be staged
    kolommen: dict[tuple[str, str], Telling]  # (tabel, staged column) -> counts; the client column is "client"
    bronnen: dict[str, Telling]  # str(bron) -> counts on the bron's subset (conditional bronnen only)

    def telling(self, tabel: str, kolom: str) -> Telling | None:
        return self.kolommen.get((tabel, kolom))

    def bron_telling(self, bron: Bron) -> Telling | None:
        if bron.waar_kolom:
            return self.bronnen.get(str(bron))
        return self.telling(bron.tabel, bron.kolom)


def delivered_stems(folder: Path | None) -> set[str]:
    """Table names for which the folder holds a file (whether or not it could be read)."""
    if folder is None or not folder.is_dir():
        return set()
    return {p.stem.strip().lower() for p in folder.iterdir() if p.suffix.lower() in READABLE_SUFFIXES}


def _maten(table: Table, staged: StagedTable, basisgegevens: tuple[Basisgegeven, ...]) -> list[Maat]:
    present = staged.columns
    maten = [Maat(f"kolom:{c}", c, toepassing(table.name, c, present)) for c in present]
    for bg in basisgegevens:
        for bron in bg.bronnen:
            usable = bron.kolom in present and bron.waar_kolom in present
            if bron.tabel == table.name and bron.waar_kolom and usable:
                rule = toepassing(table.name, bron.kolom, present)
                maten.append(Maat(f"bron:{bron}", bron.kolom, rule, bron_sql(bron)))
    return maten


def measure(
    staging: Staging, contract: Contract, basisgegevens: tuple[Basisgegeven, ...], folder: Path | None
) -> tuple[Meting, MeldingAantallen]:
    """Measure every staged table (one query each) and count the meldingen (one query)."""
    meldingen = count_meldingen(staging.con)
    kolommen: dict[tuple[str, str], Telling] = {}
    bronnen: dict[str, Telling] = {}
    for name, staged in staging.tables.items():
        if name not in contract.table_names:
            continue
        counts = measure_table(staging.con, staged, _maten(contract.table(name), staged, basisgegevens))
        for label, telling in counts.items():
            kind, _, key = label.partition(":")
            if kind == "kolom":
                kolommen[(name, key)] = telling
            else:
                bronnen[key] = telling
    delivered = delivered_stems(folder)
    missing_staged = frozenset(t for t in contract.table_names if t not in staging.tables and t in delivered)
    return Meting(dict(staging.tables), missing_staged, kolommen, bronnen), meldingen


def _kolom(
    table: Table, staged: StagedTable, name: str, telling: Telling, meldingen: MeldingAantallen
) -> KolomKwaliteit:
    if name == CLIENT:
        shown = staged.client_kind or CLIENT
        ctype, required, bg = "tekst", table.client == "verplicht", (1,) if table.name == "jeugdigen" else ()
        n_meldingen = sum(meldingen.per_kolom.get((staged.bestand, c), 0) for c in CLIENT_COLUMNS)
    else:
        col = table.column(name)
        shown, ctype, required, bg = name, col.type, col.required, col.bg
        n_meldingen = meldingen.per_kolom.get((staged.bestand, name), 0)
    rule = toepassing(table.name, name, staged.columns)
    return KolomKwaliteit(
        naam=shown,
        type=ctype,
        verplicht=required,
        bg=bg,
        toepassing=rule.omschrijving,
        rijen=telling.rijen,
        gevuld=telling.gevuld,
        volledigheid=telling.volledigheid,
        gevuld_totaal=telling.gevuld_totaal,
        geldig=telling.geldig,
        geldigheid=telling.geldigheid,
        meldingen=n_meldingen,
    )


def _client_order(table: Table, staged: StagedTable) -> list[str]:
    """Columns in contract order, the client column first."""
    order = [CLIENT] if table.client else []
    return [c for c in [*order, *table.column_names] if c in staged.columns]


def table_quality(table: Table, meting: Meting, meldingen: MeldingAantallen) -> TabelKwaliteit:
    staged = meting.staged.get(table.name)
    if staged is None:
        status = "niet_ingelezen" if table.name in meting.niet_ingelezen else "ontbreekt"
        fouten, waarschuwingen = _file_counts(table.name, meldingen)
        return TabelKwaliteit(
            naam=table.name, omschrijving=table.description, verplicht=table.required, status=status,
            bestand=None, rijen=0, kolommen_aanwezig=(), kolommen_ontbrekend=(), kolommen_onbekend=(),
            kolommen=(), fouten=fouten, waarschuwingen=waarschuwingen,
        )  # fmt: skip
    present = _client_order(table, staged)
    kolommen = tuple(
        _kolom(table, staged, c, meting.kolommen[(table.name, c)], meldingen)
        for c in present
        if (table.name, c) in meting.kolommen
    )
    missing = [c for c in table.column_names if c not in staged.columns]
    if table.client and CLIENT not in staged.columns:
        missing.insert(0, "bsn/client_id")
    known = set(table.column_names) | set(CLIENT_COLUMNS) | {CLIENT}
    unknown = sorted(k for k in meldingen.kolommen(staged.bestand) if k not in known)
    fouten, waarschuwingen = meldingen.per_bestand.get(staged.bestand, (0, 0))
    return TabelKwaliteit(
        naam=table.name,
        omschrijving=table.description,
        verplicht=table.required,
        status="aanwezig",
        bestand=staged.bestand,
        rijen=staged.rows,
        kolommen_aanwezig=tuple(k.naam for k in kolommen),
        kolommen_ontbrekend=tuple(missing),
        kolommen_onbekend=tuple(unknown),
        kolommen=kolommen,
        fouten=fouten,
        waarschuwingen=waarschuwingen,
    )


def _file_counts(table: str, meldingen: MeldingAantallen) -> tuple[int, int]:
    fouten = waarschuwingen = 0
    for bestand, (f, w) in meldingen.per_bestand.items():
        if Path(bestand).stem.lower() == table:
            fouten, waarschuwingen = fouten + f, waarschuwingen + w
    return fouten, waarschuwingen
