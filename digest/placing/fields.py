"""A story's title and body as keyword scoring reads them, computed once per text and kept.

A Field holds what BM25F needs of one text: its length, and where the words of the sections'
terms occur in it (as lemmas; acronyms as written). Making one lemmatises every word of the
text — the largest part of placing a batch — so Fields are kept by the text's hash and the
vocabulary they were made for: in memory in a long-lived process (`digest run`, `digest
preview`), and in the state's cache for a new process (`FieldCache`), which then computes only
the new stories' Fields. A change to the sections' terms is a new vocabulary: every Field is
made again.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from digest.support.cache import Store, cached_map, code_fingerprint
from digest.words import lemma, tokens

if TYPE_CHECKING:
    from digest.models import Story
    from digest.placing.sections import Profile, Term

FIELD_VERSION = code_fingerprint("placing/fields.py", "words.py")  # a change to either makes Fields again


class Field:
    """One field of a story: its length, and how often each word of the sections' terms
    occurs in it (lemmas; acronyms as written), with their positions for phrases. Only the
    terms' words are kept: a story's other words cost no memory."""

    __slots__ = ("_term_counts", "length", "plain_counts", "positions", "raw_counts")

    def __init__(self, length: int, raw_counts: Counter[str], positions: list[tuple[int, str]]) -> None:
        self.length = length
        self.raw_counts = raw_counts
        self.positions = positions  # (position, lemma) of the words some term contains, in order
        self.plain_counts = Counter(word for _, word in positions)
        self._term_counts: tuple[str, list[int]] | None = None

    @classmethod
    def of(cls, text: str, vocabulary: Vocabulary) -> Field:
        raw = tokens(text)
        positions = [(i, word) for i, word in enumerate(lemma(t) for t in raw) if word in vocabulary.plain]
        return cls(len(raw), Counter(t for t in raw if t in vocabulary.raw), positions)

    def encode(self) -> str:
        return json.dumps([self.length, self.raw_counts, self.positions], ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def decode(cls, text: str) -> Field:
        length, raw_counts, positions = json.loads(text)
        return cls(length, Counter(raw_counts), [(i, word) for i, word in positions])

    def counts(self, case_sensitive: bool) -> Counter[str]:
        """The counts a term looks in: acronyms as written, every other word as its lemma."""
        return self.raw_counts if case_sensitive else self.plain_counts

    def term_counts(self, terms: list[Term], key: str) -> list[int]:
        """How often each of `terms` occurs here; the last answer is kept under `key` (which
        names the list of terms: a long-lived process asks again at every refresh, for the same
        terms while the config is the same)."""
        if self._term_counts is None or self._term_counts[0] != key:
            plain, raw = self.plain_counts, self.raw_counts
            self._term_counts = (
                key,
                [self.count(t) if t.tokens[0] in (raw if t.case_sensitive else plain) else 0 for t in terms],
            )
        return self._term_counts[1]

    def count(self, term: Term) -> int:
        counts = self.counts(term.case_sensitive)
        if len(term.tokens) == 1:
            return counts.get(term.tokens[0], 0)
        if any(token not in counts for token in term.tokens):
            return 0  # most phrases are absent: no scan for them
        n = len(term.tokens)
        found = 0
        for k in range(len(self.positions) - n + 1):
            window = self.positions[k : k + n]
            if window[-1][0] - window[0][0] == n - 1 and tuple(word for _, word in window) == term.tokens:
                found += 1  # the phrase's words, at consecutive positions of the text
        return found


@dataclass(frozen=True)
class Vocabulary:
    """The words the sections' terms are made of: lemmas, and acronyms as written."""

    plain: frozenset[str]
    raw: frozenset[str]

    @classmethod
    def of(cls, profiles: list[Profile]) -> Vocabulary:
        terms = [t for p in profiles for t in p.terms + p.exclude]
        return cls(
            frozenset(w for t in terms if not t.case_sensitive for w in t.tokens),
            frozenset(w for t in terms if t.case_sensitive for w in t.tokens),
        )

    @property
    def signature(self) -> str:
        key = json.dumps([FIELD_VERSION, sorted(self.plain), sorted(self.raw)], ensure_ascii=False)
        return hashlib.sha256(key.encode()).hexdigest()[:20]


@dataclass
class Indexed:
    story: Story
    title: Field
    body: Field


class FieldCache(Protocol):
    """Where a new process finds the Fields and the lemmas an earlier one made (the state store)."""

    def cached_fields(self, keys: list[str], vocabulary: str) -> dict[str, str]: ...

    def cache_fields(self, vocabulary: str, fields: dict[str, str]) -> None: ...

    def cached_lemmas(self, version: str) -> dict[str, str]: ...

    def cache_lemmas(self, version: str, lemmas: dict[str, str]) -> None: ...


def indexed_stories(stories: list[Story], vocabulary: Vocabulary, cache: FieldCache | None = None) -> list[Indexed]:
    """Each story with its title's and body's Fields: remembered, stored, or made now."""
    texts = [text for s in stories for text in (s.title, s.body)]
    fields = made_fields(texts, vocabulary, cache)
    return [Indexed(s, fields[2 * n], fields[2 * n + 1]) for n, s in enumerate(stories)]


def text_key(text: str) -> str:
    """What a Field is kept under, with its vocabulary: the text's hash."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def made_fields(texts: list[str], vocabulary: Vocabulary, cache: FieldCache | None) -> list[Field]:
    signature = vocabulary.signature
    store: Store[str, Field] = Store(
        name=f"fields {signature}",
        load=(lambda keys: cache.cached_fields(keys, signature)) if cache is not None else (lambda keys: {}),
        save=(lambda items: cache.cache_fields(signature, items)) if cache is not None else (lambda items: None),
        encode=Field.encode,
        decode=Field.decode,
        rebind=lambda made, text: made,
    )
    keys = [text_key(text) for text in texts]
    # a Field takes microseconds: made here, not in the worker processes (nothing to time out)
    made = cached_map(
        lambda text: Field.of(text, vocabulary), texts, keys, store, "Scoring stories", 0, in_process=True
    )
    return made  # type: ignore[return-value]  # made in this process: never Failed
