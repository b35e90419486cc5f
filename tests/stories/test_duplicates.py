"""Duplicates merge into one story listing every document; related stories are linked."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import digest.stories.pairs as pairs_module
from digest.models import Story
from digest.stories.duplicates import merge_duplicates
from digest.stories.pairs import DuplicatePairs, duplicate_groups
from digest.stories.signatures import band_keys, minhash

ARTICLE = (
    "The city council approved a plan on Monday to cover every school roof with solar panels by 2030. "
    "The panels will supply about a third of the schools' electricity and cut their bills, officials said. "
    "Work starts next spring on twelve buildings in the north of the city, where roofs were recently repaired. "
    "Parents' groups welcomed the plan but asked that construction not disturb exams in June."
)
OTHER = (
    "A research ship returned from the Antarctic with ice cores that hold air bubbles more than a million years old. "
    "Scientists will analyse the gases to learn how carbon dioxide levels changed across ice ages. "
    "The drilling took three summers at a remote site chosen with radar surveys of the ice sheet."
)


def story(name: str, body: str, title: str = "A title") -> Story:
    return Story(id=Story.make_id(name, body), title=title, teaser=body[:50], body=body, documents=[name])


def test_the_same_article_from_two_documents_becomes_one_story_listing_both():
    merged = merge_duplicates(
        [
            story("a.txt", ARTICLE),
            story("b.txt", ARTICLE.replace("Monday", "Monday,") + " Share this story with friends."),
            story("c.txt", OTHER),
        ]
    )
    assert sorted(s.documents for s in merged) == [["a.txt", "b.txt"], ["c.txt"]]
    kept = next(s for s in merged if len(s.documents) == 2)
    assert kept.body.endswith("friends."), "the most complete text is kept"


def test_metadata_missing_from_the_kept_copy_is_filled_from_the_others():
    short = story("a.txt", ARTICLE).model_copy(update={"url": "https://example.org/solar"})
    longer = story("b.txt", ARTICLE + " More details follow in the council's report.")
    [merged] = merge_duplicates([short, longer])
    assert merged.url == "https://example.org/solar"


def test_different_stories_about_one_event_stay_apart_and_are_linked():
    first = story("a.txt", ARTICLE, "Schools to get solar roofs")
    second = story(
        "b.txt",
        "Solar panels will cover school roofs across the city by 2030 after the council approved the plan. "
        "Critics on the council said the money would be better spent on insulating the same buildings. "
        "The schools' electricity bills are expected to fall by a third, and twelve roofs come first.",
        "Council split over school solar plan",
    )
    merged = merge_duplicates([first, second, story("c.txt", OTHER, "Ancient ice")])
    assert len(merged) == 3
    by_title = {s.title: s for s in merged}
    assert [r.title for r in by_title["Schools to get solar roofs"].related] == ["Council split over school solar plan"]
    assert [r.title for r in by_title["Council split over school solar plan"].related] == ["Schools to get solar roofs"]
    assert by_title["Ancient ice"].related == []


sentences = st.lists(
    st.sampled_from(
        [
            "alpha",
            "beta",
            "gamma",
            "delta",
            "epsilon",
            "zeta",
            "eta",
            "theta",
            "iota",
            "kappa",
            "lambda",
            "mu",
            "nu",
            "xi",
            "omicron",
        ]
    ),
    min_size=20,
    max_size=60,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(sentences, min_size=1, max_size=6),
    st.lists(st.integers(0, 5), max_size=6),
    st.randoms(use_true_random=False),
)
def test_deduplication_does_not_depend_on_inbox_order(bodies, copies, rnd: random.Random):
    stories = [story(f"doc{i}.txt", body) for i, body in enumerate(bodies)]
    for n, index in enumerate(copies):
        if index < len(bodies):
            stories.append(story(f"copy{n}.txt", bodies[index] + " extra words here"))
    shuffled = stories[:]
    rnd.shuffle(shuffled)

    def summary(result):
        return sorted((tuple(s.documents), s.id, tuple(r.id for r in s.related)) for s in result)

    assert summary(merge_duplicates(stories)) == summary(merge_duplicates(shuffled))


def test_a_merged_story_keeps_the_best_facts_of_each_copy():
    """The same article clipped from two sites: the longer copy has the worse metadata."""
    masthead_copy = story("citymag.html", ARTICLE + " The mayor will open the first roof in April.").model_copy(
        update={
            "title": "CityMag Europe — Transport",
            "byline": "Staff and agencies",
            "source": "CityMag Europe",
            "url": "https://links.citymag.example/click?u=https%3A%2F%2Fcitymag.example%2Fsolar",
        }
    )
    good_copy = story("herald.txt", ARTICLE).model_copy(
        update={
            "title": "Every school roof in the city to carry solar panels by 2030",
            "byline": "Ana Lopez",
            "source": "The Herald",
            "url": "https://herald.example/solar-schools",
        }
    )
    [merged] = merge_duplicates([masthead_copy, good_copy])
    assert merged.body == masthead_copy.body, "the most complete text"
    assert merged.title == good_copy.title, "the headline, not the masthead line"
    assert merged.byline == "Ana Lopez", "a person over a desk"
    assert merged.url == "https://herald.example/solar-schools", "a direct link over a tracking redirect"
    assert merged.sources == ["CityMag Europe", "The Herald"] and merged.documents == ["citymag.html", "herald.txt"]


def test_band_keys_are_the_ones_stored_by_earlier_versions():
    """Band keys are stored with every published story ("already published in #N"): a new
    release of the MinHash library (datasketch 2 changed its default scheme) must not change
    them. These are the keys digest 0.1 computed with datasketch 1.x."""
    text = (
        "The rocket reached orbit on Tuesday after a clean launch, its builders said, "
        "and the satellite it carried is working."
    )
    keys = band_keys(text)
    assert len(keys) == 64
    assert keys[:3] == [69047094235170485, 58099318625190746, 23568389969948475]


@settings(max_examples=60, deadline=None)
@given(st.frozensets(st.integers(0, 2**32 - 1), max_size=300))
def test_minhash_signatures_are_datasketchs_legacy_ones(items):
    # signatures are computed with numpy (importing datasketch costs a third of a second of
    # scipy); they must stay the ones datasketch's "legacy" scheme gives, which are stored
    datasketch = pytest.importorskip("datasketch")
    reference = datasketch.MinHash(num_perm=128, seed=1, hashfunc=int, scheme="legacy")
    reference.update_batch(list(items))
    assert minhash(items).tolist() == reference.hashvalues.tolist()


def _edited(body: str, rnd: random.Random) -> str:
    """A copy of a text with a few words changed: sometimes still the same article, sometimes not."""
    words = body.split()
    for _ in range(rnd.randint(0, len(words) // 2)):
        words[rnd.randrange(len(words))] = rnd.choice(["rho", "sigma", "tau", "phi"])
    return " ".join(words)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(sentences, min_size=1, max_size=5),
    st.lists(st.tuples(st.booleans(), st.integers(0, 40)), min_size=1, max_size=12),
    st.randoms(use_true_random=False),
    st.sampled_from([0, pairs_module.SCAN_LIMIT]),
)
def test_duplicates_kept_between_builds_group_as_a_build_from_scratch(bodies, changes, rnd: random.Random, scan_limit):
    # a long-lived process updates its duplicate pairs by each build's changes (files added and
    # removed), and a new process starts from the pairs the build before stored; after every
    # change both group as a build from scratch does
    pairs = DuplicatePairs()
    stored: str | None = None
    current: list[Story] = []
    for n, (add, pick) in enumerate(changes):
        if add and current and pick % 5 == 4:
            # the same bytes under another name: a story of the same id (cut once, cached)
            current.append(current[pick % len(current)].model_copy(update={"documents": [f"copy{n}.txt"]}))
        elif add or not current:
            base = bodies[pick % len(bodies)]
            current.append(story(f"doc{n}.txt", base if pick % 3 == 0 else _edited(base, rnd)))
        else:
            current.pop(pick % len(current))

        def ids(groups):
            return sorted(tuple((s.id, s.documents[0]) for s in group) for group in groups)

        from_scratch = ids(duplicate_groups(current))
        assert ids(pairs.groups(current)) == from_scratch
        new_process = DuplicatePairs()
        new_process.restore(stored, current)
        default, pairs_module.SCAN_LIMIT = pairs_module.SCAN_LIMIT, scan_limit  # 0: LSH buckets built
        try:
            assert ids(new_process.groups(current)) == from_scratch
        finally:
            pairs_module.SCAN_LIMIT = default
        stored = new_process.snapshot()


def test_a_damaged_or_older_pairs_snapshot_is_ignored():
    current = [story("a.txt", ARTICLE), story("b.txt", ARTICLE + " Updated."), story("c.txt", OTHER)]
    expected = sorted(tuple(s.id for s in g) for g in duplicate_groups(current))
    damaged = json.dumps({"version": pairs_module.PAIRS_VERSION, "stories": 3, "pairs": [[1]]})
    for snapshot in ("{not json", '{"version": "0", "stories": [], "pairs": []}', None, "[]", damaged):
        pairs = DuplicatePairs()
        pairs.restore(snapshot, current)
        assert sorted(tuple(s.id for s in g) for g in pairs.groups(current)) == expected
