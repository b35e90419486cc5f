"""Fitting email.html into its size budget, so Gmail never clips the issue (~102 KB).

Steps, each only when the one before was not enough:
1. shorten every teaser to its first sentence;
2. keep the best-ranked stories of each section in full and move the rest into a compact
   "More this week" list of titles (the same number kept in every section, as many as fit; when
   so many titles would leave fewer than three full stories, the full stories take up to three
   quarters of the budget and the titles the rest);
3. hold back the lowest-ranked titles of those lists, naming their section.

Sizes are what readers receive: email.html rendered and inlined. Inlining (premailer) is the
expensive part, so the searches of steps 2 and 3 use an estimate — the template's output before
inlining, scaled by the ratio the last real render showed — and every answer is confirmed by a
real render (a wrong estimate costs one more round, never an email over the budget). An issue
whose output is far over the budget before inlining is not inlined to learn that it is over.
Each search interpolates between the sizes it has measured (sizes grow about linearly with the
stories kept), so it takes a few renders, not one per halving nor one per tenth of the titles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from digest.models import HeldBack, Issue, SizeReport, Story
from digest.stories.teasers import cut_at_word, split_sentences
from digest.words import counted

SHORT_TEASER_WORDS = 30
# No inlined story takes fewer bytes than these: bounds that keep a 10,000-story issue from
# ever being rendered whole (premailer on megabytes of HTML takes minutes).
MIN_STORY_BYTES = 400
MIN_TITLE_BYTES = 60


MAX_ROUNDS = 6  # estimate-then-confirm rounds before falling back to exact sizes
MIN_FULL_STORIES = 3  # full stories per section before titles of "More this week" may crowd them out
FULL_SHARE = 0.75  # of the budget, for the full stories when the titles must give way
# The template's output (less the style blocks inlining removes) this far over the budget is
# over it inlined too; the margin covers what inlining shortens (an entity for a character).
SURELY_OVER = 1.15


@dataclass
class Measure:
    """How big a candidate issue's email.html is."""

    exact: Callable[[Issue], int]  # rendered and inlined: what readers receive
    rough: Callable[[Issue], int] | None = None  # the template's output alone: cheap, roughly proportional


class _Sizer:
    def __init__(self, measure: Measure) -> None:
        self.measure = measure
        self.ratio: float | None = None

    def exact(self, issue: Issue) -> int:
        size = self.measure.exact(issue)
        if self.measure.rough is not None:
            self.ratio = size / max(1, self.measure.rough(issue))
        return size

    def checked(self, issue: Issue, budget: int) -> int:
        """The exact size; or, when the rough size is SURELY_OVER the budget, that rough size
        (over the budget too: inlining adds each element's styles): no need to inline a
        whole batch's issue to learn that it does not fit."""
        if self.measure.rough is not None:
            rough = self.measure.rough(issue)
            if rough > SURELY_OVER * budget:
                self.ratio = self.ratio or 1.0  # a floor, until a real render gives the ratio
                return rough
        return self.exact(issue)

    def estimate(self, issue: Issue) -> int:
        if self.measure.rough is None or self.ratio is None:
            return self.exact(issue)
        return int(self.measure.rough(issue) * self.ratio)


def fit_to_budget(issue: Issue, measure: Measure, budget: int) -> Issue:
    """The issue, fitted: what was shortened, moved or held back is decided here, and the
    issue carries its size report."""
    actions: list[str] = []
    sizer = _Sizer(measure)
    issue, cut = _bound(issue, budget)
    size = sizer.checked(issue, budget)
    if size > budget:
        issue = _short_teasers(issue)
        size = sizer.checked(issue, budget)
        actions.append("shortened teasers to their first sentence")
    if size > budget:
        before = sum(len(s.more) for s in issue.sections)
        for rounds in range(MAX_ROUNDS):
            last = rounds == MAX_ROUNDS - 1
            size_of = sizer.exact if last else sizer.estimate
            candidate, titles_give_way = _keep_best(issue, size_of, sizer.exact, budget, not last)
            if titles_give_way:
                # the full stories alone, confirmed by a real render; the titles are fitted in step 3
                if sizer.exact(_without_titles(candidate)) <= FULL_SHARE * budget:
                    issue, size = candidate, sizer.checked(candidate, budget)
                    break
                continue  # the estimate was off: the next round searches with the ratio just measured
            issue = candidate
            size = sizer.exact(issue)
            if size <= budget or all(not s.stories for s in issue.sections):
                break
        moved = sum(len(s.more) for s in issue.sections) - before
        actions.append(f"moved {counted(moved, 'lower-ranked story')} to 'More this week'")
    if size > budget or cut:
        dropped = 0
        for rounds in range(MAX_ROUNDS):
            issue, held = _drop_titles(issue, sizer.estimate if rounds < MAX_ROUNDS - 1 else sizer.exact, budget)
            dropped += held
            size = sizer.exact(issue)
            if size <= budget or not any(s.more for s in issue.sections):
                break
        actions.append(f"held back {counted(dropped + cut, 'story')} over the size budget")
    return issue.model_copy(update={"size": SizeReport(budget_bytes=budget, html_bytes=size, actions=actions)})


def _bound(issue: Issue, budget: int) -> tuple[Issue, int]:
    """Before any rendering: stories that cannot possibly fit go straight to 'More this
    week', and titles that cannot fit even there are held back (lowest-ranked first)."""
    sections = len(issue.sections) or 1
    keep = max(1, budget // (MIN_STORY_BYTES * sections))
    titles = max(1, budget // (MIN_TITLE_BYTES * sections))
    if all(len(s.stories) + len(s.more) <= keep for s in issue.sections):
        return issue, 0
    held: list[HeldBack] = []
    bounded = []
    for section in issue.sections:
        everything = section.all_stories
        stories, more, over = everything[:keep], everything[keep : keep + titles], everything[keep + titles :]
        reason = f"over the email size budget ({budget // 1024} KB)"
        held += [HeldBack(title=s.title, documents=s.documents, section=section.id, reason=reason) for s in over]
        bounded.append(section.model_copy(update={"stories": stories, "more": more}))
    return issue.model_copy(update={"sections": bounded, "held_back": issue.held_back + held}), len(held)


def _short_teasers(issue: Issue) -> Issue:
    def shorten(teaser: str) -> str:
        sentences = split_sentences(teaser)
        first = sentences[0] if sentences else teaser
        return first if len(first.split()) <= SHORT_TEASER_WORDS else cut_at_word(first, SHORT_TEASER_WORDS)

    sections = [
        s.model_copy(update={"stories": [st.model_copy(update={"teaser": shorten(st.teaser)}) for st in s.stories]})
        for s in issue.sections
    ]
    return issue.model_copy(update={"sections": sections})


def _with_kept(issue: Issue, keep: int) -> Issue:
    sections = [
        s.model_copy(update={"stories": s.stories[:keep], "more": s.stories[keep:] + s.more}) for s in issue.sections
    ]
    return issue.model_copy(update={"sections": sections})


def _keep_best(
    issue: Issue,
    size: Callable[[Issue], int],
    exact: Callable[[Issue], int],
    budget: int,
    titles_may_give_way: bool = True,
) -> tuple[Issue, bool]:
    """The largest number of full stories per section that fits with every other story as a
    title. When the titles would leave fewer than MIN_FULL_STORIES (a backlog of hundreds), the
    best stories come first: as many as fit in FULL_SHARE of the budget, and True — the titles
    give way to them (step 3). Whether the first MIN_FULL_STORIES fit is measured exactly when
    the estimate is close: an estimate a little over must not cost a section its best stories."""
    most = max(len(s.stories) for s in issue.sections)
    floor = min(MIN_FULL_STORIES, most)
    if _fits(_with_kept(issue, floor), size, exact, budget):
        return _with_kept(issue, max(floor, _largest(lambda k: size(_with_kept(issue, k)), budget, most))), False
    share = int(FULL_SHARE * budget)
    if titles_may_give_way and _fits(_without_titles(_with_kept(issue, floor)), size, exact, share):
        roomy = _largest(lambda k: size(_without_titles(_with_kept(issue, k))), share, most)
        return _with_kept(issue, max(floor, roomy)), True
    kept = max(0, _largest(lambda k: size(_with_kept(issue, k)), budget, most))
    return _with_kept(issue, kept), False


def _fits(issue: Issue, size: Callable[[Issue], int], exact: Callable[[Issue], int], limit: int) -> bool:
    """Within `limit` by the estimate, or, when the estimate is over by less than the margin
    estimates can be off by, by a real render."""
    estimated = size(issue)
    return estimated <= limit or (estimated <= SURELY_OVER * limit and exact(issue) <= limit)


def _largest(size: Callable[[int], int], limit: int, most: int, least: int = 1) -> int:
    """The largest k in least..most whose size is within `limit`, for sizes growing with k
    (least - 1 when none is). Each guess interpolates between the sizes measured at the ends of
    the bracket (sizes grow about linearly with k), halving it when a guess gains little: a
    few renders, where halving alone takes log2 of the range."""
    measured: dict[int, int] = {}

    def at(k: int) -> int:
        if k not in measured:
            measured[k] = size(k)
        return measured[k]

    if most < least or at(least) > limit:
        return least - 1
    low, high = least, most
    if at(high) <= limit:
        return high
    halve = False
    while high - low > 1:  # at(low) fits, at(high) does not
        if halve:
            guess = (low + high) // 2
        else:
            guess = low + (limit - at(low)) * (high - low) // max(1, at(high) - at(low))
            guess = min(max(guess, low + 1), high - 1)
        width = high - low
        if at(guess) <= limit:
            low = guess
        else:
            high = guess
        halve = not halve and high - low > width // 2  # the guess gained less than a halving would
    return low


def _without_titles(issue: Issue) -> Issue:
    return issue.model_copy(update={"sections": [s.model_copy(update={"more": []}) for s in issue.sections]})


def _drop_titles(issue: Issue, measure: Callable[[Issue], int], budget: int) -> tuple[Issue, int]:
    """Hold back titles from the end of the 'More' lists, longest list first, as few as make
    the issue fit (by `measure`)."""
    more = {s.id: list(s.more) for s in issue.sections}
    removal: list[tuple[str, Story]] = []  # the order titles go in, the first to go first
    while any(more.values()):
        section_id = max(more, key=lambda sid: len(more[sid]))
        removal.append((section_id, more[section_id].pop()))

    def without(dropped: int) -> Issue:
        gone = {id(story) for _, story in removal[:dropped]}
        sections = [s.model_copy(update={"more": [t for t in s.more if id(t) not in gone]}) for s in issue.sections]
        return issue.model_copy(update={"sections": sections})

    total = len(removal)
    # as many titles kept as fit: sizes grow with the titles kept (total - dropped)
    kept = max(0, _largest(lambda k: measure(without(total - k)), budget, total, least=0))
    dropped = total - kept
    reason = f"over the email size budget ({budget // 1024} KB)"
    held = [
        HeldBack(title=story.title, documents=story.documents, section=section_id, reason=reason)
        for section_id, story in removal[:dropped]
    ]
    fitted = without(dropped)
    return fitted.model_copy(update={"held_back": issue.held_back + held}), dropped
