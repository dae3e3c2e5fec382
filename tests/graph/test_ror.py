"""Offline ROR reconciliation against a small dump in the v2 schema.

The fixture ``fixtures/ror_v2_small.json`` is synthetic: real-looking names with invented
identifiers (``https://ror.org/0fixtureNN``), never to be mistaken for real ROR records.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from engine_samples import union
from rdflib import Graph, URIRef
from test_identity_helpers import BASE, BILINGUAL, LIST, rec, results

from kyotei.graph.build.dataset import build_dataset
from kyotei.graph.curation.overrides import Curation
from kyotei.graph.curation.ror import (
    RorDumpError,
    institutions_from_graph,
    links_graph,
    load_dump,
    match,
)
from kyotei.graph.model.namespaces import OWL, sparql_prologue

FIXTURE = Path(__file__).parent / "fixtures" / "ror_v2_small.json"


def _graph(curation: Curation | None = None) -> Graph:
    records = [
        rec(BILINGUAL, 5, "チュラロンコン大学", en="Chulalongkorn University", country="TH"),
        rec(BILINGUAL, 6, "ソウル大学校", en="Seoul National University", country="KR"),
        rec(BILINGUAL, 7, "東北大学", en="Northeastern University", country="CN"),
        rec(BILINGUAL, 8, "マヒドン大学", en="Mahidol University", country="TH"),
        rec(BILINGUAL, 9, "カセサート大学", en="Kasetsart University", country="TH"),
        rec(LIST, 10, "ミラノ工科大学", country="IT"),
        rec(LIST, 11, "ハーバード大学", country="US"),
    ]
    return union(build_dataset(results(records), base_iri=BASE, curation=curation).dataset)


def _by_label(graph: Graph) -> dict[str, str]:
    """IRI by preferred Japanese label (the home institution left out)."""
    return {
        str(label): str(iri)
        for iri, label in graph.query(
            sparql_prologue(BASE)
            + """SELECT ?i ?l WHERE { ?i a kyotei:Institution ; skos:prefLabel ?l
                 FILTER(LANG(?l) = "ja") FILTER NOT EXISTS { ?doc dcterms:publisher ?i } }"""
        )  # type: ignore[misc]
    }


@pytest.fixture(scope="module")
def graph() -> Graph:
    return _graph()


def test_dump_is_read_in_the_v2_schema() -> None:
    records = load_dump(FIXTURE)
    assert len(records) == 9
    seoul = next(r for r in records if r.display == "Seoul National University")
    assert seoul.countries == ("KR",)
    assert {n.value for n in seoul.names if "acronym" in n.types} == {"SNU"}


def test_a_zipped_dump_is_read(tmp_path: Path) -> None:
    archive = tmp_path / "v1.50-ror-data.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(FIXTURE, "v1.50-2024-07-29-ror-data_schema_v2.json")
    assert len(load_dump(archive)) == 9


def test_a_v1_dump_is_refused(tmp_path: Path) -> None:
    old = tmp_path / "v1.json"
    old.write_text(json.dumps([{"id": "https://ror.org/0fixture99", "name": "X"}]))
    with pytest.raises(RorDumpError, match="schema v2"):
        load_dump(old)


def test_matching_by_name_and_country(graph: Graph) -> None:
    matches, candidates = match(institutions_from_graph(graph), load_dump(FIXTURE))
    linked = {m.institution.iri: m.record.id for m in matches}
    iri = _by_label(graph)
    assert linked[URIRef(iri["チュラロンコン大学"])] == "https://ror.org/0fixture01"
    assert linked[URIRef(iri["ソウル大学校"])] == "https://ror.org/0fixture02"
    # the Chinese Northeastern University, not the American one of the same name
    assert linked[URIRef(iri["東北大学"])] == "https://ror.org/0fixture03"
    # a Japanese label matches a ROR name with lang ja
    assert linked[URIRef(iri["ミラノ工科大学"])] == "https://ror.org/0fixture09"
    # the home institution (Tohoku University, JP) by its English label
    home = [m for m in matches if m.record.id == "https://ror.org/0fixture05"]
    assert len(home) == 1 and home[0].institution.country == "JP"
    assert URIRef(iri["ハーバード大学"]) not in linked
    reasons = {str(c.institution.iri): c.reason for c in candidates}
    assert "parent" in reasons[iri["マヒドン大学"]]  # two records share the name
    assert "inactive" in reasons[iri["カセサート大学"]]
    assert URIRef(iri["マヒドン大学"]) not in linked


def test_links_carry_their_evidence_and_enter_the_next_build(graph: Graph) -> None:
    matches, _ = match(institutions_from_graph(graph), load_dump(FIXTURE))
    links = links_graph(matches, base_iri=BASE, dump=FIXTURE.name)
    text = links.serialize(format="turtle")
    parsed = Graph().parse(data=text, format="turtle")
    rows = list(
        parsed.query(
            sparql_prologue(BASE)
            + """SELECT ?i ?ror ?why WHERE { ?i owl:sameAs ?ror ; kyotei:identityDecision ?d .
                 ?d kyotei:rule "ror.name-and-country" ; rdfs:comment ?why ; dcterms:source ?s }"""
        )
    )
    assert len(rows) == len(matches) == 5
    rebuilt = _graph(Curation(links=parsed))
    assert len(list(rebuilt.triples((None, OWL.sameAs, None)))) == 5
