"""Words: how digest reads a text as words, in one place.

Each job has its own reading, named for what it keeps:

- `tokens`: words as written (case, inner hyphens and apostrophes kept) — for keyword matching,
  where "AI" must stay an acronym and "open-source" one term;
- `folded_words`: lower-case runs of letters and digits — for comparing texts (shingles of
  near-duplicates, titles that agree); stored signatures depend on it, so it never changes
  without a new signature version;
- `word_count`: whitespace-separated words — for lengths (teasers, reading time, prose tests);
- `lemma` (simplemma: inflections only, "batteries" → "battery") for matching keywords,
  `stem` (Snowball: "political" → "polit") for the learned model's features, and
  `term_counts`, a story's features for that model and for related stories.

simplemma and snowballstemmer are used here and nowhere else.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from functools import lru_cache

import snowballstemmer

TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+'’-]*[A-Za-z0-9+]|[A-Za-z0-9]")
_FOLDED = re.compile(r"\w+")
# a word as written, starting with a letter ("Harbour", "Lee's", "well-known", "轻量级"): what
# the tests of a line's case read the first letters of
LETTER_WORD = re.compile(r"[^\W\d_][\w'’-]*")

# Words that say nothing about what a story is about: function words, reporting verbs and the
# filler of news copy ("said", "new", "year"). One list for every job.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "across",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "between",
        "but",
        "by",
        "can",
        "could",
        "down",
        "first",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "in",
        "into",
        "is",
        "it",
        "its",
        "last",
        "more",
        "new",
        "news",
        "not",
        "of",
        "on",
        "one",
        "or",
        "other",
        "our",
        "out",
        "over",
        "said",
        "says",
        "she",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "three",
        "to",
        "two",
        "under",
        "up",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "year",
        "years",
        "you",
        "your",
    ]
)
# The small words a headline keeps in lower case, and that end no complete line of a record
# (a title, a byline): a line ending in one runs on into the next.
SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "over",
        "the",
        "to",
        "under",
        "up",
        "via",
        "with",
    ]
)


TITLE_REPEAT = 3  # a title word counts as much as three body words in a story's features

_stemmer = snowballstemmer.stemmer("english")


def tokens(text: str) -> list[str]:
    """The words of `text` as written."""
    return TOKEN.findall(text)


def folded_words(text: str) -> list[str]:
    """The words of `text`, lower case, letters and digits only."""
    return _FOLDED.findall(text.lower())


@functools.lru_cache(maxsize=1 << 16)  # asked again and again of the same lines while a document is cut
def word_count(text: str) -> int:
    """Words as a reader counts them: Chinese and Japanese write no spaces between words, which
    average about two characters there ("新版本增加了" is three words, not one)."""
    if not _CJK.search(text):
        return len(text.split())
    return len(_CJK.sub(" ", text).split()) + (len(_CJK.findall(text)) + 1) // 2


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """A word's dictionary form, lower case: "batteries" → "battery", "launched" → "launch".

    A lemmatiser, not a stemmer: only inflections are folded, so "generators" never matches
    "generative" nor "university" "universe"."""
    word = word.replace("’", "'").removesuffix("'s")
    if (known := _known_lemmas.get(word)) is not None:
        return known
    import simplemma  # imported on first use: loading its dictionaries takes a fifth of a second

    folded = _new_lemmas[word] = simplemma.lemmatize(word, lang="en").lower()
    return folded


# Lemmas an earlier process worked out (the state's cache), and those worked out since: a new
# process folds the words it has met before without loading the lemmatiser at all.
_known_lemmas: dict[str, str] = {}
_new_lemmas: dict[str, str] = {}


@functools.cache  # the installed lemmatiser's version, read from its metadata once a process
def lemmatiser_version() -> str:
    from importlib.metadata import version

    return f"simplemma {version('simplemma')}"


def remember_lemmas(known: dict[str, str]) -> None:
    _known_lemmas.update(known)


def lemmas_remembered() -> bool:
    return bool(_known_lemmas)


def new_lemmas() -> dict[str, str]:
    """The lemmas worked out since the last call (for the state's cache)."""
    found = dict(_new_lemmas)
    _new_lemmas.clear()
    _known_lemmas.update(found)
    return found


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A word's Snowball stem: "politics" and "political" are one feature of the learned
    model (more evidence per feature), while keyword matching folds only inflections."""
    return _stemmer.stemWord(word.lower())


def term_counts(title: str, body: str) -> Counter[str]:
    """A story as the learned model sees it: stemmed content words, title words counted
    TITLE_REPEAT times."""
    counts: Counter[str] = Counter()
    for text, repeat in ((title, TITLE_REPEAT), (body, 1)):
        words = [w for w in tokens(text) if len(w) > 2 and not w.isdigit() and w.lower() not in STOPWORDS]
        for stemmed, n in Counter(map(stem, words)).items():
            counts[stemmed] += n * repeat
    return counts


def counted(number: int, noun: str) -> str:
    """A count for a message, the noun agreeing with it: '1 story', '2 stories', '0 documents'."""
    if number == 1:
        return f"{number} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{number} {noun[:-1]}ies"
    return f"{number} {noun}s"


# a list's number written into the line: "1. ", "(2) ", "3) ", and the ideographic "4、", "5．", "【6】"
ENUMERATOR = re.compile(r"^\s*(?:\(?\d{1,3}[.)](?=\s)|\d{1,3}[、．）]|【\d{1,3}】)\s*")


# emoji and pictographs, their joiners, variation selectors and keycap marks
DECORATION = frozenset(["So", "Cf", "Mn", "Me"])


def without_pictographs(text: str) -> str:
    """The text without the emoji that decorate its ends ("🚢 Ferry fares frozen" → "Ferry
    fares frozen", "Quay Weekly 🌊" → "Quay Weekly"); emoji inside it stay."""
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or unicodedata.category(text[start]) in DECORATION):
        start += 1
    while end > start and (text[end - 1].isspace() or unicodedata.category(text[end - 1]) in DECORATION):
        end -= 1
    return text[start:end]
