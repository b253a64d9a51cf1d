"""Charts as inline SVG (matplotlib, Agg) with a Dutch text alternative.

Deterministic output (fixed hash salt, no date in the metadata, text kept as text) so that the same
numbers give the same file. Colours: the Okabe–Ito palette, safe for colour-blind readers. Every function
returns None when there is nothing to draw: a report never shows an empty chart.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter, MaxNLocator

from jeugdmonitor.formatting import fmt_euro, fmt_getal
from jeugdmonitor.outputs.rapport.model import Grafiek
from jeugdmonitor.outputs.rapport.verhaal import fmt

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
Waarden = Sequence[float | None]
WIDTH = 6.4  # inches: the text width of an A4 page with its margins
TICK_INCHES = 0.85  # the room a value tick's label takes: '€ 10,0 mln' in 9 points, with a gap

plt.rcParams.update(
    {
        "svg.hashsalt": "jeugdmonitor",  # stable ids inside the SVG
        "svg.fonttype": "none",  # text stays text: searchable in the PDF, small files
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": matplotlib.cycler(color=OKABE_ITO),
    }
)


def _as(eenheid: str) -> FuncFormatter:
    """Dutch tick labels: '1.000', '€ 1.000', '12%'."""

    def tick(value: float, _pos: int) -> str:
        if eenheid == "euro":
            return fmt_euro(value) if abs(value) < 1e6 else f"€ {fmt_getal(value / 1e6, 1)} mln"
        if eenheid == "procent":
            return f"{fmt_getal(value, 0 if float(value).is_integer() else 1)}%"
        return fmt_getal(value, 0 if abs(value) >= 10 or float(value).is_integer() else 1)

    return FuncFormatter(tick)


def _svg(fig: plt.Figure, nummer: str) -> str:
    """The figure as SVG text without the XML prologue, scaled by its container; its ids carry the chart's
    number, so that several charts in one HTML page never share an id."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})  # fixed margins: a tight box costs a second draw
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r'<svg\1 class="grafiek"', text, count=1)
    prefix = "g" + re.sub(r"\W", "-", nummer) + "-"
    text = re.sub(r'\bid="', f'id="{prefix}', text)
    text = text.replace("url(#", f"url(#{prefix}").replace('href="#', f'href="#{prefix}')
    return text.replace("<svg xmlns", '<svg role="img" xmlns', 1)


def _figuur(height: float, labels: Sequence[str] = ()) -> tuple[plt.Figure, plt.Axes]:
    """A figure with margins fixed up front (room for the longest category label on the left)."""
    fig, ax = plt.subplots(figsize=(WIDTH, height))
    left = (max((len(label) for label in labels), default=6) * 0.072 + 0.3) / WIDTH
    bottom = min(0.75 / height, 0.4)  # room for slanted period labels
    fig.subplots_adjust(left=min(max(left, 0.1), 0.55), right=0.92, top=1 - 0.35 / height, bottom=bottom)
    return fig, ax


def _has_data(values: Waarden) -> bool:
    return any(v is not None for v in values)


def _legenda(ax: plt.Axes, n: int) -> None:
    """The legend above the plot, four entries a row: never over the bars or lines; the top margin grows with
    the rows, so that a second row is not cut off. It ends at the plot's right edge: from the plot's left edge,
    beside long category labels, it ran off the figure ('Prognose jaareinde' cut off)."""
    ax.legend(frameon=False, fontsize=8, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=min(n, 4))
    rows = (n + 3) // 4
    height = ax.figure.get_figheight()
    ax.figure.subplots_adjust(top=1 - min((0.15 + 0.22 * rows) / height, 0.45))


def _waarde_as(ax: plt.Axes, eenheid: str) -> None:
    """The value axis of horizontal bars in Dutch, with no more ticks than fit side by side: beside long category
    labels the plot is narrow, and five labels like '€ 10,0 mln' ran into one another."""
    ax.xaxis.set_major_formatter(_as(eenheid))
    inches = ax.get_position().width * ax.figure.get_figwidth()
    ax.xaxis.set_major_locator(MaxNLocator(max(2, min(5, int(inches / TICK_INCHES)))))


def _periode_as(ax: plt.Axes, perioden: Sequence[str]) -> None:
    """Period labels under the x axis, slanted when there are many (the months of a year)."""
    ax.set_xticks(range(len(perioden)), perioden)
    if len(perioden) > 6:
        plt.setp(ax.get_xticklabels(), rotation=45, ha="right")


def _short(label: str, width: int = 40) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _wrap(label: str, width: int = 32) -> str:
    """A long category label on two lines rather than cut off ('Voortijdig afgesloten: eenzijdig door d…' hid
    whether the client or the provider ended the help); a third line is shortened."""
    lines = textwrap.wrap(label, width) or [label]
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), width)]
    return "\n".join(lines)


def trend(
    nummer: str,
    titel: str,
    perioden: Sequence[str],
    reeksen: dict[str, Waarden],
    eenheid: str,
    band: tuple[str, Waarden, Waarden] | None = None,
    gestippeld: Sequence[str] = (),
) -> Grafiek | None:
    """Lines over the periods, one per series; gaps where a value is not shown. ``band`` (label, low, high)
    shades a range (the forecast's bounds); the series named in ``gestippeld`` are dashed (a forecast)."""
    reeksen = {k: v for k, v in reeksen.items() if _has_data(v)}
    if not reeksen or len(perioden) < 2:
        return None
    fig, ax = _figuur(2.8, ["€ 100,0 mln"])
    for label, values in reeksen.items():
        xs = [i for i, v in enumerate(values) if v is not None]
        style = "--" if label in gestippeld else "-"
        ax.plot(xs, [values[i] for i in xs], marker="o", linestyle=style, label=label)
    if band is not None:
        xs = [i for i, (lo, hi) in enumerate(zip(band[1], band[2], strict=True)) if lo is not None and hi is not None]
        if xs:
            ax.fill_between(xs, [band[1][i] for i in xs], [band[2][i] for i in xs], color="#999999", alpha=0.3,
                            linewidth=0, label=band[0])  # fmt: skip
    n = len(reeksen) + (1 if band is not None else 0)
    _periode_as(ax, perioden)
    ax.yaxis.set_major_formatter(_as(eenheid))
    highest = max(v for values in reeksen.values() for v in values if v is not None)
    if band is not None:
        highest = max([highest, *(v for v in band[2] if v is not None)])
    # room above the highest point (a marker on the frame is cut off); a report mark runs to 10
    ax.set_ylim(bottom=0, top=10 if eenheid == "score" and highest <= 10 else max(highest * 1.08, 1))
    ax.grid(axis="y", color="#dddddd")
    if n > 1:
        _legenda(ax, n)
    parts = []
    for label, values in reeksen.items():
        points = ", ".join(
            f"{p}: {fmt(v, eenheid) if v is not None else 'niet getoond'}"
            for p, v in zip(perioden, values, strict=True)
        )
        parts.append(f"{label}: {points}")
    if band is not None:
        ranges = [
            f"{p}: {fmt(lo, eenheid)} tot {fmt(hi, eenheid)}"
            for p, lo, hi in zip(perioden, band[1], band[2], strict=True)
            if lo is not None and hi is not None
        ]
        if ranges:
            parts.append(f"{band[0]}: " + ", ".join(ranges))
    alt = f"Lijngrafiek van {titel.lower()} over {len(perioden)} perioden. " + "; ".join(parts) + "."
    return Grafiek(nummer, titel, _svg(fig, nummer), alt)


def staven(
    nummer: str,
    titel: str,
    labels: Sequence[str],
    waarden: Waarden,
    eenheid: str,
    normen: Sequence[float | None] | None = None,
) -> Grafiek | None:
    """Horizontal bars, one per category (the largest on top); categories without a shown value are left out.
    ``normen`` (one per category, or None) marks each bar's norm with a vertical stripe (80-16-4)."""
    norm_of = dict(zip(labels, normen, strict=True)) if normen is not None else {}
    pairs = [(lab, v) for lab, v in zip(labels, waarden, strict=True) if v is not None]
    if not pairs or all(v == 0 for _, v in pairs):
        return None
    names = [_wrap(lab) for lab, _ in pairs]
    lines = sum(name.count("\n") + 1 for name in names)
    fig, ax = _figuur(0.3 * lines + 0.1 * len(pairs) + 0.8, [max(n.split("\n"), key=len) for n in names])
    ys = range(len(pairs))
    ax.barh(list(ys), [v for _, v in pairs], color=OKABE_ITO[0])
    ax.set_yticks(list(ys), names)
    ax.invert_yaxis()
    _waarde_as(ax, eenheid)
    ax.grid(axis="x", color="#dddddd")
    for y, (lab, v) in zip(ys, pairs, strict=True):  # after the norm's stripe when that lies further right
        ax.text(max(v, norm_of.get(lab) or v), y, " " + fmt(v, eenheid), va="center", fontsize=7)
    marked = [(y, norm_of.get(lab)) for y, (lab, _) in zip(ys, pairs, strict=True) if norm_of.get(lab) is not None]
    for i, (y, n) in enumerate(marked):
        ax.plot([n, n], [y - 0.45, y + 0.45], color=OKABE_ITO[3], linewidth=2.5, label="Norm" if i == 0 else None)
    if marked:
        ax.set_xlim(right=max(max(v for _, v in pairs), max(n for _, n in marked if n is not None)) * 1.15)
        _legenda(ax, 1)
    described = []
    for lab, v in pairs:
        norm = norm_of.get(lab)
        described.append(f"{lab}: {fmt(v, eenheid)}" + (f" (norm {fmt(norm, eenheid)})" if norm is not None else ""))
    alt = f"Staafdiagram van {titel.lower()}: " + "; ".join(described) + "."
    return Grafiek(nummer, titel, _svg(fig, nummer), alt)


def gestapeld(
    nummer: str, titel: str, perioden: Sequence[str], delen: dict[str, Waarden], eenheid: str
) -> Grafiek | None:
    """Stacked bars per period (ZIN and PGB); a period with a hidden part is left blank rather than wrong, so the
    caller passes only the parts that exist (a hidden value is None, an absent part is not passed)."""
    if not delen:
        return None
    complete = [all(v[i] is not None for v in delen.values()) for i in range(len(perioden))]
    if not any(complete):
        return None
    fig, ax = _figuur(2.8, ["€ 100,0 mln"])
    bottom = [0.0] * len(perioden)
    for label, values in delen.items():
        heights = [(v or 0.0) if complete[i] else 0.0 for i, v in enumerate(values)]
        ax.bar(range(len(perioden)), heights, bottom=bottom, label=label)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    _periode_as(ax, perioden)
    ax.yaxis.set_major_formatter(_as(eenheid))
    ax.grid(axis="y", color="#dddddd")
    _legenda(ax, len(delen))
    parts = []
    for i, p in enumerate(perioden):
        if complete[i]:
            parts.append(p + ": " + ", ".join(f"{lab} {fmt(v[i], eenheid)}" for lab, v in delen.items()))
    alt = f"Gestapeld staafdiagram van {titel.lower()}. " + "; ".join(parts) + "."
    return Grafiek(nummer, titel, _svg(fig, nummer), alt)


def stapeling(nummer: str, titel: str, labels: Sequence[str], waarden: Waarden, uniek: float | None) -> Grafiek | None:
    """Unique young persons against the sum of the categories: the difference is stacking (Noordoostpolder)."""
    pairs = [(lab, v) for lab, v in zip(labels, waarden, strict=True) if v is not None]
    if len(pairs) < 2 or uniek is None:
        return None
    som = sum(v for _, v in pairs)
    names = [_short(lab, 22) for lab, _ in pairs] + ["Som van de categorieën", "Unieke jeugdigen"]
    values = [v for _, v in pairs] + [som, uniek]
    colours = [OKABE_ITO[0]] * len(pairs) + [OKABE_ITO[1], OKABE_ITO[2]]
    fig, ax = _figuur(0.35 * len(values) + 0.8, names)
    ax.barh(range(len(values)), values, color=colours)
    ax.set_yticks(range(len(values)), names)
    ax.invert_yaxis()
    _waarde_as(ax, "aantal")
    for y, v in enumerate(values):
        ax.text(v, y, " " + fmt_getal(v), va="center", fontsize=7)
    alt = (
        f"Staafdiagram van {titel.lower()}: "
        + "; ".join(f"{lab}: {fmt_getal(v)}" for lab, v in pairs)
        + f". Opgeteld {fmt_getal(som)}, terwijl het om {fmt_getal(uniek)} unieke jeugdigen gaat: het verschil "
        f"({fmt_getal(som - uniek)}) zijn jeugdigen die in meer dan één categorie hulp krijgen."
    )
    return Grafiek(nummer, titel, _svg(fig, nummer), alt)


def budget(nummer: str, titel: str, labels: Sequence[str], reeksen: dict[str, Waarden]) -> Grafiek | None:
    """Grouped bars: budget, realisation and forecast per perceel (or for the total)."""
    reeksen = {k: v for k, v in reeksen.items() if _has_data(v)}
    if not reeksen or not labels:
        return None
    n = len(reeksen)
    width = 0.8 / n
    fig, ax = _figuur(0.45 * len(labels) * n / 2 + 1.2, [_short(lab) for lab in labels])
    for j, (label, values) in enumerate(reeksen.items()):
        ys = [i + j * width for i in range(len(labels))]
        ax.barh(ys, [v or 0.0 for v in values], height=width, label=label, color=OKABE_ITO[j % len(OKABE_ITO)])
    ax.set_yticks([i + width * (n - 1) / 2 for i in range(len(labels))], [_short(lab) for lab in labels])
    ax.invert_yaxis()
    _waarde_as(ax, "euro")
    ax.grid(axis="x", color="#dddddd")
    _legenda(ax, n)
    parts = []
    for i, lab in enumerate(labels):
        parts.append(lab + ": " + ", ".join(f"{k} {fmt(v[i], 'euro')}" for k, v in reeksen.items() if v[i] is not None))
    alt = f"Staafdiagram van {titel.lower()}. " + "; ".join(parts) + "."
    return Grafiek(nummer, titel, _svg(fig, nummer), alt)
