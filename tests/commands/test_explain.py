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
    # the words that placed each story, not only its section
    assert "section: policy — matched ministry" in out


def test_explain_a_duplicate_names_the_other_document(sample_newsletter):
    result = run_digest("explain", "inbox/lunar-lander-touches-down.txt", cwd=sample_newsletter, env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "same article also in: downloads/lunar-lander-touches-down (1).txt" in result.stdout
    assert "section: space" in result.stdout


def test_explain_an_unknown_document_is_a_usage_error(sample_newsletter):
    result = run_digest("explain", "nope.txt", cwd=sample_newsletter)
    assert result.returncode == 2
    assert "nope.txt is not a document of the inbox" in result.stderr


def test_explain_a_published_document_names_its_issue(sample_newsletter):
    compile_ = run_digest("compile", "--date", "2026-11-23", cwd=sample_newsletter)
    assert compile_.returncode == 0, compile_.stderr
    result = run_digest("explain", "inbox/lunar-lander-touches-down.txt", cwd=sample_newsletter, env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "published in issue #1" in result.stdout and "0001-2026-11-23" in result.stdout
    assert "Space & Big Science: Private lunar lander" in result.stdout


def test_explain_a_quarantined_document_gives_its_reason(sample_newsletter):
    (sample_newsletter / "inbox" / "empty.txt").write_bytes(b"")
    result = run_digest("explain", "empty.txt", cwd=sample_newsletter)
    assert result.returncode == 0, result.stderr
    assert "empty.txt: quarantined" in result.stdout and "empty" in result.stdout


def test_explain_a_merged_copy_says_which_title_won_and_why(sample_newsletter):
    """The same article clipped twice: the copy whose title lost is told why."""
    article = (sample_newsletter / "inbox" / "lunar-lander-touches-down.txt").read_text(encoding="utf-8")
    body = article.split("\n", 1)[1]
    (sample_newsletter / "inbox" / "masthead-copy.txt").write_text("SPACE DESK — MOON\n" + body, encoding="utf-8")
    result = run_digest("explain", "masthead-copy.txt", cwd=sample_newsletter, env={"COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert "same article also in:" in result.stdout and "lunar-lander-touches-down.txt" in result.stdout
    assert "merged story's title:" in result.stdout and "another copy's title" in result.stdout
