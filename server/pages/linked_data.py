"""Linked-data helpers: where a data IRI lives on this server, and what it says.

Every IRI the graph mints under the base IRI (default ``https://w3id.org/kyotei/id/``)
dereferences on this server: the base is mapped onto the server's ``/id/`` routes, so
``https://w3id.org/kyotei/id/institution/kr/…`` is served at ``/id/institution/kr/…`` (the
w3id redirect points there), and a base of ``http://127.0.0.1:8000/id/`` is its own address.

No user query is involved here: resources are read with bounded pattern lookups
(:meth:`pyoxigraph.Store.quads_for_pattern`), never with SPARQL built from a request.
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from kyotei.graph.model.namespaces import DCTERMS, PREFIXES, RDF, RDFS, SKOS
from kyotei.server.errors import BadRequestError, NotAcceptableError
from kyotei.server.protocol.negotiation import HTML, Offer, negotiate

logger = logging.getLogger(__name__)

RDF_TYPE = ox.NamedNode(str(RDF.type))
PREF_LABEL = ox.NamedNode(str(SKOS.prefLabel))
ALT_LABEL = ox.NamedNode(str(SKOS.altLabel))
RDFS_LABEL = ox.NamedNode(str(RDFS.label))
LABEL_PREDICATES = (PREF_LABEL, RDFS_LABEL)
TITLE = ox.NamedNode(str(DCTERMS.title))

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Subject = ox.NamedNode | ox.BlankNode | ox.Triple

#: What a resource is offered as, in the server's order of preference: HTML first (a browser
#: or a bare ``*/*`` gets the page), then RDF; aliases only match when named.
OFFERS: tuple[Offer, ...] = (
    HTML,
    Offer("text/turtle", "turtle"),
    Offer("application/ld+json", "jsonld"),
    Offer("application/n-triples", "ntriples"),
    Offer("application/json", "jsonld", primary=False),
    Offer("text/plain", "ntriples", primary=False),
)
#: The RDF formats of a description: format -> (media type, pyoxigraph format).
RDF_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
}
#: ``?format=`` names for a resource.
FORMAT_NAMES: dict[str, str] = {
    "html": "html", "ttl": "turtle", "turtle": "turtle", "jsonld": "jsonld",
    "json-ld": "jsonld", "nt": "ntriples", "ntriples": "ntriples",
}


# --- IRIs and paths -------------------------------------------------------------------------

#: Where data IRIs live on this server: ``<base>rest`` is served at ``/id/rest``, whatever the
#: base (``https://w3id.org/kyotei/id/`` redirects there; ``http://127.0.0.1:8000/id/`` is there).
DATA_PATH = "/id/"


def iri_for_rest(base_iri: str, rest: str) -> str | None:
    """The data IRI served at ``DATA_PATH + rest``, or None when that is no valid IRI."""
    if not rest or rest.startswith("/"):
        return None
    try:
        return ox.NamedNode(base_iri + rest).value
    except ValueError:
        return None


LINK_SCHEMES = ("http:", "https:", "mailto:")


def local_href(base_iri: str, iri: str, data_path: str = DATA_PATH) -> str | None:
    """Where a browser should go for ``iri``: this server's path when under the base, the
    IRI itself when it is http(s) or mailto, else nowhere (None: the page shows it as text;
    a ``javascript:`` or ``data:`` IRI inserted by an update must never become a link)."""
    if iri.startswith(base_iri) and len(iri) > len(base_iri):
        return data_path + iri[len(base_iri) :]
    if iri.lower().startswith(LINK_SCHEMES):
        return iri
    return None


def inferred_graph(base_iri: str) -> ox.NamedNode:
    """The named graph holding the OWL RL inferences (``<base>graph/inferred``)."""
    return ox.NamedNode(base_iri + "graph/inferred")


def prefixes(base_iri: str) -> dict[str, str]:
    """kyotei's prefixes plus ``id:`` for the base."""
    return {**PREFIXES, "id": base_iri}


def compact(iri: str, base_iri: str) -> str:
    """``prefix:local`` for a known namespace, else the IRI itself."""
    best = ("", "")
    for prefix, namespace in prefixes(base_iri).items():
        if iri.startswith(namespace) and len(namespace) > len(best[1]):
            best = (prefix, namespace)
    return f"{best[0]}:{iri[len(best[1]) :]}" if best[1] else iri


# --- reading the store ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Statement:
    """A triple from the store and whether it comes only from the inferred graph."""

    subject: Subject
    predicate: ox.NamedNode
    object: Term
    inferred: bool


def statements(
    store: ox.Store,
    inferred: ox.NamedNode,
    subject: Subject | None = None,
    predicate: ox.NamedNode | None = None,
    obj: Term | None = None,
    limit: int | None = None,
) -> list[Statement]:
    """Distinct triples matching a pattern in any graph, in store order.

    A triple both asserted and inferred counts as asserted. ``limit`` bounds how many
    distinct triples are read.
    """
    found: dict[tuple[Subject, ox.NamedNode, Term], bool] = {}
    for quad in store.quads_for_pattern(subject, predicate, obj, None):
        key = (quad.subject, quad.predicate, quad.object)
        is_inferred = quad.graph_name == inferred
        if key in found:
            found[key] = found[key] and is_inferred
            continue
        if limit is not None and len(found) >= limit:
            break
        found[key] = is_inferred
    return [Statement(s, p, o, flag) for (s, p, o), flag in found.items()]


def objects(store: ox.Store, subject: Subject, predicate: ox.NamedNode) -> list[Term]:
    """Distinct objects of ``subject predicate ?o`` in any graph."""
    seen: dict[Term, None] = {}
    for quad in store.quads_for_pattern(subject, predicate, None, None):
        seen.setdefault(quad.object, None)
    return list(seen)


def subjects(store: ox.Store, predicate: ox.NamedNode, obj: Term) -> list[Subject]:
    """Distinct subjects of ``?s predicate obj`` in any graph."""
    seen: dict[Subject, None] = {}
    for quad in store.quads_for_pattern(None, predicate, obj, None):
        seen.setdefault(quad.subject, None)
    return list(seen)


def is_known(store: ox.Store, iri: str) -> bool:
    """True when the graph says anything about ``iri`` (as subject or object)."""
    node = ox.NamedNode(iri)
    for _ in store.quads_for_pattern(node, None, None, None):
        return True
    for _ in store.quads_for_pattern(None, None, node, None):
        return True
    return False


@functools.cache
def ontology_store() -> ox.Store:
    """The packaged ontology (labels of classes and properties), read once."""
    store = ox.Store()
    source = importlib.resources.files("kyotei.ontology") / "kyotei.ttl"
    store.load(source.read_bytes(), format=ox.RdfFormat.TURTLE)
    return store


def labels_of(store: ox.Store, term: Term) -> dict[str, str]:
    """One label per language: ``skos:prefLabel``, else ``rdfs:label``, else a document's
    ``dcterms:title``. Looks in the data, then in the packaged ontology (its classes and
    properties)."""
    if not isinstance(term, ox.NamedNode | ox.BlankNode):
        return {}
    found: dict[str, str] = {}
    for source in (store, ontology_store()):
        for predicate in (*LABEL_PREDICATES, TITLE):
            for quad in source.quads_for_pattern(term, predicate, None, None):
                literal = quad.object
                if isinstance(literal, ox.Literal):
                    found.setdefault(literal.language or "", literal.value)
        if found:
            break
    return found


# --- bounded description --------------------------------------------------------------------


def describe(store: ox.Store, iri: str, base_iri: str) -> list[ox.Triple]:
    """A concise bounded description of ``iri`` for RDF clients.

    The resource's asserted triples (the inferred graph is left out, as in exports) and the
    labels (``skos:prefLabel``, ``rdfs:label``) of the IRIs it links to, so that a client can
    show names without dereferencing each link.
    """
    node = ox.NamedNode(iri)
    inferred = inferred_graph(base_iri)
    own = [st for st in statements(store, inferred, subject=node) if not st.inferred]
    triples: dict[ox.Triple, None] = {}
    for st in own:
        triples.setdefault(ox.Triple(st.subject, st.predicate, st.object), None)
    linked = {st.object for st in own if isinstance(st.object, ox.NamedNode)}
    for target in sorted(linked, key=lambda n: n.value):
        if target == node:
            continue
        for predicate in LABEL_PREDICATES:
            for st in statements(store, inferred, subject=target, predicate=predicate):
                if not st.inferred:
                    triples.setdefault(ox.Triple(st.subject, st.predicate, st.object), None)
    return list(triples)


def serialize(triples: Iterable[ox.Triple], fmt_name: str) -> bytes:
    """Serialise a description in one of :data:`RDF_FORMATS`.

    Turtle gets the vocabulary prefixes the triples use; data IRIs are written out in full
    (an ``id:`` prefix would need ``\\/`` escapes in every local name).
    """
    fmt = RDF_FORMATS[fmt_name][1]
    triples = list(triples)
    if fmt is ox.RdfFormat.TURTLE:
        iris = {term.value for triple in triples for term in triple
                if isinstance(term, ox.NamedNode)}
        iris |= {t.datatype.value for t in (tr.object for tr in triples)
                 if isinstance(t, ox.Literal)}
        used = {p: ns for p, ns in PREFIXES.items() if any(i.startswith(ns) for i in iris)}
        data = ox.serialize(triples, format=fmt, prefixes=used)
    else:
        data = ox.serialize(triples, format=fmt)
    if data is None:  # pyoxigraph returns bytes whenever no output is given
        raise RuntimeError("pyoxigraph.serialize returned no bytes")
    return data


# --- content negotiation --------------------------------------------------------------------


def choose_format(accept: str | None, fmt: str | None) -> str:
    """``html``, ``turtle``, ``jsonld`` or ``ntriples``: ``?format=`` when given, else by
    ``Accept`` (q-values, :func:`kyotei.server.protocol.negotiation.negotiate`).

    Raises :class:`~kyotei.server.errors.BadRequestError` for an unknown ``format=`` and
    :class:`~kyotei.server.errors.NotAcceptableError` when ``Accept`` allows none of them.
    """
    if fmt is not None:
        name = FORMAT_NAMES.get(fmt.strip().lower())
        if name is None:
            raise BadRequestError(f"unknown format={fmt!r}; use one of: "
                             + ", ".join(sorted(FORMAT_NAMES)))
        return name
    offer = negotiate(accept, OFFERS)
    if offer is None:
        available = ", ".join(o.media_type for o in OFFERS if o.primary)
        raise NotAcceptableError(f"none of the media types in Accept can be served; available: "
                            f"{available}", headers={"Vary": "Accept"})
    return offer.format
