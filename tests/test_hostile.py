"""A hostile inbox, a broken disk, a curious browser: contained, explained, nothing lost.

Each case is real: a real FIFO, real symlinks, a sparse file, real signals to real processes,
real HTTP requests with a forged Host."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import run_digest

from digest.readers.inbox import DocumentChanged, read_file_bytes, scan_inbox

GOOD = "Rocket reaches orbit\n\nThe rocket reached orbit on Tuesday, its builders said after the launch.\n"
SECRET = "The secret launch codes are 1234 and nobody outside may read them."


def published(root: Path) -> dict:
    [folder] = [p for p in (root / "issues").iterdir() if p.is_dir() and p.name[0].isdigit()]
    return json.loads((folder / "issue.json").read_text())


def reasons(data: dict) -> dict[str, str]:
    return {q["document"]: q["reason"] for q in data["quarantined"]}


def hostile_inbox(newsletter, tmp_path: Path) -> None:
    inbox = newsletter.inbox
    newsletter.add("good.txt", GOOD)
    os.mkfifo(inbox / "pipe.txt")
    os.symlink("/dev/zero", inbox / "zero.txt")
    os.symlink("/dev/urandom", inbox / "random")  # no known suffix: still never opened
    outside = tmp_path / "outside-secret.txt"
    outside.write_text(SECRET)
    os.symlink(outside, inbox / "secret.txt")
    os.symlink("good.txt", inbox / "same-as-good.txt")  # a link inside the inbox is read
    os.symlink("nowhere.txt", inbox / "dangling.txt")
    with open(inbox / "sparse.txt", "wb") as sparse:
        sparse.truncate(10 * 1024**3)  # 10 GB on paper, nothing on disk
    with open(inbox / "big.txt", "w") as big:
        big.write(("word " * 20 + "\n") * 120_000)  # 12 MB: over the default 10 MB limit
    bomb = ["---", 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for level in "bcdefg":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [{', '.join(['*' + previous] * 9)}]")
    bomb += ["title: [*g, *g, *g, *g, *g, *g, *g, *g, *g]", "---", "Body text here is fine enough."]
    newsletter.add("bomb.md", "\n".join(bomb) + "\n")
    newsletter.add(
        "nul.eml",
        b'From: a@b.example\nSubject: Rocket flies again\nContent-Type: text/plain; charset="utf\x008"\n\n'
        b"The rocket flew to orbit again on Friday and landed safely, its builders said.\n",
    )
    (inbox / os.fsdecode(b"bad\xffname.txt")).write_text(
        "Rocket with an odd file name\n\nThe rocket in a file whose name is not UTF-8 reached orbit too, they said.\n"
    )


def test_a_compile_of_a_hostile_inbox_quarantines_each_file_and_publishes_the_rest(newsletter, tmp_path):
    hostile_inbox(newsletter, tmp_path)
    started = time.monotonic()
    result = run_digest("compile", "--date", "2026-11-23", cwd=newsletter.root, timeout=60)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 60
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    data = published(newsletter.root)
    why = reasons(data)
    assert why["pipe.txt"] == "is a named pipe (FIFO), not a file"
    assert why["zero.txt"] == why["secret.txt"] == why["random"] == "a link to a file outside the inbox: not read"
    assert why["dangling.txt"] == "a link that leads nowhere"
    assert why["sparse.txt"].startswith("too large (10240.0 MB; the limit is 10 MB")
    assert why["big.txt"].startswith("too large (")
    assert "anchors and aliases expand to more than" in why["bomb.md"]
    titles = {st["title"]: st["documents"] for s in data["sections"] for st in s["stories"]}
    assert sorted(titles["Rocket reaches orbit"]) == ["good.txt", "same-as-good.txt"]
    assert titles["Rocket with an odd file name"] == ["bad\\xffname.txt"], "a name that is not UTF-8, escaped"
    assert "Rocket flies again" in titles, "an e-mail with a NUL in its charset is still read"
    everything = "".join(p.read_text(errors="replace") for p in (newsletter.root / "issues").rglob("*") if p.is_file())
    assert "launch codes" not in everything
    for name in ("pipe.txt", "zero.txt", "sparse.txt"):
        assert name in result.stderr, "each is named on the terminal"


def test_a_document_over_the_time_limit_is_quarantined_and_the_rest_published(newsletter):
    newsletter.write_config(newsletter.config_path.read_text() + "reading:\n  time_limit: 1s\n")
    newsletter.add("good.txt", GOOD)
    slow = "\n\n".join(
        f"## Rocket report number {i} from the launch site\n\nThe rocket number {i} flew on a clear day, its crew said."
        for i in range(40_000)
    )
    newsletter.add("slow.md", slow)
    started = time.monotonic()
    result = run_digest("compile", "--date", "2026-11-23", cwd=newsletter.root, timeout=120)
    assert result.returncode == 0, result.stderr
    data = published(newsletter.root)
    assert reasons(data)["slow.md"].startswith("took longer than 1 s")
    assert [st["title"] for s in data["sections"] for st in s["stories"]] == ["Rocket reaches orbit"]
    assert time.monotonic() - started < 60


def test_a_file_that_changes_while_it_is_read_waits(tmp_path):
    path = tmp_path / "growing.txt"
    path.write_text("part one of a file still being written")
    with pytest.raises(DocumentChanged):
        read_file_bytes(path, 1000, expected_size=10)  # the scan saw it smaller
    scan = scan_inbox(tmp_path)
    [file] = scan.files
    path.write_text("part one of a file still being written, and part two")
    from digest.readers import read_document

    with pytest.raises(DocumentChanged):
        read_document(file)


def test_folders_that_come_and_go_during_the_scan_never_break_it(tmp_path):
    (tmp_path / "steady.txt").write_text(GOOD)
    stop = threading.Event()

    def churn() -> None:
        while not stop.is_set():
            folder = tmp_path / "churn"
            folder.mkdir(exist_ok=True)
            for i in range(20):
                (folder / f"{i}.txt").write_text(GOOD)
            shutil.rmtree(folder, ignore_errors=True)

    worker = threading.Thread(target=churn)
    worker.start()
    try:
        for _ in range(300):
            scan = scan_inbox(tmp_path)
            assert "steady.txt" in [f.name for f in scan.files]
    finally:
        stop.set()
        worker.join()


def test_a_huge_config_is_refused_at_once(newsletter):
    with open(newsletter.config_path, "a") as config:
        config.write("# padding\n" * 5_000_000)  # 50 MB
    started = time.monotonic()
    result = run_digest("check", cwd=newsletter.root, timeout=60)
    assert result.returncode != 0 and "not a config file?" in result.stderr
    assert time.monotonic() - started < 10


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder whatever its permissions")
def test_an_unreadable_folder_is_listed_not_skipped_silently(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(GOOD)
    locked.chmod(0)
    try:
        scan = scan_inbox(tmp_path)
    finally:
        locked.chmod(stat.S_IRWXU)
    assert [q.document for q in scan.quarantined] == ["locked/"]
    assert "the documents in it are not seen" in scan.quarantined[0].reason


def test_unsafe_link_schemes_never_become_links(newsletter):
    newsletter.add(
        "clip.md",
        "---\ntitle: Rocket returns from orbit\nurl: 'javascript:alert(document.cookie)'\n---\n"
        "The rocket returned from orbit on Friday and landed on a barge, its builders said after the flight.\n",
    )
    newsletter.add(
        "letter.html",
        "<html><body><p><a href='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='><b>Lunar probe wakes up</b></a></p>"
        "<p>The lunar probe woke up after the long night, the space agency said on Monday morning.</p>"
        "<p><a href='vbscript:msgbox(1)'><b>Satellite sees a new moon</b></a></p>"
        "<p>The satellite found a small new moon around the planet, astronomers said on Tuesday evening.</p>"
        "</body></html>",
    )
    result = run_digest("compile", "--date", "2026-11-23", cwd=newsletter.root)
    assert result.returncode == 0, result.stderr
    everything = "".join(
        p.read_text()
        for p in (newsletter.root / "issues").rglob("*")
        if p.suffix in (".html", ".json", ".txt", ".xml", ".eml")
    )
    for scheme in ("javascript:", "data:text", "vbscript:"):
        assert scheme not in everything
    stories = [st for s in published(newsletter.root)["sections"] for st in s["stories"]]
    assert len(stories) == 3 and all(st["url"] is None for st in stories)
    newsletter.add(
        "again.md",
        "---\nurl: 'javascript:alert(1)'\n---\nThe rocket flew to the Moon and back again this week, its crew said on landing.\n",
    )
    explain = run_digest("explain", "again.md", cwd=newsletter.root, env={"COLUMNS": "200"})
    assert "javascript:alert(1)" in explain.stdout and "not made a link" in explain.stdout


# --- processes: children die with the parent ---


def children_of(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_terminated_compile_leaves_no_worker_behind(newsletter, sig):
    newsletter.write_config(newsletter.config_path.read_text() + "reading:\n  time_limit: 120s\n")
    slow = "\n\n".join(
        f"## Rocket report {i} from the pad\n\nThe rocket {i} flew on a clear day, its crew said."
        for i in range(60_000)
    )
    for n in range(4):
        newsletter.add(f"slow{n}.md", slow + f"\n\nFile {n}.\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "digest", "compile", "--draft"],
        cwd=newsletter.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while time.monotonic() < deadline and not workers:
        time.sleep(0.2)
        workers = children_of(process.pid)
    assert workers, "the compile started its workers"
    time.sleep(1)
    process.send_signal(sig)
    _out, err = process.communicate(timeout=30)  # a supervisor reading the pipes is not left hanging
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.2)
    assert not any(alive(w) for w in workers), "no worker outlives the compile"
    assert b"Traceback" not in err


# --- the preview ---


@pytest.fixture
def preview(sample_newsletter: Path):
    from conftest import free_port

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "digest", "preview", "--port", str(port)],
        cwd=sample_newsletter,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    import urllib.request

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield process, port, sample_newsletter
    if process.poll() is None:
        process.kill()
        process.communicate()


def request(port: int, path: str, host: str | None = None) -> tuple[int, dict[str, str], str]:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    headers = {"Host": host} if host else {}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode("utf-8", errors="replace")
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


@pytest.mark.slow
def test_the_preview_answers_only_to_its_own_names_and_sandboxes_the_email(preview):
    _, port, _ = preview
    assert request(port, "/")[0] == 200
    assert request(port, "/", host=f"localhost:{port}")[0] == 200
    assert request(port, "/", host="evil.example")[0] == 400, "a DNS-rebinding page sends its own Host"
    status, headers, body = request(port, "/")
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert 'sandbox=""' in body and 'id="email"' in body
    status, headers, _ = request(port, "/draft/email.html")
    assert status == 200 and headers["content-security-policy"].startswith("sandbox")


@pytest.mark.slow
def test_an_issue_page_never_shows_a_file_outside_the_archive(preview, tmp_path):
    _, port, root = preview
    assert run_digest("compile", "--date", "2026-11-23", cwd=root).returncode == 0
    [folder] = [p for p in (root / "issues").iterdir() if p.is_dir() and p.name[0].isdigit()]
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    (folder / "email.txt").unlink()
    os.symlink(secret, folder / "email.txt")
    _status, _, body = request(port, f"/issues/{folder.name}/")
    assert "launch codes" not in body
    assert request(port, f"/issues/{folder.name}/email.txt")[0] == 404


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_the_preview_stops_at_once_with_a_live_reload_client_connected(preview, sig):
    import http.client

    process, port, _ = preview
    stream = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    stream.request("GET", "/events")
    assert stream.getresponse().status == 200  # a page holding the live-reload stream
    started = time.monotonic()
    process.send_signal(sig)
    process.communicate(timeout=15)
    assert time.monotonic() - started < 6, "one signal is enough, promptly"
    assert process.returncode in (0, -sig, 128 + sig)


# --- storage faults are named ---


def test_a_read_only_state_folder_still_serves_status_and_names_the_problem_on_publish(newsletter):
    newsletter.add("good.txt", GOOD)
    assert run_digest("compile", "--draft", cwd=newsletter.root).returncode == 0
    state = newsletter.root / ".digest"
    if os.geteuid() == 0:
        # root writes anywhere: make the database file itself read-only through SQLite's own flag
        pytest.skip("root ignores folder permissions; covered by the damaged and locked cases")
    for path in [state, *state.iterdir()]:
        path.chmod(path.stat().st_mode & ~0o222)
    try:
        status = run_digest("status", cwd=newsletter.root)
        assert status.returncode == 0, status.stderr
        compile_ = run_digest("compile", cwd=newsletter.root)
        assert compile_.returncode == 1 and "cannot be written" in compile_.stderr
        assert "internal error" not in compile_.stderr
    finally:
        for path in [state, *state.iterdir()]:
            path.chmod(path.stat().st_mode | 0o200)


def test_a_damaged_database_is_a_named_error_and_publishes_nothing(newsletter):
    newsletter.add("good.txt", GOOD)
    state = newsletter.root / ".digest"
    state.mkdir()
    (state / "state.db").write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    result = run_digest("compile", cwd=newsletter.root)
    assert result.returncode == 1
    assert "state.db" in result.stderr and "damaged" in result.stderr and "digest repair" in result.stderr
    assert "internal error" not in result.stderr
    assert not (newsletter.root / "issues").exists()


@pytest.mark.slow
def test_a_locked_database_is_a_named_error(newsletter):
    newsletter.add("good.txt", GOOD)
    assert run_digest("compile", "--draft", cwd=newsletter.root).returncode == 0
    holder = sqlite3.connect(newsletter.root / ".digest" / "state.db")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run_digest("compile", cwd=newsletter.root, timeout=60)
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 1
    assert "another digest process holds it" in result.stderr and "internal error" not in result.stderr


def test_a_full_disk_is_a_named_error(newsletter, tmp_path):
    """A real tmpfs of 64 KB where the machine lets us mount one."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        newsletter.write_config(newsletter.config_path.read_text() + f"paths:\n  issues: {mount}\n")
        newsletter.add("good.txt", GOOD * 400)
        (mount / "filler").write_bytes(b"x" * 60 * 1024)
        result = run_digest("compile", cwd=newsletter.root)
        assert result.returncode == 1, result.stderr
        assert "No space left on device" in result.stderr and str(mount) in result.stderr
        assert "internal error" not in result.stderr
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)
