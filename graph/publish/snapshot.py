"""The build snapshot store: complete snapshots on disk, switched atomically.

Layout (docs/model.md)::

    <root>/CURRENT                   id of the snapshot being served
    <root>/snapshots/<id>/asserted.trig, inferred.nt, report.json, build.json

:meth:`SnapshotStore.write` writes every file of a new snapshot into a temporary directory
under ``snapshots/`` (fsynced), renames the directory to its id, then replaces ``CURRENT``
by writing a temporary file and ``os.replace``-ing it. A write that fails midway removes its
temporary directory and leaves ``CURRENT`` as it was; a reader that reads ``CURRENT`` and
then the directory it names always finds a complete snapshot (directories are never
changed after the rename; :meth:`SnapshotStore.prune` never removes the current one).

Snapshot ids sort by time: ``20261122T101530123456Z-<10 hex of the content hash>``.
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
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph
from rdflib import Dataset, Graph, URIRef

from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI, bind_prefixes
from kyotei.graph.publish.writers import inferred_graph_iri, to_ntriples, to_trig

log = logging.getLogger(__name__)

ASSERTED = "asserted.trig"
INFERRED = "inferred.nt"
REPORT = "report.json"
BUILD = "build.json"
CURRENT = "CURRENT"
SNAPSHOTS = "snapshots"
_ID = re.compile(r"[0-9]{8}T[0-9]{12}Z-[0-9a-f]{10}\Z")
_STALE_TEMP_SECONDS = 3600.0


class SnapshotError(RuntimeError):
    """The snapshot store is inconsistent (CURRENT names a missing or invalid snapshot)."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One complete build on disk. Its files never change once it has an id."""

    id: str
    path: Path
    meta: dict[str, Any] = field(hash=False, compare=False)

    @classmethod
    def open(cls, path: Path) -> Snapshot:
        meta = json.loads((path / BUILD).read_text("utf-8"))
        return cls(id=path.name, path=path, meta=meta)

    @property
    def asserted_path(self) -> Path:
        return self.path / ASSERTED

    @property
    def inferred_path(self) -> Path:
        return self.path / INFERRED

    @property
    def report_path(self) -> Path:
        return self.path / REPORT

    @property
    def base_iri(self) -> str:
        return str(self.meta.get("base_iri") or DEFAULT_BASE_IRI)

    def load_report(self) -> dict[str, Any]:
        report: dict[str, Any] = json.loads(self.report_path.read_text("utf-8"))
        return report

    def load_dataset(self) -> Dataset:
        """Asserted named graphs, and the inferred triples in ``<base>graph/inferred``."""
        dataset = Dataset()
        bind_prefixes(dataset, self.base_iri)
        dataset.parse(self.asserted_path, format="trig")
        inferred = dataset.graph(inferred_graph_iri(self.base_iri))
        inferred.parse(self.inferred_path, format="nt")
        return dataset

    def load_oxigraph(self) -> pyoxigraph.Store:
        """An in-memory Oxigraph store to serve this snapshot.

        Every asserted triple is in the default graph, and also in its named graph (one per
        source document, and the common graph); the inferred triples are only in the named
        graph ``<base>graph/inferred``. Files are handed straight to Oxigraph's parser.
        """
        store = pyoxigraph.Store()
        store.load(path=self.asserted_path, format=pyoxigraph.RdfFormat.TRIG)
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        store.load(
            path=self.inferred_path,
            format=pyoxigraph.RdfFormat.N_TRIPLES,
            to_graph=pyoxigraph.NamedNode(str(inferred_graph_iri(self.base_iri))),
        )
        return store


class SnapshotStore:
    """Snapshots under ``root`` and the ``CURRENT`` pointer to the one being served."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.snapshots_dir = self.root / SNAPSHOTS

    def current(self) -> Snapshot | None:
        pointer = self.root / CURRENT
        try:
            snapshot_id = pointer.read_text("utf-8").strip()
        except FileNotFoundError:
            return None
        if not _ID.match(snapshot_id):
            raise SnapshotError(f"{pointer} holds no snapshot id: {snapshot_id[:80]!r}")
        path = self.snapshots_dir / snapshot_id
        if not (path / BUILD).is_file():
            raise SnapshotError(f"{pointer} names {snapshot_id}, which is not a complete snapshot")
        return Snapshot.open(path)

    def snapshots(self) -> list[Snapshot]:
        """Complete snapshots, oldest first."""
        if not self.snapshots_dir.is_dir():
            return []
        paths = sorted(p for p in self.snapshots_dir.iterdir() if _ID.match(p.name))
        return [Snapshot.open(p) for p in paths if (p / BUILD).is_file()]

    def write(
        self, dataset: Dataset, inferred: Graph, report: Mapping[str, Any], meta: Mapping[str, Any]
    ) -> Snapshot:
        """Write a new snapshot and make it current; on any failure, change nothing."""
        base_iri = str(meta.get("base_iri") or DEFAULT_BASE_IRI)
        asserted_bytes = to_trig(dataset, base_iri=base_iri, inferred=False)
        inferred_bytes = to_ntriples(inferred)
        digest = hashlib.sha256(asserted_bytes + b"\n#\n" + inferred_bytes).hexdigest()
        created = dt.datetime.now(dt.UTC)
        snapshot_id = f"{created.strftime('%Y%m%dT%H%M%S%fZ')}-{digest[:10]}"
        build = {
            **meta,
            "id": snapshot_id,
            "created": created.isoformat().replace("+00:00", "Z"),
            "base_iri": base_iri,
            "triples": _counts(dataset, inferred, base_iri),
            "files": {
                ASSERTED: hashlib.sha256(asserted_bytes).hexdigest(),
                INFERRED: hashlib.sha256(inferred_bytes).hexdigest(),
            },
        }
        self.snapshots_dir.mkdir(parents=True, exist_ok=True)
        final = self.snapshots_dir / snapshot_id
        temp = Path(tempfile.mkdtemp(prefix=f".tmp-{snapshot_id}-", dir=self.snapshots_dir))
        try:
            _write_file(temp / ASSERTED, asserted_bytes)
            _write_file(temp / INFERRED, inferred_bytes)
            _write_file(temp / REPORT, _json_bytes(report))
            _write_file(temp / BUILD, _json_bytes(build))  # last: marks the snapshot complete
            _fsync_dir(temp)
            os.rename(temp, final)
            _fsync_dir(self.snapshots_dir)
            self._point_to(snapshot_id)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise
        log.info("snapshot %s written and current", snapshot_id)
        return Snapshot.open(final)

    def prune(self, keep: int = 3) -> list[str]:
        """Remove all but the ``keep`` newest snapshots (never the current one).

        Also removes temporary directories of writes that died more than an hour ago.
        Returns the ids removed.
        """
        if keep < 1:
            raise ValueError("keep must be at least 1")
        current = self.current()
        complete = self.snapshots()
        kept = {s.id for s in complete[-keep:]} | ({current.id} if current else set())
        removed = []
        for snapshot in complete:
            if snapshot.id not in kept:
                shutil.rmtree(snapshot.path)
                removed.append(snapshot.id)
        now = time.time()
        for temp in self.snapshots_dir.glob(".tmp-*"):
            if temp.is_dir() and now - temp.stat().st_mtime > _STALE_TEMP_SECONDS:
                shutil.rmtree(temp, ignore_errors=True)
        if removed:
            log.info("pruned snapshots %s", ", ".join(removed))
        return removed

    def _point_to(self, snapshot_id: str) -> None:
        handle, name = tempfile.mkstemp(prefix=f".{CURRENT}-", dir=self.root)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(snapshot_id.encode("ascii") + b"\n")
                out.flush()
                os.fsync(out.fileno())
            os.replace(name, self.root / CURRENT)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        _fsync_dir(self.root)


def _counts(dataset: Dataset, inferred: Graph, base_iri: str) -> dict[str, Any]:
    """Distinct asserted triples, inferred triples, and triples per named graph."""
    skip = inferred_graph_iri(base_iri)
    graphs = sorted(
        (g for g in dataset.graphs() if len(g) and URIRef(str(g.identifier)) != skip),
        key=lambda g: str(g.identifier),
    )
    distinct = {triple for g in graphs for triple in g}
    return {
        "asserted": len(distinct),
        "inferred": len(inferred),
        "graphs": {str(g.identifier): len(g) for g in graphs},
    }


def _json_default(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def _json_bytes(data: Mapping[str, Any]) -> bytes:
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=_json_default)
    return text.encode("utf-8") + b"\n"


def _write_file(path: Path, data: bytes) -> None:
    with path.open("wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


__all__ = ["Snapshot", "SnapshotError", "SnapshotStore"]
