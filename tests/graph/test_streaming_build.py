"""The streaming build (records → Oxigraph store → snapshot) against the rdflib path.

Each check compares the two ways on the same input: the quads the builder writes, the
snapshot's files byte for byte, the SHACL results (against pySHACL) and the kept
inferences (against owlrl), on the shipped build, the fixture, seeded subsets and broken
samples, and a seeded synthetic list from ``benchmarks/generate.py``.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest
from engine_samples import broken, fixture, ontology, shipped, subset
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from test_validate_engines import results

import kyotei.graph.publish.streamed as streamed
from kyotei.graph.build.dataset import build_dataset, build_store
from kyotei.graph.build.quads import BuildStore, TermCodec
from kyotei.graph.build.reason import reason, reason_store
from kyotei.graph.build.validate import validate_graph, validate_store
from kyotei.graph.curation.overrides import load_curation
from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI, KYOTEI
from kyotei.graph.publish.snapshot import SnapshotStore
from kyotei.graph.publish.writers import inferred_graph_iri, merged_graph
from kyotei.loaders import load_sources

ROOT = Path(__file__).resolve().parents[2]
INFERRED = inferred_graph_iri(DEFAULT_BASE_IRI)
SOURCE = URIRef(f"{DEFAULT_BASE_IRI}graph/source/sample")
OTHER = URIRef(f"{DEFAULT_BASE_IRI}graph/identity")


def _generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _quads(dataset: Dataset) -> set[tuple[object, ...]]:
    return {(s, p, o, URIRef(str(g))) for s, p, o, g in dataset.quads((None, None, None, None))}


def _store_quads(store: BuildStore) -> set[tuple[object, ...]]:
    return {(*store.codec.back(q), URIRef(q.graph_name.value)) for q in store.store}


def _in_store(graph: Graph) -> Iterator[BuildStore]:
    """``graph`` in a build store, split over two named graphs (validation and reasoning
    read their union), a triple with an rdf:type in both."""
    store = BuildStore()
    triples = sorted(graph, key=lambda t: tuple(map(str, t)))
    store.add_triples(triples[::2], SOURCE)
    store.add_triples([t for t in triples[1::2]] + [t for t in triples[::7] if t[1] == RDF.type],
                      OTHER)
    try:
        yield store
    finally:
        store.close()


def _snapshots(tmp_path: Path, dataset: Dataset, store: BuildStore) -> tuple[Path, Path]:
    """The same build written both ways (the store's inferences from reason_store, the
    dataset's from reason), as two snapshot folders."""
    asserted = merged_graph(dataset, base_iri=DEFAULT_BASE_IRI)
    inferred = reason(asserted, ontology())
    meta = {"base_iri": DEFAULT_BASE_IRI}
    old = SnapshotStore(tmp_path / "old").write(dataset, inferred, {"n": 1}, meta)
    assert reason_store(store, ontology(), inferred=INFERRED) == len(inferred)
    new = streamed.write_snapshot(SnapshotStore(tmp_path / "new"), store, {"n": 1}, meta)
    return old.path, new.path


def _same_files(old: Path, new: Path) -> None:
    for name in ("asserted.trig", "inferred.nt", "report.json"):
        assert (old / name).read_bytes() == (new / name).read_bytes(), name
    before, after = (json.loads((p / "build.json").read_text()) for p in (old, new))
    assert before.pop("created") != "" and after.pop("created") != ""
    assert before.pop("id")[-10:] == after.pop("id")[-10:]  # the content hash
    assert before == after


def test_the_codec_gives_back_every_term_exactly() -> None:
    codec = TermCodec()
    terms = [
        URIRef("https://example.org/a"), BNode("b1"), Literal("plain"),
        Literal("text", lang="ja"), Literal("Text", lang="EN-gb"),
        Literal("314", datatype=XSD.positiveInteger), Literal("0314", datatype=XSD.integer),
        Literal("1", datatype=XSD.boolean), Literal("true", datatype=XSD.boolean),
        Literal("2004-03-15", datatype=XSD.date), Literal("2004-3-15", datatype=XSD.date),
        Literal("s", datatype=XSD.string), Literal("x", datatype=URIRef("https://example.org/t")),
    ]
    store = ox.Store()
    subject = ox.NamedNode("https://example.org/s")
    for index, term in enumerate(terms):
        predicate = ox.NamedNode(f"https://example.org/p{index}")
        store.add(ox.Quad(subject, predicate, codec.node(term)))
        stored = next(iter(store.quads_for_pattern(subject, predicate, None, None))).object
        back = codec.term(stored)
        assert back == term and type(back) is type(term)
        if isinstance(term, Literal):
            assert (str(back), back.datatype, back.language) == (
                str(term), term.datatype, term.language)


def test_the_builder_writes_the_same_quads_to_the_store_and_to_a_dataset() -> None:
    results_ = load_sources(ROOT / "data" / "sources" / "sources.toml")
    old = build_dataset(results_, base_iri=DEFAULT_BASE_IRI,
                        curation=load_curation(ROOT / "data" / "curation"))
    new = build_store(results_, base_iri=DEFAULT_BASE_IRI,
                      curation=load_curation(ROOT / "data" / "curation"))
    try:
        assert _store_quads(new.store) == _quads(old.dataset)
        graphs = new.store.graph_names()
        assert new.store.distinct_triples(graphs) == 17364
        assert (new.agreements, new.report, new.records) == (
            old.agreements, old.report, old.records)
    finally:
        new.store.close()


@pytest.mark.slow
def test_the_shipped_snapshot_is_the_same_file_for_file(tmp_path: Path) -> None:
    results_ = load_sources(ROOT / "data" / "sources" / "sources.toml")
    old = build_dataset(results_, base_iri=DEFAULT_BASE_IRI,
                        curation=load_curation(ROOT / "data" / "curation"))
    new = build_store(results_, base_iri=DEFAULT_BASE_IRI,
                      curation=load_curation(ROOT / "data" / "curation"), folder=tmp_path)
    try:
        assert validate_store(new.store, skip=[INFERRED]).conforms
        before, after = _snapshots(tmp_path, old.dataset, new.store)
        _same_files(before, after)
        meta = json.loads((after / "build.json").read_text())
        assert (meta["triples"]["asserted"], meta["triples"]["inferred"]) == (17364, 9900)
    finally:
        new.store.close()


@pytest.mark.parametrize("spill", [100_000, 7])
def test_a_synthetic_list_gives_the_same_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spill: int
) -> None:
    """A seeded synthetic list, written both ways; with a tiny spill size the sort goes
    through temporary files and must give the same bytes."""
    monkeypatch.setattr(streamed, "SPILL_AT", spill)
    generated = list(_generate().generate(3000, seed=7))
    old = build_dataset(generated, base_iri=DEFAULT_BASE_IRI)
    new = build_store(generated, base_iri=DEFAULT_BASE_IRI, folder=tmp_path / "work")
    try:
        assert _store_quads(new.store) == _quads(old.dataset)
        _same_files(*_snapshots(tmp_path, old.dataset, new.store))
    finally:
        new.store.close()


def test_the_fixture_with_a_blank_node_gives_the_same_snapshot(tmp_path: Path) -> None:
    dataset = Dataset()
    dataset.parse(ROOT / "tests" / "graph" / "fixtures" / "dataset.trig", format="trig")
    links = dataset.graph(URIRef(f"{DEFAULT_BASE_IRI}graph/links"))
    node = BNode()
    links.add((URIRef(f"{DEFAULT_BASE_IRI}institution/kr/77aa55cc33"), KYOTEI.identityDecision,
               node))
    links.add((node, KYOTEI.rule, Literal("curation.crosswalk")))
    store = BuildStore()
    try:
        for graph in dataset.graphs():
            if len(graph):
                store.add_triples(graph, URIRef(str(graph.identifier)))
        _same_files(*_snapshots(tmp_path, dataset, store))
    finally:
        store.close()


def _validation_same(graph: Graph) -> None:
    reference = validate_graph(graph, engine="pyshacl")
    for store in _in_store(graph):
        fast = validate_store(store)
        assert fast.conforms == reference.conforms
        assert results(fast) == results(reference)


@pytest.mark.parametrize("seed", range(8))
def test_validation_on_the_store_same_as_pyshacl(seed: int) -> None:
    _validation_same(broken(fixture(), seed))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(2))
def test_validation_of_broken_shipped_samples_same_as_pyshacl(seed: int) -> None:
    _validation_same(broken(subset(shipped(), seed, 0.25), seed, changes=30))


def _reasoning_same(graph: Graph) -> None:
    reference = set(reason(graph, ontology(), engine="owlrl"))
    for store in _in_store(graph):
        count = reason_store(store, ontology(), inferred=INFERRED)
        kept = set(store.triples([ox.NamedNode(str(INFERRED))]))
        assert kept == reference and count == len(reference)


@pytest.mark.parametrize("seed", range(8))
def test_reasoning_on_the_store_same_as_owlrl(seed: int) -> None:
    _reasoning_same(broken(subset(fixture(), seed, 0.8), seed))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(2))
def test_reasoning_on_broken_shipped_samples_same_as_owlrl(seed: int) -> None:
    _reasoning_same(broken(subset(shipped(), seed, 0.3), seed, changes=40))


def test_the_reference_engines_run_on_a_copy_of_the_store() -> None:
    graph = broken(fixture(), 3)
    for store in _in_store(graph):
        graphs = store.graph_names()
        assert sum(store.size(g) for g in graphs) > len(graph)  # some triples are in both
        assert store.distinct_triples(graphs) == len(graph)
        assert results(validate_store(store, engine="pyshacl")) == results(
            validate_graph(graph, engine="pyshacl"))
        reason_store(store, ontology(), inferred=INFERRED, engine="owlrl")
        kept = set(store.triples([ox.NamedNode(str(INFERRED))]))
        assert kept == set(reason(graph, ontology(), engine="owlrl"))


def test_an_on_disk_build_loads_its_spooled_lines_and_leaves_no_spool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On disk the builder's lines are spooled (here in batches of 50 lines) and loaded
    (here each 120 lines, and at the end): the store holds exactly what the in-memory store
    holds, and no spool is left."""
    import kyotei.graph.build.quads as quads

    generated = list(_generate().generate(3000, seed=5))
    memory = build_store(generated, base_iri=DEFAULT_BASE_IRI)
    monkeypatch.setattr(quads, "_BATCH", 50)
    monkeypatch.setattr(quads, "_SPOOL", 120)
    disk = build_store(generated, base_iri=DEFAULT_BASE_IRI, folder=tmp_path / "work")
    try:
        assert disk.store.on_disk
        assert _store_quads(disk.store) == _store_quads(memory.store)
        assert len(disk.store.store) == len(memory.store.store) > 3000
        assert not list((tmp_path / "work").glob("*.nq/*"))  # no spool file left
    finally:
        disk.store.close()
        memory.store.close()
    assert not list((tmp_path / "work").iterdir())


def test_text_that_n_quads_must_escape_is_stored_as_printed(tmp_path: Path) -> None:
    """The builder writes N-Quads text: quotes, backslashes and line breaks in a printed
    line come back from the store exactly, as rdflib reads the same text."""
    from dataclasses import replace

    [document] = list(_generate().generate(30, seed=3))
    printed = 'Universit\u00e9 "A" \\ B\nsecond line\r'
    first = replace(document.agreements[0], source=replace(
        document.agreements[0].source, text=printed, line_text=printed))
    results = [replace(document, agreements=[first, *document.agreements[1:]])]
    old = build_dataset(results, base_iri=DEFAULT_BASE_IRI)
    new = build_store(results, base_iri=DEFAULT_BASE_IRI, folder=tmp_path / "work")
    try:
        stored = _store_quads(new.store)
        assert stored == _quads(old.dataset)
        assert sum(1 for q in stored if q[2] == Literal(printed)) == 2  # verbatim, line text
    finally:
        new.store.close()


def test_the_cycle_collector_pauses_while_records_are_emitted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    import kyotei.graph.build.dataset as dataset

    seen: list[bool] = []
    emit = dataset._emit

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return emit(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dataset, "_emit", watched)
    generated = list(_generate().generate(1000, seed=3))
    assert gc.isenabled()
    build_store(generated, base_iri=DEFAULT_BASE_IRI).store.close()
    assert seen == [False] and gc.isenabled()  # paused, then as it was
    gc.disable()
    try:
        build_store(generated, base_iri=DEFAULT_BASE_IRI).store.close()
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
