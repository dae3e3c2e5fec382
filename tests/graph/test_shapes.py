"""The SHACL shapes: the fixture conforms, and each constraint catches what it is for."""

from __future__ import annotations

import pytest
from engine_samples import fixture
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SH

from kyotei.graph.build.validate import ValidationReport, load_shapes, validate_graph
from kyotei.graph.model.namespaces import KYOTEI, ORG, PROV, SKOS

ID = "https://w3id.org/kyotei/id/"
PREFIXES = f"""
PREFIX kyotei: <{KYOTEI}>
PREFIX id: <{ID}>
PREFIX org: <{ORG}>
PREFIX skos: <{SKOS}>
PREFIX prov: <{PROV}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

A_DEPT = "agreement/3f2a9c0d11e4b7a2"  # department level, partner faculty, two records
A_UNIV = "agreement/5d6e7f8091a2b3c4"  # university level, partner institution
A_UNID = "agreement/0011223344556677"  # home party an UnidentifiedInstitution
SNU = "institution/kr/77aa55cc33"
SNU_ENG = "institution/kr/77aa55cc33/unit/1122334455"
HOME = "institution/jp/0a1b2c3d4e"
UNID = "institution/unidentified/000_1653739df7b8e744"
KR = "country/kr"
ASIA = "region/asia"
DOC = "document/001_2fb9447d554a3c8c"
REC = "record/001_2fb9447d554a3c8c/40/1"
REPAIR = "agreement/3f2a9c0d11e4b7a2/repair/1"
DECISION = "identity/decision/0f1e2d3c4b5a6978"
JP_IRI = f"<{ID}country/jp>"
NA_IRI = f"<{ID}region/north-america>"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _replace(node: str, prop: str, new: str) -> str:
    return (
        f"DELETE {{ <{ID}{node}> {prop} ?o }} INSERT {{ <{ID}{node}> {prop} {new} }} "
        f"WHERE {{ <{ID}{node}> {prop} ?o }}"
    )


def _delete(node: str, prop: str) -> str:
    return f"DELETE WHERE {{ <{ID}{node}> {prop} ?o }}"


def _insert(node: str, prop: str, new: str) -> str:
    return f"INSERT DATA {{ <{ID}{node}> {prop} {new} }}"


# (case id, SPARQL update, focus node, result path or None for the node, constraint component)
NEGATIVE = [
    # Agreement
    ("level-missing", _delete(A_DEPT, "kyotei:level"), A_DEPT, KYOTEI.level, "MinCount"),
    ("level-two", _insert(A_DEPT, "kyotei:level", "kyotei:UniversityLevel"), A_DEPT,
     KYOTEI.level, "MaxCount"),
    ("level-unknown", _replace(A_DEPT, "kyotei:level", "kyotei:OtherLevel"), A_DEPT,
     KYOTEI.level, "In"),
    ("home-missing", _delete(A_DEPT, "kyotei:homeParty"), A_DEPT, KYOTEI.homeParty, "MinCount"),
    ("home-country", _replace(A_DEPT, "kyotei:homeParty", f"<{ID}{KR}>"), A_DEPT,
     KYOTEI.homeParty, "Or"),
    ("home-literal", _replace(A_DEPT, "kyotei:homeParty", '"東北大学"'), A_DEPT,
     KYOTEI.homeParty, "NodeKind"),
    ("partner-missing", _delete(A_UNIV, "kyotei:partnerParty"), A_UNIV,
     KYOTEI.partnerParty, "MinCount"),
    ("partner-unidentified", _replace(A_UNIV, "kyotei:partnerParty", f"<{ID}{UNID}>"), A_UNIV,
     KYOTEI.partnerParty, "Or"),
    ("partner-two", _insert(A_DEPT, "kyotei:partnerParty", f"<{ID}{SNU}>"), A_DEPT,
     KYOTEI.partnerParty, "MaxCount"),
    ("partner-institution-missing", _delete(A_DEPT, "kyotei:partnerInstitution"), A_DEPT,
     KYOTEI.partnerInstitution, "MinCount"),
    ("partner-institution-faculty", _replace(A_DEPT, "kyotei:partnerInstitution",
                                             f"<{ID}{SNU_ENG}>"), A_DEPT,
     KYOTEI.partnerInstitution, "Class"),
    ("partner-institution-inconsistent", _replace(A_DEPT, "kyotei:partnerInstitution",
                                                  f"<{ID}{HOME}>"), A_DEPT, None, "Or"),
    ("signed-string", _replace(A_DEPT, "kyotei:signedOn", '"2004-03-15"'), A_DEPT,
     KYOTEI.signedOn, "Datatype"),
    ("signed-two", _insert(A_DEPT, "kyotei:signedOn", '"2005-01-01"^^xsd:date'), A_DEPT,
     KYOTEI.signedOn, "MaxCount"),
    ("signed-unpadded", _replace(A_DEPT, "kyotei:signedOn", '"2004-3-15"^^xsd:date'), A_DEPT,
     KYOTEI.signedOn, "Pattern"),
    ("month-string", _delete(A_UNIV, "kyotei:signedOn") + ";"
     + _insert(A_UNIV, "kyotei:signedInMonth", '"2004-03"'), A_UNIV, KYOTEI.signedInMonth,
     "Datatype"),
    ("month-two", _delete(A_UNIV, "kyotei:signedOn") + ";"
     + _insert(A_UNIV, "kyotei:signedInMonth", '"2004-03"^^xsd:gYearMonth, '
               '"2004-04"^^xsd:gYearMonth'), A_UNIV, KYOTEI.signedInMonth, "MaxCount"),
    ("month-beside-day", _insert(A_UNIV, "kyotei:signedInMonth", '"2004-03"^^xsd:gYearMonth'),
     A_UNIV, None, "Or"),
    ("waiver-string", _replace(A_DEPT, "kyotei:tuitionWaiver", '"yes"'), A_DEPT,
     KYOTEI.tuitionWaiver, "Datatype"),
    ("waiver-two", _insert(A_DEPT, "kyotei:tuitionWaiver", "false"), A_DEPT,
     KYOTEI.tuitionWaiver, "MaxCount"),
    ("country-region", _replace(A_DEPT, "kyotei:country", f"<{ID}{ASIA}>"), A_DEPT,
     KYOTEI.country, "Class"),
    ("country-two", _insert(A_DEPT, "kyotei:country", JP_IRI), A_DEPT,
     KYOTEI.country, "MaxCount"),
    ("region-country", _replace(A_DEPT, "kyotei:inRegion", f"<{ID}{KR}>"), A_DEPT,
     KYOTEI.inRegion, "Class"),
    ("region-two", _insert(A_DEPT, "kyotei:inRegion", NA_IRI), A_DEPT,
     KYOTEI.inRegion, "MaxCount"),
    ("country-basis-unknown", _replace(A_DEPT, "kyotei:countryBasis", '"guessed"'), A_DEPT,
     KYOTEI.countryBasis, "Pattern"),
    ("region-basis-not-allowed", _replace(A_DEPT, "kyotei:regionBasis", '"resolved"'), A_DEPT,
     KYOTEI.regionBasis, "Pattern"),
    ("source-missing", _delete(A_UNIV, "prov:wasDerivedFrom"), A_UNIV,
     PROV.wasDerivedFrom, "MinCount"),
    ("source-document", _replace(A_UNIV, "prov:wasDerivedFrom", f"<{ID}{DOC}>"), A_UNIV,
     PROV.wasDerivedFrom, "Class"),
    ("umbrella-institution", _replace("agreement/6e7f8091a2b3c4d5", "kyotei:umbrellaAgreement",
                                      f"<{ID}{SNU}>"), "agreement/6e7f8091a2b3c4d5",
     KYOTEI.umbrellaAgreement, "Class"),
    ("umbrella-two", _insert("agreement/6e7f8091a2b3c4d5", "kyotei:umbrellaAgreement",
                             f"<{ID}{A_DEPT}>"), "agreement/6e7f8091a2b3c4d5",
     KYOTEI.umbrellaAgreement, "MaxCount"),
    ("primary-record-document", _insert(A_UNIV, "kyotei:primaryRecord", f"<{ID}{DOC}>"), A_UNIV,
     KYOTEI.primaryRecord, "Class"),
    ("primary-record-two", _insert(A_DEPT, "kyotei:primaryRecord", f"<{ID}{REC}>") + ";"
     + _insert(A_DEPT, "kyotei:primaryRecord", f"<{ID}record/001_2fb9447d554a3c8c/41/1>"),
     A_DEPT, KYOTEI.primaryRecord, "MaxCount"),
    ("home-unit-unknown-string", _insert(A_DEPT, "kyotei:homeUnitUnknown", '"yes"'), A_DEPT,
     KYOTEI.homeUnitUnknown, "Datatype"),
    ("repair-record", _replace(A_DEPT, "kyotei:repair", f"<{ID}{REC}>"), A_DEPT,
     KYOTEI.repair, "Class"),
    # Institution (and UnidentifiedInstitution)
    ("institution-no-label", _delete(SNU, "skos:prefLabel"), SNU, SKOS.prefLabel, "MinCount"),
    ("institution-two-ja", _insert(SNU, "skos:prefLabel", '"ソウル大"@ja'), SNU,
     SKOS.prefLabel, "UniqueLang"),
    ("institution-label-zh", _insert(SNU, "skos:prefLabel", '"首尔大学"@zh'), SNU,
     SKOS.prefLabel, "LanguageIn"),
    ("institution-label-plain", _insert(SNU, "skos:prefLabel", '"SNU"'), SNU,
     SKOS.prefLabel, "LanguageIn"),
    ("institution-alt-plain", _replace(SNU, "skos:altLabel", '"ソウル大"'), SNU,
     SKOS.altLabel, "Datatype"),
    ("institution-two-countries", _insert(SNU, "kyotei:country", JP_IRI), SNU,
     KYOTEI.country, "MaxCount"),
    ("institution-country-region", _replace(SNU, "kyotei:country", f"<{ID}{ASIA}>"), SNU,
     KYOTEI.country, "Class"),
    ("unidentified-no-label", _delete(UNID, "skos:prefLabel"), UNID, SKOS.prefLabel,
     "MinCount"),
    ("institution-decision-record", _replace(SNU, "kyotei:identityDecision", f"<{ID}{REC}>"),
     SNU, KYOTEI.identityDecision, "Class"),
    # Faculty
    ("faculty-no-unit-of", _delete(SNU_ENG, "org:unitOf"), SNU_ENG, ORG.unitOf, "MinCount"),
    ("faculty-unit-of-country", _replace(SNU_ENG, "org:unitOf", f"<{ID}{KR}>"), SNU_ENG,
     ORG.unitOf, "Or"),
    ("faculty-two-unit-of", _insert(SNU_ENG, "org:unitOf", f"<{ID}{HOME}>"), SNU_ENG,
     ORG.unitOf, "MaxCount"),
    ("faculty-no-label", _delete(SNU_ENG, "skos:prefLabel"), SNU_ENG, SKOS.prefLabel,
     "MinCount"),
    ("faculty-two-ja", _insert(SNU_ENG, "skos:prefLabel", '"工学部"@ja'), SNU_ENG,
     SKOS.prefLabel, "UniqueLang"),
    # Country
    ("country-notation-lower", _replace(KR, "skos:notation", '"kr"'), KR, SKOS.notation,
     "Pattern"),
    ("country-notation-alpha3", _replace(KR, "skos:notation", '"KOR"'), KR, SKOS.notation,
     "Pattern"),
    ("country-notation-missing", _delete(KR, "skos:notation"), KR, SKOS.notation, "MinCount"),
    ("country-notation-two", _insert(KR, "skos:notation", '"KP"'), KR, SKOS.notation,
     "MaxCount"),
    ("country-no-en", f"DELETE DATA {{ <{ID}{KR}> skos:prefLabel \"Korea, Republic of\"@en }}", KR,
     SKOS.prefLabel, "QualifiedMinCount"),
    ("country-no-ja", f"DELETE DATA {{ <{ID}{KR}> skos:prefLabel \"韓国\"@ja }}", KR,
     SKOS.prefLabel, "QualifiedMinCount"),
    # Region
    ("region-no-scheme", _delete(ASIA, "skos:inScheme"), ASIA, SKOS.inScheme, "MinCount"),
    ("region-no-notation", _delete(ASIA, "skos:notation"), ASIA, SKOS.notation, "MinCount"),
    ("region-no-label", _delete(ASIA, "skos:prefLabel"), ASIA, SKOS.prefLabel, "MinCount"),
    # Agreement levels (when the builder copies them into the data)
    ("level-concept-notation",
     "INSERT DATA { kyotei:UniversityLevel a kyotei:AgreementLevel ; "
     "skos:notation \"uni\" ; skos:inScheme kyotei:levels }",
     str(KYOTEI.UniversityLevel), SKOS.notation, "Pattern"),
    ("level-concept-scheme",
     "INSERT DATA { kyotei:DepartmentLevel a kyotei:AgreementLevel ; "
     "skos:notation \"department\" }",
     str(KYOTEI.DepartmentLevel), SKOS.inScheme, "HasValue"),
    # SourceDocument
    ("document-no-identifier", _delete(DOC, "dcterms:identifier"), DOC,
     URIRef("http://purl.org/dc/terms/identifier"), "MinCount"),
    ("document-two-identifiers", _insert(DOC, "dcterms:identifier", '"other.txt"'), DOC,
     URIRef("http://purl.org/dc/terms/identifier"), "MaxCount"),
    ("document-no-title", _delete(DOC, "dcterms:title"), DOC,
     URIRef("http://purl.org/dc/terms/title"), "MinCount"),
    ("document-as-of-string", _replace(DOC, "kyotei:asOf", '"2012.05.01"'), DOC,
     KYOTEI.asOf, "Datatype"),
    ("document-two-as-of", _insert(DOC, "kyotei:asOf", '"2013-01-01"^^xsd:date'), DOC,
     KYOTEI.asOf, "MaxCount"),
    ("document-status-unknown", _replace(DOC, "kyotei:publisherStatus", '"guessed"'), DOC,
     KYOTEI.publisherStatus, "Pattern"),
    ("document-status-missing", _delete(DOC, "kyotei:publisherStatus"), DOC,
     KYOTEI.publisherStatus, "MinCount"),
    ("document-publisher-country", _replace(DOC, "dcterms:publisher", f"<{ID}{KR}>"), DOC,
     URIRef("http://purl.org/dc/terms/publisher"), "Or"),
    ("document-two-publishers", _insert(DOC, "dcterms:publisher", f"<{ID}{SNU}>"), DOC,
     URIRef("http://purl.org/dc/terms/publisher"), "MaxCount"),
    # SourceRecord
    ("record-no-document", _delete(REC, "kyotei:sourceDocument"), REC,
     KYOTEI.sourceDocument, "MinCount"),
    ("record-document-country", _replace(REC, "kyotei:sourceDocument", f"<{ID}{KR}>"), REC,
     KYOTEI.sourceDocument, "Class"),
    ("record-line-zero", _replace(REC, "kyotei:sourceLine", '"0"^^xsd:positiveInteger'), REC,
     KYOTEI.sourceLine, "Datatype"),  # an ill-typed literal: pySHACL checks no range on it
    ("record-line-negative", _replace(REC, "kyotei:sourceLine", '"-1"^^xsd:integer'), REC,
     KYOTEI.sourceLine, "MinInclusive"),
    ("record-line-string", _replace(REC, "kyotei:sourceLine", '"40"'), REC,
     KYOTEI.sourceLine, "Datatype"),
    ("record-line-two", _insert(REC, "kyotei:sourceLine", '"41"^^xsd:positiveInteger'), REC,
     KYOTEI.sourceLine, "MaxCount"),
    ("record-no-text", _delete(REC, "kyotei:verbatimText"), REC, KYOTEI.verbatimText,
     "MinCount"),
    ("record-empty-text", _replace(REC, "kyotei:verbatimText", '""'), REC,
     KYOTEI.verbatimText, "MinLength"),
    ("record-text-tagged", _replace(REC, "kyotei:verbatimText", '"カリフォルニア大学"@ja'), REC,
     KYOTEI.verbatimText, "Datatype"),
    # IdentityDecision
    ("decision-no-rule", _delete(DECISION, "kyotei:rule"), DECISION, KYOTEI.rule, "MinCount"),
    ("decision-kind-unknown", _replace(DECISION, "kyotei:decisionKind", '"guess"'), DECISION,
     KYOTEI.decisionKind, "Pattern"),
    ("decision-no-evidence", _delete(DECISION, "rdfs:comment"), DECISION,
     URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), "MinCount"),
    # Repair
    ("repair-no-rule", _delete(REPAIR, "kyotei:rule"), REPAIR, KYOTEI.rule, "MinCount"),
    ("repair-two-rules", _insert(REPAIR, "kyotei:rule", '"other"'), REPAIR, KYOTEI.rule,
     "MaxCount"),
]


def _validate(update: str | None, shapes: Graph) -> ValidationReport:
    graph = fixture()
    if update:
        graph.update(PREFIXES + update)
        # Read back by a parser, as every graph kyotei validates is: rdflib's SPARQL Update
        # leaves an ill-typed literal unmarked (``ill_typed`` None), which a parser marks.
        graph = Graph().parse(data=graph.serialize(format="nt"), format="nt")
    return validate_graph(graph, shapes=shapes)


def test_fixture_conforms(shapes: Graph) -> None:
    report = _validate(None, shapes)
    assert report.conforms, report.text
    assert report.violations == ()


@pytest.mark.parametrize(
    ("update", "focus", "path", "component"),
    [pytest.param(u, f, p, c, id=i) for i, u, f, p, c in NEGATIVE],
)
def test_constraint_catches(
    shapes: Graph, update: str, focus: str, path: URIRef | None, component: str
) -> None:
    report = _validate(update, shapes)
    assert not report.conforms
    focus_iri = URIRef(focus if focus.startswith("http") else ID + focus)
    found = [
        v for v in report.violations
        if v.focus_node == focus_iri and v.result_path == path
    ]
    assert found, "\n".join(f"{v.focus_node} {v.result_path} {v.constraint}"
                            for v in report.violations)
    assert SH[f"{component}ConstraintComponent"] in {v.constraint for v in found}
    assert all(v.message and v.severity == "Violation" for v in found)


@pytest.mark.parametrize(
    "update",
    [
        # a faculty is a valid home party and partner party (already in the fixture); an
        # agreement without date, waiver, country or region is fine (absent = unknown)
        _delete(A_UNIV, "kyotei:signedOn") + ";" + _delete(A_UNIV, "kyotei:tuitionWaiver")
        + ";" + _delete(A_UNIV, "kyotei:country") + ";" + _delete(A_UNIV, "kyotei:inRegion"),
        # a store may return plain strings typed xsd:string
        _replace(A_DEPT, "kyotei:countryBasis", '"printed"^^xsd:string'),
        # a document without as-of date or publisher
        _delete(DOC, "kyotei:asOf") + ";" + _delete(DOC, "dcterms:publisher"),
        # an unidentified publisher is an institution
        _replace(DOC, "dcterms:publisher", f"<{ID}{UNID}>"),
        # an institution with only an English label
        f"DELETE DATA {{ <{ID}{SNU}> skos:prefLabel \"ソウル大学校\"@ja }}",
        # a date printed to the month only
        _delete(A_UNIV, "kyotei:signedOn") + ";"
        + _insert(A_UNIV, "kyotei:signedInMonth", '"2004-03"^^xsd:gYearMonth'),
    ],
    ids=["optional-absent", "typed-string", "document-minimal", "unidentified-publisher",
         "english-only-label", "signed-in-month"],
)
def test_variants_conform(shapes: Graph, update: str) -> None:
    report = _validate(update, shapes)
    assert report.conforms, report.text


def test_every_shape_is_named_and_explains_itself(shapes: Graph) -> None:
    declared = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(RDF.type, SH.PropertyShape)
    )
    property_shapes = {s for s in shapes.subjects(SH.path, None) if s not in set(
        shapes.subjects(SH.equals, None))}  # sh:or members inside a constraint are not shapes
    for shape in declared | property_shapes:
        names = set(shapes.objects(shape, SH.name))
        messages = {
            m.language for m in shapes.objects(shape, SH.message) if isinstance(m, Literal)
        }
        assert names, f"{shape} has no sh:name"
        assert "en" in messages, f"{shape} has no English sh:message"
        assert "ja" in messages, f"{shape} has no Japanese sh:message"


def test_every_ontology_class_is_targeted(shapes: Graph) -> None:
    from importlib import resources

    ontology = Graph().parse(
        data=resources.files("kyotei.ontology").joinpath("kyotei.ttl").read_bytes(),
        format="turtle",
    )
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(KYOTEI)}
    targeted = set(shapes.objects(None, SH.targetClass))
    assert classes <= targeted, classes - targeted
