"""The snapshot's RDF files written from the build's Oxigraph store, a subject at a time.

The same bytes as :func:`kyotei.graph.publish.writers.to_trig` and
:func:`~kyotei.graph.publish.writers.to_ntriples` give for the same triples (tested on the
shipped build and on seeded samples), without making a term (rdflib's or Oxigraph's) of
what is read: each graph is read once, by one query whose rows the store itself writes as
text (TSV results, to a temporary file), and
:class:`kyotei.graph.publish.spelling.Spelling` spells these rows, as bytes, as those
writers spell the rdflib terms the codec (:class:`kyotei.graph.build.quads.TermCodec`)
makes of them. Reading the on-disk store (a term's text is one RocksDB look-up per term
per row) is most of what is left of the cost. An on-disk store gives a graph's triples
subject by subject; the in-memory store (a small build) has no such order, so there a
graph's rows are grouped by subject first. Each subject's block is written, and the blocks
(the inferred graph's lines) are put in the writers' order by a sort that spills to
temporary files past :data:`SPILL_AT` items (:mod:`kyotei.graph.publish.runs`), so that
memory stays flat however large the graph. A graph with a blank node (never made by the
builder; a curated links file may hold some) is written the writers' way, whole, so that
its labels are canonical.

The counts in ``build.json`` come from a count of each graph and one query for the
subjects found in more than one asserted graph (the only ones whose triples can be counted
twice), whose triples are then compared.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kyotei.graph.build.quads import DERIVED_GRAPH, ONTOLOGY_GRAPH, WORK_GRAPH, BuildStore
from kyotei.graph.publish.runs import sorted_lines, sorted_pairs
from kyotei.graph.publish.snapshot import ASSERTED, INFERRED, Snapshot, SnapshotStore
from kyotei.graph.publish.spelling import Spelling, Unspelled
from kyotei.graph.publish.writers import _canonical, _Names, inferred_graph_iri, to_ntriples

SPILL_AT = 250_000  # items sorted in memory before a sorted run goes to a temporary file
_PIECE = 1 << 20  # bytes of the files given to the snapshot store at a time (about)
_CONTROL = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]")  # but a newline: only in a literal
_NOT_ASSERTED = (WORK_GRAPH, DERIVED_GRAPH, ONTOLOGY_GRAPH)


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
    if counts is None:
        counts = triple_counts(data, base_iri)
    graphs = [ox.NamedNode(g) for g in sorted(counts["graphs"])]
    files = [
        (ASSERTED, trig_chunks(data, graphs, base_iri=base_iri)),
        (INFERRED, ntriples_chunks(data, inferred)),
    ]
    return snapshots.publish(files, counts, report, meta)


def triple_counts(data: BuildStore, base_iri: str) -> dict[str, Any]:
    """``build.json``'s ``triples``: distinct asserted triples (a triple in two graphs counts
    once), inferred triples, and triples per asserted graph (each non-empty graph named by
    an IRI but the inferred graph and the reasoner's working graphs, sorted by IRI as
    :meth:`BuildStore.graph_names` lists them; each counted by a query of its own, which
    reads only that graph)."""
    inferred = ox.NamedNode(str(inferred_graph_iri(base_iri)))
    data.flush()
    left_out = {inferred.value, *_NOT_ASSERTED}
    names = sorted((g for g in data.store.named_graphs()
                    if isinstance(g, ox.NamedNode) and g.value not in left_out),
                   key=lambda g: g.value)
    sizes = {g: n for g in names if (n := data.size(g))}
    return {
        "asserted": sum(sizes.values()) - _repeated(data, list(sizes)),
        "inferred": data.size(inferred),
        "graphs": {g.value: n for g, n in sizes.items()},
    }


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


def trig_chunks(data: BuildStore, graphs: list[ox.NamedNode], *, base_iri: str
                ) -> Iterator[bytes]:
    """The asserted TriG of ``graphs`` (sorted by IRI, as :func:`to_trig` sorts them), in
    pieces; the text ends with one newline (as ``to_trig``'s, stripped of the rest)."""
    names = _Names(base_iri)
    spelling = Spelling(names, data.codec)
    held = [names.header().encode()]
    size = 0
    for graph in graphs:
        held.append(f"{names.term(URIRef(graph.value))} {{\n".encode())
        for block in _blocks(data, graph, spelling, indent=b"    "):
            held.append(block)
            size += len(block)
            if size >= _PIECE:
                yield b"".join(held)
                held, size = [], 0
        held.append(b"}\n\n")
    yield b"".join(held).rstrip(b"\n") + b"\n"


def ntriples_chunks(data: BuildStore, graph: ox.NamedNode) -> Iterator[bytes]:
    """The N-Triples of one graph, lines sorted (as :func:`to_ntriples` writes them)."""
    lines = Spelling(_Names(""), data.codec).lines
    try:
        # the sort reads every line before it gives the first: a blank node is met here
        ordered = sorted_lines(map(lines, _lines(data, graph)), SPILL_AT, b" .")
        first = next(ordered, None)
    except Unspelled:  # a blank node: the writers' way, whole
        yield to_ntriples(_rdflib_graph(data, graph))
        return
    if first is not None:
        yield first
        yield from ordered


def _blocks(data: BuildStore, graph: ox.NamedNode, spelling: Spelling, *, indent: bytes
            ) -> Iterator[bytes]:
    """Each subject's block (with the blank line after it), in the writers' subject order."""
    try:
        ordered = sorted_pairs(_subject_blocks(data, graph, spelling, indent), SPILL_AT)
        first = next(ordered, None)
    except Unspelled:  # a blank node: the writers' way, whole
        yield spelling.names.body(
            _canonical(_rdflib_graph(data, graph), scope=URIRef(graph.value)),
            indent=indent.decode()).encode()
        return
    if first is None:
        return
    last, block = first
    yield block
    for key, block in ordered:
        if key == last:  # pragma: no cover - Oxigraph's on-disk index order is by subject
            raise RuntimeError(f"{graph}: subject {key!r} was read in two pieces")
        last = key
        yield block


def _subject_blocks(data: BuildStore, graph: ox.NamedNode, spelling: Spelling, indent: bytes
                    ) -> Iterator[tuple[bytes, bytes]]:
    """(subject IRI, block) of each subject of ``graph``, in no particular order.

    An on-disk store writes a graph in its index order, one subject after another (a
    subject coming back later is caught after the sort, by :func:`_blocks`); the in-memory
    store has no such order, so there the graph's triples are grouped by subject first (a
    small build: they are in memory anyway).
    """
    block = spelling.block
    if not data.on_disk:
        subjects: dict[bytes, list[bytes]] = {}
        for lines in _lines(data, graph):
            for line in lines:
                subject, predicate, obj = line.split(b" ", 2)
                found = subjects.get(subject)
                if found is None:
                    subjects[subject] = [predicate, obj]
                else:
                    found += (predicate, obj)
        for subject, found in subjects.items():
            yield subject[1:-1], block(subject, found, indent)
        return
    current = b""
    terms: list[bytes] = []
    for lines in _lines(data, graph):
        for line in lines:
            subject, predicate, obj = line.split(b" ", 2)
            if subject != current:
                if terms:
                    yield current[1:-1], block(current, terms, indent)
                    terms = []
                current = subject
            terms += (predicate, obj)
    if terms:
        yield current[1:-1], block(current, terms, indent)


def _lines(data: BuildStore, graph: ox.NamedNode) -> Iterator[list[bytes]]:
    """The graph's triples as rows ``<s> <p> o`` (the store's TSV results of a query, tabs
    made spaces), in the store's order, a list at a time: the store writes them to a
    temporary file, read back in pieces (memory stays that of one piece)."""
    data.flush()
    rows = data.store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    assert isinstance(rows, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
    with tempfile.TemporaryFile() as file:
        rows.serialize(file, format=ox.QueryResultsFormat.TSV)
        file.seek(0)
        file.readline()  # the header: ?s ?p ?o
        rest = b""
        while piece := file.read(_PIECE * 8):
            piece = (rest + piece).replace(b"\t", b" ")  # a tab in a term is written \t
            if _CONTROL.search(piece):  # written raw in TSV, escaped in N-Triples
                piece = _CONTROL.sub(_escaped, piece)
            lines = piece.split(b"\n")
            rest = lines.pop()
            yield lines
        if rest:  # pragma: no cover - Oxigraph ends every row with a newline
            yield [rest]


def _escaped(found: re.Match[bytes]) -> bytes:
    return b"\\u%04X" % found[0][0]


def _rdflib_graph(data: BuildStore, graph: ox.NamedNode) -> Graph:
    out = Graph()
    for triple in data.triples([graph]):
        out.add(triple)
    return out


__all__ = ["SPILL_AT", "ntriples_chunks", "trig_chunks", "triple_counts", "write_snapshot"]
