"""validate_graph: a report that explains itself and points into the source documents."""

from __future__ import annotations

from engine_samples import fixture, fixture_dataset
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import SH

from kyotei.graph.build.validate import SourcePlace, format_report, load_shapes, validate_graph
from kyotei.graph.model.namespaces import KYOTEI, SKOS

ID = "https://w3id.org/kyotei/id/"
A_DEPT = URIRef(ID + "agreement/3f2a9c0d11e4b7a2")  # records at lines 352 and 410
SNU = URIRef(ID + "institution/kr/77aa55cc33")  # partner institution of A_DEPT only
HOME = URIRef(ID + "institution/jp/0a1b2c3d4e")  # home party at lines 40, 41; unit at 352
REC = URIRef(ID + "record/001_2fb9447d554a3c8c/40/1")
DOC = URIRef(ID + "document/001_2fb9447d554a3c8c")
DOC_NAME = "001_2fb9447d554a3c8c.txt"
DECISION = URIRef(ID + "identity/decision/0f1e2d3c4b5a6978")


def test_conforming_graph() -> None:
    report = validate_graph(fixture())
    assert report.conforms
    assert report.violations == ()
    assert "Conforms: True" in report.text
    assert (None, SH.conforms, Literal(True)) in report.report_graph


def test_dataset_is_validated_as_one_graph() -> None:
    # Agreements and the countries they name live in different named graphs.
    assert validate_graph(fixture_dataset()).conforms


def test_never_changes_the_callers_graph() -> None:
    graph = fixture()
    graph.remove((SNU, SKOS.prefLabel, None))
    before = to_isomorphic(graph)
    report = validate_graph(graph)
    assert not report.conforms
    assert isomorphic(graph, before)
    assert len(graph) == len(before)

    dataset = fixture_dataset()
    sizes = {g.identifier: len(g) for g in dataset.graphs()}
    validate_graph(dataset)
    assert {g.identifier: len(g) for g in dataset.graphs()} == sizes


def test_violation_points_to_the_source_line() -> None:
    graph = fixture()
    graph.remove((REC, KYOTEI.verbatimText, None))  # the record itself: line 40
    graph.remove((A_DEPT, KYOTEI.level, None))  # an agreement: its lowest record, 352
    graph.remove((SNU, SKOS.prefLabel, None))  # named by A_DEPT: 352
    graph.add((HOME, KYOTEI.country, URIRef(ID + "country/kr")))
    graph.add((HOME, KYOTEI.country, URIRef(ID + "country/us")))  # named at lines 40, 41
    graph.remove((DOC, KYOTEI.publisherStatus, None))  # a document: no line
    graph.remove((DECISION, KYOTEI.rule, None))  # the record it used: 410
    report = validate_graph(graph)
    places = {(v.focus_node, v.result_path): v.source for v in report.violations}
    assert places == {
        (REC, KYOTEI.verbatimText): SourcePlace(DOC_NAME, 40),
        (A_DEPT, KYOTEI.level): SourcePlace(DOC_NAME, 352),
        (SNU, SKOS.prefLabel): SourcePlace(DOC_NAME, 352),
        (HOME, KYOTEI.country): SourcePlace(DOC_NAME, 40),
        (DOC, KYOTEI.publisherStatus): SourcePlace(DOC_NAME, None),
        (DECISION, KYOTEI.rule): SourcePlace(DOC_NAME, 410),
    }
    # sorted by document and line
    lines = [v.source.line or 0 for v in report.violations if v.source]
    assert lines == sorted(lines)


def test_messages_in_english_and_japanese() -> None:
    graph = fixture()
    graph.remove((A_DEPT, KYOTEI.level, None))
    (violation,) = validate_graph(graph).violations
    assert violation.severity == "Violation"
    assert "kyotei:level" in violation.message
    assert violation.message_ja is not None and "協定の種別" in violation.message_ja
    assert violation.constraint == SH.MinCountConstraintComponent
    assert violation.source_shape == URIRef("https://w3id.org/kyotei/shapes#AgreementLevelShape")


def test_format_report_one_line_per_violation() -> None:
    graph = fixture()
    graph.remove((A_DEPT, KYOTEI.level, None))
    graph.set((A_DEPT, KYOTEI.tuitionWaiver, Literal("maybe")))
    graph.remove((DOC, KYOTEI.publisherStatus, None))
    report = validate_graph(graph)
    lines = format_report(report).splitlines()
    assert len(lines) == len(report.violations) == 3
    assert lines[0].startswith(f"{DOC_NAME}: <{DOC}> kyotei:publisherStatus: ")
    dept = [line for line in lines if line.startswith(f"{DOC_NAME}:352: <{A_DEPT}> ")]
    assert {line.split(" ")[2] for line in dept} == {"kyotei:level:", "kyotei:tuitionWaiver:"}
    assert all(line.endswith(v.message) for line, v in zip(lines, report.violations, strict=True))


def test_format_report_shows_sequence_paths_and_node_results() -> None:
    graph = fixture()
    graph.set((A_DEPT, KYOTEI.partnerInstitution, HOME))
    text = format_report(validate_graph(graph))
    assert f"{DOC_NAME}:352: <{A_DEPT}> (node): kyotei:partnerInstitution must be" in text


def test_custom_shapes() -> None:
    shapes = Graph().parse(
        data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix kyotei: <{KYOTEI}> .
        <urn:test:shape> a sh:NodeShape ; sh:targetClass kyotei:Agreement ;
            sh:property [ sh:path kyotei:signedOn ; sh:minCount 1 ;
                          sh:severity sh:Warning ; sh:message "no date"@en ] .
        """,
        format="turtle",
    )
    report = validate_graph(fixture(), shapes=shapes)
    assert report.conforms  # warnings do not fail validation
    assert {v.severity for v in report.violations} == {"Warning"}
    assert {v.message for v in report.violations} == {"no date"}
    assert "[Warning] no date" in format_report(report)


def test_load_shapes_returns_a_fresh_graph() -> None:
    first = load_shapes()
    first.remove((None, None, None))
    assert len(load_shapes()) > 100
