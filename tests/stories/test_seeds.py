"""The five real documents of ../shared/corpus/seeds: the stories a reader finds in each,
and only those, with none of the debris in either edition.

Expectations come from reading the documents, not from running digest on them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import REPO, SEEDS

from digest.config import load_config
from digest.pipeline import compile_issue
from digest.readers import read_document
from digest.readers.inbox import scan_inbox
from digest.stories import split_into_stories

pytestmark = pytest.mark.usefixtures("corpus")


def stories_of(name: str):
    files = scan_inbox(SEEDS).files
    (file,) = [f for f in files if f.name == name]
    return split_into_stories(read_document(file))


def titles(stories) -> list[str]:
    return [s.title for s in stories]


@pytest.fixture(scope="module")
def seeds_issue(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    config = load_config(REPO / "config.yaml", inbox_override=SEEDS)
    config.paths.state = str(out / "state")
    compile_issue(config, draft=True, out=out / "issue", date=dt.date(2026, 11, 23))
    return out / "issue"


def test_newspaper_front_page(corpus):
    stories = stories_of("000_703a9fa41c0ef96e.txt")
    assert titles(stories) == [
        "Zhejiang's Path to Independent Innovation",
        "JUNO to Reveal Nature of Matter and Universe",
        "A Course for Modern, People-centered Urban Development",
        "CIFTIS Puts Cooperation on Fast Track",
        # the weekly review's briefs
        "World's Longest Cable-stayed Bridge Opens to Traffic",
        "Brain-inspired Large Models Issued",
        "AI-powered BCI Helps Paralysis Patients Use Devices",
        "First Complete Animal Brain Activity Map Unveiled",
    ]
    assert [s.byline for s in stories[:4]] == [
        "WANG Xiaoxia, JIANG Yun & ZHANG Gailun",
        "WANG Xiaoxia",
        "Staff Reporters",
        "LU Zijian & YU Haoyuan",
    ]
    assert {s.source for s in stories} == {"Science and Technology Daily"}
    assert {s.published for s in stories} == {dt.date(2025, 9, 13)}
    juno = stories[1]
    assert "Back into 2012, the Daya Bay Reactor Neutrino Experiment in Guangdong discovered" in juno.body, (
        "OCR line breaks are mended"
    )
    assert "Elaborate planning" in juno.body, "a story's sub-headings stay in it"
    for story in stories:
        for debris in (
            "See page",
            "WECHAT",
            "E-PAPER",
            "PHOTO: XINHUA",
            "tor reading Empe",
            "New Graphic",
            "VOL.5",
            "PAGE 3",
        ):
            assert debris not in story.body, f"{debris!r} in {story.title!r}"


def test_untitled_opinion_piece(corpus):
    [story] = stories_of("001_c5832671dfc11265.txt")
    assert 20 <= len(story.title) <= 91
    assert story.body.startswith(story.title.rstrip("…"))
    assert story.byline is None and story.published is None
    assert story.body.rstrip().endswith("capable of reshaping the universe.")


def test_forum_thread(corpus):
    stories = stories_of("002_e4ff82c060884a02.txt")
    assert titles(stories) == [
        "5 Chinese cities rank in top 30 in latest global science and technology innovation index",
        "5 Chinese cities rank in top 30 in latest global science and technology innovation index",
        "Germany resists US pressure for blanket Huawei ban",
        "China's first hydrogen energy industrial vehicle manufacturing production line officially put into operation",
    ]
    article = stories[0]
    assert article.byline == "Du Qiongfang" and article.published == dt.date(2022, 12, 2)
    everything = "\n".join(s.body for s in stories)
    for debris in (
        "Registered Member",
        "Log in or Register",
        "Photo: Courtesy",
        "I don't understand",
        "I stand corrected",
        "海天金属",
    ):
        assert debris not in everything


def test_news_page_with_ads_comments_and_related_articles(corpus):
    stories = stories_of("003_bd1b515fce22b686.txt")
    main = stories[0]
    assert main.title == "China unveils fourth-gen quantum control system with support for 500+ qubits"
    assert main.source == "Yahoo" and main.published == dt.date(2025, 5, 19)
    assert main.body.rstrip().endswith("over the coming years.")
    related = stories[1:]
    assert [s.title.split(" ")[0] for s in related] == ["Taylor", "Global", "Scholars'"]
    assert all(s.context == "related" for s in related)
    everything = "\n".join(s.body for s in stories)
    for debris in (
        "Orange background",
        "Try Our AI Features",
        "No comments yet",
        "DOWNLOAD THE APP",
        "time5 days ago",
        "app-store",
    ):
        assert debris not in everything


def test_monthly_roundup(corpus):
    stories = stories_of("004_2b98ead4b5877da4.txt")
    assert titles(stories) == [
        "China’s Tiangong research generates oxygen, rocket fuel in major space exploration leap",
        "Chinese scientists achieve breakthrough in integrated photonic quantum chips",
        'China builds extreme "super lab" to assist scientists in probing mysteries of matter',
        "Chinese scientists create new superconducting material based on nickel",
        "China dreams of building a world-class jumbo jet to take on Airbus and Boeing",
        "Chinese scientists develop ‘injection’ to make smartphone and EV batteries last longer",
        "Chinese scientists decode 'blueprint' of human brain",
        "China Generative AI updates of February 2025",
    ]
    assert {s.source for s in stories} == {"Chinese Innovation News"}
    assert {s.byline for s in stories} == {"Pascal Coppens"}
    assert {s.published for s in stories} == {dt.date(2025, 3, 24)}
    assert "Alibaba makes Sora-style video models open source" in stories[-1].body, (
        "a story made of short items stays one story"
    )
    everything = "\n".join(s.body for s in stories)
    for debris in (
        "TL;DR",
        "nexxworks",
        "custom tour",
        "Subscribe",
        "submission has been received",
        "Oops",
        "calendar icon",
        "iStockPhoto",
        "Photo: TU Wien",
    ):
        assert debris not in everything


def test_seeds_issue_holds_each_story_once(seeds_issue):
    data = json.loads((seeds_issue / "issue.json").read_text())
    placed = [s for section in data["sections"] for s in section["stories"]]
    held = {h["title"]: h for h in data["held_back"]}
    all_titles = [s["title"] for s in placed] + list(held)
    assert len(all_titles) == len(set(all_titles)), "no story twice"
    forum_article = next(s for s in placed if s["title"].startswith("5 Chinese cities"))
    assert forum_article["documents"] == ["002_e4ff82c060884a02.txt"], "the article pasted twice is one story"
    celebrity = next(t for t in held if t.startswith("Taylor Swift"))
    assert held[celebrity]["section"] is None and held[celebrity]["reason"] == "matched no section"
    assert data["quarantined"] == []
    press = [s for s in placed if s["title"].startswith(("Global Times", "Scholars"))]
    assert len(press) == 2
    assert press[0]["related"][0]["id"] == press[1]["id"], "two releases on one event are linked as related"


@pytest.mark.parametrize("edition", ["email.txt", "email.html"])
def test_no_debris_in_the_editions(seeds_issue, edition):
    text = (seeds_issue / edition).read_text(encoding="utf-8")
    for debris in (
        "Registered Member",
        "Log in or Register",
        "Orange background",
        "No comments yet",
        "DOWNLOAD THE APP",
        "TL;DR",
        "nexxworks",
        "submission has been received",
        "calendar icon",
        "See page",
        "WECHAT",
        "PHOTO:",
        "Taylor Swift",
        "I don't understand",
        "Click the links",
    ):
        assert debris not in text, f"{debris!r} in {edition}"
    assert not re.search(r"\bPRNewswire\b", text), "datelines are not teasers"
