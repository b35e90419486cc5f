"""Shared fixtures: the repository's sample newsletter, the shared corpus, temp newsletters."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SEEDS = CORPUS / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

MINIMAL_CONFIG = """\
newsletter:
  title: Test Weekly
  timezone: Europe/Berlin
sections:
  - id: quantum
    title: Quantum & Computing
    description: Quantum computers and qubits.
    keywords: [quantum, qubit]
  - id: space
    title: Space
    description: Rockets and planets.
    keywords: [rocket, lunar, Moon, Mars, satellite]
"""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not CORPUS.is_dir():
        skip = pytest.mark.skip(reason=f"the shared corpus is not at {CORPUS}")
        for item in items:
            if "corpus" in item.fixturenames:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def fresh_process_memory() -> None:
    """Each test starts as a new process would: nothing remembered from another test's builds
    (a long-lived digest keeps decoded documents and stories in memory between builds)."""
    from digest.support.cache import keep_results

    keep_results(False)


@pytest.fixture
def corpus() -> Path:
    return CORPUS


@pytest.fixture
def newsletter(tmp_path: Path):
    """A temp newsletter folder: config.yaml plus an empty inbox. Returns a helper."""
    return Newsletter(tmp_path)


class Newsletter:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.inbox = root / "inbox"
        self.inbox.mkdir()
        self.config_path = root / "config.yaml"
        self.write_config(MINIMAL_CONFIG)

    def write_config(self, text: str) -> Path:
        self.config_path.write_text(textwrap.dedent(text), encoding="utf-8")
        return self.config_path

    def add(self, name: str, content: str | bytes) -> Path:
        path = self.inbox / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    def config(self):
        from digest.config import load_config

        return load_config(self.config_path)

    @property
    def issues(self) -> Path:
        return self.root / "issues"

    def issue_folders(self) -> list[Path]:
        return (
            sorted(p for p in self.issues.iterdir() if p.is_dir() and not p.name.startswith("."))
            if self.issues.exists()
            else []
        )


def free_port() -> int:
    """A TCP port nobody listens on, for the servers the tests start."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def inbox_snapshot(inbox: Path) -> dict[str, tuple[str, int]]:
    """Every file under the inbox with its hash and mtime: to prove nothing was touched."""
    return {
        p.relative_to(inbox).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(inbox.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@contextlib.contextmanager
def hold_lock(path: Path) -> Iterator[int]:
    """Hold digest's lock at `path` from another, real process; yields that process's pid."""
    code = (
        "import sys, time; from pathlib import Path; from digest.state.locks import acquire; "
        "acquire(Path(sys.argv[1]), 'test'); print('held', flush=True); time.sleep(120)"
    )
    process = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "held"
        yield process.pid
    finally:
        process.kill()
        process.wait()


def run_digest(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the real `digest` command in a child process."""
    return subprocess.run(
        [sys.executable, "-m", "digest", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def sample_newsletter(tmp_path: Path) -> Path:
    """A copy of the repository's sample newsletter (config.yaml + inbox/), safe to publish in."""
    target = tmp_path / "sample"
    target.mkdir()
    shutil.copy(REPO / "config.yaml", target / "config.yaml")
    shutil.copytree(REPO / "inbox", target / "inbox")
    return target
