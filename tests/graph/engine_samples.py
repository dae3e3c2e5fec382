"""Graphs the engine tests compare on: the shipped build, the fixture, and seeded samples.

The samples are random (seeded) subsets of an asserted graph and broken copies of it:
types removed, extra values of the ontology's or the shapes' properties added, values
given the wrong datatype, the wrong class or too many labels per language. An engine and
its reference (owlrl, pySHACL) must agree on every one of them.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kyotei.graph.build.dataset import build_dataset
from kyotei.graph.curation.overrides import load_curation
from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI, KYOTEI, RDF, SKOS
from kyotei.graph.publish.writers import merged_graph
from kyotei.loaders import load_sources

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "dataset.trig"

Triple = tuple[Node, Node, Node]


@cache
def _shipped() -> frozenset[Triple]:
    results = load_sources(ROOT / "data" / "sources" / "sources.toml")
    built = build_dataset(
        results, base_iri=DEFAULT_BASE_IRI, curation=load_curation(ROOT / "data" / "curation")
    )
    return frozenset(merged_graph(built.dataset, base_iri=DEFAULT_BASE_IRI))


def shipped() -> Graph:
    """The asserted graph `kyotei build` makes of the shipped sources (a fresh copy)."""
    return _graph(_shipped())


def fixture_dataset() -> Dataset:
    """The small hand-written dataset of tests/graph/fixtures (a fresh copy)."""
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    return dataset


def fixture() -> Graph:
    """The small hand-written dataset of tests/graph/fixtures, as one graph."""
    return union(fixture_dataset())


def union(dataset: Dataset) -> Graph:
    """The triples of all of ``dataset``'s graphs, as one graph."""
    return _graph((s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None)))


def ontology() -> Graph:
    data = resources.files("kyotei.ontology").joinpath("kyotei.ttl").read_bytes()
    return Graph().parse(data=data, format="turtle")


def subset(graph: Graph, seed: int, fraction: float = 0.5) -> Graph:
    """A random ``fraction`` of ``graph``'s triples."""
    rng = random.Random(seed)  # noqa: S311 - test samples, not cryptography
    triples = sorted(graph, key=lambda t: tuple(map(str, t)))
    return _graph(t for t in triples if rng.random() < fraction)


def broken(graph: Graph, seed: int, changes: int = 12) -> Graph:
    """``graph`` with ``changes`` random faults of the kinds real builds may have."""
    rng = random.Random(seed)  # noqa: S311 - test samples, not cryptography
    out = _graph(graph)
    triples = sorted(graph, key=lambda t: tuple(map(str, t)))
    typed = [t for t in triples if t[1] == RDF.type]
    nodes = sorted({t[0] for t in typed}, key=str)
    props = sorted({t[1] for t in triples if t[1] != RDF.type}, key=str)
    classes = sorted({t[2] for t in typed}, key=str)
    for _ in range(changes):
        kind = rng.choice(("drop-type", "drop-value", "extra-link", "extra-literal",
                           "wrong-class", "wrong-datatype", "extra-label"))
        s = rng.choice(nodes)
        if kind == "drop-type":
            out.remove(rng.choice(typed))
        elif kind == "drop-value":
            out.remove(rng.choice(triples))
        elif kind == "extra-link":
            out.add((s, rng.choice(props), rng.choice(nodes)))
        elif kind == "extra-literal":
            out.add((s, rng.choice(props), Literal(f"extra {rng.randrange(1000)}")))
        elif kind == "wrong-class":
            out.add((s, RDF.type, rng.choice(classes)))
        elif kind == "wrong-datatype":
            victims = [t for t in triples if isinstance(t[2], Literal) and t[2].datatype]
            victim = rng.choice(victims)
            out.remove(victim)
            out.add((victim[0], victim[1], Literal(str(victim[2]), datatype=XSD.string)))
        else:
            out.add((s, SKOS.prefLabel, Literal(f"label {rng.randrange(1000)}", lang="en")))
    return out


def with_triples(graph: Graph, *triples: Triple) -> Graph:
    out = _graph(graph)
    for triple in triples:
        out.add(triple)
    return out


def _graph(triples: Iterable[Triple]) -> Graph:
    out = Graph()
    for triple in triples:
        out.add(triple)
    return out


__all__ = ["KYOTEI", "URIRef", "broken", "fixture", "fixture_dataset", "ontology", "shipped",
           "subset", "union", "with_triples"]
