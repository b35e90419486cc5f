"""`digest init`: a new newsletter folder, ready for `digest compile`.

The commented config.yaml is generated from the config models' own descriptions, so it
lists every key with its default and meaning and never goes stale.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from digest.config import Config, Newsletter, Section
from digest.config.reference import field_default, yaml_value
from digest.errors import UsageError

INBOX_NOTE = """\
Drop documents for the next issue in this folder: clipped articles (.txt), notes (.md, with
optional front matter: title, url, source, byline, date, section), saved web pages
(.html/.htm) and forwarded newsletters (.eml). Sub-folders are fine. digest never changes or
deletes anything here; hidden and partial files (like this note) are ignored.
"""

TEMPLATES_NOTE = """\
# Your templates

digest renders each issue from the default templates that ship with it. To change one, put
a file with the same name in this folder: it wins over the default, and every file you do
not override still comes from the defaults.

- `email.html`: the HTML edition (styles are inlined by premailer after rendering)
- `styles.css.html`: the CSS included by email.html
- `email.txt`: the plaintext edition
- `archive.html`, `feed.xml`: the web archive's index and Atom feed

Copy a default to start from it: `python -c "import digest.render.environment as e; print(e.default_templates_dir())"`
prints where they are. `digest docs templates` lists the variables a template receives.
"""

GITIGNORE = ".digest/\n"

SECTIONS_EXAMPLE = """\
sections:                  # in the order the issue shows them
  - id: news               # letters, digits, - and _; used in issue.json
    title: News
    description: What happened this week.
    keywords: [announced, launched, released]   # words or phrases; {term: x, weight: 2} works too
    # max_items: 8         # at most this many stories; the rest are held back
    # exclude: []          # words that rule this section out
    # include: []          # regular expressions on the title that place a story here
  - id: other
    title: Also noted
    catch_all: true        # takes the stories that match no other section
"""


def commented_config(title: str) -> str:
    """config.yaml with every key, its default and its meaning."""
    lines = [f"# {title}: the config of a digest newsletter. Paths are relative to this file.", ""]
    for name, info in Config.model_fields.items():
        if name == "sections":
            lines += _comment(f"sections: {info.description} Each section's keys:", "")
            for key, field in Section.model_fields.items():
                lines += _comment(f"  {key}: {field.description or ''}", "", "#     ")
            lines.append(SECTIONS_EXAMPLE)
            continue
        model = (
            info.annotation if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel) else None
        )
        if name == "newsletter":
            lines += _block(name, Newsletter, {"title": title})
        elif model is not None:
            lines += _block(name, model, {})
        else:
            lines += _comment(info.description or "", "")
            lines.append(f"# {name}: {yaml_value(field_default(info))}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _block(name: str, model: type[BaseModel], values: dict[str, Any]) -> list[str]:
    """A block of keys, each under its whole meaning; keys left at their default commented out."""
    lines = [f"{name}:"]
    for key, info in model.model_fields.items():
        lines += _comment(info.description or "", "  ")
        if key in values:
            lines.append(f"  {key}: {yaml_value(values[key])}")
        else:
            lines.append(f"  # {key}: {yaml_value(field_default(info))}")
    return lines


def _comment(text: str, indent: str, hanging: str | None = None) -> list[str]:
    """A key's meaning as comment lines, wrapped, never cut."""
    return textwrap.wrap(
        text, width=96, initial_indent=f"{indent}# ", subsequent_indent=hanging or f"{indent}# ", drop_whitespace=True
    )


def init_newsletter(folder: Path, title: str) -> list[Path]:
    """Create the newsletter folder's files; refuse to overwrite any that exist."""
    files = {
        folder / "config.yaml": commented_config(title).replace(
            "  # templates: null", '  templates: "templates/email"', 1
        ),
        folder / "inbox" / ".what-to-put-here.txt": INBOX_NOTE,
        folder / "templates" / "email" / "README.md": TEMPLATES_NOTE,
        folder / ".gitignore": GITIGNORE,
    }
    existing = [str(p) for p in files if p.exists()]
    if existing:
        raise UsageError(f"not overwriting existing files: {', '.join(existing)}")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
