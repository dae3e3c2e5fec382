"""Time each stage of the build on synthetic lists, the reference engines against the fast.

Usage:  python benchmarks/bench_build.py [--sizes 0 10000 100000] [--old-max 10000]

Size 0 is the shipped sources (data/sources, read by the loaders; "generate" is then their
loading).

For each size (asserted triples asked of ``benchmarks/generate.py``) and each engine pair —
``old``: owlrl + pySHACL (the reference semantics), ``new``: the compiled rules and SHACL on
Oxigraph (kyotei's default) — one fresh subprocess builds the graph and reports, per stage,
wall time, CPU time and the process's peak resident memory (``ru_maxrss``), so that one
run's memory never counts in another's. ``old`` runs only up to ``--old-max`` triples (owlrl
is ~0.5 ms per triple: 100k takes minutes on a shared 2-core machine). Figures are printed,
never asserted; on a shared machine read the CPU column and the ratios.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ENGINES = {"old": ("owlrl", "pyshacl"), "new": ("sparql", "sparql")}
SHIPPED = Path(__file__).resolve().parents[1] / "data"
STAGES = ("generate", "build", "merge", "validate", "reason", "write")


def child(triples: int, engine: str) -> dict[str, Any]:
    """Run one build in this process and return its figures."""
    sys.path.insert(0, str(Path(__file__).parent))
    from generate import generate

    from kyotei.graph.build.dataset import build_dataset
    from kyotei.graph.build.reason import reason
    from kyotei.graph.build.validate import validate_graph
    from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI
    from kyotei.graph.publish.snapshot import SnapshotStore
    from kyotei.graph.publish.writers import merged_graph
    from kyotei.pipeline import load_ontology

    reasoner, validator = ENGINES[engine]
    figures: dict[str, Any] = {"stages": {}}

    def lap(name: str, started: tuple[float, float]) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures["stages"][name] = (wall - started[0], cpu - started[1], rss)
        return wall, cpu

    mark = (time.perf_counter(), time.process_time())
    if triples == 0:  # the shipped sources, read by the loaders, with the shipped curation
        from kyotei.graph.curation.overrides import load_curation
        from kyotei.loaders import load_sources

        results = load_sources(SHIPPED / "sources" / "sources.toml")
        curation = load_curation(SHIPPED / "curation")
    else:
        results, curation = generate(triples), None
    mark = lap("generate", mark)
    built = build_dataset(results, base_iri=DEFAULT_BASE_IRI, curation=curation)
    mark = lap("build", mark)
    asserted = merged_graph(built.dataset, base_iri=DEFAULT_BASE_IRI)
    mark = lap("merge", mark)
    report = validate_graph(asserted, engine=validator)
    mark = lap("validate", mark)
    inferred = reason(asserted, load_ontology(), engine=reasoner)
    mark = lap("reason", mark)
    with tempfile.TemporaryDirectory() as folder:
        meta = {"base_iri": DEFAULT_BASE_IRI, "agreements": built.agreements}
        SnapshotStore(Path(folder)).write(built.dataset, inferred, {}, meta)
    lap("write", mark)
    figures.update(asserted=len(asserted), inferred=len(inferred), agreements=built.agreements,
                   conforms=report.conforms, results=len(report.violations))
    return figures


def run(triples: int, engine: str) -> dict[str, Any]:
    out = subprocess.run(  # noqa: S603 - this script, with its own arguments
        [sys.executable, __file__, "--child", str(triples), engine],
        check=True, capture_output=True, text=True,
    )
    figures: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def table(rows: list[tuple[int, str, dict[str, Any]]]) -> str:
    head = ("size", "engine", "asserted", "inferred", *STAGES[1:], "build total", "peak MB")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for size, engine, f in rows:
        stages = f["stages"]
        cells = [f"{stages[s][0]:.2f} ({stages[s][1]:.2f})" for s in STAGES[1:]]
        total = sum(stages[s][0] for s in STAGES[1:])
        cpu = sum(stages[s][1] for s in STAGES[1:])
        peak = max(v[2] for v in stages.values())
        label = "shipped" if size == 0 else f"{size:,}"
        lines.append(f"| {label} | {engine} | {f['asserted']:,} | {f['inferred']:,} | "
                     + " | ".join(cells) + f" | {total:.2f} ({cpu:.2f}) | {peak:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 10_000, 100_000])
    parser.add_argument("--old-max", type=int, default=10_000)
    parser.add_argument("--child", nargs=2, metavar=("TRIPLES", "ENGINE"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.stdout.write(json.dumps(child(int(args.child[0]), args.child[1])) + "\n")
        return
    rows = []
    for size in args.sizes:
        for engine in ENGINES:
            if engine == "old" and size > args.old_max:
                continue
            figures = run(size, engine)
            rows.append((size, engine, figures))
            sys.stderr.write(f"{size} {engine}: done\n")
    sys.stdout.write("seconds wall (CPU) per stage; peak = max resident set of the run\n")
    sys.stdout.write(table(rows) + "\n")
    by_size: dict[int, dict[str, dict[str, Any]]] = {}
    for size, engine, f in rows:
        by_size.setdefault(size, {})[engine] = f["stages"]
    for size, pair in by_size.items():
        if "old" in pair and "new" in pair:
            for stage in ("validate", "reason"):
                ratio = pair["old"][stage][1] / max(pair["new"][stage][1], 1e-9)
                sys.stdout.write(f"{size:,}: {stage} old/new CPU ratio {ratio:.1f}x\n")


if __name__ == "__main__":
    main()
