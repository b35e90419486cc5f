"""Incremental reading: documents and their stories are cached by content hash.

A warm compile of unchanged documents parses nothing: the read document comes from
`read_cache`, its stories from `split_cache` (keyed also by what splitting depends on:
digest's version, the curator's drop patterns and the inbox's boilerplate lines). New
documents are read and cut in worker processes (digest/workers.py), every core busy and each
document within `reading.time_limit`; a progress bar shows when stderr is a terminal.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterable
from typing import TypeVar

from digest import __version__
from digest.errors import DocumentError
from digest.models import Document, InboxFile, Quarantined, Story
from digest.readers import read_document
from digest.readers.inbox import DocumentChanged
from digest.state.store import StateStore
from digest.stories import split_into_stories
from digest.support.workers import Failed, bounded_map

CACHE_VERSION = f"{__version__}-2"  # bump when a reader or the splitter changes its output
TIME_LIMIT = 30.0  # seconds per document when the config does not say (reading.time_limit)
T = TypeVar("T")
R = TypeVar("R")


def read_one(file: InboxFile) -> Document | Quarantined | str:
    """A document, its quarantine record, or its name when it changed while read (it waits)."""
    try:
        return read_document(file)
    except DocumentChanged:
        return file.name
    except DocumentError as exc:
        return Quarantined(document=file.name, reason=str(exc))


def read_all(
    files: list[InboxFile], state: StateStore, time_limit: float = TIME_LIMIT
) -> tuple[list[Document], list[Quarantined], list[str]]:
    """The documents of `files` (from the cache when their bytes were read before), the files that
    cannot be used, and the names of those that changed while read and wait for the next run."""
    cached = state.cached("read_cache", "version", [f.content_hash for f in files], CACHE_VERSION)
    documents: dict[str, Document] = {}
    fresh: list[InboxFile] = []
    for file in files:
        if file.content_hash in cached:
            # the same bytes under another name (a renamed file) read the same
            documents[file.name] = Document.model_validate_json(cached[file.content_hash]).model_copy(
                update={"name": file.name}
            )
        else:
            fresh.append(file)
    quarantined: list[Quarantined] = []
    waiting: list[str] = []
    new: dict[str, str] = {}
    for file, result in zip(fresh, run_bounded(read_one, fresh, "Reading documents", time_limit), strict=True):
        if isinstance(result, Failed):
            quarantined.append(Quarantined(document=file.name, reason=result.reason))
        elif isinstance(result, Quarantined):
            quarantined.append(result)
        elif isinstance(result, str):
            waiting.append(result)
        else:
            documents[file.name] = result
            new[file.content_hash] = result.model_dump_json()
    if new:
        state.cache("read_cache", "version", CACHE_VERSION, new)
    return [documents[f.name] for f in files if f.name in documents], quarantined, waiting


def split_signature(drop_patterns: Iterable[str], boilerplate: frozenset[str]) -> str:
    key = json.dumps([CACHE_VERSION, list(drop_patterns), sorted(boilerplate)])
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def _split_one(job: tuple[Document, tuple[str, ...], frozenset[str]]) -> list[Story]:
    document, patterns, boilerplate = job
    return split_into_stories(document, patterns, boilerplate)


def split_all(
    documents: list[Document],
    drop_patterns: list[str],
    boilerplate: frozenset[str],
    state: StateStore,
    time_limit: float = TIME_LIMIT,
) -> tuple[list[Story], list[Quarantined]]:
    """Every document's stories (from the cache when split before with the same settings), and
    the documents that could not be cut within the time limit."""
    signature = split_signature(drop_patterns, boilerplate)
    cached = state.cached("split_cache", "signature", [d.content_hash for d in documents], signature)
    stories: dict[str, list[Story]] = {}
    fresh = []
    for document in documents:
        if document.content_hash in cached:
            stories[document.name] = [
                Story.model_validate(item).model_copy(update={"documents": [document.name]})
                for item in json.loads(cached[document.content_hash])
            ]
        else:
            fresh.append(document)
    jobs = [(d, tuple(drop_patterns), boilerplate) for d in fresh]
    failed: list[Quarantined] = []
    new: dict[str, str] = {}
    for document, result in zip(fresh, run_bounded(_split_one, jobs, "Cutting stories", time_limit), strict=True):
        if isinstance(result, Failed):
            failed.append(Quarantined(document=document.name, reason=result.reason.replace("read", "cut into stories")))
            continue
        stories[document.name] = result
        new[document.content_hash] = json.dumps([full_dump(s) for s in result])
    if new:
        state.cache("split_cache", "signature", signature, new)
    return [s for d in documents for s in stories.get(d.name, [])], failed


def full_dump(story: Story) -> dict:
    """Every field, including those issue.json leaves out (body, section hint, context)."""
    return {
        **story.model_dump(mode="json"),
        "body": story.body,
        "section_hint": story.section_hint,
        "context": story.context,
    }


def run_bounded(function: Callable[[T], R], items: list[T], label: str, time_limit: float) -> list[R | Failed[T]]:
    """`function` over `items` in worker processes, each within the time limit, with a progress
    bar on a terminal."""
    return bounded_map(function, items, time_limit, lambda indices: _progress(indices, label, total=len(items)))


def _progress(items: Iterable[T], label: str, total: int | None = None) -> Iterable[T]:
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import track

    yield from track(
        items, description=label, total=total if total is not None else len(items), console=None, transient=True
    )  # type: ignore[arg-type]
