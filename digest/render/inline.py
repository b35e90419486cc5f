"""CSS inlining: the only place premailer is used.

premailer traps we avoid (premailer 3.10): it drops a lower-case doctype, so we put the
template's own doctype back; with strip_important=True it would strip !important from the
@media rules it keeps, so those rules live in a <style data-premailer="ignore"> block which it
leaves alone; it adds width/height/bgcolor attributes unless told not to; cssutils logs a
warning per vendor-prefixed property, so its logger is silenced.
"""

from __future__ import annotations

import functools
import logging
import re

from digest.errors import TemplateError

_DOCTYPE = re.compile(r"^\s*<!doctype[^>]*>\s*", re.I)

# the last page inlined and its result: the size budget's last real render is, most of the
# time, the very email the editions then write (premailer takes a tenth of a second a page)
_last: tuple[str, str] = ("", "")


def inline_css(html: str) -> str:
    global _last
    if html == _last[0]:
        return _last[1]
    inlined = _inlined(html)
    _last = (html, inlined)
    return inlined


def _inlined(html: str) -> str:
    doctype_match = _DOCTYPE.match(html)
    # imported on first use (a tenth of a second): an unchanged draft renders nothing
    import cssutils

    cssutils.log.setLevel(logging.CRITICAL)

    try:
        inlined = _premailer_class()(
            html,
            keep_style_tags=False,
            strip_important=False,
            remove_classes=False,
            disable_basic_attributes=["width", "height", "bgcolor", "align", "valign", "background"],
            allow_network=False,
            cssutils_logging_level=logging.CRITICAL,
            disable_validation=True,
        ).transform()
    except Exception as exc:  # premailer raises cssutils and lxml errors of many kinds
        raise TemplateError(f"inlining the CSS of email.html failed: {exc}") from None
    inlined = _DOCTYPE.sub("", inlined)
    return "<!DOCTYPE html>\n" + inlined if doctype_match else inlined


@functools.cache
def _premailer_class() -> type:
    """Premailer, remembering the rules it makes of a style sheet: the template's sheet is the
    same at every render, and turning it into rules (cssutils serialising every property) is
    a third of an inlining. The rules are tuples of strings, only read by the transform."""
    from premailer import Premailer

    rules: dict[tuple[str, int], tuple[list, list]] = {}

    class RememberingPremailer(Premailer):
        def _parse_style_rules(self, css_body: str, ruleset_index: int) -> tuple[list, list]:
            key = (css_body, ruleset_index)
            if key not in rules:
                if len(rules) >= 16:
                    rules.clear()  # (a template whose style sheet changes at every render)
                rules[key] = super()._parse_style_rules(css_body, ruleset_index)
            return rules[key]

    return RememberingPremailer
