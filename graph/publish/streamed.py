"""The snapshot's RDF files written from the build's Oxigraph store, a subject at a time.

The same bytes as :func:`kyotei.graph.publish.writers.to_trig` and
:func:`~kyotei.graph.publish.writers.to_ntriples` give for the same triples (tested on the
shipped build and on seeded samples), without making an rdflib term of what is read:
:class:`kyotei.graph.publish.spelling.Spelling` spells the store's terms as those writers
spell the rdflib terms the codec (:class:`kyotei.graph.build.quads.TermCodec`) makes of
them. Each graph is read once, in the store's own order: an on-disk store gives a graph's
triples subject by subject; the in-memory store (a small build) has no such order, so there
each subject's triples are asked for on their own. Each subject's block is written, and the
blocks (the inferred graph's lines) are put in the writers' order by a sort that spills to
temporary files past :data:`SPILL_AT` items, so that memory stays flat however large the
graph. A graph with a blank node (never made by the builder; a curated links file may hold
some) is written the writers' way, whole, so that its labels are canonical.

The counts in ``build.json`` come from a count of each graph and one query for the
subjects found in more than one asserted graph (the only ones whose triples can be counted
twice), whose triples are then compared.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any, TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kyotei.graph.build.quads import DERIVED_GRAPH, ONTOLOGY_GRAPH, WORK_GRAPH, BuildStore
from kyotei.graph.publish.derived import derived_lines
from kyotei.graph.publish.snapshot import ASSERTED, INFERRED, Snapshot, SnapshotStore
from kyotei.graph.publish.spelling import Spelling, Unspelled
from kyotei.graph.publish.writers import TermNames, canonical_triples, inferred_graph_iri, nt_term

SPILL_AT = 100_000  # items sorted in memory before a sorted run goes to a temporary file
_CHUNK = 4_096  # items pickled together in a run (and read back together)
_NOT_ASSERTED = (WORK_GRAPH, DERIVED_GRAPH, ONTOLOGY_GRAPH)
T = TypeVar("T")


def write_snapshot(
    snapshots: SnapshotStore,
    data: BuildStore,
    report: Mapping[str, Any],
    meta: Mapping[str, Any],
    counts: Mapping[str, Any] | None = None,
    asserted: Iterable[bytes] | None = None,
) -> Snapshot:
    """Publish the store's asserted graphs and its inferred graph as a new snapshot (the
    same files, byte for byte, as :meth:`SnapshotStore.write` of the same triples).
    ``counts``: :func:`triple_counts` of the store, when the caller has them already;
    ``asserted``: the asserted TriG's bytes, when written already (by another process,
    :mod:`kyotei.graph.publish.overlapped`, from a copy of this store's asserted graphs).
    The inferred N-Triples come from the files the closure's queries wrote, when they were
    kept (:mod:`kyotei.graph.publish.derived`), else from the graph read back."""
    base_iri = str(meta["base_iri"])
    inferred = ox.NamedNode(str(inferred_graph_iri(base_iri)))
    if counts is None:
        counts = triple_counts(data, base_iri)
    graphs = [ox.NamedNode(g) for g in sorted(counts["graphs"])]
    if asserted is None:
        asserted = encoded(trig_chunks(data, graphs, base_iri=base_iri))
    derived = data.derived(inferred)  # the closure's own text, when kept
    lines = (encoded(ntriples_chunks(data, inferred)) if derived is None
             else derived_lines(derived, data.codec, int(counts["inferred"])))
    return snapshots.publish([(ASSERTED, asserted), (INFERRED, lines)], counts, report, meta)


def triple_counts(data: BuildStore, base_iri: str) -> dict[str, Any]:
    """``build.json``'s ``triples``: distinct asserted triples (a triple in two graphs counts
    once), inferred triples, and triples per asserted graph (see :func:`asserted_counts`)."""
    asserted = asserted_counts(data, base_iri)
    inferred = ox.NamedNode(str(inferred_graph_iri(base_iri)))
    return {"asserted": asserted["asserted"], "inferred": data.size(inferred),
            "graphs": asserted["graphs"]}


def asserted_counts(data: BuildStore, base_iri: str) -> dict[str, Any]:
    """Distinct asserted triples (``asserted``: a triple in two graphs counts once) and
    triples per asserted graph (``graphs``: each non-empty graph named by an IRI but the
    inferred graph and the reasoner's working graphs, sorted by IRI as
    :meth:`BuildStore.graph_names` lists them; each counted by a query of its own, which
    reads only that graph)."""
    inferred = ox.NamedNode(str(inferred_graph_iri(base_iri)))
    data.flush()
    left_out = {inferred.value, *_NOT_ASSERTED}
    names = sorted((g for g in data.store.named_graphs()
                    if isinstance(g, ox.NamedNode) and g.value not in left_out),
                   key=lambda g: g.value)
    sizes = {g: n for g in names if (n := data.size(g))}
    return {"asserted": sum(sizes.values()) - _repeated(data, list(sizes)),
            "graphs": {g.value: n for g, n in sizes.items()}}


def _repeated(data: BuildStore, graphs: list[ox.NamedNode]) -> int:
    """How many of the graphs' triples repeat one in another of them (a triple in three
    graphs repeats twice): only a subject of two graphs can have any, so those subjects
    are found by one query and their triples compared, across graphs, in the store's
    subject index."""
    if len(graphs) < 2:
        return 0
    names = " ".join(str(g) for g in graphs)
    subjects = data.store.query(
        f"SELECT ?s WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }} "
        "GROUP BY ?s HAVING (COUNT(DISTINCT ?g) > 1)")
    assert isinstance(subjects, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
    asserted = set(graphs)
    repeated = 0
    for row in subjects:
        seen: set[tuple[object, object]] = set()
        for quad in data.store.quads_for_pattern(row[0], None, None, None):
            if quad.graph_name in asserted:
                pair = (quad.predicate, quad.object)
                if pair in seen:
                    repeated += 1
                else:
                    seen.add(pair)
    return repeated


def encoded(chunks: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
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
    names = TermNames(base_iri)
    spelling = Spelling(names, data.codec)
    out = _TrailingNewlines()
    yield out.text(names.header())
    for graph in graphs:
        yield out.text(f"{names.term(URIRef(graph.value))} {{\n")
        for block in _blocks(data, graph, spelling, indent="    "):
            yield out.text(block)
        yield out.text("}\n\n")
    yield "\n"


def ntriples_chunks(data: BuildStore, graph: ox.NamedNode) -> Iterator[str]:
    """The N-Triples of one graph, lines sorted (as :func:`to_ntriples` writes them)."""
    line = Spelling(TermNames(""), data.codec).line
    try:
        # the sort reads every line before it gives the first: a blank node is met here
        ordered = _sorted(line(s, p, o) for s, p, o in _triples(data, graph))
        first = next(ordered, None)
    except Unspelled:  # a blank node: the writers' way, whole
        rdflib_graph = _rdflib_graph(data, graph)
        yield from sorted(
            {f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n"
             for s, p, o in canonical_triples(rdflib_graph)})
        return
    if first is not None:
        yield first
        yield from ordered


def _blocks(data: BuildStore, graph: ox.NamedNode, spelling: Spelling, *, indent: str
            ) -> Iterator[str]:
    """Each subject's block (with the blank line after it), in the writers' subject order."""
    try:
        ordered = _sorted(_subject_blocks(data, graph, spelling, indent))
        first = next(ordered, None)
    except Unspelled:  # a blank node: the writers' way, whole
        yield spelling.names.body(
            canonical_triples(_rdflib_graph(data, graph), scope=URIRef(graph.value)), indent=indent)
        return
    if first is None:
        return
    last, block = first
    yield block
    for key, block in ordered:
        if key == last:  # pragma: no cover - Oxigraph's on-disk index order is by subject
            raise RuntimeError(f"{graph}: subject {key} was read in two pieces")
        last = key
        yield block


def _subject_blocks(data: BuildStore, graph: ox.NamedNode, spelling: Spelling, indent: str
                    ) -> Iterator[tuple[str, str]]:
    """(subject IRI, block) of each subject of ``graph``, in no particular order.

    An on-disk store reads a graph in its index order, one subject after another (a subject
    coming back later is caught after the sort, by :func:`_blocks`); the in-memory store has
    no such order, so there each subject's triples are asked for on their own (cheaper,
    in memory, than holding the graph's terms to group them).
    """
    block = spelling.block
    if not data.on_disk:
        subjects = data.store.query(
            f"SELECT DISTINCT ?s WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        assert isinstance(subjects, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
        for row in subjects:
            subject = row[0]
            terms: list[Any] = []
            for quad in data.store.quads_for_pattern(subject, None, None, graph):
                terms += (quad.predicate, quad.object)
            yield subject.value, block(subject, terms, indent)
        return
    current: Any = None
    terms = []
    for subject, predicate, obj in _triples(data, graph):
        if subject != current:
            if terms:
                yield current.value, block(current, terms, indent)
                terms = []
            current = subject
        terms += (predicate, obj)
    if terms:
        yield current.value, block(current, terms, indent)


def _triples(data: BuildStore, graph: ox.NamedNode) -> Iterator[Any]:
    """The (subject, predicate, object) terms of ``graph``, in the store's order: a query's
    rows, cheaper than the quads on disk (the graph's name is not read back each time)."""
    data.flush()
    rows = data.store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    assert isinstance(rows, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
    return iter(rows)


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


def _sorted(items: Iterable[T]) -> Iterator[T]:
    """``items`` in their order; past :data:`SPILL_AT` items, sorted runs go to temporary
    files and are merged (memory stays that of one run). The sort reads every item before
    it gives the first."""
    runs: list[IO[bytes]] = []
    batch: list[T] = []
    try:
        for item in items:
            batch.append(item)
            if len(batch) >= SPILL_AT:
                runs.append(_spill(batch))
                batch = []
        batch.sort()
        if not runs:
            yield from batch
            return
        yield from heapq.merge(*(_read(run) for run in runs), iter(batch))
    finally:
        for run in runs:
            run.close()


def _spill(batch: list[T]) -> IO[bytes]:
    batch.sort()
    run = tempfile.TemporaryFile()
    for start in range(0, len(batch), _CHUNK):
        pickle.dump(batch[start:start + _CHUNK], run, protocol=pickle.HIGHEST_PROTOCOL)
    run.seek(0)
    return run


def _read(run: IO[bytes]) -> Iterator[Any]:
    while True:
        try:
            chunk = pickle.load(run)  # noqa: S301 - our own temporary file
        except EOFError:
            return
        yield from chunk


__all__ = [
    "SPILL_AT",
    "asserted_counts",
    "encoded",
    "ntriples_chunks",
    "trig_chunks",
    "triple_counts",
    "write_snapshot",
]
