"""Speed and memory of digest at 100, 1,000 and 10,000 documents.

    python benchmarks/run.py [--sizes 100,1000,10000] [--write]

For each size: a generated inbox (benchmarks/generate.py); the *floor* (reading every file's
bytes and hashing them); a cold `digest compile --draft` (empty state: everything parsed) with
its wall time and peak RSS; a warm one (nothing changed); and one new file to a refreshed draft
(what the watcher does). Each figure is also given as a ratio to the floor, so results compare
across machines. Every compile is a real `digest` process. `--write` appends the table to
benchmarks/RESULTS.md with the date and the machine's core count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

CONFIG = (HERE / "bbc-sections.yaml").read_text()


def floor(inbox: Path) -> float:
    started = time.perf_counter()
    for path in sorted(inbox.rglob("*")):
        if path.is_file():
            hashlib.sha256(path.read_bytes()).hexdigest()
    return time.perf_counter() - started


def compile_draft(root: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one real `digest compile --draft`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "digest", "compile", "--draft", "--config", str(root / "config.yaml")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"digest compile failed: {process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss * 1024


def measure(size: int, workdir: Path) -> dict[str, float]:
    root = workdir / f"inbox-{size}"
    inbox = generate(size, root / "inbox")
    (root / "config.yaml").write_text(CONFIG + "paths:\n  inbox: inbox\n  state: state\n")
    base = min(floor(inbox) for _ in range(3))
    cold, cold_rss = compile_draft(root)
    warm, warm_rss = compile_draft(root)
    (inbox / "zz-new.txt").write_text(
        "Late goal wins the cup final\n\nA late goal won the cup final for the home team on Saturday, "
        "the coach said after the match.\n"
    )
    new_file, _ = compile_draft(root)
    return {
        "size": size,
        "floor": base,
        "cold": cold,
        "cold_rss": cold_rss,
        "warm": warm,
        "warm_rss": warm_rss,
        "new_file": new_file,
    }


def table(rows: list[dict[str, float]]) -> str:
    lines = [
        "| documents | floor (read + hash) | cold compile | peak RSS | warm compile | one new file → draft |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        f = r["floor"]
        lines.append(
            f"| {r['size']:,} | {f:.3f} s | {r['cold']:.2f} s ({r['cold'] / f:.0f}×) | {r['cold_rss'] / 2**20:.0f} MB "
            f"| {r['warm']:.2f} s ({r['warm'] / f:.0f}×) | {r['new_file']:.2f} s ({r['new_file'] / f:.0f}×) |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--write", action="store_true", help="append the results to benchmarks/RESULTS.md")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="digest-bench-"))
    try:
        rows = [measure(int(size), workdir) for size in args.sizes.split(",")]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    result = table(rows)
    print(result)
    if args.write:
        header = f"\n## {dt.date.today().isoformat()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}\n\n"
        with open(HERE / "RESULTS.md", "a", encoding="utf-8") as file:
            file.write(header + result + "\n")


if __name__ == "__main__":
    main()
