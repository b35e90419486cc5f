"""Section assignment: keywords, phrases, acronyms, stems, caps, catch-all, front matter."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from digest.config import Config
from digest.issue.budget import Measure
from digest.issue.build import IssuePlan, build_issue
from digest.models import Story
from digest.placing.fields import Field, Vocabulary
from digest.placing.sections import Profile, assign_sections, make_term
from digest.words import lemma, tokens


def config(**extra) -> Config:
    sections = [
        {"id": "ai", "title": "Artificial Intelligence", "keywords": ["AI", "language model", "machine learning"]},
        {"id": "energy", "title": "Energy", "keywords": ["battery", "solar", "EV"]},
        {"id": "space", "title": "Space", "keywords": ["rocket", "satellite"]},
    ]
    for section in sections:
        section.update(extra.get(section["id"], {}))
    sections += extra.get("more", [])
    return Config.model_validate({"newsletter": {"title": "T"}, "sections": sections})


def issue_of(placed, cfg):
    """The issue stage over placed stories (an email that always fits its budget)."""
    return build_issue(placed, [], cfg, IssuePlan(1, dt.date(2026, 1, 5), []), measure=Measure(exact=lambda issue: 0))


def story(title: str, body: str = "", **fields) -> Story:
    body = body or f"{title}. More text follows here about the subject at hand."
    return Story(
        id=Story.make_id(title, body),
        title=title,
        teaser=body[:60],
        body=body,
        documents=[f"{title[:10]}.txt"],
        **fields,
    )


def place(stories, cfg=None):
    return {p.story.title: p for p in assign_sections(stories, cfg or config())}


def test_inflected_forms_match_through_the_stemmer():
    placed = place([story("New batteries charge in minutes")])
    assert placed["New batteries charge in minutes"].section == "energy"


def test_acronyms_match_case_sensitively():
    placed = place(
        [
            story("Startup trains AI to read X-rays"),
            story(
                "Said the aid worker",
                "She said the aid arrived. The rain came later and everyone waited for the main convoy.",
            ),
            story("Every new EV sold in Norway"),
            story("Seven levels of heaven", "Even the evening was calm. Every eve the village gathered."),
        ]
    )
    assert placed["Startup trains AI to read X-rays"].section == "ai"
    assert placed["Said the aid worker"].section is None, "'ai' inside words or lower case is not the acronym AI"
    assert placed["Every new EV sold in Norway"].section == "energy"
    assert placed["Seven levels of heaven"].section is None


def test_phrases_match_only_as_phrases():
    placed = place(
        [
            story("Open language model released"),
            story(
                "Sign language lessons",
                "The model school offers sign language lessons for parents and children every week.",
            ),
        ],
        config(ai={"keywords": ["language model"], "title": "Machines"}),
    )
    assert placed["Open language model released"].section == "ai"
    assert placed["Sign language lessons"].section is None


def test_title_matches_weigh_more_than_body_matches():
    body = "The solar farm was built next to the launch site, where a rocket waits."
    placed = place([story("Rocket launch delayed", body)])
    assert placed["Rocket launch delayed"].section == "space"


def test_front_matter_section_wins():
    placed = place([story("Rocket launch delayed", section_hint="energy")])
    assert placed["Rocket launch delayed"].section == "energy"
    assert placed["Rocket launch delayed"].reason == "front matter section:"


def test_catch_all_takes_what_matches_nothing():
    cfg = config(more=[{"id": "other", "title": "Also noted", "catch_all": True}])
    placed = place([story("A recipe for bread")], cfg)
    assert placed["A recipe for bread"].section == "other"


def test_max_items_holds_back_the_lowest_ranked_naming_their_section():
    cfg = config(space={"max_items": 2})
    stories = [
        story("Rocket rocket rocket launch", published=dt.date(2026, 1, 1)),
        story("Rocket launch one", published=dt.date(2026, 1, 3)),
        story("Rocket launch two", published=dt.date(2026, 1, 2)),
    ]
    issue = issue_of(assign_sections(stories, cfg), cfg)
    space = next(s for s in issue.sections if s.id == "space")
    assert [s.title for s in space.stories] == ["Rocket rocket rocket launch", "Rocket launch one"]
    assert [(h.title, h.section, h.reason) for h in issue.held_back] == [
        ("Rocket launch two", "space", "over the section's max_items (2)"),
    ]


def test_sections_keep_config_order_and_empty_sections_are_left_out():
    cfg = config()
    issue = issue_of(assign_sections([story("Solar record"), story("AI beats chess champion")], cfg), cfg)
    assert [s.id for s in issue.sections] == ["ai", "energy"]


def test_exclude_terms_rule_a_section_out():
    cfg = config(space={"exclude": ["horoscope"]})
    placed = place([story("Rocket launch lines up with your horoscope")], cfg)
    assert placed["Rocket launch lines up with your horoscope"].section is None


def test_keyword_weights_tip_the_balance():
    text = "Solar rocket", "A solar rocket test took place, with a solar array on the rocket."
    assert place([story(*text)])["Solar rocket"].section == "energy", "a tie goes to the section listed first"
    weighted = config(space={"keywords": [{"term": "rocket", "weight": 3}, "satellite"]})
    assert place([story(*text)], weighted)["Solar rocket"].section == "space"
    short_form = config(space={"keywords": [{"rocket": 3}, "satellite"]})
    assert place([story(*text)], short_form)["Solar rocket"].section == "space"


def test_ties_go_to_the_section_listed_first():
    placed = place([story("Solar rocket")])
    assert placed["Solar rocket"].section == "energy"


def test_include_pattern_overrides_the_scores():
    cfg = config(ai={"include": [r"\bchess\b"]})
    placed = place([story("Chess club rocket raffle")], cfg)
    assert placed["Chess club rocket raffle"].section == "ai"
    assert placed["Chess club rocket raffle"].reason == r"include pattern '\bchess\b' of section ai"


def test_rules_by_source_and_by_document_name():
    cfg = config(rules=None)
    cfg = Config.model_validate(
        {
            **cfg.model_dump(),
            "rules": [{"source": "Orbit Weekly", "section": "space"}, {"documents": "ai-notes/*", "section": "ai"}],
        }
    )
    by_source = story("Solar prices fall", source="orbit weekly")
    by_name = story("Solar prices fall again").model_copy(update={"documents": ["ai-notes/1.txt"]})
    placed = place([by_source, by_name], cfg)
    assert (placed["Solar prices fall"].section, placed["Solar prices fall"].reason) == (
        "space",
        "rule: source is 'Orbit Weekly'",
    )
    assert placed["Solar prices fall again"].section == "ai"


def test_a_rule_naming_an_unknown_section_is_a_config_error():
    import pydantic
    import pytest

    with pytest.raises(pydantic.ValidationError, match="no section has the id 'sport'"):
        Config.model_validate({**config().model_dump(), "rules": [{"source": "X", "section": "sport"}]})


def test_held_back_stories_carry_their_reason():
    cfg = config()
    issue = issue_of(assign_sections([story("A recipe for bread")], cfg), cfg)
    assert [(h.title, h.section, h.reason) for h in issue.held_back] == [
        ("A recipe for bread", None, "matched no section")
    ]


def test_undated_stories_come_after_dated_ones_at_equal_relevance():
    cfg = config()
    stories = [
        story("Rocket launch", published=None).model_copy(update={"id": "a"}),
        story("Rocket launch", published=dt.date(2026, 1, 1)).model_copy(update={"id": "b"}),
        story("Rocket launch", published=dt.date(2026, 1, 3)).model_copy(update={"id": "c"}),
    ]
    issue = issue_of(assign_sections(stories, cfg), cfg)
    assert [s.id for s in issue.sections[0].stories] == ["c", "b", "a"]


WORDS = ["solar", "panel", "panels", "grid", "the", "of", "power", "NASA", "EU", "battery", "batteries"]


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join),
    keywords=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join), min_size=1, max_size=5),
)
def test_a_field_counts_every_term_as_a_scan_of_the_whole_text_would(text, keywords):
    """A Field keeps only the words the sections' terms are made of; every count (words,
    acronyms, phrases) must still be what scanning the whole text gives, also once stored
    and read back (a new process scores from the state's copy)."""
    terms = [make_term(k, 1.0) for k in keywords]
    made = Field.of(text, Vocabulary.of([Profile(section=None, terms=terms)]))  # type: ignore[arg-type]
    written = tokens(text)
    lemmas = [lemma(t) for t in written]
    for field in (made, Field.decode(made.encode())):
        for term in terms:
            sequence = written if term.case_sensitive else lemmas
            n = len(term.tokens)
            expected = sum(1 for i in range(len(sequence) - n + 1) if tuple(sequence[i : i + n]) == term.tokens)
            assert field.count(term) == expected, term
        assert field.length == len(written)


WORDS = ["battery", "batteries", "solar", "rocket", "AI", "language", "model", "the", "launch", "cell", "EV", "grid"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
            st.lists(st.sampled_from(WORDS), min_size=0, max_size=30),
            st.booleans(),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_section_scores_are_bm25f_term_by_term(rows):
    """The array arithmetic gives each story, for each section, the sum over the section's terms
    of weight × IDF × saturated frequency, with exclusions and the related-teaser rule: written
    out here story by story, term by term, as the docstring of placing/sections.py states it."""
    import math

    from digest.placing.sections import IDF_FLOOR, K1, PRIOR_DOCUMENTS, TITLE_BOOST, B, Scorer, build_profiles

    cfg = config(energy={"exclude": ["grid"]})
    stories = [
        story(" ".join(title), " ".join(body) + " end.", context="related" if related else None)
        for title, body, related in rows
    ]
    scorer = Scorer(stories, build_profiles(cfg))
    items = scorer.indexed
    average = max(1.0, sum(i.body.length for i in items) / len(items))
    for n, item in enumerate(items):
        for k, profile in enumerate(scorer.profiles):
            has = lambda t, i=item: i.title.count(t) or i.body.count(t)  # noqa: E731
            expected = 0.0
            if not any(has(t) for t in profile.exclude):
                for term in profile.terms:
                    df = sum(1 for other in items if other.title.count(term) or other.body.count(term))
                    idf = max(IDF_FLOOR, math.log(1 + (len(items) + PRIOR_DOCUMENTS - df + 0.5) / (df + 0.5)))
                    norm = 1 - B + B * item.body.length / average
                    tf = TITLE_BOOST * item.title.count(term) + item.body.count(term) / norm
                    expected += term.weight * idf * tf * (K1 + 1) / (tf + K1) if tf else 0.0
                if item.story.context == "related" and not any(item.title.count(t) for t in profile.terms):
                    expected = 0.0
            assert math.isclose(scorer.table[n, k], expected, rel_tol=1e-9, abs_tol=1e-12)
            assert math.isclose(sum(p for _, p in scorer.contributions(n, profile)), scorer.table[n, k], abs_tol=1e-9)


def test_only_the_explained_documents_reasons_list_the_words_that_decided_them():
    # a build shows no placed story's reason; `digest explain` shows its document's, with the words
    stories = [story("New batteries charge in minutes"), story("Solar farm doubles its batteries")]
    explained = stories[0].documents[0]
    built = {p.story.title: p for p in assign_sections(stories, config(), explained="")}
    shown = {p.story.title: p for p in assign_sections(stories, config(), explained=explained)}
    assert built["New batteries charge in minutes"].reason == "matched energy's keywords"
    assert shown["New batteries charge in minutes"].reason.startswith("matched ")
    assert "batter" in shown["New batteries charge in minutes"].reason
    assert shown["Solar farm doubles its batteries"].reason == "matched energy's keywords"
    # the placing itself is the same either way
    assert {t: p.section for t, p in built.items()} == {t: p.section for t, p in shown.items()}
