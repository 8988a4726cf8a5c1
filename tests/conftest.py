"""Shared fixtures and helpers for the test suite."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "artifacts"

# Kernels started by the tests must not pick up a user's IPython profile or warnings noise.
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
os.environ.setdefault("MPLBACKEND", "Agg")
# nbgrader and jupyter run helper scripts (alembic, jupyter-*) from PATH: use this venv's.
os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])


def notebooks_in(folder: str) -> list[Path]:
    """Committed notebooks under ``folder`` (checkpoints excluded), sorted."""
    return sorted(
        p for p in (REPO / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
    )


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def python() -> str:
    return sys.executable
