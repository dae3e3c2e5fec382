"""Serving memory with 1, 2 and 4 query workers: one shared read-only on-disk store (now)
against one in-memory copy per worker (before), and the time to verify a snapshot.

    python benchmarks/bench_serving_memory.py --build-dir build
    python benchmarks/bench_serving_memory.py --build-dir build --workers 1 2 4 8
    python benchmarks/bench_serving_memory.py --synthetic 500000   # a made-up snapshot
    python benchmarks/bench_serving_memory.py --synthetic 500000 --modes "shared store"

Prints, per mode and worker count, the summed RSS and PSS (proportional set size: a page
shared by n processes counts 1/n in each, read from /proc/<pid>/smaps_rollup) of the server
process and its workers, after one query has run on every worker. RSS counts shared
page-cache pages in every process; PSS is the fair figure. Linux only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from kyotei.graph.publish.snapshot import SnapshotStore
from kyotei.server.app import create_app
from kyotei.server.settings import ServerSettings
from kyotei.server.state import DatasetSource, ServingState, from_source, load_snapshot

MODES = ("in-memory copy", "shared store")
QUERY = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } . "
         "OPTIONAL { ?s a ?type } }")


def _kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _measure(snapshot_dir: Path, mode: str, workers: int) -> tuple[int, int, int]:
    if mode == "shared store":
        loaded = load_snapshot(snapshot_dir)
    else:  # the previous design: every worker loads the snapshot into its own memory
        built = load_snapshot(snapshot_dir)
        loaded = from_source(built.id, DatasetSource(snapshot=str(snapshot_dir)),
                             built.base_iri, path=snapshot_dir)
    settings = ServerSettings(workers=workers, watch_interval_s=0, query_timeout_s=60,
                              max_concurrent_queries=64)
    with TestClient(create_app(settings, ServingState(loaded))) as client:
        runtime = client.app.state.runtime  # type: ignore[attr-defined]
        deadline = time.monotonic() + 300
        while len(runtime.engine.worker_pids(loaded)) < workers:
            if time.monotonic() > deadline:
                raise SystemExit("workers did not start")
            time.sleep(0.1)
        for _ in range(workers * 2):
            client.get("/sparql", params={"query": QUERY}).raise_for_status()
        pids = [os.getpid(), *runtime.engine.worker_pids(loaded)]
        rss = sum(_kib(pid, "Rss") for pid in pids)
        pss = sum(_kib(pid, "Pss") for pid in pids)
        worker_pss = sum(_kib(pid, "Pss") for pid in pids[1:])
    return rss, pss, worker_pss


def _synthetic(triples: int) -> Path:
    """A build folder with one snapshot of ``triples`` made-up asserted triples (one named
    graph per 10,000), hashed like a real build."""
    build = Path(tempfile.mkdtemp(prefix="kyotei-bench-"))
    snapshot_id = "20260101T000000000000Z-0000000000"
    folder = build / "snapshots" / snapshot_id
    folder.mkdir(parents=True)
    base = "https://example.org/bench/id/"
    with (folder / "asserted.trig").open("w", encoding="utf-8") as out:
        for start in range(0, triples, 10_000):
            out.write(f"<{base}graph/source/{start}> {{\n")
            for n in range(start, min(start + 10_000, triples)):
                out.write(f'<{base}agreement/{n // 5}> <{base}p{n % 5}> "value {n}"@en .\n')
            out.write("}\n")
    (folder / "inferred.nt").write_text("")
    (folder / "report.json").write_text("{}")
    files = {n: hashlib.sha256((folder / n).read_bytes()).hexdigest()
             for n in ("asserted.trig", "inferred.nt", "report.json")}
    (folder / "build.json").write_text(json.dumps({"id": snapshot_id, "base_iri": base,
                                                   "files": files}))
    (build / "CURRENT").write_text(snapshot_id + "\n")
    return build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build-dir", type=Path, default=Path("build"))
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES),
                        help="which designs to measure (default: both)")
    parser.add_argument("--synthetic", type=int, metavar="TRIPLES",
                        help="serve a made-up snapshot of this many triples instead")
    args = parser.parse_args()
    if args.synthetic:
        args.build_dir = _synthetic(args.synthetic)
    snapshot, note = SnapshotStore(args.build_dir).serveable()
    if snapshot is None:
        raise SystemExit(note or f"nothing built in {args.build_dir}")
    started = time.perf_counter()
    verified = snapshot.verify()
    took = time.perf_counter() - started
    size = sum(len(b) for b in verified.values())
    print(f"snapshot {snapshot.id}: verified {len(verified)} files, "  # noqa: T201
          f"{size / 1e6:.1f} MB, in {took * 1000:.1f} ms")
    print(f"{'mode':<16}{'workers':>8}{'RSS MiB':>10}{'PSS MiB':>10}"  # noqa: T201
          f"{'worker PSS MiB':>16}")
    for mode in args.modes:
        for workers in args.workers:
            rss, pss, worker_pss = _measure(snapshot.path, mode, workers)
            print(f"{mode:<16}{workers:>8}"  # noqa: T201
                  f"{rss / 1024:>10.0f}{pss / 1024:>10.0f}"
                  f"{worker_pss / 1024:>16.0f}")


if __name__ == "__main__":
    main()
