"""How the pipeline's cached stages keep their results in the state (support/cache.py's Stores):
documents as read and the stories cut from them, each under what it depends on.

A document is kept without its blocks: a later build needs its text (for the inbox's
boilerplate lines) and metadata, but its blocks only to cut it again, which happens only when
the drop patterns or the inbox's boilerplate change — and then it is read again from its file
(`blocks` None says so). Decoding ten thousand documents' blocks took a second of every new
process.
"""

from __future__ import annotations

import hashlib
import json

from pydantic import TypeAdapter

from digest.models import Document, InboxFile, Quarantined, Story
from digest.state.store import StateStore
from digest.support.cache import Store

# a document (its blocks None when it must be read again from its file), drop patterns,
# boilerplate lines, and the file it came from
SplitJob = tuple[Document, tuple[str, ...], frozenset[str], InboxFile]


def document_store(state: StateStore, version: str) -> Store[InboxFile, Document | Quarantined | str]:
    return Store(
        name=f"documents {version}",
        load=lambda hashes: state.cached_documents(hashes, version),
        save=lambda items: state.cache_documents(version, items),
        # only documents are kept, without their blocks: a quarantined file is read again (it may have been fixed)
        encode=lambda read: (
            read.model_copy(update={"blocks": None}).model_dump_json() if isinstance(read, Document) else None
        ),
        decode=Document.model_validate_json,
        # the same bytes under another name (a renamed file) read the same
        rebind=lambda read, file: read.named(file.name) if isinstance(read, Document) else read,
    )


_STORY_LIST = TypeAdapter(list[Story])


def story_store(state: StateStore, signature: str) -> Store[SplitJob, list[Story]]:
    return Store(
        name=f"stories {signature}",
        load=lambda hashes: state.cached_stories(hashes, signature),
        save=lambda items: state.cache_stories(signature, items),
        encode=lambda stories: json.dumps([_full_dump(s) for s in stories]),
        decode=_STORY_LIST.validate_json,
        rebind=lambda stories, job: [s.from_document(job[0].name) for s in stories],
    )


def split_signature(version: str, patterns: tuple[str, ...], boilerplate: frozenset[str]) -> str:
    """What splitting depends on besides the document: digest's version, the curator's drop
    patterns and the inbox's boilerplate lines."""
    key = json.dumps([version, list(patterns), sorted(boilerplate)])
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def _full_dump(story: Story) -> dict:
    """Every field, including those issue.json leaves out (body, section hint, context)."""
    return {
        **story.model_dump(mode="json"),
        "body": story.body,
        "section_hint": story.section_hint,
        "context": story.context,
        "features": story.features.model_dump(mode="json") if story.features is not None else None,
    }
