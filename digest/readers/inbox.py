"""Finding the documents in the inbox. The inbox is only ever read, never changed.

Only regular files inside the inbox are read. Every entry is looked at with `lstat` before
anything opens it: a named pipe, a socket or a device, a link that leads out of the inbox, a
folder that cannot be read and a file over the size limit are quarantined at once with their
reason — none of them can hang a compile or fill its memory. Files are opened non-blocking and
without following links, and read up to their size: one that changes while it is read waits
for the next run. A file name that is not valid UTF-8 is read all the same and shown escaped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from digest.errors import DocumentError, InboxError
from digest.models import InboxFile, Quarantined
from digest.support.cache import kept_object

# Files a browser, an editor or a copy program leaves behind while it is still writing.
PARTIAL_SUFFIXES = (".part", ".crdownload", ".tmp", ".temp", ".swp", ".swo", ".download", ".partial")
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class DocumentChanged(DocumentError):
    """The file changed while it was read: it is not quarantined, it waits for the next run."""


@dataclass
class Scan:
    files: list[InboxFile] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # still being written: left for the next run


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


def display_name(raw: str) -> str:
    """A path as the curator reads it: bytes that are not UTF-8 shown escaped (b'\\xff' → '\\xff')."""
    return os.fsencode(raw).decode("utf-8", errors="backslashreplace")


def _kind(mode: int) -> str | None:
    """What a non-file entry is, in a curator's words (None: a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a regular file"


def read_file_bytes(path: Path, max_bytes: int, expected_size: int | None = None) -> bytes:
    """A regular file's bytes, read without blocking and without following a link; raise
    DocumentError for anything else, DocumentChanged when it changes while it is read."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise DocumentChanged("was removed while it was read") from None
    except OSError as exc:
        raise DocumentError(f"cannot be read: {exc.strerror or exc}") from None
    try:
        before = os.fstat(fd)
        if (kind := _kind(before.st_mode)) is not None:
            raise DocumentError(f"is {kind}")
        if expected_size is not None and before.st_size != expected_size:
            raise DocumentChanged("changed since the inbox was scanned (still being written?)")
        if before.st_size > max_bytes:
            raise DocumentError(_too_large(before.st_size, max_bytes))
        chunks = []
        remaining = before.st_size + 1  # one byte more tells that the file grew
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        after = os.fstat(fd)
    except OSError as exc:
        raise DocumentError(f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    size = expected_size if expected_size is not None else before.st_size
    if len(data) != size or after.st_size != before.st_size or after.st_mtime_ns != before.st_mtime_ns:
        raise DocumentChanged("changed while it was read (still being written?)")
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return f"too large ({size / 1048576:.1f} MB; the limit is {max_bytes / 1048576:g} MB, reading.max_document_mb)"


def scan_inbox(inbox: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Scan:
    """Every candidate document under `inbox`, sorted by name, each with its content hash.

    A missing or unreadable inbox is an InboxError, never an empty issue."""
    if not inbox.is_dir():
        raise InboxError(f"inbox folder {inbox} does not exist or is not a folder")
    if not os.access(inbox, os.R_OK | os.X_OK):
        raise InboxError(f"inbox folder {inbox} cannot be read (permission denied)")
    scan = Scan()
    root = Path(os.path.realpath(inbox))
    known = _known_files()
    _walk(str(inbox), "", root, max_bytes, scan, set(), known)
    if known is not None:  # files no longer found are forgotten
        found = {id(f) for f in scan.files}
        for gone in [name for name, (_, _, file) in known.items() if id(file) not in found]:
            del known[gone]
    scan.files.sort(key=lambda f: f.name)
    scan.quarantined.sort(key=lambda q: q.document)
    return scan


def _walk(
    folder: str,
    prefix: str,
    root: Path,
    max_bytes: int,
    scan: Scan,
    seen: set[tuple[int, int]],
    known: KnownFiles | None,
) -> None:
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except FileNotFoundError:
        return  # removed while the inbox was scanned: it is simply gone
    except OSError as exc:
        name = prefix.rstrip("/") or "."
        reason = f"folder cannot be read ({exc.strerror or exc}): the documents in it are not seen"
        scan.quarantined.append(Quarantined(document=display_name(name) + "/", reason=reason))
        return
    for entry in entries:
        name = display_name(prefix + entry.name)
        if is_ignored(name):
            continue
        path = entry.path  # (a string: ten thousand entries need no Path until one is read)
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            scan.quarantined.append(Quarantined(document=name, reason=f"cannot be read: {exc.strerror or exc}"))
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(path, prefix + entry.name + "/", root, max_bytes, scan, seen, known)
            continue
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(path)
            if not Path(target).is_relative_to(root):
                scan.quarantined.append(
                    Quarantined(document=name, reason="a link to a file outside the inbox: not read")
                )
                continue
            try:
                info = os.stat(target)
            except OSError:
                scan.quarantined.append(Quarantined(document=name, reason="a link that leads nowhere"))
                continue
            if stat.S_ISDIR(info.st_mode):
                continue  # a link to a folder of the inbox: its files are read there
            path = target
        _add_file(path, name, info, max_bytes, scan, known)


RACY_NS = 2_000_000_000
KnownFiles = dict[str, tuple[tuple[int, ...], str, InboxFile]]  # name → (stat key, path read, the file as found)


def _known_files() -> KnownFiles | None:
    """The files a long-lived process found at its last scans (None in a one-shot compile)."""
    return kept_object("inbox files", dict)


def _add_file(path: str, name: str, info: os.stat_result, max_bytes: int, scan: Scan, known: KnownFiles | None) -> None:
    if (kind := _kind(info.st_mode)) is not None:
        scan.quarantined.append(Quarantined(document=name, reason=f"is {kind}"))
        return
    if info.st_size > max_bytes:
        scan.quarantined.append(Quarantined(document=name, reason=_too_large(info.st_size, max_bytes)))
        return
    # In a long-lived process (`digest run`, `digest preview`), a file whose device, inode,
    # size, modification and change times are all as last scanned holds the same bytes (as git
    # assumes: writing a file, or setting its times, moves its change time): not read again,
    # and the record made of it then is the one found now.
    key = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    # (a file changed within the last RACY_NS may change again within the clock's tick and keep
    # the same times, as git's "racily clean" entries: it is read every time until it settles)
    settled = time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > RACY_NS
    if known is not None and settled and (hit := known.get(name)) is not None and hit[:2] == (key, path):
        scan.files.append(hit[2])
        return
    file_path = Path(path)
    try:
        data = read_file_bytes(file_path, max_bytes, info.st_size)
    except DocumentChanged:
        scan.waiting.append(name)
        return
    except DocumentError as exc:
        scan.quarantined.append(Quarantined(document=name, reason=str(exc)))
        return
    modified = dt.datetime.fromtimestamp(info.st_mtime, dt.UTC)
    found = InboxFile(path=file_path, name=name, content_hash=hash_bytes(data), size=len(data), modified=modified)
    if known is not None:
        known[name] = (key, path, found)
    scan.files.append(found)
