"""Merging stories that are the same article, pasted twice or sent from two places."""

from __future__ import annotations

import hashlib
import re

from digest.models import Story

_NON_WORD = re.compile(r"\W+")


def fingerprint(story: Story) -> str:
    """Equal for stories whose words are equal, whatever the spacing, case or punctuation."""
    words = _NON_WORD.sub(" ", story.body.lower()).strip()
    return hashlib.sha256(words.encode()).hexdigest()


def merge_duplicates(stories: list[Story]) -> list[Story]:
    """One story per distinct article, listing every document it came from.

    The result does not depend on the order of the input: stories are grouped, and each
    group is represented by its most complete member (longest body, then smallest id).
    """
    groups: dict[str, list[Story]] = {}
    for story in stories:
        groups.setdefault(fingerprint(story), []).append(story)
    merged = [_merge(group) for group in groups.values()]
    return sorted(merged, key=lambda s: (s.documents[0], s.id))


def _merge(group: list[Story]) -> Story:
    keeper = max(group, key=lambda s: (len(s.body), s.title != "", _neg(s.id)))
    documents = sorted({d for s in group for d in s.documents})
    filled = {
        field: next((getattr(s, field) for s in group if getattr(s, field)), None)
        for field in ("url", "source", "byline", "published", "section_hint")
        if getattr(keeper, field) is None
    }
    return keeper.model_copy(update={"documents": documents, **filled})


def _neg(identifier: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in identifier)
