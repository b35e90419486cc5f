"""`digest check`: the sample and seeds issues pass; each kind of problem is reported."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import REPO, SEEDS, run_digest

from digest.commands.check import check_issue
from digest.config import load_config
from digest.pipeline import compile_issue


def compiled(tmp_path: Path, inbox: Path | None = None) -> Path:
    config = load_config(REPO / "config.yaml", inbox_override=inbox)
    config.paths.state = str(tmp_path / "state")
    return compile_issue(config, draft=True, out=tmp_path / "issue", date=dt.date(2026, 11, 23)).folder


def errors(folder: Path) -> list[str]:
    return [str(f) for f in check_issue(folder) if f.level == "error"]


def test_sample_issue_passes(tmp_path):
    folder = compiled(tmp_path)
    assert errors(folder) == []
    assert run_digest("check", str(folder), "--config", str(REPO / "config.yaml")).returncode == 0


def test_seeds_issue_passes(tmp_path, corpus):
    assert errors(compiled(tmp_path, SEEDS)) == []


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("email.html", "</body>", "<script>alert(1)</script></body>", "<script> does not work in email"),
        ("email.html", "</body>", "<form action='x'></form></body>", "<form> does not work in email"),
        ("email.html", "</body>", '<a href="/issues/1">old</a></body>', "relative link '/issues/1'"),
        ("email.html", "</body>", '<a href="">x</a></body>', "empty link"),
        ("email.html", "</body>", '<a href="#nowhere">x</a></body>', "link to a missing anchor #nowhere"),
        ("email.html", "</body>", '<img src="data:image/png;base64,AAA" alt="x"></body>', "base64 image"),
        ("email.html", "</body>", '<img src="https://x.example/a.png"></body>', "image without alt text"),
        ("email.html", "</body>", '<div style="display:flex">x</div></body>', "flex/grid layout"),
        ("email.html", "</body>", '<div style="position:absolute">x</div></body>', "position"),
        ("email.html", "</head>", "<style>.x { color: red; }</style></head>", "rules other than @media"),
        ("email.html", "</body>", "<p>Story TK here</p></body>", "leftover placeholder or TK marker"),
        ("email.html", "</body>", "<p>{{ story.title }}</p></body>", "leftover placeholder"),
        ("email.html", '<html lang="en"', "<html", "<html> has no lang attribute"),
        ("email.txt", "\n\n", "\n" + "word " * 20 + "\n\n", "characters (over 78)"),
        ("email.txt", "\n\n", "\nFish &amp; chips\n\n", "HTML markup or entity"),
    ],
)
def test_problems_are_reported_as_errors(tmp_path, file, old, new, expected):
    folder = compiled(tmp_path)
    path = folder / file
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    found = errors(folder)
    assert any(expected in line for line in found), found
    result = run_digest("check", str(folder), "--config", str(REPO / "config.yaml"))
    assert result.returncode == 1
    assert expected in result.stdout


def test_an_oversized_issue_is_an_error(tmp_path):
    folder = compiled(tmp_path)
    html = folder / "email.html"
    html.write_text(html.read_text().replace("</body>", "<p>" + "padding words " * 9000 + "</p></body>"))
    assert any("Gmail clips" in e for e in errors(folder))


def test_a_missing_file_is_an_error(tmp_path):
    folder = compiled(tmp_path)
    (folder / "message.eml").unlink()
    assert errors(folder) == [f"error: message.eml: missing from the issue folder ({folder})"]


def test_link_in_one_edition_only_is_a_warning(tmp_path):
    folder = compiled(tmp_path)
    text = folder / "email.txt"
    text.write_text(
        text.read_text().replace("[1] https://quantum-ledger.example/news/logical-qubits-outlive-physical", "[1] gone")
    )
    warnings = [str(f) for f in check_issue(folder) if f.level == "warning"]
    assert (
        "warning: email.txt: link in the HTML edition only (https://quantum-ledger.example/news/logical-qubits-outlive-physical)"
        in warnings
    )
    assert errors(folder) == []


def test_check_without_a_folder_uses_the_last_published_issue(sample_newsletter):
    assert run_digest("compile", cwd=sample_newsletter).returncode == 0
    result = run_digest("check", cwd=sample_newsletter)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stderr
    shutil.rmtree(sample_newsletter / "issues")
