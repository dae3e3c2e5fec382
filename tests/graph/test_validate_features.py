"""The default SHACL engine against pySHACL on constraints the shipped shapes do not use.

Targets of every kind, counts above one, lengths, ``sh:languageIn ("*")``, qualified maximum
counts, sequence and inverse paths, value ranges with a mismatched type, ``sh:or`` members
with paths and patterns, ``sh:uniqueLang``, ``sh:equals`` and ``sh:flags``: over the engine
samples' fixture, broken samples and random subsets, the same conformance and the same
results field for field as pySHACL, but for the messages (pySHACL writes its own text for a
shape with no ``sh:message``; the fast engine does not).
"""

from __future__ import annotations

from collections import Counter

import pytest
from engine_samples import broken, fixture, subset
from rdflib import Graph
from test_validate_engines import Key
from test_validate_engines import results as full_results

from kyotei.graph.build.validate import ValidationReport, validate_graph

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix kyotei: <https://w3id.org/kyotei/def#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix ex: <urn:ex:> .
@prefix prov: <http://www.w3.org/ns/prov#> .
ex:S1 a sh:NodeShape ; sh:targetSubjectsOf kyotei:partnerParty ;
  sh:nodeKind sh:BlankNodeOrIRI ;
  sh:property [ sh:path skos:prefLabel ; sh:minCount 2 ; sh:maxLength 5 ;
                sh:languageIn ("*") ] ,
    [ sh:path kyotei:partnerParty ; sh:maxCount 0 ;
      sh:qualifiedValueShape [ sh:class kyotei:Faculty ] ; sh:qualifiedMaxCount 0 ] ,
    [ sh:path ( kyotei:partnerParty org:unitOf ) ; sh:minCount 1 ;
      sh:in ( kyotei:Nothing "x" ) ] ,
    [ sh:path [ sh:inversePath kyotei:partnerParty ] ; sh:maxCount 1 ; sh:hasValue ex:none ] ,
    [ sh:path kyotei:sourceLine ; sh:minExclusive 300 ; sh:maxInclusive "a" ] .
ex:S2 a sh:NodeShape ; sh:targetObjectsOf prov:wasDerivedFrom ; sh:targetNode ex:ghost ;
  sh:or ( [ sh:path kyotei:sourceLine ; sh:minCount 2 ]
          [ sh:path kyotei:lineText ; sh:maxCount 0 ; sh:pattern "^x" ]
          [ sh:nodeKind sh:Literal ] ) ;
  sh:property [ sh:path kyotei:verbatimText ; sh:pattern "a" ; sh:flags "i" ;
                sh:datatype xsd:string ; sh:uniqueLang true ; sh:equals kyotei:lineText ] .
ex:S3 a sh:PropertyShape ; sh:targetClass kyotei:Agreement ; sh:path kyotei:signedOn ;
  sh:datatype xsd:date ; sh:minInclusive "2010-01-01"^^xsd:date ;
  sh:or ( [ sh:datatype xsd:string ] [ sh:pattern "-0[1-6]-" ] ) .
"""


def results(report: ValidationReport) -> Counter[Key]:
    """The results without the two message fields."""
    return Counter({key[:6] + key[8:]: n for key, n in full_results(report).items()})


def samples() -> list[tuple[str, Graph]]:
    return ([("fixture", fixture())] + [(f"broken{s}", broken(fixture(), s)) for s in range(6)]
            + [(f"subset{s}", subset(fixture(), s, 0.7)) for s in range(3)])


@pytest.mark.slow
@pytest.mark.parametrize(("name", "graph"), samples(), ids=[n for n, _ in samples()])
def test_unused_constraints_same_as_pyshacl(name: str, graph: Graph) -> None:
    shapes = Graph().parse(data=SHAPES, format="turtle")
    fast = validate_graph(graph, shapes=shapes, engine="sparql")
    reference = validate_graph(graph, shapes=shapes, engine="pyshacl")
    assert fast.conforms == reference.conforms
    assert results(fast) == results(reference)
    assert reference.violations, f"{name}: the extra shapes find something to report"
