"""The default engine's shortcuts on a store, against pySHACL and against the plain look-ups:
value tests judged once per distinct value, maxima skipped where each subject has one value,
and the source places of results found without asking every document graph in turn."""

from __future__ import annotations

from collections import Counter

import pyoxigraph as ox
import pytest
from engine_samples import fixture, with_triples
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kyotei.graph.build.quads import StoreView, TermCodec
from kyotei.graph.build.shacl.places import StoreLookup
from kyotei.graph.build.shacl.queries import _Run
from kyotei.graph.build.validate import ValidationReport, validate_graph
from kyotei.graph.model.namespaces import KYOTEI

AGREEMENTS = sorted(set(fixture().subjects(KYOTEI.countryBasis, None)))
RECORDS = sorted(set(fixture().subjects(KYOTEI.sourceLine, None)))


def _results(report: ValidationReport) -> Counter[tuple[object, ...]]:
    return Counter((v.focus_node, v.value, v.constraint, v.message, v.source)
                   for v in report.violations)


def _same(graph: Graph) -> ValidationReport:
    fast = validate_graph(graph, engine="sparql")
    reference = validate_graph(graph, engine="pyshacl")
    assert (fast.conforms, _results(fast)) == (reference.conforms, _results(reference))
    return fast


def _counts(graph: Graph, path: str) -> tuple[int, int, int]:
    codec, store = TermCodec(), ox.Store()
    store.bulk_extend([codec.quad(t) for t in graph])
    return _Run(store, codec).counts(path)


def test_repeated_values_are_judged_once_each_as_pyshacl_judges_them() -> None:
    a, b, c, d = AGREEMENTS[:4]
    graph = with_triples(
        fixture(),
        *[(x, KYOTEI.countryBasis, Literal("guessed")) for x in (a, b, c)],  # sh:pattern
        (d, KYOTEI.countryBasis, Literal("printed")),
        *[(x, KYOTEI.tuitionWaiver, Literal("yes")) for x in (a, b, c)],  # sh:datatype
        (RECORDS[0], KYOTEI.sourceLine, Literal("0", datatype=XSD.positiveInteger)),
        (RECORDS[1], KYOTEI.sourceLine, Literal("0", datatype=XSD.positiveInteger)),
    )  # a second line each: sh:maxCount
    rows, _, values = _counts(graph, f"<{KYOTEI.countryBasis}>")
    assert 2 * values <= rows  # the values repeat: each is judged once
    report = _same(graph)
    constraints = Counter(str(v.constraint).rsplit("#", 1)[1] for v in report.violations)
    assert constraints["PatternConstraintComponent"] >= 3
    assert constraints["DatatypeConstraintComponent"] >= 5  # "yes"; "0" is ill-typed
    assert constraints["MaxCountConstraintComponent"] >= 2


def test_a_second_value_breaks_the_maximum_the_shortcut_skips_otherwise() -> None:
    rows, subjects, _ = _counts(fixture(), f"<{KYOTEI.level}>")
    assert rows == subjects  # one value each: sh:maxCount 1 need not be asked
    assert not [v for v in _same(fixture()).violations if v.result_path == KYOTEI.level]
    graph = with_triples(fixture(), (AGREEMENTS[0], KYOTEI.level, KYOTEI.DepartmentLevel),
                         (AGREEMENTS[0], KYOTEI.level, KYOTEI.UniversityLevel))
    assert [v.focus_node for v in _same(graph).violations
            if str(v.constraint).endswith("MaxCountConstraintComponent")] == [AGREEMENTS[0]]


G = [ox.NamedNode(f"urn:test:graph:{i}") for i in range(4)]
S, P, Q, OB = (URIRef(f"urn:test:{n}") for n in ("s", "p", "q", "o"))


@pytest.mark.parametrize("listed", [G[:3], [G[2], G[0]], [G[3]]])
def test_store_lookup_answers_as_store_view(listed: list[ox.NamedNode]) -> None:
    codec, store = TermCodec(), ox.Store()
    triples = [((S, P, Literal("3")), G[2]), ((S, P, Literal("1")), G[1]),
               ((S, P, Literal("2")), G[0]), ((S, Q, OB), G[2]), ((P, Q, OB), G[0]),
               ((S, P, Literal("0")), G[3]), ((OB, Q, S), G[1]), ((S, P, Literal("9")), None)]
    store.bulk_extend([codec.quad(t, g) for t, g in triples])
    plain, fast = StoreView(store, codec, listed), StoreLookup(store, codec, listed)
    for view in (plain, fast):
        assert isinstance(view, StoreView)
    asks = [(S, P), (S, Q), (P, Q), (OB, Q), (OB, P)]
    assert [list(fast.objects(s, p)) for s, p in asks] == [
        list(plain.objects(s, p)) for s, p in asks]
    assert [fast.value(s, p) for s, p in asks] == [plain.value(s, p) for s, p in asks]
    for p, o in [(Q, OB), (None, OB), (None, S), (P, Literal("1")), (Q, Literal("x"))]:
        assert list(fast.subjects(p, o)) == list(plain.subjects(p, o))
    for triple in [(S, P, Literal("3")), (S, P, Literal("9")), (OB, Q, S), (P, Q, OB)]:
        assert (triple in fast) == (triple in plain)


ORG_UNIT_OF = URIRef("http://www.w3.org/ns/org#unitOf")
SEQUENCE = f"<{KYOTEI.partnerParty}>/<{ORG_UNIT_OF}>"


@pytest.mark.parametrize("extra_units", [0, 12])
def test_a_sequence_path_read_from_either_end_gives_pyshacl_s_results(extra_units: int) -> None:
    wrong = URIRef("https://w3id.org/kyotei/id/institution/kr/somewhere-else")
    graph = with_triples(  # a faculty partner whose institution is not the one named
        fixture(), (AGREEMENTS[0], KYOTEI.partnerInstitution, wrong),
        *[(URIRef(f"urn:test:unit:{i}"), ORG_UNIT_OF, wrong) for i in range(extra_units)])
    codec, store = TermCodec(), ox.Store()
    store.bulk_extend([codec.quad(t) for t in graph])
    reversed_ = _Run(store, codec)._oriented(SEQUENCE) != SEQUENCE
    assert reversed_ == (extra_units == 0)  # fewer org:unitOf than partners: from that end
    report = _same(graph)
    assert any(str(v.constraint).endswith("OrConstraintComponent")
               and v.focus_node == AGREEMENTS[0] for v in report.violations)
