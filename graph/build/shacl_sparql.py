"""SHACL Core on Oxigraph: targets, paths and class membership as SPARQL, checks in Python.

pySHACL (the reference semantics, :mod:`kyotei.graph.build.validate`) walks rdflib's store focus
node by focus node. Here the shapes graph is read generically (never a shape by name) and
the data is asked, in bulk, only three kinds of question, each one SPARQL query answered
once and cached:

- the focus nodes of a target (``sh:targetClass`` follows ``rdf:type/rdfs:subClassOf*``
  in the data graph, as SHACL says; ``sh:targetNode``, ``sh:targetSubjectsOf``,
  ``sh:targetObjectsOf``);
- the value nodes of a path (a predicate, a sequence, an inverse), for every focus at once;
- the instances of a class (``sh:class``).

Each constraint component is then checked on those answers in Python, on the rdflib terms
themselves (:mod:`kyotei.graph.build.oxproxy`), following pySHACL's rules for each (ill-typed
literals fail ``sh:datatype``; ``sh:languageIn`` matches the first subtag; ``sh:uniqueLang``
and ``sh:hasValue`` report no value; ...). A shape that uses anything else — ``sh:node``,
``sh:and``, ``sh:not``, ``sh:xone``, SPARQL constraints, other paths — makes
:func:`compile_shapes` raise :class:`UnsupportedShapeError` and the caller runs pySHACL.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from kyotei.graph.build.oxproxy import ProxyTerms, Triple

log = logging.getLogger(__name__)

_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
_DESCRIPTIVE = {SH.name, SH.description, SH.message, SH.severity, SH.order, SH.group,
                SH.deactivated, SH.property, SH.path, *_TARGETS}
_VALUE_CHECKS = {SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH.flags, SH.minLength,
                 SH.maxLength, SH.languageIn, SH["in"], SH["or"], SH.minInclusive,
                 SH.maxInclusive, SH.minExclusive, SH.maxExclusive}
_SET_CHECKS = {SH.minCount, SH.maxCount, SH.uniqueLang, SH.hasValue, SH.equals,
               SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount}
_SUPPORTED = _DESCRIPTIVE | _VALUE_CHECKS | _SET_CHECKS
_RANGES: dict[Node, Callable[[int], bool]] = {
    SH.minInclusive: lambda c: c >= 0, SH.maxInclusive: lambda c: c <= 0,
    SH.minExclusive: lambda c: c > 0, SH.maxExclusive: lambda c: c < 0,
}


class UnsupportedShapeError(ValueError):
    """The shapes use a SHACL feature this engine does not implement (pySHACL must run)."""


@dataclass(frozen=True, slots=True)
class Result:
    """One validation result, as pySHACL reports it."""

    focus: Node
    path: Node | None  # the shape's sh:path node (in the shapes graph)
    value: Node | None
    shape: Node
    component: URIRef
    severity: Node
    messages: tuple[Literal, ...]


Check = Callable[["_Run", Node], bool]


@dataclass(slots=True)
class Shape:
    """A node or property shape read from the shapes graph, its parameters parsed once."""

    node: Node
    path: Node | None
    sparql_path: str | None
    params: dict[Node, list[Node]]
    severity: Node = SH.Violation
    messages: tuple[Literal, ...] = ()
    value_checks: list[tuple[Node, Check]] = field(default_factory=list)
    min_count: int | None = None
    max_count: int | None = None
    unique_lang: bool = False
    has_value: list[Node] = field(default_factory=list)
    equals: list[str] = field(default_factory=list)  # SPARQL paths of the other properties
    qualified: list[tuple[Shape, int | None, int | None]] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)


def compile_shapes(shapes: Graph) -> list[Shape]:
    """The shapes that have targets, with what they reference; raise on unsupported ones."""
    cache: dict[Node, Shape] = {}
    roots = sorted({s for t in _TARGETS for s in shapes.subjects(t, None)}, key=str)
    return [_shape(shapes, node, cache) for node in roots
            if shapes.value(node, SH.deactivated) != _TRUE]


def validate(data: Iterable[Triple], shapes: Graph, compiled: list[Shape]) -> list[Result]:
    """Validate ``data`` against ``compiled`` (from :func:`compile_shapes` on ``shapes``)."""
    terms = ProxyTerms()
    store = ox.Store()
    terms.load(store, data)
    return _validate(_Run(store, terms), compiled)


def validate_store(store: ox.Store, terms: Terms, graphs: list[ox.NamedNode],
                   compiled: list[Shape]) -> list[Result]:
    """Validate the union of ``graphs`` of ``store`` (the build's store, whose terms
    ``terms`` reads back exactly) against ``compiled``: nothing is copied."""
    every = set(graphs) == set(store.named_graphs())  # then ask the union: much faster
    return _validate(_Run(store, terms, None if every else graphs, union=every), compiled)


def _validate(run: _Run, compiled: list[Shape]) -> list[Result]:
    results: list[Result] = []
    for shape in compiled:
        results.extend(run.check(shape, run.targets(shape)))
        run.forget_values()  # one shape's value nodes at a time: memory stays flat
    log.info("SHACL (sparql): %d result(s), %d queries", len(results), run.queries)
    return results


# ----------------------------------------------------------------------------- compile

_TRUE = Literal(True)
_CLASS, _IN, _OR = SH["class"], SH["in"], SH["or"]


def _shape(shapes: Graph, node: Node, cache: dict[Node, Shape]) -> Shape:
    if node in cache:
        return cache[node]
    params: dict[Node, list[Node]] = defaultdict(list)
    for p, o in shapes.predicate_objects(node):
        if str(p).startswith(str(SH)):
            if p not in _SUPPORTED:
                raise UnsupportedShapeError(f"{node}: {p} is not implemented")
            params[p].append(o)
    path = shapes.value(node, SH.path)
    shape = Shape(node, path, _sparql_path(shapes, path) if path is not None else None,
                  dict(params))
    cache[node] = shape
    shape.severity = params.get(SH.severity, [SH.Violation])[0]
    shape.messages = tuple(m for m in params.get(SH.message, []) if isinstance(m, Literal))

    def one(param: Node) -> int | None:
        return _int(params[param][0]) if param in params else None

    shape.min_count, shape.max_count = one(SH.minCount), one(SH.maxCount)
    shape.unique_lang = params.get(SH.uniqueLang) == [_TRUE]
    shape.has_value = params.get(SH.hasValue, [])
    shape.equals = [_sparql_path(shapes, p) for p in params.get(SH.equals, [])]
    for qualified in params.get(SH.qualifiedValueShape, []):
        shape.qualified.append((_shape(shapes, qualified, cache), one(SH.qualifiedMinCount),
                                one(SH.qualifiedMaxCount)))
    shape.properties = [_shape(shapes, p, cache) for p in params.get(SH.property, [])]
    flags = re.IGNORECASE if "i" in str(params.get(SH.flags, [""])[0]) else 0
    for param in sorted(set(params) & _VALUE_CHECKS - {SH.flags}, key=str):
        for rule in params[param]:  # one constraint per value, as pySHACL reports
            shape.value_checks.append((param, _value_check(shapes, param, rule, flags, cache)))
    return shape


def _value_check(shapes: Graph, param: Node, rule: Node, flags: int,
                 cache: dict[Node, Shape]) -> Check:
    """The test one value node must pass, with the rule parsed once."""
    if param == _CLASS:
        return lambda run, v: v in run.instances(rule)
    if param == SH.datatype:
        return lambda _run, v: _datatype_ok(v, rule)
    if param == SH.nodeKind:
        kind = _KINDS.get(rule)
        return lambda _run, v: kind is not None and kind(v)
    if param == SH.pattern:
        regex = re.compile(str(rule), flags)
        return lambda _run, v: not isinstance(v, BNode) and regex.search(str(v)) is not None
    if param in (SH.minLength, SH.maxLength):
        bound, at_least = _int(rule), param == SH.minLength
        return lambda _run, v: not isinstance(v, BNode) and (
            len(str(v)) >= bound if at_least else len(str(v)) <= bound)
    if param == SH.languageIn:
        wanted = {str(x).lower() for x in Collection(shapes, rule)}
        return lambda _run, v: _language_ok(v, wanted)
    if param == _IN:
        allowed = set(Collection(shapes, rule))
        return lambda _run, v: v in allowed
    if param == _OR:
        members = [_shape(shapes, m, cache) for m in Collection(shapes, rule)]
        return lambda run, v: any(run.conforms(m, v) for m in members)
    test = _RANGES[param]
    return lambda _run, v: _range_ok(v, rule, test)


def _sparql_path(shapes: Graph, path: Node) -> str:
    if isinstance(path, URIRef):
        return f"<{path}>"
    if isinstance(path, BNode) and shapes.value(path, RDF.first) is not None:
        return "/".join(_sparql_path(shapes, step) for step in Collection(shapes, path))
    inverse = shapes.value(path, SH.inversePath)
    if inverse is not None:
        return f"^({_sparql_path(shapes, inverse)})"
    raise UnsupportedShapeError(f"path {path!r} is not implemented")


# ------------------------------------------------------------------------------- check


class Terms(Protocol):
    """rdflib terms ↔ the store's terms (ProxyTerms, or the build store's TermCodec)."""

    def node(self, term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal: ...

    def term(self, node: object) -> Node: ...


class _Run:
    """One validation: the data in an Oxigraph store, and the answers asked of it (of the
    union of ``graphs`` when given, else of the default graph)."""

    def __init__(self, store: ox.Store, terms: Terms,
                 graphs: list[ox.NamedNode] | None = None, *, union: bool = False) -> None:
        self.terms = terms
        self.store = store
        self.graphs = graphs
        self.union = union  # the union of all named graphs as the default graph
        self.queries = 0
        self._values: dict[str, dict[Node, list[Node]]] = {}
        self._instances: dict[Node, frozenset[Node]] = {}

    def forget_values(self) -> None:
        self._values.clear()

    def select(self, query: str) -> list[tuple[Node, ...]]:
        self.queries += 1
        if self.graphs is None:
            solutions = self.store.query(query, use_default_graph_as_union=self.union)
        else:
            solutions = self.store.query(query, default_graph=self.graphs)  # type: ignore[arg-type]
        assert isinstance(solutions, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
        term = self.terms.term
        return [tuple(term(v) for v in row) for row in solutions]

    def values(self, sparql_path: str) -> dict[Node, list[Node]]:
        found = self._values.get(sparql_path)
        if found is None:
            found = defaultdict(list)
            for f, v in self.select(f"SELECT DISTINCT ?f ?v WHERE {{ ?f {sparql_path} ?v }}"):
                found[f].append(v)
            self._values[sparql_path] = found
        return found

    def instances(self, cls: Node) -> frozenset[Node]:
        found = self._instances.get(cls)
        if found is None:
            query = (f"SELECT DISTINCT ?x WHERE {{ ?x <{RDF.type}>/<{RDFS.subClassOf}>* "
                     f"{self.terms.node(cls)} }}")
            found = frozenset(row[0] for row in self.select(query))
            self._instances[cls] = found
        return found

    def targets(self, shape: Shape) -> list[Node]:
        focus: set[Node] = set()
        for cls in shape.params.get(SH.targetClass, []):
            focus |= self.instances(cls)
        focus.update(shape.params.get(SH.targetNode, []))
        for prop in shape.params.get(SH.targetSubjectsOf, []):
            focus.update(self.values(str(self.terms.node(prop))))
        for prop in shape.params.get(SH.targetObjectsOf, []):
            relation = self.values(str(self.terms.node(prop)))
            focus.update(v for vs in relation.values() for v in vs)
        return sorted(focus, key=str)

    def conforms(self, shape: Shape, node: Node) -> bool:
        return not self.check(shape, [node])

    def check(self, shape: Shape, focus: list[Node]) -> list[Result]:
        relation = self.values(shape.sparql_path) if shape.sparql_path is not None else None
        results: list[Result] = []
        for f in focus:
            values = [f] if relation is None else relation.get(f, [])
            for param, bad in self._failures(shape, f, values):
                results.append(Result(f, shape.path, bad, shape.node, _component(param),
                                      shape.severity, shape.messages))
        for prop in shape.properties:
            results.extend(self.check(prop, focus))
        return results

    def _failures(self, shape: Shape, focus: Node, values: list[Node]
                  ) -> Iterable[tuple[Node, Node | None]]:
        for param, ok in shape.value_checks:
            for v in values:
                if not ok(self, v):
                    yield param, v
        if shape.min_count is not None and len(values) < shape.min_count:
            yield SH.minCount, None
        if shape.max_count is not None and len(values) > shape.max_count:
            yield SH.maxCount, None
        if shape.unique_lang:
            langs = [str(v.language).lower() for v in values
                     if isinstance(v, Literal) and v.language]
            for _ in {lang for lang in langs if langs.count(lang) > 1}:
                yield SH.uniqueLang, None
        for wanted in shape.has_value:
            if wanted not in values:
                yield SH.hasValue, None
        for other_path in shape.equals:
            others = self.values(other_path).get(focus, [])
            for v in [*(v for v in values if v not in others),
                      *(v for v in others if v not in values)]:
                yield SH.equals, v
        for qualified, low, high in shape.qualified:
            count = sum(self.conforms(qualified, v) for v in values)
            if low is not None and count < low:
                yield SH.qualifiedMinCount, None
            if high is not None and count > high:
                yield SH.qualifiedMaxCount, None


def _component(param: Node) -> URIRef:
    name = str(param).removeprefix(str(SH))
    return URIRef(f"{SH}{name[0].upper()}{name[1:]}ConstraintComponent")


def _language_ok(v: Node, wanted: set[str]) -> bool:
    lang = v.language if isinstance(v, Literal) else None
    return bool(lang) and ("*" in wanted or str(lang).lower() in wanted
                           or str(lang).split("-")[0].lower() in wanted)


_KINDS: dict[Node, Callable[[Node], bool]] = {
    SH.IRI: lambda v: isinstance(v, URIRef),
    SH.BlankNode: lambda v: isinstance(v, BNode),
    SH.Literal: lambda v: isinstance(v, Literal),
    SH.BlankNodeOrIRI: lambda v: isinstance(v, URIRef | BNode),
    SH.BlankNodeOrLiteral: lambda v: isinstance(v, BNode | Literal),
    SH.IRIOrLiteral: lambda v: isinstance(v, URIRef | Literal),
}


def _int(node: Node) -> int:
    return int(str(node))


def _datatype_ok(v: Node, rule: Node) -> bool:
    """pySHACL's sh:datatype: the datatype matches and the literal is not ill-typed."""
    if not isinstance(v, Literal):
        return False
    if v.datatype == rule:
        return getattr(v, "ill_typed", None) is not True and _value_type_ok(v, rule)
    if v.datatype is None and v.language is None and rule == XSD.string:
        return _value_type_ok(v, rule)
    return bool(rule == RDF.langString and v.language) and _value_type_ok(v, rule)


def _value_type_ok(v: Literal, rule: Node) -> bool:
    import datetime
    import decimal

    expected: dict[Node, type | tuple[type, ...]] = {
        XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int,
        XSD.float: float, XSD.decimal: decimal.Decimal, XSD.boolean: bool,
        XSD.date: datetime.date, XSD.time: datetime.time, XSD.dateTime: datetime.datetime,
    }
    kind = expected.get(rule)
    return kind is None or isinstance(v.value, kind)


def _range_ok(v: Node, bound: Node, test: Callable[[int], bool]) -> bool:
    """pySHACL's value ranges: literals only, strings only against strings."""
    if not isinstance(v, Literal) or not isinstance(bound, Literal):
        return False
    if isinstance(v.value, str) != isinstance(bound.value, str):
        return False
    try:
        if v.eq(bound):
            return test(0)
        return test(1 if v > bound else -1)
    except (TypeError, NotImplementedError):
        return False


__all__ = [
    "Result", "Shape", "Terms", "UnsupportedShapeError", "compile_shapes", "validate",
    "validate_store",
]
