"""Incremental SHACL validation: only the focus nodes whose verdict a changed triple can reach.

Soundness, by construction. The baseline (the last published build) conformed, and every
shape reports at ``sh:Violation`` (else :func:`plan` refuses), so it had no result at all.
Validating a focus node ``f`` against a shape reads triples along the shape's paths only:
``f p1 x``, ``x p2 y``, ... (each step forward, or backward for ``sh:inversePath``), through
nested shapes (``sh:or`` members, qualified value shapes, a node shape's property shapes)
evaluated at the value nodes, then a value node's ``rdf:type`` and the ``rdfs:subClassOf``
triples (``sh:class``), and the target triples (``rdf:type``, ``sh:targetSubjectsOf``'s,
``sh:targetObjectsOf``'s). :class:`Plan` collects, from the compiled shapes, the predicates
read forward and backward and :attr:`Plan.depth`, the most steps between a focus node and a
node where something is read. If no triple the evaluation of ``f`` walks in the union of the
old and the new graph changed, the walks are the same in both and so is ``f``'s verdict.
Otherwise take the changed triple nearest to ``f`` on such a walk: the steps before it are
in both graphs, so ``f`` reaches its near end — the subject of a triple read forward, the
object of one read backward (:func:`touched`) — backwards along the new graph's path
predicates within :attr:`Plan.depth` steps (:func:`focus_candidates`). Those candidates are
validated by the unchanged query engine (:mod:`.queries`) on a store holding the triples
their evaluation can read (:func:`neighbourhood`: each level's outgoing triples and the
backward predicates' incoming ones, to the same depth, and every ``rdfs:subClassOf``), and
only their results are kept. A change of an ``rdfs:subClassOf`` triple, a shape the engine
does not implement, a severity other than ``sh:Violation`` or a change too large make
:func:`plan` or the caller fall back to a full validation.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from kyotei.graph.build.shacl.baseline import Baseline, Changes, GraphKeeper, changes
from kyotei.graph.build.shacl.queries import validate_store
from kyotei.graph.build.shacl.shapes import Result, Shape
from kyotei.graph.build.terms import TermCodec

log = logging.getLogger(__name__)

_BATCH = 2_000  # nodes per VALUES block
THRESHOLD = 0.3  # past this share of the graph changed (or read), a full validation
FULL, INCREMENTAL = "full", "incremental"
_TYPE = ox.NamedNode(str(RDF.type))
_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))


@dataclass(slots=True)
class Plan:
    """What the shapes read: predicates stepped along forward and backward, predicates read
    (but not stepped along) forward and backward, and the deepest reading's distance."""

    forward: set[str] = field(default_factory=set)
    backward: set[str] = field(default_factory=set)
    read_forward: set[str] = field(default_factory=set)
    read_backward: set[str] = field(default_factory=set)
    depth: int = 0  # the most steps between a focus node and a node read at


class UnboundedError(ValueError):
    """The shapes read something this module cannot bound: validate in full."""


def plan(shapes: Graph, compiled: list[Shape]) -> Plan:
    """The reading plan of ``compiled`` (read from ``shapes``); :class:`UnboundedError` when a
    shape reports below ``sh:Violation``, or a path is not a predicate, an inverse or a
    sequence of those."""
    found = Plan(read_forward={_TYPE.value})
    for root in compiled:
        for shape in [root, *root.properties]:
            if shape.severity != SH.Violation:
                raise UnboundedError(f"{shape.node} reports at {shape.severity}")
        for kind, into in ((SH.targetSubjectsOf, found.read_forward),
                           (SH.targetObjectsOf, found.read_backward)):
            into.update(str(p) for p in root.params.get(kind, []))
        found.depth = max(found.depth, _depth(shapes, root, found, ()) or 0)
    found.read_forward |= found.forward
    found.read_backward |= found.backward
    return found


def _depth(shapes: Graph, shape: Shape, found: Plan, seen: tuple[Node, ...]) -> int | None:
    """Steps from the node ``shape`` is evaluated at to the farthest node where it reads a
    triple (None: it reads none, only the node's term): a path of ``n`` steps reads at
    steps 0 to ``n - 1``; ``sh:class`` reads the values' types, nested shapes read from
    the values on."""
    if shape.node in seen:
        raise UnboundedError(f"{shape.node}: recursive shapes")
    seen = (*seen, shape.node)
    own = _steps(shapes, shape.path, found) if shape.path is not None else 0
    reads = [own - 1] if own else []
    reads += [_steps(shapes, p, found) - 1 for p in shape.params.get(SH.equals, [])]
    if any(c.param == SH["class"] for c in shape.value_checks):
        reads.append(own)
    at_values = [*(m for c in shape.value_checks for m in c.members),
                 *(q for q, _, _ in shape.qualified)]
    reads += [own + d for m in at_values if (d := _depth(shapes, m, found, seen)) is not None]
    reads += [d for p in shape.properties if (d := _depth(shapes, p, found, seen)) is not None]
    return max(reads, default=None)


def _steps(shapes: Graph, path: Node, found: Plan, inverse: bool = False) -> int:
    if isinstance(path, URIRef):
        (found.backward if inverse else found.forward).add(str(path))
        return 1
    if isinstance(path, BNode) and shapes.value(path, RDF.first) is not None:
        return sum(_steps(shapes, step, found, inverse) for step in Collection(shapes, path))
    inner = shapes.value(path, SH.inversePath)
    if inner is not None:
        return _steps(shapes, inner, found, not inverse)
    raise UnboundedError(f"path {path!r}")


def touched(changes: Changes, found: Plan) -> set[object] | None:
    """The near ends of the changed triples a shape reads (None: a changed
    ``rdfs:subClassOf``, which ``sh:class`` reads anywhere)."""
    nodes: set[object] = set()
    for triple in (*changes.added, *changes.removed):
        predicate = triple.predicate.value
        if predicate == _SUBCLASS.value:
            return None
        if predicate in found.read_forward:
            nodes.add(triple.subject)
        if predicate in found.read_backward:
            nodes.add(triple.object)
    return nodes


@dataclass(slots=True)
class Scope:
    """Where the candidates' queries run: the store and its asserted graphs."""

    store: ox.Store
    graphs: list[ox.NamedNode]

    def rows(self, query: str) -> Iterator[list[object]]:
        solutions = self.store.query(query, default_graph=self.graphs)  # type: ignore[arg-type]
        assert isinstance(solutions, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
        for row in solutions:
            yield list(row)

    def batches(self, nodes: Iterable[object]) -> Iterator[str]:
        """``nodes`` (resources only) as VALUES blocks of :data:`_BATCH`."""
        listed = sorted(str(n) for n in nodes if isinstance(n, (ox.NamedNode, ox.BlankNode)))
        for start in range(0, len(listed), _BATCH):
            yield " ".join(listed[start:start + _BATCH])


def _values(predicates: set[str]) -> str:
    return " ".join(f"<{p}>" for p in sorted(predicates))


def focus_candidates(scope: Scope, start: set[object], found: Plan) -> set[object]:
    """``start`` and every node reaching it backwards along the path predicates of the new
    graph, within :attr:`Plan.depth` steps."""
    reached, frontier = set(start), set(start)
    for _ in range(found.depth):
        step: set[object] = set()
        for block in scope.batches(frontier):
            if found.forward:
                step.update(r[0] for r in scope.rows(
                    f"SELECT DISTINCT ?y WHERE {{ VALUES ?x {{ {block} }} VALUES ?p "
                    f"{{ {_values(found.forward)} }} ?y ?p ?x }}"))
            if found.backward:
                step.update(r[0] for r in scope.rows(
                    f"SELECT DISTINCT ?y WHERE {{ VALUES ?x {{ {block} }} VALUES ?p "
                    f"{{ {_values(found.backward)} }} ?x ?p ?y }}"))
        frontier = step - reached
        reached |= frontier
        if not frontier:
            break
    return reached


def neighbourhood(scope: Scope, focus: set[object], found: Plan) -> set[ox.Triple]:
    """The triples validating ``focus`` can read: each level's outgoing triples and incoming
    ones along backward predicates, levels 0 to :attr:`Plan.depth`, the next level the
    nodes stepped to; and every ``rdfs:subClassOf`` triple."""
    triples: set[ox.Triple] = set()
    seen, frontier = set(focus), set(focus)
    for level in range(found.depth + 1):
        step: set[object] = set()
        for block in scope.batches(frontier):
            for s, p, o in scope.rows(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {block} }} "
                                      "?s ?p ?o }"):
                triples.add(ox.Triple(s, p, o))  # type: ignore[arg-type]
                if getattr(p, "value", None) in found.forward:
                    step.add(o)
            if found.read_backward:
                for s, p, o in scope.rows(
                        f"SELECT ?s ?p ?o WHERE {{ VALUES ?o {{ {block} }} VALUES ?p "
                        f"{{ {_values(found.read_backward)} }} ?s ?p ?o }}"):
                    triples.add(ox.Triple(s, p, o))  # type: ignore[arg-type]
                    if getattr(p, "value", None) in found.backward:
                        step.add(s)
        if level == found.depth:
            break
        frontier = step - seen
        seen |= frontier
    for s, p, o in scope.rows(f"SELECT ?s ?p ?o WHERE {{ ?s {_SUBCLASS} ?o BIND({_SUBCLASS} "
                              "AS ?p) }"):
        triples.add(ox.Triple(s, p, o))  # type: ignore[arg-type]
    return triples


def validate_focus(triples: set[ox.Triple], focus: set[object], terms: TermCodec,
                   compiled: list[Shape]) -> list[Result]:
    """The results of the focus nodes ``focus``, validated on a store of ``triples``."""
    small = ox.Store()
    small.bulk_extend([ox.Quad(t.subject, t.predicate, t.object) for t in triples])
    wanted = {terms.term(n) for n in focus}
    return [r for r in validate_store(small, terms, None, compiled) if r.focus in wanted]




@dataclass(slots=True)
class Outcome:
    """What :func:`check` did: the results, how (``mode``, and why when in full), how many
    focus nodes it checked (None: all), and the graphs' hashes for the next build."""

    results: list[Result]
    mode: str
    why: str | None
    checked: int | None
    graphs: dict[str, str]


def check(store: ox.Store, terms: TermCodec, graphs: list[ox.NamedNode], shapes: Graph,
          compiled: list[Shape], baseline: Baseline, *, threshold: float = THRESHOLD
          ) -> Outcome:
    """Validate the union of ``graphs`` against ``compiled``, incrementally from
    ``baseline`` when that is sound (see the module's docstring), else in full; either way
    keep the graphs' dumps for the next build."""
    keeper = GraphKeeper(baseline.folder)
    dumps = keeper.dump(store, graphs)
    hashes = keeper.keep(dumps)
    keeper.prune([*(baseline.graphs or {}).values(), *hashes.values()])
    total = sum(data.count(b"\n") for data in dumps.values())
    why = baseline.usable()
    found: Plan | None = None
    changed: Changes | None = None
    if why is None:
        try:
            found = plan(shapes, compiled)
        except UnboundedError as exc:
            why = f"the shapes cannot be bounded ({exc})"
    if why is None and baseline.graphs is not None:
        changed = changes(keeper, baseline.graphs, dumps)
        if changed is None:
            why = "the previous graphs cannot be compared"
        elif len(changed) > threshold * total:
            why = f"{len(changed)} of {total} triples changed"
    if why is None and found is not None and changed is not None:
        start = touched(changed, found)
        if start is None:
            why = "an rdfs:subClassOf triple changed"
        else:
            scope = Scope(store, graphs)
            focus = focus_candidates(scope, start, found)
            near = neighbourhood(scope, focus, found) if focus else set()
            if len(near) <= threshold * total:
                results = validate_focus(near, focus, terms, compiled) if focus else []
                log.info("SHACL: incremental, %d changed triples, %d focus nodes, %d triples "
                         "read", len(changed), len(focus), len(near))
                return Outcome(results, INCREMENTAL, None, len(focus), hashes)
            why = f"the changes reach {len(near)} of {total} triples"
    log.info("SHACL: full validation (%s)", why)
    return Outcome(validate_store(store, terms, graphs, compiled), FULL, why, None, hashes)


__all__ = ["FULL", "INCREMENTAL", "THRESHOLD", "Outcome", "Plan", "Scope", "UnboundedError",
           "check", "focus_candidates", "neighbourhood", "plan", "touched", "validate_focus"]
