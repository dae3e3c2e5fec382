"""Curated data: the crosswalk, each kind of override, an override that no longer matches,
and the real curation files against the real sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_samples import union
from rdflib import Graph
from test_identity_helpers import BASE, LIST, rec, ref_at, resolve, results, rules

from kyotei.graph.build.dataset import build_dataset
from kyotei.graph.curation.overrides import (
    Curation,
    CurationError,
    apply_overrides,
    load_crosswalk,
    load_curation,
    load_overrides,
)
from kyotei.graph.model.namespaces import sparql_prologue
from kyotei.graph.model.records import Basis
from kyotei.loaders import load_sources

ROOT = Path(__file__).parents[2]
L = LIST.file


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _union(curation: Curation, records: list) -> Graph:  # type: ignore[type-arg]
    return union(build_dataset(results(records), base_iri=BASE, curation=curation).dataset)


# -- crosswalk -----------------------------------------------------------------------------

CROSSWALK = """# comment lines are skipped
name_ja,name_en,country,ror,wikidata,source,note
チュラロンコン大学,Chulalongkorn University,TH,https://ror.org/0fixture01,,test source: a fixture,
"""


def test_crosswalk_adds_a_curated_english_name_and_identifier(tmp_path: Path) -> None:
    rows = load_crosswalk(_write(tmp_path, "crosswalk.csv", CROSSWALK))
    curation = Curation(rules=rules(), crosswalk=rows)
    graph = _union(curation, [rec(LIST, 10, "チュラロンコン大学", country="TH")])
    found = list(
        graph.query(
            sparql_prologue(BASE)
            + """SELECT ?en ?same ?src WHERE {
                ?i skos:prefLabel "チュラロンコン大学"@ja ; skos:prefLabel ?en ; owl:sameAs ?same ;
                   kyotei:identityDecision ?d .
                ?d kyotei:curated true ; dcterms:source ?src FILTER(LANG(?en) = "en") }"""
        )
    )
    assert [(str(a), str(b), str(c)) for a, b, c in found] == [  # type: ignore[misc]
        (
            "Chulalongkorn University",
            "https://ror.org/0fixture01",
            "crosswalk.csv line 3: test source: a fixture",
        )
    ]


def test_a_crosswalk_row_without_source_or_with_a_bad_identifier_is_refused(
    tmp_path: Path,
) -> None:
    header = "name_ja,name_en,country,ror,wikidata,source,note\n"
    with pytest.raises(CurationError, match="cite its source"):
        load_crosswalk(_write(tmp_path, "a.csv", header + "ナントカ大学,,TH,,,,\n"))
    with pytest.raises(CurationError, match="full ROR IRI"):
        load_crosswalk(_write(tmp_path, "b.csv", header + "ナントカ大学,,TH,0abc,,src,\n"))


# -- overrides -----------------------------------------------------------------------------


def _overrides(tmp_path: Path, body: str) -> Curation:
    return Curation(rules=rules(), overrides=load_overrides(_write(tmp_path, "o.toml", body)))


def test_assign_unit_gives_a_headerless_block_its_department(tmp_path: Path) -> None:
    curation = _overrides(
        tmp_path,
        """[[override]]
id = "law"
kind = "assign-unit"
document = "list.txt"
lines = [200, 201]
expect = ["ミラノ大学法学部", "ハイデルベルク大学法学部"]
unit = "法学研究科・法学部"
reason = "every partner of the block is a law faculty"
""",
    )
    records = [
        rec(LIST, 200, "ミラノ大学", unit="法学部", country="IT", text="ミラノ大学法学部"),
        rec(
            LIST,
            201,
            "ハイデルベルク大学",
            unit="法学部",
            country="DE",
            text="ハイデルベルク大学法学部",
        ),
    ]
    out = apply_overrides(records, curation)
    assert {r.home_unit_ja for r in out} == {"法学研究科・法学部"}
    assert all(r.repairs[-1].curated for r in out)
    assert curation.applied[0]["records"] == 2
    graph = _union(curation, records)
    homes = {
        str(label)
        for (label,) in graph.query(
            sparql_prologue(BASE)
            + "SELECT ?l WHERE { ?a kyotei:homeParty ?h . ?h a kyotei:Faculty ; skos:prefLabel ?l }"
        )  # type: ignore[misc]
    }
    assert homes == {"法学研究科・法学部"}


def test_set_country_is_curated(tmp_path: Path) -> None:
    curation = _overrides(
        tmp_path,
        """[[override]]
id = "rio"
kind = "set-country"
document = "list.txt"
lines = 200
expect = "リオ・グランジ・ド・スル州立大学"
country = "br"
reason = "test"
""",
    )
    out = apply_overrides(
        [rec(LIST, 200, "リオ・グランジ・ド・スル州立大学", unit="法学部")], curation
    )
    assert (out[0].country, out[0].country_basis) == ("BR", Basis.CURATED)


def test_merge_and_split_overrides(tmp_path: Path) -> None:
    curation = _overrides(
        tmp_path,
        """[[override]]
id = "m"
kind = "merge"
document = "list.txt"
lines = [10]
expect = ["コーケン大学"]
with = { document = "list.txt", lines = [11], expect = ["コーンケーン大学"] }
reason = "one katakana apart, both in Thailand"

[[override]]
id = "s"
kind = "split"
document = "list.txt"
lines = [13]
expect = ["ヨーク大学"]
as = "york-canada"
reason = "another York"
""",
    )
    records = [
        rec(LIST, 10, "コーケン大学", country="TH"),
        rec(LIST, 11, "コーンケーン大学", country="TH"),
        rec(LIST, 12, "ヨーク大学", country="GB"),
        rec(LIST, 13, "ヨーク大学", country="GB"),
    ]
    out = apply_overrides(records, curation)
    res = resolve(out, pins=curation.pins)
    assert ref_at(res, L, 10) == ref_at(res, L, 11)
    assert ref_at(res, L, 12) != ref_at(res, L, 13)
    merged = [d for d in res.decisions if d.rule == "curation.merge:m"]
    assert merged and merged[0].curated


def test_an_override_that_no_longer_matches_fails_naming_it_and_its_line(tmp_path: Path) -> None:
    curation = _overrides(
        tmp_path,
        """[[override]]
id = "law"
kind = "assign-unit"
document = "list.txt"
lines = [200]
expect = ["ミラノ大学法学部"]
unit = "法学研究科・法学部"
reason = "test"
""",
    )
    moved = [rec(LIST, 200, "トリノ大学", unit="法学部", country="IT", text="トリノ大学法学部")]
    with pytest.raises(CurationError) as caught:
        build_dataset(results(moved), base_iri=BASE, curation=curation)
    message = str(caught.value)
    assert "'law'" in message and "list.txt:200" in message and "トリノ大学法学部" in message


def test_malformed_overrides_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CurationError, match="needs a reason"):
        _overrides(
            tmp_path,
            '[[override]]\nid="x"\nkind="split"\ndocument="d"\nlines=1\nexpect="x"\nas="y"\n',
        )
    with pytest.raises(CurationError, match="kind must be"):
        _overrides(tmp_path, '[[override]]\nid="x"\nkind="rename"\nreason="r"\n')


# -- the real files ------------------------------------------------------------------------


def test_the_shipped_curation_matches_the_sources_and_no_curation_skips_it() -> None:
    loaded = load_sources(ROOT / "data" / "sources" / "sources.toml")
    records = [r for result in loaded for r in result.agreements]
    curation = load_curation(ROOT / "data" / "curation")
    out = apply_overrides(records, curation)
    applied = {a["id"]: a["records"] for a in curation.applied}
    assert applied["law-block"] == 7
    law = [r for r in out if r.home_unit_ja == "法学研究科・法学部"]
    assert {r.source.line for r in law} == {296, 297, 298, 299, 300, 301}
    bare = load_curation(ROOT / "data" / "curation", facts=False)
    assert bare.overrides == () and bare.crosswalk == () and bare.rules.variants
