"""What is being served: the current snapshot, swapped atomically on reload.

A :class:`LoadedSnapshot` is immutable once built: a request takes it once with
:meth:`ServingState.current` and uses that object to the end, so a query in flight sees one
consistent graph even if a reload swaps in another meanwhile.

The dataset served (docs/model.md): the default graph holds every asserted triple (the
union of the source graphs and ``<base>graph/common``, copied into the store's default
graph when loading); the named graphs are each source graph and ``<base>graph/inferred``.
Snapshots are read with the graph package's :class:`kyotei.graph.publish.snapshot.Snapshot`.

Nothing is served unchecked, and every process serves the same bytes: loading a snapshot
verifies each file against the sha256 in its ``build.json`` and bulk-loads the verified bytes
into a private on-disk Oxigraph store (a directory of this process, see :class:`StoreHome`);
the durable edits (:mod:`kyotei.graph.publish.edits`) are replayed into it; then the server and
every query worker open that store read-only (:class:`DatasetSource` names it). A file changed
or made unreadable after loading cannot reach what is served, a worker that respawns opens the
same verified store, and the workers share its pages through the page cache instead of each
holding a copy in memory.
"""

from __future__ import annotations

import atexit
import ctypes
import logging
import os
import shutil
import tempfile
import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from kyotei.graph.publish.edits import EditLog, Replay, apply_edits
from kyotei.graph.publish.snapshot import Snapshot, SnapshotStore

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One RDF file of a dataset, and where its triples go."""

    path: str
    format: str  # a file extension pyoxigraph knows: trig, nq, nt, ttl, …
    graph: str | None = None  # target named graph for triple formats (None: as written)
    into_default: bool = False  # also copy its triples into the default graph


@dataclass(frozen=True, slots=True)
class DatasetSource:
    """How to open a served dataset: picklable, so that a worker process can open it.
    ``store``: a verified on-disk store, opened read-only; else a build snapshot directory
    (verified and loaded in memory by the graph package), then any further files."""

    snapshot: str | None = None
    files: tuple[SourceFile, ...] = ()
    store: str | None = None


def _quads(source: SourceFile) -> Iterator[ox.Quad]:
    fmt = ox.RdfFormat.from_extension(source.format)
    if fmt is None:
        raise KeyError(source.format)
    target = ox.NamedNode(source.graph) if source.graph else None
    for quad in ox.parse(path=source.path, format=fmt):
        if target is not None and isinstance(quad.graph_name, ox.DefaultGraph):
            quad = ox.Quad(quad.subject, quad.predicate, quad.object, target)
        yield quad
        if source.into_default and not isinstance(quad.graph_name, ox.DefaultGraph):
            yield ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph())


def load_dataset(source: DatasetSource) -> ox.Store:
    """The store holding ``source``: its on-disk store opened read-only, or a new
    in-memory one."""
    if source.store is not None:
        return ox.Store.read_only(source.store)
    store = Snapshot.open(Path(source.snapshot)).load_oxigraph() if source.snapshot \
        else ox.Store()
    for item in source.files:
        store.extend(_quads(item))
    return store


_HOME_PREFIX = "kyotei-stores-"


def sweep_abandoned(folder: Path) -> list[Path]:
    """Remove the store homes in ``folder`` left by server processes that died without
    cleaning up (``kyotei-stores-<pid>-*`` whose process is gone); return them."""
    removed = []
    for home in folder.glob(f"{_HOME_PREFIX}*-*"):
        pid = home.name.removeprefix(_HOME_PREFIX).split("-")[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(home, ignore_errors=True)
            removed.append(home)
        except PermissionError:
            continue  # alive, someone else's
    if removed:
        logger.info("removed %d store folder(s) of servers that are gone", len(removed))
    return removed


class StoreHome:
    """The private directory of this process's on-disk stores (mode 0700, removed at exit;
    one left by a killed server is swept by the next). A store is removed once the snapshot
    served from it is no longer referenced."""

    _lock = threading.Lock()
    _root: Path | None = None

    @classmethod
    def new_dir(cls, name: str) -> Path:
        with cls._lock:
            if cls._root is None or not cls._root.is_dir():
                sweep_abandoned(Path(tempfile.gettempdir()))
                cls._root = Path(tempfile.mkdtemp(prefix=f"{_HOME_PREFIX}{os.getpid()}-"))
                atexit.register(shutil.rmtree, cls._root, True)
            return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=cls._root)) / "store"


def build_private_store(
    name: str, built: Snapshot | None = None, edits: EditLog | None = None, *,
    copy_of: str | None = None, copy_from: ox.Store | None = None,
    delta: tuple[list[ox.Quad], list[ox.Quad]] | None = None,
) -> tuple[str, Replay]:
    """A new private on-disk store, closed (ready to open read-only), and the replay of the
    edits. From ``built``'s verified bytes with ``edits`` replayed; or a copy of another
    private store (``copy_of``, its path; else the quads of ``copy_from``) with ``delta``
    (removed, added) applied. Raises SnapshotError when ``built`` fails verification."""
    target = StoreHome.new_dir(name)
    replay = Replay()
    if built is not None:
        store = built.build_store(target)
        if edits is not None:
            replay = apply_edits(edits, store)
    else:
        if copy_of is not None:
            ox.Store.read_only(copy_of).backup(str(target))
            store = ox.Store(str(target))
        else:
            store = ox.Store(str(target))
            store.bulk_extend(copy_from if copy_from is not None else [])
        removed, added = delta or ([], [])
        for quad in removed:
            store.remove(quad)
        store.extend(added)
    store.flush()
    del store  # closes RocksDB: read-only openers must not meet a writer
    release_freed_memory()
    return str(target), replay


def release_freed_memory() -> None:
    """Give the heap the bulk load freed back to the system (glibc's ``malloc_trim``): the
    allocator keeps it otherwise, and the server would hold it as long as it runs (measured:
    ~150 MB at 1M triples). Nothing happens where the C library has no such call."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return
    trim(0)


def _remove_store(path: str) -> None:
    shutil.rmtree(Path(path).parent, ignore_errors=True)


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
    replay: Replay = field(default_factory=Replay)  # durable edits replayed on the build

    def owns_store(self) -> LoadedSnapshot:
        """Remove the private store once this object is gone (call once, by its creator)."""
        if self.source.store is not None:
            weakref.finalize(self, _remove_store, self.source.store)
        return self

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
    replay: Replay | None = None,
) -> LoadedSnapshot:
    """Open ``source`` in this process and describe it."""
    store = load_dataset(source)
    graphs = frozenset(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    logger.info("loaded snapshot %s: %d quads, %d named graphs", snapshot_id, len(store),
                len(graphs))
    return LoadedSnapshot(snapshot_id, store, base_iri, source, path, meta or {},
                          report or {}, graphs, built, replay or Replay())


def load_snapshot(path: Path, *, base_iri: str | None = None,
                  edits: EditLog | None = None) -> LoadedSnapshot:
    """Verify a build snapshot directory (docs/model.md), load it into a private on-disk
    store with ``edits`` replayed, and open that store. Its ``build.json`` names the base
    IRI; ``base_iri`` is only used when it does not. Raises SnapshotError when a file does
    not match its hash (nothing is then served from it)."""
    built = Snapshot.open(path)
    base = str(built.meta.get("base_iri") or base_iri or built.base_iri)
    report = built.load_report() if built.report_path.exists() else {}
    store, replay = build_private_store(built.id, built, edits)
    return from_source(built.id, DatasetSource(snapshot=str(path), store=store), base,
                       path=path, meta=built.meta, report=report,
                       built=None if replay.applied else built, replay=replay).owns_store()


def load_built(snapshot: SnapshotLike, *, base_iri: str | None = None,
               edits: EditLog | None = None) -> LoadedSnapshot:
    """Load a snapshot the graph package built (or anything with a ``path``)."""
    return load_snapshot(Path(snapshot.path), base_iri=base_iri, edits=edits)


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

    def current(self) -> LoadedSnapshot:
        with self._lock:
            return self._current

    def swap(self, new: LoadedSnapshot) -> LoadedSnapshot:
        """Serve ``new`` from now on; return the snapshot it replaced."""
        with self._lock:
            old, self._current = self._current, new
        logger.info("serving snapshot %s (was %s)", new.id, old.id)
        return old
