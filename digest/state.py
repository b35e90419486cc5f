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


class StateStore:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    @contextmanager
    def open(cls, path: Path) -> Iterator[StateStore]:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, timeout=10)
            connection.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise StateError(f"state database {path} cannot be opened: {exc}") from None
        try:
            yield cls(connection, path)
        finally:
            connection.close()

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

    def record_issue(
        self,
        number: int,
        date: dt.date,
        folder: str,
        stories: int,
        documents: Iterable[tuple[str, str]],
        examples: Iterable[tuple[str, str, str, dict[str, int]]] = (),
    ) -> None:
        """Record a published issue, the documents it consumed and its stories as labelled
        examples (story id, section, title, term counts), all or nothing."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        try:
            with self._db:
                self._db.execute(
                    "INSERT INTO issues (number, date, folder, published_at, stories) VALUES (?, ?, ?, ?, ?)",
                    (number, date.isoformat(), folder, now, stories),
                )
                self._db.executemany(
                    "INSERT OR IGNORE INTO published_documents (content_hash, document, issue) VALUES (?, ?, ?)",
                    [(content_hash, name, number) for content_hash, name in documents],
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

    def archive_examples(self) -> list[tuple[str, str, str, dict[str, int]]]:
        """Every published story as (story id, section, title, term counts), oldest first."""
        rows = self._db.execute("SELECT story_id, section, title, counts FROM archive_stories ORDER BY issue, story_id")
        return [(sid, section, title, json.loads(counts)) for sid, section, title, counts in rows]

    @staticmethod
    def _issue(row: tuple) -> PublishedIssue:
        return PublishedIssue(row[0], dt.date.fromisoformat(row[1]), row[2], dt.datetime.fromisoformat(row[3]), row[4])
