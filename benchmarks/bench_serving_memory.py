"""Serving memory by query slots (worker processes x query threads), as ``kyotei serve``
runs: PSS, not RSS.

    python benchmarks/bench_serving_memory.py --build-dir build
    python benchmarks/bench_serving_memory.py --build-dir build --configs 1x1 4x1 1x4 2x2
    python benchmarks/bench_serving_memory.py --synthetic 1000000   # a made-up snapshot

Starts ``kyotei serve`` (the console script, as a user runs it) on the build's current
snapshot with P workers of T threads each (``PxT``: P x T query slots; ``Nx1`` is the
engine before threads, one query per process), runs a query that reads every quad from as
many concurrent clients as there are slots, twice (so that every slot runs it), and prints the
summed RSS and PSS (proportional set size: a page shared by n processes counts 1/n in each,
read from /proc/<pid>/smaps_rollup) of the server, the forkserver and the workers, and the
workers' PSS per worker. RSS counts the shared page cache of the one read-only on-disk
store in every process; PSS is the fair figure. Workers sharing the store should show a
per-worker PSS that does not grow with the store or with the number of workers. Linux only.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from kyotei.graph.publish.snapshot import SnapshotStore

QUERY = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } . "
         "OPTIONAL { ?s a ?type } }")


def _kib(pid: int, field: str) -> int:
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0
    for line in lines:
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _kyotei() -> list[str]:
    script = shutil.which("kyotei") or str(Path(sys.executable).with_name("kyotei"))
    return [script]


def _get(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _query_on_every_slot(port: int, slots: int) -> None:
    """``slots`` clients at once, twice: each slot (its thread's heap) runs the query."""
    failed: list[str] = []

    def one() -> None:
        status, body = _get(port, "/sparql?" + urlencode({"query": QUERY}))
        if status != 200:
            failed.append(f"{status} {body[:300]!r}")

    for _ in range(2):
        clients = [threading.Thread(target=one) for _ in range(slots)]
        for client in clients:
            client.start()
        for client in clients:
            client.join()
    if failed:
        raise SystemExit(f"query failed: {failed[0]}")


def _measure(build_dir: Path, base_iri: str, workers: int,
             threads: int) -> tuple[int, int, int, int]:
    """RSS and PSS of the whole tree, the workers' PSS, and the server's own PSS (KiB)."""
    port = _free_port()
    env = {**os.environ, "KYOTEI_WORKERS": str(workers), "KYOTEI_THREADS": str(threads),
           "KYOTEI_WATCH_INTERVAL_S": "0", "KYOTEI_QUERY_TIMEOUT_S": "600",
           "KYOTEI_QUEUE_TIMEOUT_S": "600",
           "KYOTEI_MAX_CONCURRENT_QUERIES": str(max(8, workers * threads))}
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(  # noqa: S603 - our own CLI, fixed arguments
        [*_kyotei(), "serve", "--build-dir", str(build_dir), "--port", str(port),
         "--base-iri", base_iri],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tempfile.gettempdir())
    try:
        deadline = time.monotonic() + 900
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise SystemExit("kyotei serve did not start:\n" + log.read().decode()[-3000:])
            try:
                status, body = _get(port, "/health")
                pools = json.loads(body)["workers"] if status == 200 else {}
                if any(p["ready"] >= workers for p in pools.values()):
                    break
            except (OSError, http.client.HTTPException, ValueError, KeyError):
                pass
            time.sleep(0.5)
        _query_on_every_slot(port, workers * threads)
        tree, todo = [], [server.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += _children(pid)
        forkservers = _children(server.pid)
        worker_pids = [p for f in forkservers for p in _children(f)]
        return (sum(_kib(p, "Rss") for p in tree), sum(_kib(p, "Pss") for p in tree),
                sum(_kib(p, "Pss") for p in worker_pids), _kib(server.pid, "Pss"))
    finally:
        server.terminate()
        server.wait(60)


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
    parser.add_argument("--configs", nargs="+", metavar="PxT",
                        default=["1x1", "2x1", "4x1", "8x1", "1x2", "1x4", "1x8", "2x4"],
                        help="worker processes x query threads each")
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
    print(f"{'PxT':>6}{'slots':>6}{'RSS MiB':>10}{'PSS MiB':>10}{'server PSS':>12}"  # noqa: T201
          f"{'workers PSS':>13}{'per slot':>10}", flush=True)
    for config in args.configs:
        workers, threads = (int(n) for n in config.lower().split("x"))
        rss, pss, worker_pss, server_pss = _measure(
            args.build_dir.resolve(), str(snapshot.meta["base_iri"]), workers, threads)
        slots = workers * threads
        print(f"{config:>6}{slots:>6}{rss / 1024:>10.0f}{pss / 1024:>10.0f}"  # noqa: T201
              f"{server_pss / 1024:>12.0f}{worker_pss / 1024:>13.0f}"
              f"{worker_pss / 1024 / slots:>10.0f}", flush=True)


if __name__ == "__main__":
    main()
