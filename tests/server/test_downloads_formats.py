"""Every download holds the same graph: RDF/XML and N-Quads keep the datatypes of the
snapshot's files (``xsd:positiveInteger`` stays so), as ``kyotei export`` writes them."""

from __future__ import annotations

from typing import Any

import httpx
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

SOURCE_LINE = URIRef("https://w3id.org/kyotei/def#sourceLine")


def _get(live_server: Any, name: str) -> bytes:
    reply = httpx.get(f"{live_server.url}/downloads/{name}", timeout=30)
    reply.raise_for_status()
    return reply.content


def test_rdfxml_and_nquads_are_the_ntriples_graph(live_server: Any) -> None:
    reference = Graph().parse(data=_get(live_server, "kyotei.nt"), format="nt")
    lines = list(reference.objects(None, SOURCE_LINE))
    assert lines and {line.datatype for line in lines} == {XSD.positiveInteger}
    rdfxml = Graph().parse(data=_get(live_server, "kyotei.rdf"), format="xml")
    assert isomorphic(rdfxml, reference)
    dataset = Dataset().parse(data=_get(live_server, "kyotei.nq"), format="nquads")
    merged = Graph()
    for s, p, o, _ in dataset.quads():
        merged.add((s, p, o))
    assert isomorphic(merged, reference)
    body = _get(live_server, "kyotei.nq").decode()
    assert body.splitlines() == sorted(body.splitlines())
