"""`digest check [ISSUE_DIR]`: the pre-send linter of a rendered issue.

Every finding is an error (the issue should not be sent as it is; exit 1) or a warning
(worth a look; exit 0), with a one-line reason and where it is.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from digest.archive.folders import EDITION_FILES, HTML, MESSAGE, TEXT, parse_message
from digest.support.htmldom import parse_html

CLIP_BYTES = 102 * 1024  # Gmail clips the HTML part above about this size
DISALLOWED_TAGS = (
    "script",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "iframe",
    "object",
    "embed",
    "svg",
    "video",
    "audio",
)
DISALLOWED_CSS = (
    (re.compile(r"\bposition\s*:", re.I), "position"),
    (re.compile(r"\bdisplay\s*:\s*(inline-)?(flex|grid)", re.I), "flex/grid layout"),
    (re.compile(r"\bfloat\s*:", re.I), "float"),
    (re.compile(r"var\(--|--[\w-]+\s*:", re.I), "CSS variables"),
    (re.compile(r"@import", re.I), "@import"),
)
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{%|%\}|\bTK\b|\bTODO\b|\[\[|\]\]")
MEDIA_RULE = re.compile(r"@media[^{]*\{(?:[^{}]*\{[^{}]*\})*\s*\}", re.S)
URL = re.compile(r"https?://[^\s<>\"')\]]+")
MAX_TEXT_LINE = 78


@dataclass(frozen=True)
class Finding:
    level: Literal["error", "warning"]
    file: str
    reason: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.level}: {self.file}: {self.reason}" + (f" ({self.where})" if self.where else "")


def findings_data(folder: Path, findings: list[Finding]) -> dict:
    """`digest check --json`."""
    errors = sum(f.level == "error" for f in findings)
    return {
        "issue": str(folder),
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [{"level": f.level, "file": f.file, "reason": f.reason, "where": f.where} for f in findings],
    }


def check_issue(folder: Path, size_budget: int = 90 * 1024, base_url: str | None = "") -> list[Finding]:
    """Every finding about the issue in `folder`. `base_url` is newsletter.base_url (None: not
    set, which is worth a warning; "": not known)."""
    findings: list[Finding] = []
    for name in EDITION_FILES:
        if not (folder / name).is_file():
            findings.append(Finding("error", name, "missing from the issue folder", str(folder)))
    if findings:
        return findings
    html = (folder / HTML).read_text(encoding="utf-8")
    text = (folder / TEXT).read_text(encoding="utf-8")
    findings += check_html(html, size_budget)
    findings += check_text(text)
    findings += check_links_match(html, text)
    findings += check_message((folder / MESSAGE).read_bytes())
    if base_url is None:
        findings.append(
            Finding(
                "warning",
                "config.yaml",
                "newsletter.base_url is not set: the email has no 'View in your browser' link and the feed's "
                "links are relative to where feed.xml is served",
            )
        )
    return findings


def check_html(html: str, size_budget: int) -> list[Finding]:
    f: list[Finding] = []
    size = len(html.encode("utf-8"))
    if size > CLIP_BYTES:
        f.append(Finding("error", HTML, f"{size // 1024} KB: Gmail clips messages over ~102 KB"))
    elif size > size_budget:
        f.append(Finding("warning", HTML, f"{size // 1024} KB is over the size budget of {size_budget // 1024} KB"))
    if not html.lstrip().lower().startswith("<!doctype html>"):
        f.append(Finding("error", HTML, "no <!DOCTYPE html> at the top"))
    tree = parse_html(html)
    if tree is None:
        return [*f, Finding("error", HTML, "is not HTML a mail client can read")]
    root = tree.getroottree().getroot()
    if not root.get("lang"):
        f.append(Finding("error", HTML, "<html> has no lang attribute"))
    if not tree.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' preheader ')]"):
        f.append(Finding("warning", HTML, "no hidden preheader"))
    for style in tree.xpath("//style"):
        leftover = MEDIA_RULE.sub("", style.text or "").strip()
        if leftover:
            f.append(Finding("error", HTML, "a <style> block holds rules other than @media", leftover[:60]))
    for tag in DISALLOWED_TAGS:
        for element in tree.iter(tag):
            f.append(Finding("error", HTML, f"<{tag}> does not work in email", f"line {element.sourceline}"))
    for element in tree.xpath("//link[@rel='stylesheet']"):
        f.append(Finding("error", HTML, "<link> stylesheets are dropped by mail clients", f"line {element.sourceline}"))
    for element in tree.iter("img"):
        if (element.get("src") or "").startswith("data:"):
            f.append(Finding("error", HTML, "base64 image", f"line {element.sourceline}"))
        if element.get("alt") is None:
            f.append(Finding("error", HTML, "image without alt text", f"line {element.sourceline}"))
    css = " ".join(
        [
            *(e.get("style") or "" for e in tree.iter()),
            *(MEDIA_RULE.sub("", s.text or "") for s in tree.xpath("//style")),
        ]
    )
    for pattern, name in DISALLOWED_CSS:
        if pattern.search(css):
            f.append(Finding("error", HTML, f"CSS that Gmail or Outlook drop: {name}"))
    anchors = {e.get("id") for e in tree.iter() if e.get("id")} | {
        e.get("name") for e in tree.iter("a") if e.get("name")
    }
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip()
        label = " ".join(link.text_content().split())[:40]
        if not href:
            f.append(Finding("error", HTML, "empty link", label))
        elif href.startswith("#"):
            if href[1:] not in anchors:
                f.append(Finding("error", HTML, f"link to a missing anchor {href}", label))
        elif not href.startswith(("https://", "http://", "mailto:")):
            f.append(Finding("error", HTML, f"relative link {href!r} will not work in an inbox", label))
    if not any("unsubscribe" in a.text_content().lower() for a in tree.iter("a")):
        f.append(Finding("warning", HTML, "no unsubscribe link (set newsletter.unsubscribe_url)"))
    visible = " ".join(tree.xpath("//body//text()[not(ancestor::style)]"))
    if match := PLACEHOLDER.search(visible):
        f.append(
            Finding(
                "error",
                HTML,
                "leftover placeholder or TK marker",
                visible[max(0, match.start() - 20) : match.end() + 20].strip(),
            )
        )
    for section in tree.xpath("//h2[contains(@class, 'section-title')]"):
        following = section.getparent()
        if following is not None and not following.xpath(
            ".//*[contains(@class, 'story') or contains(@class, 'more-list')]"
        ):
            f.append(Finding("error", HTML, "empty section", section.text_content().strip()))
    return f


def check_text(text: str) -> list[Finding]:
    f: list[Finding] = []
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > MAX_TEXT_LINE and not URL.fullmatch(line.split()[-1]):
            f.append(Finding("error", TEXT, f"line of {len(line)} characters (over {MAX_TEXT_LINE})", f"line {number}"))
        if match := PLACEHOLDER.search(line):
            f.append(Finding("error", TEXT, "leftover placeholder or TK marker", f"line {number}: {match.group(0)}"))
        if re.search(r"&(amp|lt|gt|quot|#\d+);|</?[a-z][a-z0-9]*[ >]", line):
            f.append(Finding("error", TEXT, "HTML markup or entity in the plaintext", f"line {number}"))
    return f


def check_links_match(html: str, text: str) -> list[Finding]:
    tree = parse_html(html)
    if tree is None:
        return []
    in_html = {a.get("href") for a in tree.iter("a") if (a.get("href") or "").startswith("http")}
    in_text = set(URL.findall(text))
    f = [Finding("warning", TEXT, "link in the HTML edition only", url) for url in sorted(in_html - in_text)]
    f += [Finding("warning", HTML, "link in the plaintext edition only", url) for url in sorted(in_text - in_html)]
    return f


def check_message(data: bytes) -> list[Finding]:
    try:
        message = parse_message(data)
    except Exception as exc:  # the email package raises many kinds on broken input
        return [Finding("error", MESSAGE, f"does not parse: {exc}")]
    f: list[Finding] = []
    if message.get_content_type() != "multipart/alternative":
        f.append(Finding("error", MESSAGE, f"is {message.get_content_type()}, not multipart/alternative"))
        return f
    types = [part.get_content_type() for part in message.iter_parts()]
    if types != ["text/plain", "text/html"]:
        f.append(Finding("error", MESSAGE, f"parts are {types}, not text/plain then text/html"))
    for header in ("Subject", "From", "To", "Date", "Message-ID", "MIME-Version"):
        if not message.get(header):
            f.append(Finding("error", MESSAGE, f"no {header} header"))
    sender = email.utils.parseaddr(str(message.get("From", "")))[1].lower()
    if sender.rpartition("@")[2] in ("localhost", "localhost.localdomain", "") or sender.endswith(".localhost"):
        f.append(
            Finding(
                "warning",
                MESSAGE,
                f"From: {sender or '(none)'} is not an address mail servers accept; set newsletter.from_address",
            )
        )
    if not message.get("List-Unsubscribe"):
        f.append(Finding("warning", MESSAGE, "no List-Unsubscribe header (set newsletter.unsubscribe_url)"))
    return f
