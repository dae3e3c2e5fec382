"""The build's working store: records' triples written straight into Oxigraph, term for term.

The streaming build (docs/decisions/0010-streaming-build.md) writes every asserted triple
into one Oxigraph store (on disk for a large build), one named graph per source document
and ``graph/common``, ``graph/identity``, ``graph/links``; validation, reasoning and the
snapshot writers then read that store, and no rdflib graph of the data is ever made.

Oxigraph normalises some literals as it stores them: ``"314"^^xsd:positiveInteger`` comes
back as ``xsd:integer``, ``"1"^^xsd:boolean`` as ``"true"``, a language tag in lower case,
and an explicit ``xsd:string`` as a plain literal. The snapshot must keep every term as the
builder wrote it, so :class:`TermCodec` stores a literal as itself only when Oxigraph gives
it back unchanged (asked of a scratch store once per distinct typed literal) and otherwise
keeps its datatype (or language tag) in a private datatype IRI
(``urn:kyotei:datatype:…``, ``urn:kyotei:language:…``) that Oxigraph leaves alone; reading
a term back (:meth:`TermCodec.term`) undoes it. Every term therefore round-trips exactly.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kyotei.graph.model.namespaces import XSD

log = logging.getLogger(__name__)

Triple = tuple[Node, Node, Node]
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal

KEPT_DATATYPE = "urn:kyotei:datatype:"
KEPT_LANGUAGE = "urn:kyotei:language:"
WORK_GRAPH = "urn:kyotei:build:work"  # the reasoner's working graph
DERIVED_GRAPH = "urn:kyotei:build:derived"  # what the reasoner's rules derived
ONTOLOGY_GRAPH = "urn:kyotei:build:ontology"  # the ontology, while reasoning
BLANK_PROXY = "urn:kyotei:build:blank:"  # an ontology blank node in the reasoner's rules
_PROBE = "urn:kyotei:build:probe:"
_XSD_STRING = str(XSD.string)
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_BATCH = 100_000  # quads held before they are bulk-loaded
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt(iri: str) -> str:
    """An IRI as an N-Triples term."""
    return f"<{iri}>"


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


class NTerms:
    """The builder's terms as N-Triples text (no rdflib or Oxigraph object per value: the
    build's cost), as a target keeps them: with ``codec`` (the store) a literal Oxigraph would
    change in its kept form (see the module's docstring); without, as written."""

    def __init__(self, codec: TermCodec | None = None) -> None:
        self._codec = codec
        self._typed: dict[tuple[type, object, str], str] = {}
        self._langs: dict[str, str] = {}

    def text(self, lexical: str, lang: str | None = None) -> str:
        """A plain literal, or one with a language tag."""
        if '"' in lexical or "\\" in lexical or "\n" in lexical or "\r" in lexical:
            lexical = lexical.translate(_ESCAPES)  # the four N-Triples must escape
        quoted = f'"{lexical}"'
        if not lang:
            return quoted
        if (suffix := self._langs.get(lang)) is None:
            suffix = self._langs[lang] = self._language(lang)
        return quoted + suffix

    def _language(self, lang: str) -> str:
        tag = Literal("", lang=lang).language or ""  # as rdflib keeps it
        kept = self._codec.node(Literal("", lang=tag)) if self._codec is not None else None
        keeps = isinstance(kept, ox.Literal) and not kept.language  # a tag Oxigraph changes
        return f"^^<{kept.datatype.value}>" if keeps else f"@{tag}"  # type: ignore[union-attr]

    def typed(self, value: object, datatype: str) -> str:
        """A typed literal of ``value`` (a lexical form, a bool or an int), with the lexical
        form rdflib gives it."""
        key = (type(value), value, datatype)
        if (found := self._typed.get(key)) is None:
            literal = Literal(value, datatype=URIRef(datatype))
            lexical = '"' + str(literal).translate(_ESCAPES) + '"'
            kept = self._codec.node(literal) if self._codec is not None else None
            kind = kept.datatype.value if isinstance(kept, ox.Literal) else str(literal.datatype)
            found = self._typed[key] = f"{lexical}^^<{kind}>"
        return found


class GraphOut:
    """One named graph as the builder writes it: ``add(s, p, o)`` of N-Triples terms."""

    __slots__ = ("_lines", "_name", "_sink", "identifier")

    def __init__(self, sink: QuadLines, name: str) -> None:
        self.identifier, self._name = name, f"<{name}> .\n"
        self._sink, self._lines = sink, sink.lines

    def add(self, s: str, p: str, o: str) -> None:
        self._lines.append(f"{s} {p} {o} {self._name}")
        if len(self._lines) >= _BATCH:
            self._sink.flush_lines()

    def add_triple(self, triple: Triple) -> None:
        """An rdflib triple (curated data: it may hold blank nodes), as it is."""
        self._sink.add_triple(triple, self.identifier)


class QuadLines:
    """N-Quads lines the builder writes, and rdflib triples it copies (curated links), for
    rdflib to parse (``build_dataset``); :class:`BuildStore` loads them into Oxigraph."""

    def __init__(self, codec: TermCodec | None = None) -> None:
        self.terms = NTerms(codec)
        self.lines: list[str] = []
        self.triples: list[tuple[Triple, str]] = []
        self.graphs: dict[str, GraphOut] = {}  # those asked for (a Dataset has them, empty)

    def graph(self, name: str) -> GraphOut:
        out = self.graphs.get(name := str(name))
        if out is None:
            out = self.graphs[name] = GraphOut(self, name)
        return out

    def flush_lines(self) -> None:
        """Nothing to do when the lines are only collected."""

    def add_triple(self, triple: Triple, graph: str) -> None:
        self.triples.append((triple, graph))


class BuildStore:
    """The build's Oxigraph store: asserted named graphs, then the inferred graph.

    ``folder`` None keeps the store in memory (small builds); otherwise it lives on disk in
    a new folder made under ``folder`` and removed by :meth:`close`.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.codec = TermCodec()
        self._temp: Path | None = None
        if folder is None:
            self.store = ox.Store()
        else:
            folder.mkdir(parents=True, exist_ok=True)
            self._temp = Path(tempfile.mkdtemp(prefix=".store-", dir=folder))
            self.store = ox.Store(str(self._temp))
        self._buffer: list[ox.Quad] = []
        self.out = _StoreLines(self)

    @property
    def on_disk(self) -> bool:
        return self._temp is not None

    def append(self, quad: ox.Quad) -> None:
        self._buffer.append(quad)
        if len(self._buffer) >= _BATCH:
            self.flush()

    def add_triples(self, triples: Iterable[Triple], graph: URIRef) -> None:
        name = ox.NamedNode(str(graph))
        for triple in triples:
            self.append(self.codec.quad(triple, name))
        self.flush()

    def flush(self) -> None:
        self.out.flush_lines()
        if self._buffer:
            self.store.bulk_extend(self._buffer)
            self._buffer = []

    def graph_names(self, *, skip: Iterable[str] = ()) -> list[ox.NamedNode]:
        """The store's non-empty named graphs, sorted by IRI, but those in ``skip``."""
        self.flush()
        left_out = {*map(str, skip), WORK_GRAPH, DERIVED_GRAPH, ONTOLOGY_GRAPH}
        names = [g for g in self.store.named_graphs()
                 if isinstance(g, ox.NamedNode) and g.value not in left_out]
        return sorted((g for g in names if self.size(g)), key=lambda g: g.value)

    def size(self, graph: ox.NamedNode) -> int:
        found = self.store.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        assert isinstance(found, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
        return int(next(iter(found))[0].value)

    def quads(self, graph: ox.NamedNode) -> Iterator[ox.Quad]:
        self.flush()
        return iter(self.store.quads_for_pattern(None, None, None, graph))

    def triples(self, graphs: Iterable[ox.NamedNode]) -> Iterator[Triple]:
        """The rdflib triples of ``graphs`` (the reference engines' way in: small data)."""
        for graph in graphs:
            for quad in self.quads(graph):
                yield self.codec.back(quad)

    def distinct_triples(self, graphs: list[ox.NamedNode]) -> int:
        """How many distinct triples ``graphs`` hold together (a triple in two counts once)."""
        total = sum(self.size(g) for g in graphs)
        if len(graphs) < 2:
            return total
        names = " ".join(str(g) for g in graphs)
        listed = ", ".join(str(g) for g in graphs)
        again = self.store.query(  # the graphs holding a triple: one index look-up each
            f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} "
            f"FILTER EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} "
            f"FILTER (STR(?h) < STR(?g) && ?h IN ({listed})) }} }}"
        )
        assert isinstance(again, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
        return total - int(next(iter(again))[0].value)

    def close(self) -> None:
        """Drop the store and remove its folder (when on disk)."""
        self._buffer = []
        del self.store
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)
            self._temp = None


class _StoreLines(QuadLines):
    """The builder's lines, bulk loaded into the store a batch at a time."""

    def __init__(self, store: BuildStore) -> None:
        super().__init__(store.codec)
        self._store = store

    def flush_lines(self) -> None:
        if self.lines:
            data = "".join(self.lines).encode("utf-8")
            self.lines.clear()  # in place: every GraphOut holds this list
            self._store.store.bulk_load(data, format=ox.RdfFormat.N_QUADS)

    def add_triple(self, triple: Triple, graph: str) -> None:
        self._store.append(self._store.codec.quad(triple, ox.NamedNode(graph)))


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
        for graph in self._graphs:
            for quad in self._store.quads_for_pattern(subject, predicate, obj, graph):
                yield self._codec.back(quad)

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return iter(dict.fromkeys(o for _, _, o in self._matches(subject, predicate, None)))

    def subjects(self, predicate: Node | None, obj: Node) -> Iterator[Node]:
        return iter(dict.fromkeys(s for s, _, _ in self._matches(None, predicate, obj)))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        return next(self.objects(subject, predicate), None)

    def __contains__(self, triple: Triple) -> bool:
        return next(self._matches(*triple), None) is not None


__all__ = [
    "DERIVED_GRAPH",
    "KEPT_DATATYPE",
    "KEPT_LANGUAGE",
    "ONTOLOGY_GRAPH",
    "WORK_GRAPH",
    "BuildStore",
    "GraphOut",
    "NTerms",
    "QuadLines",
    "StoreTerms",
    "StoreView",
    "TermCodec",
    "nt",
]
