"""Debris: the lines of a clipped document that are not part of any story.

Each rule has a name, so `digest explain` can say what was removed and why. Rules are general
(the shape of a share button, a sign-up form, a photo credit), not phrases from one site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]


def _rule(name: str, pattern: str) -> Rule:
    return Rule(name, re.compile(pattern, re.I))


LINE_RULES: tuple[Rule, ...] = (
    _rule(
        "account prompt",
        r"\b(log ?in|sign ?in|register|sign ?up|subscribe|create an account)\b.{0,40}\b(to (view|read|see|continue|comment)|for free|now|today)\b",
    ),
    _rule(
        "account prompt", r"^(please,? )?(log ?in|sign ?in|register|subscribe)( or (log ?in|register|sign ?up))?[.!]?$"
    ),
    _rule(
        "member badge",
        r"^((new|registered|senior|junior|full|banned|veteran|vip|super|staff|premium) )*(member|moderator|administrator|admin|staff member|professional)$",
    ),
    _rule(
        "member badge", r"^(lieutenant|major|brigadier|colonel|captain|general|sergeant|corporal|private)( general)?$"
    ),
    _rule(
        "share widget",
        r"^(share|tweet|email|print|pin|save|copy link|facebook|twitter|linkedin|whatsapp|reddit)( (this|on|article|story|link))*[:]?$",
    ),
    _rule(
        "comments widget",
        r"^(\d+ )?comments?( \(\d+\))?$|^no comments yet\.*$|^(leave|post|add|write) a (comment|reply)|^(show|load|view) (more )?comments|^comments are closed",
    ),
    _rule(
        "sign-up form",
        r"^(thank you!? )?your submission has been received|^oops!? something went wrong|^(you (can|may) )?(opt[- ]out|unsubscribe) (at )?any ?time|^(enter your e-?mail|your e-?mail address)|^(subscribe|sign up)( (now|today|here|for (free|our newsletter)))?[.!]?$|^get (the|our) (latest|newsletter)|monthly newsletter$|weekly newsletter$",
    ),
    _rule(
        "author box",
        r"^(written by|about the author|see author page|more (articles|posts|stories) (by|from)|follow (me|us|him|her) on)\b",
    ),
    _rule(
        "navigation",
        r"^(home|menu|search|skip to (main )?content|back to top|next|previous|read more|continue reading|click here|advertisement|sponsored( content)?|download (the|our) app|get started now|related (articles|stories|posts|links)?|see (also|more)|more from|trending|popular|most read|you may also like|recommended)[:.!…]?$",
    ),
    _rule(
        "navigation",
        r"^(logo|icon|image|photo|video|orange background|calendar icon|app-?store.*|play-?store.*|time\d+ (days?|hours?|minutes?) ago)$",
    ),
    _rule(
        "page reference",
        r"^(see|continued on|cont(inued)?\.? on|turn to|more on|see related story,?) (page|p\.) ?\d+\b.*$|^page \d+( \| .*)?$|^see page \d+$",
    ),
    _rule(
        "image credit",
        r"^(photo|image|picture|credit|source|illustration|graphic)s?( credit)?:? ?(by |courtesy of )?[^.]{0,60}$|^(istock|getty|shutterstock|reuters|ap|afp|xinhua)[^.]{0,40}$|\((photo|image|credit)s?:? [^)]*\)\s*$|\bphoto:? (courtesy|by|credit)\b",
    ),
    _rule("try-our-product", r"^(try|explore|discover) (our|what) .{0,40}(features?|app|can do for you)[:.!]?$"),
)

BULLET = re.compile(r"^\s*(?:[-*•·▪►✅]\s+)")


@dataclass
class Removal:
    rule: str
    line: str


@dataclass
class Cleaned:
    text: str
    removed: list[Removal] = field(default_factory=list)


def drop_debris(
    text: str, extra_patterns: list[str] | tuple[str, ...] = (), common_lines: frozenset[str] = frozenset()
) -> Cleaned:
    """Remove debris lines; return what is left (paragraphs kept apart) and what went, why.

    `extra_patterns` are the curator's own regular expressions (config `cleanup.drop_patterns`);
    `common_lines` are lines seen in many documents of the inbox (boilerplate).
    """
    curator = [Rule(f"curator pattern {p!r}", re.compile(p, re.I)) for p in extra_patterns]
    kept: list[str] = []
    removed: list[Removal] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            kept.append("")
            continue
        probe = BULLET.sub("", line).strip().strip("*_ ").strip()
        rule = _matching_rule(probe, curator)
        if rule is None and probe.lower() in common_lines:
            rule = "line repeated across many documents"
        if rule:
            removed.append(Removal(rule, line))
            continue
        kept.append(raw.rstrip())
    return Cleaned("\n".join(kept), removed)


def _matching_rule(line: str, curator: list[Rule]) -> str | None:
    for rule in curator:
        if rule.pattern.search(line):
            return rule.name
    # Debris lines are short; a long line of prose that mentions "subscribe" is kept.
    if len(line) > 160:
        return None
    for rule in LINE_RULES:
        if rule.pattern.search(line):
            return rule.name
    return None


def common_lines(texts: list[str], min_documents: int = 3, min_share: float = 0.5) -> frozenset[str]:
    """Short lines that stand in many of the inbox's documents: a site's boilerplate.

    A line counts once per document; it must appear in at least `min_documents` documents and
    in at least `min_share` of them, so two clippings sharing a sentence are left alone.
    """
    if len(texts) < min_documents:
        return frozenset()
    seen: dict[str, int] = {}
    for text in texts:
        for line in {raw.strip().lower() for raw in text.split("\n")}:
            if line and len(line) <= 100:
                seen[line] = seen.get(line, 0) + 1
    needed = max(min_documents, int(len(texts) * min_share + 0.999))
    return frozenset(line for line, n in seen.items() if n >= needed)
