"""The inferred N-Triples written from the files the closure's queries loaded
(kyotei.graph.publish.derived): the same bytes as reading the inferred graph back, every
kind of term, repeats across queries and files; and the graph read back whenever those
files no longer say all it holds."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from engine_samples import ontology
from rdflib import Graph, URIRef
from rdflib.namespace import RDF
from test_reason_engines import _clashing
from test_snapshot_spelling import OBJECTS

import kyotei.graph.publish.streamed as streamed
from kyotei.graph.build import inplace
from kyotei.graph.build.quads import BuildStore
from kyotei.graph.build.reason import reason, reason_store
from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI
from kyotei.graph.publish import derived
from kyotei.graph.publish.snapshot import SnapshotStore
from kyotei.graph.publish.writers import inferred_graph_iri, to_ntriples

EX = "http://example.org/"
INFERRED = inferred_graph_iri(DEFAULT_BASE_IRI)
NAMED = ox.NamedNode(str(INFERRED))
ONTOLOGY = f"""
@prefix ex: <{EX}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:p rdfs:subPropertyOf ex:q ; rdfs:domain ex:A .
ex:p2 rdfs:subPropertyOf ex:q ; rdfs:domain ex:A .
ex:A rdfs:subClassOf ex:C .
"""


def _data() -> Graph:
    """Every kind of object (literals Oxigraph writes otherwise than the writers, typed
    ones rdflib normalises) under two properties that both derive ``ex:q``: each ``q``
    triple derived twice, by two queries."""
    data = Graph()
    for index in range(30):
        subject = URIRef(f"{EX}s/{index}")
        for obj in OBJECTS:
            data.add((subject, URIRef(EX + "p"), obj))
            data.add((subject, URIRef(EX + "p2"), obj))
    return data


def _store(data: Graph, folder: Path | None) -> BuildStore:
    store = BuildStore(folder)
    store.add_triples(sorted(data, key=lambda t: tuple(map(str, t))),
                      URIRef(f"{DEFAULT_BASE_IRI}graph/source/a"))
    return store


def _read_back(store: BuildStore) -> bytes:
    return b"".join(streamed.encoded(streamed.ntriples_chunks(store, NAMED)))


@pytest.mark.parametrize(("on_disk", "part"), [(False, 64_000_000), (True, 64_000_000),
                                               (True, 2_000), (False, 300)])
def test_the_closure_files_give_the_bytes_of_the_graph_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_disk: bool, part: int
) -> None:
    monkeypatch.setattr(inplace, "_PART", part)  # small: many files, a query's lines cut
    onto = Graph().parse(data=ONTOLOGY, format="turtle")
    data = _data()
    store = _store(data, tmp_path / "work" if on_disk else None)
    try:
        count = reason_store(store, onto, inferred=INFERRED)
        kept = store.derived(NAMED)
        assert kept is not None  # the queries wrote the closure, their files kept
        assert (len(kept.paths) > 1) is (part < 10_000)
        written = b"".join(derived.derived_lines(kept, store.codec, count))
        assert not any(path.exists() for path in kept.paths)
        assert written == _read_back(store)
        reference = Graph()
        for triple in reason(data, onto, engine="owlrl"):
            reference.add(triple)
        assert written == to_ntriples(reference)
        assert b"\\b" not in written and b"\\u0008" in written  # Oxigraph's \b, respelled
        assert written.count(b"\n") == count
    finally:
        store.close()


def test_a_snapshot_takes_the_closure_files(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    onto = Graph().parse(data=ONTOLOGY, format="turtle")
    store = _store(_data(), tmp_path / "work")
    try:
        reason_store(store, onto, inferred=INFERRED)
        expected = _read_back(store)

        def refused(*_: object) -> None:
            raise AssertionError("the inferred graph read back")

        monkeypatch.setattr(streamed, "ntriples_chunks", refused)
        snapshot = streamed.write_snapshot(SnapshotStore(tmp_path / "s"), store, {},
                                           {"base_iri": DEFAULT_BASE_IRI})
        assert store.derived(NAMED) is None  # taken once
    finally:
        store.close()
    assert snapshot.inferred_path.read_bytes() == expected


def test_a_graph_written_otherwise_is_read_back(tmp_path: Path) -> None:
    """A triple added to the store after the closure (the owlrl fallback adds its closure
    so): the files are dropped, the graph read back."""
    onto = Graph().parse(data=ONTOLOGY, format="turtle")
    store = _store(_data(), None)
    try:
        reason_store(store, onto, inferred=INFERRED)
        store.add_triples([(URIRef(EX + "late"), RDF.type, URIRef(EX + "A"))], INFERRED)
        assert store.derived(NAMED) is None
        snapshot = streamed.write_snapshot(SnapshotStore(tmp_path / "s"), store, {},
                                           {"base_iri": DEFAULT_BASE_IRI})
        assert f"<{EX}late>".encode() in snapshot.inferred_path.read_bytes()
    finally:
        store.close()


def test_a_functional_clash_falls_back_and_is_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A functional property clashes in the asserted graphs: the check runs before the
    closure's queries, none runs (no files to hand over), and the snapshot has owlrl's
    closure, read back from the store."""
    onto, (data, _, _) = ontology(), _clashing()
    runs: list[int] = []
    run = inplace.run
    monkeypatch.setattr(inplace, "run", lambda *a, **k: runs.append(1) or run(*a, **k))
    store = _store(data, None)
    try:
        reason_store(store, onto, inferred=INFERRED)
        assert runs == []  # the clash is found before any query runs
        assert store.derived(NAMED) is None
        snapshot = streamed.write_snapshot(SnapshotStore(tmp_path / "s"), store, {},
                                           {"base_iri": DEFAULT_BASE_IRI})
    finally:
        store.close()
    reference = Graph()
    for triple in reason(data, onto, engine="owlrl"):
        reference.add(triple)
    assert snapshot.inferred_path.read_bytes() == to_ntriples(reference)


def test_files_that_do_not_hold_the_graph_fail_the_write(tmp_path: Path) -> None:
    onto = Graph().parse(data=ONTOLOGY, format="turtle")
    store = _store(_data(), None)
    try:
        count = reason_store(store, onto, inferred=INFERRED)
        kept = store.derived(NAMED)
        assert kept is not None
        with pytest.raises(derived.DerivedMismatchError):
            b"".join(derived.derived_lines(kept, store.codec, count + 1))
    finally:
        store.close()


def test_a_query_result_is_read_a_piece_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inplace, "_PART", 10)
    text = b"".join(b"<%d> <p> <o> .\n" % i for i in range(50))
    pieces = list(inplace._pieces(io.BytesIO(text)))
    assert b"".join(pieces) == text
    assert len(pieces) > 1 and all(p.endswith(b"\n") for p in pieces)
    assert list(inplace._pieces(io.BytesIO(b"<a> <p> <o> ."))) == [b"<a> <p> <o> ."]


def test_the_store_owns_the_files_it_is_handed(tmp_path: Path) -> None:
    """The build store keeps one hand-over: taken once, for its own graph only, dropped
    (its folder removed) when anything is written, when another comes, and on close."""
    def handed(store: BuildStore, graph: ox.NamedNode) -> inplace.Derived:
        folder = tempfile.TemporaryDirectory(dir=tmp_path)
        return inplace.Derived(store.store, graph, [], folder)

    store, other = BuildStore(), BuildStore()
    try:
        first = handed(store, NAMED)
        store.hold(first)
        assert store.derived(ox.NamedNode(EX + "elsewhere")) is None  # not that graph
        assert store.derived(NAMED) is first and store.derived(NAMED) is None  # once
        first.close()
        second, third = handed(store, NAMED), handed(store, NAMED)
        store.hold(second)
        store.hold(third)
        assert not Path(second.folder.name).exists()  # replaced: closed
        store.add_triples([(URIRef(EX + "late"), RDF.type, URIRef(EX + "A"))], INFERRED)
        assert store.derived(NAMED) is None and not Path(third.folder.name).exists()
        foreign = handed(other, NAMED)
        with pytest.raises(ValueError, match="another store"):
            store.hold(foreign)
        assert not Path(foreign.folder.name).exists()
        last = handed(store, NAMED)
        store.hold(last)
    finally:
        store.close()
        other.close()
    assert not Path(last.folder.name).exists()  # closed with the store
