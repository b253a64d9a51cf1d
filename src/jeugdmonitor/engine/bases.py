"""Shared intermediate results within one run, built once and read by every family that needs them.

``zorgperiodes(afbakening, gat)``: the care spells of indicatoren.md §2 for one scope (a filter on ``t``, a
trajectory) and merge gap G, per municipality and for the region (``geo``), per requested split value
(``dim``, ``waarde``; the total is dim 'totaal'), per young person (``persoon_nr``, the run's integer number:
joins on it are faster than on the pseudonym; table persoon_nr has the pseudonym and the person's data) with
their birth date. Each spell knows the begin and end of the person's previous spell and of the next one in the
same scope, so a family can count persons without DISTINCT: of the spells overlapping a period, the person's
first is the one whose previous spell ended before the period began. How they are kept: engine.zorgperiodes_sql.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import duckdb

from jeugdmonitor.engine import zorgperiodes_sql as zp
from jeugdmonitor.engine.bases_sql import COST_ROWS_SQL, INWONERS_SQL, kostenclienten_sql
from jeugdmonitor.engine.basis import DIMENSIES, ONBEKEND
from jeugdmonitor.engine.lateraal import closing_parenthesis, flatten
from jeugdmonitor.engine.records import REGIO
from jeugdmonitor.engine.werkruimte import Werkruimte, ddl
from jeugdmonitor.engine.zorgperiodes_sql import TOTAAL, Part


def dim_rows_sql(dims: Sequence[str], met_totaal: bool = True) -> str:
    """VALUES rows (dim, waarde): the total, then each requested split of trajectory ``t`` (unknown values
    'onbekend'). Families write ``FROM … AS t, LATERAL (VALUES {{ dim_rows }}) AS d(dim, waarde)``."""
    rows = [f"('{TOTAAL}', '{TOTAAL}')"] if met_totaal else []
    rows += [f"('{d}', coalesce(({DIMENSIES[d].sql})::VARCHAR, '{ONBEKEND}'))" for d in dims]
    return ", ".join(rows)


def scope_key(afbakening: str) -> str:
    """A scope's SQL without the outer parentheses and spaces that make two equal scopes look different
    ('(NOT t.maatregel)' and 'NOT t.maatregel' are one scope, so their spells are built once)."""
    text = " ".join(afbakening.split())
    while text.startswith("(") and text.endswith(")") and _closes_at_end(text):
        text = text[1:-1].strip()
    return text


def _closes_at_end(text: str) -> bool:
    """Whether the parenthesis opening ``text`` is the one closing it (not '(a) AND (b)')."""
    return closing_parenthesis(text, 0) == len(text) - 1


T = TypeVar("T")


def _serialised(method: Callable[..., T]) -> Callable[..., T]:
    """One build at a time: the run's threads share the tables (the main thread renders the queries, a worker
    runs the forecast, which reads the cost rows)."""

    @functools.wraps(method)
    def wrapper(self: Bases, *args: Any, **kwargs: Any) -> T:
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper


class Bases:
    """The shared tables of one run on one connection, for the splits ``dims`` (trajectory splits only), in the
    run's scratch database ``werk`` (engine.werkruimte); without one, Bases attaches its own, removed by
    :meth:`close`."""

    def __init__(self, con: duckdb.DuckDBPyConnection, dims: Sequence[str], werk: Werkruimte | None = None) -> None:
        self.con = con
        self.dims = [d for d in dims if d in DIMENSIES and d != "leeftijdsklasse"]
        self._werk = werk
        self._own_werk = werk is None
        self._built: dict[tuple[str, int, tuple[str, ...], str], str] = {}
        self._parts: dict[tuple[str, int, str], list[Part]] = {}  # builds per scope
        self._views: dict[str, tuple[tuple[Part, ...], tuple[str, ...]]] = {}  # spells view: its builds, splits
        self._canonical: dict[tuple[str, int, str], tuple[str, int, str]] = {}  # scope -> the scope with its rows
        self._fingerprints: dict[tuple[object, ...], tuple[str, int, str]] = {}
        self._standen: dict[str, str] = {}
        self._standen_part: dict[tuple[str, int | None], str] = {}  # per build and vanaf_leeftijd: its counts
        self._clienten: dict[tuple[str, tuple[str, ...]], str] = {}
        self._clienten_builds: dict[str, list[tuple[str, set[str]]]] = {}  # per scope: table, its splits
        self._kosten: str | None = None
        self._inwoners: dict[tuple[int, int], str] = {}
        self._lock = threading.RLock()

    @_serialised
    def kostenregels(self) -> str:
        """The table of cost rows within the run's periods, each with its municipality, person, perceel,
        productgroep, segment, hulpvorm, financing, provider and the young person's wijk, gender and age in
        the month of care: from the row itself, else its trajectory, else the product catalogue.

        For a large store the scratch database is a file (engine.werkruimte)."""
        if self._kosten is None:
            van, tot = self.con.execute("SELECT min(start), max(eind_eff) FROM perioden").fetchone() or (None, None)
            self._kosten = self._create("kostenregel", COST_ROWS_SQL.format(van=van, tot=tot))
        return self._kosten

    @_serialised
    def kostenclienten(self, afbakening: str, dims: Sequence[str]) -> str:
        """The table of persons with costs per period, geography and split value (``dims``, every split of the
        cost rows, the total always): ``clienten``, the distinct persons whose client-bound costs within
        ``afbakening`` (SQL over ``t``, a cost row of :meth:`kostenregels`) net to other than zero in P.

        Set-based without a group per person and period: see engine.bases_sql. As the spells, a scope's persons
        are built once per split: a later request with other splits builds only those not built yet, and gets a
        view over the builds, limited to the splits it asked for."""
        key = (scope_key(afbakening), tuple(dims))
        if key not in self._clienten:
            builds = self._clienten_builds.setdefault(key[0], [])
            missing = tuple(d for d in dims if all(d not in held for _, held in builds))
            if not builds or missing:
                builds.append(self._clienten_build(afbakening, missing, met_totaal=not builds))
            wanted = (TOTAAL, *dims)
            tables = [(table, zp.splits_filter(held, wanted)) for table, held in builds if held & set(wanted)]
            if len(tables) == 1 and tables[0][1] is None:
                self._clienten[key] = tables[0][0]
            else:
                digest = hashlib.sha1(repr(key).encode()).hexdigest()[:10]
                self._clienten[key] = self._create(f"kostenclienten_{digest}_v", zp.union_sql(tables), view=True)
        return self._clienten[key]

    def _clienten_build(self, afbakening: str, dims: tuple[str, ...], met_totaal: bool) -> tuple[str, set[str]]:
        """One build of a scope's persons with costs: the table and the splits it holds."""
        kostenregel = self.kostenregels()
        van, tot = self.con.execute("SELECT min(start), max(eind_eff) FROM perioden").fetchone()
        sql = kostenclienten_sql(kostenregel, afbakening, dim_rows_sql(dims, met_totaal), REGIO, van, tot)
        digest = hashlib.sha1(repr((scope_key(afbakening), dims)).encode()).hexdigest()[:10]
        return self._create(f"kostenclienten_{digest}", sql), ({TOTAAL, *dims} if met_totaal else set(dims))

    @_serialised
    def inwoners(self, van: int, tot: int) -> str:
        """The table of inhabitants aged ``van``–``tot`` on 1 January per year (``jaar``), geography (``geo``:
        a municipality or the region) and wijk (NULL: the whole area), from table bevolking. Only age bands
        wholly within the range count; a municipality's number is its own row without wijk, else the sum of its
        wijken; the region is the municipalities with youth care in the store."""
        key = (int(van), int(tot))
        if key not in self._inwoners:
            sql = INWONERS_SQL.format(van=key[0], tot=key[1], regio=REGIO)
            self._inwoners[key] = self._create(f"inwoners_{key[0]}_{key[1]}", sql)
        return self._inwoners[key]

    def _create(self, name: str, sql: str, view: bool = False) -> str:
        """Create a shared table (or view) of the run in its scratch database; return its qualified name."""
        if self._werk is None:
            self._werk = Werkruimte(self.con, voorop=False)  # only for its qualified names
        # the lateral VALUES lists of the cost rows' and spells' splits as a constant cross join (engine.lateraal)
        self.con.execute(f"{ddl('VIEW' if view else 'TABLE', name, self._werk.name)} AS {flatten(sql)}")
        return f"{self._werk.name}.{name}"

    def close(self) -> None:
        """Forget the shared tables; detach the scratch database when it is Bases' own."""
        if self._own_werk and self._werk is not None:
            self._werk.close()
            self._werk = None
        self._kosten = None
        self._built.clear()
        self._parts.clear()
        self._views.clear()
        self._canonical.clear()
        self._fingerprints.clear()
        self._standen.clear()
        self._standen_part.clear()
        self._clienten.clear()
        self._clienten_builds.clear()
        self._inwoners.clear()

    @_serialised
    def zorgperiodes(
        self, afbakening: str, gat: int, vaste_dimensies: Sequence[str] = (), bron: str = "traject"
    ) -> str:
        """The name of the relation of spells for this scope and merge gap, built on first use; split by the
        run's dimensions and by ``vaste_dimensies``, the splits an indicator always has; over the rows of
        ``bron``: the trajectories, or ``zorg_en_maatregel`` (engine.basis) with the measures JB and JR.

        A scope's spells are built once per split: a later request of the same scope with other splits builds
        only the splits not built yet (a split's spells do not depend on the others) and gets a view over the
        parts, holding exactly the splits it asked for."""
        extra = [d for d in vaste_dimensies if d in DIMENSIES and d != "leeftijdsklasse" and d not in self.dims]
        dims = (*self.dims, *extra)
        if bron not in ("traject", "zorg_en_maatregel"):
            raise ValueError(f"onbekende bron voor zorgperiodes: {bron}")
        scope = self._same_rows((scope_key(afbakening), int(gat), bron))
        key = (*scope[:2], dims, bron)
        if key not in self._built:
            self._built[key] = self._spells_relation(scope, dims)
        return self._built[key]

    def _same_rows(self, scope: tuple[str, int, str]) -> tuple[str, int, str]:
        """The scope already built (or first asked) that selects exactly the same trajectories, else ``scope``:
        written differently ('NOT t.maatregel', 't.maatregel IS NOT TRUE', 'true' on a delivery whose jeugdhulp
        holds no measures) such scopes have the same spells. A fingerprint of the trajectory ids finds the
        candidate, a comparison of the sets decides. Only for the trajectories (they have an id)."""
        if scope[2] != "traject":
            return scope
        if scope not in self._canonical:
            ids = zp.scope_ids_sql(scope[0])
            row = self.con.execute(f"SELECT count(*), sum(hash(traject_id)), bit_xor(hash(traject_id)) FROM ({ids})")
            found = self._fingerprints.setdefault((*(row.fetchone() or ()), *scope[1:]), scope)
            if found != scope:
                other = zp.scope_ids_sql(found[0])
                differ = self.con.execute(
                    f"SELECT count(*) FROM (({ids} EXCEPT {other}) UNION ALL ({other} EXCEPT {ids}))"
                ).fetchone()
                found = found if differ == (0,) else scope
            self._canonical[scope] = found
        return self._canonical[scope]

    def _spells_relation(self, scope: tuple[str, int, str], dims: tuple[str, ...]) -> str:
        afbakening, gat, bron = scope
        digest = hashlib.sha1(repr(scope).encode()).hexdigest()[:10]
        parts = self._parts.setdefault(scope, [])
        built = {d for part in parts for d in part.dims}
        missing = tuple(d for d in dims if d not in built)
        if not parts or missing:
            name, met_totaal = f"zorgperiode_{digest}_{len(parts)}", not parts
            rows = dim_rows_sql(missing, met_totaal)
            waarden = self._create(f"{name}_w", zp.splitwaarden_sql(bron, afbakening, rows))
            split = rows if missing else None
            table = self._create(name, zp.spells_sql(bron, afbakening, gat, split, waarden, len(parts)))
            parts.append(Part(table, self._create(f"{name}_c", zp.cellen_sql(table, waarden)), missing, met_totaal))
        wanted = (TOTAAL, *dims)
        view = f"zorgperiode_{digest}_v{hashlib.sha1(repr(wanted).encode()).hexdigest()[:6]}"
        name = self._create(view, zp.named_sql(parts, wanted), view=True)
        self._views[name] = (tuple(parts), wanted)
        return name

    @_serialised
    def zorgstanden(
        self,
        afbakening: str,
        gat: int,
        vaste_dimensies: Sequence[str] = (),
        bron: str = "traject",
        vanaf_leeftijd: int | None = None,
    ) -> str:
        """The table of counts per period, geography and split value on the spells of :meth:`zorgperiodes`,
        from which stocks, flows and persons in care follow without joining each spell to each period it
        touches (at national scale tens of millions of spells × periods):

        - ``begonnen_voor`` / ``begonnen_tot``: spells begun before P.start / by P's end (the peildatum cut);
        - ``geeindigd_voor`` / ``geeindigd_tot``: spells ended before P.start / by P's end;
        - ``gaten``: spells whose person's previous spell ended on or after P.start while they begin by P's
          end: both lie in P, so persons in P = begonnen_tot − geeindigd_voor − gaten (a person's spells never
          overlap, so those in P are consecutive and each such pair is one person counted twice);
        - ``dubbel_in``: of those, the spells whose previous spell also began in P (a person's second start);
        - ``dubbel_uit``: of those, the spells that also end in P (so the previous one is not the person's last
          end in P).

        Counts up to a date are running sums over the distinct period boundaries: each spell is assigned to the
        first boundary on or after its begin (end) date, so the work grows with spells + periods. Each build of
        the scope's spells is counted once (a view's counts are those of its builds): the total, in the first
        build, is not counted again for every split asked later.

        With ``vanaf_leeftijd`` n the spells are cut to the days from the person's n-th birthday (persons with
        an unknown birth date left out): the persons in P then are those whose last day in care within P falls
        on or after that birthday, i.e. who are at least n years old on it."""
        spells = self.zorgperiodes(afbakening, gat, vaste_dimensies, bron)
        key = f"{spells}|{vanaf_leeftijd}"
        if key not in self._standen:
            parts, wanted = self._views[spells]
            counts = [(self._part_standen(part, vanaf_leeftijd), part.filter(wanted))
                      for part in parts if part.held() & set(wanted)]  # fmt: skip
            if len(counts) == 1 and counts[0][1] is None:
                self._standen[key] = counts[0][0]
            else:
                digest = hashlib.sha1(key.encode()).hexdigest()[:10]
                self._standen[key] = self._create(f"zorgstand_{digest}", zp.union_sql(counts), view=True)
        return self._standen[key]

    def _part_standen(self, part: Part, vanaf_leeftijd: int | None) -> str:
        """The counts of one build of a scope's spells, all its splits: counted once, whichever views read them
        (the total of a scope is in its first build and in every view of that scope)."""
        key = (part.table, None if vanaf_leeftijd is None else int(vanaf_leeftijd))
        if key not in self._standen_part:
            digest = hashlib.sha1(repr(key).encode()).hexdigest()[:10]
            spells = part.table
            if key[1] is not None:
                spells = self._create(f"zorgperiode_{digest}_vanaf", zp.vanaf_sql(part.table, key[1]), view=True)
            sql = zp.STANDEN_SQL.format(spells=spells, cellen=part.cellen)
            self._standen_part[key] = self._create(f"zorgstand_{digest}", sql)
        return self._standen_part[key]
