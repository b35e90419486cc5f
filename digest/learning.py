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
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from digest.models import Story
from digest.sections import _STOPWORDS, _TOKEN

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Features for the model are Snowball stems: "politics" and "political" are one word
    here (more evidence per feature), while keyword matching folds only inflections."""
    return _stemmer.stemWord(word.lower())


TITLE_REPEAT = 3
SMOOTHING = 0.5
EM_ROUNDS = 3
SELF_TRAINING_MIN = 5
BATCH_WEIGHT = 0.3  # with an archive, a provisional example counts this much (Nigam's lambda)


@dataclass(frozen=True)
class LabelledExample:
    section: str
    counts: dict[str, int]  # stemmed term → count, the title counted TITLE_REPEAT times
    weight: float = 1.0  # a provisional example from the batch counts less than a published one

    @classmethod
    def from_story(cls, story: Story, section: str) -> LabelledExample:
        return cls(section, dict(term_counts(story.title, story.body)))


def term_counts(title: str, body: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text, repeat in ((title, TITLE_REPEAT), (body, 1)):
        for word in _TOKEN.findall(text):
            if len(word) > 2 and word.lower() not in _STOPWORDS and not word.isdigit():
                counts[stem(word)] += repeat
    return counts


class SectionModel:
    """Naive Bayes over the sections that have enough examples."""

    def __init__(self, examples: list[LabelledExample], sections: list[str]) -> None:
        self.examples = examples
        self.sections = sections
        words: dict[str, Counter[str]] = {s: Counter() for s in sections}
        documents: Counter[str] = Counter()
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

    def classify(self, counts: dict[str, int]) -> tuple[str, float]:
        """The most probable section and its probability among the modelled sections."""
        posteriors = self.log_posteriors(counts)
        best = max(sorted(posteriors), key=lambda s: posteriors[s])
        top = posteriors[best]
        probability = 1.0 / sum(math.exp(v - top) for v in posteriors.values())
        return best, probability

    def evidence(self, counts: dict[str, int], section: str, other: str, limit: int = 8) -> list[tuple[str, float]]:
        """The words that most favour `section` over `other` in this story."""
        a, b = self.log_likelihood[section], self.log_likelihood[other]
        ua, ub = self.log_unseen[section], self.log_unseen[other]
        parts = [(t, n * (a.get(t, ua) - b.get(t, ub))) for t, n in counts.items() if t in self.vocabulary]
        return sorted((p for p in parts if p[1] > 0), key=lambda p: (-p[1], p[0]))[:limit]


def self_train(
    archive: list[LabelledExample],
    batch: list[dict[str, int]],
    provisional: list[str | None],
    min_archive_examples: int,
    candidates: list[str] | None = None,
) -> SectionModel | None:
    """A model from the archive plus the batch: start from the archive's examples and the
    batch's clear keyword winners, then let the model relabel the batch for a few rounds.

    `candidates` are the sections a story can be scored into (the config's sections but the
    catch-all): an archive example of any other section (the catch-all, a section since
    renamed or removed) is ignored, so the model never proposes a section nobody scores."""
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
    labels = list(provisional)
    model = None
    for _ in range(EM_ROUNDS):
        weight = BATCH_WEIGHT if archive else 1.0
        examples = archive + [
            LabelledExample(label, counts, weight)
            for label, counts in zip(labels, batch, strict=True)
            if label in sections
        ]
        model = SectionModel(examples, sections)
        labels = [model.classify(counts)[0] if counts else None for counts in batch]
    return model


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
