"""The OpenAPI description, exercised by schemathesis in process (ASGI): no response is a
server error, and every status code a route returns is documented for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    status_code_conformance,
)

from kyotei.server.app import create_app
from kyotei.server.settings import ServerSettings
from kyotei.server.state import ServingState, load_snapshot

MAX_EXAMPLES = 30
# SPARQL request bodies are text: send them as schemathesis sends text/plain.
schemathesis.serializer.alias(["application/sparql-query", "application/sparql-update"],
                              "text/plain")


@pytest.fixture(scope="module")
def api_schema(session_build_dir: Path) -> Iterator[Any]:
    snapshot = next((session_build_dir / "snapshots").iterdir())
    settings = ServerSettings(workers=1, query_timeout_s=5.0, queue_timeout_s=5.0,
                              watch_interval_s=0, max_body_bytes=64_000)
    app = create_app(settings, ServingState(load_snapshot(snapshot)))
    with TestClient(app):  # runs the lifespan: workers start, and stop at the end
        schema = schemathesis.openapi.from_asgi("/openapi.json", app)
        schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True)
        yield schema


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
def test_every_route_keeps_its_documented_promises(case: Any) -> None:
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance,
                                   content_type_conformance])


def test_every_route_documents_its_refusals(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    sparql = paths["/sparql"]
    assert {"200", "400", "406", "429", "500", "503"} <= set(sparql["get"]["responses"])
    assert {"200", "400", "401", "403", "406", "413", "415", "429", "500", "503"} <= set(
        sparql["post"]["responses"])
    assert {"application/sparql-query", "application/sparql-update",
            "application/x-www-form-urlencoded"} <= set(
        sparql["post"]["requestBody"]["content"])
    assert {"200", "401", "403", "409", "422", "500", "503"} <= set(
        paths["/admin/reload"]["post"]["responses"])
    assert {"200", "400", "404", "406"} <= set(paths["/store"]["get"]["responses"])


@pytest.mark.parametrize("asked", ["application/json", "text/plain", "application/xml",
                                   "application/x-turtle", "application/ld+json"])
def test_a_graph_in_an_alias_media_type_is_documented(client: TestClient, asked: str) -> None:
    """An alias (``application/json`` for JSON-LD …) is answered under its own name, so the
    API description lists it for the routes that answer graphs (schemathesis found
    ``GET /store?format=application/json`` undocumented)."""
    paths = client.get("/openapi.json").json()["paths"]
    answer = client.get("/store", params={"default": "", "format": asked})
    assert answer.status_code == 200
    media = answer.headers["content-type"].split(";")[0]
    assert media == asked
    assert media in paths["/store"]["get"]["responses"]["200"]["content"]
