"""Fixtures shared by the command-line and pipeline tests."""

from __future__ import annotations

from typing import Any

import pytest
from rdflib import Literal, URIRef

import kyotei.pipeline as pipeline
from kyotei.graph.model.namespaces import KYOTEI, RDF

BROKEN = URIRef("https://w3id.org/kyotei/id/agreement/broken")


@pytest.fixture
def nonconforming_build(monkeypatch: pytest.MonkeyPatch) -> URIRef:
    """``kyotei.pipeline.build_store`` made to add, to the first source document's graph, an
    agreement whose signing date is no date (a SHACL violation); returns its IRI."""
    real = pipeline.build_store

    def broken(*args: Any, **kwargs: Any) -> Any:
        built = real(*args, **kwargs)
        name = next(g for g in built.store.graph_names() if "graph/source/" in g.value)
        built.store.add_triples([(BROKEN, RDF.type, KYOTEI.Agreement),
                                 (BROKEN, KYOTEI.signedOn, Literal("sometime"))],
                                URIRef(name.value))
        return built

    monkeypatch.setattr(pipeline, "build_store", broken)
    return BROKEN
