"""Network analytics on a small hand-made graph whose answers are worked out by hand.

tests/graph/fixtures/analytics_small.ttl: documents a.txt (2012, publisher curated: Home
University; 5 university-level agreements a1-a5, 7 department-level d1-d7) and b.txt (2023,
publisher unidentified; 3 department-level b1-b3). The network is home party x partner
institution:

  Home University: Alpha, Gamma, Delta, Eta (a member campus under Delta's umbrella), Epsilon
  Faculty of Engineering: Alpha, Beta, Gamma          Faculty of Science: Alpha, Gamma (x2)
  文学部 (no English label): Theta                       Unidentified b.txt: Alpha, Epsilon, Zeta
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Dataset, URIRef

from kyotei.graph.analytics import AnalysisResult, analyze, json_schema, network
from kyotei.graph.analytics.ordering import GREEDY_METHOD, cluster_order, has_scipy

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "https://example.org/kyotei/id/"
INFERRED = BASE + "graph/inferred"


def iri(path: str) -> str:
    return BASE + path


HOME, ENG, SCI, LIT = (iri("institution/jp/home"), iri("institution/jp/home/unit/eng"),
                       iri("institution/jp/home/unit/sci"), iri("institution/jp/home/unit/lit"))
UNIDENTIFIED = iri("institution/unidentified/b")
ALPHA, BETA, GAMMA = iri("institution/kr/alpha"), iri("institution/kr/beta"), iri(
    "institution/de/gamma")
DELTA, EPSILON, ZETA = iri("institution/us/delta"), iri("institution/th/epsilon"), iri(
    "institution/de/zeta")
ETA, THETA = iri("institution/us/eta"), iri("institution/kr/theta")


def oxigraph_store(inferred: bool = True) -> ox.Store:
    store = ox.Store()
    store.load(path=str(FIXTURES / "analytics_small.ttl"), format=ox.RdfFormat.TURTLE)
    if inferred:
        store.load(path=str(FIXTURES / "analytics_small_inferred.ttl"),
                   format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(INFERRED))
    return store


def rdflib_dataset() -> Dataset:
    dataset = Dataset()
    dataset.parse(FIXTURES / "analytics_small.ttl", format="turtle")
    dataset.graph(URIRef(INFERRED)).parse(FIXTURES / "analytics_small_inferred.ttl",
                                           format="turtle")
    return dataset


@pytest.fixture(scope="module")
def result() -> AnalysisResult:
    return analyze(oxigraph_store(), base_iri=BASE, seed=42)


def nodes(result: AnalysisResult) -> dict[str, Any]:
    return {n.iri: n for n in result.network.ranking}


# --- the network ------------------------------------------------------------------------

def test_degrees_and_weighted_degrees(result: AnalysisResult) -> None:
    expected = {  # iri: (degree, weighted degree)
        HOME: (5, 5), ENG: (3, 3), SCI: (2, 3), LIT: (1, 1), UNIDENTIFIED: (3, 3),
        ALPHA: (4, 4), BETA: (1, 1), GAMMA: (3, 4), DELTA: (1, 1), EPSILON: (2, 2),
        ZETA: (1, 1), ETA: (1, 1), THETA: (1, 1),
    }
    found = {iri: (n.degree, n.weighted_degree) for iri, n in nodes(result).items()}
    assert found == expected
    assert (result.network.nodes, result.network.edges, result.network.agreements) == (13, 14, 15)


def test_node_kinds_roles_and_countries(result: AnalysisResult) -> None:
    by_iri = nodes(result)
    assert by_iri[HOME].kind == "institution" and by_iri[HOME].roles == ["home"]
    assert by_iri[ENG].kind == "faculty" and by_iri[ENG].country == "JP"  # via org:unitOf
    assert by_iri[UNIDENTIFIED].kind == "unidentified" and by_iri[UNIDENTIFIED].country is None
    assert by_iri[ALPHA].roles == ["partner"] and by_iri[ALPHA].country == "KR"
    assert by_iri[LIT].label == "文学部" and by_iri[LIT].label_en is None  # no English: Japanese
    assert by_iri[ALPHA].label == "Alpha University" and by_iri[ALPHA].label_ja == "アルファ大学"


def test_components(result: AnalysisResult) -> None:
    components = result.network.components
    assert [c.size for c in components] == [11, 2]
    assert set(components[1].members) == {LIT, THETA}
    assert components[1].agreements == 1 and components[0].agreements == 14
    by_iri = nodes(result)
    assert by_iri[LIT].component == by_iri[THETA].component == 2


def test_betweenness_and_eigenvector(result: AnalysisResult) -> None:
    by_iri = nodes(result)
    for leaf in (BETA, DELTA, ETA, ZETA, LIT, THETA):  # a leaf lies on no shortest path
        assert by_iri[leaf].betweenness == 0.0
    # Home University bridges its five partners to the rest: the highest betweenness
    assert max(by_iri.values(), key=lambda n: n.betweenness).iri == HOME
    # the two-node component is outside the dominant eigenvector
    assert by_iri[LIT].eigenvector == pytest.approx(0.0, abs=1e-6)
    assert by_iri[GAMMA].eigenvector is not None and by_iri[GAMMA].eigenvector > 0.3


@pytest.mark.parametrize("scipy", [True, False])
def test_eigenvector_solvers_agree(result: AnalysisResult, monkeypatch: pytest.MonkeyPatch,
                                   scipy: bool) -> None:
    if scipy and not has_scipy():
        pytest.skip("scipy is not installed")
    monkeypatch.setattr(network, "DENSE_EIGEN_LIMIT", 0)  # the sparse or iterative solver
    monkeypatch.setattr(network, "has_scipy", lambda: scipy)
    other = nodes(analyze(oxigraph_store(), base_iri=BASE))
    for iri, node in nodes(result).items():
        assert other[iri].eigenvector == pytest.approx(node.eigenvector, abs=1e-4)


def test_betweenness_is_sampled_only_on_large_graphs(result: AnalysisResult,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert result.network.betweenness_sample is None
    monkeypatch.setattr(network, "EXACT_BETWEENNESS_LIMIT", 5)
    sampled = analyze(oxigraph_store(), base_iri=BASE)
    assert sampled.network.betweenness_sample == 13  # every node sampled: still exact
    assert [n.betweenness for n in sampled.network.ranking] == [
        n.betweenness for n in result.network.ranking]


def test_communities_are_seeded_and_partition_the_nodes(result: AnalysisResult) -> None:
    members = [m for c in result.network.communities for m in c.members]
    assert sorted(members) == sorted(nodes(result))
    # the separate component is a community of its own
    assert any(set(c.members) == {LIT, THETA} for c in result.network.communities)
    again = analyze(oxigraph_store(), base_iri=BASE, seed=42)
    assert [c.members for c in again.network.communities] == [
        c.members for c in result.network.communities]
    assert result.network.modularity is not None and result.network.modularity > 0.3


def test_inferred_graph_check() -> None:
    assert analyze(oxigraph_store(), base_iri=BASE).network.inferred_check.consistent is True
    store = oxigraph_store()
    store.remove(ox.Quad(ox.NamedNode(ALPHA), ox.NamedNode(
        "https://w3id.org/kyotei/def#hasAgreementWith"), ox.NamedNode(HOME),
        ox.NamedNode(INFERRED)))
    broken = analyze(store, base_iri=BASE)
    assert broken.network.inferred_check.consistent is False
    assert broken.network.inferred_check.linked_both_ways == 14
    assert any("Inferred graph" in w for w in broken.warnings)
    missing = analyze(oxigraph_store(inferred=False), base_iri=BASE).network.inferred_check
    assert missing.available is False and missing.consistent is None


# --- departments --------------------------------------------------------------------------

def test_bipartite_and_top_partners(result: AnalysisResult) -> None:
    bip = result.bipartite
    assert {d.iri: d.partners for d in bip.departments} == {
        ENG: 3, SCI: 2, LIT: 1, UNIDENTIFIED: 3}
    assert [(p.iri, p.departments, p.agreements) for p in bip.top_partners] == [
        (ALPHA, 3, 3), (GAMMA, 2, 3)]
    assert (bip.partners, bip.edges, bip.agreements) == (6, 9, 10)
    assert (bip.department_projection.nodes, bip.department_projection.edges) == (4, 3)
    strongest = bip.department_projection.top_pairs[0]
    assert {strongest.a.iri, strongest.b.iri} == {ENG, SCI} and strongest.weight == 2
    assert (bip.partner_projection.nodes, bip.partner_projection.edges) == (6, 6)
    top = bip.partner_projection.top_pairs[0]
    assert {top.a.iri, top.b.iri} == {ALPHA, GAMMA} and top.weight == 2


def test_jaccard_overlap(result: AnalysisResult) -> None:
    overlap = result.bipartite.overlap
    order = [r.iri for r in overlap.order]
    assert sorted(order) == sorted([ENG, SCI, LIT, UNIDENTIFIED])

    def jac(a: str, b: str) -> float:
        return float(overlap.matrix[order.index(a)][order.index(b)])

    assert jac(ENG, SCI) == pytest.approx(2 / 3, abs=1e-6)   # {α,γ} of {α,β,γ}
    assert jac(ENG, UNIDENTIFIED) == pytest.approx(1 / 5, abs=1e-6)  # {α} of {α,β,γ,ε,ζ}
    assert jac(SCI, UNIDENTIFIED) == pytest.approx(1 / 4, abs=1e-6)
    assert jac(LIT, ENG) == 0.0 and jac(SCI, SCI) == 1.0
    assert jac(ENG, SCI) == jac(SCI, ENG)
    assert overlap.clusters == [sorted([ENG, SCI, UNIDENTIFIED])]
    # the two most similar departments stand next to each other in the heat map's order
    assert abs(order.index(ENG) - order.index(SCI)) == 1


def test_overlap_order_without_scipy_is_deterministic() -> None:
    names = ["a", "b", "c", "d"]
    similarity = [[1, 0.1, 0.9, 0], [0.1, 1, 0, 0.5], [0.9, 0, 1, 0], [0, 0.5, 0, 1]]
    size = {"a": 3, "b": 2, "c": 5, "d": 1}
    order, method = cluster_order(names, similarity, size=size, use_scipy=False)
    assert (order, method) == (["c", "a", "b", "d"], GREEDY_METHOD)
    if has_scipy():
        clustered, _ = cluster_order(names, similarity, size=size, use_scipy=True)
        assert abs(clustered.index("a") - clustered.index("c")) == 1
        assert abs(clustered.index("b") - clustered.index("d")) == 1


# --- concentration and growth ---------------------------------------------------------------

def test_concentration_shares_and_herfindahl(result: AnalysisResult) -> None:
    everything, a, b = result.concentration
    assert (everything.scope, a.scope, b.scope) == ("all", "a.txt", "b.txt")
    assert {s.key: s.agreements for s in everything.by_country} == {
        "KR": 6, "DE": 5, "US": 2, "TH": 2}
    assert everything.by_country[0].share == pytest.approx(0.4)
    assert everything.hhi_country == pytest.approx(69 / 225, abs=1e-6)  # (36+25+4+4)/15²
    assert a.hhi_country == pytest.approx(46 / 144, abs=1e-6)           # (25+16+4+1)/12²
    assert b.hhi_country == pytest.approx(1 / 3, abs=1e-6)
    assert everything.effective_countries == pytest.approx(225 / 69, abs=1e-3)
    # regions: the university-level list has none; KR, TH take asia and DE europe from the
    # department-level rows; US is listed under no region anywhere
    assert {s.key: s.agreements for s in everything.by_region} == {"asia": 8, "europe": 5}
    assert everything.regions_unknown == 2
    assert everything.hhi_region == pytest.approx(89 / 169, abs=1e-6)  # (64+25)/13²
    assert everything.region_basis == {"country": 3, "listed": 10, "none": 2}


def test_growth_per_year(result: AnalysisResult) -> None:
    growth = result.growth
    per_year = {y.year: y.agreements for y in growth.years if y.agreements}
    assert per_year == {1995: 1, 2001: 1, 2010: 2, 2011: 1}
    assert [y.year for y in growth.years] == list(range(1995, 2012))  # gaps filled with 0
    assert {y.year: y.cumulative for y in growth.years}[2009] == 2
    assert growth.years[-1].cumulative == growth.dated == 5
    assert (growth.undated, growth.umbrella_members) == (10, 1)
    by_year_region = {y.year: y.by_region for y in growth.years if y.agreements}
    assert by_year_region[1995] == {"europe": 1} and by_year_region[2011] == {"asia": 1}
    assert by_year_region[2010] == {"unknown": 2}
    assert [(d.decade, d.agreements) for d in growth.decades] == [(1990, 1), (2000, 1),
                                                                    (2010, 3)]
    assert growth.documents == ["a.txt"]


# --- comparison -------------------------------------------------------------------------

def test_snapshot_comparison_states_scope(result: AnalysisResult) -> None:
    every, department = result.comparisons
    assert (every.older, every.newer, every.levels) == ("a.txt", "b.txt",
                                                        ["university", "department"])
    assert {r.iri for r in every.partners_both} == {ALPHA, EPSILON}
    assert {r.iri for r in every.only_older} == {BETA, GAMMA, DELTA, ETA, THETA}
    assert {r.iri for r in every.only_newer} == {ZETA}
    assert (every.countries_gained, every.countries_lost) == ([], ["US"])
    assert every.jaccard == pytest.approx(2 / 8)
    assert department.levels == ["department"]
    assert {r.iri for r in department.partners_both} == {ALPHA}
    assert (department.countries_gained, department.countries_lost) == (["TH"], [])
    text = " ".join(every.warnings)
    assert "b.txt names no publisher" in text and "different levels" in text
    assert "2012-05-01" in text and "2023-09-01" in text and "curated" in text


# --- engines, JSON ----------------------------------------------------------------------

def test_rdflib_dataset_gives_the_same_result(result: AnalysisResult) -> None:
    assert analyze(rdflib_dataset(), base_iri=BASE, seed=42).to_dict() == result.to_dict()


def test_json_validates_against_the_schema(result: AnalysisResult) -> None:
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    schema = json_schema()
    try:
        import jsonschema
    except ImportError:  # a structural check of the top level instead
        assert set(data) == set(schema["required"])
        assert all(m["meaning"] for m in data["measures"])
        return
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    data["network"]["ranking"][0]["degree"] = "five"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_every_measure_has_a_meaning(result: AnalysisResult) -> None:
    names = {m.name for m in result.measures}
    assert {"degree", "betweenness", "eigenvector", "communities", "jaccard", "hhi",
            "growth", "comparison"} <= names
    assert all(len(m.meaning) > 20 for m in result.measures)


def test_empty_graph_gives_an_empty_analysis() -> None:
    empty = analyze(ox.Store(), base_iri=BASE)
    assert (empty.agreements, empty.network.nodes, empty.growth.dated) == (0, 0, 0)
    assert empty.comparisons == [] and empty.concentration[0].hhi_country is None
