"""Which stories of a batch are the same article: candidate pairs share an LSH band, each is
confirmed on the exact shingles (stories/signatures.py), and the groups are the connected
stories.

A long-lived process (`digest run`, `digest preview`) keeps the confirmed pairs between builds
and confirms only new stories' candidates (DuplicatePairs); so does a new process, from the
pairs the last build left in the state (`PairStore`): a refresh after one new file checks that
file's stories, not every pair of the batch again.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from functools import cache
from typing import Any, Protocol

from digest.models import Story
from digest.stories.signatures import (
    HAS_WORD,
    NUM_PERM,
    SAME_CONTAINMENT,
    SAME_JACCARD,
    SHINGLE,
    are_duplicates,
    story_bands,
    story_shingles,
)
from digest.support.cache import code_fingerprint, kept_object

# what confirms a pair: a stored set of pairs made with other settings is not used
_PAIRS_CODE = code_fingerprint("stories/signatures.py", "stories/pairs.py", "stories/duplicates.py")
PAIRS_VERSION = json.dumps([_PAIRS_CODE, SHINGLE, NUM_PERM, SAME_JACCARD, SAME_CONTAINMENT])
SCAN_LIMIT = 16  # new stories after a restore that are compared without LSH buckets


class PairStore(Protocol):
    """Where the last build leaves its confirmed pairs for the next process (the state)."""

    def duplicate_pairs(self) -> str | None: ...

    def keep_duplicate_pairs(self, snapshot: str) -> None: ...


def duplicate_groups(stories: list[Story], store: PairStore | None = None) -> list[list[Story]]:
    """Groups of stories that are the same article; every story is in exactly one group, its
    stories in the order of their ids. Candidates share an LSH band; each candidate pair is
    confirmed on the exact shingles. A process that keeps results (`digest run`, `digest
    preview`) keeps the confirmed pairs and confirms only the new stories' candidates; with a
    `store`, a new process starts from the pairs the last build stored."""
    graph = kept_object("duplicate pairs", DuplicatePairs)
    if store is not None:
        graph = graph if graph is not None else DuplicatePairs()
        if not graph.bands:
            graph.restore(store.duplicate_pairs(), stories)
    if graph is None:
        return _groups_from_scratch(stories)
    groups = graph.groups(stories)
    if store is not None and graph.changed:
        store.keep_duplicate_pairs(graph.snapshot())
    return groups


def _groups_from_scratch(stories: list[Story]) -> list[list[Story]]:
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
        if HAS_WORD.search(story.body):
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
        # band key → story ids; None after a restore until many stories come at once (a few new
        # ones are compared with every story's bands: cheaper than filing 64 keys per story)
        self.buckets: defaultdict[int, set[str]] | None = defaultdict(set)
        self.pairs: dict[str, set[str]] = defaultdict(set)
        self.lock = threading.Lock()  # builds of one process may overlap (preview and run threads)
        self.changed = False  # since the last snapshot or restore

    def groups(self, stories: list[Story]) -> list[list[Story]]:
        # an id names its content: stories of one id (a file and its copy under another name)
        # are one node, the same article
        copies: dict[str, list[Story]] = defaultdict(list)
        for story in stories:
            copies[story.id].append(story)
        by_id = {story_id: same[0] for story_id, same in copies.items()}
        with self.lock:
            for gone in sorted(self.bands.keys() - by_id.keys()):
                self._remove(gone)
                self.changed = True
            new = sorted(by_id.keys() - self.bands.keys())
            if self.buckets is None and len(new) > SCAN_LIMIT:
                self.buckets = defaultdict(set)
                for story_id in self.bands:
                    self._file(story_id)
            for story_id in new:
                self._add(by_id[story_id], by_id)
                self.changed = True
            return self._components(copies)

    def snapshot(self) -> str:
        """The stories whose candidates are all confirmed, and their pairs: what a new process
        needs to go on from here."""
        with self.lock:
            self.changed = False
            pairs = sorted([a, b] for a, others in self.pairs.items() for b in others if a < b)
            return json.dumps({"version": PAIRS_VERSION, "stories": sorted(self.bands), "pairs": pairs})

    def restore(self, snapshot: str | None, stories: list[Story]) -> None:
        """Start from a snapshot, keeping what it says of the stories still in the batch: the
        pairs among them were all confirmed (a story removed since takes its pairs with it)."""
        try:
            data = json.loads(snapshot) if snapshot else {}
            if not isinstance(data, dict) or data.get("version") != PAIRS_VERSION:
                return
            known, pairs = set(map(str, data["stories"])), [(str(a), str(b)) for a, b in data["pairs"]]
        except (ValueError, TypeError, KeyError):
            return  # a damaged snapshot: start from nothing (it only costs time)
        by_id = {s.id: s for s in stories}
        with self.lock:
            self.buckets = None
            for story_id in sorted(known & by_id.keys()):
                self.bands[story_id] = story_bands(by_id[story_id])
            for a, b in pairs:
                if a in self.bands and b in self.bands:
                    self._pair(a, b)

    def _add(self, story: Story, by_id: dict[str, Story]) -> None:
        bands = story_bands(story)  # the very same text shares every band, and is confirmed
        if self.buckets is None:
            wanted = set(bands)
            candidates = {other for other, keys in self.bands.items() if not wanted.isdisjoint(keys)}
        else:
            candidates = {other for key in bands for other in self.buckets.get(key, ())}
        mine = story_shingles(story) if candidates else None
        for other in sorted(candidates):
            if other not in self.pairs[story.id] and are_duplicates(mine, story_shingles(by_id[other])):
                self._pair(story.id, other)
        self.bands[story.id] = bands
        self._file(story.id)

    def _file(self, story_id: str) -> None:
        """A story's band keys into the LSH buckets (when they are kept)."""
        if self.buckets is not None:
            for key in self.bands[story_id]:
                self.buckets[key].add(story_id)

    def _pair(self, a: str, b: str) -> None:
        self.pairs[a].add(b)
        self.pairs[b].add(a)

    def _remove(self, story_id: str) -> None:
        for key in self.bands.pop(story_id):
            if self.buckets is not None:
                self.buckets[key].discard(story_id)
                if not self.buckets[key]:
                    del self.buckets[key]
        for other in self.pairs.pop(story_id, set()):
            self.pairs[other].discard(story_id)

    def _components(self, copies: dict[str, list[Story]]) -> list[list[Story]]:
        seen: set[str] = set()
        groups = []
        for start in sorted(copies):
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
            groups.append([story for i in sorted(group) for story in copies[i]])
        return groups
