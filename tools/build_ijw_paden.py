"""Derive the element paths of the iJw 3.2 messages shipped in the package from the shared XSD walk.

Reads ``../shared/ijw/derived/ijw32_element_paths.tsv`` (path, cardinality, type per message, walked from the
3.2 XSDs) and writes ``src/jeugdmonitor/sources/ijw/data/paden.csv`` with one row per element: bericht, pad
(without the leading ``Bericht/``), min, max (``n`` for unbounded) and the simple type (``LDT_…``) or empty
for a composite. The reader's own structural checks (``sources/ijw/structuur.py``) use it.

Run from the repository root:
    .venv/bin/python tools/build_ijw_paden.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "ijw" / "derived" / "ijw32_element_paths.tsv"
TARGET = ROOT / "src" / "jeugdmonitor" / "sources" / "ijw" / "data" / "paden.csv"


def rows(text: str) -> list[tuple[str, str, str, str, str]]:
    result = []
    bericht = ""
    for line in text.splitlines():
        if line.startswith("### "):
            bericht = line[4:].strip()
            continue
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].startswith("Bericht/"):
            continue
        pad, card, typ = parts[0][len("Bericht/") :], parts[1], parts[2].strip("()")
        low, high = card.split("..")
        simple = typ.split(":")[-1] if re.search(r":LDT_", typ) else ""
        result.append((bericht, pad, low, "n" if high == "unbounded" else high, simple))
    return result


def main() -> None:
    found = rows(SOURCE.read_text(encoding="utf-8"))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with TARGET.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["bericht", "pad", "min", "max", "type"])
        writer.writerows(found)
    print(f"geschreven: {TARGET} ({len(found)} paden)")


if __name__ == "__main__":
    main()
