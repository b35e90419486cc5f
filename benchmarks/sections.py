"""Benchmark: macro-F1 of section assignment on ../shared/corpus/topics (labelled BBC news).

    python benchmarks/sections.py [--corpus PATH]

Prints two figures: with the config alone (benchmarks/bbc-sections.yaml, written from the label
names only), and with archive learning from 20 labelled stories per section (the first 20 files
of each label by name; those 100 stories are left out of both evaluations).
A held-back story counts as a wrong answer.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from digest.config import load_config  # noqa: E402
from digest.models import Story  # noqa: E402
from digest.placing.learning import LabelledExample  # noqa: E402
from digest.placing.sections import assign_sections  # noqa: E402

TRAIN_PER_SECTION = 20


def load_topics(corpus: Path) -> list[tuple[str, Story]]:
    labelled = []
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            title, _, body = text.partition("\n")
            story = Story(
                id=Story.make_id(folder.name, path.name),
                title=title.strip(),
                teaser="",
                body=body.strip(),
                documents=[f"{folder.name}/{path.name}"],
            )
            labelled.append((folder.name, story))
    return labelled


def macro_f1(truth: list[str], predicted: list[str | None], labels: list[str]) -> float:
    scores = []
    for label in labels:
        tp = sum(t == label and p == label for t, p in zip(truth, predicted, strict=True))
        fp = sum(t != label and p == label for t, p in zip(truth, predicted, strict=True))
        fn = sum(t == label and p != label for t, p in zip(truth, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus" / "topics")
    args = parser.parse_args()
    config = load_config(HERE / "bbc-sections.yaml")
    labelled = load_topics(args.corpus)
    labels = [s.id for s in config.sections]
    train: list[tuple[str, Story]] = []
    test: list[tuple[str, Story]] = []
    seen: dict[str, int] = {}
    for label, story in labelled:
        seen[label] = seen.get(label, 0) + 1
        (train if seen[label] <= TRAIN_PER_SECTION else test).append((label, story))
    truth = [label for label, _ in test]
    stories = [story for _, story in test]

    started = time.perf_counter()
    plain = assign_sections(stories, config)
    plain_seconds = time.perf_counter() - started
    plain_f1 = macro_f1(truth, [p.section for p in plain], labels)

    started = time.perf_counter()
    archive = [LabelledExample.from_story(s, label) for label, s in train]
    learned = assign_sections(stories, config, archive)
    learned_seconds = time.perf_counter() - started
    learned_f1 = macro_f1(truth, [p.section for p in learned], labels)

    # Rebuilding the model from the state store: 5,000 archived stories' term counts, as JSON.
    import json

    from digest.placing.learning import SectionModel

    rows = [json.dumps(e.counts) for e in archive] * (5000 // len(archive))
    started = time.perf_counter()
    examples = [LabelledExample(archive[i % len(archive)].section, json.loads(r)) for i, r in enumerate(rows)]
    SectionModel.from_archive(examples, config.matching.learn_min_examples)
    rebuild_seconds = time.perf_counter() - started

    held = sum(p.section is None for p in plain)
    print(f"stories evaluated: {len(test)} ({len(labels)} sections; {len(train)} used only for learning)")
    print(f"macro-F1, config only:           {plain_f1:.3f}  ({held} held back, {plain_seconds:.2f} s)")
    print(f"macro-F1, learning 20/section:   {learned_f1:.3f}  ({learned_seconds:.2f} s incl. training)")
    print(f"model rebuilt from {len(rows)} archived stories in {rebuild_seconds:.2f} s")


if __name__ == "__main__":
    main()
