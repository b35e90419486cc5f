"""What a curator sees: the draft tells the truth, the terminal and the docs help.

Each test is one item a new user ran into, tried the way they would: the real `digest`
command in a child process."""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL_CONFIG, REPO, run_digest

from digest.commands.scaffold import commented_config
from digest.config import Config

# --- the draft tells the truth ---


def test_a_mistake_in_the_subject_shows_in_the_first_draft_naming_the_file(sample_newsletter: Path):
    config = sample_newsletter / "config.yaml"
    config.write_text(config.read_text() + '\nemail:\n  subject: "{{ titel }} #{{ number }}"\n')
    result = run_digest("compile", "--draft", cwd=sample_newsletter)
    assert result.returncode == 2, result.stderr
    assert f"email.subject in {config.resolve()}" in result.stderr and "titel" in result.stderr


def test_a_draft_has_the_subject_the_issue_will_have_marked_as_a_draft(sample_newsletter: Path):
    draft = run_digest("compile", "--draft", cwd=sample_newsletter)
    folder = Path(draft.stdout.strip().splitlines()[-1])
    subject = json.loads((folder / "issue.json").read_text())["subject"]
    published = run_digest("compile", cwd=sample_newsletter)
    real = json.loads((Path(published.stdout.strip().splitlines()[-1]) / "issue.json").read_text())["subject"]
    assert subject == f"[DRAFT] {real}" and real.startswith("Frontier Tech Weekly #1: ")


def test_out_without_draft_publishes_into_the_archive_and_writes_the_copy(sample_newsletter: Path, tmp_path: Path):
    copy = tmp_path / "for-my-esp"
    result = run_digest("compile", "--out", str(copy), cwd=sample_newsletter)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(copy)
    [archived] = [p for p in (sample_newsletter / "issues").iterdir() if p.name.startswith("0001-")]
    assert (copy / "email.html").read_bytes() == (archived / "email.html").read_bytes()
    assert archived.name in (sample_newsletter / "issues" / "feed.xml").read_text(), "the feed lists it"


def test_an_issue_dated_before_the_last_one_needs_force(sample_newsletter: Path):
    assert run_digest("compile", "--date", "2026-11-23", cwd=sample_newsletter).returncode == 0
    (sample_newsletter / "inbox" / "late.txt").write_text(
        "Late rocket news\n\nThe rocket flew again on Friday after a long pause, its builders said at the pad.\n"
    )
    refused = run_digest("compile", "--date", "2026-11-16", cwd=sample_newsletter)
    assert refused.returncode == 2 and "--force" in refused.stderr and "#1" in refused.stderr
    assert run_digest("compile", "--date", "2026-11-16", "--force", cwd=sample_newsletter).returncode == 0


# --- the preview ---


def test_the_preview_default_port_is_not_a_mail_catchers():
    result = run_digest("preview", "--help")
    assert "8025" not in result.stdout and "8747" in result.stdout


def test_a_busy_port_is_a_usage_error_naming_it(sample_newsletter: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_digest("preview", "--port", str(port), cwd=sample_newsletter, timeout=30)
    assert result.returncode == 2 and str(port) in result.stderr and "--port" in result.stderr
    assert "http://" not in result.stdout, "no URL is printed for a server that is not up"


# --- messages ---


def test_config_mistakes_name_the_file_the_key_the_line_and_a_fix(tmp_path: Path):
    config = tmp_path / "config.yaml"
    config.write_text(
        MINIMAL_CONFIG.replace("  timezone: Europe/Berlin\n", "  timezone: Europe/Berlin\n  descripton: x\n")
    )
    (tmp_path / "inbox").mkdir()
    result = run_digest("status", cwd=tmp_path)
    assert (
        result.returncode == 2
        and "newsletter.descripton (line 4): unknown key (did you mean 'description'?)" in result.stderr
    )
    config.write_text(MINIMAL_CONFIG.replace("title: Test Weekly", "title: News: and views"))
    result = run_digest("status", cwd=tmp_path)
    assert result.returncode == 2 and 'needs quotes, e.g. title: "News: and views"' in result.stderr
    config.write_text(MINIMAL_CONFIG.replace("  - id: space", "  - id: quantum"))
    lines = config.read_text().splitlines()
    second = max(i for i, line in enumerate(lines) if "id: quantum" in line) + 1
    result = run_digest("status", cwd=tmp_path)
    assert result.returncode == 2 and f"(line {second}): duplicate section id 'quantum'" in result.stderr


def test_no_config_names_its_absolute_path_and_digest_init(tmp_path: Path):
    result = run_digest("status", cwd=tmp_path)
    assert result.returncode == 2
    assert str(tmp_path / "config.yaml") in result.stderr and "digest init" in result.stderr


def test_counts_agree_with_their_nouns(newsletter):
    newsletter.add(
        "one.txt", "Rocket reaches orbit\n\nThe rocket reached orbit on Tuesday, its builders said after launch.\n"
    )
    result = run_digest("compile", "--draft", cwd=newsletter.root)
    assert "Draft: 1 story (in " in result.stderr and "1 stories" not in result.stderr
    status = run_digest("status", cwd=newsletter.root)
    assert "Pending: 1 document, 1 story for the next issue" in status.stdout


def test_help_is_whole_and_answers_to_h():
    result = run_digest("-h")
    listing = result.stdout.split("Commands:")[1]
    assert result.returncode == 0 and "..." not in listing, "a command's summary is cut"
    for command in ("compile", "status", "explain", "docs", "completion"):
        assert f"  {command}" in result.stdout
    assert run_digest("compile", "-h").returncode == 0


def test_quiet_prints_the_result_only_and_verbose_lets_the_libraries_speak(sample_newsletter: Path):
    quiet = run_digest("-q", "compile", "--draft", cwd=sample_newsletter)
    assert quiet.returncode == 0 and quiet.stderr.strip() == ""
    assert quiet.stdout.strip().endswith("draft")
    import logging

    from digest.schedule.run import setup_logging

    config = Config.model_validate({"newsletter": {"title": "T"}, "sections": [{"id": "a", "title": "A"}]})
    setup_logging(config, 0)
    assert logging.getLogger("watchfiles").getEffectiveLevel() == logging.WARNING
    setup_logging(config, 1)
    assert logging.getLogger("watchfiles").getEffectiveLevel() == logging.INFO
    setup_logging(config, 0)


# --- scripting ---


def test_status_check_and_explain_speak_json(sample_newsletter: Path):
    status = json.loads(run_digest("status", "--json", cwd=sample_newsletter).stdout)
    assert status["stories"] == 8 and status["last_issue"] is None
    assert any(h["reason"] == "matched no section" for h in status["held_back"])
    explain = json.loads(run_digest("explain", "inbox/celebrity-wedding.txt", "--json", cwd=sample_newsletter).stdout)
    assert explain["status"] == "pending" and explain["stories"][0]["reason"] == "matched no section"
    run_digest("compile", cwd=sample_newsletter)
    check = run_digest("check", "--json", cwd=sample_newsletter)
    data = json.loads(check.stdout)
    assert (
        data["errors"] == 0
        and check.returncode == 0
        and data["issue"].endswith(str(dt.date.today().year)[:2] + data["issue"][-8:])
    )


def test_shell_completion_scripts():
    for shell in ("bash", "zsh", "fish"):
        result = run_digest("completion", shell)
        assert result.returncode == 0 and "_DIGEST_COMPLETE" in result.stdout


# --- docs that travel with the package ---


def test_digest_docs_prints_every_page():
    listing = run_digest("docs")
    for page in ("config", "templates", "architecture", "contract"):
        assert f"digest docs {page}" in listing.stdout
        text = run_digest("docs", page).stdout
        assert text == (REPO / "docs" / f"{page}.md").read_text()


@pytest.mark.slow
def test_the_wheel_carries_the_docs_and_the_templates(tmp_path: Path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {built.stderr[-300:]}")
    import zipfile

    [wheel] = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for page in ("config", "templates", "architecture", "contract"):
        assert f"digest/docs/{page}.md" in names
    assert "digest/templates/email/email.html" in names and "digest/commands/pages/desk.html" in names


def test_the_init_config_carries_every_keys_whole_meaning():
    text = " ".join(line.strip().lstrip("# ").strip() for line in commented_config("X").splitlines())
    from pydantic import BaseModel

    for info in Config.model_fields.values():
        model = (
            info.annotation if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel) else None
        )
        fields = model.model_fields.values() if model is not None else [info]
        for field in fields:
            if field.description:
                assert " ".join(field.description.split()) in text, field.description
    assert not any(line.endswith("…") for line in commented_config("X").splitlines()), "a meaning was cut"


# --- small things readers see ---


def test_the_footer_reads_right_with_and_without_a_description(newsletter):
    newsletter.add(
        "one.txt", "Rocket reaches orbit\n\nThe rocket reached orbit on Tuesday, its builders said after launch.\n"
    )
    folder = Path(run_digest("compile", "--draft", cwd=newsletter.root).stdout.strip().splitlines()[-1])
    text = (folder / "email.txt").read_text()
    assert "You receive Test Weekly because you subscribed to it." in " ".join(text.split())
    newsletter.write_config(
        MINIMAL_CONFIG.replace(
            "  timezone: Europe/Berlin\n", "  timezone: Europe/Berlin\n  description: a weekly digest\n"
        )
    )
    folder = Path(run_digest("compile", "--draft", cwd=newsletter.root).stdout.strip().splitlines()[-1])
    text = " ".join((folder / "email.txt").read_text().split())
    assert "You receive Test Weekly, a weekly digest, because you subscribed to it." in text


def test_without_base_url_the_feed_has_no_empty_links_and_check_warns(newsletter):
    newsletter.add(
        "one.txt", "Rocket reaches orbit\n\nThe rocket reached orbit on Tuesday, its builders said after launch.\n"
    )
    assert run_digest("compile", cwd=newsletter.root).returncode == 0
    feed = (newsletter.root / "issues" / "feed.xml").read_text()
    assert 'href=""' not in feed
    check = run_digest("check", cwd=newsletter.root)
    assert "newsletter.base_url is not set" in check.stdout
    assert "From: digest@localhost is not an address mail servers accept" in check.stdout
