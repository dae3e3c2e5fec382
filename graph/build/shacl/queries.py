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

import logging

import pyoxigraph as ox
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from kyotei.graph.build.quads import KEPT_DATATYPE, KEPT_LANGUAGE, TermCodec
from kyotei.graph.build.shacl.shapes import (
    _CLASS,
    _IN,
    _KINDS,
    _OR,
    _RANGES,
    _TAG,
    _TYPE,
    Check,
    Result,
    Shape,
    UnsupportedShapeError,
    _component,
    _datatype_ok,
    _range_ok,
    compile_shapes,
)

log = logging.getLogger(__name__)

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


Row = list[ox.NamedNode | ox.BlankNode | ox.Literal | None]


class _Run:
    """One validation of a store (of the union of ``graphs``, else the default graph)."""

    def __init__(self, store: ox.Store, terms: TermCodec,
                 graphs: list[ox.NamedNode] | None = None, *, union: bool = False) -> None:
        self.terms, self.store, self.graphs, self.union = terms, store, graphs, union
        self._answers: dict[str, list[Row]] = {}  # a shape used by several asks the same
        self._counts: dict[str, tuple[int, int, int]] = {}

    def counts(self, path: str) -> tuple[int, int, int]:
        """How many ``?s path ?v`` solutions, distinct subjects and distinct values (one scan):
        a path with a value per subject can break no maximum, and tests of its values run
        once per distinct value where they repeat."""
        found = self._counts.get(path)
        if found is None:
            row = self.select(f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?s) (COUNT("
                              f"DISTINCT ?v) AS ?v) WHERE {{ ?s {path} ?v }}")[0]
            found = self._counts[path] = (int(str(getattr(row[0], "value", 0))),
                                          int(str(getattr(row[1], "value", 0))),
                                          int(str(getattr(row[2], "value", 0))))
        return found

    def _oriented(self, path: str | None) -> str | None:
        """A sequence of properties, written to start from its smaller end: Oxigraph joins
        a path's steps in the order written, and ``^(^<c>/^<b>/^<a>)`` is ``<a>/<b>/<c>``."""
        steps = path[1:-1].split(">/<") if path and path[0] == "<" and path[-1] == ">" else []
        if len(steps) < 2 or any(c in step for step in steps for c in "<>()^"):
            return path
        first, last = (self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{p}> ?o }}")[0][0]
                       for p in (steps[0], steps[-1]))
        if int(str(getattr(last, "value", 0))) >= int(str(getattr(first, "value", 0))):
            return path
        return "^(" + "/".join(f"^<{step}>" for step in reversed(steps)) + ")"

    def _single(self, path: str) -> bool:
        """Whether each subject of ``path`` has one value (no maximum ≥ 1 can fail)."""
        rows, subjects, _ = self.counts(path)
        return rows == subjects

    def _by_value(self, path: str | None) -> bool:
        """Whether the values of ``path`` repeat enough to judge each distinct value once."""
        if path is None:
            return False
        rows, _, values = self.counts(path)
        return 2 * values <= rows

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
        path = self._oriented(shape.sparql_path)
        items: list[tuple[list[Node], str, str]] = []
        edge = f"?f {path} ?v ." if path else f"{focus} BIND(?f AS ?v)"
        source = f"?s {path} ?c" if path else f"{{ SELECT (?f AS ?c) WHERE {{ {focus} }} }}"
        # a value test is judged once per distinct value (GROUP BY keeps Oxigraph from
        # pushing the FILTER down to every triple), then joined back to its subjects
        checked = (f"{{ SELECT ?v WHERE {{ {{ SELECT ?v WHERE {{ ?s {path} ?v }} GROUP BY ?v }} "
                   f"FILTER(%s) }} }} ?f {path} ?v ." if path and self._by_value(path)
                   else f"{edge} FILTER(%s)")
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
            grouped = self._by_value(path)
            bad = [self.bad(check, "?v", source, grouped) for check in plain]
            flags = "".join(f" ({b} AS ?b{i})" for i, b in enumerate(bad)) if len(bad) > 1 else ""
            items.append(([c.param for c in plain], checked % " || ".join(bad),
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
            if high is not None and not (high >= 1 and not minus and self._single(path)):
                items.append(([high_param], f"{{ SELECT ?f WHERE {{ ?f {path} ?v {minus} }} GROUP "
                              f"BY ?f HAVING (COUNT(DISTINCT ?v) > {high}) }}", "?f"))
        if shape.unique_lang and not self._single(path):
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

    def bad(self, check: Check, var: str, source: str, grouped: bool = False) -> str:
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
            return f"(!{ok.format(var)} || {self._judged(check, var, source, ok, grouped)})"
        if param == SH.pattern:
            judged = self._judged(check, var, source, "!isBlank({0})", grouped)
            return f"(isBlank({var}) || {judged})"
        judged = self._judged(check, var, source, "isLiteral({0})", grouped)
        return f"(!isLiteral({var}) || {judged})"

    def _judged(self, check: Check, var: str, source: str, candidates: str, grouped: bool
                ) -> str:
        """``var`` is a value of ``source`` failing ``check`` by pySHACL's Python rule."""
        test = candidates.format("?c")
        rows = self.select(  # grouped: the test once per distinct value (see _by_value)
            f"SELECT ?c WHERE {{ {{ SELECT ?c WHERE {{ {source} }} GROUP BY ?c }} "
            f"FILTER({test}) }}" if grouped else
            f"SELECT DISTINCT ?c WHERE {{ {source} FILTER({test}) }}")
        failed = [str(r[0]) for r in rows if not self._passes(check, r[0])]
        return f"({' || '.join(f'sameTerm({var}, {t})' for t in failed) or 'false'})"

    def _passes(self, check: Check, value: object) -> bool:
        if check.regex is not None:
            return check.regex.search(str(getattr(value, "value", ""))) is not None
        term = self.terms.term(value)
        if check.param == SH.datatype:
            return _datatype_ok(term, check.rule)
        return _range_ok(term, check.rule, _RANGES[check.param])


__all__ = ["Check", "Result", "Shape", "UnsupportedShapeError", "compile_shapes",
           "validate_store"]
