"""Percentages of a breakdown: 3 decimals, adding up to exactly 100 (largest remainder)."""

from __future__ import annotations

from collections.abc import Sequence

# Percentages are allocated in thousandths of a percent: 100 % = 100 000 units.
UNITES = 100_000


def proportions(nombres: Sequence[int]) -> list[float]:
    """The percentage of each of ``nombres`` in their sum, with 3 decimals: each one rounded
    down, then the thousandths left given one by one to the largest remainders (the first one
    on a tie), so that they add up to exactly 100. All 0 when the sum is 0."""
    total = sum(nombres)
    if total <= 0:
        return [0.0] * len(nombres)
    parts = [divmod(nombre * UNITES, total) for nombre in nombres]
    reste = UNITES - sum(entier for entier, _ in parts)
    rangs = set(sorted(range(len(parts)), key=lambda rang: -parts[rang][1])[:reste])
    unites = [entier + (rang in rangs) for rang, (entier, _) in enumerate(parts)]
    return [unite / 1000 for unite in unites]
