"""`digest explain DOCUMENT`: the decisions behind one document's stories."""

from __future__ import annotations

import shutil

from conftest import SEEDS, run_digest


def test_explain_shows_split_removed_lines_duplicates_and_sections(corpus, sample_newsletter):
    shutil.copy(SEEDS / "002_e4ff82c060884a02.txt", sample_newsletter / "inbox" / "forum.txt")
    result = run_digest("explain", "forum.txt", cwd=sample_newsletter, env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "forum.txt: 4 stories" in out
    assert "member badge" in out and "Registered Member" in out
    assert "forum post without a headline" in out
    assert "Germany resists US pressure for blanket Huawei ban" in out
    assert "section: " in out and "policy" in out


def test_explain_a_duplicate_names_the_other_document(sample_newsletter):
    result = run_digest("explain", "inbox/lunar-lander-touches-down.txt", cwd=sample_newsletter, env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "same article also in: downloads/lunar-lander-touches-down (1).txt" in result.stdout
    assert "section: space" in result.stdout


def test_explain_an_unknown_document_is_a_usage_error(sample_newsletter):
    result = run_digest("explain", "nope.txt", cwd=sample_newsletter)
    assert result.returncode == 2
    assert "nope.txt is not a pending document" in result.stderr
