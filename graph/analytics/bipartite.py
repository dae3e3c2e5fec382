"""The department × partner-institution network, its projections and department overlap."""

from __future__ import annotations

import heapq
import logging
from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx

from kyotei.graph.analytics.facts import Labels, Parties
from kyotei.graph.analytics.measures import OVERLAP_CLUSTER_MIN_JACCARD
from kyotei.graph.analytics.model import (
    BipartiteResult,
    Department,
    Overlap,
    Projection,
    SharedPartner,
    WeightedPair,
)
from kyotei.graph.analytics.ordering import cluster_order

log = logging.getLogger(__name__)

PRECISION = 6
TOP_PAIRS = 15


def jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def project(groups: dict[str, set[str]]) -> Counter[tuple[str, str]]:
    """The weighted one-mode projection of a bipartite graph given as ``group -> members``:
    for every pair of members (in sorted order), the number of groups holding both. Counting
    pairs directly keeps large projections (a department with hundreds of partners makes a
    clique of tens of thousands of pairs) cheap in time and memory."""
    weights: Counter[tuple[str, str]] = Counter()
    for members in groups.values():
        weights.update(combinations(sorted(members), 2))
    return weights


def _projection(name: str, groups: dict[str, set[str]], labels: Labels) -> Projection:
    nodes = len(set().union(*groups.values())) if groups else 0
    weights = project(groups)
    top = heapq.nsmallest(TOP_PAIRS, weights.items(), key=lambda kv: (-kv[1], kv[0]))
    possible = nodes * (nodes - 1) / 2
    return Projection(
        name=name, nodes=nodes, edges=len(weights),
        density=round(len(weights) / possible, PRECISION) if possible else 0.0,
        top_pairs=[WeightedPair(a=labels.ref(a), b=labels.ref(b), weight=float(w))
                   for (a, b), w in top])


def _clusters(names: list[str], matrix: list[list[float]]) -> list[list[str]]:
    links = nx.Graph()
    links.add_nodes_from(names)
    for i, a in enumerate(names):
        for j in range(i + 1, len(names)):
            if matrix[i][j] >= OVERLAP_CLUSTER_MIN_JACCARD:
                links.add_edge(a, names[j])
    groups = [sorted(c) for c in nx.connected_components(links) if len(c) > 1]
    return sorted(groups, key=lambda g: (-len(g), g[0]))


def overlap(partner_sets: dict[str, set[str]], labels: Labels) -> Overlap:
    names = sorted(partner_sets)
    full = [[1.0 if a == b else jaccard(partner_sets[a], partner_sets[b]) for b in names]
            for a in names]
    order, method = cluster_order(names, full, size={n: len(partner_sets[n]) for n in names})
    index = {n: i for i, n in enumerate(names)}
    matrix = [[round(full[index[a]][index[b]], PRECISION) for b in order] for a in order]
    nearest = []
    for a in names:
        others = sorted(((full[index[a]][index[b]], b) for b in names if b != a),
                        key=lambda t: (-t[0], t[1]))
        if others and others[0][0] > 0:
            nearest.append(WeightedPair(a=labels.ref(a), b=labels.ref(others[0][1]),
                                        weight=round(others[0][0], PRECISION)))
    nearest.sort(key=lambda p: (-p.weight, p.a.iri))
    return Overlap(method=method, order=[labels.ref(n) for n in order], matrix=matrix,
                   clusters=_clusters(names, full), nearest=nearest)


def analyse_bipartite(edges: list[tuple[str, str, int]], labels: Labels,
                      parties: Parties) -> BipartiteResult:
    partners_of: dict[str, set[str]] = defaultdict(set)
    departments_of: dict[str, set[str]] = defaultdict(set)
    agreements_of_department: dict[str, int] = defaultdict(int)
    agreements_of_partner: dict[str, int] = defaultdict(int)
    for department, partner, weight in edges:
        partners_of[department].add(partner)
        departments_of[partner].add(department)
        agreements_of_department[department] += weight
        agreements_of_partner[partner] += weight
    departments = []
    for iri in sorted(partners_of, key=lambda d: (-len(partners_of[d]), d)):
        ref = labels.ref(iri)
        departments.append(Department(
            iri=iri, label=ref.label, label_ja=ref.label_ja, label_en=ref.label_en,
            kind=parties.kind.get(iri, "faculty"), partners=len(partners_of[iri]),
            agreements=agreements_of_department[iri]))
    shared = sorted((p for p in departments_of if len(departments_of[p]) > 1),
                    key=lambda p: (-len(departments_of[p]), -agreements_of_partner[p], p))
    top_partners = []
    for iri in shared:
        ref = labels.ref(iri)
        country = parties.country.get(iri)
        top_partners.append(SharedPartner(
            iri=iri, label=ref.label, label_ja=ref.label_ja, label_en=ref.label_en,
            country=labels.code.get(country) if country else None,
            departments=len(departments_of[iri]), agreements=agreements_of_partner[iri],
            department_iris=sorted(departments_of[iri])))
    return BipartiteResult(
        departments=departments, partners=len(departments_of), edges=len(set(
            (d, p) for d, p, _ in edges)),
        agreements=sum(w for _, _, w in edges), top_partners=top_partners,
        department_projection=_projection("departments", dict(departments_of), labels),
        partner_projection=_projection("partners", dict(partners_of), labels),
        overlap=overlap(dict(partners_of), labels))


__all__ = ["analyse_bipartite", "jaccard", "overlap", "project"]
