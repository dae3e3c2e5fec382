"""SHACL on Oxigraph against pySHACL, the reference: same conformance and the same results
(focus node, result path, value, constraint component, severity, source shape, messages)."""

from __future__ import annotations

from collections import Counter

import pytest
from engine_samples import broken, fixture, shipped, subset, with_triples
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from kyotei.graph.build.shacl import UnsupportedShapeError, compile_shapes
from kyotei.graph.build.validate import ValidationReport, load_shapes, validate_graph
from kyotei.graph.model.namespaces import KYOTEI, SKOS

Key = tuple[object, ...]


def _path(graph: Graph, path: Node | None) -> object:
    if path is None or isinstance(path, URIRef):
        return path
    if graph.value(path, RDF.first) is not None:
        return tuple(_path(graph, step) for step in Collection(graph, path))
    return ("^", _path(graph, graph.value(path, SH.inversePath)))


def results(report: ValidationReport) -> Counter[Key]:
    return Counter(
        (v.focus_node, _path(report.report_graph, v.result_path), v.value, v.constraint,
         v.severity, v.source_shape if isinstance(v.source_shape, URIRef) else "_",
         v.message, v.message_ja, v.source)
        for v in report.violations
    )


def same(graph: Graph, shapes: Graph | None = None) -> ValidationReport:
    fast = validate_graph(graph, shapes=shapes, engine="sparql")
    reference = validate_graph(graph, shapes=shapes, engine="pyshacl")
    assert fast.conforms == reference.conforms
    assert results(fast) == results(reference)
    return fast


@pytest.mark.slow
def test_shipped_build_same_as_pyshacl() -> None:
    report = same(shipped())
    assert report.conforms and report.violations == ()


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(3))
def test_broken_shipped_samples_same_as_pyshacl(seed: int) -> None:
    report = same(broken(subset(shipped(), seed, 0.25), seed, changes=30))
    assert not report.conforms


@pytest.mark.parametrize("seed", range(12))
def test_broken_samples_same_as_pyshacl(seed: int) -> None:
    same(broken(fixture(), seed))


@pytest.mark.parametrize("seed", range(4))
def test_random_subsets_same_as_pyshacl(seed: int) -> None:
    report = same(subset(fixture(), seed, 0.7))
    assert not report.conforms  # a subset loses required values


def test_each_kind_of_fault_same_as_pyshacl() -> None:
    graph = fixture()
    agreement = next(graph.subjects(RDF.type, KYOTEI.Agreement))
    country = next(graph.subjects(RDF.type, KYOTEI.Country))
    record = next(graph.subjects(RDF.type, KYOTEI.SourceRecord))
    graph.remove((agreement, KYOTEI.level, None))  # a required property removed
    line = next(graph.objects(record, KYOTEI.sourceLine))
    graph.remove((record, KYOTEI.sourceLine, line))
    graph.add((record, KYOTEI.sourceLine, Literal(str(line))))  # wrong datatype
    graph.add((agreement, KYOTEI.country, agreement))  # wrong class
    graph.add((country, SKOS.prefLabel, Literal("another", lang="en")))  # two @en labels
    graph.add((agreement, KYOTEI.signedOn, Literal("2020-13-45", datatype=XSD.date)))
    report = same(graph)
    components = {v.constraint for v in report.violations}
    assert components >= {SH.MinCountConstraintComponent, SH.DatatypeConstraintComponent,
                          SH.ClassConstraintComponent, SH.UniqueLangConstraintComponent,
                          SH.MaxCountConstraintComponent}


def test_untyped_partner_fails_the_or_as_pyshacl_does() -> None:
    graph = fixture()
    agreement = next(graph.subjects(RDF.type, KYOTEI.Agreement))
    partner = next(graph.objects(agreement, KYOTEI.partnerParty))
    for cls in list(graph.objects(partner, RDF.type)):
        graph.remove((partner, RDF.type, cls))
    report = same(graph)
    assert SH.OrConstraintComponent in {v.constraint for v in report.violations}


def test_unsupported_shapes_hand_over_to_pyshacl() -> None:
    shapes = with_triples(load_shapes(), (URIRef("https://w3id.org/kyotei/shapes#X"),
                                          SH.targetClass, KYOTEI.Agreement),
                          (URIRef("https://w3id.org/kyotei/shapes#X"), SH["not"], BNode()))
    with pytest.raises(UnsupportedShapeError, match="not"):
        compile_shapes(shapes)
    same(fixture(), shapes)


def test_the_shipped_shapes_compile() -> None:
    shapes = load_shapes()
    compiled = compile_shapes(shapes)
    assert {shape.node for shape in compiled} == set(shapes.subjects(SH.targetClass, None))
    referenced = {p.node for shape in compiled for p in shape.properties}
    assert referenced == set(shapes.objects(None, SH.property))
    assert all(p.sparql_path for shape in compiled for p in shape.properties)
