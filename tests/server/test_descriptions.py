"""What the server says about itself: the service description and the dataset (VoID)."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, Graph, Namespace, URIRef

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
BASE_IRI = "https://w3id.org/kyotei/id/"
PARSERS = {"text/turtle": "turtle", "application/ld+json": "json-ld",
           "application/rdf+xml": "xml", "application/n-triples": "nt"}


def _graph(response: object, media: str) -> Graph:
    graph = Graph()
    graph.parse(io.BytesIO(response.content), format=PARSERS[media])  # type: ignore[attr-defined]
    return graph


@pytest.mark.parametrize("media", sorted(PARSERS))
def test_service_description_by_accept(client: TestClient, media: str) -> None:
    response = client.get("/sparql", headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    graph = _graph(response, media)
    services = list(graph.subjects(RDF.type, SD.Service))
    assert len(services) == 1
    service = services[0]
    assert set(graph.objects(service, SD.endpoint)) == {URIRef("http://127.0.0.1:8000/sparql")}
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    formats = {str(f).rsplit("/", 1)[1] for f in graph.objects(service, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_CSV", "Turtle", "JSON-LD"} <= formats


def test_service_description_claims_nothing_untrue(client: TestClient) -> None:
    graph = _graph(client.get("/sparql", headers={"Accept": "text/turtle"}), "text/turtle")
    objects = set(graph.objects())
    assert SD.BasicFederatedQuery not in objects
    assert SD.UnionDefaultGraph not in objects
    assert SD.DereferencesURIs not in objects
    assert SD.SPARQL11Update not in objects


def test_service_description_lists_the_default_dataset(client: TestClient) -> None:
    graph = _graph(client.get("/sparql", headers={"Accept": "text/turtle"}), "text/turtle")
    dataset = next(graph.objects(None, SD.defaultDataset))
    default = next(graph.objects(dataset, SD.defaultGraph))
    assert str(next(graph.objects(default, VOID.triples))) == "220"
    names = {str(graph.value(entry, SD.name)) for entry in graph.objects(dataset, SD.namedGraph)}
    assert names == {BASE_IRI + "graph/common", BASE_IRI + "graph/inferred",
                     BASE_IRI + "graph/source/001_aaaaaaaaaaaaaaaa",
                     BASE_IRI + "graph/source/002_bbbbbbbbbbbbbbbb"}


def test_update_is_announced_only_with_a_token(client_with: object) -> None:
    with client_with(update_token="t0ken") as client:  # type: ignore[operator]  # noqa: S106
        graph = _graph(client.get("/sparql", headers={"Accept": "text/turtle"}), "text/turtle")
    assert SD.SPARQL11Update in set(graph.objects(None, SD.supportedLanguage))


def test_browsers_asking_for_html_are_sent_to_the_query_page(client: TestClient) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/sparql", headers={"Accept": accept}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/"


def test_the_public_url_names_the_endpoint(client_with: object) -> None:
    with client_with(public_url="https://sparql.example.org/kyotei/") as client:  # type: ignore[operator]
        graph = _graph(client.get("/sparql", headers={"Accept": "text/turtle"}), "text/turtle")
        void = _graph(client.get("/.well-known/void"), "text/turtle")
    assert URIRef("https://sparql.example.org/kyotei/sparql") in set(
        graph.objects(None, SD.endpoint))
    assert URIRef("https://sparql.example.org/kyotei/sparql") in set(
        void.objects(None, VOID.sparqlEndpoint))


@pytest.mark.parametrize("media", ["text/turtle", "application/ld+json"])
def test_void_describes_the_dataset_and_its_downloads(client: TestClient, media: str) -> None:
    response = client.get("/.well-known/void", headers={"Accept": media})
    assert response.status_code == 200
    graph = _graph(response, media)
    dataset = URIRef(BASE_IRI + "dataset")
    assert (dataset, RDF.type, VOID.Dataset) in graph
    assert (dataset, RDF.type, DCAT.Dataset) in graph
    assert str(graph.value(dataset, VOID.triples)) == "220"
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef("http://127.0.0.1:8000/sparql")
    dumps = sorted(str(d) for d in graph.objects(dataset, VOID.dataDump))
    assert dumps and all(d.startswith("http://127.0.0.1:8000/downloads/") for d in dumps)
    for url in dumps:
        assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_the_host_header_is_never_reflected(client: TestClient) -> None:
    forged = {"Host": "evil.example", "Accept": "text/turtle"}
    for path in ("/sparql", "/.well-known/void"):
        response = client.get(path, headers=forged)
        assert response.status_code == 200
        assert "evil.example" not in response.text
        assert "http://127.0.0.1:8000/sparql" in response.text


def test_every_download_the_server_offers_is_a_described_distribution(
        client: TestClient) -> None:
    from kyotei.server.protocol.graph_store import DOWNLOADS

    graph = _graph(client.get("/.well-known/void"), "text/turtle")
    dataset = URIRef(BASE_IRI + "dataset")
    urls = {str(graph.value(d, DCAT.downloadURL))
            for d in graph.objects(dataset, DCAT.distribution)}
    assert urls == {f"http://127.0.0.1:8000/downloads/{name}" for name in DOWNLOADS}
    dumps = {str(d) for d in graph.objects(dataset, VOID.dataDump)}
    assert "http://127.0.0.1:8000/downloads/kyotei.nq" in dumps  # the data, another syntax
    assert "http://127.0.0.1:8000/downloads/kyotei-inferred.nt" not in dumps  # not the data
