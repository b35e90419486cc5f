"""Watching the inbox: the only place watchfiles is used.

The watcher only makes things faster: every publish scans the inbox itself, because inotify
is silent on network mounts and drops events under load. watchfiles falls back to polling by
itself where the system gives no notifications; `--poll` forces polling.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

import watchfiles

from digest.readers.inbox import is_ignored

log = logging.getLogger("digest.watcher")
DEBOUNCE_MS = 400  # a burst of files (a folder copied in) becomes one refresh
STABLE_CHECKS = 2  # a file is complete when its size and mtime stay the same this many checks…
STABLE_INTERVAL = 0.25  # …this many seconds apart
STABLE_TIMEOUT = 30.0


def wait_until_complete(paths: set[Path]) -> set[Path]:
    """Wait until each file stops changing (a browser or copy may still be writing it);
    return the files that exist and are complete. A file still changing after
    STABLE_TIMEOUT is left for the next event."""
    pending = {p for p in paths if p.is_file()}
    last: dict[Path, tuple[int, int]] = {}
    stable: dict[Path, int] = dict.fromkeys(pending, 0)
    deadline = time.monotonic() + STABLE_TIMEOUT
    while pending and time.monotonic() < deadline:
        for path in list(pending):
            try:
                stat = path.stat()
            except OSError:
                pending.discard(path)
                stable.pop(path, None)
                continue
            signature = (stat.st_size, stat.st_mtime_ns)
            stable[path] = stable[path] + 1 if last.get(path) == signature else 0
            last[path] = signature
            if stable[path] >= STABLE_CHECKS:
                pending.discard(path)
        if pending:
            time.sleep(STABLE_INTERVAL)
    return {p for p, n in stable.items() if n >= STABLE_CHECKS}


class InboxWatcher:
    """Calls `on_change(paths)` in a background thread after documents arrive or change.

    `also` are more folders to watch and `accept` says which of their files count (the
    preview watches the templates and config.yaml too)."""

    def __init__(
        self,
        inbox: Path,
        on_change: Callable[[set[Path]], None],
        poll: bool = False,
        also: tuple[Path, ...] = (),
        accept: Callable[[Path], bool] | None = None,
    ) -> None:
        self.inbox = inbox
        self.on_change = on_change
        self.poll = poll
        self.also = tuple(p for p in also if p.is_dir() and p != inbox)
        self.accept = accept
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="digest-watcher", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def _keep(self, change: watchfiles.Change, path: str) -> bool:
        candidate = Path(path)
        try:
            if not is_ignored(candidate.relative_to(self.inbox).as_posix()):
                return True
        except ValueError:
            pass
        return self.accept is not None and self.accept(candidate)

    def _run(self) -> None:
        try:
            for changes in watchfiles.watch(
                self.inbox,
                *self.also,
                watch_filter=self._keep,
                debounce=DEBOUNCE_MS,
                stop_event=self._stop,
                force_polling=True if self.poll else None,
                raise_interrupt=False,
            ):
                paths = {Path(path) for change, path in changes if change != watchfiles.Change.deleted}
                deleted = any(change == watchfiles.Change.deleted for change, _ in changes)
                complete = wait_until_complete(paths)
                if complete or deleted:
                    try:
                        self.on_change(complete)
                    except Exception:  # a refresh must never kill the watcher
                        log.exception("refreshing the draft failed")
        except (OSError, RuntimeError) as exc:
            log.error("watching %s stopped: %s (publishing still scans the inbox on schedule)", self.inbox, exc)
