"""Sentences, teasers and titles made from a story's lead."""

from __future__ import annotations

import functools
import re
from collections import Counter

from digest.words import LETTER_WORD, SMALL_WORDS, word_count

# A sentence ends at . ! ? (or their CJK forms), optionally followed by a closing quote or
# bracket, then space. Abbreviations such as "U.S." or "Dr." are not ends.
_ABBREVIATIONS = {
    # titles before a name ("Sen. Ann Lee", "Gov. Tom Berg")
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "capt",
    "sgt",
    "rev",
    "hon",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "jr",
    "sr",
    "no",
    "fig",
    "al",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])[\"'”’)\]]*(?:\s+|$)|(?<=[。！？])")

TEASER_WORDS = 60
TITLE_CHARS = 90


def split_sentences(text: str) -> list[str]:
    """Split running text into sentences, keeping abbreviations and decimals together."""
    text = re.sub(r"\s+", " ", text).strip()
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        candidate = text[start:end].strip()
        if not candidate:
            continue
        last_word = candidate.rstrip("\"'”’)] ").rsplit(" ", 1)[-1].rstrip(".!?").lower()
        if last_word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last_word):
            continue
        sentences.append(candidate)
        start = end
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


BULLET = re.compile(r"^\s*[-*•·▪►✅👉]\s*")  # a list item's marker


@functools.lru_cache(maxsize=1 << 16)  # asked of the same lines by every stage of the splitter
def is_sentence(text: str) -> bool:
    """Real prose: several words and a sentence ending (or long enough to be a paragraph).
    A list item of eight words or more counts too: news summaries are often bullets."""
    if BULLET.match(text):
        return word_count(text) >= 9
    words = word_count(text)
    if re.search(r"[\u4e00-\u9fff]", text):
        # Chinese and Japanese carry a word in a character or two: a short line is a sentence
        # when it ends like one ("携程技术出品。"), a long one when twenty of its characters are
        # not digits or spaces (a masthead's "港だより　第12号　2025年3月11日" is mostly numbers)
        letters = len(re.sub(r"[\d\s]", "", text))
        return letters >= 20 or (len(text) >= 8 and text.rstrip().endswith(("。", "！", "？")))
    if text.rstrip().endswith(":"):
        return words >= 12
    return words >= 6 and (bool(re.search(r"[.!?…;\"”’)]\s*$", text)) or words >= 25)


def _as_sentence(paragraph: str) -> str:
    """A list item read as a sentence: no bullet, and a full stop if it had none."""
    if not BULLET.match(paragraph):
        return paragraph
    text = BULLET.sub("", paragraph).strip()
    return text if re.search(r"[.!?…]$", text) else text + "."


_DATELINE = re.compile(r"^(?P<head>[^!?]{3,140}?)\s*(?:--|—|–|//|\s-)\s+(?=[A-Z0-9])")
_PLACE_FIRST = re.compile(r"^[A-Z][A-Z'.-]{2,}(?:\s[A-Z][A-Z'.-]+)*\s*(?:,|\(|$)")


def split_dateline(paragraph: str) -> tuple[str, str]:
    """'BEIJING, June 4, 2025 /PRNewswire/ -- May 30 marks…' → (the dateline, 'May 30 marks…').

    A dateline is a place in capitals, a date or a wire's name before a dash at the very
    start of a story; readers of a teaser do not need it, but its date is the story's.
    """
    from digest.stories.dates import find_date

    heads = []
    while match := _DATELINE.match(paragraph):
        head = match.group("head")
        if re.search(r"[.!?]\s+[A-Z][a-z]+\s+[a-z]", head):
            break  # a whole sentence, not a dateline
        if not (find_date(head) or _PLACE_FIRST.match(head) or re.search(r"wire\b|/\w+/|//|\bPR\b", head, re.I)):
            break
        heads.append(head)
        paragraph = paragraph[match.end() :]
    return " ".join(heads), paragraph


def strip_dateline(paragraph: str) -> str:
    return split_dateline(paragraph)[1]


def make_teaser(body: str, max_words: int = TEASER_WORDS) -> str:
    """Whole sentences from the lead, about `max_words` words at most.

    When even the first sentence is longer than that, it is cut at a word boundary and
    ends with an ellipsis rather than mid-word.
    """
    paragraphs = [p for p in body.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
    prose = [_as_sentence(p) for p in paragraphs if is_sentence(p)] or paragraphs
    if prose:
        prose[0] = strip_dateline(prose[0])
    lead = " ".join(p.strip() for p in prose[:4])
    chosen: list[str] = []
    words = 0
    for sentence in split_sentences(lead):
        count = len(sentence.split())
        if chosen and words + count > max_words:
            break
        chosen.append(sentence)
        words += count
        if words >= max_words * 0.6:
            break
    teaser = " ".join(chosen)
    if len(teaser.split()) > max_words * 1.25:
        teaser = cut_at_word(teaser, max_words)
    return teaser


def cut_at_word(text: str, max_words: int) -> str:
    kept = text.split()[:max_words]
    return " ".join(kept).rstrip(",;:—–-") + "…"


def title_from_lead(body: str, max_chars: int = TITLE_CHARS) -> str:
    """A title for an untitled story: its first sentence, or the start of it cut at a word."""
    # its first paragraphs, less headings and a list item's "- " (a brief written as a list's item)
    sentences = split_sentences(" ".join(p.removeprefix("- ") for p in body.split("\n\n")[:2] if not p.startswith("#")))
    first = sentences[0] if sentences else body.strip()
    first = first.rstrip(".").strip()
    if len(first) <= max_chars:
        return first
    # Prefer a clause boundary (comma, dash) in the second half; else the last whole word.
    head = first[: max_chars + 1]
    clause = max(head.rfind(", "), head.rfind(" — "), head.rfind(" – "), head.rfind("; "))
    if clause >= max_chars // 2:
        return head[:clause].rstrip(" ,;—–") + "…"
    return head.rsplit(" ", 1)[0].rstrip(" ,;:—–-") + "…"


def recased(title: str, text: str, known: frozenset[str] = frozenset()) -> str:
    """An ALL-CAPS headline in title case ("FERRY FARES TO RISE IN APRIL" → "Ferry Fares to
    Rise in April"), small words lower case, and a word its own story (or, `known`, its document)
    writes in a case of its own kept so ("NASA", "iPhone", "McLean"). The first and last words
    are capitalised."""
    letters = [c for c in title if c.isalpha() and c.isascii()]
    if len(letters) < 3 or not all(c.isupper() for c in letters):
        return title
    if len(words := _WORD.findall(title)) == 1 and len(words[0]) <= ACRONYM_LETTERS:
        return title  # "SWR 2.2", "NASA": one word in capitals is a name, not shouting
    special = {word.lower(): word for word in [*known, *_WORD.findall(text)] if _own_case(word)}

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.lower() in special:
            return special[word.lower()]
        if match.start() > 0 and match.end() < len(title.rstrip(" .!?")) and word.lower() in SMALL_WORDS:
            return word.lower()
        return word.capitalize()

    return _WORD.sub(one, title)


def own_case_words(text: str) -> frozenset[str]:
    """The words a document writes in a case of their own amid words that are not ("the IPB
    will", "an iPhone"): in capitals beside other words in capitals, a word is shouted, not
    spelled ("Subject: WANTED: FUTON"); and a spelling met once may be a shout ("HELP! my car"):
    the document must write it so twice."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        words = _WORD.findall(line)
        for i, word in enumerate(words):
            if word[1:].islower():
                continue  # "the", "Harbour": written in the case of every word (quick: most words)
            beside = words[i - 1 : i] + words[i + 1 : i + 2]
            shouted = any(len(w) >= 2 and w.isupper() for w in beside)
            if _own_case(word) and not (word.isupper() and shouted):
                found[word] += 1
    return frozenset(word for word, count in found.items() if count >= 2)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
ACRONYM_LETTERS = 6  # "NASA", "UNESCO"; a longer word in capitals is shouting ("See DREDGING, Page 5")


def _own_case(word: str) -> bool:
    if word.isupper():
        return 2 <= len(word) <= ACRONYM_LETTERS  # ("A" opening a sentence is no acronym)
    return word not in (word.lower(), word.capitalize())


def is_abbreviation(word: str) -> bool:
    """ "Sen", "Dr", "vs": a word whose full stop does not end a sentence."""
    return word.lower().rstrip(".") in _ABBREVIATIONS


def cut_short(text: str) -> bool:
    """A teaser cut short by its ellipsis ("The president's biographer explains..."), in
    sentence case: text, even of a few words ("Here's What Ann Lee Will Say..." is a headline)."""
    if not text.endswith(("...", "…")) or word_count(text) < 3:
        return False
    later = [w for w in LETTER_WORD.findall(text)[1:] if len(w) > 3]
    lower = sum(w[0].islower() for w in later)  # ("Rivals of the £400 Apple..." is a headline)
    return lower >= 2 and lower * 2 >= len(later)
