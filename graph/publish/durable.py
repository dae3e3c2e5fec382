"""Files that survive a crash: written and fsynced, a folder's entries fsynced; JSON written
the same way every time (sorted keys, UTF-8). Snapshots and edits are written with these."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any


def _default(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def json_bytes(data: Mapping[str, Any]) -> bytes:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=_default)
    return text.encode("utf-8") + b"\n"


def write_pieces(path: Path, pieces: Iterable[bytes], content: Any) -> str:
    """Write ``pieces`` to ``path`` (fsynced); feed them to ``content``; return the sha256."""
    digest = hashlib.sha256()
    with path.open("wb") as out:
        for piece in pieces:
            out.write(piece)
            digest.update(piece)
            content.update(piece)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


def write_file(path: Path, data: bytes) -> None:
    with path.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def fsync_dir(path: Path) -> None:
    """Make a folder's entries (a file created, renamed or removed in it) durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


__all__ = ["fsync_dir", "json_bytes", "write_file", "write_pieces"]
