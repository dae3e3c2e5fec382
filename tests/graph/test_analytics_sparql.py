"""The figures re-derived by SPARQL: the `# check:` queries of docs/analytics.md run on the
hand-made graph and compared with analyze(); the packaged queries are shown there verbatim."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from test_analytics import BASE, oxigraph_store

from kyotei.graph.analytics import AnalysisResult, analyze
from kyotei.graph.analytics.measures import MEANINGS
from kyotei.graph.analytics.source import SparqlSource

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "analytics.md"




def doc_checks() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```sparql\n(# check: ([\w-]+)\n.*?)```", text, flags=re.S)
    return {name: query for query, name in blocks}


@pytest.fixture(scope="module")
def source() -> SparqlSource:
    return SparqlSource(oxigraph_store(), base_iri=BASE)


@pytest.fixture(scope="module")
def result() -> AnalysisResult:
    return analyze(oxigraph_store(), base_iri=BASE)


@pytest.fixture(scope="module")
def checks() -> dict[str, str]:
    return doc_checks()


def test_every_packaged_query_is_shown_verbatim_in_the_docs() -> None:
    text = DOC.read_text(encoding="utf-8")
    files = [f for f in resources.files("kyotei.graph.analytics").iterdir()
             if f.name.endswith(".rq")]
    assert len(files) >= 10
    for file in files:
        assert file.read_text(encoding="utf-8").strip() in text, file.name


def test_every_measure_is_explained_in_the_docs() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name, meaning in MEANINGS.items():
        assert f"| `{name}` | {meaning} |" in text


def test_docs_have_the_checks(checks: dict[str, str]) -> None:
    assert set(checks) == {"home-degree", "per-year", "per-country", "hhi-country",
                           "shared-partners", "jaccard", "partners-both"}


def test_home_degree_from_inferred_links(source: SparqlSource, result: AnalysisResult,
                                         checks: dict[str, str]) -> None:
    rows = source.select(checks["home-degree"])
    derived = {r["home"]: int(r["degree"]) for r in rows}
    analysed = {n.iri: n.degree for n in result.network.ranking if "home" in n.roles}
    assert derived == analysed and len(derived) == 5


def test_per_year(source: SparqlSource, result: AnalysisResult, checks: dict[str, str]) -> None:
    derived = {int(r["year"]): int(r["agreements"]) for r in source.select(checks["per-year"])}
    analysed = {y.year: y.agreements for y in result.growth.years if y.agreements}
    assert derived == analysed == {1995: 1, 2001: 1, 2010: 2, 2011: 1}


def test_per_country_and_hhi(source: SparqlSource, result: AnalysisResult,
                             checks: dict[str, str]) -> None:
    everything = result.concentration[0]
    derived = {r["code"]: int(r["agreements"]) for r in source.select(checks["per-country"])}
    assert derived == {s.key: s.agreements for s in everything.by_country}
    (row,) = source.select(checks["hhi-country"])
    assert float(row["hhi"]) == pytest.approx(everything.hhi_country, abs=1e-6)


def test_shared_partners(source: SparqlSource, result: AnalysisResult,
                         checks: dict[str, str]) -> None:
    derived = {r["partner"]: int(r["departments"])
               for r in source.select(checks["shared-partners"])}
    assert derived == {p.iri: p.departments for p in result.bipartite.top_partners}


def test_jaccard(source: SparqlSource, result: AnalysisResult, checks: dict[str, str]) -> None:
    overlap = result.bipartite.overlap
    order = [r.iri for r in overlap.order]
    rows = source.select(checks["jaccard"])
    assert rows, "some departments share partners"
    for row in rows:
        i, j = order.index(row["d1"]), order.index(row["d2"])
        assert float(row["jaccard"]) == pytest.approx(overlap.matrix[i][j], abs=1e-6)
    # the pairs SPARQL does not list share nothing
    listed = {(r["d1"], r["d2"]) for r in rows}
    for a in order:
        for b in order:
            if a < b and (a, b) not in listed:
                assert overlap.matrix[order.index(a)][order.index(b)] == 0.0


def test_partners_both(source: SparqlSource, result: AnalysisResult,
                       checks: dict[str, str]) -> None:
    comparison = result.comparisons[0]
    query = checks["partners-both"].replace("OLDER", comparison.older).replace(
        "NEWER", comparison.newer)
    derived = {r["partner"] for r in source.select(query)}
    assert derived == {r.iri for r in comparison.partners_both}
