"""Benchmark: how well digest cuts real documents it was not written for into stories.

    python benchmarks/stories.py [--corpus PATH] [--set newsletters|usenet|webpages|articles|seeds] [--files]
                                 [--no-write]

Compiles each set of ../shared/corpus with digest (a draft: nothing is published) and prints:

- newsletters (gold.yaml): per publisher and per half of the publisher split, story recall,
  precision and chrome strings leaked, scored by the matching rules in gold.yaml's header;
  and, of the right stories whose headline is a link's text in the document, how many link
  where that link does (the gold has no urls: the document's own links are the reference).
  Each file is compiled alone, with a catch-all section, so every story reaches the issue.
- usenet: title = Subject (without Re:), teasers free of header, quote and signature text, and
  section macro-F1 and held-back share with five sections written from the group names only
  (benchmarks/usenet-sections.yaml), all 100 posts in one inbox; and how many of 30 news
  articles about none of the sections (topics/ entertainment and business), added to that
  inbox, are held back.
- webpages: title and byline against Readability's expected metadata.
- articles: the 743 single news articles of topics/, each read alone: how many come out as one
  story, titled by their headline (a splitter that cuts articles apart fails here).
- seeds: stories per seed (their exact stories are pinned by tests/test_seeds.py).

The publisher split is decided by a hash of the publisher key (the file name's first word),
not by hand: `half(publisher)`. Development looks at the "dev" half; the "held-out" half is
only measured. The table is written into benchmarks/RESULTS.md between the STORIES markers.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from sections import macro_f1  # noqa: E402  (benchmarks/sections.py)

from digest.config import load_config  # noqa: E402
from digest.models import Document  # noqa: E402
from digest.pipeline import compile_issue  # noqa: E402

SPLIT_SALT = "digest-stories-split-1"
CATCH_ALL_CONFIG = """\
newsletter:
  title: Benchmark
sections:
  - id: all
    title: Stories
    catch_all: true
email:
  size_budget_kb: 2000
"""
_MARKER = re.compile(r"^\s*(?:\d+[.)]|[*o\-•])\s+")


def fold(text: str) -> list[str]:
    """gold.yaml's folding: lower case, runs of [a-z0-9], a leading list marker dropped."""
    return re.findall(r"[a-z0-9]+", _MARKER.sub("", text).lower())


def contains(haystack: list[str], needle: list[str]) -> bool:
    if not needle:
        return False
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def publisher(file_name: str) -> str:
    return file_name.split("-")[0]


def half(publisher_key: str) -> str:
    digest = hashlib.sha256(f"{SPLIT_SALT}:{publisher_key}".encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "held-out"


# --- compiling --------------------------------------------------------------------------


def compile_inbox(files: list[Path], config_text: str) -> tuple[dict, str]:
    """A draft of `files` in a fresh newsletter: (issue.json as data, the plaintext edition)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "inbox").mkdir()
        for path in files:
            shutil.copy(path, root / "inbox" / path.name)
        (root / "config.yaml").write_text(config_text, encoding="utf-8")
        result = compile_issue(load_config(root / "config.yaml"), draft=True, out=root / "out")
        if result.folder is None:
            return {"sections": [], "held_back": [], "quarantined": []}, ""
        data = json.loads((result.folder / "issue.json").read_text(encoding="utf-8"))
        text = (result.folder / "email.txt").read_text(encoding="utf-8")
    return data, text


def issue_stories(data: dict) -> list[dict]:
    return [s for section in data["sections"] for s in section["stories"] + section.get("more", [])]


# --- newsletters ------------------------------------------------------------------------


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    counted: int = 0  # predicted stories that count for precision
    right: int = 0
    chrome: int = 0
    linked: int = 0  # right stories whose headline is a link in the document
    link_kept: int = 0  # … that link to where the headline does
    leaked: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("gold", "found", "counted", "right", "chrome", "linked", "link_kept"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.leaked += other.leaked
        self.missed += other.missed
        self.wrong += other.wrong

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.counted if self.counted else 1.0


def read_path(path: Path) -> Document:
    """One file read as digest's readers read an inbox file."""
    from digest.readers import hash_bytes, read_document
    from digest.readers.inbox import InboxFile

    data, stat = path.read_bytes(), path.stat()
    modified = dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC)
    return read_document(
        InboxFile(path=path, name=path.name, content_hash=hash_bytes(data), size=stat.st_size, modified=modified)
    )


def headline_links(path: Path) -> dict[str, set[str]]:
    """The document's web links by their folded text, as digest's reader finds them."""
    links: dict[str, set[str]] = defaultdict(set)
    for block in read_path(path).blocks:
        for link in block.links:
            if link.url.startswith(("http://", "https://")):
                links[" ".join(fold(link.text))].add(link.url)
    return links


def score_newsletter(entry: dict, data: dict, text: str, links: dict[str, set[str]] | None = None) -> Score:
    stories = issue_stories(data)
    titles = [fold(s["title"]) for s in stories]
    gold = [fold(g) for g in entry.get("stories", [])]
    optional = [fold(o) for o in entry.get("optional", [])]
    score = Score(gold=len(gold))
    for headline, folded in zip(entry.get("stories", []), gold, strict=True):
        if any(contains(t, folded) for t in titles):
            score.found += 1
        else:
            score.missed.append(headline)
    claimed: set[int] = set()
    for story, folded_title in zip(stories, titles, strict=True):
        if len(fold(story.get("teaser") or "")) < 3 or any(contains(folded_title, o) for o in optional):
            continue
        score.counted += 1
        match = next((i for i, g in enumerate(gold) if contains(folded_title, g) and i not in claimed), None)
        if match is None:
            score.wrong.append(story["title"])
        else:
            claimed.add(match)
            score.right += 1
            urls = (links or {}).get(" ".join(folded_title), set())
            score.linked += bool(urls)
            score.link_kept += bool(urls) and story.get("url") in urls
    folded_text = fold(text)
    for chrome in entry.get("chrome", []):
        if contains(folded_text, fold(chrome)):
            score.chrome += 1
            score.leaked.append(chrome)
    return score


def run_newsletters(
    corpus: Path, show_files: bool, only_half: str | None = None
) -> tuple[dict[str, Score], dict[str, Score], list[str]]:
    folder = corpus / "newsletters"
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    by_publisher: dict[str, Score] = defaultdict(Score)
    lines = []
    for entry in gold:
        data, text = compile_inbox([folder / entry["file"]], CATCH_ALL_CONFIG)
        score = score_newsletter(entry, data, text, headline_links(folder / entry["file"]))
        by_publisher[publisher(entry["file"])].add(score)
        if show_files and only_half in (None, half(publisher(entry["file"]))):
            lines.append(
                f"{entry['file']} [{half(publisher(entry['file']))}]: recall {score.found}/{score.gold}, "
                f"precision {score.right}/{score.counted}, chrome {score.chrome}"
            )
            lines += [f"    missed: {m}" for m in score.missed]
            lines += [f"    wrong:  {w}" for w in score.wrong]
            lines += [f"    leaked: {c}" for c in score.leaked]
            if score.linked > score.link_kept:
                lines.append(f"    linked headlines that lost their link: {score.linked - score.link_kept}")
    halves: dict[str, Score] = defaultdict(Score)
    for key, score in by_publisher.items():
        halves[half(key)].add(score)
    return dict(by_publisher), dict(halves), lines


# --- usenet -----------------------------------------------------------------------------

_HEADER_LINE = re.compile(
    r"\b(From|Subject|Organization|Lines|Keywords|Summary|Article-I\.D\.|NNTP-Posting-Host|Reply-To|Distribution):\s",
    re.I,
)
_ATTRIBUTION = re.compile(r"\bwrites:|\bwrote:|In article <", re.I)


def post_parts(raw: str) -> tuple[str, set[str], set[str]]:
    """A post's Subject, its quoted lines and its signature lines (each stripped)."""
    head, _, body = raw.partition("\n\n")
    subject = next((line[8:].strip() for line in head.splitlines() if line.lower().startswith("subject:")), "")
    subject = re.sub(r"^(\s*(re|fwd?)\s*:\s*)+", "", subject, flags=re.I).strip()
    quoted = {line.lstrip("> ").strip() for line in body.splitlines() if line.startswith(">") and len(line) > 20}
    signature: set[str] = set()
    if "\n-- \n" in body:
        signature = {line.strip() for line in body.split("\n-- \n", 1)[1].splitlines() if len(line.strip()) > 12}
    return subject, quoted, signature


def run_usenet(corpus: Path) -> dict:
    folder = corpus / "usenet"
    labels = {row["file"]: row["newsgroup"] for row in csv.DictReader((folder / "labels.csv").open(encoding="utf-8"))}
    files = sorted(folder / name for name in labels)
    config = yaml.safe_load((HERE / "usenet-sections.yaml").read_text(encoding="utf-8"))
    group_of = {s["id"]: s.pop("group") for s in config["sections"]}
    data, _ = compile_inbox(files, yaml.safe_dump(config))
    placed: dict[str, str | None] = {}
    stories_by_file: dict[str, list[dict]] = defaultdict(list)
    for section in data["sections"]:
        for story in section["stories"] + section.get("more", []):
            for name in story["documents"]:
                stories_by_file[name].append(story)
                placed[name] = group_of.get(section["id"])
    for held in data["held_back"]:
        for name in held["documents"]:
            stories_by_file[name].append({"title": held["title"], "teaser": ""})
            placed.setdefault(name, None)
    titled = dirty = 0
    bad_titles, dirty_teasers = [], []
    for path in files:
        raw = path.read_text(encoding="latin-1")
        subject, quoted, signature = post_parts(raw)
        stories = stories_by_file.get(path.name, [])
        if any(fold(s["title"]) == fold(subject) for s in stories):
            titled += 1
        else:
            bad_titles.append(f"{path.name}: {subject!r} -> {[s['title'] for s in stories]}")
        teasers = " ".join(s.get("teaser", "") for s in stories)
        if (
            _HEADER_LINE.search(teasers)
            or _ATTRIBUTION.search(teasers)
            or any(q and q in teasers for q in quoted)
            or any(line in teasers for line in signature)
        ):
            dirty += 1
            dirty_teasers.append(f"{path.name}: {teasers[:160]!r}")
    # the same inbox with news about none of the five sections (BBC entertainment and business
    # articles from topics/): a curator expects them held back, not placed
    with tempfile.TemporaryDirectory() as tmp:
        off_topic = []
        for topic in ("entertainment", "business"):
            for path in sorted((corpus / "topics" / topic).glob("*.txt"))[:15]:
                off_topic.append(Path(tmp) / f"{topic}-{path.name}")  # topics' folders reuse file names
                shutil.copy(path, off_topic[-1])
        mixed, _ = compile_inbox(files + off_topic, yaml.safe_dump(config))
    off_names = {p.name for p in off_topic}
    off_held = sum(1 for held in mixed["held_back"] for name in held["documents"] if name in off_names)
    groups = sorted(set(labels.values()))
    truth = [labels[p.name] for p in files]
    predicted = [placed.get(p.name) for p in files]
    return {
        "posts": len(files),
        "title_is_subject": titled,
        "dirty_teasers": dirty,
        "macro_f1": macro_f1(truth, predicted, groups),
        "held_back": sum(p is None for p in predicted),
        "off_topic_held": f"{off_held}/{len(off_topic)}",
        "bad_titles": bad_titles,
        "dirty": dirty_teasers,
    }


# --- webpages and seeds -----------------------------------------------------------------


def same_title(predicted: str, expected: str) -> bool:
    """Equal once folded, or one a contiguous part of the other covering most of it (an
    author or site name appended by one side: 'Headline | Eleanor Ainge Roy')."""
    a, b = fold(predicted), fold(expected)
    short, long_ = sorted((a, b), key=len)
    return a == b or (contains(long_, short) and len(short) >= 0.6 * len(long_))


def run_webpages(corpus: Path) -> list[tuple[str, bool, bool, str, str]]:
    rows = []
    for folder in sorted(p for p in (corpus / "webpages").iterdir() if p.is_dir()):
        expected = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / f"{folder.name}.html"
            shutil.copy(folder / "source.html", page)
            data, _ = compile_inbox([page], CATCH_ALL_CONFIG)
        stories = [s for s in issue_stories(data) if f"{folder.name}.html" in s["documents"]]
        main = stories[0] if stories else {"title": "", "byline": None}
        title_ok = same_title(main["title"], expected["title"] or "")
        if not title_ok and page_agrees(folder / "source.html", main["title"]):
            title_ok = "agreed"  # expected comes from <title> alone; the page's h1 and og:title say ours
        expected_byline = re.sub(r"^by\s+", "", expected.get("byline") or "", flags=re.I)
        byline_ok = fold(main.get("byline") or "") == fold(expected_byline)
        rows.append((folder.name, title_ok, byline_ok, main["title"], main.get("byline") or ""))
    return rows


def page_agrees(page: Path, title: str) -> bool:
    """Both the page's h1 and its og:title are `title`: Readability's expected title comes
    from <title>; a disagreement is a question, and the page's own headline answers it."""
    import lxml.html

    root = lxml.html.fromstring(page.read_bytes())
    h1 = [" ".join(h.text_content().split()) for h in root.xpath("//h1")]
    og = root.xpath('//meta[@property="og:title"]/@content')
    return bool(h1 and og) and fold(h1[0]) == fold(title) == fold(og[0])


def run_articles(corpus: Path) -> tuple[int, int, int]:
    """topics/: single news articles as text (headline, blank line, body). Each should be one
    story under its headline: (articles, cut into more than one story, titled by the headline)."""
    from digest.stories import split_into_stories

    files = sorted(p for p in (corpus / "topics").rglob("*.txt") if not p.name.upper().startswith("README"))
    split = titled = 0
    for path in files:
        stories = split_into_stories(read_path(path))
        headline = path.read_text(encoding="utf-8", errors="replace").splitlines()[0].strip()
        split += len(stories) != 1
        titled += len(stories) == 1 and stories[0].title.strip() == headline
    return len(files), split, titled


def run_seeds(corpus: Path) -> list[tuple[str, int]]:
    rows = []
    for path in sorted((corpus / "seeds").glob("*.txt")):
        data, _ = compile_inbox([path], CATCH_ALL_CONFIG)
        rows.append((path.name, len(issue_stories(data))))
    return rows


# --- report -----------------------------------------------------------------------------


def newsletter_table(by_publisher: dict[str, Score], halves: dict[str, Score]) -> list[str]:
    lines = [
        "| half | publisher | stories | recall | precision | chrome leaked | linked headlines keep their link |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for name in ("dev", "held-out"):
        for key in sorted(k for k in by_publisher if half(k) == name):
            s = by_publisher[key]
            lines.append(
                f"| {name} | {key} | {s.gold} | {s.recall:.2f} | {s.precision:.2f} | {s.chrome} | {s.link_kept}/{s.linked} |"
            )
    for name in ("dev", "held-out"):
        s = halves.get(name, Score())
        lines.append(
            f"| **{name}** | **all** | {s.gold} | **{s.recall:.2f}** | **{s.precision:.2f}** | **{s.chrome}** "
            f"| **{s.link_kept}/{s.linked}** |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus")
    parser.add_argument("--set", action="append", choices=["newsletters", "usenet", "webpages", "articles", "seeds"])
    parser.add_argument("--files", action="store_true", help="list each newsletter's misses and errors")
    parser.add_argument("--half", choices=["dev", "held-out"], help="with --files: only this half's files")
    parser.add_argument("--no-write", action="store_true", help="do not update benchmarks/RESULTS.md")
    args = parser.parse_args()
    sets = args.set or ["newsletters", "usenet", "webpages", "articles", "seeds"]
    report: list[str] = []
    started = time.perf_counter()
    if "newsletters" in sets:
        by_publisher, halves, lines = run_newsletters(args.corpus, args.files, args.half)
        print("\n".join(lines))
        report += ["### Newsletters (each file compiled alone)", "", *newsletter_table(by_publisher, halves), ""]
    if "usenet" in sets:
        result = run_usenet(args.corpus)
        if args.files:
            print("\n".join(["titles:", *result["bad_titles"], "teasers:", *result["dirty"]]))
        report += [
            "### Usenet posts (100, one inbox, five sections from the group names)",
            "",
            "| title = Subject | teasers with header/quote/signature text | section macro-F1 | held back "
            "| off-topic news added, held back |",
            "|---:|---:|---:|---:|---:|",
            f"| {result['title_is_subject']}/{result['posts']} | {result['dirty_teasers']} | "
            f"{result['macro_f1']:.2f} | {result['held_back']} | {result['off_topic_held']} |",
            "",
        ]
    if "webpages" in sets:
        rows = run_webpages(args.corpus)
        report += [
            "### Saved article pages (title and byline against Readability's expected metadata)",
            "",
            f"Titles right: {sum(r[1] is True for r in rows)}/{len(rows)}"
            f" ({sum(bool(r[1]) for r in rows)}/{len(rows)} counting pages whose own h1 and og:title agree on our title"
            f" against Readability's <title>); bylines right: {sum(r[2] for r in rows)}/{len(rows)}.",
            "",
            "| page | title | byline | our title | our byline |",
            "|---|---|---|---|---|",
            *(
                f"| {r[0]} | {r[1] if r[1] == 'agreed' else 'ok' if r[1] else 'WRONG'} | {'ok' if r[2] else 'WRONG'}"
                f" | {r[3]} | {r[4]} |"
                for r in rows
            ),
            "",
        ]
    if "articles" in sets:
        count, split, titled = run_articles(args.corpus)
        report += [
            "### Single articles (topics/, each read alone)",
            "",
            f"{count} articles: {count - split} come out as one story, {split} are cut into more; "
            f"{titled} are titled by their headline.",
            "",
        ]
    if "seeds" in sets:
        rows = run_seeds(args.corpus)
        report += ["### Seeds", "", *(f"- {name}: {n} stories" for name, n in rows), ""]
    report.append(f"({time.perf_counter() - started:.0f} s)")
    print("\n".join(report))
    if not args.no_write and set(sets) == {"newsletters", "usenet", "webpages", "articles", "seeds"}:
        write_results("\n".join(report))


def write_results(table: str) -> None:
    path = HERE / "RESULTS.md"
    text = path.read_text(encoding="utf-8")
    start, end = "<!-- STORIES:START -->", "<!-- STORIES:END -->"
    stamp = time.strftime("%Y-%m-%d")
    block = f"{start}\n## Stories from unseen documents ({stamp}, `python benchmarks/stories.py`)\n\n{table}\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
