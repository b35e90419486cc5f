"""The Jinja environment: the only place Jinja is used.

Templates are looked up in the curator's folder first (config `paths.templates`), then in the
defaults, so a curator overrides one file without copying the rest. The defaults are the
repository's top-level templates/email/ in a source checkout, and digest/templates/email/
inside an installed wheel (pyproject.toml copies them there).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from digest.errors import TemplateError
from digest.render.text_layout import short_date, wrap_paragraph

_PACKAGE = Path(__file__).resolve().parent.parent


def default_templates_dir() -> Path:
    for candidate in (_PACKAGE / "templates" / "email", _PACKAGE.parent / "templates" / "email"):
        if (candidate / "email.html").is_file():
            return candidate
    raise TemplateError(f"the default templates are missing (looked in {_PACKAGE / 'templates' / 'email'})")


def make_environment(user_dir: Path | None) -> jinja2.Environment:
    """The environment for these template folders, made again when a file in them is added,
    removed or changed (a curator's new override must win at once, in the preview too)."""
    return _environment(user_dir, template_signature(user_dir))


def template_signature(user_dir: Path | None) -> tuple:
    """The template files in use, with their modification times."""
    folders = [default_templates_dir(), *([user_dir] if user_dir and user_dir.is_dir() else [])]
    return tuple((str(p), p.stat().st_mtime_ns) for folder in folders for p in sorted(folder.iterdir()) if p.is_file())


@lru_cache(maxsize=8)
def _environment(user_dir: Path | None, _signature: tuple) -> jinja2.Environment:
    search = [str(user_dir)] if user_dir else []
    search.append(str(default_templates_dir()))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "xml"), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["wrap"] = wrap_paragraph
    env.filters["longdate"] = lambda d: f"{d:%A} {d.day} {d:%B %Y}" if d else ""
    env.filters["shortdate"] = short_date
    return env


def render_template(user_dir: Path | None, name: str, context: dict[str, Any]) -> str:
    """Render one template; any Jinja error becomes a TemplateError naming file and line."""
    env = make_environment(user_dir)
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or name}, line {exc.lineno}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        searched = getattr(env.loader, "searchpath", [])
        raise TemplateError(f"template {exc.name!r} not found in {', '.join(searched)}") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"{_where(name, exc)}: {exc.message}") from None
    except Exception as exc:  # a filter or a test in a curator's template failed
        raise TemplateError(f"{_where(name, exc)}: {exc}") from None


def render_string(source: str, context: dict[str, Any], where: str) -> str:
    """Render a one-line template from config (the subject); errors name the config key."""
    try:
        return (
            jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False).from_string(source).render(**context)
        )
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{where}: {exc}") from None


def _where(name: str, exc: BaseException) -> str:
    """The template file and line an exception was raised in, from its traceback."""
    tb = exc.__traceback__
    where = name
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".txt")):
            where = f"{filename}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return where


@lru_cache(maxsize=4)
def _page_environment(folder: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_page(folder: Path, name: str, context: dict[str, Any]) -> str:
    """One of digest's own pages (the preview's), from `folder`; never a curator's template."""
    try:
        return _page_environment(folder).get_template(name).render(**context)
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{folder / name}: {exc}") from None
