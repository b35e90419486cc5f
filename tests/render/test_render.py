"""The editions of the sample issue, against golden files, and the rules every edition keeps.

Refresh the golden files after an intended change with:
    DIGEST_UPDATE_GOLDEN=1 pytest tests/test_render.py
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
from pathlib import Path

import pytest
from conftest import REPO

from digest.config import load_config
from digest.pipeline import compile_issue
from digest.render.environment import default_templates_dir
from digest.render.message import parse_message

GOLDEN = REPO / "tests" / "golden"
DAY = dt.date(2026, 11, 23)


def scrub(name: str, text: str) -> str:
    """Remove what legitimately changes from run to run: send date, boundaries."""
    if name == "message.eml":
        text = re.sub(r"(?m)^Date: .*$", "Date: <scrubbed>", text)
        text = re.sub(r"(?m)^Message-ID: .*$", "Message-ID: <scrubbed>", text)
        text = re.sub(r"={15}\d+==", "=====<boundary>==", text)
    return text.replace("\r\n", "\n")


def compare_with_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("DIGEST_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"{path} is missing; create it with DIGEST_UPDATE_GOLDEN=1")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{name}",
                tofile=f"rendered/{name}",
                n=2,
            )
        )
        pytest.fail(f"{name} differs from its golden file (DIGEST_UPDATE_GOLDEN=1 refreshes it):\n{diff}")


@pytest.fixture(scope="module")
def sample_issue(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample-issue")
    config = load_config(REPO / "config.yaml")
    config.paths.state = str(out / "state")
    compile_issue(config, draft=True, out=out / "issue", date=DAY)
    return out / "issue"


@pytest.mark.parametrize("name", ["email.txt", "email.html", "message.eml", "issue.json"])
def test_sample_issue_matches_golden_files(sample_issue, name):
    compare_with_golden(name, scrub(name, (sample_issue / name).read_text(encoding="utf-8")))


def test_sample_issue_sends_each_story_where_it_belongs(sample_issue):
    data = json.loads((sample_issue / "issue.json").read_text())
    placed = {story["documents"][0]: section["id"] for section in data["sections"] for story in section["stories"]}
    assert placed == {
        "2026-11-16-logical-qubits.md": "quantum",
        "downloads/lunar-lander-touches-down (1).txt": "space",
        "fwd-small-open-models.eml": "ai",
        "protein-design-enzymes.txt": "ai",
        "crispr-sickle-cell-followup.md": "life",
        "battery-recycling-plant.html": "energy",
        "fusion-magnet-record.htm": "energy",
        "research-council-grants.txt": "policy",
    }
    assert [h["documents"] for h in data["held_back"]] == [["celebrity-wedding.txt"]]
    lander = next(s for sec in data["sections"] for s in sec["stories"] if "lunar" in s["title"].lower())
    assert lander["documents"] == ["downloads/lunar-lander-touches-down (1).txt", "lunar-lander-touches-down.txt"]


def test_html_edition_has_styles_inlined(sample_issue):
    html = (sample_issue / "email.html").read_text()
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en" dir="ltr"' in html
    styles = re.findall(r"<style[^>]*>(.*?)</style>", html, re.S)
    assert styles, "the @media rules stay in a <style> block"
    for block in styles:
        rules = re.sub(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*\s*\}", "", block)
        assert rules.strip() == "", f"only @media rules may stay un-inlined, found: {rules.strip()[:200]}"
    assert "!important" in styles[0], "the media rules keep !important so they can override inline styles"
    assert 'class="story-title" style="' in html
    assert "Error-corrected logical qubits outlive their physical parts" in html


def test_plaintext_edition_is_wrapped_and_lists_links(sample_issue):
    text = (sample_issue / "email.txt").read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines()) <= 78
    assert "[1] https://quantum-ledger.example/news/logical-qubits-outlive-physical" in text
    assert "<" not in text and "&amp;" not in text


def test_message_parses_back_into_text_then_html(sample_issue):
    message = parse_message((sample_issue / "message.eml").read_bytes())
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert all(p["Content-Transfer-Encoding"] == "quoted-printable" for p in parts)
    assert parts[0].get_content().replace("\r\n", "\n") == (sample_issue / "email.txt").read_text(encoding="utf-8")
    assert (
        message["Subject"]
        == "[DRAFT] Frontier Tech Weekly #1: Error-corrected logical qubits outlive their physical parts for the first time"
    )
    assert message["From"] == "Frontier Tech Weekly <weekly@frontier-tech.example>"
    assert message["Message-ID"].startswith("<issue-draft.")


def test_default_templates_are_found():
    """In CI the package is installed from a wheel: this checks the wheel carries them."""
    folder = default_templates_dir()
    assert {"email.html", "email.txt", "styles.css.html"} <= {p.name for p in folder.iterdir()}


def test_published_issue_subject_headers_and_links(tmp_path):
    config = load_config(REPO / "config.yaml")
    config.paths.state = str(tmp_path / "state")
    config.paths.issues = str(tmp_path / "issues")
    folder = compile_issue(config, date=DAY).folder
    message = parse_message((folder / "message.eml").read_bytes())
    assert message["Subject"] == (
        "Frontier Tech Weekly #1: Error-corrected logical qubits outlive their physical parts for the first time"
    )
    assert message["List-Unsubscribe"] == "<https://frontier-tech.example/unsubscribe>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = (folder / "email.html").read_text()
    assert 'href="https://frontier-tech.example/issues/0001-2026-11-23/"' in html, "view in browser"
    assert 'href="https://frontier-tech.example/unsubscribe"' in html
    text = (folder / "email.txt").read_text()
    assert "Unsubscribe: https://frontier-tech.example/unsubscribe" in text
    assert "Past issues: https://frontier-tech.example/issues/" in text


def test_subject_template_from_config(tmp_path):
    config = load_config(REPO / "config.yaml")
    config.paths.state = str(tmp_path / "state")
    config.paths.issues = str(tmp_path / "issues")
    config.email.subject = "{{ lead }} | {{ title }} no. {{ number }} ({{ date.isoformat() }})"
    folder = compile_issue(config, date=DAY).folder
    assert parse_message((folder / "message.eml").read_bytes())["Subject"] == (
        "Error-corrected logical qubits outlive their physical parts for the first time"
        " | Frontier Tech Weekly no. 1 (2026-11-23)"
    )
