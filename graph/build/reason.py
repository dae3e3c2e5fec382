"""OWL RL reasoning: the inferred triples worth keeping, in a graph of their own.

:func:`reason` computes the OWL RL closure of the ontology's axioms and only the asserted
triples those axioms can touch, with one of two engines that keep the same triples (tested
on the shipped build and on seeded samples): by default the axioms compiled to rules
(:mod:`kyotei.graph.build.owl_rules`) run in one streamed pass
(:mod:`kyotei.graph.build.seminaive`; linear in the data, and from the build store with
memory for the nodes' types only), which hands over to owlrl's
``DeductiveClosure(OWLRL_Semantics)`` — the reference, ``engine="owlrl"`` — whenever the
ontology or the data needs what it does not compile. The triples fed are ``rdf:type``
triples and triples whose predicate the ontology describes. Labels, notations and other
triples no axiom mentions cannot produce an OWL RL inference under this ontology, and
leaving them out keeps either engine's work small.

Of the closure it keeps only new facts about the data (see :func:`keep`): not what is
already asserted or in the ontology, not ``x owl:sameAs x``, nothing with a literal or
blank-node subject, no ``owl:Thing``/``rdfs:Resource`` typing, no typing with the
ontology's anonymous class expressions (the ``owl:unionOf`` domain of ``kyotei:rule``),
nothing about rdf:/rdfs:/owl:/xsd: terms or about the vocabulary's own classes and
properties. What remains is what
queries use: ``kyotei:hasAgreementWith`` both ways (owlrl applies the ontology's property
chain ``homePartyOf o partnerParty`` and the symmetry itself), ``kyotei:party``,
``kyotei:homePartyOf``/``partnerPartyOf``, ``org:linkedTo``, ``dcterms:date``,
``dcterms:isPartOf``, ``prov:value`` and super-classes (``org:FormalOrganization``,
``prov:Entity``, ...).

Inconsistencies owlrl reports (e.g. two values of a functional property that cannot be the
same) are logged as warnings; SHACL validation is what rejects such data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kyotei.graph.build.materialise import closure_in_store
from kyotei.graph.build.owl_rules import RuleSet, UnsupportedAxiomError, closure, compile_rules
from kyotei.graph.build.quads import BuildStore, OxTerm, StoreTerms
from kyotei.graph.model.namespaces import OWL, RDF, RDFS, XSD

log = logging.getLogger(__name__)

Triple = tuple[Node, Node, Node]

# Vocabularies whose terms are never the subject of an inference worth keeping.
BUILTIN_NAMESPACES: tuple[str, ...] = (str(RDF), str(RDFS), str(OWL), str(XSD))
# Trivial types every individual gets under OWL RL.
TRIVIAL_TYPES: frozenset[Node] = frozenset({OWL.Thing, RDFS.Resource, OWL.NamedIndividual})
_SKOS = "http://www.w3.org/2004/02/skos/core#"
# Where owlrl writes inconsistency messages.
_OWLRL_ERRORS = "http://www.daml.org/2002/03/agents/agent-ont#"


REASONERS: tuple[str, ...] = ("sparql", "owlrl")


def _check_engine(engine: str) -> None:
    if engine not in REASONERS:
        raise ValueError(f"unknown reasoner {engine!r}: choose one of {', '.join(REASONERS)}")


def _compiled(ontology: Graph) -> RuleSet | None:
    """The ontology's axioms as rules, or None (logged) when owlrl must decide."""
    try:
        return compile_rules(ontology)
    except UnsupportedAxiomError as exc:
        log.info("OWL RL: the ontology needs owlrl (%s)", exc)
        return None


def reason(asserted: Graph, ontology: Graph, *, engine: str = "sparql") -> Graph:
    """Return a new graph holding only the inferred triples worth keeping.

    ``engine`` is ``"sparql"`` (the ontology's axioms compiled to rules,
    :mod:`kyotei.graph.build.owl_rules`, each also written as SPARQL, and run in one pass by
    :mod:`kyotei.graph.build.seminaive`; it hands over to owlrl whenever the ontology or the
    data needs what it does not compile) or ``"owlrl"`` (the reference).
    Both give the same triples (tested). Neither ``asserted`` nor ``ontology`` is changed.
    """
    _check_engine(engine)
    triples = list(asserted)  # one pass over rdflib's store, then Python sets and lists:
    known = set(triples) | set(ontology)  # a set answers `in` ~100x faster than a Graph
    fed = list(relevant_triples(triples, ontology))
    closed: Iterable[Triple] | None = None
    rules = _compiled(ontology) if engine == "sparql" else None
    if rules is not None:
        closed = closure(fed, ontology, rules)
    if closed is None:
        closed = _owlrl_closure(fed, ontology)
    log.info("OWL RL (%s): %d of %d asserted triples fed with %d ontology triples",
             engine, len(fed), len(asserted), len(ontology))
    vocabulary = vocabulary_terms(ontology)
    inferred = Graph()
    for prefix, namespace in asserted.namespaces():
        inferred.bind(prefix, namespace)
    for triple in closed:
        if keep(triple, vocabulary) and triple not in known:
            inferred.add(triple)
    log.info("OWL RL: kept %d inferred triples", len(inferred))
    return inferred


def reason_store(data: BuildStore, ontology: Graph, *, inferred: URIRef,
                 engine: str = "sparql") -> int:
    """Fill the build store's graph ``inferred`` with the inferred triples worth keeping;
    return how many. The same triples as :func:`reason` gives for the union of the store's
    asserted graphs (tested): the compiled rules run inside the store
    (:func:`kyotei.graph.build.materialise.closure_in_store`); owlrl (asked for, or when the
    rules hand over) gets an rdflib copy of the asserted triples."""
    _check_engine(engine)
    graphs = data.graph_names(skip=[str(inferred)])
    rules = _compiled(ontology) if engine == "sparql" else None
    if rules is not None:
        data.compact()
        terms = StoreTerms(data.codec)
        fed: set[Node] = {RDF.type} | {s for s in ontology.subjects() if isinstance(s, URIRef)}
        found: int | None = closure_in_store(data.store, terms, graphs, fed, ontology, rules,
                                              keep=_store_keep(vocabulary_terms(ontology), terms),
                                              inferred=ox.NamedNode(str(inferred)),
                                              hand_over=data.hold)
        if found is not None:
            return found
    asserted = Graph()
    for triple in data.triples(graphs):
        asserted.add(triple)
    kept = reason(asserted, ontology, engine="owlrl")
    data.add_triples(kept, inferred)
    return len(kept)


def _store_keep(vocabulary: frozenset[Node], terms: StoreTerms
                ) -> Callable[[OxTerm, OxTerm, OxTerm], bool]:
    """:func:`keep` on the build store's terms (string tests on IRIs: no rdflib term made)."""
    ontology = {terms.node(t) for t in vocabulary}
    blank = {terms.node(t) for t in vocabulary if isinstance(t, BNode)}
    trivial = {terms.node(t) for t in TRIVIAL_TYPES}
    kind, same = terms.node(RDF.type), terms.node(OWL.sameAs)

    def keep_quad(s: OxTerm, p: OxTerm, o: OxTerm) -> bool:
        if not isinstance(s, ox.NamedNode) or s in ontology:
            return False  # literal proxies, blank nodes, axioms about the ontology
        if s.value.startswith(BUILTIN_NAMESPACES) or o in blank:
            return False  # built-in vocabularies, anonymous class expressions
        if p == same:
            return bool(s != o)
        if p == kind:
            return o not in trivial and not o.value.startswith(BUILTIN_NAMESPACES)
        return not p.value.startswith(BUILTIN_NAMESPACES)

    return keep_quad


def _owlrl_closure(fed: list[Triple], ontology: Graph) -> Graph:
    """owlrl's OWL RL closure of the ontology and ``fed`` (the reference semantics)."""
    work = Graph()
    for triple in ontology:
        work.add(triple)
    for triple in fed:
        work.add(triple)
    before = len(work)
    import owlrl

    owlrl.DeductiveClosure(
        _owlrl_semantics(), axiomatic_triples=False, datatype_axioms=False
    ).expand(work)
    log.info("OWL RL (owlrl): closure added %d triples", len(work) - before)
    _log_inconsistencies(work)
    return work


@cache
def _owlrl_semantics() -> type:
    """owlrl's OWL RL rules with a cheaper bookkeeping (owlrl is imported only when the
    reference engine runs: it is not needed otherwise, and start-up time counts)."""
    import owlrl

    class _OWLRLSemantics(owlrl.OWLRL_Semantics):  # type: ignore[misc]
        """owlrl's OWL RL rules, with a cheaper bookkeeping of what is already known.

        owlrl re-derives most triples in every cycle and asks the rdflib store, twice, whether
        each one is new (``Core.store_triple``); a Python set answers the same question far
        faster. It also stores ``x owl:sameAs x`` for every node (rule eq-ref), which we would
        drop afterwards and which only makes every later cycle longer; it is not stored. Both
        leave the set of other inferences unchanged (tested against plain
        ``OWLRL_Semantics``).
        """

        _known: set[Triple]

        def pre_process(self) -> None:
            super().pre_process()
            self._known = set(self.graph)

        def store_triple(self, t: Triple) -> None:
            s, p, o = t
            if isinstance(p, Literal) or (p == OWL.sameAs and s == o) or t in self._known:
                return
            self._known.add(t)
            self.added_triples.add(t)

    return _OWLRLSemantics


def relevant_triples(asserted: Iterable[Triple], ontology: Graph) -> Iterable[Triple]:
    """The asserted triples an axiom of ``ontology`` can act on, for a result worth keeping.

    ``rdf:type`` triples (class axioms: subclasses, and the types a property's domain or
    range gives) and triples whose predicate is described in the ontology (sub-properties,
    inverses, chains, symmetry, functionality, domains and ranges) — except a literal value
    of an *inert* datatype property (:func:`inert_properties`) whose subject already has
    the property's domain among its asserted types (or their super-classes): such a triple
    can only type its literal (dropped) or re-derive a type the subject has.
    """
    described = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    inert = inert_properties(ontology)
    supers = _super_classes(ontology)
    triples = asserted if isinstance(asserted, list) else list(asserted)
    types_of: dict[Node, set[Node]] = {}  # each subject's asserted types and super-classes
    for s, p, o in triples:
        if p == RDF.type:
            types_of.setdefault(s, set()).update(supers.get(o, {o}))
    for triple in triples:
        s, p, o = triple
        if p == RDF.type:
            yield triple
        elif p in described:
            if isinstance(o, Literal) and p in inert and inert[p] <= types_of.get(s, set()):
                continue
            yield triple


def inert_properties(ontology: Graph) -> dict[Node, frozenset[Node]]:
    """Properties whose only axioms are a type, domains, ranges and annotations.

    Maps each to its IRI domains (an anonymous domain, e.g. an ``owl:unionOf``, only types
    a node with that anonymous class, which :func:`keep` drops). A property that is the
    object of any ontology triple (a super-property, an inverse, a link in a chain) is not
    inert. Two values of a functional one are left to SHACL (``sh:maxCount``).
    """
    harmless_types = {OWL.DatatypeProperty, OWL.FunctionalProperty, OWL.AnnotationProperty,
                      RDF.Property}
    annotations = {RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy}
    objects = set(ontology.objects())
    inert: dict[Node, frozenset[Node]] = {}
    for prop in {s for s in ontology.subjects() if isinstance(s, URIRef)} - objects:
        axioms = list(ontology.predicate_objects(prop))
        if all(
            (p == RDF.type and o in harmless_types)
            or p in annotations
            or p in (RDFS.domain, RDFS.range)
            or str(p).startswith(_SKOS)
            for p, o in axioms
        ) and any(p == RDF.type and o in harmless_types for p, o in axioms):
            domains = {o for p, o in axioms if p == RDFS.domain and isinstance(o, URIRef)}
            inert[prop] = frozenset(domains)
    return inert


def _super_classes(ontology: Graph) -> dict[Node, set[Node]]:
    """Each class mentioned in rdfs:subClassOf, with itself and its told super-classes."""
    direct: dict[Node, set[Node]] = {}
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        direct.setdefault(sub, set()).add(sup)
    closed: dict[Node, set[Node]] = {}
    for start in direct:
        seen, stack = {start}, [start]
        while stack:
            for sup in direct.get(stack.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    stack.append(sup)
        closed[start] = seen
    return closed


def vocabulary_terms(ontology: Graph) -> frozenset[Node]:
    """Every IRI and blank node the ontology mentions: its classes, properties, the terms they
    align to, and its anonymous class expressions (``owl:unionOf`` domains, ...)."""
    terms: set[Node] = set()
    for s, p, o in ontology:
        terms.update(t for t in (s, p, o) if isinstance(t, URIRef | BNode))
    return frozenset(terms)


def keep(triple: Triple, vocabulary: frozenset[Node]) -> bool:
    """Whether an inferred triple is a fact about the data worth materialising."""
    s, p, o = triple
    if isinstance(s, Literal | BNode):
        return False  # literal proxies, owlrl's error messages
    if s in vocabulary or str(s).startswith(BUILTIN_NAMESPACES):
        return False  # axioms about the ontology or built-in vocabularies
    if isinstance(o, BNode) and o in vocabulary:
        return False  # typing with an anonymous class expression of the ontology
    if p == OWL.sameAs:
        return s != o
    if p == RDF.type:
        return o not in TRIVIAL_TYPES and not str(o).startswith(BUILTIN_NAMESPACES)
    return not str(p).startswith(BUILTIN_NAMESPACES)


def _log_inconsistencies(work: Graph) -> None:
    error = URIRef(_OWLRL_ERRORS + "error")
    for message in sorted(str(m) for m in work.objects(None, error)):
        log.warning("OWL RL inconsistency: %s", message)


__all__ = [
    "BUILTIN_NAMESPACES",
    "REASONERS",
    "TRIVIAL_TYPES",
    "inert_properties",
    "keep",
    "reason",
    "reason_store",
    "relevant_triples",
    "vocabulary_terms",
]
