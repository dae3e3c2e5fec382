"""``analyze()``: every figure of the partnership network from one graph, by SPARQL."""

from __future__ import annotations

import logging
from typing import Any

from kyotei.graph.analytics import facts
from kyotei.graph.analytics.aggregates import RegionResolver, concentrations, growth
from kyotei.graph.analytics.bipartite import analyse_bipartite
from kyotei.graph.analytics.compare import COMPARE_ALL_LIMIT, compare_documents
from kyotei.graph.analytics.measures import measures
from kyotei.graph.analytics.model import AnalysisResult, DocumentSummary
from kyotei.graph.analytics.network import analyse_network, build_graph, inferred_check
from kyotei.graph.analytics.source import SparqlSource

log = logging.getLogger(__name__)

QUERIES: dict[str, list[str]] = {
    "documents": ["documents", "document_levels"],
    "network": ["institution_network", "parties", "labels", "integrity"],
    "bipartite": ["department_partners", "parties", "labels"],
    "concentration": ["agreements_by_place", "country_regions"],
    "growth": ["signed_per_year", "country_regions", "integrity"],
    "comparisons": ["document_partners", "documents"],
}


def _integrity_warnings(check: facts.Integrity) -> list[str]:
    warnings = []
    if check.no_document:
        warnings.append(f"{check.no_document} agreements name no source document: they count "
                        "in the network but in no document's figures.")
    if check.many_documents:
        warnings.append(f"{check.many_documents} agreements derive from more than one document: "
                        "they count once per document in the per-document figures.")
    if check.many_countries:
        warnings.append(f"{check.many_countries} agreements have more than one country: they "
                        "count under each in the country figures.")
    return warnings


def analyze(store: Any, *, base_iri: str, seed: int = 42,
            union_default_graph: bool = False) -> AnalysisResult:
    """Analyse the agreements graph in ``store`` (a pyoxigraph ``Store`` with asserted triples
    in the default graph and inferred ones in ``<base_iri>graph/inferred``, or an rdflib
    ``Graph``/``Dataset``). ``seed`` fixes the community detection."""
    source = SparqlSource(store, base_iri=base_iri, union_default_graph=union_default_graph)
    labels = facts.labels(source)
    parties = facts.parties(source)
    documents = facts.documents(source)
    levels = facts.document_levels(source)
    integrity = facts.integrity(source)
    country_region, ambiguous = facts.country_regions(source)
    regions = RegionResolver(country_region)

    warnings = _integrity_warnings(integrity)
    for country, listed in sorted(ambiguous.items()):
        warnings.append(
            f"{labels.label(country)} is listed under several regions "
            f"({', '.join(labels.label(r) for r in listed)}); agreements without a region of "
            f"their own count under {labels.label(country_region[country])}.")
    for document in documents:
        if document.publisher_status == "unidentified" or document.publisher is None:
            warnings.append(f"{document.identifier} names no publisher: its agreements' home "
                            "party is an unidentified institution, a node of its own.")
    if len(documents) > 1:
        warnings.append("The network, the department overlap and the country figures for "
                        "'all' merge every source document: lists of different dates (and "
                        "possibly different publishers) counted together.")
    if len(documents) > COMPARE_ALL_LIMIT:
        warnings.append(f"{len(documents)} source documents: the snapshot comparison pairs "
                        "each document only with the next one of the same stated publisher "
                        f"(every pair is compared up to {COMPARE_ALL_LIMIT} documents).")
    check = inferred_check(integrity)
    if check.available and not check.consistent:
        warnings.append(f"Inferred graph: {check.note}.")

    network = analyse_network(build_graph(
        facts.weighted_edges(source, "institution_network", "home")), labels, parties, seed, check)
    bipartite = analyse_bipartite(
        facts.weighted_edges(source, "department_partners", "department"), labels, parties)
    places = facts.places(source)
    summaries = [
        DocumentSummary(
            iri=d.iri, identifier=d.identifier, title=d.title, as_of=d.as_of,
            publisher=labels.ref(d.publisher) if d.publisher else None,
            publisher_status=d.publisher_status,
            agreements=sum(levels.get(d.iri, {}).values()), levels=levels.get(d.iri, {}))
        for d in documents]
    countries = {labels.code.get(p.country, p.country): labels.label(p.country)
                 for p in places if p.country is not None}
    log.info("analysed %d agreements, %d network nodes", integrity.agreements, network.nodes)
    return AnalysisResult(
        base_iri=base_iri, seed=seed, agreements=integrity.agreements, documents=summaries,
        measures=measures(), network=network, bipartite=bipartite,
        concentration=concentrations(places, documents, labels, regions),
        growth=growth(facts.signed_per_year(source), integrity.agreements - integrity.dated,
                      documents, labels, regions),
        comparisons=compare_documents(documents, facts.partner_listings(source), labels),
        warnings=warnings, countries=dict(sorted(countries.items())), queries=QUERIES)


__all__ = ["QUERIES", "analyze"]
