"""The analytics' large-graph paths give the answers of the plain ones.

Betweenness by sparse-matrix Brandes equals networkx's (exact and sampled); the projections
counted as sparse products equal pairwise counting; the department overlap read from the
shared pairs equals the all-pairs one, and its matrix is capped (and says so); many
documents are compared only with the same publisher's next one.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx
import pyoxigraph as ox
import pytest

from kyotei.graph.analytics import analyze, bipartite, centrality
from kyotei.graph.analytics.compare import COMPARE_ALL_LIMIT, compared_pairs
from kyotei.graph.analytics.facts import Document, Labels
from tests.graph.test_analytics import BASE, ENG, LIT, SCI, UNIDENTIFIED, oxigraph_store


def _named(graph: nx.Graph) -> nx.Graph:
    return nx.relabel_nodes(graph, {v: f"n{v:04d}" for v in graph})


GRAPHS = {
    "karate": _named(nx.karate_club_graph()),
    "random": _named(nx.gnm_random_graph(120, 260, seed=3)),
    "two components": _named(nx.disjoint_union(nx.path_graph(5), nx.star_graph(6))),
    "single node": _named(nx.empty_graph(1)),
    "two nodes": _named(nx.path_graph(2)),
}


@pytest.mark.parametrize(("name", "k"), [  # a sample no larger than the graph
    (name, k) for name in sorted(GRAPHS) for k in (None, 1, 2, 7)
    if k is None or k <= len(GRAPHS[name])])
def test_betweenness_equals_networkx(name: str, k: int | None) -> None:
    graph = GRAPHS[name]
    expected = nx.betweenness_centrality(graph, k=k, normalized=True, seed=42)
    found = centrality.betweenness(graph, k=k, seed=42)
    assert list(found) == list(graph.nodes)
    for node, value in expected.items():
        assert found[node] == pytest.approx(value, abs=1e-12, nan_ok=True), node


def test_betweenness_in_small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    graph = GRAPHS["random"]
    whole = centrality.betweenness(graph)
    monkeypatch.setattr(centrality, "BATCH_CELLS", 250)  # two sources a batch
    assert centrality.betweenness(graph) == pytest.approx(whole, abs=1e-12)
    # a path: the middle node lies on every path between the others
    line = centrality.betweenness(_named(nx.path_graph(3)))
    assert line == {"n0000": 0.0, "n0001": 1.0, "n0002": 0.0}


def test_projection_counts_pairs_like_pairwise_counting() -> None:
    groups = {"g1": {"a", "b", "c"}, "g2": {"b", "c"}, "g3": {"c", "d"}, "g4": {"e"}}
    expected: Counter[tuple[str, str]] = Counter()
    for members in groups.values():
        expected.update(combinations(sorted(members), 2))
    assert bipartite.project(groups) == expected
    assert expected[("b", "c")] == 2 and expected[("a", "d")] == 0
    found = bipartite.pairs(groups)
    assert found.members == ["a", "b", "c", "d", "e"]
    assert len(found.weight) == 4  # ab ac bc cd


def _all_pairs_overlap(partner_sets: dict[str, set[str]]
                       ) -> tuple[list[tuple[str, str, float]], list[list[str]]]:
    """Nearest department and clusters the plain way: every pair's Jaccard."""
    names = sorted(partner_sets)
    nearest = []
    links = nx.Graph()
    links.add_nodes_from(names)
    for a in names:
        others = sorted(((bipartite.jaccard(partner_sets[a], partner_sets[b]), b)
                         for b in names if b != a), key=lambda t: (-t[0], t[1]))
        if others and others[0][0] > 0:
            nearest.append((a, others[0][1], round(others[0][0], 6)))
        for value, b in others:
            if value >= 0.1:
                links.add_edge(a, b)
    nearest.sort(key=lambda t: (-t[2], t[0]))
    clusters = sorted((sorted(c) for c in nx.connected_components(links) if len(c) > 1),
                      key=lambda g: (-len(g), g[0]))
    return nearest, clusters


def test_overlap_from_shared_pairs_equals_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    partner_sets = {f"d{i:02d}": {f"p{(i * j) % 17}" for j in range(1, 2 + i % 5)}
                    for i in range(30)}
    partner_sets["lonely"] = {"only-mine"}
    nearest, clusters = _all_pairs_overlap(partner_sets)
    found = bipartite.overlap(partner_sets, Labels())
    assert [(p.a.iri, p.b.iri, p.weight) for p in found.nearest] == nearest
    assert found.clusters == clusters
    assert len(found.order) == 31 and "matrix covers" not in found.method
    monkeypatch.setattr(bipartite, "OVERLAP_MATRIX_LIMIT", 4)
    capped = bipartite.overlap(partner_sets, Labels())
    assert (capped.nearest, capped.clusters) == (found.nearest, found.clusters)
    assert len(capped.order) == 4 and len(capped.matrix) == 4
    assert capped.method.endswith("the matrix covers the 4 departments with most partners of 31")
    most = sorted(partner_sets, key=lambda d: (-len(partner_sets[d]), d))[:4]
    assert sorted(r.iri for r in capped.order) == sorted(most)


def test_overlap_matrix_cap_on_the_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bipartite, "OVERLAP_MATRIX_LIMIT", 2)
    overlap = analyze(oxigraph_store(), base_iri=BASE).bipartite.overlap
    assert sorted(r.iri for r in overlap.order) == sorted([ENG, UNIDENTIFIED])  # 3 partners
    assert overlap.clusters == [sorted([ENG, SCI, UNIDENTIFIED])]
    assert LIT not in {p.a.iri for p in overlap.nearest}  # shares no partner


def _document(n: int, publisher: str | None) -> Document:
    return Document(iri=f"doc{n:02d}", identifier=f"{n:02d}.txt", title=None,
                    as_of=f"20{n:02d}-04-01", publisher=publisher,
                    publisher_status="stated" if publisher else "unidentified")


def test_many_documents_are_compared_with_their_publishers_next() -> None:
    few = [_document(n, "P") for n in range(COMPARE_ALL_LIMIT)]
    assert len(compared_pairs(few)) == COMPARE_ALL_LIMIT * (COMPARE_ALL_LIMIT - 1) // 2
    many = [_document(n, ("A", "B", None)[n % 3]) for n in range(COMPARE_ALL_LIMIT + 3)]
    found = [(a.identifier, b.identifier) for a, b in compared_pairs(many)]
    assert found == [("00.txt", "03.txt"), ("01.txt", "04.txt"), ("03.txt", "06.txt"),
                     ("04.txt", "07.txt"), ("06.txt", "09.txt"), ("07.txt", "10.txt"),
                     ("09.txt", "12.txt"), ("10.txt", "13.txt")]


def test_agreements_without_a_document_are_counted() -> None:
    store = oxigraph_store()
    derived = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    for quad in sorted(store.quads_for_pattern(None, derived, None, None),
                       key=lambda q: str(q.subject))[:3]:
        store.remove(quad)
    warnings = analyze(store, base_iri=BASE).warnings
    assert warnings[0].startswith("3 agreements name no source document")
