"""The institution–institution network and its measures (networkx)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import networkx as nx
import numpy as np

from kyotei.graph.analytics import centrality
from kyotei.graph.analytics.facts import Integrity, Labels, Parties
from kyotei.graph.analytics.model import (
    Edge,
    InferredCheck,
    NetworkNode,
    NetworkResult,
    NodeGroup,
    NodeRef,
)
from kyotei.graph.analytics.ordering import has_scipy

log = logging.getLogger(__name__)

PRECISION = 6
DENSE_EIGEN_LIMIT = 1000
EXACT_BETWEENNESS_LIMIT = 1500
BETWEENNESS_SAMPLE = 500
GROUP_TOP = 5


def build_graph(edges: Iterable[tuple[str, str, int]]) -> nx.Graph:
    """An undirected graph, nodes and edges added in sorted order (so measures that depend
    on iteration order are reproducible); edge attribute ``weight`` = agreements; node
    attribute ``roles`` = the sides the node stands on (home, partner)."""
    graph = nx.Graph()
    edges = sorted(edges)
    roles: dict[str, set[str]] = {}
    for left, right, _ in edges:
        roles.setdefault(left, set()).add("home")
        roles.setdefault(right, set()).add("partner")
    for node in sorted(roles):
        graph.add_node(node, roles=sorted(roles[node]))
    pairs: list[tuple[str, str]] = []
    for left, right, weight in edges:
        if graph.has_edge(left, right):  # a pair seen both ways: add the agreements up
            graph[left][right]["weight"] += weight
        else:
            graph.add_edge(left, right, weight=weight)
            pairs.append((left, right))
    graph.graph["pairs"] = pairs  # each edge once, home side first
    return graph


def _groups(graph: nx.Graph, sets: list[set[str]], labels: Labels) -> list[NodeGroup]:
    strength = dict(graph.degree(weight="weight"))
    ordered = sorted(sets, key=lambda s: (-len(s), min(s)))
    group_of = {node: number for number, members in enumerate(ordered) for node in members}
    inside = [0] * len(ordered)  # agreements on edges within each group, in one pass
    for a, b, weight in graph.edges(data="weight"):
        if group_of[a] == group_of[b]:
            inside[group_of[a]] += weight
    groups = []
    for number, members in enumerate(ordered, start=1):
        ranked = sorted(members, key=lambda n: (-strength[n], n))
        agreements = int(inside[number - 1])
        groups.append(NodeGroup(id=number, size=len(members), agreements=agreements,
                                top=[labels.ref(n) for n in ranked[:GROUP_TOP]],
                                members=sorted(members)))
    return groups


def _eigenvector(graph: nx.Graph) -> dict[str, float] | None:
    """Eigenvector centrality on the largest connected component (0 elsewhere): the unit
    eigenvector of the weighted adjacency matrix's largest eigenvalue, by a dense symmetric
    eigensolver up to DENSE_EIGEN_LIMIT nodes, else by scipy's sparse one, else by networkx's
    power iteration."""
    if graph.number_of_edges() == 0:
        return None
    components = sorted((sorted(c) for c in nx.connected_components(graph)),
                        key=lambda c: (-len(c), c[0]))
    largest: list[str] = components[0]
    values = dict.fromkeys(graph.nodes, 0.0)
    if len(largest) <= DENSE_EIGEN_LIMIT:
        matrix = nx.to_numpy_array(graph, nodelist=largest, weight="weight")
        vector = np.abs(np.linalg.eigh(matrix)[1][:, -1])
        vector = vector / np.linalg.norm(vector)
        values.update(zip(largest, (float(x) for x in vector), strict=True))
        return values
    if has_scipy():
        from scipy.sparse.linalg import eigsh

        sparse = nx.to_scipy_sparse_array(graph, nodelist=largest, weight="weight", dtype=float)
        start = np.ones(len(largest))  # a fixed start vector keeps the result reproducible
        vector = np.abs(eigsh(sparse, k=1, which="LA", v0=start)[1][:, 0])
        values.update(zip(largest, (float(x) for x in vector / np.linalg.norm(vector)),
                          strict=True))
        return values
    try:
        values.update(nx.eigenvector_centrality(
            graph.subgraph(largest), max_iter=5000, tol=1e-8, weight="weight"))
    except nx.PowerIterationFailedConvergence:
        log.warning("eigenvector centrality did not converge; left out")
        return None
    return values


def _communities(graph: nx.Graph, seed: int) -> tuple[list[set[str]], float | None]:
    if graph.number_of_edges() == 0:
        return [{n} for n in graph.nodes], None
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    sets = [set(c) for c in found]
    return sets, round(float(nx.community.modularity(graph, sets, weight="weight")), PRECISION)


def inferred_check(integrity: Integrity) -> InferredCheck:
    if integrity.inferred_links == 0:
        return InferredCheck(
            available=False, consistent=None, pairs=integrity.pairs,
            linked_both_ways=integrity.linked_both_ways, inferred_links=0,
            note="no kyotei:hasAgreementWith in the inferred graph: nothing to check against")
    consistent = integrity.linked_both_ways == integrity.pairs
    note = ("every home–partner party pair is linked both ways by kyotei:hasAgreementWith"
            if consistent else
            f"{integrity.pairs - integrity.linked_both_ways} of {integrity.pairs} home–partner "
            "party pairs lack kyotei:hasAgreementWith both ways in the inferred graph")
    return InferredCheck(available=True, consistent=consistent, pairs=integrity.pairs,
                         linked_both_ways=integrity.linked_both_ways,
                         inferred_links=integrity.inferred_links, note=note)


def analyse_network(graph: nx.Graph, labels: Labels, parties: Parties, seed: int,
                    check: InferredCheck) -> NetworkResult:
    components = [set(c) for c in nx.connected_components(graph)]
    component_groups = _groups(graph, components, labels)
    communities, modularity = _communities(graph, seed)
    community_groups = _groups(graph, communities, labels)
    component_of = {n: g.id for g in component_groups for n in g.members}
    community_of = {n: g.id for g in community_groups for n in g.members}
    sample = (min(BETWEENNESS_SAMPLE, len(graph)) if len(graph) > EXACT_BETWEENNESS_LIMIT
              else None)
    betweenness = centrality.betweenness(graph, k=sample, seed=seed)
    eigenvector = _eigenvector(graph)
    strength = dict(graph.degree(weight="weight"))
    nodes = []
    for iri in graph.nodes:
        ref: NodeRef = labels.ref(iri)
        country = parties.country.get(iri)
        nodes.append(NetworkNode(
            iri=iri, label=ref.label, label_ja=ref.label_ja, label_en=ref.label_en,
            kind=parties.kind.get(iri, "institution"), roles=graph.nodes[iri]["roles"],
            country=labels.code.get(country) if country else None,
            degree=int(graph.degree(iri)), weighted_degree=int(strength[iri]),
            betweenness=round(float(betweenness.get(iri, 0.0)), PRECISION),
            eigenvector=(round(float(eigenvector[iri]), PRECISION)
                         if eigenvector is not None else None),
            component=component_of[iri], community=community_of[iri]))
    nodes.sort(key=lambda n: (-n.weighted_degree, -n.degree, n.iri))
    return NetworkResult(
        nodes=graph.number_of_nodes(), edges=graph.number_of_edges(),
        agreements=int(graph.size(weight="weight")),
        density=round(float(nx.density(graph)), PRECISION) if len(graph) > 1 else 0.0,
        modularity=modularity, betweenness_sample=sample, components=component_groups,
        communities=community_groups, ranking=nodes, inferred_check=check,
        edge_list=[Edge(source=a, target=b, agreements=int(graph[a][b]["weight"]))
                   for a, b in graph.graph.get("pairs", [])])


__all__ = ["analyse_network", "build_graph", "inferred_check"]
