"""The package type-checks (mypy, configured in pyproject.toml): CI fails otherwise."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("mypy") is None, reason="mypy is installed with the test extra")


def test_the_package_type_checks():
    result = subprocess.run([sys.executable, "-m", "mypy", "digest"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
