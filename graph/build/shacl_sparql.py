"""SHACL Core on Oxigraph: each constraint is a SPARQL query that returns only its violations.

pySHACL (the reference, :mod:`kyotei.graph.build.validate`) walks rdflib's graph node by node.
Here the shapes graph is read generically (never a shape by name) and each constraint becomes
a pattern matched over the store's own terms (through :class:`~kyotei.graph.build.quads.TermCodec`'s
private datatypes), so that Python sees only failures and the work grows linearly: value
constraints are ``FILTER``s over every ``?f path ?v``; ``sh:class`` is a ``MINUS`` of the
instances (``rdf:type/rdfs:subClassOf*`` in the data graph, as SHACL says); maxima and
``sh:uniqueLang`` are ``GROUP BY … HAVING``; minima and ``sh:hasValue`` are the focus nodes
``MINUS`` their values; ``sh:or`` joins what fails each member; a qualified shape is a
``MINUS`` of what fails it. Where pySHACL's rule is Python's (``sh:pattern``, ill-typed
literals, ranges), each *distinct* value is judged in Python and the failing ones go back
into the query. Anything else (``sh:node``, ``sh:and``, ``sh:not``, ``sh:xone``, SPARQL
constraints, other paths, blank-node parameters) raises :class:`UnsupportedShapeError`:
the caller runs pySHACL.
"""

from __future__ import annotations

import datetime
import decimal
import logging
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from kyotei.graph.build.quads import KEPT_DATATYPE, KEPT_LANGUAGE, TermCodec

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
    SH.minExclusive: lambda c: c > 0, SH.maxExclusive: lambda c: c < 0}
_KINDS: dict[Node, str] = {  # the SPARQL test of each sh:nodeKind
    SH.IRI: "isIRI({0})", SH.BlankNode: "isBlank({0})", SH.Literal: "isLiteral({0})",
    SH.BlankNodeOrIRI: "(isBlank({0}) || isIRI({0}))", SH.IRIOrLiteral: "(isIRI({0}) || "
    "isLiteral({0}))", SH.BlankNodeOrLiteral: "(isBlank({0}) || isLiteral({0}))"}
_TYPE = f"<{RDF.type}>/<{RDFS.subClassOf}>*"
# A literal's language tag as written (the codec keeps a tag with capitals in a datatype).
_TAG = (f'IF(LANG({{0}}) != "", LANG({{0}}), IF(STRSTARTS(STR(DATATYPE({{0}})), '
        f'"{KEPT_LANGUAGE}"), STRAFTER(STR(DATATYPE({{0}})), "{KEPT_LANGUAGE}"), ""))')


class UnsupportedShapeError(ValueError):
    """The shapes (or the data) use something this engine does not implement: pySHACL runs."""


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


@dataclass(slots=True)
class Check:
    """One value constraint (``param`` with the value ``rule``), its list parsed once."""

    param: Node
    rule: Node
    members: list[Shape] = field(default_factory=list)  # sh:or
    items: list[Node] = field(default_factory=list)  # sh:in, sh:languageIn
    regex: re.Pattern[str] | None = None  # sh:pattern


@dataclass(slots=True)
class Shape:
    """A node or property shape read from the shapes graph, its parameters parsed once."""

    node: Node
    path: Node | None
    sparql_path: str | None
    params: dict[Node, list[Node]]
    severity: Node = SH.Violation
    messages: tuple[Literal, ...] = ()
    value_checks: list[Check] = field(default_factory=list)
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
    compiled = [_shape(shapes, node, cache) for node in roots
                if shapes.value(node, SH.deactivated) != _TRUE]
    for root in compiled:
        _supported(root)
    return compiled


def validate_store(store: ox.Store, terms: TermCodec, graphs: list[ox.NamedNode] | None,
                   compiled: list[Shape]) -> list[Result]:
    """Validate the union of ``graphs`` of ``store`` (None: its default graph), uncopied."""
    every = graphs is not None and set(graphs) == set(store.named_graphs())  # faster
    run = _Run(store, terms, None if every or graphs is None else graphs, union=every)
    results: list[Result] = []
    for shape in compiled:
        results.extend(run.check_root(shape))
    log.info("SHACL (sparql): %d result(s), %d queries", len(results), run.queries)
    return results


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
        return int(str(params[param][0])) if param in params else None

    shape.min_count, shape.max_count = one(SH.minCount), one(SH.maxCount)
    shape.unique_lang = params.get(SH.uniqueLang) == [_TRUE]
    shape.has_value = params.get(SH.hasValue, [])
    shape.equals = [_sparql_path(shapes, p) for p in params.get(SH.equals, [])]
    shape.qualified = [(_shape(shapes, q, cache), one(SH.qualifiedMinCount), one(
        SH.qualifiedMaxCount)) for q in params.get(SH.qualifiedValueShape, [])]
    shape.properties = [_shape(shapes, p, cache) for p in params.get(SH.property, [])]
    flags = re.IGNORECASE if "i" in str(params.get(SH.flags, [""])[0]) else 0
    for param in sorted(set(params) & _VALUE_CHECKS - {SH.flags}, key=str):
        for rule in params[param]:  # one constraint per value, as pySHACL reports
            check = Check(param, rule)
            if param == _OR:
                check.members = [_shape(shapes, m, cache) for m in Collection(shapes, rule)]
            elif param in (_IN, SH.languageIn):
                check.items = list(Collection(shapes, rule))
            elif param == SH.pattern:
                check.regex = re.compile(str(rule), flags)
            shape.value_checks.append(check)
    named = [c.rule for c in shape.value_checks if c.param in (_CLASS, SH.datatype)]
    named += [i for c in shape.value_checks if c.param == _IN for i in c.items]
    if any(isinstance(n, BNode) for n in [*named, *shape.has_value, *params.get(
            SH.targetNode, []), *params.get(SH.targetClass, [])]):
        raise UnsupportedShapeError(f"{node}: a blank node as a parameter is not implemented")
    return shape


def _supported(shape: Shape, seen: tuple[Node, ...] = ()) -> None:
    """Raise on counts on a node shape, a property shape's sh:property, recursion."""
    if shape.node in seen:
        raise UnsupportedShapeError(f"{shape.node}: recursive shapes are not implemented")
    if shape.path is None and (shape.has_value or shape.equals or shape.unique_lang
                               or shape.qualified or shape.min_count or shape.max_count):
        raise UnsupportedShapeError(f"{shape.node}: counts on a node shape")
    if shape.path is not None and shape.properties:
        raise UnsupportedShapeError(f"{shape.node}: sh:property on a property shape")
    inner = (*seen, shape.node)
    for nested in [*(m for c in shape.value_checks for m in c.members), *shape.properties,
                   *(q for q, _, _ in shape.qualified)]:
        _supported(nested, inner)


def _sparql_path(shapes: Graph, path: Node) -> str:
    if isinstance(path, URIRef):
        return f"<{path}>"
    if isinstance(path, BNode) and shapes.value(path, RDF.first) is not None:
        return "/".join(_sparql_path(shapes, step) for step in Collection(shapes, path))
    inverse = shapes.value(path, SH.inversePath)
    if inverse is not None:
        return f"^({_sparql_path(shapes, inverse)})"
    raise UnsupportedShapeError(f"path {path!r} is not implemented")


Row = list[ox.NamedNode | ox.BlankNode | ox.Literal | None]


class _Run:
    """One validation of a store (of the union of ``graphs``, else the default graph)."""

    def __init__(self, store: ox.Store, terms: TermCodec,
                 graphs: list[ox.NamedNode] | None = None, *, union: bool = False) -> None:
        self.terms, self.store, self.graphs, self.union = terms, store, graphs, union
        self._answers: dict[str, list[Row]] = {}  # a shape used by several asks the same

    @property
    def queries(self) -> int:
        return len(self._answers)

    def select(self, query: str) -> list[Row]:
        found = self._answers.get(query)
        if found is None:
            if self.graphs is None:
                solutions = self.store.query(query, use_default_graph_as_union=self.union)
            else:
                solutions = self.store.query(query, default_graph=self.graphs)  # type: ignore[arg-type]
            assert isinstance(solutions, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
            found = self._answers[query] = sorted(
                (list(row) for row in solutions), key=lambda r: [str(t) for t in r])
        return found

    def focus(self, shape: Shape) -> str:
        """A group pattern binding ``?f`` to each focus node of ``shape`` once."""
        node, parts = self.terms.node, []
        parts += [f"{{ ?f {_TYPE} {node(c)} }}" for c in shape.params.get(SH.targetClass, [])]
        parts += [f"{{ VALUES ?f {{ {node(n)} }} }}" for n in shape.params.get(SH.targetNode, [])]
        parts += [f"{{ ?f {node(p)} [] }}" for p in shape.params.get(SH.targetSubjectsOf, [])]
        parts += [f"{{ [] {node(p)} ?f }}" for p in shape.params.get(SH.targetObjectsOf, [])]
        return f"{{ SELECT DISTINCT ?f WHERE {{ {' UNION '.join(parts)} }} }}"

    def check_root(self, root: Shape) -> list[Result]:
        """The results of ``root`` and its property shapes on ``root``'s focus nodes."""
        focus, members, results = self.focus(root), set[object](), list[Result]()
        for shape in [root, *root.properties]:
            for params, pattern, columns in self._items(shape, focus):
                rows = self.select(f"SELECT DISTINCT {columns} WHERE {{ {pattern} }}")
                if rows and not members:  # most queries do not join the focus nodes
                    members.update(r[0] for r in self.select(f"SELECT ?f WHERE {{ {focus} }}"))
                rows = [r for r in rows if r[0] in members]
                value = columns.startswith("?f ?v")
                results.extend(Result(
                    self.terms.term(r[0]), shape.path, self.terms.term(r[1]) if value else None,
                    shape.node, _component(param), shape.severity, shape.messages)
                    for i, param in enumerate(params) for r in rows
                    if len(params) == 1 or getattr(r[2 + i], "value", "") == "true")
        return results

    def _items(self, shape: Shape, focus: str) -> list[tuple[list[Node], str, str]]:
        """(components, pattern binding ``?f`` [``?v``] to failures, columns) per constraint
        of ``shape`` on ``focus``; plain value checks share one pattern, flags say which."""
        path = shape.sparql_path
        items: list[tuple[list[Node], str, str]] = []
        edge = f"?f {path} ?v ." if path else f"{focus} BIND(?f AS ?v)"
        source = f"?s {path} ?c" if path else f"{{ SELECT (?f AS ?c) WHERE {{ {focus} }} }}"
        values = f"{{ SELECT DISTINCT ?f WHERE {{ ?s {path} ?f }} }}" if path else focus
        mine = values.replace("?s", f"{{ SELECT (?f AS ?s) WHERE {{ {focus} }} }} ?s", 1)
        plain = []
        for check in shape.value_checks:
            if check.param == _CLASS:
                items.append(([_CLASS], f"{edge} MINUS {{ ?v {_TYPE} <{check.rule}> }}", "?f ?v"))
            elif check.param == _OR:  # the values that fail every member
                fail = " ".join(self._failing(m, values) for m in check.members)
                items.append(([_OR], f"{edge} {fail}", "?f ?v"))
            else:
                plain.append(check)
        if plain:
            bad = [self.bad(check, "?v", source) for check in plain]
            flags = "".join(f" ({b} AS ?b{i})" for i, b in enumerate(bad)) if len(bad) > 1 else ""
            items.append(([c.param for c in plain], f"{edge} FILTER({' || '.join(bad)})",
                          f"?f ?v{flags}"))
        if path is None:
            return items
        tag = _TAG.format("?v")
        counted = [(SH.minCount, SH.maxCount, shape.min_count, shape.max_count, "")] + [
            (SH.qualifiedMinCount, SH.qualifiedMaxCount, low, high,
             f"MINUS {self._failing(q, mine)}") for q, low, high in shape.qualified]
        for low_param, high_param, low, high, minus in counted:
            if low == 1:
                items.append(([low_param], f"{focus} MINUS {{ ?f {path} ?v {minus} }}", "?f"))
            elif low:
                items.append(([low_param], f"{{ SELECT ?f WHERE {{ {focus} OPTIONAL {{ ?f {path} "
                              f"?v {minus} }} }} GROUP BY ?f HAVING (COUNT(DISTINCT ?v) < {low}) "
                              "}", "?f"))
            if high is not None:
                items.append(([high_param], f"{{ SELECT ?f WHERE {{ ?f {path} ?v {minus} }} GROUP "
                              f"BY ?f HAVING (COUNT(DISTINCT ?v) > {high}) }}", "?f"))
        if shape.unique_lang:
            items.append(([SH.uniqueLang], f"{{ SELECT ?f ?l WHERE {{ ?f {path} ?v FILTER("
                          f"isLiteral(?v)) BIND(LCASE({tag}) AS ?l) FILTER(?l != \"\") }} GROUP BY "
                          f"?f ?l HAVING (COUNT(DISTINCT ?v) > 1) }}", "?f ?l"))
        items += [([SH.hasValue], f"{focus} MINUS {{ ?f {path} {self.terms.node(w)} }}", "?f")
                  for w in shape.has_value]
        items += [([SH.equals], f"{{ ?f {path} ?v MINUS {{ ?f {other} ?v }} }} UNION {{ ?f "
                    f"{other} ?v MINUS {{ ?f {path} ?v }} }}", "?f ?v") for other in shape.equals]
        return items

    def _failing(self, shape: Shape, focus: str, var: str = "?v") -> str:
        """A subquery binding ``var`` to each node of ``focus`` not conforming to ``shape``."""
        patterns = [p for _, p, _ in self._items(shape, focus)]
        patterns += [self._failing(prop, focus, "?f") for prop in shape.properties]
        union = " UNION ".join(f"{{ {p} }}" for p in patterns) or "FILTER(false)"
        return (f"{{ SELECT (?g AS {var}) WHERE {{ {{ SELECT DISTINCT (?f AS ?g) WHERE {{ "
                f"{union} }} }} }} }}")

    def bad(self, check: Check, var: str, source: str) -> str:
        """An expression true when the value ``var`` fails ``check``."""
        param, rule = check.param, check.rule
        if param == SH.nodeKind:
            return f"!{_KINDS[rule].format(var)}" if rule in _KINDS else "true"
        if param in (SH.minLength, SH.maxLength):
            op = "<" if param == SH.minLength else ">"
            return f"(isBlank({var}) || STRLEN(STR({var})) {op} {int(str(rule))})"
        if param == _IN:
            same = " || ".join(f"sameTerm({var}, {self.terms.node(i)})" for i in check.items)
            return f"!({same or 'false'})"
        if param == SH.languageIn:
            wanted, tag = sorted({str(x).lower() for x in check.items}), _TAG.format(var)
            listed = ", ".join(str(ox.Literal(w)) for w in wanted)
            primary = f'LCASE(IF(CONTAINS({tag}, "-"), STRBEFORE({tag}, "-"), {tag}))'
            ok = "true" if "*" in wanted else (
                f"(LCASE({tag}) IN ({listed}) || {primary} IN ({listed}))")
            return f'!(isLiteral({var}) && {tag} != "" && {ok})'
        if param == SH.datatype:
            ok = f"(isLiteral({{0}}) && DATATYPE({{0}}) IN (<{rule}>, <{KEPT_DATATYPE}{rule}>))"
            if rule == RDF.langString:
                ok = (f'({ok} || isLiteral({{0}}) && '
                      f'STRSTARTS(STR(DATATYPE({{0}})), "{KEPT_LANGUAGE}"))')
            if rule in (XSD.string, RDF.langString):  # every such literal is well-typed
                return f"!{ok.format(var)}"
            return f"(!{ok.format(var)} || {self._judged(check, var, source, ok)})"
        if param == SH.pattern:
            return f"(isBlank({var}) || {self._judged(check, var, source, '!isBlank({0})')})"
        return f"(!isLiteral({var}) || {self._judged(check, var, source, 'isLiteral({0})')})"

    def _judged(self, check: Check, var: str, source: str, candidates: str) -> str:
        """``var`` is a value of ``source`` failing ``check`` by pySHACL's Python rule."""
        rows = self.select(f"SELECT DISTINCT ?c WHERE {{ {source} "
                           f"FILTER({candidates.format('?c')}) }}")
        failed = [str(r[0]) for r in rows if not self._passes(check, r[0])]
        return f"({' || '.join(f'sameTerm({var}, {t})' for t in failed) or 'false'})"

    def _passes(self, check: Check, value: object) -> bool:
        if check.regex is not None:
            return check.regex.search(str(getattr(value, "value", ""))) is not None
        term = self.terms.term(value)
        if check.param == SH.datatype:
            return _datatype_ok(term, check.rule)
        return _range_ok(term, check.rule, _RANGES[check.param])


def _component(param: Node) -> URIRef:
    name = str(param).removeprefix(str(SH))
    return SH[f"{name[0].upper()}{name[1:]}ConstraintComponent"]


def _datatype_ok(v: Node, rule: Node) -> bool:
    """pySHACL's sh:datatype: the datatype matches and the literal is not ill-typed."""
    if not isinstance(v, Literal) or not isinstance(v.value, _EXPECTED.get(rule, object)):
        return False
    if v.datatype == rule:
        return getattr(v, "ill_typed", None) is not True
    return (v.datatype is None and v.language is None and rule == XSD.string) or bool(
        rule == RDF.langString and v.language)


_EXPECTED: dict[Node, type | tuple[type, ...]] = {
    XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int,
    XSD.float: float, XSD.decimal: decimal.Decimal, XSD.boolean: bool,
    XSD.date: datetime.date, XSD.time: datetime.time, XSD.dateTime: datetime.datetime,
}


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


__all__ = ["Check", "Result", "Shape", "UnsupportedShapeError", "compile_shapes",
           "validate_store"]
