"""Lock files in the state folder, holding the holder's pid.

`run.lock` is held by `digest run` for its whole life: a second `digest run` on the same
state refuses. `publish.lock` is held while an issue is published, by `digest run` or
`digest compile`: two publishes never overlap. A lock whose holder is no longer alive (a
crash, a SIGKILL) is stale and is taken over.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from digest.config import Config
from digest.errors import StateError


class LockError(StateError):
    pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def acquire(path: Path, what: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(2):
        try:
            handle = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                holder = int(path.read_text().strip() or 0)
            except (OSError, ValueError):
                holder = 0
            if holder == os.getpid():
                return
            if holder and _alive(holder):
                raise LockError(
                    f"{what} is already under way (pid {holder} holds {path}); wait for it or stop it"
                ) from None
            path.unlink(missing_ok=True)  # stale: its holder is gone
            continue
        with os.fdopen(handle, "w") as file:
            file.write(str(os.getpid()))
        return
    raise LockError(f"cannot take the lock {path}")


def release(path: Path) -> None:
    with contextlib.suppress(OSError, ValueError):
        if int(path.read_text().strip()) == os.getpid():
            path.unlink()


@contextlib.contextmanager
def publish_lock(config: Config, enabled: bool = True) -> Iterator[None]:
    if not enabled:
        yield
        return
    path = config.state_dir / "publish.lock"
    held_before = path.exists() and path.read_text().strip() == str(os.getpid())
    acquire(path, "a publish")
    try:
        yield
    finally:
        if not held_before:
            release(path)


@contextlib.contextmanager
def run_lock(config: Config) -> Iterator[None]:
    path = config.state_dir / "run.lock"
    acquire(path, "another `digest run` on this state")
    try:
        yield
    finally:
        release(path)
