"""Templates: a curator's folder overrides the defaults file by file; errors name file and line."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import run_digest

from digest.errors import TemplateError
from digest.pipeline import compile_issue

STORY = (
    "Quantum link spans a city\n\nA quantum network linked three labs across the city, its builders said on Tuesday.\n"
)


def with_templates(newsletter, files: dict[str, str]):
    folder = newsletter.root / "my-templates"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)
    newsletter.config_path.write_text(newsletter.config_path.read_text() + "paths:\n  templates: my-templates\n")
    newsletter.add("q.txt", STORY)
    return newsletter.config()


def test_a_user_template_overrides_one_file_and_the_rest_stay_default(newsletter):
    config = with_templates(
        newsletter,
        {"email.txt": "MY EDITION {{ issue.title }}\n{% for s in issue.sections %}{{ s.title }}\n{% endfor %}"},
    )
    result = compile_issue(config, draft=True, date=dt.date(2026, 11, 23))
    assert (result.folder / "email.txt").read_text() == "MY EDITION Test Weekly (draft)\nQuantum & Computing\n"
    assert "In this issue" in (result.folder / "email.html").read_text(), "email.html still comes from the defaults"


def test_template_syntax_error_names_file_and_line(newsletter):
    config = with_templates(newsletter, {"email.txt": "line one\n{% for x in %}\n"})
    with pytest.raises(TemplateError, match=r"email.txt, line 2"):
        compile_issue(config, draft=True)


def test_undefined_variable_names_file_and_line(newsletter):
    config = with_templates(newsletter, {"email.txt": "ok\n\n{{ issue.no_such_thing }}\n"})
    with pytest.raises(TemplateError, match=r"email.txt, line 3.*no_such_thing"):
        compile_issue(config, draft=True)


def test_cli_template_error_exits_2_and_publishes_nothing(newsletter):
    with_templates(newsletter, {"email.html": "{% if %}"})
    result = run_digest("compile", "--config", str(newsletter.config_path))
    assert result.returncode == 2
    assert "email.html, line 1" in result.stderr and "Traceback" not in result.stderr
    assert newsletter.issue_folders() == []
