"""The department × partner-institution network, its projections and department overlap."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy.sparse import csr_array, triu

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


OVERLAP_MATRIX_LIMIT = 150  # departments in the overlap matrix (and its heat map)


def jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


@dataclass(frozen=True)
class Pairs:
    """The weighted one-mode projection of a bipartite graph: its members (sorted), and for
    each pair of members held together by at least one group (``first[i] < second[i]``,
    indices into ``members``) the number of groups holding both."""

    members: list[str]
    first: np.ndarray
    second: np.ndarray
    weight: np.ndarray


def pairs(groups: dict[str, set[str]]) -> Pairs:
    """The projection of ``group -> members``, as the upper triangle of the product of the
    group × member incidence matrix with itself (scipy.sparse): the pairs are counted in
    compiled code, and a department with hundreds of partners (a clique of tens of thousands
    of pairs) costs a few bytes a pair."""
    members = sorted(set().union(*groups.values())) if groups else []
    index = {m: i for i, m in enumerate(members)}
    rows = [g for g, held in enumerate(groups.values()) for _ in held]
    cols = [index[m] for held in groups.values() for m in held]
    incidence = csr_array((np.ones(len(rows), dtype=np.int64), (rows, cols)),
                          shape=(len(groups), len(members)))
    product = triu(incidence.T @ incidence, k=1, format="coo")
    return Pairs(members, np.asarray(product.row, dtype=np.int64),
                 np.asarray(product.col, dtype=np.int64),
                 np.asarray(product.data, dtype=np.int64))


def project(groups: dict[str, set[str]]) -> Counter[tuple[str, str]]:
    """The projection of ``group -> members`` as a Counter: for every pair of members (in
    sorted order), the number of groups holding both."""
    found = pairs(groups)
    m = found.members
    return Counter({(m[i], m[j]): int(w)
                    for i, j, w in zip(found.first, found.second, found.weight, strict=True)})


def _projection(name: str, found: Pairs, labels: Labels) -> Projection:
    nodes = len(found.members)
    edges = len(found.weight)
    # strongest first, ties by the pair's names (indices follow the sorted names)
    top = np.lexsort((found.second, found.first, -found.weight))[:TOP_PAIRS]
    possible = nodes * (nodes - 1) / 2
    return Projection(
        name=name, nodes=nodes, edges=edges,
        density=round(edges / possible, PRECISION) if possible else 0.0,
        top_pairs=[WeightedPair(a=labels.ref(found.members[int(found.first[i])]),
                                b=labels.ref(found.members[int(found.second[i])]),
                                weight=float(found.weight[i])) for i in top])


def _shared(partner_sets: dict[str, set[str]]) -> Pairs:
    """Departments that share partners, with how many (the department projection)."""
    departments_of: dict[str, set[str]] = defaultdict(set)
    for department, partners in partner_sets.items():
        for partner in partners:
            departments_of[partner].add(department)
    found = pairs(dict(departments_of))
    # departments without a partner shared with anyone are members too (no pairs)
    if len(found.members) < len(partner_sets):
        names = sorted(partner_sets)
        where = np.asarray([names.index(m) for m in found.members], dtype=np.int64)
        found = Pairs(names, where[found.first] if len(where) else found.first,
                      where[found.second] if len(where) else found.second, found.weight)
    return found


def overlap(partner_sets: dict[str, set[str]], labels: Labels,
            shared: Pairs | None = None) -> Overlap:
    """Jaccard overlap of the departments' partner sets. Nearest departments and clusters
    come from the pairs that share a partner (every other pair has Jaccard 0); the matrix
    and its order cover every department up to OVERLAP_MATRIX_LIMIT, else the
    OVERLAP_MATRIX_LIMIT departments with most partners (``method`` says so)."""
    names = sorted(partner_sets)
    found = shared if shared is not None and shared.members == names else _shared(partner_sets)
    size = {n: len(partner_sets[n]) for n in names}
    best: dict[str, tuple[float, str]] = {}
    links = nx.Graph()
    links.add_nodes_from(names)
    for i, j, w in zip(found.first.tolist(), found.second.tolist(), found.weight.tolist(),
                       strict=True):
        a, b = names[i], names[j]
        value = w / (size[a] + size[b] - w)  # |A ∩ B| / |A ∪ B|, as jaccard() computes it
        if a not in best or (-value, b) < best[a]:
            best[a] = (-value, b)
        if b not in best or (-value, a) < best[b]:
            best[b] = (-value, a)
        if value >= OVERLAP_CLUSTER_MIN_JACCARD:
            links.add_edge(a, b)
    nearest = [WeightedPair(a=labels.ref(a), b=labels.ref(best[a][1]),
                            weight=round(-best[a][0], PRECISION))
               for a in names if a in best and -best[a][0] > 0]
    nearest.sort(key=lambda p: (-p.weight, p.a.iri))
    clusters = sorted((sorted(c) for c in nx.connected_components(links) if len(c) > 1),
                      key=lambda g: (-len(g), g[0]))
    shown = names
    method_note = ""
    if len(names) > OVERLAP_MATRIX_LIMIT:
        shown = sorted(sorted(names, key=lambda n: (-size[n], n))[:OVERLAP_MATRIX_LIMIT])
        method_note = (f"; the matrix covers the {OVERLAP_MATRIX_LIMIT} departments with most "
                       f"partners of {len(names)}")
    full = [[1.0 if a == b else jaccard(partner_sets[a], partner_sets[b]) for b in shown]
            for a in shown]
    order, method = cluster_order(shown, full, size={n: size[n] for n in shown})
    index = {n: i for i, n in enumerate(shown)}
    matrix = [[round(full[index[a]][index[b]], PRECISION) for b in order] for a in order]
    return Overlap(method=method + method_note, order=[labels.ref(n) for n in order],
                   matrix=matrix, clusters=clusters, nearest=nearest)


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
    department_pairs = pairs(dict(departments_of))
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
        department_projection=_projection("departments", department_pairs, labels),
        partner_projection=_projection("partners", pairs(dict(partners_of)), labels),
        overlap=overlap(dict(partners_of), labels, department_pairs))


__all__ = ["OVERLAP_MATRIX_LIMIT", "Pairs", "analyse_bipartite", "jaccard", "overlap", "pairs",
           "project"]
