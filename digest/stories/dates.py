"""Publication dates written the ways people write them."""

from __future__ import annotations

import datetime as dt
import re
import warnings

from digest.words import word_count

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
# the months of the languages curators most often clip in besides English (es, fr, de, it, pt, nl),
# where they differ from the English: "10 de marzo de 2025", "1er mars 2025", "10. März 2025"
_OTHER_MONTH = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?tiembre|octubre|noviembre|diciembre"
    r"|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre"
    r"|januar|j[äa]nner|februar|m[äa]rz|juni|juli|oktober|dezember"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
    r"|janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|dezembro"
    r"|januari|februari|maart|mei|augustus)"
)
_LANGUAGES = ["en", "es", "fr", "de", "it", "pt", "nl"]
# Forms seen in clippings: "Dec 02, 2022", "SEPTEMBER 13-14, 2025", "19 May 2025",
# "2025-05-19", "2025.05.19", "19-05-2025", "19/05/2025", "Yahoo19-05-2025" (a source glued to the date).
DATE_PATTERN = re.compile(
    rf"""(?ix)
    (?P<mdy>\b{_MONTH}\s+\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?(?:st|nd|rd|th)?,?\s+\d{{4}})
    | (?P<dmy>\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})
    | (?P<other>\b\d{{1,2}}(?:er|\.)?\s+(?:de\s+)?{_OTHER_MONTH}\s+(?:de\s+)?\d{{4}})
    | (?P<cjk>\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)
    | (?P<iso>\b\d{{4}}-\d{{2}}-\d{{2}})
    | (?P<ymd>(?<![/\w])\d{{4}}[./]\d{{2}}[./]\d{{2}}(?![/\w]))
    | (?P<numeric>(?<!\d)\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}\b)
    """
)

# Dates with an English month's name and dates in figures with the day first, the forms most
# dates in newsletters take, are read without dateparser (a few milliseconds a call, and
# newsletters write many dates); it reads them alike (tests/stories/test_dates.py). A date it
# cannot be ("Feb 30, 2025", "05/19/2025") is left to dateparser.
_ENGLISH_DATE = re.compile(
    rf"""(?ix)
    (?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})
    | (?P<day_before>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month_after>{_MONTH}),?\s+(?P<year_after>\d{{4}})
    """
)
_MONTH_NUMBER = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")  # as DATE_ORDER below reads them
_CJK_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_YEAR_FIRST = re.compile(r"(\d{4})[./](\d{2})[./](\d{2})")

# A day and a month without the year ("17 November", "Nov 17"): a dateline's date.
MONTH_NAME = _MONTH  # a month's name or its abbreviation, as a pattern
DAY_AND_MONTH = re.compile(rf"(?i)\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)\b")


def parse_date(text: str) -> dt.date | None:
    """Parse one date string in any common written form; None when it is not a date."""
    text = re.sub(r"(\d{1,2})\s*[-–]\s*\d{1,2}(,?\s+\d{4})", r"\1\2", text.strip())  # a range: its first day
    if not text:
        return None
    try:
        if cjk := _CJK_DATE.fullmatch(text):  # "2025年3月11日"
            return dt.date(*(int(part) for part in cjk.groups()))
        if named := _ENGLISH_DATE.fullmatch(text):  # "Dec 02, 2022", "2nd December 2022"
            month = _MONTH_NUMBER[(named.group("month") or named.group("month_after"))[:3].lower()]
            day = named.group("day") or named.group("day_before")
            return dt.date(int(named.group("year") or named.group("year_after")), month, int(day))
        if (numeric := _DAY_FIRST.fullmatch(text)) and 1 <= int(numeric.group(2)) <= 12:  # "19-05-2025"
            return dt.date(int(numeric.group(3)), int(numeric.group(2)), int(numeric.group(1)))
        if ymd := _YEAR_FIRST.fullmatch(text):  # "2017.06.14", "2017/06/14": the year first, so no doubt
            return dt.date(*(int(part) for part in ymd.groups()))
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser  # slow to import; only needed past the quick readings above

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = dateparser.parse(
            text,
            languages=_LANGUAGES,
            settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month"]},
        )
    return parsed.date() if parsed else None


def find_date(text: str) -> dt.date | None:
    """The first plausible publication date written in `text` (a line or a lead)."""
    for match in DATE_PATTERN.finditer(text):
        date = parse_date(match.group(0))
        if date and 1990 <= date.year <= dt.date.today().year + 1:
            return date
    return None


CLOCK = re.compile(r"(?i)\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)(?!\w)|\b\d{1,2}:\d{2}\b")
_DAY_NAME = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|yesterday)\b")
_TIMESTAMP_GLUE = re.compile(r"(?i)\b(?:at|on|the)\b|[@,·|–—\-\s]")


def is_timestamp(text: str) -> bool:
    """A line that only says when ("Thursday @ 9:28 PM", "May 24, 2020 at 5:59 AM"): a post's
    time, never its headline."""
    if not (CLOCK.search(text) or _DAY_NAME.search(text) or DATE_PATTERN.search(text)):
        return False
    rest = DATE_PATTERN.sub(" ", text)
    rest = _DAY_NAME.sub(" ", CLOCK.sub(" ", DAY_AND_MONTH.sub(" ", rest)))
    return not _TIMESTAMP_GLUE.sub("", rest)


DATE_LEAD_WORDS = 4  # "2-3 May 2019"


def after_date_lead(strong: str, text: str) -> str | None:
    """The rest of a line that opens with a date in bold ("**2 May 2019:** Harbour fair –
    …", as event listings write each entry), or None when its bold opening is no date."""
    lead = strong.strip(" :–—-")
    if not lead or word_count(lead) > DATE_LEAD_WORDS or not text.startswith(strong) or find_date(lead) is None:
        return None
    return text[len(strong) :].lstrip(" :–—-")
