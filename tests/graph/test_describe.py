"""The dataset description: DCAT catalogue entries and VoID statistics that add up."""

from __future__ import annotations

import datetime as dt

import pytest
from engine_samples import fixture, fixture_dataset
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from kyotei.graph.model.namespaces import DCAT, DCTERMS, KYOTEI, ORG, VOID
from kyotei.graph.publish.describe import describe_dataset
from kyotei.graph.publish.writers import FORMATS, inferred_graph_iri, to_turtle

BASE = "https://w3id.org/kyotei/id/"
ROOT = URIRef(BASE + "dataset")
ENDPOINT = "https://kyotei.example.org/sparql"


def value(graph: Graph, subject: URIRef, predicate: URIRef) -> object:
    node = graph.value(subject, predicate)
    assert isinstance(node, Literal), (subject, predicate, node)
    return node.toPython()


def test_void_statistics_add_up() -> None:
    data = fixture()
    g = describe_dataset(fixture_dataset(), base_iri=BASE)
    assert value(g, ROOT, VOID.triples) == len(data) > 150
    assert value(g, ROOT, VOID.properties) == len(set(data.predicates()))
    classes = set(data.objects(None, RDF.type))
    assert value(g, ROOT, VOID.classes) == len(classes) == 10
    entities = {s for s in data.subjects() if str(s).startswith(BASE)}
    assert value(g, ROOT, VOID.entities) == len(entities)
    assert value(g, ROOT, VOID.uriSpace) == BASE
    partitions = {g.value(p, VOID["class"]): value(g, p, VOID.entities)
                  for p in g.objects(ROOT, VOID.classPartition)}
    assert partitions == {c: len(set(data.subjects(RDF.type, c))) for c in classes}
    assert partitions[KYOTEI.Agreement] == 4
    assert partitions[KYOTEI.SourceRecord] == 5


def test_vocabularies_are_every_namespace_used() -> None:
    g = describe_dataset(fixture_dataset(), base_iri=BASE)
    assert {str(v) for v in g.objects(ROOT, VOID.vocabulary)} == {
        "https://w3id.org/kyotei/def#",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://www.w3.org/2000/01/rdf-schema#",
        "http://www.w3.org/2001/XMLSchema#",
        "http://www.w3.org/2004/02/skos/core#",
        "http://www.w3.org/ns/org#",
        "http://www.w3.org/ns/prov#",
        "http://purl.org/dc/terms/",
    }


def test_dcat_catalogue_entry() -> None:
    urls = {"turtle": "https://kyotei.example.org/kyotei.ttl",
            "csv": "https://kyotei.example.org/agreements.csv"}
    g = describe_dataset(fixture_dataset(), base_iri=BASE, endpoint_url=ENDPOINT,
                         download_urls=urls, issued=dt.date(2026, 11, 1),
                         modified=dt.datetime(2026, 11, 22, 10, 0, tzinfo=dt.UTC))
    assert (ROOT, RDF.type, DCAT.Dataset) in g and (ROOT, RDF.type, VOID.Dataset) in g
    assert {t.language for t in g.objects(ROOT, DCTERMS.title)} == {"en", "ja"}
    assert {d.language for d in g.objects(ROOT, DCTERMS.description)} == {"en", "ja"}
    assert g.value(ROOT, DCTERMS.issued) == Literal("2026-11-01", datatype=XSD.date)
    assert g.value(ROOT, DCTERMS.modified) == Literal("2026-11-22T10:00:00+00:00",
                                                      datatype=XSD.dateTime)
    distributions = {str(d).rsplit("/", 1)[1]: d for d in g.objects(ROOT, DCAT.distribution)}
    assert set(distributions) == set(FORMATS)
    for fmt, node in distributions.items():
        media = g.value(node, DCAT.mediaType)
        assert str(media) == "https://www.iana.org/assignments/media-types/" + FORMATS[fmt][0]
        assert (node, RDF.type, DCAT.Distribution) in g
    assert str(g.value(distributions["turtle"], DCAT.downloadURL)) == urls["turtle"]
    assert g.value(distributions["jsonld"], DCAT.downloadURL) is None
    assert {str(u) for u in g.objects(ROOT, VOID.dataDump)} == {urls["turtle"]}
    assert str(g.value(ROOT, VOID.sparqlEndpoint)) == ENDPOINT
    (service,) = g.subjects(RDF.type, DCAT.DataService)
    assert str(g.value(service, DCAT.endpointURL)) == ENDPOINT
    assert g.value(service, DCAT.servesDataset) == ROOT
    assert set(g.objects(ROOT, DCTERMS.source)) == {
        URIRef(BASE + "document/000_1653739df7b8e744"),
        URIRef(BASE + "document/001_2fb9447d554a3c8c"),
    }


def test_defaults_without_endpoint_or_dates() -> None:
    g = describe_dataset(fixture_dataset(), base_iri=BASE)
    assert g.value(ROOT, VOID.sparqlEndpoint) is None
    assert not list(g.subjects(RDF.type, DCAT.DataService))
    assert g.value(ROOT, DCTERMS.issued) is None
    # modified: the newest date a source document is current as of
    assert g.value(ROOT, DCTERMS.modified) == Literal("2023-09-01", datatype=XSD.date)


def test_deterministic_iris_under_the_base_and_no_blank_nodes() -> None:
    first = describe_dataset(fixture_dataset(), base_iri=BASE, endpoint_url=ENDPOINT)
    second = describe_dataset(fixture_dataset(), base_iri=BASE, endpoint_url=ENDPOINT)
    assert isomorphic(first, second)
    assert to_turtle(first, base_iri=BASE) == to_turtle(second, base_iri=BASE)
    subjects = set(first.subjects())
    assert not any(isinstance(n, BNode) for t in first for n in t)
    assert all(str(s).startswith(BASE + "dataset") for s in subjects)


def test_counts_ignore_inferred_triples_and_an_earlier_description() -> None:
    dataset = fixture_dataset()
    before = describe_dataset(dataset, base_iri=BASE, endpoint_url=ENDPOINT)
    common = dataset.graph(URIRef(BASE + "graph/common"))
    for triple in before:
        common.add(triple)
    dataset.graph(inferred_graph_iri(BASE)).add(
        (URIRef(BASE + "institution/kr/77aa55cc33"), ORG.linkedTo, URIRef(BASE + "x")))
    after = describe_dataset(dataset, base_iri=BASE, endpoint_url=ENDPOINT)
    assert isomorphic(before, after)


def test_unknown_download_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown formats: xml"):
        describe_dataset(fixture_dataset(), base_iri=BASE, download_urls={"xml": "https://x"})
