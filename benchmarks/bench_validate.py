"""Time SHACL validation (kyotei.graph.build.validate) on synthetic agreement graphs.

Usage:  python benchmarks/bench_validate.py [N ...]     (default: 1000 10000 agreements)

Compares the way kyotei validates (no inference, no ontology: the shapes list the kyotei
classes that qualify) with the alternative of handing pySHACL the ontology as ``ont_graph``
(so that sh:class follows rdfs:subClassOf), on the graph of bench_reason.synthetic_graph.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pyshacl

sys.path.insert(0, str(Path(__file__).parent))
from bench_reason import load_ontology, synthetic_graph

from kyotei.graph.build.validate import load_shapes, validate_graph


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    args = parser.parse_args(argv)
    ontology = load_ontology()
    shapes = load_shapes()
    for size in args.sizes:
        graph = synthetic_graph(size)
        start = time.process_time()
        report = validate_graph(graph, shapes=shapes)
        ours = time.process_time() - start
        start = time.process_time()
        conforms, _, _ = pyshacl.validate(
            graph, shacl_graph=shapes, ont_graph=ontology, inference="none"
        )
        with_ontology = time.process_time() - start
        print(  # noqa: T201 - a benchmark prints its figures
            f"{size:>7} agreements  {len(graph):>8} triples  CPU time: "
            f"no inference {ours:6.2f} s (conforms={report.conforms})  "
            f"ont_graph {with_ontology:6.2f} s (conforms={conforms})"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
