"""Incremental reading: documents and their stories are cached by content hash.

A warm compile of unchanged documents parses nothing: the read document comes from
`read_cache`, its stories from `split_cache` (keyed also by what splitting depends on:
digest's version, the curator's drop patterns and the inbox's boilerplate lines). Cold
reading of many documents uses every core; a progress bar shows when stderr is a terminal.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from digest import __version__
from digest.errors import DocumentError
from digest.models import Document, InboxFile, Quarantined, Story
from digest.readers import read_document
from digest.state import StateStore
from digest.stories import split_into_stories

CACHE_VERSION = f"{__version__}-2"  # bump when a reader or the splitter changes its output
POOL_THRESHOLD = 64  # below this many documents a process pool costs more than it saves
T = TypeVar("T")
R = TypeVar("R")


def read_one(file: InboxFile) -> Document | Quarantined:
    try:
        return read_document(file)
    except DocumentError as exc:
        return Quarantined(document=file.name, reason=str(exc))


def read_all(files: list[InboxFile], state: StateStore) -> tuple[list[Document], list[Quarantined]]:
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
    new: dict[str, str] = {}
    for file, result in zip(fresh, parallel_map(read_one, fresh, "Reading documents"), strict=True):
        if isinstance(result, Quarantined):
            quarantined.append(result)
        else:
            documents[file.name] = result
            new[file.content_hash] = result.model_dump_json()
    if new:
        state.cache("read_cache", "version", CACHE_VERSION, new)
    return [documents[f.name] for f in files if f.name in documents], quarantined


def split_signature(drop_patterns: Iterable[str], boilerplate: frozenset[str]) -> str:
    key = json.dumps([CACHE_VERSION, list(drop_patterns), sorted(boilerplate)])
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def _split_one(job: tuple[Document, tuple[str, ...], frozenset[str]]) -> list[Story]:
    document, patterns, boilerplate = job
    return split_into_stories(document, patterns, boilerplate)


def split_all(
    documents: list[Document], drop_patterns: list[str], boilerplate: frozenset[str], state: StateStore
) -> list[Story]:
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
    new: dict[str, str] = {}
    for document, result in zip(fresh, parallel_map(_split_one, jobs, "Cutting stories"), strict=True):
        stories[document.name] = result
        new[document.content_hash] = json.dumps([full_dump(s) for s in result])
    if new:
        state.cache("split_cache", "signature", signature, new)
    return [s for d in documents for s in stories[d.name]]


def full_dump(story: Story) -> dict:
    """Every field, including those issue.json leaves out (body, section hint, context)."""
    return {
        **story.model_dump(mode="json"),
        "body": story.body,
        "section_hint": story.section_hint,
        "context": story.context,
    }


def parallel_map(function: Callable[[T], R], items: list[T], label: str) -> list[R]:
    if len(items) < POOL_THRESHOLD or (os.cpu_count() or 1) < 2:
        return [function(item) for item in _progress(items, label)]
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["digest.cache"])
    with ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=context) as pool:
        return list(_progress(pool.map(function, items, chunksize=16), label, total=len(items)))


def _progress(items: Iterable[T], label: str, total: int | None = None) -> Iterable[T]:
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import track

    yield from track(
        items, description=label, total=total if total is not None else len(items), console=None, transient=True
    )  # type: ignore[arg-type]
