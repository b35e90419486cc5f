"""Build a benchmark inbox of N documents from real material in ../shared/corpus.

    python benchmarks/generate.py N OUT_DIR [--seed 1]

Each document is new text: a headline from one labelled BBC article (corpus/topics) and
sentences drawn from others of the same label, so no two documents are the same article.
Formats are mixed (.txt, .md with front matter, .html pages with navigation and comments,
.eml newsletters); the eight saved web pages and five seeds of the corpus are mixed in as they
are; about 5% of documents are near-duplicates of earlier ones (a sentence dropped, debris
added) and about 1% are bad files (empty, binary, an unsupported type).
"""

from __future__ import annotations

import argparse
import random
import re
from email.message import EmailMessage
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def load_topics() -> dict[str, list[tuple[str, list[str]]]]:
    topics: dict[str, list[tuple[str, list[str]]]] = {}
    for folder in sorted((CORPUS / "topics").iterdir()):
        if folder.is_dir():
            for path in sorted(folder.glob("*.txt")):
                title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
                sentences = [s.strip() for s in SENTENCE.split(" ".join(body.split())) if len(s.split()) > 5]
                topics.setdefault(folder.name, []).append((title.strip(), sentences))
    return topics


def article(rnd: random.Random, topics: dict, n: int) -> tuple[str, list[str]]:
    label = rnd.choice(sorted(topics))
    title, own = rnd.choice(topics[label])
    pool = [s for _, sentences in rnd.sample(topics[label], 4) for s in sentences]
    sentences = own[:2] + rnd.sample(pool, min(len(pool), rnd.randint(6, 14)))
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return f"{title} ({n})", paragraphs


def as_txt(title: str, paragraphs: list[str]) -> bytes:
    return (f"{title}\n\nBy Staff Reporter\n\n" + "\n\n".join(paragraphs) + "\n\nShare this article\n").encode()


def as_md(title: str, paragraphs: list[str], n: int) -> bytes:
    return (
        f'---\ntitle: "{title}"\nurl: https://news.example/{n}\ndate: 2025-0{1 + n % 9}-1{n % 10}\n---\n\n'
        + "\n\n".join(paragraphs)
        + "\n"
    ).encode()


def as_html(title: str, paragraphs: list[str], n: int) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | News Site</title>"
        f"<meta property='og:site_name' content='News Site'></head><body><nav><a href='/'>Home</a> <a href='/login'>Log in</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><section class='comments'><h2>3 Comments</h2>"
        f"<p>Great article, thanks!</p></section><footer>© News Site</footer></body></html>"
    ).encode()


def as_eml(title: str, paragraphs: list[str], n: int) -> bytes:
    message = EmailMessage()
    message["Subject"] = f"Fwd: {title}"
    message["From"] = "Weekly Letter <letter@news.example>"
    message["Date"] = f"Mon, 0{1 + n % 9} Jun 2025 08:00:00 +0000"
    message.set_content("\n\n".join(paragraphs) + "\n\nUnsubscribe\n")
    message.add_alternative(
        "<html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "<p>Unsubscribe</p></body></html>", subtype="html"
    )
    return bytes(message)


def generate(count: int, out: Path, seed: int = 1) -> Path:
    rnd = random.Random(seed)
    topics = load_topics()
    extras = sorted((CORPUS / "webpages").glob("*/source.html")) + sorted((CORPUS / "seeds").glob("*.txt"))
    out.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, list[str]]] = []
    for n in range(count):
        roll = rnd.random()
        name = out / f"doc{n:05d}"
        if roll < 0.01:
            kind = n % 3
            if kind == 0:
                name.with_suffix(".txt").write_bytes(b"")
            elif kind == 1:
                name.with_suffix(".txt").write_bytes(bytes(rnd.randrange(256) for _ in range(512)))
            else:
                name.with_suffix(".pdf").write_bytes(b"%PDF-1.7\n" + bytes(100))
            continue
        if roll < 0.06 and written:
            title, paragraphs = rnd.choice(written)  # a near-duplicate: the same article, lightly edited
            paragraphs = paragraphs[:-1] if len(paragraphs) > 2 else paragraphs
            name.with_suffix(".txt").write_bytes(as_txt(title, paragraphs) + b"\nAdvertisement\n")
            continue
        if n < len(extras) * 40 and n % 40 == 39:
            source = extras[n // 40]
            name.with_suffix(source.suffix).write_bytes(source.read_bytes())
            continue
        title, paragraphs = article(rnd, topics, n)
        written.append((title, paragraphs))
        fmt = n % 4
        data = (
            as_txt(title, paragraphs),
            as_md(title, paragraphs, n),
            as_html(title, paragraphs, n),
            as_eml(title, paragraphs, n),
        )[fmt]
        name.with_suffix((".txt", ".md", ".html", ".eml")[fmt]).write_bytes(data)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.count, args.out, args.seed)


if __name__ == "__main__":
    main()
