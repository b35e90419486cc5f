"""Which stories of a batch are the same article: candidate pairs share an LSH band, each is
confirmed on the exact shingles (stories/signatures.py), and the groups are the connected
stories.

A long-lived process (`digest run`, `digest preview`) keeps the confirmed pairs between builds
and confirms only new stories' candidates (DuplicatePairs); so does a new process, from the
pairs the last build left in the state (`PairStore`): a refresh after one new file checks that
file's stories, not every pair of the batch again.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from functools import cache
from typing import Any

from digest.models import Story
from digest.stories.signatures import HAS_WORD, are_duplicates, story_bands, story_shingles
from digest.support.cache import kept_object


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
