"""CSV files: UTF-8 with or without BOM, delimiter ``,`` or ``;`` (detected from the header), ``"`` quoting.

DuckDB's ``read_csv`` reads the file with every column as text, in parallel; Python only looks at the header
line. National deliveries hold ~20 million cost rows, so there is no row loop here.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb

from jeugdmonitor.sources.base import (
    ROW_COLUMN,
    FileProblem,
    RawFile,
    check_header,
    count_rows,
    projection_sql,
    quote_literal,
    text_sql,
)
from jeugdmonitor.store.pseudonym import Key

DELIMITERS = (",", ";")
_LINE = re.compile(r"Line: (\d+)")


def read_header(path: Path) -> tuple[list[str], str]:
    """The header cells and the delimiter: ``;`` when the header has more of them than commas."""
    with path.open("rb") as fh:
        first = fh.readline()
    try:
        line = first.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        line = None
    if line is None:
        raise FileProblem("onleesbaar", "het bestand is niet in UTF-8 opgeslagen", rij=1)
    if not line.strip():
        raise FileProblem("onleesbaar", "het bestand is leeg of begint met een lege regel", rij=1)
    outside_quotes = re.sub(r'"[^"]*"', "", line)
    delimiter = ";" if outside_quotes.count(";") > outside_quotes.count(",") else ","
    cells = next(csv.reader([line], delimiter=delimiter, quotechar='"'))
    return cells, delimiter


def _problem_from_duckdb(exc: duckdb.Error) -> FileProblem:
    """A Dutch description of a parse error. DuckDB's message quotes the offending line, so it is not passed on."""
    message = str(exc)
    found = _LINE.search(message)
    rij = int(found.group(1)) if found else None
    if "unicode" in message.lower():
        tekst = "het bestand is niet in UTF-8 opgeslagen"
    elif "Expected Number of Columns" in message:
        tekst = "deze rij heeft een ander aantal kolommen dan de kopregel"
    elif "quote" in message.lower():
        tekst = 'een aanhalingsteken (") wordt niet afgesloten'
    else:
        tekst = "het bestand is geen geldige CSV"
    return FileProblem("onleesbaar", tekst, rij=rij)


class CsvReader:
    name = "csv"
    suffixes = (".csv",)

    def handles(self, path: Path) -> bool:
        return path.suffix.lower() in self.suffixes

    def read(self, path: Path, con: duckdb.DuckDBPyConnection, key: Key, relation: str) -> RawFile:
        cells, delimiter = read_header(path)
        columns = check_header(cells)
        positional = [f"c{i}" for i in range(len(columns))]
        spec = ", ".join(f"'{p}': 'VARCHAR'" for p in positional)
        scan = (
            f"read_csv({quote_literal(str(path))}, delim = '{delimiter}', quote = '\"', escape = '\"', "
            f"header = true, auto_detect = false, columns = {{{spec}}}, encoding = 'utf-8', "
            f"strict_mode = true, null_padding = false)"
        )
        inner = ", ".join(f"{text_sql(p)} AS {p}" for p in positional)
        data = f"{relation}_data"
        problem = None
        try:
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {data} AS "
                f"SELECT {projection_sql(columns, positional, key)} FROM (SELECT {inner} FROM {scan})"
            )
        except duckdb.Error as exc:
            problem = _problem_from_duckdb(exc)
        if problem is not None:  # raised outside the handler: DuckDB's message must not ride along as context
            raise problem
        # Insertion order is preserved (and the read stays parallel, unlike row_number() OVER ()), so the
        # rowid is the record's position in the file: + 2 for the header and counting from 1.
        con.execute(f"CREATE OR REPLACE TEMP VIEW {relation} AS SELECT rowid + 2 AS {ROW_COLUMN}, * FROM {data}")
        drop = f"DROP VIEW IF EXISTS {relation}; DROP TABLE IF EXISTS {data}"
        return RawFile(path, relation, columns, delimiter == ";", count_rows(con, data), drop)
