"""rdflib terms in an Oxigraph store, unchanged: every term stored as an IRI.

Oxigraph normalises literals as it stores them (``xsd:positiveInteger`` comes back as
``xsd:integer``, a plain literal as ``xsd:string``) and allows no literal as a subject,
while the reference engines (owlrl, pySHACL) work on rdflib's terms exactly as written. So
the engines that run on Oxigraph store IRIs as themselves and every literal and blank node
as a numbered proxy IRI, keyed by rdflib's own term equality, and map results back: SPARQL
then does the joins and the paths, and Python looks at the literals as rdflib sees them.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

PROXY_PREFIX = "urn:kyotei:proxy:"


class ProxyTerms:
    """rdflib terms ↔ Oxigraph IRIs, for one store."""

    def __init__(self) -> None:
        self._nodes: dict[Node, ox.NamedNode] = {}
        self._back: dict[str, Node] = {}
        self._iris: dict[str, URIRef] = {}  # results repeat IRIs: build each URIRef once

    def node(self, term: Node) -> ox.NamedNode:
        if type(term) is URIRef:  # the common case: no table (rdflib's __eq__ is slow)
            return ox.NamedNode(term)
        found = self._nodes.get(term)
        if found is None:
            if isinstance(term, URIRef):
                found = ox.NamedNode(term)
            elif isinstance(term, Literal | BNode):
                iri = f"{PROXY_PREFIX}{len(self._back)}"
                found = ox.NamedNode(iri)
                self._back[iri] = term
            else:  # pragma: no cover - rdflib graphs hold only these three
                raise TypeError(f"cannot store {term!r}")
            self._nodes[term] = found
        return found

    def quad(self, s: Node, p: Node, o: Node) -> ox.Quad:
        return ox.Quad(self.node(s), self.node(p), self.node(o))

    def load(self, store: ox.Store, triples: Iterable[Triple]) -> list[ox.Quad]:
        """Bulk-load ``triples`` into ``store``; return the quads loaded."""
        quads = [self.quad(s, p, o) for s, p, o in triples]
        store.bulk_extend(quads)
        return quads

    def term(self, node: object) -> Node:
        """The rdflib term an Oxigraph term (from this store) stands for."""
        value = str(getattr(node, "value", node))
        if value.startswith(PROXY_PREFIX):
            return self._back[value]
        found = self._iris.get(value)
        if found is None:
            found = self._iris[value] = URIRef(value)
        return found

    def back(self, quad: ox.Quad) -> Triple:
        return (self.term(quad.subject), self.term(quad.predicate), self.term(quad.object))


__all__ = ["PROXY_PREFIX", "ProxyTerms", "Triple"]
