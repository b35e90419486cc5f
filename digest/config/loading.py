"""Reading config.yaml: parse, validate everything at once, resolve paths.

A bad config raises one ConfigError that lists every problem with its key path and, where
we can find it, its line.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from digest.config.errors import describe_error
from digest.config.schema import Config
from digest.errors import ConfigError
from digest.support import yamlfile

MAX_CONFIG_BYTES = 1024 * 1024  # a newsletter's config is a few KB
MAX_CONFIG_NODES = 100_000  # what its anchors and aliases may expand to


def load_config(path: Path, inbox_override: Path | None = None) -> Config:
    """Read and validate config.yaml; raise ConfigError listing every problem."""
    shown = str(path)
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(shown, [f"is larger than {MAX_CONFIG_BYTES // 1024} KB: not a config file?"])
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        shown = str(path.absolute())
        raise ConfigError(
            shown, ["file not found: give --config PATH, or create a newsletter here with `digest init`"]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(shown, [f"cannot be read: {exc}"]) from None
    try:
        parsed = yamlfile.parse(text, MAX_CONFIG_BYTES, MAX_CONFIG_NODES)
    except yamlfile.YamlError as exc:
        problem = str(exc)
        if "mapping values are not allowed" in problem:
            problem += ' (a value holding ": " needs quotes, e.g. title: "News: and views")'
        raise ConfigError(shown, [problem]) from None
    root, data = parsed.root, parsed.data
    if not isinstance(data, dict):
        raise ConfigError(shown, ["the file must be a mapping of keys (newsletter:, sections:, …)"])
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(shown, [describe_error(err, root) for err in exc.errors()]) from None
    config._base_dir = path.resolve().parent
    config._source = path.resolve()
    if inbox_override is not None:
        config.paths.inbox = str(inbox_override.resolve())
    if problems := nested_folders(config):
        raise ConfigError(shown, problems)
    return config


def nested_folders(config: Config) -> list[str]:
    """The folders digest writes may not lie inside the inbox, nor the inbox inside them: a
    compile would read its own output back in (the previous issue's files as documents) or
    write into what it reads."""
    inbox = config.inbox_dir
    written = {"paths.issues": config.issues_dir, "paths.state": config.state_dir}
    if config.paths.site:
        written["paths.site"] = config.resolve(config.paths.site)
    problems = []
    for key, folder in written.items():
        if folder == inbox or folder.is_relative_to(inbox):
            problems.append(
                f"{key}: {folder} is inside paths.inbox ({inbox}); each compile would read the files it wrote "
                "as new documents. Put it beside the inbox."
            )
        elif inbox.is_relative_to(folder):
            problems.append(f"paths.inbox: {inbox} is inside {key} ({folder}); put the inbox beside it.")
    return problems
