"""Latency of the SPARQL endpoint over HTTP against pyoxigraph in-process, per gallery query,
and under 1, 8 and 32 concurrent clients; beside it Oxigraph's own server and
rdflib-endpoint on the same data, and optionally kyotei as it was before a change.

Usage:  python benchmarks/bench_server.py [--build-dir kyotei-build] [--requests 30]
            [--workers 2] [--check-target] [--only NAME…] [--clients 1 8 32]
            [--seconds 2] [--oxigraph PATH] [--rdflib-endpoint PATH]
            [--before-env NAME=VALUE …]

Starts ``kyotei serve`` on the current snapshot of ``--build-dir`` (``kyotei build`` first)
as a separate process on 127.0.0.1 and a free port, exactly as a user runs it (the client
and the server must not share a process: they would contend for one GIL). Each query (the
query page's gallery, with the prologue the page adds, plus a trivial ``ASK {}``, a COUNT
and a DESCRIBE) is sent over one kept-alive connection (the standard library's client:
the least client time), to kyotei POST form-encoded as the query page and SPARQLWrapper
send it, and run in this process on the same on-disk store opened read-only by pyoxigraph,
all interleaved so that every column sees the same load on a shared machine.

Other servers, each on the same data, when found: ``oxigraph serve-read-only`` on the very
store kyotei serves (``--oxigraph``, default the ``oxigraph`` on PATH: pip package
``oxigraph``), ``rdflib-endpoint serve`` on the snapshot's files (``--rdflib-endpoint``;
at most 3 runs per query, one when it takes over a second; 30 s each), and with
``--before-env`` a second ``kyotei serve`` started with those environment variables added
(e.g. ``PYTHONPATH`` naming a ``sitecustomize`` that points the editable install at an
older checkout). Oxigraph's server reads the very store files kyotei serves.

Printed per query: the first run (the server has never seen the query text) and the median
and best of the warm runs, in-process and over HTTP, their ratio and the time HTTP adds;
then the other servers' medians, and each server's CPU per query (user + system of its
process tree, from /proc) and its ratio to in-process. The concurrency table runs each of
a few queries for ``--seconds`` with N client threads (one connection each) and prints
queries per second and the median and 95th percentile latency. In-process time is
``Store.query`` and iterating every result: the least work an answer takes. Figures are
printed, never asserted; ``--check-target`` exits 1 when a warm median ratio is over 1.3
or the trivial query gains 1 ms or more (issue 12's target).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

from kyotei.graph.publish.snapshot import SnapshotStore
from kyotei.server.pages import gallery
from kyotei.server.state import LoadedSnapshot, load_snapshot

TARGET_RATIO = 1.3
TARGET_ADDED_MS = 1.0
CONCURRENT_QUERIES = ("ask-trivial", "03-tuition-waiver-after-2005")
OTHER_RUNS = 3  # rdflib-endpoint is slow: a few runs per query, one past SLOW_S
SLOW_S = 1.0


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


def _accept(query: str) -> str:
    graph = any(word in query for word in ("CONSTRUCT", "DESCRIBE"))
    return "text/turtle" if graph else "application/sparql-results+json"


class Server:
    """An HTTP SPARQL server in a child process; :meth:`connect` gives a client for it."""

    def __init__(self, name: str, argv: list[str], port: int, path: str, form: bool,
                 env: dict[str, str] | None = None, timeout: float = 120) -> None:
        self.name, self.port, self.path, self.form, self.timeout = name, port, path, form, timeout
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            argv, env={**os.environ, **(env or {})}, stdout=self.log,
            stderr=subprocess.STDOUT, cwd=tempfile.gettempdir())
        self.conn = self.connect()

    def connect(self) -> Client:
        return Client(self)

    def wait_ready(self, ready: Callable[[Client], bool], timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"{self.name} stopped:\n" + self.log.read().decode()[-3000:])
            try:
                if ready(self.conn):
                    return
            except (OSError, http.client.HTTPException, ValueError):
                self.conn.close()
                self.conn = self.connect()
            time.sleep(0.2)
        raise SystemExit(f"{self.name} did not start")

    def close(self) -> None:
        self.conn.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:  # busy with a query it cannot stop
            self.process.kill()
            self.process.wait(10)


class Client:
    """One kept-alive connection to a :class:`Server`."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.http = http.client.HTTPConnection("127.0.0.1", server.port, timeout=server.timeout)

    def close(self) -> None:
        self.http.close()

    def get_json(self, path: str) -> dict[str, object]:
        self.http.request("GET", path)
        answer: dict[str, object] = json.loads(self.http.getresponse().read())
        return answer

    def post(self, query: str, accept: str) -> tuple[float, str, int]:
        """Seconds, the rows kyotei says it sent, and the HTTP status."""
        if self.server.form:
            body, kind = urlencode({"query": query}), "application/x-www-form-urlencoded"
        else:
            body, kind = query, "application/sparql-query"
        for attempt in (1, 2):  # a kept-alive connection the server closed: open it again
            start = time.perf_counter()
            try:
                self.http.request("POST", self.server.path, body=body.encode(),
                                  headers={"Content-Type": kind, "Accept": accept})
                response = self.http.getresponse()
            except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
                self.http.close()
                if attempt == 2:
                    raise
                continue
            response.read()
            took = time.perf_counter() - start
            return took, response.getheader("kyotei-result-rows") or "-", response.status
        raise AssertionError("unreachable")


def _kyotei(name: str, build_dir: Path, workers: int, env: dict[str, str]) -> Server:
    """``kyotei serve`` started (not yet waited for: :func:`_kyotei_ready`)."""
    port = _free_port()
    return Server(name, [sys.executable, "-m", "kyotei", "serve", "--build-dir",
                         str(build_dir), "--port", str(port)], port, "/sparql", True, {
        "KYOTEI_WORKERS": str(workers), "KYOTEI_WATCH_INTERVAL_S": "0",
        "KYOTEI_QUERY_TIMEOUT_S": "60", "KYOTEI_MAX_CONCURRENT_QUERIES": "64", **env})


def _kyotei_ready(server: Server, workers: int, timeout: float) -> None:
    def ready(client: Client) -> bool:
        pools = client.get_json("/health")["workers"]
        return isinstance(pools, dict) and any(p["ready"] >= workers for p in pools.values())

    server.wait_ready(ready, timeout)


def _sparql_ready(client: Client) -> bool:
    return client.post("ASK {}", "application/sparql-results+json")[2] == 200


def _others(args: argparse.Namespace, loaded: LoadedSnapshot, servers: list[Server]) -> None:
    """Start the other servers found, each added to ``servers`` once started (closed by
    the caller even when a later one fails)."""
    oxigraph = args.oxigraph or shutil.which("oxigraph")
    if oxigraph and loaded.source.store:
        port = _free_port()
        server = Server("oxigraph", [oxigraph, "serve-read-only", "--location",
                                     loaded.source.store, "--bind", f"127.0.0.1:{port}"],
                        port, "/query", False)
        servers.append(server)
        server.wait_ready(_sparql_ready)
    else:
        print("oxigraph: not found (pip install oxigraph, or --oxigraph PATH)")  # noqa: T201
    endpoint = args.rdflib_endpoint or shutil.which("rdflib-endpoint")
    if endpoint and loaded.path:
        files = [str(loaded.path / n) for n in ("asserted.trig", "inferred.nt")]
        port = _free_port()
        server = Server("rdflib-endpoint", [endpoint, "serve", "--host", "127.0.0.1",
                                            "--port", str(port), *files],
                        port, "/", False, timeout=30)
        servers.append(server)
        server.wait_ready(_sparql_ready)
    else:
        print("rdflib-endpoint: not found (pip install rdflib-endpoint click uvicorn)")  # noqa: T201


def process_ticks(pid: int) -> int:
    """Clock ticks (user + system) one process has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def split_ticks(pid: int) -> tuple[int, int]:
    """Clock ticks of a process, and of all its descendants (those gone meanwhile: none)."""
    own, rest, todo = process_ticks(pid), 0, [pid]
    while todo:
        current = todo.pop()
        try:
            if current != pid:
                rest += process_ticks(current)
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue  # gone meanwhile
    return own, rest


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and all its descendants, from /proc."""
    return sum(split_ticks(pid)) / os.sysconf("SC_CLK_TCK")


def _direct(store: ox.Store, query: str) -> float:
    start = time.perf_counter()
    result = store.query(query)
    if not isinstance(result, ox.QueryBoolean):
        for _item in result:
            pass
    return time.perf_counter() - start


def _latency_table(args: argparse.Namespace, loaded: LoadedSnapshot,
                   servers: list[Server]) -> list[str]:
    kyotei, others = servers[0], servers[1:]
    missed: list[str] = []
    print(f"\n{'query':38} {'rows':>5} | {'first: in-proc':>14} {'HTTP':>7} "  # noqa: T201
          f"| {'median: in-proc':>15} {'HTTP':>7} {'ratio':>6} {'added':>6} "
          f"| {'best: in-proc':>13} {'HTTP':>7} {'ratio':>6} {'added':>6} | "
          + " ".join(f"{s.name[:15]:>15} {'ratio':>6}" for s in others)
          + " | CPU ms per query: " + " ".join(f"{n[:15]:>15}" for n in
                                             ["in-process", *[s.name for s in servers]])
          + " | CPU ratio: " + " ".join(f"{s.name[:15]:>15}" for s in servers))
    for name, query in _queries(loaded.base_iri).items():
        if args.only and name not in args.only:
            continue
        accept = _accept(query)
        first_http, rows, _ = kyotei.conn.post(query, accept)
        first_direct = _direct(loaded.store, query)
        warm_direct: list[float] = []
        warm: dict[str, list[float]] = {s.name: [] for s in servers}
        given_up: set[str] = set()
        spent = dict.fromkeys((s.name for s in servers), 0.0)  # CPU of each server's tree
        direct_cpu = 0.0
        for run in range(args.requests):
            started = time.process_time()
            warm_direct.append(_direct(loaded.store, query))
            direct_cpu += time.process_time() - started
            for server in servers:
                if server.name in given_up or (server.name == "rdflib-endpoint" and (
                        run >= OTHER_RUNS or server.name + " (slow)" in given_up)):
                    continue
                cpu_at = _tree_cpu(server.process.pid)
                try:
                    took, _, status = server.conn.post(query, accept)
                    spent[server.name] += _tree_cpu(server.process.pid) - cpu_at
                except (OSError, http.client.HTTPException):
                    server.conn.close()
                    server.conn = server.connect()
                    given_up.add(server.name)
                    continue
                if status != 200:
                    given_up.add(server.name)
                    continue
                warm[server.name].append(took)
                if server.name == "rdflib-endpoint" and took > SLOW_S:
                    given_up.add(server.name + " (slow)")  # one run is enough
        cpu = {s.name: spent[s.name] / max(1, len(warm[s.name])) for s in servers}
        d, h = statistics.median(warm_direct), statistics.median(warm[kyotei.name])
        bd, bh = min(warm_direct), min(warm[kyotei.name])
        ratio = h / d if d else float("inf")
        cells = []
        for server in others:
            times = warm[server.name]
            if server.name in given_up or not times:
                cells.append(f"{'failed':>15} {'':>6}")
            else:
                m = statistics.median(times)
                cells.append(f"{m * 1e3:15.2f} {m / d:6.1f}")
        print(f"{name:38} {rows:>5} | {first_direct * 1e3:14.2f} {first_http * 1e3:7.1f} "  # noqa: T201
              f"| {d * 1e3:15.2f} {h * 1e3:7.2f} {ratio:6.2f} {(h - d) * 1e3:6.2f} "
              f"| {bd * 1e3:13.2f} {bh * 1e3:7.2f} {bh / bd:6.2f} {(bh - bd) * 1e3:6.2f} | "
              + " ".join(cells) + " | " + " ".join(
                  f"{x * 1e3:15.2f}" for x in [direct_cpu / args.requests,
                                               *[cpu[s.name] for s in servers]])
              + " | " + " ".join(
                  f"{cpu[s.name] / (direct_cpu / args.requests):15.2f}" if direct_cpu
                  else f"{'-':>15}" for s in servers))
        if name == "ask-trivial" and (h - d) * 1e3 >= TARGET_ADDED_MS:
            missed.append(f"{name}: {(h - d) * 1e3:.2f} ms added")
        elif name != "ask-trivial" and ratio > TARGET_RATIO:
            missed.append(f"{name}: {ratio:.2f}x")
    return missed


def _hammer(call: Callable[[], tuple[float, int]], clients: int,
            seconds: float) -> tuple[int, list[float], int]:
    """``clients`` threads calling ``call`` for ``seconds``: answers, latencies, failures."""
    latencies: list[float] = []
    failed = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def loop() -> None:
        mine, bad = [], 0
        while time.monotonic() < stop:
            took, status = call()
            if status == 200:
                mine.append(took)
            else:
                bad += 1
        with lock:
            latencies.extend(mine)
            failed[0] += bad

    threads = [threading.Thread(target=loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies), latencies, failed[0]


def _concurrency_table(args: argparse.Namespace, loaded: LoadedSnapshot,
                       servers: list[Server]) -> None:
    queries = _queries(loaded.base_iri)
    targets = [s for s in servers if s.name != "rdflib-endpoint"]
    print(f"\n{args.seconds:g} s per cell; q/s, median and p95 latency in ms "  # noqa: T201
          "(in-process: threads on one Store)")
    print(f"{'query':30} {'clients':>7} | " + " | ".join(  # noqa: T201
        f"{n[:14]:>14} {'med':>7} {'p95':>7}" for n in ["in-process", *[s.name for s in targets]]))
    for name in CONCURRENT_QUERIES:
        query, accept = queries[name], _accept(queries[name])
        for clients in args.clients:
            cells = []

            def direct(query: str = query) -> tuple[float, int]:
                return _direct(loaded.store, query), 200

            measured = [_hammer(direct, clients, args.seconds)]
            for server in targets:
                conns = threading.local()

                def post(server: Server = server, conns: threading.local = conns,
                         query: str = query, accept: str = accept) -> tuple[float, int]:
                    if not hasattr(conns, "client"):
                        conns.client = server.connect()
                    try:
                        took, _, status = conns.client.post(query, accept)
                    except (OSError, http.client.HTTPException):
                        conns.client = server.connect()
                        return 0.0, 0
                    return took, status

                measured.append(_hammer(post, clients, args.seconds))
            for done, latencies, failed in measured:
                if not latencies:
                    cells.append(f"{'failed':>14} {'':>7} {'':>7}")
                    continue
                p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 \
                    else latencies[0]
                note = f"{done / args.seconds:9.0f}" + (f"!{failed:<4}" if failed else "     ")
                cells.append(f"{note:>14} {statistics.median(latencies) * 1e3:7.2f} "
                             f"{p95 * 1e3:7.2f}")
            print(f"{name[:30]:30} {clients:>7} | " + " | ".join(cells))  # noqa: T201
    print("(!n: n requests refused or failed)")  # noqa: T201


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build-dir", type=Path, default=Path("kyotei-build"))
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--check-target", action="store_true")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="only these queries")
    parser.add_argument("--clients", type=int, nargs="*", default=[1, 8, 32],
                        help="concurrency table (none: skip it)")
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--oxigraph", help="the oxigraph CLI (default: on PATH)")
    parser.add_argument("--rdflib-endpoint", help="the rdflib-endpoint CLI (default: on PATH)")
    parser.add_argument("--no-others", action="store_true", help="kyotei only")
    parser.add_argument("--before-env", nargs="+", metavar="NAME=VALUE",
                        help="also run a kyotei serve with these variables ('before')")
    parser.add_argument("--start-timeout", type=float, default=1800,
                        help="seconds a kyotei serve may take to load the snapshot")
    args = parser.parse_args()
    snapshot = SnapshotStore(args.build_dir).current()
    if snapshot is None:
        raise SystemExit(f"nothing built in {args.build_dir}: run `kyotei build` first")
    build_dir = args.build_dir.resolve()
    # The kyotei servers load the snapshot while this process does (minutes at 1M triples).
    servers = [_kyotei("kyotei", build_dir, args.workers, {})]
    try:
        if args.before_env:
            env = dict(item.split("=", 1) for item in args.before_env)
            servers.append(_kyotei("kyotei before", build_dir, args.workers, env))
        loaded = load_snapshot(snapshot.path)
        for server in servers:
            _kyotei_ready(server, args.workers, args.start_timeout)
        if not args.no_others:
            _others(args, loaded, servers)
        print(f"snapshot {loaded.id}: {len(loaded.store)} quads; {args.requests} warm runs "  # noqa: T201
              f"per query, {args.workers} workers; times in ms; servers: "
              + ", ".join(s.name for s in servers))
        missed = _latency_table(args, loaded, servers)
        if args.clients:
            _concurrency_table(args, loaded, servers)
    finally:
        for server in servers:
            server.close()
    print("target met" if not missed else "target missed: " + "; ".join(missed))  # noqa: T201
    if args.check_target and missed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
