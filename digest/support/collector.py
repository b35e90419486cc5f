"""Pausing Python's cycle collector while a build allocates.

A build allocates hundreds of thousands of small objects (models, dicts, arrays) that hold no
reference cycles; the cycle collector, triggered by allocation counts, would walk the whole
growing heap again and again (close to a second of a ten-thousand-story refresh). Reference
counting still frees everything as usual; the collector resumes when the build is done, so
any cycle made meanwhile is collected then. Worker processes keep theirs (support/workers.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
