"""The state database's tables, versioned: `PRAGMA user_version` says which migrations a
database has had, and `migrate` brings any older database up to date when it is opened.

A database is never changed by a digest that does not know its version: one made by a newer
digest is refused with a message. Before a migration changes an existing database, a copy is
kept beside it (state.db.before-vN), so a release can always be rolled back.

To change the schema: append a migration (never edit one that shipped) and add a test that
opens a database of the previous version (tests/fixtures/state-*/).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from digest.errors import StateError

MIGRATIONS: list[str] = [
    # 1 — the tables of digest 0.1 (a 0.1 database has them all, at user_version 0)
    """
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
        outcome    TEXT NOT NULL,     -- published, nothing new, too few stories, missed
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
    CREATE TABLE IF NOT EXISTS archive_stories (
        story_id  TEXT NOT NULL,
        issue     INTEGER NOT NULL REFERENCES issues(number),
        section   TEXT NOT NULL,
        title     TEXT NOT NULL,
        counts    TEXT NOT NULL,  -- JSON {stemmed term: count}: a labelled example for learning
        PRIMARY KEY (story_id, issue)
    );
    """,
    # 2 — published stories' signatures, for "already published in #N" (issues published
    # before have none, so their stories are not recognised when sent again)
    """
    CREATE TABLE IF NOT EXISTS story_signatures (
        story_id  TEXT NOT NULL,
        issue     INTEGER NOT NULL REFERENCES issues(number),
        shingles  BLOB NOT NULL,  -- sorted 32-bit shingle hashes (duplicates.pack_shingles)
        documents TEXT NOT NULL,  -- JSON list of the inbox names it came from
        PRIMARY KEY (story_id, issue)
    );
    CREATE TABLE IF NOT EXISTS signature_bands (  -- their LSH bands, to find candidates by index
        band      INTEGER NOT NULL,
        story_id  TEXT NOT NULL,
        issue     INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS signature_bands_by_band ON signature_bands(band);
    """,
    # 3 — stories' texts as keyword scoring reads them (placing/fields.py), so a new process
    # lemmatises only new stories; a cache like read_cache: losing it only costs time
    """
    CREATE TABLE IF NOT EXISTS field_cache (
        text_hash  TEXT NOT NULL,
        vocabulary TEXT NOT NULL,  -- the sections' terms' words the Field was made for
        field      TEXT NOT NULL,
        PRIMARY KEY (text_hash, vocabulary)
    );
    """,
    # 4 — words as keyword matching folds them (words.lemma), so a new process need not load
    # the lemmatiser's dictionaries (a fifth of a second) for words an earlier one has met
    """
    CREATE TABLE IF NOT EXISTS lemma_cache (
        word    TEXT NOT NULL,
        version TEXT NOT NULL,  -- the lemmatiser's version
        lemma   TEXT NOT NULL,
        PRIMARY KEY (word, version)
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, path: Path) -> int:
    """Bring the database at `path` to SCHEMA_VERSION; return the version it had. Each step is
    one transaction: an interrupted migration leaves the database at the step before."""
    version = schema_version(connection)
    if version > SCHEMA_VERSION:
        raise StateError(
            f"state database {path} was made by a newer digest (schema {version}; this digest knows up to "
            f"{SCHEMA_VERSION}): upgrade digest, or restore the copy a migration kept beside it"
        )
    if version == SCHEMA_VERSION:
        return version
    if _has_tables(connection) and path.exists():
        backup = path.with_name(f"{path.name}.before-v{SCHEMA_VERSION}")
        if not backup.exists():
            with sqlite3.connect(backup) as copy:
                connection.backup(copy)
            copy.close()
    for number in range(version, SCHEMA_VERSION):
        try:
            connection.executescript(f"BEGIN;\n{MIGRATIONS[number]}\nPRAGMA user_version = {number + 1};\nCOMMIT;")
        except sqlite3.Error:
            if connection.in_transaction:
                connection.rollback()
            raise
    return version


def _has_tables(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0
