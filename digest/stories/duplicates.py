"""Merging stories that are the same article, and linking stories about the same event.

Duplicates: each story's body becomes a set of 5-word shingles; MinHash signatures (datasketch's
legacy scheme, computed with numpy) in an LSH index propose candidate pairs in sub-quadratic time, and each candidate is
confirmed with the exact Jaccard similarity (or containment, for a copy with a few extra
lines). Confirmed pairs are grouped (union-find); a group becomes one story listing every
document it came from and keeping the most complete text.

Related coverage: stories that are not duplicates but share the rare words of one event
(names, places, figures) are linked both ways (stories/related.py).
"""

from __future__ import annotations

import hashlib
import re
import threading
import zlib
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from digest.models import Story
from digest.stories.related import link_related
from digest.support.cache import kept_between_builds, kept_object
from digest.words import folded_words, term_counts

SHINGLE = 5
NUM_PERM = 128
BANDS, ROWS = 64, 2  # NUM_PERM = BANDS * ROWS, for the stored signatures of published stories
# A story from a document of the same name as a published one, sharing this much of the
# shorter text's shingles with its story, is that story again (a typo fixed, an update
# appended): a one-word edit changes five shingles, a large part of a short story's. From
# any other document it takes what merging copies takes (SAME_JACCARD, SAME_CONTAINMENT).
EDITED_CONTAINMENT = 0.5
SAME_JACCARD = 0.6  # confirmed duplicates: this much of the shingles shared…
SAME_CONTAINMENT = 0.85  # …or the shorter text almost wholly inside the longer one
_WORD = re.compile(r"\w")  # a text with a word in it has shingles


@kept_between_builds(maxsize=32_768)
def shingles(text: str) -> frozenset[int]:
    """A text's 5-word shingles, each as a 32-bit hash: compact enough to store for every
    published story, and stable across processes and machines (crc32, not hash())."""
    words = folded_words(text)
    if len(words) < SHINGLE:
        return frozenset([zlib.crc32(" ".join(words).encode())]) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1))


@kept_between_builds(maxsize=20_000)
def band_keys(body: str) -> list[int]:
    """A text's MinHash band keys (see signature_bands)."""
    return signature_bands(shingles(body))


def signature_bands(items: frozenset[int]) -> list[int]:
    """The MinHash of a text's shingles, cut into LSH bands stored as integers a database can
    index: two texts sharing a band are candidates (with 64 bands of 2 rows, a pair with
    Jaccard 0.3 shares one 99.8% of the time, an unrelated pair almost never). Computed once
    per story: its features keep them (`story_bands`)."""
    values = minhash(items)
    keys = []
    for band in range(BANDS):
        rows = values[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(int.from_bytes(hashlib.blake2b(bytes([band]) + rows, digest_size=7).digest(), "big"))
    return keys


_MERSENNE_PRIME = (1 << 61) - 1
_MAX_HASH = (1 << 32) - 1


def minhash(items: frozenset[int]) -> Any:
    """The MinHash signature (NUM_PERM uint64 values) of 32-bit hashes: for each of NUM_PERM
    random affine permutations, the least permuted value. This is datasketch's "legacy" scheme
    (the signatures datasketch 1 gave, stored since digest 0.1), computed here with numpy because
    importing datasketch loads scipy's integrators and optimisers (a third of a second in every
    process that signs a story); tests check it against datasketch's own MinHash."""
    import numpy as np

    a, b = _permutations()
    if not items:
        return np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
    hashed = np.fromiter(items, dtype=np.uint64, count=len(items)).reshape(-1, 1)
    permuted = np.bitwise_and((hashed * a + b) % np.uint64(_MERSENNE_PRIME), np.uint64(_MAX_HASH))
    return np.minimum(permuted.min(axis=0), np.uint64(_MAX_HASH))


@cache
def _permutations() -> tuple[Any, Any]:
    """The permutations' parameters, drawn once per process as datasketch draws them (seed 1)."""
    import numpy as np

    generator = np.random.RandomState(1)
    pairs = [
        (generator.randint(1, _MERSENNE_PRIME, dtype=np.uint64), generator.randint(0, _MERSENNE_PRIME, dtype=np.uint64))
        for _ in range(NUM_PERM)
    ]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a, b


def pack_shingles(items: frozenset[int]) -> bytes:
    return array("I", sorted(items)).tobytes()


def unpack_shingles(data: bytes) -> Any:
    """Packed shingles as a sorted numpy array viewing the bytes: ten thousand stories' take
    10 MB, where sets of Python ints took 150."""
    import numpy as np

    return np.frombuffer(data, dtype=np.uint32)


def are_duplicates(a: Any, b: Any, containment: float = SAME_CONTAINMENT) -> bool:
    """Two texts are one article: their shingles (sorted arrays) share SAME_JACCARD of the
    union, or `containment` of the shorter text's."""
    import numpy as np

    if not len(a) or not len(b):
        return False
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared) >= SAME_JACCARD or shared / min(len(a), len(b)) >= containment


@dataclass
class PublishedIndex:
    """Stories of earlier issues that share an LSH band with a story of this batch: for each
    band key, (issue number, story key); for each story key, its shingles and documents."""

    bands: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    shingles: dict[str, Any] = field(default_factory=dict)  # sorted arrays (unpack_shingles)
    documents: dict[str, frozenset[str]] = field(default_factory=dict)

    def earliest_issue(self, story: Story) -> int | None:
        """The first issue that published essentially this story, if any did."""
        candidates = {pair for key in story_bands(story) for pair in self.bands.get(key, [])}
        mine = story_shingles(story)
        matches = []
        for issue, key in candidates:
            same_document = not self.documents.get(key, frozenset()).isdisjoint(story.documents)
            containment = EDITED_CONTAINMENT if same_document else SAME_CONTAINMENT
            if are_duplicates(mine, self.shingles.get(key, ()), containment):
                matches.append(issue)
        return min(matches, default=None)


def story_shingles(story: Story) -> Any:
    """A story's shingles as a sorted array: from its features when it has them (packed when
    it was cut)."""
    if story.features is not None and story.features.shingles:
        return unpack_shingles(story.features.shingles)
    return unpack_shingles(pack_shingles(shingles(story.body)))


def story_bands(story: Story) -> list[int]:
    """A story's band keys: from its features when it has them (computed when it was cut)."""
    return story.features.bands if story.features is not None else band_keys(story.body)


def duplicate_groups(stories: list[Story]) -> list[list[Story]]:
    """Groups of stories that are the same article; every story is in exactly one group, its
    stories in the order of their ids. Candidates share an LSH band; each candidate pair is
    confirmed on the exact shingles. A process that keeps results (`digest run`, `digest
    preview`) keeps the confirmed pairs and confirms only the new stories' candidates."""
    graph = kept_object("duplicate pairs", DuplicatePairs)
    if graph is not None:
        return graph.groups(stories)
    ordered = sorted(stories, key=lambda s: s.id)
    parent = list(range(len(ordered)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    @cache
    def shingles_of(i: int) -> Any:  # made only for stories that have a candidate
        return story_shingles(ordered[i])

    buckets: dict[int, list[int]] = defaultdict(list)
    first_with_body: dict[str, int] = {}
    for i, story in enumerate(ordered):
        if _WORD.search(story.body):
            same = first_with_body.setdefault(story.body, i)
            if same != i:  # the very same text: one article, whatever its candidates (no shingles needed)
                parent[find(i)] = find(same)
                continue
        bands = story_bands(story)
        for j in sorted({j for key in bands for j in buckets.get(key, ())}):
            if find(i) != find(j) and are_duplicates(shingles_of(i), shingles_of(j)):
                parent[find(i)] = find(j)
        for key in bands:
            buckets[key].append(i)
    groups: dict[int, list[Story]] = defaultdict(list)
    for i, story in enumerate(ordered):
        groups[find(i)].append(story)
    return list(groups.values())


class DuplicatePairs:
    """Every confirmed duplicate pair of the stories of the last build, with their LSH
    buckets, updated by the difference between builds: a story that left takes its pairs
    with it, a new one is confirmed against its candidates only. The groups are the connected
    stories, as duplicate_groups finds them from scratch: a pair that a build from scratch
    skips is one whose stories were already connected."""

    def __init__(self) -> None:
        self.bands: dict[str, list[int]] = {}  # story id → its band keys
        self.buckets: dict[int, set[str]] = defaultdict(set)  # band key → story ids
        self.pairs: dict[str, set[str]] = defaultdict(set)
        self.lock = threading.Lock()  # builds of one process may overlap (preview and run threads)

    def groups(self, stories: list[Story]) -> list[list[Story]]:
        by_id = {s.id: s for s in stories}  # an id names its content: the same id, the same story
        with self.lock:
            for gone in sorted(self.bands.keys() - by_id.keys()):
                self._remove(gone)
            for new in sorted(by_id.keys() - self.bands.keys()):
                self._add(by_id[new], by_id)
            return self._components(by_id)

    def _add(self, story: Story, by_id: dict[str, Story]) -> None:
        bands = story_bands(story)  # the very same text shares every band, and is confirmed
        candidates = {other for key in bands for other in self.buckets.get(key, ())}
        mine = story_shingles(story) if candidates else None
        for other in sorted(candidates):
            if other not in self.pairs[story.id] and are_duplicates(mine, story_shingles(by_id[other])):
                self._pair(story.id, other)
        self.bands[story.id] = bands
        for key in bands:
            self.buckets[key].add(story.id)

    def _pair(self, a: str, b: str) -> None:
        self.pairs[a].add(b)
        self.pairs[b].add(a)

    def _remove(self, story_id: str) -> None:
        for key in self.bands.pop(story_id):
            self.buckets[key].discard(story_id)
            if not self.buckets[key]:
                del self.buckets[key]
        for other in self.pairs.pop(story_id, set()):
            self.pairs[other].discard(story_id)

    def _components(self, by_id: dict[str, Story]) -> list[list[Story]]:
        seen: set[str] = set()
        groups = []
        for start in sorted(by_id):
            if start in seen:
                continue
            seen.add(start)
            group, stack = [], [start]
            while stack:
                current = stack.pop()
                group.append(current)
                for other in self.pairs.get(current, ()):
                    if other not in seen:
                        seen.add(other)
                        stack.append(other)
            groups.append([by_id[i] for i in sorted(group)])
        return groups


def merge_duplicates(stories: list[Story], published: PublishedIndex | None = None) -> list[Story]:
    """One story per distinct article, listing every document it came from, with related
    coverage linked. The result does not depend on the order of the input.

    `published` holds the earlier issues' stories that may be the same article as one of
    these: a story found there carries the issue's number in `published_in`."""
    merged = [_merge(group) for group in duplicate_groups(stories)]
    if published is not None and published.bands:
        merged = [
            s.model_copy(update={"published_in": issue}) if (issue := published.earliest_issue(s)) else s
            for s in merged
        ]
    merged = link_related(merged)
    return sorted(merged, key=lambda s: (s.documents[0], s.id))


def batch_band_keys(stories: list[Story]) -> set[int]:
    """Every LSH band key of a batch: what to look up among the published stories."""
    return {key for story in stories for key in story_bands(story)}


def _merge(group: list[Story]) -> Story:
    """One story for the copies of one article: the most complete text (the longest body),
    and from all the copies the best of each fact — the title most like a headline that the
    others agree with, a person's byline over a desk's, the date most copies give, a direct
    link — with every document and every copy's source."""
    ordered = sorted(group, key=lambda s: (-len(s.body), s.id))
    keeper = ordered[0]
    if len(group) == 1:
        return keeper
    title = max(ordered, key=lambda s: (_title_quality(s.title, [o.title for o in ordered if o is not s]), len(s.body)))
    bylines = [s.byline for s in ordered if s.byline]
    dates = Counter(s.published for s in ordered if s.published)
    urls = [s.url for s in ordered if s.url]
    sources = list(dict.fromkeys(src for s in ordered for src in ([s.source] if s.source else [])))
    features = keeper.features
    if features is not None and title.title != keeper.title:  # the words counted with the title change
        features = features.model_copy(update={"terms": dict(term_counts(title.title, keeper.body))})
    return keeper.model_copy(
        update={
            "features": features,
            "title": title.title,
            "byline": min(bylines, key=_byline_rank) if bylines else None,
            "published": max(sorted(dates), key=lambda d: dates[d]) if dates else None,
            "url": min(urls, key=_url_rank) if urls else None,
            "source": sources[0] if sources else None,
            "sources": sources,
            "documents": sorted({d for s in group for d in s.documents}),
            "section_hint": next((s.section_hint for s in ordered if s.section_hint), None),
            "merged_titles": [s.title for s in ordered if s.title != title.title],
        }
    )


_MASTHEAD = re.compile(r"\s[|—–]\s|\s-\s[A-Z][\w.]+(\s[A-Z][\w.]+)*$")
_GENERIC_BYLINES = re.compile(
    r"^(staff|staff reporters?|agencies|staff and agencies|wire( services)?|newsroom|editors?|editorial|reporters?|"
    r"the \w+ team|admin|reuters|ap|afp|associated press)$",
    re.I,
)


def _title_quality(title: str, others: list[str]) -> float:
    """How much a copy's title reads as the article's headline: agreed with by the others,
    whole (not cut with "…"), not a masthead or section line ("CityMag Europe — Transport"),
    not a shouting label."""
    words = set(folded_words(title))
    agreement = sum(len(words & set(folded_words(o))) / max(1, len(words | set(folded_words(o)))) for o in others)
    penalty = 0.0
    if title.endswith("…"):
        penalty += 1.0  # made from the lead, not printed as a headline
    if _MASTHEAD.search(title):
        penalty += 1.0
    if title.isupper() or len(title.split()) <= 2:
        penalty += 0.5
    return agreement - penalty


def _byline_rank(byline: str) -> tuple[int, int]:
    """A person's name before a desk's ('Staff and agencies'), then the shorter."""
    return (1 if _GENERIC_BYLINES.match(byline.strip()) else 0, len(byline))


def _url_rank(url: str) -> tuple[int, int]:
    """A direct https link before a tracking redirect, then the shorter."""
    tracking = bool(re.search(r"click|redirect|track|utm_|/r/|\?u=", url, re.I))
    return (int(tracking) * 2 + int(not url.startswith("https://")), len(url))
