"""Speed and memory of digest at 100, 1,000 and 10,000 documents.

    python benchmarks/run.py [--sizes 100,1000,10000] [--write]

For each size: a generated inbox (benchmarks/generate.py); the *floor* (reading every file's
bytes and hashing them); a cold `digest compile --draft` (empty state: everything parsed) with
its wall time and peak RSS; a warm one (nothing changed), into the default draft folder and
with `--out`; one new file to a refreshed draft in a new process; and one new file to a
refreshed draft inside a long-lived process (what `digest preview` and `digest run` do on a
file event), with that process's peak RSS. Repeated figures are medians of five. Each figure is
also given as a ratio to the floor, so results compare across machines. `--write` adds the
table to benchmarks/RESULTS.md (after the earlier speed tables) with the date and the machine's core count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

CONFIG = (HERE / "bbc-sections.yaml").read_text()
STORIES_HEADING = "## How stories are measured"


def floor(inbox: Path) -> float:
    started = time.perf_counter()
    for path in sorted(inbox.rglob("*")):
        if path.is_file():
            hashlib.sha256(path.read_bytes()).hexdigest()
    return time.perf_counter() - started


# Python may write its compiled bytecode, as it does for an installed digest (pip compiles it at
# install time); a machine that sets PYTHONDONTWRITEBYTECODE would otherwise measure every new
# process compiling digest's modules from source again.
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def compile_draft(root: Path, out: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one real `digest compile --draft`."""
    started = time.perf_counter()
    extra = ["--out", str(out)] if out is not None else []
    process = subprocess.Popen(
        [sys.executable, "-m", "digest", "compile", "--draft", "--config", str(root / "config.yaml"), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=ENVIRONMENT,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"digest compile failed: {process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss * 1024


NEW_STORY = (
    "Late goal number {n} wins the cup final\n\nA late goal, number {n}, won the cup final for the home team on "
    "Saturday, the coach said after the match.\n"
)
# One long-lived process: a warm draft, then five new files, each followed by a refreshed draft.
IN_PROCESS = """
import json, resource, statistics, sys, time
from pathlib import Path
from digest.config import load_config
from digest.pipeline import compile_issue
from digest.support.cache import keep_results
keep_results()  # as `digest run` and `digest preview` do
root = Path(sys.argv[1])
compile_issue(load_config(root / "config.yaml"), draft=True)
times = []
for n in range(int(sys.argv[3])):
    (root / "inbox" / f"zz-live-{n}.txt").write_text(sys.argv[2].format(n=100 + n))
    started = time.perf_counter()
    compile_issue(load_config(root / "config.yaml"), draft=True)
    times.append(time.perf_counter() - started)
print(json.dumps({"seconds": statistics.median(times), "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def in_process(root: Path, repeat: int) -> tuple[float, int]:
    done = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, str(root), NEW_STORY, str(repeat)],
        capture_output=True,
        text=True,
        env=ENVIRONMENT,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["seconds"], result["rss"]


def measure(size: int, workdir: Path, repeat: int = 5) -> dict[str, float]:
    root = workdir / f"inbox-{size}"
    inbox = generate(size, root / "inbox")
    (root / "config.yaml").write_text(CONFIG + "paths:\n  inbox: inbox\n  state: state\n")
    base = min(floor(inbox) for _ in range(3))
    cold, cold_rss = compile_draft(root)
    warm = statistics.median(compile_draft(root)[0] for _ in range(repeat))
    compile_draft(root, root / "out")
    warm_out = statistics.median(compile_draft(root, root / "out")[0] for _ in range(repeat))
    new_files = []
    for n in range(repeat):
        (inbox / f"zz-new-{n}.txt").write_text(NEW_STORY.format(n=n))
        new_files.append(compile_draft(root)[0])
    live, live_rss = in_process(root, repeat)
    return {
        "size": size,
        "floor": base,
        "cold": cold,
        "cold_rss": cold_rss,
        "warm": warm,
        "warm_out": warm_out,
        "new_file": statistics.median(new_files),
        "live": live,
        "live_rss": live_rss,
    }


def table(rows: list[dict[str, float]]) -> str:
    lines = [
        "| documents | floor (read + hash) | cold compile (peak RSS) | warm, unchanged | warm, unchanged, `--out` "
        "| +1 file, new process | +1 file, long-lived process (peak RSS) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        f = r["floor"]
        cell = {key: f"{r[key]:.2f} s ({r[key] / f:.0f}×)" for key in ("cold", "warm", "warm_out", "new_file", "live")}
        lines.append(
            f"| {r['size']:,} | {f:.3f} s | {cell['cold']} ({r['cold_rss'] / 2**20:.0f} MB) | {cell['warm']} "
            f"| {cell['warm_out']} | {cell['new_file']} | {cell['live']} ({r['live_rss'] / 2**20:.0f} MB) |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each repeated figure (the median is shown)")
    parser.add_argument("--write", action="store_true", help="append the results to benchmarks/RESULTS.md")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="digest-bench-"))
    try:
        rows = [measure(int(size), workdir, args.repeat) for size in args.sizes.split(",")]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    result = table(rows)
    print(result)
    if args.write:
        header = f"\n## {dt.date.today().isoformat()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}\n\n"
        results = HERE / "RESULTS.md"
        text = results.read_text(encoding="utf-8")
        # speed tables stay together, before the stories section (benchmarks/stories.py's)
        at = text.find(STORIES_HEADING)
        at = len(text) if at < 0 else at
        results.write_text(text[:at].rstrip("\n") + "\n" + header + result + "\n\n" + text[at:], encoding="utf-8")


if __name__ == "__main__":
    main()
