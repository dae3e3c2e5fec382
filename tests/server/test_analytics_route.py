"""``/analytics`` over HTTP: the same figures as the library, computed once per snapshot."""

from __future__ import annotations

import json
from importlib import resources

from fastapi.testclient import TestClient

from kyotei.graph.analytics import analyze


def test_json_matches_the_library_on_the_served_snapshot(client: TestClient) -> None:
    response = client.get("/analytics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    current = client.app.state.serving.current()  # type: ignore[attr-defined]
    expected = analyze(current.store, base_iri=current.base_iri).to_dict()
    assert response.json() == json.loads(json.dumps(expected))
    assert response.headers["x-kyotei-snapshot"] == current.id


def test_json_follows_the_published_schema(client: TestClient) -> None:
    import jsonschema

    schema = json.loads(
        resources.files("kyotei.graph.analytics").joinpath("schema.json").read_text("utf-8")
    )
    jsonschema.validate(client.get("/analytics?format=json").json(), schema)


def test_html_report_by_accept_and_format(client: TestClient) -> None:
    by_accept = client.get("/analytics", headers={"Accept": "text/html"})
    by_format = client.get("/analytics?format=html")
    for response in (by_accept, by_format):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert "<svg" in response.text
    assert by_accept.text == by_format.text


def test_computed_once_per_snapshot(client: TestClient) -> None:
    cache = client.app.state.analytics  # type: ignore[attr-defined]
    for _ in range(3):
        assert client.get("/analytics").status_code == 200
    client.get("/analytics?format=html")
    assert cache.computed == 1


def test_unacceptable_formats(client: TestClient) -> None:
    assert client.get("/analytics", headers={"Accept": "image/png"}).status_code == 406
    assert client.get("/analytics?format=pdf").status_code == 406
