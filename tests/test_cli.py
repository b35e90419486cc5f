"""The real `digest` command in a child process: what a curator types and sees."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import REPO, SEEDS, inbox_snapshot, run_digest


def test_compile_seeds_draft_writes_all_four_files(corpus, tmp_path):
    out = tmp_path / "x"
    state = tmp_path / "state"
    config = tmp_path / "config.yaml"
    config.write_text((REPO / "config.yaml").read_text().replace("state: .digest", f"state: {state}"))
    before = inbox_snapshot(SEEDS)
    result = run_digest("compile", "--config", str(config), "--inbox", str(SEEDS), "--out", str(out), "--draft")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(out)
    assert sorted(p.name for p in out.iterdir()) == ["email.html", "email.txt", "issue.json", "message.eml"]
    data = json.loads((out / "issue.json").read_text())
    documents = {d for s in data["sections"] for st in s["stories"] for d in st["documents"]}
    documents |= {d for h in data["held_back"] for d in h["documents"]}
    assert documents == {p.name for p in SEEDS.iterdir()}, "every seed yields stories"
    assert data["quarantined"] == []
    assert inbox_snapshot(SEEDS) == before


def test_compile_publishes_and_prints_the_issue_folder_last(sample_newsletter: Path):
    first = run_digest("compile", cwd=sample_newsletter)
    assert first.returncode == 0, first.stderr
    folder = Path(first.stdout.strip().splitlines()[-1])
    assert folder.parent == sample_newsletter / "issues"
    assert folder.name.startswith("0001-")
    assert "Issue #1: 8 stories" in first.stderr
    assert "held back: \"Pop star's surprise wedding" in first.stderr

    second = run_digest("compile", cwd=sample_newsletter)
    assert second.returncode == 0
    assert second.stdout == ""
    assert "Nothing new to publish" in second.stderr


def test_quarantined_file_is_reported_and_compile_still_succeeds(sample_newsletter: Path):
    (sample_newsletter / "inbox" / "scan.pdf").write_bytes(b"%PDF-1.7\n" + bytes(64))
    result = run_digest("compile", "--draft", cwd=sample_newsletter)
    assert result.returncode == 0
    assert "quarantined scan.pdf: unsupported file type '.pdf'" in result.stderr
    assert (sample_newsletter / "inbox" / "scan.pdf").exists()


def test_a_missing_inbox_is_a_config_error_naming_the_file_and_key(sample_newsletter: Path):
    result = run_digest("compile", "--inbox", str(sample_newsletter / "nowhere"), cwd=sample_newsletter)
    assert result.returncode == 2
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr
    assert "paths.inbox" in result.stderr and str(sample_newsletter / "config.yaml") in result.stderr
    assert not (sample_newsletter / "issues").exists()


def test_missing_config_exits_2(tmp_path: Path):
    result = run_digest("compile", cwd=tmp_path)
    assert result.returncode == 2
    assert "config.yaml" in result.stderr and "file not found" in result.stderr


def test_status_shows_pending_quarantined_last_and_next(sample_newsletter: Path):
    (sample_newsletter / "inbox" / "broken.txt").write_bytes(b"")
    wide = {"COLUMNS": "250"}
    before = run_digest("status", cwd=sample_newsletter, env=wide)
    assert before.returncode == 0, before.stderr
    assert "Last issue: none published yet" in before.stdout
    assert "Pending: 10 documents" in before.stdout
    assert "broken.txt" in before.stdout and "the file is empty" in before.stdout
    assert "Pop star's surprise wedding" in before.stdout and "matched no section" in before.stdout
    assert "Next scheduled run (cron '0 8 * * mon'): Mon" in before.stdout and "UTC" in before.stdout
    assert before.stdout.count("  then: Mon") == 2, "the next three runs"

    assert run_digest("compile", cwd=sample_newsletter).returncode == 0
    after = run_digest("status", cwd=sample_newsletter, env=wide)
    assert "Last issue: #1" in after.stdout
    assert "Pending: 0 documents" in after.stdout
    assert "broken.txt" in after.stdout, "a quarantined document stays visible until it is fixed"
