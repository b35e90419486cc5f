"""Benchmark: does a newsletter read the same in its other forms?

    python benchmarks/forms.py [--corpus PATH] [--show]

A publisher writes a newsletter once and sends it in several forms: its markdown (the site's
source), the HTML a site generator renders from it, the plain-text part a mailing tool writes,
an e-mail. Each markdown document here — the dev half's markdown newsletters in
../shared/corpus/newsletters and the layouts in tests/fixtures/layouts — is converted to each
form and cut into stories; the figure is how many of the markdown reading's story titles come
out the same. No gold is needed, and the conversions are the ordinary ones (markdown-it for
HTML; for the plain part, the style Mailchimp and its kind write: "** Heading" over a rule,
"words (https://…)" for a link, "* " for an item, bold and emphasis marks dropped; the same
hard-wrapped at 72 columns, as most mail tools send it; for the
builder's e-mail, headings as bold lines sized by level in a table cell, no <h1>–<h6>; when
lynx or w3m is installed, the page as a text browser saves it, `lynx -dump` and `w3m -dump`
with link numbers).

Then the same documents cut short, as an issue with fewer stories is: their opening and first
two, then three, sections; how many of the whole reading's titles within that part come out
the same.

Then the corpus's saved article pages (webpages/) as lynx and w3m save them, menus, share
buttons and footers included: is the first story titled by the page's headline (Readability's
expected title, or the page's own h1 and og:title where they agree), and is the page one story?

The held-out half's files are not read. Differences are printed with --show.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from email.message import EmailMessage
from pathlib import Path

import lxml.html
from markdown_it import MarkdownIt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from stories import half, page_agrees, publisher, same_title  # noqa: E402  (benchmarks/stories.py)

from digest.readers import read_document  # noqa: E402
from digest.readers.inbox import scan_inbox  # noqa: E402
from digest.stories import split_into_stories  # noqa: E402

FRONT_MATTER = re.compile(r"^(---|\+\+\+)\n(?P<fields>.*?)\n\1\n", re.S)
TITLE = re.compile(r"^title\s*[:=]\s*[\"']?(?P<title>.+?)[\"']?\s*$", re.M)
# kramdown's attribute lists are the site generator's, not markdown-it's: a renderer consumes them
GENERATOR_ATTRIBUTES = re.compile(r"\{:[^}\n]*\}|\s*\{#[\w-]+\}")
RULE = "-" * 60


def titles(name: str, content: bytes) -> list[str]:
    """The story titles of one document, read alone from an inbox of its own."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_bytes(content)
        [file] = scan_inbox(Path(folder)).files
        return [story.title for story in split_into_stories(read_document(file))]


def body_and_title(markdown: str, fallback: str) -> tuple[str, str]:
    front = FRONT_MATTER.match(markdown)
    found = TITLE.search(front.group("fields")) if front else None
    body = GENERATOR_ATTRIBUTES.sub("", markdown[front.end() :] if front else markdown)
    # (no title in front matter: the page and the e-mail are titled by the first heading, as a
    # site generator or a mailing tool titles them)
    heading = re.search(r"^#{1,2}\s+(.+?)\s*#*$", body, re.M)
    return body, found.group("title") if found else heading.group(1) if heading else fallback


def inline_text(element: lxml.html.HtmlElement) -> str:
    """An element's words as a plain-text part writes them: a link's address after its words."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "a" and child.get("href", "").startswith("http"):
            parts.append(f"{inline_text(child)} ({child.get('href')})")
        elif child.tag == "br":
            parts.append("\n")
        elif child.tag != "img":
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def wrapped(paragraph: str, width: int = 72) -> str:
    """A paragraph of the plain-text part hard-wrapped as most mail tools send it: lines of at
    most `width` characters, an item's lines indented under its words, addresses never broken."""
    lines = []
    for line in paragraph.split("\n"):
        mark = re.match(r"^\s*(?:[*-]|\d+\.)\s+", line)
        indent = " " * len(mark.group(0)) if mark else line[: len(line) - len(line.lstrip())]
        found = textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
        lines += found or [line]  # (a blank line stays)
    return "\n".join(lines) or paragraph


def plain_part(element: lxml.html.HtmlElement, out: list[str], depth: int = 0) -> None:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("h1", "h2", "h3", "h4"):
            out.append(f"** {' '.join(inline_text(child).split())}\n{RULE}")
        elif tag == "p" and (text := inline_text(child).strip()):
            out.append(text)
        elif tag in ("ul", "ol"):
            for n, item in enumerate((li for li in child if li.tag == "li"), 1):
                nested = [x for x in item if x.tag in ("p", "ul", "ol")]
                if nested and nested[0].tag == "p":
                    head, rest = inline_text(nested[0]), nested[1:]
                else:
                    head, rest = (inline_text(item) if not nested else item.text or ""), nested
                mark = f"{n}." if tag == "ol" else "*"
                out.append("  " * depth + f"{mark} {' '.join(head.split())}")
                for sub in rest:
                    plain_part(
                        lxml.html.fromstring(f"<div>{lxml.html.tostring(sub, encoding=str)}</div>"), out, depth + 1
                    )
        elif tag == "hr":
            out.append("=" * 60)
        elif tag in ("blockquote", "div"):
            plain_part(child, out, depth)
        elif tag == "pre":
            out.append(child.text_content())


# an e-mail builder's type scale: its headings are bold lines in these sizes, not <h1>–<h6>
BUILDER_SIZES = {"1": 26, "2": 22, "3": 18, "4": 16, "5": 15, "6": 14}


def builder_html(html: str) -> str:
    """The HTML as an e-mail builder writes it: headings as bold spans sized by their level,
    paragraphs with inline styles, everything in a table cell 600 pixels wide."""
    html = re.sub(
        r"<h([1-6])[^>]*>(.*?)</h\1>",
        lambda m: (
            f'<p style="margin:18px 0 6px"><span style="font-size:{BUILDER_SIZES[m.group(1)]}px;'
            f'color:#222222"><strong>{m.group(2)}</strong></span></p>'
        ),
        html,
        flags=re.S,
    )
    html = html.replace("<p>", '<p style="font-size:15px;color:#444444;line-height:150%">')
    return (
        '<table width="100%"><tr><td align="center"><table width="600"><tr><td class="mcnTextContent" '
        f'style="font-family:Helvetica;font-size:15px;color:#444444">{html}</td></tr></table></td></tr></table>'
    )


def e_mail(title: str, page: str) -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = "Quay Weekly <news@quay.example>", "reader@example.org"
    message["Subject"], message["Date"] = title, "Mon, 07 Dec 2026 09:00:00 +0000"
    message.set_content(page, subtype="html")
    return message.as_bytes()


def forms(markdown: str, name: str) -> dict[str, tuple[str, bytes]]:
    """The document's other forms: (file name, content)."""
    body, title = body_and_title(markdown, name)
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(body)
    page = f"<html><head><title>{title}</title></head><body>{html}</body></html>"
    built = f"<html><head><title>{title}</title></head><body>{builder_html(html)}</body></html>"
    text: list[str] = []
    plain_part(lxml.html.fromstring(f"<div>{html}</div>"), text)
    found = {
        "HTML page": ("page.html", page.encode()),
        "plain-text part": ("part.txt", ("\n\n".join(text) + "\n").encode()),
        "plain-text part, wrapped": ("wrapped.txt", ("\n\n".join(wrapped(t) for t in text) + "\n").encode()),
        "HTML e-mail": ("message.eml", e_mail(title, page)),
        "builder's e-mail": ("built.eml", e_mail(title, built)),
    }
    for browser, command in TEXT_BROWSERS.items():
        found[f"saved as text ({browser})"] = ("saved.txt", saved_as_text(command, page))
    return found


# How text browsers save a page (and mail programs show HTML mail through them): lynx sets the
# headings left of the indented text; w3m sets everything at the margin; both write each link
# as a "[n]" marker and list the addresses at the end. A browser not installed is left out.
TEXT_BROWSERS = {
    name: command
    for name, command in {
        "lynx": ["lynx", "-dump", "-stdin", "-force_html", "-width=80", "-display_charset=utf-8"],
        "w3m": ["w3m", "-dump", "-T", "text/html", "-cols", "80", "-O", "UTF-8", "-o", "display_link_number=1"],
    }.items()
    if shutil.which(name)
}


def saved_as_text(command: list[str], page: str) -> bytes:
    """The page as a text browser saves it (`lynx -dump`, `w3m -dump`)."""
    charset = ["-assume_charset=utf-8"] if command[0] == "lynx" else ["-I", "UTF-8"]
    return subprocess.run(command + charset, input=page.encode(), capture_output=True, check=True, timeout=60).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus")
    parser.add_argument("--show", action="store_true", help="print the titles that differ")
    args = parser.parse_args()
    newsletters = args.corpus / "newsletters"
    documents = [p for p in sorted(newsletters.glob("*.md")) if half(publisher(p.name)) == "dev"]
    documents += sorted((HERE.parent / "tests" / "fixtures" / "layouts").glob("*.md"))
    kept = {
        form: 0
        for form in ("HTML page", "plain-text part", "plain-text part, wrapped", "HTML e-mail", "builder's e-mail")
    }
    kept.update({f"saved as text ({browser})": 0 for browser in TEXT_BROWSERS})
    output = dict.fromkeys(kept, 0)  # titles each form gave, the same or not (a form cut too finely gives more)
    total = 0
    for path in documents:
        expected = titles(path.name, path.read_bytes())
        total += len(expected)
        for form, (name, content) in forms(path.read_text(encoding="utf-8"), path.stem).items():
            found = titles(name, content)
            kept[form] += len(set(expected) & set(found))
            output[form] += len(found)
            if args.show and found != expected:
                print(f"{path.name} as {form}: {len(expected)} stories -> {len(found)}")
    print(f"{len(documents)} markdown documents, {total} story titles; the same titles in each form, of all it gave:")
    for form, count in kept.items():
        print(f"  {form:24} {count}/{total}, of {output[form]}")
    short_issues(documents, args.show)
    pages_saved_as_text(args.corpus / "webpages", args.show)


SECTION = re.compile(r"^#{1,3} ", re.M)


def short_issues(documents: list[Path], show: bool) -> None:
    """Each document cut short, as a newsletter with fewer stories is: its opening and its first
    two (then three) sections, up to the heading after them. How many of the whole document's
    titles within the kept part come out the same (a short issue has fewer records to repeat)."""
    kept = total = 0
    for path in documents:
        markdown = path.read_text(encoding="utf-8")
        expected = titles(path.name, markdown.encode())
        starts = [m.start() for m in SECTION.finditer(markdown)]
        for sections in (2, 3):
            if len(starts) <= sections + 1:
                continue
            short = markdown[: starts[sections + 1]]
            within = [t for t in expected if t[:30] in short]
            found = titles(path.name, short.encode())
            kept += sum(t in found for t in within)
            total += len(within)
            if show and not set(within) <= set(found):
                print(f"{path.name}, first {sections} sections: {[t for t in within if t not in found]} -> {found}")
    print(f"The same documents cut short (their first 2 or 3 sections): {kept}/{total} of their titles kept")


_ADDRESS = re.compile(r'<(?:link[^>]*rel="canonical"[^>]*href|meta[^>]*property="og:url"[^>]*content)="([^"]+)"', re.I)


def at_its_address(html: str) -> str:
    """The page as a browser has it when it saves it: at its address (the canonical one), so
    that its links are written out whole, as a text browser saving the page from the web writes
    them (fed the file alone, it would write the site's own links as file:/// paths)."""
    found = _ADDRESS.search(html)
    if found is None or re.search(r"<base\b", html, re.I):
        return html
    return re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + f'<base href="{found.group(1)}">', html, count=1, flags=re.I)


def pages_saved_as_text(folder: Path, show: bool) -> None:
    """The saved article pages (webpages/) as a text browser saves them, menus, share buttons
    and footers included: is the first story titled by the page's headline, and is the page
    one story?"""
    pages = sorted(p for p in folder.iterdir() if (p / "source.html").is_file()) if folder.is_dir() else []
    if not pages or not TEXT_BROWSERS:
        return
    print(f"{len(pages)} article pages saved as text: first story titled by the headline / one story:")
    for browser, command in TEXT_BROWSERS.items():
        titled = single = 0
        for page in pages:
            expected = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))["title"] or ""
            html = at_its_address((page / "source.html").read_bytes().decode("utf-8", errors="replace"))
            found = titles(f"{page.name}.txt", saved_as_text(command, html))
            right = bool(found) and (same_title(found[0], expected) or page_agrees(page / "source.html", found[0]))
            titled += right
            single += len(found) == 1
            if show and not (right and len(found) == 1):
                print(f"{page.name} saved by {browser}: {len(found)} stories, first {found[:1]}")
        print(f"  {browser:24} {titled}/{len(pages)}, {single}/{len(pages)}")


if __name__ == "__main__":
    main()
