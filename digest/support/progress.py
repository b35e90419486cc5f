"""What a long compile is doing, on a terminal: one line that names the stage and counts its
work (rich draws it). Nothing is drawn until there is work to show, nor when stderr is not a
terminal; the display goes away when the compile ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


class Progress:
    """A progress line the pipeline drives: `stage` names the current step, `track` counts
    items through one. The base class shows nothing (scripts, tests, a quiet compile)."""

    def stage(self, label: str) -> None:
        """A step without a count (merging, placing, rendering, writing)."""

    def track(self, items: Iterable[T], label: str, total: int) -> Iterator[T]:
        yield from items

    def close(self) -> None:
        """Remove the line."""


class TerminalProgress(Progress):
    def __init__(self) -> None:
        self._display: Any = None  # rich's Progress, started at the first step
        self._task: Any = None

    def _start(self, label: str, total: int | None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Display

        if self._display is None:
            columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
            self._display = Display(*columns, TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self._display.start()
            self._task = self._display.add_task(label, total=total)
        else:
            self._display.update(self._task, description=label, total=total, completed=0)

    def stage(self, label: str) -> None:
        self._start(label, None)

    def track(self, items: Iterable[T], label: str, total: int) -> Iterator[T]:
        if total == 0:
            yield from items  # nothing to read or cut: no line for it
            return
        self._start(label, total)
        for item in items:
            yield item
            self._display.advance(self._task)

    def close(self) -> None:
        if self._display is not None:
            self._display.stop()
            self._display = None


NO_PROGRESS = Progress()
