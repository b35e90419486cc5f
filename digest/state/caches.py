"""The state's caches: work done before, kept by what it depends on, so a new process does
only what changed. Filled by drafts too; best effort both ways (a cache that cannot be read or
written costs time, never a result). The tables are in state/schema.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from digest.errors import StateError

T = TypeVar("T")


class Caches:
    """The cache tables of the state store (StateStore inherits them)."""

    _db: Any  # the store's connection, its errors already StateErrors

    def cached_documents(self, hashes: list[str], version: str) -> dict[str, str]:
        """Documents read before by this version of the readers: content hash → Document JSON."""
        return self._cached("SELECT content_hash, document FROM read_cache WHERE version = ?", version, hashes)

    def cache_documents(self, version: str, documents: dict[str, str]) -> None:
        self._cache("read_cache", ("content_hash", "version", "document"), version, documents)

    def cached_stories(self, hashes: list[str], signature: str) -> dict[str, str]:
        """Stories cut before with the same settings: content hash → JSON list of stories."""
        return self._cached("SELECT content_hash, stories FROM split_cache WHERE signature = ?", signature, hashes)

    def cache_stories(self, signature: str, stories: dict[str, str]) -> None:
        self._cache("split_cache", ("content_hash", "signature", "stories"), signature, stories)

    def cached_fields(self, keys: list[str], vocabulary: str) -> dict[str, str]:
        """Stories' texts as keyword scoring read them for this vocabulary: text hash → Field
        JSON (placing/fields.py)."""
        return self._cached(
            "SELECT text_hash, field FROM field_cache WHERE vocabulary = ?", vocabulary, keys, "text_hash"
        )

    def cache_fields(self, vocabulary: str, fields: dict[str, str]) -> None:
        self._cache("field_cache", ("text_hash", "vocabulary", "field"), vocabulary, fields)

    def cached_lemmas(self, version: str) -> dict[str, str]:
        """Every word this version of the lemmatiser folded before: word → lemma."""
        try:
            return dict(self._db.execute("SELECT word, lemma FROM lemma_cache WHERE version = ?", (version,)))
        except StateError:
            return {}

    def cache_lemmas(self, version: str, lemmas: dict[str, str]) -> None:
        self._cache("lemma_cache", ("word", "version", "lemma"), version, lemmas)

    def forget_published(self, documents: list[str], texts: list[str]) -> None:
        """Drop what the caches hold for published documents (by content hash) and their
        stories' texts (by text hash): no later build reads them, and the database does not
        grow with every issue."""
        try:
            with self._db:
                for table, column, keys in (
                    ("read_cache", "content_hash", documents),
                    ("split_cache", "content_hash", documents),
                    ("field_cache", "text_hash", texts),
                ):
                    for chunk in chunks(keys, 500):
                        self._db.execute(f"DELETE FROM {table} WHERE {column} IN ({','.join('?' * len(chunk))})", chunk)
        except StateError:
            return

    def _cached(self, select: str, key: str, hashes: list[str], column: str = "content_hash") -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in chunks(hashes, 500):
            rows = self._db.execute(f"{select} AND {column} IN ({','.join('?' * len(chunk))})", (key, *chunk))
            found.update(rows)
        return found

    def _cache(self, table: str, columns: tuple[str, str, str], key: str, items: dict[str, str]) -> None:
        """Remember work done (`columns`: the item's, the key's, the value's); best effort: a
        cache that cannot be written only costs time. A cache keeps what the current code and
        settings read: the first time rows are written under a new key (an upgrade of digest,
        other drop patterns, other sections), the rows of every other key go (each upgrade would
        otherwise leave a copy of the whole inbox behind)."""
        item, key_column, value = columns
        try:
            with self._db:
                marker = f"cache_key:{table}"
                last = self._db.execute("SELECT value FROM meta WHERE key = ?", (marker,)).fetchone()
                if last is None or last[0] != key:
                    self._db.execute(f"DELETE FROM {table} WHERE {key_column} != ?", (key,))
                    self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (marker, key))
                self._db.executemany(
                    f"INSERT OR REPLACE INTO {table} ({item}, {key_column}, {value}) VALUES (?, ?, ?)",
                    [(h, key, v) for h, v in items.items()],
                )
        except StateError:
            return


def chunks(items: list[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of at most `size` (SQLite's limit on a statement's parameters)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
