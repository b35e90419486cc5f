"""Finding the documents in the inbox. The inbox is only ever read, never changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

from digest.errors import InboxError
from digest.models import InboxFile, Quarantined

# Files a browser, an editor or a copy program leaves behind while it is still writing.
PARTIAL_SUFFIXES = (".part", ".crdownload", ".tmp", ".temp", ".swp", ".swo", ".download", ".partial")


def is_ignored(name: str) -> bool:
    """Hidden, temporary and partial files are not documents (yet)."""
    base = name.rsplit("/", 1)[-1]
    return (
        any(part.startswith(".") for part in name.split("/"))
        or base.endswith("~")
        or (base.startswith("#") and base.endswith("#"))
        or base.lower().endswith(PARTIAL_SUFFIXES)
    )


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def scan_inbox(inbox: Path) -> tuple[list[InboxFile], list[Quarantined]]:
    """Every candidate document under `inbox`, sorted by name, each with its content hash.

    A file that cannot even be opened is returned as a quarantine record; a missing or
    unreadable inbox is an InboxError, never an empty issue.
    """
    if not inbox.is_dir():
        raise InboxError(f"inbox folder {inbox} does not exist or is not a folder")
    if not os.access(inbox, os.R_OK | os.X_OK):
        raise InboxError(f"inbox folder {inbox} cannot be read (permission denied)")
    files: list[InboxFile] = []
    quarantined: list[Quarantined] = []
    for path in sorted(inbox.rglob("*")):
        name = path.relative_to(inbox).as_posix()
        if is_ignored(name) or path.is_dir():
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            quarantined.append(Quarantined(document=name, reason=f"cannot be read: {exc.strerror or exc}"))
            continue
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
        files.append(InboxFile(path=path, name=name, content_hash=hash_bytes(data), size=len(data), modified=modified))
    return files, quarantined
