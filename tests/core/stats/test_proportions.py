"""Proportions: 3 decimals, largest remainder, adding up to exactly 100."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hub.core.stats.proportions import proportions


def test_thirds_and_ties_go_to_the_first() -> None:
    assert proportions([1, 1, 1]) == [33.334, 33.333, 33.333]
    assert proportions([4, 10]) == [28.571, 71.429]
    assert proportions([0, 0]) == [0.0, 0.0]
    assert proportions([]) == []


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=40))
def test_they_add_up_to_exactly_100(nombres: list[int]) -> None:
    resultat = proportions(nombres)
    milliemes = [round(p * 1000) for p in resultat]
    assert all(abs(p * 1000 - m) < 1e-6 for p, m in zip(resultat, milliemes, strict=True))
    assert sum(milliemes) == (100_000 if sum(nombres) else 0)
    assert f"{sum(resultat):.3f}" == ("100.000" if sum(nombres) else "0.000")
    for nombre, millieme in zip(nombres, milliemes, strict=True):
        exact = nombre * 100_000 / sum(nombres) if sum(nombres) else 0
        assert abs(millieme - exact) < 1
