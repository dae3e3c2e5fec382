"""Serving A/B: CPU per query of ``kyotei serve`` variants and of pyoxigraph in process,
side by side, interleaved per request (decisions 0018, 0021).

Usage:  python benchmarks/bench_serving_ab.py BUILD N ENV [ENV …] -- QUERY [QUERY …]

Each ENV is one server: ``kyotei serve --build-dir BUILD`` with 2 workers (``AB_WORKERS``)
and the variables it lists (``'KYOTEI_SPARQL_FAST_PATH=0'``, ``'PYTHONPATH=<dir>'`` for a
``sitecustomize`` pointing the editable install at another tree, ``''`` for none). QUERY
names come from ``bench_server.py`` (``ask-trivial``, ``count-all``, the gallery's keys,
``describe-one``). For each query: N rounds; in each, the query once in process and once
per server, the servers' order alternating; CPU of each server process and of all its
descendants read from ``/proc`` around each request (10 ms ticks: N=200 resolves 0.05 ms).
Prints a Markdown table: server + workers = total CPU, the ratio to in-process CPU (or the
CPU added, for a query under 0.5 ms in process) and the wall median. Nothing is asserted.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import bench_server

from kyotei.graph.publish.snapshot import SnapshotStore
from kyotei.server.state import load_snapshot

TICK = os.sysconf("SC_CLK_TCK")


def main(argv: list[str]) -> None:
    cut = argv.index("--")
    build, runs, envs, names = Path(argv[0]), int(argv[1]), argv[2:cut], argv[cut + 1:]
    loaded = load_snapshot(SnapshotStore(build).current().path)
    queries = bench_server._queries(loaded.base_iri)
    workers = int(os.environ.get("AB_WORKERS", "2"))
    servers = [bench_server._kyotei(
        f"v{index}", build.resolve(), workers,
        dict(item.split("=", 1) for item in env.split() if item))
        for index, env in enumerate(envs)]
    try:
        for server in servers:
            bench_server._kyotei_ready(server, workers, 1800)
        print(f"N={runs}, load {os.getloadavg()[0]:.1f}; " + "; ".join(  # noqa: T201
            f"v{index}: {env or '(none)'}" for index, env in enumerate(envs)))
        print("| query | in-process CPU / wall | " + " | ".join(  # noqa: T201
            f"v{index}: server + workers (ratio), wall" for index in range(len(envs))) + " |")
        print("|---|---:|" + "---:|" * len(envs))  # noqa: T201
        for name in names:
            query = queries[name]
            accept = bench_server._accept(query)
            for server in servers:
                for _ in range(3):
                    server.conn.post(query, accept)
            cpu = {server.name: [0, 0] for server in servers}
            walls: dict[str, list[float]] = {server.name: [] for server in servers}
            direct_cpu, direct_wall = 0.0, []
            for run in range(runs):
                started = time.process_time()
                direct_wall.append(bench_server._direct(loaded.store, query))
                direct_cpu += time.process_time() - started
                for server in (servers if run % 2 == 0 else servers[::-1]):
                    before = bench_server.split_ticks(server.process.pid)
                    took, _, status = server.conn.post(query, accept)
                    after = bench_server.split_ticks(server.process.pid)
                    if status != 200:
                        raise SystemExit(f"{server.name}: {name} answered {status}")
                    cpu[server.name][0] += after[0] - before[0]
                    cpu[server.name][1] += after[1] - before[1]
                    walls[server.name].append(took)
            direct = direct_cpu / runs * 1e3
            cells = []
            for server in servers:
                own, rest = (ticks / TICK / runs * 1e3 for ticks in cpu[server.name])
                total = own + rest
                ratio = f"{total / direct:.2f}×" if direct >= 0.5 else f"+{total - direct:.2f} ms"
                cells.append(f"{own:.2f} + {rest:.2f} ({ratio}), "
                             f"{statistics.median(walls[server.name]) * 1e3:.2f}")
            print(f"| {name} | {direct:.2f} / "  # noqa: T201
                  f"{statistics.median(direct_wall) * 1e3:.2f} | " + " | ".join(cells) + " |",
                  flush=True)
    finally:
        for server in servers:
            server.close()


if __name__ == "__main__":
    main(sys.argv[1:])
