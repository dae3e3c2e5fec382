"""The compiled rules run as SPARQL queries in the build store (kyotei.graph.build.inplace):
when they are used, when the streamed pass runs instead, and what they keep (blank nodes,
terms of the ontology or of built-in vocabularies, literals on a chain), each against
owlrl, the reference."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
import pytest
from engine_samples import fixture, ontology
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from test_reason_engines import _in_store

from kyotei.graph.build import inplace
from kyotei.graph.build.owl_rules import compile_rules
from kyotei.graph.build.quads import BuildStore, StoreTerms
from kyotei.graph.build.reason import _store_keep, reason, vocabulary_terms
from kyotei.graph.model.namespaces import KYOTEI

EX = "http://example.org/"

CHAIN = f"""
@prefix ex: <{EX}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
ex:p owl:inverseOf ex:pi ; rdfs:domain ex:A ; rdfs:range ex:B .
ex:q rdfs:subPropertyOf ex:r ; rdfs:range ex:B .
ex:h a owl:SymmetricProperty ; owl:propertyChainAxiom ( ex:pi ex:q ) ; rdfs:domain ex:B .
ex:A rdfs:subClassOf ex:C . ex:B rdfs:subClassOf ex:C .
"""


def ex(name: str) -> URIRef:
    return URIRef(EX + name)


def _plan(onto: Graph) -> inplace.Plan | None:
    rules = compile_rules(onto)
    terms = StoreTerms(BuildStore().codec)
    engine = rules.engine(terms.node)
    keep = _store_keep(vocabulary_terms(onto), terms)
    probe, other = ox.NamedNode(f"{EX}probe"), ox.NamedNode(f"{EX}other")
    fed = {RDF.type} | {s for s in onto.subjects() if isinstance(s, URIRef)}
    predicates = [p for p in (engine.node(t) for t in sorted(fed, key=str))
                  if isinstance(p, ox.NamedNode)]
    return inplace.plan(engine, predicates, keep_class=lambda c: keep(probe, engine.type, c),
                        keep_predicate=lambda q: keep(probe, q, other),
                        special={terms.node(p) for p in rules.functional}, dropped=())


def test_the_ontology_runs_in_place() -> None:
    found = _plan(ontology())
    assert found is not None
    assert found.unsure is not None  # homeParty (functional) is derived from homePartyOf
    made = inplace.queries(found, lambda ask: False)
    # the chain joined once for hasAgreementWith both ways and org:linkedTo
    chain = [q for q in made if f"?b <{KYOTEI.hasAgreementWith}> ?a" in q and "?m1" in q]
    assert len(chain) == 1 and "linkedTo> ?a" in chain[0] and "MINUS" not in chain[0]
    # a predicate an asserted graph holds: a query of its own, without those
    held = inplace.queries(found, lambda ask: str(KYOTEI.party) in ask)
    assert any(q.startswith(f"CONSTRUCT {{ ?a <{KYOTEI.party}> ?b }}") and "MINUS { GRAPH ?h"
               in q for q in held)


def test_a_chain_that_feeds_a_chain_needs_the_streamed_pass() -> None:
    transitive = Graph().parse(data=CHAIN + "ex:h a owl:TransitiveProperty .", format="turtle")
    assert _plan(Graph().parse(data=CHAIN, format="turtle")) is not None
    assert _plan(transitive) is None
    data = Graph()
    for a, b, c in (("x", "y", "z"), ("z", "u", "w")):
        data.add((ex(b), ex("p"), ex(a)))
        data.add((ex(b), ex("q"), ex(c)))
    assert _in_store(data, transitive) == set(reason(data, transitive, engine="owlrl"))
    assert (ex("x"), ex("h"), ex("w")) in _in_store(data, transitive)


def test_chains_blank_nodes_and_terms_keep_drops(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[int] = []
    real = inplace.run

    def spy(*args: Any, **kwargs: Any) -> None:
        runs.append(1)
        real(*args, **kwargs)

    monkeypatch.setattr(inplace, "run", spy)
    onto = Graph().parse(data=CHAIN, format="turtle")
    data = Graph()
    blank, other = BNode("kept0label"), BNode()
    data.add((ex("y"), ex("p"), ex("x")))
    data.add((ex("y"), ex("q"), ex("z")))  # x h z, z h x by the chain and symmetry
    data.add((ex("y"), ex("q"), blank))  # a blank object keeps its label: y r _:kept0label
    data.add((other, ex("p"), ex("x")))  # a blank subject: x pi _:b, its own types dropped
    data.add((ex("v"), ex("q"), Literal("a literal")))  # no type for a literal
    data.add((ex("A"), ex("q"), ex("m")))  # a term of the ontology: nothing about it kept
    data.add((RDFS.Resource, ex("q"), ex("m")))  # a built-in vocabulary's term, likewise
    data.add((ex("x"), RDF.type, ex("A")))  # asserted: only its super-class is new
    kept = _in_store(data, onto)
    assert kept == set(reason(data, onto, engine="owlrl"))
    for triple in ((ex("x"), ex("h"), ex("z")), (ex("z"), ex("h"), ex("x")),
                   (ex("y"), ex("r"), blank), (ex("x"), ex("pi"), other),
                   (ex("x"), RDF.type, ex("C")), (ex("x"), ex("h"), blank)):
        assert triple in kept
    assert (ex("x"), RDF.type, ex("A")) not in kept
    assert not any(s in (ex("A"), RDFS.Resource) for s, _, _ in kept)
    assert runs == [1]  # the queries wrote it, not the streamed pass


def test_a_functional_property_derived_from_the_data_needs_the_streamed_pass() -> None:
    onto = ontology()
    data = fixture()
    _, home = next(data.subject_objects(KYOTEI.homeParty))
    data.add((home, KYOTEI.homePartyOf, ex("another")))  # homeParty derived: two values
    assert _in_store(data, onto) == set(reason(data, onto, engine="owlrl"))


def test_what_the_queries_write_is_loaded_in_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files of a few lines each, some query's lines cut across files: the same triples."""
    onto = ontology()
    data = fixture()
    whole = _in_store(data, onto)
    monkeypatch.setattr(inplace, "_PART", 300)
    assert _in_store(data, onto) == whole == set(reason(data, onto, engine="owlrl"))
