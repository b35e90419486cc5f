"""Related coverage: stories about the same event, linked to each other.

Two stories are related when their TF-IDF vectors (stemmed words of the stories' features,
weights (1 + log tf) · idf) have a cosine of at least RELATED_COSINE. Comparing every pair would
be quadratic, so candidates come first: each story's 30 heaviest *rare* words (in more than one
story, in at most √n of them: a word most stories share is a topic, not an event) index it, and
a pair sharing two of them is a candidate; each story keeps its CANDIDATES best-sharing partners.

The arithmetic is sparse-matrix algebra (numpy, scipy.sparse): the candidate counts are one
product of the story × rare-word matrix with itself, the cosines row products of the normalised
TF-IDF matrix, so ten thousand stories take a second, not a minute of Python loops over words.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

from digest.models import RelatedStory, Story, safe_url
from digest.words import term_counts

if TYPE_CHECKING:
    import numpy as np
    from scipy import sparse

RELATED_COSINE = 0.22
RELATED_PER_STORY = 3
CANDIDATES = 12
RARE_WORDS_PER_STORY = 30
_CHUNK = 20_000  # candidate pairs multiplied at once (bounded memory)
_ROWS = 2_000  # stories whose shared index words are counted at once (bounded memory)


def link_related(stories: list[Story]) -> list[Story]:
    """Each story with up to RELATED_PER_STORY related stories, the closest first."""
    import numpy as np

    if len(stories) < 2:
        return stories
    vectors, rare = _tfidf(stories)
    pairs = _candidate_pairs(rare)
    cosines = np.array(_cosines(vectors, pairs), dtype=float)
    close = cosines >= RELATED_COSINE
    first = np.array([a for a, _ in pairs], dtype=np.int64)[close] if pairs else np.zeros(0, dtype=np.int64)
    second = np.array([b for _, b in pairs], dtype=np.int64)[close] if pairs else np.zeros(0, dtype=np.int64)
    cosines = cosines[close]
    # both ends of every close pair; each story's closest first (ties: the smaller story id)
    story, other, cosine = np.concatenate([first, second]), np.concatenate([second, first]), np.tile(cosines, 2)
    id_rank = np.argsort(np.argsort(np.array([s.id for s in stories], dtype=object), kind="stable"), kind="stable")
    order = np.lexsort((id_rank[other], -cosine, story))
    kept = order[_rank_within(story[order]) < RELATED_PER_STORY]
    # one RelatedStory per story however often it is linked, made without validating again: its
    # fields are a validated Story's (whose url is already safe_url's), so a refresh of ten
    # thousand stories does not validate thirty thousand models
    as_related: dict[int, RelatedStory] = {}

    def related_story(j: int) -> RelatedStory:
        if j not in as_related:
            linked = stories[j]
            as_related[j] = RelatedStory.model_construct(id=linked.id, title=linked.title, url=safe_url(linked.url))
        return as_related[j]

    related: dict[int, list[RelatedStory]] = defaultdict(list)
    for i, j in zip(story[kept].tolist(), other[kept].tolist(), strict=True):
        related[i].append(related_story(j))
    return [s.model_copy(update={"related": related[i]}) if i in related else s for i, s in enumerate(stories)]


def _rank_within(groups: np.ndarray) -> np.ndarray:
    """For values sorted into runs of equal groups, each one's place in its run (0, 1, 2…)."""
    import numpy as np

    positions = np.arange(len(groups))
    return positions - np.searchsorted(groups, groups, side="left")


def _tfidf(stories: list[Story]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """The stories' normalised TF-IDF rows, and which of their words index them (one 1 per
    story and rare word among its RARE_WORDS_PER_STORY heaviest, ties by the word)."""
    import numpy as np
    from scipy import sparse

    from digest.support.termmatrix import batch_terms

    # the stemmed words of each story's features, computed once when it was cut
    bags = [s.features.terms if s.features is not None else term_counts(s.title, s.body) for s in stories]
    terms = batch_terms()
    counted = terms.remembered(bags)
    vocabulary, pointers = terms.index, counted.indptr
    n = len(stories)
    cols = counted.indices.astype(np.int64)
    df = np.bincount(cols, minlength=len(vocabulary))
    idf = np.log((n + 1) / (df + 0.5))
    weights = (1 + np.log(counted.data)) * idf[cols]
    tfidf = sparse.csr_matrix((weights, cols, pointers), shape=(n, max(1, len(vocabulary))))
    norms = np.sqrt(np.asarray(tfidf.multiply(tfidf).sum(axis=1)).ravel())
    tfidf = sparse.csr_matrix(sparse.diags(1 / np.where(norms > 0, norms, 1.0)) @ tfidf)

    alphabetical = np.empty(len(vocabulary), dtype=np.int64)
    alphabetical[np.argsort(np.array(list(vocabulary), dtype=object), kind="stable")] = np.arange(len(vocabulary))
    most = max(3, int(math.sqrt(n)))
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(pointers))
    rare_words = (df[cols] > 1) & (df[cols] <= most)
    rows, words, heavy = rows[rare_words], cols[rare_words], weights[rare_words]
    # each story's heaviest rare words first (ties by the word), the first RARE_WORDS_PER_STORY kept
    order = np.lexsort((alphabetical[words], -heavy, rows))
    chosen = order[_rank_within(rows[order]) < RARE_WORDS_PER_STORY]
    rare = sparse.csr_matrix((np.ones(len(chosen)), (rows[chosen], words[chosen])), shape=(n, max(1, len(vocabulary))))
    return tfidf, rare


def _candidate_pairs(rare: sparse.csr_matrix) -> list[tuple[int, int]]:
    """Pairs sharing at least two indexing words; for each story its CANDIDATES best-sharing
    partners (most words shared, then the lower index). Worked out for a block of stories at a
    time, so the memory it takes does not grow with the batch squared."""
    import numpy as np
    from scipy import sparse

    n = rare.shape[0]
    columns = sparse.csr_matrix(rare.T)
    keys = []
    for first in range(0, n, _ROWS):
        found = sparse.coo_matrix(rare[first : first + _ROWS] @ columns)
        story = found.row.astype(np.int64) + first
        # a story is not its own partner, and one rare word in common is chance
        keep = (story != found.col) & (found.data >= 2)
        story, partner, count = story[keep], found.col[keep].astype(np.int64), found.data[keep].astype(np.int64)
        # by story, then most words shared, then partner: one sort of one integer per pair (a
        # story shares at most RARE_WORDS_PER_STORY words), four times quicker than a lexsort
        span = (RARE_WORDS_PER_STORY + 1) * n
        ordered = np.sort((story - first) * span + (RARE_WORDS_PER_STORY - count) * n + partner)
        story, partner = ordered // span + first, ordered % n
        best = _rank_within(story) < CANDIDATES
        low, high = np.minimum(story[best], partner[best]), np.maximum(story[best], partner[best])
        keys.append(low * n + high)
    unique = np.unique(np.concatenate(keys)) if keys else np.zeros(0, dtype=np.int64)
    return list(zip((unique // n).tolist(), (unique % n).tolist(), strict=True))


def _cosines(tfidf: sparse.csr_matrix, pairs: list[tuple[int, int]]) -> list[float]:
    """The cosine of each pair's normalised rows."""
    import numpy as np

    cosines: list[float] = []
    for start in range(0, len(pairs), _CHUNK):
        chunk = np.array(pairs[start : start + _CHUNK], dtype=np.int64)
        products = tfidf[chunk[:, 0]].multiply(tfidf[chunk[:, 1]])
        cosines.extend(np.asarray(products.sum(axis=1)).ravel().tolist())
    return cosines
