"""What is being served: the current snapshot, swapped atomically on reload.

A :class:`LoadedSnapshot` is immutable once built: a request takes it once with
:meth:`ServingState.current` and uses that object to the end, so a query in flight sees one
consistent graph even if a reload swaps in another meanwhile.

The dataset served (docs/model.md): the default graph holds every asserted triple (the
union of the source graphs and ``<base>graph/common``, copied into the store's default
graph when loading); the named graphs are each source graph and ``<base>graph/inferred``.
Query workers load the same files (:class:`DatasetSource`) into their own store.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

logger = logging.getLogger(__name__)

ASSERTED = "asserted.trig"
INFERRED = "inferred.nt"
REPORT = "report.json"
BUILD = "build.json"

FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ttl": ox.RdfFormat.TURTLE,
}


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One RDF file of a dataset, and where its triples go."""

    path: str
    format: str  # a key of FORMATS
    graph: str | None = None  # target named graph for triple formats (None: as written)
    into_default: bool = False  # also copy its triples into the default graph


@dataclass(frozen=True, slots=True)
class DatasetSource:
    """How to load a served dataset: picklable, so that a worker process can load it."""

    files: tuple[SourceFile, ...]


def _quads(source: SourceFile) -> Iterator[ox.Quad]:
    fmt = FORMATS[source.format]
    target = ox.NamedNode(source.graph) if source.graph else None
    for quad in ox.parse(path=source.path, format=fmt):
        if target is not None and isinstance(quad.graph_name, ox.DefaultGraph):
            quad = ox.Quad(quad.subject, quad.predicate, quad.object, target)
        yield quad
        if source.into_default and not isinstance(quad.graph_name, ox.DefaultGraph):
            yield ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph())


def load_dataset(source: DatasetSource) -> ox.Store:
    """A new in-memory store holding ``source``."""
    store = ox.Store()
    for item in source.files:
        store.extend(_quads(item))
    return store


def snapshot_source(path: Path, base_iri: str) -> DatasetSource:
    """The files of a build snapshot directory (docs/model.md)."""
    files = [SourceFile(str(path / ASSERTED), "trig", into_default=True)]
    inferred = path / INFERRED
    if inferred.exists():
        files.append(SourceFile(str(inferred), "nt", graph=inferred_graph(base_iri)))
    return DatasetSource(tuple(files))


def inferred_graph(base_iri: str) -> str:
    return base_iri + "graph/inferred"


def _read_json(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    loaded = json.loads(path.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


@dataclass(frozen=True, eq=False)  # compared and hashed by identity
class LoadedSnapshot:
    """One served snapshot: its id, store (in this process), base IRI, metadata and report."""

    id: str
    store: ox.Store
    base_iri: str
    source: DatasetSource
    path: Path | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)
    named_graphs: frozenset[str] = frozenset()

    @property
    def inferred_graph(self) -> str:
        return inferred_graph(self.base_iri)

    def has_graph(self, iri: str) -> bool:
        return iri in self.named_graphs


def from_source(
    snapshot_id: str,
    source: DatasetSource,
    base_iri: str,
    *,
    path: Path | None = None,
    meta: dict[str, Any] | None = None,
    report: dict[str, Any] | None = None,
) -> LoadedSnapshot:
    """Load ``source`` into a store of this process and describe it."""
    store = load_dataset(source)
    graphs = frozenset(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    logger.info("loaded snapshot %s: %d quads, %d named graphs", snapshot_id, len(store),
                len(graphs))
    return LoadedSnapshot(snapshot_id, store, base_iri, source, path, meta or {},
                          report or {}, graphs)


def load_snapshot(path: Path, *, base_iri: str) -> LoadedSnapshot:
    """Load a snapshot directory (``asserted.trig``, ``inferred.nt``, ``report.json``,
    ``build.json``). ``build.json``'s ``base_iri`` and ``id`` win over the arguments."""
    meta = _read_json(path / BUILD)
    base = str(meta.get("base_iri") or base_iri)
    snapshot_id = str(meta.get("id") or path.name)
    return from_source(snapshot_id, snapshot_source(path, base), base, path=path, meta=meta,
                       report=_read_json(path / REPORT))


class SnapshotLike(Protocol):
    """What is needed of ``kyotei.graph.snapshot.Snapshot``."""

    @property
    def path(self) -> Path: ...


def load_built(snapshot: SnapshotLike, *, base_iri: str) -> LoadedSnapshot:
    """Load a snapshot the graph package built (or anything with a ``path``)."""
    return load_snapshot(Path(snapshot.path), base_iri=base_iri)


def current_snapshot_dir(build_dir: Path) -> Path | None:
    """The directory ``build/CURRENT`` names, or None when nothing is built."""
    marker = build_dir / "CURRENT"
    try:
        snapshot_id = marker.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if not snapshot_id or "/" in snapshot_id or snapshot_id.startswith("."):
        return None
    path = build_dir / "snapshots" / snapshot_id
    return path if (path / ASSERTED).exists() else None


class ServingState:
    """Holds the current snapshot behind a lock; :meth:`swap` replaces it atomically."""

    def __init__(self, snapshot: LoadedSnapshot) -> None:
        self._lock = threading.Lock()
        self._current = snapshot
        self._generation = 0

    def current(self) -> LoadedSnapshot:
        with self._lock:
            return self._current

    @property
    def generation(self) -> int:
        """How many swaps have happened (a cheap way to notice one)."""
        with self._lock:
            return self._generation

    def swap(self, new: LoadedSnapshot) -> LoadedSnapshot:
        """Serve ``new`` from now on; return the snapshot it replaced."""
        with self._lock:
            old, self._current = self._current, new
            self._generation += 1
        logger.info("serving snapshot %s (was %s)", new.id, old.id)
        return old
