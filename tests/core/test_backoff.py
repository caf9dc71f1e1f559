"""Backoff doubles up to a cap, keeps a random half as jitter, and honours Retry-After."""

from datetime import timedelta

from hub.core.backoff import backoff_delay


def test_backoff_doubles_with_jitter_up_to_the_cap() -> None:
    assert backoff_delay(1, rand=lambda: 0.0) == timedelta(seconds=30)
    assert backoff_delay(1, rand=lambda: 1.0) == timedelta(seconds=60)
    assert backoff_delay(3, rand=lambda: 1.0) == timedelta(seconds=240)
    assert backoff_delay(30, rand=lambda: 1.0) == timedelta(hours=1)


def test_backoff_is_never_shorter_than_retry_after() -> None:
    assert backoff_delay(1, retry_after=7200, rand=lambda: 1.0) == timedelta(hours=2)
    assert backoff_delay(5, retry_after=1, rand=lambda: 0.0) == timedelta(seconds=480)
