"""The command line: thin commands over the pipeline. Errors are mapped to exit codes here,
and only here: a DigestError prints its message (no traceback unless --debug)."""

from __future__ import annotations

import datetime as dt
import functools
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from digest.config import Config, load_config
from digest.errors import DigestError

stderr = Console(stderr=True, highlight=False, soft_wrap=True)
stdout = Console(highlight=False, soft_wrap=True)

LISTED = 25  # quarantined and held-back items listed on the terminal; issue.json has them all

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
            stderr.print(f"[red]error:[/red] {exc}", markup=True)
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


@click.group()
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(package_name="digest-newsletter")
def main(debug: bool) -> None:
    """digest: compile a themed newsletter issue from a folder of documents."""


def _load(config_path: Path, inbox: Path | None = None) -> Config:
    return load_config(config_path, inbox_override=inbox)


@main.command("compile")
@CONFIG_OPTION
@click.option(
    "--inbox", type=click.Path(path_type=Path), help="Read documents from this folder instead of paths.inbox."
)
@click.option(
    "--out", type=click.Path(path_type=Path), help="Write the issue's files into this folder instead of the archive."
)
@click.option("--draft", is_flag=True, help="Publish nothing: use up no issue number, mark no document as published.")
@click.option(
    "--date",
    "issue_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The issue's date (default: today in newsletter.timezone).",
)
@handle_errors
def compile_command(
    config_path: Path, inbox: Path | None, out: Path | None, draft: bool, issue_date: dt.datetime | None
) -> None:
    """Build the next issue from every inbox document not yet published."""
    from digest.pipeline import compile_issue

    config = _load(config_path, inbox)
    result = compile_issue(config, draft=draft, out=out, date=issue_date.date() if issue_date else None)
    issue = result.issue
    if issue is not None:
        for item in issue.quarantined[:LISTED]:
            stderr.print(f"[yellow]quarantined[/yellow] {item.document}: {item.reason}", markup=True)
        for held in issue.held_back[:LISTED]:
            where = f" ({held.section})" if held.section else ""
            stderr.print(f"held back{where}: {held.title!r}: {held.reason}", markup=False)
        hidden = max(0, len(issue.quarantined) - LISTED) + max(0, len(issue.held_back) - LISTED)
        if hidden:
            stderr.print(
                f"… and {hidden} more quarantined or held back: see issue.json or `digest status`", markup=False
            )
    if issue is not None and issue.size is not None:
        for action in issue.size.actions:
            stderr.print(
                f"size budget: {action} (email.html {issue.size.html_bytes // 1024} KB of {issue.size.budget_bytes // 1024} KB)",
                markup=False,
            )
    for name in result.waiting:
        stderr.print(f"waiting for the next run: {name} (it changed while it was read)", markup=False)
    for warning in result.warnings:
        stderr.print(f"[yellow]warning:[/yellow] {warning}", markup=True)
    stderr.print(result.message, markup=False)
    if result.folder is not None:
        stdout.print(str(result.folder), markup=False)


@main.command("explain")
@click.argument("document")
@CONFIG_OPTION
@click.option(
    "--inbox", type=click.Path(path_type=Path), help="Read documents from this folder instead of paths.inbox."
)
@handle_errors
def explain_command(document: str, config_path: Path, inbox: Path | None) -> None:
    """How DOCUMENT is split into stories, what was removed, duplicates, related stories and
    section scores. DOCUMENT is a path or a name relative to the inbox."""
    from digest.commands.explain import explain_document, print_explanation

    config = _load(config_path, inbox)
    print_explanation(explain_document(config, document), stdout)


@main.command("check")
@click.argument("issue_dir", required=False, type=click.Path(path_type=Path))
@CONFIG_OPTION
@handle_errors
def check_command(issue_dir: Path | None, config_path: Path) -> None:
    """Lint a rendered issue before sending it (default: the last published issue).
    Errors exit 1, warnings exit 0."""
    from digest.commands.check import check_issue

    config = _load(config_path)
    folder = issue_dir or _last_issue_folder(config)
    findings = check_issue(folder, config.email.size_budget_kb * 1024)
    for finding in findings:
        stdout.print(str(finding), markup=False)
    errors = sum(f.level == "error" for f in findings)
    stderr.print(f"{folder}: {errors} errors, {len(findings) - errors} warnings", markup=False)
    if errors:
        sys.exit(1)


@main.command("send")
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


@main.command("run")
@CONFIG_OPTION
@click.option("--poll", is_flag=True, help="Watch the inbox by polling (network mounts, containers).")
@handle_errors
def run_command(config_path: Path, poll: bool) -> None:
    """Publish on the schedule of config.yaml and keep the draft fresh, until stopped (Ctrl-C, SIGTERM)."""
    from digest.schedule.run import run_forever, setup_logging

    config = _load(config_path)
    setup_logging(config)
    run_forever(config, poll=poll)


@main.command("preview")
@CONFIG_OPTION
@click.option("--port", default=8025, show_default=True, help="Port to listen on.")
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
    setup_logging(config)
    if host not in ("127.0.0.1", "localhost", "::1"):
        stderr.print(
            f"warning: listening on {host}: anyone who can reach it can read your drafts and archive", markup=False
        )
    serve(config_path, host, port, open_browser, poll)


@main.command("init")
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


@main.command("repair")
@CONFIG_OPTION
@handle_errors
def repair_command(config_path: Path) -> None:
    """Rebuild the state database from the archive's issue.json files (after state.db was
    lost, emptied or replaced). Only adds what the state is missing; changes no file."""
    from digest.commands.repair import repair_state

    config = _load(config_path)
    report = repair_state(config)
    if report.recorded:
        numbers = ", ".join(f"#{n}" for n in report.recorded)
        stderr.print(f"recorded again: {numbers}; {report.documents} documents marked as published", markup=False)
    if report.guessed:
        numbers = ", ".join(f"#{n}" for n in report.guessed)
        stderr.print(
            f"note: {numbers} predate the list of used-up documents in issue.json; their documents were "
            "matched to the inbox by name",
            markup=False,
        )
    stderr.print(f"The state records {len(report.recorded) + len(report.already)} issues.", markup=False)


@main.command("status")
@CONFIG_OPTION
@handle_errors
def status_command(config_path: Path) -> None:
    """Pending and quarantined documents, the last issue and the next scheduled run."""
    from digest.commands.status import gather_status, print_status

    config = _load(config_path)
    print_status(gather_status(config), config, stdout)
