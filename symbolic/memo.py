"""Results kept per process for pure, costly steps (a proof, a network's points, an expression's
values), each store bounded: when full it is emptied and fills again. The verifier's callers run
the same document again (planted variants, other options) and meet the same statements."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")


def kept(store: dict, key: Hashable, make: Callable[[], T], limit: int) -> T:
    """store[key], made by make() the first time; the store is emptied when it holds `limit`."""
    if key not in store:
        if len(store) >= limit:
            store.clear()
        store[key] = make()
    return store[key]
