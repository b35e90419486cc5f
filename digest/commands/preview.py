"""`digest preview`: the curator's desk, a local web server showing the draft as readers will
get it, the plaintext beside it, the issue's facts and the archive, reloading by itself when
the inbox, the templates or config.yaml change.

Starlette and uvicorn serve it. Only the four files of the draft and of each archived issue
can be read through it, by name; nothing is listed and nothing is written.
"""

from __future__ import annotations

import asyncio
import html
import json
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

from digest.archive.folders import ISSUE_FOLDER
from digest.config import Config, load_config
from digest.errors import DigestError, UsageError
from digest.pipeline import compile_issue
from digest.render.environment import default_templates_dir

log = logging.getLogger("digest.commands.preview")
ISSUE_FILES = {
    "email.html": "text/html; charset=utf-8",
    "email.txt": "text/plain; charset=utf-8",
    "issue.json": "application/json",
    "message.eml": "message/rfc822",
}
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
            log.info("draft rebuilt: %s", build.error or build.message)

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
    if name not in ISSUE_FILES:
        return None
    root = base if folder is None else base / folder
    if folder is not None and (not ISSUE_FOLDER.match(folder) or root.is_symlink()):
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
        path = _folder_file(desk.config.issues_dir, folder, "issue.json")
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
        if path.name == "email.html" and request.query_params.get("dark") == "1":
            # the dark-mode view: the email's own dark rules, applied whatever the system says
            data = DARK_RULE.sub("@media all", data.decode("utf-8")).encode("utf-8")
        return Response(data, media_type=ISSUE_FILES[path.name], headers={"Cache-Control": "no-store"})

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

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app

    async def __call__(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = EMAIL_POLICY if scope["path"].endswith("/email.html") else PAGE_POLICY

        async def with_headers(message) -> None:  # type: ignore[no-untyped-def]
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
        def handle_exit(self, sig: int, frame: object) -> None:  # type: ignore[override]
            desk.stopping.set()  # end the live-reload streams, or shutdown waits for them
            super().handle_exit(sig, frame)  # type: ignore[arg-type]

    config = uvicorn.Config(make_app(desk, host), log_level="warning", timeout_graceful_shutdown=2, lifespan="off")
    try:
        Server(config).run(sockets=[sock])
    finally:
        desk.stopping.set()
        watcher.stop()


# --- the pages (our own UI; the email itself is shown untouched in an iframe) ---

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ margin: 0; font: 15px/1.5 system-ui, sans-serif; background: #eef0f3; color: #1f2933; }}
header {{ display: flex; gap: 16px; align-items: center; padding: 10px 18px; background: #111827; color: #f9fafb; }}
header a {{ color: #93c5fd; }}
main {{ display: grid; grid-template-columns: minmax(640px, auto) 1fr; gap: 18px; padding: 18px; }}
.frame {{ background: #fff; border: 1px solid #d1d5db; border-radius: 8px; padding: 10px; }}
.toolbar button {{ font: inherit; margin-right: 6px; padding: 4px 10px; border-radius: 6px; border: 1px solid #9ca3af; background: #fff; cursor: pointer; }}
.toolbar button[aria-pressed=true] {{ background: #1d4ed8; color: #fff; border-color: #1d4ed8; }}
iframe {{ border: 0; display: block; margin: 10px auto 0; height: 80vh; background: #fff; }}
pre {{ white-space: pre-wrap; font: 13px/1.45 ui-monospace, monospace; max-height: 60vh; overflow: auto; background: #f9fafb; padding: 10px; border-radius: 6px; }}
.error {{ background: #fef2f2; border: 2px solid #b91c1c; color: #7f1d1d; padding: 10px 14px; border-radius: 8px; white-space: pre-wrap; }}
.inbox-line {{ border: 1px solid #d1d5db; border-radius: 6px; padding: 8px 10px; background: #fff; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ text-align: left; padding: 3px 6px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }}
</style></head><body>
<header><strong>digest preview</strong><span>{heading}</span><a href="/">Draft</a><a href="/issues/">Archive</a></header>
{error}
{body}
<script>
const events = new EventSource("/events"); let first = true;
events.onmessage = () => {{ if (first) {{ first = false; return; }} location.reload(); }};
function view(mode) {{
  const frame = document.getElementById("email"); if (!frame) return;
  frame.style.width = mode === "phone" ? "375px" : "640px";
  for (const b of document.querySelectorAll("[data-view]")) b.setAttribute("aria-pressed", b.dataset.view === mode);
}}
function dark(on) {{
  const frame = document.getElementById("email"); if (!frame) return;
  const url = new URL(frame.src); if (on) url.searchParams.set("dark", "1"); else url.searchParams.delete("dark");
  frame.src = url.toString(); document.getElementById("dark").setAttribute("aria-pressed", on);
}}
</script></body></html>"""


def desk_page(desk: Desk, folder: str | None, files: Path | None) -> str:
    escape = html.escape
    error = (
        f'<div class="error" id="build-error"><strong>The draft could not be rebuilt:</strong>\n{escape(desk.build.error)}</div>'
        if desk.build.error and folder is None
        else ""
    )
    heading = f"issue {folder}" if folder else f"draft — {escape(desk.build.message)}"
    if files is None:
        body = '<main><p id="empty">Nothing to preview: the inbox has no unpublished documents.</p></main>'
        return PAGE.format(title="digest preview", heading=heading, error=error, body=body)
    prefix = "/draft" if folder is None else f"/issues/{folder}"
    paths = {name: _folder_file(files.parent, files.name if folder else None, name) for name in ISSUE_FILES}
    if folder is None:
        paths = {name: _folder_file(files, None, name) for name in ISSUE_FILES}
    if any(path is None for path in paths.values()):
        body = (
            '<main><p id="empty">This issue\'s files cannot be shown (missing, or links out of the archive).</p></main>'
        )
        return PAGE.format(title="digest preview", heading=heading, error=error, body=body)
    data = json.loads(paths["issue.json"].read_text(encoding="utf-8"))  # type: ignore[union-attr]
    text = paths["email.txt"].read_text(encoding="utf-8")  # type: ignore[union-attr]
    subject, preheader = _subject_and_preheader(paths["message.eml"], paths["email.html"])  # type: ignore[arg-type]
    size = paths["email.html"].stat().st_size  # type: ignore[union-attr]
    budget = desk.config.email.size_budget_kb * 1024
    rows = "".join(
        f"<tr><td>{escape(s['title'])}</td><td>{len(s['stories']) + len(s.get('more', []))}</td></tr>"
        for s in data["sections"]
    )
    held = "".join(
        f"<tr><td>{escape(h['title'])}</td><td>{escape(h['section'] or '-')}</td><td>{escape(h['reason'])}</td></tr>"
        for h in data["held_back"]
    )
    quarantined = "".join(
        f"<tr><td>{escape(q['document'])}</td><td>{escape(q['reason'])}</td></tr>" for q in data["quarantined"]
    )
    body = f"""<main>
<section class="frame"><div class="toolbar">
<button data-view="desktop" aria-pressed="true" onclick="view('desktop')">Desktop</button>
<button data-view="phone" aria-pressed="false" onclick="view('phone')">Phone</button>
<button id="dark" aria-pressed="false" onclick="dark(this.getAttribute('aria-pressed') !== 'true')">Dark mode</button></div>
<iframe id="email" title="The HTML edition" sandbox="" src="{prefix}/email.html" style="width: 640px"></iframe></section>
<section>
<h2>As an inbox shows it</h2><div class="inbox-line"><strong id="subject">{escape(subject)}</strong><br><span id="preheader">{escape(preheader)}</span></div>
<h2>Facts</h2><p id="size">email.html: {size / 1024:.1f} KB of {budget // 1024} KB{" — over budget!" if size > budget else ""}</p>
<table id="sections"><tr><th>Section</th><th>Stories</th></tr>{rows}</table>
<h3>Held back ({len(data["held_back"])})</h3><table id="held-back"><tr><th>Story</th><th>Section</th><th>Reason</th></tr>{held}</table>
<h3>Quarantined ({len(data["quarantined"])})</h3><table id="quarantined"><tr><th>Document</th><th>Reason</th></tr>{quarantined}</table>
<h2>Plaintext edition</h2><pre id="plaintext">{escape(text)}</pre>
</section></main>"""
    return PAGE.format(title="digest preview", heading=heading, error=error, body=body)


def _subject_and_preheader(message_path: Path, html_path: Path) -> tuple[str, str]:
    from digest.render.message import parse_message

    message = parse_message(message_path.read_bytes())
    page = html_path.read_text(encoding="utf-8")
    match = re.search(r'class="preheader"[^>]*>(.*?)</div>', page, re.S)
    return str(message.get("Subject", "")), html.unescape(match.group(1)) if match else ""


def archive_listing(desk: Desk) -> str:
    issues_dir = desk.config.issues_dir
    folders = (
        sorted((p.name for p in issues_dir.iterdir() if ISSUE_FOLDER.match(p.name) and p.is_dir()), reverse=True)
        if issues_dir.is_dir()
        else []
    )
    items = []
    for name in folders:
        path = _folder_file(issues_dir, name, "issue.json")
        if path is None:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        items.append(f'<li><a href="/issues/{name}/">{html.escape(data["title"])}</a> — {data["date"]}</li>')
    body = f'<main><section><h2>Published issues</h2><ul id="archive">{"".join(items) or "<li>None yet.</li>"}</ul></section></main>'
    return PAGE.format(title="digest archive", heading="archive", error="", body=body)
