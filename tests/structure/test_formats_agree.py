"""A newsletter reads the same in markdown, in the HTML a markdown tool makes from it and in a
builder's e-mail of that HTML (its headings bold lines sized by level, no heading tags).

Publishers write a newsletter once and send it in several forms (the markdown source on a
site, its HTML web version, the HTML part of the e-mail). Every markdown layout written for
the repository (tests/fixtures/layouts/*.md) is rendered to HTML here with markdown-it, as
site generators do, and both forms must be cut into the same stories with the same links.
"""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES
from markdown_it import MarkdownIt

from digest.readers import read_document
from digest.readers.inbox import scan_inbox
from digest.stories import split_into_stories

LAYOUTS = FIXTURES / "layouts"
# where the two forms are not the same document, and why
DIFFERENT_IN_HTML = {
    # "**Race results**" alone on its markdown line over the text is a headline; in HTML that line
    # break is a space and the bold words run into the sentence after them: still heads, but the
    # first of the club's reminders under "Reminders" then reads as one more story
    "club-letter.md": "a line break in the source is only a space in HTML",
    # the clipped page's address and author are front matter fields, which the rendering drops
    "web-clipper-note.md": "the front matter's fields are not in the HTML",
}
# where only the builder's e-mail, with no heading tags, is not the same document, and why
DIFFERENT_WITHOUT_HEADINGS = {
    # a linked heading of 43 words (a project's name and its whole description) is a headline
    # because the document marks it as a heading; a bold line that long is a paragraph of text
    "long-linked-heading-among-headlines.md": "only a heading tag makes a line of 43 words a headline",
}
_FRONT_MATTER = re.compile(r"^(---|\+\+\+)\n(?P<fields>.*?)\n\1\n", re.S)
_TITLE = re.compile(r"^title\s*[:=]\s*[\"']?(?P<title>.+?)[\"']?\s*$", re.M)


def stories_in(folder, name: str, text: str) -> list[tuple[str, str | None]]:
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    [file] = scan_inbox(folder).files
    return [(s.title, s.url) for s in split_into_stories(read_document(file))]


def as_html(markdown: str, name: str) -> str:
    """The page a site generator makes: the front matter's title as the page's (else its first
    heading's, as a mailing tool's subject would be), the body rendered."""
    front = _FRONT_MATTER.match(markdown)
    title = _TITLE.search(front.group("fields")) if front else None
    body = markdown[front.end() :] if front else markdown
    heading = re.search(r"^#{1,2}\s+(.+?)\s*#*$", body, re.M)
    page_title = title.group("title") if title else heading.group(1) if heading else name
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(body)
    return f"<html><head><title>{page_title}</title></head><body>{rendered}</body></html>"


@pytest.mark.parametrize("name", sorted(p.name for p in LAYOUTS.glob("*.md") if p.name not in DIFFERENT_IN_HTML))
def test_a_markdown_newsletter_and_its_html_give_the_same_stories(tmp_path, name):
    markdown = (LAYOUTS / name).read_text(encoding="utf-8")
    from_markdown = stories_in(tmp_path / "md", name, markdown)
    from_html = stories_in(tmp_path / "html", name.removesuffix(".md") + ".html", as_html(markdown, name))
    assert from_html == from_markdown


def as_built(html: str) -> str:
    """The same page as an e-mail builder writes it: no <h1>–<h6>, its headings bold lines in a
    type sized by their level, its text in a table cell with inline styles."""
    sizes = {"1": 26, "2": 22, "3": 18, "4": 16, "5": 15, "6": 14}
    html = re.sub(
        r"<h([1-6])[^>]*>(.*?)</h\1>",
        lambda m: f'<p><span style="font-size:{sizes[m.group(1)]}px"><strong>{m.group(2)}</strong></span></p>',
        html,
        flags=re.S,
    ).replace("<p>", '<p style="font-size:15px">')
    return html.replace("<body>", '<body><table width="600"><tr><td style="font-size:15px">').replace(
        "</body>", "</td></tr></table></body>"
    )


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in LAYOUTS.glob("*.md") if p.name not in DIFFERENT_IN_HTML | DIFFERENT_WITHOUT_HEADINGS),
)
def test_a_builders_e_mail_without_heading_tags_gives_the_same_stories(tmp_path, name):
    markdown = (LAYOUTS / name).read_text(encoding="utf-8")
    from_markdown = stories_in(tmp_path / "md", name, markdown)
    built = as_built(as_html(markdown, name))
    assert stories_in(tmp_path / "built", name.removesuffix(".md") + ".html", built) == from_markdown


def test_the_layouts_that_differ_still_exist():
    # an exception whose fixture was renamed or removed would silently stop meaning anything
    assert all((LAYOUTS / name).exists() for name in DIFFERENT_IN_HTML | DIFFERENT_WITHOUT_HEADINGS)
