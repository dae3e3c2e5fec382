"""Incremental validation (kyotei.graph.build.shacl.incremental) against the full one, its
oracle: a conforming base, seeded random edits of one document's graph (triples added,
removed, altered; shapes broken at the edit and two path steps away), and the incremental
run must give the full run's results exactly — on kyotei's shapes and the shipped build,
and on shapes with a two-step path and an inverse path. Cutting the backward closure short
makes the oracle fail (shown), and every doubt falls back to a full validation."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from kyotei.graph.build import validate as validate_module
from kyotei.graph.build.dataset import build_dataset
from kyotei.graph.build.quads import BuildStore
from kyotei.graph.build.shacl import compile_shapes
from kyotei.graph.build.shacl import incremental as inc
from kyotei.graph.build.shacl.baseline import Baseline, fingerprint
from kyotei.graph.build.shacl.queries import validate_store as validate_full
from kyotei.graph.build.shacl.shapes import Result
from kyotei.graph.build.validate import load_shapes, validate_store
from kyotei.graph.curation.overrides import load_curation
from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI
from kyotei.loaders import load_sources

ROOT = Path(__file__).resolve().parents[2]
Triple = tuple[Node, Node, Node]
Graphs = dict[str, set[Triple]]
EX = "http://example.org/"


@cache
def _shipped() -> tuple[tuple[str, frozenset[Triple]], ...]:
    results = load_sources(ROOT / "data" / "sources" / "sources.toml")
    built = build_dataset(results, base_iri=DEFAULT_BASE_IRI,
                          curation=load_curation(ROOT / "data" / "curation"))
    graphs: dict[str, set[Triple]] = {}
    for s, p, o, g in built.dataset.quads((None, None, None, None)):
        graphs.setdefault(str(getattr(g, "identifier", g)), set()).add((s, p, o))
    return tuple(sorted((name, frozenset(t)) for name, t in graphs.items()))


def shipped() -> Graphs:
    return {name: set(triples) for name, triples in _shipped()}


def store(graphs: Graphs) -> BuildStore:
    data = BuildStore()
    for name, triples in sorted(graphs.items()):
        data.add_triples(sorted(triples, key=lambda t: tuple(map(str, t))), URIRef(name))
    return data


def key(results: Iterable[Result]) -> Counter[tuple[object, ...]]:
    return Counter((r.focus, r.path, r.value, r.shape, r.component) for r in results)


def run(graphs: Graphs, shapes: Graph, baseline: Baseline) -> inc.Outcome:
    data = store(graphs)
    names = data.graph_names()
    return inc.check(data.store, data.codec, names, shapes, compile_shapes(shapes), baseline)


def full(graphs: Graphs, shapes: Graph) -> list[Result]:
    data = store(graphs)
    return validate_full(data.store, data.codec, data.graph_names(), compile_shapes(shapes))


def based(graphs: Graphs, shapes: Graph, folder: Path) -> Baseline:
    """The baseline a conforming build of ``graphs`` leaves (its graphs kept in ``folder``)."""
    first = run(graphs, shapes, Baseline(folder))
    assert first.mode == inc.FULL and first.results == []  # the base conforms
    return Baseline(folder, fingerprint(), first.graphs)


def edited(graphs: Graphs, name: str, seed: int, count: int) -> Graphs:
    """``graphs`` with ``count`` random edits of graph ``name``: triples removed, types
    dropped, objects moved to another node, literals given another value or datatype,
    triples of the graph copied onto other subjects."""
    rng = random.Random(seed)  # noqa: S311 - test samples, not cryptography
    out = {n: set(t) for n, t in graphs.items()}
    mine = sorted(out[name], key=lambda t: tuple(map(str, t)))
    every = sorted({t for ts in out.values() for t in ts}, key=lambda t: tuple(map(str, t)))
    nodes = sorted({t[0] for t in every}, key=str)
    for _ in range(count):
        s, p, o = triple = rng.choice(mine)
        kind = rng.choice(("remove", "remove-type", "move", "literal", "copy", "add"))
        if kind in ("remove", "remove-type"):
            typed = [t for t in mine if t[1] == RDF.type]
            out[name].discard(rng.choice(typed) if kind == "remove-type" and typed else triple)
        elif kind == "move" and not isinstance(o, Literal):
            out[name].discard(triple)
            out[name].add((s, p, rng.choice(nodes)))
        elif kind == "literal" and isinstance(o, Literal):
            out[name].discard(triple)
            out[name].add((s, p, rng.choice([Literal("x"), Literal("3", datatype=XSD.integer),
                                              Literal(f"{o}!", lang="en")])))
        elif kind == "copy":
            out[name].add((rng.choice(nodes), p, o))
        else:
            out[name].add((s, rng.choice(every)[1], rng.choice(nodes)))
    return out


# ------------------------------------------------------------------ kyotei's shapes, shipped


@pytest.fixture(scope="module")
def shipped_base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Graphs, Graph, Baseline]:
    """The shipped build, kyotei's shapes, and the baseline of a build of it."""
    shapes, base = load_shapes(), shipped()
    return base, shapes, based(base, shapes, tmp_path_factory.mktemp("kept"))


@pytest.mark.parametrize("seed", range(12))
def test_incremental_equals_full_on_random_edits_of_one_document(
        seed: int, shipped_base: tuple[Graphs, Graph, Baseline]) -> None:
    base, shapes, baseline = shipped_base
    name = sorted(n for n in base if "/source/" in n)[seed % 2]
    after = edited(base, name, seed, 1 + seed % 6)
    got = run(after, shapes, baseline)
    assert got.mode == inc.INCREMENTAL, got.why
    assert key(got.results) == key(full(after, shapes))
    assert got.checked is not None and got.checked < 200  # a small part re-validated


def test_edits_that_break_shapes_are_found_incrementally(
        shipped_base: tuple[Graphs, Graph, Baseline]) -> None:
    base, shapes, baseline = shipped_base
    broken = incremental = 0
    for seed in range(100, 130):
        name = sorted(n for n in base if "/source/" in n)[seed % 2]
        after = edited(base, name, seed, 3)
        got = run(after, shapes, baseline)
        expected = full(after, shapes)
        assert key(got.results) == key(expected)
        broken += bool(expected)
        incremental += got.mode == inc.INCREMENTAL  # else the change reached a hub
    assert broken >= 10  # most seeds break a shape: the oracle compares real violations
    assert incremental >= 25


def test_unchanged_graphs_check_nothing_and_store_results_as_validate_store(
        tmp_path: Path) -> None:
    base = shipped()
    first = validate_store(store(base), baseline=Baseline(tmp_path))
    assert first.conforms and first.mode == "full" and first.graphs
    again = validate_store(store(base), baseline=Baseline(tmp_path, fingerprint(),
                                                          first.graphs))
    assert again.conforms and (again.mode, again.checked) == ("incremental", 0)
    name = sorted(n for n in base if "/source/" in n)[0]
    after = edited(base, name, 7, 4)
    report = validate_store(store(after), baseline=Baseline(tmp_path, fingerprint(),
                                                            first.graphs))
    reference = validate_store(store(after))
    assert report.mode == "incremental"
    assert report.conforms == reference.conforms
    assert report.violations == reference.violations


# ------------------------------------------------- shapes two steps deep, an inverse path

SHAPES = f"""
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <{EX}> .
ex:S a sh:NodeShape ; sh:targetClass ex:A ;
    sh:property [ sh:path ( ex:p ex:q ) ; sh:class ex:C ] ,
                [ sh:path ex:p ; sh:minCount 1 ; sh:maxCount 1 ] .
ex:T a sh:NodeShape ; sh:targetClass ex:C ;
    sh:property [ sh:path [ sh:inversePath ex:q ] ; sh:minCount 1 ] ,
                [ sh:path ex:label ; sh:datatype <http://www.w3.org/2001/XMLSchema#string> ] .
"""


def chains(n: int = 12) -> Graphs:
    """Chains ``a -p-> b -q-> c`` (``a`` an ex:A, ``c`` an ex:C), a graph per three."""
    graphs: Graphs = {}
    for i in range(n):
        a, b, c = (URIRef(f"{EX}{x}{i}") for x in "abc")
        graphs.setdefault(f"{EX}doc{i // 3}", set()).update({
            (a, RDF.type, URIRef(f"{EX}A")), (a, URIRef(f"{EX}p"), b),
            (b, URIRef(f"{EX}q"), c), (c, RDF.type, URIRef(f"{EX}C")),
            (c, URIRef(f"{EX}label"), Literal(f"c{i}"))})
    return graphs


def deep() -> Graph:
    return Graph().parse(data=SHAPES, format="turtle")


def test_the_plan_reads_two_steps_and_an_inverse_path() -> None:
    shapes = deep()
    found = inc.plan(shapes, compile_shapes(shapes))
    assert found.depth == 2
    assert f"{EX}q" in found.backward and f"{EX}q" in found.forward


def test_a_type_dropped_two_steps_from_the_focus_breaks_it_and_is_found(
        tmp_path: Path) -> None:
    shapes = deep()
    base = chains()
    baseline = based(base, shapes, tmp_path)
    after = {n: set(t) for n, t in base.items()}
    after[f"{EX}doc1"].discard((URIRef(f"{EX}c4"), RDF.type, URIRef(f"{EX}C")))
    got = run(after, shapes, baseline)
    expected = full(after, shapes)
    assert [r.focus for r in expected] == [URIRef(f"{EX}a4")]  # two steps from the edit
    assert got.mode == inc.INCREMENTAL and key(got.results) == key(expected)


def test_the_oracle_fails_when_the_backward_closure_is_cut_short(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shapes = deep()
    base = chains()
    baseline = based(base, shapes, tmp_path)
    after = {n: set(t) for n, t in base.items()}
    after[f"{EX}doc1"].discard((URIRef(f"{EX}c4"), RDF.type, URIRef(f"{EX}C")))
    planned = inc.plan

    def short(shapes: Graph, compiled: list[object]) -> inc.Plan:
        found = planned(shapes, compiled)  # type: ignore[arg-type]
        found.depth -= 1
        return found

    monkeypatch.setattr(inc, "plan", short)
    got = run(after, shapes, baseline)
    assert got.mode == inc.INCREMENTAL
    assert key(got.results) != key(full(after, shapes))  # a4 is missed


@pytest.mark.parametrize("seed", range(24))
def test_incremental_equals_full_on_random_edits_of_deep_shapes(seed: int,
                                                                tmp_path: Path) -> None:
    shapes = deep()
    base = chains()
    baseline = based(base, shapes, tmp_path)
    after = edited(base, f"{EX}doc{seed % 4}", seed, 1 + seed % 3)
    got = run(after, shapes, baseline)
    expected = full(after, shapes)
    if got.mode == inc.INCREMENTAL:
        assert got.checked is not None and got.checked < len({t[0] for ts in after.values()
                                                              for t in ts})
    assert key(got.results) == key(expected)


# ------------------------------------------------------------------------------ fall-backs


def test_doubts_fall_back_to_a_full_validation(tmp_path: Path) -> None:
    shapes = deep()
    base = chains()
    baseline = based(base, shapes, tmp_path)
    one = edited(base, f"{EX}doc0", 1, 1)
    assert run(one, shapes, baseline).mode == inc.INCREMENTAL
    stale = Baseline(tmp_path, "another fingerprint", baseline.graphs)
    assert run(one, shapes, stale).mode == inc.FULL  # the code, shapes or ontology changed
    assert run(one, shapes, Baseline(tmp_path / "new")).mode == inc.FULL  # no previous one
    subclass = {n: set(t) for n, t in base.items()}
    subclass[f"{EX}doc0"].add((URIRef(f"{EX}C"), RDFS.subClassOf, URIRef(f"{EX}D")))
    got = run(subclass, shapes, baseline)
    assert (got.mode, got.why) == (inc.FULL, "an rdfs:subClassOf triple changed")
    many = edited(base, f"{EX}doc0", 2, 40)
    got = run(many, shapes, baseline)
    assert got.mode == inc.FULL and "changed" in str(got.why)
    assert key(got.results) == key(full(many, shapes))
    assert baseline.graphs is not None
    for digest in baseline.graphs.values():  # the kept graphs damaged
        (tmp_path / f"{digest}.nt").write_bytes(b"<x:a> <x:b> <x:c> .\n")
    assert run(one, shapes, baseline).mode == inc.FULL


def test_warnings_cannot_be_bounded() -> None:
    warned = SHAPES.replace("sh:maxCount 1 ] .", "sh:maxCount 1 ; sh:severity sh:Warning ] .")
    assert warned != SHAPES
    shapes = Graph().parse(data=warned, format="turtle")
    with pytest.raises(inc.UnboundedError):
        inc.plan(shapes, compile_shapes(shapes))


def test_the_fingerprint_covers_the_validator() -> None:
    assert validate_module.fingerprint() == fingerprint()
    assert len(fingerprint()) == 64
