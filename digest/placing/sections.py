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
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from digest.config import Config, Section
from digest.models import PlacedStory, Story
from digest.placing.fields import FieldCache, Indexed, Vocabulary, indexed_stories
from digest.placing.overrides import load_corrections, named_by_curator, override_for
from digest.words import STOPWORDS, lemma, tokens

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
    gives the document frequencies and the average body length."""

    def __init__(self, stories: list[Story], profiles: list[Profile], fields: FieldCache | None = None) -> None:
        self.indexed = indexed_stories(stories, Vocabulary.of(profiles), fields)
        self.profiles = profiles
        self.documents = len(self.indexed) + PRIOR_DOCUMENTS
        lengths = [i.body.length for i in self.indexed] or [1]
        self.average_length = max(1.0, sum(lengths) / len(lengths))
        self.df: Counter[tuple[tuple[str, ...], bool]] = Counter()
        terms = {(t.tokens, t.case_sensitive): t for p in profiles for t in p.terms}.values()
        # A one-word term's document frequency is how many stories have the word: counted over
        # each story's words once, not over the stories once per term.
        words: dict[bool, Counter[str]] = {}
        for case_sensitive in {t.case_sensitive for t in terms if len(t.tokens) == 1}:
            words[case_sensitive] = Counter(w for i in self.indexed for w in i.words(case_sensitive))
        for term in terms:
            key = (term.tokens, term.case_sensitive)
            if len(term.tokens) == 1:
                self.df[key] = words[term.case_sensitive][term.tokens[0]]
            else:
                self.df[key] = sum(1 for i in self.indexed if i.title.count(term) or i.body.count(term))

    def idf(self, term: Term) -> float:
        """Rare words count more; but a word most of the batch shares (every story of a quantum
        newsletter says "quantum") keeps at least IDF_FLOOR: the curator chose it."""
        df = self.df[(term.tokens, term.case_sensitive)]
        return max(IDF_FLOOR, math.log(1 + (self.documents - df + 0.5) / (df + 0.5)))

    def score(self, item: Indexed, profile: Profile) -> tuple[float, list[tuple[str, float]]]:
        """The story's score for one section, and each matching term's contribution."""
        if any(item.title.count(t) or item.body.count(t) for t in profile.exclude):
            return 0.0, []
        norm = 1 - B + B * item.body.length / self.average_length
        total = 0.0
        contributions: list[tuple[str, float]] = []
        for term in profile.terms:
            if not item.may_have(term):
                continue
            tf = TITLE_BOOST * item.title.count(term) + item.body.count(term) / norm
            if tf:
                part = term.weight * self.idf(term) * tf * (K1 + 1) / (tf + K1)
                total += part
                contributions.append((term.text, part))
        if item.story.context == "related" and not any(item.title.count(t) for t in profile.terms):
            # a "Related Articles" teaser must match by its title (see stories.py)
            return 0.0, []
        if len(contributions) > 1:
            contributions.sort(key=lambda c: (-c[1], c[0]))
        return total, contributions


CLEAR_MARGIN = 2.5  # a keyword winner is clear when it beats the next section by this factor


def assign_sections(
    stories: list[Story], config: Config, archive: list | None = None, fields: FieldCache | None = None
) -> list[PlacedStory]:
    """Place every story: the curator's overrides first; else, for a story whose best keyword
    score reaches `matching.min_score`, the section the learned model (digest/learning.py)
    finds most probable, or the keyword winner where no model covers it; else the catch-all
    section; else held back (section None).

    `archive` holds the labelled examples of published issues; `fields`, the stories' Fields
    earlier builds made (placing/fields.py).
    """
    from digest.placing.learning import LabelledExample, self_train

    scorer = Scorer(stories, build_profiles(config), fields)
    # every story's score for every section, computed once for both rounds
    scores = [{p.section.id: scorer.score(item, p) for p in scorer.profiles} for item in scorer.indexed]
    rows = [sorted(((score, sid) for sid, (score, _) in row.items()), reverse=True) for row in scores]
    provisional = [
        r[0][1]
        if r and r[0][0] >= config.matching.min_score and (len(r) < 2 or r[0][0] >= CLEAR_MARGIN * r[1][0])
        else None
        for r in rows
    ]
    counts = [LabelledExample.from_story(item.story, "").counts for item in scorer.indexed]
    scored = [p.section.id for p in scorer.profiles]
    keyword_scores = [{sid: score for sid, (score, _) in row.items()} for row in scores]
    learned = self_train(archive or [], counts, provisional, config.matching.learn_min_examples, scored, keyword_scores)
    return _place(scorer, config, learned, counts, scores)


def _place(
    scorer: Scorer,
    config: Config,
    learned: Learned | None,
    counts: list[dict[str, int]],
    all_scores: list[dict[str, tuple[float, list[tuple[str, float]]]]],
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
        best_id = max(scores, key=lambda sid: scores[sid][0], default=None)  # config order breaks ties
        best_score = scores[best_id][0] if best_id else 0.0
        if best_id is None or best_score < config.matching.min_score:
            nearest = learned.labels[index] if learned is not None and story.context != "related" else None
            if nearest is not None and model is not None:
                # below min_score, but clearly nearer one section's stories than no section
                words = ", ".join(t for t, _ in model.evidence(story_counts, nearest, None, 5))
                reason = f"nearer {nearest} than no section (words shared with its stories: {words})"
                placed.append(PlacedStory(story=story, section=nearest, score=round(best_score, 3), reason=reason))
                continue
            reason = "matched no section; catch-all" if catch_all else "matched no section"
            placed.append(PlacedStory(story=story, section=catch_all, score=round(best_score, 3), reason=reason))
            continue
        if learned is not None and model is not None and best_id in model.sections:
            learned_id, probability = learned.best[index], learned.probability[index]
            if learned_id != best_id:
                words = ", ".join(t for t, _ in model.evidence(story_counts, learned_id, best_id, 5))
                reason = f"learned profile: {probability:.0%} likely, over keyword winner {best_id} (words: {words})"
                placed.append(
                    PlacedStory(story=story, section=learned_id, score=round(scores[learned_id][0], 3), reason=reason)
                )
                continue
        reason = "matched " + ", ".join(t for t, _ in scores[best_id][1][:6])
        placed.append(PlacedStory(story=story, section=best_id, score=round(best_score, 3), reason=reason))
    return placed


def explain_scores(
    story: Story, config: Config, batch: list[Story]
) -> list[tuple[str, float, list[tuple[str, float]]]]:
    """Every section's keyword score for a story (scored within its batch), with each term's
    part, best first."""
    scorer = Scorer(batch, build_profiles(config))
    item = next(i for i in scorer.indexed if i.story.id == story.id)
    rows = []
    for profile in scorer.profiles:
        score, contributions = scorer.score(item, profile)
        rows.append((profile.section.id, round(score, 3), [(t, round(p, 2)) for t, p in contributions]))
    return sorted(rows, key=lambda r: (-r[1], r[0]))
