"""Time each stage of the build on synthetic lists: the streaming build against the old path.

Usage:  python benchmarks/bench_build.py [--sizes 0 10000 100000 1000000] [--paths stream rdflib]
                                         [--rdflib-max 100000] [--old-max 10000]

Size 0 is the shipped sources (data/sources, read by the loaders; "generate" is then their
loading). A synthetic list is generated a document at a time as the build reads it (its
generation, ~0.07 s CPU per 100k triples, counts in "build"; the rdflib paths hold a list).

For each size (asserted triples asked of ``benchmarks/generate.py``) and each path, one fresh
subprocess builds, validates, reasons and writes a snapshot, and reports per stage wall
time, CPU time and the process's peak resident memory so far (``ru_maxrss``), so that one
run's memory never counts in another's:

- ``stream``: what ``kyotei build`` does (records → Oxigraph store, on disk from
  ``kyotei.pipeline.STORE_ON_DISK_FROM`` records; SHACL and OWL RL inside the store; the
  snapshot written from it a subject at a time);
- ``rdflib``: the previous path (records → rdflib ``Dataset`` → merged graph → the same
  compiled engines on copies in Oxigraph → the rdflib writers), up to ``--rdflib-max``;
- ``old``: the rdflib path with the reference engines (owlrl + pySHACL), up to ``--old-max``.

Figures are printed, never asserted; on a shared machine read the CPU column and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PATHS = {"stream": ("sparql", "sparql"), "rdflib": ("sparql", "sparql"),
         "old": ("owlrl", "pyshacl")}
SHIPPED = Path(__file__).resolve().parents[1] / "data"
STAGES = ("generate", "build", "validate", "reason", "write")


def child(triples: int, path: str, keep: Path | None = None) -> dict[str, Any]:
    """Run one build in this process and return its figures (``keep``: a build folder the
    streaming build's snapshot is published into and left, for serving and analysis)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from generate import agreements_for, generate

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
        records = sum(len(r.agreements) for r in results)
    else:
        results, curation, records = generate(triples), None, agreements_for(triples)
        if path != "stream":
            results = list(results)
    mark = lap("generate", mark)
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as folder:
        if path == "stream":
            figures.update(_stream(results, records, curation, Path(folder), lap, mark, keep))
        else:
            figures.update(_rdflib(results, curation, Path(folder), path, lap, mark))
    return figures


def _stream(results: Any, records: int, curation: Any, folder: Path, lap: Any, mark: Any,
            keep: Path | None = None) -> dict[str, Any]:
    """What ``kyotei build`` does after loading: on disk, validation and the asserted TriG
    in a second process while this one reasons (its figures: ``side``; ``validate`` is then
    its validation, CPU included, and ``wall`` the stages' real wall time together)."""
    from kyotei.graph.build.dataset import build_store
    from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI
    from kyotei.graph.publish.overlapped import check_store
    from kyotei.graph.publish.snapshot import SnapshotStore
    from kyotei.graph.publish.streamed import write_snapshot
    from kyotei.pipeline import STORE_ON_DISK_FROM, load_ontology

    on_disk = records >= STORE_ON_DISK_FROM
    started = time.perf_counter()
    built = build_store(results, base_iri=DEFAULT_BASE_IRI, curation=curation,
                        folder=folder if on_disk else None)
    del results
    mark = lap("build", mark)
    marks = [mark]

    def stage(name: str) -> None:
        marks.append(lap(name, marks[-1]))

    timings: dict[str, float] = {}
    with check_store(built.store, load_ontology, base_iri=DEFAULT_BASE_IRI, validator="sparql",
                     reasoner="sparql", folder=folder, timings=timings, lap=stage,
                     say=lambda _: None) as checked:
        report = checked.validation
        meta = {"base_iri": DEFAULT_BASE_IRI, "agreements": built.agreements}
        snapshot = write_snapshot(SnapshotStore(keep or folder / "snapshots"), built.store, {},
                                  meta, checked.counts, checked.asserted)
        stage("write")
        side = checked.side
    built.store.close()
    figures: dict[str, Any] = {}
    if side:
        figures["side"] = side
        figures["wall"] = time.perf_counter() - started
    return {"asserted": snapshot.meta["triples"]["asserted"], "inferred": checked.inferred,
            "agreements": built.agreements, "conforms": report.conforms,
            "results": len(report.violations), "on_disk": on_disk,
            "trig_mb": snapshot.asserted_path.stat().st_size / 1e6, **figures}


def _rdflib(results: Any, curation: Any, folder: Path, path: str, lap: Any, mark: Any
            ) -> dict[str, Any]:
    from kyotei.graph.build.dataset import build_dataset
    from kyotei.graph.build.reason import reason
    from kyotei.graph.build.validate import validate_graph
    from kyotei.graph.model.namespaces import DEFAULT_BASE_IRI
    from kyotei.graph.publish.snapshot import SnapshotStore
    from kyotei.graph.publish.writers import merged_graph
    from kyotei.pipeline import load_ontology

    reasoner, validator = PATHS[path]
    built = build_dataset(results, base_iri=DEFAULT_BASE_IRI, curation=curation)
    mark = lap("build", mark)
    asserted = merged_graph(built.dataset, base_iri=DEFAULT_BASE_IRI)
    report = validate_graph(asserted, engine=validator)
    mark = lap("validate", mark)
    inferred = reason(asserted, load_ontology(), engine=reasoner)
    mark = lap("reason", mark)
    meta = {"base_iri": DEFAULT_BASE_IRI, "agreements": built.agreements}
    snapshot = SnapshotStore(folder).write(built.dataset, inferred, {}, meta)
    lap("write", mark)
    return {"asserted": len(asserted), "inferred": len(inferred),
            "agreements": built.agreements, "conforms": report.conforms,
            "results": len(report.violations), "on_disk": False,
            "trig_mb": snapshot.asserted_path.stat().st_size / 1e6}


def run(triples: int, path: str, keep: Path | None = None) -> dict[str, Any]:
    """One build in a fresh subprocess (see :func:`child`)."""
    out = subprocess.run(  # noqa: S603 - this script, with its own arguments
        [sys.executable, __file__, "--child", str(triples), path,
         *(["--keep", str(keep)] if keep else [])],
        check=True, capture_output=True, text=True,
    )
    figures: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def table(rows: list[tuple[int, str, dict[str, Any]]]) -> str:
    head = ("size", "path", "asserted", "inferred", *STAGES, "build total (no generate)",
            "peak MB", "peak MB per stage")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for size, path, f in rows:
        stages, side = dict(f["stages"]), f.get("side", {})
        if side:  # validate ran in the second process, beside reason (its own peak)
            stages["validate"] = (side["validate wall"], side["validate cpu"], side["peak MB"])
        cells = [f"{stages[s][0]:.2f} ({stages[s][1]:.2f})" for s in STAGES]
        total = f.get("wall", sum(stages[s][0] for s in STAGES[1:]))
        cpu = sum(stages[s][1] for s in STAGES[1:]) + side.get("trig cpu", 0.0)
        peak = max(v[2] for v in stages.values())
        per_stage = " / ".join(f"{stages[s][2]:.0f}" for s in STAGES)
        label = "shipped" if size == 0 else f"{size:,}"
        where = "stream (on disk)" if f.get("on_disk") else path
        lines.append(f"| {label} | {where} | {f['asserted']:,} | {f['inferred']:,} | "
                     + " | ".join(cells) + f" | {total:.2f} ({cpu:.2f}) | {peak:.0f} | "
                     f"{per_stage} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 10_000, 100_000])
    parser.add_argument("--paths", nargs="+", default=["stream", "rdflib"], choices=PATHS)
    parser.add_argument("--rdflib-max", type=int, default=100_000)
    parser.add_argument("--old-max", type=int, default=10_000)
    parser.add_argument("--child", nargs=2, metavar=("TRIPLES", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--keep", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.stdout.write(json.dumps(child(int(args.child[0]), args.child[1], args.keep)) + "\n")
        return
    limits = {"stream": None, "rdflib": args.rdflib_max, "old": args.old_max}
    rows = []
    for size in args.sizes:
        for path in args.paths:
            limit = limits[path]
            if limit is not None and size > limit:
                continue
            figures = run(size, path)
            rows.append((size, path, figures))
            sys.stderr.write(table([(size, path, figures)]).splitlines()[-1] + "\n")
    sys.stdout.write("seconds wall (CPU) per stage; peak = max resident set of the run "
                     "(per stage: after generate / build / validate / reason / write)\n"
                     "on disk, validate and the asserted TriG run in a second process beside "
                     "reason: the total is then the real wall time, its CPU both processes', "
                     "validate's peak the second process's\n")
    sys.stdout.write(table(rows) + "\n")
    for size, path, f in rows:
        if side := f.get("side"):
            sys.stdout.write(f"{size:,} {path}: second process: validate "
                             f"{side['validate wall']:.2f} ({side['validate cpu']:.2f}), "
                             "asserted TriG "
                             f"{side.get('trig wall', 0):.2f} ({side.get('trig cpu', 0):.2f}), "
                             f"peak {side['peak MB']:.0f} MB\n")
    by_size: dict[int, dict[str, dict[str, Any]]] = {}
    for size, path, f in rows:
        by_size.setdefault(size, {})[path] = f
    for size, pair in by_size.items():
        if "rdflib" in pair and "stream" in pair:
            old, new = pair["rdflib"]["stages"], pair["stream"]["stages"]
            cpu = [sum(st[s][1] for s in STAGES[1:]) for st in (old, new)]
            peak = [max(v[2] for v in st.values()) for st in (old, new)]
            sys.stdout.write(f"{size:,}: rdflib/stream CPU {cpu[0] / max(cpu[1], 1e-9):.1f}x, "
                             f"peak memory {peak[0] / max(peak[1], 1e-9):.1f}x\n")


if __name__ == "__main__":
    main()
