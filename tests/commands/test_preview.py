"""`digest preview` in a real browser: the draft's stories, the phone frame, live reload when a
document arrives, a broken template shown without killing the server, and no way out of the
draft and issue folders."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser import chromium
from conftest import free_port

pytestmark = pytest.mark.slow


@pytest.fixture
def preview(sample_newsletter: Path):
    templates = sample_newsletter / "my-templates"
    templates.mkdir()
    config = sample_newsletter / "config.yaml"
    config.write_text(config.read_text().replace("paths:\n", "paths:\n  templates: my-templates\n"))
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "digest", "preview", "--port", str(port)],
        cwd=sample_newsletter,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("preview did not start: " + process.communicate()[0])
    yield url, sample_newsletter
    process.terminate()
    output = process.communicate(timeout=20)[0]
    assert f"digest preview: {url}" in output


def status(url: str) -> int:
    try:
        return urllib.request.urlopen(url, timeout=5).status
    except urllib.error.HTTPError as exc:
        return exc.code


def draft_titles(root: Path) -> list[str]:
    data = json.loads((root / ".digest" / "draft" / "issue.json").read_text())
    return [s["title"] for sec in data["sections"] for s in sec["stories"]]


def test_every_story_of_the_draft_is_visible_and_the_phone_view_fits(preview):
    url, root = preview
    titles = draft_titles(root)
    assert len(titles) == 8
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        email = page.frame_locator("#email")
        for title in titles:
            assert email.locator("h3.story-title", has_text=title).first.is_visible(), title
        assert "Error-corrected logical qubits" in page.locator("#plaintext").inner_text()
        assert page.locator("#subject").inner_text().startswith("[DRAFT] Frontier Tech Weekly")
        assert "Pop star" in page.locator("#held-back").inner_text()
        page.click("[data-view=phone]")
        frame = page.frame(url=lambda u: "email.html" in u)
        frame.wait_for_load_state()
        page.wait_for_function("document.getElementById('email').style.width === '375px'")
        assert frame.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert frame.evaluate("window.innerWidth") == 375
        page.click("#dark")
        page.wait_for_function("document.getElementById('email').src.includes('dark=1')")


def test_a_new_document_appears_without_a_manual_reload(preview):
    url, root = preview
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.wait_for_timeout(500)
        (root / "inbox" / "telescope.txt").write_text(
            "Telescope mirror segments arrive at the summit\n\nThe last mirror segments for the giant telescope "
            "reached the observatory on Friday, and astronomers expect first light next year.\n"
        )
        started = time.monotonic()
        page.frame_locator("#email").locator("h3.story-title", has_text="Telescope mirror segments arrive").wait_for(
            timeout=5000
        )
        assert time.monotonic() - started < 5


def test_a_broken_template_is_shown_and_the_server_survives(preview):
    url, root = preview
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.wait_for_timeout(500)
        (root / "my-templates" / "email.txt").write_text("Hello\n{% for x in %}\n")
        page.locator("#build-error").wait_for(timeout=5000)
        assert "email.txt, line 2" in page.locator("#build-error").inner_text()
        assert page.frame_locator("#email").locator("h3.story-title").first.is_visible(), "the last good draft stays"
        (root / "my-templates" / "email.txt").unlink()
        page.locator("#build-error").wait_for(state="detached", timeout=5000)
    assert status(url) == 200


def test_nothing_outside_the_draft_and_issue_folders_can_be_read(preview, tmp_path):
    url, root = preview
    assert status(url + "draft/email.html") == 200
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "email.html").write_text("secret")
    issues = root / "issues"
    issues.mkdir()
    (issues / "0009-2026-01-01").symlink_to(outside)
    real = issues / "0001-2026-01-01"
    real.mkdir()
    shutil.copy(root / ".digest" / "draft" / "issue.json", real / "issue.json")
    (real / "email.txt").symlink_to(root / "config.yaml")
    for path in [
        "draft/../config.yaml",
        "draft/..%2Fconfig.yaml",
        "draft/%2e%2e%2fconfig.yaml",
        "draft/%2e%2e/config.yaml",
        "draft/%2Fetc%2Fpasswd",
        "draft//etc/passwd",
        "issues/..%2F..%2Fconfig.yaml",
        "issues/../config.yaml",
        "issues/0009-2026-01-01/email.html",
        "issues/0009-2026-01-01/",
        "issues/0001-2026-01-01/email.txt",
        "draft/",
        "issues/0001-2026-01-01/../../config.yaml",
        "draft/config.yaml",
        "inbox/",
        "config.yaml",
        "%2e%2e/%2e%2e/etc/passwd",
        "draft/state.db",
        ".digest/state.db",
    ]:
        assert status(url + path) == 404, path
    assert status(url + "issues/0001-2026-01-01/issue.json") == 200
    request = urllib.request.Request(url + "draft/email.html", method="PUT", data=b"x")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 405
    assert "Frontier" in (root / ".digest" / "draft" / "email.html").read_text()
