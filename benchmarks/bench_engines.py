"""The candidate engines side by side on the shipped build: time and agreement with the reference.

Usage:  python benchmarks/bench_engines.py [--repeat 3]
        (optional candidates: pip install reasonable pyrudof; skipped when absent)

OWL RL: owlrl (reference), kyotei's compiled rules on Oxigraph, ``reasonable`` (Rust OWL 2
RL; fed the same triples, its output filtered by the same rule). SHACL: pySHACL (reference),
kyotei's SHACL on Oxigraph, ``pyrudof`` (Rust SHACL; given the same N-Triples). For each:
the median CPU seconds and whether the result equals the reference's (for the reasoners the
kept inferences; for the validators the conformance and the number of results). Printed,
never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import Graph

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "graph"))


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.process_time()
        result = fn()
        times.append(time.process_time() - started)
    return statistics.median(times), result


def reasonable_kept(asserted: Graph, ontology: Graph) -> set[Any]:
    import reasonable

    from kyotei.graph.build.reason import keep, relevant_triples, vocabulary_terms

    work = Graph()
    for triple in [*ontology, *relevant_triples(asserted, ontology)]:
        work.add(triple)
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(work)
    vocabulary = vocabulary_terms(ontology)
    return {t for t in reasoner.reason()
            if t not in asserted and t not in ontology and keep(t, vocabulary)}


def pyrudof_results(asserted: Graph) -> tuple[bool, int]:
    import pyrudof

    from kyotei.graph.build.validate import SHAPES_FILE

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(asserted.serialize(format="nt"), format=pyrudof.RDFFormat.NTriples)
    shapes = Path(__file__).resolve().parents[1] / "shapes" / SHAPES_FILE
    rudof.read_shacl(str(shapes))
    report = rudof.validate_shacl()
    return bool(report.conforms), len(report)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from engine_samples import ontology, shipped

    from kyotei.graph.build.reason import reason
    from kyotei.graph.build.validate import validate_graph

    asserted, onto = shipped(), ontology()
    rows: list[tuple[str, str, float, str]] = []
    ref_time, ref = timed(lambda: set(reason(asserted, onto, engine="owlrl")), 1)
    rows.append(("OWL RL", "owlrl (reference)", ref_time, f"{len(ref)} kept"))
    fast_time, fast = timed(lambda: set(reason(asserted, onto)), args.repeat)
    rows.append(("OWL RL", "compiled rules on Oxigraph", fast_time,
                 f"{len(fast)} kept, equal: {fast == ref}"))
    try:
        r_time, r_kept = timed(lambda: reasonable_kept(asserted, onto), args.repeat)
        rows.append(("OWL RL", "reasonable", r_time,
                     f"{len(r_kept)} kept, equal: {r_kept == ref}, missing {len(ref - r_kept)}, "
                     f"extra {len(r_kept - ref)}"))
    except ImportError:
        rows.append(("OWL RL", "reasonable", float("nan"), "not installed"))
    v_time, v_ref = timed(lambda: validate_graph(asserted, engine="pyshacl"), 1)
    rows.append(("SHACL", "pySHACL (reference)", v_time,
                 f"conforms {v_ref.conforms}, {len(v_ref.violations)} results"))
    s_time, s_rep = timed(lambda: validate_graph(asserted), args.repeat)
    rows.append(("SHACL", "SHACL on Oxigraph", s_time,
                 f"conforms {s_rep.conforms}, {len(s_rep.violations)} results"))
    try:
        p_time, (conforms, count) = timed(lambda: pyrudof_results(asserted), args.repeat)
        rows.append(("SHACL", "pyrudof", p_time, f"conforms {conforms}, {count} results"))
    except ImportError:
        rows.append(("SHACL", "pyrudof", float("nan"), "not installed"))
    sys.stdout.write(f"shipped build: {len(asserted):,} asserted triples; median CPU s\n")
    sys.stdout.write("| step | engine | CPU s | result |\n|---|---|---|---|\n")
    for step, engine, seconds, note in rows:
        sys.stdout.write(f"| {step} | {engine} | {seconds:.2f} | {note} |\n")


if __name__ == "__main__":
    main()
