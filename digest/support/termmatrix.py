"""Bags of words as a sparse matrix: one row per bag, one column per term.

The naive-Bayes model (placing/learning.py) and related stories (stories/related.py) both do
their arithmetic on term counts laid out this way (scipy.sparse CSR).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy import sparse

_EMPTY_COLUMNS = np.zeros(0, dtype=np.int64)
_EMPTY_DATA = np.zeros(0, dtype=np.float64)


class Terms:
    """The column of each term: one index for the archive and the batch."""

    def __init__(self) -> None:
        # a term seen for the first time gets the next column: indexing adds it, so a caller
        # that only asks uses `in` or `.get`
        self.index: defaultdict[str, int] = defaultdict()
        self.index.default_factory = self.index.__len__
        # rows laid out before, by the bag they were made from (see `remembered`)
        self._rows: dict[int, tuple[dict[str, int], np.ndarray, np.ndarray]] = {}

    def remembered(self, bags: list[dict[str, int]]) -> sparse.csr_matrix:
        """`matrix(bags)`, reusing the rows of the bags the last call was given. A long-lived
        process keeps one Terms (support/cache.kept_object) and its stories' bags between
        builds: a refresh lays out only the new stories' rows. A bag is known by identity (the
        same dict object, kept alive here); the columns of a row do not depend on the others."""
        rows: dict[int, tuple[dict[str, int], np.ndarray, np.ndarray]] = {}
        missing: list[dict[str, int]] = []
        for bag in bags:
            known = self._rows.get(id(bag))
            if known is not None and known[0] is bag:
                rows[id(bag)] = known
            elif id(bag) not in rows:
                missing.append(bag)
                rows[id(bag)] = (bag, _EMPTY_COLUMNS, _EMPTY_DATA)  # filled below
        if missing:  # laid out together, as `matrix` does, then kept row by row
            laid_out = self.matrix(missing)
            for k, bag in enumerate(missing):
                start, end = laid_out.indptr[k], laid_out.indptr[k + 1]
                rows[id(bag)] = (bag, laid_out.indices[start:end], laid_out.data[start:end])
        self._rows = rows
        laid = [rows[id(bag)] for bag in bags]
        pointers = np.zeros(len(bags) + 1, dtype=np.int64)
        np.cumsum([len(row[1]) for row in laid], out=pointers[1:])
        cols = np.concatenate([row[1] for row in laid]) if laid else _EMPTY_COLUMNS
        data = np.concatenate([row[2] for row in laid]) if laid else _EMPTY_DATA
        matrix = sparse.csr_matrix((data, cols, pointers), shape=(len(bags), max(1, len(self.index))))
        matrix.has_sorted_indices = True  # each row was sorted when it was laid out
        return matrix

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


VOCABULARY_LIMIT = 500_000  # a long-lived process starts its vocabulary afresh beyond this


def batch_terms() -> Terms:
    """The Terms a build lays its batch out with: the one a long-lived process keeps (its rows
    remembered between builds), else the one this process used last, so that the stages of
    one build that lay out the same stories' bags (related stories, then self-training) lay
    them out once. Started afresh when the words of stories long gone make its vocabulary too
    large."""
    from digest.support.cache import kept_object

    global _last_terms
    terms = kept_object("batch terms", Terms) or _last_terms
    if len(terms.index) > VOCABULARY_LIMIT:
        terms.__init__()  # type: ignore[misc]
    _last_terms = terms
    return terms


_last_terms = Terms()
