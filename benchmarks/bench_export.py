"""Exports: kyotei's sorted writers against rdflib's serialisers, side by side in one run.

    python benchmarks/bench_export.py 1000 10000

Prints, per size, the median seconds of each writer and the ratio rdflib / kyotei. Only
kyotei's output is deterministic (sorted, stable across hash seeds); rdflib is the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_reason import synthetic_graph

from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI, bind_prefixes
from kyotei.graph.publish.writers import to_jsonld, to_ntriples, to_turtle


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def writers(graph: Graph) -> dict[str, tuple[Callable[[], object], Callable[[], object]]]:
    """Per format: (kyotei's writer, rdflib's serialiser) over ``graph``."""
    return {
        "turtle": (lambda: to_turtle(graph, base_iri=DEFAULT_BASE_IRI),
                   lambda: graph.serialize(format="turtle")),
        "ntriples": (lambda: to_ntriples(graph), lambda: graph.serialize(format="nt")),
        "jsonld": (lambda: to_jsonld(graph, base_iri=DEFAULT_BASE_IRI),
                   lambda: graph.serialize(format="json-ld")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    out = sys.stdout
    out.write(f"{'agreements':>10} {'triples':>8} {'format':>9} {'kyotei s':>9} "
              f"{'rdflib s':>9} {'ratio':>6}\n")
    for size in args.sizes:
        graph = synthetic_graph(size)
        bind_prefixes(graph, DEFAULT_BASE_IRI)
        for name, (ours, theirs) in writers(graph).items():
            mine = median_seconds(ours, args.repeats)
            base = median_seconds(theirs, args.repeats)
            out.write(f"{size:>10} {len(graph):>8} {name:>9} {mine:>9.2f} {base:>9.2f} "
                      f"{base / mine:>6.2f}\n")


if __name__ == "__main__":
    main()
