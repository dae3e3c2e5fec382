"""Durable edits: what SPARQL updates changed, kept beside the snapshots and replayed.

An update is acknowledged only after its effect is on disk here (docs/decisions/
0005-durable-updates.md). Each edit is the exact difference it made to the served dataset,
as two N-Quads files, so replaying it on a later build needs no SPARQL and cannot reach the
network::

    <build>/edits/000001/removed.nq   quads the update deleted
    <build>/edits/000001/added.nq     quads the update inserted
    <build>/edits/000001/edit.json    the update's text, time, and the sha256 of both files

An edit directory is written under a temporary name, fsynced and renamed, like a snapshot.
:func:`apply_edits` replays every edit in order on a store holding a new build; a quad to
remove that the build no longer has, or a quad to add that it already has, is a conflict:
the rest of the edit still applies, and the conflicts are returned to be reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kyotei.graph.publish.durable import fsync_dir

log = logging.getLogger(__name__)

EDITS = "edits"
_NAME = re.compile(r"[0-9]{6}\Z")
_FILES = ("removed.nq", "added.nq")


class EditsError(RuntimeError):
    """An edit on disk is damaged (a file missing or not matching its hash)."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """One edit that did not apply cleanly to a build."""

    edit: str
    missing: int  # quads to remove that the build does not have
    present: int  # quads to add that the build already has

    def describe(self) -> str:
        return (f"edit {self.edit}: {self.missing} removed statement(s) not in the build, "
                f"{self.present} added statement(s) already in it")


@dataclass(slots=True)
class Replay:
    """What replaying the edits on a build did."""

    applied: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def _write(path: Path, data: bytes) -> None:
    with path.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


class EditLog:
    """The edits kept in ``folder`` (``<build>/edits``), oldest first."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def names(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if _NAME.match(p.name))

    def append(self, removed: bytes, added: bytes, text: str) -> str:
        """Keep one edit on disk (fsynced) and return its name; raise OSError if it cannot
        be kept, so that the update is refused rather than acknowledged and lost."""
        self.folder.mkdir(parents=True, exist_ok=True)
        names = self.names()
        name = f"{int(names[-1]) + 1 if names else 1:06d}"
        temp = Path(tempfile.mkdtemp(prefix=f".tmp-{name}-", dir=self.folder))
        meta = {"update": text, "created": dt.datetime.now(dt.UTC).isoformat(),
                "files": {n: hashlib.sha256(d).hexdigest()
                          for n, d in zip(_FILES, (removed, added), strict=True)}}
        try:
            _write(temp / _FILES[0], removed)
            _write(temp / _FILES[1], added)
            _write(temp / "edit.json", json.dumps(meta, indent=2).encode("utf-8"))
            fsync_dir(temp)
            os.rename(temp, self.folder / name)  # fails if another writer took the name
            fsync_dir(self.folder)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
        log.info("edit %s kept in %s", name, self.folder)
        return name

    def forget(self, name: str) -> None:
        """Remove an edit that was kept but could not be served (so never acknowledged)."""
        shutil.rmtree(self.folder / name, ignore_errors=True)
        log.warning("edit %s removed: it could not be served", name)

    def read(self, name: str) -> tuple[list[ox.Quad], list[ox.Quad]]:
        """The quads an edit removed and added, checked against their hashes."""
        folder = self.folder / name
        try:
            meta = json.loads((folder / "edit.json").read_text("utf-8"))
            parts = [(folder / n).read_bytes() for n in _FILES]
        except (OSError, ValueError) as error:
            raise EditsError(f"{folder}: cannot be read ({error})") from None
        for file_name, data in zip(_FILES, parts, strict=True):
            if hashlib.sha256(data).hexdigest() != meta.get("files", {}).get(file_name):
                raise EditsError(f"{folder / file_name}: does not match its sha256")
        removed, added = ([q for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)]
                          for data in parts)
        return removed, added


def apply_edits(log_: EditLog, store: ox.Store) -> Replay:
    """Replay every edit of ``log_`` on ``store`` in order; conflicts are counted, not
    fatal. Raises EditsError when an edit on disk is damaged (the build is then not
    served: serving it without an acknowledged edit would lose it)."""
    replay = Replay()
    for name in log_.names():
        removed, added = log_.read(name)
        missing = sum(1 for quad in removed if quad not in store)
        present = sum(1 for quad in added if quad in store)
        for quad in removed:
            store.remove(quad)
        store.extend(added)
        replay.applied.append(name)
        if missing or present:
            conflict = Conflict(name, missing, present)
            log.warning("%s", conflict.describe())
            replay.conflicts.append(conflict)
    return replay


def difference(before: ox.Store, after: ox.Store) -> tuple[bytes, bytes]:
    """N-Quads of the quads ``before`` has and ``after`` lacks, and the reverse."""
    removed = [q for q in before if q not in after]
    added = [q for q in after if q not in before]
    return (ox.serialize(removed, format=ox.RdfFormat.N_QUADS) or b"",
            ox.serialize(added, format=ox.RdfFormat.N_QUADS) or b"")


__all__ = ["Conflict", "EditLog", "EditsError", "Replay", "apply_edits", "difference"]
