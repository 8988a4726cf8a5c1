"""The one atomic write of the project: a temporary file in the same folder, then ``os.replace``.

A crash, a killed kernel or a full disk never leaves half a file behind: readers see either
the old content or the new one. Every file the project writes for a user (answers, keys,
class settings, exports) goes through :func:`write_atomic`.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["write_atomic", "write_json_atomic"]


def write_atomic(path: str | os.PathLike, data: str | bytes, *, mode: int = 0o644) -> Path:
    """Write ``data`` (text is encoded as UTF-8) to ``path`` atomically and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def write_json_atomic(path: str | os.PathLike, doc: Any, *, sort_keys: bool = False) -> Path:
    """``doc`` as indented UTF-8 JSON (accents kept), written with :func:`write_atomic`."""
    text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=sort_keys) + "\n"
    return write_atomic(path, text)
