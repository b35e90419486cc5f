"""The one exception tree of digest. Every class carries the exit code the CLI uses.

    DigestError                      exit 1  anything we expected could go wrong
    ├── UsageError                   exit 2  a bad command line
    │   ├── ConfigError              exit 2  config.yaml is missing, unparsable or invalid
    │   └── TemplateError            exit 2  a template cannot be loaded or rendered
    ├── InboxError                   exit 1  the inbox folder is unreadable
    │   └── InboxMissing             exit 2  paths.inbox names no folder (a config error too)
    ├── StateError                   exit 1  the state database cannot be opened or is locked
    ├── PublishError                 exit 1  the issue's files could not be written
    └── DocumentError                  -     one document cannot be read; never aborts a
                                             compile: the pipeline turns it into a
                                             quarantine record

The CLI (digest/cli.py) is the only place that maps these to exit codes and messages;
an unexpected exception (a bug) exits 1 with a traceback only under --debug.
"""

from __future__ import annotations


class DigestError(Exception):
    """Base of every error digest raises on purpose."""

    exit_code = 1


class UsageError(DigestError):
    exit_code = 2


class ConfigError(UsageError):
    """config.yaml is wrong. `problems` holds one line per problem, all reported at once."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{path}: {len(problems)} {noun}:\n{lines}")


class TemplateError(UsageError):
    """A template failed to load or render; the message names the file and line."""


class InboxError(DigestError):
    pass


class InboxMissing(ConfigError, InboxError):
    """paths.inbox (or --inbox) names no folder: a config problem, exit 2, and an inbox
    problem to `digest run`, which keeps running and retries."""

    exit_code = 2


class StateError(DigestError):
    pass


class PublishError(DigestError):
    pass


class DocumentError(DigestError):
    """One inbox document cannot be used; the message is the quarantine reason."""
