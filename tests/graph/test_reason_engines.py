"""The compiled OWL RL rules against owlrl, the reference: same kept inferences, from rdflib
graphs (``reason``) and from the build store (``reason_store``)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from engine_samples import broken, fixture, ontology, shipped, subset, with_triples
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kyotei.graph.build.owl_rules import UnsupportedAxiomError, closure, compile_rules
from kyotei.graph.build.quads import BuildStore
from kyotei.graph.build.reason import reason, reason_store
from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI, KYOTEI
from kyotei.graph.publish.writers import inferred_graph_iri

EX = "http://example.org/"
INFERRED = inferred_graph_iri(DEFAULT_BASE_IRI)
SOURCE = URIRef(f"{DEFAULT_BASE_IRI}graph/source/sample")


Triples = set[tuple[Node, Node, Node]]


def both(asserted: Graph, onto: Graph) -> tuple[Triples, Triples]:
    return set(reason(asserted, onto, engine="sparql")), set(reason(asserted, onto,
                                                                   engine="owlrl"))


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology()


@pytest.mark.slow
def test_shipped_build_same_as_owlrl(onto: Graph) -> None:
    fast, reference = both(shipped(), onto)
    assert fast == reference
    # the chain, the symmetry and the inverses all fired (not an empty agreement)
    for prop in (KYOTEI.hasAgreementWith, KYOTEI.homePartyOf, KYOTEI.partnerPartyOf):
        assert any(p == prop for _, p, _ in fast)


@pytest.mark.parametrize("seed", range(6))
def test_random_subsets_same_as_owlrl(onto: Graph, seed: int) -> None:
    fast, reference = both(subset(fixture(), seed), onto)
    assert fast == reference


@pytest.mark.parametrize("seed", range(10))
def test_broken_samples_same_as_owlrl(onto: Graph, seed: int) -> None:
    fast, reference = both(broken(fixture(), seed), onto)
    assert fast == reference


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(2))
def test_broken_shipped_samples_same_as_owlrl(onto: Graph, seed: int) -> None:
    fast, reference = both(broken(subset(shipped(), seed, 0.3), seed, changes=40), onto)
    assert fast == reference


def test_the_ontology_compiles_to_one_rule_per_construct(onto: Graph) -> None:
    rules = compile_rules(onto)
    templates = sorted(r.template for r in rules.rules)
    # cax-sco, prp-spo1, prp-dom, prp-rng, prp-inv, prp-symp, prp-spo2 (no transitive
    # property in kyotei's ontology)
    assert templates == ["?x ?q ?y", "?x a ?c", "?x a ?d", "?x0 ?p ?x2", "?y ?p ?x",
                         "?y ?q ?x", "?y a ?c"]
    assert KYOTEI.homeParty in rules.functional and rules.inverse_functional == []
    chain = next(r for r in rules.rules if r.template == "?x0 ?p ?x2")
    assert chain.rows == ((KYOTEI.hasAgreementWith, KYOTEI.homePartyOf, KYOTEI.partnerParty),)


def test_unsupported_axioms_hand_over_to_owlrl(onto: Graph) -> None:
    extended = with_triples(onto, (KYOTEI.Agreement, OWL.disjointWith, KYOTEI.Country))
    with pytest.raises(UnsupportedAxiomError, match="disjointWith"):
        compile_rules(extended)
    fast, reference = both(fixture(), extended)
    assert fast == reference


def _clashing() -> tuple[Graph, Node, Node]:
    """The fixture with an agreement given a second partner institution (a functional
    property with two values), and the two institutions."""
    graph = fixture()
    agreement = next(graph.subjects(RDF.type, KYOTEI.Agreement))
    partner = next(graph.objects(agreement, KYOTEI.partnerInstitution))
    other = next(i for i in graph.subjects(RDF.type, KYOTEI.Institution) if i != partner)
    graph.add((agreement, KYOTEI.partnerInstitution, other))
    return graph, partner, other


def test_functional_clash_needs_owlrl(onto: Graph) -> None:
    graph, partner, other = _clashing()
    assert closure(list(graph), onto, compile_rules(onto)) is None
    fast, reference = both(graph, onto)
    assert fast == reference and (partner, OWL.sameAs, other) in fast


def test_data_declaring_schema_needs_owlrl(onto: Graph) -> None:
    graph = with_triples(fixture(), (KYOTEI.party, RDF.type, OWL.TransitiveProperty))
    assert closure(list(graph), onto, compile_rules(onto)) is None
    fast, reference = both(graph, onto)
    assert fast == reference


# -- constructs kyotei's ontology does not use today, on a small ontology of their own --

SMALL = f"""
@prefix ex: <{EX}> . @prefix owl: <{OWL}> . @prefix rdfs: <{RDFS}> .
ex:A owl:equivalentClass ex:B . ex:B rdfs:subClassOf ex:C .
ex:p owl:equivalentProperty ex:q . ex:q rdfs:subPropertyOf ex:r ; rdfs:domain ex:A .
ex:t a owl:TransitiveProperty ; rdfs:range ex:C .
ex:long owl:propertyChainAxiom ( ex:p ex:t ex:inv ) .
ex:inv owl:inverseOf ex:name . ex:name a owl:DatatypeProperty .
ex:sameName owl:propertyChainAxiom ( ex:name ex:inv ) .
ex:u owl:unionOf ( ex:A ex:D ) . ex:u rdfs:subClassOf ex:E .
"""
DATA = f"""
@prefix ex: <{EX}> .
ex:a ex:p ex:b . ex:b ex:t ex:c . ex:c ex:t ex:d . ex:x ex:name "shared" .
ex:y ex:name "shared" . ex:d ex:name "other" . ex:k a ex:D .
"""


def test_other_constructs_same_as_owlrl() -> None:
    small = Graph().parse(data=SMALL, format="turtle")
    data = Graph().parse(data=DATA, format="turtle")
    fast, reference = both(data, small)
    assert fast == reference

    def ex(name: str) -> URIRef:
        return URIRef(EX + name)

    assert (ex("a"), RDF.type, ex("C")) in fast  # domain A, A ≡ B ⊑ C
    assert (ex("b"), ex("t"), ex("d")) in fast  # transitive
    assert (ex("x"), ex("sameName"), ex("y")) in fast  # a chain through a literal
    assert (ex("k"), RDF.type, ex("E")) in fast  # union member ⊑ union ⊑ E
    assert (ex("a"), ex("r"), ex("b")) in fast  # p ≡ q ⊑ r
    assert not any(isinstance(s, Literal) for s, _, _ in fast)


# -- the same rules run from the build store (reason_store): what it writes, against owlrl --


def _in_store(data: Graph, onto: Graph) -> Triples:
    store = BuildStore()
    try:
        store.add_triples(sorted(data, key=lambda t: tuple(map(str, t))), SOURCE)
        count = reason_store(store, onto, inferred=INFERRED)
        kept = set(store.triples([ox.NamedNode(str(INFERRED))]))
        assert count == len(kept)
        return kept
    finally:
        store.close()


def test_other_constructs_from_the_store_same_as_owlrl() -> None:
    small = Graph().parse(data=SMALL, format="turtle")
    data = Graph().parse(data=DATA, format="turtle")
    kept = _in_store(data, small)
    assert kept == set(reason(data, small, engine="owlrl"))
    # a chain through a literal (no literal can be a subject in the store)
    assert (URIRef(EX + "x"), URIRef(EX + "sameName"), URIRef(EX + "y")) in kept


def test_functional_clash_in_the_store_needs_owlrl(onto: Graph) -> None:
    graph, partner, other = _clashing()
    kept = _in_store(graph, onto)
    assert kept == set(reason(graph, onto, engine="owlrl"))
    assert (partner, OWL.sameAs, other) in kept


def test_a_derived_triple_also_asserted_is_not_kept(onto: Graph) -> None:
    graph = fixture()
    agreement, home = next(graph.subject_objects(KYOTEI.homeParty))
    graph.add((home, KYOTEI.homePartyOf, agreement))  # what the inverse derives, asserted
    kept = _in_store(graph, onto)
    assert (home, KYOTEI.homePartyOf, agreement) not in kept
    assert kept == set(reason(graph, onto, engine="owlrl"))
