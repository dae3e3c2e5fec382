"""Exports: byte-identical, round-tripping RDF and the agreements CSV."""

from __future__ import annotations

import csv
import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from engine_samples import FIXTURE, fixture_dataset
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS, XSD

from kyotei.graph.model.namespaces import KYOTEI, ORG
from kyotei.graph.publish.writers import (
    CSV_HEADER,
    FORMATS,
    ExportError,
    export,
    inferred_graph_iri,
    merged_graph,
)

BASE = "https://w3id.org/kyotei/id/"
RDF_FORMATS = ["turtle", "ntriples", "jsonld", "trig"]
PARSE_AS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig"}
HOME = URIRef(BASE + "institution/jp/0a1b2c3d4e")
SNU = URIRef(BASE + "institution/kr/77aa55cc33")


def shuffled(dataset: Dataset, seed: int) -> Dataset:
    """The same quads, added in another order."""
    quads = list(dataset.quads((None, None, None, None)))
    random.Random(seed).shuffle(quads)  # noqa: S311 - test data order, not cryptography
    copy = Dataset()
    for s, p, o, g in quads:
        copy.graph(g.identifier if isinstance(g, Graph) else g).add((s, p, o))  # type: ignore[arg-type]
    return copy


def with_inferred(dataset: Dataset) -> Dataset:
    inferred = dataset.graph(inferred_graph_iri(BASE))
    inferred.add((HOME, KYOTEI.hasAgreementWith, SNU))
    inferred.add((HOME, ORG.linkedTo, SNU))
    return dataset


def run(dataset: Dataset, fmt: str, **kwargs: bool) -> bytes:
    out = io.BytesIO()
    export(dataset, fmt, out, base_iri=BASE, **kwargs)
    return out.getvalue()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_byte_identical_whatever_the_insertion_order(fmt: str) -> None:
    dataset = fixture_dataset()
    first = run(dataset, fmt)
    assert first == run(dataset, fmt)
    assert first == run(shuffled(dataset, 1), fmt)
    assert first == run(shuffled(dataset, 2), fmt)


def test_byte_identical_across_processes(tmp_path: Path) -> None:
    script = (
        "import sys\nfrom pathlib import Path\nfrom rdflib import Dataset\n"
        "from kyotei.graph.publish.writers import export\n"
        "d = Dataset(); d.parse(sys.argv[1], format='trig')\n"
        "for fmt in ('turtle', 'ntriples', 'jsonld', 'trig', 'csv'):\n"
        "    export(d, fmt, Path(sys.argv[2] + '.' + fmt), base_iri=sys.argv[3])\n"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, str(FIXTURE), str(tmp_path / seed), BASE],
            check=True, env=env,
        )
    for fmt in FORMATS:
        assert (tmp_path / f"1.{fmt}").read_bytes() == (tmp_path / f"2.{fmt}").read_bytes()


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld"])
def test_round_trip_merged(fmt: str) -> None:
    dataset = fixture_dataset()
    parsed = Graph().parse(data=run(dataset, fmt), format=PARSE_AS[fmt])
    assert isomorphic(parsed, merged_graph(dataset, base_iri=BASE))
    assert len(parsed) == len(dataset)


def test_round_trip_trig_keeps_named_graphs() -> None:
    dataset = fixture_dataset()
    parsed = Dataset()
    parsed.parse(data=run(dataset, "trig"), format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {str(g.identifier) for g in parsed.graphs() if len(g)} == names
    assert len(names) == 3
    for name in names:
        assert isomorphic(parsed.graph(URIRef(name)), dataset.graph(URIRef(name))), name


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "trig"])
def test_other_parsers_read_the_output(fmt: str) -> None:
    oxi = {"turtle": pyoxigraph.RdfFormat.TURTLE, "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
           "trig": pyoxigraph.RdfFormat.TRIG}[fmt]
    quads = list(pyoxigraph.parse(run(fixture_dataset(), fmt), format=oxi))
    assert len(quads) == len(fixture_dataset())


def test_inferred_only_when_asked() -> None:
    dataset = with_inferred(fixture_dataset())
    asserted = len(fixture_dataset())
    for fmt in ("turtle", "ntriples", "jsonld"):
        plain = Graph().parse(data=run(dataset, fmt), format=PARSE_AS[fmt])
        full = Graph().parse(data=run(dataset, fmt, inferred=True), format=PARSE_AS[fmt])
        assert len(plain) == asserted
        assert len(full) == asserted + 2
        assert (HOME, KYOTEI.hasAgreementWith, SNU) in full
    parsed = Dataset()
    parsed.parse(data=run(dataset, "trig", inferred=True), format="trig")
    assert len(parsed.graph(inferred_graph_iri(BASE))) == 2
    parsed = Dataset()
    parsed.parse(data=run(dataset, "trig"), format="trig")
    assert len(parsed.graph(inferred_graph_iri(BASE))) == 0


def test_turtle_is_sorted_with_prefixes_and_relative_iris() -> None:
    text = run(fixture_dataset(), "turtle").decode("utf-8")
    assert text.startswith(f"@base <{BASE}> .\n@prefix dcat: ")
    assert "@prefix kyotei: <https://w3id.org/kyotei/def#> ." in text
    subjects = [line.split(" ")[0].strip("<>") for line in text.split("\n\n")[1:] if line]
    assert subjects == sorted(subjects)
    assert "<agreement/3f2a9c0d11e4b7a2> a kyotei:Agreement ;\n" in text
    assert '    kyotei:signedOn "2004-03-15"^^xsd:date ;\n' in text


def test_awkward_literals_and_blank_nodes_round_trip() -> None:
    dataset = Dataset()
    g = dataset.graph(URIRef(BASE + "graph/common"))
    s = URIRef(BASE + "thing/1")
    for text in ['quote " and \\ backslash', "line\nbreak\ttab\r", "bell\x07", "日本語"]:
        g.add((s, RDFS.comment, Literal(text)))
    g.add((s, RDFS.comment, Literal("typed", datatype=XSD.string)))
    g.add((s, RDFS.comment, Literal("7", datatype=XSD.integer)))
    g.add((s, URIRef("http://example.org/odd#p.q"), URIRef("http://example.org/x")))
    b1, b2 = BNode(), BNode()
    g.add((s, RDFS.seeAlso, b1))
    g.add((b1, RDFS.label, Literal("one")))
    g.add((b1, RDFS.seeAlso, b2))
    g.add((b2, RDFS.label, Literal("two")))
    for fmt in RDF_FORMATS:
        data = run(dataset, fmt)
        assert data == run(shuffled(dataset, 3), fmt), fmt  # blank nodes relabelled the same
        if fmt == "trig":
            parsed = Dataset()
            parsed.parse(data=data, format="trig")
            assert isomorphic(parsed.graph(g.identifier), g)
        else:
            assert isomorphic(Graph().parse(data=data, format=PARSE_AS[fmt]), g), fmt


def test_blank_node_shared_by_two_graphs_is_refused() -> None:
    dataset = Dataset()
    b = BNode()
    dataset.graph(URIRef(BASE + "graph/a")).add((b, RDFS.label, Literal("a")))
    dataset.graph(URIRef(BASE + "graph/b")).add((b, RDFS.label, Literal("b")))
    with pytest.raises(ExportError, match="shared by two named graphs"):
        run(dataset, "trig")


def test_unknown_format_and_path_output(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown export format 'xml'"):
        run(fixture_dataset(), "xml")
    target = tmp_path / "out.ttl"
    export(fixture_dataset(), "turtle", target, base_iri=BASE)
    assert target.read_bytes() == run(fixture_dataset(), "turtle")


def read_csv() -> tuple[str, list[dict[str, str]]]:
    text = run(fixture_dataset(), "csv").decode("utf-8")
    return text, list(csv.DictReader(io.StringIO(text)))


def test_csv_header_is_exact() -> None:
    text, _ = read_csv()
    assert text.split("\n", 1)[0] == (
        "agreement,level,home_unit_ja,partner_institution,partner_institution_ja,"
        "partner_institution_en,partner_unit_ja,partner_unit_en,country,region_ja,region_en,"
        "signed_on,tuition_waiver,source_document,source_line,source_text,source_locator"
    )
    assert ",".join(CSV_HEADER) == text.split("\n", 1)[0]
    assert "\r" not in text


def test_csv_rows() -> None:
    _, rows = read_csv()
    assert [(r["source_document"], r["source_line"]) for r in rows] == [
        ("000_1653739df7b8e744.txt", "12"),
        ("001_2fb9447d554a3c8c.txt", "40"),
        ("001_2fb9447d554a3c8c.txt", "41"),
        ("001_2fb9447d554a3c8c.txt", "352"),  # printed at 352 and 410: its primary record
    ]
    dept = rows[3]
    assert dept == {
        "agreement": BASE + "agreement/3f2a9c0d11e4b7a2",
        "level": "department",
        "home_unit_ja": "工学研究科・工学部",
        "partner_institution": str(SNU),
        "partner_institution_ja": "ソウル大学校",
        "partner_institution_en": "Seoul National University",
        "partner_unit_ja": "工科大学",
        "partner_unit_en": "",
        "country": "KR",
        "region_ja": "アジア",
        "region_en": "Asia",
        "signed_on": "2004-03-15",
        "tuition_waiver": "true",
        "source_document": "001_2fb9447d554a3c8c.txt",
        "source_line": "352",
        "source_text": "ソウル大工科大学",
        "source_locator": "l352",
    }
    unidentified_home = rows[0]
    assert unidentified_home["home_unit_ja"] == ""  # an institution, not a faculty
    assert unidentified_home["partner_unit_en"] == "Faculty of Engineering"
    assert unidentified_home["source_text"] == "Chulalongkorn University, Faculty of Engineering"
    university = rows[1]
    assert (university["level"], university["partner_unit_ja"], university["tuition_waiver"]) == (
        "university", "", "false")
    member = rows[2]
    assert (member["signed_on"], member["tuition_waiver"], member["source_text"]) == (
        "", "", "　バークレー校")


def test_csv_uses_level_notations_in_the_data() -> None:
    dataset = fixture_dataset()
    common = dataset.graph(URIRef(BASE + "graph/common"))
    notation = URIRef("http://www.w3.org/2004/02/skos/core#notation")
    common.add((KYOTEI.UniversityLevel, notation, Literal("univ-from-data")))
    rows = list(csv.DictReader(io.StringIO(run(dataset, "csv").decode("utf-8"))))
    assert {r["level"] for r in rows} == {"univ-from-data", "department"}


def test_csv_cites_the_primary_record() -> None:
    dataset = fixture_dataset()
    source = dataset.graph(URIRef(BASE + "graph/source/001_2fb9447d554a3c8c"))
    agreement = URIRef(BASE + "agreement/3f2a9c0d11e4b7a2")
    source.set((agreement, KYOTEI.primaryRecord,
                URIRef(BASE + "record/001_2fb9447d554a3c8c/410/1")))
    rows = list(csv.DictReader(io.StringIO(run(dataset, "csv").decode("utf-8"))))
    (row,) = [r for r in rows if r["agreement"] == str(agreement)]
    assert (row["source_line"], row["source_text"]) == ("410", "ソウル大 工科大学")


def test_csv_gives_a_month_only_date_as_yyyy_mm() -> None:
    dataset = fixture_dataset()
    source = dataset.graph(URIRef(BASE + "graph/source/001_2fb9447d554a3c8c"))
    agreement = URIRef(BASE + "agreement/3f2a9c0d11e4b7a2")
    source.remove((agreement, KYOTEI.signedOn, None))
    source.add((agreement, KYOTEI.signedInMonth, Literal("2004-03", datatype=XSD.gYearMonth)))
    rows = list(csv.DictReader(io.StringIO(run(dataset, "csv").decode("utf-8"))))
    assert [r["signed_on"] for r in rows if r["agreement"] == str(agreement)] == ["2004-03"]
