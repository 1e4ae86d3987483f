"""Two passes of one hypothesis property: fixed examples, and fresh ones from the run's seed."""

from __future__ import annotations

from hypothesis import given, settings


def two_passes(*strategies, **options):
    """`test_x, test_x_fixed = two_passes(strategy, max_examples=50)(body)`.

    The first explores (derandomize=False, whatever the profile: examples from the run's seed,
    printed by conftest.py); the second is derandomized (the same examples on every run).
    Explicit `@example`s on `body` run in both.
    """
    options.setdefault("deadline", None)

    def decorate(body):
        explored = settings(derandomize=False, **options)(given(*strategies)(body))
        fixed = settings(derandomize=True, **options)(given(*strategies)(body))
        return explored, fixed

    return decorate
