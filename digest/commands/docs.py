"""`digest docs`: the documentation that ships with digest, printed.

The pages are the repository's docs/ folder: in a source checkout they are read from there,
and the wheel carries them inside the package (pyproject.toml copies them to digest/docs/).
"""

from __future__ import annotations

from pathlib import Path

from digest.errors import UsageError

_PACKAGE = Path(__file__).resolve().parent.parent
PAGES = {
    "config": "config.md",
    "templates": "templates.md",
    "architecture": "architecture.md",
    "contract": "contract.md",
}


def docs_dir() -> Path:
    for candidate in (_PACKAGE / "docs", _PACKAGE.parent / "docs"):
        if (candidate / "config.md").is_file():
            return candidate
    raise UsageError(f"the documentation is missing (looked in {_PACKAGE / 'docs'}); reinstall digest")


def doc_text(page: str) -> str:
    return (docs_dir() / PAGES[page]).read_text(encoding="utf-8")


def doc_titles() -> dict[str, str]:
    """Each page's name and its first heading."""
    titles = {}
    for name, file in PAGES.items():
        first = next((line for line in doc_text(name).splitlines() if line.startswith("# ")), file)
        titles[name] = first.removeprefix("# ")
    return titles
