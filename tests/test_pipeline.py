"""The publish cycle: publish, nothing new, renamed, edited, drafts, and interrupted runs."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import inbox_snapshot

import digest.pipeline as pipeline
from digest.errors import PublishError
from digest.pipeline import compile_issue
from digest.state.store import StateStore
from digest.support.progress import Progress

QUBIT = """\
Quantum chip keeps qubits alive for a record time

A quantum processor kept its qubits coherent for a full second, its makers said on Monday.
The result brings error-corrected quantum computers a step closer.
"""
ROCKET = """\
Reusable rocket lands on a barge after its lunar test flight

The rocket returned from a flight around the Moon and landed on a barge in the ocean.
Engineers plan the next lunar flight for spring.
"""
DAY = dt.date(2026, 11, 23)


def issue_json(folder):
    return json.loads((folder / "issue.json").read_text())


def test_publish_then_nothing_new(newsletter):
    newsletter.add("qubit.txt", QUBIT)
    newsletter.add("rocket.txt", ROCKET)
    before = inbox_snapshot(newsletter.inbox)

    result = compile_issue(newsletter.config(), date=DAY)

    assert result.published
    assert result.folder == newsletter.issues / "0001-2026-11-23"
    assert sorted(p.name for p in result.folder.iterdir()) == [
        "email.html",
        "email.txt",
        "index.html",
        "issue.json",
        "message.eml",
    ]
    assert {p.name for p in newsletter.issues.iterdir() if p.is_file()} == {"index.html", "feed.xml"}
    data = issue_json(result.folder)
    assert data["number"] == 1 and data["date"] == "2026-11-23"
    assert [s["id"] for s in data["sections"]] == ["quantum", "space"]

    again = compile_issue(newsletter.config(), date=DAY)
    assert not again.published and again.folder is None
    assert "Nothing new" in again.message
    assert newsletter.issue_folders() == [result.folder]
    assert inbox_snapshot(newsletter.inbox) == before, "the inbox must never be modified"


def test_renamed_document_is_not_published_twice(newsletter):
    path = newsletter.add("qubit.txt", QUBIT)
    compile_issue(newsletter.config(), date=DAY)

    path.rename(newsletter.inbox / "renamed-qubit.txt")
    assert compile_issue(newsletter.config(), date=DAY).folder is None


def test_an_edited_published_document_is_not_sent_again_unless_the_curator_says_so(newsletter):
    """Fixing a typo in a clipping makes new bytes, but the story was published already."""
    path = newsletter.add("qubit.txt", QUBIT)
    compile_issue(newsletter.config(), date=DAY)
    path.write_text(QUBIT.replace("full second", "full second and a half") + "\nAn update: the paper is out.\n")
    newsletter.add("rocket.txt", ROCKET)

    second = issue_json(compile_issue(newsletter.config(), date=DAY + dt.timedelta(days=7)).folder)
    assert [s["id"] for s in second["sections"]] == ["space"]
    [held] = second["held_back"]
    assert held["documents"] == ["qubit.txt"] and held["reason"].startswith("already published in #1")

    # the curator sends it again, by its title in the corrections file
    path.write_text(QUBIT + "\nA second update: a rival lab reproduced it.\n")
    (newsletter.root / "corrections.yaml").write_text('"Quantum chip keeps qubits alive for a record time": quantum\n')
    third = issue_json(compile_issue(newsletter.config(), date=DAY + dt.timedelta(days=14)).folder)
    assert [st["documents"] for s in third["sections"] for st in s["stories"]] == [["qubit.txt"]]


def test_a_different_story_in_an_edited_document_is_published(newsletter):
    path = newsletter.add("qubit.txt", QUBIT)
    compile_issue(newsletter.config(), date=DAY)
    path.write_text(ROCKET)
    result = compile_issue(newsletter.config(), date=DAY + dt.timedelta(days=7))
    assert issue_json(result.folder)["number"] == 2


def test_new_documents_go_into_the_next_issue(newsletter):
    newsletter.add("qubit.txt", QUBIT)
    compile_issue(newsletter.config(), date=DAY)
    newsletter.add("rocket.txt", ROCKET)
    result = compile_issue(newsletter.config(), date=DAY + dt.timedelta(days=7))
    data = issue_json(result.folder)
    assert data["number"] == 2
    assert [s["id"] for s in data["sections"]] == ["space"], "only the new document is in issue #2"


def test_draft_publishes_nothing(newsletter):
    newsletter.add("qubit.txt", QUBIT)
    draft = compile_issue(newsletter.config(), draft=True, date=DAY)
    assert not draft.published
    assert issue_json(draft.folder)["number"] is None
    assert newsletter.issue_folders() == []
    real = compile_issue(newsletter.config(), date=DAY)
    assert issue_json(real.folder)["number"] == 1, "a draft uses up no issue number"


def test_out_writes_into_the_folder_and_keeps_other_files(newsletter, tmp_path):
    newsletter.add("qubit.txt", QUBIT)
    out = tmp_path / "somewhere" / "else"
    out.mkdir(parents=True)
    (out / "keep.me").write_text("mine")
    result = compile_issue(newsletter.config(), draft=True, out=out, date=DAY)
    assert result.folder == out
    assert sorted(p.name for p in out.iterdir()) == ["email.html", "email.txt", "issue.json", "keep.me", "message.eml"]


def test_bad_files_are_quarantined_and_the_rest_is_published(newsletter):
    newsletter.add("qubit.txt", QUBIT)
    newsletter.add("empty.txt", "")
    newsletter.add("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(100))
    before = inbox_snapshot(newsletter.inbox)
    result = compile_issue(newsletter.config(), date=DAY)
    data = issue_json(result.folder)
    assert {q["document"]: q["reason"] for q in data["quarantined"]} == {
        "empty.txt": "the file is empty",
        "photo.jpg": "unsupported file type '.jpg'; digest reads .eml, .htm, .html, .markdown, .md, .rst, .text, .txt",
    }
    assert data["sections"][0]["stories"][0]["documents"] == ["qubit.txt"]
    assert inbox_snapshot(newsletter.inbox) == before
    with StateStore.open(newsletter.root / ".digest" / "state.db") as state:
        assert len(state.published_hashes()) == 1, "quarantined documents are never marked published"


def test_story_matching_no_section_is_held_back_with_a_reason(newsletter):
    newsletter.add("qubit.txt", QUBIT)
    newsletter.add(
        "cake.txt",
        "Baking a lemon cake for the weekend\n\nMix butter, sugar and eggs, then fold in flour and lemon zest. Bake for forty minutes.\n",
    )
    data = issue_json(compile_issue(newsletter.config(), date=DAY).folder)
    assert data["held_back"] == [
        {
            "title": "Baking a lemon cake for the weekend",
            "documents": ["cake.txt"],
            "section": None,
            "reason": "matched no section",
        }
    ]
    assert "lemon cake" not in (newsletter.issues / "0001-2026-11-23" / "email.txt").read_text().lower()


def test_a_failure_while_writing_leaves_no_issue_and_marks_nothing(newsletter, monkeypatch):
    newsletter.add("qubit.txt", QUBIT)

    def broken_write(editions, target):
        raise PublishError(f"cannot write the issue to {target}: disk full")

    monkeypatch.setattr(pipeline, "write_issue", broken_write)
    with pytest.raises(PublishError):
        compile_issue(newsletter.config(), date=DAY)
    monkeypatch.undo()
    assert newsletter.issue_folders() == []
    result = compile_issue(newsletter.config(), date=DAY)
    assert issue_json(result.folder)["number"] == 1


def test_a_crash_after_writing_but_before_recording_is_redone_completely(newsletter, monkeypatch):
    """The files are in place but the state was not committed: nothing is marked published,
    so the next run publishes the same issue number again, replacing the orphan folder."""
    newsletter.add("qubit.txt", QUBIT)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(StateStore, "record_issue", crash)
    with pytest.raises(KeyboardInterrupt):
        compile_issue(newsletter.config(), date=DAY)
    monkeypatch.undo()
    with StateStore.open(newsletter.root / ".digest" / "state.db") as state:
        assert state.published_hashes() == set() and state.last_issue() is None
    result = compile_issue(newsletter.config(), date=DAY)
    assert result.folder.name == "0001-2026-11-23"
    assert newsletter.issue_folders() == [result.folder]
    assert issue_json(result.folder)["number"] == 1


def test_temporary_folders_do_not_survive_a_failed_write(newsletter, monkeypatch):
    newsletter.add("qubit.txt", QUBIT)
    import digest.archive.writer as writer

    def failing_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "fsync", failing_fsync)
    with pytest.raises(PublishError, match="No space left"):
        compile_issue(newsletter.config(), date=DAY)
    monkeypatch.undo()
    assert not newsletter.issues.exists() or list(newsletter.issues.iterdir()) == []


# --- the policies of a scheduled run ---

from digest.pipeline import Policy  # noqa: E402


def test_cutoff_leaves_late_documents_for_the_next_issue(newsletter):
    import os

    early = newsletter.add("qubit.txt", QUBIT)
    late = newsletter.add("rocket.txt", ROCKET)
    run_time = dt.datetime(2026, 11, 23, 8, tzinfo=dt.UTC)
    os.utime(early, (run_time.timestamp() - 5 * 3600,) * 2)
    os.utime(late, (run_time.timestamp() - 3600,) * 2)
    policy = Policy(period="p1", arrived_before=run_time - dt.timedelta(hours=2))
    data = issue_json(compile_issue(newsletter.config(), date=DAY, policy=policy).folder)
    assert [s["id"] for s in data["sections"]] == ["quantum"]
    second = issue_json(compile_issue(newsletter.config(), date=DAY, policy=Policy(period="p2")).folder)
    assert [s["id"] for s in second["sections"]] == ["space"]


def test_min_stories_holds_everything_for_the_next_run(newsletter):
    newsletter.add("qubit.txt", QUBIT)
    result = compile_issue(newsletter.config(), date=DAY, policy=Policy(period="p1", min_stories=2))
    assert not result.published and result.outcome == "too few stories"
    assert newsletter.issue_folders() == []
    newsletter.add("rocket.txt", ROCKET)
    assert compile_issue(newsletter.config(), date=DAY, policy=Policy(period="p2", min_stories=2)).published


def test_a_recorded_period_is_never_published_again(newsletter):
    newsletter.add("qubit.txt", QUBIT)
    assert compile_issue(newsletter.config(), date=DAY, policy=Policy(period="p1")).published
    newsletter.add("rocket.txt", ROCKET)
    again = compile_issue(newsletter.config(), date=DAY, policy=Policy(period="p1"))
    assert not again.published and "already recorded" in again.message


def test_stories_over_a_cap_come_back_next_time(newsletter):
    newsletter.write_config(
        newsletter.config_path.read_text().replace(
            "    keywords: [quantum, qubit]", "    keywords: [quantum, qubit]\n    max_items: 1"
        )
    )
    newsletter.add("qubit.txt", QUBIT)
    newsletter.add(
        "qubit2.txt",
        "Quantum network links three cities\n\nA quantum network now links three cities with entangled photons, "
        "its operators said on Friday. The qubit link ran for a week without a break.\n",
    )
    first = issue_json(compile_issue(newsletter.config(), date=DAY).folder)
    assert len(first["sections"][0]["stories"]) == 1
    [held] = first["held_back"]
    assert held["section"] == "quantum"
    second = issue_json(compile_issue(newsletter.config(), date=DAY + dt.timedelta(days=7)).folder)
    assert [s["documents"] for s in second["sections"][0]["stories"]] == [held["documents"]], "carried over"


def test_a_publish_under_way_makes_a_compile_refuse(newsletter):
    from conftest import hold_lock

    from digest.state.locks import LockError

    newsletter.add("qubit.txt", QUBIT)
    with hold_lock(newsletter.root / ".digest" / "publish.lock") as pid:
        with pytest.raises(LockError, match=f"a publish is already under way \\(pid {pid} on "):
            compile_issue(newsletter.config(), date=DAY)
        assert compile_issue(newsletter.config(), draft=True, date=DAY).folder is not None, "a draft needs no lock"
    assert compile_issue(newsletter.config(), date=DAY).published, "the holder's exit released the lock"


def test_a_lock_file_left_behind_is_not_a_lock(newsletter):
    """A holder killed with SIGKILL leaves its file (with its pid) but the kernel dropped its lock."""
    newsletter.add("qubit.txt", QUBIT)
    lock = newsletter.root / ".digest" / "publish.lock"
    lock.parent.mkdir(parents=True)
    lock.write_text("pid 1 on elsewhere")
    assert compile_issue(newsletter.config(), date=DAY).published


def test_an_unchanged_draft_is_not_built_again_in_any_folder(newsletter, tmp_path):
    newsletter.add("qubit.txt", QUBIT)
    out = tmp_path / "preview-copy"
    first = compile_issue(newsletter.config(), draft=True, out=out, date=DAY)
    again = compile_issue(newsletter.config(), draft=True, out=out, date=DAY)
    assert first.message == "Draft: 1 story" and again.message == "Draft (unchanged): 1 story"
    assert again.folder == out
    default = compile_issue(newsletter.config(), draft=True, date=DAY)
    assert default.message == "Draft: 1 story", "each folder keeps its own signature"
    newsletter.add("rocket.txt", ROCKET)
    assert compile_issue(newsletter.config(), draft=True, out=out, date=DAY).message == "Draft: 2 stories"
    (out / "issue.json").unlink()
    assert compile_issue(newsletter.config(), draft=True, out=out, date=DAY).message == "Draft: 2 stories", (
        "a folder that lost its files is written again"
    )


class Recorded(Progress):
    """A progress line that records the steps it is shown."""

    def __init__(self) -> None:
        self.steps: list[str] = []

    def stage(self, label: str) -> None:
        self.steps.append(label)

    def track(self, items, label, total):
        if total:
            self.steps.append(f"{label} ({total})")
        yield from items


def test_one_progress_line_follows_the_whole_compile_and_nothing_shows_when_nothing_is_to_do(newsletter):
    newsletter.add("qubit.txt", QUBIT)
    first = Recorded()
    compile_issue(newsletter.config(), draft=True, date=DAY, progress=first)
    assert first.steps == [
        "Reading documents (1)",
        "Cutting stories (1)",
        "Merging duplicates",
        "Placing stories in sections",
        "Building the issue",
        "Rendering the editions",
        "Writing the issue",
    ]
    unchanged = Recorded()
    compile_issue(newsletter.config(), draft=True, date=DAY, progress=unchanged)
    assert unchanged.steps == [], "an unchanged draft shows no progress"
    newsletter.add("rocket.txt", ROCKET)
    warm = Recorded()
    compile_issue(newsletter.config(), draft=True, date=DAY, progress=warm)
    assert warm.steps[:2] == ["Reading documents (1)", "Cutting stories (1)"], "only the new document is counted"


def test_a_changed_digest_reads_cuts_and_builds_again(newsletter, monkeypatch):
    """After an upgrade (or an edit of the splitter) nothing made by the old code is reused:
    neither the unchanged draft nor the cached documents and stories."""
    from digest.archive import drafts

    newsletter.add("qubit.txt", QUBIT)
    compile_issue(newsletter.config(), draft=True, date=DAY)
    monkeypatch.setattr(pipeline, "CACHE_VERSION", pipeline.CACHE_VERSION + "-next")
    monkeypatch.setattr(drafts, "code_fingerprint", lambda *parts: "next")
    again = Recorded()
    result = compile_issue(newsletter.config(), draft=True, date=DAY, progress=again)
    assert result.message == "Draft: 1 story"
    assert again.steps[:2] == ["Reading documents (1)", "Cutting stories (1)"]


def test_the_code_fingerprint_follows_the_source_it_names():
    from digest.support.cache import code_fingerprint

    assert code_fingerprint("stories") == code_fingerprint("stories")
    assert len({code_fingerprint("stories"), code_fingerprint("readers"), code_fingerprint("stories", "readers")}) == 3


def _collector_enabled(_: object) -> bool:
    import gc

    return gc.isenabled()


def test_a_compile_pauses_the_cycle_collector_only_while_it_builds(newsletter, monkeypatch):
    # the build itself runs without the cycle collector (support/collector.py); workers keep
    # theirs, and the process has it back afterwards, even when the build fails
    import gc

    from digest.support.workers import bounded_map, shutdown

    shutdown()  # the workers are started by the compile below, while its collector is paused
    seen = []
    real_assign = pipeline.assign_sections

    def assign_and_look(*args, **kwargs):
        seen.append((gc.isenabled(), bounded_map(_collector_enabled, [None], 30.0)))
        return real_assign(*args, **kwargs)

    monkeypatch.setattr(pipeline, "assign_sections", assign_and_look)
    newsletter.add("qubit.txt", QUBIT)
    compile_issue(newsletter.config(), draft=True)
    assert seen == [(False, [True])]
    assert gc.isenabled()

    def fail(*args, **kwargs):
        raise PublishError("disk gone")

    monkeypatch.setattr(pipeline, "assign_sections", fail)
    newsletter.add("rocket.txt", ROCKET)
    with pytest.raises(PublishError):
        compile_issue(newsletter.config(), draft=True)
    assert gc.isenabled()


def test_publishing_empties_the_caches_of_what_it_published(newsletter):
    """The caches save work on documents still to come; a published document is never read
    again, so what they held for it goes, and the state does not grow with every issue."""
    import sqlite3

    newsletter.add("qubit.txt", QUBIT)
    newsletter.add("rocket.txt", ROCKET)
    config = newsletter.config()
    compile_issue(config, draft=True, date=DAY)
    database = pipeline.state_path(config)

    def rows() -> dict[str, int]:
        with sqlite3.connect(database) as connection:
            counts = {
                t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("read_cache", "split_cache", "field_cache")
            }
        connection.close()
        return counts

    assert all(rows().values()), "a draft fills the caches"
    compile_issue(config, date=DAY)
    assert rows() == {"read_cache": 0, "split_cache": 0, "field_cache": 0}
    newsletter.add("mars.txt", "Satellite reaches Mars orbit\n\nThe satellite entered orbit around Mars on Friday.\n")
    result = compile_issue(config, draft=True, date=DAY + dt.timedelta(days=7))
    assert result.issue is not None
    assert [s.title for section in result.issue.sections for s in section.stories] == ["Satellite reaches Mars orbit"]
    assert all(rows().values()), "the next documents are cached again"
