"""Locks in the state folder that the kernel releases: `fcntl.flock` on a lock file.

`run.lock` is held by `digest run` for its whole life: a second `digest run` on the same
state refuses. `publish.lock` is held while an issue is published, by `digest run` or
`digest compile`: two publishes never overlap.

The kernel drops a flock when its holder exits, however it exits (SIGKILL included), so
there is no stale lock to guess about and no PID to trust: a lock file that exists is not
a held lock. The holder writes its pid and host into the file after it has the lock, only
so that the refusal can name it. The file is never deleted: deleting a lock file lets two
processes lock two different files of the same name.

A forked child (a worker process) closes its copies of the lock files at once.
Within one process a lock is re-entrant (`digest run` publishes while it holds run.lock and
may take publish.lock from its scheduler thread while a draft refresh runs).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from digest.config import Config
from digest.errors import StateError


class LockError(StateError):
    pass


@dataclass
class _Held:
    fd: int
    count: int


_held: dict[Path, _Held] = {}
_guard = threading.Lock()


def _forget_in_child() -> None:
    """A forked child (a worker process) shares the parent's open lock files, and a flock lasts
    while any descriptor of it is open: the child closes its copies, so the lock ends when the
    parent releases it, not when the last worker exits."""
    global _guard
    for held in _held.values():
        with contextlib.suppress(OSError):
            os.close(held.fd)
    _held.clear()
    _guard = threading.Lock()


os.register_at_fork(after_in_child=_forget_in_child)


def holder(path: Path) -> str:
    """Who holds the lock, as its holder wrote it ('pid 123 on host'), or a plain phrase."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        text = ""
    return text or "another process"


def acquire(path: Path, what: str) -> None:
    """Take the lock at `path` or raise LockError naming its holder; never waits."""
    path = path.resolve()
    with _guard:
        if path in _held:
            _held[path].count += 1
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise LockError(f"cannot open the lock file {path}: {exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise LockError(
                f"{what} is already under way ({holder(path)} holds {path}); wait for it or stop it"
            ) from None
        # Only the holder writes, and only after it holds the lock.
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}".encode())
        _held[path] = _Held(fd, 1)


def release(path: Path) -> None:
    path = path.resolve()
    with _guard:
        held = _held.get(path)
        if held is None:
            return
        held.count -= 1
        if held.count:
            return
        del _held[path]
        with contextlib.suppress(OSError):
            os.ftruncate(held.fd, 0)  # nobody holds it: nobody to name
        os.close(held.fd)  # closing the descriptor drops the flock


@contextlib.contextmanager
def holding(path: Path, what: str) -> Iterator[None]:
    acquire(path, what)
    try:
        yield
    finally:
        release(path)


@contextlib.contextmanager
def publish_lock(config: Config, enabled: bool = True) -> Iterator[None]:
    if not enabled:
        yield
        return
    with holding(config.state_dir / "publish.lock", "a publish"):
        yield


@contextlib.contextmanager
def run_lock(config: Config) -> Iterator[None]:
    with holding(config.state_dir / "run.lock", "another `digest run` on this state"):
        yield
