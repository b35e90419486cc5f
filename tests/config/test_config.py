"""config.yaml: a bad config exits 2 with one message naming the file, key path and problem."""

from __future__ import annotations

import pytest
from conftest import REPO, run_digest

from digest.config import load_config
from digest.errors import ConfigError

GOOD_SECTIONS = """
sections:
  - id: quantum
    title: Quantum
    keywords: [quantum]
"""


def problems_for(newsletter, text: str) -> str:
    newsletter.write_config(text)
    with pytest.raises(ConfigError) as caught:
        newsletter.config()
    return str(caught.value)


def test_the_sample_config_is_valid():
    config = load_config(REPO / "config.yaml")
    assert config.newsletter.title == "Frontier Tech Weekly"
    assert [s.id for s in config.sections][:2] == ["quantum", "space"]
    assert config.inbox_dir == (REPO / "inbox").resolve()


def test_unknown_key_is_named_with_its_path_and_line(newsletter):
    message = problems_for(newsletter, "newsletter:\n  title: T\n  colour: blue\n" + GOOD_SECTIONS)
    assert "config.yaml" in message
    assert "newsletter.colour (line 3): unknown key" in message


def test_wrong_type(newsletter):
    message = problems_for(newsletter, "newsletter:\n  title: T\n" + GOOD_SECTIONS + "    max_items: lots\n")
    assert "sections[0].max_items (line 8)" in message
    assert "integer" in message


def test_missing_section_id(newsletter):
    message = problems_for(newsletter, "newsletter:\n  title: T\nsections:\n  - title: Quantum\n")
    assert "sections[0].id: required key is missing" in message


def test_duplicate_section_id(newsletter):
    text = "newsletter:\n  title: T\n" + GOOD_SECTIONS + "  - id: quantum\n    title: Again\n"
    assert "duplicate section id 'quantum'" in problems_for(newsletter, text)


def test_bad_cron(newsletter):
    text = "newsletter:\n  title: T\nschedule:\n  cron: '0 8 * *'\n" + GOOD_SECTIONS
    message = problems_for(newsletter, text)
    assert "schedule.cron (line 4)" in message and "needs 5" in message


def test_bad_cron_value(newsletter):
    text = "newsletter:\n  title: T\nschedule:\n  cron: '0 25 * * mon'\n" + GOOD_SECTIONS
    assert "not a valid crontab" in problems_for(newsletter, text)


def test_unknown_time_zone(newsletter):
    text = "newsletter:\n  title: T\n  timezone: Mars/Olympus\n" + GOOD_SECTIONS
    message = problems_for(newsletter, text)
    assert "newsletter.timezone (line 3): unknown time zone 'Mars/Olympus'" in message


def test_unquoted_time_that_yaml_reads_as_a_number(newsletter):
    text = "newsletter:\n  title: 8:00\n" + GOOD_SECTIONS
    message = problems_for(newsletter, text)
    assert "newsletter.title (line 2)" in message
    assert "unquoted 8:00 as a number; put it in quotes" in message


def test_yaml_syntax_error_gives_the_line(newsletter):
    message = problems_for(newsletter, "newsletter:\n  title: [unclosed\nsections: []\n")
    assert "YAML syntax error" in message and "line 3" in message


def test_every_problem_is_reported_at_once(newsletter):
    text = "newsletter:\n  title: T\n  timezone: Nowhere/Land\n  colour: red\n" + GOOD_SECTIONS + "    max_items: 0\n"
    message = problems_for(newsletter, text)
    assert "3 problems" in message
    assert "timezone" in message and "colour" in message and "max_items" in message


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.yaml")


def test_bad_regex_in_drop_patterns(newsletter):
    text = "newsletter:\n  title: T\ncleanup:\n  drop_patterns: ['(unclosed']\n" + GOOD_SECTIONS
    assert "cleanup.drop_patterns" in problems_for(newsletter, text)


@pytest.mark.parametrize(
    "text",
    [
        "newsletter:\n  title: T\n  colour: blue\n" + GOOD_SECTIONS,
        "newsletter:\n  title: [unclosed\n",
    ],
)
def test_cli_exits_2_without_traceback(newsletter, text):
    newsletter.write_config(text)
    result = run_digest("compile", "--config", str(newsletter.config_path), cwd=newsletter.root)
    assert result.returncode == 2
    assert "config.yaml" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not (newsletter.root / "issues").exists()
