"""`digest init`: a new newsletter folder where `digest compile` works at once."""

from __future__ import annotations

import yaml
from conftest import run_digest

from digest.config import Config, load_config


def test_init_then_compile(tmp_path):
    folder = tmp_path / "letter"
    result = run_digest("init", str(folder), "--title", "Garden Notes")
    assert result.returncode == 0, result.stderr
    assert (folder / "inbox").is_dir() and (folder / "templates" / "email" / "README.md").is_file()
    assert ".digest/" in (folder / ".gitignore").read_text()
    config = load_config(folder / "config.yaml")
    assert config.newsletter.title == "Garden Notes"
    empty = run_digest("compile", cwd=folder)
    assert empty.returncode == 0 and "Nothing new" in empty.stderr, "the inbox's note is not a document"
    (folder / "inbox" / "tomatoes.md").write_text(
        "---\ntitle: Tomatoes launched early\n---\nThe seed company announced the tomatoes were released a week early.\n"
    )
    published = run_digest("compile", cwd=folder)
    assert published.returncode == 0, published.stderr
    assert published.stdout.strip().endswith("0001-" + published.stdout.strip().rsplit("0001-", 1)[1])


def test_the_commented_config_mentions_every_key(tmp_path):
    run_digest("init", str(tmp_path))
    text = (tmp_path / "config.yaml").read_text()
    for name, info in Config.model_fields.items():
        assert f"{name}:" in text
        annotation = info.annotation
        if isinstance(annotation, type) and hasattr(annotation, "model_fields") and name != "sections":
            for key in annotation.model_fields:
                assert f"{key}:" in text, f"{name}.{key}"
    assert yaml.safe_load(text)["newsletter"]["title"] == "My Newsletter"


def test_init_refuses_to_overwrite(tmp_path):
    (tmp_path / "config.yaml").write_text("mine")
    result = run_digest("init", str(tmp_path))
    assert result.returncode == 2
    assert "not overwriting existing files" in result.stderr
    assert (tmp_path / "config.yaml").read_text() == "mine"
