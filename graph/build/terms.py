"""Terms of the build's store: rdflib terms ↔ Oxigraph terms, exactly.

Oxigraph normalises some literals as it stores them: ``"314"^^xsd:positiveInteger`` comes
back as ``xsd:integer``, ``"1"^^xsd:boolean`` as ``"true"``, a language tag in lower case,
and an explicit ``xsd:string`` as a plain literal. The snapshot must keep every term as the
builder wrote it, so :class:`TermCodec` stores a literal as itself only when Oxigraph gives
it back unchanged (asked of a scratch store once per distinct typed literal) and otherwise
keeps its datatype (or language tag) in a private datatype IRI
(``urn:kyotei:datatype:…``, ``urn:kyotei:language:…``) that Oxigraph leaves alone; reading
a term back (:meth:`TermCodec.term`) undoes it. Every term therefore round-trips exactly.
(:mod:`kyotei.graph.build.quads`, the store, uses these; its names are the public way in.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kyotei.graph.model.namespaces import XSD

Triple = tuple[Node, Node, Node]
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal

KEPT_DATATYPE = "urn:kyotei:datatype:"
KEPT_LANGUAGE = "urn:kyotei:language:"
BLANK_PROXY = "urn:kyotei:build:blank:"  # an ontology blank node in the reasoner's rules
_PROBE = "urn:kyotei:build:probe:"
_XSD_STRING = str(XSD.string)
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class TermCodec:
    """rdflib terms ↔ Oxigraph terms, exactly (see the module's docstring)."""

    def __init__(self) -> None:
        self._stable: dict[tuple[str, str], bool] = {}
        self._probe = ox.Store()  # a scratch store: what does Oxigraph give back?

    def node(self, term: Node) -> OxTerm:
        """The Oxigraph term that stores ``term``."""
        if type(term) is URIRef:
            return ox.NamedNode(term)
        if isinstance(term, Literal):
            return self._literal(term)
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, BNode):
            return ox.BlankNode(str(term))
        raise TypeError(f"cannot store {term!r}")  # pragma: no cover - rdflib's three kinds

    def _literal(self, term: Literal) -> ox.Literal:
        lexical, language, datatype = str(term), term.language, term.datatype
        if language:
            if language == language.lower():
                try:
                    return ox.Literal(lexical, language=language)
                except ValueError:
                    pass
            return ox.Literal(lexical, datatype=ox.NamedNode(KEPT_LANGUAGE + language))
        if datatype is None:
            return ox.Literal(lexical)
        kind = str(datatype)
        if kind != _XSD_STRING and self._keeps(lexical, kind):
            return ox.Literal(lexical, datatype=ox.NamedNode(kind))
        return ox.Literal(lexical, datatype=ox.NamedNode(KEPT_DATATYPE + kind))

    def _keeps(self, lexical: str, datatype: str) -> bool:
        """Whether Oxigraph stores ``lexical^^datatype`` and gives it back unchanged."""
        key = (lexical, datatype)
        found = self._stable.get(key)
        if found is None:
            literal = ox.Literal(lexical, datatype=ox.NamedNode(datatype))
            subject = ox.NamedNode(f"{_PROBE}{len(self._stable)}")  # one per literal asked
            self._probe.add(ox.Quad(subject, subject, literal))
            back = next(iter(self._probe.quads_for_pattern(subject, None, None, None))).object
            found = back == literal
            self._stable[key] = found
        return found

    def quad(self, triple: Triple, graph: ox.NamedNode | None = None) -> ox.Quad:
        s, p, o = triple
        return ox.Quad(self.node(s), self.node(p), self.node(o), graph)  # type: ignore[arg-type]

    def term(self, node: object) -> Node:
        """The rdflib term an Oxigraph term of the store stands for."""
        return _term(node)

    def back(self, quad: ox.Quad | ox.Triple) -> Triple:
        return (_term(quad.subject), _term(quad.predicate), _term(quad.object))


@lru_cache(maxsize=200_000)
def _term(node: OxTerm) -> Node:
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.BlankNode):
        return BNode(node.value)
    datatype = node.datatype.value
    if node.language:
        return Literal(node.value, lang=node.language)
    if datatype == _XSD_STRING:
        return Literal(node.value)
    if datatype.startswith(KEPT_LANGUAGE):
        return Literal(node.value, lang=datatype.removeprefix(KEPT_LANGUAGE))
    if datatype.startswith(KEPT_DATATYPE):
        return Literal(node.value, datatype=URIRef(datatype.removeprefix(KEPT_DATATYPE)))
    if datatype == _LANG_STRING:  # pragma: no cover - a language literal has its tag
        return Literal(node.value)
    return Literal(node.value, datatype=URIRef(datatype))


class StoreTerms:
    """The build store's terms as the reasoner needs them: the ontology's blank nodes (its
    class expressions) stand as proxy IRIs, so that they can go in a ``VALUES`` table."""

    def __init__(self, codec: TermCodec) -> None:
        self.codec = codec
        self._nodes: dict[BNode, ox.NamedNode] = {}
        self._back: dict[str, BNode] = {}

    def node(self, term: Node) -> OxTerm:
        if isinstance(term, BNode):
            found = self._nodes.get(term)
            if found is None:
                found = self._nodes[term] = ox.NamedNode(f"{BLANK_PROXY}{len(self._nodes)}")
                self._back[found.value] = term
            return found
        return self.codec.node(term)

    def term(self, node: object) -> Node:
        if isinstance(node, ox.NamedNode) and node.value.startswith(BLANK_PROXY):
            return self._back[node.value]
        return self.codec.term(node)

    def quad(self, triple: Triple, graph: ox.NamedNode | None = None) -> ox.Quad:
        """``triple`` as a quad of ``graph`` (the default graph when None)."""
        s, p, o = triple
        return ox.Quad(self.node(s), self.node(p), self.node(o), graph)  # type: ignore[arg-type]

    def back(self, quad: ox.Quad) -> Triple:
        return (self.term(quad.subject), self.term(quad.predicate), self.term(quad.object))


class StoreView:
    """The few rdflib ``Graph`` look-ups a validation report needs (``objects``,
    ``subjects``, ``value``, ``in``), answered by the union of some graphs of a store."""

    def __init__(self, store: ox.Store, codec: TermCodec, graphs: list[ox.NamedNode]) -> None:
        self._store, self._codec, self._graphs = store, codec, graphs

    def _matches(self, s: Node | None, p: Node | None, o: Node | None) -> Iterator[Triple]:
        node = self._codec.node
        subject = None if s is None else node(s)
        predicate = None if p is None else node(p)
        if isinstance(subject, ox.Literal) or isinstance(predicate, ox.Literal | ox.BlankNode):
            return
        obj = None if o is None else node(o)
        for graph in self._graphs_for(subject, predicate, obj):
            for quad in self._store.quads_for_pattern(subject, predicate, obj, graph):
                yield self._codec.back(quad)

    def _graphs_for(self, subject: Any, predicate: Any, obj: Any) -> Iterable[ox.NamedNode]:
        """The graphs a look-up of this pattern reads, in order: every graph of the view."""
        return self._graphs

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return iter(dict.fromkeys(o for _, _, o in self._matches(subject, predicate, None)))

    def subjects(self, predicate: Node | None, obj: Node) -> Iterator[Node]:
        return iter(dict.fromkeys(s for s, _, _ in self._matches(None, predicate, obj)))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        return next(self.objects(subject, predicate), None)

    def __contains__(self, triple: Triple) -> bool:
        return next(self._matches(*triple), None) is not None


__all__ = ["BLANK_PROXY", "KEPT_DATATYPE", "KEPT_LANGUAGE", "OxTerm", "StoreTerms", "StoreView",
           "TermCodec", "Triple"]
