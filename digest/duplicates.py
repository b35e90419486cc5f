"""Merging stories that are the same article, and linking stories about the same event.

Duplicates: each story's body becomes a set of 5-word shingles; MinHash signatures in an LSH
index (datasketch) propose candidate pairs in sub-quadratic time, and each candidate is
confirmed with the exact Jaccard similarity (or containment, for a copy with a few extra
lines). Confirmed pairs are grouped (union-find); a group becomes one story listing every
document it came from and keeping the most complete text.

Related coverage: stories that are not duplicates but share the rare words of one event
(names, places, figures) are linked both ways, found through an inverted index of each
story's most distinctive words and confirmed by TF-IDF cosine similarity.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

from digest.models import RelatedStory, Story

SHINGLE = 5
NUM_PERM = 128
LSH_THRESHOLD = 0.5
SAME_JACCARD = 0.6  # confirmed duplicates: this much of the shingles shared…
SAME_CONTAINMENT = 0.85  # …or the shorter text almost wholly inside the longer one
RELATED_COSINE = 0.22
RELATED_PER_STORY = 3
CANDIDATES = 12
_WORD = re.compile(r"\w+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "from",
        "by",
        "with",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "what",
        "when",
        "where",
        "will",
        "would",
        "can",
        "could",
        "said",
        "says",
        "also",
        "more",
        "than",
        "into",
        "about",
        "after",
        "over",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "not",
        "but",
        "new",
        "one",
        "two",
        "three",
        "first",
        "last",
        "year",
        "years",
    ]
)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingles(text: str) -> set[str]:
    words = _words(text)
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


@lru_cache(maxsize=20_000)
def _signature(body: str) -> MinHash:
    """A story body's MinHash, remembered: a watcher's refresh re-signs only new stories.
    (Never mutated after this: LSH only reads it.)"""
    signature = MinHash(num_perm=NUM_PERM, seed=1)
    signature.update_batch([item.encode() for item in shingles(body)])
    return signature


def are_duplicates(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    shared = len(a & b)
    return shared / len(a | b) >= SAME_JACCARD or shared / min(len(a), len(b)) >= SAME_CONTAINMENT


def duplicate_groups(stories: list[Story]) -> list[list[Story]]:
    """Groups of stories that are the same article; every story is in exactly one group."""
    ordered = sorted(stories, key=lambda s: s.id)
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for i, story in enumerate(ordered):
        signature = _signature(story.body)
        for key in lsh.query(signature):
            j = int(key)
            # shingle sets are made again only for the few candidates, never held for all
            if find(i) != find(j) and are_duplicates(shingles(story.body), shingles(ordered[j].body)):
                parent[find(i)] = find(j)
        lsh.insert(str(i), signature)
    groups: dict[int, list[Story]] = defaultdict(list)
    for i, story in enumerate(ordered):
        groups[find(i)].append(story)
    return list(groups.values())


def merge_duplicates(stories: list[Story]) -> list[Story]:
    """One story per distinct article, listing every document it came from, with related
    coverage linked. The result does not depend on the order of the input."""
    merged = [_merge(group) for group in duplicate_groups(stories)]
    merged = link_related(merged)
    return sorted(merged, key=lambda s: (s.documents[0], s.id))


def _merge(group: list[Story]) -> Story:
    """The most complete text (longest body; then the smallest id, for a stable choice),
    with every document and any metadata the keeper lacks."""
    keeper = min(group, key=lambda s: (-len(s.body), s.id))
    documents = sorted({d for s in group for d in s.documents})
    others = sorted(group, key=lambda s: s.id)
    filled = {
        field: next((getattr(s, field) for s in others if getattr(s, field)), None)
        for field in ("url", "source", "byline", "published", "section_hint")
        if getattr(keeper, field) is None
    }
    return keeper.model_copy(update={"documents": documents, **filled})


def link_related(stories: list[Story]) -> list[Story]:
    """Link stories about the same event: shared distinctive words, TF-IDF cosine ≥ 0.22."""
    if len(stories) < 2:
        return stories
    counts = [
        Counter(w for w in _words(f"{s.title} {s.title} {s.body}") if w not in _STOP and len(w) > 2) for s in stories
    ]
    df = Counter(w for c in counts for w in c)
    n = len(stories)
    vectors = []
    for c in counts:
        vector = {w: (1 + math.log(tf)) * math.log((n + 1) / (df[w] + 0.5)) for w, tf in c.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items()})
    index: dict[str, list[int]] = defaultdict(list)
    rare = max(3, int(math.sqrt(n)))
    for i, vector in enumerate(vectors):
        # A word shared by many stories is a topic, not an event: only rare shared words count,
        # which also keeps the candidate pairs few on a large inbox.
        shared_words = [w for w in vector if 1 < df[w] <= rare]
        for word in sorted(shared_words, key=lambda w: (-vector[w], w))[:30]:
            index[word].append(i)
    links: dict[int, list[tuple[float, int]]] = defaultdict(list)
    shared = Counter((a, b) for ids in index.values() for a in ids for b in ids if a < b)
    # One rare word in common is chance: the cosine is computed for pairs sharing two, and for
    # each story only its CANDIDATES best-sharing partners, so a large inbox stays linear.
    partners: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (a, b), count in shared.items():
        if count >= 2:
            partners[a].append((count, b))
            partners[b].append((count, a))
    pairs = sorted(
        {
            (min(a, b), max(a, b))
            for a, found in partners.items()
            for _, b in sorted(found, key=lambda x: (-x[0], x[1]))[:CANDIDATES]
        }
    )
    for a, b in pairs:
        small, large = sorted((vectors[a], vectors[b]), key=len)
        cosine = sum(v * large.get(w, 0.0) for w, v in small.items())
        if cosine >= RELATED_COSINE:
            links[a].append((cosine, b))
            links[b].append((cosine, a))
    result = []
    for i, story in enumerate(stories):
        best = sorted(links[i], key=lambda x: (-x[0], stories[x[1]].id))[:RELATED_PER_STORY]
        related = [RelatedStory(id=stories[j].id, title=stories[j].title, url=stories[j].url) for _, j in best]
        result.append(story.model_copy(update={"related": related}) if related else story)
    return result
