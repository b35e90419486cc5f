"""Stage results cached by content hash: the wrapper the pipeline puts around reading and
splitting, so a warm compile of unchanged documents parses nothing.

`cached_map` runs a function over items in worker processes (support/workers.py: every core
busy, each item within the time limit, counted on the progress line), except for the items
whose result is already stored under their key. It knows nothing of what it caches: the
pipeline says how a result is stored (encode; None for a result not worth keeping) and read
back (decode), and where (load/save: the state's typed cache tables).

A long-lived process (`digest run`, `digest preview`) calls `keep_results()` and then also keeps
the results it decoded, up to MEMORY_ITEMS of them: a refresh after one new file decodes nothing
it decoded before. A one-shot compile keeps nothing: it would only raise its peak memory.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache, wraps
from pathlib import Path
from typing import Any, Generic, TypeVar

from digest.support.progress import NO_PROGRESS, Progress
from digest.support.workers import Failed, bounded_map

T = TypeVar("T")
R = TypeVar("R")
MEMORY_ITEMS = 50_000
_memory: OrderedDict[tuple[str, str], object] = OrderedDict()  # (store name, key) → decoded result
_memory_lock = threading.Lock()
_keeping = False  # whether this process keeps decoded results between builds (keep_results)
_kept_caches: list[Any] = []  # the lru caches of kept_between_builds, emptied by forget()
_kept_objects: dict[str, Any] = {}  # structures updated build after build (kept_object)


@cache
def code_fingerprint(*parts: str) -> str:
    """A short hash of the source of the named parts of digest ("readers", "words.py"): a
    cache keyed by it is never read by code that would have computed something else (no
    version to remember to bump when a reader or the splitter changes its output)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(digest_size=8)
    for part in parts:
        path = package / part
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(package).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Store(Generic[T, R]):
    """Where and how results are kept."""

    name: str  # what is stored and by which version: results of two stores never mix
    load: Callable[[list[str]], dict[str, str]]  # keys → stored text, for the keys found
    save: Callable[[dict[str, str]], None]  # best effort: a cache that cannot be written costs time only
    encode: Callable[[R], str | None]
    decode: Callable[[str], R]
    rebind: Callable[[R, T], R]  # a stored result for this item (a renamed file reads the same)


def cached_map(
    function: Callable[[T], R],
    items: list[T],
    keys: list[str],
    store: Store[T, R],
    label: str,
    time_limit: float,
    progress: Progress = NO_PROGRESS,
    in_process: bool = False,
) -> list[R | Failed[T]]:
    """`function` over `items`, in their order, from the store where it holds a result; the
    rest in worker processes, each within `time_limit` (or here, `in_process`, for work too
    small and too safe to be worth a worker)."""
    results: list[R | Failed[T] | None] = [None] * len(items)
    remembered: dict[str, R] = _recall(store.name, keys)  # type: ignore[assignment]  # what this store put there
    missing = sorted({key for key in keys if key not in remembered})
    stored = store.load(missing) if missing else {}
    decoded = _decoded(store, stored)
    _remember(store.name, decoded)
    fresh: list[int] = []
    for index, (item, key) in enumerate(zip(items, keys, strict=True)):
        if key in remembered or key in decoded:
            results[index] = store.rebind(remembered[key] if key in remembered else decoded[key], item)
        else:
            fresh.append(index)
    if in_process:
        outcomes: list[R | Failed[T]] = [function(items[i]) for i in fresh]
    else:
        outcomes = bounded_map(
            function, [items[i] for i in fresh], time_limit, lambda indices: progress.track(indices, label, len(fresh))
        )
    new: dict[str, str] = {}
    for index, outcome in zip(fresh, outcomes, strict=True):
        results[index] = outcome
        if not isinstance(outcome, Failed) and (text := store.encode(outcome)) is not None:
            new[keys[index]] = text
            _remember(store.name, {keys[index]: outcome})
    if new:
        store.save(new)
    return results  # type: ignore[return-value]  # every slot is filled


def _decoded(store: Store[T, R], stored: dict[str, str]) -> dict[str, R]:
    """The stored results that still read; one that does not (a damaged row, a format this
    version no longer reads) is computed again, as if it had never been stored."""
    decoded = {}
    for key, text in stored.items():
        try:
            decoded[key] = store.decode(text)
        except (ValueError, TypeError, KeyError):  # pydantic's ValidationError is a ValueError
            continue
    return decoded


def _recall(name: str, keys: list[str]) -> dict[str, object]:
    with _memory_lock:
        found = {}
        for key in keys:
            if (name, key) in _memory:
                _memory.move_to_end((name, key))
                found[key] = _memory[(name, key)]
        return found


def _remember(name: str, results: Mapping[str, object]) -> None:
    if not _keeping:
        return
    with _memory_lock:
        for key, result in results.items():
            _memory[(name, key)] = result
        while len(_memory) > MEMORY_ITEMS:
            _memory.popitem(last=False)


def keep_results(keep: bool = True) -> None:
    """Keep decoded results between builds in this process (long-lived processes), or stop."""
    global _keeping
    _keeping = keep
    if not keep:
        forget()


def forget() -> None:
    """Drop every result this process remembers (the next build decodes from the store)."""
    with _memory_lock:
        _memory.clear()
        _kept_objects.clear()
    for kept in _kept_caches:
        kept.cache_clear()


def remembered() -> int:
    """How many results this process holds between builds (0 unless keep_results)."""
    with _memory_lock:
        held = len(_memory) + len(_kept_objects)
    return held + sum(kept.cache_info().currsize for kept in _kept_caches)


def kept_object(name: str, factory: Callable[[], T]) -> T | None:
    """A structure a process that keeps results updates from build to build (an index that
    takes each build's changes as a delta), made by `factory` the first time; None in a
    one-shot compile, which builds from scratch."""
    if not _keeping:
        return None
    with _memory_lock:
        if name not in _kept_objects:
            _kept_objects[name] = factory()
        return _kept_objects[name]


def kept_between_builds(maxsize: int) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """A per-story computation remembered (up to `maxsize` results) in a process that keeps
    results: `digest preview` scores the same stories at every refresh. A one-shot compile
    computes each once anyway and would only carry the memory (hundreds of MB at 10,000)."""

    def decorate(function: Callable[..., R]) -> Callable[..., R]:
        cached = lru_cache(maxsize=maxsize)(function)
        _kept_caches.append(cached)

        @wraps(function)
        def call(*args: Hashable) -> R:
            return cached(*args) if _keeping else function(*args)

        return call

    return decorate
