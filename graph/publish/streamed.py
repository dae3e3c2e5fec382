"""The snapshot's RDF files written from the build's Oxigraph store, a subject at a time.

The same bytes as :func:`kyotei.graph.publish.writers.to_trig` and
:func:`~kyotei.graph.publish.writers.to_ntriples` give for the same triples (tested on the
shipped build and on seeded samples): each subject's triples are read from the store,
turned back into the builder's rdflib terms (:class:`kyotei.graph.build.quads.TermCodec`)
and spelled by the very functions those writers use; only the order is made differently.
A graph is read one subject at a time (Oxigraph's own ``DISTINCT`` over its subjects, then
each subject's triples), each subject's block is written, and the blocks are put in the
writers' order by a sort that spills to temporary files past :data:`SPILL_AT` items, so
that memory stays flat however large the graph. A graph with blank nodes (never made by the
builder; a curated links file may hold some) is written the writers' way, whole, so that
its labels are canonical.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kyotei.graph.build.quads import BuildStore, Triple
from kyotei.graph.publish.snapshot import ASSERTED, INFERRED, Snapshot, SnapshotStore
from kyotei.graph.publish.writers import (
    _canonical,
    _Names,
    _nt,
    _sort_key,
    inferred_graph_iri,
)

SPILL_AT = 100_000  # items sorted in memory before a sorted run goes to a temporary file


def write_snapshot(
    snapshots: SnapshotStore,
    data: BuildStore,
    report: Mapping[str, Any],
    meta: Mapping[str, Any],
    counts: Mapping[str, Any] | None = None,
) -> Snapshot:
    """Publish the store's asserted graphs and its inferred graph as a new snapshot (the
    same files, byte for byte, as :meth:`SnapshotStore.write` of the same triples).
    ``counts``: :func:`triple_counts` of the store, when the caller has them already."""
    base_iri = str(meta["base_iri"])
    inferred = ox.NamedNode(str(inferred_graph_iri(base_iri)))
    graphs = data.graph_names(skip=[inferred.value])
    counts = counts if counts is not None else triple_counts(data, base_iri)
    files = [
        (ASSERTED, _encoded(trig_chunks(data, graphs, base_iri=base_iri))),
        (INFERRED, _encoded(ntriples_chunks(data, inferred))),
    ]
    return snapshots.publish(files, counts, report, meta)


def triple_counts(data: BuildStore, base_iri: str) -> dict[str, Any]:
    """``build.json``'s ``triples``: distinct asserted triples (a triple in two graphs counts
    once), inferred triples, and triples per asserted graph."""
    inferred = ox.NamedNode(str(inferred_graph_iri(base_iri)))
    graphs = data.graph_names(skip=[inferred.value])
    return {
        "asserted": data.distinct_triples(graphs),
        "inferred": data.size(inferred),
        "graphs": {g.value: data.size(g) for g in graphs},
    }


def _encoded(chunks: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """UTF-8 pieces of about ``size`` characters (fewer, larger writes)."""
    held: list[str] = []
    count = 0
    for chunk in chunks:
        held.append(chunk)
        count += len(chunk)
        if count >= size:
            yield "".join(held).encode("utf-8")
            held, count = [], 0
    if held:
        yield "".join(held).encode("utf-8")


def trig_chunks(data: BuildStore, graphs: list[ox.NamedNode], *, base_iri: str) -> Iterator[str]:
    """The asserted TriG of ``graphs`` (sorted by IRI, as :func:`to_trig` sorts them)."""
    names = _Names(base_iri)
    out = _TrailingNewlines()
    yield out.text(names.header())
    for graph in graphs:
        name = URIRef(graph.value)
        yield out.text(f"{names.term(name)} {{\n")
        for block in _blocks(data, graph, names, indent="    "):
            yield out.text(block)
        yield out.text("}\n\n")
    yield "\n"


def ntriples_chunks(data: BuildStore, graph: ox.NamedNode) -> Iterator[str]:
    """The N-Triples of one graph, lines sorted (as :func:`to_ntriples` writes them)."""
    if _has_blank_nodes(data, graph):
        rdflib_graph = _rdflib_graph(data, graph)
        lines: Iterable[str] = sorted(
            {f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in _canonical(rdflib_graph)})
        yield from lines
        return
    back = data.codec.back
    triples = (back(q) for q in data.quads(graph))
    lines = (f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in triples)
    yield from (line for line, _ in _sorted((line, "") for line in lines))


def _blocks(data: BuildStore, graph: ox.NamedNode, names: _Names, *, indent: str
            ) -> Iterator[str]:
    """Each subject's block (with the blank line after it), in the writers' subject order."""
    if _has_blank_nodes(data, graph):
        yield names.body(_canonical(_rdflib_graph(data, graph), scope=URIRef(graph.value)),
                         indent=indent)
        return
    last = None
    for key, block in _sorted(_subject_blocks(data, graph, names, indent)):
        if key == last:  # pragma: no cover - Oxigraph's on-disk index order is by subject
            raise RuntimeError(f"{graph}: subject {key[1]} was read in two pieces")
        last = key
        yield block


def _subject_blocks(data: BuildStore, graph: ox.NamedNode, names: _Names, indent: str
                    ) -> Iterator[tuple[Any, str]]:
    """(sort key, block) of each subject of ``graph``, in no particular order.

    An on-disk store reads a graph in its index order, one subject after another (a subject
    coming back later is caught after the sort, by :func:`_blocks`); the in-memory store has
    no such order, so there each subject's triples are asked for on their own.
    """
    back = data.codec.back
    if data.on_disk:
        current: object = None
        triples: list[Triple] = []
        for quad in data.quads(graph):
            if quad.subject != current and triples:
                yield _sort_key(triples[0][0]), names.body(triples, indent=indent)
                triples = []
            current = quad.subject
            triples.append(back(quad))
        if triples:
            yield _sort_key(triples[0][0]), names.body(triples, indent=indent)
        return
    subjects = data.store.query(f"SELECT DISTINCT ?s WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    assert isinstance(subjects, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
    for row in subjects:
        quads = data.store.quads_for_pattern(row[0], None, None, graph)
        found = [back(quad) for quad in quads]
        yield _sort_key(found[0][0]), names.body(found, indent=indent)


def _has_blank_nodes(data: BuildStore, graph: ox.NamedNode) -> bool:
    found = data.store.query(
        f"ASK {{ GRAPH {graph} {{ ?s ?p ?o FILTER (isBlank(?s) || isBlank(?o)) }} }}")
    return bool(found)


def _rdflib_graph(data: BuildStore, graph: ox.NamedNode) -> Graph:
    out = Graph()
    for triple in data.triples([graph]):
        out.add(triple)
    return out


class _TrailingNewlines:
    """Holds back trailing newlines, so that the whole text ends with exactly one (as
    ``"".join(parts).rstrip("\\n") + "\\n"`` does) without joining it in memory."""

    def __init__(self) -> None:
        self._held = ""

    def text(self, chunk: str) -> str:
        kept = chunk.rstrip("\n")
        if not kept:
            self._held += chunk
            return ""
        out = self._held + kept
        self._held = chunk[len(kept):]
        return out


def _sorted(items: Iterable[tuple[Any, str]]) -> Iterator[tuple[Any, str]]:
    """``items`` in the order of their keys; past :data:`SPILL_AT` items, sorted runs go to
    temporary files and are merged (memory stays that of one run)."""
    runs: list[IO[bytes]] = []
    batch: list[tuple[Any, str]] = []
    try:
        for item in items:
            batch.append(item)
            if len(batch) >= SPILL_AT:
                runs.append(_spill(batch))
                batch = []
        batch.sort(key=lambda item: item[0])
        if not runs:
            yield from batch
            return
        yield from heapq.merge(*(_read(run) for run in runs), iter(batch), key=lambda i: i[0])
    finally:
        for run in runs:
            run.close()


def _spill(batch: list[tuple[Any, str]]) -> IO[bytes]:
    batch.sort(key=lambda item: item[0])
    run = tempfile.TemporaryFile()
    for item in batch:
        pickle.dump(item, run, protocol=pickle.HIGHEST_PROTOCOL)
    run.seek(0)
    return run


def _read(run: IO[bytes]) -> Iterator[tuple[Any, str]]:
    while True:
        try:
            yield pickle.load(run)  # noqa: S301 - our own temporary file
        except EOFError:
            return


__all__ = ["SPILL_AT", "ntriples_chunks", "trig_chunks", "triple_counts", "write_snapshot"]
