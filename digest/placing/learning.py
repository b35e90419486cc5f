"""Learning from examples: a multinomial naive-Bayes model of each section's words.

Examples come from two places. The archive: every published story is a labelled example of
its section (a story the curator moved — a correction, or a front-matter `section:` — is an
example of the section it was moved to). And the batch itself: stories that one section's
keywords win clearly are provisional examples (self-training), refined by a few rounds of
expectation-maximisation over the whole batch (Nigam et al., 2000). A section joins the model
once it has `matching.learn_min_examples` archive examples, or SELF_TRAINING_MIN clear
winners in the batch; a small weekly batch with no archive is scored by its keywords alone.

Examples are stored as stemmed term counts, so rebuilding the model never re-parses text, and
everything is deterministic. The model is a pair of matrices (numpy, scipy.sparse): the
examples' term counts and each section's log-likelihoods, so a round of self-training over
ten thousand stories is a sparse matrix product, not a loop over their words.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from digest.models import Story
from digest.support.termmatrix import Terms, batch_terms
from digest.words import term_counts

SMOOTHING = 0.1
EM_ROUNDS = 5
SELF_TRAINING_MIN = 2  # clear keyword winners a section needs to learn from the batch alone
BATCH_WEIGHT = 0.3  # a story the model itself labelled counts this much (Nigam's lambda)
KEYWORD_EVIDENCE = 0.5  # each point of a section's keyword score adds this much log-odds for it
# A story is clearly nearer a section than no section when its words are, on average, this much
# more likely (in nats per word) under the section's learned distribution than under the
# sections' on average, measured without the story's own part in it. (Measured on the Usenet
# benchmark, 100 posts with 10 or 30 off-topic news articles added: 0.15 held back 1 post and
# 1 of 10 off-topic ones; 0.3 holds back 8 posts and 5 of 10 (7 of 30) off-topic ones.)
RELEVANCE_MARGIN = 0.3


@dataclass(frozen=True)
class LabelledExample:
    section: str
    counts: dict[str, int]  # stemmed term → count, the title counted TITLE_REPEAT times
    weight: float = 1.0  # a provisional example from the batch counts less than a published one

    @classmethod
    def from_story(cls, story: Story, section: str) -> LabelledExample:
        if story.features is not None:
            return cls(section, story.features.terms)
        return cls(section, dict(term_counts(story.title, story.body)))


class SectionModel:
    """Naive Bayes over `sections` from weighted example rows of term counts."""

    def __init__(self, examples: list[LabelledExample], sections: list[str], terms: Terms | None = None) -> None:
        self.terms = terms or Terms()
        matrix = self.terms.matrix([e.counts for e in examples])
        column = {s: i for i, s in enumerate(sections)}
        labels = np.array([column.get(e.section, -1) for e in examples], dtype=int)
        weights = np.array([e.weight if column.get(e.section) is not None else 0.0 for e in examples])
        self._fit(sections, _assignment(labels, weights, len(sections)), matrix)

    @classmethod
    def fitted(
        cls, sections: list[str], terms: Terms, assignment: sparse.csr_matrix, matrix: sparse.csr_matrix
    ) -> SectionModel:
        """A model from rows already in matrix form (`assignment`: rows × sections weights)."""
        model = cls.__new__(cls)
        model.terms = terms
        model._fit(sections, assignment, matrix)
        return model

    def _fit(self, sections: list[str], assignment: sparse.csr_matrix, matrix: sparse.csr_matrix) -> None:
        self.sections = sections
        matrix = self.terms.resized(matrix)
        self.words = np.asarray((assignment.T @ matrix).todense())  # sections × terms: weighted counts
        documents = np.asarray(assignment.sum(axis=0)).ravel()
        self.in_vocabulary = self.words.sum(axis=0) > 0  # a term no section has is ignored
        self.size = max(1, int(self.in_vocabulary.sum()))
        self.totals = self.words.sum(axis=1)
        denominators = self.totals + SMOOTHING * self.size
        self.log_likelihood = np.log((self.words + SMOOTHING) / denominators[:, None]) * self.in_vocabulary
        self.log_unseen = np.log(SMOOTHING / denominators)
        total_documents = documents.sum() or 1.0
        self.log_prior = np.log((documents + 1) / (total_documents + len(sections)))

    @classmethod
    def from_archive(cls, examples: list[LabelledExample], min_examples: int) -> SectionModel | None:
        counts = Counter(e.section for e in examples)
        sections = sorted(s for s, n in counts.items() if n >= min_examples)
        return cls(examples, sections) if len(sections) >= 2 else None

    # --- one story ---

    def _row(self, counts: dict[str, int]) -> sparse.csr_matrix:
        """One story's counts as a row; terms the model never saw are left out."""
        known = [(self.terms.index[t], float(n)) for t, n in counts.items() if t in self.terms.index]
        data = [n for _, n in known]
        columns = [c for c, _ in known]
        return sparse.csr_matrix((data, ([0] * len(known), columns)), shape=(1, max(1, len(self.terms.index))))

    def log_posteriors(self, counts: dict[str, int]) -> dict[str, float]:
        scores = self.posterior_matrix(self._row(counts))[0]
        return {s: float(v) for s, v in zip(self.sections, scores, strict=True)}

    def classify_with(self, counts: dict[str, int], keyword_scores: dict[str, float]) -> str:
        """The most probable section, the story's keyword scores counted as evidence too."""
        posteriors = self.log_posteriors(counts)
        return max(self.sections, key=lambda s: (posteriors[s] + KEYWORD_EVIDENCE * keyword_scores.get(s, 0.0), s))

    def classify(self, counts: dict[str, int]) -> tuple[str, float]:
        """The most probable section and its probability among the modelled sections."""
        best, probability = self.classify_rows(self.posterior_matrix(self._row(counts)))
        return best[0], probability[0]

    def evidence(
        self, counts: dict[str, int], section: str, other: str | None, limit: int = 8
    ) -> list[tuple[str, float]]:
        """The words that most favour `section` over `other` (None: over every other section on
        average) in this story."""
        a = self.sections.index(section)
        rest = [self.sections.index(other)] if other is not None else [i for i in range(len(self.sections)) if i != a]
        rest = rest or [a]
        parts = []
        for term, n in counts.items():
            column = self.terms.index.get(term)
            if column is None or column >= len(self.in_vocabulary) or not self.in_vocabulary[column]:
                continue
            against = sum(self.log_likelihood[r, column] for r in rest) / len(rest)
            parts.append((term, n * float(self.log_likelihood[a, column] - against)))
        return sorted((p for p in parts if p[1] > 0), key=lambda p: (-p[1], p[0]))[:limit]

    # --- many stories at once ---

    def posterior_matrix(self, matrix: sparse.csr_matrix) -> np.ndarray:
        """Rows × sections: each row's log-posterior for each section."""
        return np.asarray(self.terms.resized(matrix) @ self.log_likelihood.T) + self.log_prior

    def classify_rows(self, posteriors: np.ndarray) -> tuple[list[str], list[float]]:
        """Each row's most probable section (the first, in section order, on a tie) and its
        probability among the modelled sections."""
        best = posteriors.argmax(axis=1)
        top = posteriors[np.arange(len(best)), best]
        probability = 1.0 / np.exp(posteriors - top[:, None]).sum(axis=1)
        return [self.sections[i] for i in best], [float(p) for p in probability]

    def held_out_log_likelihoods(
        self, matrix: sparse.csr_matrix, labels: list[int] | np.ndarray, own_weight: float | np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Rows × sections: each row's log-likelihood under each section's distribution, the row's
        own words first taken out of the section it is labelled with (`own_weight` times; a label
        below 0: none), so that no story vouches for itself; and each row's count of words. Only
        words some section has count (a word no section has favours none)."""
        matrix = self.terms.resized(matrix)
        lengths = np.asarray(matrix.sum(axis=1)).ravel()
        in_vocabulary = matrix.multiply(self.in_vocabulary[None, :]).tocsr()
        vocabulary_lengths = np.asarray(in_vocabulary.sum(axis=1)).ravel()
        smoothed = np.log(self.words + SMOOTHING) * self.in_vocabulary
        logs = np.asarray(in_vocabulary @ smoothed.T)  # Σ n·log(count + α), every section
        denominators = np.repeat(self.totals[None, :] + SMOOTHING * self.size, len(lengths), axis=0)
        labels_array = np.asarray(labels, dtype=int)
        own_weight = np.broadcast_to(np.asarray(own_weight, dtype=float), lengths.shape)
        rows = np.nonzero((labels_array >= 0) & (own_weight > 0))[0]
        if len(rows):
            own_labels = labels_array[rows]
            own_totals = self.totals[own_labels] - own_weight[rows] * vocabulary_lengths[rows]
            denominators[rows, own_labels] = np.maximum(0.0, own_totals) + SMOOTHING * self.size
            # the labelled section's counts without the row's own words, term by term
            own_rows = in_vocabulary[rows].tocoo()
            row_of = rows[own_rows.row]
            own = np.log(
                np.maximum(0.0, self.words[labels_array[row_of], own_rows.col] - own_weight[row_of] * own_rows.data)
                + SMOOTHING
            )
            logs[rows, own_labels] = np.bincount(own_rows.row, weights=own_rows.data * own, minlength=len(rows))
        return logs - vocabulary_lengths[:, None] * np.log(denominators), lengths

    def relevance_rows(
        self, matrix: sparse.csr_matrix, labels: list[int], own_weight: float | np.ndarray
    ) -> np.ndarray:
        """How much nearer each row's words are to its labelled section than to the sections
        on average (what "no section in particular" looks like), in nats per word, the row's own
        words not counted in its section; a story about none of the sections is about as near to
        each, and scores ~0."""
        logs, lengths = self.held_out_log_likelihoods(matrix, labels, own_weight)
        rows = np.arange(len(labels))
        relevance = (logs[rows, np.asarray(labels)] - logs.mean(axis=1)) / np.maximum(lengths, 1)
        return np.where(lengths > 0, relevance, -math.inf)


def _assignment(labels: np.ndarray, weights: np.ndarray, sections: int) -> sparse.csr_matrix:
    """Rows × sections: each row's weight in its label's column (no column: left out)."""
    kept = (labels >= 0) & (weights > 0)
    rows = np.nonzero(kept)[0]
    return sparse.csr_matrix((weights[kept], (rows, labels[kept])), shape=(len(labels), max(1, sections)))


@dataclass
class Learned:
    """The model of one compile and what it decided for each story of the batch."""

    model: SectionModel
    labels: list[str | None]  # each story's section by the model (with its keyword evidence)
    weights: list[float]  # how much each story's own words counted in its section's model
    best: list[str]  # each story's most probable section by its words alone
    probability: list[float]  # and that section's probability


def self_train(
    archive: list[LabelledExample],
    batch: list[dict[str, int]],
    provisional: list[str | None],
    min_archive_examples: int,
    candidates: list[str] | None = None,
    keyword_scores: list[dict[str, float]] | None = None,
) -> Learned | None:
    """A model from the archive plus the batch (expectation-maximisation, Nigam et al., 2000).

    The batch's clear keyword winners (`provisional`) start as its labelled examples; each
    round the model relabels them by their words, and labels every other story with its
    keyword scores as extra evidence, which then joins the next round's training (at
    BATCH_WEIGHT) while it is nearer its section than no section. `candidates` are the sections
    a story can be scored into (the config's sections but the catch-all): an archive example of
    any other section (the catch-all, a section since renamed or removed) is ignored."""
    if candidates is not None:
        allowed = set(candidates)
        archive = [e for e in archive if e.section in allowed]
    archive_counts = Counter(e.section for e in archive)
    batch_counts = Counter(p for p in provisional if p)
    sections = sorted(
        {s for s, n in archive_counts.items() if n >= min_archive_examples}
        | {s for s, n in batch_counts.items() if n >= SELF_TRAINING_MIN}
    )
    if len(sections) < 2:
        return None
    column = {s: i for i, s in enumerate(sections)}
    terms = batch_terms()
    archive_matrix = terms.matrix([e.counts for e in archive])
    batch_matrix = terms.remembered(batch)
    archive_matrix = terms.resized(archive_matrix)
    everything = sparse.vstack([archive_matrix, batch_matrix]).tocsr()
    archive_labels = np.array([column.get(e.section, -1) for e in archive], dtype=int)
    archive_weights = np.array([e.weight for e in archive], dtype=float)
    evidence = np.array(
        [[(keyword_scores or [{}] * len(batch))[i].get(s, 0.0) for s in sections] for i in range(len(batch))]
    ).reshape(len(batch), len(sections))
    seeded = np.array([p in column for p in provisional], dtype=bool)
    labels = np.array([column.get(p, -1) if p else -1 for p in provisional], dtype=int)
    weights = np.where(labels >= 0, 1.0, 0.0)

    def fit(labels: np.ndarray, weights: np.ndarray) -> SectionModel:
        assignment = _assignment(
            np.concatenate([archive_labels, labels]), np.concatenate([archive_weights, weights]), len(sections)
        )
        return SectionModel.fitted(sections, terms, assignment, everything)

    model = fit(labels, weights)
    seeded_weight = 1.0 if not archive else BATCH_WEIGHT
    has_words = np.asarray(batch_matrix.sum(axis=1)).ravel() > 0

    def judged_by_the_others(model: SectionModel, labels: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Each story's log-posteriors, a story the model labelled judged by the others: its own
        words are first taken out of the section it is labelled with, or its rare words, once
        there, would keep it there (a clear keyword winner keeps its words: they are the
        section's evidence)."""
        held_out, _ = model.held_out_log_likelihoods(batch_matrix, labels, np.where(seeded, 0.0, weights))
        return held_out + model.log_prior

    for _ in range(EM_ROUNDS):
        posteriors = judged_by_the_others(model, labels, weights)
        by_words = posteriors.argmax(axis=1)
        # a clear keyword winner counts fully, in the section the words say (the archive may
        # know better than the keywords); every other story is labelled with its keyword
        # scores as extra evidence, and counts only while it is nearer that section than none
        with_keywords = _last_argmax(posteriors + KEYWORD_EVIDENCE * evidence)
        candidate = np.where(seeded, by_words, with_keywords)
        # a story's own words are taken out of its candidate section only as far as they are in it
        in_model = np.where(labels == candidate, weights, 0.0)
        near = has_words & (model.relevance_rows(batch_matrix, list(candidate), in_model) >= RELEVANCE_MARGIN)
        new_labels = np.where(seeded | near, candidate, -1)
        new_weights = np.where(seeded, seeded_weight, np.where(near, BATCH_WEIGHT, 0.0))
        if np.array_equal(new_labels, labels) and np.array_equal(new_weights, weights):
            break  # converged: another round would fit the very same model
        labels, weights = new_labels, new_weights
        model = fit(labels, weights)
    best, probability = model.classify_rows(judged_by_the_others(model, labels, weights))
    return Learned(
        model, [sections[i] if i >= 0 else None for i in labels], [float(w) for w in weights], best, probability
    )


def _last_argmax(values: np.ndarray) -> np.ndarray:
    """Each row's largest column, the last one on a tie (the old rule: the larger section id)."""
    flipped = values[:, ::-1]
    return values.shape[1] - 1 - flipped.argmax(axis=1)


def archive_examples(
    rows: list[tuple[str, str, str, dict[str, int]]], corrections: dict[str, str]
) -> list[LabelledExample]:
    """The archive's stories as labelled examples, each in the section a correction moved it
    to (by story id or title), else in the section it was published in."""
    examples = []
    for story_id, section, title, counts in rows:
        label = corrections.get(story_id) or corrections.get(title.strip()) or section
        examples.append(LabelledExample(label, counts))
    return examples
