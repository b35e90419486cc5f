"""Debris: the lines of a clipped document that are not part of any story.

Each rule has a name, so `digest explain` can say what was removed and why. Rules describe
the shape of debris (a share button, a sign-up form, a photo credit, a member badge), not
phrases from one site. Some debris also tells where the page's structure changes; those
rules leave a *marker* in place of the line:

    post     a forum member badge: a new post begins
    related  "Related Articles", "You may also like": other articles follow
    end      an author box, a sign-up form: the article is over
    comments a comments widget: readers' comments follow, not stories
    footer   "You are receiving this e-mail because…": the newsletter's footer, nothing after it
             is a story
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from digest.stories.offers import MORE_LINK
from digest.stories.teasers import BULLET
from digest.structure.blocks import Block

MARKER = "\x00"  # a marker line is MARKER + kind; no real text starts with NUL


# Where a rule's line cuts the document: the article ends, a footer begins, a forum post
# begins, a list of related articles begins, readers' comments begin.
Marker = Literal["end", "footer", "post", "related", "comments"]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    marker: Marker | None = None
    any_length: bool = False  # most debris is short; a long line of prose is kept


def _rule(name: str, pattern: str, marker: Marker | None = None, any_length: bool = False) -> Rule:
    return Rule(name, re.compile(pattern, re.I | re.X), marker, any_length)


LINE_RULES: tuple[Rule, ...] = (
    _rule("press release furniture", r"^(for\ immediate\ release|embargoed.{0,40}|-\ ?ends\ ?-)$"),
    _rule(
        "press release boilerplate",
        r"^(\#{3}|(media|press|investor)\ (contacts?|enquiries|inquiries):?.{0,60}|about\ (?-i:(the\ )?([A-Z][\w&.,'-]*\ ?){1,6}):?)$",
        marker="end",
    ),
    _rule(
        "email footer",
        r"""^(view\ (this\ (email|newsletter)\ )?(in|on)\ (your|a|the)\ (web\ )?browser|view\ online
        |forward\ (this\ (email|newsletter)|to\ a\ friend)
        |(update|manage)\ (your\ )?(email\ )?(preferences|subscription|settings)|unsubscribe(\ here|\ from\ this\ list)?
        |(copyright\ )?©.{0,80}|all\ rights\ reserved\.?)
        ([\ |·]+(forward\ to\ a\ friend|update\ your\ preferences|unsubscribe|view\ online))*$""",
    ),
    _rule(
        "email footer",
        r"^(you('re|\ are)\ receiving\ this|you\ (have\ )?received\ this|you\ have\ agreed\ to\ receive|you\ are\ subscribed|this\ (e-?mail|message)\ was\ sent\ to)\b.{0,200}$",
        marker="footer",
    ),
    _rule(
        "email footer",  # the same, in the other languages newsletters are most often written in
        r"""^((sie\ erhalten|du\ erhältst)\ (diese[ns]?|den)\ (newsletter|e-?mail|nachricht|mail)
        |vous\ recevez\ (cet|ce|cette)\ (e-?mail|courriel|message|newsletter|lettre)
        |(recibes|usted\ recibe|has\ recibido)\ este\ (correo|mensaje|bolet[íi]n)|ricevi\ questa\ (e-?mail|newsletter)
        |(u|je)\ ontvangt\ deze\ (e-?mail|nieuwsbrief)|voc[êe]\ (est[áa]\ recebendo|recebeu)\ (este|esta)\ (e-?mail|mensagem|newsletter)
        |du\ (får|modtager)\ (detta|dette)\ (e-?post|e-?mail|nyhetsbrev|nyhedsbrev))\b.{0,200}$
        |^(abmelden|newsletter\ abbestellen|se\ d[ée]sabonner|d[ée]sinscription|darse\ de\ baja|cancelar\ (la\ )?suscripci[óo]n
        |disiscriviti|annulla\ l'iscrizione|afmelden|uitschrijven|cancelar\ inscri[çc][ãa]o|descadastrar|avregistrera|afmeld)[.!]?$""",
        marker="footer",
    ),
    _rule(
        "account prompt",
        r"""
        \b(log\ ?in|sign\ ?in|register|sign\ ?up|subscribe|create\ an\ account)\b .{0,40}
        \b(to\ (view|read|see|continue|comment|access)|for\ free|now|today)\b""",
    ),
    _rule(
        "account prompt",
        r"^(please,?\ )?(log\ ?in|sign\ ?in|register|subscribe)(\ or\ (log\ ?in|register|sign\ ?up))?[.!]?$",
    ),
    _rule(
        "member badge",
        r"""^((new|registered|senior|junior|full|banned|veteran|vip|super|staff|premium|active|elite)\ )*
        (member|moderator|administrator|admin|staff\ member|professional|contributor)$""",
        marker="post",
    ),
    _rule(
        "member badge",
        r"^(lieutenant|major|brigadier|colonel|captain|general|sergeant|corporal|private)(\ general)?$",
        marker="post",
    ),
    _rule(
        "share widget",
        r"""^(share|tweet|e-?mail|print|pin|save|copy\ link|facebook|twitter|x|linkedin|whatsapp|reddit)
        (\ (this|on|article|story|link|facebook|twitter|x))*:?$""",
    ),
    _rule("share widget", r"^(share|tweet)(\ on\ \w+)?(\s*[|·•]\s*(share|tweet|e-?mail|print)(\ on\ \w+)?)+$"),
    _rule(
        "comments widget",
        r"^(\d+\ )?comments?(\ \(\d+\))?:?$|^(leave|post|add|write|show|load|view)\ (a\ |more\ |all\ )?(comment|reply|comments)",
        marker="comments",
    ),
    _rule("comments widget", r"^no\ comments(\ yet)?\.*$|^comments\ are\ closed|^be\ the\ first\ to\ comment"),
    _rule(
        "sign-up form",
        r"""^(thank\ you!?\ )?your\ submission\ has\ been\ received|^oops!?\ something\ went\ wrong
        |^(you\ (can|may)\ )?(opt[-\ ]out|unsubscribe)\ (at\ )?any\ ?time|^(enter\ your|your)\ e-?mail(\ address)?
        |^(subscribe|sign\ up|join)(\ (now|today|here|for\ free|to\ our\ newsletter|for\ our\ newsletter))?[.!]?$
        |^get\ (the|our)\ (latest|newsletter)|(monthly|weekly|daily)\ newsletter\.?$|^join\ us\ on\ our\ next""",
    ),
    _rule(
        "author box",
        r"^(written\ by|about\ the\ author|see\ author\ page|more\ (articles|posts|stories)\ (by|from)|follow\ (me|us|him|her)\ on)\b",
        marker="end",
    ),
    _rule("app promotion", r"^(download\ (the|our)\ app|get\ started\ now|get\ the\ app)\b.{0,40}$", marker="end"),
    _rule(
        "related articles",
        r"""^(related|more)(\ (articles|stories|news|posts|coverage|reading|content))?:?$
        |^(you\ (may|might)\ also\ like|recommended(\ for\ you|\ stories)?|read\ (next|also)|more\ from\ .{1,30}|also\ read|see\ also)[:.]?$""",
        marker="related",
    ),
    _rule("link label", r"^(related|more|useful|further)\ (link|links|resources|information|info|details)\s*:?$"),
    _rule(
        "contents list",
        r"^(tl;?\ ?dr|in\ this\ (issue|edition)|contents|table\ of\ contents|top\ stories|highlights|at\ a\ glance):?$",
    ),
    _rule(
        "navigation",
        r"""^(home|menu|search|skip\ to\ (main\ )?content|back\ to\ top|next|previous|read\ more|continue\ reading
        |click\ here|advertisement|sponsored(\ content)?|trending|popular|most\ read|e-?paper|print\ edition|wechat\ account)[:.!…]?$""",
    ),
    _rule(
        "navigation",
        r"^(logo|icon|image|photo|video|[a-z]+\ background|[a-z]+\ icon|app-?store.*|play-?store.*|time\d+\ (days?|hours?|minutes?)\ ago|\d+\ (days?|hours?|minutes?)\ ago)$",
    ),
    _rule(
        "page reference",
        r"""^(see|continued\ on|cont(inued)?\.?\ on|turn\ to|more\ on|see\ related\ stor(y|ies),?)\ ([A-Z]+,?\ )?(on\ )?(page|p\.)\ ?\d+\b.{0,30}$
        |^page\ \d+(\ \|\ .*)?$|^vol\.?\ ?\d+.{0,20}$""",
    ),
    _rule(
        "image credit",
        # a label with the credit after it: a heading "Credits" or "Photos" alone is a section's name
        r"""^(photo|image|picture|credit|illustration|graphic)s?(\ credit)?(:\ ?|\ by\ |\ courtesy\ of\ )[^.]{1,60}$
        |^(istock(photo)?|getty(\ images)?|shutterstock|reuters|ap\ photo|afp|xinhua)\b[^.]{0,40}$""",
    ),
    _rule(
        "image credit",
        r"(\((photo|image|credit|pictured)s?:?\ [^)]{1,60}\)|\b(photo|image|credit)s?:\ (courtesy\ of\ )?[^.]{1,60}|\(([a-z]+/)?[a-z ]+/[a-z ]+\))\s*\.?$",
        any_length=True,
    ),
    _rule(
        "advertisement",
        # "Sponsored: Quayside Chandlery — covers at half price", "ADVERTISEMENT | …", "… (Sponsor)": a paid
        # line, labelled before or after
        r"^\W*(sponsored(\ by\ [^:|—–]{1,40})?|sponsor|advertisement|paid\ (post|content|partnership)|"
        r"promoted|partner\ content)\s*[:|—–]\s*\S.{0,300}$|^\W*[\[(](sponsor(ed)?|ad|advertisement|promoted)[\])]"
        r"|[\[(](sponsor(ed)?|ad|advertisement|promoted)[\])]\W*$",
        any_length=True,
    ),
    _rule("try-our-product", r"^(try|explore|discover)\ (our|what)\ .{0,40}(features?|app|can\ do\ for\ you)[:.!]?$"),
)


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
    """Remove debris lines; return what is left, with marker lines where the structure
    changes, and what was removed by which rule.

    `extra_patterns` are the curator's own regular expressions (config `cleanup.drop_patterns`);
    `common_lines` are lines seen in many documents of the inbox (boilerplate).
    """
    curator = [Rule(f"curator pattern {p!r}", re.compile(p, re.I)) for p in extra_patterns]
    kept: list[str] = []
    removed: list[Removal] = []
    previous = ""
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            kept.append("")
            continue
        probe = BULLET.sub("", line).strip().strip("*_ ").strip()
        rule = _matching_rule(probe, curator)
        if rule is None and probe.lower() in common_lines:
            rule = Rule("line repeated across many documents", re.compile(""))
        if rule is None and line == previous and len(line.split()) > 3:
            rule = Rule("repeated line", re.compile(""))
        previous = line
        if rule:
            removed.append(Removal(rule.name, line))
            if rule.marker:
                kept.extend(["", MARKER + rule.marker, ""])
            continue
        kept.append(raw.rstrip())
    return Cleaned("\n".join(kept), removed)


def _matching_rule(line: str, curator: list[Rule]) -> Rule | None:
    for rule in curator:
        if rule.pattern.search(line):
            return rule
    short = len(line) <= 160
    for rule in LINE_RULES:
        if (short or rule.any_length) and rule.pattern.search(line):
            return rule
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


def drop_debris_blocks(
    blocks: list[Block], extra_patterns: list[str] | tuple[str, ...] = (), common_lines: frozenset[str] = frozenset()
) -> tuple[list[Block], list[Removal]]:
    """The blocks without debris, with a marker block where a structure-changing rule fired
    (see the module docstring), and what was removed by which rule."""
    curator = [Rule(f"curator pattern {p!r}", re.compile(p, re.I)) for p in extra_patterns]
    kept: list[Block] = []
    removed: list[Removal] = []
    previous = ""
    for index, block in enumerate(blocks):
        if block.kind in ("rule", "message", "marker"):
            kept.append(block)
            continue
        if block.kind == "quote":
            reason = QUOTE_REASONS.get(block.style, "quoted from another message")
            removed.append(Removal(reason, block.text))
            continue
        probe = BULLET.sub("", block.text).strip().strip("*_ ").strip()
        if block.links and block.link_share >= 0.8 and MORE_LINK.match(probe):
            kept.append(block)  # "Read more" with its address: the story's own link, not debris
            continue
        rule = _matching_rule(probe, curator)
        if rule is not None and rule.name == "contents list" and _heading_over_points(blocks, index):
            rule = None  # "## Highlights" over unlinked points: an article's section, not its contents
        if rule is None and probe.lower() in common_lines:
            rule = Rule("line repeated across many documents", re.compile(""))
        if rule is None and block.text == previous and len(block.text.split()) > 3:
            rule = Rule("repeated line", re.compile(""))
        previous = block.text
        if rule:
            removed.append(Removal(rule.name, block.text))
            if rule.marker:
                kept.append(Block(kind="marker", text=rule.marker))
            elif block.kind == "heading":
                kept.append(Block(kind="rule", style="removed heading"))  # what followed it is not the story above's
            continue
        kept.append(block)
    return kept, removed


def _heading_over_points(blocks: list[Block], index: int) -> bool:
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return (
        blocks[index].kind == "heading" and following is not None and following.kind == "item" and not following.links
    )


QUOTE_REASONS = {
    "text:quote": "quoted from another message",
    "text:attribution": 'attribution of a quote ("X writes:")',
    "text:signature": "signature",
    "text:reply": "a reply in a digest's thread (the thread's story is its first message)",
}
