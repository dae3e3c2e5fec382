"""`kyotei analyze` loads only the triples the packaged queries read (load_snapshot): every
pattern of every query is covered by its lists, the answers equal those over the server's
full store, and a snapshot file that does not match its hash is refused."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef, Variable
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from kyotei.graph.analytics import analyze, load_snapshot
from kyotei.graph.analytics.loading import INFERRED_PREDICATES, READ_CLASSES, READ_PREDICATES
from kyotei.graph.analytics.source import QUERY_PACKAGE, SparqlSource, prologue, query_text
from kyotei.graph.model.namespaces import KYOTEI
from kyotei.graph.publish.snapshot import Snapshot, SnapshotError, SnapshotStore

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "https://example.org/kyotei/id/"
INFERRED = URIRef(BASE + "graph/inferred")
QUERIES = sorted(p.name.removesuffix(".rq") for p in resources.files(QUERY_PACKAGE).iterdir()
                 if p.name.endswith(".rq"))


def _nodes(node: Any, graph: URIRef | None = None) -> Iterator[tuple[CompValue, URIRef | None]]:
    """Every algebra (and unparsed EXISTS) node of a query, with the GRAPH it sits in."""
    if isinstance(node, CompValue):
        if node.name in ("Graph", "GraphGraphPattern"):
            graph = node["term"]
        yield node, graph
        for value in node.values():
            yield from _nodes(value, graph)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _nodes(value, graph)


def _predicates(path: Any) -> Iterator[Any]:
    if isinstance(path, PropertyPath):
        for name in ("args", "path", "arg"):
            inner = getattr(path, name, None)
            for part in inner if isinstance(inner, list) else [inner] if inner else []:
                yield from _predicates(part)
    else:
        yield path


def patterns(name: str) -> tuple[list[tuple[Any, Any, Any, URIRef | None]], dict[Any, set[Any]]]:
    """The triple patterns of a packaged query (predicate paths split into their IRIs),
    each with its GRAPH, and the values VALUES gives each variable."""
    algebra = prepareQuery(prologue(BASE) + query_text(name)).algebra
    found, values = [], {}
    for node, graph in _nodes(algebra):
        if node.name == "values":
            for row in node["res"]:
                for variable, value in row.items():
                    values.setdefault(variable, set()).add(value)
        if node.name in ("BGP", "TriplesBlock"):
            for s, path, o in node["triples"]:
                found += [(s, p, o, graph) for p in _predicates(path)]
    return found, values


@pytest.mark.parametrize("name", QUERIES)
def test_every_pattern_of_the_packaged_queries_is_loaded(name: str) -> None:
    found, values = patterns(name)
    assert found
    for _, p, o, graph in found:
        assert isinstance(p, URIRef), f"{name}: a variable predicate reads every triple"
        if graph is None:
            assert str(p) in READ_PREDICATES | {str(RDF.type)}, f"{name}: {p} is not loaded"
            if p == RDF.type:
                classes = values.get(o, set()) if isinstance(o, Variable) else {o}
                assert classes, f"{name}: rdf:type with an open class reads every type"
                assert {str(c) for c in classes} <= READ_CLASSES, f"{name}: {classes}"
        else:
            assert graph == INFERRED, f"{name}: reads graph {graph}"
            assert str(p) in INFERRED_PREDICATES, f"{name}: inferred {p} is not loaded"


def test_the_coverage_check_catches_an_unlisted_predicate() -> None:
    found, _ = patterns("documents")
    assert (Variable("document"), URIRef("http://purl.org/dc/terms/title"), Variable("title"),
            None) in found
    assert "http://www.w3.org/2000/01/rdf-schema#label" not in READ_PREDICATES


def dataset() -> Dataset:
    """analytics_small.ttl split as a build splits it: the documents' agreements in their
    source graphs, the rest in the common graph; plus triples no query reads."""
    data = Graph().parse(FIXTURES / "analytics_small.ttl", format="turtle")
    out = Dataset()
    common = out.graph(URIRef(BASE + "graph/common"))
    for s, p, o in data:
        name = str(s).removeprefix(BASE)
        target = (out.graph(URIRef(BASE + "graph/source/" + name.split("/")[1][0]))
                  if name.startswith("agreement/") else common)
        target.add((s, p, o))
        if name.startswith("agreement/"):  # unread: a label, a type no query asks for
            target.add((s, URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
                        Literal(name)))
            target.add((s, RDF.type, URIRef("http://www.w3.org/ns/prov#Entity")))
    return out


def inferred() -> Graph:
    graph = Graph().parse(FIXTURES / "analytics_small_inferred.ttl", format="turtle")
    for s, _, o in list(graph.triples((None, KYOTEI.hasAgreementWith, None))):
        graph.add((s, URIRef("http://www.w3.org/ns/org#linkedTo"), o))  # unread
    return graph


@pytest.fixture
def snapshot(tmp_path: Path) -> Snapshot:
    return SnapshotStore(tmp_path).write(dataset(), inferred(), {"summary": {}},
                                         {"base_iri": BASE})


def test_loaded_store_answers_as_the_full_store(snapshot: Snapshot) -> None:
    full, loaded = snapshot.load_oxigraph(), load_snapshot(snapshot)
    assert len(loaded) < len(full) / 2
    for name in QUERIES:
        rows = [SparqlSource(s, base_iri=BASE).named(name) for s in (full, loaded)]
        assert rows[0], name
        assert sorted(map(sorted, (r.items() for r in rows[0]))) == sorted(
            map(sorted, (r.items() for r in rows[1]))), name
    assert analyze(loaded, base_iri=BASE).to_dict() == analyze(full, base_iri=BASE).to_dict()


def test_only_read_triples_are_loaded(snapshot: Snapshot) -> None:
    loaded = load_snapshot(snapshot)
    predicates = {q.predicate.value for q in loaded if q.graph_name == ox.DefaultGraph()}
    assert predicates <= READ_PREDICATES | {str(RDF.type)}
    assert {q.object.value for q in loaded.quads_for_pattern(
        None, ox.NamedNode(str(RDF.type)), None)} <= READ_CLASSES
    graphs = {q.graph_name for q in loaded}
    assert graphs == {ox.DefaultGraph(), ox.NamedNode(str(INFERRED))}
    assert {q.predicate.value for q in loaded.quads_for_pattern(
        None, None, None, ox.NamedNode(str(INFERRED)))} == INFERRED_PREDICATES


def _rewrite(snapshot: Snapshot, name: str, data: bytes, rehash: bool) -> Snapshot:
    (snapshot.path / name).chmod(0o644)
    (snapshot.path / name).write_bytes(data)
    meta = json.loads(json.dumps(snapshot.meta))
    if rehash:
        meta["files"][name] = hashlib.sha256(data).hexdigest()
    return Snapshot(id=snapshot.id, path=snapshot.path, meta=meta)


@pytest.mark.parametrize("name", ["asserted.trig", "inferred.nt"])
@pytest.mark.parametrize("change", ["cut", "appended"])
def test_a_changed_file_is_refused(snapshot: Snapshot, name: str, change: str) -> None:
    data = (snapshot.path / name).read_bytes()
    changed = data[:len(data) // 2] if change == "cut" else data + (
        b"<urn:x> <urn:p> <urn:o> .\n" if name.endswith(".nt") else
        b"<urn:g> { <urn:x> <urn:p> <urn:o> . }\n")
    with pytest.raises(SnapshotError, match=name):
        load_snapshot(_rewrite(snapshot, name, changed, rehash=False))


def test_an_escaped_inferred_predicate_is_still_read(snapshot: Snapshot) -> None:
    # N-Triples may spell an IRI with \u escapes: the prefilter keeps such lines for the parser
    escaped = str(KYOTEI.hasAgreementWith).replace("h", "\\u0068")
    line = f"<{BASE}institution/x> <{escaped}> <{BASE}institution/y> .\n".encode()
    data = (snapshot.path / "inferred.nt").read_bytes() + line
    loaded = load_snapshot(_rewrite(snapshot, "inferred.nt", data, rehash=True))
    assert ox.Quad(ox.NamedNode(BASE + "institution/x"), ox.NamedNode(str(
        KYOTEI.hasAgreementWith)), ox.NamedNode(BASE + "institution/y"),
        ox.NamedNode(str(INFERRED))) in loaded
