"""The publish and run locks: one holder at a time, across real processes, released by the
kernel however the holder ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from conftest import hold_lock

from digest.state.locks import LockError, acquire, holding, release

pytestmark = pytest.mark.slow

HAMMER = textwrap.dedent("""\
    import os, sys, time
    from pathlib import Path
    from digest.state.locks import LockError, acquire, release
    lock, log, until = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    taken = 0
    while time.time() < until:
        try:
            acquire(lock, "hammer")
        except LockError:
            continue
        with open(log, "a") as out:
            out.write(f"in {os.getpid()}\\n")
        time.sleep(0.0005)
        with open(log, "a") as out:
            out.write(f"out {os.getpid()}\\n")
        release(lock)
        taken += 1
    print(taken)
""")


def test_four_processes_hammering_the_lock_never_overlap(tmp_path):
    lock, log = tmp_path / "publish.lock", tmp_path / "log"
    until = time.time() + 3
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", HAMMER, str(lock), str(log), str(until)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    taken = [int(w.communicate(timeout=60)[0]) for w in workers]
    lines = log.read_text().splitlines()
    assert sum(taken) * 2 == len(lines) and sum(taken) > 100
    holder = None
    for line in lines:
        kind, pid = line.split()
        if kind == "in":
            assert holder is None, f"{pid} entered while {holder} held the lock"
            holder = pid
        else:
            assert holder == pid
            holder = None
    assert sum(1 for t in taken if t) >= 2, "more than one process got its turn"


def test_a_sigkilled_holder_releases_the_lock(tmp_path):
    lock = tmp_path / "publish.lock"
    with hold_lock(lock) as pid:
        with pytest.raises(LockError, match=f"pid {pid} on "):
            acquire(lock, "a publish")
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with holding(lock, "a publish"):
            assert lock.read_text().startswith(f"pid {os.getpid()} ")


def test_the_lock_is_reentrant_within_a_process(tmp_path):
    lock = tmp_path / "run.lock"
    acquire(lock, "x")
    acquire(lock, "x")
    release(lock)
    code = (
        "import sys; from pathlib import Path; from digest.state.locks import acquire; acquire(Path(sys.argv[1]), 'x')"
    )
    still = subprocess.run([sys.executable, "-c", code, str(lock)], capture_output=True, text=True)
    assert still.returncode != 0 and "already under way" in still.stderr
    release(lock)
    free = subprocess.run([sys.executable, "-c", code, str(lock)], capture_output=True, text=True)
    assert free.returncode == 0, free.stderr


def test_simultaneous_compiles_publish_each_number_once(tmp_path):
    """Four real `digest compile` processes at once, round after round: one publishes, the
    others refuse cleanly or find nothing new; no number is used twice, no folder clashes."""
    (tmp_path / "inbox").mkdir()
    (tmp_path / "config.yaml").write_text(
        "newsletter:\n  title: Race\nsections:\n  - id: space\n    title: Space\n    keywords: [rocket]\n"
    )
    for round_ in range(4):
        (tmp_path / "inbox" / f"r{round_}.txt").write_text(
            f"Rocket {round_} flies\n\nThe rocket number {round_} reached orbit today, its builders said.\n"
        )
        racers = [
            subprocess.Popen(
                [sys.executable, "-m", "digest", "compile", "--date", f"2026-01-{round_ + 1:02d}"],
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        results = [(r.wait(timeout=120), r.communicate()) for r in racers]
        for code, (_, err) in results:
            assert "internal error" not in err and "Traceback" not in err, err
            assert code == 0 or (code == 1 and "already under way" in err), err
        assert sum("Issue #" in err for _, (_, err) in results) == 1, [e for _, (_, e) in results]
    folders = sorted(p.name for p in (tmp_path / "issues").iterdir() if p.is_dir())
    numbers = [name[:4] for name in folders]
    assert numbers == [f"{n:04d}" for n in range(1, 5)]
