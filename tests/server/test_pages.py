"""The query page, its gallery of examples and its static files, in process."""

from __future__ import annotations

import html.parser
import importlib.resources
import io
import json
import re
from typing import Any

import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from kyotei.server.pages import gallery
from kyotei.server.pages import routes as pages

EXAMPLES = gallery.examples()
EDITOR_PREFIXES = {"kyotei", "org", "skos", "prov", "dcterms", "rdfs", "xsd", "id"}


class _Assets(html.parser.HTMLParser):
    """Collects what a page loads (scripts, styles, icons) and its JSON configuration."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.config_text = ""
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.loads.append(found["src"] or "")
        if tag == "link" and found.get("rel") in {"stylesheet", "icon"}:
            self.loads.append(found.get("href") or "")
        self._in_config = tag == "script" and found.get("id") == "kyotei-config"

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config_text += data

    def handle_endtag(self, tag: str) -> None:
        self._in_config = False


def _page(client: TestClient) -> tuple[_Assets, dict[str, Any]]:
    response = client.get("/", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assets = _Assets()
    assets.feed(response.text)
    return assets, json.loads(assets.config_text)


def _base_iri(app: FastAPI) -> str:
    base: str = app.state.serving.current().base_iri
    return base


def test_query_page_preloads_prefixes_and_examples(client: TestClient, app: FastAPI) -> None:
    _, config = _page(client)
    base = _base_iri(app)
    assert config["prefixes"]["id"] == base
    assert EDITOR_PREFIXES <= set(config["prefixes"])
    assert config["endpoint"] == "/sparql"
    assert [e["key"] for e in config["examples"]] == [e.key for e in EXAMPLES]
    for example in config["examples"]:
        assert example["title"]["ja"] and example["title"]["en"]
        declared = set(re.findall(r"^PREFIX (\w+):", example["query"], flags=re.MULTILINE))
        assert EDITOR_PREFIXES <= declared
        assert "PREFIX id:" in example["query"] and f"<{base}>" in example["query"]
    assert set(config["messages"]) == {"ja", "en"}
    assert config["messages"]["ja"].keys() == config["messages"]["en"].keys()


def test_query_page_loads_nothing_from_elsewhere(client: TestClient) -> None:
    assets, _ = _page(client)
    assert assets.loads, "the page should load its script and style"
    for url in assets.loads:
        assert url.startswith("/static/"), url
        assert client.get(url).status_code == 200, url


def test_static_files_name_no_other_host() -> None:
    allowed = {"http://www.w3.org/2001/XMLSchema#", "http://www.w3.org/2000/svg"}
    folder = importlib.resources.files("kyotei.server.pages") / "static"
    for item in folder.iterdir():
        if not item.is_file():  # vendor/: release files, held offline by the Chromium test
            continue
        text = item.read_text(encoding="utf-8")
        urls = set(re.findall(r"https?://[^\s\"'`)]*", text))
        assert urls <= allowed, (item.name, urls - allowed)


def test_static_file_revalidates_with_etag(client: TestClient) -> None:
    first = client.get("/static/query.js")
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("text/javascript")
    again = client.get("/static/query.js", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert client.get("/static/no-such-file.js").status_code == 404


def test_query_page_language_follows_lang_then_cookie(client: TestClient) -> None:
    english = client.get("/?lang=en")
    assert '<html lang="en">' in english.text
    assert english.cookies.get(pages.LANG_COOKIE) == "en"
    japanese = client.get("/", headers={"Accept-Language": "ja,en;q=0.5"},
                          cookies={pages.LANG_COOKIE: "ja"})
    assert '<html lang="ja">' in japanese.text


class _Snapshot:
    def __init__(self, base_iri: str) -> None:
        self.store = ox.Store()
        self.base_iri = base_iri


class _Serving:
    def __init__(self, snapshot: _Snapshot) -> None:
        self.snapshot = snapshot

    def current(self) -> _Snapshot:
        return self.snapshot


def test_query_page_config_cannot_close_its_script_tag() -> None:
    """Whatever the configured base IRI holds, it stays inside the JSON of the page."""
    base = "http://example.org/</script><script>alert(1)</script>/"
    app = FastAPI()
    app.state.serving = _Serving(_Snapshot(base))
    app.include_router(pages.router)
    with TestClient(app) as client:
        text = client.get("/").text
        assets, config = _page(client)
    assert "<script>alert(1)" not in text
    assert config["base"] == base  # and the page's script still reads it intact
    assert assets.loads == ["/static/favicon.svg", "/static/kyotei.css",
                            "/static/vendor/d3.min.js", "/static/vendor/topojson-client.min.js",
                            "/static/query.js"]


# --- the gallery ---------------------------------------------------------------------------


def test_every_example_is_named_in_english_and_japanese() -> None:
    assert len(EXAMPLES) >= 5
    for example in EXAMPLES:
        for field in (example.title, example.description):
            assert set(field) == {"en", "ja"}
            assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", field["ja"]), example.key
        assert not re.search(r"^\s*PREFIX", example.body, flags=re.MULTILINE | re.IGNORECASE)


def test_an_example_without_its_header_is_refused() -> None:
    with pytest.raises(ValueError, match="header"):
        gallery.parse_example("broken", "# title: Only English\nSELECT * WHERE { ?s ?p ?o }\n")


def test_prologue_adds_only_known_prefixes_the_body_uses() -> None:
    body = "SELECT * WHERE { ?s schema:name ?n ; ex:p ?o . GRAPH graph:inferred { ?s ?p ?o } }"
    text = gallery.prologue(body, "http://example.org/id/")
    declared = dict(re.findall(r"^PREFIX (\w+):\s+<([^>]*)>", text, flags=re.MULTILINE))
    assert set(declared) == EDITOR_PREFIXES | {"schema", "graph"}
    assert declared["graph"] == "http://example.org/id/graph/"


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.key for e in EXAMPLES])
def test_example_runs_and_returns_rows(
    example: gallery.Example, client: TestClient, app: FastAPI
) -> None:
    query = gallery.with_prologue(example.body, _base_iri(app))
    response = client.post(
        "/sparql", data={"query": query},
        headers={"Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
    )
    assert response.status_code == 200, response.text
    media = response.headers["content-type"].split(";")[0]
    if media == "application/sparql-results+json":
        rows = json.loads(response.text)["results"]["bindings"]
        assert rows, f"{example.key} returned no rows on the fixture"
    else:
        assert media == "application/n-triples"
        triples = list(ox.parse(io.BytesIO(response.content), format=ox.RdfFormat.N_TRIPLES))
        assert triples, f"{example.key} constructed nothing on the fixture"


def test_shared_query_url_offers_every_download(client: TestClient, app: FastAPI) -> None:
    """The download links the page builds (``/sparql?query=…&format=…``) all answer."""
    _, config = _page(client)
    body = "SELECT ?type (COUNT(*) AS ?n) WHERE { ?s a ?type } GROUP BY ?type"
    query = gallery.with_prologue(body, _base_iri(app))
    construct = gallery.with_prologue("CONSTRUCT WHERE { ?s a ?type } LIMIT 5", _base_iri(app))
    for form, text in (("bindings", query), ("graph", construct)):
        for fmt in config["formats"][form]:
            response = client.get("/sparql", params={"query": text, "format": fmt["name"]})
            assert response.status_code == 200, (fmt, response.text)
            assert response.content, fmt


# --- OpenAPI -------------------------------------------------------------------------------


def test_openapi_documents_every_status_of_the_pages(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"200"} <= set(paths["/"]["get"]["responses"])
    assert {"200", "304", "404"} <= set(paths["/static/{name}"]["get"]["responses"])
    resource = paths["/id/{rest}"]["get"]["responses"]
    assert {"200", "400", "404", "406"} <= set(resource)
    assert {"text/html", "text/turtle", "application/ld+json", "application/n-triples"} <= set(
        resource["200"]["content"]
    )
