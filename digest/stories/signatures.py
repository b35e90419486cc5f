"""What duplicate detection knows of a text: its 5-word shingles and their MinHash signature.

Each story's body becomes a set of 5-word shingles (32-bit hashes); its MinHash signature,
cut into LSH bands, makes candidate pairs findable by index; a candidate pair is confirmed
on the exact shingles (Jaccard similarity, or containment for a copy with a few extra lines).
Both are computed once per story, when it is cut, and kept with it (StoryFeatures), and the
published stories' are stored in the state, for "already published in #N".
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from functools import cache
from typing import Any

from digest.models import Story, StoryFeatures
from digest.support.cache import kept_between_builds
from digest.words import folded_words, term_counts

SHINGLE = 5
NUM_PERM = 128
BANDS, ROWS = 64, 2  # NUM_PERM = BANDS * ROWS, for the stored signatures of published stories
SAME_JACCARD = 0.6  # confirmed duplicates: this much of the shingles shared…
SAME_CONTAINMENT = 0.85  # …or the shorter text almost wholly inside the longer one
HAS_WORD = re.compile(r"\w")  # a text with a word in it has shingles


@kept_between_builds(maxsize=32_768)
def shingles(text: str) -> frozenset[int]:
    """A text's 5-word shingles, each as a 32-bit hash: compact enough to store for every
    published story, and stable across processes and machines (crc32, not hash())."""
    words = folded_words(text)
    if len(words) < SHINGLE:
        return frozenset([zlib.crc32(" ".join(words).encode())]) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i : i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1))


@kept_between_builds(maxsize=20_000)
def band_keys(body: str) -> list[int]:
    """A text's MinHash band keys (see signature_bands)."""
    return signature_bands(shingles(body))


def signature_bands(items: frozenset[int]) -> list[int]:
    """The MinHash of a text's shingles, cut into LSH bands stored as integers a database can
    index: two texts sharing a band are candidates (with 64 bands of 2 rows, a pair with
    Jaccard 0.3 shares one 99.8% of the time, an unrelated pair almost never). Computed once
    per story: its features keep them (`story_bands`)."""
    values = minhash(items)
    keys = []
    for band in range(BANDS):
        rows = values[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(int.from_bytes(hashlib.blake2b(bytes([band]) + rows, digest_size=7).digest(), "big"))
    return keys


_MERSENNE_PRIME = (1 << 61) - 1
_MAX_HASH = (1 << 32) - 1


def minhash(items: frozenset[int]) -> Any:
    """The MinHash signature (NUM_PERM uint64 values) of 32-bit hashes: for each of NUM_PERM
    random affine permutations, the least permuted value. This is datasketch's "legacy" scheme
    (the signatures datasketch 1 gave, stored since digest 0.1), computed here with numpy because
    importing datasketch loads scipy's integrators and optimisers (a third of a second in every
    process that signs a story); tests check it against datasketch's own MinHash."""
    import numpy as np

    a, b = _permutations()
    if not items:
        return np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
    hashed = np.fromiter(items, dtype=np.uint64, count=len(items)).reshape(-1, 1)
    permuted = np.bitwise_and((hashed * a + b) % np.uint64(_MERSENNE_PRIME), np.uint64(_MAX_HASH))
    return permuted.min(axis=0)


@cache
def _permutations() -> tuple[Any, Any]:
    """The permutations' parameters, drawn once per process as datasketch draws them (seed 1)."""
    import numpy as np

    generator = np.random.RandomState(1)
    pairs = [
        (generator.randint(1, _MERSENNE_PRIME, dtype=np.uint64), generator.randint(0, _MERSENNE_PRIME, dtype=np.uint64))
        for _ in range(NUM_PERM)
    ]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a, b


def pack_shingles(items: frozenset[int]) -> bytes:
    return array("I", sorted(items)).tobytes()


def unpack_shingles(data: bytes) -> Any:
    """Packed shingles as a sorted numpy array viewing the bytes: ten thousand stories' take
    10 MB, where sets of Python ints took 150."""
    import numpy as np

    return np.frombuffer(data, dtype=np.uint32)


def are_duplicates(a: Any, b: Any, containment: float = SAME_CONTAINMENT) -> bool:
    """Two texts are one article: their shingles (sorted arrays) share SAME_JACCARD of the
    union, or `containment` of the shorter text's."""
    import numpy as np

    if not len(a) or not len(b):
        return False
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared) >= SAME_JACCARD or shared / min(len(a), len(b)) >= containment


def story_shingles(story: Story) -> Any:
    """A story's shingles as a sorted array: from its features when it has them (packed when
    it was cut)."""
    if story.features is not None and story.features.shingles:
        return unpack_shingles(story.features.shingles)
    return unpack_shingles(pack_shingles(shingles(story.body)))


def story_bands(story: Story) -> list[int]:
    """A story's band keys: from its features when it has them (computed when it was cut)."""
    return story.features.bands if story.features is not None else band_keys(story.body)


def batch_band_keys(stories: list[Story]) -> set[int]:
    """Every LSH band key of a batch: what to look up among the published stories."""
    return {key for story in stories for key in story_bands(story)}


def story_features(story: Story) -> StoryFeatures:
    """What later stages need of a story's words, computed once, when it is cut (in a worker),
    and cached with it: the learned model's term counts, its band keys and packed shingles."""
    items = shingles(story.body)
    return StoryFeatures(
        terms=dict(term_counts(story.title, story.body)), bands=signature_bands(items), shingles=pack_shingles(items)
    )
