"""Resolved institutions and identity decisions as RDF (the named graph ``graph/identity``).

Institutions are described once, across documents, in ``<base>graph/identity``: type,
country, labels (one ``skos:prefLabel`` per language, every other printed name and every
former name as ``skos:altLabel``), curated ``owl:sameAs`` links, and one
``kyotei:IdentityDecision`` per merge, split, candidate or country conflict that concerns
them, linked with ``kyotei:identityDecision``. A decision names its rule (``kyotei:rule``),
its kind (``kyotei:decisionKind``), explains itself (``rdfs:comment``), uses the source
records it rests on (``prov:used``) and, when curated, says so (``kyotei:curated``, with the
source of the fact in ``dcterms:source``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from kyotei.graph.build.quads import GraphOut, NTerms, nt
from kyotei.graph.identity.model import InstitutionInfo, InstitutionRef, Place, Resolution
from kyotei.graph.model.namespaces import DCTERMS, KYOTEI, OWL, PROV, RDF, RDFS, SKOS, XSD

if TYPE_CHECKING:
    from kyotei.graph.build.dataset import _Builder

IriOf = Callable[[InstitutionRef], str]  # the plain IRI


def _choose(names: Counter[str], fixed: str | None, avoid: set[str]) -> str | None:
    if fixed:
        return fixed
    if not names:
        return None
    usable = [n for n in names if n not in avoid] or list(names)
    return min(usable, key=lambda n: (-names[n], len(n), n))


def _labels(g: GraphOut, t: NTerms, node: str, info: InstitutionInfo) -> None:
    for lang, names, fixed in (
        ("ja", info.names_ja, info.preferred_ja),
        ("en", info.names_en, info.preferred_en),
    ):
        pref = _choose(names, fixed, info.avoid)
        if pref is None:
            continue
        g.add(node, nt(SKOS.prefLabel), t.text(pref, lang))
        g.add(node, nt(RDFS.label), t.text(pref, lang))
        for name in sorted(set(names) - {pref}):
            g.add(node, nt(SKOS.altLabel), t.text(name, lang))
    for name in sorted(info.former):
        g.add(node, nt(SKOS.altLabel), t.text(name, "ja"))


def _decision(
    builder: _Builder,
    g: GraphOut,
    *,
    kind: str,
    rule: str,
    comment: str,
    places: Iterable[Place],
    subjects: Iterable[str],
    curated: bool = False,
    source: str | None = None,
) -> str:
    place_list, t = sorted(set(places)), builder.terms
    node = nt(builder.mint.decision(
        kind, rule, comment, *(f"{p.document}:{p.line}" for p in place_list)
    ))
    g.add(node, nt(RDF.type), nt(KYOTEI.IdentityDecision))
    g.add(node, nt(KYOTEI.decisionKind), t.text(kind))
    g.add(node, nt(KYOTEI.rule), t.text(rule))
    g.add(node, nt(RDFS.comment), t.text(comment, "en"))
    for place in place_list:
        doc = builder.documents.get(place.document)
        if doc is not None and place.line > 0:
            used = builder.mint.record(doc.key, place.line, place.text)
            g.add(node, nt(PROV.used), nt(used))
    if curated:
        g.add(node, nt(KYOTEI.curated), t.typed(True, str(XSD.boolean)))
    if source:
        g.add(node, nt(DCTERMS.source), t.text(source))
    for subject in subjects:
        g.add(subject, nt(KYOTEI.identityDecision), node)
    return node


def emit_identity(builder: _Builder, resolution: Resolution, iri: IriOf) -> GraphOut:
    """Describe every resolved institution and every decision in ``graph/identity``."""
    g = builder.identity
    for ref, info in sorted(resolution.institutions.items()):
        if not info.places:
            continue  # a crosswalk row that no document mentions
        node = nt(iri(ref))
        g.add(node, nt(RDF.type), nt(KYOTEI.Institution))
        if ref.country:
            g.add(node, nt(KYOTEI.country), builder.country(ref.country))
        _labels(g, builder.terms, node, info)
        for target, source in info.same_as:
            g.add(node, nt(OWL.sameAs), nt(target))
            _decision(
                builder,
                g,
                kind="same-as",
                rule="curation.crosswalk",
                comment=f"owl:sameAs <{target}> from the curated crosswalk",
                places=(),
                subjects=(node,),
                curated=True,
                source=source,
            )
    emitted = {iri(r) for r, i in resolution.institutions.items() if i.places}
    for d in resolution.decisions:
        subjects = [nt(iri(r)) for r in d.institutions if iri(r) in emitted]
        _decision(
            builder,
            g,
            kind=d.kind,
            rule=d.rule,
            comment=f"{' / '.join(n for n in d.names if n)}: {d.evidence}",
            places=d.places,
            subjects=subjects,
            curated=d.curated,
        )
    for c in resolution.conflicts:
        subjects = [nt(iri(r)) for r in c.institutions if iri(r) in emitted]
        _decision(
            builder,
            g,
            kind=f"conflict-{c.status}",
            rule=c.rule,
            comment=f"{c.subject}: {c.detail}",
            places=c.places,
            subjects=subjects,
        )
    return g


def add_links(builder: _Builder, links: Graph, emitted: set[str]) -> list[str]:
    """Copy curated ``owl:sameAs`` links (and their evidence) for institutions that exist
    (``emitted``: their plain IRIs)."""
    g = builder.out.graph(builder.mint.graph("links"))
    dangling = []
    for subject, _, target in sorted(links.triples((None, OWL.sameAs, None))):
        if not isinstance(subject, URIRef) or str(subject) not in emitted:
            dangling.append(f"{subject} owl:sameAs {target}")
            continue
        g.add_triple((subject, OWL.sameAs, target))
        for _, _, decision in links.triples((subject, KYOTEI.identityDecision, None)):
            g.add_triple((subject, KYOTEI.identityDecision, decision))
            for triple in links.triples((decision, None, None)):
                g.add_triple(triple)
    return dangling


__all__ = ["add_links", "emit_identity"]
