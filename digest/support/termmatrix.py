"""Bags of words as a sparse matrix: one row per bag, one column per term.

The naive-Bayes model (placing/learning.py) and related stories (stories/related.py) both do
their arithmetic on term counts laid out this way (scipy.sparse CSR).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy import sparse


class Terms:
    """The column of each term: one index for the archive and the batch."""

    def __init__(self) -> None:
        # a term seen for the first time gets the next column: indexing adds it, so a caller
        # that only asks uses `in` or `.get`
        self.index: defaultdict[str, int] = defaultdict()
        self.index.default_factory = self.index.__len__

    def matrix(self, bags: list[dict[str, int]]) -> sparse.csr_matrix:
        """Rows of term counts (terms seen for the first time get a column)."""
        column = self.index.__getitem__
        pointers: list[int] = [0]
        cols: list[int] = []
        data: list[int] = []
        for bag in bags:
            cols.extend(map(column, bag))  # one C-level loop per story, not a Python one per term
            data.extend(bag.values())
            pointers.append(len(cols))
        matrix = sparse.csr_matrix(
            (np.array(data, dtype=np.float64), np.array(cols, dtype=np.int64), np.array(pointers, dtype=np.int64)),
            shape=(len(bags), max(1, len(self.index))),
        )
        matrix.sort_indices()
        return matrix

    def resized(self, matrix: sparse.csr_matrix) -> sparse.csr_matrix:
        """`matrix` with a column for every term known now."""
        width = max(1, len(self.index))
        if matrix.shape[1] == width:
            return matrix
        matrix = matrix.copy()
        matrix.resize((matrix.shape[0], width))
        return matrix
