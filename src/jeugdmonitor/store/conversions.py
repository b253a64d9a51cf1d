"""From delivered text to the contract's types, in SQL, and the problems a cell can have.

:func:`typed_sql` gives the typed value of a text expression (NULL when it cannot be read);
:func:`cell_rules` gives the rules whose rows go into ``stg_meldingen``. Both work on any expression, so
the same definitions serve CSV and XLSX and every table of the contract.
"""

from __future__ import annotations

from dataclasses import dataclass

from jeugdmonitor.contract import Column
from jeugdmonitor.errors import Level
from jeugdmonitor.sources.base import quote_literal
from jeugdmonitor.store.meldingen import shown

ONBEKEND = "onbekend"
ISO_DATE = "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
DUTCH_DATE = "[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}"
ISO_MONTH = "[0-9]{4}-[0-9]{1,2}"
POINT_NUMBER = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"
COMMA_NUMBER = r"[+-]?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+),[0-9]+"  # 12,50 and 1.234,50
WHOLE_NUMBER = "[+-]?[0-9]+"
GEMEENTECODE = "(GM)?[0-9]{1,4}"
WIJKCODE = "(WK)?[0-9]{4}[0-9A-Z]{2}"  # Amsterdam: WK0363AF
POSTCODE = "[1-9][0-9]{3}([A-Z]{2})?"
PERIODE = "[0-9]{4}(-(H[12]|T[1-3]|Q[1-4]|0[1-9]|1[0-2]))?"
LIST_SEPARATOR = "[;,]"
YES = ("ja", "j", "1", "true", "waar", "yes", "y")
NO = ("nee", "n", "0", "false", "onwaar", "no")


@dataclass(frozen=True)
class CellRule:
    niveau: Level
    regel: str
    condition: str  # SQL: this cell has the problem
    tekst: str  # SQL: the Dutch message


def _matches(expr: str, pattern: str) -> str:
    return f"regexp_full_match({expr}, {quote_literal(pattern)})"


def _in_list(expr: str, values: tuple[str, ...]) -> str:
    return f"{expr} IN ({', '.join(quote_literal(v) for v in values)})"


def _date(x: str) -> str:
    return (
        f"CASE WHEN {_matches(x, ISO_DATE)} THEN try_cast({x} AS DATE) "
        f"WHEN {_matches(x, DUTCH_DATE)} THEN CAST(try_strptime({x}, '%d-%m-%Y') AS DATE) END"
    )


def _number_text(x: str, decimal_comma: bool) -> str:
    """The number as text with a decimal point, or NULL when it is not a number."""
    comma = f"WHEN {_matches(x, COMMA_NUMBER)} THEN replace(replace({x}, '.', ''), ',', '.') " if decimal_comma else ""
    return f"CASE WHEN {_matches(x, POINT_NUMBER)} THEN {x} {comma}END"


def _code(x: str, codes: tuple[str, ...]) -> str:
    """The code as listed in the contract (matched without regard to case), else 'onbekend'."""
    whens = " ".join(f"WHEN {quote_literal(c.lower())} THEN {quote_literal(c)}" for c in codes)
    return f"CASE WHEN {x} IS NULL THEN NULL ELSE CASE lower({x}) {whens} ELSE '{ONBEKEND}' END END"


def _known(x: str, codes: tuple[str, ...]) -> str:
    return _in_list(f"lower({x})", (*(c.lower() for c in codes), ONBEKEND))


def _list_items(x: str) -> str:
    items = f"list_transform(regexp_split_to_array({x}, '{LIST_SEPARATOR}'), lambda e: trim(e))"
    return f"list_filter({items}, lambda e: e <> '')"


def typed_sql(column: Column, x: str, decimal_comma: bool = False) -> str:
    """The typed value of text expression ``x`` for ``column``; NULL when empty or unreadable."""
    t = column.type
    if t == "datum":
        return _date(x)
    if t == "maand":
        return (
            f"CASE WHEN {_matches(x, ISO_MONTH)} THEN try_cast({x} || '-01' AS DATE) "
            f"ELSE CAST(date_trunc('month', {_date(x)}) AS DATE) END"
        )
    if t == "bedrag":
        return f"try_cast({_number_text(x, decimal_comma)} AS DECIMAL(18,2))"
    if t == "getal":
        return f"try_cast({_number_text(x, decimal_comma)} AS DOUBLE)"
    if t == "geheel":
        return f"CASE WHEN {_matches(x, WHOLE_NUMBER)} THEN try_cast({x} AS BIGINT) END"
    if t == "janee":
        return f"CASE WHEN {_in_list(f'lower({x})', YES)} THEN true WHEN {_in_list(f'lower({x})', NO)} THEN false END"
    if t == "code":
        return _code(x, column.codes or ())
    if t == "lijst":
        return f"list_transform({_list_items(x)}, lambda e: {_code('e', column.codes or ())})"
    if t == "gemeentecode":
        u = f"upper({x})"
        return f"CASE WHEN {_matches(u, GEMEENTECODE)} THEN 'GM' || lpad(ltrim({u}, 'GM'), 4, '0') END"
    if t == "wijkcode":
        u = f"upper({x})"
        return f"CASE WHEN {_matches(u, WIJKCODE)} THEN 'WK' || ltrim({u}, 'WK') END"
    if t == "postcode":
        return f"CASE WHEN {_matches(postcode_text(x), POSTCODE)} THEN left({postcode_text(x)}, 4) END"
    if t == "periode":
        return f"CASE WHEN {_matches(f'upper({x})', PERIODE)} THEN upper({x}) END"
    return x


def postcode_text(x: str) -> str:
    """A postcode without spaces, upper-case: ``7551 ab`` -> ``7551AB``."""
    return f"upper(replace({x}, ' ', ''))"


def _unreadable(regel: str, column: Column, x: str, decimal_comma: bool, uitleg: str) -> CellRule:
    return CellRule(
        "fout",
        regel,
        f"{x} IS NOT NULL AND ({typed_sql(column, x, decimal_comma)}) IS NULL",
        f"{shown(x)} || {quote_literal(' ' + uitleg)}",
    )


def cell_rules(column: Column, x: str, decimal_comma: bool = False) -> list[CellRule]:
    """The problems a filled cell of ``column`` can have (empty required cells are checked elsewhere)."""
    t, name = column.type, column.name
    if t == "datum":
        shaped = f"({_matches(x, ISO_DATE)} OR {_matches(x, DUTCH_DATE)})"
        return [
            CellRule(
                "fout",
                "datum_bestaat_niet",
                f"{x} IS NOT NULL AND {shaped} AND ({_date(x)}) IS NULL",
                f"'datum ' || {shown(x)} || ' bestaat niet'",
            ),
            CellRule(
                "fout",
                "geen_datum",
                f"{x} IS NOT NULL AND NOT {shaped}",
                f"{shown(x)} || ' is geen datum (JJJJ-MM-DD of DD-MM-JJJJ)'",
            ),
        ]
    if t == "maand":
        return [_unreadable("geen_maand", column, x, decimal_comma, "is geen maand (JJJJ-MM)")]
    if t == "bedrag":
        return [_unreadable("geen_bedrag", column, x, decimal_comma, "is geen bedrag in euro's")]
    if t == "getal":
        return [_unreadable("geen_getal", column, x, decimal_comma, "is geen getal")]
    if t == "geheel":
        return [_unreadable("geen_geheel_getal", column, x, decimal_comma, "is geen geheel getal")]
    if t == "gemeentecode":
        return [_unreadable("geen_gemeentecode", column, x, decimal_comma, "is geen CBS-gemeentecode (GM0164)")]
    if t == "periode":
        return [_unreadable("geen_periode", column, x, decimal_comma, "is geen periode (2024, 2024-H1, 2024-Q2 …)")]
    if t == "janee":
        rule = _unreadable("onbekende_code", column, x, decimal_comma, "is geen ja of nee; opgeslagen als onbekend")
        return [CellRule("waarschuwing", rule.regel, rule.condition, rule.tekst)]
    if t == "code":
        return [
            CellRule(
                "waarschuwing",
                "onbekende_code",
                f"{x} IS NOT NULL AND NOT {_known(x, column.codes or ())}",
                f"{shown(x)} || ' is geen bekende code voor {name}; opgeslagen als onbekend'",
            ),
        ]
    if t == "lijst":
        unknown = f"list_filter({_list_items(x)}, lambda e: NOT {_known('e', column.codes or ())})"
        joined = f"array_to_string({unknown}, ';')"
        return [
            CellRule(
                "waarschuwing",
                "onbekende_code",
                f"{x} IS NOT NULL AND len({unknown}) > 0",
                f"{shown(joined)} || ' is geen bekende code voor {name}; opgeslagen als onbekend'",
            ),
        ]
    if t == "wijkcode":
        return [
            CellRule(
                "waarschuwing",
                "geen_wijkcode",
                f"{x} IS NOT NULL AND ({typed_sql(column, x)}) IS NULL",
                f"{shown(x)} || ' is geen CBS-wijkcode (WK016405); wijk opgeslagen als onbekend'",
            ),
        ]
    if t == "postcode":
        # the value is not repeated: a full postcode says a lot about where a young person lives
        return [
            CellRule(
                "waarschuwing",
                "geen_postcode",
                f"{x} IS NOT NULL AND ({typed_sql(column, x)}) IS NULL",
                "'geen geldige postcode (1234AB of 1234); opgeslagen als onbekend'",
            ),
        ]
    return []
