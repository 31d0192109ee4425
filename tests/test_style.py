"""The codebase stays ruff clean (a check the README's test command runs)."""

from __future__ import annotations

import shutil
import subprocess

import pytest


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff comes with the 'test' extra")
def test_ruff_is_clean(repo):
    done = subprocess.run(["ruff", "check", str(repo)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout
