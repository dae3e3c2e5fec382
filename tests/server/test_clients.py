"""Real clients against a live server: SPARQLWrapper and rdflib's SPARQLStore run SELECT,
ASK, CONSTRUCT and DESCRIBE."""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import GET, JSON, POST, TURTLE, XML, SPARQLWrapper

KYOTEI = "https://w3id.org/kyotei/def#"
AGREEMENT = "https://w3id.org/kyotei/id/agreement/a100000000000001"
SELECT = f"""PREFIX kyotei: <{KYOTEI}>
SELECT ?agreement ?signed WHERE {{ ?agreement kyotei:signedOn ?signed }} ORDER BY ?signed"""
ASK = f"ASK {{ <{AGREEMENT}> a <{KYOTEI}Agreement> }}"
CONSTRUCT = f"""PREFIX kyotei: <{KYOTEI}>
CONSTRUCT {{ ?a kyotei:signedOn ?d }} WHERE {{ ?a kyotei:signedOn ?d }}"""
DESCRIBE = f"DESCRIBE <{AGREEMENT}>"


def _wrapper(live_server: Any, method: str) -> SPARQLWrapper:
    client = SPARQLWrapper(live_server.sparql)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", [GET, POST])
def test_sparqlwrapper_select_and_ask(live_server: Any, method: str) -> None:
    client = _wrapper(live_server, method)
    client.setQuery(SELECT)
    client.setReturnFormat(JSON)
    converted: Any = client.queryAndConvert()
    rows = converted["results"]["bindings"]
    assert [r["signed"]["value"] for r in rows][:2] == ["1999-09-09", "2003-10-01"]
    assert len(rows) == 6
    client.setQuery(ASK)
    answer: Any = client.queryAndConvert()
    assert answer["boolean"] is True
    client.setReturnFormat(XML)
    assert client.query().convert().getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[union-attr]


@pytest.mark.parametrize("method", [GET, POST])
def test_sparqlwrapper_construct_and_describe(live_server: Any, method: str) -> None:
    client = _wrapper(live_server, method)
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    assert len(graph) == 6
    client.setQuery(DESCRIBE)
    client.setReturnFormat(XML)  # RDF/XML for graphs
    described = client.queryAndConvert()
    assert isinstance(described, Graph)
    assert (URIRef(AGREEMENT), URIRef(KYOTEI + "tuitionWaiver"), Literal(True)) in described


def test_rdflib_sparqlstore(live_server: Any) -> None:
    store = SPARQLStore(live_server.sparql, method="POST_FORM")
    graph = Graph(store=store)
    rows = list(graph.query(SELECT))
    assert len(rows) == 6 and str(rows[0][1]) == "1999-09-09"  # type: ignore[index]
    assert graph.query(ASK).askAnswer is True
    constructed = graph.query(CONSTRUCT).graph
    assert constructed is not None and len(constructed) == 6
    described = graph.query(DESCRIBE).graph
    assert described is not None
    assert (URIRef(AGREEMENT), URIRef(KYOTEI + "signedOn"), None) in described
    assert (URIRef(AGREEMENT), URIRef(KYOTEI + "level"), URIRef(KYOTEI + "UniversityLevel")
            ) in described

