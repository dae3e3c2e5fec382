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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kyotei.graph.build.oxproxy import ProxyTerms
from kyotei.graph.build.quads import DERIVED_GRAPH, ONTOLOGY_GRAPH, WORK_GRAPH, StoreTerms
from kyotei.graph.model.namespaces import OWL, RDF, RDFS, XSD

log = logging.getLogger(__name__)

Triple = tuple[Node, Node, Node]

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
    add(_rule("?y ?q ?x", "?x ?p ?y", ("p", "q"), inverses))
    chains: dict[int, list[tuple[Node, ...]]] = {}
    for prop, head in ontology.subject_objects(OWL.propertyChainAxiom):
        steps = tuple(Collection(ontology, head))
        chains.setdefault(len(steps), []).append((prop, *steps))
    for length, rows in sorted(chains.items()):
        body = " . ".join(f"?x{i} ?s{i} ?x{i + 1}" for i in range(length))
        names = ("p", *(f"s{i}" for i in range(length)))
        add(_rule(f"?x0 ?p ?x{length}", body, names, rows))
    symmetric = [(p,) for p in ontology.subjects(RDF.type, OWL.SymmetricProperty)]
    add(_rule("?y ?p ?x", "?x ?p ?y", ("p",), symmetric))
    transitive = [(p,) for p in ontology.subjects(RDF.type, OWL.TransitiveProperty)]
    add(_rule("?x ?p ?z", "?x ?p ?y . ?y ?p ?z", ("p",), transitive))
    add(_rule("?x ?q ?y", "?x ?p ?y", ("p", "q"), _pairs(sub_prop)))
    for axiom, template in ((RDFS.domain, "?x a ?c"), (RDFS.range, "?y a ?c")):
        pairs = [
            (p, c2)
            for p, c in ontology.subject_objects(axiom)
            for c2 in {c, *sub_class.get(c, ())}
        ]
        add(_rule(template, "?x ?p ?y", ("p", "c"), pairs))
    add(_rule("?x a ?d", "?x a ?c", ("c", "d"), _pairs(sub_class)))
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
    triples.

    ``None`` when owlrl must decide: the data declares schema, or equality is needed.
    """
    terms = ProxyTerms()
    updates = [_render(rule, terms) for rule in rules.rules]
    store = ox.Store()
    quads: list[ox.Quad] = []
    for s, p, o in ontology:
        quads.append(terms.quad(s, p, o))
    for s, p, o in fed:
        if (p == RDF.type and str(o).startswith(_BUILTIN)) or (
            p != RDF.type and str(p).startswith(_BUILTIN)
        ):
            log.info("OWL RL rules: the data states schema or equality (%s %s %s); owlrl "
                     "decides", s, p, o)
            return None
        quads.append(terms.quad(s, p, o))
    store.bulk_extend(quads)
    size, rounds = len(store), 0
    while rounds < _MAX_ROUNDS:
        rounds += 1
        for update in updates:
            store.update(update)
        new_size = len(store)
        if new_size == size:
            break
        size = new_size
    log.info("OWL RL rules: fixpoint after %d round(s), %d triples", rounds, size)
    if _needs_equality(store, rules, terms):
        log.info("OWL RL rules: a functional property has two values; owlrl decides")
        return None
    loaded = set(quads)
    return {
        terms.back(q) for q in store.quads_for_pattern(None, None, None, None)
        if q not in loaded
    }


def closure_in_store(
    store: ox.Store,
    terms: StoreTerms,
    graphs: list[ox.NamedNode],
    fed_predicates: set[Node],
    ontology: Graph,
    rules: RuleSet,
    *,
    on_disk: bool = False,
) -> Iterator[ox.Quad] | None:
    """The same closure as :func:`closure`, computed inside the build's ``store``.

    The asserted triples (of ``graphs``) whose predicate is in ``fed_predicates`` and the
    ontology are copied, store-side, into a working graph (:data:`WORK_GRAPH`). Each round,
    each rule adds what it derives that the working graph lacks to the working graph and to
    :data:`DERIVED_GRAPH`, until a round derives nothing: on disk (``on_disk``), where an
    update is a slow transaction, a read-only ``CONSTRUCT`` whose triples are bulk-loaded.
    A store in memory is small: the rules run there as :func:`closure` runs them, on a
    scratch store (:func:`_closure_in_memory`). Returns the derived quads, read lazily
    (never the ontology nor the fed triples; other asserted triples may be: the caller
    checks), or ``None`` when owlrl must decide (as :func:`closure`).
    """
    work, derived = ox.NamedNode(WORK_GRAPH), ox.NamedNode(DERIVED_GRAPH)
    ontology_graph = ox.NamedNode(ONTOLOGY_GRAPH)
    for graph in (work, derived, ontology_graph):
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
    asserted = set(graphs)
    try:
        if not on_disk:
            return _closure_in_memory(store, terms, asserted, fed_predicates, ontology, rules)
        batch: list[ox.Quad] = [terms.quad(t, ontology_graph) for t in ontology]
        batch += [ox.Quad(q.subject, q.predicate, q.object, work) for q in batch]
        for s, p, o in _fed(store, terms, asserted, fed_predicates):
            batch.append(ox.Quad(s, p, o, work))
            if len(batch) >= _BATCH:
                store.bulk_extend(batch)
                batch = []
    except _StatesSchemaError as exc:
        log.info("OWL RL rules: the data states schema or equality (%s); owlrl decides", exc)
        return None
    store.bulk_extend(batch)
    queries = [_render_construct(rule, terms, work) for rule in rules.rules]
    rounds, total = 0, 0
    while rounds < _MAX_ROUNDS:
        rounds += 1
        added = sum(_apply(store, query, work, derived) for query in queries)
        total += added
        if not added:
            break
    log.info("OWL RL rules (store): fixpoint after %d round(s), %d triples derived",
             rounds, total)
    if _needs_equality(store, rules, terms, graph=work):
        log.info("OWL RL rules: a functional property has two values; owlrl decides")
        return None
    return iter(store.quads_for_pattern(None, None, None, derived))


class _StatesSchemaError(Exception):
    """An asserted triple states schema or equality: owlrl decides."""


def _fed(store: ox.Store, terms: StoreTerms, asserted: set[ox.NamedNode],
         fed_predicates: set[Node]) -> Iterator[tuple[Any, Any, Any]]:
    """The asserted triples (of ``asserted`` graphs) with a predicate of ``fed_predicates``,
    as Oxigraph terms; :class:`_StatesSchemaError` at one that states schema."""
    for predicate in sorted(fed_predicates, key=str):
        if not isinstance(node := terms.node(predicate), ox.NamedNode):  # predicates are IRIs
            continue
        for quad in store.quads_for_pattern(None, node, None, None):
            if quad.graph_name in asserted:
                if _states_schema(predicate, quad.object):
                    raise _StatesSchemaError(str(quad))
                yield quad.subject, quad.predicate, quad.object


def _closure_in_memory(store: ox.Store, terms: StoreTerms, asserted: set[ox.NamedNode],
                       fed_predicates: set[Node], ontology: Graph, rules: RuleSet
                       ) -> Iterator[ox.Quad] | None:
    """:func:`closure_in_store` for a store in memory (a small build): the rules run as
    :func:`closure` runs them, on a scratch store of the fed triples and the ontology, and
    the quads that were not loaded are given back."""
    scratch = ox.Store()
    loaded = [terms.quad(triple) for triple in ontology]
    loaded += [ox.Quad(s, p, o) for s, p, o in _fed(store, terms, asserted, fed_predicates)]
    scratch.bulk_extend(loaded)
    updates = [_render(rule, terms) for rule in rules.rules]
    size, rounds = len(scratch), 0
    while rounds < _MAX_ROUNDS:
        rounds += 1
        for update in updates:
            scratch.update(update)
        if len(scratch) == size:
            break
        size = len(scratch)
    log.info("OWL RL rules (in memory): fixpoint after %d round(s), %d triples", rounds, size)
    if _needs_equality(scratch, rules, terms):
        log.info("OWL RL rules: a functional property has two values; owlrl decides")
        return None
    known = set(loaded)
    return (q for q in scratch if q not in known)


def _render_construct(rule: Rule, terms: StoreTerms, work: ox.NamedNode) -> str:
    """The rule as a ``CONSTRUCT`` of what it derives that ``work`` does not hold yet."""
    lines = " ".join("(" + " ".join(str(terms.node(t)) for t in row) + ")" for row in rule.rows)
    variables = " ".join(f"?{n}" for n in rule.names)
    # Only IRIs pyoxigraph has checked (NamedNode) and this module's own patterns go in.
    return (f"CONSTRUCT {{ {rule.template} }} WHERE {{ VALUES ({variables}) {{ {lines} }} "
            f"GRAPH {work} {{ {rule.pattern} }} "
            f"FILTER NOT EXISTS {{ GRAPH {work} {{ {rule.template} }} }} }}")


def _apply(store: ox.Store, query: str, work: ox.NamedNode, derived: ox.NamedNode) -> int:
    """Bulk-load what one rule derives into ``work`` and ``derived``; return how many."""
    found = store.query(query)  # reads a snapshot: loading while it runs is safe
    assert isinstance(found, ox.QueryTriples)  # noqa: S101 - a CONSTRUCT's type
    batch: list[ox.Quad] = []
    count = 0
    for triple in found:
        batch.append(ox.Quad(triple.subject, triple.predicate, triple.object, work))
        batch.append(ox.Quad(triple.subject, triple.predicate, triple.object, derived))
        count += 1
        if len(batch) >= _BATCH:
            store.bulk_extend(batch)
            batch = []
    store.bulk_extend(batch)
    return count


def _states_schema(predicate: Node, obj: object) -> bool:
    if predicate == RDF.type:
        return str(getattr(obj, "value", "")).startswith(_BUILTIN)
    return str(predicate).startswith(_BUILTIN)


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


def _rule(template: str, pattern: str, names: tuple[str, ...],
          rows: Iterable[tuple[Node, ...]]) -> Rule:
    return Rule(template, pattern, names, tuple(sorted(set(rows), key=lambda r: [*map(str, r)])))


def _render(rule: Rule, terms: ProxyTerms | StoreTerms) -> str:
    lines = " ".join("(" + " ".join(str(terms.node(t)) for t in row) + ")" for row in rule.rows)
    variables = " ".join(f"?{n}" for n in rule.names)
    # Only IRIs pyoxigraph has checked (NamedNode) and this module's own patterns go in.
    return (f"INSERT {{ {rule.template} }} WHERE {{ VALUES ({variables}) {{ {lines} }} "  # noqa: S608
            f"{rule.pattern} }}")


def _needs_equality(store: ox.Store, rules: RuleSet, terms: ProxyTerms | StoreTerms,
                    graph: ox.NamedNode | None = None) -> bool:
    for props, (one, two) in ((rules.functional, ("?x ?p ?a", "?x ?p ?b")),
                              (rules.inverse_functional, ("?a ?p ?x", "?b ?p ?x"))):
        if props:
            values = " ".join(str(terms.node(p)) for p in props)
            body = f"{one} . {two}" if graph is None else f"GRAPH {graph} {{ {one} . {two} }}"
            ask = f"ASK {{ VALUES ?p {{ {values} }} {body} FILTER(!sameTerm(?a, ?b)) }}"
            if bool(store.query(ask)):
                return True
    return False


__all__ = [
    "Rule", "RuleSet", "UnsupportedAxiomError", "closure", "closure_in_store", "compile_rules",
]
