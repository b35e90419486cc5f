"""Merging stories that are the same article, and linking stories about the same event.

Duplicates: stories whose shingles say they are one article (stories/signatures.py: MinHash
candidates confirmed on the exact shingles) are grouped (stories/pairs.py); a group becomes
one story listing every document it came from, keeping the most complete text and the best
of each copy's facts. A story an earlier issue published is marked with that issue.

Related coverage: stories that are not duplicates but share the rare words of one event
(names, places, figures) are linked both ways (stories/related.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from digest.models import Story
from digest.stories.pairs import PairStore, duplicate_groups
from digest.stories.related import link_related
from digest.stories.signatures import SAME_CONTAINMENT, are_duplicates, story_bands, story_shingles
from digest.words import folded_words, term_counts

# A story from a document of the same name as a published one, sharing this much of the
# shorter text's shingles with its story, is that story again (a typo fixed, an update
# appended): a one-word edit changes five shingles, a large part of a short story's. From
# any other document it takes what merging copies takes (SAME_JACCARD, SAME_CONTAINMENT).
EDITED_CONTAINMENT = 0.5


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


def merge_duplicates(
    stories: list[Story], published: PublishedIndex | None = None, pairs: PairStore | None = None
) -> list[Story]:
    """One story per distinct article, listing every document it came from, with related
    coverage linked. The result does not depend on the order of the input.

    `published` holds the earlier issues' stories that may be the same article as one of
    these: a story found there carries the issue's number in `published_in`."""
    merged = [_merge(group) for group in duplicate_groups(stories, pairs)]
    if published is not None and published.bands:
        merged = [
            s.model_copy(update={"published_in": issue}) if (issue := published.earliest_issue(s)) else s
            for s in merged
        ]
    merged = link_related(merged)
    return sorted(merged, key=lambda s: (s.documents[0], s.id))


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
