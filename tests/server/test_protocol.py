"""SPARQL 1.1 Protocol at /sparql, in process: operations, errors, datasets, formats."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from typing import Any

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

BASE_IRI = "https://w3id.org/kyotei/id/"

JSON = "application/sparql-results+json"
COUNT_AGREEMENTS = (
    "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/kyotei/def#Agreement> }"
)
GRAPH_COMMON = BASE_IRI + "graph/common"
GRAPH_DOC1 = BASE_IRI + "graph/source/001_aaaaaaaaaaaaaaaa"
GRAPH_INFERRED = BASE_IRI + "graph/inferred"
SRX = "{http://www.w3.org/2005/sparql-results#}"


def _bindings(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(JSON)
    rows: list[dict[str, Any]] = response.json()["results"]["bindings"]
    return rows


def _count(response: Any) -> int:
    return int(_bindings(response)[0]["n"]["value"])


# --- the three ways to send a query ----------------------------------------------------------


def test_get_post_form_and_post_direct_give_the_same_answer(client: TestClient) -> None:
    by_get = client.get("/sparql", params={"query": COUNT_AGREEMENTS})
    by_form = client.post("/sparql", data={"query": COUNT_AGREEMENTS})
    by_direct = client.post("/sparql", content=COUNT_AGREEMENTS,
                            headers={"Content-Type": "application/sparql-query"})
    assert _count(by_get) == _count(by_form) == _count(by_direct) == 7


def test_ask_answers_a_boolean(client: TestClient) -> None:
    yes = client.get("/sparql", params={"query": "ASK { ?s a ?o }"})
    no = client.get("/sparql", params={"query": "ASK { ?s a <http://example.org/Nothing> }"})
    assert yes.json()["boolean"] is True
    assert no.json()["boolean"] is False


def test_construct_returns_the_triples_asked_for(client: TestClient) -> None:
    query = ("CONSTRUCT { ?a <http://example.org/in> ?c } WHERE { "
             "?a a <https://w3id.org/kyotei/def#Agreement> ; "
             "<https://w3id.org/kyotei/def#country> ?c }")
    response = client.get("/sparql", params={"query": query},
                          headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    triples = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == 7
    assert {t.predicate.value for t in triples} == {"http://example.org/in"}


def test_describe_returns_what_the_store_says_about_the_resource(client: TestClient) -> None:
    iri = BASE_IRI + "agreement/a100000000000001"
    response = client.get("/sparql", params={"query": f"DESCRIBE <{iri}>"},
                          headers={"Accept": "text/turtle"})
    triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    assert triples
    assert {t.subject.value for t in triples} >= {iri}
    signed = [t for t in triples if t.predicate.value.endswith("#signedOn")]
    assert [t.object.value for t in signed] == ["2008-04-01"]


def test_default_graph_holds_asserted_not_inferred(client: TestClient) -> None:
    asserted = "ASK { ?x <https://w3id.org/kyotei/def#hasAgreementWith> ?y }"
    assert client.get("/sparql", params={"query": asserted}).json()["boolean"] is False
    inferred = f"ASK {{ GRAPH <{GRAPH_INFERRED}> {{ ?x <https://w3id.org/kyotei/def#hasAgreementWith> ?y }} }}"  # noqa: E501
    assert client.get("/sparql", params={"query": inferred}).json()["boolean"] is True


# --- malformed requests --------------------------------------------------------------------


def test_syntax_error_is_400_with_the_parser_message_and_no_traceback(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400
    assert "syntax error" in response.text and "1:" in response.text
    assert "Traceback" not in response.text and "File \"" not in response.text


@pytest.mark.parametrize(
    ("params", "why"),
    [
        ([("query", "ASK {}"), ("query", "ASK {}")], "more than one"),
        ([("query", "ASK {}"), ("update", "CLEAR ALL")], "POST"),
        ([("update", "CLEAR ALL")], "POST"),
    ],
)
def test_bad_get_parameters_are_400(client: TestClient, params: list[tuple[str, str]],
                                    why: str) -> None:
    response = client.get("/sparql", params=params)
    assert response.status_code == 400
    assert why in response.text


def test_post_form_with_two_queries_is_400(client: TestClient) -> None:
    response = client.post("/sparql", content="query=ASK%20%7B%7D&query=ASK%20%7B%7D",
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 400


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/json"])
def test_post_with_a_wrong_or_missing_media_type_is_415(client: TestClient,
                                                        content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/sparql", content=b"ASK {}", headers=headers)
    assert response.status_code == 415


def test_non_utf8_bodies_are_refused(client: TestClient) -> None:
    utf16 = client.post("/sparql", content="ASK {}".encode("utf-16"),
                        headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert utf16.status_code == 415
    latin1 = client.post("/sparql", content="ASK { ?s ?p 'caf\xe9' }".encode("latin-1"),
                         headers={"Content-Type": "application/sparql-query"})
    assert latin1.status_code == 400 and "UTF-8" in latin1.text
    form = client.post("/sparql", content=b"query=ASK%20%7B%7D%FF",
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status_code == 400


def test_put_is_not_a_sparql_method(client: TestClient) -> None:
    assert client.put("/sparql", params={"query": "ASK {}"}).status_code == 405


def test_a_direct_post_with_a_query_in_the_url_is_ambiguous(client: TestClient) -> None:
    response = client.post("/sparql", params={"query": "ASK {}"}, content="ASK {}",
                           headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400


def test_an_update_sent_as_a_query_is_400(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "CLEAR ALL"})
    assert response.status_code == 400


# --- datasets ---------------------------------------------------------------------------------


def test_default_graph_uri_restricts_the_default_graph(client: TestClient) -> None:
    everywhere = client.get("/sparql", params={"query": COUNT_AGREEMENTS})
    only_doc1 = client.get("/sparql", params={"query": COUNT_AGREEMENTS,
                                              "default-graph-uri": GRAPH_DOC1})
    only_common = client.get("/sparql", params={"query": COUNT_AGREEMENTS,
                                                "default-graph-uri": GRAPH_COMMON})
    assert (_count(everywhere), _count(only_doc1), _count(only_common)) == (7, 3, 0)


def test_named_graph_uri_limits_graph_and_empties_the_default(client: TestClient) -> None:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    rows = _bindings(client.get("/sparql", params=[
        ("query", query), ("named-graph-uri", GRAPH_DOC1), ("named-graph-uri", GRAPH_COMMON)]))
    assert [r["g"]["value"] for r in rows] == [GRAPH_COMMON, GRAPH_DOC1]
    count = client.get("/sparql", params={"query": COUNT_AGREEMENTS,
                                          "named-graph-uri": GRAPH_DOC1})
    assert _count(count) == 0  # a protocol dataset with no default-graph-uri: empty default


def test_from_clause_names_a_graph_of_the_store(client: TestClient) -> None:
    query = COUNT_AGREEMENTS.replace("WHERE", f"FROM <{GRAPH_DOC1}> WHERE")
    assert _count(client.get("/sparql", params={"query": query})) == 3


def test_protocol_dataset_overrides_the_query_dataset(client: TestClient) -> None:
    query = COUNT_AGREEMENTS.replace("WHERE", f"FROM <{GRAPH_DOC1}> WHERE")
    both = client.get("/sparql", params={"query": query, "default-graph-uri": GRAPH_COMMON})
    assert _count(both) == 0


@pytest.mark.parametrize("where", ["default-graph-uri", "named-graph-uri"])
def test_a_dataset_graph_the_store_lacks_is_refused(client: TestClient, where: str) -> None:
    response = client.get("/sparql", params={"query": "ASK {}",
                                             where: "http://example.org/elsewhere"})
    assert response.status_code == 400
    assert "never fetches" in response.text


# --- result formats -----------------------------------------------------------------------


SELECT_TWO = (
    "SELECT ?a ?signed WHERE { ?a <https://w3id.org/kyotei/def#signedOn> ?signed } "
    "ORDER BY ?signed LIMIT 2"
)


def _rows_by_format(media: str, body: bytes) -> list[tuple[str, str]]:
    text = body.decode("utf-8")
    if media == JSON:
        return [(r["a"]["value"], r["signed"]["value"])
                for r in json.loads(text)["results"]["bindings"]]
    if media == "application/sparql-results+xml":
        root = ET.fromstring(body)  # noqa: S314 - our own server's output
        out = []
        for result in root.iter(SRX + "result"):
            values = {b.get("name"): "".join(b.itertext()) for b in result.iter(SRX + "binding")}
            out.append((values["a"], values["signed"]))
        return out
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert rows[0] == ["a", "signed"]
        return [(a, s) for a, s in rows[1:]]
    lines = text.splitlines()
    assert lines[0] == "?a\t?signed"
    out = []
    for line in lines[1:]:
        a, signed = line.split("\t")
        out.append((a.strip("<>"), signed.split('"')[1]))
    return out


@pytest.mark.parametrize("media", [JSON, "application/sparql-results+xml", "text/csv",
                                   "text/tab-separated-values"])
def test_select_in_every_results_format_says_the_same(client: TestClient, media: str) -> None:
    response = client.get("/sparql", params={"query": SELECT_TWO}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert _rows_by_format(media, response.content) == [
        (BASE_IRI + "agreement/a100000000000007", "1999-09-09"),
        (BASE_IRI + "agreement/a100000000000002", "2003-10-01"),
    ]


GRAPH_MEDIA = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}


@pytest.mark.parametrize("media", sorted(GRAPH_MEDIA))
def test_construct_in_every_rdf_format_gives_the_same_triples(client: TestClient,
                                                             media: str) -> None:
    query = "CONSTRUCT WHERE { ?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
    reference = client.get("/sparql", params={"query": query},
                           headers={"Accept": "application/n-triples"})
    expected = {(q.subject, q.predicate, q.object)
                for q in ox.parse(reference.content, format=ox.RdfFormat.N_TRIPLES)}
    response = client.get("/sparql", params={"query": query}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    got = {(q.subject, q.predicate, q.object)
           for q in ox.parse(response.content, format=GRAPH_MEDIA[media])}
    assert got == expected and len(got) > 20


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv, application/sparql-results+json;q=0.9", "text/csv"),
        ("text/*", "text/csv"),
        ("*/*", JSON),
        ("text/html, */*;q=0.1", JSON),
        ("application/json", "application/json"),
    ],
)
def test_accept_q_values_pick_the_results_format(client: TestClient, accept: str,
                                                 expected: str) -> None:
    response = client.get("/sparql", params={"query": "SELECT (1 AS ?x) {}"},
                          headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected
    assert "accept" in response.headers["vary"].lower()


def test_format_parameter_yields_to_an_accept_it_contradicts(client: TestClient) -> None:
    select = client.get("/sparql", params={"query": "SELECT (1 AS ?x) {}", "format": "csv"},
                        headers={"Accept": JSON})
    assert select.headers["content-type"].startswith(JSON)
    select = client.get("/sparql", params={"query": "SELECT (1 AS ?x) {}", "format": "csv"},
                        headers={"Accept": f"{JSON}, */*;q=0.1"})
    assert select.headers["content-type"].startswith("text/csv")
    assert select.text.splitlines() == ["x", "1"]
    construct = client.get("/sparql", params={"query": "CONSTRUCT { <a:s> <a:p> 1 } {}",
                                              "format": "xml"})
    assert construct.headers["content-type"].startswith("application/rdf+xml")


def test_nothing_acceptable_is_406(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": "SELECT (1 AS ?x) {}"},
                      headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/sparql", params={"query": "ASK {}"},
                      headers={"Accept": "text/csv"}).status_code == 406
    assert client.get("/sparql", params={"query": "ASK {}", "format": "turtle"}
                      ).status_code == 406


def test_results_name_the_snapshot_and_count_rows(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": SELECT_TWO})
    assert response.headers["kyotei-result-rows"] == "2"
    assert response.headers["kyotei-snapshot"] == client.get("/health").json()["snapshot"]
    assert "kyotei-result-truncated" not in response.headers


def test_a_repeated_form_and_accept_are_answered_as_the_first_time(client: TestClient) -> None:
    """The route keeps a form's fields and the format chosen per Accept (sparql.py): the
    same form with other URL parameters, a refusal sent twice, and another Accept after
    the first each get their own answer."""
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    body = b"query=ASK+%7B%7D"
    for _ in range(2):
        plain = client.post("/sparql", content=body, headers=form)
        assert plain.status_code == 200
        assert plain.headers["content-type"].startswith("application/sparql-results+json")
        as_xml = client.post("/sparql?format=xml", content=body, headers=form)
        assert as_xml.headers["content-type"].startswith("application/sparql-results+xml")
        twice = client.post("/sparql?query=ASK+%7B%7D", content=body, headers=form)
        assert twice.status_code == 400  # the URL's query added to the form's, every time
        assert client.post("/sparql", content=b"query=%FF", headers=form).status_code == 400
        refused = client.post("/sparql", content=body, headers={**form, "Accept": "image/png"})
        assert refused.status_code == 406
