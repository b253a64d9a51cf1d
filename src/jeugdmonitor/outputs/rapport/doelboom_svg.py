"""A goal tree drawn as an SVG tree: the opgave on top, the goals beneath it side by side, under each goal its
indicators with their targets. Each box carries its status as a colour and as a word (never colour alone),
and the numbers behind each target. Plain SVG (rectangles, lines, text), so WeasyPrint prints it as vectors.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from jeugdmonitor.engine.doelen import BoomUitkomst, IndicatorUitkomst, Toetsing

BREEDTE = 680
MARGE = 6
TEKEN = 0.58  # mean glyph width in em of DejaVu Sans: enough to wrap text without measuring it
TEKEN_VET = 0.66  # the same, bold
LETTER = 9.0  # font size of the boxes
REGEL = 11.5  # line height
KLEUREN = {  # status: (fill, border); colour-blind safe (Okabe-Ito hues), light fills so text stays readable
    "behaald": ("#D5F0E3", "#009E73"),
    "op koers": ("#DCEEFB", "#0072B2"),
    "risico": ("#FCEBC7", "#E69F00"),
    "niet op koers": ("#F8D9CC", "#D55E00"),
    "geen gegevens": ("#EEEEEE", "#999999"),
    None: ("#FFFFFF", "#BBBBBB"),  # no target
}
STATUS_TEKST = {None: "geen streefwaarde"}

Waarde = Callable[[float | None, str, float | None], str]  # value, unit, persons → text (suppression applied)


def wrap(text: str, width: float, size: float = LETTER, bold: bool = False) -> list[str]:
    """Split ``text`` into lines that fit ``width`` pixels at font ``size`` (estimated; bold is wider)."""
    per_line = max(8, int(width / (size * (TEKEN_VET if bold else TEKEN))))
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= per_line or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _text(x: float, y: float, lines: list[str], size: float = LETTER, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{y + i * (size + 2.5):.1f}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text font-size="{size}"{weight} fill="#1A1A1A">{spans}</text>'


def _box(x: float, y: float, w: float, h: float, status: str | None) -> str:
    fill, border = KLEUREN.get(status, KLEUREN[None])
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="3" fill="{fill}" stroke="{border}"/>'


def _doel_lines(t: Toetsing, waarde: Waarde) -> str:
    number = waarde(t.waarde, t.eenheid, t.noemer)
    if t.soort in ("aandeel", "niveau") and t.verwacht is not None:
        return f"{number} (norm {waarde(t.verwacht, t.eenheid, None)})"
    if t.soort in ("verandering", "jaarlijks", "groeipad") and t.verwacht is not None:
        return f"{number} (pad {waarde(t.verwacht, t.eenheid, t.noemer)})"
    return number


def _node(x: float, y: float, w: float, node: IndicatorUitkomst, waarde: Waarde) -> tuple[str, float]:
    """One indicator box; returns its SVG and height."""
    inner = w - 2 * MARGE
    title = wrap(f"{node.id} {node.titel}", inner, LETTER, bold=True)
    body: list[tuple[str, str | None, bool]] = []  # line, status, first line of a target (gets the marker)
    if not node.toetsingen:
        body.append((f"{waarde(node.waarde, node.eenheid, node.noemer)} · geen streefwaarde", None, False))
    for t in node.toetsingen:
        for nr, line in enumerate(wrap(f"{t.status}: {_doel_lines(t, waarde)}", inner - 10, LETTER - 1)):
            body.append((line, t.status, nr == 0))
    height = MARGE + len(title) * REGEL + len(body) * (REGEL - 1) + MARGE
    parts = [_box(x, y, w, height, node.status), _text(x + MARGE, y + MARGE + LETTER, title, bold=True)]
    yy = y + MARGE + len(title) * REGEL + LETTER - 1
    for line, status, first in body:
        indent = 10 if status is not None else 0
        if first:
            border = KLEUREN.get(status, KLEUREN[None])[1]
            parts.append(
                f'<rect x="{x + MARGE:.1f}" y="{yy - 6.5:.1f}" width="7" height="7" fill="{border}" stroke="{border}"/>'
            )
        parts.append(_text(x + MARGE + indent, yy, [line], LETTER - 1))
        yy += REGEL - 1
    return "".join(parts), height


def teken_doelboom(b: BoomUitkomst, waarde: Waarde) -> str:
    """The whole tree as an SVG string (width 680, height as needed)."""
    parts: list[str] = []
    top = wrap(f"Opgave: {b.opgave}", BREEDTE * 0.6 - 2 * MARGE, LETTER + 2, bold=True)
    root_w, root_h = BREEDTE * 0.6, MARGE * 2 + len(top) * (REGEL + 2) + REGEL
    root_x = (BREEDTE - root_w) / 2
    parts.append(_box(root_x, 2, root_w, root_h, b.status))
    parts.append(_text(root_x + MARGE, 2 + MARGE + LETTER + 2, top, LETTER + 2, bold=True))
    status_line = f"{b.periode}: {b.status or STATUS_TEKST[None]}"
    parts.append(_text(root_x + MARGE, 2 + root_h - MARGE - 2, [status_line], LETTER))
    n = max(1, len(b.doelen))
    gap = 8
    col = (BREEDTE - gap * (n - 1)) / n
    goal_y = root_h + 26
    bottom = goal_y
    for i, d in enumerate(b.doelen):
        x = i * (col + gap)
        parts.append(
            f'<polyline points="{BREEDTE / 2:.1f},{root_h + 2:.1f} {BREEDTE / 2:.1f},{root_h + 14:.1f} '
            f'{x + col / 2:.1f},{root_h + 14:.1f} {x + col / 2:.1f},{goal_y:.1f}" fill="none" stroke="#777"/>'
        )
        title = wrap(f"{d.id} {d.titel}", col - 2 * MARGE, LETTER, bold=True)
        extra = [f"{d.status or STATUS_TEKST[None]}"] + ([f"eigenaar: {d.eigenaar}"] if d.eigenaar else [])
        extra_lines = [w for e in extra for w in wrap(e, col - 2 * MARGE, LETTER - 1)]
        h = MARGE * 2 + len(title) * REGEL + len(extra_lines) * (REGEL - 1)
        parts.append(_box(x, goal_y, col, h, d.status))
        parts.append(_text(x + MARGE, goal_y + MARGE + LETTER, title, bold=True))
        parts.append(_text(x + MARGE, goal_y + MARGE + LETTER + len(title) * REGEL, extra_lines, LETTER - 1))
        y = goal_y + h + 10
        for node in d.indicatoren:
            svg, nh = _node(x + 8, y, col - 8, node, waarde)
            parts.append(
                f'<polyline points="{x + 3:.1f},{y - 10:.1f} {x + 3:.1f},{y + 8:.1f} {x + 8:.1f},{y + 8:.1f}" '
                'fill="none" stroke="#777"/>'
            )
            parts.append(svg)
            y += nh + 8
        bottom = max(bottom, y)
    legend_y = bottom + 8
    x = 0.0
    for status in ("behaald", "op koers", "risico", "niet op koers", "geen gegevens"):
        parts.append(_box(x, legend_y, 10, 10, status))
        parts.append(_text(x + 14, legend_y + 9, [status], LETTER - 1))
        x += 18 + len(status) * (LETTER - 1) * TEKEN + 14
    height = legend_y + 16
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{BREEDTE}" height="{height:.0f}" '
        f'viewBox="0 0 {BREEDTE} {height:.0f}" font-family="DejaVu Sans, Arial, sans-serif" '
        f'role="img">{"".join(parts)}</svg>'
    )
