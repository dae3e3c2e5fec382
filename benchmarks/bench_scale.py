"""Issue 12's three figures at one size: the build, serving memory per worker, ``analyze``.

    python benchmarks/bench_scale.py --triples 10000000 --dir /tmp/scale
    python benchmarks/bench_scale.py --triples 100000 --dir /tmp/scale-small --workers 1 2

One synthetic list of ``--triples`` asserted triples (``benchmarks/generate.py``) goes
through the three steps a user runs, each in a fresh process, on the same snapshot:

1. **build** — the streaming build as ``kyotei build`` runs it (``bench_build.py``'s child:
   records → Oxigraph store on disk → SHACL → OWL RL → snapshot), its snapshot kept in
   ``--dir``; wall and CPU seconds per stage and the peak resident memory;
2. **serve** — ``kyotei serve`` on that snapshot with 1, 2 and 4 query workers
   (``bench_serving_memory.py``): the time until every worker is ready, then the PSS of
   the server, the forkserver and the workers after a query that reads every quad has run
   on each worker (a page shared by n processes counts 1/n in each);
3. **analyze** — ``analyze()`` and ``render_html()`` on the snapshot as ``kyotei analyze``
   loads it (``bench_analytics.py``'s child), CPU and wall seconds, peak memory.

Figures are printed, never asserted. ``--dir`` must be new or empty; it is kept (the
snapshot is a few hundred MB at 10M triples) so that a step can be re-run with
``--skip-build``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_analytics
import bench_build
import bench_serving_memory

from kyotei.graph.publish.snapshot import SnapshotStore


def build(triples: int, folder: Path) -> None:
    """Step 1: the build, its snapshot published into ``folder``."""
    started = time.perf_counter()
    figures = bench_build.run(triples, "stream", keep=folder)
    stages = figures["stages"]
    print(f"## build: {triples:,} asked, {figures['asserted']:,} asserted, "  # noqa: T201
          f"{figures['inferred']:,} inferred triples, {figures['agreements']:,} agreements "
          f"({time.perf_counter() - started:.0f} s with start-up)")
    print(bench_build.table([(triples, "stream", figures)]))  # noqa: T201
    side = figures.get("side", {})  # validate and the asserted TriG, beside reason
    main = [s for s in bench_build.STAGES[1:] if s in stages]
    total = figures.get("wall", sum(stages[s][0] for s in main))
    cpu = sum(stages[s][1] for s in main)
    side_cpu = side.get("validate cpu", 0.0) + side.get("trig cpu", 0.0)
    peak = max(v[2] for v in stages.values())
    beside = f" (second process {side.get('peak MB', 0):.0f} MB)" if side else ""
    print(f"build: {total:.0f} s wall ({total / 60:.1f} min), {cpu + side_cpu:.0f} s CPU "  # noqa: T201
          f"({cpu:.0f} in the main process, {side_cpu:.0f} in the second), "
          f"peak {peak:.0f} MB{beside}\n")


def serve(folder: Path, workers: list[int]) -> None:
    """Step 2: serving memory with each number of workers."""
    snapshot, note = SnapshotStore(folder).serveable()
    if snapshot is None:
        raise SystemExit(note or f"nothing built in {folder}")
    base_iri = str(snapshot.meta["base_iri"])
    print("## serve: kyotei serve on the snapshot, a query reading every quad run on "  # noqa: T201
          "every worker; MiB\n\n| workers | start s | RSS | PSS | server PSS | workers' PSS "
          "| per worker |\n|---:|---:|---:|---:|---:|---:|---:|")
    for count in workers:
        started = time.perf_counter()
        rss, pss, worker_pss, server_pss = bench_serving_memory._measure(
            folder.resolve(), base_iri, count)
        took = time.perf_counter() - started
        print(f"| {count} | {took:.0f} | {rss / 1024:.0f} | {pss / 1024:.0f} | "  # noqa: T201
              f"{server_pss / 1024:.0f} | {worker_pss / 1024:.0f} | "
              f"{worker_pss / 1024 / count:.0f} |", flush=True)
    print()  # noqa: T201


def analyze(folder: Path) -> None:
    """Step 3: ``analyze()`` and ``render_html()`` on the snapshot."""
    figures = bench_analytics.run(sys.executable, folder.resolve(), None, None)
    print("## analyze (the snapshot loaded as `kyotei analyze` loads it)\n\n| "  # noqa: T201
          + " | ".join(bench_analytics.HEAD) + " |\n|" + "---|" * len(bench_analytics.HEAD))
    print(bench_analytics.row(folder.name, {}, figures))  # noqa: T201
    print(json.dumps({"analyze_s_cpu": figures["analyze"][1],  # noqa: T201
                      "analyze_s_wall": figures["analyze"][0], "peak_mb": figures["peak_mb"]}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=10_000_000)
    parser.add_argument("--dir", type=Path, required=True, help="the build folder (kept)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--skip-build", action="store_true",
                        help="use the snapshot already in --dir")
    parser.add_argument("--steps", nargs="+", default=["build", "serve", "analyze"],
                        choices=("build", "serve", "analyze"))
    args = parser.parse_args()
    if "build" in args.steps and not args.skip_build:
        if args.dir.exists() and any(args.dir.iterdir()):
            raise SystemExit(f"{args.dir} is not empty (use --skip-build to reuse it)")
        args.dir.mkdir(parents=True, exist_ok=True)
        build(args.triples, args.dir)
    if "serve" in args.steps:
        serve(args.dir, args.workers)
    if "analyze" in args.steps:
        analyze(args.dir)


if __name__ == "__main__":
    main()
