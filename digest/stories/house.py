"""The newsletter talking about itself, not news: promotion in "we" and "you", notes to its
readers (subscribe, share, donate, write in), invitations to its own pages, appeals and
credits under their headings, and the subscription notice where its footer begins.

Like the debris rules (debris.py), these describe kinds of text, not one publisher's phrases.
"""

from __future__ import annotations

import re

from digest.stories.teasers import split_sentences

PROMOTION = re.compile(r"\b(we|our|us|let's|you|your|you'll|you're)\b", re.I)
QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


def is_promotional(paragraph: str) -> bool:
    """Marketing copy speaks as "we" to "you" outside quotation marks."""
    outside_quotes = QUOTED.sub("", paragraph.replace("’", "'"))
    words = len(outside_quotes.split())
    hits = len(PROMOTION.findall(outside_quotes))
    if not words or not hits:
        return False
    return words <= 20 or (hits >= 2 and hits / words >= 0.04)


# A note to the newsletter's readers about the newsletter itself, not news: it asks them to
# subscribe, share, donate, write in, advertise, or says why they receive it.
HOUSE_WORDS = re.compile(
    r"\b(subscrib\w*|unsubscrib\w*|your (?:free |paid |premium )?subscription|newsletters?|donat\w+|sponsor\w*|advertis\w+|forward(?:ing)? this|"
    r"tell (?:a|your) friends?|share (?:it|this|\w+ with your)|invite (?:a|your) friends?|"
    r"recommend (?:it|this|us) to|pass (?:it|this) (?:on|along)|"
    # a call for the next issue's material: "let us know about future events", "send us your tips"
    r"let us know|(?:send|submit|share) (?:us )?your (?:news|tips?|stories|links|events|projects)|"
    r"share (?:\w+ )?with us|"
    r"(?:send|reply with|share) (?:us )?(?:your |some )?feedback|feedback (?:on|about) (?:this|the|our|today's) "
    r"(?:newsletter|issue|edition|digest|e-?mail)|"
    r"contact us|write (?:to|for) us|get in touch|follow us|sign(?:ing)? up|mailing list|"
    r"e-?mail (?:address|us)|this (?:e-?mail|message) (?:was|is) sent|preferences|privacy policy)\b",
    re.I,
)
_SECOND_PERSON = re.compile(r"\b(you|your|you're|you'll|yourself)\b", re.I)


# About the reader's subscription to this very newsletter: where a newsletter's footer begins.
SUBSCRIPTION_WORDS = re.compile(
    r"\b(subscri\w*|unsubscri\w*|this (newsletter|e-?mail|mailing list|list)|your (e-?mail address|newsletter|"
    r"subscription|preferences)|other (newsletters|e-?mails)|(cancel|change|manage) your)\b",
    re.I,
)
ADDRESSED_WITHIN = 3  # words between "subscribe" and the "you" it is said to


def is_subscription_notice(text: str) -> bool:
    """A line to the reader about their subscription ("To change your preferences…", "To
    sign up for other newsletters…", "Thank you for subscribing"): the newsletter talking
    about itself. A bare "subscription" must be said to the reader, a few words from a "you"
    or after an opening "To": "the timer's event subscription could fail" is text."""
    to_reader = re.match(r"^\W*to\s", text, re.I) is not None
    for match in SUBSCRIPTION_WORDS.finditer(text):
        if not match.group(1).lower().startswith(("subscri", "unsubscri")):
            if to_reader or _SECOND_PERSON.search(text):
                return True
            continue
        before = text[: match.start()].split()
        near = " ".join(before[-ADDRESSED_WITHIN:] + text[match.end() :].split()[:ADDRESSED_WITHIN])
        if _SECOND_PERSON.search(near) or (to_reader and len(before) <= ADDRESSED_WITHIN):
            return True
    return False


# An invitation to use the publisher's own pages: "Try our daily crossword", "See our photos".
HOUSE_PROMOTION = re.compile(
    r"(?:^|[.!?]\s+)\W*(?:please\s+)?(try|see|get|join|watch|listen to|read|visit|check out|find|discover|download|shop|order|play|take)\b"
    r"(?:\s+[^\s.!?]+){0,4}?\s+(our|us)\b",  # "our"/"us" its object: "Download our app", not "…and give us feedback"
    re.I,
)


# a sentence that tells the reader to do something: "Check it out.", "Listen or download."
_INVITATION = re.compile(
    r"(?:^|[.!?]\s+)\W*(?:try|see|get|join|watch|listen|read|visit|check|find|discover|download|shop|order|"
    r"play|take|tell)\b[^.!?]*",
    re.I,
)


def is_house_promotion(text: str, publisher: str | None = None, title: str = "") -> bool:
    """An invitation to use the publisher's own pages: "Try our daily crossword", "Listen or
    download" in a text naming the publisher ("Quay News on the go…" from QuayNews.com), or
    "Visit The Harbour Show online" under the headline "The Harbour Show"."""
    if HOUSE_PROMOTION.search(text):
        return True
    invitations = [m.group(0) for m in _INVITATION.finditer(text)]
    if not invitations:
        return False
    if title and any(title in sentence for sentence in invitations):
        return True
    return any(re.search(rf"\b{re.escape(name)}\b", text) for name in publisher_names(publisher))


def publisher_names(source: str | None) -> list[str]:
    """The names a publisher goes by in its own text: "QuayNews.com Weekday Morning Edition" →
    "Quay News" (the site's name without its domain, its words parted)."""
    names = []
    for token in (source or "").split():
        site = re.sub(r"(?i)\.(com|org|net|co\.uk|co|io|gov|edu)$", "", token)
        if site == token:
            continue  # not a web address: a word of the newsletter's name, too common to match
        words = re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+", site)
        if words and len(" ".join(words)) >= 3:
            names.append(" ".join(words))
    return names


# A heading that asks readers to support, join or help the publication.
# ("Join us at the harbour fair": an invitation to an event, not to the newsletter's community)
APPEAL_TITLE = re.compile(
    r"^(how (you|to) (can )?(help|support|contribute|get involved|participate)|support(ing)? (us|our|the|this)\b|"
    r"get involved|participat\w+ in|join (us|our|the)(?! (?:at|in|for|on \w+day)\b)|(help|support) us\b|become a (member|supporter|patron|sponsor)|"
    # the word alone, or as an appeal ("Subscribe to…", "Advertise with us", "Contributions welcome"):
    # not the first word of a headline ("Donations pour in", "Contributor Blog", "Subscribers surge")
    r"(contribut|donat|subscri|sponsor|advertis)\w*(\W*$|\s+(to|with|for|by|us|our|this|today|now|here|welcome|"
    r"wanted|needed)\b))",
    re.I,
)


# a heading over the newsletter's account of its own making: who wrote, edited, photographed it
COLOPHON_TITLE = re.compile(
    r"^(credits|colophon|acknowledge?ments|thanks|about (this|the|our) (newsletter|digest|bulletin|issue|edition)|"
    r"about us|the team|(this|the) (issue|edition)'?s? (team|contributors))\W*$",
    re.I,
)


def is_house_note(text: str, title: str = "") -> bool:
    """Speaks to the reader ("you") about the newsletter itself (subscribe, share, donate,
    write in, advertise), or is headed by an appeal to support or join it: the publisher's
    notice, not a story."""
    if title and (APPEAL_TITLE.match(title.strip()) or COLOPHON_TITLE.match(title.strip())):
        return True
    outside_quotes = QUOTED.sub("", text.replace("’", "'"))
    return bool(HOUSE_WORDS.search(outside_quotes)) and bool(_SECOND_PERSON.search(outside_quotes))


# the label over a paid block: "TOGETHER WITH TIDEWATCH", "Presented by …", "A message from our sponsor"
SPONSOR_LABEL = re.compile(
    r"^\W*(?:together with|sponsored by|presented by|in partnership with|brought to you by|powered by|"
    r"a (?:word|message) from (?:our sponsors?|\w+)|(?:today's |our )?sponsors?)\b[^.!?]{0,40}$",
    re.I,
)


def is_sponsor_label(line: str) -> bool:
    """A short line that says the block under it is paid for."""
    return len(line.split()) <= 8 and SPONSOR_LABEL.match(line) is not None


# "No jobs listed for this week.", "Sadly, there was no suggestion this week.", "Nothing new
# this month": a standing section with nothing in it this time (news told in the negative, "No
# one was hurt", "no ferries today because of the storm", has a who or a why)
_NOTHING = re.compile(
    r"^\W*(?:(?:sadly|unfortunately|alas),?\s+)?(?:there (?:was|were|is|are) )?(?:no|nothing|none)\b"
    r"(?!\s+(?:one|longer)\b)(?![^.!?]*\b(?:because|due to|after|since|as a result)\b)"
    r"[^.!?]*\b(?:this (?:week|month|time|issue|edition|round)|today|yet|so far|right now|at the moment)\b",
    re.I,
)
EMPTY_SECTION_WORDS = 40


def is_empty_standing_section(text: str) -> bool:
    """Says there is nothing under its heading this time, perhaps with a call for material
    ("Submit your suggestions for next week!"): an empty section, not a story."""
    if not text or len(text.split()) > EMPTY_SECTION_WORDS:
        return False
    sentences = split_sentences(text)
    nothing = [s for s in sentences if len(s.split()) <= 16 and _NOTHING.match(s)]
    # every other sentence speaks to the reader: a call for the next issue's material
    return bool(nothing) and all(s in nothing or PROMOTION.search(s) for s in sentences)
