"""`digest run` as a real process: one issue per period, crash safety, missed runs, locks."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import zoneinfo
from pathlib import Path

import pytest

from digest.schedule.run import STARTED_KEY
from digest.state.store import StateStore

pytestmark = pytest.mark.slow
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
STORY = "Rocket {n} reaches the Moon\n\nRocket number {n} reached lunar orbit on Monday, its builders said after the burn.\n"


def write_config(root: Path, cron: str, extra: str = "", schedule: str = "") -> Path:
    (root / "inbox").mkdir(exist_ok=True)
    path = root / "config.yaml"
    path.write_text(
        textwrap.dedent(f"""\
        newsletter:
          title: Run Test
          timezone: Europe/Berlin
        schedule:
          cron: "{cron}"
          {schedule}
        sections:
          - id: space
            title: Space
            keywords: [rocket, moon, lunar]
        """)
        + textwrap.dedent(extra)
    )
    return path


def start(root: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "digest", "run"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, **(env or {})},
    )


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> str:
    process.send_signal(sig)
    output, _ = process.communicate(timeout=30)
    return output


def ledger(root: Path) -> list[tuple[str, str, int | None, str]]:
    with StateStore.open(root / ".digest" / "state.db") as state:
        return state.last_runs(10_000)


def lock_holder(root: Path) -> str:
    path = root / ".digest" / "run.lock"
    return path.read_text() if path.exists() else ""


def wait_for(condition, timeout: float = 30.0, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError("timed out waiting")


def cron_at(moment: dt.datetime) -> str:
    """A 6-field crontab that fires once a day at `moment` (local time)."""
    local = moment.astimezone(BERLIN)
    return f"{local.second} {local.minute} {local.hour} * * *"


def published_documents(root: Path) -> list[str]:
    names = []
    for folder in sorted((root / "issues").glob("0*")):
        data = json.loads((folder / "issue.json").read_text())
        names += [d for s in data["sections"] for st in s["stories"] for d in st["documents"]]
    return names


def arrived(path: Path, text: str, minutes_ago: float = 10) -> None:
    """A document that has been in the inbox a while: past `reading.settle`, which keeps a
    file still being written out of a scheduled issue."""
    path.write_text(text)
    moment = time.time() - minutes_ago * 60
    os.utime(path, (moment, moment))


def test_one_issue_per_period_while_documents_arrive(tmp_path):
    write_config(tmp_path, "*/4 * * * * *")
    process = start(tmp_path)
    try:
        for n in range(3):
            (tmp_path / "inbox" / f"rocket{n}.txt").write_text(STORY.format(n=n))
            time.sleep(3)
        wait_for(lambda: sorted(published_documents(tmp_path)) == [f"rocket{n}.txt" for n in range(3)], timeout=20)
        time.sleep(4)
    finally:
        output = stop(process)
    assert process.returncode == 0, output
    runs = ledger(tmp_path)
    periods = [r[0] for r in runs]
    assert len(periods) == len(set(periods)), "a period is recorded once"
    issues = [r[2] for r in runs if r[1] == "published"]
    folders = sorted(p.name for p in (tmp_path / "issues").glob("0*"))
    assert len(folders) == len(issues) == len(set(issues)) >= 1
    assert sorted(published_documents(tmp_path)) == [f"rocket{n}.txt" for n in range(3)], "each document exactly once"
    assert "stopped" in output


def test_sigkill_during_a_publish_then_restart_publishes_that_period_once(tmp_path):
    fire = dt.datetime.now(BERLIN).replace(microsecond=0) + dt.timedelta(seconds=6)
    write_config(tmp_path, cron_at(fire))
    arrived(tmp_path / "inbox" / "rocket.txt", STORY.format(n=1))
    process = start(tmp_path, env={"DIGEST_PAUSE_BEFORE_RECORD": "20"})
    try:
        wait_for(lambda: list((tmp_path / "issues").glob("0001-*/issue.json")), timeout=30)
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
    assert ledger(tmp_path) == [], "the killed publish recorded nothing"

    process = start(tmp_path)
    try:
        runs = wait_for(lambda: [r for r in ledger(tmp_path) if r[1] == "published"], timeout=30)
    finally:
        output = stop(process)
    period = fire.strftime("%Y-%m-%dT%H:%M:%S")
    assert runs == [(period, "published", 1, "")], output
    assert [p.name for p in (tmp_path / "issues").iterdir() if p.is_dir() and not p.name.startswith(".")] == [
        f"0001-{fire.date()}"
    ]
    assert published_documents(tmp_path) == ["rocket.txt"]


@pytest.mark.parametrize(("grace", "expected"), [("1h", "published"), ("10m", "missed")])
def test_a_missed_run_inside_and_outside_the_grace_window(tmp_path, grace, expected):
    slot = dt.datetime.now(BERLIN).replace(microsecond=0) - dt.timedelta(minutes=30)
    write_config(tmp_path, cron_at(slot), schedule=f"misfire_grace: {grace}")
    arrived(tmp_path / "inbox" / "rocket.txt", STORY.format(n=1))
    (tmp_path / ".digest").mkdir()
    with StateStore.open(tmp_path / ".digest" / "state.db") as state:
        # digest run was last up two hours ago: the machine was off at the scheduled time
        state.set_meta_once(STARTED_KEY, (slot - dt.timedelta(hours=1, minutes=30)).isoformat())
    process = start(tmp_path)
    try:
        runs = wait_for(lambda: ledger(tmp_path), timeout=20)
    finally:
        output = stop(process)
    assert [(r[0], r[1]) for r in runs] == [(slot.strftime("%Y-%m-%dT%H:%M:%S"), expected)], output
    if expected == "published":
        assert "catching up the run" in output
        assert published_documents(tmp_path) == ["rocket.txt"]
    else:
        assert "outside misfire_grace" in output and not (tmp_path / "issues").exists()


def test_a_second_run_on_the_same_state_refuses(tmp_path):
    write_config(tmp_path, "0 8 * * mon")
    first = start(tmp_path)
    try:
        wait_for(lambda: lock_holder(tmp_path).startswith(f"pid {first.pid} "))
        second = subprocess.run(
            [sys.executable, "-m", "digest", "run"], cwd=tmp_path, capture_output=True, text=True, timeout=30
        )
    finally:
        stop(first)
    assert second.returncode == 1
    assert f"pid {first.pid}" in second.stderr and "already under way" in second.stderr
    assert "Traceback" not in second.stderr
    from digest.state.locks import holding

    with holding(tmp_path / ".digest" / "run.lock", "test"):
        pass  # a clean stop released the lock


def test_a_stale_lock_is_taken_over(tmp_path):
    write_config(tmp_path, "0 8 * * mon")
    (tmp_path / ".digest").mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / ".digest" / "run.lock").write_text(f"pid {dead.pid} on here")
    process = start(tmp_path)
    try:
        wait_for(lambda: lock_holder(tmp_path).startswith(f"pid {process.pid} "))
    finally:
        output = stop(process)
    assert process.returncode == 0, output


def test_on_publish_runs_with_the_issue_folder_and_its_failure_keeps_the_issue(tmp_path):
    fire = dt.datetime.now(BERLIN).replace(microsecond=0) + dt.timedelta(seconds=4)
    hook = tmp_path / "hook.sh"
    hook.write_text('#!/bin/sh\necho "handing over $1"\nexit 3\n')
    hook.chmod(0o755)
    write_config(tmp_path, cron_at(fire), f"on_publish: {hook}\n")
    arrived(tmp_path / "inbox" / "rocket.txt", STORY.format(n=1))
    process = start(tmp_path)
    try:
        wait_for(lambda: [r for r in ledger(tmp_path) if r[1] == "published"], timeout=20)
        time.sleep(1)
    finally:
        output = stop(process)
    assert f"on_publish: handing over {tmp_path / 'issues'}/0001-" in output
    assert "exited with 3 (the issue stays published)" in output
    assert published_documents(tmp_path) == ["rocket.txt"]


def test_a_missing_inbox_is_reported_never_an_empty_issue(tmp_path):
    fire = dt.datetime.now(BERLIN).replace(microsecond=0) + dt.timedelta(seconds=3)
    write_config(tmp_path, cron_at(fire))
    (tmp_path / "inbox").rmdir()
    process = start(tmp_path)
    try:
        time.sleep(6)
    finally:
        output = stop(process)
    assert "the inbox is unavailable" in output and "does not exist" in output
    assert not (tmp_path / "issues").exists()
    assert ledger(tmp_path) == [], "the period stays open: it is retried while within its grace"


def test_the_watcher_reports_a_bad_file_at_once_and_refreshes_the_draft(tmp_path):
    write_config(tmp_path, "0 8 * * mon")
    process = start(tmp_path)
    try:
        wait_for(lambda: (tmp_path / ".digest" / "run.lock").exists())
        time.sleep(1)
        (tmp_path / "inbox" / "download.html.part").write_text("<html>half a page")
        (tmp_path / "inbox" / "empty.txt").write_bytes(b"")
        (tmp_path / "inbox" / "rocket.txt").write_text(STORY.format(n=7))
        draft = tmp_path / ".digest" / "draft" / "issue.json"
        wait_for(lambda: draft.exists() and "Rocket 7" in draft.read_text(), timeout=15)
        time.sleep(1)
    finally:
        output = stop(process)
    assert "quarantined empty.txt: the file is empty" in output
    assert "download.html.part" not in output, "partial downloads are ignored"
    assert ledger(tmp_path) == [], "the watcher publishes nothing: only the schedule does"
    assert not (tmp_path / "issues").exists()
