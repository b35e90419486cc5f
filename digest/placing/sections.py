"""Putting each story into the section it matches best.

Scoring is BM25F: a section is a query made of its keywords (full weight, or the weight the
config gives) and the content words of its title and description (a third of that). A story
is a document of two fields, its title (weighted three times) and its body. Each query term
contributes its inverse document frequency (rare words count more) times a saturated,
length-normalised term frequency (the tenth mention adds little, a long story needs more).

Terms are matched in their dictionary forms ("battery" finds "batteries"); phrases match as
phrases; short upper-case acronyms ("AI", "EV") match case-sensitively. A section's `exclude`
terms rule it out for a story that contains them.

The keyword score decides whether a story belongs in the newsletter at all (`min_score`);
which section it goes to is then decided by the learned model where one covers the keyword
winner (digest/learning.py: the archive's labelled stories and the batch's clear winners).
The curator's word wins over any score: corrections, front matter `section:`, `rules:` in
config (by source or by document name), a section's `include` patterns (see overrides.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from digest.config import Config, Section
from digest.models import PlacedStory, Story
from digest.placing.fields import FieldCache, Vocabulary, indexed_stories
from digest.placing.overrides import load_corrections, named_by_curator, override_for
from digest.words import STOPWORDS, lemma, lemmas_remembered, lemmatiser_version, new_lemmas, remember_lemmas, tokens

if TYPE_CHECKING:
    from digest.placing.learning import Learned

TITLE_BOOST = 3.0
DESCRIPTION_WEIGHT = 0.33
K1 = 1.2
B = 0.75
PRIOR_DOCUMENTS = 20  # pseudo-documents without the term: a small batch still has sane IDFs
IDF_FLOOR = 2.0


TermOrigin = Literal["keyword", "description", "learned"]  # a section's keyword, a word of its description, or learned


@dataclass(frozen=True)
class Term:
    """One thing to look for: a stemmed phrase, or an acronym matched case-sensitively."""

    text: str
    tokens: tuple[str, ...]
    case_sensitive: bool
    weight: float
    origin: TermOrigin = "keyword"


def is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 5 and word.isupper() and word.isalpha()


def make_term(text: str, weight: float, origin: TermOrigin = "keyword") -> Term:
    words = tokens(text)
    if len(words) == 1 and is_acronym(words[0]):
        return Term(text, (words[0],), True, weight, origin)
    return Term(text, tuple(lemma(w) for w in words), False, weight, origin)


@dataclass
class Profile:
    section: Section
    terms: list[Term]
    exclude: list[Term] = field(default_factory=list)


def section_terms(section: Section) -> list[Term]:
    terms = [make_term(k.term, k.weight) for k in section.keywords if tokens(k.term)]
    seen = {(t.tokens, t.case_sensitive) for t in terms}
    for word in tokens(f"{section.title} {section.description}"):
        if word.lower() in STOPWORDS or len(word) < 3:
            continue
        term = make_term(word, DESCRIPTION_WEIGHT, "description")
        if (term.tokens, term.case_sensitive) not in seen:
            seen.add((term.tokens, term.case_sensitive))
            terms.append(term)
    return terms


def build_profiles(config: Config) -> list[Profile]:
    return [
        Profile(section, section_terms(section), [make_term(t, 1.0) for t in section.exclude])
        for section in config.sections
        if not section.catch_all
    ]


class Scorer:
    """BM25F over a batch of stories; the batch (with the archive's statistics, when learning)
    gives the document frequencies and the average body length.

    The arithmetic is over arrays: each story's counts of every term (kept with its Fields, so a
    long-lived process counts a story's terms once), then every story's score for every section
    in a few array operations, not a loop over stories, sections and terms."""

    def __init__(self, stories: list[Story], profiles: list[Profile], fields: FieldCache | None = None) -> None:
        import numpy as np

        self.indexed = indexed_stories(stories, Vocabulary.of(profiles), fields)
        self.profiles = profiles
        self.documents = len(self.indexed) + PRIOR_DOCUMENTS
        lengths = [i.body.length for i in self.indexed] or [1]
        self.average_length = max(1.0, sum(lengths) / len(lengths))
        keyed: dict[tuple[tuple[str, ...], bool], Term] = {}
        for profile in profiles:
            for term in profile.terms + profile.exclude:
                keyed.setdefault((term.tokens, term.case_sensitive), term)
        self.column = {key: j for j, key in enumerate(keyed)}
        related = np.array([i.story.context == "related" for i in self.indexed], dtype=bool)
        terms = list(keyed.values())
        n, m = len(self.indexed), len(terms)
        key = repr(list(keyed))
        self.title_counts = np.array([i.title.term_counts(terms, key) for i in self.indexed], dtype=float).reshape(n, m)
        self.body_counts = np.array([i.body.term_counts(terms, key) for i in self.indexed], dtype=float).reshape(n, m)
        # a term's document frequency: how many stories have it, in the title or the body
        self.df = ((self.title_counts + self.body_counts) > 0).sum(axis=0)
        idf = np.log(1 + (self.documents - self.df + 0.5) / (self.df + 0.5))
        self.idf_values = np.maximum(IDF_FLOOR, idf)
        body_lengths = np.array([i.body.length for i in self.indexed], dtype=float)
        norm = 1 - B + B * body_lengths / self.average_length
        tf = TITLE_BOOST * self.title_counts + self.body_counts / norm[:, None]
        # each term's part for a weight of 1: IDF times the saturated, length-normalised frequency
        self.parts = np.where(tf > 0, self.idf_values * tf * (K1 + 1) / (tf + K1), 0.0)
        self.table = np.zeros((n, len(profiles)))
        for k, profile in enumerate(profiles):
            weights = np.zeros(m)
            for term in profile.terms:
                weights[self._column_of(term)] += term.weight
            scores = self.parts @ weights
            if profile.exclude:
                excluded = [self._column_of(t) for t in profile.exclude]
                scores[(self.title_counts[:, excluded] + self.body_counts[:, excluded]).sum(axis=1) > 0] = 0.0
            # a "Related Articles" teaser must match by its title (see stories.py)
            own = [self._column_of(t) for t in profile.terms]
            in_title = self.title_counts[:, own].sum(axis=1) > 0 if own else np.zeros(n, dtype=bool)
            scores[related & ~in_title] = 0.0
            self.table[:, k] = scores

    def _column_of(self, term: Term) -> int:
        return self.column[(term.tokens, term.case_sensitive)]

    def idf(self, term: Term) -> float:
        """Rare words count more; but a word most of the batch shares (every story of a quantum
        newsletter says "quantum") keeps at least IDF_FLOOR: the curator chose it."""
        return float(self.idf_values[self._column_of(term)])

    def contributions(self, index: int, profile: Profile) -> list[tuple[str, float]]:
        """Each of the section's terms the story matches, with its part of the score, largest first."""
        if self.table[index, self.profiles.index(profile)] == 0.0:
            return []
        found = []
        for term in profile.terms:
            part = term.weight * float(self.parts[index, self._column_of(term)])
            if part:
                found.append((term.text, part))
        return sorted(found, key=lambda c: (-c[1], c[0]))


CLEAR_MARGIN = 2.5  # a keyword winner is clear when it beats the next section by this factor


def assign_sections(
    stories: list[Story],
    config: Config,
    archive: list | None = None,
    fields: FieldCache | None = None,
    explained: str | None = None,
) -> list[PlacedStory]:
    """Place every story: the curator's overrides first; else, for a story whose best keyword
    score reaches `matching.min_score`, the section the learned model (digest/learning.py)
    finds most probable, or the keyword winner where no model covers it; else the catch-all
    section; else held back (section None).

    `archive` holds the labelled examples of published issues; `fields`, the stories' Fields
    earlier builds made (placing/fields.py). A placed story's reason names the words that
    decided it for every story, or with `explained` only for the stories of that document
    (`digest explain` shows them; a build shows no placed story's reason, and working them out
    for ten thousand stories takes half a second).
    """
    from digest.placing.learning import LabelledExample, self_train

    if fields is not None and not lemmas_remembered():
        remember_lemmas(fields.cached_lemmas(lemmatiser_version()))  # once a process
    scorer = Scorer(stories, build_profiles(config), fields)
    if fields is not None and (found := new_lemmas()):
        fields.cache_lemmas(lemmatiser_version(), found)
    # every story's score for every section, computed once for both rounds
    ids = [p.section.id for p in scorer.profiles]
    scores = [dict(zip(ids, row, strict=True)) for row in scorer.table.tolist()]
    rows = [sorted(((score, sid) for sid, score in row.items()), reverse=True) for row in scores]
    provisional = [
        r[0][1]
        if r and r[0][0] >= config.matching.min_score and (len(r) < 2 or r[0][0] >= CLEAR_MARGIN * r[1][0])
        else None
        for r in rows
    ]
    counts = [LabelledExample.from_story(item.story, "").counts for item in scorer.indexed]
    scored = [p.section.id for p in scorer.profiles]
    learned = self_train(archive or [], counts, provisional, config.matching.learn_min_examples, scored, scores)
    detailed = (lambda story: True) if explained is None else (lambda story: explained in story.documents)
    return _place(scorer, config, learned, counts, scores, detailed)


def _place(
    scorer: Scorer,
    config: Config,
    learned: Learned | None,
    counts: list[dict[str, int]],
    all_scores: list[dict[str, float]],
    detailed: Callable[[Story], bool],
) -> list[PlacedStory]:
    catch_all = next((s.id for s in config.sections if s.catch_all), None)
    corrections = load_corrections(config)
    model = learned.model if learned is not None else None
    placed: list[PlacedStory] = []
    for index, (item, story_counts, scores) in enumerate(zip(scorer.indexed, counts, all_scores, strict=True)):
        story = item.story
        if story.published_in is not None and not named_by_curator(story, config, corrections):
            reason = (
                f"already published in #{story.published_in} (a correction or front matter section: sends it again)"
            )
            placed.append(PlacedStory(story=story, section=None, reason=reason))
            continue
        if override := override_for(story, config, corrections):
            section_id, reason = override
            placed.append(PlacedStory(story=story, section=section_id, score=math.inf, reason=reason))
            continue
        best_id = max(scores, key=lambda sid: scores[sid], default=None)  # config order breaks ties
        best_score = scores[best_id] if best_id else 0.0
        if best_id is None or best_score < config.matching.min_score:
            nearest = learned.labels[index] if learned is not None and story.context != "related" else None
            if nearest is not None and model is not None:
                # below min_score, but clearly nearer one section's stories than no section
                reason = f"nearer {nearest} than no section"
                if detailed(story):
                    words = ", ".join(t for t, _ in model.evidence(story_counts, nearest, None, 5))
                    reason += f" (words shared with its stories: {words})"
                placed.append(PlacedStory(story=story, section=nearest, score=round(best_score, 3), reason=reason))
                continue
            reason = "matched no section; catch-all" if catch_all else "matched no section"
            placed.append(PlacedStory(story=story, section=catch_all, score=round(best_score, 3), reason=reason))
            continue
        if learned is not None and model is not None and best_id in model.sections:
            learned_id, probability = learned.best[index], learned.probability[index]
            if learned_id != best_id:
                reason = f"learned profile: {probability:.0%} likely, over keyword winner {best_id}"
                if detailed(story):
                    words = ", ".join(t for t, _ in model.evidence(story_counts, learned_id, best_id, 5))
                    reason += f" (words: {words})"
                placed.append(
                    PlacedStory(story=story, section=learned_id, score=round(scores[learned_id], 3), reason=reason)
                )
                continue
        reason = f"matched {best_id}'s keywords"
        if detailed(story):
            profile = next(p for p in scorer.profiles if p.section.id == best_id)
            reason = "matched " + ", ".join(t for t, _ in scorer.contributions(index, profile)[:6])
        placed.append(PlacedStory(story=story, section=best_id, score=round(best_score, 3), reason=reason))
    return placed


def explain_scores(
    story: Story, config: Config, batch: list[Story]
) -> list[tuple[str, float, list[tuple[str, float]]]]:
    """Every section's keyword score for a story (scored within its batch), with each term's
    part, best first."""
    scorer = Scorer(batch, build_profiles(config))
    index = next(n for n, i in enumerate(scorer.indexed) if i.story.id == story.id)
    rows = []
    for k, profile in enumerate(scorer.profiles):
        contributions = scorer.contributions(index, profile)
        score = float(scorer.table[index, k])
        rows.append((profile.section.id, round(score, 3), [(t, round(p, 2)) for t, p in contributions]))
    return sorted(rows, key=lambda r: (-r[1], r[0]))
