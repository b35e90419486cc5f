"""Running the work of each document in worker processes, each document under a time limit.

pebble is used here and nowhere else: its process pool gives every task a timeout and replaces
a worker that ran over it (or died), so one pathological document costs at most the time limit
and the rest of the issue is still built. Workers die with the process that started them (on
Linux, PR_SET_PDEATHSIG: even a SIGKILL of the parent takes them down, so none is left holding
a supervisor's pipes), ignore Ctrl-C (the parent handles it, no child prints a traceback), and
are forked when the parent has a single thread (no start-up cost), started by a fork server
otherwise (`digest run` and `digest preview` have threads).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from pebble import ProcessFuture, ProcessPool


T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Failed(Generic[T]):
    """A task that did not finish: it ran over the time limit, its worker died, or it raised."""

    item: T
    reason: str


def _die_with_parent() -> None:
    """In each worker: ignore Ctrl-C (the parent decides) and die when the parent dies; and
    collect cycles (a worker reads thousands of documents; a parent that paused its collector
    for a build does not pause theirs)."""
    gc.enable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
            if os.getppid() == 1:  # the parent died before the call
                os._exit(1)


def _context() -> multiprocessing.context.BaseContext:
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["digest.pipeline"])
    return context


_pool: ProcessPool | None = None
_pool_lock = threading.Lock()


def _shared_pool() -> ProcessPool:
    """One pool per process, started on first use and stopped when the process exits: a
    long-lived `digest run` or `preview` does not start workers for every refresh."""
    global _pool
    with _pool_lock:
        if _pool is None or not _pool.active:
            workers = max(1, os.cpu_count() or 1)
            from pebble import ProcessPool  # imported on first use: an unchanged draft starts no worker

            _pool = ProcessPool(max_workers=workers, initializer=_die_with_parent, context=_context())
            atexit.register(shutdown)
        return _pool


def start_early() -> None:
    """Start the workers now, while this process is small (forking copies its page tables) and
    busy decoding its caches: the first new document does not wait for workers to start, nor
    for the libraries splitting needs (numpy, for the MinHash) to be imported."""
    _shared_pool().schedule(_warm_up)


def _warm_up() -> None:
    import numpy  # noqa: F401  (the MinHash of every story a worker cuts)


def shutdown() -> None:
    """Stop the workers now (at exit, on a signal)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.stop()
        pool.join(timeout=5)


def bounded_map(
    function: Callable[[T], R],
    items: list[T],
    time_limit: float,
    progress: Callable[[Iterable[int]], Iterable[int]] = lambda it: it,
) -> list[R | Failed[T]]:
    """`function` over `items` in worker processes, each call within `time_limit` seconds.

    Results come in the order of `items`; a call that did not finish is a Failed with its reason."""
    if not items:
        return []
    pool = _shared_pool()
    futures = [pool.schedule(function, args=(item,), timeout=time_limit) for item in items]
    try:
        return [_outcome(futures[index], items[index], time_limit) for index in progress(range(len(futures)))]
    except BaseException:
        shutdown()  # interrupted: no task may outlive the compile that asked for it
        raise


def _outcome(future: ProcessFuture, item: T, time_limit: float) -> R | Failed[T]:
    from pebble import ProcessExpired

    try:
        return future.result()
    except FutureTimeout:
        return Failed(item, f"took longer than {time_limit:g} s to read (reading.time_limit); skipped")
    except ProcessExpired as exc:
        return Failed(item, f"stopped the process reading it ({_death(exc.exitcode)}); skipped")
    except MemoryError:
        return Failed(item, "needs more memory than there is to read; skipped")
    except Exception as exc:  # what a reader raised on hostile input: a reason, not a crash
        detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        return Failed(item, f"could not be read ({detail})")


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"
