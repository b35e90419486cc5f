"""Writing an issue's files so that a reader never sees half of them.

The files go to a temporary folder beside the target, are flushed to disk, and the folder is
renamed into place with os.replace. A crash leaves either nothing or the whole issue.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path

from digest.errors import PublishError
from digest.models import Editions


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def write_issue(editions: Editions, target: Path) -> Path:
    """Write the issue as the folder `target`, replacing a folder left there by a run that
    was interrupted before it could record the issue."""
    temporary = target.parent / f".{target.name}.tmp-{uuid.uuid4().hex[:8]}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.mkdir()
        for name, data in editions.files.items():
            _write_file(temporary / name, data)
        if target.exists():
            stale = target.parent / f".{target.name}.stale-{uuid.uuid4().hex[:8]}"
            os.replace(target, stale)
            shutil.rmtree(stale, ignore_errors=True)
        os.replace(temporary, target)
    except OSError as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        raise PublishError(f"cannot write the issue to {target}: {exc}") from None
    _pause_for_crash_tests()
    return target


def _pause_for_crash_tests() -> None:
    """Crash tests set DIGEST_PAUSE_BEFORE_RECORD (seconds) to SIGKILL a publish between
    writing the issue's files and recording them; nothing else should set it."""
    seconds = os.environ.get("DIGEST_PAUSE_BEFORE_RECORD")
    if seconds:
        time.sleep(float(seconds))


def replace_file(path: Path, data: bytes) -> None:
    """Write one file so a reader sees the old or the new one, never half of it."""
    partial = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex[:8]}")
    try:
        _write_file(partial, data)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PublishError(f"cannot write {path}: {exc}") from None


def write_files_into(editions: Editions, folder: Path) -> Path:
    """`--out DIR`: put the files straight into an existing or new folder, each file
    replaced atomically, other files in the folder left alone."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PublishError(f"cannot write the issue to {folder}: {exc}") from None
    for name, data in editions.files.items():
        replace_file(folder / name, data)
    return folder
