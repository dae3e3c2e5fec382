"""Latency of the SPARQL endpoint over HTTP, and what the worker process adds.

Usage:  python benchmarks/bench_server.py [--build-dir build] [--requests 200] [--workers 2]

Serves the current snapshot of ``--build-dir`` (``kyotei build`` first) with uvicorn on
127.0.0.1 and a free port, then sends each representative query (the query page's gallery,
plus a trivial ASK, a COUNT and a DESCRIBE) ``--requests`` times, one after another, and
prints the median and 90th percentile per query. For comparison it also times the same
query run directly on an in-process pyoxigraph store (no HTTP, no worker): the difference
is what HTTP, screening, the pipe to the worker and serialisation add. Figures are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import uvicorn

from kyotei.graph.publish.snapshot import SnapshotStore
from kyotei.server.app import create_app
from kyotei.server.pages import gallery
from kyotei.server.settings import ServerSettings
from kyotei.server.state import ServingState, load_snapshot


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _queries(base_iri: str) -> dict[str, str]:
    found = {"ask-trivial": "ASK {}",
             "count-all": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    for example in gallery.examples():
        found[example.key] = gallery.with_prologue(example.body, base_iri)
    found["describe-one"] = (
        "DESCRIBE ?a WHERE { ?a a <https://w3id.org/kyotei/def#Agreement> } LIMIT 1")
    return found


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _time_direct(store: ox.Store, query: str, n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        result = store.query(query)
        if not isinstance(result, ox.QueryBoolean):
            for _item in result:
                pass
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", type=Path, default=Path("build"))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    snapshot = SnapshotStore(args.build_dir).current()
    if snapshot is None:
        raise SystemExit(f"nothing built in {args.build_dir}: run `kyotei build` first")
    loaded = load_snapshot(snapshot.path)
    port = _free_port()
    settings = ServerSettings(port=port, workers=args.workers, watch_interval_s=0)
    server = uvicorn.Server(uvicorn.Config(create_app(settings, ServingState(loaded)),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}/sparql"
    print(f"snapshot {loaded.id}: {len(loaded.store)} quads; {args.requests} requests "  # noqa: T201
          f"per query, {args.workers} workers")
    print(f"{'query':44} {'rows':>6} {'median ms':>10} {'p90 ms':>8} {'direct ms':>10}")  # noqa: T201
    with httpx.Client(timeout=60) as client:
        client.get(url, params={"query": "ASK {}"})  # the workers are warm from here on
        for name, query in _queries(loaded.base_iri).items():
            times, rows = [], "-"
            for _ in range(args.requests):
                start = time.perf_counter()
                response = client.post(url, data={"query": query})
                times.append(time.perf_counter() - start)
                response.raise_for_status()
                rows = response.headers.get("kyotei-result-rows", "-")
            direct = _time_direct(loaded.store, query, min(args.requests, 50))
            print(f"{name:44} {rows:>6} {statistics.median(times) * 1000:10.2f} "  # noqa: T201
                  f"{_percentile(times, 0.9) * 1000:8.2f} {direct * 1000:10.2f}")
    server.should_exit = True
    thread.join(10)


if __name__ == "__main__":
    main()
