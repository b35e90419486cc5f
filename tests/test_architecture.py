"""The architecture holds: pipeline.py is the one place that calls the stages, in their order;
commands use the pipeline and the archive, never a stage; no module imports another's private
names; no import cycle; no module over 400 lines."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from conftest import REPO

import digest.pipeline as pipeline
from digest.state.store import StateStore

PACKAGE = REPO / "digest"
# Each stage, in pipeline order, with the module that defines it.
STAGES = {
    "scan_inbox": "digest.readers.inbox",
    "read_document": "digest.readers",
    "split_into_stories": "digest.stories",
    "merge_duplicates": "digest.stories.duplicates",
    "assign_sections": "digest.placing.sections",
    "build_issue": "digest.issue.build",
    "render_editions": "digest.render",
    "write_issue": "digest.archive.writer",
}
STAGE_WINGS = (
    "digest.readers",
    "digest.structure",
    "digest.stories",
    "digest.placing",
    "digest.issue",
    "digest.render",
)
ALLOWED_IN_COMMANDS = ("digest.render.environment",)  # the Jinja module: the preview renders its own pages


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) for every import of a digest module, outside `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    checking = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for stmt in block.body
        for node in ast.walk(stmt)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in checking:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("digest"):
            found.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names if a.name.startswith("digest")]
    return found


def target(module: str, name: str) -> str:
    """`from module import name`: the submodule when `name` is one, else the module."""
    return f"{module}.{name}" if f"{module}.{name}" in MODULES else module


def test_no_stage_is_called_outside_the_pipeline():
    offenders = []
    for name, path in MODULES.items():
        if name == "digest.pipeline":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
                if called in STAGES and STAGES[called] != name:
                    offenders.append(f"{name} calls {called}")
    assert offenders == []


def test_commands_use_the_pipeline_and_the_archive_not_the_stages():
    outside = [n for n in MODULES if n.startswith(("digest.commands", "digest.schedule")) or n == "digest.cli"]
    assert len(outside) > 5
    offenders = []
    for name in outside:
        for module, names in imports(MODULES[name]):
            for imported in [target(module, n) for n in names] or [module]:
                if imported.startswith(STAGE_WINGS) and not imported.startswith(ALLOWED_IN_COMMANDS):
                    offenders.append(f"{name} imports {imported}")
    assert offenders == []


def test_no_module_imports_another_modules_private_names():
    offenders = [
        f"{name} imports {module}.{imported}"
        for name, path in MODULES.items()
        for module, names in imports(path)
        for imported in names
        if imported.startswith("_") and not imported.startswith("__") and module != name
    ]
    assert offenders == []


def test_there_is_no_import_cycle():
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for module, names in imports(path):
            for imported in [target(module, n) for n in names] or [module]:
                if imported in MODULES and imported != name:
                    graph[name].add(imported)
    cycles = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join([*path[path.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_readable_in_one_sitting(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{name} has {lines} lines"


def test_the_pipeline_runs_the_stages_in_order_and_records_the_state_last(newsletter, monkeypatch):
    """Each stage wrapped where the pipeline calls it; reading and splitting run in this
    process (the worker pool would hide the calls), caching left out."""
    calls: list[str] = []

    def recorder(stage: str):
        original = getattr(pipeline, stage)

        def recorded(*args, **kwargs):
            if not calls or calls[-1] != stage:
                calls.append(stage)
            return original(*args, **kwargs)

        return recorded

    for stage in STAGES:
        monkeypatch.setattr(pipeline, stage, recorder(stage))
    monkeypatch.setattr(
        pipeline,
        "cached_map",
        lambda function, items, keys, store, label, time_limit, progress=None: [function(i) for i in items],
    )
    record = StateStore.record_published
    monkeypatch.setattr(
        StateStore, "record_published", lambda self, *a, **k: (calls.append("record"), record(self, *a, **k))[1]
    )
    newsletter.add(
        "rocket.txt", "Rocket reaches orbit\n\nThe rocket reached orbit on Tuesday, its builders said after launch.\n"
    )
    result = pipeline.compile_issue(newsletter.config(), date=dt.date(2026, 11, 23))
    assert result.published
    assert calls == [*STAGES, "record"]
