"""setuptools' build backend, except that a wheel is always built from an empty ``build/``.

setuptools copies the sources into ``build/lib`` and packs whatever is there: a file deleted from
the sources since an earlier build (a teacher-side module, an old data file) would still ship to
learners from a stale ``build/``. Every route that builds the learner wheel goes through here
(``pip install .``, ``pip wheel .``, ``python -m build``, the hub and Docker set-ups), so the folder
is emptied before each wheel. Editable installs do not use ``build/lib`` and are left as they are.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F401,F403 - every other hook, unchanged

__all__ = list(_setuptools.__all__)

#: The folder setuptools builds in, relative to the project root (the backend's working directory).
BUILD_DIR = "build"


def clean_build_dir(root: str | os.PathLike = ".") -> None:
    """Remove ``root/build`` (a folder of build artefacts only, never committed)."""
    build = Path(root) / BUILD_DIR
    if build.is_symlink() or build.is_file():
        build.unlink()
    elif build.is_dir():
        shutil.rmtree(build)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    clean_build_dir()
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)
