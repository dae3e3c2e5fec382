"""Safe by default: each guard, and the failure it prevents.

No outbound request is proven with a loopback canary (a TCP server on 127.0.0.1 and an
ephemeral port that counts connections): pyoxigraph alone does connect to it (the positive
control below), the server never does.
"""

from __future__ import annotations

import hmac
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from kyotei.server import security

ClientWith = Callable[..., AbstractContextManager[TestClient]]
Serve = Callable[..., AbstractContextManager[Any]]
# 220^4 rows to count: minutes of work for the engine.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TOKEN = "s3cret-token-for-tests"  # noqa: S105


class Canary:
    """A loopback TCP server that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        self.connections: list[tuple[str, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, peer = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(peer)
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def canary() -> Iterator[Canary]:
    found = Canary()
    yield found
    found.close()


def _wait_for(condition: Callable[[], bool], what: str, limit_s: float = 30.0) -> None:
    deadline = time.monotonic() + limit_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def test_canary_sees_what_pyoxigraph_alone_sends(canary: Canary) -> None:
    """Positive control: unguarded, SERVICE does reach the canary."""
    with pytest.raises((RuntimeError, OSError)):
        result = ox.Store().query(f"SELECT * WHERE {{ SERVICE <{canary.url}> {{ ?s ?p ?o }} }}")
        assert isinstance(result, ox.QuerySolutions)
        list(result)
    _wait_for(lambda: len(canary.connections) > 0, "the canary to see pyoxigraph", 5)


# --- no outbound request ----------------------------------------------------------------------

SERVICE_QUERIES = {
    "plain": "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "silent": "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "variable": "SELECT * WHERE {{ VALUES ?svc {{ <{url}> }} SERVICE ?svc {{ ?s ?p ?o }} }}",
    "subquery": "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "optional": "SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ service silent <{url}> {{ ?x ?p ?o }} }} }}",  # noqa: E501
    "exists": "ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "minus": "SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    "construct": "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "prefixed": "PREFIX c: <{url}> SELECT * WHERE {{ SERVICE c: {{ ?s ?p ?o }} }}",
}


@pytest.mark.parametrize("kind", sorted(SERVICE_QUERIES))
def test_service_is_refused_before_execution(client: TestClient, canary: Canary,
                                             kind: str) -> None:
    query = SERVICE_QUERIES[kind].format(url=canary.url)
    for response in (
        client.get("/sparql", params={"query": query}),
        client.post("/sparql", data={"query": query}),
        client.post("/sparql", content=query,
                    headers={"Content-Type": "application/sparql-query"}),
    ):
        assert response.status_code == 400, response.text
        assert "SERVICE is not allowed" in response.text
    time.sleep(0.2)
    assert canary.connections == []


@pytest.mark.parametrize(
    ("clause", "target"),
    [("FROM", "canary"), ("FROM NAMED", "canary"), ("FROM", "file:///etc/passwd"),
     ("FROM NAMED", "file:///etc/hostname")],
)
def test_from_naming_a_remote_or_file_iri_is_refused(client: TestClient, canary: Canary,
                                                     clause: str, target: str) -> None:
    iri = canary.url if target == "canary" else target
    response = client.get("/sparql", params={"query": f"SELECT * {clause} <{iri}> {{ ?s ?p ?o }}"})
    assert response.status_code == 400
    assert "never" in response.text
    time.sleep(0.2)
    assert canary.connections == []


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
@pytest.mark.parametrize("target", ["canary", "file:///etc/passwd"])
def test_dataset_parameters_naming_remote_or_file_iris_are_refused(
    client: TestClient, canary: Canary, param: str, target: str
) -> None:
    iri = canary.url if target == "canary" else target
    response = client.post("/sparql", data={"query": "SELECT * { ?s ?p ?o } LIMIT 1", param: iri})
    assert response.status_code == 400
    time.sleep(0.2)
    assert canary.connections == []


def test_load_is_refused_even_with_the_update_token(client_with: ClientWith,
                                                    canary: Canary) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with client_with(update_token=TOKEN) as client:
        for update in (f"LOAD <{canary.url}>", f"LOAD SILENT <{canary.url}> INTO GRAPH <g:x>",
                       f"INSERT DATA {{ <a:b> <a:c> <a:d> }} ; load <{canary.url}>"):
            response = client.post("/sparql", content=update, headers={
                **auth, "Content-Type": "application/sparql-update"})
            assert response.status_code == 400, response.text
            assert "LOAD is not allowed" in response.text
        unchanged = client.get("/sparql", params={"query": "ASK { <a:b> <a:c> <a:d> }"})
        assert unchanged.json()["boolean"] is False
    time.sleep(0.2)
    assert canary.connections == []


def _contexts(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "@context":
                yield inner
            yield from _contexts(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _contexts(inner)


def test_json_ld_output_names_no_remote_context(client: TestClient) -> None:
    bodies = [
        client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 50"},
                   headers={"Accept": "application/ld+json"}).content,
        client.get("/store", params={"default": ""}, headers={"Accept": "application/ld+json"}
                   ).content,
        client.get("/downloads/kyotei.jsonld").content,
    ]
    for body in bodies:
        document = json.loads(body)
        for context in _contexts(document):
            for item in context if isinstance(context, list) else [context]:
                assert isinstance(item, dict), f"a context by reference: {item!r}"
        assert list(ox.parse(body, format=ox.RdfFormat.JSON_LD))


# --- read-only, and the update token ----------------------------------------------------------

INSERT = "INSERT DATA { <http://example.org/s> <http://example.org/p> 'added' }"
ASK_INSERTED = "ASK { <http://example.org/s> <http://example.org/p> 'added' }"


def _update(client: TestClient, headers: dict[str, str] | None = None) -> httpx.Response:
    response: httpx.Response = client.post("/sparql", content=INSERT, headers={
        "Content-Type": "application/sparql-update", **(headers or {})})
    return response


def test_read_only_without_a_token(client: TestClient) -> None:
    for response in (_update(client), client.post("/sparql", data={"update": INSERT})):
        assert response.status_code == 403
        assert "read-only" in response.text
    assert client.get("/sparql", params={"query": ASK_INSERTED}).json()["boolean"] is False
    for method in ("put", "delete"):
        assert getattr(client, method)("/store", params={"default": ""}).status_code == 405


def test_updates_need_the_configured_token(client_with: ClientWith, tmp_path: Path) -> None:
    with client_with(update_token=TOKEN, build_dir=tmp_path) as client:  # edits kept there
        missing = _update(client)
        assert missing.status_code == 401
        assert "bearer" in missing.headers["www-authenticate"].lower()
        wrong = _update(client, {"Authorization": "Bearer " + "x" * len(TOKEN)})
        assert wrong.status_code == 401
        assert client.get("/sparql", params={"query": ASK_INSERTED}).json()["boolean"] is False
        right = _update(client, {"Authorization": f"Bearer {TOKEN}"})
        assert right.status_code == 200, right.text
        assert client.get("/sparql", params={"query": ASK_INSERTED}).json()["boolean"] is True


def test_the_token_is_compared_in_constant_time(client_with: ClientWith,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(security, "hmac", SimpleNamespace(compare_digest=spy))
    with client_with(update_token=TOKEN) as client:
        assert _update(client, {"Authorization": "Bearer guess"}).status_code == 401
    assert compared == [(b"guess", TOKEN.encode())]


def test_wrong_tokens_lock_the_client_out_with_a_log_line_each(
    client_with: ClientWith, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("WARNING", logger="kyotei.server.security")
    with client_with(update_token=TOKEN, token_max_failures=3) as client:
        for _ in range(3):
            assert _update(client, {"Authorization": "Bearer guess"}).status_code == 401
        locked = _update(client, {"Authorization": f"Bearer {TOKEN}"})
        assert locked.status_code == 429
        assert "locked out" in locked.text
        assert int(locked.headers["retry-after"]) >= 1
        assert client.post("/admin/reload", headers={
            "Authorization": f"Bearer {TOKEN}"}).status_code == 429
        assert client.get("/sparql", params={"query": ASK_INSERTED}).json()["boolean"] is False
    lines = [r.getMessage() for r in caplog.records if "update token" in r.getMessage()]
    assert len(lines) == 3
    assert lines[0].endswith("failure 1 of 3")
    assert lines[2].endswith("failure 3 of 3 (now locked out)")


def test_a_lockout_ends_and_a_right_token_clears_the_count() -> None:
    guard = security.TokenGuard(max_failures=2, lockout_s=0.2)
    guard.failed("a", "x")
    guard.succeeded("a")
    guard.failed("a", "x")
    guard.check("a")  # one failure since the success: not locked
    guard.failed("a", "x")
    with pytest.raises(security.TooManyRequestsError):
        guard.check("a")
    guard.check("b")  # other clients are not affected
    time.sleep(0.3)
    guard.check("a")


# --- limits -----------------------------------------------------------------------------------


def test_the_time_limit_kills_the_worker(client_with: ClientWith) -> None:
    with client_with(query_timeout_s=1.0) as client:
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
        runtime = client.app.state.runtime  # type: ignore[attr-defined]
        snapshot = runtime.serving.current()
        before = runtime.engine.worker_pids(snapshot)
        assert len(before) == 1
        response = client.get("/sparql", params={"query": ENDLESS})
        assert response.status_code == 503
        assert "time limit" in response.text
        _wait_for(lambda: not _alive(before[0]), "the stuck worker to be gone")
        after = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        assert after.status_code == 200 and after.json()["boolean"] is True
        assert before[0] not in runtime.engine.worker_pids(snapshot)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie not yet reaped still answers kill(pid, 0)
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ")[1][:1] != "Z"
    except FileNotFoundError:
        return False


def test_health_answers_while_a_query_runs(serve: Serve) -> None:
    with serve(query_timeout_s=20.0) as server:
        runtime = server.app.state.runtime
        outcome: dict[str, int] = {}

        def long_query() -> None:
            reply = httpx.get(server.sparql, params={"query": ENDLESS}, timeout=60)
            outcome["status"] = reply.status_code

        thread = threading.Thread(target=long_query)
        thread.start()
        _wait_for(lambda: runtime.engine.in_flight == 1, "the long query to start")
        health = httpx.get(server.url + "/health", timeout=10)
        assert health.status_code == 200 and health.json()["queries_in_flight"] == 1
        assert thread.is_alive() and "status" not in outcome
        for pid in runtime.engine.worker_pids(runtime.serving.current()):
            os.kill(pid, 9)  # end the test without waiting for the time limit
        thread.join(30)
        assert outcome["status"] == 500


def _nested(depth: int) -> str:
    return "SELECT * WHERE " + "{ " * depth + "?s ?p ?o" + " }" * depth


def test_deep_nesting_is_400_and_the_server_lives_on(client: TestClient) -> None:
    for query in (_nested(10_000), "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000
                  + ") }"):
        response = client.post("/sparql", data={"query": query})
        assert response.status_code == 400
        assert "nests" in response.text
    unions = "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 10_000) + " }"
    response = client.post("/sparql", content=unions,
                           headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400 and "chains" in response.text
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]


def test_without_the_lexical_depth_check_the_parse_screen_refuses_in_the_worker(
    client_with: ClientWith,
) -> None:
    # worker_stack_mb=0: the stack the worker was started with (8 MiB). The parse in the
    # worker meets its recursion bound and refuses; the worker and the server live on.
    with client_with(max_nesting_depth=1_000_000, worker_stack_mb=0) as client:
        response = client.post("/sparql", content=_nested(10_000),
                               headers={"Content-Type": "application/sparql-query"})
        assert response.status_code == 400
        assert "too deeply structured" in response.text
        assert client.get("/health").status_code == 200
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"]


def test_result_rows_are_capped(client_with: ClientWith) -> None:
    with client_with(max_result_rows=5) as client:
        select = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert len(select.json()["results"]["bindings"]) == 5
        assert select.headers["kyotei-result-truncated"] == "5"
        construct = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
                               headers={"Accept": "application/n-triples"})
        assert len(construct.text.splitlines()) == 5
        small = client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 5"})
        assert "kyotei-result-truncated" not in small.headers


def test_request_bodies_are_capped(client_with: ClientWith) -> None:
    query = "ASK { ?s ?p ?o } #" + "x" * 4000
    with client_with(max_body_bytes=2048) as client:
        sized = client.post("/sparql", content=query,
                            headers={"Content-Type": "application/sparql-query"})
        assert sized.status_code == 413
        assert client.post("/sparql", data={"query": query}).status_code == 413
        fits = client.post("/sparql", content="ASK {}",
                           headers={"Content-Type": "application/sparql-query"})
        assert fits.status_code == 200


def test_chunked_bodies_are_counted_while_read(serve: Serve) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"ASK { ?s ?p ?o } #"
        for _ in range(100):
            yield b"x" * 100

    with serve(max_body_bytes=2048) as server:
        response = httpx.post(server.sparql, content=chunks(), timeout=30,
                              headers={"Content-Type": "application/sparql-query"})
        assert response.request.headers.get("transfer-encoding") == "chunked"
        assert "content-length" not in response.request.headers
        assert response.status_code == 413


def _start_long_query(server: Any) -> threading.Thread:
    def run() -> None:
        httpx.get(server.sparql, params={"query": ENDLESS}, timeout=60)

    thread = threading.Thread(target=run)
    thread.start()
    _wait_for(lambda: server.app.state.runtime.engine.in_flight == 1, "a long query")
    return thread


def _stop_long_query(server: Any, thread: threading.Thread) -> None:
    runtime = server.app.state.runtime
    for pid in runtime.engine.worker_pids(runtime.serving.current()):
        os.kill(pid, 9)
    thread.join(30)


@pytest.mark.parametrize(("limits", "status"), [
    ({"max_concurrent_queries": 1}, 429),  # beyond the concurrency limit
    ({"max_concurrent_queries": 4, "queue_timeout_s": 0.3}, 503),  # no worker free in time
], ids=["beyond-the-concurrency-limit-is-429", "waiting-too-long-for-a-worker-is-503"])
def test_a_query_refused_while_the_workers_are_busy_says_retry_after(
    serve: Serve, limits: dict[str, Any], status: int
) -> None:
    with serve(**limits, query_timeout_s=20.0) as server:
        thread = _start_long_query(server)
        try:
            response = httpx.get(server.sparql, params={"query": "ASK {}"}, timeout=10)
            assert response.status_code == status
            assert int(response.headers["retry-after"]) >= 1
        finally:
            _stop_long_query(server, thread)


# --- CORS ------------------------------------------------------------------------------------


def test_cors_allows_queries_from_any_origin_without_credentials(client: TestClient) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    simple = client.get("/sparql", params={"query": "ASK {}"}, headers=origin)
    assert simple.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in simple.headers
    preflight = client.options("/sparql", headers={
        **origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in preflight.headers
    with_token = client.options("/sparql", headers={
        **origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization"})
    assert with_token.status_code == 400  # no cross-origin updates with the token
