"""Stage results cached by content hash: the wrapper the pipeline puts around reading and
splitting, so a warm compile of unchanged documents parses nothing.

`cached_map` runs a function over items in worker processes (support/workers.py: every core
busy, each item within the time limit, a progress bar on a terminal), except for the items
whose result is already stored under their key. It knows nothing of what it caches: the
pipeline says how a result is stored (encode; None for a result not worth keeping) and read
back (decode), and where (load/save: the state's typed cache tables).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from digest.support.workers import Failed, bounded_map

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Store(Generic[T, R]):
    """Where and how results are kept."""

    load: Callable[[list[str]], dict[str, str]]  # keys → stored text, for the keys found
    save: Callable[[dict[str, str]], None]  # best effort: a cache that cannot be written costs time only
    encode: Callable[[R], str | None]
    decode: Callable[[str, T], R]  # the stored text, for this item (a renamed file reads the same)


def cached_map(
    function: Callable[[T], R],
    items: list[T],
    keys: list[str],
    store: Store[T, R],
    label: str,
    time_limit: float,
) -> list[R | Failed[T]]:
    """`function` over `items`, in their order, from the store where it holds a result."""
    stored = store.load(sorted(set(keys)))
    results: list[R | Failed[T] | None] = [None] * len(items)
    fresh: list[int] = []
    for index, (item, key) in enumerate(zip(items, keys, strict=True)):
        if key in stored:
            results[index] = store.decode(stored[key], item)
        else:
            fresh.append(index)
    outcomes = bounded_map(
        function, [items[i] for i in fresh], time_limit, lambda indices: _progress(indices, label, len(fresh))
    )
    new: dict[str, str] = {}
    for index, outcome in zip(fresh, outcomes, strict=True):
        results[index] = outcome
        if not isinstance(outcome, Failed) and (text := store.encode(outcome)) is not None:
            new[keys[index]] = text
    if new:
        store.save(new)
    return results  # type: ignore[return-value]  # every slot is filled


def _progress(items: Iterable[T], label: str, total: int) -> Iterable[T]:
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import track

    yield from track(items, description=label, total=total, transient=True)
