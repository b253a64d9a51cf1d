"""Derive the geography the demo generator ships (src/jeugdmonitor/demo/geografie.csv).

Run once from the repository root, with the shared reference data beside the repository:

    .venv/bin/python tools/derive_demo_geografie.py

It reads ../shared/reference (CBS Kerncijfers wijken en buurten 2024, the 2025 municipality list and the
Hengelo wijk names) and writes one row per inhabited wijk with *derived* figures only: inhabitants, an
estimated number aged 0-17 and 18-22 (the reference has no age split), and a synthetic block of PC4
postcodes per wijk. The result is deterministic; it is not a copy of the reference files.
"""

from __future__ import annotations

import csv
import hashlib
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference"
OUT = ROOT / "src" / "jeugdmonitor" / "demo" / "geografie.csv"

# PC4 ranges per province (roughly where real postcodes of that province lie), and the real ranges of the
# four demo municipalities so that Hengelo's postcodes look like Hengelo's (755x).
PROVINCE_PC4 = {
    "Noord-Holland": 1000, "Flevoland": 1300, "Zuid-Holland": 2000, "Utrecht": 3400, "Zeeland": 4300,
    "Noord-Brabant": 4600, "Limburg": 5800, "Gelderland": 6500, "Overijssel": 7400, "Drenthe": 7700,
    "Friesland": 8400, "Groningen": 9500,
}  # fmt: skip
DEMO_PC4 = {"GM0164": 7550, "GM0153": 7511, "GM0147": 7621, "GM0173": 7570}
INHABITANTS_PER_PC4 = 6000
SHARE_0_17 = 0.192  # the Netherlands, 1 January 2024: 3.4 million of 17.9 million
SHARE_18_22 = 0.059


def _noise(key: str, spread: float) -> float:
    """A deterministic factor in [1 - spread, 1 + spread] from a key (no random state)."""
    h = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return 1.0 + spread * (2.0 * h - 1.0)


def _density_factor_young(density: float) -> float:
    """Families live in suburbs and villages; town centres have few children."""
    if density < 500:
        return 1.06
    if density < 2000:
        return 1.08
    if density < 4000:
        return 1.0
    if density < 6000:
        return 0.88
    return 0.72


def _density_factor_students(density: float) -> float:
    return 0.85 if density < 1000 else 1.0 if density < 4000 else 1.35


def _read_reference() -> tuple[dict[str, dict[str, str]], dict[str, list[dict[str, str]]], dict[str, str]]:
    with (REFERENCE / "gemeenten_2025_codes_namen_provincie.csv").open(encoding="utf-8") as fh:
        gemeenten = {r["gm_code"]: r for r in csv.DictReader(fh)}
    wijken: dict[str, list[dict[str, str]]] = {}
    with (REFERENCE / "kwb2024_gemeente_wijk_basis.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if r["soort"] == "Wijk" and int(r["AantalInwoners_5"] or 0) > 0:
                wijken.setdefault(r["gm_code"], []).append(r)
    with (REFERENCE / "hengelo_wijken_2024.csv").open(encoding="utf-8") as fh:
        names = {r["wijkcode"]: r["wijknaam"] for r in csv.DictReader(fh)}
    return gemeenten, wijken, names


def _age_bands(gm: str, rows: list[dict[str, str]]) -> list[tuple[int, int]]:
    """Estimated inhabitants 0-17 and 18-22 per wijk, scaled to a plausible municipal share."""
    inh = [int(r["AantalInwoners_5"]) for r in rows]
    dens = [float(r["Bevolkingsdichtheid_34"] or 0) for r in rows]
    young = [
        i * _density_factor_young(d) * _noise(r["regiocode"] + "j", 0.06)
        for i, d, r in zip(inh, dens, rows, strict=True)
    ]
    stud = [
        i * _density_factor_students(d) * _noise(r["regiocode"] + "s", 0.08)
        for i, d, r in zip(inh, dens, rows, strict=True)
    ]
    total = sum(inh)
    share_young = SHARE_0_17 * _noise(gm + "j", 0.07)
    share_stud = SHARE_18_22 * _noise(gm + "s", 0.12) * (1.25 if total > 100_000 else 1.0)
    ky = share_young * total / sum(young)
    ks = share_stud * total / sum(stud)
    return [(round(y * ky), round(s * ks)) for y, s in zip(young, stud, strict=True)]


def derive() -> list[dict[str, object]]:
    gemeenten, wijken, names = _read_reference()
    used: set[int] = set()
    next_free = dict(PROVINCE_PC4)
    out: list[dict[str, object]] = []
    order = sorted(gemeenten, key=lambda g: (g not in DEMO_PC4, g))  # demo municipalities claim their range first
    for gm in order:
        info = gemeenten[gm]
        rows = sorted(wijken[gm], key=lambda r: r["regiocode"])
        cursor = DEMO_PC4.get(gm, next_free[info["provincie"]])
        blocks = []
        for r in rows:
            n = max(1, math.ceil(int(r["AantalInwoners_5"]) / INHABITANTS_PER_PC4))
            start = cursor
            while any(c in used for c in range(start, start + n + 1)):
                start += 1
            blocks.append((start, n))
            used.update(range(start, start + n))
            cursor = start + n
        unknown = cursor
        while unknown in used:
            unknown += 1
        used.add(unknown)  # reserved: a postcode of this municipality that maps to no wijk
        if gm not in DEMO_PC4:
            next_free[info["provincie"]] = unknown + 1
        for r, (y, s), (start, n) in zip(rows, _age_bands(gm, rows), blocks, strict=True):
            out.append(
                {
                    "gemeente": gm,
                    "gemeentenaam": info["gm_naam"],
                    "wijk": r["regiocode"],
                    "wijknaam": names.get(r["regiocode"], ""),
                    "inwoners": int(r["AantalInwoners_5"]),
                    "inwoners_0_17": y,
                    "inwoners_18_22": s,
                    "pc4_van": start,
                    "pc4_aantal": n,
                    "pc4_onbekend": unknown,
                }
            )
    assert max(int(r["pc4_van"]) + int(r["pc4_aantal"]) for r in out) <= 9999  # type: ignore[call-overload]
    return sorted(out, key=lambda r: (r["gemeente"], r["wijk"]))  # type: ignore[return-value]


def main() -> None:
    rows = derive()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} wijken, {OUT.stat().st_size // 1024} kB")


if __name__ == "__main__":
    main()
