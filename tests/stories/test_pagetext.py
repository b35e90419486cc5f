"""Finding the article of a page saved as text (stories/pagetext.py)."""

from __future__ import annotations

from digest.stories.pagetext import page_article
from digest.structure.blocks import Block, Link

SENTENCE = (
    "The harbour board said on Tuesday that the works on the north quay would end before the winter storms arrive"
)


def link_line(text: str, path: str) -> Block:
    return Block(kind="item", text=text, links=[Link(text=text, url=f"https://quay.example/{path}")])


def paragraph(n: int) -> Block:
    return Block(kind="paragraph", text=f"{SENTENCE}, for the {n}th time this year, the board said.")


MENU = [link_line(name, name.lower()) for name in ("News", "Harbour", "Sport", "Weather", "Events", "About")]


def test_a_page_with_furniture_on_both_sides_is_its_article():
    headline = Block(kind="paragraph", text="Harbour board says the quay works end before winter")
    blocks = [*MENU, headline, *[paragraph(n) for n in range(5)], *MENU]
    article = page_article(blocks)
    assert article is not None
    assert (article.headline, article.start, article.end) == (6, 7, 11)


def test_a_newsletter_whose_stories_open_with_linked_headlines_is_not_one_article():
    stories = []
    for n in range(4):
        stories += [link_line(f"Quay works news number {n} for the week", f"news/{n}"), paragraph(n), paragraph(n + 10)]
    assert page_article([*MENU, *stories, *MENU]) is None


def test_an_essay_over_its_links_without_a_page_around_it_is_not_one():
    # an essay, then a list of links: no menu before it, so no page's furniture
    blocks = [Block(kind="heading", level=1, text="Why the quay matters"), *[paragraph(n) for n in range(5)], *MENU]
    assert page_article(blocks) is None
