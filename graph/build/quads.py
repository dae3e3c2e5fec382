"""The build's working store: records' triples written straight into Oxigraph, term for term.

The streaming build (docs/decisions/0010-streaming-build.md) writes every asserted triple
into one Oxigraph store (on disk for a large build), one named graph per source document
and ``graph/common``, ``graph/identity``, ``graph/links``; validation, reasoning and the
snapshot writers then read that store, and no rdflib graph of the data is ever made.

Oxigraph normalises some literals as it stores them; the terms' codec
(:mod:`kyotei.graph.build.terms`, whose names this module gives out too) keeps every term
exactly as the builder wrote it.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kyotei.graph.build.inplace import Derived
from kyotei.graph.build.terms import (
    BLANK_PROXY,
    KEPT_DATATYPE,
    KEPT_LANGUAGE,
    OxTerm,
    StoreTerms,
    StoreView,
    TermCodec,
    Triple,
)

log = logging.getLogger(__name__)

WORK_GRAPH = "urn:kyotei:build:work"  # the reasoner's working graph
DERIVED_GRAPH = "urn:kyotei:build:derived"  # what the reasoner's rules derived
ONTOLOGY_GRAPH = "urn:kyotei:build:ontology"  # the ontology, while reasoning
_BATCH = 100_000  # quads held before they are bulk-loaded (or spooled)
_SPOOL = 1_000_000  # lines spooled before they are bulk-loaded (one batch of Oxigraph's)
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt(iri: str) -> str:
    """An IRI as an N-Triples term."""
    return f"<{iri}>"


class NTerms:
    """The builder's terms as N-Triples text (no rdflib or Oxigraph object per value: the
    build's cost), as a target keeps them: with ``codec`` (the store) a literal Oxigraph would
    change in its kept form (see the module's docstring); without, as written."""

    def __init__(self, codec: TermCodec | None = None) -> None:
        self._codec = codec
        self._typed: dict[tuple[type, object, str], str] = {}
        self._langs: dict[str, str] = {}

    def text(self, lexical: str, lang: str | None = None) -> str:
        """A plain literal, or one with a language tag."""
        if '"' in lexical or "\\" in lexical or "\n" in lexical or "\r" in lexical:
            lexical = lexical.translate(_ESCAPES)  # the four N-Triples must escape
        quoted = f'"{lexical}"'
        if not lang:
            return quoted
        if (suffix := self._langs.get(lang)) is None:
            suffix = self._langs[lang] = self._language(lang)
        return quoted + suffix

    def _language(self, lang: str) -> str:
        tag = Literal("", lang=lang).language or ""  # as rdflib keeps it
        kept = self._codec.node(Literal("", lang=tag)) if self._codec is not None else None
        keeps = isinstance(kept, ox.Literal) and not kept.language  # a tag Oxigraph changes
        return f"^^<{kept.datatype.value}>" if keeps else f"@{tag}"  # type: ignore[union-attr]

    def typed(self, value: object, datatype: str) -> str:
        """A typed literal of ``value`` (a lexical form, a bool or an int), with the lexical
        form rdflib gives it."""
        key = (type(value), value, datatype)
        if (found := self._typed.get(key)) is None:
            literal = Literal(value, datatype=URIRef(datatype))
            lexical = '"' + str(literal).translate(_ESCAPES) + '"'
            kept = self._codec.node(literal) if self._codec is not None else None
            kind = kept.datatype.value if isinstance(kept, ox.Literal) else str(literal.datatype)
            found = self._typed[key] = f"{lexical}^^<{kind}>"
        return found


class GraphOut:
    """One named graph as the builder writes it: ``add(s, p, o)`` of N-Triples terms."""

    __slots__ = ("_lines", "_name", "_sink", "identifier")

    def __init__(self, sink: QuadLines, name: str) -> None:
        self.identifier, self._name = name, f"<{name}> .\n"
        self._sink, self._lines = sink, sink.lines

    def add(self, s: str, p: str, o: str) -> None:
        self._lines.append(f"{s} {p} {o} {self._name}")
        if len(self._lines) >= _BATCH:
            self._sink.flush_lines()

    def add_triple(self, triple: Triple) -> None:
        """An rdflib triple (curated data: it may hold blank nodes), as it is."""
        self._sink.add_triple(triple, self.identifier)


class QuadLines:
    """N-Quads lines the builder writes, and rdflib triples it copies (curated links), for
    rdflib to parse (``build_dataset``); :class:`BuildStore` loads them into Oxigraph."""

    def __init__(self, codec: TermCodec | None = None) -> None:
        self.terms = NTerms(codec)
        self.lines: list[str] = []
        self.triples: list[tuple[Triple, str]] = []
        self.graphs: dict[str, GraphOut] = {}  # those asked for (a Dataset has them, empty)

    def graph(self, name: str) -> GraphOut:
        out = self.graphs.get(name := str(name))
        if out is None:
            out = self.graphs[name] = GraphOut(self, name)
        return out

    def flush_lines(self) -> None:
        """Nothing to do when the lines are only collected."""

    def add_triple(self, triple: Triple, graph: str) -> None:
        self.triples.append((triple, graph))


class BuildStore:
    """The build's Oxigraph store: asserted named graphs, then the inferred graph.

    ``folder`` None keeps the store in memory (small builds); otherwise it lives on disk in
    a new folder made under ``folder`` and removed by :meth:`close`.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.codec = TermCodec()
        self._temp: Path | None = None
        if folder is None:
            self.store = ox.Store()
        else:
            folder.mkdir(parents=True, exist_ok=True)
            self._temp = Path(tempfile.mkdtemp(prefix=".store-", dir=folder))
            self.store = ox.Store(str(self._temp))
        self._buffer: list[ox.Quad] = []
        self._compacted = False  # see :meth:`compact`
        self._held: Derived | None = None  # see :meth:`hold`
        self._held_lock = threading.Lock()
        spool = None if self._temp is None else self._temp.with_name(self._temp.name + ".nq")
        if spool is not None:  # a folder: what a killed build leaves, the next one removes
            spool.mkdir()
        self.out = _StoreLines(self, spool)

    @property
    def on_disk(self) -> bool:
        return self._temp is not None

    def append(self, quad: ox.Quad) -> None:
        self._buffer.append(quad)
        if len(self._buffer) >= _BATCH:
            self.flush()

    def add_triples(self, triples: Iterable[Triple], graph: URIRef) -> None:
        name = ox.NamedNode(str(graph))
        for triple in triples:
            self.append(self.codec.quad(triple, name))
        self.flush()

    def flush(self) -> None:
        self.out.load()
        if self._buffer:
            self._compacted = False
            self._drop_derived()  # the closure's files no longer say all a graph holds
            self.store.bulk_extend(self._buffer)
            self._buffer = []

    def compact(self) -> None:
        """Compact an on-disk store before it is read term by term (nothing in memory), once
        until something is written again.

        The build fills the store by bulk loads, each of which adds files covering the whole
        key range of the table of strings: reading a term back from the store (one look-up
        per IRI or literal of each row) then tries every such file, more of them the larger
        the build. Compacted, a look-up tries one; it halves the reading at 1M-3M triples, for
        ~1 s CPU per million triples (figures: benchmarks/bench_build.py).
        """
        self.flush()
        if self._temp is None or self._compacted:
            return
        started = time.process_time()
        self.store.optimize()
        self._compacted = True
        log.info("build store compacted in %.1f s CPU", time.process_time() - started)

    def graph_names(self, *, skip: Iterable[str] = ()) -> list[ox.NamedNode]:
        """The store's non-empty named graphs, sorted by IRI, but those in ``skip``."""
        self.flush()
        left_out = {*map(str, skip), WORK_GRAPH, DERIVED_GRAPH, ONTOLOGY_GRAPH}
        names = [g for g in self.store.named_graphs()
                 if isinstance(g, ox.NamedNode) and g.value not in left_out]
        return sorted((g for g in names  # non-empty: one look-up, not a count of every triple
                       if next(iter(self.store.quads_for_pattern(None, None, None, g)), None)
                       is not None), key=lambda g: g.value)

    def hold(self, derived: Derived) -> None:
        """Keep the files the closure's queries loaded into a graph of this store (one
        hand-over at a time: one held before is closed), until :meth:`derived` takes them or
        anything is written to the store."""
        if derived.store is not self.store:
            derived.close()
            raise ValueError("the closure's files are of another store")
        self._drop_derived()
        with self._held_lock:
            self._held = derived

    def derived(self, graph: ox.NamedNode) -> Derived | None:
        """The files the closure's queries loaded into ``graph``, once (the caller then
        closes them), if they still say all it holds: nothing was written since."""
        with self._held_lock:
            found, self._held = self._held, None
            if found is not None and found.graph != graph:
                self._held, found = found, None
        return found

    def _drop_derived(self) -> None:
        with self._held_lock:
            found, self._held = self._held, None
        if found is not None:
            found.close()

    def size(self, graph: ox.NamedNode) -> int:
        found = self.store.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        assert isinstance(found, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
        return int(next(iter(found))[0].value)

    def quads(self, graph: ox.NamedNode) -> Iterator[ox.Quad]:
        self.flush()
        return iter(self.store.quads_for_pattern(None, None, None, graph))

    def triples(self, graphs: Iterable[ox.NamedNode]) -> Iterator[Triple]:
        """The rdflib triples of ``graphs`` (the reference engines' way in: small data)."""
        for graph in graphs:
            for quad in self.quads(graph):
                yield self.codec.back(quad)

    def distinct_triples(self, graphs: list[ox.NamedNode]) -> int:
        """How many distinct triples ``graphs`` hold together (a triple in two counts once)."""
        total = sum(self.size(g) for g in graphs)
        if len(graphs) < 2:
            return total
        names = " ".join(str(g) for g in graphs)
        listed = ", ".join(str(g) for g in graphs)
        again = self.store.query(  # the graphs holding a triple: one index look-up each
            f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} "
            f"FILTER EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} "
            f"FILTER (STR(?h) < STR(?g) && ?h IN ({listed})) }} }}"
        )
        assert isinstance(again, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
        return total - int(next(iter(again))[0].value)

    def close(self) -> None:
        """Drop the store and remove its folder (when on disk)."""
        self._buffer = []
        self._drop_derived()
        try:
            self.out.close()  # waits for a load in flight (and raises its error)
        finally:
            del self.store
            if self._temp is not None:
                shutil.rmtree(self._temp, ignore_errors=True)
                shutil.rmtree(self._temp.with_name(self._temp.name + ".nq"), ignore_errors=True)
                self._temp = None


class _StoreLines(QuadLines):
    """The builder's lines, bulk loaded into the store: in memory a batch at a time; on disk
    spooled to N-Quads files beside the store and loaded ``_SPOOL`` lines at a time (and
    when the store is next read, :meth:`BuildStore.flush`), not one ``bulk_load`` per
    batch: each writes and ingests new files of every index, whose merging grows with their
    number (3M triples: 43 s CPU in one load, 61 s in 100k-line loads). Each load's files
    land on level 0, and every few loads RocksDB merges them in the background into all that
    is below (3M: 9.5-10.4 s CPU in 500k-line loads, 1.5 in 1M-line ones, more than linearly
    with the size): a million lines, one batch of Oxigraph's loader (~0.55 GB more than half).

    A full spool file is loaded in a thread (``bulk_load`` releases the GIL) while the
    builder writes the next one: one load at a time (a second full file waits for it, so
    memory stays as bounded as one load), waited for by :meth:`load` and :meth:`close`,
    which raise its error. The parts are numbered in a folder beside the store's
    (``.store-*.nq``: a killed build's is removed by the next build, which removes folders
    only) and each is removed once loaded. The order of the
    loads does not matter: a store is a set of quads, and the lines hold no blank nodes
    whose labels two loads could tell apart (curated triples go in by ``add_triple``)."""

    def __init__(self, store: BuildStore, spool: Path | None) -> None:
        super().__init__(store.codec)
        self._store, self._spool = store, spool
        self._file: IO[str] | None = None
        self._spooled = 0
        self._parts = 0  # spool files started
        self._loading: threading.Thread | None = None
        self._failed: BaseException | None = None

    def _part(self, number: int) -> Path:
        assert self._spool is not None  # noqa: S101 - only spooled on disk
        return self._spool / f"{number}.nq"

    def flush_lines(self) -> None:
        if not self.lines:
            return
        if self._spool is None:
            data = "".join(self.lines).encode("utf-8")
            self.lines.clear()  # in place: every GraphOut holds this list
            self._store.store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
            return
        if self._file is None:
            self._file = self._part(self._parts).open("w", encoding="utf-8")
            self._parts += 1
        self._file.writelines(self.lines)  # half the CPU of joining them first (1M: 0.3 s)
        self._spooled += len(self.lines)
        self.lines.clear()
        if self._spooled >= _SPOOL:
            self._start()

    def _start(self) -> None:
        """Load the spool file written so far in a thread, once the previous load is done."""
        if self._file is None:
            return
        self._wait()
        self._file.close()
        self._file, self._spooled = None, 0
        self._store._compacted = False
        part = self._part(self._parts - 1)
        self._loading = threading.Thread(target=self._run, args=(part,), daemon=True,
                                         name=f"kyotei-load-{part.name}")
        self._loading.start()

    def _run(self, part: Path) -> None:
        try:
            self._store.store.bulk_load(path=part, format=ox.RdfFormat.N_QUADS)
        except BaseException as exc:  # raised in the build by _wait
            self._failed = exc
        finally:
            part.unlink(missing_ok=True)

    def _wait(self) -> None:
        """Wait for the load in flight; raise its error, if any, here."""
        if self._loading is not None:
            self._loading.join()
            self._loading = None
        if (failed := self._failed) is not None:
            self._failed = None
            raise failed

    def load(self) -> None:
        """Bulk load what is spooled (the lines written so far), and wait for it."""
        self.flush_lines()
        self._start()
        self._wait()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            self._part(self._parts - 1).unlink(missing_ok=True)
        self._wait()

    def add_triple(self, triple: Triple, graph: str) -> None:
        self._store.append(self._store.codec.quad(triple, ox.NamedNode(graph)))


__all__ = [
    "BLANK_PROXY", "DERIVED_GRAPH", "KEPT_DATATYPE", "KEPT_LANGUAGE", "ONTOLOGY_GRAPH",
    "WORK_GRAPH", "BuildStore", "Derived", "GraphOut", "NTerms", "OxTerm", "QuadLines",
    "StoreTerms", "StoreView", "TermCodec", "Triple", "nt",
]
