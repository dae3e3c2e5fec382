"""The saved reasoner output the analytics tests use is what the reasoner gives today.

``tests/graph/fixtures/analytics_small_inferred.ttl`` stands in for ``<base>graph/inferred``:
it is regenerated here with owlrl (the reference) from ``analytics_small.ttl`` and the
ontology, and compared, so the fixture cannot drift from the reasoner it imitates.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kyotei.graph.build.reason import reason
from kyotei.graph.model.namespaces import KYOTEI

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("engine", ["owlrl", "sparql"])
def test_saved_inferences_are_the_reasoners(engine: str) -> None:
    asserted = Graph().parse(FIXTURES / "analytics_small.ttl", format="turtle")
    ontology = Graph().parse(
        data=resources.files("kyotei.ontology").joinpath("kyotei.ttl").read_bytes(),
        format="turtle",
    )
    saved = Graph().parse(FIXTURES / "analytics_small_inferred.ttl", format="turtle")
    predicates = set(saved.predicates())
    assert predicates == {KYOTEI.hasAgreementWith}
    inferred = reason(asserted, ontology, engine=engine)
    regenerated = Graph()
    for triple in inferred.triples((None, KYOTEI.hasAgreementWith, None)):
        regenerated.add(triple)
    assert isomorphic(regenerated, saved)
