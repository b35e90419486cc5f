"""Learning from examples: a multinomial naive-Bayes model of each section's words.

Examples come from two places. The archive: every published story is a labelled example of
its section (a story the curator moved — a correction, or a front-matter `section:` — is an
example of the section it was moved to). And the batch itself: stories that one section's
keywords win clearly are provisional examples (self-training), refined by a few rounds of
expectation-maximisation over the whole batch (Nigam et al., 2000). A section joins the model
once it has `matching.learn_min_examples` archive examples, or SELF_TRAINING_MIN clear
winners in the batch; a small weekly batch with no archive is scored by its keywords alone.

Examples are stored as stemmed term counts, so rebuilding the model never re-parses text,
and everything is deterministic.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from digest.models import Story
from digest.words import term_counts

SMOOTHING = 0.1
EM_ROUNDS = 5
SELF_TRAINING_MIN = 2  # clear keyword winners a section needs to learn from the batch alone
BATCH_WEIGHT = 0.3  # a story the model itself labelled counts this much (Nigam's lambda)
KEYWORD_EVIDENCE = 0.5  # each point of a section's keyword score adds this much log-odds for it
# A story is clearly nearer a section than no section when its words are, on average, this much
# more likely (in nats per word) under the section's learned distribution than under the
# sections' on average, measured without the story itself.
RELEVANCE_MARGIN = 0.15


@dataclass(frozen=True)
class LabelledExample:
    section: str
    counts: dict[str, int]  # stemmed term → count, the title counted TITLE_REPEAT times
    weight: float = 1.0  # a provisional example from the batch counts less than a published one

    @classmethod
    def from_story(cls, story: Story, section: str) -> LabelledExample:
        return cls(section, dict(term_counts(story.title, story.body)))


class SectionModel:
    """Naive Bayes over the sections that have enough examples."""

    def __init__(self, examples: list[LabelledExample], sections: list[str]) -> None:
        self.examples = examples
        self.sections = sections
        words: dict[str, dict[str, float]] = {s: defaultdict(float) for s in sections}
        documents: dict[str, float] = defaultdict(float)
        for example in examples:
            if example.section in words:
                bag = words[example.section]
                for term, count in example.counts.items():
                    bag[term] += count * example.weight
                documents[example.section] += example.weight
        vocabulary = {t for counter in words.values() for t in counter}
        size = max(1, len(vocabulary))
        total_documents = sum(documents.values()) or 1
        self.log_prior = {s: math.log((documents[s] + 1) / (total_documents + len(sections))) for s in sections}
        self.log_likelihood: dict[str, dict[str, float]] = {}
        self.log_unseen: dict[str, float] = {}
        for section in sections:
            total = sum(words[section].values()) + SMOOTHING * size
            self.log_likelihood[section] = {t: math.log((c + SMOOTHING) / total) for t, c in words[section].items()}
            self.log_unseen[section] = math.log(SMOOTHING / total)
        self.vocabulary = vocabulary
        self.words = words
        self.totals = {section: sum(words[section].values()) for section in sections}
        self.size = size

    @classmethod
    def from_archive(cls, examples: list[LabelledExample], min_examples: int) -> SectionModel | None:
        counts = Counter(e.section for e in examples)
        sections = sorted(s for s, n in counts.items() if n >= min_examples)
        return cls(examples, sections) if len(sections) >= 2 else None

    def log_posteriors(self, counts: dict[str, int]) -> dict[str, float]:
        result = {}
        for section in self.sections:
            likelihood = self.log_likelihood[section]
            unseen = self.log_unseen[section]
            result[section] = self.log_prior[section] + sum(
                n * likelihood.get(t, unseen) for t, n in counts.items() if t in self.vocabulary
            )
        return result

    def classify_with(self, counts: dict[str, int], keyword_scores: dict[str, float]) -> str:
        """The most probable section, the story's keyword scores counted as evidence too."""
        posteriors = self.log_posteriors(counts)
        return max(self.sections, key=lambda s: (posteriors[s] + KEYWORD_EVIDENCE * keyword_scores.get(s, 0.0), s))

    def classify(self, counts: dict[str, int]) -> tuple[str, float]:
        """The most probable section and its probability among the modelled sections."""
        posteriors = self.log_posteriors(counts)
        best = max(sorted(posteriors), key=lambda s: posteriors[s])
        top = posteriors[best]
        probability = 1.0 / sum(math.exp(v - top) for v in posteriors.values())
        return best, probability

    def relevance(self, counts: dict[str, int], section: str, own_weight: float = 0.0) -> float:
        """How much nearer the story's words are to `section` than to the sections on average
        (what "no section in particular" looks like), in nats per word. The story's own words
        are first taken out of its section (`own_weight` times), so no story vouches for
        itself; a story about none of the sections is about as near to each, and scores ~0."""
        length = sum(counts.values())
        if not length:
            return -math.inf
        logs = {}
        for candidate in self.sections:
            bag = self.words[candidate]
            weight = own_weight if candidate == section else 0.0
            total = max(0.0, self.totals[candidate] - weight * length) + SMOOTHING * self.size
            logs[candidate] = sum(
                n * math.log((max(0.0, bag.get(term, 0.0) - weight * n) + SMOOTHING) / total)
                for term, n in counts.items()
                if term in self.vocabulary
            )
        average = sum(logs.values()) / len(logs)
        return (logs[section] - average) / length

    def evidence(
        self, counts: dict[str, int], section: str, other: str | None, limit: int = 8
    ) -> list[tuple[str, float]]:
        """The words that most favour `section` over `other` (None: over every other section on
        average) in this story."""
        a, ua = self.log_likelihood[section], self.log_unseen[section]
        if other is None:
            rest = [s for s in self.sections if s != section] or [section]
            parts = [
                (
                    t,
                    n
                    * (a.get(t, ua) - sum(self.log_likelihood[s].get(t, self.log_unseen[s]) for s in rest) / len(rest)),
                )
                for t, n in counts.items()
                if t in self.vocabulary
            ]
            return sorted((p for p in parts if p[1] > 0), key=lambda p: (-p[1], p[0]))[:limit]
        b, ub = self.log_likelihood[other], self.log_unseen[other]
        parts = [(t, n * (a.get(t, ua) - b.get(t, ub))) for t, n in counts.items() if t in self.vocabulary]
        return sorted((p for p in parts if p[1] > 0), key=lambda p: (-p[1], p[0]))[:limit]


@dataclass
class Learned:
    """The model of one compile and what it decided for each story of the batch."""

    model: SectionModel
    labels: list[str | None]  # each story's section by the model (with its keyword evidence)
    weights: list[float]  # how much each story's own words counted in its section's model
    background: Counter[str]  # the batch's words: what "no section" looks like


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
    BATCH_WEIGHT) while it is nearer its section than no section. `candidates` are the sections a story can be scored into (the
    config's sections but the catch-all): an archive example of any other section (the
    catch-all, a section since renamed or removed) is ignored."""
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
    scores = keyword_scores or [{} for _ in batch]
    background: Counter[str] = Counter()
    for counts in batch:
        background.update(counts)
    labels: list[str | None] = [p if p in sections else None for p in provisional]
    weights = [1.0 if label else 0.0 for label in labels]
    model = SectionModel(archive + _examples(batch, labels, weights), sections)
    for _ in range(EM_ROUNDS):
        labels, weights = [], []
        for counts, seed, row in zip(batch, provisional, scores, strict=True):
            if seed in sections:
                # a clear keyword winner counts fully, in the section the words say (the
                # archive may know better than the keywords)
                labels.append(model.classify(counts)[0])
                weights.append(1.0 if not archive else BATCH_WEIGHT)
                continue
            label = model.classify_with(counts, row)
            near = bool(counts) and model.relevance(counts, label, BATCH_WEIGHT) >= RELEVANCE_MARGIN
            labels.append(label if near else None)
            weights.append(BATCH_WEIGHT if near else 0.0)
        model = SectionModel(archive + _examples(batch, labels, weights), sections)
    return Learned(model, labels, weights, background)


def _examples(batch: list[dict[str, int]], labels: list[str | None], weights: list[float]) -> list[LabelledExample]:
    return [
        LabelledExample(label, counts, weight)
        for label, counts, weight in zip(labels, batch, weights, strict=True)
        if label is not None and weight > 0
    ]


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
