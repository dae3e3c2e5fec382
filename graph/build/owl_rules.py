"""OWL RL over the ontology's axioms, compiled into rules that run without owlrl.

owlrl (the reference semantics, :mod:`kyotei.graph.build.reason`) sweeps every OWL RL rule over
every triple in Python until nothing changes. Under kyotei's ontology only a handful of
rules can fire on the data; this module reads which ones from the ontology's axioms — it is
never written per term — into :class:`Rule` rows (each also written as the SPARQL it
means: ``template`` derived where ``pattern`` holds, for each row of ``VALUES``):

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

The rules run in one streamed pass (:mod:`kyotei.graph.build.seminaive`: closure tables
and an incremental join), on rdflib's terms here (:func:`closure`, small graphs) or from the
build store (:func:`kyotei.graph.build.materialise.closure_in_store`). Terms are compared
as rdflib (or the store) writes them: a literal may stand as a subject on the way (owlrl's
rdflib graph allows it, and a chain or an inverse may pass through one).

What is not compiled makes :func:`compile_rules` raise :class:`UnsupportedAxiomError` (an
axiom in the OWL, RDFS or RDF vocabulary this module does not know, e.g. ``owl:disjointWith`` or a
restriction), and :func:`closure` return ``None`` when the data needs equality reasoning
(two distinct values of an ``owl:FunctionalProperty`` or ``owl:InverseFunctionalProperty``:
owlrl then derives ``owl:sameAs`` and copies triples across it) or states schema or
equality itself (an ``rdf:type`` in, or another predicate of, the RDF/RDFS/OWL
vocabularies). The caller then runs owlrl."""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any, TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kyotei.graph.model.namespaces import OWL, RDF, RDFS, XSD

if TYPE_CHECKING:
    from kyotei.graph.build.seminaive import Rules

log = logging.getLogger(__name__)

Triple = tuple[Node, Node, Node]
T = TypeVar("T", bound=Hashable)

_BUILTIN = (str(RDF), str(RDFS), str(OWL), str(XSD))
_MAX_ROUNDS = 1000  # a fixpoint is reached in a few rounds; this only stops a runaway

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
        from kyotei.graph.build.seminaive import Rules  # it imports this module
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


class StatesSchemaError(Exception):
    """An asserted triple states schema or equality: owlrl decides."""


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


def clashes(store: ox.Store, graphs: list[ox.NamedNode], functional: set[Any],
            inverse_functional: set[Any], outside: list[tuple[Any, Any, Any]]) -> bool:
    """Whether a functional (inverse-functional) property has two values (subjects) in the
    store's ``graphs`` or the triples ``outside`` it (a literal subject, the ontology)."""
    # A test of each quad's graph against a list of every graph costs a comparison per graph
    # (hundreds in a large build): left out when ``graphs`` are all the store's graphs.
    every = set(store.named_graphs()) <= set(graphs)
    names = ", ".join(str(g) for g in graphs)
    only = "" if every else f"FILTER(?g IN ({names}))"
    for props, pattern in ((functional, "?x {} ?a"), (inverse_functional, "?a {} ?x")):
        for prop in sorted(props, key=str):  # one property at a time
            # two values iff more distinct (node, value) pairs than nodes; as many quads as
            # nodes says none, 2.5-4x cheaper (1M), else (a triple in two graphs?) the pairs
            where = f"GRAPH ?g {{ {pattern.format(prop)} }} {only}"
            for rows in (where, f"{{ SELECT DISTINCT ?x ?a WHERE {{ {where} }} }}"):
                found = store.query("SELECT (COUNT(*) AS ?pairs) (COUNT(DISTINCT ?x) AS "
                                    f"?nodes) WHERE {{ {rows} }}")
                assert isinstance(found, ox.QuerySolutions)  # noqa: S101 - a SELECT's type
                pairs, nodes = (int(term.value) for term in next(iter(found)))
                if pairs == nodes:
                    break  # no node with two values
            if pairs > nodes:
                return True
    seen: dict[tuple[Any, Any, bool], Any] = {}
    named = set(graphs)
    for s, p, o in outside:
        for inverse, key, value in ((False, s, o), (True, o, s)):
            if p not in (inverse_functional if inverse else functional):
                continue
            if seen.setdefault((key, p, inverse), value) != value:
                return True
            if isinstance(key, ox.Literal):
                continue  # no literal subject in the store
            found_quads = (store.quads_for_pattern(None, p, key, None) if inverse
                           else store.quads_for_pattern(key, p, None, None))
            for quad in found_quads:
                other = quad.subject if inverse else quad.object
                if quad.graph_name in named and other != value:
                    return True
    return False


__all__ = [
    "Rule", "RuleSet", "StatesSchemaError", "UnsupportedAxiomError", "clashes", "closure",
    "compile_rules",
]
