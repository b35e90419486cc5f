"""Putting each story into the section it matches best.

A section's profile is its keywords (full weight) plus the content words of its title and
description (a third of that). A term's weight falls when several sections share it. A story
scores, per section, the saturated count of each term in its title (three times) and body,
so one mention in a long story does not outweigh a story about the subject.
Phrases match as phrases, inflected forms match through a Snowball stemmer, and short
upper-case acronyms ("AI", "EV") match case-sensitively so they never hit ordinary words.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from digest.config import Config, Section
from digest.models import PlacedStory, Story

TITLE_WEIGHT = 3.0
DESCRIPTION_WEIGHT = 0.33
K1 = 1.2
B = 0.75
AVERAGE_BODY_WORDS = 400
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+'’-]*[A-Za-z0-9+]|[A-Za-z0-9]")
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
        "new",
        "news",
        "about",
        "more",
        "other",
        "also",
        "all",
        "any",
        "such",
        "their",
        "they",
        "them",
        "than",
        "then",
        "there",
        "these",
        "those",
        "what",
        "which",
        "who",
        "how",
        "why",
        "when",
        "where",
        "up",
        "down",
        "out",
        "over",
        "under",
        "between",
        "across",
    ]
)
_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower().replace("’", "'").removesuffix("'s"))


@dataclass(frozen=True)
class Term:
    """One thing to look for: a stemmed phrase, or an acronym matched case-sensitively."""

    text: str
    tokens: tuple[str, ...]
    case_sensitive: bool
    weight: float


@dataclass
class Tokens:
    plain: list[str]  # stemmed, lower case
    raw: list[str]  # as written, for acronyms


def tokenize(text: str) -> Tokens:
    raw = _TOKEN.findall(text)
    return Tokens([stem(t) for t in raw], raw)


def is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 5 and word.isupper() and word.isalpha()


def make_term(text: str, weight: float) -> Term:
    words = _TOKEN.findall(text)
    if len(words) == 1 and is_acronym(words[0]):
        return Term(text, (words[0],), True, weight)
    return Term(text, tuple(stem(w) for w in words), False, weight)


def count(term: Term, tokens: Tokens) -> int:
    seq = tokens.raw if term.case_sensitive else tokens.plain
    n = len(term.tokens)
    if n == 1:
        return seq.count(term.tokens[0])
    return sum(1 for i in range(len(seq) - n + 1) if tuple(seq[i : i + n]) == term.tokens)


def section_terms(section: Section) -> list[Term]:
    terms = [make_term(k, 1.0) for k in section.keywords if _TOKEN.search(k)]
    keyword_stems = {t.tokens for t in terms}
    for word in _TOKEN.findall(f"{section.title} {section.description}"):
        if word.lower() in _STOPWORDS or len(word) < 3:
            continue
        term = make_term(word, DESCRIPTION_WEIGHT)
        if term.tokens not in keyword_stems:
            keyword_stems.add(term.tokens)
            terms.append(term)
    return terms


def build_profiles(sections: list[Section]) -> dict[str, list[Term]]:
    """Each section's terms, down-weighted where several sections share a term."""
    profiles = {s.id: section_terms(s) for s in sections if not s.catch_all}
    shared: dict[tuple[tuple[str, ...], bool], int] = {}
    for terms in profiles.values():
        for key in {(t.tokens, t.case_sensitive) for t in terms}:
            shared[key] = shared.get(key, 0) + 1
    return {
        sid: [
            Term(t.text, t.tokens, t.case_sensitive, t.weight / math.sqrt(shared[(t.tokens, t.case_sensitive)]))
            for t in terms
        ]
        for sid, terms in profiles.items()
    }


def _saturate(tf: int, length: int) -> float:
    if tf == 0:
        return 0.0
    norm = 1 - B + B * length / AVERAGE_BODY_WORDS
    return tf * (K1 + 1) / (tf + K1 * norm)


def score_story(story: Story, terms: list[Term]) -> tuple[float, list[str]]:
    """A story's score for one section and the terms that produced it.

    An item of a "Related Articles" list must match by its title: its body is a teaser for
    another page, and the page was clipped for its main article.
    """
    title = tokenize(story.title)
    body = tokenize(story.body)
    score = 0.0
    title_score = 0.0
    hits: list[str] = []
    for term in terms:
        in_title = count(term, title)
        in_body = count(term, body)
        if in_title or in_body:
            title_score += term.weight * TITLE_WEIGHT * _saturate(in_title, 10)
            score += term.weight * (TITLE_WEIGHT * _saturate(in_title, 10) + _saturate(in_body, len(body.plain)))
            hits.append(term.text)
    if story.context == "related" and title_score == 0:
        return 0.0, []
    return score, hits


def assign_sections(stories: list[Story], config: Config) -> list[PlacedStory]:
    """Place every story: the curator's front matter first, else the best score above
    `matching.min_score`, else the catch-all section, else held back (section None)."""
    profiles = build_profiles(config.sections)
    catch_all = next((s.id for s in config.sections if s.catch_all), None)
    placed: list[PlacedStory] = []
    for story in stories:
        if story.section_hint and config.section(story.section_hint):
            placed.append(
                PlacedStory(story=story, section=story.section_hint, score=math.inf, reason="front matter section:")
            )
            continue
        best_id, best_score, best_hits = None, 0.0, []
        for section in config.sections:  # config order breaks ties
            if section.id not in profiles:
                continue
            score, hits = score_story(story, profiles[section.id])
            if score > best_score:
                best_id, best_score, best_hits = section.id, score, hits
        if best_id is not None and best_score >= config.matching.min_score:
            placed.append(
                PlacedStory(
                    story=story,
                    section=best_id,
                    score=round(best_score, 3),
                    reason="matched " + ", ".join(best_hits[:6]),
                )
            )
        elif catch_all:
            placed.append(
                PlacedStory(
                    story=story, section=catch_all, score=round(best_score, 3), reason="matched no section; catch-all"
                )
            )
        else:
            placed.append(
                PlacedStory(story=story, section=None, score=round(best_score, 3), reason="matched no section")
            )
    return placed


def explain_scores(story: Story, config: Config) -> list[tuple[str, float, list[str]]]:
    """Every section's score for a story, with the terms that produced it, best first."""
    profiles = build_profiles(config.sections)
    rows = [(sid, *score_story(story, terms)) for sid, terms in profiles.items()]
    return sorted(((sid, round(score, 3), hits) for sid, score, hits in rows), key=lambda r: (-r[1], r[0]))
