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

``build.json`` records the sha256 of every other file. Nothing is served unchecked:
:meth:`Snapshot.check` hashes each file (in pieces) against it, and :meth:`Snapshot.build_store`
loads an Oxigraph store from bytes checked again as they are read (one file in memory at a
time), so a file cut or changed after the build is refused, and a file changed after loading
cannot reach what is served. :meth:`SnapshotStore.serveable` falls back to the newest
snapshot that checks when ``CURRENT`` or its ``build.json`` is damaged.
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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

import pyoxigraph
from rdflib import Dataset, Graph, URIRef

from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI, bind_prefixes
from kyotei.graph.publish.durable import fsync_dir, json_bytes, write_file, write_pieces
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
    """The snapshot store is inconsistent (CURRENT names a missing or invalid snapshot), or a
    snapshot's files do not match the hashes in its ``build.json``."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One complete build on disk. Its files never change once it has an id."""

    id: str
    path: Path
    meta: dict[str, Any] = field(hash=False, compare=False)

    @classmethod
    def open(cls, path: Path) -> Snapshot:
        """The snapshot in ``path``; SnapshotError if its ``build.json`` cannot be read."""
        try:
            meta = json.loads((path / BUILD).read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise SnapshotError(f"{path / BUILD}: cannot be read ({error})") from None
        if not isinstance(meta, dict):
            raise SnapshotError(f"{path / BUILD}: not a JSON object")
        return cls(id=path.name, path=path, meta=meta)

    def _read(self, name: str) -> bytes:
        try:
            return (self.path / name).read_bytes()
        except OSError as error:
            raise self._unreadable(name, error) from None

    def _unreadable(self, name: str, error: OSError) -> SnapshotError:
        return SnapshotError(f"{self.path / name}: cannot be read ({error.strerror or error})")

    def verified_bytes(self, name: str) -> bytes:
        """One file of the snapshot, read now and checked against its sha256 in build.json
        (a download reads the file again long after the snapshot was verified)."""
        hashes = self.meta.get("files")
        expected = hashes.get(name) if isinstance(hashes, dict) else None
        if expected is None:
            raise SnapshotError(f"{self.path / BUILD}: no sha256 recorded for {name}")
        data = self._read(name)
        if hashlib.sha256(data).hexdigest() != str(expected).removeprefix("sha256:"):
            raise SnapshotError(f"{self.path / name}: changed since the snapshot was verified")
        return data

    def verify(self) -> dict[str, bytes]:
        """Every file ``build.json`` lists, read once and checked against its sha256.

        Returns the verified bytes by file name. Raises SnapshotError naming the file and
        the reason when a hash is missing, a file is missing or unreadable, or its bytes
        differ (a cut or changed file).
        """
        verified: dict[str, bytes] = {}
        for name, expected in self._hashes():
            data = self._read(name)
            self._compare(name, hashlib.sha256(data).hexdigest(), expected, len(data))
            verified[name] = data
        return verified

    def check(self) -> None:
        """What :meth:`verify` checks, each file hashed in pieces: nothing kept in memory."""
        for name, expected in self._hashes():
            try:
                with (self.path / name).open("rb") as file:
                    found = hashlib.file_digest(file, "sha256").hexdigest()
                    size = file.tell()
            except OSError as error:
                raise self._unreadable(name, error) from None
            self._compare(name, found, expected, size)

    def _hashes(self) -> list[tuple[str, object]]:
        hashes = self.meta.get("files")
        if not isinstance(hashes, dict) or not {ASSERTED, INFERRED} <= set(hashes):
            raise SnapshotError(f"{self.path / BUILD}: no sha256 recorded for {ASSERTED} "
                                f"and {INFERRED}; the snapshot cannot be verified")
        for name in hashes:
            if not isinstance(name, str) or "/" in name or name.startswith("."):
                raise SnapshotError(f"{self.path / BUILD}: bad file name {name!r}")
        return sorted(hashes.items())

    def _compare(self, name: str, found: str, expected: object, size: int) -> None:
        if found != str(expected).removeprefix("sha256:"):
            raise SnapshotError(f"{self.path / name}: sha256 {found[:12]}… differs from "
                                f"{str(expected)[:12]}… in build.json ({size} bytes "
                                "read): the file was cut or changed")

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
        verified = self.verify()
        dataset = Dataset()
        bind_prefixes(dataset, self.base_iri)
        dataset.parse(data=verified[ASSERTED], format="trig")
        inferred = dataset.graph(inferred_graph_iri(self.base_iri))
        inferred.parse(data=verified[INFERRED], format="nt")
        return dataset

    def load_oxigraph(self) -> pyoxigraph.Store:
        """An in-memory Oxigraph store to serve this snapshot (files checked first).

        Every asserted triple is in the default graph, and also in its named graph (one per
        source document, and the common graph); the inferred triples are only in the named
        graph ``<base>graph/inferred``.
        """
        self.check()
        store = pyoxigraph.Store()
        self._fill(store, None)
        return store

    def build_store(self, target: Path, verified: Mapping[str, bytes] | None = None
                    ) -> pyoxigraph.Store:
        """An on-disk Oxigraph store in ``target`` (a new directory) holding this snapshot,
        loaded from ``verified`` bytes, else from the files checked first and checked again
        as each is read. The caller drops the returned read-write store before anyone opens
        ``target`` with ``pyoxigraph.Store.read_only``."""
        if target.exists():
            raise SnapshotError(f"{target} already exists")
        if verified is None:
            self.check()
        store = pyoxigraph.Store(str(target))
        self._fill(store, verified)
        store.flush()
        return store

    def _fill(self, store: pyoxigraph.Store, verified: Mapping[str, bytes] | None) -> None:
        """Bulk loads (no transaction holds the data): each asserted quad and its triple in
        the default graph from one parse, so that a blank node is one node in both; then the
        inferred triples. One file's bytes in memory at a time."""
        def read(name: str) -> bytes:
            return verified[name] if verified is not None else self.verified_bytes(name)

        store.bulk_extend(_and_default(pyoxigraph.parse(
            read(ASSERTED), pyoxigraph.RdfFormat.TRIG, rename_blank_nodes=True)))
        store.bulk_load(
            read(INFERRED),
            format=pyoxigraph.RdfFormat.N_TRIPLES,
            to_graph=pyoxigraph.NamedNode(str(inferred_graph_iri(self.base_iri))),
        )


def _and_default(quads: Iterable[pyoxigraph.Quad]) -> Iterator[pyoxigraph.Quad]:
    """Each quad, then its triple in the default graph (the same term objects)."""
    return chain.from_iterable(
        (quad, pyoxigraph.Quad(quad.subject, quad.predicate, quad.object)) for quad in quads)


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
        """Complete snapshots, oldest first (one whose build.json is unreadable is skipped)."""
        if not self.snapshots_dir.is_dir():
            return []
        found = []
        for path in sorted(p for p in self.snapshots_dir.iterdir() if _ID.match(p.name)):
            if (path / BUILD).is_file():
                try:
                    found.append(Snapshot.open(path))
                except SnapshotError as error:
                    log.warning("%s", error)
        return found

    def serveable(self) -> tuple[Snapshot | None, str | None]:
        """The snapshot to serve and, when it is not the one ``CURRENT`` names, why.

        ``CURRENT``'s snapshot when it opens and verifies; else the newest snapshot that
        verifies, with a one-line note saying what was wrong. ``(None, None)`` when nothing
        was ever built; ``(None, note)`` when nothing verifies.
        """
        try:
            current = self.current()
            if current is None and not self.snapshots():
                return None, None
            if current is not None:
                current.check()
                return current, None
            problem = f"{self.root / CURRENT} is missing"
        except SnapshotError as error:
            problem = str(error)
            current = None
        for candidate in reversed(self.snapshots()):
            try:
                candidate.check()
            except SnapshotError as error:
                log.warning("%s", error)
                continue
            return candidate, f"{problem}; using the newest verified snapshot {candidate.id}"
        return None, f"{problem}; no snapshot in {self.snapshots_dir} verifies"

    def write(
        self, dataset: Dataset, inferred: Graph, report: Mapping[str, Any], meta: Mapping[str, Any]
    ) -> Snapshot:
        """Write a new snapshot from rdflib graphs and make it current; on any failure,
        change nothing."""
        base_iri = str(meta.get("base_iri") or DEFAULT_BASE_IRI)
        asserted_bytes = to_trig(dataset, base_iri=base_iri, inferred=False)
        inferred_bytes = to_ntriples(inferred)
        files = [(ASSERTED, (asserted_bytes,)), (INFERRED, (inferred_bytes,))]
        return self.publish(files, _counts(dataset, inferred, base_iri), report,
                            {**meta, "base_iri": base_iri})

    def publish(
        self,
        files: Iterable[tuple[str, Iterable[bytes]]],
        counts: Mapping[str, Any],
        report: Mapping[str, Any],
        meta: Mapping[str, Any],
    ) -> Snapshot:
        """Write a new snapshot and make it current; on any failure, change nothing.

        ``files`` names the RDF files (asserted TriG, then inferred N-Triples), each with its
        bytes in pieces, written and hashed as they come (a streamed file is never whole in
        memory); the id's hash covers them as ``asserted + "\\n#\\n" + inferred``.
        """
        created = dt.datetime.now(dt.UTC)
        stamp = created.strftime("%Y%m%dT%H%M%S%fZ")
        self.snapshots_dir.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".tmp-{stamp}-", dir=self.snapshots_dir))
        try:
            content = hashlib.sha256()
            hashes: dict[str, str] = {}
            for index, (name, pieces) in enumerate(files):
                if index:
                    content.update(b"\n#\n")
                hashes[name] = write_pieces(temp / name, pieces, content)
            snapshot_id = f"{stamp}-{content.hexdigest()[:10]}"
            report_bytes = json_bytes(report)
            hashes[REPORT] = hashlib.sha256(report_bytes).hexdigest()
            build = {**meta, "id": snapshot_id, "triples": dict(counts), "files": hashes,
                     "created": created.isoformat().replace("+00:00", "Z")}
            write_file(temp / REPORT, report_bytes)
            write_file(temp / BUILD, json_bytes(build))  # last: marks the snapshot complete
            fsync_dir(temp)
            final = self.snapshots_dir / snapshot_id
            os.rename(temp, final)
            fsync_dir(self.snapshots_dir)
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
        fsync_dir(self.root)


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


__all__ = ["Snapshot", "SnapshotError", "SnapshotStore"]
