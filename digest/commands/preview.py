"""`digest preview`: the curator's desk, a local web server showing the draft as readers will
get it, the plaintext beside it, the issue's facts and the archive, reloading by itself when
the inbox, the templates or config.yaml change.

Starlette and uvicorn serve it. Only the four files of the draft and of each archived issue
can be read through it, by name; nothing is listed and nothing is written.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from digest.archive.folders import EDITION_FILES, HTML, ISSUE_JSON, TEXT, is_issue_folder, list_issues, load_issue
from digest.config import Config, load_config
from digest.errors import DigestError, StateError, UsageError
from digest.pipeline import compile_issue
from digest.render.environment import default_templates_dir, render_page
from digest.support.cache import keep_results

log = logging.getLogger("digest.preview")
PAGES = Path(__file__).resolve().parent / "pages"  # the preview's own Jinja pages
DARK_RULE = re.compile(r"@media\s*\(prefers-color-scheme:\s*dark\)")


@dataclass
class Build:
    version: int = 0
    error: str | None = None  # a config or template error, with file and line
    message: str = ""
    has_draft: bool = False


class Desk:
    """The draft, rebuilt whenever something it depends on changes."""

    def __init__(self, config_path: Path) -> None:
        self.config_path = config_path.resolve()
        self.config: Config = load_config(self.config_path)
        self.build = Build()
        keep_results()  # a refresh after a file event decodes only what is new
        self._lock = threading.Lock()
        self.stopping = threading.Event()  # set on SIGTERM / Ctrl-C: live-reload streams end at once

    @property
    def draft_dir(self) -> Path:
        return self.config.state_dir / "draft"

    def rebuild(self, _changed: object = None) -> None:
        with self._lock:
            build = Build(version=self.build.version + 1)
            try:
                self.config = load_config(self.config_path)
                result = compile_issue(self.config, draft=True)
                build.message = result.message
                build.has_draft = result.folder is not None
            except DigestError as exc:
                build.error = str(exc)
                build.has_draft = self.build.has_draft  # keep showing the last good draft
            self.build = build
            if build.error:
                log.warning("draft not rebuilt (the last good draft is shown): %s", build.error)
            else:
                log.info("draft rebuilt: %s", build.message)

    def watched(self) -> tuple[tuple[Path, ...], set[Path]]:
        """Folders to watch besides the inbox, and the single files that count in them."""
        folders = [self.config_path.parent, default_templates_dir()]
        if self.config.templates_dir:
            folders.append(self.config.templates_dir)
        files = {self.config_path, self.config.resolve(self.config.paths.corrections)}
        return tuple(folders), files

    def accepts(self, path: Path) -> bool:
        folders, files = self.watched()
        if path in files:
            return True
        return any(path.is_relative_to(f) for f in folders[1:]) and not path.name.startswith(".")


def _folder_file(base: Path, folder: str | None, name: str) -> Path | None:
    """The file `name` of the draft (folder None) or of an archived issue, or None when the
    request tries to leave those folders (.., encoded, absolute, symlinks out)."""
    if name not in EDITION_FILES:
        return None
    root = base if folder is None else base / folder
    if folder is not None and (not is_issue_folder(folder) or root.is_symlink()):
        return None
    path = root / name
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if path.is_symlink() or resolved.parent != root.resolve() or not resolved.is_file():
        return None
    return resolved


LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def make_app(desk: Desk, host: str = "127.0.0.1") -> Starlette:
    allowed_hosts = LOCAL_HOSTS | {host}

    def issue_files(folder: str | None) -> Path | None:
        if folder is None:
            return desk.draft_dir if desk.build.has_draft else None
        path = _folder_file(desk.config.issues_dir, folder, ISSUE_JSON)
        return path.parent if path else None

    async def serve_file(request: Request) -> Response:
        folder = request.path_params.get("folder")
        base = desk.draft_dir if folder is None else desk.config.issues_dir
        path = _folder_file(base, folder, request.path_params["name"])
        if folder is None and not desk.build.has_draft:
            path = None  # a draft left from earlier: nothing is pending now
        if path is None:
            return PlainTextResponse("Not found", status_code=404)
        data = path.read_bytes()
        if path.name == HTML and request.query_params.get("dark") == "1":
            # the dark-mode view: the email's own dark rules, applied whatever the system says
            data = DARK_RULE.sub("@media all", data.decode("utf-8")).encode("utf-8")
        return Response(data, media_type=EDITION_FILES[path.name], headers={"Cache-Control": "no-store"})

    async def draft_page(request: Request) -> Response:
        return HTMLResponse(desk_page(desk, None, issue_files(None)))

    async def issue_page(request: Request) -> Response:
        folder = request.path_params["folder"]
        files = issue_files(folder)
        if files is None:
            return PlainTextResponse("Not found", status_code=404)
        return HTMLResponse(desk_page(desk, folder, files))

    async def archive_page(request: Request) -> Response:
        return HTMLResponse(archive_listing(desk))

    async def events(request: Request) -> Response:
        async def stream() -> AsyncIterator[str]:
            seen = desk.build.version
            yield f"retry: 1000\ndata: {seen}\n\n"
            while not desk.stopping.is_set() and not await request.is_disconnected():
                await asyncio.sleep(0.25)
                if desk.build.version != seen:
                    seen = desk.build.version
                    yield f"data: {seen}\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})

    async def not_found(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("Not found", status_code=404)

    routes = [
        Route("/", draft_page, methods=["GET", "HEAD"]),
        Route("/events", events, methods=["GET"]),
        Route("/draft/{name}", serve_file, methods=["GET", "HEAD"]),
        Route("/issues/", archive_page, methods=["GET", "HEAD"]),
        Route("/issues/{folder}/", issue_page, methods=["GET", "HEAD"]),
        Route("/issues/{folder}/{name}", serve_file, methods=["GET", "HEAD"]),
    ]
    middleware = [
        # a page on another site that rebinds its own name to 127.0.0.1 sends its own Host
        Middleware(TrustedHostMiddleware, allowed_hosts=sorted(allowed_hosts)),
        Middleware(SecurityHeaders),
    ]
    return Starlette(routes=routes, exception_handlers={404: not_found}, middleware=middleware)


# Our pages run our own small script; an issue's email.html runs nothing and reaches nothing.
PAGE_POLICY = (
    "default-src 'self'; script-src 'unsafe-inline' 'self'; style-src 'unsafe-inline'; img-src * data:; "
    "frame-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
EMAIL_POLICY = "sandbox; default-src 'none'; img-src * data:; style-src 'unsafe-inline'; frame-ancestors 'self'"


class SecurityHeaders:
    """A Content-Security-Policy on every response (the email's is a sandbox), no sniffing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = EMAIL_POLICY if scope["path"].endswith("/email.html") else PAGE_POLICY

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"content-security-policy", policy.encode()))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"no-referrer"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def serve(config_path: Path, host: str, port: int, open_browser: bool, poll: bool = False) -> None:
    import socket

    import uvicorn

    from digest.support.watcher import InboxWatcher

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); try another --port") from None
    desk = Desk(config_path)
    desk.rebuild()
    folders, _ = desk.watched()
    watcher = InboxWatcher(desk.config.inbox_dir, desk.rebuild, poll=poll, also=folders, accept=desk.accepts)
    watcher.start()
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    print(f"digest preview: {url}", flush=True)
    if open_browser:
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: object) -> None:
            desk.stopping.set()  # end the live-reload streams, or shutdown waits for them
            super().handle_exit(sig, frame)  # type: ignore[arg-type]

    config = uvicorn.Config(make_app(desk, host), log_level="warning", timeout_graceful_shutdown=2, lifespan="off")
    try:
        Server(config).run(sockets=[sock])
    finally:
        desk.stopping.set()
        watcher.stop()


# --- the pages (our own UI, digest/commands/pages/; the email itself is shown untouched in an iframe) ---


def desk_page(desk: Desk, folder: str | None, files: Path | None) -> str:
    """The draft (folder None) or a published issue, read from its folder through the archive."""
    context: dict = {
        "title": "digest preview",
        "heading": f"issue {folder}" if folder else f"draft — {desk.build.message}",
        "error": desk.build.error if folder is None else None,
        "issue": None,
        "empty": "Nothing to preview: the inbox has no unpublished documents.",
    }
    if files is None:
        return render_page(PAGES, "desk.html", context)
    paths = {
        name: _folder_file(files.parent, files.name, name) if folder else _folder_file(files, None, name)
        for name in EDITION_FILES
    }
    try:
        if any(path is None for path in paths.values()):
            raise StateError("missing, or links out of the archive")
        issue = load_issue(files)
        text = paths[TEXT].read_text(encoding="utf-8")  # type: ignore[union-attr]
        html_bytes = paths[HTML].stat().st_size  # type: ignore[union-attr]
    except (StateError, OSError):
        context["empty"] = "This issue's files cannot be shown (missing, damaged, or links out of the archive)."
        return render_page(PAGES, "desk.html", context)
    prefix = "/draft" if folder is None else f"/issues/{folder}"
    budget = desk.config.email.size_budget_kb * 1024
    context.update(issue=issue, prefix=prefix, text=text, html_bytes=html_bytes, budget_bytes=budget)
    return render_page(PAGES, "desk.html", context)


def archive_listing(desk: Desk) -> str:
    issues = []
    for archived in reversed(list_issues(desk.config.issues_dir)):
        if _folder_file(desk.config.issues_dir, archived.path.name, ISSUE_JSON) is None:
            continue
        try:
            issues.append(load_issue(archived.path))
        except StateError:
            continue
    return render_page(
        PAGES, "archive.html", {"title": "digest archive", "heading": "archive", "error": None, "issues": issues}
    )
