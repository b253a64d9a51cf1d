"""The trend test of the ``richting`` targets: Mann-Kendall, with Sen's slope for the size of the trend.

Why Mann-Kendall: it asks only whether later values tend to be lower (or higher) than earlier ones, so one
outlying period does not make or break a trend, and it needs no assumption of a straight line or normal
errors, which a handful of yearly or half-yearly figures cannot support. Why no numpy/scipy: the test is a
count of pairs, and for series without ties the exact null distribution is that of the number of inversions of
a random permutation (the Mahonian numbers), a small dynamic programme; with ties the usual normal
approximation with the tie correction of the variance (Kendall 1975) is used. Series here are short (4–40
periods), so this is instant.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from statistics import median


@dataclass(frozen=True)
class Trend:
    n: int
    s: int  # Mann-Kendall S: concordant minus discordant pairs
    p_dalend: float  # one-sided p-value for a falling trend
    p_stijgend: float  # one-sided p-value for a rising trend
    helling: float  # Sen's slope: the median change per period
    exact: bool  # exact distribution (no ties) or normal approximation


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


@cache
def _inversions(n: int) -> tuple[int, ...]:
    """Counts of permutations of n items by number of inversions (Mahonian numbers, row n)."""
    row = [1]
    for m in range(2, n + 1):  # adding the m-th item creates 0..m-1 new inversions
        new = [0] * (len(row) + m - 1)
        for k, count in enumerate(row):
            for extra in range(m):
                new[k + extra] += count
        row = new
    return tuple(row)


def _exact(n: int, s: int) -> tuple[float, float]:
    """P(S <= s) and P(S >= s) under no trend, for a series without ties."""
    pairs = n * (n - 1) // 2
    counts = _inversions(n)
    total = math.factorial(n)
    inv = (pairs - s) // 2  # S = pairs - 2 * inversions
    p_le = sum(counts[inv:]) / total  # S <= s  <=>  inversions >= inv
    p_ge = sum(counts[: inv + 1]) / total
    return p_le, p_ge


def _normal(values: list[float], s: int) -> tuple[float, float]:
    n = len(values)
    ties: dict[float, int] = {}
    for v in values:
        ties[v] = ties.get(v, 0) + 1
    var = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in ties.values())) / 18
    if var <= 0:
        return 1.0, 1.0
    # continuity correction: S moves in steps of 2
    z_le = (s + 1) / math.sqrt(var)
    z_ge = (s - 1) / math.sqrt(var)
    p_le = 0.5 * math.erfc(-z_le / math.sqrt(2))
    p_ge = 0.5 * math.erfc(z_ge / math.sqrt(2))
    return min(1.0, p_le), min(1.0, p_ge)


def mann_kendall(values: list[float]) -> Trend:
    """The Mann-Kendall test and Sen's slope of ``values`` in time order (at least 3)."""
    n = len(values)
    if n < 3:
        raise ValueError("een trendtoets vraagt ten minste 3 waarden")
    s = sum(_sign(values[j] - values[i]) for i in range(n) for j in range(i + 1, n))
    exact = len(set(values)) == n
    p_le, p_ge = _exact(n, s) if exact else _normal(values, s)
    slope = median((values[j] - values[i]) / (j - i) for i in range(n) for j in range(i + 1, n))
    return Trend(n=n, s=s, p_dalend=p_le, p_stijgend=p_ge, helling=slope, exact=exact)
