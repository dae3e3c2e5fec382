"""How the compiled rules read the build store (kyotei.graph.build.materialise): a graph
list that is not every graph, predicates that only give types, derived triples also
asserted, and several graphs holding the same triples; each against owlrl, the reference."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest
from engine_samples import fixture, ontology
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kyotei.graph.build import inplace, materialise
from kyotei.graph.build.materialise import closure_in_store
from kyotei.graph.build.owl_rules import compile_rules
from kyotei.graph.build.quads import BuildStore, StoreTerms
from kyotei.graph.build.reason import _store_keep, reason, reason_store, vocabulary_terms
from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI, KYOTEI
from kyotei.graph.publish.writers import inferred_graph_iri

EX = "http://example.org/"
INFERRED = inferred_graph_iri(DEFAULT_BASE_IRI)
ONE = URIRef(f"{DEFAULT_BASE_IRI}graph/source/one")
TWO = URIRef(f"{DEFAULT_BASE_IRI}graph/source/two")

Triples = set[tuple[Node, Node, Node]]

SMALL = f"""
@prefix ex: <{EX}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:A rdfs:subClassOf ex:B . ex:C rdfs:subClassOf ex:B .
ex:d rdfs:domain ex:A . ex:e rdfs:domain ex:A . ex:r rdfs:range ex:C ; rdfs:domain ex:A .
ex:s rdfs:subPropertyOf ex:t ; rdfs:domain ex:C . ex:plain rdfs:label "no rule" .
"""


def ex(name: str) -> URIRef:
    return URIRef(EX + name)


def _stored(graphs: dict[URIRef, Graph], onto: Graph, only: list[URIRef] | None = None
            ) -> Triples:
    """What the rules write from a store holding ``graphs`` (reading ``only`` of them)."""
    store = BuildStore()
    try:
        for name, graph in graphs.items():
            store.add_triples(sorted(graph, key=lambda t: tuple(map(str, t))), name)
        inferred = ox.NamedNode(str(INFERRED))
        if only is None:
            count = reason_store(store, onto, inferred=INFERRED)
        else:
            terms = StoreTerms(store.codec)
            fed = {RDF.type} | {s for s in onto.subjects() if isinstance(s, URIRef)}
            count = closure_in_store(
                store.store, terms, [ox.NamedNode(str(g)) for g in only], fed, onto,
                compile_rules(onto), keep=_store_keep(vocabulary_terms(onto), terms),
                inferred=inferred)
        kept = set(store.triples([inferred]))
        assert count == len(kept)
        return kept
    finally:
        store.close()


def _union(*graphs: Graph) -> Graph:
    union = Graph()
    for graph in graphs:
        for triple in graph:
            union.add(triple)
    return union


def test_graphs_left_out_are_not_read() -> None:
    onto = ontology()
    one = fixture()
    two = Graph()  # an agreement only the graph left out holds
    agreement, home, partner = ex("agreement"), ex("home"), ex("partner")
    two.add((agreement, RDF.type, KYOTEI.Agreement))
    two.add((agreement, KYOTEI.homeParty, home))
    two.add((agreement, KYOTEI.partnerParty, partner))
    two.add((home, KYOTEI.country, ex("country")))
    kept = _stored({ONE: one, TWO: two}, onto, only=[URIRef(ONE)])
    assert kept == set(reason(one, onto, engine="owlrl"))
    assert not any(agreement in (s, o) or home == s for s, _, o in kept)
    # read as every graph, the same store gives what owlrl gives for both
    both = _stored({ONE: one, TWO: two}, onto)
    assert both == set(reason(_union(one, two), onto, engine="owlrl"))
    assert (home, KYOTEI.hasAgreementWith, partner) in both


def test_predicates_that_only_give_types() -> None:
    onto = Graph().parse(data=SMALL, format="turtle")
    rules = compile_rules(onto).engine(lambda t: t)
    assert rules.types_only(ex("d")) is not None and rules.types_only(ex("r")) is not None
    assert rules.types_only(ex("s")) is None  # it derives ex:t triples
    assert rules.types_only(RDF.type) is None
    one, two = Graph(), Graph()
    for graph, node in ((one, ex("a")), (two, ex("a")), (two, ex("b"))):
        graph.add((node, ex("d"), Literal("x")))  # the same node in two graphs
        graph.add((node, ex("e"), ex("c")))
        graph.add((node, ex("r"), ex("c")))
    two.add((ex("c"), ex("r"), Literal("a literal gets no type")))
    two.add((BNode(), ex("d"), ex("k")))  # a blank node's type is not kept
    two.add((ex("k"), ex("s"), ex("m")))
    two.add((ex("k"), ex("plain"), ex("m")))  # no rule: nothing derived
    two.add((ex("b"), RDF.type, ex("A")))  # asserted: only its super-class is new
    kept = _stored({ONE: one, TWO: two}, onto)
    assert kept == set(reason(_union(one, two), onto, engine="owlrl"))
    for triple in ((ex("a"), RDF.type, ex("A")), (ex("a"), RDF.type, ex("B")),
                   (ex("c"), RDF.type, ex("C")), (ex("b"), RDF.type, ex("B")),
                   (ex("k"), RDF.type, ex("C")), (ex("k"), ex("t"), ex("m"))):
        assert triple in kept
    assert (ex("b"), RDF.type, ex("A")) not in kept


def test_a_derived_triple_asserted_in_another_graph_is_not_kept() -> None:
    onto = ontology()
    one = fixture()
    agreement, home = next(one.subject_objects(KYOTEI.homeParty))
    two = Graph()
    two.add((home, KYOTEI.homePartyOf, agreement))  # what the inverse derives, asserted
    kept = _stored({ONE: one, TWO: two}, onto)
    assert (home, KYOTEI.homePartyOf, agreement) not in kept
    assert kept == set(reason(_union(one, two), onto, engine="owlrl"))
    # the graph that asserts it left out: then it is derived and kept
    alone = _stored({ONE: one, TWO: two}, onto, only=[URIRef(ONE)])
    assert (home, KYOTEI.homePartyOf, agreement) in alone


def test_a_class_that_is_not_an_iri() -> None:
    """``rdf:type`` triples are read a class at a time (only the subjects come back from the
    store); a blank node or a literal as a class cannot be named in a query: then they are
    all read as pairs, with the same result."""
    onto = Graph().parse(data=SMALL, format="turtle")
    one, two = Graph(), Graph()
    one.add((ex("a"), RDF.type, ex("A")))
    two.add((ex("b"), RDF.type, BNode()))
    two.add((ex("c"), RDF.type, Literal("a class?")))
    two.add((ex("c"), RDF.type, ex("C")))
    two.add((ex("a"), RDF.type, ex("B")))  # asserted in another graph: not kept
    for graphs in ({ONE: one}, {ONE: one, TWO: two}):
        kept = _stored(graphs, onto)
        assert kept == set(reason(_union(*graphs.values()), onto, engine="owlrl"))
    assert (ex("c"), RDF.type, ex("B")) in kept
    assert (ex("a"), RDF.type, ex("B")) not in kept


def test_functional_properties_are_checked_before_the_queries_run(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The in-place queries derive no triple of a functional property: the check reads the
    asserted graphs alone, before them, and a clash there hands over to owlrl with no query
    run (the same triples as owlrl's either way)."""
    onto = ontology()
    one = fixture()
    runs: list[str] = []
    checked: list[list[str]] = []
    run, check = inplace.run, materialise.clashes

    def counted_run(*args: Any) -> None:
        runs.append("run")
        run(*args)

    def counted_check(store: ox.Store, graphs: list[ox.NamedNode], *rest: Any) -> bool:
        runs.append("check")
        checked.append([g.value for g in graphs])
        return bool(check(store, graphs, *rest))

    monkeypatch.setattr(inplace, "run", counted_run)
    monkeypatch.setattr(materialise, "clashes", counted_check)
    assert _stored({ONE: one}, onto) == set(reason(one, onto, engine="owlrl"))
    assert runs == ["check", "run"]
    assert checked == [[str(ONE)]]  # not the inferred graph
    agreement, _ = next(one.subject_objects(KYOTEI.homeParty))
    one.add((agreement, KYOTEI.homeParty, ex("another")))  # two values asserted
    runs.clear()
    assert _stored({ONE: one}, onto) == set(reason(one, onto, engine="owlrl"))
    assert runs == ["check"]  # owlrl decided: no query ran


class _Asked:
    """A store that notes the queries asked of it."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.asked: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def query(self, query: str, **options: Any) -> Any:
        self.asked.append(query)
        return self.store.query(query, **options)


def test_the_functional_check_counts_distinct_pairs_only_when_quads_repeat() -> None:
    p, ex_graph = ox.NamedNode(f"{EX}p"), [ox.NamedNode(str(ONE)), ox.NamedNode(str(TWO))]
    a, b, c = (ox.NamedNode(f"{EX}{n}") for n in "abc")
    store = ox.Store()
    store.extend([ox.Quad(a, p, b, ex_graph[0]), ox.Quad(c, p, b, ex_graph[0])])
    asked = _Asked(store)
    assert not materialise.clashes(asked, ex_graph, {p}, set(), [])
    assert len(asked.asked) == 1 and "DISTINCT ?x ?a" not in asked.asked[0]
    store.add(ox.Quad(a, p, b, ex_graph[1]))  # the same triple in another graph: no clash
    asked.asked.clear()
    assert not materialise.clashes(asked, ex_graph, {p}, set(), [])
    assert len(asked.asked) == 2 and "DISTINCT ?x ?a" in asked.asked[1]
    store.add(ox.Quad(a, p, c, ex_graph[1]))  # two values
    assert materialise.clashes(asked, ex_graph, {p}, set(), [])
    assert materialise.clashes(asked, ex_graph, set(), {p}, [])
