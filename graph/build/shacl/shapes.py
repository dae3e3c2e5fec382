"""kyotei's SHACL shapes read once for :mod:`.queries`: each node or property shape with its
parameters parsed (:func:`compile_shapes`, raising :class:`UnsupportedShapeError` for what the
query engine does not implement), and the few rules pySHACL judges in Python (ill-typed
literals, value ranges), which the engine asks of each distinct value."""

from __future__ import annotations

import datetime
import decimal
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from kyotei.graph.build.quads import KEPT_LANGUAGE

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


__all__ = ["Check", "Result", "Shape", "UnsupportedShapeError", "compile_shapes"]
