"""Stories: titles, bylines, dates and teasers read from a document."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.models import Document
from digest.stories import paragraphs, split_into_stories
from digest.teasers import make_teaser, title_from_lead


def doc(text: str, **fields) -> Document:
    return Document(name="d.txt", content_hash="h", format="text", text=text, **fields)


def test_headline_byline_and_date_are_read_from_the_head():
    [story] = split_into_stories(
        doc(
            "Telescope finds a frozen world\n\nBy Ana Souza, Science Desk\nPublished: March 4, 2026\n\n"
            "Astronomers found a frozen planet orbiting a nearby star. It is the coldest yet seen.\n"
        )
    )
    assert story.title == "Telescope finds a frozen world"
    assert story.byline == "Ana Souza, Science Desk"
    assert story.published == dt.date(2026, 3, 4)
    assert story.teaser == "Astronomers found a frozen planet orbiting a nearby star. It is the coldest yet seen."


def test_untitled_document_gets_a_title_from_its_lead():
    lead = (
        "Researchers in three countries have quietly built the largest map yet of the ocean floor, "
        "using sound pulses from fishing boats, and the results surprised everyone involved."
    )
    [story] = split_into_stories(doc(lead + "\nSecond paragraph with more detail about the work.\n"))
    assert len(story.title) <= 91
    assert story.title.endswith("…")
    assert lead.startswith(story.title.rstrip("…"))


def test_debris_lines_are_dropped():
    [story] = split_into_stories(
        doc(
            "Battery plant opens\n\nShare this article\n\nA battery plant opened on Monday near the river, officials said.\n\n"
            "Advertisement\n\nSee page 4\n\nPhoto: Jane Doe/Getty\n\nIt will employ two thousand people by next year, the company said.\n"
        )
    )
    for debris in ("Share this article", "Advertisement", "See page 4", "Photo: Jane Doe"):
        assert debris not in story.body


def test_curator_drop_patterns():
    [story] = split_into_stories(
        doc("Title here\n\nReal sentence about the news of the day, said the editor.\n\nPromo: buy our mugs today\n"),
        [r"^promo:"],
    )
    assert "mugs" not in story.body


def test_broken_lines_are_mended():
    assert paragraphs(
        "The more advanced and larger-scale\n\ndetector shoulders a greater mission.\n\nheri-\ntage is preserved"
    ) == [
        "The more advanced and larger-scale detector shoulders a greater mission.",
        "heritage is preserved",
    ]
    assert paragraphs("Urban planners are preserving heri-\n\ntage sites across the city.") == [
        "Urban planners are preserving heritage sites across the city."
    ]


sentence = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda"]),
    min_size=3,
    max_size=30,
).map(lambda words: " ".join(words).capitalize() + ".")


@settings(max_examples=200, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=20))
def test_teaser_is_whole_sentences_of_the_lead_and_short(sentences):
    body = " ".join(sentences)
    teaser = make_teaser(body)
    assert len(teaser.split()) <= 75
    if teaser.endswith("…"):
        assert body.startswith(teaser[:-1].rstrip())
        assert len(sentences[0].split()) > 60, "a cut happens only when the first sentence alone is too long"
    else:
        assert body.startswith(teaser), "a teaser is the lead's first whole sentences"
        assert teaser.endswith(".")


@settings(max_examples=200, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=5))
def test_title_from_lead_never_cuts_a_word(sentences):
    body = " ".join(sentences)
    title = title_from_lead(body)
    assert len(title) <= 91
    words = set(re.findall(r"\w+", body))
    assert all(w in words for w in re.findall(r"\w+", title))
