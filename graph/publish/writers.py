"""Exports: Turtle, N-Triples, JSON-LD, TriG and the agreements CSV, all deterministic.

The RDF writers are kyotei's own, so that the same graph gives byte-identical output on
every run and machine (rdflib's serialisers follow set and hash order): prefixes are
kyotei's (:func:`kyotei.graph.model.namespaces.bind_prefixes`), subjects sorted, ``rdf:type``
first then predicates sorted, objects sorted. IRIs under the data base IRI are written
relative to ``@base`` in Turtle and TriG (``<agreement/3f2a…>``): ``id:agreement/…`` is not
a legal prefixed name. The builder makes no blank nodes; any that appear are relabelled
canonically (:func:`rdflib.compare.to_canonical_graph`) so they too come out the same.

The input is the build's :class:`rdflib.Dataset`: one named graph per source document,
``<base>graph/common``, and (written only when asked) ``<base>graph/inferred``. The CSV
is made in :mod:`kyotei.graph.publish.agreements_csv`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from kyotei.graph.model.namespaces import PREFIXES, RDF, XSD
from kyotei.graph.publish.agreements_csv import CSV_HEADER, agreements_csv

Triple = tuple[Node, Node, Node]

FORMATS: dict[str, tuple[str, str]] = {  # name -> (media type, file extension)
    "turtle": ("text/turtle", "ttl"),
    "ntriples": ("application/n-triples", "nt"),
    "jsonld": ("application/ld+json", "jsonld"),
    "trig": ("application/trig", "trig"),
    "csv": ("text/csv", "csv"),
}
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")
_RELATIVE = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9_~.-]*(/[A-Za-z0-9_~-][A-Za-z0-9_~.-]*)*\Z")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')  # what escape_text changes


class ExportError(ValueError):
    """An export that cannot be written (unknown format, unsupported input)."""


def export(
    dataset: Dataset,
    fmt: str,
    out: IO[bytes] | Path,
    *,
    inferred: bool = False,
    base_iri: str,
) -> None:
    """Write ``dataset`` as ``fmt`` (one of :data:`FORMATS`) to a binary stream or a path.

    Asserted triples only unless ``inferred``; TriG keeps the named graphs, the other
    formats merge them into one graph.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "trig":
        data = to_trig(dataset, base_iri=base_iri, inferred=inferred)
    else:
        graph = merged_graph(dataset, base_iri=base_iri, inferred=inferred)
        if fmt == "turtle":
            data = to_turtle(graph, base_iri=base_iri)
        elif fmt == "ntriples":
            data = to_ntriples(graph)
        elif fmt == "jsonld":
            data = to_jsonld(graph, base_iri=base_iri)
        else:
            data = agreements_csv(graph).encode("utf-8")
    if isinstance(out, Path):
        out.write_bytes(data)
    else:
        out.write(data)


def inferred_graph_iri(base_iri: str) -> URIRef:
    return URIRef(f"{base_iri}graph/inferred")


def asserted_graphs(dataset: Dataset, *, base_iri: str, inferred: bool = False) -> list[Graph]:
    """The dataset's non-empty graphs, sorted by name; the inferred graph only if asked."""
    skip = None if inferred else inferred_graph_iri(base_iri)
    graphs = [g for g in dataset.graphs() if len(g) and g.identifier != skip]
    return sorted(graphs, key=lambda g: str(g.identifier))


def merged_graph(dataset: Dataset, *, base_iri: str, inferred: bool = False) -> Graph:
    merged = Graph()
    for graph in asserted_graphs(dataset, base_iri=base_iri, inferred=inferred):
        for triple in graph:
            merged.add(triple)
    return merged


# ------------------------------------------------------------------------------ RDF


def to_ntriples(graph: Graph) -> bytes:
    lines = sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n"
                    for s, p, o in canonical_triples(graph)})
    return "".join(lines).encode("utf-8")


def to_turtle(graph: Graph, *, base_iri: str) -> bytes:
    names = TermNames(base_iri)
    return (names.header() + names.body(canonical_triples(graph), indent="")).encode("utf-8")


def to_trig(dataset: Dataset, *, base_iri: str, inferred: bool = False) -> bytes:
    names = TermNames(base_iri)
    parts = [names.header()]
    seen: dict[BNode, URIRef] = {}
    for graph in asserted_graphs(dataset, base_iri=base_iri, inferred=inferred):
        name = URIRef(str(graph.identifier))
        for node in (n for t in graph for n in t if isinstance(n, BNode)):
            if seen.setdefault(node, name) != name:
                raise ExportError(f"blank node {node.n3()} is shared by two named graphs")
        triples = canonical_triples(graph, scope=name)
        if name == URIRef(str(dataset.default_graph.identifier)):
            parts.append(names.body(triples, indent=""))
        else:
            parts.append(f"{names.term(name)} {{\n{names.body(triples, indent='    ')}}}\n\n")
    return "".join(parts).rstrip("\n").encode("utf-8") + b"\n"


def to_jsonld(graph: Graph, *, base_iri: str) -> bytes:
    """Flattened JSON-LD: one node object per subject, compact IRIs from kyotei's prefixes."""
    context = {**PREFIXES, "id": base_iri}
    names = TermNames(base_iri)
    nodes: list[dict[str, object]] = []
    for subject, predicates in _grouped(canonical_triples(graph)):
        node: dict[str, object] = {"@id": names.compact(subject)}
        for predicate, objects in predicates:
            if predicate == RDF.type and all(isinstance(o, URIRef | BNode) for o in objects):
                node["@type"] = [names.compact(o) for o in objects]
            else:
                node[names.compact(predicate)] = [names.jsonld_value(o) for o in objects]
        nodes.append(node)
    text = json.dumps({"@context": context, "@graph": nodes}, ensure_ascii=False, indent=1,
                      sort_keys=True)
    return text.encode("utf-8") + b"\n"


def canonical_triples(graph: Graph, scope: Node | None = None) -> list[Triple]:
    """The graph's triples; blank nodes relabelled canonically (prefixed by graph name)."""
    triples = list(graph)
    with_bnodes = {t for t in triples if any(isinstance(n, BNode) for n in t)}
    if not with_bnodes:
        return triples
    sub = Graph()
    for triple in with_bnodes:
        sub.add(triple)
    prefix = "" if scope is None else "g" + hashlib.sha256(str(scope).encode()).hexdigest()[:8]

    def relabel(node: Node) -> Node:
        return BNode(prefix + str(node)) if isinstance(node, BNode) else node

    canonical = [(relabel(s), relabel(p), relabel(o)) for s, p, o in to_canonical_graph(sub)]
    return [t for t in triples if t not in with_bnodes] + canonical


def term_sort_key(node: Node) -> tuple[int, str, str, str]:
    if isinstance(node, URIRef):
        return (0, str(node), "", "")
    if isinstance(node, BNode):
        return (1, str(node), "", "")
    if isinstance(node, Literal):
        return (2, str(node), str(node.datatype or ""), node.language or "")
    return (3, str(node), "", "")


def _grouped(triples: Iterable[Triple]) -> Iterator[tuple[Node, list[tuple[Node, list[Node]]]]]:
    """(subject, [(predicate, [objects])]) sorted; rdf:type first among predicates."""
    index: dict[Node, dict[Node, set[Node]]] = {}
    for s, p, o in triples:
        index.setdefault(s, {}).setdefault(p, set()).add(o)
    for subject in sorted(index, key=term_sort_key):
        predicates = sorted(index[subject], key=lambda p: (p != RDF.type, term_sort_key(p)))
        yield subject, [(p, sorted(index[subject][p], key=term_sort_key)) for p in predicates]


def escape_text(text: str) -> str:
    if _NEEDS_ESCAPE.search(text) is None:
        return text  # the common case: nothing to escape
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return "".join(out)


def nt_term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal):
        text = f'"{escape_text(str(node))}"'
        if node.language:
            return f"{text}@{node.language}"
        return f"{text}^^<{node.datatype}>" if node.datatype else text
    raise ExportError(f"cannot write {node!r} in RDF")


_MAX_CACHED = 100_000  # IRI spellings kept before the cache starts again


class TermNames:
    """Turtle spelling of terms: prefixed names, relative IRIs under @base, literals."""

    def __init__(self, base_iri: str) -> None:
        self.base = base_iri
        self.prefixes = sorted(PREFIXES.items(), key=lambda kv: len(kv[1]), reverse=True)
        self._iris: dict[str, str] = {}  # IRI -> its spelling (IRIs repeat: predicates, ...)

    def header(self) -> str:
        lines = [f"@base <{self.base}> ."]
        prefixes = sorted({**PREFIXES, "id": self.base}.items())
        lines += [f"@prefix {p}: <{iri}> ." for p, iri in prefixes]
        return "\n".join(lines) + "\n\n"

    def term(self, node: Node) -> str:
        if isinstance(node, URIRef):
            found = self._iris.get(node)
            if found is None:
                if len(self._iris) > _MAX_CACHED:
                    self._iris.clear()
                found = self._iris[node] = self._iri(str(node))
            return found
        if isinstance(node, Literal):
            lexical, datatype = str(node), node.datatype
            if datatype == XSD.boolean and lexical in ("true", "false"):
                return lexical
            if datatype == XSD.integer and re.fullmatch(r"[+-]?[0-9]+", lexical):
                return lexical
            text = f'"{escape_text(lexical)}"'
            if node.language:
                return f"{text}@{node.language}"
            return f"{text}^^{self.term(datatype)}" if datatype else text
        return nt_term(node)

    def _iri(self, text: str) -> str:
        for prefix, iri in self.prefixes:
            if text.startswith(iri) and _LOCAL.match(text[len(iri):]):
                return f"{prefix}:{text[len(iri):]}"
        rest = text[len(self.base):] if text.startswith(self.base) else None
        if rest and _RELATIVE.match(rest) and not _dot_segments(rest):
            return f"<{rest}>"
        return f"<{text}>"

    def body(self, triples: Iterable[Triple], *, indent: str) -> str:
        out = []
        for subject, predicates in _grouped(triples):
            lines = []
            for predicate, objects in predicates:
                verb = "a" if predicate == RDF.type else self.term(predicate)
                joiner = f" ,\n{indent}        "
                lines.append(f"{verb} {joiner.join(self.term(o) for o in objects)}")
            out.append(f"{indent}{self.term(subject)} " + f" ;\n{indent}    ".join(lines) + " .\n")
        return "\n".join(out) + ("\n" if out else "")

    def compact(self, node: Node) -> str:
        if isinstance(node, BNode):
            return f"_:{node}"
        text = str(node)
        for prefix, iri in [*self.prefixes, ("id", self.base)]:
            if text.startswith(iri) and text != iri and not text[len(iri):].startswith("//"):
                return f"{prefix}:{text[len(iri):]}"
        return text

    def jsonld_value(self, node: Node) -> dict[str, str]:
        if isinstance(node, Literal):
            value = {"@value": str(node)}
            if node.language:
                value["@language"] = node.language
            elif node.datatype:
                value["@type"] = self.compact(node.datatype)
            return value
        return {"@id": self.compact(node)}


def _dot_segments(path: str) -> bool:
    return any(part in (".", "..") for part in path.split("/"))


__all__ = [
    "CSV_HEADER", "FORMATS", "ExportError", "TermNames", "agreements_csv", "asserted_graphs",
    "canonical_triples", "escape_text", "export", "inferred_graph_iri", "merged_graph",
    "nt_term", "term_sort_key", "to_jsonld", "to_ntriples", "to_trig", "to_turtle",
]
