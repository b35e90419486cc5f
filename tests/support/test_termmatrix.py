"""Bags of words as a sparse matrix: remembered rows give exactly the matrix made afresh."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.support.termmatrix import Terms

bag = st.dictionaries(
    st.sampled_from(["tide", "boat", "sail", "quay", "mast", "keel", "buoy", "gale"]), st.integers(1, 5), max_size=6
)


@settings(max_examples=80, deadline=None)
@given(st.lists(bag, max_size=8), st.lists(bag, max_size=8), st.data())
def test_remembered_rows_give_the_matrix_made_afresh(first, new, data):
    """A long-lived process lays out only new bags; the matrix it gets is the one a new Terms
    would make from the same bags (same counts for the same words), build after build."""
    terms = Terms()
    builds = [first, data.draw(st.permutations(first + new)), new]
    for bags in builds:
        remembered = terms.remembered(bags)
        fresh_terms = Terms()
        fresh = fresh_terms.matrix(bags)
        assert remembered.shape[0] == fresh.shape[0] == len(bags)
        for row, bag_ in enumerate(bags):
            got = {w: remembered[row, terms.index[w]] for w in bag_}
            assert got == {w: float(n) for w, n in bag_.items()}
            assert remembered[row].nnz == fresh[row].nnz == len(bag_)
        pointers = remembered.indptr
        assert all(np.all(np.diff(remembered.indices[a:b]) > 0) for a, b in itertools.pairwise(pointers))
