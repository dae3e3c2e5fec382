"""The compiled OWL RL rules run in one streamed pass: closure tables and an incremental join.

:mod:`kyotei.graph.build.owl_rules` reads the ontology's axioms into rules (which rule, with
which axioms: never written per term). Run as SPARQL updates, each round re-joined every
rule against the whole working graph until a round derived nothing, a cost that grew
faster than the data. Here the rules are applied once per triple instead:

- the single-premise property rules (``owl:inverseOf``, ``owl:SymmetricProperty``,
  ``rdfs:subPropertyOf``, equivalences) are closed ahead of time into a table: for each
  predicate, every (predicate, direction) a triple of it leads to, with the types its
  subject and object get from the domains and ranges of each (closed under
  ``rdfs:subClassOf``). One look-up per triple replaces rounds of rules;
- an asserted type gives its super-classes, from the closed class table;
- the two-premise rules (``owl:propertyChainAxiom``, ``owl:TransitiveProperty`` as the
  chain ``p o p``) keep an index of only the triples of their step predicates; each new step
  triple is joined with what the index holds when it arrives (semi-naive evaluation: every
  chain is found when its last link arrives), and what a chain derives is expanded in turn.

:meth:`Rules.derive` yields every derived triple, possibly more than once and possibly one
that is also fed: the caller removes those (a set for small data, the store for a large
build). The terms may be any hashable values (rdflib terms for small graphs, Oxigraph terms
in the build store): the tables are made with the caller's own ``node`` function. When the
ontology puts ``rdf:type`` itself in a property axiom (a type then feeds the property
rules), every derived triple is expanded again, with a set of those seen, so that the
result stays the rules' least fixpoint.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar, cast

from rdflib.term import Node

from kyotei.graph.model.namespaces import OWL, RDF, RDFS, XSD

log = logging.getLogger(__name__)

T = TypeVar("T", bound=Hashable)
# a derived triple, or (node, None, classes): the node has each of the classes
Item = tuple[T, T | None, T | tuple[T, ...]]

_BUILTIN = (str(RDF), str(RDFS), str(OWL), str(XSD))
_BATCH = 100_000  # derived quads bulk-loaded at a time

PROPERTY_KINDS = ("inverse", "symmetric", "subproperty", "chain", "transitive", "domain",
                  "range")


@dataclass(frozen=True, slots=True)
class Move(Generic[T]):
    """Where a triple of one predicate leads: ``(a q b)`` with ``a, b`` the triple's subject
    and object (swapped when ``swapped``), and the types ``a`` and ``b`` get."""

    predicate: T
    swapped: bool
    emit: bool  # False for the triple itself (the identity move)
    subject_types: tuple[T, ...]
    object_types: tuple[T, ...]
    join: bool  # a step of a chain: indexed and joined


class Rules(Generic[T]):
    """The compiled rules as closure tables over the caller's terms (see the module's
    docstring). ``rows`` maps each rule kind to its axiom rows (rdflib terms)."""

    def __init__(self, rows: dict[str, list[tuple[Node, ...]]], node: Callable[[Node], T],
                 rdf_type: Node) -> None:
        self._node = node
        self._terms: dict[T, T] = {}  # one object per term: ``is`` tells a table's terms
        self.type: T = self.node(rdf_type)
        get = {kind: [tuple(self.node(t) for t in row) for row in found]
               for kind, found in rows.items()}
        inverse: dict[T, set[T]] = {}
        sub: dict[T, set[T]] = {}
        for p, q in get.get("inverse", []):
            inverse.setdefault(p, set()).add(q)
        for p, q in get.get("subproperty", []):
            sub.setdefault(p, set()).add(q)
        symmetric = {row[0] for row in get.get("symmetric", [])}
        self.supers: dict[T, tuple[T, ...]] = {}
        supers: dict[T, set[T]] = {}
        for c, d in get.get("subclass", []):
            supers.setdefault(c, set()).add(d)
        self.supers = {c: tuple(ds - {c}) for c, ds in supers.items() if ds - {c}}
        domain: dict[T, set[T]] = {}
        range_: dict[T, set[T]] = {}
        for table, kind in ((domain, "domain"), (range_, "range")):
            for p, c in get.get(kind, []):
                table.setdefault(p, set()).update({c, *supers.get(c, ())})
        self.chains: list[tuple[T, tuple[T, ...]]] = [
            (row[0], row[1:]) for row in get.get("chain", [])
        ] + [(row[0], (row[0], row[0])) for row in get.get("transitive", [])]
        self.steps: dict[T, list[tuple[int, int]]] = {}
        for number, (_, steps) in enumerate(self.chains):
            for position, step in enumerate(steps):
                self.steps.setdefault(step, []).append((number, position))
        in_properties = {t for kind in PROPERTY_KINDS for row in get.get(kind, [])
                         for t in (row if kind not in ("domain", "range") else row[:1])}
        # rdf:type in a property axiom: derived types feed the property rules again
        self.plain = self.type not in in_properties
        self.moves: dict[T, tuple[Move[T], ...]] = {}
        for p in {*inverse, *sub, *symmetric, *domain, *range_, *self.steps}:
            self.moves[p] = tuple(
                Move(q, swapped, (q, swapped) != (p, False),
                     tuple(sorted(domain.get(q, ()), key=str)),
                     tuple(sorted(range_.get(q, ()), key=str)), q in self.steps)
                for q, swapped in _reach(p, inverse, sub, symmetric)
            )

    def node(self, term: Node) -> T:
        """The tables' own object for ``term``: a derived triple's predicate, and the class
        of a derived type, are always one of these (``is`` may compare them)."""
        made = self._node(term)
        return self._terms.setdefault(made, made)

    def derived_predicates(self) -> set[T]:
        """Every predicate a derived triple may have (``rdf:type`` included)."""
        found = {move.predicate for moves in self.moves.values() for move in moves
                 if move.emit}
        return found | {head for head, _ in self.chains} | {self.type}

    def types_only(self, p: T) -> Move[T] | None:
        """The one move of ``p`` when all a triple of it derives is types (no triple, no
        chain step, and ``rdf:type`` plain): its subject's and object's; else None."""
        moves = self.moves.get(p, ())
        if not self.plain or p == self.type or len(moves) > 1 or any(m.join for m in moves):
            return None
        return moves[0] if moves else Move(p, False, False, (), (), False)

    def derive(self, fed: Iterable[tuple[T, T, T]]) -> Iterator[tuple[T, T, T]]:
        """Every triple the rules derive from ``fed`` (with repeats; see the module)."""
        return _Run(self).derive(fed)

    def derive_grouped(self, fed: Iterable[tuple[T, T, T]]) -> Iterator[Item[T]]:
        """:meth:`derive`'s triples, but the types one look-up gives a node as one item
        ``(node, None, classes)`` (fewer items: a type is derived again and again)."""
        run = _Run(self)
        return run.grouped(fed) if self.plain else run.derive(fed)


def _reach(p: T, inverse: dict[T, set[T]], sub: dict[T, set[T]], symmetric: set[T]
           ) -> list[tuple[T, bool]]:
    """Every (predicate, swapped) a triple of ``p`` leads to, itself first."""
    found = [(p, False)]
    seen = {(p, False)}
    for q, swapped in found:  # grows while it is read: a breadth-first walk
        nexts = [(r, not swapped) for r in inverse.get(q, ())]
        nexts += [(r, swapped) for r in sub.get(q, ())]
        if q in symmetric:
            nexts.append((q, not swapped))
        for state in nexts:
            if state not in seen:
                seen.add(state)
                found.append(state)
    return found


class _Run(Generic[T]):
    """One evaluation: the chain steps' index and what is left to expand."""

    def __init__(self, rules: Rules[T]) -> None:
        self.rules = rules
        # a step's triples by subject (read by the steps before it in a chain) and by
        # object (read by the steps after it)
        self.out: dict[T, dict[T, set[T]]] = {}
        self.into: dict[T, dict[T, set[T]]] = {}
        for _, steps in rules.chains:
            for position, step in enumerate(steps):
                if position:
                    self.out.setdefault(step, {})
                if position < len(steps) - 1:
                    self.into.setdefault(step, {})
        self.chained: set[tuple[T, T, T]] = set()  # what chains derived, expanded once
        self.seen: set[tuple[T, T, T]] = set()  # every triple, when rdf:type is not plain
        self.pending: deque[tuple[T, T, T]] = deque()

    def derive(self, fed: Iterable[tuple[T, T, T]]) -> Iterator[tuple[T, T, T]]:
        plain, pending, kind = self.rules.plain, self.pending, self.rules.type
        for triple in fed:
            if not plain:
                self.seen.add(triple)
            pending.append(triple)
            while pending:
                for s, p, o in self._expand(*pending.popleft()):
                    triples: list[tuple[T, T, T]] = (
                        [(s, kind, c) for c in cast(tuple[T, ...], o)] if p is None
                        else [(s, p, cast(T, o))])
                    for found in triples:
                        if plain:
                            yield found
                        elif found not in self.seen:
                            self.seen.add(found)
                            pending.append(found)
                            yield found

    def grouped(self, fed: Iterable[tuple[T, T, T]]) -> Iterator[Item[T]]:
        pending = self.pending
        for triple in fed:
            pending.append(triple)
            while pending:
                yield from self._expand(*pending.popleft())

    def _expand(self, s: T, p: T, o: T) -> Iterator[Item[T]]:
        """What one triple gives by one table look-up (the types a node gets as one item),
        and the chains it completes."""
        rules = self.rules
        if p is rules.type or p == rules.type:
            supers = rules.supers.get(o)
            if supers:
                yield s, None, supers
        for move in rules.moves.get(p, ()):
            a, b = (o, s) if move.swapped else (s, o)
            q = move.predicate
            if move.emit:
                yield a, q, b
            if move.subject_types:
                yield a, None, move.subject_types
            if move.object_types:
                yield b, None, move.object_types
            if move.join:
                yield from self._join(a, q, b)

    def _join(self, a: T, q: T, b: T) -> Iterator[tuple[T, T, T]]:
        """Index a step triple; yield what every chain it completes derives (once each)."""
        new = False
        if (by_subject := self.out.get(q)) is not None:
            targets = by_subject.setdefault(a, set())
            new = b not in targets
            targets.add(b)
        if (by_object := self.into.get(q)) is not None:
            sources = by_object.setdefault(b, set())
            new = new or a not in sources
            sources.add(a)
        if not new and (by_subject is not None or by_object is not None):
            return  # seen before: every chain through it is known
        for number, position in self.rules.steps[q]:
            head, steps = self.rules.chains[number]
            starts = {a}
            for step in reversed(steps[:position]):
                starts = {x for n in starts for x in self.into[step].get(n, ())}
            ends = {b}
            for step in steps[position + 1:]:
                ends = {x for n in ends for x in self.out[step].get(n, ())}
            for x in starts:
                for z in ends:
                    found = (x, head, z)
                    if found not in self.chained:
                        self.chained.add(found)
                        self.pending.append(found)
                        yield found


__all__ = ["PROPERTY_KINDS", "Move", "Rules"]
