"""The state store: an SQLite database recording what has been published.

Documents are keyed by content hash, so a renamed but unchanged document is not published
twice and an edited one counts as new. The issue counter is the highest issue number.
A publish is one transaction, committed only after the issue's files are in place.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digest.errors import StateError
from digest.models import Issue, RunOutcome, Story
from digest.placing.fields import text_key
from digest.state.caches import Caches, chunks
from digest.state.schema import migrate
from digest.stories.duplicates import PublishedIndex
from digest.stories.signatures import band_keys, pack_shingles, shingles, unpack_shingles
from digest.words import term_counts

PUBLISHING_KEY = "publishing"  # the number of the issue being written, until it is recorded
DUPLICATE_PAIRS_KEY = "duplicate_pairs"  # a cache: the last build's confirmed pairs


@dataclass(frozen=True)
class PublishedIssue:
    number: int
    date: dt.date
    folder: str
    published_at: dt.datetime
    stories: int


def _terms(story: Story) -> dict[str, int]:
    if story.features is not None:
        return story.features.terms
    return dict(term_counts(story.title, story.body or story.teaser))


def _bands(story: Story) -> list[int]:
    if story.features is not None:
        return story.features.bands
    return band_keys(story.body or story.teaser)


def storage_error(path: Path, exc: BaseException) -> StateError:
    """A storage fault as a named error: the file, what happened, what to do. Nothing already
    published is touched by a fault here: the issue folders are written before the state."""
    text = str(exc).lower()
    if "disk is full" in text or "no space" in text or getattr(exc, "errno", None) == 28:
        advice = "the disk is full: free some space and run again"
    elif "readonly" in text or "read-only" in text or "permission denied" in text or "unable to open" in text:
        advice = "it cannot be written (a read-only folder or file?): make its folder writable, or set paths.state"
    elif "malformed" in text or "not a database" in text or "corrupt" in text:
        advice = "it is damaged: move it aside and run `digest repair` to rebuild it from the archive"
    elif "locked" in text or "busy" in text:
        advice = "another digest process holds it: wait for it to finish, or stop it"
    else:
        advice = str(exc)
    return StateError(f"state database {path}: {advice} ({exc})")


class _Database:
    """The connection, its errors turned into named StateErrors (see storage_error)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self._path = path

    def execute(self, sql: str, parameters: Iterable[object] = ()) -> sqlite3.Cursor:
        try:
            return self._connection.execute(sql, tuple(parameters))
        except sqlite3.Error as exc:
            raise storage_error(self._path, exc) from None

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> sqlite3.Cursor:
        try:
            return self._connection.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise storage_error(self._path, exc) from None

    def __enter__(self) -> _Database:
        self._connection.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self._connection.__exit__(*exc_info)  # type: ignore[arg-type]
        except sqlite3.Error as exc:
            raise storage_error(self._path, exc) from None


class StateStore(Caches):
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = _Database(connection, path)
        self.path = path

    @classmethod
    @contextmanager
    def open(cls, path: Path) -> Iterator[StateStore]:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=10)
        except (OSError, sqlite3.Error) as exc:
            raise storage_error(path, exc) from None
        try:
            migrate(connection, path)
        except StateError:
            connection.close()
            raise
        except sqlite3.OperationalError as exc:
            if "readonly" not in str(exc).lower():
                connection.close()
                raise storage_error(path, exc) from None
            # a read-only state still serves reading (digest status); writing names the problem
        except sqlite3.Error as exc:
            connection.close()
            raise storage_error(path, exc) from None
        try:
            yield cls(connection, path)
        finally:
            connection.close()

    def published_in(self, content_hash: str, name: str) -> int | None:
        """The issue that published these bytes (under any name), or else this name."""
        row = (
            self._db.execute(
                "SELECT issue FROM published_documents WHERE content_hash = ? ORDER BY issue LIMIT 1", (content_hash,)
            ).fetchone()
            or self._db.execute(
                "SELECT issue FROM published_documents WHERE document = ? ORDER BY issue DESC LIMIT 1", (name,)
            ).fetchone()
        )
        return int(row[0]) if row else None

    def published_hashes(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT DISTINCT content_hash FROM published_documents")}

    def next_number(self) -> int:
        (highest,) = self._db.execute("SELECT COALESCE(MAX(number), 0) FROM issues").fetchone()
        return int(highest) + 1

    def last_issue(self) -> PublishedIssue | None:
        row = self._db.execute(
            "SELECT number, date, folder, published_at, stories FROM issues ORDER BY number DESC LIMIT 1"
        ).fetchone()
        return self._issue(row) if row else None

    def issues(self) -> list[PublishedIssue]:
        rows = self._db.execute("SELECT number, date, folder, published_at, stories FROM issues ORDER BY number")
        return [self._issue(row) for row in rows]

    def is_recorded_folder(self, folder: str) -> bool:
        return self._db.execute("SELECT 1 FROM issues WHERE folder = ?", (folder,)).fetchone() is not None

    def recorded_folders(self) -> dict[int, str]:
        """Each recorded issue's number and its folder's name."""
        return {n: Path(folder).name for n, folder in self._db.execute("SELECT number, folder FROM issues")}

    # --- an interrupted publish is recognised by the intent it recorded first ---

    def begin_publish(self, number: int) -> None:
        """Say that issue `number` is being written: if the process dies before record_issue,
        the folder it leaves is known to be this publish's, and the redo replaces it."""
        self.set_meta(PUBLISHING_KEY, str(number))

    def publishing(self) -> int | None:
        value = self.meta(PUBLISHING_KEY)
        return int(value) if value else None

    def record_published(self, issue: Issue, folder: Path, published_at: dt.datetime | None = None) -> None:
        """The state's half of a publish, in one transaction: the issue, the documents it used
        up, its stories as labelled examples for learning and their signatures for "already
        published". A story's features come from its full text, or its teaser when only the
        archive's issue.json is left (`digest repair`)."""
        stories = [(section.id, story) for section in issue.sections for story in section.all_stories]
        self.record_issue(
            issue.number,  # type: ignore[arg-type]
            issue.date,
            str(folder),
            issue.story_count,
            [(d.sha256, d.document) for d in issue.consumed],
            [(story.id, section_id, story.title, _terms(story)) for section_id, story in stories],
            issue.scheduled_run,
            [(s.id, pack_shingles(shingles(s.body or s.teaser)), _bands(s), s.documents) for _, s in stories],
            published_at=published_at,
        )
        self.forget_published(
            [d.sha256 for d in issue.consumed], [text_key(t) for _, s in stories for t in (s.title, s.body)]
        )

    def record_issue(
        self,
        number: int,
        date: dt.date,
        folder: str,
        stories: int,
        documents: Iterable[tuple[str, str]],
        examples: Iterable[tuple[str, str, str, dict[str, int]]] = (),
        period: str | None = None,
        signatures: Iterable[tuple[str, bytes, list[int], list[str]]] = (),
        published_at: dt.datetime | None = None,
    ) -> None:
        """Record a published issue, the documents it consumed, its stories as labelled
        examples (story id, section, title, term counts) and their signatures (story id,
        packed shingles, band keys, documents), all or nothing; the publish intent is cleared
        with it."""
        now = (published_at or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        try:
            with self._db:
                self._db.execute(
                    "INSERT INTO issues (number, date, folder, published_at, stories) VALUES (?, ?, ?, ?, ?)",
                    (number, date.isoformat(), folder, now, stories),
                )
                self._db.execute("DELETE FROM meta WHERE key = ?", (PUBLISHING_KEY,))
                for story_id, packed, bands, names in signatures:
                    self._db.execute(
                        "INSERT OR REPLACE INTO story_signatures (story_id, issue, shingles, documents) VALUES (?, ?, ?, ?)",
                        (story_id, number, packed, json.dumps(names)),
                    )
                    self._db.executemany(
                        "INSERT INTO signature_bands (band, story_id, issue) VALUES (?, ?, ?)",
                        [(band, story_id, number) for band in bands],
                    )
                self._db.executemany(
                    "INSERT OR IGNORE INTO published_documents (content_hash, document, issue) VALUES (?, ?, ?)",
                    [(content_hash, name, number) for content_hash, name in documents],
                )
                if period is not None:
                    self._db.execute(
                        "INSERT OR REPLACE INTO runs (period, outcome, issue, decided_at) VALUES (?, 'published', ?, ?)",
                        (period, number, now),
                    )
                self._db.executemany(
                    "INSERT OR REPLACE INTO archive_stories (story_id, issue, section, title, counts) VALUES (?, ?, ?, ?, ?)",
                    [
                        (sid, number, section, title, json.dumps(counts, sort_keys=True))
                        for sid, section, title, counts in examples
                    ],
                )
        except sqlite3.Error as exc:
            raise StateError(f"state database {self.path}: recording issue #{number} failed: {exc}") from None

    # --- the ledger of scheduled runs ---

    def run_outcome(self, period: str) -> str | None:
        row = self._db.execute("SELECT outcome FROM runs WHERE period = ?", (period,)).fetchone()
        return row[0] if row else None

    def record_run(self, period: str, outcome: RunOutcome, note: str = "") -> None:
        """Record a period that ended without an issue (a publish is recorded by record_issue)."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._db:
            self._db.execute(
                "INSERT OR IGNORE INTO runs (period, outcome, decided_at, note) VALUES (?, ?, ?, ?)",
                (period, outcome, now, note),
            )

    def last_runs(self, limit: int = 5) -> list[tuple[str, str, int | None, str]]:
        rows = self._db.execute("SELECT period, outcome, issue, note FROM runs ORDER BY period DESC LIMIT ?", (limit,))
        return [tuple(r) for r in rows]

    def latest_period(self) -> str | None:
        row = self._db.execute("SELECT MAX(period) FROM runs").fetchone()
        return row[0] if row else None

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def set_meta_once(self, key: str, value: str) -> str:
        """Set `key` unless it is set; return its value."""
        with self._db:
            self._db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value))
        return self.meta(key) or value

    def first_seen(self, hashes: Iterable[str]) -> dict[str, dt.datetime]:
        """When each document was first read (recorded now for those never seen)."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        hashes = list(hashes)
        with self._db:
            self._db.executemany(
                "INSERT OR IGNORE INTO seen_documents (content_hash, first_seen) VALUES (?, ?)",
                [(h, now) for h in hashes],
            )
        seen = {}
        for h in hashes:
            row = self._db.execute("SELECT first_seen FROM seen_documents WHERE content_hash = ?", (h,)).fetchone()
            seen[h] = dt.datetime.fromisoformat(row[0])
        return seen

    # --- caches (state/caches.py), and the last build's duplicate pairs ---

    def duplicate_pairs(self) -> str | None:
        """The confirmed duplicate pairs the last build left (stories/pairs.py)."""
        return self.meta(DUPLICATE_PAIRS_KEY)

    def keep_duplicate_pairs(self, snapshot: str) -> None:
        try:  # best effort, as the caches: losing it only costs time
            self.set_meta(DUPLICATE_PAIRS_KEY, snapshot)
        except StateError:
            return

    def published_index(self, bands: Iterable[int]) -> PublishedIndex:
        """The published stories that share one of `bands`, with their shingles."""
        index = PublishedIndex()
        bands = list(bands)
        stored = self._db.execute("SELECT count(*) FROM signature_bands").fetchone()[0]
        if stored < len(bands):  # fewer published bands than asked for: one pass over them all
            wanted_bands = set(bands)
            found = (
                row
                for row in self._db.execute("SELECT band, story_id, issue FROM signature_bands")
                if row[0] in wanted_bands
            )
        else:  # a few bands among many: looked up by index, 500 at a time
            found = (
                row
                for chunk in chunks(bands, 500)
                for row in self._db.execute(
                    f"SELECT band, story_id, issue FROM signature_bands WHERE band IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        for band, story_id, issue in found:
            index.bands.setdefault(band, []).append((issue, f"{issue}:{story_id}"))
        wanted = {key for pairs in index.bands.values() for _, key in pairs}
        for key in wanted:
            issue, story_id = key.split(":", 1)
            row = self._db.execute(
                "SELECT shingles, documents FROM story_signatures WHERE story_id = ? AND issue = ?",
                (story_id, int(issue)),
            ).fetchone()
            if row:
                index.shingles[key] = unpack_shingles(row[0])
                index.documents[key] = frozenset(json.loads(row[1]))
        return index

    def archive_examples(self) -> list[tuple[str, str, str, dict[str, int]]]:
        """Every published story as (story id, section, title, term counts), oldest first."""
        rows = self._db.execute("SELECT story_id, section, title, counts FROM archive_stories ORDER BY issue, story_id")
        return [(sid, section, title, json.loads(counts)) for sid, section, title, counts in rows]

    @staticmethod
    def _issue(row: tuple) -> PublishedIssue:
        return PublishedIssue(row[0], dt.date.fromisoformat(row[1]), row[2], dt.datetime.fromisoformat(row[3]), row[4])
