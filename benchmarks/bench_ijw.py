"""Benchmark: reading and loading a year of iJw messages of a large municipality (issue 5; aim: 5,000 messages/s).

Without ``--map`` the messages are synthesised here: per young person a request (JW315, half of them), an
allocation (JW301, a third with two products, a fifth extended by a second JW301), a start (JW305) and for
40% a stop (JW307), each with its retour message (header only, as the standard prescribes), plus per provider
and month a declaration (JW323) of every active trajectory and its answer (JW325). They are written as one zip
archive per month, the way a municipality would collect them. The message texts come from the hand-written
builders of the tests (``tests/ijw_berichten.py``); BSNs from the demo range 999xxxxxx (elfproef).
With ``--map DIR`` an existing message folder is measured instead (for example the demo's, from
``jeugdmonitor generate --formaat ijw``).

Two steps, each its own process, so that time and peak memory (max RSS) are those of that step alone:
``lezen`` parses, checks and extracts every message (no store), ``laden`` runs ``jeugdmonitor load`` into a
new store (``--geen-indicatoren``: the indicators are bench_indicatoren.py's business).

    .venv/bin/python benchmarks/bench_ijw.py [--clienten 20000] [--xsd ../shared/ijw/xsd/ijw-3.2] [--map DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the message builders live with the tests

from tests.ijw_berichten import _CODES, _header, jw301, jw305, jw307, jw315, jw323, jw325  # noqa: E402

CLI = Path(sys.executable).with_name("jeugdmonitor")
GEMEENTE = "0599"  # Rotterdam
AANBIEDERS = [f"98{i:06d}" for i in range(1, 201)]
RETOUR = {"301": "302", "305": "306", "307": "308", "315": "316"}
CODES = {"302": 437, "306": 439, "308": 441, "316": 447}


def _bsns(count: int) -> list[str]:
    """Valid BSNs (elfproef) from 999000000 upwards."""
    found, n = [], 999_000_000
    while len(found) < count:
        s = str(n)
        total = sum(int(d) * w for d, w in zip(s[:8], range(9, 1, -1), strict=True)) - int(s[8])
        if total % 11 == 0:
            found.append(s)
        n += 1
    return found


def _retour(soort: str, afzender: str, ontvanger: str, ident: str, dag: str) -> str:
    """A retour message: the original's header plus the retour identification and code 0200."""
    r = RETOUR[soort]
    extra = (
        f"<jw{r}:IdentificatieRetour>R{ident}</jw{r}:IdentificatieRetour><jw{r}:DagtekeningRetour>{dag}"
        f"</jw{r}:DagtekeningRetour><jw{r}:XsdVersieRetour><ijw:BasisschemaXsdVersie>1.0.0"
        f"</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie></jw{r}:XsdVersieRetour>"
        f"<jw{r}:RetourCodes><jw{r}:RetourCode>0200</jw{r}:RetourCode></jw{r}:RetourCodes>"
    )
    header = _header(soort, afzender, ontvanger, ident, dag, extra).replace(f"jw{soort}:", f"jw{r}:")
    code = f"<jw{r}:BerichtCode>{{}}</jw{r}:BerichtCode>"
    header = header.replace(code.format(_CODES[soort]), code.format(CODES[r]))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<jw{r}:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/'
        f'basisschema/schema" xmlns:jw{r}="http://www.istandaarden.nl/ijw/3_2/jw{r}/schema">\n{header}\n'
        f"</jw{r}:Bericht>\n"
    )


def synthesise(folder: Path, clienten: int, seed: int = 7) -> int:
    """Write a year (2024) of messages as monthly zip archives; return the number of messages."""
    rng = random.Random(seed)
    per_maand: dict[int, list[tuple[str, str]]] = {m: [] for m in range(1, 13)}
    actief: dict[tuple[str, int], list[tuple[str, str, date, date]]] = {}  # (aanbieder, maand) -> trajectories
    begin_jaar = date(2024, 1, 1)
    for i, bsn in enumerate(_bsns(clienten)):
        aanbieder = rng.choice(AANBIEDERS)
        start = begin_jaar + timedelta(days=rng.randrange(330))
        dag = (start - timedelta(days=10)).isoformat()
        nummer, ref = str(100000 + i), f"REF{i}"
        berichten = []
        if rng.random() < 0.5:
            berichten.append(("315", jw315(f"V{i}", dag, bsn, [{"referentie": ref}], gemeente=GEMEENTE,
                                           aanbieder=aanbieder), aanbieder, GEMEENTE, f"V{i}", dag))  # fmt: skip
        producten = [{"nummer": nummer, "referentie": ref, "einde": (start + timedelta(days=180)).isoformat()}]
        if rng.random() < 0.33:
            producten.append({"nummer": f"{nummer}9", "categorie": "54", "code": "54001"})
        berichten.append(("301", jw301(f"T{i}", dag, bsn, producten, gemeente=GEMEENTE, aanbieder=aanbieder,
                                       postcode="3011AB"), GEMEENTE, aanbieder, f"T{i}", dag))  # fmt: skip
        if rng.random() < 0.2:
            later = (start + timedelta(days=150)).isoformat()
            verlengd = [{**producten[0], "datum": later, "einde": (start + timedelta(days=365)).isoformat(),
                         "reden": "04"}]  # fmt: skip
            berichten.append(("301", jw301(f"W{i}", later, bsn, verlengd, gemeente=GEMEENTE, aanbieder=aanbieder),
                              GEMEENTE, aanbieder, f"W{i}", later))  # fmt: skip
        s = start.isoformat()
        berichten.append(("305", jw305(f"S{i}", s, bsn, [{"nummer": nummer, "begin": s}], gemeente=GEMEENTE,
                                       aanbieder=aanbieder), aanbieder, GEMEENTE, f"S{i}", s))  # fmt: skip
        einde = date(2024, 12, 31)
        if rng.random() < 0.4:
            einde = min(start + timedelta(days=rng.randrange(30, 200)), date(2024, 12, 31))
            e = einde.isoformat()
            stop = {"nummer": nummer, "begin": s, "einde": e, "reden": rng.choice(["31", "31", "34", "32", "33"])}
            berichten.append(("307", jw307(f"E{i}", e, bsn, [stop], gemeente=GEMEENTE, aanbieder=aanbieder),
                              aanbieder, GEMEENTE, f"E{i}", e))  # fmt: skip
        for soort, text, afzender, ontvanger, ident, d in berichten:
            maand = date.fromisoformat(d).month if d >= "2024-01-01" else 1
            per_maand[maand].append((f"JW{soort}_{ident}.xml", text))
            per_maand[maand].append((f"JW{RETOUR[soort]}_{ident}.xml", _retour(soort, afzender, ontvanger, ident, d)))
        for maand in range(start.month, einde.month + 1):
            actief.setdefault((aanbieder, maand), []).append((bsn, nummer, start, einde))
    for (aanbieder, maand), trajecten in sorted(actief.items()):
        eerste = date(2024, maand, 1)
        laatste = (eerste + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        clienten_map: dict[str, list[dict[str, str]]] = {}
        for n, (bsn, nummer, _, _) in enumerate(trajecten):
            clienten_map.setdefault(bsn, []).append({
                "referentie": f"P{aanbieder}{maand:02d}{n}", "nummer": nummer, "begin": eerste.isoformat(),
                "einde": laatste.isoformat(), "bedrag": str(rng.randrange(5000, 250000)),
            })  # fmt: skip
        dag = (laatste + timedelta(days=5)).isoformat()
        ident = f"D{aanbieder}{maand:02d}"
        periode = (eerste.isoformat(), laatste.isoformat())
        verzonden = jw323(ident, dag, ident, clienten_map, gemeente=GEMEENTE, aanbieder=aanbieder, periode=periode)
        afgewezen = {b: [{**p, "retour": "0611"} for p in ps[:1]] for b, ps in list(clienten_map.items())[:2]}
        antwoord = jw325(f"A{ident}", dag, ident, (ident, dag), afgewezen, gemeente=GEMEENTE, aanbieder=aanbieder)
        per_maand[min(maand + 1, 12)] += [(f"JW323_{ident}.xml", verzonden), (f"JW325_{ident}.xml", antwoord)]
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for maand, files in per_maand.items():
        with zipfile.ZipFile(folder / f"berichten_2024_{maand:02d}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in files:
                archive.writestr(name, text)
        total += len(files)
    return total


def _run(args: list[str]) -> tuple[float, float, float, int, str]:
    """Run one command: wall seconds, CPU seconds (with its worker processes), peak RSS (MB) of the largest
    process, exit code and standard output. On a busy machine the CPU seconds say more than the wall clock."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), out


LEES = """
import json, sys, time
from pathlib import Path
from jeugdmonitor.sources.ijw.levering import read_folder
from jeugdmonitor.store.pseudonym import Key
t = time.perf_counter()
feiten, levering, _ = read_folder(Path(sys.argv[1]), Key(b"bench", True, "bench"), set(), sys.argv[2] or None)
print(json.dumps({"berichten": levering.geladen + len(levering.quarantaine), "mb": levering.megabytes,
                  "seconden": time.perf_counter() - t}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clienten", type=int, default=20000)
    parser.add_argument("--map", type=Path, default=None, help="een bestaande map met berichten")
    parser.add_argument("--xsd", type=Path, default=None, help="ook tegen de XSD's controleren")
    parser.add_argument("--werkmap", type=Path, default=Path("/tmp/bench_ijw"))
    args = parser.parse_args()
    shutil.rmtree(args.werkmap, ignore_errors=True)
    args.werkmap.mkdir(parents=True)
    folder = args.map
    if folder is None:
        folder = args.werkmap / "berichten"
        t = time.perf_counter()
        n = synthesise(folder, args.clienten)
        print(f"gesynthetiseerd: {n:,} berichten voor {args.clienten:,} jeugdigen in {time.perf_counter() - t:.1f} s")
    xsd = str(args.xsd.resolve()) if args.xsd else ""
    print(f"belasting van de machine (load average 1 min): {os.getloadavg()[0]:.1f} op {os.cpu_count()} kernen")
    seconds, cpu, peak, code, out = _run([sys.executable, "-c", LEES, str(folder), xsd])
    if code != 0:
        sys.exit(f"lezen mislukt (exitcode {code})")
    gemeten = json.loads(out)
    n, mb = gemeten["berichten"], gemeten["mb"]
    lezen = gemeten["seconden"]
    print(f"lezen:  {n:,} berichten, {mb:.1f} MB in {lezen:.1f} s: {n / lezen:,.0f} berichten/s, "
          f"{mb / lezen:.1f} MB/s; {cpu:.1f} CPU-s ({n / cpu:,.0f} berichten per CPU-seconde); "
          f"piekgeheugen {peak:,.0f} MB (proces totaal {seconds:.1f} s)")  # fmt: skip
    store = args.werkmap / "store.duckdb"
    cmd = [str(CLI), "load", str(folder), "--store", str(store), "--geen-indicatoren"]
    seconds, cpu, peak, code, _ = _run(cmd + (["--xsd", xsd] if xsd else []))
    print(f"laden:  {n:,} berichten in {seconds:.1f} s: {n / seconds:,.0f} berichten/s, {mb / seconds:.1f} MB/s; "
          f"{cpu:.1f} CPU-s ({n / cpu:,.0f} berichten per CPU-seconde); piekgeheugen {peak:,.0f} MB; "
          f"exitcode {code}")  # fmt: skip


if __name__ == "__main__":
    main()
