"""A saved page's own statements about itself: its title, author, site, address, date and
whether it is an article, each gathered from every place a page states it.

Titles by agreement: a page names its headline in og:title, twitter:title, JSON-LD
`headline`, `<title>` (with the site's name) and its h1. Each candidate is normalised (the
site's name and an author's name after a separator cut off) and the one most of the others
agree with wins; a candidate that is only the site's name, or a heading deep in the body, is
never the title.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from digest.structure.blocks import clean_text
from digest.support.htmldom import Element

ARTICLE_TYPES = re.compile(r"article|blogposting|report|reportage|review|posting", re.I)
SITE_NAME_WORDS = 5
# a day of a month ("March 16, 2026", "16 Mar", "2026-03-16"): the part of a `<title>` that
# says when ("Quay Weekly — Week of March 16, 2026"), not which site
_DAY = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b",
    re.I,
)
SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|»|·)\s+")
BY_NAME = re.compile(
    r"^by\s+(?P<name>[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3})\s*(?:$|[,|·•]|\s(?:and|&)\s|\s+\d)", re.I
)
# What a page's author field holds when the extractor picked up a form label, not a person.
NOT_AUTHORS = frozenset(
    ["username", "user", "admin", "administrator", "guest", "anonymous", "staff", "editor", "author", "login"]
)


@dataclass
class PageMeta:
    titles: list[tuple[str, str]] = field(default_factory=list)  # (where, text), most trusted first
    authors: list[str] = field(default_factory=list)  # from the page's metadata
    link_authors: list[str] = field(default_factory=list)  # rel=author links in the article
    byline_authors: list[str] = field(default_factory=list)  # "By …" in an element marked as the byline
    site: str | None = None
    url: str | None = None
    date: str | None = None
    article: bool = False  # the page says it is one article (og:type, JSON-LD, one <article>)

    def title(self, extra: list[tuple[str, str]] = ()) -> str | None:  # type: ignore[assignment]
        return choose_title([*self.titles, *extra], self.site, self.authors)

    def site_name(self, title: str | None) -> str | None:
        """The declared site name; else the part the page's `<title>` adds after the chosen
        title ("Headline | Porthaven Echo"), when it is short enough to be a name."""
        if self.site or not title:
            return self.site
        for where, text in self.titles:
            parts = SEPARATORS.split(text)
            if where == "<title>" and len(parts) >= 2 and _agreement(parts[0], title) == 1.0:
                site = parts[-1]
                return site if 1 <= len(_fold(site)) <= SITE_NAME_WORDS and not _DAY.search(site) else None
        return None

    def author(self, extra: str | None = None) -> str | None:
        for name in [*self.authors, extra, *self.link_authors, *self.byline_authors]:
            if name and name.strip().lower() not in NOT_AUTHORS and not name.startswith(("http://", "https://")):
                return name.strip()
        return None


def page_meta(root: Element) -> PageMeta:
    found = PageMeta()

    def meta(*keys: str) -> str | None:
        for key in keys:
            for attr in ("property", "name", "itemprop"):
                values = root.xpath(f'//meta[@{attr}="{key}"]/@content')
                if values and clean_text(values[0]):
                    return clean_text(values[0])
        return None

    found.site = meta("og:site_name", "application-name")
    jsonld = list(_json_ld(root))
    for item in jsonld:
        if isinstance(item.get("headline"), str):
            found.titles.append(("json-ld headline", clean_text(item["headline"])))
    for where, key in (("og:title", "og:title"), ("twitter:title", "twitter:title")):
        if value := meta(key):
            found.titles.append((where, value))
    headings = [clean_text(h.text_content()) for h in root.xpath("//h1")]
    headings = [h for h in headings if h]
    if headings and len(set(headings)) <= 2:  # a page's headline, printed once or twice
        found.titles.append(("h1", headings[0]))
    if (titles := root.xpath("//title/text()")) and (value := clean_text(titles[0])):
        found.titles.append(("<title>", value))
    for item in jsonld:
        author = item.get("author")
        for person in author if isinstance(author, list) else [author]:
            name = person.get("name") if isinstance(person, dict) else person
            if isinstance(name, str) and clean_text(name):
                found.authors.append(clean_text(name))
    value = meta("author", "article:author", "byl", "sailthru.author")
    if value and not value.startswith("http"):
        found.authors.append(value)
    # a rel=author link counts only inside the article (a related-stories box has its own)
    found.link_authors = [clean_text(a) for a in root.xpath('//article//a[@rel="author"]//text()') if clean_text(a)]
    # the convention of most publishing systems: an element whose class names it the byline
    # ("byline", "pb-byline", "article-byline"), printed "By Ann Lee"
    for element in root.xpath('//*[contains(translate(@class, "BYLINE", "byline"), "byline")]')[:5]:
        if (match := BY_NAME.match(clean_text(element.text_content()))) is not None:
            found.byline_authors.append(match.group("name"))
    canonical = root.xpath('//link[@rel="canonical"]/@href') or root.xpath('//meta[@property="og:url"]/@content')
    if canonical and canonical[0].strip().startswith(("http://", "https://")):
        found.url = canonical[0].strip()
    found.date = meta("article:published_time", "datePublished", "date", "dc.date", "DC.date.issued")
    kinds = [str(item.get("@type", "")) for item in jsonld]
    found.article = bool(
        (meta("og:type") or "").lower() == "article"
        or any(ARTICLE_TYPES.search(kind) for kind in kinds)
        # one <article> element; several side by side are a blog's or a site's list of them
        or len(root.xpath("//article[not(ancestor::article)]")) == 1
    )
    return found


def _json_ld(root: Element):
    for script in root.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except (ValueError, TypeError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)


def _strip_names(title: str, names: list[str]) -> str:
    """'Headline - BBC News' → 'Headline'; 'Headline | Ann Lee | World' → 'Headline' when
    BBC News is the site or Ann Lee the author: the longest part that is no one's name."""
    parts = SEPARATORS.split(title)
    if len(parts) == 1:
        return title
    lowered = {n.lower() for n in names if n}
    kept = [p for p in parts if p.lower() not in lowered]
    if not kept:
        return title
    # keep the leading parts up to the first name: "Headline: sub | Author | Section | Site"
    leading = []
    for part in parts:
        if part.lower() in lowered:
            break
        leading.append(part)
    return " - ".join(leading) if leading else max(kept, key=len)


def _fold(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _agreement(a: str, b: str) -> float:
    """How far two titles agree: 1 when equal, the shorter's share when one contains the other."""
    x, y = _fold(a), _fold(b)
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    short, long_ = sorted((x, y), key=len)
    n = len(short)
    if any(long_[i : i + n] == short for i in range(len(long_) - n + 1)):
        return n / len(long_)
    return 0.0


def choose_title(candidates: list[tuple[str, str]], site: str | None, authors: list[str]) -> str | None:
    """The title most candidates agree with (ties: the more trusted source, listed first)."""
    names = [site or "", *authors]
    cleaned: list[tuple[str, str]] = []
    for where, text in candidates:
        text = _strip_names(text, names)
        if not text or (site and text.lower() == site.lower()) or len(_fold(text)) < 1:
            continue
        cleaned.append((where, text))
    if not cleaned:
        return None
    # a candidate cut at a separator ("Headline - Site" where Site is not declared) agrees with
    # the others through its first part
    first_parts = [(where, SEPARATORS.split(text)[0]) for where, text in cleaned]
    options = cleaned + [fp for fp in first_parts if fp not in cleaned]
    scores = []
    for order, (_, text) in enumerate(options):
        support = sum(_agreement(text, other) for _, other in cleaned)
        scores.append((support, -order, text))
    return max(scores)[2]
