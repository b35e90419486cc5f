"""Scanning the inbox: which files count, and that a missing inbox is an error."""

from __future__ import annotations

import os

import pytest

from digest.errors import InboxError
from digest.readers.inbox import is_ignored, scan_inbox


@pytest.mark.parametrize(
    "name",
    [
        ".hidden.txt",
        "notes/.draft.md",
        "page.html.part",
        "movie.crdownload",
        "x.tmp",
        "draft.md~",
        ".note.md.swp",
        "#autosave#",
        "sub/.git/config",
    ],
)
def test_partial_hidden_and_editor_files_are_ignored(name):
    assert is_ignored(name)


@pytest.mark.parametrize("name", ["article.txt", "sub/folder/page.html", "2026-11-01 note.md", "tmp-notes.txt"])
def test_ordinary_documents_are_not_ignored(name):
    assert not is_ignored(name)


def test_scan_lists_documents_in_subfolders_sorted_with_hashes(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("a")
    (tmp_path / "c.txt.part").write_text("partial")
    scan = scan_inbox(tmp_path)
    files, quarantined = scan.files, scan.quarantined
    assert [f.name for f in files] == ["b.txt", "sub/a.md"]
    assert files[0].content_hash != files[1].content_hash
    assert quarantined == []


def test_missing_inbox_is_an_error_not_an_empty_issue(tmp_path):
    with pytest.raises(InboxError, match="does not exist"):
        scan_inbox(tmp_path / "not-mounted")


def test_a_file_that_cannot_be_opened_is_quarantined(tmp_path):
    (tmp_path / "good.txt").write_text("fine")
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    scan = scan_inbox(tmp_path)
    files, quarantined = scan.files, scan.quarantined
    assert [f.name for f in files] == ["good.txt"]
    assert [q.document for q in quarantined] == ["dangling.txt"]
    assert quarantined[0].reason == "a link that leads nowhere"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_permissions_are_quarantined(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("hidden")
    secret.chmod(0)
    try:
        quarantined = scan_inbox(tmp_path).quarantined
    finally:
        secret.chmod(0o644)
    assert quarantined[0].document == "secret.txt"
    assert "ermission" in quarantined[0].reason


def test_a_long_lived_process_reads_only_files_that_changed_since_its_last_scan(tmp_path, monkeypatch):
    import os

    from digest.readers import inbox as inbox_module
    from digest.support.cache import keep_results

    (tmp_path / "a.txt").write_text("Harbour news: the pontoon opens on Monday.")
    (tmp_path / "b.txt").write_text("Ferry news: the timetable changes in December.")
    reads: list[str] = []
    real = inbox_module.read_file_bytes
    monkeypatch.setattr(inbox_module, "read_file_bytes", lambda path, *a: reads.append(path.name) or real(path, *a))
    monkeypatch.setattr(inbox_module, "RACY_NS", -(10**12))  # every file counts as settled
    keep_results()
    try:
        first = {f.name: f.content_hash for f in scan_inbox(tmp_path).files}
        assert sorted(reads) == ["a.txt", "b.txt"]
        reads.clear()
        assert {f.name: f.content_hash for f in scan_inbox(tmp_path).files} == first
        assert reads == [], "nothing changed: nothing read"
        # same size, and the modification time put back: a file changed just now is read again
        # (its change time may not have moved within the clock's tick)
        monkeypatch.setattr(inbox_module, "RACY_NS", 2_000_000_000)
        before = os.stat(tmp_path / "a.txt")
        (tmp_path / "a.txt").write_text("Harbour news: the pontoon opens on Friday.")
        os.utime(tmp_path / "a.txt", ns=(before.st_atime_ns, before.st_mtime_ns))
        again = {f.name: f.content_hash for f in scan_inbox(tmp_path).files}
        assert "a.txt" in reads and again["a.txt"] != first["a.txt"] and again["b.txt"] == first["b.txt"]
        # a file removed is gone from the next scan, and one written under its name is read
        (tmp_path / "b.txt").unlink()
        assert [f.name for f in scan_inbox(tmp_path).files] == ["a.txt"]
        (tmp_path / "b.txt").write_text("Ferry news: the timetable stays as it is.")
        reads.clear()
        assert {f.name: f.content_hash for f in scan_inbox(tmp_path).files}["b.txt"] != first["b.txt"]
        assert "b.txt" in reads
    finally:
        keep_results(False)
