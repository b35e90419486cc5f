"""Related coverage: the candidate pairs for the cosine test."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import sparse

from digest.stories.related import CANDIDATES, _candidate_pairs


def pairs_story_by_story(rare: sparse.csr_matrix) -> list[tuple[int, int]]:
    """The rule as the module's docstring states it, one story at a time."""
    dense = (rare @ rare.T).toarray()
    found = set()
    for a in range(dense.shape[0]):
        partners = [(-int(dense[a, b]), b) for b in range(dense.shape[0]) if b != a and dense[a, b] >= 2]
        for _, b in sorted(partners)[:CANDIDATES]:
            found.add((min(a, b), max(a, b)))
    return sorted(found)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(1, 12), st.data())
def test_each_story_proposes_its_best_sharing_partners(stories, words, data):
    cells = data.draw(st.lists(st.tuples(st.integers(0, stories - 1), st.integers(0, words - 1)), max_size=200))
    rows = [r for r, _ in cells]
    cols = [c for _, c in cells]
    rare = sparse.csr_matrix((np.ones(len(cells)), (rows, cols)), shape=(stories, words))
    rare.data[:] = 1.0  # a word indexes a story once
    assert _candidate_pairs(rare) == pairs_story_by_story(rare)
