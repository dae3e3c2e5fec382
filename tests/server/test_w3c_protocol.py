"""The W3C SPARQL 1.1 protocol and service-description manifests, replayed over real HTTP.

Each test of ``tests/w3c/sparql11/protocol/manifest.ttl`` is read from the manifest
(requests, headers, bodies in their declared encoding, expected status classes, booleans
and formats) and sent to a live uvicorn server on 127.0.0.1 whose snapshot holds the
test data (data1..3.nt as named graphs, written with the graph package's snapshot writer).

What the server refuses by design must be refused as documented:

- updates on the read-only endpoint (no update token): 403, "read-only";
- a dataset naming ``data0.rdf``, which the tests expect fetched from the web: 400, "never
  fetches" (the store does not hold it and nothing is ever fetched);
- with a token, ``using-graph-uri`` / ``using-named-graph-uri``: 400, "not supported".

A second pass replays the update tests against a server with a token (the
``Authorization`` header added to each request).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from rdflib import RDF, Dataset, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from kyotei.graph.publish.snapshot import SnapshotStore
from kyotei.server.app import create_app
from kyotei.server.settings import ServerSettings
from kyotei.server.state import ServingState, load_snapshot

W3C = Path(__file__).resolve().parents[1] / "w3c" / "sparql11"  # shipped: tests/w3c/README.md
PROTOCOL = W3C / "protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
TOKEN = "w3c-token"  # noqa: S105
BOOLEAN_TYPES = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR_TYPES = BOOLEAN_TYPES | {"text/csv", "text/tab-separated-values"}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml",
             "application/ld+json", "application/trig", "application/n-quads"}


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: frozenset[str]  # e.g. {"2xx", "3xx"}
    boolean: bool | None
    form: str | None  # "boolean", "tabular" or "RDF"

    @property
    def is_update(self) -> bool:
        kind = self.headers.get("content-type", "")
        return kind.startswith("application/sparql-update") or (
            kind.startswith("application/x-www-form-urlencoded")
            and (self.body or b"").startswith(b"update="))


@dataclass(frozen=True)
class ProtocolTest:
    name: str
    requests: tuple[Request, ...]
    data: tuple[tuple[str, str], ...]  # (file, graph IRI)


def _items(graph: Graph, head: Node | None) -> list[Node]:
    return list(Collection(graph, head)) if head is not None else []


def _request(graph: Graph, node: Node) -> Request:
    headers = {str(graph.value(h, HT.fieldName)).lower(): str(graph.value(h, HT.fieldValue))
               for h in _items(graph, graph.value(node, HT.headers))}
    body_node = graph.value(node, HT.body)
    body = None
    if body_node is not None:
        encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(body_node, CNT.chars)).encode(encoding)
    response = graph.value(node, HT.resp)
    statuses = frozenset(str(s).rsplit("StatusCode", 1)[1]
                         for s in graph.objects(response, MF.expectedStatus))
    boolean = graph.value(response, MF.expectedBoolean)
    form = graph.value(response, MF.expectedFormat)
    return Request(str(graph.value(node, HT.methodName)),
                   str(graph.value(node, HT.absolutePath)).replace("/sparql/", "/sparql", 1),
                   headers, body, statuses,
                   None if boolean is None else str(boolean) == "true",
                   None if form is None else str(form))


def load_manifest() -> list[ProtocolTest]:
    graph = Graph().parse(PROTOCOL / "manifest.ttl", format="turtle",
                          publicID=(PROTOCOL / "manifest.ttl").as_uri())
    manifest = next(graph.subjects(RDF.type, MF.Manifest))
    tests = []
    for entry in _items(graph, graph.value(manifest, MF.entries)):
        action = graph.value(entry, MF.action)
        requests = tuple(_request(graph, r)
                         for r in _items(graph, graph.value(action, HT.requests)))
        data = tuple(sorted(
            (Path(str(graph.value(d, UT.graph)).removeprefix("file://")).name,
             str(graph.value(d, RDFS_LABEL)))
            for d in graph.objects(entry, UT.graphData)))
        tests.append(ProtocolTest(str(entry).rsplit("#", 1)[1], requests, data))
    return tests


TESTS = load_manifest()
UPDATE_TESTS = [t for t in TESTS if any(r.is_update for r in t.requests)]
OUTCOMES: dict[str, Counter[str]] = {"read-only": Counter(), "with token": Counter()}


@pytest.fixture(scope="module")
def w3c_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every graph the tests name, written as a build snapshot by the graph package."""
    dataset = Dataset()
    for test in TESTS:
        for file, iri in test.data:
            graph = dataset.graph(URIRef(iri))
            if not len(graph):
                graph.parse(PROTOCOL / file, format="nt")
    store = SnapshotStore(tmp_path_factory.mktemp("w3c") / "build")
    meta = {"base_iri": "http://www.example/id/", "sources": {"w3c": "protocol manifest"}}
    return store.write(dataset, Graph(), {"findings": []}, meta).path


def _serve(snapshot: Path, **overrides: Any) -> Iterator[str]:
    import importlib

    conftest = importlib.import_module("conftest")

    def make(settings: ServerSettings) -> FastAPI:
        return create_app(settings, ServingState(load_snapshot(snapshot)))

    with conftest.running(make, **overrides) as server:
        yield server.url


@pytest.fixture(scope="module")
def read_only_url(w3c_snapshot: Path) -> Iterator[str]:
    yield from _serve(w3c_snapshot, workers=2)


@pytest.fixture
def token_url(w3c_snapshot: Path, tmp_path: Path) -> Iterator[str]:
    # updates are kept in <build_dir>/edits: a fresh folder per test
    yield from _serve(w3c_snapshot, workers=1, update_token=TOKEN, build_dir=tmp_path)


def _send(url: str, request: Request, extra: dict[str, str] | None = None) -> httpx.Response:
    headers = {**request.headers, **(extra or {})}
    return httpx.request(request.method, url + request.path, headers=headers,
                         content=request.body, timeout=30, follow_redirects=False)


def _media(response: httpx.Response) -> str:
    header: str = response.headers.get("content-type", "")
    return header.split(";")[0].strip()


def _boolean(response: httpx.Response) -> bool:
    if _media(response).endswith("json"):
        return bool(json.loads(response.content)["boolean"])
    root = ET.fromstring(response.content)  # noqa: S314 - our own server's output
    return root.findtext("{http://www.w3.org/2005/sparql-results#}boolean") == "true"


def _check(request: Request, response: httpx.Response) -> None:
    status = f"{response.status_code // 100}xx"
    assert status in request.statuses, (request.path, response.status_code, response.text)
    if request.form == "boolean":
        assert _media(response) in BOOLEAN_TYPES
    elif request.form == "tabular":
        assert _media(response) in TABULAR_TYPES
    elif request.form == "RDF":
        assert _media(response) in RDF_TYPES
    if request.boolean is not None:
        assert _boolean(response) is request.boolean


def _refusal(request: Request, token: bool) -> tuple[int, str] | None:
    """The documented refusal this request must get, if it is refused by design."""
    if request.is_update and not token:
        return 403, "read-only"
    if "using-graph-uri" in request.path or "using-named-graph-uri" in request.path:
        return 400, "not supported"
    if "data0.rdf" in request.path:
        return 400, "never fetches"
    return None


def _replay(url: str, test: ProtocolTest, *, token: bool) -> str:
    extra = {"Authorization": f"Bearer {TOKEN}"} if token else None
    for request in test.requests:
        response = _send(url, request, extra)
        refusal = _refusal(request, token) if "4xx" not in request.statuses else None
        if refusal is not None:
            assert response.status_code == refusal[0], response.text
            assert refusal[1] in response.text
            return "refused by design"
        _check(request, response)
    return "passed"


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_protocol_read_only(read_only_url: str, test: ProtocolTest) -> None:
    OUTCOMES["read-only"][_replay(read_only_url, test, token=False)] += 1


@pytest.mark.parametrize("test", UPDATE_TESTS, ids=[t.name for t in UPDATE_TESTS])
def test_protocol_updates_with_a_token(token_url: str, test: ProtocolTest) -> None:
    OUTCOMES["with token"][_replay(token_url, test, token=True)] += 1


def test_service_description_manifest(read_only_url: str) -> None:
    """has-endpoint-triple, returns-rdf, conforms-to-schema."""
    manifest = Graph().parse(W3C / "service-description" / "manifest.ttl", format="turtle")
    names = {str(e).rsplit("#", 1)[1] for e in manifest.subjects(RDF.type,
                                                                 MF.ServiceDescriptionTest)}
    assert names == {"has-endpoint-triple", "returns-rdf", "conforms-to-schema"}
    response = httpx.get(read_only_url + "/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and _media(response) in RDF_TYPES  # returns-rdf
    graph = Graph().parse(data=response.content, format="turtle")
    endpoint = URIRef(read_only_url + "/sparql")
    assert set(graph.subjects(SD.endpoint, endpoint))  # has-endpoint-triple
    vocabulary = {"Service", "endpoint", "supportedLanguage", "SPARQL11Query", "resultFormat",
                  "defaultEntailmentRegime", "defaultDataset", "Dataset", "defaultGraph",
                  "Graph", "namedGraph", "NamedGraph", "name", "graph"}
    used = {str(t).removeprefix(str(SD)) for triple in graph for t in triple
            if str(t).startswith(str(SD))}
    assert used <= vocabulary  # conforms-to-schema: only terms of the SD vocabulary
    for service in graph.subjects(RDF.type, SD.Service):
        assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph


def test_zz_report(capsys: pytest.CaptureFixture[str]) -> None:
    """Counts, for the record (run with -s to see them)."""
    read_only, with_token = OUTCOMES["read-only"], OUTCOMES["with token"]
    if sum(read_only.values()) != len(TESTS):
        pytest.skip("run the whole module for the report")
    with capsys.disabled():
        print(f"\nW3C protocol manifest, {len(TESTS)} tests, read-only: {dict(read_only)}; "
              f"update tests with a token ({len(UPDATE_TESTS)}): {dict(with_token)}")
    assert read_only["passed"] + read_only["refused by design"] == len(TESTS)
