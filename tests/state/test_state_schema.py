"""The state database is versioned and migrated: a newsletter left by digest 0.1.0 (a real
state.db and archive, tests/fixtures/state-0.1.0) keeps publishing where it stopped."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest
from conftest import FIXTURES, run_digest

from digest.archive.folders import list_issues, load_issue
from digest.config import load_config
from digest.errors import StateError
from digest.pipeline import compile_issue, state_path
from digest.state.schema import SCHEMA_VERSION
from digest.state.store import StateStore

OLD = FIXTURES / "state-0.1.0"


@pytest.fixture
def old_newsletter(tmp_path):
    root = tmp_path / "newsletter"
    shutil.copytree(OLD, root)
    return root


def user_version(path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA user_version").fetchone()[0]


def test_a_0_1_database_is_migrated_and_the_next_issue_follows_the_old_ones(old_newsletter):
    db = old_newsletter / ".digest" / "state.db"
    assert user_version(db) == 0
    (old_newsletter / "inbox" / "comet.txt").write_text(
        "Comet tail imaged in detail\n\nA space telescope imaged the tail of a comet in detail as it passed the Sun, "
        "astronomers said on Friday.\n"
    )
    result = compile_issue(load_config(old_newsletter / "config.yaml"), date=dt.date(2026, 11, 30))
    assert result.published and result.issue is not None
    assert result.issue.number == 3
    assert result.issue.documents == ["comet.txt"], "what 0.1 published is not sent again"
    assert user_version(db) == SCHEMA_VERSION
    assert (old_newsletter / ".digest" / f"state.db.before-v{SCHEMA_VERSION}").is_file(), "a copy is kept"
    assert [a.number for a in list_issues(old_newsletter / "issues")] == [1, 2, 3]
    assert "0002-2026-11-23" in (old_newsletter / "issues" / "index.html").read_text()


def test_issues_written_by_0_1_still_load_with_their_subject(old_newsletter):
    issue = load_issue(old_newsletter / "issues" / "0001-2026-11-16")
    assert issue.number == 1 and issue.folder == "0001-2026-11-16"
    assert issue.subject.startswith("Frontier Tech Weekly #1"), "read from the folder's message.eml"


def test_a_migrated_database_is_not_migrated_again(old_newsletter):
    config = load_config(old_newsletter / "config.yaml")
    with StateStore.open(state_path(config)):
        pass
    backup = old_newsletter / ".digest" / f"state.db.before-v{SCHEMA_VERSION}"
    stamp = backup.stat().st_mtime_ns
    with StateStore.open(state_path(config)) as state:
        assert state.next_number() == 3
    assert backup.stat().st_mtime_ns == stamp


def test_a_database_from_a_newer_digest_is_refused_and_left_alone(old_newsletter):
    db = old_newsletter / ".digest" / "state.db"
    with sqlite3.connect(db) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = db.read_bytes()
    with pytest.raises(StateError, match="newer digest"), StateStore.open(db):
        pass
    assert db.read_bytes() == before
    result = run_digest("status", cwd=old_newsletter)
    assert result.returncode == 1 and "newer digest" in result.stderr


def test_a_new_database_starts_at_the_current_version(tmp_path):
    with StateStore.open(tmp_path / "state.db") as state:
        assert state.next_number() == 1
    assert user_version(tmp_path / "state.db") == SCHEMA_VERSION
    assert not (tmp_path / f"state.db.before-v{SCHEMA_VERSION}").exists(), "nothing to keep a copy of"
