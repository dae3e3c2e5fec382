"""GET and POST /sparql are answered before the router (protocol/endpoint.py, decision
0011), byte for byte as the router's route answers them: the same status, headers (CORS,
security headers, gzip, Vary) and body, for answers and for every kind of refusal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kyotei.server.app import create_app
from kyotei.server.protocol.endpoint import SparqlEndpoint
from kyotei.server.state import ServingState
from tests.server.conftest import make_settings

JSON = {"Accept": "application/sparql-results+json"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
QUERY = {"Content-Type": "application/sparql-query"}
BIG = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 200"

# (method, params, headers, body): each sent to both apps.
REQUESTS: list[tuple[str, dict[str, str], dict[str, str], bytes | None]] = [
    ("GET", {"query": "ASK {}"}, JSON, None),
    ("GET", {"query": "ASK {}", "format": "xml"}, {}, None),
    ("GET", {"query": BIG}, {**JSON, "Accept-Encoding": "gzip"}, None),
    ("GET", {"query": BIG}, {**JSON, "Accept-Encoding": "identity"}, None),
    ("GET", {"query": "ASK {}"}, {**JSON, "Origin": "https://example.org"}, None),
    ("GET", {}, {"Accept": "text/turtle"}, None),
    ("GET", {}, {"Accept": "text/html"}, None),
    ("GET", {"update": "CLEAR ALL"}, {}, None),
    ("GET", {"query": "ASK {", "format": "json"}, {}, None),
    ("GET", {"query": "ASK {}"}, {"Accept": "image/png"}, None),
    ("GET", {"query": "ASK {}", "format": "turtle"}, {}, None),
    ("GET", {"query": "ASK FROM <file:///etc/passwd> {}"}, {}, None),
    ("GET", {"query": "SELECT * { SERVICE <http://example.org/> { ?s ?p ?o } }"}, {}, None),
    ("GET", {"query": "DESCRIBE <https://w3id.org/kyotei/id/nothing>"}, {}, None),
    ("POST", {}, {**FORM, **JSON}, b"query=ASK+%7B%7D"),
    ("POST", {}, {**QUERY, **JSON}, b"ASK {}"),
    ("POST", {}, {"Content-Type": "application/sparql-query; charset=latin-1"}, b"ASK {}"),
    ("POST", {}, {"Content-Type": "text/plain"}, b"ASK {}"),
    ("POST", {}, {}, b"ASK {}"),
    ("POST", {}, FORM, b"query=ASK+%7B%7D&update=CLEAR+ALL"),
    ("POST", {}, FORM, b"nothing=here"),
    ("POST", {}, FORM, b"query=%FF"),
    ("POST", {"query": "ASK {}"}, QUERY, b"ASK {}"),
    ("POST", {}, {"Content-Type": "application/sparql-update"}, b"CLEAR ALL"),
    ("POST", {}, QUERY, b"ASK {}" + b" " * 5000),  # over max_body_bytes
    ("POST", {}, QUERY, b"\xff"),
]


def _without_endpoint(app: FastAPI) -> FastAPI:
    app.user_middleware = [m for m in app.user_middleware if m.cls is not SparqlEndpoint]
    return app


@pytest.fixture
def clients(state: ServingState) -> Iterator[tuple[TestClient, TestClient]]:
    settings = make_settings(max_body_bytes=4096)
    with TestClient(create_app(settings, state), follow_redirects=False) as lean, \
            TestClient(_without_endpoint(create_app(settings, state)),
                       follow_redirects=False) as routed:
        yield lean, routed


def _answer(client: TestClient, method: str, params: dict[str, str],
            headers: dict[str, str], body: bytes | None) -> tuple[Any, ...]:
    reply = client.request(method, "/sparql", params=params, headers=headers, content=body)
    return reply.status_code, list(reply.headers.multi_items()), reply.content


@pytest.mark.parametrize(("method", "params", "headers", "body"), REQUESTS)
def test_sparql_is_answered_as_the_router_answers_it(
    clients: tuple[TestClient, TestClient], method: str, params: dict[str, str],
    headers: dict[str, str], body: bytes | None,
) -> None:
    lean, routed = clients
    assert _answer(lean, method, params, headers, body) == _answer(routed, method, params,
                                                                   headers, body)


def test_the_endpoint_answers_without_the_router(state: ServingState) -> None:
    app = create_app(make_settings(), state)
    app.router.routes = [r for r in app.router.routes if getattr(r, "path", "") != "/sparql"]
    with TestClient(app) as client:
        assert client.get("/sparql", params={"query": "ASK {}"}, headers=JSON).json() == {
            "head": {}, "boolean": True}
        assert client.post("/sparql", content=b"ASK {}", headers=QUERY).status_code == 200
        # Other methods still go to the router (where /sparql is now gone).
        assert client.head("/sparql").status_code in (404, 405)
