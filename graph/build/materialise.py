"""The compiled OWL RL rules run from the build store, their closure written back into it.

:func:`closure_in_store` reads the asserted triples the rules can act on, streams them
through :class:`kyotei.graph.build.seminaive.Rules` and writes what is kept into the
inferred graph. In an on-disk store every term read costs a look-up (a quad is four), so
the reading is shaped by what each predicate can derive:

- a predicate whose triples only give types (a domain, a range: no triple derived, no
  chain step) is read as the distinct IRIs of the side(s) that get a type, several such
  predicates with the same types in one query (a node is read once, not once per triple);
- a predicate with no rule at all is not read (unless it is in a built-in vocabulary:
  the data then states schema, and owlrl decides);
- every other predicate is read as (subject, object) rows, one query per predicate across
  the graphs (never a graph at a time: hundreds of graphs in a large build).

When the graphs given are not all the store's named graphs, each query is given them as its
only named graphs.

Before all this, when the rules need no iteration, :mod:`kyotei.graph.build.inplace` writes
the closure with SPARQL queries inside the store (no Python term per triple read); the
streamed pass runs only when it cannot (:func:`_in_place`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from kyotei.graph.build import inplace
from kyotei.graph.build.inplace import Derived
from kyotei.graph.build.owl_rules import RuleSet, StatesSchemaError, clashes
from kyotei.graph.build.quads import DERIVED_GRAPH, ONTOLOGY_GRAPH, WORK_GRAPH, StoreTerms
from kyotei.graph.build.seminaive import Rules
from kyotei.graph.model.namespaces import OWL, RDF, RDFS, XSD

log = logging.getLogger(__name__)

OxTriple = tuple[Any, Any, Any]
Named = list[ox.NamedNode | ox.BlankNode] | None  # the named graphs a query sees (None: all)

_BUILTIN = (str(RDF), str(RDFS), str(OWL), str(XSD))
_PROBE = "urn:kyotei:build:probe:"  # a data node, to ask ``keep`` about a name alone
_BATCH = 500_000  # derived quads bulk-loaded at a time (each load adds files to merge)


def closure_in_store(
    store: ox.Store,
    terms: StoreTerms,
    graphs: list[ox.NamedNode],
    fed_predicates: set[Node],
    ontology: Graph,
    rules: RuleSet,
    *,
    keep: Callable[[Any, Any, Any], bool],
    inferred: ox.NamedNode,
    hand_over: Callable[[Derived], None] | None = None,
) -> int | None:
    """The closure :func:`kyotei.graph.build.owl_rules.closure` gives, from the build's
    ``store``, its triples ``keep`` keeps written into the graph ``inferred``; returns how
    many it holds then, or ``None`` (``inferred`` left empty) when owlrl must decide.

    The asserted triples (of ``graphs``) with a predicate of ``fed_predicates`` are read
    once (see the module), after the ontology, and streamed through the rules. What they
    derive goes into ``inferred`` as it comes (the store drops repeats), but not a triple
    an asserted graph holds (the asserted pairs of a derived predicate are noted as they
    are fed, what it derives held until then; those of one not fed are read first), and
    types, which many triples repeat, are gathered per node (as bits) and written at the
    end without those the node is asserted to have; then the functional
    properties are checked (one grouped query per property). Only ``inferred`` is written
    (the store may be on disk). When the closure's queries wrote it, the files they loaded
    go to ``hand_over`` (the owner of the store; closed here without one).
    """
    for graph in (inferred, ox.NamedNode(WORK_GRAPH), ox.NamedNode(DERIVED_GRAPH),
                  ox.NamedNode(ONTOLOGY_GRAPH)):
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
    named: Named = None if set(store.named_graphs()) <= set(graphs) else [*graphs]
    engine = rules.engine(terms.node)
    sink = _Sink(store, engine.type, keep, inferred, rules, terms)
    axioms = [(terms.node(s), terms.node(p), terms.node(o)) for s, p, o in ontology]
    special = sink.functional | sink.inverse_functional
    sink.outside += [t for t in axioms if t[1] in special]  # not in the store
    if (in_place := _in_place(store, engine, fed_predicates, ontology, axioms, special, keep,
                              inferred, named, lambda: _clash(store, graphs, sink),
                              hand_over)) is not False:
        return _count(store, inferred) if in_place else None
    typing: dict[Any, list[Any]] = {}
    read: list[Any] = []
    for predicate in sorted(fed_predicates, key=str):
        if not isinstance(p := engine.node(predicate), ox.NamedNode):  # predicates are IRIs
            continue
        move = None if str(predicate).startswith(_BUILTIN) else engine.types_only(p)
        if move is None:
            read.append(p)
        elif move.subject_types or move.object_types:
            typing[p] = [move.subject_types, move.object_types]
    for p in engine.derived_predicates():  # ``inferred`` is empty: only asserted graphs
        if p is not engine.type and isinstance(p, ox.NamedNode) and store.query(
                f"ASK {{ GRAPH ?g {{ ?s {p} ?o }} }}", named_graphs=named):
            # a predicate that is read anyway: its pairs noted as they pass (:meth:`_Sink.
            # watch`), what it derives held until then; any other: its pairs read now
            sink.asserted[p] = set() if p in read else set(_pairs(store, p, named))
            if p in read:
                sink.held[p] = []
    fed = chain(axioms, fed_triples(store, engine, read, named))
    try:
        sink.take(engine.derive_grouped(sink.watch(fed)))
    except StatesSchemaError as exc:
        log.info("OWL RL rules: the data states schema or equality (%s); owlrl decides", exc)
        if store.contains_named_graph(inferred):  # a batch may have been written
            store.remove_graph(inferred)
        return None
    sink.release()
    for side in (0, 1):  # the nodes that get types from a predicate that only gives types
        groups: dict[tuple[Any, ...], list[Any]] = {}
        for p, types in typing.items():
            if types[side]:
                groups.setdefault(types[side], []).append(p)
        for classes, predicates in groups.items():
            sink.add_types(_nodes(store, predicates, side, named), classes)
    sink.finish()
    return _checked(store, graphs, inferred, sink)


def _checked(store: ox.Store, graphs: list[ox.NamedNode], inferred: ox.NamedNode,
             sink: _Sink) -> int | None:  # the count, or None (removed) when ``_clash``
    if _clash(store, [*graphs, inferred], sink):
        store.remove_graph(inferred)
        return None
    return _count(store, inferred)


def _clash(store: ox.Store, graphs: list[ox.NamedNode], sink: _Sink) -> bool:
    """Whether a functional property has two values in ``graphs`` (logged)."""
    if found := clashes(store, graphs, sink.functional, sink.inverse_functional, sink.outside):
        log.info("OWL RL rules: a functional property has two values; owlrl decides")
    return found


def _count(store: ox.Store, inferred: ox.NamedNode) -> int:
    count = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {inferred} {{ ?s ?p ?o }} }}")
    assert isinstance(count, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
    log.info("OWL RL rules (store): %s derived triples kept", kept := next(iter(count))[0].value)
    return int(kept)


def _in_place(store: ox.Store, engine: Rules[Any], fed_predicates: set[Node], ontology: Graph,
              axioms: list[OxTriple], special: set[Any], keep: Callable[[Any, Any, Any], bool],
              inferred: ox.NamedNode, named: Named, clash: Callable[[], bool],
              hand_over: Callable[[Derived], None] | None) -> bool | None:
    """The closure written by SPARQL queries in the store (:mod:`kyotei.graph.build.inplace`):
    True when done, None when the data states schema or ``clash`` (a functional property
    with two values in the asserted graphs) is true (owlrl decides), False when the rules
    need the streamed pass (an axiom that is a chain's step, or :func:`inplace.plan`).

    ``clash`` is asked before the queries run, of the asserted graphs alone: what they
    derive cannot make one. :func:`inplace.plan` gives no query to a derived predicate in
    ``special`` (functional or inverse-functional), and its :attr:`inplace.Plan.unsure` asks
    whether the data gives a triple of one (kept or not); when it does, the streamed pass
    runs (False, below). So every triple the queries write has a derived predicate outside
    ``special``, or is a type (``rdf:type`` itself functional: ``clash`` is asked after).
    Asked before, the check reads the compacted asserted graphs, not the files the derived
    loads add (1M triples: 0.6 s CPU against 1.3)."""
    chained = {p for p, moves in engine.moves.items() if any(m.join for m in moves)}
    if any(t[1] in chained for t in axioms):
        return False
    predicates = [p for p in (engine.node(t) for t in sorted(fed_predicates, key=str))
                  if isinstance(p, ox.NamedNode)]
    probe, other = ox.NamedNode(f"{_PROBE}s"), ox.NamedNode(f"{_PROBE}o")
    found = inplace.plan(
        engine, [p for p in predicates if not p.value.startswith(_BUILTIN)],
        keep_class=lambda c: keep(probe, engine.type, c),
        keep_predicate=lambda q: keep(probe, q, other) and keep(probe, q, probe),
        special=special,
        dropped={str(t) for triple in ontology for t in triple if isinstance(t, URIRef)})
    if found is None or (found.unsure is not None
                         and store.query(found.unsure, named_graphs=named)):
        return False
    for p in predicates:  # what the streamed pass reads and finds stating schema
        if p is engine.type:
            query = f"SELECT DISTINCT ?o WHERE {{ GRAPH ?g {{ ?s {p} ?o }} }}"
            if any(str(getattr(row[0], "value", "")).startswith(_BUILTIN)
                   for row in _select(store, query, named)):
                return None
        elif p.value.startswith(_BUILTIN) and store.query(
                f"ASK {{ GRAPH ?g {{ ?s {p} ?o }} }}", named_graphs=named):
            log.info("OWL RL rules: the data states schema (%s); owlrl decides", p)
            return None
    after = engine.type in special  # (no ontology says so: ``clash`` then sees the types)
    if not after and clash():
        return None
    derived = inplace.run(store, found, named, inferred)
    if after and clash():
        store.remove_graph(inferred)
        if derived is not None:
            derived.close()
        return None
    if derived is not None:
        (hand_over or Derived.close)(derived)
    return True


def _select(store: ox.Store, query: str, named: Named) -> ox.QuerySolutions:
    found = store.query(query, named_graphs=named)
    assert isinstance(found, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
    return found


def _pairs(store: ox.Store, p: ox.NamedNode, named: Named) -> Iterator[tuple[Any, Any]]:
    """The (subject, object) of each triple of ``p`` in the graphs, once per graph."""
    rows = _select(store, f"SELECT ?s ?o WHERE {{ GRAPH ?g {{ ?s {p} ?o }} }}", named)
    return ((s, o) for s, o in rows)


def _nodes(store: ox.Store, predicates: list[Any], side: int, named: Named) -> Iterator[Any]:
    """The distinct IRIs that are the subject (``side`` 0) or the object (1) of a triple of
    one of ``predicates`` in the graphs."""
    node = ("?s", "?o")[side]
    values = " ".join(str(p) for p in predicates)
    # no FILTER(isIRI(...)) in the query: it would read every row's term back from the
    # store (a look-up each, on disk); a distinct node is tested here, once
    query = f"SELECT DISTINCT {node} WHERE {{ VALUES ?p {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    for row in _select(store, query, named):
        if type(found := row[0]) is ox.NamedNode:
            yield found


def fed_triples(store: ox.Store, engine: Rules[Any], predicates: list[ox.NamedNode],
                named: Named) -> Iterator[OxTriple]:
    """The asserted triples (of the ``named`` graphs) of ``predicates`` (the engine's own
    objects), as Oxigraph terms; :class:`StatesSchemaError` at one that states schema."""
    for p in predicates:
        kind = p is engine.type
        builtin = not kind and p.value.startswith(_BUILTIN)
        for s, o in (_typed(store, p, named) if kind else _pairs(store, p, named)):
            if builtin or (kind and str(getattr(o, "value", "")).startswith(_BUILTIN)):
                raise StatesSchemaError(f"{s} {p} {o}")
            yield s, p, o


def _typed(store: ox.Store, kind: ox.NamedNode, named: Named) -> Iterator[tuple[Any, Any]]:
    """The (subject, class) of each ``rdf:type`` triple in the graphs, once per graph: a
    class at a time, so that only the subjects are read back from the store (the classes
    are few); all rows at once if a class is not an IRI (it cannot be named in a query)."""
    query = f"SELECT DISTINCT ?o WHERE {{ GRAPH ?g {{ ?s {kind} ?o }} }}"
    classes = sorted((row[0] for row in _select(store, query, named)), key=str)
    if not all(type(c) is ox.NamedNode for c in classes):
        yield from _pairs(store, kind, named)
        return
    for cls in classes:
        query = f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s {kind} {cls} }} }}"
        for row in _select(store, query, named):
            yield row[0], cls


class _Sink:
    """Where :func:`closure_in_store` puts what the rules derive (see there)."""

    def __init__(self, store: ox.Store, kind: Any, keep: Callable[[Any, Any, Any], bool],
                 inferred: ox.NamedNode, rules: RuleSet, terms: StoreTerms) -> None:
        self.store, self.kind, self.keep, self.inferred = store, kind, keep, inferred
        self.batch: list[ox.Quad] = []
        self.classes: dict[Any, int] = {}  # a class's bit in the masks below
        # each named node's types as bits: a class's derived bit, then its asserted bit
        self.types: dict[Any, int] = {}
        self.functional = {terms.node(p) for p in rules.functional}
        self.inverse_functional = {terms.node(p) for p in rules.inverse_functional}
        self.outside: list[OxTriple] = []  # functional triples not in the store: checked apart
        # the asserted (subject, object) pairs of a derived predicate (not written again)
        self.asserted: dict[Any, set[tuple[Any, Any]]] = {}
        # the derived pairs of such a predicate whose asserted pairs are noted as they are
        # read (written by :meth:`release`, once all are known)
        self.held: dict[Any, list[tuple[Any, Any]]] = {}

    def _bit(self, cls: Any) -> int:
        """The bit that says a node is derived to have ``cls`` (shifted by one: asserted)."""
        bit = self.classes.get(cls)
        if bit is None:
            bit = self.classes[cls] = 1 << (2 * len(self.classes))
        return bit

    def watch(self, fed: Iterable[OxTriple]) -> Iterator[OxTriple]:
        """``fed``, noting each named node's asserted types on the way."""
        kind, types = self.kind, self.types
        noted = {p: self.asserted[p] for p in self.held}
        for triple in fed:
            s, p, o = triple
            if p is kind:
                if type(s) is ox.NamedNode:
                    types[s] = types.get(s, 0) | self._bit(o) << 1
            elif (pairs := noted.get(p)) is not None:
                pairs.add((s, o))
            yield triple

    def take(self, derived: Iterable[OxTriple]) -> None:
        kind, types, keep, batch = self.kind, self.types, self.keep, self.batch
        asserted, held = self.asserted, self.held
        special = self.functional | self.inverse_functional
        masks: dict[Any, int] = {}  # the bits of a tuple of classes
        for triple in derived:
            s, p, o = triple
            if p is None or p is kind:  # (p: the engine's own object, :meth:`Rules.node`)
                if type(s) is ox.NamedNode:
                    mask = masks.get(o)
                    if mask is None:
                        mask = masks[o] = sum(self._bit(c) for c in (o if p is None else (o,)))
                    types[s] = types.get(s, 0) | mask
            elif keep(s, p, o):
                if (pairs := asserted.get(p)) is not None:
                    if (waiting := held.get(p)) is not None:
                        waiting.append((s, o))
                        continue
                    if (s, o) in pairs:
                        continue
                batch.append(ox.Quad(s, p, o, self.inferred))
                if len(batch) >= _BATCH:
                    self.store.bulk_extend(batch)
                    batch.clear()
            elif p in special:
                self.outside.append(triple)

    def _write(self, quad: ox.Quad) -> None:
        self.batch.append(quad)
        if len(self.batch) >= _BATCH:
            self.store.bulk_extend(self.batch)
            self.batch.clear()

    def release(self) -> None:
        """Write the held derived triples that no asserted graph holds."""
        for p, waiting in self.held.items():
            pairs = self.asserted[p]
            for s, o in waiting:
                if (s, o) not in pairs:
                    self._write(ox.Quad(s, p, o, self.inferred))
            waiting.clear()

    def add_types(self, nodes: Iterable[Any], classes: tuple[Any, ...]) -> None:
        """Each of ``nodes`` (IRIs) has each of ``classes``."""
        types, mask = self.types, sum(self._bit(c) for c in classes)
        for node in nodes:
            types[node] = types.get(node, 0) | mask

    def finish(self) -> None:
        """Write the gathered types a node is not asserted to have."""
        classes = list(self.classes)
        derived = sum(self.classes.values())
        kind, keep, batch = self.kind, self.keep, self.batch
        for node, bits in self.types.items():
            new = bits & ~(bits >> 1) & derived
            index = 0
            while new:
                if new & 1 and keep(node, kind, classes[index]):
                    batch.append(ox.Quad(node, kind, classes[index], self.inferred))
                new >>= 2
                index += 1
            if len(batch) >= _BATCH:
                self.store.bulk_extend(batch)
                batch.clear()
        self.store.bulk_extend(batch)
        batch.clear()


__all__ = ["clashes", "closure_in_store", "fed_triples"]  # clashes: owl_rules's, used here
