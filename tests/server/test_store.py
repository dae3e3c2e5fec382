"""Graph Store Protocol (read side) and bulk downloads."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from kyotei.server.state import DatasetSource, SourceFile, load_dataset

BASE_IRI = "https://w3id.org/kyotei/id/"
PARSE = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
         "application/ld+json": ox.RdfFormat.JSON_LD, "application/rdf+xml": ox.RdfFormat.RDF_XML,
         "application/trig": ox.RdfFormat.TRIG, "application/n-quads": ox.RdfFormat.N_QUADS}


def _triples(body: bytes, media: str) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(body, format=PARSE[media])}


def _store_triples(client: TestClient, graph: ox.NamedNode | ox.DefaultGraph) -> set[ox.Triple]:
    store: ox.Store = client.app.state.serving.current().store  # type: ignore[attr-defined]
    return {ox.Triple(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, graph)}


@pytest.mark.parametrize("media", sorted(PARSE))
def test_default_graph_in_every_format(client: TestClient, media: str) -> None:
    response = client.get("/store", params={"default": ""}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert _triples(response.content, media) == _store_triples(client, ox.DefaultGraph())


def test_a_named_graph(client: TestClient) -> None:
    iri = BASE_IRI + "graph/inferred"
    response = client.get("/store", params={"graph": iri, "format": "nt"})
    got = _triples(response.content, "application/n-triples")
    assert got == _store_triples(client, ox.NamedNode(iri)) and len(got) == 122


def test_unknown_graph_is_404_and_ambiguity_400(client: TestClient) -> None:
    assert client.get("/store", params={"graph": "http://example.org/g"}).status_code == 404
    assert client.get("/store").status_code == 400
    assert client.get("/store", params={"graph": BASE_IRI + "graph/common",
                                        "default": ""}).status_code == 400
    assert client.get("/store", params={"default": ""},
                      headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize(
    ("name", "media"),
    [("kyotei.ttl", "text/turtle"), ("kyotei.nt", "application/n-triples"),
     ("kyotei.jsonld", "application/ld+json"), ("kyotei.rdf", "application/rdf+xml")],
)
def test_downloads_hold_the_asserted_graph(client: TestClient, name: str, media: str) -> None:
    response = client.get(f"/downloads/{name}")
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert name in response.headers["content-disposition"]
    snapshot = client.app.state.serving.current().built  # type: ignore[attr-defined]
    asserted = {ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(path=snapshot.asserted_path, format=ox.RdfFormat.TRIG)}
    assert _triples(response.content, media) == asserted and len(asserted) == 220


@pytest.mark.parametrize(("name", "media"), [("kyotei.trig", "application/trig"),
                                             ("kyotei.nq", "application/n-quads")])
def test_dataset_downloads_keep_the_source_graphs_and_leave_out_inferences(
    client: TestClient, name: str, media: str
) -> None:
    quads = list(ox.parse(client.get(f"/downloads/{name}").content, format=PARSE[media]))
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert graphs == {BASE_IRI + "graph/common", BASE_IRI + "graph/source/001_aaaaaaaaaaaaaaaa",
                      BASE_IRI + "graph/source/002_bbbbbbbbbbbbbbbb"}


def test_inferred_download_and_agreements_csv(client: TestClient) -> None:
    inferred = client.get("/downloads/kyotei-inferred.nt")
    got = _triples(inferred.content, "application/n-triples")
    assert got == _store_triples(client, ox.NamedNode(BASE_IRI + "graph/inferred"))
    rows = list(csv.DictReader(io.StringIO(client.get("/downloads/kyotei.csv").text)))
    assert len(rows) == 7


def test_downloads_revalidate_and_unknown_names_are_404(client: TestClient) -> None:
    first = client.get("/downloads/kyotei.nt")
    again = client.get("/downloads/kyotei.nt", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert client.get("/downloads/passwd").status_code == 404
    assert client.get("/downloads/..%2Fbuild.json").status_code == 404


def test_dataset_source_files_are_read_by_their_extension(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_text("<urn:s> <urn:p> <urn:o> .\n", encoding="utf-8")
    (tmp_path / "b.nq").write_text("<urn:s> <urn:p> <urn:q> <urn:g> .\n", encoding="utf-8")
    store = load_dataset(DatasetSource(files=(
        SourceFile(str(tmp_path / "a.ttl"), "ttl", graph="urn:t", into_default=True),
        SourceFile(str(tmp_path / "b.nq"), "nq"))))
    assert {(q.object.value, str(q.graph_name)) for q in store} == {
        ("urn:o", "<urn:t>"), ("urn:o", "DEFAULT"), ("urn:q", "<urn:g>")}
    with pytest.raises(KeyError):
        load_dataset(DatasetSource(files=(SourceFile(str(tmp_path / "a.ttl"), "csv"),)))
