"""The archive and the state tell the same story: numbering, lost state, interrupted
publishes, a failing web archive, and `digest repair`."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from conftest import run_digest

import digest.pipeline as pipeline
from digest.errors import StateError
from digest.pipeline import compile_issue
from digest.state.store import StateStore

DAY = dt.date(2026, 11, 23)


def story(n: int) -> str:
    return (
        f"Rocket flight {n} reaches the Moon\n\nThe rocket of flight {n} reached lunar orbit on day {n + 3}, "
        f"and its crew of {n + 1} reported a smooth burn from mission control number {n * 7}.\n"
    )


def publish(newsletter, n: int, day: dt.date):
    newsletter.add(f"rocket{n}.txt", story(n))
    result = compile_issue(newsletter.config(), date=day)
    assert result.published, result.message
    return result


def issue_json(folder):
    return json.loads((folder / "issue.json").read_text())


@pytest.mark.parametrize("loss", ["deleted", "emptied"])
def test_a_lost_state_next_to_published_issues_is_refused_then_repaired(newsletter, loss):
    first = publish(newsletter, 1, DAY)
    publish(newsletter, 2, DAY + dt.timedelta(days=7))
    state_db = newsletter.root / ".digest" / "state.db"
    if loss == "deleted":
        state_db.unlink()
    else:
        state_db.write_bytes(b"")
    newsletter.add("rocket3.txt", story(3))
    before = sorted(p.name for p in newsletter.issue_folders())

    with pytest.raises(StateError, match=r"does not record \(0001-2026-11-23, 0002-2026-11-30\).*digest repair"):
        compile_issue(newsletter.config(), date=DAY + dt.timedelta(days=14))
    assert sorted(p.name for p in newsletter.issue_folders()) == before, "nothing overwritten, nothing added"
    assert issue_json(first.folder)["number"] == 1

    repaired = run_digest("repair", cwd=newsletter.root)
    assert repaired.returncode == 0, repaired.stderr
    assert "recorded again: #1, #2; 2 documents marked as published" in repaired.stderr

    third = compile_issue(newsletter.config(), date=DAY + dt.timedelta(days=14))
    data = issue_json(third.folder)
    assert data["number"] == 3, "numbering continues after the archive"
    assert [st["documents"] for s in data["sections"] for st in s["stories"]] == [["rocket3.txt"]], "nothing re-sent"


def test_repair_of_an_issue_json_without_its_document_list_matches_the_inbox_by_name(newsletter):
    first = publish(newsletter, 1, DAY)
    data = issue_json(first.folder)
    del data["consumed"]
    (first.folder / "issue.json").write_text(json.dumps(data))
    (newsletter.root / ".digest" / "state.db").unlink()
    repaired = run_digest("repair", cwd=newsletter.root)
    assert repaired.returncode == 0 and "matched to the inbox by name" in repaired.stderr
    assert not compile_issue(newsletter.config(), date=DAY + dt.timedelta(days=7)).published, "nothing new"


def test_status_names_the_problem(newsletter):
    publish(newsletter, 1, DAY)
    (newsletter.root / ".digest" / "state.db").unlink()
    status = run_digest("status", cwd=newsletter.root)
    assert status.returncode == 0
    assert "problem:" in status.stdout and "digest repair" in status.stdout


def test_an_interrupted_publish_redone_on_a_later_date_keeps_one_folder_per_number(newsletter, monkeypatch):
    publish(newsletter, 1, DAY)
    newsletter.add("rocket2.txt", story(2))

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the process dies between writing the folder and recording it

    monkeypatch.setattr(StateStore, "record_issue", killed)
    with pytest.raises(KeyboardInterrupt):
        compile_issue(newsletter.config(), date=DAY + dt.timedelta(days=7))
    monkeypatch.undo()
    assert [p.name for p in newsletter.issue_folders()] == ["0001-2026-11-23", "0002-2026-11-30"]

    redo = compile_issue(newsletter.config(), date=DAY + dt.timedelta(days=9))
    assert redo.folder.name == "0002-2026-12-02"
    assert [p.name for p in newsletter.issue_folders()] == ["0001-2026-11-23", "0002-2026-12-02"]
    index = (newsletter.issues / "index.html").read_text()
    feed = (newsletter.issues / "feed.xml").read_text()
    assert "0002-2026-11-30" not in index + feed and "0002-2026-12-02" in index


def test_a_folder_someone_else_put_in_the_archive_is_not_mistaken_for_an_interrupted_publish(newsletter):
    first = publish(newsletter, 1, DAY)
    shutil.copytree(first.folder, newsletter.issues / "0002-2026-11-30")
    newsletter.add("rocket2.txt", story(2))
    with pytest.raises(StateError, match="0002-2026-11-30"):
        compile_issue(newsletter.config(), date=DAY + dt.timedelta(days=7))


def test_a_web_archive_failure_after_publishing_is_a_warning_and_is_retried(newsletter, monkeypatch):
    from digest.errors import PublishError

    def broken_site(config):
        raise PublishError(f"cannot write {config.issues_dir / 'feed.xml'}: No space left on device")

    monkeypatch.setattr(pipeline, "build_site", broken_site)
    newsletter.add("rocket1.txt", story(1))
    result = compile_issue(newsletter.config(), date=DAY)
    assert result.published and result.folder.is_dir()
    assert result.warnings and "No space left on device" in result.warnings[0] and "feed.xml" in result.warnings[0]
    with StateStore.open(newsletter.root / ".digest" / "state.db") as state:
        assert state.last_issue().number == 1, "published and recorded"
        assert state.meta(pipeline.SITE_STALE_KEY)
    monkeypatch.undo()

    from digest.schedule.run import Runner

    Runner(newsletter.config()).reconcile()
    assert "0001-2026-11-23" in (newsletter.issues / "index.html").read_text()
    with StateStore.open(newsletter.root / ".digest" / "state.db") as state:
        assert not state.meta(pipeline.SITE_STALE_KEY)


def test_a_web_archive_failure_exits_0_with_a_warning(newsletter):
    newsletter.add("rocket1.txt", story(1))
    (newsletter.root / "templates").mkdir()
    (newsletter.root / "templates" / "archive.html").write_text("{% for x in %}broken")
    newsletter.write_config(newsletter.config_path.read_text() + "paths:\n  templates: templates\n")
    result = run_digest("compile", "--date", "2026-11-23", cwd=newsletter.root)
    assert result.returncode == 0, result.stderr
    assert "warning:" in result.stderr and "archive.html" in result.stderr
    assert "internal error" not in result.stderr
    assert result.stdout.strip().endswith("0001-2026-11-23")


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        ("  inbox: .\n", "paths.issues"),
        ("  issues: inbox/issues\n", "paths.issues"),
        ("  issues: inbox\n", "paths.issues"),
        ("  state: inbox/.digest\n", "paths.state"),
        ("  site: inbox/site\n", "paths.site"),
        ("  issues: out\n  inbox: out/inbox\n", "paths.inbox"),
    ],
)
def test_written_folders_may_not_lie_inside_the_inbox(newsletter, paths, message):
    newsletter.write_config(newsletter.config_path.read_text() + "paths:\n" + paths)
    result = run_digest("compile", "--draft", cwd=newsletter.root)
    assert result.returncode == 2, result.stderr
    assert "config.yaml" in result.stderr and message in result.stderr and "Traceback" not in result.stderr


def test_issue_json_lists_the_documents_it_used_up_and_its_scheduled_run(newsletter):
    newsletter.add("rocket1.txt", story(1))
    result = compile_issue(newsletter.config(), date=DAY, policy=pipeline.Policy(period="2026-11-23T08:00:00"))
    data = issue_json(result.folder)
    assert data["scheduled_run"] == "2026-11-23T08:00:00"
    [consumed] = data["consumed"]
    import hashlib

    assert consumed == {
        "document": "rocket1.txt",
        "sha256": hashlib.sha256((newsletter.inbox / "rocket1.txt").read_bytes()).hexdigest(),
    }


def test_the_same_article_clipped_again_from_elsewhere_is_held_back(newsletter):
    publish(newsletter, 1, DAY)
    newsletter.add("elsewhere/rocket-copy.txt", story(1) + "\nShare this article\n")
    newsletter.add("rocket5.txt", story(5))
    data = issue_json(compile_issue(newsletter.config(), date=DAY + dt.timedelta(days=7)).folder)
    [held] = data["held_back"]
    assert held["documents"] == ["elsewhere/rocket-copy.txt"] and held["reason"].startswith("already published in #1")
