"""Availability: admission before parsing, parsing off the event loop, limits measured on
the parse tree, a worker stack that holds every admitted query, a memory ceiling, and the
same admission and time limit for /store, VoID and /analytics as for /sparql."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from kyotei.server.engine import parse as engine_parse
from kyotei.server.engine.screen import ScreenError
from kyotei.server.pages import analytics as analytics_routes
from kyotei.server.protocol import sparql
from kyotei.server.settings import ServerSettings

ClientWith = Callable[..., AbstractContextManager[TestClient]]
Serve = Callable[..., AbstractContextManager[Any]]
DEFAULTS = ServerSettings()


def _binds(count: int) -> str:
    return "SELECT * WHERE { " + " ".join(f"BIND({i} AS ?v{i})" for i in range(count)) + " }"


def _sum(terms: int) -> str:
    return "ASK { FILTER(" + "+".join(["1"] * terms) + " > 0) }"


# A query the server lexes in its thread pool (a short one is lexed on the event loop, in
# microseconds: see sparql.INLINE_LEX_CHARS).
LONG_ASK = "ASK {} #" + "x" * sparql.INLINE_LEX_CHARS


def _nested(depth: int) -> str:
    return "SELECT * WHERE " + "{ " * depth + "?s ?p ?o" + " }" * depth


@contextmanager
def _held_screen(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[threading.Event,
                                                                      threading.Event, list[str]]]:
    """The lexical screen blocks until released: a parse "in progress"."""
    entered, release = threading.Event(), threading.Event()
    seen: list[str] = []
    real = sparql.screen_query

    def held(text: str, **kwargs: Any) -> Any:
        seen.append(text)
        entered.set()
        release.wait(30)
        return real(text, **kwargs)

    monkeypatch.setattr(sparql, "screen_query", held)
    try:
        yield entered, release, seen
    finally:
        release.set()


def test_health_answers_while_a_query_is_being_parsed(serve: Serve,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    with serve(queue_timeout_s=60.0) as server, \
            _held_screen(monkeypatch) as (entered, release, _):
        outcome: dict[str, int] = {}
        thread = threading.Thread(target=lambda: outcome.setdefault(
            "status", httpx.get(server.sparql, params={"query": LONG_ASK}, timeout=60
                                ).status_code))
        thread.start()
        assert entered.wait(30)
        health = httpx.get(server.url + "/health", timeout=10)
        assert health.status_code == 200
        assert health.json()["queries_in_flight"] == 1
        assert "status" not in outcome  # still parsing
        release.set()
        thread.join(60)
        assert outcome["status"] == 200


def test_admission_comes_before_parsing(serve: Serve, monkeypatch: pytest.MonkeyPatch) -> None:
    with serve(max_concurrent_queries=1) as server, \
            _held_screen(monkeypatch) as (entered, release, seen):
        thread = threading.Thread(target=lambda: httpx.get(
            server.sparql, params={"query": LONG_ASK}, timeout=60))
        thread.start()
        assert entered.wait(30)
        big = "ASK { ?s ?p ?o } #" + "x" * 190_000  # within the size limit
        refused = httpx.post(server.sparql, content=big, timeout=10,
                             headers={"Content-Type": "application/sparql-query"})
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        for path in ("/store?default", "/.well-known/void", "/analytics"):
            assert httpx.get(server.url + path, timeout=10).status_code == 429, path
        assert seen == [LONG_ASK]  # the refused query was never parsed
        release.set()
        thread.join(60)


def test_in_process_work_has_the_query_time_limit(client_with: ClientWith,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real = analytics_routes.AnalyticsCache.get

    def slow(self: Any, snapshot: Any, *, html: bool) -> Any:
        release.wait(30)
        return real(self, snapshot, html=html)

    monkeypatch.setattr(analytics_routes.AnalyticsCache, "get", slow)
    try:
        with client_with(query_timeout_s=0.5) as client:
            response = client.get("/analytics", headers={"Accept": "application/json"})
            assert response.status_code == 503
            assert "time limit of 0.5 s" in response.text
            assert int(response.headers["retry-after"]) >= 1
            release.set()
    finally:
        release.set()


@pytest.mark.parametrize(
    ("query", "limit", "message"),
    [(_binds(11), {"max_patterns": 10}, "has 12 patterns; the limit is 10"),
     (_sum(20), {"max_expression_depth": 10}, "expressions nest"),
     ("DELETE WHERE { ?s ?p ?o . ?a ?b ?c . ?d ?e ?f }", {"max_patterns": 2}, "patterns")],
)
def test_parse_tree_limits(query: str, limit: dict[str, int], message: str) -> None:
    values = {"max_patterns": 10_000, "max_expression_depth": 10_000, **limit}
    with pytest.raises(ScreenError, match=message):
        engine_parse.check(query, base_iri=None, update=query.startswith("DELETE"),
                           has_graph=lambda _: True, **values)


def test_parse_tree_limits_over_http(client_with: ClientWith) -> None:
    with client_with(max_patterns=10, max_expression_depth=10, queue_timeout_s=60.0) as client:
        for query in (_binds(11), _sum(20)):
            response = client.post("/sparql", content=query,
                                   headers={"Content-Type": "application/sparql-query"})
            assert response.status_code == 400
            assert "the limit is 10" in response.text
        assert client.get("/sparql", params={"query": _binds(3)}).status_code == 200


# The engine's own recursion, in a process with the worker's limits (the parse, which is
# slow on such input, is left out: the stack is what is tested here).
STACK_PROBE = """
import sys
import pyoxigraph as ox
from kyotei.server.engine.sandbox import WorkerLimits, set_limits
set_limits(WorkerLimits(stack_bytes=int(sys.argv[1]) * 2**20))
for query in sys.argv[2:]:
    result = ox.Store().query(query)
    print(type(result).__name__)
"""


def _run_stack_probe(stack_mb: int, *queries: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", STACK_PROBE, str(stack_mb), *queries],
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_worker_stack_holds_the_largest_admitted_query() -> None:
    largest = (_binds(DEFAULTS.max_patterns), _sum(DEFAULTS.max_expression_depth),
               _nested(DEFAULTS.max_nesting_depth))
    done = _run_stack_probe(DEFAULTS.worker_stack_mb, *largest)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.split() == ["QuerySolutions", "QueryBoolean", "QuerySolutions"]
    # Control: with the stack a process starts with (8 MiB), the same query crashes.
    assert _run_stack_probe(0, _binds(DEFAULTS.max_patterns)).returncode == -11


def test_a_query_over_the_memory_ceiling_is_503_naming_the_limit(
    client_with: ClientWith,
) -> None:
    # Every distinct row holds a long string, so the ceiling is reached early even on a busy
    # machine (the bare cartesian product once ran into the time limit first).
    cartesian = ("SELECT DISTINCT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
                 "BIND(CONCAT(STR(?a), STR(?c), STR(?d), STR(?f), STR(?g), STR(?i)) AS ?s) }")
    with client_with(worker_memory_mb=400, query_timeout_s=120, queue_timeout_s=60) as client:
        response = client.get("/sparql", params={"query": cartesian})
        assert response.status_code == 503
        assert "worker memory limit of 400 MiB" in response.text
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]
