"""A tiny trend line as inline SVG for the overview's cards (the indicator page has the report's full chart)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

BREEDTE, HOOGTE, MARGE = 120, 32, 3


def sparkline(waarden: Sequence[float | None]) -> str:
    """A polyline through the values that are shown (gaps are skipped); empty when fewer than two."""
    punten = [(i, v) for i, v in enumerate(waarden) if v is not None]
    if len(punten) < 2:
        return ""
    laag, hoog = min(v for _, v in punten), max(v for _, v in punten)
    span = (hoog - laag) or 1.0
    stap = (BREEDTE - 2 * MARGE) / max(len(waarden) - 1, 1)
    xy = [(MARGE + i * stap, HOOGTE - MARGE - (v - laag) / span * (HOOGTE - 2 * MARGE)) for i, v in punten]
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    last_x, last_y = xy[-1]
    return Markup(
        f'<svg class="sparkline" viewBox="0 0 {BREEDTE} {HOOGTE}" width="{BREEDTE}" height="{HOOGTE}" '
        'aria-hidden="true">'
        f'<polyline points="{pts}" fill="none" stroke="#0072B2" stroke-width="2"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.5" fill="#0072B2"/></svg>'
    )
