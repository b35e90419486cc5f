"""The size budget's promises, for any issue and any relation between the template's output
and the inlined email: the email fits (whenever an issue without stories does), every story is
in it or held back with its section named, and a backlog keeps its best stories in full."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st

from digest.issue.budget import MIN_FULL_STORIES, Measure, _bound, fit_to_budget
from digest.models import Issue, IssueSection, Story

HEAD = 2_000  # bytes of an issue without stories


def story(section: str, n: int, words: int) -> Story:
    body = " ".join(["word"] * words)
    return Story(
        id=f"{section}-{n}", title=f"Story {n} of {section}", teaser=body, body=body, documents=[f"{section}-{n}.txt"]
    )


def sizes(ratio: float) -> Measure:
    """A template that writes each full story as its teaser plus 300 bytes and each title as
    80; inlining multiplies the stories' part by `ratio` (styles on every element)."""

    def rough(issue: Issue) -> int:
        full = sum(len(s.teaser.encode()) + 300 for section in issue.sections for s in section.stories)
        return HEAD + full + 80 * sum(len(section.more) for section in issue.sections)

    return Measure(exact=lambda issue: HEAD + int((rough(issue) - HEAD) * ratio), rough=rough)


@settings(max_examples=150, deadline=None)
# found by CI: the estimate put three full stories per section just over the budget (8,201 of
# 8,192 bytes) where the real render fitted them (7,841), and two were kept
@example(counts=[5, 16], words=30, ratio=1.5, budget_kb=8)
@given(
    counts=st.lists(st.integers(0, 400), min_size=1, max_size=4),
    words=st.integers(5, 120),
    ratio=st.floats(1.0, 1.6),
    budget_kb=st.integers(8, 100),
)
def test_the_fitted_issue_fits_and_accounts_for_every_story(counts, words, ratio, budget_kb):
    sections = [
        IssueSection(id=f"s{i}", title=f"S{i}", stories=[story(f"s{i}", n, words) for n in range(count)])
        for i, count in enumerate(counts)
    ]
    issue = Issue(number=None, date=dt.date(2026, 1, 5), title="T", sections=sections)
    budget = budget_kb * 1024
    measure = sizes(ratio)
    fitted = fit_to_budget(issue, measure, budget)

    assert fitted.size is not None and fitted.size.html_bytes == measure.exact(fitted)
    assert fitted.size.html_bytes <= budget
    shown = {s.id for section in fitted.sections for s in section.all_stories}
    held = [h for h in fitted.held_back]
    assert len(shown) + len(held) == sum(counts), "every story is in the issue or held back"
    assert all(h.section is not None and "size budget" in h.reason for h in held)
    # a backlog never crowds out the best stories: as many in full as fit in three quarters
    # of the budget without any title, up to MIN_FULL_STORIES per section
    top = [IssueSection(id=s.id, title=s.title, stories=s.stories[:MIN_FULL_STORIES]) for s in sections]
    if all(counts) and measure.exact(issue.model_copy(update={"sections": top})) <= 0.75 * budget:
        assert min(len(section.stories) for section in fitted.sections) >= min(MIN_FULL_STORIES, *counts)


@settings(max_examples=100, deadline=None)
@given(
    counts=st.lists(st.integers(0, 400), min_size=1, max_size=4),
    words=st.integers(5, 120),
    budget_kb=st.integers(8, 100),
)
def test_no_more_titles_are_held_back_than_the_budget_needs(counts, words, budget_kb):
    # with a template whose size the search can predict exactly (inlining adds nothing), the
    # titles held back over the budget are as few as make it fit: the last one held back would
    # not fit beside the others
    sections = [
        IssueSection(id=f"s{i}", title=f"S{i}", stories=[story(f"s{i}", n, words) for n in range(count)])
        for i, count in enumerate(counts)
    ]
    issue = Issue(number=None, date=dt.date(2026, 1, 5), title="T", sections=sections)
    budget, measure = budget_kb * 1024, sizes(1.0)
    fitted = fit_to_budget(issue, measure, budget)
    _, cut = _bound(issue, budget)  # held back before any rendering: they could never fit
    if len(fitted.held_back) > cut:
        last = fitted.held_back[-1]
        story_ = next(s for section in sections for s in section.stories if s.title == last.title)
        put_back = [
            s.model_copy(update={"more": [*s.more, story_]}) if s.id == last.section else s for s in fitted.sections
        ]
        assert measure.exact(fitted.model_copy(update={"sections": put_back})) > budget
