"""Suppression of small numbers for strategic and public audiences (indicatoren.md §7).

:func:`suppress` takes the records of one output and returns them as the audience may see them. For an
audience that suppresses (raad, college, publiek):

- **Primary**: a count from 1 to ``k - 1`` is suppressed, and so is a percentage, ratio or mean built on
  fewer than ``k`` persons (``noemer``) or, for a percentage, counting fewer than ``k`` (``teller``:
  0,3% of 1.000 reveals 3). Zero is shown: it names nobody.
- **Secondary**: a suppressed cell must not be recomputable from the published total of its table. A table
  is a total and its parts: the categories of one dimension under the total without that dimension (and all
  cells of a multi-dimensional breakdown under the grand total), or the gemeenten under the ``regio``
  record. When a table's total is published and its suppressed cells can be isolated, the smallest
  published non-zero part is suppressed as well (the total when no such part is left). Suppressing a cell
  in one table can expose another table it belongs to, so the tables are revisited until nothing changes.

Totals are distinct counts (a young person can appear in several categories), so a total need not be the
sum of its parts; the check is conservative and treats it as additive anyway. The additive quantity of a
cell (its *size*) is the count for ``aantal`` and the number of persons (``noemer``) otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import inf

from jeugdmonitor.catalog.doelgroepen import Doelgroep
from jeugdmonitor.catalog.doelgroepen import doelgroep as find_doelgroep
from jeugdmonitor.engine.records import REGIO, Record

TEKST_AANTAL = "minder dan {k}; onderdrukt ter bescherming van de privacy"
TEKST_NOEMER = "gebaseerd op minder dan {k} jongeren; onderdrukt ter bescherming van de privacy"
TEKST_TELLER = "telt minder dan {k} jongeren; onderdrukt ter bescherming van de privacy"
TEKST_AANVULLEND = "aanvullend onderdrukt zodat de andere cel niet is terug te rekenen"

Table = tuple[int, list[int]]  # (index of the total, indices of its parts) in the list of records


def suppress(records: Sequence[Record], doelgroep: str | Doelgroep, k: int | None = None) -> list[Record]:
    """The records as ``doelgroep`` (a name or an audience) may see them, in order; ``k`` overrides its k.

    Pure: no database, the input is not changed. An audience that does not suppress (management,
    leidinggevenden, uitvoerenden) gets the records unchanged.
    """
    audience = find_doelgroep(doelgroep) if isinstance(doelgroep, str) else doelgroep
    if not audience.onderdrukken:
        return list(records)
    k = audience.k if k is None else k
    result = [_primary(r, k) for r in records]
    sizes = [_size(r) for r in records]  # the true sizes: what an attacker would know if totals were additive
    tables = _tables(records)
    changed = True
    while changed:
        changed = False
        for total, parts in tables:
            extra = _cover(total, parts, result, sizes, k)
            if extra is not None:
                result[extra] = _suppressed(result[extra], TEKST_AANVULLEND)
                changed = True
    return result


# ---------------------------------------------------------------------------------------------- primary


def _primary(record: Record, k: int) -> Record:
    """The record with primary suppression applied (records without a value are left alone)."""
    if record.status not in ("ok", "voorlopig"):
        return record
    if record.eenheid == "aantal":
        small = record.waarde is not None and 0 < record.waarde < k
        return _suppressed(record, TEKST_AANTAL.format(k=k)) if small else record
    if record.noemer is not None and 0 < record.noemer < k:
        return _suppressed(record, TEKST_NOEMER.format(k=k))
    if record.eenheid == "procent" and record.teller is not None and 0 < record.teller < k:
        return _suppressed(record, TEKST_TELLER.format(k=k))
    return record


def _suppressed(record: Record, toelichting: str) -> Record:
    """Status onderdrukt without any number: the old toelichting may describe the value, so it goes too."""
    return record.with_(status="onderdrukt", waarde=None, teller=None, noemer=None, toelichting=toelichting)


def _size(record: Record) -> float | None:
    """The additive quantity of a cell: the count, or the number of persons a ratio is built on."""
    if record.status == "niet_beschikbaar":
        return None
    return record.waarde if record.eenheid == "aantal" else record.noemer


# -------------------------------------------------------------------------------------------- secondary


def _key(record: Record, dimensies: dict[str, str], gemeente: str) -> tuple[object, ...]:
    return (record.indicator, record.maat, record.periode, gemeente, frozenset(dimensies.items()))


def _tables(records: Sequence[Record]) -> list[Table]:
    """Every table (total, parts) among the records; tables whose total is not in the list are left out."""
    index = {_key(r, r.dimensies, r.gemeente): i for i, r in enumerate(records)}
    groups: dict[tuple[object, ...], list[int]] = {}
    for i, r in enumerate(records):
        names = frozenset(r.dimensies)
        totals = []  # (key of the total, what distinguishes this table from others under the same total)
        for name in names:  # the categories of one dimension under the total without that dimension
            rest = {d: v for d, v in r.dimensies.items() if d != name}
            totals.append((_key(r, rest, r.gemeente), (names, name)))
        if len(names) > 1:  # all cells of a multi-dimensional breakdown under the grand total
            totals.append((_key(r, {}, r.gemeente), (names, None)))
        if r.gemeente != REGIO:  # the gemeenten under the region
            totals.append((_key(r, r.dimensies, REGIO), ("gemeenten",)))
        for total_key, kind in totals:
            groups.setdefault((total_key, kind), []).append(i)
    return [(index[total_key], parts) for (total_key, _), parts in groups.items() if total_key in index]


def _cover(total: int, parts: list[int], result: list[Record], sizes: list[float | None], k: int) -> int | None:
    """The cell to suppress additionally in this table, or None when its suppressed cells are safe."""
    if result[total].status not in ("ok", "voorlopig"):
        return None  # no published total, nothing to subtract from
    hidden = [sizes[i] for i in parts if result[i].status == "onderdrukt" and sizes[i] != 0]
    if not hidden or not _isolated(hidden, k):
        return None
    published = [i for i in parts if result[i].status in ("ok", "voorlopig") and (sizes[i] or 0) > 0]
    if not published:
        return total  # zeros cannot hide a cell; only the total can go
    return min(published, key=lambda i: sizes[i] or 0)


def _isolated(hidden: list[float | None], k: int) -> bool:
    """Whether some suppressed cell is pinned to one value by the sum of the suppressed cells.

    The sum is known (total minus the published parts). A suppressed cell is known to lie between 1 and
    k-1 when it is small and at least k otherwise (the toelichting tells primary from additional), so two
    cells of 1 summing to 2, or a 1 and a k summing to k + 1, are as exposed as a single suppressed cell.
    Cells of unknown size (suppressed before they got here) only count as a single suppressed cell.
    """
    if len(hidden) == 1:
        return True
    if any(size is None for size in hidden):
        return False
    sizes = [float(size or 0) for size in hidden]
    bounds = [(1.0, k - 1.0) if size < k else (float(k), inf) for size in sizes]
    total = sum(sizes)
    for i, (low, high) in enumerate(bounds):
        others_low = sum(b[0] for j, b in enumerate(bounds) if j != i)
        others_high = sum(b[1] for j, b in enumerate(bounds) if j != i)
        if max(low, total - others_high) >= min(high, total - others_low):
            return True
    return False
