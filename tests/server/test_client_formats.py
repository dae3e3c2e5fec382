"""Every return format SPARQLWrapper, rdflib's SPARQLStore and YASGUI ask for, against a
real uvicorn: ``format=`` never overrides an ``Accept`` the server can satisfy."""

from __future__ import annotations

import csv
import io
import warnings
from typing import Any

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import (
    CSV,
    GET,
    JSON,
    JSONLD,
    N3,
    POST,
    RDF,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)

KYOTEI = "https://w3id.org/kyotei/def#"
SELECT = f"""PREFIX kyotei: <{KYOTEI}>
SELECT ?agreement ?signed WHERE {{ ?agreement kyotei:signedOn ?signed }} ORDER BY ?signed"""
CONSTRUCT = f"""PREFIX kyotei: <{KYOTEI}>
CONSTRUCT {{ ?a kyotei:signedOn ?d }} WHERE {{ ?a kyotei:signedOn ?d }}"""
SIGNED = URIRef(KYOTEI + "signedOn")


def _client(live_server: Any, method: str, query: str, fmt: str) -> SPARQLWrapper:
    client = SPARQLWrapper(live_server.sparql)
    client.setMethod(method)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize(("fmt", "media"), [
    (JSON, "application/sparql-results+json"), (XML, "application/sparql-results+xml"),
    (CSV, "text/csv"), (TSV, "text/tab-separated-values")])
def test_sparqlwrapper_select_formats(live_server: Any, method: str, fmt: str,
                                      media: str) -> None:
    client = _client(live_server, method, SELECT, fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # SPARQLWrapper warns when the type is not the one asked
        result = client.query()
        assert result.info()["content-type"].split(";")[0] == media
        converted: Any = result.convert()
    if fmt == JSON:
        rows = [b["signed"]["value"] for b in converted["results"]["bindings"]]
    elif fmt == XML:
        rows = [node.getElementsByTagName("literal")[0].firstChild.data
                for node in converted.getElementsByTagName("result")
                if node.getElementsByTagName("literal")]
    else:
        text = converted.decode() if isinstance(converted, bytes) else converted
        reader = csv.reader(io.StringIO(text), delimiter="," if fmt == CSV else "\t")
        rows = [r[1].split("^^")[0].strip('"') for r in list(reader)[1:]]
    assert rows[:2] == ["1999-09-09", "2003-10-01"] and len(rows) == 6


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize(("fmt", "media", "syntax"), [
    (TURTLE, "text/turtle", "turtle"), (N3, "text/turtle", "turtle"),
    (JSONLD, "application/ld+json", "json-ld"), (RDFXML, "application/rdf+xml", "xml"),
    (XML, "application/rdf+xml", "xml"), (RDF, "application/rdf+xml", "xml"),
    (JSON, "application/ld+json", "json-ld")])
def test_sparqlwrapper_construct_formats(live_server: Any, method: str, fmt: str, media: str,
                                         syntax: str) -> None:
    client = _client(live_server, method, CONSTRUCT, fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # JSON for CONSTRUCT sends */*
        result = client.query()
    assert result.info()["content-type"].split(";")[0] == media
    graph = Graph().parse(data=result.response.read(), format=syntax)
    assert len(graph) == 6 and len(set(graph.subjects(SIGNED, None))) == 6


@pytest.mark.parametrize(("accept", "media"), [
    ("application/n-triples", "application/n-triples"), ("text/plain", "text/plain"),
    ("text/n3", None)])
def test_ntriples_by_accept_with_a_stray_format(live_server: Any, accept: str,
                                                media: str | None) -> None:
    """N-Triples asked by Accept with ``format=json`` beside it, as SPARQLWrapper's
    parameters do; N3 proper (not Turtle) is not served: 406, naming what is."""
    reply = httpx.get(live_server.sparql, params={"query": CONSTRUCT, "format": "json"},
                      headers={"Accept": accept}, timeout=30)
    if media is None:
        # Accept names nothing served: format=json stands, as JSON-LD
        assert reply.status_code == 200
        assert reply.headers["content-type"].startswith("application/ld+json")
        return
    assert reply.status_code == 200
    assert reply.headers["content-type"].split(";")[0] == media
    assert len(Graph().parse(data=reply.text, format="nt")) == 6


def test_rdflib_sparqlstore_every_method(live_server: Any) -> None:
    for method in ("GET", "POST", "POST_FORM"):
        graph = Graph(store=SPARQLStore(live_server.sparql, method=method))
        assert len(list(graph.query(SELECT))) == 6
        constructed = graph.query(CONSTRUCT).graph
        assert constructed is not None and len(constructed) == 6


# YASGUI (@triply/yasqe) sends these Accept headers, per query form (yasqe's defaults).
YASGUI_SELECT = ("application/sparql-results+json,*/*;q=0.9")
YASGUI_GRAPH = ("text/turtle,*/*;q=0.9")


@pytest.mark.parametrize(("query", "accept", "media"), [
    (SELECT, YASGUI_SELECT, "application/sparql-results+json"),
    (CONSTRUCT, YASGUI_GRAPH, "text/turtle"),
    (SELECT, "application/sparql-results+xml,*/*;q=0.9", "application/sparql-results+xml"),
    (SELECT, "text/csv,*/*;q=0.9", "text/csv"),
    (SELECT, "text/tab-separated-values,*/*;q=0.9", "text/tab-separated-values"),
    (CONSTRUCT, "application/ld+json,*/*;q=0.9", "application/ld+json"),
    (CONSTRUCT, "application/rdf+xml,*/*;q=0.9", "application/rdf+xml"),
    (CONSTRUCT, "application/n-triples,*/*;q=0.9", "application/n-triples")])
def test_yasgui_accept_headers(live_server: Any, query: str, accept: str, media: str) -> None:
    reply = httpx.post(live_server.sparql, data={"query": query},
                       headers={"Accept": accept}, timeout=30)
    assert reply.status_code == 200
    assert reply.headers["content-type"].split(";")[0] == media


def test_format_still_chooses_in_a_browser(live_server: Any) -> None:
    """A browser's Accept admits anything by ``*/*``: ``format=csv`` is what it gets."""
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    reply = httpx.get(live_server.sparql, params={"query": SELECT, "format": "csv"},
                      headers={"Accept": accept}, timeout=30)
    assert reply.headers["content-type"].split(";")[0] == "text/csv"
    assert reply.text.splitlines()[0] == "agreement,signed"
    reply = httpx.get(live_server.sparql, params={"query": SELECT, "format": "json"},
                      headers={"Accept": "application/sparql-results+xml"}, timeout=30)
    assert reply.headers["content-type"].split(";")[0] == "application/sparql-results+xml"
    refused = httpx.get(live_server.sparql, params={"query": SELECT, "format": "n3"},
                        headers={"Accept": "*/*"}, timeout=30)
    assert refused.status_code == 406
    assert "format='n3' is not available for this result" in refused.text
