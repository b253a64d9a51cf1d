"""Build src/jeugdmonitor/catalog/standaardproducten.csv from the iJw standard product code list.

Run from the repository root with ../shared beside it:
    .venv/bin/python tools/build_standaardproducten.py

Each standard product code (categories 40-55) is classified by the category defaults in
productcategorieen.csv, refined by the keyword rules below: the CBS hulpvorm (pleegzorg 11, gezinshuis 12,
JeugdzorgPlus/gesloten 13, other residential 14), residential or not, the segment, the product group and the
funding band (licht 1, middel 2, zwaar 3). The output is our classification, not a copy of the list.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared/ijw/codelists/standaardproductcodelijst_jeugd_snapshot_2021.json"
CATALOG = ROOT / "src/jeugdmonitor/catalog"
COLUMNS = ["product", "omschrijving", "productcategorie", "hulpvorm", "verblijf", "segment", "productgroep",
           "perceel", "zwaarteband"]  # fmt: skip
RESIDENTIAL = ("43", "44")


def _band(text: str) -> str:
    t = text.lower()
    if "extra zwaar" in t or re.search(r"\bzwaar\b", t):
        return "3"
    if "middel" in t:
        return "2"
    if "licht" in t:
        return "1"
    return ""


def classify(code: str, text: str, default: dict[str, str]) -> dict[str, str]:
    t = text.lower()
    row = {k: default[k] for k in ("hulpvorm", "verblijf", "segment", "productgroep", "perceel")}
    cat = code[:2]
    if cat in RESIDENTIAL or (cat == "46" and any(w in t for w in ("verblijf", "pleegzorg", "gezinshuis"))):
        row.update(verblijf="ja", hulpvorm="14")
        if cat == "46":
            row.update(segment="24uurs")
        if "pleegzorg" in t:
            row.update(hulpvorm="11", productgroep="Pleegzorg")
        elif "gezinshuis" in t or "gezinsgericht" in t:
            row.update(hulpvorm="12")
        elif "jeugdzorgplus" in t or "jeugdzorg plus" in t or "gesloten" in t:
            row.update(hulpvorm="13", productgroep="JeugdzorgPlus")
        elif "logeren" in t or "deeltijdverblijf" in t or "afwezigheidsdag" in t:
            row.update(segment="care", productgroep="Kortdurend verblijf")
    elif cat in ("52", "54", "55") and "verblijf" in t and "zonder overnachting" not in t:
        row.update(verblijf="ja", hulpvorm="14", segment="24uurs")
        if "jeugdzorgplus" in t:
            row.update(hulpvorm="13", productgroep="JeugdzorgPlus")
    elif cat == "45":
        if "wijkteam" in t:
            row.update(hulpvorm="01")
        elif "netwerk" in t:
            row.update(hulpvorm="04")
        if any(w in t for w in ("behandel", "diagnostiek", "specialistisch")):
            row.update(productgroep="Ambulante behandeling", perceel="Ambulante jeugdhulp")
        else:
            row.update(productgroep="Ambulante begeleiding")
    elif cat == "41" and "dagbesteding" in t:
        row.update(productgroep="Dagbesteding")
    row["zwaarteband"] = _band(text)
    return row


def main() -> None:
    with (CATALOG / "productcategorieen.csv").open(encoding="utf-8") as fh:
        defaults = {r["productcategorie"]: r for r in csv.DictReader(fh)}
    codes = json.loads(SOURCE.read_text(encoding="utf-8"))
    rows = []
    for item in codes:
        code, text = item["Code"], item["Betekenis"].strip()
        if code[:2] not in defaults or not code[:2].isdigit() or int(code[:2]) < 40:
            continue
        row = {"product": code, "omschrijving": text, "productcategorie": code[:2]}
        row.update(classify(code, text, defaults[code[:2]]))
        rows.append(row)
    with (CATALOG / "standaardproducten.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda r: r["product"]))
    print(f"{len(rows)} standaardproducten geschreven")


if __name__ == "__main__":
    main()
