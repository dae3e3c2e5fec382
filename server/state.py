"""What is being served: the current snapshot, swapped atomically on reload.

A :class:`LoadedSnapshot` is immutable once built: a request takes it once with
:meth:`ServingState.current` and uses that object to the end, so a query in flight sees one
consistent graph even if a reload swaps in another meanwhile.

The dataset served (docs/model.md): the default graph holds every asserted triple (the
union of the source graphs and ``<base>graph/common``, copied into the store's default
graph when loading); the named graphs are each source graph and ``<base>graph/inferred``.
Snapshots are read with the graph package's :class:`kyotei.graph.publish.snapshot.Snapshot`;
query workers load the same files (:class:`DatasetSource`) into their own store.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from kyotei.graph.publish.snapshot import Snapshot, SnapshotStore

logger = logging.getLogger(__name__)

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
    """How to load a served dataset: picklable, so that a worker process can load it. A
    build snapshot directory (loaded by the graph package), then any further files."""

    snapshot: str | None = None
    files: tuple[SourceFile, ...] = ()


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
    store = Snapshot.open(Path(source.snapshot)).load_oxigraph() if source.snapshot \
        else ox.Store()
    for item in source.files:
        store.extend(_quads(item))
    return store


def inferred_graph(base_iri: str) -> str:
    return base_iri + "graph/inferred"


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
    built: Snapshot | None = None  # the build snapshot, unless changed by updates

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
    built: Snapshot | None = None,
) -> LoadedSnapshot:
    """Load ``source`` into a store of this process and describe it."""
    store = load_dataset(source)
    graphs = frozenset(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    logger.info("loaded snapshot %s: %d quads, %d named graphs", snapshot_id, len(store),
                len(graphs))
    return LoadedSnapshot(snapshot_id, store, base_iri, source, path, meta or {},
                          report or {}, graphs, built)


def load_snapshot(path: Path, *, base_iri: str | None = None) -> LoadedSnapshot:
    """Load a build snapshot directory (docs/model.md). Its ``build.json`` names the base
    IRI; ``base_iri`` is only used when it does not."""
    built = Snapshot.open(path)
    base = str(built.meta.get("base_iri") or base_iri or built.base_iri)
    report = built.load_report() if built.report_path.exists() else {}
    return from_source(built.id, DatasetSource(snapshot=str(path)), base, path=path,
                       meta=built.meta, report=report, built=built)


def load_built(snapshot: SnapshotLike, *, base_iri: str | None = None) -> LoadedSnapshot:
    """Load a snapshot the graph package built (or anything with a ``path``)."""
    return load_snapshot(Path(snapshot.path), base_iri=base_iri)


class SnapshotLike(Protocol):
    """What is needed of ``kyotei.graph.publish.snapshot.Snapshot``."""

    @property
    def path(self) -> Path: ...


def current_snapshot_dir(build_dir: Path) -> Path | None:
    """The snapshot directory ``build/CURRENT`` names, or None when nothing is built.
    Raises ``kyotei.graph.publish.snapshot.SnapshotError`` when CURRENT names no complete
    snapshot."""
    current = SnapshotStore(build_dir).current()
    return None if current is None else current.path


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
