"""Identity in the built graph: one IRI per institution, labels, queryable decisions, and the
real sources (every row of every document names the resolved institution)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from engine_samples import union
from rdflib import Graph
from test_identity_helpers import BASE, BILINGUAL, LIST, london_colleges, rec, results

from kyotei.graph.build.dataset import build_dataset
from kyotei.graph.curation.overrides import load_curation
from kyotei.graph.model.namespaces import sparql_prologue
from kyotei.loaders import load_sources

ROOT = Path(__file__).parents[2]


def _rows(graph: Graph, query: str) -> list[tuple[str, ...]]:
    return sorted(
        tuple(str(v) for v in row)  # type: ignore[union-attr]
        for row in graph.query(sparql_prologue(BASE) + query)
    )


@pytest.fixture(scope="module")
def small() -> Graph:
    records = [
        rec(LIST, 10, "チュラロンコン大学", country="TH"),
        rec(LIST, 200, "チュラロンコーン大学", unit="教育学部", country="TH", home_unit="教育学部"),
        rec(
            BILINGUAL,
            5,
            "チュラロンコン大学",
            en="Chulalongkorn University",
            unit="工学部",
            unit_en="Faculty of Engineering",
            country="TH",
        ),
        rec(LIST, 11, "ソウル大学校", country="KR"),
        rec(LIST, 201, "ソウル大", unit="工科大学", country="KR", home_unit="工学部"),
        *london_colleges(),
        rec(LIST, 202, "スラナリー工科大学", unit="理学部"),
        rec(LIST, 12, "スラナリー工科大学", country="TH"),
    ]
    built = build_dataset(results(records), base_iri=BASE)
    return union(built.dataset)


def test_london_colleges_are_two_agreements_with_two_partners(small: Graph) -> None:
    rows = _rows(
        small,
        """
        SELECT ?a ?i WHERE { ?a kyotei:partnerInstitution ?i ; kyotei:primaryRecord ?r .
                             ?r kyotei:sourceLine ?line FILTER(STR(?line) IN ("33", "34")) }""",
    )
    assert len(rows) == 2 and rows[0][1] != rows[1][1]


def test_one_institution_has_one_iri_and_one_preferred_label_per_language(small: Graph) -> None:
    rows = _rows(
        small,
        """
        SELECT DISTINCT ?i WHERE { ?a kyotei:partnerInstitution ?i ; kyotei:primaryRecord ?r .
            ?r kyotei:verbatimText ?t FILTER(CONTAINS(?t, "チュラロン")) }""",
    )
    assert len(rows) == 1
    labels = _rows(
        small,
        f"""
        SELECT ?p ?l WHERE {{ <{rows[0][0]}> ?p ?l
                              FILTER(?p IN (skos:prefLabel, skos:altLabel)) }}""",
    )
    prefs = [(p, lit) for p, lit in labels if p.endswith("prefLabel")]
    assert sorted(prefs) == sorted(
        [
            ("http://www.w3.org/2004/02/skos/core#prefLabel", "チュラロンコン大学"),
            ("http://www.w3.org/2004/02/skos/core#prefLabel", "Chulalongkorn University"),
        ]
    )
    assert ("http://www.w3.org/2004/02/skos/core#altLabel", "チュラロンコーン大学") in labels


def test_an_abbreviation_is_never_the_preferred_label(small: Graph) -> None:
    rows = _rows(
        small,
        """
        SELECT ?l WHERE { ?i skos:altLabel "ソウル大"@ja ; skos:prefLabel ?l }""",
    )
    assert rows == [("ソウル大学校",)]


def test_every_merge_is_queryable_with_its_rule_and_source_lines(small: Graph) -> None:
    rows = _rows(
        small,
        """
        SELECT ?rule ?line WHERE {
          ?i a kyotei:Institution ; kyotei:identityDecision ?d .
          ?d kyotei:decisionKind "merge" ; kyotei:rule ?rule ; rdfs:comment ?why ;
             prov:used/kyotei:sourceLine ?line }""",
    )
    assert ("name.kana-variant", "200") in rows
    assert ("name.abbreviation", "201") in rows
    assert ("country.joined", "202") in rows


def test_resolved_countries_flow_into_agreements(small: Graph) -> None:
    rows = _rows(
        small,
        """
        SELECT ?cc ?basis WHERE { ?a kyotei:primaryRecord ?r . ?r kyotei:sourceLine ?line .
            ?a kyotei:country ?c . ?c skos:notation ?cc . ?a kyotei:countryBasis ?basis
            FILTER(STR(?line) = "202") }""",
    )
    assert rows == [("TH", "resolved")]


def test_institution_iris_are_ascii_lower_case(small: Graph) -> None:
    iris = _rows(
        small,
        """SELECT ?i WHERE { ?i a kyotei:Institution
            FILTER NOT EXISTS { ?i a kyotei:UnidentifiedInstitution } }""",
    )
    assert iris
    for (iri,) in iris:
        assert re.fullmatch(r"https://example\.org/id/institution/[a-z]{2}/[0-9a-f]{10}", iri), iri


# -- the real sources ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> tuple[Graph, dict[str, object]]:
    loaded = load_sources(ROOT / "data" / "sources" / "sources.toml")
    built = build_dataset(loaded, base_iri=BASE, curation=load_curation(ROOT / "data" / "curation"))
    return union(built.dataset), built.report


def test_real_sources_one_iri_per_institution_across_documents(
    real: tuple[Graph, dict[str, object]],
) -> None:
    graph, _ = real
    rows = _rows(
        graph,
        """
        SELECT ?doc (COUNT(DISTINCT ?i) AS ?n) WHERE {
          ?a kyotei:partnerInstitution ?i ; kyotei:primaryRecord ?r .
          ?r kyotei:verbatimText ?t ; kyotei:sourceDocument/dcterms:identifier ?doc
          FILTER(STRSTARTS(?t, "大連理工大")) } GROUP BY ?doc""",
    )
    assert [n for _, n in rows] == ["1", "1"]
    both = _rows(
        graph,
        """
        SELECT DISTINCT ?i WHERE { ?a kyotei:partnerInstitution ?i ; kyotei:primaryRecord ?r .
          ?r kyotei:verbatimText ?t FILTER(STRSTARTS(?t, "大連理工大")) }""",
    )
    assert len(both) == 1


def test_real_sources_institutions_with_both_levels(real: tuple[Graph, dict[str, object]]) -> None:
    graph, _ = real
    query = (ROOT / "server" / "pages" / "queries" / "04-institutions-with-both-levels.rq")
    query = query.read_text()
    names = {str(row[1]) for row in graph.query(sparql_prologue(BASE) + query)}  # type: ignore[index]
    assert {"チュラロンコン大学", "バンドン工科大学", "大連理工大学", "ソウル大学校"} <= names


def test_real_sources_report_oulu_as_settled(real: tuple[Graph, dict[str, object]]) -> None:
    _, report = real
    conflicts = report["conflicts"]
    assert isinstance(conflicts, list)
    oulu = [c for c in conflicts if c["subject"].startswith("オウル大学")]
    assert oulu and oulu[0]["status"] == "settled"
    assert {p["line"] for p in oulu[0]["places"]} == {111, 336}
    summary = report["identity_summary"]
    assert isinstance(summary, dict)
    assert summary["institutions_after"] < summary["institutions_before"]
