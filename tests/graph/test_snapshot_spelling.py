"""The snapshot written from the store spells every kind of term as the rdflib writers do.

:mod:`kyotei.graph.publish.spelling` spells Oxigraph terms without making rdflib terms;
here terms that are hard to spell (escapes, language tags the store lower-cases, literals
rdflib normalises or the Turtle writer shortens, IRIs under the base, in a prefix, or
neither) are put in a build store, in memory and on disk, some triples in two or three
graphs, and the snapshot written from the store must be byte for byte the one
:meth:`SnapshotStore.write` writes from the same rdflib triples, counts included.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

import kyotei.graph.publish.streamed as streamed
from kyotei.graph.build.quads import BuildStore
from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI, KYOTEI
from kyotei.graph.publish.snapshot import SnapshotStore
from kyotei.graph.publish.writers import inferred_graph_iri

BASE = DEFAULT_BASE_IRI
INFERRED = inferred_graph_iri(BASE)
GRAPHS = [URIRef(f"{BASE}graph/source/{name}") for name in ("b", "a", "c")]
OBJECTS: list[Node] = [
    Literal("plain"), Literal('quote " back \\ slash'), Literal("line\nbreak\r\ttab"),
    Literal("bell \x07 backspace \x08 formfeed \x0c del \x7f"), Literal("日本語 ✓"),
    Literal("text", lang="ja"), Literal("Text", lang="EN-gb"), Literal("x", lang="en-GB"),
    Literal("x", lang="zz"),
    Literal("s", datatype=XSD.string), Literal("314", datatype=XSD.positiveInteger),
    Literal("0314", datatype=XSD.integer), Literal("-7", datatype=XSD.integer),
    Literal("1", datatype=XSD.boolean), Literal("false", datatype=XSD.boolean),
    Literal("2004-03-15", datatype=XSD.date), Literal("1.50", datatype=XSD.decimal),
    Literal("x", datatype=URIRef("https://example.org/type")),
    URIRef(f"{BASE}agreement/3f2a"), URIRef(f"{BASE}a/../b"), URIRef(f"{BASE}"),
    URIRef(f"{BASE}with%20escape"), URIRef(str(KYOTEI) + "Agreement"),
    URIRef(str(KYOTEI) + "not/local"), URIRef("https://example.org/elsewhere#x"),
]


def _triples(index: int) -> list[tuple[Node, Node, Node]]:
    """Each object of a few subjects under a predicate with several objects (rdf:type
    among them) and under one of its own."""
    subjects = [URIRef(f"{BASE}thing/{index}"), URIRef(f"{BASE}thing/{index + 1}"),
                URIRef(str(KYOTEI) + f"s{index}")]
    triples: list[tuple[Node, Node, Node]] = []
    for s, subject in enumerate(subjects):
        for o, obj in enumerate(OBJECTS):
            predicate = [RDFS.label, KYOTEI.note, RDF.type][(s + o) % 3]
            triples.append((subject, predicate, obj))
            triples.append((subject, KYOTEI[f"p{o}"], obj))
    return triples


def _samples() -> tuple[Dataset, Graph]:
    dataset = Dataset()
    for index, name in enumerate(GRAPHS):
        graph = dataset.graph(name)
        for triple in _triples(index) + _triples(7):  # thing/7, thing/8: in every graph
            graph.add(triple)
    inferred = Graph()
    for triple in _triples(20):
        inferred.add(triple)
    return dataset, inferred


def _store_of(dataset: Dataset, inferred: Graph, folder: Path | None) -> BuildStore:
    """A build store (on disk in ``folder``, else in memory) holding ``dataset``'s non-empty
    graphs and ``inferred``."""
    store = BuildStore(folder)
    for graph in dataset.graphs():
        if len(graph):
            store.add_triples(graph, URIRef(str(graph.identifier)))
    store.add_triples(inferred, INFERRED)
    return store


@pytest.mark.parametrize(("on_disk", "spill"), [(False, 100_000), (True, 100_000), (True, 5)])
def test_the_store_snapshot_spells_every_term_as_the_writers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_disk: bool, spill: int
) -> None:
    monkeypatch.setattr(streamed, "SPILL_AT", spill)
    dataset, inferred = _samples()
    meta = {"base_iri": BASE}
    old = SnapshotStore(tmp_path / "old").write(dataset, inferred, {"n": 1}, meta)
    store = _store_of(dataset, inferred, tmp_path / "work" if on_disk else None)
    try:
        assert store.on_disk is on_disk
        counts = streamed.triple_counts(store, BASE)
        new = streamed.write_snapshot(SnapshotStore(tmp_path / "new"), store, {"n": 1}, meta)
    finally:
        store.close()
    for name in ("asserted.trig", "inferred.nt", "report.json"):
        assert (old.path / name).read_bytes() == (new.path / name).read_bytes(), name
    triples = json.loads((new.path / "build.json").read_text())["triples"]
    assert triples == counts == old.meta["triples"]
    # 3 graphs of 300 triples; 150 in all three (counted once), and thing/1's and thing/2's
    # triples under their own predicates (25 each) in two graphs
    assert triples["asserted"] == 3 * 300 - 2 * 150 - 2 * 25
    assert triples["inferred"] == len(inferred)
    assert sorted(triples["graphs"]) == sorted(map(str, GRAPHS))


BARE: list[Node] = [  # what the store's TSV results write bare (the Turtle grammar's forms)
    Literal("true", datatype=XSD.boolean), Literal("false", datatype=XSD.boolean),
    Literal("-7", datatype=XSD.integer), Literal("42", datatype=XSD.integer),
    Literal("1.5", datatype=XSD.decimal), Literal("-0.25", datatype=XSD.decimal),
    Literal("1.5E3", datatype=XSD.double), Literal("1.0E-2", datatype=XSD.double),
    Literal("7", datatype=XSD.long), Literal("INF", datatype=XSD.double),
]


@pytest.mark.parametrize("on_disk", [False, True])
def test_the_store_snapshot_is_spelled_without_rdflib_terms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_disk: bool
) -> None:
    """A graph with no blank node is spelled from the store's own text (the rdflib way is
    only for blank nodes), bare booleans and numbers included, the same bytes as the
    writers'."""
    dataset, inferred = _samples()
    common = dataset.graph(URIRef(f"{BASE}graph/common"))
    for index, obj in enumerate(BARE):
        common.add((URIRef(f"{BASE}thing/bare"), KYOTEI[f"b{index}"], obj))
        common.add((URIRef(f"{BASE}thing/bare"), KYOTEI.every, obj))
        inferred.add((URIRef(f"{BASE}thing/bare"), KYOTEI[f"b{index}"], obj))
    meta = {"base_iri": BASE}
    old = SnapshotStore(tmp_path / "old").write(dataset, inferred, {"n": 1}, meta)

    def refused(*_: object) -> None:
        raise AssertionError("written the rdflib way")

    monkeypatch.setattr(streamed, "_rdflib_graph", refused)
    store = _store_of(dataset, inferred, tmp_path / "work" if on_disk else None)
    try:
        new = streamed.write_snapshot(SnapshotStore(tmp_path / "new"), store, {"n": 1}, meta)
    finally:
        store.close()
    for name in ("asserted.trig", "inferred.nt"):
        assert (old.path / name).read_bytes() == (new.path / name).read_bytes(), name
    assert b"kyotei:b0 true" in (new.path / "asserted.trig").read_bytes()
