"""What the query screen costs, and whether big refused queries slow ``/health``.

Usage:  python benchmarks/bench_screen.py [--seconds 10] [--clients 10]

1. The parse-tree screen (rdflib's SPARQL parser, run in the query worker) on each gallery
   query and on a few big queries, against the lexical pre-check (run in the server).
2. ``--clients`` clients send ~190 KB queries that the screen refuses, over and over, for
   ``--seconds`` to a uvicorn server on 127.0.0.1 over the test fixture's snapshot, while
   one client asks ``/health``; the health latencies are printed (median, p99, max).

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import uvicorn

from kyotei.server.app import create_app
from kyotei.server.engine import parse as engine_parse
from kyotei.server.engine.screen import screen
from kyotei.server.http_limits import uvicorn_options
from kyotei.server.pages import gallery
from kyotei.server.settings import ServerSettings
from kyotei.server.state import ServingState, load_snapshot

FIXTURE = Path(__file__).parent.parent / "tests" / "server" / "fixtures" / "build"
BASE = "https://w3id.org/kyotei/id/"


def _time(work: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def _parse(text: str) -> None:
    engine_parse.check(text, base_iri=BASE, update=False, has_graph=lambda _: True,
                       max_expression_depth=10**6, max_patterns=10**6)


def screen_costs() -> None:
    sys.setrecursionlimit(engine_parse.PARSE_RECURSION_LIMIT)
    cases = [(ex.key, gallery.with_prologue(ex.body, BASE)) for ex in gallery.examples()]
    values = " ".join(f"<http://example.org/item/{i}>" for i in range(5000))
    cases += [
        ("VALUES, 5000 IRIs", f"SELECT * WHERE {{ VALUES ?x {{ {values} }} ?x ?p ?o }}"),
        ("comment, 190 KB", "ASK { ?s ?p ?o } #" + "x" * 190_000),
        ("200 triple patterns", "SELECT * WHERE { " + " ".join(
            f"?s <http://example.org/p{i}> ?o{i} ." for i in range(200)) + " }"),
        ("200 BINDs", "SELECT * WHERE { " + " ".join(
            f"BIND({i} AS ?v{i})" for i in range(200)) + " }"),
        ("sum of 200 terms", "ASK { FILTER(" + "+".join(["1"] * 200) + " > 0) }"),
    ]
    print(f"{'query':<40} {'chars':>8} {'lexer ms':>9} {'parse ms':>9}")  # noqa: T201
    for name, text in cases:
        lexed = _time(lambda t=text: screen(t, base_iri=BASE, max_depth=64, max_chain=10**6))
        parsed = _time(lambda t=text: _parse(t), repeat=1 if len(text) > 10_000 else 3)
        print(f"{name[:40]:<40} {len(text):>8} {lexed * 1000:>9.1f} {parsed * 1000:>9.1f}")  # noqa: T201


def health_under_refusals(seconds: float, clients: int) -> None:
    folder = Path(tempfile.mkdtemp()) / "build"
    shutil.copytree(FIXTURE, folder)
    snapshot = next((folder / "snapshots").iterdir())
    port = httpx_free_port()
    settings = ServerSettings(port=port, workers=1, watch_interval_s=0)
    app = create_app(settings, ServingState(load_snapshot(snapshot, base_iri=BASE)))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="error", **uvicorn_options(settings)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    refused = ("ASK { ?s ?p ?o } #" + "x" * 190_000 + "\n"
               "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    stop = time.monotonic() + seconds
    statuses: dict[int, int] = {}

    def flood() -> None:
        with httpx.Client(timeout=60) as client:
            while time.monotonic() < stop:
                code = client.post(url + "/sparql", content=refused, headers={
                    "Content-Type": "application/sparql-query"}).status_code
                statuses[code] = statuses.get(code, 0) + 1

    threads = [threading.Thread(target=flood) for _ in range(clients)]
    for each in threads:
        each.start()
    latencies: list[float] = []
    with httpx.Client(timeout=60) as client:
        while time.monotonic() < stop:
            started = time.perf_counter()
            client.get(url + "/health").raise_for_status()
            latencies.append(time.perf_counter() - started)
            time.sleep(0.05)
    for each in threads:
        each.join()
    server.should_exit = True
    thread.join(30)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"\n{clients} clients sending {len(refused) // 1000} KB refused queries for "  # noqa: T201
          f"{seconds:g} s: answers {dict(sorted(statuses.items()))}")
    print(f"/health over {len(latencies)} requests: median "  # noqa: T201
          f"{statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
          f"max {latencies[-1] * 1000:.1f} ms")


def httpx_free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=10)
    args = parser.parse_args()
    screen_costs()
    health_under_refusals(args.seconds, args.clients)


if __name__ == "__main__":
    main()
