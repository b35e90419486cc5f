"""The command line: thin commands over the pipeline. Errors are mapped to exit codes here,
and only here: a DigestError prints its message (no traceback unless --debug)."""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import gc
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape

from digest.config import Config, load_config
from digest.errors import DigestError

stderr = Console(stderr=True, highlight=False, soft_wrap=True)
stdout = Console(highlight=False, soft_wrap=True)

# Not 8025: Mailpit's and MailHog's web UI, which newsletter authors run to catch test sends.
PREVIEW_PORT = 8747
LISTED = 25  # quarantined and held-back items listed on the terminal; issue.json has them all

JSON_OPTION = click.option("--json", "json_output", is_flag=True, help="Print one JSON document instead of tables.")
CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    default=Path("config.yaml"),
    show_default=True,
    help="The newsletter's config.yaml.",
)


def handle_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return command(*args, **kwargs)
        except DigestError as exc:
            if debug:
                traceback.print_exc()
            stderr.print(f"[red]error:[/red] {escape(str(exc))}", markup=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            stderr.print("interrupted")
            sys.exit(130)
        except Exception:
            if debug:
                traceback.print_exc()
            else:
                stderr.print("[red]internal error[/red] (a bug in digest; run again with --debug for the traceback):")
                stderr.print(f"  {sys.exc_info()[0].__name__}: {sys.exc_info()[1]}", markup=False)  # type: ignore[union-attr]
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("-q", "--quiet", is_flag=True, help="Print only errors, warnings and the results.")
@click.option("-v", "--verbose", is_flag=True, help="Show the libraries' log messages too.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="digest-newsletter")
def main(quiet: bool, verbose: bool, debug: bool) -> None:
    """digest: compile a themed newsletter issue from a folder of documents.

    `digest docs` prints the documentation; `digest COMMAND -h` explains each command."""
    VERBOSITY["level"] = -1 if quiet else 1 if verbose else 0
    # At exit the interpreter's cycle collector walks every object a build left (a few tenths
    # of a second for a large inbox) only to free memory the process returns anyway; frozen
    # objects are skipped. Registered first, so it runs last, after the workers are stopped.
    atexit.register(gc.freeze)


VERBOSITY = {"level": 0}  # -1 quiet, 0 normal, 1 verbose (set by the main options)


def say(message: str, markup: bool = False) -> None:
    """An informational line on stderr, unless --quiet."""
    if VERBOSITY["level"] >= 0:
        stderr.print(message, markup=markup)


def as_json(data: object) -> None:
    """`--json`: one JSON document on stdout."""
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


DOC_PAGES = ["config", "templates", "architecture", "contract"]


def _load(config_path: Path, inbox: Path | None = None) -> Config:
    return load_config(config_path, inbox_override=inbox)


@main.command("compile", short_help="Build the next issue from the inbox and publish it.")
@CONFIG_OPTION
@click.option(
    "--inbox", type=click.Path(path_type=Path), help="Read documents from this folder instead of paths.inbox."
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Also write the issue's files into this folder (a draft: only there).",
)
@click.option("--draft", is_flag=True, help="Publish nothing: use up no issue number, mark no document as published.")
@click.option(
    "--date",
    "issue_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The issue's date (default: today in newsletter.timezone).",
)
@click.option("--force", is_flag=True, help="Publish with a --date before the last issue's.")
@handle_errors
def compile_command(
    config_path: Path, inbox: Path | None, out: Path | None, draft: bool, issue_date: dt.datetime | None, force: bool
) -> None:
    """Build the next issue from every inbox document not yet published."""
    import time

    from digest.pipeline import compile_issue
    from digest.support.progress import NO_PROGRESS, TerminalProgress

    started = time.perf_counter()
    config = _load(config_path, inbox)
    progress = TerminalProgress() if stderr.is_terminal and VERBOSITY["level"] >= 0 else NO_PROGRESS
    try:
        date = issue_date.date() if issue_date else None
        result = compile_issue(config, draft=draft, out=out, date=date, progress=progress, force=force)
    finally:
        progress.close()
    issue = result.issue
    if issue is not None:
        for item in issue.quarantined[:LISTED]:
            say(f"[yellow]quarantined[/yellow] {escape(item.document)}: {escape(item.reason)}", markup=True)
        for held in issue.held_back[:LISTED]:
            where = f" ({held.section})" if held.section else ""
            say(f"held back{where}: {held.title!r}: {held.reason}")
        hidden = max(0, len(issue.quarantined) - LISTED) + max(0, len(issue.held_back) - LISTED)
        if hidden:
            say(f"… and {hidden} more quarantined or held back: see issue.json or `digest status`")
    if issue is not None and issue.size is not None:
        for action in issue.size.actions:
            kb = f"email.html {issue.size.html_bytes // 1024} KB of {issue.size.budget_bytes // 1024} KB"
            say(f"size budget: {action} ({kb})")
    for name in result.waiting:
        say(f"waiting for the next run: {name} (it changed while it was read)")
    for warning in result.warnings:
        stderr.print(f"[yellow]warning:[/yellow] {escape(warning)}", markup=True)
    say(f"{result.message} (in {time.perf_counter() - started:.1f} s)")
    if result.folder is not None:
        stdout.print(str(result.folder), markup=False)


@main.command("explain", short_help="How a document was cut into stories, and why.")
@click.argument("document")
@CONFIG_OPTION
@click.option(
    "--inbox", type=click.Path(path_type=Path), help="Read documents from this folder instead of paths.inbox."
)
@JSON_OPTION
@handle_errors
def explain_command(document: str, config_path: Path, inbox: Path | None, json_output: bool) -> None:
    """How one document was cut into stories and where they go.

    What was removed and by which rule, duplicates and related stories, each story's section and
    its keyword scores. DOCUMENT is a path or a name relative to the inbox."""
    from digest.commands.explain import explain_document, explanation_data, print_explanation

    config = _load(config_path, inbox)
    explanation = explain_document(config, document)
    if json_output:
        as_json(explanation_data(explanation))
    else:
        print_explanation(explanation, stdout)


@main.command("check", short_help="Lint a rendered issue before sending it.")
@click.argument("issue_dir", required=False, type=click.Path(path_type=Path))
@CONFIG_OPTION
@JSON_OPTION
@handle_errors
def check_command(issue_dir: Path | None, config_path: Path, json_output: bool) -> None:
    """Lint a rendered issue before sending it.

    ISSUE_DIR defaults to the last published issue. Errors exit 1, warnings exit 0."""
    from digest.commands.check import check_issue, findings_data
    from digest.words import counted

    config = _load(config_path)
    folder = issue_dir or _last_issue_folder(config)
    findings = check_issue(folder, config.email.size_budget_kb * 1024, config.newsletter.base_url)
    errors = sum(f.level == "error" for f in findings)
    if json_output:
        as_json(findings_data(folder, findings))
    else:
        for finding in findings:
            stdout.print(str(finding), markup=False)
        say(f"{folder}: {counted(errors, 'error')}, {counted(len(findings) - errors, 'warning')}")
    if errors:
        sys.exit(1)


@main.command("send", short_help="Send an issue's message.eml over SMTP.")
@click.argument("issue_dir", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--to", "to", required=True, help="Recipient address(es), comma-separated.")
@click.option("--test", is_flag=True, help="Prefix the subject with [TEST].")
@CONFIG_OPTION
@handle_errors
def send_command(issue_dir: Path, to: str, test: bool, config_path: Path) -> None:
    """Send ISSUE_DIR's message.eml over SMTP (config `smtp:`; password from the environment)."""
    from digest.commands.send import send_issue

    config = _load(config_path)
    recipients = [address.strip() for address in to.split(",") if address.strip()]
    subject = send_issue(issue_dir, recipients, config, test=test)
    stderr.print(f"sent {subject!r} to {', '.join(recipients)}", markup=False)


def _last_issue_folder(config: Config) -> Path:
    from digest.errors import UsageError
    from digest.pipeline import state_path
    from digest.state.store import StateStore

    with StateStore.open(state_path(config)) as state:
        last = state.last_issue()
    if last is None:
        raise UsageError("no issue has been published yet; name an ISSUE_DIR")
    return Path(last.folder)


@main.command("run", short_help="Publish on schedule and keep the draft fresh.")
@CONFIG_OPTION
@click.option("--poll", is_flag=True, help="Watch the inbox by polling (network mounts, containers).")
@handle_errors
def run_command(config_path: Path, poll: bool) -> None:
    """Publish on the schedule of config.yaml and keep the draft fresh, until stopped (Ctrl-C, SIGTERM)."""
    from digest.schedule.run import run_forever, setup_logging

    config = _load(config_path)
    setup_logging(config, VERBOSITY["level"])
    run_forever(config, poll=poll)


@main.command("preview", short_help="Serve the live draft and the archive in a browser.")
@CONFIG_OPTION
@click.option("--port", default=PREVIEW_PORT, show_default=True, help="Port to listen on.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on; other than 127.0.0.1 exposes your drafts.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the system browser.")
@click.option("--poll", is_flag=True, help="Watch by polling (network mounts, containers).")
@handle_errors
def preview_command(config_path: Path, port: int, host: str, open_browser: bool, poll: bool) -> None:
    """Serve the draft and the archive, reloading when the inbox, templates or config change."""
    from digest.commands.preview import serve
    from digest.schedule.run import setup_logging

    config = _load(config_path)
    setup_logging(config, VERBOSITY["level"])
    if host not in ("127.0.0.1", "localhost", "::1"):
        stderr.print(
            f"warning: listening on {host}: anyone who can reach it can read your drafts and archive", markup=False
        )
    serve(config_path, host, port, open_browser, poll)


@main.command("init", short_help="Create a new newsletter folder.")
@click.argument("folder", required=False, default=".", type=click.Path(path_type=Path))
@click.option("--title", default="My Newsletter", show_default=True, help="The newsletter's name.")
@handle_errors
def init_command(folder: Path, title: str) -> None:
    """Create a new newsletter in FOLDER: a commented config.yaml, an inbox, a templates folder."""
    from digest.commands.scaffold import init_newsletter

    for path in init_newsletter(folder, title):
        stderr.print(f"created {path}", markup=False)
    stderr.print(
        f"Next: put documents in {folder / 'inbox'}, edit the sections in {folder / 'config.yaml'}, then run `digest compile`.",
        markup=False,
    )


@main.command("repair", short_help="Rebuild the state database from the archive.")
@CONFIG_OPTION
@handle_errors
def repair_command(config_path: Path) -> None:
    """Rebuild the state database from the archive's issue.json files (after state.db was
    lost, emptied or replaced). Only adds what the state is missing; changes no file."""
    from digest.commands.repair import repair_state
    from digest.words import counted

    config = _load(config_path)
    report = repair_state(config)
    if report.recorded:
        numbers = ", ".join(f"#{n}" for n in report.recorded)
        say(f"recorded again: {numbers}; {counted(report.documents, 'document')} marked as published")
    if report.guessed:
        numbers = ", ".join(f"#{n}" for n in report.guessed)
        stderr.print(
            f"note: {numbers} predate the list of used-up documents in issue.json; their documents were "
            "matched to the inbox by name",
            markup=False,
        )
    say(f"The state records {counted(len(report.recorded) + len(report.already), 'issue')}.")


@main.command("status", short_help="Pending, quarantined and held-back; the next runs.")
@CONFIG_OPTION
@JSON_OPTION
@handle_errors
def status_command(config_path: Path, json_output: bool) -> None:
    """What is pending, quarantined and held back, the last issue and the next runs."""
    from digest.commands.status import gather_status, print_status, status_data

    config = _load(config_path)
    status = gather_status(config)
    if json_output:
        as_json(status_data(status))
    else:
        print_status(status, config, stdout)


@main.command("docs", short_help="Print the documentation that ships with digest.")
@click.argument("page", required=False, type=click.Choice(DOC_PAGES))
def docs_command(page: str | None) -> None:
    """Print the documentation that ships with digest (default: the list of pages)."""
    from digest.commands.docs import doc_text, doc_titles

    if page is None:
        for name, title in doc_titles().items():
            click.echo(f"digest docs {name:<13} {title}")
        return
    click.echo(doc_text(page), nl=False)


@main.command("completion", short_help="Print a shell completion script.")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion_command(shell: str) -> None:
    """Print the shell completion script for SHELL.

    For bash: `eval "$(digest completion bash)"` in ~/.bashrc; zsh: the same in ~/.zshrc; fish:
    `digest completion fish > ~/.config/fish/completions/digest.fish`."""
    from click.shell_completion import get_completion_class

    completion = get_completion_class(shell)
    assert completion is not None
    click.echo(completion(main, {}, "digest", "_DIGEST_COMPLETE").source())
