"""OWL RL over the ontology's axioms, compiled to SPARQL updates run to a fixpoint by Oxigraph.

owlrl (the reference semantics, :mod:`kyotei.graph.build.reason`) sweeps every OWL RL rule over
every triple in Python until nothing changes. Under kyotei's ontology only a handful of
rules can fire on the data; this module reads which ones from the ontology's axioms — it is
never written per term — and turns each into one ``INSERT … WHERE`` update whose
``VALUES`` table lists the axioms:

=====================  ==================================================================
OWL RL rule            compiled from
=====================  ==================================================================
cax-sco, cax-eqc       ``rdfs:subClassOf``, ``owl:equivalentClass`` (both ways) and the
                       members of an ``owl:unionOf`` (scm-uni), closed transitively
prp-spo1, prp-eqp      ``rdfs:subPropertyOf``, ``owl:equivalentProperty`` (both ways)
prp-dom, prp-rng       ``rdfs:domain``, ``rdfs:range`` (with the classes' super-classes)
prp-inv1/2             ``owl:inverseOf``
prp-symp, prp-trp      ``owl:SymmetricProperty``, ``owl:TransitiveProperty``
prp-spo2               ``owl:propertyChainAxiom`` (a list of any length)
=====================  ==================================================================

Every term is stored as an IRI: literals and blank nodes get proxy IRIs mapped back at the
end, so that a literal may stand as a subject (owlrl's rdflib graph allows it, and a chain
or an inverse may pass through one) and Oxigraph's literal normalisation (``xsd:string``,
derived integer types) never changes a term.

What is not compiled makes :func:`compile_rules` raise :class:`UnsupportedAxiomError` (an
axiom in the OWL, RDFS or RDF vocabulary this module does not know, e.g. ``owl:disjointWith`` or a
restriction), and :func:`closure` return ``None`` when the data needs equality reasoning
(two distinct values of an ``owl:FunctionalProperty`` or ``owl:InverseFunctionalProperty``:
owlrl then derives ``owl:sameAs`` and copies triples across it) or states schema or
equality itself (an ``rdf:type`` in, or another predicate of, the RDF/RDFS/OWL
vocabularies). The caller then runs owlrl.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kyotei.graph.build.quads import DERIVED_GRAPH, ONTOLOGY_GRAPH, WORK_GRAPH, StoreTerms
from kyotei.graph.build.seminaive import Rules
from kyotei.graph.model.namespaces import OWL, RDF, RDFS, XSD

log = logging.getLogger(__name__)

Triple = tuple[Node, Node, Node]
T = TypeVar("T", bound=Hashable)

_BUILTIN = (str(RDF), str(RDFS), str(OWL), str(XSD))
_MAX_ROUNDS = 1000  # a fixpoint is reached in a few rounds; this only stops a runaway
_BATCH = 200_000  # quads copied to the working graph per bulk load

# Axiom predicates and property/class declarations this module compiles or may ignore.
_COMPILED = {
    RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.inverseOf,
    OWL.equivalentClass, OWL.equivalentProperty, OWL.propertyChainAxiom, OWL.unionOf,
    RDF.first, RDF.rest, RDF.type,
}
_INERT = {  # annotations and ontology headers: no OWL RL rule reads them
    RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.versionInfo,
    OWL.versionIRI, OWL.imports, OWL.priorVersion, OWL.backwardCompatibleWith,
    OWL.incompatibleWith, OWL.deprecated,
}
_DECLARATIONS = {
    OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
    OWL.OntologyProperty, RDF.Property, OWL.Ontology, OWL.NamedIndividual, RDF.List,
    OWL.FunctionalProperty, OWL.InverseFunctionalProperty, OWL.SymmetricProperty,
    OWL.TransitiveProperty,
}


class UnsupportedAxiomError(ValueError):
    """The ontology uses an axiom this compiler does not implement (owlrl must run)."""


@dataclass(frozen=True, slots=True)
class Rule:
    """``INSERT { template } WHERE { VALUES (names) { rows } pattern }``: one OWL RL rule
    with the axioms it applies, as rdflib terms (rendered with each run's proxies)."""

    kind: str  # which OWL RL rule (:data:`kyotei.graph.build.seminaive.PROPERTY_KINDS`, subclass)
    template: str
    pattern: str
    names: tuple[str, ...]
    rows: tuple[tuple[Node, ...], ...]


@dataclass(slots=True)
class RuleSet:
    """The compiled rules, and the properties that call for equality reasoning."""

    rules: list[Rule] = field(default_factory=list)
    functional: list[URIRef] = field(default_factory=list)
    inverse_functional: list[URIRef] = field(default_factory=list)

    def engine(self, node: Callable[[Node], T]) -> Rules[T]:
        """The rules as closure tables over the terms ``node`` makes."""
        rows: dict[str, list[tuple[Node, ...]]] = {}
        for rule in self.rules:
            rows.setdefault(rule.kind, []).extend(rule.rows)
        return Rules(rows, node, RDF.type)


def compile_rules(ontology: Graph) -> RuleSet:
    """Read the ontology's axioms into rules; :class:`UnsupportedAxiomError` on any other."""
    _check_supported(ontology)
    sub_class = _closed(_edges(ontology, RDFS.subClassOf, OWL.equivalentClass, unions=True))
    sub_prop = _closed(_edges(ontology, RDFS.subPropertyOf, OWL.equivalentProperty))
    rules = RuleSet()
    add = rules.rules.append
    # In the order one derivation feeds the next (property axioms, then the types they
    # give), so that one round derives almost everything and a second finds nothing new.
    inverses = [(p, q) for p, q in ontology.subject_objects(OWL.inverseOf)]
    inverses += [(q, p) for p, q in inverses]
    add(_rule("inverse", "?y ?q ?x", "?x ?p ?y", ("p", "q"), inverses))
    chains: dict[int, list[tuple[Node, ...]]] = {}
    for prop, head in ontology.subject_objects(OWL.propertyChainAxiom):
        steps = tuple(Collection(ontology, head))
        chains.setdefault(len(steps), []).append((prop, *steps))
    for length, rows in sorted(chains.items()):
        body = " . ".join(f"?x{i} ?s{i} ?x{i + 1}" for i in range(length))
        names = ("p", *(f"s{i}" for i in range(length)))
        add(_rule("chain", f"?x0 ?p ?x{length}", body, names, rows))
    symmetric = [(p,) for p in ontology.subjects(RDF.type, OWL.SymmetricProperty)]
    add(_rule("symmetric", "?y ?p ?x", "?x ?p ?y", ("p",), symmetric))
    transitive = [(p,) for p in ontology.subjects(RDF.type, OWL.TransitiveProperty)]
    add(_rule("transitive", "?x ?p ?z", "?x ?p ?y . ?y ?p ?z", ("p",), transitive))
    add(_rule("subproperty", "?x ?q ?y", "?x ?p ?y", ("p", "q"), _pairs(sub_prop)))
    for kind, axiom, template in (("domain", RDFS.domain, "?x a ?c"),
                                  ("range", RDFS.range, "?y a ?c")):
        pairs = [
            (p, c2)
            for p, c in ontology.subject_objects(axiom)
            for c2 in {c, *sub_class.get(c, ())}
        ]
        add(_rule(kind, template, "?x ?p ?y", ("p", "c"), pairs))
    add(_rule("subclass", "?x a ?d", "?x a ?c", ("c", "d"), _pairs(sub_class)))
    rules.rules = [r for r in rules.rules if r.rows]
    rules.functional = sorted(
        p for p in ontology.subjects(RDF.type, OWL.FunctionalProperty) if isinstance(p, URIRef)
    )
    rules.inverse_functional = sorted(
        p for p in ontology.subjects(RDF.type, OWL.InverseFunctionalProperty)
        if isinstance(p, URIRef)
    )
    return rules


def closure(fed: Iterable[Triple], ontology: Graph, rules: RuleSet) -> set[Triple] | None:
    """What ``rules`` derive from ``fed`` ∪ ``ontology`` (the triples not loaded), as rdflib
    triples, by :class:`kyotei.graph.build.seminaive.Rules` on rdflib's own terms.

    ``None`` when owlrl must decide: the data declares schema, or equality is needed.
    """
    loaded = list(ontology)
    for s, p, o in fed:
        if _states_schema(p, o):
            log.info("OWL RL rules: the data states schema or equality (%s %s %s); owlrl "
                     "decides", s, p, o)
            return None
        loaded.append((s, p, o))
    known = set(loaded)
    derived = {t for t in rules.engine(lambda t: t).derive(loaded) if t not in known}
    log.info("OWL RL rules: %d triples derived from %d", len(derived), len(known))
    if _clashes(chain(known, derived), rules):
        log.info("OWL RL rules: a functional property has two values; owlrl decides")
        return None
    return derived


OxTriple = tuple[Any, Any, Any]


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
) -> int | None:
    """The same closure as :func:`closure`, computed from the build's ``store`` and written
    into its graph ``inferred``; returns how many triples it holds then.

    The asserted triples (of ``graphs``) whose predicate is in ``fed_predicates`` are read
    once, predicate by predicate, with the ontology, and streamed through the rules
    (:mod:`kyotei.graph.build.seminaive`). The derived triples ``keep`` keeps go into
    ``inferred`` as they come (the store drops repeats), but types, which many triples
    repeat, are gathered per node first and written without those the node is asserted to
    have. The derived triples an asserted graph also holds are then removed (one query).
    ``None`` (and ``inferred`` left empty) when owlrl must decide (as :func:`closure`).
    Nothing but ``inferred`` is written: the store may be on disk.
    """
    for graph in (inferred, ox.NamedNode(WORK_GRAPH), ox.NamedNode(DERIVED_GRAPH),
                  ox.NamedNode(ONTOLOGY_GRAPH)):
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
    engine = rules.engine(terms.node)
    sink = _Sink(store, engine.type, keep, inferred, rules, terms)
    axioms = [(terms.node(s), terms.node(p), terms.node(o)) for s, p, o in ontology]
    special = sink.functional | sink.inverse_functional
    sink.outside += [t for t in axioms if t[1] in special]  # not in the store
    fed = chain(axioms, _fed(store, engine.node, graphs, fed_predicates))
    try:
        sink.take(engine.derive(sink.watch(fed)))
    except _StatesSchemaError as exc:
        log.info("OWL RL rules: the data states schema or equality (%s); owlrl decides", exc)
        return None
    sink.finish()
    stated = [p for p in engine.derived_predicates() if p is not engine.type and any(
        next(iter(store.quads_for_pattern(None, p, None, g)), None) for g in graphs)]
    if stated:  # a derived triple may be asserted too (rare): removed one by one
        names, values = (" ".join(str(t) for t in found) for found in (graphs, stated))
        found = store.query(
            f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {values} }} GRAPH {inferred} {{ ?s ?p ?o }} "
            f"FILTER EXISTS {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }} }}")
        assert isinstance(found, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
        for row in list(found):
            store.remove(ox.Quad(row[0], row[1], row[2], inferred))
    if sink.clashes(graphs):
        log.info("OWL RL rules: a functional property has two values; owlrl decides")
        store.remove_graph(inferred)
        return None
    count = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {inferred} {{ ?s ?p ?o }} }}")
    assert isinstance(count, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
    kept = int(next(iter(count))[0].value)
    log.info("OWL RL rules (store): %d derived triples kept", kept)
    return kept


class _Sink:
    """Where :func:`closure_in_store` puts what the rules derive (see there)."""

    def __init__(self, store: ox.Store, kind: Any, keep: Callable[[Any, Any, Any], bool],
                 inferred: ox.NamedNode, rules: RuleSet, terms: StoreTerms) -> None:
        self.store, self.kind, self.keep, self.inferred = store, kind, keep, inferred
        self.batch: list[ox.Quad] = []
        self.classes: dict[Any, int] = {}  # a class's bit in the masks below
        self.types: dict[Any, int] = {}  # each named node's derived types, as bits
        self.asserted: dict[Any, int] = {}  # each named node's asserted types, as bits
        self.functional = {terms.node(p) for p in rules.functional}
        self.inverse_functional = {terms.node(p) for p in rules.inverse_functional}
        self.outside: list[OxTriple] = []  # functional triples not in the store: checked apart

    def _bit(self, cls: Any) -> int:
        bit = self.classes.get(cls)
        if bit is None:
            bit = self.classes[cls] = 1 << len(self.classes)
        return bit

    def watch(self, fed: Iterable[OxTriple]) -> Iterator[OxTriple]:
        """``fed``, noting each named node's asserted types on the way."""
        kind, asserted = self.kind, self.asserted
        for triple in fed:
            s, p, o = triple
            if p is kind and type(s) is ox.NamedNode:
                asserted[s] = asserted.get(s, 0) | self._bit(o)
            yield triple

    def take(self, derived: Iterable[OxTriple]) -> None:
        kind, types, keep, batch = self.kind, self.types, self.keep, self.batch
        special = self.functional | self.inverse_functional
        classes = self.classes
        for triple in derived:
            s, p, o = triple
            if p is kind:  # the engine's own object (:meth:`Rules.node`)
                if type(s) is ox.NamedNode:
                    bit = classes.get(o) or self._bit(o)
                    types[s] = types.get(s, 0) | bit
            elif keep(s, p, o):
                batch.append(ox.Quad(s, p, o, self.inferred))
                if len(batch) >= _BATCH:
                    self.store.bulk_extend(batch)
                    batch.clear()
            elif p in special:
                self.outside.append(triple)

    def finish(self) -> None:
        """Write the gathered types a node is not asserted to have."""
        classes = list(self.classes)
        kind, keep, batch, asserted = self.kind, self.keep, self.batch, self.asserted
        for node, bits in self.types.items():
            new = bits & ~asserted.get(node, 0)
            index = 0
            while new:
                if new & 1 and keep(node, kind, classes[index]):
                    batch.append(ox.Quad(node, kind, classes[index], self.inferred))
                new >>= 1
                index += 1
            if len(batch) >= _BATCH:
                self.store.bulk_extend(batch)
                batch.clear()
        self.store.bulk_extend(batch)
        batch.clear()

    def clashes(self, graphs: list[ox.NamedNode]) -> bool:
        """Whether a functional (inverse-functional) property has two values (subjects) in
        the asserted graphs, ``inferred`` and the derived triples not stored."""
        names = ", ".join(str(g) for g in [*graphs, self.inferred])
        for props, (pattern, key, value) in ((self.functional, ("?x ?p ?a", "?x", "?a")),
                                             (self.inverse_functional, ("?a ?p ?x", "?x", "?a"))):
            for prop in sorted(props, key=str):  # a group per node of one property at a time
                found = self.store.query(
                    f"SELECT {key} WHERE {{ GRAPH ?g {{ {pattern.replace('?p', str(prop))} }} "
                    f"FILTER(?g IN ({names})) }} GROUP BY {key} "
                    f"HAVING (COUNT(DISTINCT {value}) > 1) LIMIT 1")
                assert isinstance(found, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
                if next(iter(found), None) is not None:
                    return True
        return self._outside_clashes(graphs)

    def _outside_clashes(self, graphs: list[ox.NamedNode]) -> bool:
        seen: dict[tuple[Any, Any, bool], Any] = {}
        named = {*graphs, self.inferred}
        for s, p, o in self.outside:
            for inverse, key, value in ((False, s, o), (True, o, s)):
                if p not in (self.inverse_functional if inverse else self.functional):
                    continue
                if seen.setdefault((key, p, inverse), value) != value:
                    return True
                if isinstance(key, ox.Literal):
                    continue  # no literal subject in the store
                found = (self.store.quads_for_pattern(None, p, key, None) if inverse
                         else self.store.quads_for_pattern(key, p, None, None))
                for quad in found:
                    other = quad.subject if inverse else quad.object
                    if quad.graph_name in named and other != value:
                        return True
        return False


class _StatesSchemaError(Exception):
    """An asserted triple states schema or equality: owlrl decides."""


def _fed(store: ox.Store, node: Callable[[Node], Any], graphs: list[ox.NamedNode],
         fed_predicates: set[Node]) -> Iterator[OxTriple]:
    """The asserted triples (of ``graphs``) with a predicate of ``fed_predicates``, as
    Oxigraph terms (each predicate the object ``node`` gives);
    :class:`_StatesSchemaError` at one that states schema."""
    for predicate in sorted(fed_predicates, key=str):
        if not isinstance(p := node(predicate), ox.NamedNode):  # predicates are IRIs
            continue
        kind = predicate == RDF.type
        builtin = not kind and str(predicate).startswith(_BUILTIN)
        for graph in graphs:
            for quad in store.quads_for_pattern(None, p, None, graph):
                o = quad.object
                if builtin or (kind and str(getattr(o, "value", "")).startswith(_BUILTIN)):
                    raise _StatesSchemaError(str(quad))
                yield quad.subject, p, o


def _states_schema(predicate: Node, obj: object) -> bool:
    if predicate == RDF.type:
        return str(obj).startswith(_BUILTIN)
    return str(predicate).startswith(_BUILTIN)


def _clashes(triples: Iterable[Triple], rules: RuleSet) -> bool:
    """Whether a functional (inverse-functional) property has two values (subjects)."""
    functional, inverse = set(rules.functional), set(rules.inverse_functional)
    seen: dict[tuple[Node, Node, bool], Node] = {}
    for s, p, o in triples:
        if p in functional and seen.setdefault((s, p, False), o) != o:
            return True
        if p in inverse and seen.setdefault((o, p, True), s) != s:
            return True
    return False


# --------------------------------------------------------------------------- internals


def _check_supported(ontology: Graph) -> None:
    unknown: set[str] = set()
    for _, p, o in ontology:
        if p == RDF.type:
            if str(o).startswith(_BUILTIN) and o not in _DECLARATIONS:
                unknown.add(f"rdf:type {o}")
        elif str(p).startswith(_BUILTIN) and p not in _COMPILED and p not in _INERT:
            unknown.add(str(p))
    if unknown:
        raise UnsupportedAxiomError("axioms not compiled: " + ", ".join(sorted(unknown)))


def _edges(ontology: Graph, sub: URIRef, equivalent: URIRef, *, unions: bool = False
           ) -> dict[Node, set[Node]]:
    direct: dict[Node, set[Node]] = {}
    for a, b in ontology.subject_objects(sub):
        direct.setdefault(a, set()).add(b)
    for a, b in ontology.subject_objects(equivalent):
        direct.setdefault(a, set()).add(b)
        direct.setdefault(b, set()).add(a)
    if unions:
        for union, head in ontology.subject_objects(OWL.unionOf):
            for member in Collection(ontology, head):
                direct.setdefault(member, set()).add(union)
    return direct


def _closed(direct: dict[Node, set[Node]]) -> dict[Node, set[Node]]:
    """Each node's strict ancestors (itself excluded unless on a cycle: harmless either way)."""
    closed: dict[Node, set[Node]] = {}
    for start in direct:
        seen: set[Node] = set()
        stack = list(direct[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(direct.get(node, ()))
        closed[start] = seen - {start}
    return closed


def _pairs(closed: dict[Node, set[Node]]) -> list[tuple[Node, Node]]:
    return [(a, b) for a, supers in closed.items() for b in supers]


def _rule(kind: str, template: str, pattern: str, names: tuple[str, ...],
          rows: Iterable[tuple[Node, ...]]) -> Rule:
    return Rule(kind, template, pattern, names,
                tuple(sorted(set(rows), key=lambda r: [*map(str, r)])))


__all__ = [
    "Rule", "RuleSet", "UnsupportedAxiomError", "closure", "closure_in_store", "compile_rules",
]
