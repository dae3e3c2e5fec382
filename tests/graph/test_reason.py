"""OWL RL reasoning keeps the inferences queries use and nothing else."""

from __future__ import annotations

import engine_samples
import owlrl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import FOAF, OWL, RDF, RDFS
from rdflib.term import Node

from kyotei.graph.build.reason import (
    inert_properties,
    keep,
    reason,
    relevant_triples,
    vocabulary_terms,
)
from kyotei.graph.model.namespaces import DCTERMS, KYOTEI, ORG, PROV, SCHEMA

ID = "https://w3id.org/kyotei/id/"
A_DEPT = URIRef(ID + "agreement/3f2a9c0d11e4b7a2")
HOME = URIRef(ID + "institution/jp/0a1b2c3d4e")
HOME_ENG = URIRef(ID + "institution/jp/0a1b2c3d4e/unit/9f8e7d6c5b")
SNU = URIRef(ID + "institution/kr/77aa55cc33")
SNU_ENG = URIRef(ID + "institution/kr/77aa55cc33/unit/1122334455")
UC = URIRef(ID + "institution/us/5566778899")
UNID = URIRef(ID + "institution/unidentified/000_1653739df7b8e744")
CHULA_ENG = URIRef(ID + "institution/th/aabbccddee/unit/ffeeddccbb")
DOC = URIRef(ID + "document/001_2fb9447d554a3c8c")
REC = URIRef(ID + "record/001_2fb9447d554a3c8c/352/3")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return engine_samples.ontology()


@pytest.fixture(scope="module")
def asserted() -> Graph:
    return engine_samples.fixture()


@pytest.fixture(scope="module")
def inferred(asserted: Graph, ontology: Graph) -> Graph:
    return reason(asserted, ontology)


def test_has_agreement_with_both_ways(inferred: Graph) -> None:
    pairs = {(s, o) for s, o in inferred.subject_objects(KYOTEI.hasAgreementWith)}
    expected = {(HOME_ENG, SNU_ENG), (HOME, UC), (UNID, CHULA_ENG),
                (HOME, URIRef(ID + "institution/us/66778899aa"))}
    assert pairs == expected | {(b, a) for a, b in expected}
    linked = {(s, o) for s, o in inferred.subject_objects(ORG.linkedTo)}
    assert pairs <= linked


def test_property_hierarchy_and_inverses(inferred: Graph) -> None:
    assert (A_DEPT, KYOTEI.party, HOME_ENG) in inferred
    assert (A_DEPT, KYOTEI.party, SNU_ENG) in inferred
    assert (HOME_ENG, KYOTEI.homePartyOf, A_DEPT) in inferred
    assert (SNU_ENG, KYOTEI.partnerPartyOf, A_DEPT) in inferred
    assert (A_DEPT, DCTERMS.date, Literal("2004-03-15", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#date"))) in inferred
    assert (DOC, DCTERMS.date, Literal("2012-05-01", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#date"))) in inferred
    assert (REC, DCTERMS.isPartOf, DOC) in inferred
    assert (A_DEPT, PROV.wasDerivedFrom, REC) not in inferred  # asserted already


def test_super_classes(inferred: Graph) -> None:
    assert (SNU, RDF.type, ORG.FormalOrganization) in inferred
    assert (SNU, RDF.type, SCHEMA.Organization) in inferred
    assert (UNID, RDF.type, KYOTEI.Institution) in inferred
    assert (SNU_ENG, RDF.type, ORG.OrganizationalUnit) in inferred
    assert (SNU_ENG, RDF.type, ORG.Organization) in inferred  # range of kyotei:party
    assert (A_DEPT, RDF.type, PROV.Entity) in inferred
    assert (DOC, RDF.type, FOAF.Document) in inferred
    assert (REC, RDF.type, PROV.Entity) in inferred


def test_only_inferences_worth_keeping(asserted: Graph, ontology: Graph, inferred: Graph) -> None:
    vocabulary = vocabulary_terms(ontology)
    builtins = (str(RDF), str(RDFS), str(OWL), "http://www.w3.org/2001/XMLSchema#")
    for s, p, o in inferred:
        assert (s, p, o) not in asserted
        assert (s, p, o) not in ontology
        assert not isinstance(s, Literal | BNode)
        assert not isinstance(o, BNode)  # e.g. the owl:unionOf domain of kyotei:rule
        assert s not in vocabulary
        assert not str(s).startswith(builtins)
        assert not (p == OWL.sameAs and s == o)
        assert o not in {OWL.Thing, RDFS.Resource}
        assert p not in {RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range,
                         OWL.equivalentClass, OWL.equivalentProperty}
    assert len(inferred) > 0


def test_inputs_unchanged(asserted: Graph, ontology: Graph) -> None:
    asserted_copy, ontology_copy = to_isomorphic(asserted), to_isomorphic(ontology)
    reason(asserted, ontology)
    assert isomorphic(asserted, asserted_copy)
    assert isomorphic(ontology, ontology_copy)


def plain_owlrl(asserted: Graph, ontology: Graph) -> set[tuple[Node, Node, Node]]:
    """What owlrl's own OWL RL closure over everything gives, filtered by the same rule."""
    work = Graph()
    for triple in ontology:
        work.add(triple)
    for triple in asserted:
        work.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(work)
    vocabulary = vocabulary_terms(ontology)
    return {
        t for t in work
        if t not in asserted and t not in ontology and keep(t, vocabulary)
    }


def test_same_result_as_plain_owlrl_over_everything(
    asserted: Graph, ontology: Graph, inferred: Graph
) -> None:
    """Feeding only the relevant triples and the faster bookkeeping change nothing kept."""
    assert plain_owlrl(asserted, ontology) == set(inferred)


def test_untyped_subjects_still_get_their_domain(ontology: Graph) -> None:
    graph = engine_samples.fixture()
    untyped = URIRef(ID + "record/untyped")
    graph.add((untyped, KYOTEI.sourceLine, Literal(7)))  # an inert property, no rdf:type
    inferred = reason(graph, ontology)
    assert (untyped, RDF.type, KYOTEI.SourceRecord) in inferred
    assert plain_owlrl(graph, ontology) == set(inferred)


def test_inert_properties(ontology: Graph) -> None:
    inert = inert_properties(ontology)
    assert inert[KYOTEI.sourceLine] == {KYOTEI.SourceRecord}
    assert inert[KYOTEI.countryBasis] == {KYOTEI.Agreement}
    # a super-property, a chain link, an inverse's target: never inert
    for prop in (KYOTEI.signedOn, KYOTEI.verbatimText, KYOTEI.homeParty, KYOTEI.partnerParty,
                 KYOTEI.asOf):
        assert prop not in inert


def test_unrelated_triples_are_not_fed(asserted: Graph, ontology: Graph) -> None:
    fed = set(relevant_triples(asserted, ontology))
    assert all(p == RDF.type or (p, None, None) in ontology for _, p, _ in fed)
    assert not any(p == URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
                   for _, p, _ in fed)


def test_functional_property_clash_is_kept_as_same_as(ontology: Graph) -> None:
    graph = engine_samples.fixture()
    graph.add((A_DEPT, KYOTEI.partnerInstitution, UC))  # a second, different value
    inferred = reason(graph, ontology)
    assert (SNU, OWL.sameAs, UC) in inferred and (UC, OWL.sameAs, SNU) in inferred
