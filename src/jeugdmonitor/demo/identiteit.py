"""How the demo identifies young persons: test-range BSNs, or a client_id when there are too few of those.

Only numbers 999000000-999999999 that pass the elfproef are used: about 90,900 of them, enough for a
municipality or a region. A national delivery has millions of clients, so it uses ``client_id`` instead
(``GM0164-0001234``), as a source that pseudonymised before delivery would.
"""

from __future__ import annotations

from functools import cache

import numpy as np

BSN_START = 999_000_000
BSN_END = 1_000_000_000
WEIGHTS = np.array([9, 8, 7, 6, 5, 4, 3, 2, -1], dtype=np.int64)


@cache
def test_bsns() -> np.ndarray:
    """All numbers in the test range that pass the elfproef, ascending."""
    numbers = np.arange(BSN_START, BSN_END, dtype=np.int64)
    digits = (numbers[:, None] // 10 ** np.arange(8, -1, -1, dtype=np.int64)) % 10
    valid = (digits @ WEIGHTS) % 11 == 0
    return numbers[valid]


class BsnPool:
    """Hands out test BSNs in a seed-dependent order, each once."""

    def __init__(self, seed: int) -> None:
        rng = np.random.default_rng(np.random.SeedSequence([seed, 999]))
        self._bsns = rng.permutation(test_bsns())
        self._next = 0

    @property
    def remaining(self) -> int:
        return len(self._bsns) - self._next

    def take(self, n: int) -> np.ndarray:
        if n > self.remaining:
            raise ValueError("te weinig test-BSN's voor deze levering")
        out = self._bsns[self._next : self._next + n]
        self._next += n
        return out
