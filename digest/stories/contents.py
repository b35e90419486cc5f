"""Contents lists: an "In this issue" list, a TL;DR or top stories repeated below are not
stories; their entries are found by the words they share with the headlines that follow."""

from __future__ import annotations

import re

from digest.stories.features import is_body
from digest.stories.runins import runin_title
from digest.structure.blocks import Block
from digest.words import ENUMERATOR


def headline(block: Block) -> str:
    return runin_title(block) or block.text


def contents_list(blocks: list[Block], candidates: list[int], starts: list[int]) -> set[int]:
    """Candidates whose words come back later as a story's headline: an "In this issue" list, a
    TL;DR, top stories repeated below. An entry with a note under it is still the list's last
    entry. (A story printed twice, text and all, is two stories here: merging makes them one.)"""
    # the headlines below, and the headings that label sections of them ("- Harbour news" over
    # "## Harbour news"): a list of either is the contents
    labels = [i for i, b in enumerate(blocks) if b.kind == "heading" and i not in starts]
    titles = {s: _fold(headline(blocks[s])) for s in [*starts, *labels]}
    by_word: dict[str, list[int]] = {}
    for start, words_ in titles.items():
        for word in words_:
            by_word.setdefault(word, []).append(start)

    def matches(i: int, needed: float) -> bool:
        mine = _fold(headline(blocks[i]))
        later = {s for word in mine for s in by_word.get(word, ()) if s > i}
        return bool(mine) and any(_overlap(mine, titles[s]) >= needed for s in later)

    matched = [i for i in candidates if i not in titles and matches(i, 0.6)]
    # a lone match is a coincidence; a list of them — entries one after another, no text
    # between — is a contents list
    listed: set[int] = set()
    run: list[int] = []
    for i in matched:
        if run and any(is_body(b) for b in blocks[run[-1] + 1 : i]):
            listed |= set(run) if len(run) >= 2 else set()
            run = []
        run.append(i)
    listed |= set(run) if len(run) >= 2 else set()
    contents = set(listed)
    for n, i in enumerate(candidates):
        if i in titles and n and candidates[n - 1] in listed and matches(i, 0.6):
            contents.add(i)
    return contents


def repeated_later(blocks: list[Block], members: list[int]) -> set[int]:
    """The members whose words come back in a later member: a contents list's entries among
    the headlines they list (not counted when judging whether the headlines have texts)."""
    folded = {i: _fold(headline(blocks[i])) for i in members}
    having: dict[str, list[int]] = {}
    for i in members:
        for word in folded[i]:
            having.setdefault(word, []).append(i)
    repeated = set()
    for i in members:
        if not folded[i]:
            continue
        # a repeat holds most of the entry's words, so its rarest one: only those members are compared
        rarest = min(folded[i], key=lambda word: len(having[word]))
        if any(j > i and _overlap(folded[i], folded[j]) >= 0.8 for j in having[rarest]):
            repeated.add(i)
    return repeated


def _fold(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", ENUMERATOR.sub("", text, count=1).lower()))


def _overlap(a: set[str], b: set[str]) -> float:
    """How much of the shorter title the other holds, when they are of like length (a line
    that merely mentions a short headline does not repeat it); a one-word title must be equal."""
    short, long_ = sorted((len(a), len(b)))
    if short < 2 or short < 0.6 * long_:
        return 1.0 if a == b else 0.0
    return len(a & b) / short
