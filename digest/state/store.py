"""The state store: an SQLite database recording what has been published.

Documents are keyed by content hash, so a renamed but unchanged document is not published
twice and an edited one counts as new. The issue counter is the highest issue number.
A publish is one transaction, committed only after the issue's files are in place.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from digest.errors import StateError
from digest.stories.duplicates import PublishedIndex, unpack_shingles

PUBLISHING_KEY = "publishing"  # the number of the issue being written, until it is recorded

SCHEMA = """
CREATE TABLE IF NOT EXISTS issues (
    number       INTEGER PRIMARY KEY,
    date         TEXT NOT NULL,
    folder       TEXT NOT NULL,
    published_at TEXT NOT NULL,
    stories      INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS published_documents (
    content_hash TEXT NOT NULL,
    document     TEXT NOT NULL,
    issue        INTEGER NOT NULL REFERENCES issues(number),
    PRIMARY KEY (content_hash, document)
);
CREATE INDEX IF NOT EXISTS published_by_hash ON published_documents(content_hash);
CREATE TABLE IF NOT EXISTS runs (
    period     TEXT PRIMARY KEY,  -- the scheduled time, local wall clock of the newsletter
    outcome    TEXT NOT NULL,     -- published, nothing new, too few stories, missed, failed…
    issue      INTEGER,
    decided_at TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seen_documents (
    content_hash TEXT PRIMARY KEY,
    first_seen   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS read_cache (      -- documents as read, by content hash
    content_hash TEXT NOT NULL,
    version      TEXT NOT NULL,
    document     TEXT NOT NULL,
    PRIMARY KEY (content_hash, version)
);
CREATE TABLE IF NOT EXISTS split_cache (     -- the stories cut from them
    content_hash TEXT NOT NULL,
    signature    TEXT NOT NULL,              -- digest's version, drop patterns, boilerplate
    stories      TEXT NOT NULL,
    PRIMARY KEY (content_hash, signature)
);
CREATE TABLE IF NOT EXISTS story_signatures (  -- published stories' shingles: "already published" checks
    story_id  TEXT NOT NULL,
    issue     INTEGER NOT NULL REFERENCES issues(number),
    shingles  BLOB NOT NULL,  -- sorted 32-bit shingle hashes (duplicates.pack_shingles)
    documents TEXT NOT NULL,  -- JSON list of the inbox names it came from
    PRIMARY KEY (story_id, issue)
);
CREATE TABLE IF NOT EXISTS signature_bands (    -- their LSH bands, to find candidates by index
    band      INTEGER NOT NULL,
    story_id  TEXT NOT NULL,
    issue     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS signature_bands_by_band ON signature_bands(band);
CREATE TABLE IF NOT EXISTS archive_stories (
    story_id  TEXT NOT NULL,
    issue     INTEGER NOT NULL REFERENCES issues(number),
    section   TEXT NOT NULL,
    title     TEXT NOT NULL,
    counts    TEXT NOT NULL,  -- JSON {stemmed term: count}: a labelled example for learning
    PRIMARY KEY (story_id, issue)
);
"""


@dataclass(frozen=True)
class PublishedIssue:
    number: int
    date: dt.date
    folder: str
    published_at: dt.datetime
    stories: int


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

    def executemany(self, sql: str, rows: Iterable[Iterable[object]]) -> sqlite3.Cursor:
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


class StateStore:
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
            connection.executescript(SCHEMA)
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

    def record_run(self, period: str, outcome: str, note: str = "") -> None:
        """Record a period that ended without an issue (a publish is recorded by record_issue)."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._db:
            self._db.execute(
                "INSERT OR IGNORE INTO runs (period, outcome, decided_at, note) VALUES (?, ?, ?, ?)",
                (period, outcome, now, note),
            )

    def last_runs(self, limit: int = 5) -> list[tuple[str, str, int | None, str]]:
        rows = self._db.execute("SELECT period, outcome, issue, note FROM runs ORDER BY period DESC LIMIT ?", (limit,))
        return [tuple(r) for r in rows]  # type: ignore[misc]

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

    # --- caches: filled by drafts too; losing them only costs time ---

    def cached(self, table: str, key: str, hashes: list[str], key_value: str) -> dict[str, str]:
        column = {"read_cache": "document", "split_cache": "stories"}[table]
        found: dict[str, str] = {}
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT content_hash, {column} FROM {table} WHERE {key} = ? AND content_hash IN ({marks})",
                (key_value, *chunk),
            )
            found.update(rows)
        return found

    def cache(self, table: str, key: str, key_value: str, items: dict[str, str]) -> None:
        """Remember work done; best effort: a cache that cannot be written only costs time."""
        column = {"read_cache": "document", "split_cache": "stories"}[table]
        try:
            with self._db:
                self._db.executemany(
                    f"INSERT OR REPLACE INTO {table} (content_hash, {key}, {column}) VALUES (?, ?, ?)",
                    [(h, key_value, value) for h, value in items.items()],
                )
        except StateError:
            return

    def published_index(self, bands: Iterable[int]) -> PublishedIndex:
        """The published stories that share one of `bands`, with their shingles."""
        index = PublishedIndex()
        bands = list(bands)
        for start in range(0, len(bands), 500):
            chunk = bands[start : start + 500]
            rows = self._db.execute(
                f"SELECT band, story_id, issue FROM signature_bands WHERE band IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for band, story_id, issue in rows:
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
