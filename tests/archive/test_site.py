"""The static web archive: issue pages, an index newest first, an Atom feed."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from digest.pipeline import compile_issue

ATOM = "{http://www.w3.org/2005/Atom}"
STORIES = [
    (
        "qubit.txt",
        "Quantum chip & qubits keep time\n\nA quantum processor kept its qubits coherent for a second, its makers said.\n",
    ),
    (
        "rocket.txt",
        "Rocket lands on a barge\n\nThe rocket returned from lunar orbit and landed on a barge in the ocean, engineers said.\n",
    ),
    (
        "moon.txt",
        "Moon base plans advance\n\nThe agency chose a site near the lunar south pole for its first rocket-delivered habitat.\n",
    ),
]


def publish_three(newsletter) -> Path:
    for n, (name, text) in enumerate(STORIES):
        newsletter.add(name, text)
        compile_issue(newsletter.config(), date=dt.date(2026, 11, 2) + dt.timedelta(days=7 * n))
    return newsletter.issues


def test_index_lists_issues_newest_first_and_its_links_resolve(newsletter):
    issues = publish_three(newsletter)
    index = (issues / "index.html").read_text()
    links = re.findall(r'href="(\d{4}-[^"]+)/"', index)
    assert links == ["0003-2026-11-16", "0002-2026-11-09", "0001-2026-11-02"]
    for link in links:
        assert (issues / link / "index.html").is_file()
    assert (issues / "0001-2026-11-02" / "index.html").read_text() == (
        issues / "0001-2026-11-02" / "email.html"
    ).read_text()
    assert "Quantum chip &amp; qubits keep time" in index


def test_atom_feed_is_valid_with_one_entry_per_issue(newsletter):
    issues = publish_three(newsletter)
    feed = ET.parse(issues / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "updated", "title"):
        assert feed.find(f"{ATOM}{tag}").text
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    for entry in entries:
        for tag in ("id", "updated", "title", "summary"):
            assert entry.find(f"{ATOM}{tag}").text, tag
        href = entry.find(f"{ATOM}link").get("href")
        assert (issues / href).is_dir(), "without base_url the links are relative"
        dt.datetime.fromisoformat(entry.find(f"{ATOM}updated").text.replace("Z", "+00:00"))
    assert entries[0].find(f"{ATOM}title").text == "Test Weekly #3"
    assert len({e.find(f"{ATOM}id").text for e in entries}) == 3


def test_with_a_base_url_the_email_links_to_its_web_page(newsletter):
    newsletter.write_config(
        newsletter.config_path.read_text().replace(
            "  timezone: Europe/Berlin\n", "  timezone: Europe/Berlin\n  base_url: https://news.example/archive\n"
        )
    )
    issues = publish_three(newsletter)
    html = (issues / "0001-2026-11-02" / "email.html").read_text()
    assert 'href="https://news.example/archive/0001-2026-11-02/"' in html
    feed = ET.parse(issues / "feed.xml").getroot()
    assert feed.find(f"{ATOM}id").text == "https://news.example/archive/"
    assert feed.find(f"{ATOM}entry/{ATOM}link").get("href") == "https://news.example/archive/0003-2026-11-16/"
